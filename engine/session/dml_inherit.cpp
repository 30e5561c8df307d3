// UPDATE and DELETE of an inheritance parent: PostgreSQL applies them to the parent and every
// descendant (unless ONLY); here each table gets its own statement, analysed with the table as
// the target (columns are matched by name), and the command tag counts the rows of all.
#include "analyze/analyzer.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include <functional>
#include "parse/parser.h"

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

namespace pgmicro {

// INSERT into a partitioned table: the rows are first written to the parent's own SQLite table
// (which holds no rows otherwise: its checks and NOT NULL run there), then for every
// partitioned table of the tree a row no partition accepts raises 23514, each leaf partition
// takes its rows, and the parent is emptied again.
void SessionImpl::plan_partition_routing(const TableDef* root, bool on_conflict, CachedPlan& plan) {
  if (!root || !root->partition_strategy) return;
  if (on_conflict) unsupported("INSERT ... ON CONFLICT into a partitioned table");
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  auto scope = a.dml_scope(root, "");
  scope->rtable[0].sql_alias = "s";
  scope->rtable[0].dml_target = false;
  a.scope_ = scope.get();
  auto lowered = [&](const std::string& cond) {
    ParsedScript ps("SELECT " + cond);
    auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
    ExprPtr e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Where);
    return lower_expr_in(*e, scope->rtable);
  };
  std::string from = " FROM " + root->sqlite_ref() + " AS s WHERE ";
  std::vector<std::string> checks, moves;
  std::function<void(const TableDef&, const std::string&)> walk = [&](const TableDef& node, const std::string& path) {
    std::vector<const TableDef*> parts = partitions_of(catalog_, node);
    std::string any;
    for (auto* p : parts) {
      std::string c = partition_condition(node, decode_bound(p->partition_bound), parts);
      any += (any.empty() ? "" : " OR ") + ("(" + c + ")");
    }
    std::string args = std::to_string(node.oid);
    for (auto& k : partition_keys(node)) args += ", " + lowered(k.expr);
    std::string failing = (path.empty() ? "" : path + " AND ") + "NOT coalesce(" + (any.empty() ? "false" : any) + ", false)";
    checks.push_back("SELECT pg_partition_no_route(" + args + ")" + from + lowered(failing) + " LIMIT 1");
    for (auto* p : parts) {
      std::string c = "(" + partition_condition(node, decode_bound(p->partition_bound), parts) + ")";
      std::string sub = path.empty() ? c : path + " AND " + c;
      if (p->partition_strategy) {
        walk(*p, sub);
        continue;
      }
      std::string cols, vals;
      for (auto& col : root->columns) {
        cols += (cols.empty() ? "" : ", ") + quote_ident(col.name);
        vals += (vals.empty() ? "" : ", ") + std::string("s.") + quote_ident(col.name);
      }
      moves.push_back("INSERT INTO " + p->sqlite_ref() + " (" + cols + ") SELECT " + vals + from + lowered(sub));
    }
  };
  walk(*root, "");
  for (auto& s : checks) plan.more_lowered.push_back(s);
  for (auto& s : moves) plan.more_lowered.push_back(s);
  plan.more_lowered.push_back("DELETE FROM " + root->sqlite_ref());
}

}  // namespace pgmicro
