// GREATEST(...) / LEAST(...): the arguments coerced to their common type; NULLs are ignored
// (NULL only when all are). Lowered to pg_greatest/pg_least(type, args...) of
// runtime/minmax_functions.cpp, which compare with the type's btree order.
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

ExprPtr Analyzer::transform_min_max(Node* node, ExprContext ctx) {
  auto* mm = reinterpret_cast<MinMaxExpr*>(node);
  const char* what = mm->op == IS_GREATEST ? "GREATEST" : "LEAST";
  std::vector<ExprPtr> args;
  for_each_node(mm->args, [&](Node* a) { args.push_back(transform_expr(a, ctx)); });
  Oid t = select_common_type(args, what);
  if (t == oid::kUnknown) t = oid::kText;
  if (is_array_type(t) || t == oid::kJson || t == oid::kJsonb || t == oid::kBool)
    unsupported(std::string(what) + " of type " + format_type_name(t, -1), mm->location);
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = mm->op == IS_GREATEST ? "greatest" : "least";
  e->type = t;
  e->location = mm->location;
  std::string templ = std::string(mm->op == IS_GREATEST ? "pg_greatest(" : "pg_least(") + std::to_string(t);
  int32_t typmod = -2;
  for (auto& a : args) {
    ExprPtr c = coerce_to(a, t, -1, CastContext::Implicit, a->location);
    if (!c) throw PgError(sqlstate::kDatatypeMismatch, std::string(what) + " could not convert type " + format_type_name(a->type, -1) + " to " + format_type_name(t, -1)).at(a->location);
    typmod = typmod == -2 ? c->typmod : typmod == c->typmod ? typmod : -1;
    e->args.push_back(c);
    templ += ", $" + std::to_string(e->args.size());
  }
  e->typmod = typmod == -2 ? -1 : typmod;
  e->templ = templ + ")";
  return e;
}

}  // namespace pgmicro
