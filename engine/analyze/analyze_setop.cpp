// UNION / INTERSECT / EXCEPT: arms analyzed independently, column counts checked, each
// result column typed by PostgreSQL's common-type rule and both arms coerced to it; ORDER BY
// may name result columns or ordinals only; LIMIT/OFFSET apply to the whole.
#include <functional>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

std::unique_ptr<SelectQuery> Analyzer::analyze_setop(SelectStmt* stmt) {
  const char* what = stmt->op == SETOP_UNION ? "UNION" : stmt->op == SETOP_INTERSECT ? "INTERSECT" : "EXCEPT";
  if (list_size(stmt->lockingClause)) {
    auto* lc = reinterpret_cast<LockingClause*>(list_at(stmt->lockingClause, 0));
    const char* lock = lc->strength == LCS_FORKEYSHARE ? "KEY SHARE" : lc->strength == LCS_FORSHARE ? "SHARE"
                     : lc->strength == LCS_FORNOKEYUPDATE ? "NO KEY UPDATE" : "UPDATE";
    throw PgError(sqlstate::kFeatureNotSupported, std::string("FOR ") + lock + " is not allowed with UNION/INTERSECT/EXCEPT");
  }
  auto q = std::make_unique<SelectQuery>();
  q->setop = stmt->op == SETOP_UNION ? SetOp::Union : stmt->op == SETOP_INTERSECT ? SetOp::Intersect : SetOp::Except;
  q->setop_all = stmt->all;
  // Arms see the enclosing queries but not each other.
  q->larg = std::shared_ptr<SelectQuery>(analyze_select(stmt->larg, false));
  q->rarg = std::shared_ptr<SelectQuery>(analyze_select(stmt->rarg, false));
  if (q->larg->targets.size() != q->rarg->targets.size())
    throw PgError(sqlstate::kSyntaxError, std::string("each ") + what + " query must have the same number of columns")
        .at(q->rarg->targets.empty() ? -1 : q->rarg->targets[0].expr->location);
  std::vector<Oid> common;
  for (size_t i = 0; i < q->larg->targets.size(); i++)
    common.push_back(select_common_type({q->larg->targets[i].expr, q->rarg->targets[i].expr}, what));
  // An arm that is itself a set operation or VALUES is lowered from its arms / rows, not from
  // its result columns: a conversion to the common type needs a SELECT over it.
  for (auto* arm : {&q->larg, &q->rarg}) {
    SelectQuery& a = **arm;
    if (a.setop == SetOp::None && a.values_rows.empty()) continue;
    bool converts = false;
    for (size_t i = 0; i < a.targets.size(); i++) converts |= a.targets[i].expr->type != common[i];
    if (!converts) continue;
    auto wrap = std::make_shared<SelectQuery>();
    RangeTableEntry rte;
    rte.subquery = *arm;
    rte.alias = "*SELECT*";
    rte.sql_alias = next_alias("r");
    for (auto& t : a.targets) {
      rte.column_names.push_back(t.name);
      rte.column_types.push_back(t.expr->type);
      rte.column_typmods.push_back(t.expr->typmod);
    }
    for (size_t i = 0; i < a.targets.size(); i++) {
      auto v = std::make_shared<Expr>();
      v->kind = ExprKind::Var;
      v->rte = 0;
      v->attno = (int)i;
      v->type = a.targets[i].expr->type;
      v->typmod = a.targets[i].expr->typmod;
      v->name = a.targets[i].name;
      wrap->targets.push_back({v, a.targets[i].name});
    }
    wrap->rtable.push_back(std::move(rte));
    auto leaf = std::make_unique<FromNode>();
    leaf->rte = 0;
    wrap->from.push_back(std::move(leaf));
    *arm = wrap;
  }
  auto& lt = q->larg->targets;
  auto& rt = q->rarg->targets;
  for (size_t i = 0; i < lt.size(); i++) {
    Oid t = common[i];
    int32_t typmod = lt[i].expr->type == rt[i].expr->type && lt[i].expr->typmod == rt[i].expr->typmod ? lt[i].expr->typmod : -1;
    lt[i].expr = coerce_to(lt[i].expr, t, -1, CastContext::Implicit, -1);
    rt[i].expr = coerce_to(rt[i].expr, t, -1, CastContext::Implicit, -1);
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Raw;
    e->templ = "c" + std::to_string(i + 1);
    e->type = t;
    e->typmod = typmod;
    q->targets.push_back({e, lt[i].name});
  }
  analyze_output_order_by(stmt->sortClause, *q, true);
  if (stmt->limitOption == LIMIT_OPTION_WITH_TIES) unsupported("FETCH FIRST ... WITH TIES on set operations", -1);
  q->limit = transform_limit(stmt->limitCount, ExprContext::Limit, "LIMIT");
  q->offset = transform_limit(stmt->limitOffset, ExprContext::Offset, "OFFSET");
  return q;
}

SortClause sort_direction(SortBy* sb) {
  SortClause sc;
  sc.desc = sb->sortby_dir == SORTBY_DESC;
  if (sb->sortby_dir == SORTBY_USING) {
    // USING < / USING >: the btree order of the built-in types, ascending or descending.
    int n = list_size(sb->useOp);
    std::string op = n ? node_string(list_at(sb->useOp, n - 1)) : "";
    if (op == ">") sc.desc = true;
    else if (op != "<") {
      if (op == "<=" || op == ">=" || op == "=" || op == "<>")
        throw PgError(sqlstate::kWrongObjectType, "operator " + op + " is not a valid ordering operator", "",
                      "Ordering operators must be \"<\" or \">\" members of btree operator families.")
            .at(sb->location);
      unsupported("ORDER BY ... USING " + op, sb->location);
    }
  }
  sc.nulls_first = sb->sortby_nulls == SORTBY_NULLS_DEFAULT ? sc.desc : sb->sortby_nulls == SORTBY_NULLS_FIRST;
  return sc;
}

void Analyzer::analyze_output_order_by(List* sort_clause, SelectQuery& q, bool setop) {
  for_each_node(sort_clause, [&](Node* n) {
    auto* sb = reinterpret_cast<SortBy*>(n);
    SortClause sc = sort_direction(sb);
    Node* x = sb->node;
    if (IsA(x, A_Const) && IsA(&reinterpret_cast<A_Const*>(x)->val, Integer)) {
      long pos = intVal(&reinterpret_cast<A_Const*>(x)->val);
      if (pos < 1 || pos > (long)q.targets.size())
        throw PgError("42P10", "ORDER BY position " + std::to_string(pos) + " is not in select list")
            .at(reinterpret_cast<A_Const*>(x)->location);
      sc.expr = q.targets[pos - 1].expr;
    } else if (IsA(x, ColumnRef) && list_size(reinterpret_cast<ColumnRef*>(x)->fields) == 1 &&
               IsA(list_at(reinterpret_cast<ColumnRef*>(x)->fields, 0), String)) {
      std::string name = node_string(list_at(reinterpret_cast<ColumnRef*>(x)->fields, 0));
      for (auto& t : q.targets)
        if (t.name == name && !sc.expr) sc.expr = t.expr;
      if (!sc.expr) {
        // errorMissingColumn's hint: the first leaf SELECT ("*SELECT* n") with that column.
        std::string hint;
        if (setop) {
          std::vector<const SelectQuery*> leaves;
          std::function<void(const SelectQuery&)> collect = [&](const SelectQuery& s) {
            if (s.setop != SetOp::None) {
              collect(*s.larg);
              collect(*s.rarg);
            } else if (s.rtable.size() == 1 && s.rtable[0].alias == "*SELECT*" && s.rtable[0].subquery &&
                       (s.rtable[0].subquery->setop != SetOp::None || !s.rtable[0].subquery->values_rows.empty())) {
              collect(*s.rtable[0].subquery);  // an arm converted to the common type
            } else {
              leaves.push_back(&s);
            }
          };
          collect(q);
          for (size_t i = 0; i < leaves.size() && hint.empty(); i++)
            for (auto& t : leaves[i]->targets)
              if (t.name == name) {
                hint = "There is a column named \"" + name + "\" in table \"*SELECT* " + std::to_string(i + 1) +
                       "\", but it cannot be referenced from this part of the query.";
                break;
              }
        }
        throw PgError(sqlstate::kUndefinedColumn, "column \"" + name + "\" does not exist", "", hint).at(expr_location(x));
      }
    } else if (setop) {
      throw PgError(sqlstate::kFeatureNotSupported, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
                    "Only result column names can be used, not expressions or functions.",
                    "Add the expression/function to every SELECT, or move the UNION into a FROM clause.")
          .at(expr_location(x));
    } else {
      unsupported("ORDER BY expressions on VALUES", expr_location(x));
    }
    q.order_by.push_back(sc);
  });
}

}  // namespace pgmicro
