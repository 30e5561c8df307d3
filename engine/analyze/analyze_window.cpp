// Window function calls: row_number, rank, dense_rank, percent_rank, cume_dist, ntile,
// lag, lead, first_value, last_value, nth_value and the aggregates OVER a window
// (PARTITION BY, ORDER BY with PostgreSQL's NULL order, ROWS/RANGE/GROUPS frames with
// offsets and EXCLUDE, named windows from the WINDOW clause). SQLite runs them natively.
#include <cmath>
#include <cstring>
#include <functional>
#include "analyze/analyzer.h"
#include "types/array.h"
#include "types/interval.h"
#include "types/type_io.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

// Casts between numeric types over a constant (2::int8, 1.5::float4), evaluated now through
// the types' text forms; anything else is returned unchanged.
static ExprPtr fold_numeric_casts(const ExprPtr& e) {
  auto numeric_type = [](Oid t) {
    return t == oid::kInt2 || t == oid::kInt4 || t == oid::kInt8 || t == oid::kFloat4 || t == oid::kFloat8 || t == oid::kNumeric;
  };
  if (!e || e->kind != ExprKind::Call || e->args.size() != 1 || !numeric_type(e->type)) return e;
  bool negate = e->name == "-";
  bool cast = e->name == "smallint" || e->name == "integer" || e->name == "bigint" || e->name == "real" ||
              e->name == "double precision" || e->name == "numeric";
  if (!negate && !cast) return e;
  ExprPtr inner = fold_numeric_casts(e->args[0]);
  if (inner->kind != ExprKind::Const || inner->value.is_null() || !numeric_type(inner->type)) return e;
  if (negate && inner->type != e->type) return e;
  try {
    auto c = std::make_shared<Expr>(*inner);
    std::string text = element_to_text(inner->type, inner->value);
    if (negate) text = text[0] == '-' ? text.substr(1) : "-" + text;
    // A cast's own target first (its copy may carry a wider type after an implicit coercion).
    Oid named = e->name == "smallint" ? oid::kInt2 : e->name == "integer" ? oid::kInt4 : e->name == "bigint" ? oid::kInt8
              : e->name == "real" ? oid::kFloat4 : e->name == "double precision" ? oid::kFloat8 : e->name == "numeric" ? oid::kNumeric : e->type;
    if (!negate && named != e->type) text = element_to_text(named, type_input(named, -1, text));
    c->value = type_input(e->type, -1, text);
    // float4 -> float8 widens the float4 value exactly (1.1::float4 is 1.100000023841858).
    if (!negate && e->type == oid::kFloat8 && (inner->type == oid::kFloat4 || named == oid::kFloat4)) {
      Datum f4 = named == oid::kFloat4 ? type_input(oid::kFloat4, -1, element_to_text(inner->type, inner->value)) : inner->value;
      if (f4.kind == Datum::Kind::Real) c->value = f4;
    }
    c->type = e->type;
    c->typmod = -1;
    return c;
  } catch (...) {
    return e;
  }
}


// analyze_window_range.cpp: RANGE offsets on datetime/interval ORDER BY columns.
const char* datetime_range_kind(Oid column);
int64_t datetime_range_key_offset(Oid column, const Interval& offset, int location);
bool datetime_range_needs_calendar(Oid column, const Interval& offset);
void computed_range_frame(Expr& call, WindowSpec& spec, const std::string offset_text[2], bool filtered, bool star, int location);

// PostgreSQL's in_range support functions by sort column type: the offset types each accepts
// (none: RANGE offsets unsupported for the type).
static std::vector<Oid> in_range_offset_types(Oid column) {
  using namespace oid;
  if (column == kInt2 || column == kInt4) return {kInt8, kInt4, kInt2};
  if (column == kInt8) return {kInt8};
  if (column == kFloat4 || column == kFloat8) return {kFloat8};
  if (column == kNumeric) return {kNumeric};
  if (column == kDate || column == kTimestamp || column == kTimestamptz || column == kTime || column == kTimetz ||
      column == kInterval)
    return {kInterval};
  return {};
}

// transformFrameOffset's checks: a column type without in_range, or an offset type no
// in_range function takes (0A000 with the offset's position).
void Analyzer::check_range_offset_type(Oid column, const ExprPtr& offset) {
  Oid col = column == oid::kVarchar ? oid::kText : column;
  std::vector<Oid> types = in_range_offset_types(col);
  if (types.empty())
    throw PgError(sqlstate::kFeatureNotSupported,
                  "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + format_type_name(col, -1))
        .at(offset->location);
  for (Oid t : types)
    if (offset->type == t || coerce_to(offset, t, -1, CastContext::Implicit, -1)) return;
  PgError err(sqlstate::kFeatureNotSupported, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " +
                                                  format_type_name(col, -1) + " and offset type " + format_type_name(offset->type, -1));
  err.error.hint = "Cast the offset value to an appropriate type.";
  throw err.at(offset->location);
}

static const char* window_context_message(ExprContext ctx) {
  switch (ctx) {
    case ExprContext::Where: return "window functions are not allowed in WHERE";
    case ExprContext::GroupBy: return "window functions are not allowed in GROUP BY";
    case ExprContext::Having: return "window functions are not allowed in HAVING";
    case ExprContext::JoinOn: return "window functions are not allowed in JOIN conditions";
    case ExprContext::Limit: return "window functions are not allowed in LIMIT";
    case ExprContext::Offset: return "window functions are not allowed in OFFSET";
    case ExprContext::Values: return "window functions are not allowed in VALUES";
    case ExprContext::UpdateSet: return "window functions are not allowed in UPDATE";
    case ExprContext::Returning: return "window functions are not allowed in RETURNING";
    case ExprContext::Default: return "window functions are not allowed in DEFAULT expressions";
    case ExprContext::PartitionBound: return "window functions are not allowed in partition bound";
    case ExprContext::Check: return "window functions are not allowed in check constraints";
    case ExprContext::Generated: return "window functions are not allowed in column generation expressions";
    case ExprContext::IndexExpression: return "window functions are not allowed in index expressions";
    case ExprContext::IndexPredicate: return "window functions are not allowed in index predicates";
    default: return "window functions are not allowed here";
  }
}

ExprPtr Analyzer::transform_window_call(Node* node, ExprContext ctx) {
  auto* fc = reinterpret_cast<FuncCall*>(node);
  std::string name = node_string(list_at(fc->funcname, list_size(fc->funcname) - 1));
  if (ctx != ExprContext::SelectTarget && ctx != ExprContext::OrderBy)
    throw PgError(sqlstate::kWindowingError, window_context_message(ctx)).at(fc->location);
  if (in_window_)
    throw PgError(sqlstate::kWindowingError, in_window_spec_ ? "window functions are not allowed in window definitions"
                                                             : "window function calls cannot be nested").at(fc->location);
  if (fc->agg_distinct) unsupported("DISTINCT is not implemented for window functions", fc->location);
  if (list_size(fc->agg_order)) unsupported("ORDER BY inside window aggregate calls", fc->location);
  in_window_ = true;
  struct Restore { Analyzer* a; ~Restore() { a->in_window_ = false; } } restore{this};

  std::vector<ExprPtr> args;
  for_each_node(fc->args, [&](Node* a) { args.push_back(transform_expr(a, ctx)); });
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Window;
  e->name = name;
  e->location = fc->location;
  auto no_function = [&]() -> PgError {
    std::string sig;
    for (size_t i = 0; i < args.size(); i++) sig += (i ? ", " : "") + format_type_name(args[i]->type, -1);
    return PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                   "No function matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  };
  const ProcDef* user_agg = nullptr;  // a CREATE AGGREGATE aggregate
  std::vector<ExprPtr> user_args;
  auto int_arg = [&](size_t i) { args[i] = coerce_to(args[i], oid::kInt4, -1, CastContext::Implicit, -1); if (!args[i]) throw no_function(); };
  if (name == "count" && !fc->agg_star && args.empty())
    throw PgError(sqlstate::kWrongObjectType, "count(*) must be used to call a parameterless aggregate function").at(fc->location);
  if (fc->agg_star) {
    if (name != "count") throw PgError(sqlstate::kWrongObjectType, name + "(*) specified, but " + name + " is not an aggregate function").at(fc->location);
    e->type = oid::kInt8;
    e->templ = "count(*)";
  } else if (name == "row_number" || name == "rank" || name == "dense_rank" || name == "percent_rank" || name == "cume_dist") {
    if (!args.empty()) throw no_function();
    e->type = name == "percent_rank" || name == "cume_dist" ? oid::kFloat8 : oid::kInt8;
    e->templ = name + "()";
  } else if (name == "ntile") {
    if (args.size() != 1) throw no_function();
    int_arg(0);
    e->type = oid::kInt4;
    e->templ = "ntile(pg_window_positive_arg($1, 0))";  // 22014 for <= 0
    // ntile(NULL) is NULL for every row (SQLite's ntile refuses NULL): an aggregate of NULL.
    if (args[0]->kind == ExprKind::Const && args[0]->value.is_null()) e->templ = "max(NULL)";
  } else if (name == "lag" || name == "lead") {
    if (args.empty() || args.size() > 3) throw no_function();
    if (args.size() >= 2) int_arg(1);
    if (args.size() == 3) {
      Oid t = select_common_type({args[0], args[2]}, "lag/lead");
      args[0] = coerce_to(args[0], t, -1, CastContext::Implicit, -1);
      args[2] = coerce_to(args[2], t, -1, CastContext::Implicit, -1);
    }
    args[0] = finalize_unknown(args[0]);
    e->type = args[0]->type;
    e->typmod = args[0]->typmod;
    e->templ = name + (args.size() == 1 ? "($1)" : args.size() == 2 ? "($1, $2)" : "($1, $2, $3)");
  } else if (name == "first_value" || name == "last_value" || name == "nth_value") {
    if (args.size() != (name == "nth_value" ? 2u : 1u)) throw no_function();
    if (name == "nth_value") int_arg(1);
    args[0] = finalize_unknown(args[0]);
    e->type = args[0]->type;
    e->typmod = args[0]->typmod;
    e->templ = name + (name == "nth_value" ? "($1, pg_window_positive_arg($2, 1))" : "($1)");  // 22016 for <= 0
  } else if (name == "count") {
    if (args.size() != 1) throw no_function();
    args[0] = finalize_unknown(args[0]);
    e->type = oid::kInt8;
    e->templ = "count($1)";
  } else if (name == "min" || name == "max") {
    if (args.size() != 1) throw no_function();
    args[0] = finalize_unknown(args[0]);
    if (args[0]->type == oid::kBool) throw no_function();
    args[0] = strip_domain(args[0]);
    e->type = args[0]->type == oid::kVarchar ? oid::kText : args[0]->type;
    e->templ = name + "($1" + order_collation(args[0]->type) + ")";
    // numeric: of equal values of different scales, the frame's last (runtime/numeric_key_functions.cpp)
    if (args[0]->type == oid::kNumeric) e->templ = "pg_numeric_window_" + name + "($1)";
    if (args[0]->type == oid::kInterval) e->templ = "pg_interval_window_" + name + "($1)";
  } else if (has_user_aggregate(name)) {
    user_agg = find_user_aggregate(name, args);
    if (!user_agg) throw no_function();
    user_args = args;
    ExprPtr u = user_aggregate_call(*user_agg, args, false, fc->location);
    e->type = u->type;
    e->templ = u->templ;
    args = u->args;
  } else {
    bool is_agg = false;
    for (const auto& f : builtin_functions()) is_agg |= name == f.name && f.is_agg;
    if (!is_agg) {
      bool known = false;
      for (const auto& f : builtin_functions()) known |= name == f.name;
      if (!known) throw no_function();
      throw PgError(sqlstate::kWrongObjectType, "OVER specified, but " + name + " is not a window function nor an aggregate function")
          .at(fc->location);
    }
    if (transform_json_aggregate(name, args, *e)) {
      args = e->args;
    } else {
      PolyInfo poly;
      const FunctionDef* f = resolve_function(name, args, true, fc->location, &poly);
      e->type = poly.polymorphic ? poly.result : f->result;
      e->templ = poly.polymorphic ? instantiate_template(f->templ, poly.elem) : f->templ;
    }
  }
  e->args = std::move(args);
  if (fc->agg_filter) {
    bool is_agg = fc->agg_star || user_agg || name == "count" || name == "min" || name == "max";
    for (const auto& f : builtin_functions()) is_agg |= name == f.name && f.is_agg;
    if (!is_agg) throw PgError(sqlstate::kFeatureNotSupported, "FILTER is not implemented for non-aggregate window functions").at(fc->location);
    ExprPtr f;
    try {
      f = coerce_to_bool(transform_expr(fc->agg_filter, ExprContext::Where), "FILTER");
    } catch (PgError& err) {
      if (err.error.message == "aggregate functions are not allowed in WHERE")
        err.error.message = "aggregate functions are not allowed in FILTER";
      throw;
    }
    if (user_agg) {
      // The aggregate sees filtered rows too (a partition's first rows may all be filtered
      // out, and the result is then the initial state's): pg_user_agg's third argument.
      e->args.insert(e->args.begin() + 2, f);
      e->args[0]->value.s.insert(1, "F");
      std::string t = "pg_user_agg($1, $2";
      for (size_t i = 2; i < e->args.size(); i++) t += ", $" + std::to_string(i + 1);
      e->templ = t + ")";
    } else {
      e->args.push_back(f);
      e->templ += " FILTER (WHERE $" + std::to_string(e->args.size()) + ")";
    }
  }

  // The window: inline definition, possibly based on a named one.
  WindowDef* wd = fc->over;
  auto spec = std::make_shared<WindowSpec>();
  auto find_named = [&](const char* wname) -> WindowDef* {
    WindowDef* found = nullptr;
    for_each_node(window_clause_, [&](Node* n) {
      auto* w = reinterpret_cast<WindowDef*>(n);
      if (w->name && std::strcmp(w->name, wname) == 0) found = w;
    });
    if (!found) throw PgError(sqlstate::kUndefinedObject, "window \"" + std::string(wname) + "\" does not exist").at(wd->location);
    return found;
  };
  // parts: the chain of definitions, the innermost referenced window first (WINDOW w2 AS (w1 ...)).
  std::vector<WindowDef*> parts;
  WindowDef* top = wd;
  if (wd->name && !wd->refname && !list_size(wd->partitionClause) && !list_size(wd->orderClause) &&
      !(wd->frameOptions & FRAMEOPTION_NONDEFAULT))
    top = find_named(wd->name);  // OVER w: the named window itself, no copy
  for (WindowDef* w = top; w;) {
    parts.insert(parts.begin(), w);
    if (parts.size() > 100) break;
    w = w->refname ? find_named(w->refname) : nullptr;
  }
  bool saved_allowed = agg_allowed_;
  in_window_spec_ = true;
  struct RestoreSpec { Analyzer* a; ~RestoreSpec() { a->in_window_spec_ = false; } } restore_spec{this};
  for (size_t pi = 0; pi < parts.size(); ++pi) {
    WindowDef* w = parts[pi];
    WindowDef* base = pi ? parts[pi - 1] : nullptr;
    if (base && list_size(w->partitionClause))
      throw PgError(sqlstate::kWindowingError, "cannot override PARTITION BY clause of window \"" + std::string(w->refname) + "\"")
          .at(w->location);
    if (base && list_size(w->orderClause) && !spec->order.empty())
      throw PgError(sqlstate::kWindowingError, "cannot override ORDER BY clause of window \"" + std::string(w->refname) + "\"")
          .at(w->location);
    if (base && (base->frameOptions & FRAMEOPTION_NONDEFAULT)) {
      PgError err(sqlstate::kWindowingError, "cannot copy window \"" + std::string(w->refname) + "\" because it has a frame clause");
      if (!w->name && !list_size(w->orderClause) && !(w->frameOptions & FRAMEOPTION_NONDEFAULT))
        err.error.hint = "Omit the parentheses in this OVER clause.";
      throw err.at(w->location);
    }
    for_each_node(w->partitionClause, [&](Node* n) { spec->partition.push_back(finalize_unknown(transform_expr(n, ExprContext::OrderBy))); });
    for_each_node(w->orderClause, [&](Node* n) {
      SortClause sc = sort_direction(reinterpret_cast<SortBy*>(n));
      auto* sb = reinterpret_cast<SortBy*>(n);
      sc.expr = finalize_unknown(transform_expr(sb->node, ExprContext::OrderBy));
      spec->order.push_back(sc);
    });
    if (w->frameOptions & FRAMEOPTION_NONDEFAULT) {
      spec->frame_options = w->frameOptions;
      bool computed = false;          // a frame SQLite cannot express: pg_range_frame
      std::string offset_text[2];     // the RANGE offsets' text (start, end)
      if ((w->frameOptions & FRAMEOPTION_GROUPS) && spec->order.empty())
        throw PgError(sqlstate::kWindowingError, "GROUPS mode requires an ORDER BY clause").at(w->location);
      auto offset = [&](Node* n, bool start) -> ExprPtr {
        if (!n) return nullptr;
        ExprPtr x = transform_expr(n, ExprContext::Limit);
        // checkExprIsVarFree: no column of the query's own FROM (42P10 at the column).
        std::function<const Expr*(const Expr&)> find_var = [&](const Expr& v) -> const Expr* {
          if (v.kind == ExprKind::Var && v.levelsup == 0) return &v;
          for (auto& a : v.args)
            if (const Expr* f = a ? find_var(*a) : nullptr) return f;
          return nullptr;
        };
        if (const Expr* var = find_var(*x))
          throw PgError(sqlstate::kInvalidColumnReference,
                        std::string("argument of ") + ((w->frameOptions & FRAMEOPTION_ROWS) ? "ROWS" : (w->frameOptions & FRAMEOPTION_GROUPS) ? "GROUPS" : "RANGE") +
                            " must not contain variables")
              .at(var->location >= 0 ? var->location : x->location);
        Oid target = oid::kInt8;
        if (w->frameOptions & FRAMEOPTION_RANGE) {
          if (spec->order.size() != 1)
            throw PgError(sqlstate::kWindowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column")
                .at(wd->location);
          Oid ot = spec->order[0].expr->type;
          {
            // (reported at exprLocation: a cast's leftmost argument, as PostgreSQL)
            auto at = std::make_shared<Expr>(*x);
            int loc = expr_location(n);
            if (loc >= 0) at->location = loc;
            check_range_offset_type(ot, at);
          }
          if (datetime_range_kind(ot)) {
            ExprPtr c = coerce_to(x, oid::kInterval, -1, CastContext::Implicit, -1);
            if (!c || c->kind != ExprKind::Const) unsupported("window frame offsets that are not constants", x->location);
            if (c->value.is_null())
              throw PgError("22004", std::string("frame ") + (start ? "starting" : "ending") + " offset must not be null");
            offset_text[start ? 0 : 1] = c->value.s;
            if (datetime_range_needs_calendar(ot, interval_from_storage(c->value.s))) {
              computed = true;
              return c;
            }
            spec->range_key = datetime_range_kind(ot);
            (start ? spec->start_key_offset : spec->end_key_offset) =
                datetime_range_key_offset(ot, interval_from_storage(c->value.s), wd->location);
            return c;
          }
          if (ot == oid::kNumeric) {
            ExprPtr c = coerce_to(x, oid::kNumeric, -1, CastContext::Implicit, -1);
            if (c) c = fold_numeric_casts(c);
            if (!c || c->kind != ExprKind::Const) unsupported("window frame offsets that are not constants", x->location);
            if (c->value.is_null())
              throw PgError("22004", std::string("frame ") + (start ? "starting" : "ending") + " offset must not be null");
            offset_text[start ? 0 : 1] = element_to_text(oid::kNumeric, c->value);
            computed = true;
            return c;
          }
          if (ot == oid::kFloat4 || ot == oid::kFloat8) target = oid::kFloat8;
          else if (ot != oid::kInt2 && ot != oid::kInt4 && ot != oid::kInt8)
            unsupported("RANGE offsets for ORDER BY columns of type " + format_type_name(ot, -1), wd->location);
        }
        ExprPtr c = coerce_to(x, target, -1, CastContext::Implicit, -1);
        if (c) c = fold_numeric_casts(c);  // SQLite accepts no function call as a frame offset
        if (!c)
          throw PgError(sqlstate::kDatatypeMismatch, std::string("argument of ") +
                                                         ((w->frameOptions & FRAMEOPTION_ROWS) ? "ROWS" : (w->frameOptions & FRAMEOPTION_GROUPS) ? "GROUPS" : "RANGE") +
                                                         " must be type bigint, not type " + format_type_name(x->type, -1)).at(x->location);
        // A parameter (a SQL function's argument) is bound before SQLite evaluates the frame once;
        // a widening integer cast of it is value-preserving and dropped (SQLite accepts only a
        // constant or a bound parameter as a frame offset).
        if (c->kind == ExprKind::Call && c->args.size() == 1 && c->args[0]->kind == ExprKind::Param && c->type == oid::kInt8 &&
            (c->args[0]->type == oid::kInt4 || c->args[0]->type == oid::kInt2))
          c = c->args[0];
        if (c->kind != ExprKind::Const && c->kind != ExprKind::Param) unsupported("window frame offsets that are not constants", x->location);
        if (c->kind == ExprKind::Const) {
          bool neg = c->value.kind == Datum::Kind::Int ? c->value.i < 0 : c->value.kind == Datum::Kind::Real && c->value.r < 0;
          neg |= c->value.kind == Datum::Kind::Text && c->value.s == "NaN";  // float NaN: in_range's error
          if (c->value.is_null())
            throw PgError("22004", std::string("frame ") + (start ? "starting" : "ending") + " offset must not be null");
          if (neg && (w->frameOptions & FRAMEOPTION_RANGE))
            throw PgError("22013", "invalid preceding or following size in window function");
          if (neg) throw PgError("22013", std::string("frame ") + (start ? "starting" : "ending") + " offset must not be negative");
          // An infinite float offset: base +/- offset can be NaN, in_range_float8_float8's case.
          if ((w->frameOptions & FRAMEOPTION_RANGE) && target == oid::kFloat8) {
            offset_text[start ? 0 : 1] = element_to_text(oid::kFloat8, c->value);
            if (c->value.kind == Datum::Kind::Real && std::isinf(c->value.r)) computed = true;
          }
        }
        return c;
      };
      spec->start_offset = offset(w->startOffset, true);
      spec->end_offset = offset(w->endOffset, false);
      if (computed) computed_range_frame(*e, *spec, offset_text, fc->agg_filter || user_agg, fc->agg_star, fc->location);
    }
  }
  agg_allowed_ = saved_allowed;
  e->window = spec;
  // A frame whose head can move runs the aggregate's moving form (msfunc/minvfunc), unless an
  // argument or FILTER is volatile (PostgreSQL then restarts the plain aggregate).
  std::function<bool(const Expr&)> is_volatile = [&](const Expr& x) {
    if (x.volatile_) return true;
    for (auto& a : x.args)
      if (a && is_volatile(*a)) return true;
    return false;
  };
  if (user_agg && (spec->frame_options & FRAMEOPTION_NONDEFAULT) && !(spec->frame_options & FRAMEOPTION_START_UNBOUNDED_PRECEDING) &&
      !is_volatile(*e)) {
    ExprPtr m = user_aggregate_call(*user_agg, user_args, true, fc->location);
    if (fc->agg_filter) m->args[0]->value.s.insert(1, "F");
    e->args[0] = m->args[0];
    e->args[1] = m->args[1];
  }
  saw_window_ = true;
  return e;
}

}  // namespace pgmicro
