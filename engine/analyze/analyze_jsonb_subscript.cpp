// jsonb subscripting (PostgreSQL 14+'s jsonbsubs.c): j['key'][0] fetches like #> with each
// subscript coerced to integer or text, and UPDATE t SET j['a'][0] = v assigns with jsonb's
// subscript semantics (missing containers created, array gaps filled with nulls). Runtime in
// runtime/jsonb_subscript_functions.cpp.
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

static ExprPtr jsonb_sub_call(const std::string& name, std::string templ, std::vector<ExprPtr> args, int location) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->templ = std::move(templ);
  e->type = oid::kJsonb;
  e->args = std::move(args);
  e->location = location;
  return e;
}

// One subscript: unknown literals are text; other types must coerce implicitly to integer or
// text (tried in that order).
ExprPtr Analyzer::jsonb_subscript_expr(Node* n, ExprContext ctx) {
  auto* ai = reinterpret_cast<A_Indices*>(n);
  if (ai->is_slice || !ai->uidx) {
    Node* at = ai->uidx ? ai->uidx : ai->lidx;
    PgError err(sqlstate::kDatatypeMismatch, "jsonb subscript does not support slices");
    if (at) err.at(expr_location(at));
    throw err;
  }
  ExprPtr x = transform_expr(ai->uidx, ctx);
  if (x->type == oid::kUnknown) return coerce_to(x, oid::kText, -1, CastContext::Implicit, -1);
  for (Oid target : {oid::kInt4, oid::kText})
    if (ExprPtr c = coerce_to(x, target, -1, CastContext::Implicit, -1)) return c;
  throw PgError(sqlstate::kDatatypeMismatch, "subscript type " + format_type_name(x->type, -1) + " is not supported", "",
                "jsonb subscript must be coercible to either integer or text.")
      .at(expr_location(ai->uidx));
}

ExprPtr Analyzer::transform_jsonb_subscript(ExprPtr base, List* subs, ExprContext ctx, int location) {
  std::vector<ExprPtr> args = {base};
  std::string templ = "pg_jsonb_subscript($1";
  for_each_node(subs, [&](Node* n) {
    if (!IsA(n, A_Indices)) unsupported("field selection", location);
    args.push_back(jsonb_subscript_expr(n, ctx));
    templ += ", $" + std::to_string(args.size());
  });
  return jsonb_sub_call("jsonb", templ + ")", std::move(args), location);
}

ExprPtr Analyzer::transform_jsonb_subscript_assignment(ResTarget* rt, const TableDef& t, int column, ExprPtr current) {
  const ColumnDef& col = t.columns[column];
  if (!current) {
    current = std::make_shared<Expr>();
    current->kind = ExprKind::Var;
    current->rte = 0;
    current->attno = column;
    current->type = col.type;
    current->typmod = col.typmod;
    current->name = col.name;
  }
  std::vector<ExprPtr> subs;
  for_each_node(rt->indirection, [&](Node* n) {
    if (!IsA(n, A_Indices)) unsupported("field assignment", rt->location);
    subs.push_back(jsonb_subscript_expr(n, ExprContext::UpdateSet));
  });
  ExprPtr value = transform_expr(rt->val, ExprContext::UpdateSet);
  ExprPtr v = coerce_to(value, oid::kJsonb, -1, CastContext::Assignment, -1);
  if (!v)
    throw PgError(sqlstate::kDatatypeMismatch,
                  "subscripted assignment to \"" + col.name + "\" requires type jsonb but expression is of type " +
                      format_type_name(value->type, -1),
                  "", "You will need to rewrite or cast the expression.")
        .at(expr_location(rt->val));
  // An SQL NULL document starts as [] when the first subscript is an integer, {} otherwise.
  bool expect_array = subs[0]->type == oid::kInt4;
  std::vector<ExprPtr> args = {current, v};
  std::string templ = std::string("pg_jsonb_subscript_set($1, $2, ") + (expect_array ? "1" : "0");
  for (auto& s : subs) {
    args.push_back(s);
    templ += ", $" + std::to_string(args.size());
  }
  return jsonb_sub_call("jsonb subscript assignment", templ + ")", std::move(args), rt->location);
}

}  // namespace pgmicro
