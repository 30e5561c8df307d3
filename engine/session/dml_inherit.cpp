// UPDATE and DELETE of an inheritance parent: PostgreSQL applies them to the parent and every
// descendant (unless ONLY); here each table gets its own statement, analysed with the table as
// the target (columns are matched by name), and the command tag counts the rows of all.
#include "analyze/analyzer.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"

namespace pgmicro {

void SessionImpl::plan_inherited_dml(Node* stmt, const TableDef* target, std::vector<Oid>& param_types, CachedPlan& plan) {
  RangeVar* rv = IsA(stmt, UpdateStmt) ? reinterpret_cast<UpdateStmt*>(stmt)->relation : reinterpret_cast<DeleteStmt*>(stmt)->relation;
  if (!rv->inh || !target || target->children.empty()) return;
  for (const TableDef* child : table_descendants(catalog_, *target)) {
    Analyzer a(catalog_, param_types);
    a.sql_ = current_sql_;
    a.dml_target_override = child;
    if (IsA(stmt, UpdateStmt)) {
      auto q = a.analyze_update(reinterpret_cast<UpdateStmt*>(stmt));
      if (q->returning.size() != plan.columns.size()) unsupported("RETURNING * of UPDATE on a parent whose children have other columns");
      plan.more_lowered.push_back(lower_update(*q));
    } else {
      auto q = a.analyze_delete(reinterpret_cast<DeleteStmt*>(stmt));
      if (q->returning.size() != plan.columns.size()) unsupported("RETURNING * of DELETE on a parent whose children have other columns");
      plan.more_lowered.push_back(lower_delete(*q));
    }
  }
}

}  // namespace pgmicro
