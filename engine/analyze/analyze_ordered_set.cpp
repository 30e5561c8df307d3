// Ordered-set and hypothetical-set aggregates (agg(direct args) WITHIN GROUP (ORDER BY ...)):
// percentile_cont, percentile_disc (scalar and array fractions), mode, and the hypothetical
// rank, dense_rank, percent_rank, cume_dist. Each lowers to the SQLite aggregate
// pg_ordered_set (runtime/ordered_set_aggregates.cpp) fed its sort values in PostgreSQL's
// order by the aggregate's own ORDER BY; the direct arguments are passed with every row.
#include "analyze/analyzer.h"
#include "types/array.h"
#include "types/user_types.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include <algorithm>
#include <climits>
#include <cstdlib>

namespace pgmicro {

namespace {
bool is_hypothetical(const std::string& n) {
  return n == "rank" || n == "dense_rank" || n == "percent_rank" || n == "cume_dist";
}
// The first Var in e below query level `level` (seen from e's own level), or nullptr.
const Expr* var_below_level(const Expr& e, int level) {
  if (e.kind == ExprKind::Var && e.levelsup < level) return &e;
  for (auto& a : e.args)
    if (const Expr* v = var_below_level(*a, level)) return v;
  return nullptr;
}

}  // namespace

int min_var_level(const Expr& e);  // analyze_aggregate_level.cpp

bool is_ordered_set_aggregate_name(const std::string& n) {
  return n == "percentile_cont" || n == "percentile_disc" || n == "mode" || is_hypothetical(n);
}

// How many of an ordered-set aggregate's leading args are direct arguments (0 for any other
// aggregate): the count transform_ordered_set_agg wrote into its pg_ordered_set template.
int ordered_set_direct_count(const Expr& agg) {
  if (agg.kind != ExprKind::Agg) return 0;
  size_t p = agg.templ.find("pg_ordered_set('");
  if (p == std::string::npos) return 0;
  p += 15;
  for (int quoted = 0; quoted < 3; quoted++) {  // kind, sort types, directions
    p = agg.templ.find('\'', p);
    if (p == std::string::npos) return 0;
    p = agg.templ.find('\'', p + 1);
    if (p == std::string::npos) return 0;
    p++;
  }
  p = agg.templ.find_first_of("0123456789", p);
  return p == std::string::npos ? 0 : std::atoi(agg.templ.c_str() + p);
}

ExprPtr Analyzer::transform_ordered_set_agg(Node* node, const std::string& name, ExprContext ctx) {
  auto* fc = reinterpret_cast<FuncCall*>(node);
  if (!is_ordered_set_aggregate_name(name)) {
    bool is_agg = name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max";
    for (const auto& f : builtin_functions()) is_agg |= f.is_agg && name == f.name;
    // PostgreSQL resolves the name over direct and sorted arguments together first.
    std::vector<ExprPtr> all;
    for_each_node(fc->args, [&](Node* a) { all.push_back(transform_expr(a, ctx)); });
    for_each_node(fc->agg_order, [&](Node* n) { all.push_back(transform_expr(reinterpret_cast<SortBy*>(n)->node, ctx)); });
    bool known = false;
    for (const auto& f : builtin_functions()) known |= name == f.name;
    if (!is_agg && (known || !catalog_.find_procs(name).empty())) unsupported("WITHIN GROUP with " + name + "()", fc->location);
    bool fixed_one = name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max";
    if (!fixed_one || all.size() != 1) {
      if (fixed_one || !is_agg) {
        std::string sig;
        for (auto& a : all) sig += (sig.empty() ? "" : ", ") + format_type_name(a->type, -1);
        throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                      "No function matches the given name and argument types. You might need to add explicit type casts.")
            .at(fc->location);
      }
      resolve_function(name, all, true, fc->location);
    }
    throw PgError(sqlstate::kWrongObjectType, name + " is not an ordered-set aggregate, so it cannot have WITHIN GROUP").at(fc->location);
  }
  if (fc->agg_distinct) unsupported("DISTINCT with WITHIN GROUP", fc->location);
  if (fc->over) unsupported("OVER with ordered-set aggregates", fc->location);
  if (!agg_allowed_) {
    // Same placement rules as any aggregate (42803).
    std::string where = ctx == ExprContext::Where ? "WHERE" : ctx == ExprContext::GroupBy ? "GROUP BY"
                      : ctx == ExprContext::JoinOn ? "JOIN conditions" : "";
    throw PgError(sqlstate::kGroupingError, where.empty() ? "aggregate functions are not allowed here"
                                                          : "aggregate functions are not allowed in " + where).at(fc->location);
  }
  if (in_aggregate_) throw PgError(sqlstate::kGroupingError, "aggregate function calls cannot be nested").at(fc->location);

  std::vector<ExprPtr> direct, sorted;
  std::vector<SortClause> dirs;
  in_aggregate_ = true;
  try {
    for_each_node(fc->args, [&](Node* a) { direct.push_back(transform_expr(a, ctx)); });
    for_each_node(fc->agg_order, [&](Node* n) {
      auto* sb = reinterpret_cast<SortBy*>(n);
      dirs.push_back(sort_direction(sb));
      sorted.push_back(transform_expr(sb->node, ctx));
    });
  } catch (...) {
    in_aggregate_ = false;
    throw;
  }
  in_aggregate_ = false;
  saw_agg_ = true;

  std::string sig;
  for (auto* v : {&direct, &sorted})
    for (auto& a : *v) sig += (sig.empty() ? "" : ", ") + format_type_name(a->type, -1);
  auto no_function = [&]() -> PgError {
    return PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                   "No function matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  };

  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Agg;
  e->name = name;
  e->location = fc->location;
  std::string kind = name, types, flags;
  if (is_hypothetical(name)) {
    if (direct.size() != sorted.size())
      throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                    "To use the hypothetical-set aggregate " + name + ", the number of hypothetical direct arguments (here " +
                        std::to_string(direct.size()) + ") must match the number of ordering columns (here " +
                        std::to_string(sorted.size()) + ").")
          .at(fc->location);
    if (direct.empty()) throw no_function();
    for (size_t i = 0; i < direct.size(); i++) {
      Oid t = select_common_type({sorted[i], direct[i]}, "WITHIN GROUP");
      if (t == oid::kUnknown) t = oid::kText;
      ExprPtr d = coerce_to(direct[i], t, -1, CastContext::Implicit, -1);
      ExprPtr s = coerce_to(sorted[i], t, -1, CastContext::Implicit, -1);
      if (!d || !s) throw no_function();
      direct[i] = d;
      sorted[i] = s;
    }
    e->type = (name == "rank" || name == "dense_rank") ? oid::kInt8 : oid::kFloat8;
  } else {
    size_t want = name == "mode" ? 0 : 1;
    if (direct.size() != want || sorted.size() != 1) throw no_function();
    ExprPtr x = finalize_unknown(strip_domain(sorted[0]));
    bool array_form = false;
    if (want) {
      ExprPtr f = direct[0];
      array_form = array_element_type(f->type) != 0;
      ExprPtr c = coerce_to(f, array_form ? array_type_of(oid::kFloat8) : oid::kFloat8, -1, CastContext::Implicit, -1);
      if (!c) throw no_function();
      direct[0] = c;
    }
    if (name == "percentile_cont") {
      if (x->type == oid::kInterval) unsupported("percentile_cont over interval", fc->location);
      ExprPtr c = coerce_to(x, oid::kFloat8, -1, CastContext::Implicit, -1);
      if (!c) throw no_function();
      x = c;
      e->type = array_form ? array_type_of(oid::kFloat8) : oid::kFloat8;
    } else {
      if (array_form && !array_type_of(x->type)) throw no_function();
      e->type = array_form ? array_type_of(x->type) : x->type;
      e->typmod = array_form ? -1 : x->typmod;
    }
    if (array_form) kind += "_multi";
    sorted[0] = x;
  }
  for (size_t i = 0; i < sorted.size(); i++) {
    types += (i ? "," : "") + std::to_string(sorted[i]->type);
    flags += std::string(dirs[i].desc ? "D" : "A") + (dirs[i].nulls_first ? "F" : "L");
  }
  // pg_ordered_set(kind, sort types, directions, ndirect, direct..., sorted... ORDER BY sorted...)
  std::string t = "pg_ordered_set('" + kind + "', '" + types + "', '" + flags + "', " + std::to_string(direct.size());
  std::string order;
  for (auto& d : direct) {
    e->args.push_back(d);
    t += ", $" + std::to_string(e->args.size());
  }
  for (size_t i = 0; i < sorted.size(); i++) {
    e->args.push_back(sorted[i]);
    std::string ref = "$" + std::to_string(e->args.size());
    t += ", " + ref;
    order += (i ? ", " : "") + ref + order_collation(sorted[i]->type) + (dirs[i].desc ? " DESC" : " ASC") +
             (dirs[i].nulls_first ? " NULLS FIRST" : " NULLS LAST");
  }
  t += " ORDER BY " + order + ")";
  if (fc->agg_filter) {
    bool saved = agg_allowed_;
    agg_allowed_ = false;
    ExprPtr f;
    try {
      f = coerce_to_bool(transform_expr(fc->agg_filter, ExprContext::Where), "FILTER");
    } catch (PgError& err) {
      agg_allowed_ = saved;
      if (err.error.message == "aggregate functions are not allowed in WHERE")
        err.error.message = "aggregate functions are not allowed in FILTER";
      throw;
    }
    agg_allowed_ = saved;
    e->args.push_back(f);
    t += " FILTER (WHERE $" + std::to_string(e->args.size()) + ")";
  }
  {
    // The aggregate's level comes from its sorted arguments and FILTER (PostgreSQL's
    // check_agg_arguments); its direct arguments may not use a lower level's columns.
    Expr level_args;
    level_args.kind = ExprKind::Agg;
    level_args.args.assign(e->args.begin() + (long)direct.size(), e->args.end());
    int level = min_var_level(level_args);
    if (level != INT_MAX && level > 0) {
      for (auto& d : direct)
        if (const Expr* v = var_below_level(*d, level))
          throw PgError(sqlstate::kGroupingError,
                        "outer-level aggregate cannot contain a lower-level variable in its direct arguments")
              .at(v->location);
      check_aggregate_level(level_args, fc->location);
    }
  }
  // Hypothetical-set aggregates over no rows: the hypothetical row alone (rank 1, percent_rank
  // 0, cume_dist 1); their result is never NULL otherwise.
  if (kind == "rank" || kind == "dense_rank") t = "coalesce(" + t + ", 1)";
  else if (kind == "percent_rank") t = "coalesce(" + t + ", 0.0)";
  else if (kind == "cume_dist") t = "coalesce(" + t + ", 1.0)";
  e->templ = t;
  return e;
}

}  // namespace pgmicro
