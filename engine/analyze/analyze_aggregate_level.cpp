// The query level an aggregate belongs to (PostgreSQL's check_agg_arguments / min_varlevel):
// the innermost level of the Vars in its arguments, FILTER and ORDER BY. An aggregate of an
// outer query inside a LATERAL subquery of that query's FROM clause is PostgreSQL's 42803; any
// other outer-level aggregate would be computed per inner query by the lowering, so it is 0A000.
#include <algorithm>
#include <climits>
#include "analyze/analyzer.h"
#include "common/error.h"

namespace pgmicro {

// The smallest levelsup of the Vars in e (seen from e's own level), INT_MAX without Vars; also
// used by analyze_ordered_set.cpp.
int min_var_level(const Expr& e) {
  int m = e.kind == ExprKind::Var ? e.levelsup : INT_MAX;
  for (auto& a : e.args) m = std::min(m, min_var_level(*a));
  if (e.compare) m = std::min(m, min_var_level(*e.compare));
  return m;
}

void Analyzer::check_aggregate_level(const Expr& agg, int location) {
  int level = min_var_level(agg);
  if (level == INT_MAX || level == 0) return;
  size_t owner = outer_scopes_.size() >= size_t(level) ? outer_scopes_.size() - size_t(level) : SIZE_MAX;
  if (std::find(lateral_owners_.begin(), lateral_owners_.end(), owner) != lateral_owners_.end())
    throw PgError(sqlstate::kGroupingError, "aggregate functions are not allowed in FROM clause of their own query level")
        .at(location);
  unsupported("outer-level aggregates", location);
}

}  // namespace pgmicro
