// CREATE TABLE ... AS query [WITH [NO] DATA] and SELECT ... INTO table: the new table's columns
// take the query's result names and types (typmods included), then the rows are inserted;
// PostgreSQL's command tag SELECT n.
#include "analyze/collation.h"
#include "analyze/analyzer.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"
#include "session/table_reloptions.h"
#include "session/session_impl.h"

namespace pgmicro {

void SessionImpl::execute_create_table_as(Node* query, IntoClause* into, bool if_not_exists, bool materialized,
                                          StatementResult& out) {
  RangeVar* rv = into->rel;
  if (materialized) unsupported("materialized views");
  validate_table_reloptions(into->options, false, true);  // no effect here (table_reloptions.h)
  bool temporary = rv->relpersistence == 't';
  if (into->onCommit != ONCOMMIT_NOOP && !temporary) throw PgError("42P16", "ON COMMIT can only be used on temporary tables");
  const bool execute = IsA(query, ExecuteStmt);
  if (!IsA(query, SelectStmt) && !execute) unsupported("this CREATE TABLE AS query", rv->location);
  const std::string schema = catalog_.target_schema(rv->schemaname ? rv->schemaname : "", temporary, rv->location, rv->relname);
  const std::string cp = catalog_prefix(schema);
  std::string tname = rv->relname;
  if (tname.rfind("_pgmicro_", 0) == 0 || tname.rfind("sqlite_", 0) == 0)
    throw PgError(sqlstate::kInsufficientPrivilege, "relation name \"" + tname + "\" is reserved by pgmicro").at(rv->location);
  if (catalog_.relation_exists(schema, tname)) {
    if (if_not_exists) {
      out.command_tag = "CREATE TABLE AS";
      out.notices.push_back({"NOTICE", "42P07", "relation \"" + tname + "\" already exists, skipping"});
      return;
    }
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + tname + "\" already exists");
  }
  std::vector<Oid> no_params;
  std::vector<ColumnDef> cols;
  std::string select_sql;           // the rows, lowered
  std::vector<Oid> param_types;     // CREATE TABLE AS EXECUTE: the prepared statement's parameters
  std::vector<TextValue> args;
  if (execute) {
    // AS EXECUTE name(args): the prepared SELECT's result columns and rows.
    CachedPlan plan = prepared_plan_for(reinterpret_cast<ExecuteStmt*>(query), args);
    if (plan.kind != T_SelectStmt || !plan.dml_ctes.empty() || !plan.more_lowered.empty())
      throw PgError("42809", "prepared statement is not a SELECT");
    for (auto& c : plan.columns) {
      ColumnDef d;
      d.name = c.name;
      d.type = c.type_oid;
      d.typmod = c.typmod;
      cols.push_back(d);
    }
    select_sql = plan.lowered;
    param_types = plan.param_types;
  } else {
    Analyzer a(catalog_, no_params);
    a.sql_ = current_sql_;
    auto q = a.analyze_select(reinterpret_cast<SelectStmt*>(query));
    for (auto& t : q->targets) {
      ColumnDef c;
      c.name = t.name;
      c.type = t.expr->type;
      c.typmod = t.expr->typmod;
      Oid coll = result_column_collation(*q, cols.size());
      if (coll != type_default_collation(c.type)) c.collation = coll;
      cols.push_back(c);
    }
    select_sql = lower_select(*q);
  }
  int named = 0;
  for_each_node(into->colNames, [&](Node* n) {
    if (named >= (int)cols.size()) throw PgError(sqlstate::kSyntaxError, "too many column names were specified");
    cols[named++].name = node_string(n);
  });
  for (size_t i = 0; i < cols.size(); i++)
    for (size_t j = 0; j < i; j++)
      if (cols[i].name == cols[j].name)
        throw PgError(sqlstate::kDuplicateColumn, "column \"" + cols[i].name + "\" specified more than once");
  Catalog::ensure_catalog_tables(conn_);
  if (temporary) Catalog::ensure_temp_catalog_tables(conn_);
  int64_t toid = Catalog::allocate_oid(conn_);
  std::string sql = "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(toid) + ", " + quote_literal(schema) + ", " + quote_literal(tname) + ", 'r');";
  std::string ddl = "CREATE TABLE " + sqlite_ref(schema, tname) + " (";
  std::string names;
  for (size_t i = 0; i < cols.size(); i++) {
    auto& c = cols[i];
    sql += "INSERT INTO " + cp + "_pgmicro_attribute VALUES(" + std::to_string(toid) + ", " + std::to_string(i + 1) + ", " +
           quote_literal(c.name) + ", " + std::to_string(c.type) + ", " + std::to_string(c.typmod) + ", 0, NULL, '', '', " + std::to_string(c.collation) + ");";
    bool with_typmod = c.typmod >= 0 && (c.type == oid::kVarchar || c.type == oid::kBpchar || c.type == oid::kNumeric);
    ddl += (i ? ", " : "") + quote_ident(c.name) + " " + sqlite_column_type(c.type, with_typmod ? c.typmod : -1);
    names += (i ? ", " : "") + quote_ident(c.name);
  }
  ddl += ");";
  exec_sql(conn_, sql + ddl);
  bump_schema();
  int64_t n = 0;
  if (!into->skipData) {
    StatementResult ignored;
    run_query("INSERT INTO " + sqlite_ref(schema, tname) + " (" + names + ") " + select_sql, param_types, args, ignored, false);
    n = sqlite3_changes64(conn_);
  }
  if (temporary && into->onCommit != ONCOMMIT_NOOP && into->onCommit != ONCOMMIT_PRESERVE_ROWS)
    on_commit_[toid] = into->onCommit == ONCOMMIT_DROP ? 'D' : 'd';
  // PostgreSQL tags AS EXECUTE … WITH NO DATA "SELECT 0".
  out.command_tag = into->skipData && !execute ? "CREATE TABLE AS" : "SELECT " + std::to_string(n);
}

}  // namespace pgmicro
