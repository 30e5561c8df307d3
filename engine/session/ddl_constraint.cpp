// ALTER TABLE constraint subcommands other than FOREIGN KEY creation: ADD CHECK (existing rows
// checked unless NOT VALID), ADD UNIQUE / PRIMARY KEY (a SQLite unique index named after the
// constraint; existing duplicates fail as PostgreSQL's index build does), ADD ... USING INDEX,
// VALIDATE CONSTRAINT, RENAME CONSTRAINT, DROP of key constraints, and the subcommands whose
// only visible effect in PostgreSQL is the command tag (SET STATISTICS, SET STORAGE, CLUSTER ON,
// SET (options), REPLICA IDENTITY, ...), checked as PostgreSQL checks them.
#include <algorithm>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/table_reloptions.h"
#include "session/ddl_inherit.h"
#include "session/ddl_partition.h"
#include "session/foreign_keys.h"
#include "session/check_system_columns.h"
#include "session/session_impl.h"
#include "runtime/function_context.h"
#include "types/type_io.h"
#include "types/user_types.h"

namespace pgmicro {

std::string check_source(std::string_view sql, int location);  // ddl.cpp

namespace {

bool sqlite_index_exists(sqlite3* db, const std::string& schema, const std::string& name) {
  std::string q = "SELECT 1 FROM " + sqlite_database(schema) + ".sqlite_schema WHERE type = 'index' AND name = " +
                  quote_literal(sqlite_relation_name(schema, name));
  sqlite3_stmt* st = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK) found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

std::string keys_list(const std::vector<int>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++) s += (i ? "," : "") + std::to_string(cols[i] + 1);
  return s;
}

void collect_columns(const Expr& e, std::vector<int>& cols) {
  if (e.kind == ExprKind::Var && e.levelsup == 0 && std::find(cols.begin(), cols.end(), e.attno) == cols.end())
    cols.push_back(e.attno);
  for (auto& a : e.args) collect_columns(*a, cols);
}

const ConstraintDef* find_constraint(const TableDef& t, const std::string& name) {
  for (auto& c : t.constraints)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

// Whether `name` is taken in `schema` by a relation or a key constraint's index.
bool SessionImpl::relation_name_taken(const std::string& schema, const std::string& name) {
  if (catalog_.relation_exists(schema, name)) return true;
  for (auto& tt : catalog_.tables())
    if (tt->schema == schema)
      for (auto& c : tt->constraints)
        if ((c.type == 'p' || c.type == 'u') && c.name == name) return true;
  return false;
}

// A CHECK expression over table `t`, analyzed and lowered for `SELECT ... FROM t`.
std::string SessionImpl::check_expr_sql(const TableDef& t, Node* expr, std::vector<int>* vars) {
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  a.sql_ = current_sql_;
  auto scope = a.dml_scope(&t, "");
  a.scope_ = scope.get();
  ExprPtr e = a.transform_expr(expr, ExprContext::Check);
  a.scope_ = nullptr;
  e = a.coerce_to_bool(e, "CHECK");
  if (vars) collect_columns(*e, *vars);
  return lower_expr_in(*e, scope->rtable);
}

// 23514 when some row of `t` makes the CHECK `expr_sql` false.
void SessionImpl::validate_check_rows(const TableDef& t, const std::string& name, const std::string& expr_sql) {
  std::string q = "SELECT 1 FROM " + t.sqlite_ref() + " WHERE (" + expr_sql + ") IS FALSE LIMIT 1";
  runtime_.pending_error.reset();
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) != SQLITE_OK) throw PgError(translate_sqlite_error(SQLITE_ERROR));
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc == SQLITE_ROW)
    throw PgError(sqlstate::kCheckViolation, "check constraint \"" + name + "\" of relation \"" + t.name + "\" is violated by some row");
  if (rc != SQLITE_DONE) throw PgError(translate_sqlite_error(rc));
}

void SessionImpl::alter_add_constraint(const TableDef& t, Constraint* c, StatementResult& out, std::vector<int> column) {
  (void)out;
  const std::string cp = catalog_prefix(t.schema);
  if (c->contype == CONSTR_CHECK) {
    std::string src = check_source(current_sql_, c->location);
    if (src.empty()) unsupported("this CHECK constraint text", c->location);
    std::vector<int> vars;
    std::string expr_sql;
    try {
      expr_sql = check_expr_sql(t, c->raw_expr, &vars);
    } catch (PgError& e) {
      e.error.position = 0;  // PostgreSQL analyses ALTER TABLE's constraint expressions without the statement text
      throw;
    }
    std::string name = c->conname ? c->conname : "";
    if (name.empty()) {
      std::sort(vars.begin(), vars.end());
      vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
      bool sys = check_mentions_tableoid(c->raw_expr, t);  // a Var too, as in CREATE TABLE
      std::string base = t.name + (vars.size() == 1 && !sys ? "_" + t.columns[vars[0]].name : vars.empty() && sys ? "_tableoid" : "") + "_check";
      name = base;
      for (int i = 1; find_constraint(t, name); i++) name = base + std::to_string(i);
    } else if (find_constraint(t, name)) {
      throw PgError(sqlstate::kDuplicateObject, "constraint \"" + name + "\" for relation \"" + t.name + "\" already exists");
    }
    if (!c->skip_validation) validate_check_rows(t, name, expr_sql);
    int64_t coid = Catalog::allocate_oid(conn_);
    drop_triggers(t.name);
    exec_sql(conn_, "INSERT INTO " + cp + "_pgmicro_constraint(oid, conrelid, conname, contype, conkey, consrc) VALUES(" +
                        std::to_string(coid) + ", " + std::to_string(t.oid) + ", " + quote_literal(name) + ", 'c', '', " +
                        quote_literal(src) + ");");
    if (c->is_no_inherit) exec_sql(conn_, coninh_row_sql(coid, cp, 0, true, true));
    bump_schema();
    return;
  }
  if (c->contype == CONSTR_EXCLUSION) return add_exclusion_constraint(t, c, cp);
  if (c->contype != CONSTR_PRIMARY && c->contype != CONSTR_UNIQUE) unsupported("this kind of constraint in ALTER TABLE ADD CONSTRAINT", c->location);
  bool primary = c->contype == CONSTR_PRIMARY;
  if (c->nulls_not_distinct) unsupported("UNIQUE NULLS NOT DISTINCT", c->location);  // SQLite's unique indexes: NULLs distinct
  if (c->initdeferred) unsupported("INITIALLY DEFERRED unique and primary key constraints", c->location);
  if (primary)
    for (auto& k : t.constraints)
      if (k.type == 'p')
        throw PgError(sqlstate::kInvalidTableDefinition, "multiple primary keys for table \"" + t.name + "\" are not allowed");
  std::vector<int> cols;
  const IndexDef* using_index = nullptr;
  if (c->indexname) {
    auto [it, ix] = catalog_.find_index(t.schema, c->indexname);
    if (!ix || it != &t) {
      if (ix) throw PgError(sqlstate::kWrongObjectType, "index \"" + std::string(c->indexname) + "\" does not belong to table \"" + t.name + "\"");
      throw PgError(sqlstate::kUndefinedObject, "index \"" + std::string(c->indexname) + "\" does not exist").at(c->location);
    }
    if (!ix->unique)
      throw PgError(sqlstate::kWrongObjectType, "\"" + ix->name + "\" is not a unique index", "Cannot create a primary key or unique constraint using such an index.").at(c->location);
    using_index = ix;
    cols = ix->columns;
  } else if (!column.empty()) {
    cols = column;  // a column constraint of ADD COLUMN
  } else {
    if (list_size(c->including)) unsupported("INCLUDE in constraints", c->location);
    for_each_node(c->keys, [&](Node* k) {
      std::string cname = node_string(k);
      int idx = t.find_column(cname);
      if (idx < 0 && primary)  // PostgreSQL's ALTER TABLE sets the key NOT NULL first
        throw PgError(sqlstate::kUndefinedColumn, "column \"" + cname + "\" of relation \"" + t.name + "\" does not exist");
      if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + cname + "\" named in key does not exist");
      for (int x : cols)
        if (x == idx)
          throw PgError(sqlstate::kDuplicateColumn, "column \"" + cname + "\" appears twice in " + (primary ? "primary key" : "unique") + " constraint")
              .at(c->location);
      cols.push_back(idx);
    });
  }
  std::string name = c->conname ? c->conname : "";
  if (name.empty() && using_index) name = using_index->name;
  if (name.empty()) {
    std::string base = t.name;
    if (primary) base += "_pkey";
    else {
      for (int col : cols) base += "_" + t.columns[col].name;
      base += "_key";
    }
    if (base.size() > 63) base.resize(63);
    name = base;
    for (int i = 1; relation_name_taken(t.schema, name); i++) name = base.substr(0, 63 - std::to_string(i).size()) + std::to_string(i);
  } else if ((!using_index || using_index->name != name) && relation_name_taken(t.schema, name)) {
    // PostgreSQL creates the index first, so a taken relation name is reported before the constraint name.
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  } else if (find_constraint(t, name)) {
    throw PgError(sqlstate::kDuplicateObject, "constraint \"" + name + "\" for relation \"" + t.name + "\" already exists");
  }
  if (t.partition_strategy) check_unique_covers_partition_key(t, t.partition_key, primary ? 'p' : 'u', cols);
  if (primary)
    for (int col : cols)
      if (!t.columns[col].not_null) {
        std::string q = "SELECT 1 FROM " + t.sqlite_ref() + " WHERE " + quote_ident(t.columns[col].name) + " IS NULL LIMIT 1";
        sqlite3_stmt* st = nullptr;
        bool found = false;
        if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) == SQLITE_OK) found = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (found)
          throw PgError(sqlstate::kNotNullViolation, "column \"" + t.columns[col].name + "\" of relation \"" + t.name + "\" contains null values");
      }
  drop_triggers(t.name);
  std::string sql;
  std::string sqlcols;
  for (size_t i = 0; i < cols.size(); i++)
    sqlcols += (i ? ", " : "") + quote_ident(t.columns[cols[i]].name) +
               (using_index && i < using_index->descending.size() && using_index->descending[i] ? " DESC" : "");
  if (using_index) {
    if (using_index->name != name)
      out.notices.push_back({"NOTICE", "00000", "ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index \"" + using_index->name +
                                                    "\" to \"" + name + "\""});
    std::string io = std::to_string(using_index->oid);
    sql += "DELETE FROM " + cp + "_pgmicro_index WHERE indexrelid = " + io + ";DELETE FROM " + cp + "_pgmicro_class WHERE oid = " + io + ";";
    sql += "DROP INDEX " + sqlite_ref(t.schema, using_index->name) + ";";
  }
  if (primary)
    for (int col : cols)
      sql += "UPDATE " + cp + "_pgmicro_attribute SET attnotnull = 1 WHERE attrelid = " + std::to_string(t.oid) +
             " AND attnum = " + std::to_string(col + 1) + ";";
  int64_t coid = Catalog::allocate_oid(conn_);
  sql += "INSERT INTO " + cp + "_pgmicro_constraint(oid, conrelid, conname, contype, conkey, consrc) VALUES(" + std::to_string(coid) +
         ", " + std::to_string(t.oid) + ", " + quote_literal(name) + ", '" + (primary ? "p" : "u") + "', '" + keys_list(cols) + "', NULL);";
  exec_sql(conn_, sql);
  create_unique_index_checked(t, name, cols, "CREATE UNIQUE INDEX " + sqlite_ref(t.schema, name) + " ON " +
                                                 quote_ident(sqlite_relation_name(t.schema, t.name)) + " (" + sqlcols + ");");
  // A partitioned table's key is enforced by each partition's own unique index.
  for (const TableDef* part : partitions_of(catalog_, t)) {
    std::vector<int> part_cols = partition_key_to_add(t, cols, *part);
    if (part_cols.empty()) continue;
    Constraint key{};
    key.type = T_Constraint;
    key.contype = c->contype;
    key.location = -1;
    alter_add_constraint(*part, &key, out, part_cols);
  }
  bump_schema();
}

void SessionImpl::alter_validate_constraint(const TableDef& t, const std::string& name) {
  const ConstraintDef* c = find_constraint(t, name);
  if (!c) throw PgError(sqlstate::kUndefinedObject, "constraint \"" + name + "\" of relation \"" + t.name + "\" does not exist");
  if (c->type == 'f') return check_foreign_key_rows(t, *c);
  if (c->type != 'c')
    throw PgError(sqlstate::kWrongObjectType, "constraint \"" + name + "\" of relation \"" + t.name + "\" is not a foreign key or check constraint");
  ParsedScript ps("SELECT " + c->check_expr);
  auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
  std::string_view saved = current_sql_;
  std::string text = "SELECT " + c->check_expr;
  current_sql_ = text;
  std::string expr_sql;
  try {
    expr_sql = check_expr_sql(t, reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, nullptr);
  } catch (...) {
    current_sql_ = saved;
    throw;
  }
  current_sql_ = saved;
  validate_check_rows(t, name, expr_sql);
}

void SessionImpl::alter_rename_constraint(RenameStmt* stmt, StatementResult& out) {
  out.command_tag = "ALTER TABLE";
  if (stmt->renameType == OBJECT_DOMCONSTRAINT) unsupported("ALTER ... RENAME on this kind of object");
  std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  const TableDef* t = catalog_.find_table(schema, stmt->relation->relname);
  if (!t) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "relation \"" + std::string(stmt->relation->relname) + "\" does not exist, skipping"});
      return;
    }
    t = ddl_table(stmt->relation);
  }
  std::string from = stmt->subname, to = stmt->newname;
  const ConstraintDef* c = find_constraint(*t, from);
  if (!c) throw PgError(sqlstate::kUndefinedObject, "constraint \"" + from + "\" for table \"" + t->name + "\" does not exist");
  if (find_constraint(*t, to))
    throw PgError(sqlstate::kDuplicateObject, "constraint \"" + to + "\" for relation \"" + t->name + "\" already exists");
  const std::string cp = catalog_prefix(t->schema);
  if ((c->type == 'p' || c->type == 'u') && relation_name_taken(t->schema, to))
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + to + "\" already exists");
  if (c->type == 'c' && !c->no_inherit) {
    // An inheritable CHECK is renamed in the whole inheritance tree, as PostgreSQL's rename_constraint_internal.
    if (!stmt->relation->inh && !t->children.empty())
      throw PgError(sqlstate::kInvalidTableDefinition, "inherited constraint \"" + from + "\" must be renamed in child tables too");
    if (c->inhcount > 0) throw PgError(sqlstate::kInvalidTableDefinition, "cannot rename inherited constraint \"" + from + "\"");
    if (stmt->relation->inh)
      for (const TableDef* d : table_descendants(catalog_, *t)) {
        const ConstraintDef* dc = find_constraint(*d, from);
        if (!dc || dc->type != 'c') continue;
        if (find_constraint(*d, to))
          throw PgError(sqlstate::kDuplicateObject, "constraint \"" + to + "\" for relation \"" + d->name + "\" already exists");
        drop_triggers(d->name);
        exec_sql(conn_, "UPDATE " + catalog_prefix(d->schema) + "_pgmicro_constraint SET conname = " + quote_literal(to) +
                            " WHERE oid = " + std::to_string(dc->oid));
      }
  }
  drop_triggers(t->name);
  exec_sql(conn_, "UPDATE " + cp + "_pgmicro_constraint SET conname = " + quote_literal(to) + " WHERE oid = " + std::to_string(c->oid));
  if ((c->type == 'p' || c->type == 'u') && sqlite_index_exists(conn_, t->schema, from)) {
    std::string cols;
    for (size_t i = 0; i < c->columns.size(); i++) cols += (i ? ", " : "") + quote_ident(t->columns[c->columns[i]].name);
    exec_sql(conn_, "DROP INDEX " + sqlite_ref(t->schema, from) + ";CREATE UNIQUE INDEX " + sqlite_ref(t->schema, to) + " ON " +
                        quote_ident(sqlite_relation_name(t->schema, t->name)) + " (" + cols + ");");
  }
  bump_schema();
}

// DROP CONSTRAINT of a primary key or unique constraint: its index goes (a constraint of
// CREATE TABLE lives in the SQLite table's definition, which is rebuilt without it).
void SessionImpl::drop_key_constraint(const TableDef& t, const ConstraintDef& c, bool cascade, StatementResult& out) {
  const std::string cp = catalog_prefix(t.schema);
  std::string sql;
  for (auto& [child, fk] : referencing_foreign_keys(catalog_, t.oid)) {
    std::vector<int> a = fk->ref_columns, b = c.columns;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a != b) continue;
    if (!cascade)
      throw PgError("2BP01", "cannot drop constraint " + c.name + " on table " + t.name + " because other objects depend on it",
                    "constraint " + fk->name + " on table " + child->name + " depends on index " + c.name,
                    "Use DROP ... CASCADE to drop the dependent objects too.");
    out.notices.push_back({"NOTICE", "00000", "drop cascades to constraint " + fk->name + " on table " + child->name});
    sql += "DELETE FROM " + catalog_prefix(child->schema) + "_pgmicro_constraint WHERE oid = " + std::to_string(fk->oid) + ";";
  }
  drop_triggers(t.name);
  sql += "DELETE FROM " + cp + "_pgmicro_constraint WHERE oid = " + std::to_string(c.oid) + ";";
  if (sqlite_index_exists(conn_, t.schema, c.name)) {
    exec_sql(conn_, sql + "DROP INDEX " + sqlite_ref(t.schema, c.name) + ";");
    bump_schema();
    return;
  }
  int64_t toid = t.oid;  // `t` does not survive the reload
  exec_sql(conn_, sql);
  bump_schema();  // a rolled-back rebuild must leave a version the catalog reloads from
  catalog_.force_reload(conn_);
  const TableDef* nt = catalog_.find_table_by_oid(toid);
  std::vector<std::string> exprs;
  for (auto& col : nt->columns) exprs.push_back(quote_ident(col.name));
  rebuild_table(*nt, exprs);
}

// Rebuilds the SQLite table of `t` (columns and key constraints as the catalog now has them),
// filling it with `exprs` (one SQLite expression per column over the old table) in rowid
// order; the table's other indexes are recreated from their SQL.
void SessionImpl::rebuild_table(const TableDef& t, const std::vector<std::string>& exprs) {
  drop_triggers(t.name);
  std::string db = sqlite_database(t.schema);
  std::string rel = sqlite_relation_name(t.schema, t.name);
  std::vector<std::string> index_sql;
  {
    std::string q = "SELECT sql FROM " + db + ".sqlite_schema WHERE type = 'index' AND tbl_name = " + quote_literal(rel) + " AND sql IS NOT NULL";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) == SQLITE_OK)
      while (sqlite3_step(st) == SQLITE_ROW) {
        std::string s = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        // CREATE INDEX "x" ON "t" (...): the index is created in the table's database.
        if (db != "main" && s.find(" ON ") != std::string::npos) {
          size_t on = s.find("INDEX ");
          if (on != std::string::npos && s.compare(on + 6, db.size() + 1, db + ".") != 0) s.insert(on + 6, db + ".");
        }
        index_sql.push_back(s);
      }
    sqlite3_finalize(st);
  }
  std::string tmp = "_pgmicro_rebuild";
  std::string ddl = "CREATE TABLE " + db + "." + quote_ident(tmp) + " (";
  std::string cols;
  for (size_t i = 0; i < t.columns.size(); i++) {
    auto& c = t.columns[i];
    std::string decl = sqlite_column_type(c.type, c.typmod);
    if (decl == "integer")
      for (auto& k : t.constraints)
        if (k.type == 'p' && k.columns.size() == 1 && k.columns[0] == (int)i) decl = "int";
    // NOT NULL stays the triggers' (pg_check_row): SQLite's would fail the copy with its own error.
    ddl += (i ? ", " : "") + quote_ident(c.name) + " " + decl;
    cols += ", " + quote_ident(c.name);
  }
  for (auto& k : t.constraints) {
    if (k.type != 'p' && k.type != 'u') continue;
    if (sqlite_index_exists(conn_, t.schema, k.name)) continue;
    std::string kc;
    for (size_t i = 0; i < k.columns.size(); i++) kc += (i ? ", " : "") + quote_ident(t.columns[k.columns[i]].name);
    ddl += ", CONSTRAINT " + quote_ident(k.name) + (k.type == 'p' ? " PRIMARY KEY (" : " UNIQUE (") + kc + ")";
  }
  ddl += ");";
  std::string sel;
  for (auto& e : exprs) sel += ", " + e;
  std::string sql = ddl + "INSERT INTO " + db + "." + quote_ident(tmp) + "(rowid" + cols + ") SELECT rowid" + sel + " FROM " +
                    t.sqlite_ref() + " ORDER BY rowid;" + "DROP TABLE " + t.sqlite_ref() + ";ALTER TABLE " + db + "." +
                    quote_ident(tmp) + " RENAME TO " + quote_ident(rel) + ";";
  for (auto& s : index_sql) sql += s + ";";
  runtime_.clear_last_row();
  exec_checked(sql);
}

// Subcommands PostgreSQL accepts with no effect on results: their arguments are checked.
void SessionImpl::alter_table_noop(const TableDef& t, AlterTableCmd* cmd) {
  auto column = [&]() -> int {
    if (!cmd->name) return -1;
    int idx = t.find_column(cmd->name);
    if (idx < 0)
      throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(cmd->name) + "\" of relation \"" + t.name + "\" does not exist");
    return idx;
  };
  switch (cmd->subtype) {
    case AT_SetStatistics: {
      if (!cmd->name) unsupported("SET STATISTICS on a column number");
      column();
      int v = cmd->def && IsA(cmd->def, Integer) ? intVal(cmd->def) : 0;
      if (v < -1) throw PgError(sqlstate::kInvalidParameterValue, "statistics target " + std::to_string(v) + " is too low");
      return;
    }
    case AT_SetRelOptions:
    case AT_ResetRelOptions: validate_table_reloptions(reinterpret_cast<List*>(cmd->def), cmd->subtype == AT_ResetRelOptions, false); return;
    case AT_SetStorage: {
      int idx = column();
      std::string s = strVal(cmd->def);
      if (s != "plain" && s != "external" && s != "extended" && s != "main")
        throw PgError(sqlstate::kInvalidParameterValue, "invalid storage type \"" + s + "\"");
      Oid ty = t.columns[idx].type;
      bool fixed = ty == oid::kInt2 || ty == oid::kInt4 || ty == oid::kInt8 || ty == oid::kFloat4 || ty == oid::kFloat8 ||
                   ty == oid::kBool || ty == oid::kDate || ty == oid::kTimestamp || ty == oid::kTimestamptz || ty == oid::kTime || ty == oid::kUuid;
      if (fixed && s != "plain")
        throw PgError(sqlstate::kFeatureNotSupported,
                      "column data type " + format_type_name(ty, -1) + " can only have storage PLAIN");
      return;
    }
    case AT_SetOptions:
    case AT_ResetOptions:
    case AT_SetCompression: column(); return;
    case AT_ClusterOn: {
      auto [it, ix] = catalog_.find_index(t.schema, cmd->name);
      bool constraint = false;
      for (auto& k : t.constraints) constraint |= (k.type == 'p' || k.type == 'u') && k.name == cmd->name;
      if ((!ix || it != &t) && !constraint)
        throw PgError(sqlstate::kUndefinedObject, "index \"" + std::string(cmd->name) + "\" for table \"" + t.name + "\" does not exist");
      return;
    }
    case AT_ReplicaIdentity: {
      auto* ri = reinterpret_cast<ReplicaIdentityStmt*>(cmd->def);
      if (ri->identity_type != 'i') return;
      auto [it, ix] = catalog_.find_index(t.schema, ri->name);
      bool constraint = false;
      for (auto& k : t.constraints) constraint |= (k.type == 'p' || k.type == 'u') && k.name == ri->name;
      if ((!ix || it != &t) && !constraint)
        throw PgError(sqlstate::kUndefinedObject, "index \"" + std::string(ri->name) + "\" for table \"" + t.name + "\" does not exist");
      if (ix && !constraint && !ix->unique)
        throw PgError(sqlstate::kWrongObjectType, "cannot use non-unique index \"" + ix->name + "\" as replica identity");
      return;
    }
    default: return;  // SET WITHOUT CLUSTER, SET (options), RESET (options), SET WITHOUT OIDS
  }
}

// ALTER INDEX ... ALTER COLUMN n SET STATISTICS: only expression keys take it (no visible
// effect). Returns false when the statement is something else.
bool SessionImpl::alter_index_statistics(AlterTableStmt* stmt, StatementResult& out) {
  if (stmt->objtype != OBJECT_INDEX) return false;
  bool only = list_size(stmt->cmds) > 0;
  for_each_node(stmt->cmds, [&](Node* n) { only &= reinterpret_cast<AlterTableCmd*>(n)->subtype == AT_SetStatistics; });
  if (!only) return false;
  out.command_tag = "ALTER INDEX";
  std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  std::string name = stmt->relation->relname;
  auto [t, ix] = catalog_.find_index(schema, name);
  const ConstraintDef* key = nullptr;
  const TableDef* kt = nullptr;
  if (!ix)
    for (auto& tt : catalog_.tables())
      for (auto& c : tt->constraints)
        if ((c.type == 'p' || c.type == 'u') && c.name == name && (schema.empty() || tt->schema == schema)) { key = &c; kt = tt.get(); }
  if (!ix && !key) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "relation \"" + name + "\" does not exist, skipping"});
      return true;
    }
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist");
  }
  const std::vector<int>& cols = ix ? ix->columns : key->columns;
  const TableDef* owner = ix ? t : kt;
  for_each_node(stmt->cmds, [&](Node* n) {
    auto* cmd = reinterpret_cast<AlterTableCmd*>(n);
    if (cmd->name) unsupported("ALTER INDEX ... ALTER COLUMN by name");
    int num = cmd->num;
    if (num < 1 || num > (int)cols.size())
      throw PgError(sqlstate::kUndefinedColumn, "column number " + std::to_string(num) + " of relation \"" + name + "\" does not exist");
    if (cols[num - 1] >= 0)
      throw PgError(sqlstate::kFeatureNotSupported, "cannot alter statistics on non-expression column \"" + owner->columns[cols[num - 1]].name +
                                                        "\" of index \"" + name + "\"", "", "Alter statistics on table column instead.");
  });
  return true;
}

}  // namespace pgmicro
