// Function calls and aggregates: count/min/max (polymorphic), the table-driven functions
// and aggregates of catalog/builtins.cpp, nextval(). Aggregate placement rules
// (42803 nested aggregates, not allowed in WHERE/GROUP BY/JOIN ON) follow PostgreSQL.
#include "analyze/analyzer.h"
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
    default: return "aggregate functions are not allowed here";
  }
}

ExprPtr Analyzer::transform_func_call(Node* node, ExprContext ctx) {
  auto* fc = reinterpret_cast<FuncCall*>(node);
  int n = list_size(fc->funcname);
  std::string schema = n > 1 ? node_string(list_at(fc->funcname, n - 2)) : "";
  std::string name = node_string(list_at(fc->funcname, n - 1));
  if (!schema.empty() && schema != "pg_catalog") {
    throw PgError(sqlstate::kUndefinedFunction, "function " + schema + "." + name + "() does not exist").at(fc->location);
  }
  if (fc->over) return transform_window_call(node, ctx);
  if (list_size(fc->agg_order)) unsupported("ORDER BY inside aggregate calls", fc->location);
  if (fc->agg_filter) unsupported("FILTER clauses", fc->location);
  if (fc->agg_within_group) unsupported("WITHIN GROUP", fc->location);
  if (fc->func_variadic) unsupported("VARIADIC", fc->location);

  bool is_agg_name = name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max";
  if (is_agg_name) {
    if (!agg_allowed_)
      throw PgError(sqlstate::kGroupingError, agg_context_message(ctx)).at(fc->location);
    if (in_aggregate_)
      throw PgError(sqlstate::kGroupingError, "aggregate function calls cannot be nested").at(fc->location);
    in_aggregate_ = true;
    std::vector<ExprPtr> args;
    try {
      for_each_node(fc->args, [&](Node* a) { args.push_back(transform_expr(a, ctx)); });
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
      return e;
    }
    if (args.size() != 1) {
      std::string sig;
      for (size_t i = 0; i < args.size(); i++) sig += (i ? ", " : "") + format_type_name(args[i]->type, -1);
      throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                    "No function matches the given name and argument types. You might need to add explicit type casts.")
          .at(fc->location);
    }
    if (name == "count") {
      e->type = oid::kInt8;
      e->args = {finalize_unknown(args[0])};
      e->templ = fc->agg_distinct ? "count(DISTINCT $1)" : "count($1)";
      return e;
    }
    if (name == "min" || name == "max") {
      ExprPtr a = args[0];
      if (a->type == oid::kUnknown) {
        a = finalize_unknown(a);
      }
      if (a->type == oid::kBool)
        throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(boolean) does not exist", "",
                      "No function matches the given name and argument types. You might need to add explicit type casts.")
            .at(fc->location);
      e->type = a->type == oid::kVarchar ? oid::kText : a->type;
      e->typmod = a->type == oid::kVarchar ? -1 : a->typmod;
      if (a->type == oid::kBpchar) { e->type = oid::kBpchar; }
      e->args = {a};
      e->templ = std::string(name) + (fc->agg_distinct ? "(DISTINCT $1)" : "($1)");
      return e;
    }
    const FunctionDef* f = resolve_function(name, args, true, fc->location);
    e->type = f->result;
    e->args = args;
    std::string t = f->templ;
    if (fc->agg_distinct) {
      size_t p = t.find("($1");
      if (p != std::string::npos) t.insert(p + 1, "DISTINCT ");
    }
    e->templ = t;
    return e;
  }
  if (fc->agg_star)
    throw PgError(sqlstate::kWrongObjectType, name + "(*) specified, but " + name + " is not an aggregate function").at(fc->location);
  if (fc->agg_distinct)
    throw PgError(sqlstate::kWrongObjectType, "DISTINCT specified, but " + name + " is not an aggregate function").at(fc->location);

  if (name == "nextval" && list_size(fc->args) == 1) {
    Node* arg = list_at(fc->args, 0);
    // nextval('name'::regclass), as stored defaults spell it: regclass input is a lookup.
    if (IsA(arg, TypeCast)) {
      auto* tc = reinterpret_cast<TypeCast*>(arg);
      TypeName* tn = tc->typeName;
      if (node_string(list_at(tn->names, list_size(tn->names) - 1)) == "regclass") arg = tc->arg;
    }
    ExprPtr a = transform_expr(arg, ctx);
    if (a->kind != ExprKind::Const || a->value.kind != Datum::Kind::Text)
      unsupported("nextval() with a non-constant argument", fc->location);
    const SequenceDef* s = catalog_.find_sequence(a->value.s);
    if (!s) throw PgError(sqlstate::kUndefinedTable, "relation \"" + a->value.s + "\" does not exist").at(a->location);
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Call;
    e->name = "nextval";
    e->type = oid::kInt8;
    e->templ = "pg_nextval(" + std::to_string(s->oid) + ")";
    e->volatile_ = true;
    e->location = fc->location;
    auto c = std::make_shared<Expr>(*a);
    c->type = oid::kRegclass;
    e->args = {c};  // kept for deparsing; the template does not use it
    return e;
  }
  std::vector<ExprPtr> args;
  for_each_node(fc->args, [&](Node* a) { args.push_back(transform_expr(a, ctx)); });
  bool known = false;
  for (const auto& f : builtin_functions()) known |= name == f.name;
  if (!known) {
    std::string sig;
    for (size_t i = 0; i < args.size(); i++) sig += (i ? ", " : "") + format_type_name(args[i]->type, -1);
    throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                  "No function matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  }
  const FunctionDef* f = resolve_function(name, args, false, fc->location);
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->type = f->result ? f->result : args[0]->type;
  e->typmod = f->result ? -1 : args[0]->typmod;
  e->templ = f->templ;
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
