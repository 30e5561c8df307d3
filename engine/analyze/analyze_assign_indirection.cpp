// Assignment through a chain of subscripts and field names: UPDATE … SET a[i].f[j] = v and
// INSERT INTO t (c.f[1:2], a[1].g) … (PostgreSQL's transformAssignmentIndirection and
// transformAssignmentSubscripts). Each level takes the old value of its container (the
// column's value, a field of it, an element of it), assigns the inner level's result into it
// (pg_array_set, pg_array_set_slice, pg_row_set) and coerces to a domain where the level's
// type is one.
#include "analyze/analyze_assign_indirection.h"
#include "analyze/analyze_row.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/array.h"
#include "types/record.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

ExprPtr call_expr(const std::string& name, std::string templ, Oid type, int32_t typmod, std::vector<ExprPtr> args,
                  int location) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->templ = std::move(templ);
  e->type = type;
  e->typmod = typmod;
  e->args = std::move(args);
  e->location = location;
  return e;
}

struct Assigner {
  Analyzer& a;
  ResTarget* rt;
  std::vector<Node*> ind;
  ExprPtr value;
  int column_location;  // UPDATE's column reference (-1 for INSERT's NULL): errors about the column itself

  ExprPtr subscript(Node* idx) {
    ExprPtr x = a.transform_expr(idx, ExprContext::UpdateSet);
    ExprPtr c = a.coerce_to(x, oid::kInt4, -1, CastContext::Assignment, -1);
    if (!c) throw PgError(sqlstate::kDatatypeMismatch, "array subscript must have type integer").at(expr_location(idx));
    return c;
  }

  // The value of `type` (the old one is `base`) with ind[pos…] assigned.
  ExprPtr assign(ExprPtr base, const std::string& name, bool subscripting, Oid type, int32_t typmod, size_t pos) {
    size_t end = pos;
    while (end < ind.size() && IsA(ind[end], A_Indices)) end++;
    if (end > pos) return assign_subscripts(base, name, type, typmod, pos, end);
    if (pos == ind.size()) {
      ExprPtr r = a.coerce_to(value, type, typmod, CastContext::Assignment, -1);
      if (!r)
        throw PgError(sqlstate::kDatatypeMismatch,
                      (subscripting ? "subscripted assignment to \"" + name + "\" requires type "
                                    : "subfield \"" + name + "\" is of type ") +
                          format_type_name(type, subscripting ? -1 : typmod) + " but expression is of type " +
                          format_type_name(value->type, -1),
                      "", "You will need to rewrite or cast the expression.")
            .at(rt->location);
      return r;
    }
    if (IsA(ind[pos], A_Star))
      throw PgError(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here").at(rt->location);
    std::string field = node_string(ind[pos]);
    int32_t base_typmod = typmod;
    Oid t = domain_base_type(type, &base_typmod);
    if (!is_named_composite(t))
      throw PgError(sqlstate::kDatatypeMismatch, "cannot assign to field \"" + field + "\" of column \"" + name +
                                                     "\" because its type " + format_type_name(t, -1) +
                                                     " is not a composite type").at(rt->location);
    const std::vector<RowField>& fields = *row_type_fields(t, -1);
    size_t k = 0;
    while (k < fields.size() && fields[k].name != field) k++;
    if (k == fields.size())
      throw PgError(sqlstate::kUndefinedColumn, "cannot assign to field \"" + field + "\" of column \"" + name +
                                                    "\" because there is no such column in data type " +
                                                    format_type_name(t, -1)).at(rt->location);
    ExprPtr old = call_expr(field, "pg_row_field($1, " + std::to_string(t) + ", " + std::to_string(k) + ")",
                            fields[k].type, fields[k].typmod, {base}, rt->location);
    ExprPtr v = assign(old, field, false, fields[k].type, fields[k].typmod, pos + 1);
    ExprPtr r = call_expr("field assignment", "pg_row_set($1, " + std::to_string(t) + ", " + std::to_string(k) + ", $2)",
                          t, -1, {base, v}, rt->location);
    if (t != type) r = a.coerce_to(r, type, typmod, CastContext::Assignment, -1);
    return r;
  }

  ExprPtr assign_subscripts(ExprPtr base, const std::string& name, Oid type, int32_t typmod, size_t pos, size_t end) {
    int32_t arr_typmod = typmod;
    Oid arr = domain_base_type(type, &arr_typmod);
    Oid elem = array_element_type(arr);
    if (!elem)
      throw PgError(sqlstate::kDatatypeMismatch, "cannot subscript type " + format_type_name(arr, -1) +
                                                     " because it does not support subscripting")
          .at(pos == 0 ? column_location : -1);
    if (end - pos > (size_t)kMaxArrayDims)
      throw PgError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(end - pos) +
                                                         ") exceeds the maximum allowed (" + std::to_string(kMaxArrayDims) + ")");
    bool slice = false;
    for (size_t i = pos; i < end; i++) slice |= reinterpret_cast<A_Indices*>(ind[i])->is_slice;
    std::vector<ExprPtr> args = {base, nullptr};
    ExprPtr r;
    if (!slice) {
      std::string subs;
      for (size_t i = pos; i < end; i++) {
        args.push_back(subscript(reinterpret_cast<A_Indices*>(ind[i])->uidx));
        subs += ", $" + std::to_string(args.size());
      }
      ExprPtr old;
      if (end < ind.size()) {  // fields follow: the element's old value
        std::vector<ExprPtr> eargs(args.begin() + 2, args.end());
        eargs.insert(eargs.begin(), base);
        std::string et = "pg_array_subscript($1, " + std::to_string(elem);
        for (size_t i = 1; i < eargs.size(); i++) et += ", $" + std::to_string(i + 1);
        old = call_expr("subscript", et + ")", elem, arr_typmod, std::move(eargs), rt->location);
      }
      args[1] = assign(old, name, true, elem, arr_typmod, end);
      r = call_expr("array element assignment", "pg_array_set($1, " + std::to_string(elem) + ", $2" + subs + ")", arr,
                    arr_typmod, std::move(args), rt->location);
    } else {
      // [n] among slices means [1:n]; an omitted bound is a set bit of the mask.
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
      for (size_t i = pos; i < end; i++) {
        auto* ai = reinterpret_cast<A_Indices*>(ind[i]);
        bound(ai->is_slice ? ai->lidx : nullptr, !ai->is_slice);
        bound(ai->uidx, false);
      }
      args[1] = assign(base, name, true, arr, arr_typmod, end);  // fields after a slice: not composite
      r = call_expr("array element assignment",
                    "pg_array_set_slice($1, " + std::to_string(elem) + ", $2, " + std::to_string(mask) + bounds + ")",
                    arr, arr_typmod, std::move(args), rt->location);
    }
    if (arr != type) {
      ExprPtr c = a.coerce_to(r, type, typmod, CastContext::Assignment, -1);
      if (!c)
        throw PgError(sqlstate::kCannotCoerce, "cannot cast type " + format_type_name(arr, -1) + " to " +
                                                   format_type_name(type, -1)).at(rt->location);
      r = c;
    }
    return r;
  }
};

}  // namespace

ExprPtr assign_indirection(Analyzer& a, ResTarget* rt, const std::string& colname, ExprPtr current, Oid type,
                           int32_t typmod, size_t start, ExprPtr value, int column_location) {
  Assigner as{a, rt, {}, value, column_location};
  for_each_node(rt->indirection, [&](Node* n) { as.ind.push_back(n); });
  return as.assign(current, colname, false, type, typmod, start);
}

}  // namespace pgmicro
