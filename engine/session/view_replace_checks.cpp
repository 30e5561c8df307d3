// CREATE VIEW's checks against the catalog: whether the view's query uses temporary relations
// (isQueryUsingTempRelation: the view then becomes temporary), and CREATE OR REPLACE VIEW's
// checkViewTupleDesc (columns may be added at the end, never dropped, renamed or retyped).
#include "session/view_replace_checks.h"
#include <functional>
#include "analyze/collation.h"
#include "analyze/sequence_relation.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "runtime/function_context.h"
#include "types/types.h"

namespace pgmicro {

namespace {

bool expr_uses_temp(const Expr* e);

bool query_uses_temp(const SelectQuery* q) {
  if (!q) return false;
  if (query_uses_temp(q->larg.get()) || query_uses_temp(q->rarg.get())) return true;
  for (auto& c : q->ctes)
    if (c && query_uses_temp(c->query.get())) return true;
  for (auto& r : q->rtable) {
    if (r.table && r.table->temporary()) return true;
    for (auto* t : r.inh_tables)
      if (t && t->temporary()) return true;
    if (r.view && r.view->schema == kTempSchema) return true;
    if (query_uses_temp(r.subquery.get()) || expr_uses_temp(r.function.get())) return true;
    for (auto& c : r.column_exprs)
      if (expr_uses_temp(c.get())) return true;
  }
  for (auto& row : q->values_rows)
    for (auto& e : row)
      if (expr_uses_temp(e.get())) return true;
  for (auto& t : q->targets)
    if (expr_uses_temp(t.expr.get())) return true;
  if (expr_uses_temp(q->where.get()) || expr_uses_temp(q->having.get())) return true;
  for (auto& g : q->group_by)
    if (expr_uses_temp(g.get())) return true;
  for (auto& s : q->order_by)
    if (expr_uses_temp(s.expr.get())) return true;
  std::function<bool(const FromNode*)> from = [&](const FromNode* n) {
    return n && (expr_uses_temp(n->quals.get()) || from(n->left.get()) || from(n->right.get()));
  };
  for (auto& f : q->from)
    if (from(f.get())) return true;
  return false;
}

bool expr_uses_temp(const Expr* e) {
  if (!e) return false;
  if (is_temp_sequence_state(*e)) return true;  // a temporary sequence in FROM
  if (e->kind == ExprKind::SubLink && query_uses_temp(e->subquery.get())) return true;
  for (auto& a : e->args)
    if (expr_uses_temp(a.get())) return true;
  return expr_uses_temp(e->compare.get());
}

}  // namespace

bool query_uses_temp_relations(const SelectQuery& q) { return query_uses_temp(&q); }

void check_view_replacement(Catalog& catalog, const ViewDef& existing, const SelectQuery& q, const std::vector<std::string>& cols) {
  // The existing view's columns, as a query over it shows them.
  ParsedScript ps("SELECT * FROM " + pg_quote_identifier(existing.schema) + "." + pg_quote_identifier(existing.name));
  std::vector<Oid> no_params;
  Analyzer a(catalog, no_params);
  auto old = a.analyze_select(reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt));
  if (cols.size() < old->targets.size()) throw PgError(sqlstate::kInvalidTableDefinition, "cannot drop columns from view");
  for (size_t i = 0; i < old->targets.size(); i++) {
    const std::string& oname = i < existing.column_names.size() ? existing.column_names[i] : old->targets[i].name;
    if (cols[i] != oname)
      throw PgError(sqlstate::kInvalidTableDefinition, "cannot change name of view column \"" + oname + "\" to \"" + cols[i] + "\"", "",
                    "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
    const Expr& oe = *old->targets[i].expr;
    const Expr& ne = *q.targets[i].expr;
    Oid ntype = ne.type == oid::kUnknown ? oid::kText : ne.type;
    if (oe.type != ntype || oe.typmod != ne.typmod)
      throw PgError(sqlstate::kInvalidTableDefinition, "cannot change data type of view column \"" + oname + "\" from " +
                                                           format_type_name(oe.type, oe.typmod) + " to " + format_type_name(ntype, ne.typmod));
    Oid oc = result_column_collation(*old, i), nc = result_column_collation(q, i);
    if (oc != nc)
      throw PgError(sqlstate::kInvalidTableDefinition, "cannot change collation of view column \"" + oname + "\" from \"" +
                                                           collation_name(oc) + "\" to \"" + collation_name(nc) + "\"");
  }
}

}  // namespace pgmicro
