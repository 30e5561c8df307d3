// INSERT / UPDATE / DELETE analysis: target columns, VALUES rows with DEFAULT, assignment
// coercion to column types (PostgreSQL's 42804 messages), column defaults (parsed from
// their stored PostgreSQL text), RETURNING.
#include <algorithm>
#include <functional>
#include "analyze/analyze_dml.h"
#include "analyze/analyze_row.h"
#include "analyze/analyzer.h"
#include "types/user_types.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

const TableDef* lookup_table(Catalog& cat, RangeVar* rv) {
  std::string schema = rv->schemaname ? rv->schemaname : "";
  const TableDef* t = cat.find_table(schema, rv->relname);
  if (!t && cat.find_view(schema, rv->relname)) unsupported("INSERT/UPDATE/DELETE on views", rv->location);
  if (!t)
    throw PgError(sqlstate::kUndefinedTable,
                  "relation \"" + (schema.empty() ? "" : schema + ".") + std::string(rv->relname) + "\" does not exist").at(rv->location);
  return t;
}

ExprPtr Analyzer::transform_default(const TableDef& table, int column) {
  const ColumnDef& c = table.columns[column];
  if (c.default_expr) return c.default_expr;
  ExprPtr e;
  // A column of a domain type without a default of its own takes the domain's (through
  // domains over domains), as PostgreSQL does.
  std::string text = c.default_text;
  for (const UserType* d = find_user_type(c.type); text.empty() && d && d->kind == 'd'; d = find_user_type(d->base))
    text = d->default_text;
  if (text.empty() || c.generated) {
    // No default (a generated column's value is computed from the row: generated_values).
    e = std::make_shared<Expr>();
    e->kind = ExprKind::Const;
    e->type = c.type;
    e->typmod = c.typmod;
    if (is_domain_type(c.type) && !c.generated) {
      // NULL still passes through the domain's NOT NULL check.
      e->type = domain_base_type(c.type, &e->typmod);
      e = coerce_to(e, c.type, c.typmod, CastContext::Assignment, -1);
    }
  } else {
    ParsedScript ps("SELECT " + text);
    auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
    auto* rt = reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0));
    SelectQuery* saved = scope_;
    std::vector<SelectQuery*> saved_outer;
    saved_outer.swap(outer_scopes_);
    scope_ = nullptr;
    struct Restore {
      Analyzer* a; SelectQuery* s; std::vector<SelectQuery*>* o;
      ~Restore() { a->scope_ = s; a->outer_scopes_.swap(*o); }
    } restore{this, saved, &saved_outer};
    try {
      e = transform_expr(rt->val, ExprContext::Default);
    } catch (PgError& err) {
      err.error.position = 0;  // a position in the stored default means nothing here
      throw;
    }
    e = coerce_to_column(e, table, column, -1);
    // Positions inside the default's own text mean nothing to the user's statement.
    std::function<void(Expr&)> clear = [&](Expr& x) { x.location = -1; for (auto& a : x.args) clear(*a); };
    clear(*e);
    // An identity column's sequence is advanced without a privilege check (as PostgreSQL's
    // NextValueExpr): pg_nextval(oid, 1).
    std::function<void(Expr&)> identity = [&](Expr& x) {
      if (x.name == "nextval" && x.templ.rfind("pg_nextval(", 0) == 0 && x.templ.back() == ')')
        x.templ = x.templ.substr(0, x.templ.size() - 1) + ", 1)";
      for (auto& a : x.args) identity(*a);
    };
    if (c.identity) identity(*e);
  }
  c.default_expr = e;
  return e;
}

ExprPtr Analyzer::transform_generated(const TableDef& table, int column) {
  const ColumnDef& c = table.columns[column];
  ParsedScript ps("SELECT " + c.default_text);
  auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
  auto* rt = reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0));
  SelectQuery* saved = scope_;
  std::vector<SelectQuery*> saved_outer;
  saved_outer.swap(outer_scopes_);
  auto scope = dml_scope(&table, "");
  scope_ = scope.get();
  struct Restore {
    Analyzer* a; SelectQuery* s; std::vector<SelectQuery*>* o;
    ~Restore() { a->scope_ = s; a->outer_scopes_.swap(*o); }
  } restore{this, saved, &saved_outer};
  ExprPtr e;
  try {
    e = coerce_to_column(transform_expr(rt->val, ExprContext::Generated), table, column, -1);
  } catch (PgError& err) {
    err.error.position = 0;
    throw;
  }
  std::function<void(Expr&)> clear = [&](Expr& x) { x.location = -1; for (auto& a : x.args) clear(*a); };
  clear(*e);
  return e;
}

// A copy of e with the target's columns (Vars of rte 0) replaced by `values` where given.
// A ColumnRef x.* (or f.x.*) item of a VALUES row.
static bool is_star_ref(Node* n) {
  if (!IsA(n, ColumnRef)) return false;
  auto* cr = reinterpret_cast<ColumnRef*>(n);
  return list_size(cr->fields) > 1 && IsA(list_at(cr->fields, list_size(cr->fields) - 1), A_Star);
}

static bool values_row_has_star(List* row) {
  for (int i = 0; i < list_size(row); i++)
    if (is_star_ref(list_at(row, i))) return true;
  return false;
}

static ExprPtr substitute_columns(const ExprPtr& e, const std::vector<ExprPtr>& values) {
  if (e->kind == ExprKind::Var && e->levelsup == 0 && e->rte == 0 && e->attno < (int)values.size() && values[e->attno])
    return values[e->attno];
  auto copy = std::make_shared<Expr>(*e);
  for (auto& a : copy->args) a = substitute_columns(a, values);
  return copy;
}

// UPDATE / ON CONFLICT DO UPDATE: generated columns are recomputed from the new values (the
// SET expressions, or the old row for columns not assigned), as PostgreSQL does.
void Analyzer::add_generated_sets(const TableDef& t, std::vector<std::pair<int, ExprPtr>>& sets) {
  bool any = false;
  for (auto& c : t.columns) any |= c.generated != 0;
  if (!any) return;
  std::vector<ExprPtr> values(t.columns.size());
  std::vector<std::pair<int, ExprPtr>> kept;
  for (auto& s : sets) {
    if (t.columns[s.first].generated) continue;  // SET g = DEFAULT
    values[s.first] = s.second;
    kept.push_back(s);
  }
  for (size_t i = 0; i < t.columns.size(); i++)
    if (t.columns[i].generated) kept.push_back({(int)i, substitute_columns(transform_generated(t, (int)i), values)});
  sets = std::move(kept);
}

std::unique_ptr<SelectQuery> Analyzer::dml_scope(const TableDef* t, const std::string& alias) {
  auto q = std::make_unique<SelectQuery>();
  RangeTableEntry r;
  r.table = t;
  r.alias = alias.empty() ? t->name : alias;
  r.sql_alias = "" + t->sqlite_ref();
  r.dml_target = true;
  for (auto& c : t->columns) {
    r.column_names.push_back(c.name);
    r.column_types.push_back(c.type);
    r.column_typmods.push_back(c.typmod);
  }
  q->rtable.push_back(std::move(r));
  return q;
}


void check_no_dml_target_reference(const SelectQuery& scope);  // analyze_select.cpp

// RETURNING x.* / * of a FROM/USING item: its visible columns as Vars of range-table entry `r`.
static void append_rte_columns(const RangeTableEntry& e, int r, int location, std::vector<TargetEntry>& out) {
  for (size_t i = 0; i < e.column_names.size(); i++) {
    if (i < e.hidden.size() && e.hidden[i]) continue;
    auto v = std::make_shared<Expr>();
    v->kind = ExprKind::Var;
    v->rte = r;
    v->attno = (int)i;
    v->type = e.column_types[i];
    v->typmod = e.column_typmods[i];
    v->name = e.column_names[i];
    v->location = location;
    out.push_back({v, e.column_names[i]});
  }
}

std::vector<TargetEntry> analyze_returning(Analyzer& a, List* list, const TableDef* t) {
  std::vector<TargetEntry> out;
  bool others = a.scope_ && a.scope_->rtable.size() > 1;
  std::vector<TargetEntry> from_star;
  for_each_node(list, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    if (IsA(rt->val, ColumnRef)) {
      auto* cr = reinterpret_cast<ColumnRef*>(rt->val);
      if (IsA(list_at(cr->fields, list_size(cr->fields) - 1), A_Star)) {
        if (list_size(cr->fields) == 2 && IsA(list_at(cr->fields, 0), String) && a.scope_ && !a.scope_->rtable.empty()) {
          // "INSERT INTO t AS a … RETURNING t.*": the table is only visible by its alias.
          std::string rel = strVal(list_at(cr->fields, 0));
          const std::string& alias = a.scope_->rtable[0].alias;
          if (rel != alias && rel == t->name) {
            bool other = false;
            for (size_t r = 1; r < a.scope_->rtable.size(); r++) other |= a.scope_->rtable[r].alias == rel;
            if (!other)
              throw PgError(sqlstate::kUndefinedTable, "invalid reference to FROM-clause entry for table \"" + rel + "\"", "",
                            "Perhaps you meant to reference the table alias \"" + alias + "\".")
                  .at(cr->location);
          }
        }
        // RETURNING x.* of a FROM/USING item x: its columns.
        if (list_size(cr->fields) == 2 && IsA(list_at(cr->fields, 0), String) && a.scope_) {
          std::string rel = strVal(list_at(cr->fields, 0));
          for (size_t r = 1; r < a.scope_->rtable.size(); r++) {
            const RangeTableEntry& e = a.scope_->rtable[r];
            if (e.alias != rel || e.is_join) continue;
            append_rte_columns(e, (int)r, cr->location, out);
            return;
          }
          if (rel != a.scope_->rtable[0].alias && rel != t->name)
            throw PgError(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + rel + "\"").at(cr->location);
        }
        bool all = others && list_size(cr->fields) == 1;  // RETURNING * with FROM/USING: every item's columns
        if (all)
          for (auto& r : a.scope_->rtable)
            if (r.is_join) unsupported("RETURNING * with joined FROM/USING items", cr->location);
        for (size_t r = 1; all && r < a.scope_->rtable.size(); r++) {
          append_rte_columns(a.scope_->rtable[r], (int)r, cr->location, from_star);
        }
        for (size_t i = 0; i < t->columns.size(); i++) {
          auto e = std::make_shared<Expr>();
          e->kind = ExprKind::Var;
          e->rte = 0;
          e->attno = (int)i;
          e->type = t->columns[i].type;
          e->typmod = t->columns[i].typmod;
          e->name = t->columns[i].name;
          out.push_back({e, t->columns[i].name});
        }
        for (auto& f : from_star) out.push_back(std::move(f));
        return;
      }
    }
    ExprPtr e = a.finalize_unknown(a.transform_expr(rt->val, ExprContext::Returning));
    out.push_back({e, rt->name ? rt->name : Analyzer::figure_colname(rt->val)});
  });
  if (list_size(list) && out.empty())  // RETURNING * of a table without columns
    throw PgError(sqlstate::kSyntaxError, "RETURNING must have at least one column")
        .at(reinterpret_cast<ResTarget*>(list_at(list, 0))->location);
  return out;
}

// A non-DEFAULT value for column c of an INSERT: false when OVERRIDING USER VALUE replaces it
// by the identity default; 428C9 for a GENERATED ALWAYS identity or a generated column
// (PostgreSQL's rewriter).
bool insert_value_allowed(const TableDef& t, int c, int override) {
  const ColumnDef& col = t.columns[c];
  if (col.generated)
    throw PgError("428C9", "cannot insert a non-DEFAULT value into column \"" + col.name + "\"",
                  "Column \"" + col.name + "\" is a generated column.");
  if (!col.identity) return true;
  if (override == OVERRIDING_USER_VALUE) return false;
  if (col.identity == 'a' && override != OVERRIDING_SYSTEM_VALUE)
    throw PgError("428C9", "cannot insert a non-DEFAULT value into column \"" + col.name + "\"",
                  "Column \"" + col.name + "\" is an identity column defined as GENERATED ALWAYS.",
                  "Use OVERRIDING SYSTEM VALUE to override.");
  return true;
}

// UPDATE SET c = value (not DEFAULT): 428C9 for GENERATED ALWAYS identity and generated columns.
void check_update_target(const TableDef& t, int c) {
  const ColumnDef& col = t.columns[c];
  if (col.identity == 'a' || col.generated)
    throw PgError("428C9", "column \"" + col.name + "\" can only be updated to DEFAULT",
                  col.generated ? "Column \"" + col.name + "\" is a generated column."
                                : "Column \"" + col.name + "\" is an identity column defined as GENERATED ALWAYS.");
}

std::unique_ptr<InsertQuery> Analyzer::analyze_insert(InsertStmt* stmt) {
  auto q = std::make_unique<InsertQuery>();
  size_t cte_mark = ctes_visible_.size();
  struct RestoreCtes { Analyzer* a; size_t mark; ~RestoreCtes() { a->ctes_visible_.resize(mark); } } restore_ctes{this, cte_mark};
  if (!insert_target_override_)
    if (auto vt = view_target(stmt->relation, 'i')) return analyze_view_insert(stmt, *vt);
  if (stmt->withClause) q->with = analyze_dml_with(stmt->withClause);
  const TableDef* t = insert_target_override_ ? insert_target_override_ : lookup_table(catalog_, stmt->relation);
  insert_target_override_ = nullptr;
  q->table = t;

  // Target columns.
  std::vector<int> cols;
  std::vector<int> col_locs;
  std::vector<ResTarget*> field_targets;  // per target: INSERT INTO t (c.f) (nullptr: the whole column)
  if (list_size(stmt->cols) == 0) {
    for (size_t i = 0; i < t->columns.size(); i++) { cols.push_back((int)i); col_locs.push_back(-1); }
  } else {
    for_each_node(stmt->cols, [&](Node* n) {
      auto* rt = reinterpret_cast<ResTarget*>(n);
      bool field = list_size(rt->indirection);  // (c.f): analyze_row.cpp; (a[i]), (a[l:u]): analyze_array.cpp
      int c = t->find_column(rt->name);
      if (c < 0)
        throw PgError(sqlstate::kUndefinedColumn,
                      "column \"" + std::string(rt->name) + "\" of relation \"" + t->name + "\" does not exist")
            .at(rt->location);
      for (size_t k = 0; k < cols.size(); k++)
        if (cols[k] == c && !(field && field_targets[k]))
          throw PgError(sqlstate::kDuplicateColumn, "column \"" + std::string(rt->name) + "\" specified more than once")
              .at(rt->location);
      field_targets.resize(cols.size());
      field_targets.push_back(field ? rt : nullptr);
      cols.push_back(c);
      col_locs.push_back(rt->location);
    });
  }
  auto* sel = reinterpret_cast<SelectStmt*>(stmt->selectStmt);
  auto scope = dml_scope(t, stmt->relation->alias ? stmt->relation->alias->aliasname : "");
  q->rtable = scope->rtable;
  if (list_size(stmt->cols) == 0 && sel) {
    // Without a column list the leading columns are targeted, as many as the rows supply.
    int n = -1;
    if (list_size(sel->valuesLists)) {
      n = list_size(reinterpret_cast<List*>(list_at(sel->valuesLists, 0)));
      for_each_node(sel->valuesLists, [&](Node* rown) {
        if (values_row_has_star(reinterpret_cast<List*>(rown))) n = INT32_MAX;  // x.* rows: widths known after analysis
      });
      if (n != INT32_MAX) for_each_node(sel->valuesLists, [&](Node* rown) {
        if (list_size(reinterpret_cast<List*>(rown)) != n)
          throw PgError(sqlstate::kSyntaxError, "VALUES lists must all be the same length")
              .at(expr_location(list_at(reinterpret_cast<List*>(rown), 0)));
      });
    }
    if (n >= 0 && n < (int)cols.size()) { cols.resize(n); col_locs.resize(n); }
  }
  scope_ = nullptr;
  auto fill_row = [&](std::vector<ExprPtr> given, const std::vector<int>& locs) {
    std::vector<ExprPtr> row(t->columns.size());
    std::vector<int> field_cols;
    for (size_t i = 0; i < cols.size(); i++) {
      if (!given[i] && i < field_targets.size() && field_targets[i])
        throw PgError(sqlstate::kFeatureNotSupported, IsA(list_at(field_targets[i]->indirection, 0), A_Indices)
                                                          ? "cannot set an array element to DEFAULT"
                                                          : "cannot set a subfield to DEFAULT")
            .at(field_targets[i]->location);
      if (given[i] && i < field_targets.size() && field_targets[i]) {
        ExprPtr cur = row[cols[i]];
        if (!cur) {
          cur = std::make_shared<Expr>();
          cur->kind = ExprKind::Const;
          cur->type = t->columns[cols[i]].type;
          cur->typmod = t->columns[cols[i]].typmod;
        }
        if (IsA(list_at(field_targets[i]->indirection, 0), String))
          row[cols[i]] = row_field_assignment(*this, field_targets[i], t->columns[cols[i]].name, cur, given[i]);
        else
          row[cols[i]] = transform_array_assignment(field_targets[i], *t, cols[i], cur, given[i]);
        field_cols.push_back(cols[i]);
        continue;
      }
      if (given[i]) {
        ExprPtr v = coerce_to_column(given[i], *t, cols[i], locs[i]);
        if (insert_value_allowed(*t, cols[i], stmt->override)) row[cols[i]] = v;
      }
    }
    for (int c : field_cols)  // a domain over the composite: checked once, on the whole value
      if (row[c]->type != t->columns[c].type)
        row[c] = coerce_to(row[c], t->columns[c].type, t->columns[c].typmod, CastContext::Assignment, -1);
    for (size_t c = 0; c < row.size(); c++)
      if (!row[c]) row[c] = transform_default(*t, (int)c);
    return row;
  };
  if (!sel) {
    // DEFAULT VALUES
    q->rows.push_back(fill_row(std::vector<ExprPtr>(cols.size()), col_locs));
  } else if (list_size(sel->valuesLists)) {
    if (sel->sortClause || sel->limitCount || sel->limitOffset || sel->withClause)
      unsupported("VALUES with ORDER BY/LIMIT/WITH in INSERT", -1);
    for_each_node(sel->valuesLists, [&](Node* rown) {
      auto* row = reinterpret_cast<List*>(rown);
      std::vector<ExprPtr> given;
      std::vector<int> locs;
      if (values_row_has_star(row)) {
        // x.* items expand to the row's fields (PostgreSQL's transformExpressionList)
        for (int i = 0; i < list_size(row); i++) {
          Node* n = list_at(row, i);
          if (IsA(n, SetToDefault)) { given.push_back(nullptr); locs.push_back(expr_location(n)); continue; }
          ExprPtr e = transform_expr(n, ExprContext::Values);
          if (!is_star_ref(n)) { given.push_back(e); locs.push_back(expr_location(n)); continue; }
          if (!is_row_type(e->type))
            throw PgError(sqlstate::kWrongObjectType, "type " + format_type_name(e->type, e->typmod) + " is not composite")
                .at(expr_location(n));
          for (auto& f : row_field_exprs(*this, e, expr_location(n))) { given.push_back(f); locs.push_back(expr_location(n)); }
        }
        if (given.size() > cols.size())
          throw PgError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns").at(locs[cols.size()]);
        if (given.size() < cols.size())
          throw PgError(sqlstate::kSyntaxError, "INSERT has more target columns than expressions")
              .at(list_size(stmt->cols) ? col_locs[given.size()] : locs.empty() ? -1 : locs[0]);
        q->rows.push_back(fill_row(std::move(given), locs));
        return;
      }
      if (list_size(row) > (int)cols.size())
        throw PgError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns")
            .at(expr_location(list_at(row, (int)cols.size())));
      if (list_size(row) < (int)cols.size()) {
        int loc = list_size(stmt->cols) ? col_locs[list_size(row)] : expr_location(list_at(row, 0));
        throw PgError(sqlstate::kSyntaxError, "INSERT has more target columns than expressions").at(loc);
      }
      for (int i = 0; i < list_size(row); i++) {
        Node* n = list_at(row, i);
        locs.push_back(expr_location(n));
        if (IsA(n, SetToDefault)) { given.push_back(nullptr); continue; }
        given.push_back(transform_expr(n, ExprContext::Values));
      }
      q->rows.push_back(fill_row(std::move(given), locs));
    });
  } else {
    // Unknown literals in the SELECT list take the target columns' types (PostgreSQL's
    // INSERT … SELECT does not resolve them as text first); set operations resolve their own.
    q->select = analyze_select(sel, sel->op != SETOP_NONE);
    // A set operation is lowered from its arms, not from its result columns: the conversions to
    // the target columns' types (and defaults of the other columns) need a SELECT over it.
    std::shared_ptr<SelectQuery> setop_source;
    if (q->select->setop != SetOp::None) {
      setop_source = std::move(q->select);
      q->select = std::make_unique<SelectQuery>();
      RangeTableEntry rte;
      rte.subquery = setop_source;
      rte.alias = "*SELECT*";
      rte.sql_alias = next_alias("r");
      for (size_t i = 0; i < setop_source->targets.size(); i++) {
        auto& st = setop_source->targets[i];
        rte.column_names.push_back(st.name);
        rte.column_types.push_back(st.expr->type);
        rte.column_typmods.push_back(st.expr->typmod);
        auto v = std::make_shared<Expr>();
        v->kind = ExprKind::Var;
        v->rte = 0;
        v->attno = (int)i;
        v->type = st.expr->type;
        v->typmod = st.expr->typmod;
        v->name = st.name;
        q->select->targets.push_back({v, st.name});
      }
      q->select->rtable.push_back(std::move(rte));
      auto leaf = std::make_unique<FromNode>();
      leaf->rte = 0;
      q->select->from.push_back(std::move(leaf));
    }
    if (list_size(stmt->cols) == 0 && q->select->targets.size() < cols.size()) {
      cols.resize(q->select->targets.size());
      col_locs.resize(cols.size());
    }
    if (q->select->targets.size() > cols.size())
      throw PgError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns")
          .at(q->select->targets[cols.size()].expr->location);
    if (q->select->targets.size() < cols.size())
      throw PgError(sqlstate::kSyntaxError, "INSERT has more target columns than expressions")
          .at(list_size(stmt->cols) ? col_locs[q->select->targets.size()] : -1);
    std::vector<TargetEntry> all(t->columns.size());
    for (size_t i = 0; i < cols.size(); i++) {
      auto& te = q->select->targets[i];
      // A set operation's column is reported at its leftmost arm's expression.
      const SelectQuery* arm = setop_source ? setop_source.get() : q->select.get();
      while (arm->setop != SetOp::None && arm->larg) arm = arm->larg.get();
      int loc = te.expr->location >= 0 || i >= arm->targets.size() ? te.expr->location : arm->targets[i].expr->location;
      if (i < field_targets.size() && field_targets[i]) {  // (c.f), (a[i]): as for VALUES rows
        ExprPtr cur = all[cols[i]].expr;
        if (!cur) {
          cur = std::make_shared<Expr>();
          cur->kind = ExprKind::Const;
          cur->type = t->columns[cols[i]].type;
          cur->typmod = t->columns[cols[i]].typmod;
        }
        ExprPtr v = IsA(list_at(field_targets[i]->indirection, 0), String)
                        ? row_field_assignment(*this, field_targets[i], t->columns[cols[i]].name, cur, te.expr)
                        : transform_array_assignment(field_targets[i], *t, cols[i], cur, te.expr);
        all[cols[i]] = {v, t->columns[cols[i]].name};
        continue;
      }
      ExprPtr v = coerce_to_column(te.expr, *t, cols[i], loc);
      if (insert_value_allowed(*t, cols[i], stmt->override)) all[cols[i]] = {v, t->columns[cols[i]].name};
    }
    for (size_t i = 0; i < cols.size(); i++)  // a domain over the composite: checked once, on the whole value
      if (i < field_targets.size() && field_targets[i] && all[cols[i]].expr->type != t->columns[cols[i]].type)
        all[cols[i]].expr = coerce_to(all[cols[i]].expr, t->columns[cols[i]].type, t->columns[cols[i]].typmod,
                                      CastContext::Assignment, -1);
    for (size_t c = 0; c < all.size(); c++)
      if (!all[c].expr) all[c] = {transform_default(*t, (int)c), t->columns[c].name};
    q->select->targets = std::move(all);
  }
  for (size_t i = 0; i < t->columns.size(); i++)
    if (t->columns[i].generated) {
      q->generated.resize(t->columns.size());
      q->generated[i] = transform_generated(*t, (int)i);
    }
  if (stmt->onConflictClause) analyze_on_conflict(stmt->onConflictClause, *q);
  scope_ = scope.get();
  // EXCLUDED exists but cannot be referenced from RETURNING (PostgreSQL's hint).
  SelectQuery excluded;
  if (q->rtable.size() > 1) excluded.rtable.push_back(q->rtable[1]);
  invisible_scopes_.push_back(&excluded);
  struct PopInvisible { Analyzer* a; ~PopInvisible() { a->invisible_scopes_.pop_back(); } } pop_invisible{this};
  q->returning = analyze_returning(*this, stmt->returningList, t);
  scope_ = nullptr;
  snapshot_insert(catalog_, *q);
  return q;
}

// One scalar subquery per assigned column, each keeping its column of the select list (the
// subquery is evaluated once per assigned column).
ExprPtr Analyzer::multi_assign_subquery(Node* source, int ncolumns, int colno) {
  auto* sl = reinterpret_cast<SubLink*>(source);
  auto* sel = reinterpret_cast<SelectStmt*>(sl->subselect);
  auto sub = analyze_subquery(sel, true);
  if ((int)sub->targets.size() != ncolumns)
    throw PgError(sqlstate::kSyntaxError, "number of columns does not match number of values").at(sl->location);
  if (sub->distinct || !sub->distinct_on.empty() || sub->setop != SetOp::None || !sub->grouping_sets.empty())
    unsupported("multiple-column UPDATE assignments from this subquery", sl->location);
  sub->targets = {sub->targets[colno - 1]};
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::SubLink;
  e->sublink = SubLinkKind::Expr;
  e->location = sl->location;
  e->subquery = sub;
  e->type = sub->targets[0].expr->type;
  e->typmod = sub->targets[0].expr->typmod;
  return e;
}

std::unique_ptr<UpdateQuery> Analyzer::analyze_update(UpdateStmt* stmt) {
  auto q = std::make_unique<UpdateQuery>();
  size_t cte_mark = ctes_visible_.size();
  struct RestoreCtes { Analyzer* a; size_t mark; ~RestoreCtes() { a->ctes_visible_.resize(mark); } } restore_ctes{this, cte_mark};
  if (!dml_target_override)
    if (auto vt = view_target(stmt->relation, 'u')) return analyze_view_update(stmt, *vt);
  if (stmt->withClause) q->with = analyze_dml_with(stmt->withClause);
  const TableDef* t = dml_target_override ? dml_target_override : lookup_table(catalog_, stmt->relation);
  q->table = t;
  auto scope = dml_scope(t, stmt->relation->alias ? stmt->relation->alias->aliasname : dml_target_override ? stmt->relation->relname : "");
  scope_ = scope.get();
  if (list_size(stmt->fromClause)) {
    // UPDATE ... FROM: the target is qualified by an alias in the lowered SQL.
    scope->rtable[0].dml_target = false;
    scope->rtable[0].sql_alias = "u0";
    analyze_from(stmt->fromClause, *scope);
    check_no_dml_target_reference(*scope);
    q->from = std::move(scope->from);
  }
  q->rtable = scope->rtable;
  for_each_node(stmt->targetList, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    ExprPtr multi_sub;  // SET (a, b) = (SELECT ...): this column's scalar subquery
    if (IsA(rt->val, MultiAssignRef)) {
      // SET (a, b) = (x, y): each column takes its element of the row.
      auto* m = reinterpret_cast<MultiAssignRef*>(rt->val);
      if (IsA(m->source, SubLink) && reinterpret_cast<SubLink*>(m->source)->subLinkType == EXPR_SUBLINK) {
        multi_sub = multi_assign_subquery(m->source, m->ncolumns, m->colno);
      } else if (IsA(m->source, RowExpr)) {
        auto* row = reinterpret_cast<RowExpr*>(m->source);
        bool has_star = false;
        for_each_node(row->args, [&](Node* a) {
          auto* cr = IsA(a, ColumnRef) ? reinterpret_cast<ColumnRef*>(a) : nullptr;
          if (cr && IsA(list_at(cr->fields, list_size(cr->fields) - 1), A_Star)) has_star = true;
        });
        if (has_star) {
          // SET (a, b) = ROW(v.*): the row's items with x.* expanded to x's columns.
          std::vector<ExprPtr> items;
          for_each_node(row->args, [&](Node* a) {
            auto* cr = IsA(a, ColumnRef) ? reinterpret_cast<ColumnRef*>(a) : nullptr;
            if (cr && list_size(cr->fields) >= 2 && IsA(list_at(cr->fields, list_size(cr->fields) - 1), A_Star)) {
              ExprPtr whole = transform_expr(a, ExprContext::UpdateSet);
              for (auto& f : whole->args) items.push_back(f);
            } else if (cr && list_size(cr->fields) == 1) {
              unsupported("* in a ROW() source of a multiple-column UPDATE", cr->location);
            } else {
              items.push_back(transform_expr(a, ExprContext::UpdateSet));
            }
          });
          if ((int)items.size() != m->ncolumns)
            throw PgError(sqlstate::kSyntaxError, "number of columns does not match number of values").at(row->location);
          multi_sub = items[(size_t)m->colno - 1];
        } else {
          if (list_size(row->args) != m->ncolumns)
            throw PgError(sqlstate::kSyntaxError, "number of columns does not match number of values").at(row->location);
          rt->val = list_at(row->args, m->colno - 1);
        }
      } else {
        throw PgError(sqlstate::kFeatureNotSupported,
                      "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression")
            .at(expr_location(m->source));
      }
    }
    int c = t->find_column(rt->name);
    if (c < 0)
      throw PgError(sqlstate::kUndefinedColumn,
                    "column \"" + std::string(rt->name) + "\" of relation \"" + t->name + "\" does not exist")
          .at(rt->location);
    if (list_size(rt->indirection)) {
      // SET a[i] = v: several element assignments to one column apply in order.
      ExprPtr* prior = nullptr;
      for (auto& s : q->sets)
        if (s.first == c) prior = &s.second;
      if (prior && (*prior)->name != "array element assignment" && (*prior)->name != "field assignment")
        throw PgError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + std::string(rt->name) + "\"")
            .at(rt->location);
      ExprPtr e = transform_array_assignment(rt, *t, c, prior ? *prior : nullptr);
      if (prior) *prior = e;
      else q->sets.push_back({c, e});
      return;
    }
    for (auto& s : q->sets)
      if (s.first == c)
        throw PgError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + std::string(rt->name) + "\"");
    ExprPtr e;
    if (multi_sub) {
      e = coerce_to_column(multi_sub, *t, c, multi_sub->location);
      check_update_target(*t, c);
    } else if (IsA(rt->val, SetToDefault)) {
      e = transform_default(*t, c);
    } else {
      e = coerce_to_column(transform_expr(rt->val, ExprContext::UpdateSet), *t, c, expr_location(rt->val));
      check_update_target(*t, c);
    }
    q->sets.push_back({c, e});
  });
  add_generated_sets(*t, q->sets);
  if (stmt->whereClause) q->where = coerce_to_bool(transform_expr(stmt->whereClause, ExprContext::Where), "WHERE");
  q->returning = analyze_returning(*this, stmt->returningList, t);
  size_t steps_before = dml_cte_steps.size();
  returning_from_other_tables(*this, *t, q->from, q->rtable, q->where, q->returning, true);
  // The RETURNING of FROM columns finds its row by the old rowid (pg_moved_from).
  q->move_rows = !t->plain_sqlite;
  q->record_moves = dml_cte_steps.size() != steps_before;
  scope_ = nullptr;
  snapshot_update(*this, catalog_, *q, dml_target_override != nullptr);
  return q;
}

std::unique_ptr<DeleteQuery> Analyzer::analyze_delete(DeleteStmt* stmt) {
  auto q = std::make_unique<DeleteQuery>();
  size_t cte_mark = ctes_visible_.size();
  struct RestoreCtes { Analyzer* a; size_t mark; ~RestoreCtes() { a->ctes_visible_.resize(mark); } } restore_ctes{this, cte_mark};
  if (!dml_target_override)
    if (auto vt = view_target(stmt->relation, 'd')) return analyze_view_delete(stmt, *vt);
  if (stmt->withClause) q->with = analyze_dml_with(stmt->withClause);
  const TableDef* t = dml_target_override ? dml_target_override : lookup_table(catalog_, stmt->relation);
  q->table = t;
  auto scope = dml_scope(t, stmt->relation->alias ? stmt->relation->alias->aliasname : dml_target_override ? stmt->relation->relname : "");
  scope_ = scope.get();
  if (list_size(stmt->usingClause)) {
    // DELETE ... USING becomes DELETE ... WHERE rowid IN (SELECT u0.rowid FROM target u0, ...).
    scope->rtable[0].dml_target = false;
    scope->rtable[0].sql_alias = "u0";
    analyze_from(stmt->usingClause, *scope);
    check_no_dml_target_reference(*scope);
    q->using_ = std::move(scope->from);
  }
  q->rtable = scope->rtable;
  if (stmt->whereClause) q->where = coerce_to_bool(transform_expr(stmt->whereClause, ExprContext::Where), "WHERE");
  q->returning = analyze_returning(*this, stmt->returningList, t);
  returning_from_other_tables(*this, *t, q->using_, q->rtable, q->where, q->returning);
  scope_ = nullptr;
  snapshot_delete(*this, catalog_, *q, dml_target_override != nullptr);
  return q;
}

}  // namespace pgmicro
