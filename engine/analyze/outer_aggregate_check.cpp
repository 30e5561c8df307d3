// An aggregate belongs to the query level of the Vars in its arguments (PostgreSQL's
// check_agg_arguments / min_varlevel). In a LATERAL subquery an aggregate over only the
// outer FROM items' columns would be an aggregate of the outer query inside its own FROM
// clause: 42803, as PostgreSQL's check_agglevels_and_constraints reports.
#include <algorithm>
#include <climits>
#include "analyze/outer_aggregate_check.h"
#include "common/error.h"

namespace pgmicro {

namespace {

// The smallest levelsup of the Vars in e (seen from e's own level), INT_MAX without Vars.
int min_var_level(const Expr& e) {
  int m = e.kind == ExprKind::Var ? e.levelsup : INT_MAX;
  for (auto& a : e.args) m = std::min(m, min_var_level(*a));
  if (e.compare) m = std::min(m, min_var_level(*e.compare));
  return m;
}

void check_query(const SelectQuery& q, int depth);

void check_expr(const Expr& e, int depth) {
  if (e.kind == ExprKind::Agg && !e.args.empty() && min_var_level(e) == depth)
    throw PgError(sqlstate::kGroupingError, "aggregate functions are not allowed in FROM clause of their own query level")
        .at(e.location);
  for (auto& a : e.args) check_expr(*a, depth);
  if (e.compare) check_expr(*e.compare, depth);
  if (e.subquery) check_query(*e.subquery, depth + 1);
}

void check_query(const SelectQuery& q, int depth) {
  auto walk = [&](const ExprPtr& x) { if (x) check_expr(*x, depth); };
  for (auto& t : q.targets) walk(t.expr);
  walk(q.where);
  walk(q.having);
  for (auto& g : q.group_by) walk(g);
  for (auto& o : q.order_by) walk(o.expr);
  if (q.larg) check_query(*q.larg, depth);
  if (q.rarg) check_query(*q.rarg, depth);
  for (auto& r : q.rtable)
    if (r.subquery) check_query(*r.subquery, depth + 1);
}

}  // namespace

void check_lateral_outer_aggregates(const SelectQuery& lateral_subquery) { check_query(lateral_subquery, 1); }

}  // namespace pgmicro
