// Array expressions: ARRAY[...] constructors (PostgreSQL's transformArrayExpr type
// resolution, nested sub-arrays for more dimensions), subscripts and slices
// (transformContainerSubscripts), and lhs op ANY/ALL (array) (make_scalar_array_op). The
// runtime side is runtime/array_functions.cpp and the pg_unnest table function.
#include "analyze/analyze_assign_indirection.h"
#include "analyze/analyze_row.h"
#include "analyze/analyzer.h"
#include "types/array.h"
#include "types/user_types.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

static ExprPtr make_call_expr(const std::string& name, std::string templ, Oid type, std::vector<ExprPtr> args,
                              int location) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->templ = std::move(templ);
  e->type = type;
  e->args = std::move(args);
  e->location = location;
  return e;
}

// More subscripts than PostgreSQL's MAXDIM dimensions (array_subscript_transform).
static void check_subscript_count(int n) {
  if (n > kMaxArrayDims)
    throw PgError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(n) +
                                                       ") exceeds the maximum allowed (" + std::to_string(kMaxArrayDims) + ")");
}

ExprPtr Analyzer::transform_array_expr(Node* node, ExprContext ctx, Oid target_array, int32_t target_typmod) {
  auto* ae = reinterpret_cast<A_ArrayExpr*>(node);
  Oid target_elem = target_array ? array_element_type(target_array) : 0;
  // Elements: nested A_ArrayExpr (ARRAY[[1,2],[3,4]]) are sub-arrays of the same type.
  std::vector<ExprPtr> elems;
  std::vector<bool> nested;
  for_each_node(ae->elements, [&](Node* n) {
    if (IsA(n, A_ArrayExpr)) {
      elems.push_back(transform_array_expr(n, ctx, target_array, target_typmod));
      nested.push_back(true);
    } else {
      elems.push_back(transform_expr(n, ctx));
      nested.push_back(false);
    }
  });
  Oid array_type, elem_type;
  bool multidims = false;
  // ARRAY[]::int2vector is a zero-dimensional array, which int2vectorout/oidvectorout refuse
  if (target_array && is_vector_type(target_array) && elems.empty())
    throw PgError(sqlstate::kDatatypeMismatch,
                  std::string("array is not a valid ") + (target_array == oid::kOidVector ? "oidvector" : "int2vector"));
  // (int2vector/oidvector elements are values, not sub-arrays)
  auto sub_array = [](Oid t) { return is_array_type(t) && !is_vector_type(t); };
  if (target_array) {
    array_type = target_array;
    elem_type = target_elem;
    for (auto& e : elems) multidims |= sub_array(e->type);
    for (bool n : nested) multidims |= n;
  } else {
    if (elems.empty())
      throw PgError(sqlstate::kIndeterminateDatatype, "cannot determine type of empty array", "",
                    "Explicitly cast to the desired type, for example ARRAY[]::integer[].")
          .at(ae->location);
    Oid common = select_common_type(elems, "ARRAY");
    if (Oid e = array_element_type(common); e && !is_vector_type(common)) {
      multidims = true;
      array_type = common;
      elem_type = e;
    } else {
      elem_type = common;
      array_type = array_type_of(common);
      if (!array_type)
        throw PgError(sqlstate::kUndefinedObject, "could not find array type for data type " + format_type_name(common, -1))
            .at(ae->location);
    }
  }
  if (!multidims)
    for (auto& e : elems) multidims |= sub_array(e->type);
  Oid coerce_type = multidims ? array_type : elem_type;
  CastContext cc = target_array ? CastContext::Explicit : CastContext::Implicit;
  for (auto& e : elems) {
    ExprPtr c = coerce_to(e, coerce_type, multidims ? -1 : target_typmod, cc, -1);
    if (!c)
      throw PgError(sqlstate::kCannotCoerce, "cannot cast type " + format_type_name(e->type, -1) + " to " +
                                                 format_type_name(coerce_type, -1))
          .at(e->location);
    e = c;
  }
  // SQLite takes at most 1000 arguments per call: long lists are built in chunks and joined.
  std::string fn = multidims ? "pg_array_build_md(" : "pg_array_build(";
  std::string templ;
  const size_t kChunk = 900;
  for (size_t start = 0; start < elems.size() || start == 0; start += kChunk) {
    std::string part = fn + std::to_string(elem_type);
    for (size_t i = start; i < elems.size() && i < start + kChunk; i++) part += ", $" + std::to_string(i + 1);
    part += ")";
    templ = templ.empty() ? part : "pg_array_cat(" + templ + ", " + part + ", " + std::to_string(elem_type) + ")";
    if (elems.empty()) break;
  }
  auto r = make_call_expr("array", templ, array_type, std::move(elems), ae->location);
  r->typmod = target_typmod;
  if (elem_type == oid::kRecord && !r->args.empty()) {  // records of one structure keep it (NULLs aside)
    auto is_null = [](const Expr& e) { return e.kind == ExprKind::Const && e.value.is_null(); };
    int32_t t = -1;
    bool same = true;
    for (auto& e : r->args) {
      if (is_null(*e)) continue;
      if (t < 0 && e->typmod >= 0) t = e->typmod;
      same &= e->typmod == t;
    }
    if (same && t >= 0) r->typmod = t;
  }
  return r;
}

// point[i] (float8), box[i] / lseg[i] (point): analyze_geo_subscript.cpp
ExprPtr transform_geo_subscript(Analyzer& a, ExprPtr base, List* subs, ExprContext ctx, int location);

ExprPtr Analyzer::transform_indirection(Node* node, ExprContext ctx) {
  auto* ind = reinterpret_cast<A_Indirection*>(node);
  // No indirection: an expression substituted for NEW.x by the rule rewrite (session/rules.cpp).
  if (!ind->indirection) return transform_expr(ind->arg, ctx);
  if (ExprPtr f = transform_field_indirection(*this, ind, ctx)) return f;  // (x).field: analyze_row.cpp
  ExprPtr base = strip_domain(transform_expr(ind->arg, ctx));
  List* subs = ind->indirection;
  if (base->type == oid::kJsonb) return transform_jsonb_subscript(base, subs, ctx, expr_location(ind->arg));
  bool is_slice = false;
  for_each_node(subs, [&](Node* n) {
    if (!IsA(n, A_Indices)) unsupported("field selection", expr_location(ind->arg));
    is_slice |= reinterpret_cast<A_Indices*>(n)->is_slice;
  });
  check_subscript_count(list_size(subs));
  if (ExprPtr g = transform_geo_subscript(*this, base, subs, ctx, expr_location(ind->arg))) return g;
  Oid elem = array_element_type(base->type);
  if (!elem)
    throw PgError(sqlstate::kDatatypeMismatch, "cannot subscript type " + format_type_name(base->type, -1) +
                                                   " because it does not support subscripting")
        .at(expr_location(ind->arg));
  auto subscript = [&](Node* n) -> ExprPtr {
    ExprPtr x = transform_expr(n, ctx);
    ExprPtr c = coerce_to(x, oid::kInt4, -1, CastContext::Assignment, -1);
    if (!c) throw PgError(sqlstate::kDatatypeMismatch, "array subscript must have type integer").at(expr_location(n));
    return c;
  };
  std::vector<ExprPtr> args = {base};
  std::string templ;
  if (!is_slice) {
    templ = "pg_array_subscript($1, " + std::to_string(elem);
    for_each_node(subs, [&](Node* n) {
      args.push_back(subscript(reinterpret_cast<A_Indices*>(n)->uidx));
      templ += ", $" + std::to_string(args.size());
    });
    auto e = make_call_expr("subscript", templ + ")", elem, std::move(args), expr_location(ind->arg));
    e->typmod = base->typmod;
    return e;
  }
  int64_t mask = 0;
  int bit = 0;
  std::string bounds;
  auto bound = [&](Node* n, bool default_one) {
    if (!n && default_one) {
      bounds += ", 1";
    } else if (!n) {
      mask |= int64_t(1) << bit;
      bounds += ", NULL";
    } else {
      args.push_back(subscript(n));
      bounds += ", $" + std::to_string(args.size());
    }
    bit++;
  };
  for_each_node(subs, [&](Node* n) {
    auto* ai = reinterpret_cast<A_Indices*>(n);
    if (ai->is_slice) {
      bound(ai->lidx, false);
      bound(ai->uidx, false);
    } else {
      bound(nullptr, true);  // [n] among slices means [1:n]
      bound(ai->uidx, false);
    }
  });
  templ = "pg_array_slice($1, " + std::to_string(elem) + ", " + std::to_string(mask) + bounds + ")";
  auto e = make_call_expr("slice", templ, base->type, std::move(args), expr_location(ind->arg));
  e->typmod = base->typmod;
  return e;
}

ExprPtr Analyzer::transform_array_assignment(ResTarget* rt, const TableDef& t, int column, ExprPtr current,
                                             ExprPtr value) {
  const ColumnDef& col = t.columns[column];
  if (col.type == oid::kJsonb) return transform_jsonb_subscript_assignment(rt, t, column, current);
  // value: the assigned value when it does not come from rt->val (INSERT INTO t (a[i]) VALUES …)
  int column_location = value ? -1 : rt->location;  // INSERT's base is a NULL without a position
  if (!value) value = transform_expr(rt->val, ExprContext::UpdateSet);
  if (!current) {
    current = std::make_shared<Expr>();
    current->kind = ExprKind::Var;
    current->rte = 0;
    current->attno = column;
    current->type = col.type;
    current->typmod = col.typmod;
    current->name = col.name;
  }
  if (IsA(list_at(rt->indirection, 0), String)) {  // SET c.f = …: analyze_row.cpp
    // an earlier SET c.g = … of this statement: its value before the domain's check (checked once, at the end)
    if (current->templ.rfind("pg_domain_check(", 0) == 0 && !current->args.empty() && current->args[0]->name == "field assignment")
      current = current->args[0];
    ExprPtr r = row_field_assignment(*this, rt, col.name, current, value);
    if (r->type != col.type) {
      r = std::make_shared<Expr>(*coerce_to(r, col.type, col.typmod, CastContext::Assignment, rt->location));
      r->name = "field assignment";  // further SET c.g = … of the statement may follow
    }
    return r;
  }
  // SET a[i]… = v, a[l:u]… = v, a[i].f = v: analyze_assign_indirection.cpp. An earlier
  // assignment of the statement to the same domain column: its value before the domain's check.
  if (current->templ.rfind("pg_domain_check(", 0) == 0 && !current->args.empty() &&
      current->args[0]->name == "array element assignment")
    current = current->args[0];
  ExprPtr r = assign_indirection(*this, rt, col.name, current, col.type, col.typmod, 0, value, column_location);
  if (r->name != "array element assignment") {  // a domain's check: further SET a[j] = … may follow
    r = std::make_shared<Expr>(*r);
    r->name = "array element assignment";
  }
  return r;
}

// lhs op ANY/ALL (array): the operator between lhs and the array's element type, tested
// against every element of pg_unnest(array); NULL results as PostgreSQL's three-valued
// ANY/ALL.
ExprPtr Analyzer::transform_scalar_array_op(Node* node, ExprContext ctx) {
  auto* a = reinterpret_cast<A_Expr*>(node);
  bool any = a->kind == AEXPR_OP_ANY;
  std::string op = node_string(list_at(a->name, list_size(a->name) - 1));
  ExprPtr l = transform_expr(a->lexpr, ctx);
  ExprPtr r = transform_expr(a->rexpr, ctx);
  Oid elem = oid::kUnknown;
  if (r->type != oid::kUnknown) {
    elem = array_element_type(r->type);
    if (!elem) throw PgError(sqlstate::kWrongObjectType, "op ANY/ALL (array) requires array on right side").at(a->location);
  }
  std::string alias = next_alias("u");
  auto item = std::make_shared<Expr>();
  item->kind = ExprKind::Raw;
  item->templ = alias + ".c1";
  item->type = elem;
  item->typmod = r->typmod;
  // An unknown right side is taken as an array of the operator's right operand type.
  ExprPtr probe = item;
  if (elem == oid::kUnknown) {
    auto c = std::make_shared<Expr>(*item);
    c->kind = ExprKind::Const;
    c->value = Datum::null();
    probe = c;
  }
  ExprPtr cmp = make_operator(op, l, probe, a->location);
  if (cmp->type != oid::kBool)
    throw PgError(sqlstate::kWrongObjectType, "op ANY/ALL (array) requires operator to yield boolean").at(a->location);
  if (elem == oid::kUnknown) {
    elem = cmp->args[1]->type;
    Oid arr = array_type_of(elem);
    if (!arr) throw PgError(sqlstate::kUndefinedObject, "could not find array type for data type " + format_type_name(elem, -1)).at(a->location);
    r = coerce_to(r, arr, -1, CastContext::Implicit, -1);
    item->type = elem;
    cmp = make_operator(op, l, item, a->location);
  }
  std::string v = alias + "t.v";
  std::string test = any ? "CASE WHEN max(" + v + ") = 1 THEN 1 WHEN count(*) <> count(" + v + ") THEN NULL ELSE 0 END"
                         : "CASE WHEN min(" + v + ") = 0 THEN 0 WHEN count(*) <> count(" + v + ") THEN NULL ELSE 1 END";
  std::string templ = "(CASE WHEN $2 IS NULL THEN NULL ELSE (SELECT " + test + " FROM (SELECT $1 AS v FROM pg_unnest($2, " +
                      std::to_string(elem) + ") AS " + alias + ") AS " + alias + "t) END)";
  return make_call_expr(any ? "any" : "all", templ, oid::kBool, {cmp, r}, a->location);
}

}  // namespace pgmicro
