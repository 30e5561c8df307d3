// Expression keys and WHERE predicates of CREATE INDEX: analyzed over the table's columns,
// refused when volatile (PostgreSQL's 42P17), lowered to the SQLite expression the SQLite index
// holds (SQLite accepts only deterministic functions there), with the PostgreSQL text kept for
// the catalog and the name part PostgreSQL's ChooseIndexColumnNames gives the key.
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"
#include "session/numeric_unique.h"
#include "session/session_impl.h"

namespace pgmicro {

namespace {

bool any_volatile(const Expr& e) {
  if (e.volatile_) return true;
  for (auto& a : e.args)
    if (any_volatile(*a)) return true;
  return false;
}

}  // namespace

// Whether the last index expression analysed has values whose stored forms can differ while
// equal (numeric 1.5/1.50): a unique index on it is refused (ddl_index.cpp).
bool& last_expression_scale_free() {
  thread_local bool scale_free = false;
  return scale_free;
}

SessionImpl::IndexExpr SessionImpl::index_expression(const TableDef& t, Node* node, bool predicate) {
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  a.sql_ = current_sql_;
  auto scope = a.dml_scope(&t, "");
  a.scope_ = scope.get();
  ExprPtr e;
  try {
    e = a.transform_expr(node, predicate ? ExprContext::IndexPredicate : ExprContext::IndexExpression);
  } catch (PgError& err) {
    // System columns (which pgmicro's tables do not have) are refused as PostgreSQL refuses them.
    for (const char* sc : {"ctid", "xmin", "cmin", "xmax", "cmax", "tableoid"})
      if (err.error.sqlstate == sqlstate::kUndefinedColumn && err.error.message == "column \"" + std::string(sc) + "\" does not exist")
        throw PgError(sqlstate::kFeatureNotSupported, "index creation on system columns is not supported");
    throw;
  }
  if (predicate) e = a.coerce_to_bool(e, "WHERE");
  a.scope_ = nullptr;
  if (any_volatile(*e))
    throw PgError("42P17", std::string("functions in index ") + (predicate ? "predicate" : "expression") + " must be marked IMMUTABLE");
  last_expression_scale_free() = !predicate && scale_free_key(*e, "x") != "x" && domain_base_type(e->type) != oid::kJsonb;
  IndexExpr out;
  out.sql = lower_expr_in(*e, scope->rtable);
  out.pg_text = deparse_expr(*e);
  out.name = "expr";
  if (IsA(node, FuncCall)) {
    List* names = reinterpret_cast<FuncCall*>(node)->funcname;
    out.name = node_string(list_at(names, list_size(names) - 1));
  } else if (IsA(node, TypeCast)) {
    // FigureColname: a cast is named after its type
    TypeName* tn = reinterpret_cast<TypeCast*>(node)->typeName;
    out.name = node_string(list_at(tn->names, list_size(tn->names) - 1));
  } else if (IsA(node, CoalesceExpr)) {  // FigureColname's names for these expression nodes
    out.name = "coalesce";
  } else if (IsA(node, MinMaxExpr)) {
    out.name = reinterpret_cast<MinMaxExpr*>(node)->op == IS_GREATEST ? "greatest" : "least";
  } else if (IsA(node, CaseExpr)) {
    out.name = "case";
  } else if (IsA(node, RowExpr)) {
    out.name = "row";
  } else if (IsA(node, A_Expr) && reinterpret_cast<A_Expr*>(node)->kind == AEXPR_NULLIF) {
    out.name = "nullif";
  }
  if (!predicate && e->type == oid::kRecord)
    throw PgError("42P16", "column \"" + out.name + "\" has pseudo-type record");
  return out;
}

}  // namespace pgmicro
