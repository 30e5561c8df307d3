// INSERT … ON CONFLICT: arbiter inference as PostgreSQL's infer_arbiter_indexes (the table's
// unique constraints and unique indexes whose plain key columns and key expressions are
// exactly the inference elements, partial indexes only when the ON CONFLICT WHERE implies
// their predicate; ON CONSTRAINT names one constraint), the DO UPDATE scope with EXCLUDED,
// and the SQLite conflict targets the lowering emits: each arbiter's own key list and WHERE as
// SQLite's CREATE INDEX holds them, so SQLite's upsert picks exactly that index. Expressions
// are compared as their lowered SQL (the form the SQLite index stores).
#include <algorithm>
#include <cstdlib>
#include <functional>
#include "analyze/analyze_dml.h"
#include "analyze/analyzer.h"
#include "analyze/collation.h"
#include "analyze/column_hint.h"
#include "analyze/on_conflict.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

namespace {

// Skips a quoted string or identifier starting at s[i] (a quote character); returns the index
// after it.
size_t skip_quoted(const std::string& s, size_t i) {
  char q = s[i++];
  while (i < s.size()) {
    if (s[i] == q) {
      if (i + 1 < s.size() && s[i + 1] == q) { i += 2; continue; }
      return i + 1;
    }
    i++;
  }
  return i;
}

// The index of the parenthesis closing the one at s[open].
size_t matching_paren(const std::string& s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size();) {
    char c = s[i];
    if (c == '\'' || c == '"') { i = skip_quoted(s, i); continue; }
    if (c == '(') depth++;
    if (c == ')' && --depth == 0) return i;
    i++;
  }
  return std::string::npos;
}

// Splits at depth-0 occurrences of `sep` outside quotes.
std::vector<std::string> split_top(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\'' || c == '"') { i = skip_quoted(s, i); continue; }
    if (c == '(') depth++;
    if (c == ')') depth--;
    if (depth == 0 && s.compare(i, sep.size(), sep) == 0) {
      out.push_back(s.substr(start, i - start));
      i += sep.size();
      start = i;
      continue;
    }
    i++;
  }
  out.push_back(s.substr(start));
  return out;
}

// SQLite's `CREATE [UNIQUE] INDEX "i" ON "t" (keys) [WHERE pred]` → its keys and predicate.
bool index_sql_parts(const std::string& sql, std::vector<std::string>& keys, std::string& pred) {
  size_t i = 0;
  size_t on = std::string::npos;
  while (i < sql.size()) {
    if (sql[i] == '\'' || sql[i] == '"') { i = skip_quoted(sql, i); continue; }
    if (sql.compare(i, 4, " ON ") == 0) { on = i + 4; break; }
    i++;
  }
  if (on == std::string::npos) return false;
  i = on;
  while (i < sql.size() && sql[i] == ' ') i++;
  if (i < sql.size() && sql[i] == '"') i = skip_quoted(sql, i);
  else while (i < sql.size() && sql[i] != ' ' && sql[i] != '(') i++;
  while (i < sql.size() && sql[i] == ' ') i++;
  if (i >= sql.size() || sql[i] != '(') return false;
  size_t close = matching_paren(sql, i);
  if (close == std::string::npos) return false;
  keys = split_top(sql.substr(i + 1, close - i - 1), ", ");
  std::string rest = sql.substr(close + 1);
  size_t w = rest.find(" WHERE ");
  pred = w == std::string::npos ? "" : rest.substr(w + 7);
  return true;
}

// The conjuncts of a lowered boolean expression: "(a AND b)" → a, b (recursively).
void conjuncts(const std::string& s, std::vector<std::string>& out) {
  if (s.size() >= 2 && s[0] == '(' && matching_paren(s, 0) == s.size() - 1) {
    auto parts = split_top(s.substr(1, s.size() - 2), " AND ");
    if (parts.size() > 1) {
      for (auto& p : parts) conjuncts(p, out);
      return;
    }
  }
  out.push_back(s);
}

// "(L op N)" with an integer literal N: L, op and N.
bool comparison_with_integer(const std::string& s, std::string& lhs, std::string& op, long long& n) {
  if (s.size() < 2 || s[0] != '(' || matching_paren(s, 0) != s.size() - 1) return false;
  std::string body = s.substr(1, s.size() - 2);
  for (const char* o : {" >= ", " <= ", " > ", " < ", " = "}) {
    auto parts = split_top(body, o);
    if (parts.size() != 2) continue;
    const std::string& r = parts[1];
    if (r.empty() || r.find_first_not_of("-0123456789") != std::string::npos || r.find('-', 1) != std::string::npos) return false;
    lhs = parts[0];
    op = std::string(o).substr(1, std::string(o).size() - 2);
    n = std::strtoll(r.c_str(), nullptr, 10);
    return true;
  }
  return false;
}

// Whether the conjunct `given` implies `needed` (equal, or the same left side with integer
// bounds that imply each other, as predtest.c's btree proofs).
bool implies(const std::string& given, const std::string& needed) {
  if (given == needed) return true;
  std::string gl, gop, nl, nop;
  long long g, n;
  if (!comparison_with_integer(given, gl, gop, g) || !comparison_with_integer(needed, nl, nop, n) || gl != nl) return false;
  if (nop == ">") return (gop == ">" && g >= n) || ((gop == ">=" || gop == "=") && g > n);
  if (nop == ">=") return ((gop == ">" || gop == ">=" || gop == "=") && g >= n) || (gop == ">" && g >= n - 1);
  if (nop == "<") return (gop == "<" && g <= n) || ((gop == "<=" || gop == "=") && g < n);
  if (nop == "<=") return ((gop == "<" || gop == "<=" || gop == "=") && g <= n) || (gop == "<" && g <= n + 1);
  return nop == "=" && gop == "=" && g == n;
}

// A SQLite index key with the notes CREATE INDEX leaves on it (ddl_index.cpp):
// `key /*pgcoll:C*/ /*pgopc:text_pattern_ops*/ [DESC]` → the key without them, and the notes.
std::string strip_key_notes(const std::string& key, std::string& coll, std::string& opc) {
  std::string out;
  for (size_t i = 0; i < key.size();) {
    if (key[i] == '\'' || key[i] == '"') {
      size_t j = skip_quoted(key, i);
      out += key.substr(i, j - i);
      i = j;
      continue;
    }
    if (key.compare(i, 2, "/*") == 0) {
      size_t end = key.find("*/", i);
      if (end == std::string::npos) end = key.size();
      std::string note = key.substr(i + 2, end - i - 2);
      if (note.rfind("pgcoll:", 0) == 0) coll = note.substr(7);
      if (note.rfind("pgopc:", 0) == 0) opc = note.substr(6);
      i = end + 2;
      if (!out.empty() && out.back() == ' ') out.pop_back();
      if (i < key.size() && key[i] == ' ' && out.empty()) i++;
      continue;
    }
    out += key[i++];
  }
  return out;
}

// Whether every qualified inference element matches a key of the index (the same column or
// expression with the element's collation and operator class; infer_collation_opclass_match).
// keys: the index's SQLite keys (with notes); columns: its column per key (-1: expression).
bool qualified_match(const TableDef& t, const ConflictInference& spec, const std::vector<std::string>& keys,
                     const std::vector<int>& columns) {
  for (auto& q : spec.qualified) {
    bool found = false;
    for (size_t k = 0; k < keys.size() && k < columns.size() && !found; k++) {
      std::string coll, opc;
      std::string key = strip_key_notes(keys[k], coll, opc);
      if (key.size() > 5 && key.compare(key.size() - 5, 5, " DESC") == 0) key.resize(key.size() - 5);
      if (columns[k] >= 0) {
        if (q.column != t.columns[columns[k]].name) continue;
        if (coll.empty()) coll = t.columns[columns[k]].collation ? collation_name(t.columns[columns[k]].collation) : "default";
      } else {
        if (key.size() >= 2 && key[0] == '(' && key.back() == ')') key = key.substr(1, key.size() - 2);
        if (q.expr.empty() || q.expr != key) continue;
        if (coll.empty()) coll = "default";
      }
      found = (q.collation.empty() || q.collation == coll) && (q.opclass.empty() || q.opclass == opc);
    }
    if (!found) return false;
  }
  return true;
}

std::string quoted_columns(const TableDef& t, const std::vector<int>& cols) {
  std::string s;
  for (int c : cols) s += (s.empty() ? "" : ", ") + quote_ident(t.columns[c].name);
  return s;
}

}  // namespace

std::vector<ConflictArbiter> infer_conflict_arbiters(const TableDef& t, const ConflictInference& spec) {
  std::vector<ConflictArbiter> out;
  auto add = [&](const std::string& target, const std::vector<int>& plain_keys, bool partial, bool deferrable = false) {
    out.push_back({target, partial ? std::vector<int>{} : plain_keys, deferrable});
  };
  std::vector<int> attrs;
  for (auto& name : spec.columns) {
    int c = t.find_column(name);
    if (c < 0) return out;
    attrs.push_back(c);
  }
  std::sort(attrs.begin(), attrs.end());
  attrs.erase(std::unique(attrs.begin(), attrs.end()), attrs.end());
  auto same_attrs = [&](std::vector<int> cols) {
    std::sort(cols.begin(), cols.end());
    cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
    return cols == attrs;
  };
  const auto& exprs = spec.exprs;
  for (auto& c : t.constraints)
    if ((c.type == 'p' || c.type == 'u') && exprs.empty() && same_attrs(c.columns) &&
        qualified_match(t, spec, std::vector<std::string>(c.columns.size()), c.columns))
      add("(" + quoted_columns(t, c.columns) + ")", c.columns, false, c.deferrable);
  for (auto& ix : t.indexes) {
    if (!ix.unique) continue;
    if (ix.plain_keys()) {
      std::vector<std::string> keys;
      std::string pred;
      if (!spec.qualified.empty() && !index_sql_parts(ix.sqlite_sql, keys, pred)) continue;
      keys.resize(ix.columns.size());
      if (exprs.empty() && same_attrs(ix.columns) && qualified_match(t, spec, keys, ix.columns)) add("(" + quoted_columns(t, ix.columns) + ")", ix.columns, false);
      continue;
    }
    std::vector<std::string> keys;
    std::string pred;
    if (!index_sql_parts(ix.sqlite_sql, keys, pred) || keys.size() != ix.columns.size()) continue;
    std::vector<int> plain;
    for (int c : ix.columns)
      if (c >= 0) plain.push_back(c);
    if (!same_attrs(plain)) continue;
    // Every inference expression is a key of the index and every expression key is inferred.
    std::vector<std::string> key_exprs;
    for (size_t k = 0; k < keys.size(); k++) {
      if (ix.columns[k] >= 0) continue;
      std::string coll, opc;
      std::string key = strip_key_notes(keys[k], coll, opc);
      if (key.size() > 5 && key.compare(key.size() - 5, 5, " DESC") == 0) key.resize(key.size() - 5);
      if (key.size() >= 2 && key[0] == '(' && key.back() == ')') key = key.substr(1, key.size() - 2);
      key_exprs.push_back(key);
    }
    bool ok = true;
    for (auto& e : exprs) ok &= std::find(key_exprs.begin(), key_exprs.end(), e) != key_exprs.end();
    for (auto& k : key_exprs) ok &= std::find(exprs.begin(), exprs.end(), k) != exprs.end();
    if (!ok || !qualified_match(t, spec, keys, ix.columns)) continue;
    if (!pred.empty()) {
      // A partial index: its predicate must follow from the ON CONFLICT WHERE.
      std::vector<std::string> needed;
      conjuncts(pred, needed);
      for (auto& n : needed) {
        bool found = false;
        for (auto& g : spec.where) found |= implies(g, n);
        ok &= found;
      }
      if (!ok) continue;
    }
    std::string target = "(";
    for (size_t k = 0; k < keys.size(); k++) target += (k ? ", " : "") + keys[k];
    target += ")";
    if (!pred.empty()) target += " WHERE " + pred;
    add(target, exprs.empty() ? plain : std::vector<int>{}, !pred.empty());
  }
  return out;
}

void Analyzer::analyze_on_conflict(OnConflictClause* oc, InsertQuery& q) {
  const TableDef* t = q.table;
  q.has_on_conflict = true;
  q.conflict_do_update = oc->action == ONCONFLICT_UPDATE;
  std::shared_ptr<ConflictInference> spec;
  const ConstraintDef* exclusion_arbiter = nullptr;
  bool deferrable_arbiter = false;
  if (!oc->infer)  // DO NOTHING without a target: every unique and exclusion constraint is an arbiter
    for (auto& c : t->constraints) deferrable_arbiter |= (c.type == 'p' || c.type == 'u' || c.type == 'x') && c.deferrable;
  if (oc->infer && oc->infer->conname) {
    const ConstraintDef* match = nullptr;
    for (auto& c : t->constraints)
      if (c.name == oc->infer->conname) match = &c;
    if (!match)
      throw PgError(sqlstate::kUndefinedObject, "constraint \"" + std::string(oc->infer->conname) + "\" for table \"" +
                                                    t->name + "\" does not exist");
    if (match->type == 'x') {
      // An exclusion constraint has an index: DO UPDATE is the planner's error (after the
      // SET list is analysed), a deferrable one the executor's; DO NOTHING skipping a row
      // that conflicts with an exclusion constraint is not implemented.
      exclusion_arbiter = match;
    } else if (match->type != 'p' && match->type != 'u') {
      throw PgError(sqlstate::kWrongObjectType, "constraint in ON CONFLICT clause has no associated index");
    }
    deferrable_arbiter |= match->deferrable;
    if (!exclusion_arbiter) {
      q.conflict_targets.push_back("(" + quoted_columns(*t, match->columns) + ")");
      q.conflict_key_sets.push_back(match->columns);
      spec = std::make_shared<ConflictInference>();  // a partition's index on the same columns
      for (int c : match->columns) spec->columns.push_back(t->columns[c].name);
    }
  } else if (oc->infer) {
    // The inference elements: plain columns (a set) and expressions (lowered SQL).
    spec = std::make_shared<ConflictInference>();
    auto scope = dml_scope(t, q.rtable[0].alias == t->name ? "" : q.rtable[0].alias);
    SelectQuery* saved = scope_;
    scope_ = scope.get();
    struct Restore { Analyzer* a; SelectQuery* s; ~Restore() { a->scope_ = s; } } restore{this, saved};
    for_each_node(oc->infer->indexElems, [&](Node* n) {
      auto* ie = reinterpret_cast<IndexElem*>(n);
      if (ie->ordering != SORTBY_DEFAULT)
        throw PgError(sqlstate::kInvalidColumnReference, "ASC/DESC is not allowed in ON CONFLICT clause").at(oc->infer->location);
      if (ie->nulls_ordering != SORTBY_NULLS_DEFAULT)
        throw PgError(sqlstate::kInvalidColumnReference, "NULLS FIRST/LAST is not allowed in ON CONFLICT clause").at(oc->infer->location);
      ExprPtr e;
      if (ie->name) {
        int c = t->find_column(ie->name);
        if (c < 0) {
          SelectQuery with_excluded;  // PostgreSQL infers with EXCLUDED (DO UPDATE) in the range table
          with_excluded.rtable.push_back(scope->rtable[0]);
          if (oc->action == ONCONFLICT_UPDATE) {
            with_excluded.rtable.push_back(scope->rtable[0]);
            with_excluded.rtable[1].alias = "excluded";
          }
          throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(ie->name) + "\" does not exist", "",
                        missing_column_hint({&with_excluded}, "", ie->name))
              .at(oc->infer->location);
        }
        e = std::make_shared<Expr>();
        e->kind = ExprKind::Var;
        e->rte = 0;
        e->attno = c;
        e->type = t->columns[c].type;
      } else {
        e = transform_expr(ie->expr, ExprContext::IndexExpression);
      }
      // A COLLATE or a non-default operator class: only a key with the same one satisfies it.
      ConflictInference::Qualified qual;
      if (list_size(ie->collation)) qual.collation = collation_name(lookup_collation(ie->collation, -1));
      if (list_size(ie->opclass)) {
        std::string name = node_string(list_at(ie->opclass, list_size(ie->opclass) - 1));
        std::string type = format_type_name(e->type, -1);
        static const std::pair<const char*, const char*> kDefault[] = {
            {"integer", "int4_ops"}, {"smallint", "int2_ops"}, {"bigint", "int8_ops"}, {"text", "text_ops"},
            {"numeric", "numeric_ops"}, {"boolean", "bool_ops"}, {"double precision", "float8_ops"},
            {"real", "float4_ops"}, {"date", "date_ops"}, {"uuid", "uuid_ops"}};
        bool dflt = false;
        for (auto& [ty, op] : kDefault) dflt |= type == ty && name == op;
        if (!dflt) qual.opclass = name;
      }
      if (e->kind == ExprKind::Var && e->levelsup == 0 && e->rte == 0) {
        spec->columns.push_back(t->columns[e->attno].name);
        qual.column = t->columns[e->attno].name;
      } else {
        std::string sql = lower_expr_in(*e, scope->rtable);
        if (std::find(spec->exprs.begin(), spec->exprs.end(), sql) == spec->exprs.end()) spec->exprs.push_back(sql);
        qual.expr = sql;
      }
      if (!qual.collation.empty() || !qual.opclass.empty()) spec->qualified.push_back(qual);
    });
    if (oc->infer->whereClause) {
      ExprPtr w = coerce_to_bool(transform_expr(oc->infer->whereClause, ExprContext::IndexPredicate), "WHERE");
      conjuncts(lower_expr_in(*w, scope->rtable), spec->where);
    }
  } else if (q.conflict_do_update) {
    throw PgError(sqlstate::kSyntaxError, "ON CONFLICT DO UPDATE requires inference specification or constraint name", "",
                  "For example, ON CONFLICT (column_name).").at(oc->location);
  }
  q.conflict_inference = spec;
  // The arbiters are matched after DO UPDATE is analysed (PostgreSQL's planner infers them
  // after parse analysis, so errors in SET come first).
  auto match_indexes = [&] {
    if (exclusion_arbiter && q.conflict_do_update)
      throw PgError(sqlstate::kWrongObjectType, "ON CONFLICT DO UPDATE not supported with exclusion constraints");
    if (spec && q.conflict_targets.empty()) {
      for (auto& a : infer_conflict_arbiters(*t, *spec)) {
        q.conflict_targets.push_back(a.target);
        if (!a.plain_keys.empty()) q.conflict_key_sets.push_back(a.plain_keys);
        deferrable_arbiter |= a.deferrable;
      }
      if (q.conflict_targets.empty())
        throw PgError(sqlstate::kInvalidColumnReference,
                      "there is no unique or exclusion constraint matching the ON CONFLICT specification");
    }
    // The executor refuses a deferrable arbiter when it checks the first row: always for
    // VALUES; a SELECT may give no row, which is not decided here.
    if (deferrable_arbiter) {
      if (q.rows.empty()) unsupported("INSERT ... SELECT ... ON CONFLICT with a deferrable arbiter constraint");
      throw PgError("55000", "ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters");
    }
    if (exclusion_arbiter) unsupported("ON CONFLICT ON CONSTRAINT naming an exclusion constraint");
  };
  if (!q.conflict_do_update) {
    match_indexes();
    q.conflict_key_sets.clear();  // DO NOTHING skips a row proposed twice
    return;
  }
  auto scope = dml_scope(t, q.rtable[0].alias == t->name ? "" : q.rtable[0].alias);
  RangeTableEntry ex = scope->rtable[0];
  ex.alias = "excluded";
  ex.sql_alias = "excluded";
  ex.dml_target = false;
  // A target named "excluded" without an alias: every "excluded.x" is ambiguous (42P09).
  bool target_is_excluded = scope->rtable[0].alias == "excluded";
  if (target_is_excluded) scope->rtable[0].alias = "\x02";
  scope->rtable.push_back(ex);
  q.rtable = scope->rtable;
  if (target_is_excluded) q.rtable[0].alias = "excluded";
  scope_ = scope.get();
  struct Restore { Analyzer* a; ~Restore() { a->scope_ = nullptr; } } restore{this};
  std::function<void(const Expr&)> check_ambiguous = [&](const Expr& e) {
    if (e.kind == ExprKind::Var && e.levelsup == 0 && e.rte == 1)
      throw PgError("42P09", "table reference \"excluded\" is ambiguous").at(e.location);
    for (auto& a : e.args) check_ambiguous(*a);
  };
  for_each_node(oc->targetList, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    int c = t->find_column(rt->name);
    if (c < 0)
      throw PgError(sqlstate::kUndefinedColumn,
                    "column \"" + std::string(rt->name) + "\" of relation \"" + t->name + "\" does not exist").at(rt->location);
    if (list_size(rt->indirection)) {  // SET a[i] = v, SET c.f = v: applied in order, as in UPDATE
      ExprPtr* prior = nullptr;
      for (auto& s : q.conflict_sets)
        if (s.first == c) prior = &s.second;
      if (prior && (*prior)->name != "array element assignment" && (*prior)->name != "field assignment")
        throw PgError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + std::string(rt->name) + "\"")
            .at(rt->location);
      ExprPtr e = transform_array_assignment(rt, *t, c, prior ? *prior : nullptr);
      if (prior) *prior = e;
      else q.conflict_sets.push_back({c, e});
      return;
    }
    ExprPtr value;
    if (IsA(rt->val, MultiAssignRef)) {
      // SET (a, b) = (x, y) / ROW(excluded.*): this column's element of the row.
      auto* m = reinterpret_cast<MultiAssignRef*>(rt->val);
      if (IsA(m->source, SubLink) && reinterpret_cast<SubLink*>(m->source)->subLinkType == EXPR_SUBLINK) {
        value = multi_assign_subquery(m->source, m->ncolumns, m->colno);
      } else if (!IsA(m->source, RowExpr)) {
        throw PgError(sqlstate::kFeatureNotSupported,
                      "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression")
            .at(expr_location(m->source));
      }
    }
    if (IsA(rt->val, MultiAssignRef) && !value) {
      auto* m = reinterpret_cast<MultiAssignRef*>(rt->val);
      auto* row = reinterpret_cast<RowExpr*>(m->source);
      std::vector<ExprPtr> items;
      for_each_node(row->args, [&](Node* a) {
        auto* cr = IsA(a, ColumnRef) ? reinterpret_cast<ColumnRef*>(a) : nullptr;
        if (cr && list_size(cr->fields) == 2 && IsA(list_at(cr->fields, 1), A_Star)) {
          ExprPtr whole = transform_expr(a, ExprContext::UpdateSet);
          for (auto& f : whole->args) items.push_back(f);
        } else {
          items.push_back(transform_expr(a, ExprContext::UpdateSet));
        }
      });
      if ((int)items.size() != m->ncolumns)
        throw PgError(sqlstate::kSyntaxError, "number of columns does not match number of values").at(row->location);
      value = items[m->colno - 1];
    }
    if (!IsA(rt->val, SetToDefault)) check_update_target(*t, c);
    for (auto& s : q.conflict_sets)
      if (s.first == c)
        throw PgError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + std::string(rt->name) + "\"");
    ExprPtr e = IsA(rt->val, SetToDefault) ? transform_default(*t, c)
                : value ? coerce_to_column(value, *t, c, value->location)
                        : coerce_to_column(transform_expr(rt->val, ExprContext::UpdateSet), *t, c, expr_location(rt->val));
    if (target_is_excluded) check_ambiguous(*e);
    q.conflict_sets.push_back({c, e});
  });
  add_generated_sets(*t, q.conflict_sets);
  if (oc->whereClause) q.conflict_where = coerce_to_bool(transform_expr(oc->whereClause, ExprContext::Where), "WHERE");
  if (target_is_excluded && q.conflict_where) check_ambiguous(*q.conflict_where);
  match_indexes();
}

}  // namespace pgmicro
