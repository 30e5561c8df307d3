// tableoid of a row written through a partitioned table (INSERT into it, a row moved by an
// UPDATE): the rows pass through the partitioned table's own (staging) SQLite table, so the
// column is computed from the row's key as the leaf partition routing will choose it, a CASE
// over the leaves' whole partition conditions (PostgreSQL's RETURNING shows the partition).
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "catalog/inheritance.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include <functional>

namespace pgmicro {

// The expression over the row of range-table entry `rte`, `levelsup` levels out.
ExprPtr partition_routed_tableoid(Catalog& cat, std::vector<Oid>& params, const TableDef& root, int rte, int levelsup,
                                  int location) {
  std::string cases;
  std::function<void(const TableDef&, const std::string&)> walk = [&](const TableDef& node, const std::string& path) {
    std::vector<const TableDef*> parts = partitions_of(cat, node);
    for (const TableDef* p : parts) {
      std::string c = "(" + partition_condition(node, decode_bound(p->partition_bound), parts) + ")";
      std::string sub = path.empty() ? c : path + " AND " + c;
      if (p->partition_strategy) {
        walk(*p, sub);
        continue;
      }
      cases += " WHEN " + sub + " THEN " + std::to_string(p->oid) + "::oid";
    }
  };
  walk(root, "");
  std::string text = cases.empty() ? "NULL::oid" : "CASE" + cases + " END";
  Analyzer a(cat, params);
  auto scope = a.dml_scope(&root, "");
  a.scope_ = scope.get();
  ParsedScript ps("SELECT " + text);
  auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
  ExprPtr e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Returning);
  std::function<ExprPtr(const ExprPtr&)> place = [&](const ExprPtr& x) {
    auto c = std::make_shared<Expr>(*x);
    if (c->kind == ExprKind::Var && c->levelsup == 0) {
      c->rte = rte;
      c->levelsup = levelsup;
    }
    for (auto& arg : c->args) arg = place(arg);
    return c;
  };
  ExprPtr out = place(e);
  out->location = location;
  return out;
}

}  // namespace pgmicro
