// Column origins of a result row (see column_origins.h).
#include "analyze/column_origins.h"
#include "catalog/catalog.h"

namespace pgmicro {

namespace {

struct Origin {
  Oid table = 0;
  int16_t column = 0;
};

Origin origin_of(const Expr& e, const std::vector<RangeTableEntry>& rtable, int depth);

// The origin of a query's result column `index`.
Origin target_origin(const SelectQuery& q, size_t index, int depth) {
  if (q.setop != SetOp::None || !q.values_rows.empty() || index >= q.targets.size()) return {};
  return origin_of(*q.targets[index].expr, q.rtable, depth + 1);
}

Origin origin_of(const Expr& e, const std::vector<RangeTableEntry>& rtable, int depth) {
  if (depth > 64 || e.kind != ExprKind::Var || e.levelsup != 0) return {};
  if (e.rte < 0 || (size_t)e.rte >= rtable.size() || e.attno < 0) return {};
  const RangeTableEntry& rte = rtable[e.rte];
  size_t col = (size_t)e.attno;
  if (rte.table) {
    if (col >= rte.table->columns.size()) return {};
    return {Oid(rte.table->oid), int16_t(col + 1)};
  }
  if (rte.view) return {Oid(rte.view->oid), int16_t(col + 1)};
  if (rte.is_join) {
    if (col < rte.column_exprs.size() && rte.column_exprs[col]) return origin_of(*rte.column_exprs[col], rtable, depth + 1);
    return {};
  }
  if (rte.subquery && !rte.function) return target_origin(*rte.subquery, col, depth);
  if (rte.cte && rte.cte->query && !rte.cte->recursive) return target_origin(*rte.cte->query, col, depth);
  return {};
}

}  // namespace

void mark_column_origins(const std::vector<TargetEntry>& targets, const std::vector<RangeTableEntry>& rtable,
                         std::vector<Column>& cols) {
  for (size_t i = 0; i < targets.size() && i < cols.size(); i++) {
    Origin o = origin_of(*targets[i].expr, rtable, 0);
    cols[i].table_oid = o.table;
    cols[i].column_number = o.column;
  }
}

}  // namespace pgmicro
