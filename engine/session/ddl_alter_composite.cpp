// ALTER TYPE composite ADD / DROP [IF EXISTS] / ALTER [SET DATA] TYPE ATTRIBUTE and
// ALTER TYPE composite RENAME ATTRIBUTE: the attribute list in _pgmicro_type_attribute is
// rewritten. A composite stored in table columns (directly, in arrays, domains or other
// composites) keeps its values as record text, so adding or dropping an attribute of such a type
// would need every stored value rewritten: that is refused with 0A000; changing an attribute's
// type is refused with PostgreSQL's own error; renaming changes no stored value.
#include <algorithm>
#include <functional>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "session/typed_tables.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

// Does a value of type `t` contain a value of composite type `target`?
bool type_contains(const UserTypes& ut, Oid t, Oid target, int depth = 0) {
  if (t == target || depth > 32) return t == target;
  const UserType* u = ut.find(t);
  if (!u) {
    for (auto& [oid, x] : ut.all())
      if (x->array_oid == t) return type_contains(ut, oid, target, depth + 1);
    return false;
  }
  if (u->kind == 'd') return type_contains(ut, u->base, target, depth + 1);
  if (u->kind == 'c')
    for (auto& f : u->fields)
      if (type_contains(ut, f.type, target, depth + 1)) return true;
  return false;
}

// A composite type (not a table's row type) named by the statement's RangeVar, or PostgreSQL's errors.
const UserType& composite_for_alter(Catalog& cat, RangeVar* rv) {
  std::string name = rv->relname;
  std::string schema = rv->schemaname ? rv->schemaname : "";
  if (!schema.empty() && schema != kPublicSchema) {
    if (!cat.find_schema(schema)) throw PgError("3F000", "schema \"" + schema + "\" does not exist");
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + schema + "." + name + "\" does not exist");
  }
  if (cat.find_table(schema, name)) throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a composite type");
  const UserType* u = cat.user_types().find_by_name(name);
  if (!u) throw PgError(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist");
  if (u->kind != 'c' || u->relid) throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a composite type");
  return *u;
}

// The first table column (or index expression) storing values of `type`, as "table.column".
std::string stored_in(Catalog& cat, Oid type) {
  const UserTypes& ut = cat.user_types();
  for (auto& t : cat.tables()) {
    for (auto& c : t->columns)
      if (type_contains(ut, c.type, type)) return t->name + "." + c.name;
  }
  // Expression indexes whose key mentions the type by name (PostgreSQL names the key column).
  const UserType* u = ut.find(type);
  for (auto& t : cat.tables())
    for (auto& ix : t->indexes)
      for (auto& e : ix.exprs) {
        if (e.empty() || !u || e.find(u->name) == std::string::npos) continue;
        ParsedScript ps("SELECT " + e);
        auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
        return ix.name + "." + Analyzer::figure_colname(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val);
      }
  return "";
}

}  // namespace

bool SessionImpl::alter_composite_type(AlterTableStmt* stmt, StatementResult& out) {
  if (stmt->objtype != OBJECT_TYPE) return false;
  out.command_tag = "ALTER TYPE";
  const UserType& u = composite_for_alter(catalog_, stmt->relation);
  std::string tname = u.name;
  Oid toid = u.oid;
  std::vector<RowField> fields = u.fields;
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  a.sql_ = current_sql_;
  bool changes_storage = false, changes_type = false;
  for_each_node(stmt->cmds, [&](Node* n) {
    auto* cmd = reinterpret_cast<AlterTableCmd*>(n);
    auto find = [&](const std::string& name) {
      for (size_t i = 0; i < fields.size(); i++)
        if (fields[i].name == name) return (int)i;
      return -1;
    };
    switch (cmd->subtype) {
      case AT_AddColumn: {
        auto* cd = reinterpret_cast<::ColumnDef*>(cmd->def);
        std::string col = cd->colname;
        if (find(col) >= 0) throw PgError(sqlstate::kDuplicateColumn, "column \"" + col + "\" of relation \"" + tname + "\" already exists");
        RowField f;
        f.name = col;
        a.resolve_type_name(cd->typeName, f.type, f.typmod);
        if (f.type == oid::kRecord || (find_type(f.type) && find_type(f.type)->category == 'P'))
          throw PgError(sqlstate::kInvalidTableDefinition, "column \"" + col + "\" has pseudo-type " + format_type_name(f.type, -1));
        if (type_contains(catalog_.user_types(), f.type, toid))
          throw PgError(sqlstate::kInvalidTableDefinition, "composite type " + tname + " cannot be made a member of itself");
        fields.push_back(f);
        changes_storage = true;
        break;
      }
      case AT_DropColumn: {
        std::string col = cmd->name;
        int i = find(col);
        if (i < 0) {
          if (cmd->missing_ok) {
            out.notices.push_back({"NOTICE", "00000", "column \"" + col + "\" of relation \"" + tname + "\" does not exist, skipping"});
            break;
          }
          throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + tname + "\" does not exist");
        }
        fields.erase(fields.begin() + i);
        changes_storage = true;
        break;
      }
      case AT_AlterColumnType: {
        auto* cd = reinterpret_cast<::ColumnDef*>(cmd->def);
        std::string col = cmd->name;
        int i = find(col);
        if (i < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + tname + "\" does not exist");
        a.resolve_type_name(cd->typeName, fields[i].type, fields[i].typmod);
        if (type_contains(catalog_.user_types(), fields[i].type, toid))
          throw PgError(sqlstate::kInvalidTableDefinition, "composite type " + tname + " cannot be made a member of itself");
        changes_type = true;
        break;
      }
      default: unsupported("this ALTER TYPE subcommand");
    }
  });
  if (changes_type || changes_storage) {
    std::string user = stored_in(catalog_, toid);
    if (!user.empty()) {
      if (changes_type) throw PgError(sqlstate::kFeatureNotSupported, "cannot alter type \"" + tname + "\" because column \"" + user + "\" uses it");
      unsupported("adding or dropping attributes of a composite type stored in a table column (\"" + user + "\")");
    }
  }
  std::string sql = "DELETE FROM _pgmicro_type_attribute WHERE typrelid = " + std::to_string(toid) + ";";
  for (size_t i = 0; i < fields.size(); i++)
    sql += "INSERT INTO _pgmicro_type_attribute VALUES (" + std::to_string(toid) + ", " + std::to_string(i + 1) + ", " +
           quote_literal(fields[i].name) + ", " + std::to_string(fields[i].type) + ", " + std::to_string(fields[i].typmod) + ");";
  exec_sql(conn_, sql);
  bump_schema();
  return true;
}

bool SessionImpl::rename_composite_attribute(RenameStmt* stmt, StatementResult& out) {
  if (stmt->renameType != OBJECT_ATTRIBUTE) return false;
  out.command_tag = "ALTER TYPE";
  const UserType& u = composite_for_alter(catalog_, stmt->relation);
  std::string col = stmt->subname, newname = stmt->newname;
  int idx = -1;
  for (size_t i = 0; i < u.fields.size(); i++)
    if (u.fields[i].name == col) idx = (int)i;
  if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" does not exist");
  for (auto& f : u.fields)
    if (f.name == newname)
      throw PgError(sqlstate::kDuplicateColumn, "column \"" + newname + "\" of relation \"" + u.name + "\" already exists");
  exec_sql(conn_, "UPDATE _pgmicro_type_attribute SET attname = " + quote_literal(newname) + " WHERE typrelid = " +
                      std::to_string(u.oid) + " AND attnum = " + std::to_string(idx + 1));
  bump_schema();
  return true;
}

}  // namespace pgmicro

namespace pgmicro {

void alter_table_of(const Catalog& cat, const TableDef& t, TypeName* type_name, Analyzer& a) {
  Oid type = 0;
  int32_t typmod = -1;
  try {
    a.resolve_type_name(type_name, type, typmod);
  } catch (PgError& e) {
    e.error.position = 0;  // PostgreSQL reports it without a position
    throw;
  }
  const UserType* u = cat.user_types().find(type);
  if (!u || u->kind != 'c' || u->relid)
    throw PgError(sqlstate::kWrongObjectType, "type " + format_type_name(type, -1) + " is not a composite type");
  if (!t.parents.empty()) throw PgError(sqlstate::kWrongObjectType, "typed tables cannot inherit");
  size_t i = 0;
  for (; i < t.columns.size() && i < u->fields.size(); i++) {
    const ColumnDef& c = t.columns[i];
    const RowField& f = u->fields[i];
    if (c.name != f.name)
      throw PgError(sqlstate::kDatatypeMismatch, "table has column \"" + c.name + "\" where type requires \"" + f.name + "\"");
    if (c.type != f.type || c.typmod != f.typmod || c.collation != 0)
      throw PgError(sqlstate::kDatatypeMismatch, "table \"" + t.name + "\" has different type for column \"" + f.name + "\"");
  }
  if (i < t.columns.size()) throw PgError(sqlstate::kDatatypeMismatch, "table has extra column \"" + t.columns[i].name + "\"");
  if (i < u->fields.size()) throw PgError(sqlstate::kDatatypeMismatch, "table is missing column \"" + u->fields[i].name + "\"");
  unsupported("typed tables");
}

}  // namespace pgmicro
