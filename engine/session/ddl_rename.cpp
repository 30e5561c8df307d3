// ALTER INDEX / VIEW / SEQUENCE ... RENAME TO (and ALTER TABLE ... RENAME TO naming one of
// those): the catalog's name changes; an index's SQLite index is recreated under the new name
// (SQLite cannot rename an index), and a renamed sequence's nextval defaults follow it.
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "runtime/function_context.h"
#include "session/session_impl.h"

namespace pgmicro {

namespace {

std::string index_sql(sqlite3* db, const std::string& schema, const std::string& name) {
  std::string q = "SELECT sql FROM " + sqlite_database(schema) + ".sqlite_schema WHERE type = 'index' AND name = " +
                  quote_literal(sqlite_relation_name(schema, name));
  sqlite3_stmt* st = nullptr;
  std::string s;
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    s = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return s;
}

}  // namespace

// Whether this RenameStmt is one execute_rename_relation handles.
bool SessionImpl::rename_other_relation(RenameStmt* stmt) {
  if (stmt->renameType == OBJECT_VIEW || stmt->renameType == OBJECT_SEQUENCE) return true;
  if (stmt->renameType != OBJECT_TABLE && stmt->renameType != OBJECT_INDEX) return false;
  std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  if (!schema.empty() && !catalog_.find_schema(schema)) return stmt->renameType == OBJECT_INDEX;
  std::string name = stmt->relation->relname;
  // ALTER INDEX renames any relation (PostgreSQL does not check the kind).
  if (stmt->renameType == OBJECT_INDEX) {
    if (!catalog_.find_table(schema, name)) return true;
    stmt->renameType = OBJECT_TABLE;
    return false;
  }
  return !catalog_.find_table(schema, name) &&
         (catalog_.find_view(schema, name) || catalog_.find_sequence(schema, name) || catalog_.find_index(schema, name).second);
}

void SessionImpl::execute_rename_relation(RenameStmt* stmt, StatementResult& out) {
  ObjectType kind = stmt->renameType;
  out.command_tag = kind == OBJECT_INDEX ? "ALTER INDEX" : kind == OBJECT_VIEW ? "ALTER VIEW" : kind == OBJECT_SEQUENCE ? "ALTER SEQUENCE" : "ALTER TABLE";
  std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  std::string name = stmt->relation->relname;
  if (!schema.empty() && !catalog_.find_schema(schema)) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "schema \"" + schema + "\" does not exist, skipping"});
      return;
    }
    throw PgError("3F000", "schema \"" + schema + "\" does not exist");
  }
  const TableDef* t = catalog_.find_table(schema, name);
  const ViewDef* v = catalog_.find_view(schema, name);
  const SequenceDef* q = catalog_.find_sequence(schema, name);
  auto [it, ix] = catalog_.find_index(schema, name);
  // An index of a key constraint is known by the constraint's name.
  const TableDef* ct = nullptr;
  const ConstraintDef* key = nullptr;
  if (!t && !v && !q && !ix)
    for (auto& tt : catalog_.tables())
      if (schema.empty() || tt->schema == Catalog::canonical_schema(schema))
        for (auto& c : tt->constraints)
          if ((c.type == 'p' || c.type == 'u') && c.name == name && !key) { ct = tt.get(); key = &c; }
  if (!t && !v && !q && !ix && !key) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "relation \"" + name + "\" does not exist, skipping"});
      return;
    }
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + (schema.empty() ? "" : schema + ".") + name + "\" does not exist");
  }
  if (kind == OBJECT_VIEW && !v) throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a view");
  if (kind == OBJECT_SEQUENCE && !q) throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a sequence");
  if (t) unsupported("ALTER ... RENAME of this relation");
  std::string rschema = v ? v->schema : q ? q->schema : ix ? it->schema : ct->schema;
  std::string newname = stmt->newname;
  if (relation_name_taken(rschema, newname))
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + newname + "\" already exists");
  const std::string cp = catalog_prefix(rschema);
  if (v) {
    exec_sql(conn_, "UPDATE " + cp + "_pgmicro_class SET relname = " + quote_literal(newname) + " WHERE oid = " + std::to_string(v->oid));
    bump_schema();
    return;
  }
  if (q) {
    // Defaults naming the sequence follow it (PostgreSQL's regclass constants hold its OID).
    auto ref = [&](const std::string& n) {
      std::string r = q->schema == kPublicSchema || q->schema == kTempSchema ? n : pg_quote_identifier(q->schema) + "." + n;
      return quote_literal("nextval(" + quote_literal(r) + "::regclass)");
    };
    std::string sql = "UPDATE " + cp + "_pgmicro_class SET relname = " + quote_literal(newname) + " WHERE oid = " + std::to_string(q->oid) + ";";
    for (const char* p : {"main.", "pgtemp."}) {
      if (std::string(p) == "pgtemp." && !catalog_.temp_schema_exists()) continue;
      sql += std::string("UPDATE ") + p + "_pgmicro_attribute SET attdefault = " + ref(newname) + " WHERE attdefault = " + ref(name) + ";";
    }
    exec_sql(conn_, sql);
    bump_schema();
    return;
  }
  std::string idx_name = ix ? ix->name : key->name;
  const TableDef* owner = ix ? it : ct;
  std::string sql;
  if (ix) sql += "UPDATE " + cp + "_pgmicro_class SET relname = " + quote_literal(newname) + " WHERE oid = " + std::to_string(ix->oid) + ";";
  else sql += "UPDATE " + cp + "_pgmicro_constraint SET conname = " + quote_literal(newname) + " WHERE oid = " + std::to_string(key->oid) + ";";
  std::string old_sql = index_sql(conn_, rschema, idx_name);
  if (!old_sql.empty()) {
    std::string cols = old_sql.substr(old_sql.find(" ON "));
    size_t paren = cols.find('(');
    std::string unique = old_sql.compare(0, 13, "CREATE UNIQUE") == 0 ? "UNIQUE " : "";
    sql += "DROP INDEX " + sqlite_ref(rschema, idx_name) + ";CREATE " + unique + "INDEX " + sqlite_ref(rschema, newname) + " ON " +
           quote_ident(sqlite_relation_name(owner->schema, owner->name)) + " " + cols.substr(paren) + ";";
  }
  drop_triggers(owner->name);
  exec_sql(conn_, sql);
  bump_schema();
}

}  // namespace pgmicro
