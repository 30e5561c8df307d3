// WITH queries of UPDATE/DELETE on an inheritance parent or partitioned table: the statement runs
// as one SQLite statement per table of the tree (dml_inherit.cpp), so a WITH query lowered into
// each would run once per table — a volatile one (random(), nextval(), a function with side
// effects) giving each table other values, and one reading the tree seeing the rows earlier
// statements changed. PostgreSQL evaluates a WITH query once on the statement's snapshot: here
// each is run once, in order, before the statements into a temp table (as a data-modifying WITH
// query's RETURNING rows, session/dml_cte.cpp), and every statement's WITH list reads it.
#include "analyze/query.h"
#include "lower/lower.h"

namespace pgmicro {

// Temp table names distinct across plans (a trigger's statement may plan another such statement
// while one runs).
std::vector<DmlCteStep> materialize_inherited_with(SelectQuery& with) {
  static thread_local uint64_t plans = 0;
  std::string prefix = "_pgmicro_inhw" + std::to_string(++plans) + "_";
  std::vector<DmlCteStep> steps;
  for (auto& d : with.ctes) {
    if (!d->query || d->column_names.empty()) continue;  // data-modifying: already a step
    DmlCteStep step;
    step.sql = lower_with_prefix(with) + "SELECT * FROM " + d->sql_name;
    step.table = prefix + std::to_string(steps.size());
    step.ncols = d->column_names.size();
    d->materialized = step.table;
    d->query = nullptr;
    steps.push_back(std::move(step));
  }
  return steps;
}

// The same WITH list analysed again (another table's statement) reading the same temp tables.
void use_inherited_with(SelectQuery& with, const std::vector<DmlCteStep>& steps) {
  size_t k = 0;
  for (auto& d : with.ctes) {
    if (!d->query || d->column_names.empty()) continue;
    if (k < steps.size()) {
      d->materialized = steps[k++].table;
      d->query = nullptr;
    }
  }
}

}  // namespace pgmicro
