// Automatically updatable views (PostgreSQL's rewriteTargetView): INSERT/UPDATE/DELETE on a
// view whose query reads a single table or updatable view without DISTINCT, GROUP BY, HAVING,
// set operations, WITH, LIMIT/OFFSET, aggregates, window or set-returning functions. The
// view chain is resolved to its base table: each view column is an expression over the base
// table's columns (updatable when it is a plain column), the views' WHERE clauses are added
// to UPDATE/DELETE, view column defaults (ALTER VIEW … SET DEFAULT) fill INSERT rows, and
// WITH [LOCAL|CASCADED] CHECK OPTION checks new rows (pg_view_check, runtime/view_check_function.cpp).
// The statement is analysed against a scope where the base table is hidden and the view is a
// pseudo-entry whose columns are those expressions, so WHERE, SET values and RETURNING refer to
// view columns. INSTEAD OF triggers and rules are not consulted here: a view with an INSTEAD OF
// trigger must be intercepted before view_target() (the hook for the trigger implementation).
#include <functional>
#include "analyze/analyze_dml.h"
#include "analyze/analyzer.h"
#include "analyze/view_definition.h"
#include "catalog/catalog.h"
#include "catalog/privileges.h"
#include "session/rule_checks.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "types/types.h"

namespace pgmicro {


struct ViewTarget {
  std::string name;                   // the view named by the statement
  const TableDef* base = nullptr;
  std::vector<std::string> names;
  std::vector<Oid> types;
  std::vector<int32_t> typmods;
  std::vector<ExprPtr> exprs;         // per view column: expression over the base (Vars of rte 0)
  std::vector<int> base_col;          // per view column: the base column, -1 not updatable
  std::vector<ExprPtr> defaults;      // per view column: the view's own default, or null
  ExprPtr quals;                      // the WHERE clauses of every view in the chain
  std::vector<std::pair<std::string, ExprPtr>> checks;  // CHECK OPTION conditions, in check order
};

namespace {

ExprPtr make_and(ExprPtr a, ExprPtr b) {
  if (!a) return b;
  if (!b) return a;
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::And;
  e->type = oid::kBool;
  e->args = {a, b};
  return e;
}

bool has_kind(const Expr& e, ExprKind k) {
  if (e.kind == k) return true;
  for (auto& a : e.args)
    if (a && has_kind(*a, k)) return true;
  if (e.compare && has_kind(*e.compare, k)) return true;
  return false;
}

// A copy of e with Vars of rte 0 (this level) replaced by values[attno]; values are at this
// level (no sublinks are descended, callers refuse those).
ExprPtr substitute(const ExprPtr& e, const std::vector<ExprPtr>& values) {
  if (!e) return e;
  if (e->kind == ExprKind::Var && e->levelsup == 0 && e->rte == 0 && e->attno < (int)values.size() && values[e->attno]) {
    auto c = std::make_shared<Expr>(*values[e->attno]);
    return c;
  }
  auto copy = std::make_shared<Expr>(*e);
  for (auto& a : copy->args) a = substitute(a, values);
  return copy;
}

[[noreturn]] void not_updatable(const std::string& view, char cmd, const std::string& detail) {
  if (cmd == 'i')
    throw PgError("55000", "cannot insert into view \"" + view + "\"", detail,
                  "To enable inserting into the view, provide an INSTEAD OF INSERT trigger or an unconditional ON INSERT DO INSTEAD rule.");
  if (cmd == 'u')
    throw PgError("55000", "cannot update view \"" + view + "\"", detail,
                  "To enable updating the view, provide an INSTEAD OF UPDATE trigger or an unconditional ON UPDATE DO INSTEAD rule.");
  throw PgError("55000", "cannot delete from view \"" + view + "\"", detail,
                "To enable deleting from the view, provide an INSTEAD OF DELETE trigger or an unconditional ON DELETE DO INSTEAD rule.");
}

}  // namespace

// PostgreSQL's view_query_is_auto_updatable, in its order: the DETAIL, or "" when updatable.
std::string view_not_updatable_detail(SelectStmt* s, const SelectQuery& q, bool check_cols) {
  if (s->op != SETOP_NONE) return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
  if (list_size(s->distinctClause)) return "Views containing DISTINCT are not automatically updatable.";
  if (list_size(s->groupClause)) return "Views containing GROUP BY are not automatically updatable.";
  if (s->havingClause) return "Views containing HAVING are not automatically updatable.";
  if (s->withClause) return "Views containing WITH are not automatically updatable.";
  if (s->limitCount || s->limitOffset) return "Views containing LIMIT or OFFSET are not automatically updatable.";
  if (q.has_aggs) return "Views that return aggregate functions are not automatically updatable.";
  for (auto& t : q.targets)
    if (has_kind(*t.expr, ExprKind::Window)) return "Views that return window functions are not automatically updatable.";
  if (list_size(s->valuesLists) || list_size(s->fromClause) != 1 || !IsA(list_at(s->fromClause, 0), RangeVar) ||
      q.from.size() != 1 || q.from[0]->kind != JoinKind::Base)
    return "Views that do not select from a single table or view are not automatically updatable.";
  if (check_cols) {
    bool any = false;
    for (auto& t : q.targets) any |= t.expr->kind == ExprKind::Var && t.expr->levelsup == 0 && t.expr->rte == q.from[0]->rte;
    if (!any) return "Views that have no updatable columns are not automatically updatable.";
  }
  return "";
}

std::shared_ptr<ViewTarget> Analyzer::view_target(RangeVar* rv, char command) {
  std::string schema = rv->schemaname ? rv->schemaname : "";
  if (catalog_.find_table(schema, rv->relname)) return nullptr;
  const ViewDef* v = catalog_.find_view(schema, rv->relname);
  if (!v) return nullptr;
  // Resolves one view (and, recursively, the views it reads) to its base table.
  std::function<std::shared_ptr<ViewTarget>(const ViewDef&, bool)> resolve = [&](const ViewDef& view, bool cascaded) {
    if (++view_depth_ > 32) {
      view_depth_ = 0;
      throw PgError(sqlstate::kInvalidObjectDefinition, "infinite recursion detected in rules for relation \"" + view.name + "\"");
    }
    struct Depth { int& d; ~Depth() { if (d > 0) d--; } } depth{view_depth_};
    ViewDefinition def(view.definition);
    auto* s = reinterpret_cast<SelectStmt*>(def.stmt->query);
    auto q = analyze_view(view);
    std::string detail = view_not_updatable_detail(s, *q, command != 'd');
    if (!detail.empty()) not_updatable(rv->relname, command, detail);
    auto vt = std::make_shared<ViewTarget>();
    vt->name = rv->relname;
    int brte = q->from[0]->rte;
    const RangeTableEntry& r = q->rtable[brte];
    std::shared_ptr<ViewTarget> inner;
    bool own_check = def.check_option != 0;
    bool cascade = cascaded || def.check_option == 'c';
    // PostgreSQL applies the rules of the relation a view is rewritten to; pgmicro's rule
    // rewrite (session/rules.cpp) starts from the statement's own target only.
    auto refuse_rules = [&](int64_t relid) {
      const int event = command == 'i' ? CMD_INSERT : command == 'u' ? CMD_UPDATE : CMD_DELETE;
      if (relation_has_rules(catalog_.privileges ? catalog_.privileges->db : nullptr, relid, event))
        unsupported("INSERT/UPDATE/DELETE through a view on a relation with rules", rv->location);
    };
    if (r.table) {
      if (brte != 0 || !r.inh_tables.empty()) unsupported("INSERT/UPDATE/DELETE on views over tables with inheritance children", rv->location);
      refuse_rules(r.table->oid);
      vt->base = r.table;
    } else {
      auto* brv = reinterpret_cast<RangeVar*>(list_at(s->fromClause, 0));
      Catalog::PathPrefix in_view_schema(catalog_, view.schema);
      const ViewDef* iv = catalog_.find_view(brv->schemaname ? brv->schemaname : "", brv->relname);
      if (!iv || !r.subquery) not_updatable(rv->relname, command, "Views that do not select from a single table or view are not automatically updatable.");
      refuse_rules(iv->oid);
      inner = resolve(*iv, cascade);
      vt->base = inner->base;
    }
    for (auto& t : q->targets) {
      if (inner && (has_kind(*t.expr, ExprKind::SubLink))) unsupported("subqueries in columns of views over views as INSERT/UPDATE/DELETE targets", rv->location);
      vt->names.push_back(t.name);
      vt->types.push_back(t.expr->type);
      vt->typmods.push_back(t.expr->typmod);
      bool plain = t.expr->kind == ExprKind::Var && t.expr->levelsup == 0 && t.expr->rte == brte;
      if (!inner) {
        vt->exprs.push_back(t.expr);
        vt->base_col.push_back(plain ? t.expr->attno : -1);
        vt->defaults.push_back(nullptr);
      } else {
        vt->exprs.push_back(substitute(t.expr, inner->exprs));
        vt->base_col.push_back(plain ? inner->base_col[t.expr->attno] : -1);
        vt->defaults.push_back(plain ? inner->defaults[t.expr->attno] : nullptr);
      }
    }
    for (size_t i = 0; i < vt->names.size(); i++)
      if (i < view.column_names.size()) vt->names[i] = view.column_names[i];
    // The view's own column defaults (ALTER VIEW … ALTER COLUMN … SET DEFAULT).
    for (size_t i = 0; i < vt->names.size(); i++) {
      Node* d = def.column_default(vt->names[i]);
      if (!d) continue;
      SelectQuery* saved = scope_;
      scope_ = nullptr;
      struct Restore { Analyzer* a; SelectQuery* s; ~Restore() { a->scope_ = s; } } restore{this, saved};
      ExprPtr e = transform_expr(d, ExprContext::Default);
      e = coerce_to(e, vt->types[i], vt->typmods[i], CastContext::Assignment, -1);
      std::function<void(Expr&)> clear = [&](Expr& x) { x.location = -1; for (auto& a : x.args) if (a) clear(*a); };
      clear(*e);
      vt->defaults[i] = e;
    }
    ExprPtr where = q->where;
    if (where && inner) {
      if (has_kind(*where, ExprKind::SubLink)) unsupported("subqueries in WHERE of views over views as INSERT/UPDATE/DELETE targets", rv->location);
      where = substitute(where, inner->exprs);
    }
    vt->quals = make_and(inner ? inner->quals : nullptr, where);
    if (inner) vt->checks = inner->checks;
    if (own_check || cascaded) vt->checks.push_back({view.name, where});
    return vt;
  };
  return resolve(*v, false);
}

// The scope DML on a view sees: the base table (hidden, rte 0) and the view as a pseudo-entry
// whose columns are expressions over it.
static std::unique_ptr<SelectQuery> view_scope(Analyzer& a, const ViewTarget& vt, RangeVar* rv) {
  std::string alias = rv->alias ? rv->alias->aliasname : rv->relname;
  auto s = a.dml_scope(vt.base, "\x01\x01" + alias);
  s->rtable[0].hidden.assign(s->rtable[0].column_names.size(), true);
  RangeTableEntry p;
  p.is_join = true;
  p.alias = alias;
  p.column_names = vt.names;
  p.column_types = vt.types;
  p.column_typmods = vt.typmods;
  p.column_exprs = vt.exprs;
  s->rtable.push_back(std::move(p));
  return s;
}

static std::vector<TargetEntry> view_returning(Analyzer& a, List* list, const ViewTarget& vt) {
  std::vector<TargetEntry> out;
  for_each_node(list, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    if (IsA(rt->val, ColumnRef)) {
      auto* cr = reinterpret_cast<ColumnRef*>(rt->val);
      if (IsA(list_at(cr->fields, list_size(cr->fields) - 1), A_Star)) {
        if (list_size(cr->fields) == 1 && a.scope_->rtable.size() > 2) unsupported("RETURNING * with FROM/USING tables", cr->location);
        for (size_t i = 0; i < vt.names.size(); i++) out.push_back({vt.exprs[i], vt.names[i]});
        return;
      }
    }
    ExprPtr e = a.finalize_unknown(a.transform_expr(rt->val, ExprContext::Returning));
    std::function<void(const Expr&)> check = [&](const Expr& x) {
      if (x.kind == ExprKind::Var && x.levelsup == 0 && x.rte != 0) unsupported("RETURNING columns of FROM/USING tables", x.location);
      for (auto& c : x.args) if (c) check(*c);
    };
    check(*e);
    out.push_back({e, rt->name ? rt->name : Analyzer::figure_colname(rt->val)});
  });
  return out;
}

// new_row: per base column, its new value (null: unchanged, the Var itself). Wraps `value` so
// that evaluating it checks every CHECK OPTION condition over the new row.
static ExprPtr with_view_checks(ExprPtr value, const ViewTarget& vt, const std::vector<ExprPtr>& new_row, int location) {
  for (auto it = vt.checks.rbegin(); it != vt.checks.rend(); ++it) {
    if (!it->second) continue;
    for (auto& v : new_row)
      if (v && (v->volatile_ || has_kind(*v, ExprKind::SubLink)))
        unsupported("WITH CHECK OPTION with volatile or subquery values", location);
    if (has_kind(*it->second, ExprKind::SubLink)) unsupported("WITH CHECK OPTION on views whose WHERE has subqueries", location);
    auto call = std::make_shared<Expr>();
    call->kind = ExprKind::Call;
    call->name = "pg_view_check";
    call->type = value->type;
    call->typmod = value->typmod;
    call->volatile_ = true;
    call->args = {value, substitute(it->second, new_row)};
    std::string t = "pg_view_check($1, $2, " + quote_literal(it->first) + ", " + std::to_string(vt.base->oid);
    for (size_t c = 0; c < vt.base->columns.size(); c++) {
      ExprPtr col = c < new_row.size() && new_row[c] ? new_row[c] : nullptr;
      if (!col) {
        col = std::make_shared<Expr>();
        col->kind = ExprKind::Var;
        col->rte = 0;
        col->attno = (int)c;
        col->type = vt.base->columns[c].type;
        col->typmod = vt.base->columns[c].typmod;
        col->name = vt.base->columns[c].name;
      }
      call->args.push_back(col);
      t += ", $" + std::to_string(call->args.size());
    }
    call->templ = t + ")";
    value = call;
  }
  return value;
}

std::unique_ptr<InsertQuery> Analyzer::analyze_view_insert(InsertStmt* stmt, ViewTarget& vt) {
  const TableDef* base = vt.base;
  if (stmt->onConflictClause) {
    // A view showing every column of its base table unchanged, in order, without WHERE (so
    // CHECK OPTION checks nothing) and view defaults: the INSERT is the base table's, with
    // the view's name for the target (the arbiters are the base table's, as the rewriter's).
    bool same = vt.names.size() == base->columns.size() && !vt.quals;
    for (size_t i = 0; same && i < vt.names.size(); i++)
      same = vt.base_col[i] == (int)i && vt.names[i] == base->columns[i].name && !vt.defaults[i] &&
             vt.types[i] == base->columns[i].type && vt.typmods[i] == base->columns[i].typmod;
    if (!same) unsupported("ON CONFLICT on views", stmt->relation->location);
    Alias view_alias{};
    view_alias.type = T_Alias;
    view_alias.aliasname = const_cast<char*>(vt.name.c_str());
    Alias* saved = stmt->relation->alias;
    if (!saved) stmt->relation->alias = &view_alias;
    insert_target_override_ = base;
    struct Restore { RangeVar* rv; Alias* a; Analyzer* an; ~Restore() { rv->alias = a; an->insert_target_override_ = nullptr; } } restore{stmt->relation, saved, this};
    return analyze_insert(stmt);
  }
  // The INSERT is analysed against a table shaped like the view, then its rows are mapped to
  // the base table's columns.
  TableDef shape;
  shape.oid = 0;
  shape.schema = base->schema;
  shape.name = vt.name;
  for (size_t i = 0; i < vt.names.size(); i++) {
    ColumnDef c;
    c.name = vt.names[i];
    c.type = vt.types[i];
    c.typmod = vt.typmods[i];
    int b = vt.base_col[i];
    if (b >= 0) {
      c.identity = base->columns[b].identity;
      c.generated = base->columns[b].generated;
      if (c.generated) c.default_text = "NULL";
    }
    c.default_expr = vt.defaults[i] ? vt.defaults[i] : b >= 0 ? transform_default(*base, b) : nullptr;
    shape.columns.push_back(std::move(c));
  }
  List* returning = stmt->returningList;
  stmt->returningList = nullptr;
  insert_target_override_ = &shape;
  std::unique_ptr<InsertQuery> q;
  try {
    q = analyze_insert(stmt);
  } catch (...) {
    insert_target_override_ = nullptr;
    stmt->returningList = returning;
    throw;
  }
  stmt->returningList = returning;
  q->table = base;
  auto map_row = [&](const std::vector<ExprPtr>& row) {
    std::vector<ExprPtr> out(base->columns.size());
    for (size_t i = 0; i < row.size() && i < vt.names.size(); i++) {
      bool given = row[i] != shape.columns[i].default_expr;
      if (vt.base_col[i] < 0) {
        if (given)
          throw PgError(sqlstate::kFeatureNotSupported, "cannot insert into column \"" + vt.names[i] + "\" of view \"" + vt.name + "\"",
                        "View columns that are not columns of their base relation are not updatable.");
        continue;
      }
      // A view default (ALTER VIEW ... SET DEFAULT) is a value for the base column.
      if (!given && vt.defaults[i] && base->columns[vt.base_col[i]].generated)
        throw PgError("428C9", "cannot insert a non-DEFAULT value into column \"" + base->columns[vt.base_col[i]].name + "\"",
                      "Column \"" + base->columns[vt.base_col[i]].name + "\" is a generated column.");
      if (given || vt.defaults[i]) out[vt.base_col[i]] = row[i];
    }
    for (size_t c = 0; c < out.size(); c++)
      if (!out[c]) out[c] = transform_default(*base, (int)c);
    return out;
  };
  int loc = stmt->relation->location;
  for (auto& row : q->rows) {
    row = map_row(row);
    if (!vt.checks.empty() && !row.empty()) {
      std::vector<ExprPtr> new_row = row;  // generated columns as computed from the row
      for (size_t c = 0; c < base->columns.size(); c++)
        if (base->columns[c].generated) new_row[c] = substitute(transform_generated(*base, (int)c), row);
      row[0] = with_view_checks(row[0], vt, new_row, loc);
    }
  }
  if (q->select) {
    std::vector<ExprPtr> row;
    for (auto& t : q->select->targets) row.push_back(t.expr);
    row = map_row(row);
    if (!vt.checks.empty()) unsupported("WITH CHECK OPTION with INSERT … SELECT", loc);
    std::vector<TargetEntry> targets;
    for (size_t c = 0; c < row.size(); c++) targets.push_back({row[c], base->columns[c].name});
    q->select->targets = std::move(targets);
  }
  q->generated.clear();
  for (size_t i = 0; i < base->columns.size(); i++)
    if (base->columns[i].generated) {
      q->generated.resize(base->columns.size());
      q->generated[i] = transform_generated(*base, (int)i);
    }
  auto scope = view_scope(*this, vt, stmt->relation);
  q->rtable = scope->rtable;
  scope_ = scope.get();
  struct Restore { Analyzer* a; ~Restore() { a->scope_ = nullptr; } } restore{this};
  q->returning = view_returning(*this, stmt->returningList, vt);
  return q;
}

// SET targets of an UPDATE on a view: the base column each view column assigns.
static int view_set_column(const ViewTarget& vt, ResTarget* rt) {
  int i = -1;
  for (size_t k = 0; k < vt.names.size(); k++)
    if (vt.names[k] == rt->name) i = (int)k;
  if (i < 0)
    throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(rt->name) + "\" of relation \"" + vt.name + "\" does not exist")
        .at(rt->location);
  if (vt.base_col[i] < 0)
    throw PgError(sqlstate::kFeatureNotSupported, "cannot update column \"" + vt.names[i] + "\" of view \"" + vt.name + "\"",
                  "View columns that are not columns of their base relation are not updatable.");
  return i;
}

std::unique_ptr<UpdateQuery> Analyzer::analyze_view_update(UpdateStmt* stmt, ViewTarget& vt) {
  auto q = std::make_unique<UpdateQuery>();
  size_t cte_mark = ctes_visible_.size();
  struct RestoreCtes { Analyzer* a; size_t mark; ~RestoreCtes() { a->ctes_visible_.resize(mark); } } restore_ctes{this, cte_mark};
  if (stmt->withClause) q->with = analyze_dml_with(stmt->withClause);
  const TableDef* t = vt.base;
  q->table = t;
  auto scope = view_scope(*this, vt, stmt->relation);
  scope_ = scope.get();
  struct Restore { Analyzer* a; ~Restore() { a->scope_ = nullptr; } } restore{this};
  if (list_size(stmt->fromClause)) {
    scope->rtable[0].dml_target = false;
    scope->rtable[0].sql_alias = "u0";
    analyze_from(stmt->fromClause, *scope);
    q->from = std::move(scope->from);
  }
  q->rtable = scope->rtable;
  for_each_node(stmt->targetList, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    if (IsA(rt->val, MultiAssignRef) || list_size(rt->indirection))
      unsupported("multiple-column, subscripted or field assignments in UPDATE of a view", rt->location);
    int i = view_set_column(vt, rt);
    int c = vt.base_col[i];
    for (auto& s : q->sets)
      if (s.first == c)
        throw PgError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + std::string(rt->name) + "\"");
    ExprPtr e;
    if (IsA(rt->val, SetToDefault)) {
      e = vt.defaults[i] ? vt.defaults[i] : transform_default(*t, c);
    } else {
      e = coerce_to_column(transform_expr(rt->val, ExprContext::UpdateSet), *t, c, expr_location(rt->val));
      const ColumnDef& col = t->columns[c];
      if (col.identity == 'a' || col.generated)
        throw PgError("428C9", "column \"" + col.name + "\" can only be updated to DEFAULT",
                      col.generated ? "Column \"" + col.name + "\" is a generated column."
                                    : "Column \"" + col.name + "\" is an identity column defined as GENERATED ALWAYS.");
    }
    q->sets.push_back({c, e});
  });
  add_generated_sets(*t, q->sets);
  ExprPtr where = stmt->whereClause ? coerce_to_bool(transform_expr(stmt->whereClause, ExprContext::Where), "WHERE") : nullptr;
  q->where = make_and(vt.quals, where);
  q->returning = view_returning(*this, stmt->returningList, vt);
  if (!vt.checks.empty() && !q->sets.empty()) {
    std::vector<ExprPtr> new_row(t->columns.size());
    for (auto& s : q->sets) new_row[s.first] = s.second;
    q->sets[0].second = with_view_checks(q->sets[0].second, vt, new_row, stmt->relation->location);
  }
  q->move_rows = true;
  snapshot_update(*this, catalog_, *q, true, true);  // analyze_dml_snapshot.cpp: checks only, no staging
  return q;
}

std::unique_ptr<DeleteQuery> Analyzer::analyze_view_delete(DeleteStmt* stmt, ViewTarget& vt) {
  auto q = std::make_unique<DeleteQuery>();
  size_t cte_mark = ctes_visible_.size();
  struct RestoreCtes { Analyzer* a; size_t mark; ~RestoreCtes() { a->ctes_visible_.resize(mark); } } restore_ctes{this, cte_mark};
  if (stmt->withClause) q->with = analyze_dml_with(stmt->withClause);
  q->table = vt.base;
  auto scope = view_scope(*this, vt, stmt->relation);
  scope_ = scope.get();
  struct Restore { Analyzer* a; ~Restore() { a->scope_ = nullptr; } } restore{this};
  if (list_size(stmt->usingClause)) {
    scope->rtable[0].dml_target = false;
    scope->rtable[0].sql_alias = "u0";
    analyze_from(stmt->usingClause, *scope);
    q->using_ = std::move(scope->from);
  }
  q->rtable = scope->rtable;
  ExprPtr where = stmt->whereClause ? coerce_to_bool(transform_expr(stmt->whereClause, ExprContext::Where), "WHERE") : nullptr;
  q->where = make_and(vt.quals, where);
  q->returning = view_returning(*this, stmt->returningList, vt);
  snapshot_delete(*this, catalog_, *q, true);
  return q;
}

}  // namespace pgmicro
