// Subscripts of the fixed-length geometric types (PostgreSQL's raw_array_subscript_handler):
// point[0]/point[1] are x/y (float8), box[0]/box[1] the high/low corners and lseg[0]/lseg[1]
// the end points (point); another subscript gives NULL. Runtime: pg_geo('subscript', ...).
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

ExprPtr transform_geo_subscript(Analyzer& a, ExprPtr base, List* subs, ExprContext ctx, int location) {
  Oid t = base->type;
  if (t != oid::kPoint && t != oid::kBox && t != oid::kLseg) return nullptr;
  if (list_size(subs) != 1) unsupported("more than one subscript of a geometric type", location);
  auto* ai = reinterpret_cast<A_Indices*>(list_at(subs, 0));
  if (ai->is_slice) throw PgError(sqlstate::kFeatureNotSupported, "slices of fixed-length arrays not implemented").at(location);
  ExprPtr x = a.transform_expr(ai->uidx, ctx);
  ExprPtr idx = a.coerce_to(x, oid::kInt4, -1, CastContext::Assignment, -1);
  if (!idx) throw PgError(sqlstate::kDatatypeMismatch, "array subscript must have type integer").at(expr_location(ai->uidx));
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = "subscript";
  e->templ = "pg_geo('subscript', $1, " + std::to_string(t) + ", $2)";
  e->type = t == oid::kPoint ? oid::kFloat8 : oid::kPoint;
  e->args = {base, idx};
  e->location = location;
  return e;
}

}  // namespace pgmicro
