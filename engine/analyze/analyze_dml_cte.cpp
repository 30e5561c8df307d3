// Data-modifying WITH queries: WITH t AS (INSERT/UPDATE/DELETE ... [RETURNING ...]) at the top
// level of a statement. The DML is analysed and lowered here and recorded as a DmlCteStep; the
// session runs it once before the statement and keeps its RETURNING rows in a SQLite temp table
// that the WITH query reads (session/dml_cte.cpp). PostgreSQL runs all parts on one snapshot, so
// the rest of the statement sees the tables as they were before; here it would see them modified,
// so a statement whose other parts use a table a WITH query modifies is refused (0A000, checked by
// the session on the lowered SQL), as is a WITH query on a table with children or partitions.
#include "analyze/analyzer.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

void Analyzer::analyze_dml_cte(CommonTableExpr* cte, CteDef& def) {
  Node* q = cte->ctequery;
  if (!IsA(q, InsertStmt) && !IsA(q, UpdateStmt) && !IsA(q, DeleteStmt)) unsupported("this statement in WITH", cte->location);
  if (!allow_dml_ctes || scope_ || !outer_scopes_.empty() || !invisible_scopes_.empty() || view_depth_ > 0)
    throw PgError(sqlstate::kFeatureNotSupported, "WITH clause containing a data-modifying statement must be at the top level")
        .at(cte->location);
  if (cte->search_clause || cte->cycle_clause) unsupported("SEARCH/CYCLE in WITH", cte->location);
  SelectQuery* saved_scope = scope_;
  bool saved_agg = agg_allowed_;
  struct Restore {
    Analyzer* a; SelectQuery* s; bool agg;
    ~Restore() { a->scope_ = s; a->agg_allowed_ = agg; }
  } restore{this, saved_scope, saved_agg};
  std::vector<TargetEntry> returning;
  DmlCteStep step;
  const TableDef* target = nullptr;
  if (IsA(q, InsertStmt)) {
    auto iq = analyze_insert(reinterpret_cast<InsertStmt*>(q));
    returning = iq->returning;
    step.sql = lower_insert(*iq);
    target = iq->table;
  } else if (IsA(q, UpdateStmt)) {
    auto uq = analyze_update(reinterpret_cast<UpdateStmt*>(q));
    returning = uq->returning;
    step.sql = lower_update(*uq);
    target = uq->table;
  } else {
    auto dq = analyze_delete(reinterpret_cast<DeleteStmt*>(q));
    returning = dq->returning;
    step.sql = lower_delete(*dq);
    target = dq->table;
  }
  if (target && (!target->children.empty() || target->partition_strategy))
    unsupported("data-modifying WITH on a table with inheritance children or partitions", cte->location);
  if (target) step.target_ref = sqlite_ref(target->schema, target->name);
  def.has_returning = !returning.empty();
  def.materialized = "_pgmicro_cte_" + def.sql_name;
  for (auto& t : returning) {
    def.column_names.push_back(t.name);
    def.column_types.push_back(t.expr->type);
    def.column_typmods.push_back(t.expr->typmod);
  }
  int n = list_size(cte->aliascolnames);
  if (n > (int)returning.size())
    throw PgError("42P10", "WITH query \"" + def.name + "\" has " + std::to_string(returning.size()) +
                               " columns available but " + std::to_string(n) + " columns specified")
        .at(cte->location);
  for (int i = 0; i < n; i++) def.column_names[i] = node_string(list_at(cte->aliascolnames, i));
  step.table = def.materialized;
  step.ncols = returning.size();
  dml_cte_steps.push_back(std::move(step));
}

}  // namespace pgmicro
