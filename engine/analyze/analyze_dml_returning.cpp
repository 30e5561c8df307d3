// RETURNING of UPDATE … FROM / DELETE … USING that reads the FROM/USING items. SQLite's
// RETURNING sees only the modified table, so a step run before the statement (a DmlCteStep,
// dml_cte.cpp) keeps, per target row, its rowid and the values of those columns in a temp
// table; the RETURNING reads them back with a scalar subquery on the modified row's rowid. A
// target row joined to several rows keeps one of them, as PostgreSQL updates it once.
#include <functional>
#include "analyze/analyze_dml.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"

namespace pgmicro {

void returning_from_other_tables(Analyzer& a, const TableDef& t, const std::vector<std::unique_ptr<FromNode>>& from,
                                 const std::vector<RangeTableEntry>& rtable, const ExprPtr& where,
                                 std::vector<TargetEntry>& returning, bool update) {
  if (from.empty()) return;
  std::vector<ExprPtr> vars;
  std::vector<int> first_location;
  std::function<void(const ExprPtr&)> collect = [&](const ExprPtr& e) {
    if (e->kind == ExprKind::Var && e->levelsup == 0 && e->rte != 0) {
      for (auto& v : vars)
        if (v->rte == e->rte && v->attno == e->attno) return;
      vars.push_back(e);
      return;
    }
    for (auto& x : e->args) collect(x);
  };
  for (auto& te : returning) collect(te.expr);
  if (vars.empty()) return;
  if (!a.allow_dml_ctes)
    unsupported("RETURNING columns of FROM/USING tables here", vars[0]->location);
  std::string table = "_pgmicro_ret" + std::to_string(a.dml_cte_steps.size() + 1);
  DmlCteStep step;
  step.sql = lower_returning_source(t, from, rtable, where, vars);
  step.table = table;
  step.ncols = vars.size() + 1;
  a.dml_cte_steps.push_back(step);
  // An UPDATE moves its rows (lower_move_row_set): the step knows them by their old rowid.
  std::string row = quote_ident(sqlite_relation_name(t.schema, t.name)) + ".rowid";
  if (update) row = "pg_moved_from(" + quote_literal(t.sqlite_ref()) + ", " + row + ")";
  std::function<ExprPtr(const ExprPtr&)> replace = [&](const ExprPtr& e) -> ExprPtr {
    if (e->kind == ExprKind::Var && e->levelsup == 0 && e->rte != 0) {
      for (size_t k = 0; k < vars.size(); k++)
        if (vars[k]->rte == e->rte && vars[k]->attno == e->attno) {
          auto r = std::make_shared<Expr>(*e);
          r->kind = ExprKind::Raw;
          r->templ = "(SELECT c" + std::to_string(k + 2) + " FROM temp." + table + " WHERE c1 = " + row + ")";
          return r;
        }
    }
    auto copy = std::make_shared<Expr>(*e);
    for (auto& x : copy->args) x = replace(x);
    return copy;
  };
  for (auto& te : returning) te.expr = replace(te.expr);
}

}  // namespace pgmicro
