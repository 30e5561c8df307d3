// Function calls and aggregates: count/min/max (polymorphic), the table-driven functions
// and aggregates of catalog/builtins.cpp, nextval(). Aggregate placement rules
// (42803 nested aggregates, not allowed in WHERE/GROUP BY/JOIN ON) follow PostgreSQL.
#include <algorithm>
#include <climits>
#include <functional>
#include "analyze/analyze_named_args.h"
#include "analyze/analyze_row.h"
#include "analyze/analyzer.h"
#include "lower/lower.h"
#include "analyze/collation.h"
#include "types/user_types.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

static const char* agg_context_message(ExprContext ctx) {
  switch (ctx) {
    case ExprContext::Where: return "aggregate functions are not allowed in WHERE";
    case ExprContext::GroupBy: return "aggregate functions are not allowed in GROUP BY";
    case ExprContext::JoinOn: return "aggregate functions are not allowed in JOIN conditions";
    case ExprContext::Limit: return "aggregate functions are not allowed in LIMIT";
    case ExprContext::Offset: return "aggregate functions are not allowed in OFFSET";
    case ExprContext::Values: return "aggregate functions are not allowed in VALUES";
    case ExprContext::UpdateSet: return "aggregate functions are not allowed in UPDATE";
    case ExprContext::Returning: return "aggregate functions are not allowed in RETURNING";
    case ExprContext::Default: return "aggregate functions are not allowed in DEFAULT expressions";
    case ExprContext::Check: return "aggregate functions are not allowed in check constraints";
    case ExprContext::Generated: return "aggregate functions are not allowed in column generation expressions";
    case ExprContext::IndexExpression: return "aggregate functions are not allowed in index expressions";
    case ExprContext::IndexPredicate: return "aggregate functions are not allowed in index predicates";
    case ExprContext::PartitionBound: return "aggregate functions are not allowed in partition bound";
    default: return "aggregate functions are not allowed here";
  }
}

// A name the built-in function machinery below knows (table-driven or handled by name).
// nargs >= 0: a table-driven function of that many parameters (count(*) is count's).
static bool builtin_function_name(const std::string& name, int nargs = -1) {
  if (nargs >= 0) {
    for (const auto& f : builtin_functions())
      if (name == f.name && f.nargs == nargs) return true;
    return name == "count" || name == "lastval";
  }
  static const char* const special[] = {"count", "sum", "avg", "min", "max", "pg_typeof", "lastval", "nextval", "currval",
                                        "setval", "row_to_json", "to_json", "to_jsonb", "json_agg", "jsonb_agg",
                                        "json_object_agg", "jsonb_object_agg", "json_build_object", "jsonb_build_object",
                                        "json_build_array", "jsonb_build_array"};
  for (const char* s : special)
    if (name == s) return true;
  if (is_ordered_set_aggregate_name(name)) return true;
  for (const auto& f : builtin_functions())
    if (name == f.name) return true;
  return false;
}

ExprPtr Analyzer::transform_func_call(Node* node, ExprContext ctx) {
  auto* fc = reinterpret_cast<FuncCall*>(node);
  int n = list_size(fc->funcname);
  std::string schema = n > 1 ? node_string(list_at(fc->funcname, n - 2)) : "";
  std::string name = node_string(list_at(fc->funcname, n - 1));
  if (!schema.empty() && schema != "pg_catalog" && (schema != "public" || catalog_.find_procs(name).empty())) {
    throw PgError(sqlstate::kUndefinedFunction, "function " + schema + "." + name + "() does not exist").at(fc->location);
  }
  if (ctx == ExprContext::Default || ctx == ExprContext::PartitionBound)
    for_each_node(fc->args, [&](Node* arg) {  // PostgreSQL transforms the arguments first
      if (IsA(arg, ColumnRef))
        throw PgError(sqlstate::kFeatureNotSupported, std::string("cannot use column reference in ") +
                                                          (ctx == ExprContext::Default ? "DEFAULT expression" : "partition bound expression"))
            .at(expr_location(arg));
    });
  if (fc->over) return transform_window_call(node, ctx);
  if (name == "pg_get_viewdef" && (schema.empty() || schema == "pg_catalog"))
    if (ExprPtr e = transform_pg_get_viewdef(fc)) return e;
  if (fc->agg_within_group) return transform_ordered_set_agg(node, name, ctx);
  if (!fc->over && is_ordered_set_aggregate_name(name) && catalog_.find_procs(name).empty() &&
      (name == "mode" ? list_size(fc->args) == 1 : name.rfind("percentile_", 0) == 0 ? list_size(fc->args) == 2 : list_size(fc->args) > 0))
    throw PgError(sqlstate::kWrongObjectType, "WITHIN GROUP is required for ordered-set aggregate " + name).at(fc->location);
  // Where a set-returning function may not appear (nullptr: allowed).
  auto srf_forbidden = [&]() -> const char* {
    return ctx == ExprContext::Where ? "WHERE" : ctx == ExprContext::JoinOn ? "JOIN conditions"
         : ctx == ExprContext::GroupBy ? "GROUP BY" : ctx == ExprContext::Having ? "HAVING"
         : ctx == ExprContext::Limit ? "LIMIT" : ctx == ExprContext::Offset ? "OFFSET"
         : ctx == ExprContext::Check ? "check constraints" : ctx == ExprContext::Default ? "DEFAULT expressions"
         : ctx == ExprContext::Generated ? "column generation expressions"
         : ctx == ExprContext::IndexExpression ? "index expressions" : ctx == ExprContext::IndexPredicate ? "index predicates"
         : ctx == ExprContext::Values ? "VALUES" : ctx == ExprContext::PartitionBound ? "partition bound" : nullptr;
  };
  bool user_agg = schema != "pg_catalog" && has_user_aggregate(name);
  if (schema != "pg_catalog" && !user_agg && !catalog_.find_procs(name).empty()) {
    UserCall uc;
    if (resolve_user_call(name, node, ctx, uc)) {
      if (fc->agg_star || fc->agg_distinct || list_size(fc->agg_order) || fc->agg_filter) {
        const char* what = fc->agg_star ? "*" : fc->agg_distinct ? "DISTINCT" : fc->agg_filter ? "FILTER" : "ORDER BY";
        std::string msg = fc->agg_star ? name + "(*)" : what;
        throw PgError(sqlstate::kWrongObjectType, msg + " specified, but " + name + " is not an aggregate function").at(fc->location);
      }
      if (uc.proc->retset) {
        if (const char* where = srf_forbidden())
          throw PgError(sqlstate::kFeatureNotSupported, std::string("set-returning functions are not allowed in ") + where).at(fc->location);
        if (ctx != ExprContext::SelectTarget || in_aggregate_) unsupported("set-returning functions here", fc->location);
        if (!uc.column_types.empty() || uc.result == oid::kRecord) unsupported("set-returning functions returning record in the select list", fc->location);
        return srf_in_select_list(name, {}, fc->location, user_call_expr(uc, true, false));
      }
      if (!uc.column_types.empty() || uc.result == oid::kRecord) unsupported("functions returning record outside FROM", fc->location);
      return user_call_expr(uc, false, false);
    }
  }
  if ((fc->agg_star || fc->agg_distinct || list_size(fc->agg_order) || fc->agg_filter || fc->func_variadic) &&
      !user_agg && (!builtin_function_name(name) || (fc->agg_star && !builtin_function_name(name, 0)))) {
    // PostgreSQL looks the function up before it checks the aggregate decorations.
    std::string sig;
    if (!fc->agg_star)
      for_each_node(fc->args, [&](Node* a) {
        sig += (sig.empty() ? "" : ", ") + format_type_name(transform_expr(a, ctx)->type, -1);
      });
    throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                  list_size(fc->agg_order) > 1
                      ? "No aggregate function matches the given name and argument types. Perhaps you misplaced ORDER BY; "
                        "ORDER BY must appear after all regular arguments of the aggregate."
                      : "No function matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  }
  if (fc->func_variadic) {
    // f(..., VARIADIC array) of a built-in taking VARIADIC "any": the array's elements as arguments.
    if (ExprPtr j = transform_json_variadic(name, fc, ctx)) return j;  // analyze_json.cpp
    int which = name == "concat" ? 0 : name == "concat_ws" ? 1 : name == "format" ? 2 : -1;
    if (which < 0 || list_size(fc->args) != (which == 0 ? 1 : 2) || fc->agg_star || fc->agg_distinct)
      unsupported("VARIADIC in calls of " + name + "()", fc->location);
    std::vector<ExprPtr> args;
    for_each_node(fc->args, [&](Node* a) { args.push_back(transform_expr(a, ctx)); });
    ExprPtr arr = args.back();
    Oid elem = array_element_type(arr->type);
    if (!elem)
      throw PgError(sqlstate::kDatatypeMismatch, "VARIADIC argument must be an array").at(expr_location(list_at(fc->args, list_size(fc->args) - 1)));
    std::string t = "pg_variadic_text(" + std::to_string(which) + ", $" + std::to_string(args.size()) + ", " + std::to_string(elem);
    for (size_t i = 0; i + 1 < args.size(); i++) {
      ExprPtr c = coerce_to(args[i], oid::kText, -1, CastContext::Implicit, -1);
      if (!c) unsupported("VARIADIC in calls of " + name + "() with these arguments", fc->location);
      args[i] = c;
      t += ", $" + std::to_string(i + 1);
    }
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Call;
    e->name = name;
    e->type = oid::kText;
    e->templ = t + ")";
    e->args = std::move(args);
    e->location = fc->location;
    return e;
  }

  bool is_agg_name = user_agg || name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max";
  for (const auto& f : builtin_functions()) is_agg_name |= f.is_agg && name == f.name;
  if (!is_agg_name && (list_size(fc->agg_order) || fc->agg_filter))
    throw PgError(sqlstate::kWrongObjectType, std::string(fc->agg_filter ? "FILTER" : "ORDER BY") + " specified, but " + name +
                                                  " is not an aggregate function").at(fc->location);
  // FILTER (WHERE ...) and ORDER BY inside the call, appended to the lowered aggregate
  // (SQLite supports both for every aggregate).
  auto finish_agg = [&](ExprPtr e) -> ExprPtr {
    std::string extra;
    if (list_size(fc->agg_order)) {
      extra = " ORDER BY ";
      bool first = true;
      int order_pos = 0;
      bool saved = agg_allowed_;
      agg_allowed_ = false;
      for_each_node(fc->agg_order, [&](Node* n) {
        auto* sb = reinterpret_cast<SortBy*>(n);
        SortClause dir = sort_direction(sb);
        ExprPtr x = finalize_unknown(transform_expr(sb->node, ctx));
        if (e->distinct) {
          bool in_args = false;
          for (auto& arg : e->args) in_args |= arg->kind == x->kind && arg->kind == ExprKind::Var && arg->rte == x->rte && arg->attno == x->attno;
          if (!in_args)
            throw PgError("42P10", "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list").at(expr_location(sb->node));
        }
        bool desc = dir.desc, nf = dir.nulls_first;
        e->args.push_back(x);
        std::string coll = order_collation(x->type);
        // a numeric key followed by others: 1.5 and 1.50 tie (their scale-free key)
        int32_t tm = x->typmod;
        bool tie_key = ++order_pos < list_size(fc->agg_order) && domain_base_type(x->type, &tm) == oid::kNumeric &&
                       !(x->kind == ExprKind::Var && tm >= 0);
        std::string ref = "$" + std::to_string(e->args.size());
        extra += (first ? "" : ", ") + (tie_key ? "pg_numeric_key(" + ref + ")" : ref) + coll + (desc ? " DESC" : " ASC") +
                 (nf ? " NULLS FIRST" : " NULLS LAST");
        first = false;
      });
      agg_allowed_ = saved;
    }
    std::string t = e->templ;
    // PostgreSQL feeds a DISTINCT aggregate its input sorted: order-sensitive results
    // (array_agg, json_agg, string_agg) come out in ascending order without an ORDER BY.
    if (extra.empty() && e->distinct && !e->args.empty() &&
        (e->name == "array_agg" || e->name == "json_agg" || e->name == "jsonb_agg" || e->name == "string_agg")) {
      bool json = e->name == "json_agg" || e->name == "jsonb_agg";
      ExprPtr x = json ? e->args[0]->args[0] : e->args[0];
      std::string coll = order_collation(x->type);
      if (json) e->args.push_back(x);  // sort by the value, not its JSON text
      extra = " ORDER BY $" + std::to_string(json ? e->args.size() : 1) + coll + " NULLS LAST";
    }
    if (!extra.empty()) {
      size_t p = t.rfind(')');
      if (e->star) t = "count(1" + extra + ")";
      else if (p != std::string::npos) t.insert(p, extra);
    }
    if (fc->agg_filter) {
      bool saved = agg_allowed_;
      agg_allowed_ = false;
      ExprPtr f;
      try {
        f = coerce_to_bool(transform_expr(fc->agg_filter, ExprContext::Where), "FILTER");
      } catch (PgError& err) {
        agg_allowed_ = saved;
        if (err.error.message == "aggregate functions are not allowed in WHERE") {
          // An aggregate of an outer query (its arguments use only outer columns): PostgreSQL
          // places the FILTER's aggregate at that query's level, so it is nested in this one.
          std::function<int(const Expr&)> lowest = [&](const Expr& x) {
            int m = x.kind == ExprKind::Var ? x.levelsup : INT_MAX;
            for (auto& a : x.args) m = std::min(m, lowest(*a));
            return m;
          };
          int level = lowest(*e);
          err.error.message = level != INT_MAX && level > 0 ? "aggregate function calls cannot be nested"
                                                            : "aggregate functions are not allowed in FILTER";
        }
        throw;
      }
      agg_allowed_ = saved;
      e->args.push_back(f);
      t += " FILTER (WHERE $" + std::to_string(e->args.size()) + ")";
    }
    e->templ = t;
    check_aggregate_level(*e, fc->location);
    return e;
  };
  if (is_agg_name) {
    if (!agg_allowed_)
      throw PgError(sqlstate::kGroupingError, agg_context_message(ctx)).at(fc->location);
    if (in_aggregate_)
      throw PgError(sqlstate::kGroupingError, "aggregate function calls cannot be nested").at(fc->location);
    in_aggregate_ = true;
    std::vector<ExprPtr> args;
    try {
      for_each_node(fc->args, [&](Node* a) {
        // json_agg(alias): the FROM item's rows as objects (row_to_json)
        if ((name == "json_agg" || name == "jsonb_agg") && list_size(fc->args) == 1 && is_row_reference(a)) {
          args.push_back(transform_row_to_json(a, expr_location(a)));
          args.back()->name = "record";
          return;
        }
        args.push_back(transform_expr(a, ctx));
      });
    } catch (...) {
      in_aggregate_ = false;
      throw;
    }
    in_aggregate_ = false;
    saw_agg_ = true;
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Agg;
    e->name = name;
    e->distinct = fc->agg_distinct;
    e->location = fc->location;
    if (fc->agg_star) {
      if (name != "count")
        throw PgError(sqlstate::kWrongObjectType, name + "(*) specified, but " + name + " is not an aggregate function")
            .at(fc->location);
      e->star = true;
      e->type = oid::kInt8;
      e->templ = "count(*)";
      return finish_agg(e);
    }
    bool fixed_one = name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max";
    if (fixed_one && args.size() != 1) {
      std::string sig;
      for (size_t i = 0; i < args.size(); i++) sig += (i ? ", " : "") + format_type_name(args[i]->type, -1);
      throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                    "No function matches the given name and argument types. You might need to add explicit type casts.")
          .at(fc->location);
    }
    if (name == "count") {
      e->type = oid::kInt8;
      e->args = {finalize_unknown(args[0])};
      // jsonb values equal by jsonb_cmp (1 and 1.0) are one value: its collation
      bool jsonb = domain_base_type(e->args[0]->type) == oid::kJsonb;
      e->templ = fc->agg_distinct ? (jsonb ? "count(DISTINCT $1 COLLATE pg_jsonb)" : "count(DISTINCT $1)") : "count($1)";
      // equal numerics of different scales (1.5, 1.50) are one value: their scale-free key
      if (fc->agg_distinct && !jsonb) e->templ = "count(DISTINCT " + scale_free_key(*e->args[0], "$1") + ")";
      return finish_agg(e);
    }
    if (name == "min" || name == "max") {
      ExprPtr a = strip_domain(args[0]);
      if (a->type == oid::kUnknown) {
        a = finalize_unknown(a);
      }
      if (a->type == oid::kBool || a->type == oid::kUuid)
        throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + format_type_name(a->type, -1) + ") does not exist", "",
                      "No function matches the given name and argument types. You might need to add explicit type casts.")
            .at(fc->location);
      e->type = a->type == oid::kVarchar ? oid::kText : a->type;
      e->typmod = a->type == oid::kVarchar ? -1 : a->typmod;
      if (a->type == oid::kBpchar) { e->type = oid::kBpchar; }
      e->args = {a};
      // arrays, jsonb and enums compare in PostgreSQL's order (a collation)
      std::string coll = order_collation(a->type);
      std::string arg = coll.empty() ? "$1" : "$1" + coll;
      e->templ = std::string(name) + (fc->agg_distinct ? "(DISTINCT " + arg + ")" : "(" + arg + ")");
      // numeric: of equal values of different scales, the last one (runtime/numeric_key_functions.cpp)
      // (a numeric(p,s) column holds one scale: SQLite's min/max, which can use an index)
      if (a->type == oid::kNumeric && !(a->kind == ExprKind::Var && a->typmod >= 0)) e->templ = "pg_numeric_" + name + "($1)";
      if (a->type == oid::kInterval && !fc->agg_distinct) e->templ = "pg_interval_" + name + "($1)";  // ties: the newer
      return finish_agg(e);
    }
    if (user_agg) {
      // DISTINCT: the runtime sorts and de-duplicates the inputs, which it does for one
      // integer argument (whose equality and order are its value's).
      if (fc->agg_distinct && (args.size() != 1 || (args[0]->type != oid::kInt2 && args[0]->type != oid::kInt4 &&
                                                     args[0]->type != oid::kInt8)))
        unsupported("DISTINCT with user-defined aggregates", fc->location);
      const ProcDef* agg = find_user_aggregate(name, args);
      if (!agg) {
        std::string sig;
        for (size_t i = 0; i < args.size(); i++) sig += (i ? ", " : "") + format_type_name(args[i]->type, -1);
        throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                      "No function matches the given name and argument types. You might need to add explicit type casts.")
            .at(fc->location);
      }
      ExprPtr u = user_aggregate_call(*agg, args, false, fc->location);
      if (fc->agg_distinct) u->args[0]->value.s.insert(1, "D");  // the spec's mode: runtime/user_aggregates.cpp
      e->type = u->type;
      e->args = u->args;
      e->templ = u->templ;
      e = finish_agg(e);
      e->templ = "pg_user_agg_final(" + e->templ + ", $1, $2)";  // no rows: the initial state's result
      return e;
    }
    if (fc->agg_distinct && args.size() > 1) {
      // PostgreSQL's 42P10 comes first: every ORDER BY expression must be an argument.
      for_each_node(fc->agg_order, [&](Node* n) {
        auto* sb = reinterpret_cast<SortBy*>(n);
        bool saved = agg_allowed_;
        agg_allowed_ = false;
        ExprPtr x = transform_expr(sb->node, ctx);
        agg_allowed_ = saved;
        bool in_args = false;
        for (auto& a : args) in_args |= expr_equal(*a, *x);
        if (!in_args)
          throw PgError("42P10", "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list").at(expr_location(sb->node));
      });
      unsupported("DISTINCT in aggregates with more than one argument", fc->location);
    }
    // DISTINCT over numeric values: SQLite de-duplicates the stored forms, which differ for
    // equal values of different scales; sum and avg de-duplicate by value themselves.
    // Intervals likewise ('1 mon' and '30 days' are stored differently): refused but for count.
    auto interval_distinct_arg = [&]() {
      Oid base = domain_base_type(args[0]->type), elem = array_element_type(base);
      return base == oid::kInterval || (elem && domain_base_type(elem) == oid::kInterval);
    };
    std::string distinct_of = fc->agg_distinct && args.size() == 1 && interval_distinct_arg() ? " of interval values" : " of numeric values";
    auto numeric_distinct_arg = [&]() {
      if (!fc->agg_distinct || args.size() != 1) return false;
      Oid base = domain_base_type(args[0]->type), elem = array_element_type(base);
      return base == oid::kNumeric || (elem && domain_base_type(elem) == oid::kNumeric) || interval_distinct_arg();
    };
    if (transform_json_aggregate(name, args, *e)) {
      if (numeric_distinct_arg()) unsupported("DISTINCT in " + name + distinct_of, fc->location);
      if (fc->agg_distinct) e->templ.insert(e->templ.find("($1") + 1, "DISTINCT ");
      return finish_agg(e);
    }
    PolyInfo poly;
    const FunctionDef* f = resolve_function(name, args, true, fc->location, &poly);
    e->type = poly.polymorphic ? poly.result : f->result;
    // array_agg of records of a known structure: record[] keeps it (to_json names the fields)
    if (name == "array_agg" && args.size() == 1 && args[0]->type == oid::kRecord && args[0]->typmod >= 0 &&
        e->type == array_type_of(oid::kRecord))
      e->typmod = args[0]->typmod;
    e->args = args;
    std::string t = poly.polymorphic ? instantiate_template(f->templ, poly.elem) : f->templ;
    if (fc->agg_distinct && numeric_distinct_arg()) {
      if ((t == "pg_sum_numeric($1)" || t == "pg_avg_numeric($1)") && !interval_distinct_arg()) t.insert(t.find('('), "_distinct");
      else if (t == "pg_sum_interval($1)" || t == "pg_avg_interval($1)") t.insert(t.find('('), "_distinct");
      else unsupported("DISTINCT in " + name + distinct_of, fc->location);
    } else if (fc->agg_distinct) {
      size_t p = t.find("($1");
      if (p != std::string::npos) t.insert(p + 1, "DISTINCT ");
    }
    e->templ = t;
    return finish_agg(e);
  }
  if (fc->agg_star)
    throw PgError(sqlstate::kWrongObjectType, name + "(*) specified, but " + name + " is not an aggregate function").at(fc->location);
  if (fc->agg_distinct)
    throw PgError(sqlstate::kWrongObjectType, "DISTINCT specified, but " + name + " is not an aggregate function").at(fc->location);

  if (name == "pg_typeof" && list_size(fc->args) == 1) {
    // The argument's type as a regtype (its format_type name); the argument is analysed, not
    // evaluated.
    bool had_agg = saw_agg_, had_window = saw_window_;
    saw_agg_ = saw_window_ = false;
    ExprPtr a = transform_expr(list_at(fc->args, 0), ctx);
    bool keep = saw_agg_ || saw_window_;  // pg_typeof(sum(x)): the query still aggregates
    saw_agg_ |= had_agg, saw_window_ |= had_window;
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Const;
    e->type = oid::kRegtype;
    e->value = Datum::integer(a->type);
    e->location = fc->location;
    if (keep) {  // the aggregate stays in the lowered SQL; the value is the type's OID
      std::string type_oid = std::to_string(a->type);
      e->kind = ExprKind::Call;
      e->name = "pg_typeof";
      e->args = {a};
      e->templ = "(CASE WHEN ($1) IS NULL THEN " + type_oid + " ELSE " + type_oid + " END)";
    }
    return e;
  }
  if (name == "pg_collation_for" && list_size(fc->args) == 1) {
    // The argument's derived collation, as generate_collation_name prints it; NULL without one.
    bool had_agg = saw_agg_, had_window = saw_window_;
    saw_agg_ = saw_window_ = false;
    ExprPtr a = transform_expr(list_at(fc->args, 0), ctx);
    bool keep = saw_agg_ || saw_window_;
    saw_agg_ |= had_agg, saw_window_ |= had_window;
    if (a->type != oid::kUnknown && !type_default_collation(a->type))
      throw PgError(sqlstate::kDatatypeMismatch, "collations are not supported by type " + format_type_name(a->type, -1));
    ExprCollation c = a->type == oid::kUnknown ? ExprCollation{} : expr_collation(*a, scope_);
    if (c.strength == CollStrength::Conflict) unsupported("pg_collation_for() of conflicting collations", fc->location);
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Const;
    e->type = oid::kText;
    e->location = fc->location;
    if (c.coll) {
      std::string n = collation_name(c.coll);
      bool plain = n != "default" && !n.empty();
      for (char ch : n) plain &= (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
      e->value = Datum::text(plain ? n : "\"" + n + "\"");
    }
    if (keep) {  // the aggregate stays in the lowered SQL
      e->kind = ExprKind::Call;
      e->name = "pg_collation_for";
      e->args = {a};
      e->templ = c.coll ? "(CASE WHEN ($1) IS NULL THEN '" + e->value.s + "' ELSE '" + e->value.s + "' END)"
                        : "(CASE WHEN ($1) IS NULL THEN NULL ELSE NULL END)";
    }
    return e;
  }
  if (name == "lastval" && list_size(fc->args) == 0) {
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Call;
    e->name = "lastval";
    e->type = oid::kInt8;
    e->templ = "pg_lastval()";
    e->volatile_ = true;
    e->location = fc->location;
    return e;
  }
  bool seq_fn = (name == "nextval" || name == "currval") ? list_size(fc->args) == 1
              : name == "setval" ? (list_size(fc->args) == 2 || list_size(fc->args) == 3) : false;
  if (seq_fn) {
    Node* arg = list_at(fc->args, 0);
    // nextval('name'::regclass), as stored defaults spell it: regclass input is a lookup.
    if (IsA(arg, TypeCast)) {
      auto* tc = reinterpret_cast<TypeCast*>(arg);
      TypeName* tn = tc->typeName;
      if (node_string(list_at(tn->names, list_size(tn->names) - 1)) == "regclass") arg = tc->arg;
    }
    ExprPtr a = transform_expr(arg, ctx);
    if (a->kind != ExprKind::Const || a->value.kind != Datum::Kind::Text)
      unsupported(name + "() with a non-constant argument", fc->location);
    // regclass input: [schema.]name, each part lower-cased unless double-quoted.
    std::vector<std::string> parts{""};
    bool quoted = false;
    for (size_t i = 0; i < a->value.s.size(); i++) {
      char ch = a->value.s[i];
      if (ch == '"') {
        if (quoted && i + 1 < a->value.s.size() && a->value.s[i + 1] == '"') { parts.back() += '"'; i++; continue; }
        quoted = !quoted;
      } else if (ch == '.' && !quoted) {
        parts.push_back("");
      } else {
        parts.back() += quoted ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
    }
    if (parts.size() > 2) unsupported("cross-database references", a->location);
    std::string seq_schema = parts.size() == 2 ? parts[0] : "", seq_name = parts.back();
    if (!seq_schema.empty() && !catalog_.find_schema(seq_schema))
      throw PgError("3F000", "schema \"" + seq_schema + "\" does not exist").at(a->location);
    const SequenceDef* s = catalog_.find_sequence(seq_schema, seq_name);
    if (!s) {
      if (catalog_.find_table(seq_schema, seq_name) || catalog_.find_view(seq_schema, seq_name))
        throw PgError(sqlstate::kWrongObjectType, "\"" + a->value.s + "\" is not a sequence");
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + a->value.s + "\" does not exist").at(a->location);
    }
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Call;
    e->name = name;
    e->type = oid::kInt8;
    e->volatile_ = true;
    e->location = fc->location;
    auto c = std::make_shared<Expr>(*a);
    c->type = oid::kRegclass;
    e->args = {c};  // kept for deparsing; the template names the sequence by OID
    std::string soid = std::to_string(s->oid);
    if (name == "setval") {
      ExprPtr v = coerce_to(transform_expr(list_at(fc->args, 1), ctx), oid::kInt8, -1, CastContext::Implicit, -1);
      if (!v) throw PgError(sqlstate::kUndefinedFunction, "function setval(regclass, " + format_type_name(transform_expr(list_at(fc->args, 1), ctx)->type, -1) + ") does not exist").at(fc->location);
      e->args.push_back(v);
      std::string called = "1";
      if (list_size(fc->args) == 3) {
        ExprPtr b = coerce_to(transform_expr(list_at(fc->args, 2), ctx), oid::kBool, -1, CastContext::Implicit, -1);
        if (!b) throw PgError(sqlstate::kUndefinedFunction, "function setval(regclass, bigint, ?) does not exist").at(fc->location);
        e->args.push_back(b);
        called = "$3";
      }
      e->templ = "pg_setval(" + soid + ", $2, " + called + ")";
    } else {
      e->templ = "pg_" + name + "(" + soid + ")";
    }
    return e;
  }
  if (name == "row_to_json" && list_size(fc->args) == 1) return transform_row_to_json(list_at(fc->args, 0), fc->location);
  if (name == "row_to_json" && list_size(fc->args) == 2) {  // row_to_json(row, pretty): ",\n " between fields
    ExprPtr flag = transform_expr(list_at(fc->args, 1), ctx);
    ExprPtr json = transform_row_to_json(list_at(fc->args, 0), fc->location);
    if (ExprPtr b = coerce_to(flag, oid::kBool, -1, CastContext::Implicit, -1)) {
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::Call;
      e->name = name;
      e->templ = "pg_json_array_pretty($1, $2)";
      e->type = oid::kJson;
      e->args = {json, b};
      e->location = fc->location;
      return e;
    }
  }
  std::vector<ExprPtr> args;
  if (!jsonb_path_named_args(name, fc, ctx, args) &&  // analyze_jsonpath.cpp
      !builtin_named_args(*this, name, fc, ctx, args))   // analyze_named_args.cpp
    for_each_node(fc->args, [&](Node* a) { args.push_back(transform_expr(a, ctx)); });
  if (ExprPtr j = transform_json_function(name, args, fc->location)) return j;
  if (ExprPtr p = transform_populate_call(*this, name, args, fc->location)) return p;  // analyze_populate.cpp
  if (ExprPtr p = populate_set_call(*this, name, args, fc->location)) return srf_in_select_list(name, {}, fc->location, p);
  if (ctx == ExprContext::SelectTarget && !in_aggregate_ && !srf_forbidden())
    if (ExprPtr p = json_each_set_call(*this, name, args, fc->location)) return srf_in_select_list(name, {}, fc->location, p);
  bool known = false, srf = false;
  for (const auto& f : builtin_functions()) {
    known |= name == f.name && !f.returns_set;
    srf |= name == f.name && f.returns_set;
  }
  if (srf && !known) {
    const char* where = srf_forbidden();
    if (where) throw PgError(sqlstate::kFeatureNotSupported, std::string("set-returning functions are not allowed in ") + where).at(fc->location);
    if (ctx != ExprContext::SelectTarget || in_aggregate_)
      unsupported("set-returning functions here", fc->location);
    return srf_in_select_list(name, std::move(args), fc->location);
  }
  // A one-argument call named after a type is a cast when no function matches (func_get_detail's
  // "function-style cast"; PostgreSQL's pg_proc has most of these as functions of the type's
  // name, which pgmicro keeps as casts): float8(bigint), date(timestamptz), text(42).
  if (args.size() == 1 && !fc->agg_star && !fc->agg_distinct && !fc->over && list_size(fc->funcname) == 1) {
    const TypeInfo* ti = find_type_by_name(name);
    Oid src = args[0]->type;
    bool record_to_string = is_row_type(src) && ti && ti->category == 'S';
    if (ti && name == ti->typname && ti->category != 'P' && !record_to_string && can_coerce(src, ti->oid, CastContext::Explicit)) {
      bool resolves = false;
      if (known) {
        try {
          std::vector<ExprPtr> probe = args;
          PolyInfo pi;
          resolve_function(name, probe, false, fc->location, &pi);
          resolves = true;
        } catch (const PgError&) {
        }
      }
      if (!resolves) {
        ExprPtr c = coerce_to(args[0], ti->oid, -1, CastContext::Explicit, fc->location);
        if (c) return c;
      }
    }
  }
  if (!known && list_size(fc->funcname) == 1 && !fc->agg_star && !fc->agg_distinct && !fc->func_variadic)
    if (ExprPtr f = row_projection_call(*this, name, args, fc->location)) return f;  // last(f): f.last
  if (!known) {
    std::string sig;
    for (size_t i = 0; i < args.size(); i++) sig += (i ? ", " : "") + format_type_name(args[i]->type, -1);
    throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                  "No function matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  }
  PolyInfo poly;
  const FunctionDef* f = resolve_function(name, args, false, fc->location, &poly);
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->type = poly.polymorphic ? poly.result : f->result ? f->result : args[0]->type;
  e->typmod = f->result ? -1 : args[0]->typmod;
  e->templ = poly.polymorphic ? instantiate_template(f->templ, poly.elem) : f->templ;
  if (size_t star = e->templ.find("$*"); star != std::string::npos) {  // VARIADIC "any"
    std::string list;
    for (size_t i = 0; i < args.size(); i++) list += (i ? ", $" : "$") + std::to_string(i + 1);
    e->templ.replace(star, 2, list);
  }
  e->args = std::move(args);
  e->volatile_ = f->is_volatile;
  e->location = fc->location;
  return e;
}

}  // namespace pgmicro
