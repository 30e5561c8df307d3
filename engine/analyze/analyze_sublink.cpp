// Subquery expressions: EXISTS, scalar subqueries (one column; more than one row is 21000 at
// run time), and lhs op ANY/ALL (subquery) including IN / NOT IN, with the operator resolved
// between the left side and the subquery's column type.
#include "analyze/analyze_row.h"
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/record.h"

namespace pgmicro {

ExprPtr Analyzer::transform_sublink(Node* node, ExprContext ctx) {
  auto* sl = reinterpret_cast<SubLink*>(node);
  if (ctx == ExprContext::Check) unsupported("cannot use subquery in check constraint", sl->location);
  if (ctx == ExprContext::Generated)
    throw PgError(sqlstate::kFeatureNotSupported, "cannot use subquery in column generation expression").at(sl->location);
  if (ctx == ExprContext::Default || ctx == ExprContext::PartitionBound)
    throw PgError(sqlstate::kFeatureNotSupported, ctx == ExprContext::Default ? "cannot use subquery in DEFAULT expression"
                                                                              : "cannot use subquery in partition bound").at(sl->location);
  if (ctx == ExprContext::IndexExpression || ctx == ExprContext::IndexPredicate)
    throw PgError(sqlstate::kFeatureNotSupported, std::string("cannot use subquery in index ") +
                                                      (ctx == ExprContext::IndexPredicate ? "predicate" : "expression")).at(sl->location);
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::SubLink;
  e->location = sl->location;
  switch (sl->subLinkType) {
    case EXISTS_SUBLINK:
      e->sublink = SubLinkKind::Exists;
      e->type = oid::kBool;
      e->subquery = analyze_subquery(reinterpret_cast<SelectStmt*>(sl->subselect), true);
      return e;
    case EXPR_SUBLINK: {
      e->sublink = SubLinkKind::Expr;
      e->subquery = analyze_subquery(reinterpret_cast<SelectStmt*>(sl->subselect), true);
      if (e->subquery->targets.size() != 1)
        throw PgError(sqlstate::kSyntaxError, "subquery must return only one column").at(sl->location);
      e->type = e->subquery->targets[0].expr->type;
      e->typmod = e->subquery->targets[0].expr->typmod;
      return e;
    }
    case ANY_SUBLINK:
    case ALL_SUBLINK: {
      e->sublink = sl->subLinkType == ANY_SUBLINK ? SubLinkKind::Any : SubLinkKind::All;
      ExprPtr lhs = transform_expr(sl->testexpr, ctx);
      e->subquery = analyze_subquery(reinterpret_cast<SelectStmt*>(sl->subselect), true);
      if (IsA(sl->testexpr, RowExpr)) {  // (a, b) IN (SELECT x, y …): pairwise, analyze_row.cpp
        size_t n = lhs->args.size(), m = e->subquery->targets.size();
        if (m > n) throw PgError(sqlstate::kSyntaxError, "subquery has too many columns").at(sl->location);
        if (m < n) throw PgError(sqlstate::kSyntaxError, "subquery has too few columns").at(sl->location);
        std::string op = list_size(sl->operName) ? node_string(list_at(sl->operName, list_size(sl->operName) - 1)) : "=";
        std::string alias = next_alias("s");
        std::vector<ExprPtr> cols;
        for (size_t i = 0; i < m; i++) {
          auto col = std::make_shared<Expr>();
          col->kind = ExprKind::Raw;
          col->templ = alias + ".c" + std::to_string(i + 1);
          col->name = alias;
          col->type = e->subquery->targets[i].expr->type;
          col->typmod = e->subquery->targets[i].expr->typmod;
          cols.push_back(col);
        }
        e->compare = row_compare_fields(*this, op, lhs->args, cols, sl->location);
        e->name = alias;
        e->type = oid::kBool;
        return e;
      }
      if (e->subquery->targets.size() > 1)
        throw PgError(sqlstate::kSyntaxError, "subquery has too many columns").at(sl->location);
      if (e->subquery->targets.empty())
        throw PgError(sqlstate::kSyntaxError, "subquery has too few columns").at(sl->location);
      std::string op = list_size(sl->operName) ? node_string(list_at(sl->operName, list_size(sl->operName) - 1)) : "=";
      auto col = std::make_shared<Expr>();
      col->kind = ExprKind::Raw;
      std::string alias = next_alias("s");
      col->templ = alias + ".c1";
      col->name = alias;  // the lowering names the subquery by this alias
      col->type = e->subquery->targets[0].expr->type;
      col->typmod = e->subquery->targets[0].expr->typmod;
      e->compare = make_operator(op, lhs, col, sl->location);
      if (e->compare->type != oid::kBool)
        throw PgError(sqlstate::kDatatypeMismatch, "op ANY/ALL (array) requires operator to yield boolean").at(sl->location);
      e->name = alias;
      e->type = oid::kBool;
      return e;
    }
    case ARRAY_SUBLINK: {
      // ARRAY(subquery): the column's values in the subquery's order ({} when it is empty);
      // an array-typed column gives one more dimension.
      e->sublink = SubLinkKind::Array;
      e->subquery = analyze_subquery(reinterpret_cast<SelectStmt*>(sl->subselect), true);
      if (e->subquery->targets.size() != 1)
        throw PgError(sqlstate::kSyntaxError, "subquery must return only one column").at(sl->location);
      Oid t = e->subquery->targets[0].expr->type;
      Oid elem = is_vector_type(t) ? 0 : array_element_type(t);  // int2vector/oidvector: elements
      e->type = elem ? t : array_type_of(t);
      if (!e->type)
        throw PgError(sqlstate::kUndefinedObject, "could not find array type for data type " + format_type_name(t, -1))
            .at(sl->location);
      e->templ = elem ? "pg_array_agg_array_" + std::to_string(elem) : "pg_array_agg_" + std::to_string(t);
      return e;
    }
    case ROWCOMPARE_SUBLINK: {
      // (a, b) op (SELECT x, y): the subquery's row as one record (analyze_row.cpp compares
      // its fields); more than one row is 21000 as for a scalar subquery.
      e->sublink = SubLinkKind::Expr;
      e->subquery = analyze_subquery(reinterpret_cast<SelectStmt*>(sl->subselect), true);
      auto& q = *e->subquery;
      if (q.setop != SetOp::None || q.distinct || !q.distinct_on.empty()) unsupported("row comparison with this subquery", sl->location);
      std::vector<RowField> fields;
      std::string templ;
      auto row = std::make_shared<Expr>();
      row->kind = ExprKind::Call;
      row->name = "row";
      row->type = oid::kRecord;
      for (auto& t : q.targets) {
        ExprPtr x = finalize_unknown(t.expr);
        fields.push_back({"f" + std::to_string(fields.size() + 1), x->type, x->typmod});
        row->args.push_back(x);
        templ += ", $" + std::to_string(row->args.size());
      }
      row->typmod = register_record_type(fields);
      row->templ = "pg_row(" + std::to_string(row_type_id(oid::kRecord, row->typmod)) + templ + ")";
      q.targets = {{row, "row"}};
      e->type = oid::kRecord;
      e->typmod = row->typmod;
      return e;
    }
    default:
      unsupported("row subqueries", sl->location);
  }
}

}  // namespace pgmicro
