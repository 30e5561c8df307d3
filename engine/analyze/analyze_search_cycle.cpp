// WITH RECURSIVE … SEARCH DEPTH|BREADTH FIRST BY … SET … and CYCLE … SET … [TO … DEFAULT …]
// USING …: PostgreSQL's checks (parse_cte.c's analyzeCTE), then the CTE rewritten as
// PostgreSQL's rewriteSearchAndCycle does — the non-recursive term wrapped to start the sequence
// (ARRAY[ROW(cols)] / ROW(0, cols)) and the path, the recursive term wrapped to extend them from
// the working table's row (seq || ARRAY[ROW(cols)] / ROW(depth + 1, cols), the cycle mark, rows
// already marked as cycles dropped) — as PostgreSQL text built from the terms' own source text,
// which analyze_with analyses in place of the original query.
#include <strings.h>
#include <algorithm>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

// The end of the token starting at sql[i] (quotes, comments, dollar quotes, words, one char).
size_t token_end(std::string_view sql, size_t i) {
  const size_t n = sql.size();
  char c = sql[i];
  if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
    while (i < n && sql[i] != '\n') i++;
    return i;
  }
  if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
    int depth = 0;
    while (i < n) {
      if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') { depth++; i += 2; continue; }
      if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') { i += 2; if (--depth == 0) return i; continue; }
      i++;
    }
    return n;
  }
  if (c == '\'' || c == '"') {
    bool backslash = c == '\'' && i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E');
    for (i++; i < n; i++) {
      if (backslash && sql[i] == '\\') { i++; continue; }
      if (sql[i] == c) {
        if (i + 1 < n && sql[i + 1] == c) { i++; continue; }
        return i + 1;
      }
    }
    return n;
  }
  if (c == '$') {
    size_t j = i + 1;
    while (j < n && (isalnum((unsigned char)sql[j]) || sql[j] == '_')) j++;
    if (j < n && sql[j] == '$' && !(j > i + 1 && isdigit((unsigned char)sql[i + 1]))) {
      std::string_view tag = sql.substr(i, j - i + 1);
      size_t end = sql.find(tag, j + 1);
      return end == std::string_view::npos ? n : end + tag.size();
    }
    while (j < n && isdigit((unsigned char)sql[j])) j++;
    return j;
  }
  if (isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80) {
    while (i < n && (isalnum((unsigned char)sql[i]) || sql[i] == '_' || sql[i] == '$' || (unsigned char)sql[i] >= 0x80)) i++;
    return i;
  }
  return i + 1;
}

bool is_word(std::string_view sql, size_t b, size_t e, const char* w) {
  size_t len = strlen(w);
  return e - b == len && strncasecmp(sql.data() + b, w, len) == 0;
}

// The first word `w` at parenthesis depth 0 in sql[from, to), or npos.
size_t find_top_word(std::string_view sql, size_t from, size_t to, const char* w) {
  int depth = 0;
  for (size_t i = from; i < to;) {
    size_t e = token_end(sql, i);
    if (sql[i] == '(') depth++;
    else if (sql[i] == ')') depth--;
    else if (depth == 0 && is_word(sql, i, e, w)) return i;
    i = e;
  }
  return std::string_view::npos;
}

// The position after the parenthesis closing the one at `open`.
size_t matching_paren(std::string_view sql, size_t open) {
  int depth = 0;
  for (size_t i = open; i < sql.size();) {
    size_t e = token_end(sql, i);
    if (sql[i] == '(') depth++;
    else if (sql[i] == ')' && --depth == 0) return e;
    i = e;
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isspace((unsigned char)s.front())) s.remove_prefix(1);
  while (!s.empty() && isspace((unsigned char)s.back())) s.remove_suffix(1);
  return s;
}

// The recursive term's reference to the CTE at the top level of its FROM list (alias or name).
bool top_level_reference(Node* n, const std::string& name, std::string& ref) {
  if (!n) return false;
  if (IsA(n, RangeVar)) {
    auto* rv = reinterpret_cast<RangeVar*>(n);
    if (rv->schemaname || name != rv->relname) return false;
    ref = rv->alias ? rv->alias->aliasname : rv->relname;
    return true;
  }
  if (IsA(n, JoinExpr)) {
    auto* j = reinterpret_cast<JoinExpr*>(n);
    return top_level_reference(j->larg, name, ref) || top_level_reference(j->rarg, name, ref);
  }
  return false;
}

// A copy of `e` with the Vars of the wrapper's one FROM item (a subquery) replaced by that
// subquery's target expressions.
ExprPtr substitute_vars(const ExprPtr& e, const std::vector<TargetEntry>& inner) {
  if (!e) return e;
  if (e->kind == ExprKind::Var && e->levelsup == 0 && e->rte == 0) return inner.at((size_t)e->attno).expr;
  if (e->kind == ExprKind::SubLink || e->kind == ExprKind::Window || e->kind == ExprKind::Agg || e->subquery)
    unsupported("SEARCH/CYCLE with this recursive term");
  auto c = std::make_shared<Expr>(*e);
  for (auto& a : c->args) a = substitute_vars(a, inner);
  c->compare = substitute_vars(c->compare, inner);
  return c;
}

}  // namespace

// SQLite wants the recursive reference in the recursive SELECT's own FROM list: the wrapper
// around the recursive term (SELECT … FROM (term) "*TROCRN*" WHERE …) is merged into the term.
void flatten_search_cycle_term(SelectQuery& cte_query) {
  auto& outer = cte_query.rarg;
  if (!outer || outer->rtable.size() != 1 || !outer->rtable[0].subquery) unsupported("SEARCH/CYCLE with this recursive term");
  auto inner = outer->rtable[0].subquery;
  if (inner->setop != SetOp::None || inner->has_aggs || !inner->group_by.empty() || inner->distinct ||
      !inner->distinct_on.empty() || inner->limit || inner->offset || !inner->order_by.empty() || inner->having)
    unsupported("SEARCH/CYCLE with this recursive term");
  for (auto& t : inner->targets)
    if (t.expr->kind == ExprKind::Window) unsupported("SEARCH/CYCLE with this recursive term");
  std::vector<TargetEntry> targets;
  for (auto& t : outer->targets) targets.push_back({substitute_vars(t.expr, inner->targets), t.name});
  if (outer->where) {
    ExprPtr w = substitute_vars(outer->where, inner->targets);
    if (inner->where) {
      auto both = std::make_shared<Expr>();
      both->kind = ExprKind::And;
      both->type = oid::kBool;
      both->args = {inner->where, w};
      w = both;
    }
    inner->where = w;
  }
  inner->targets = std::move(targets);
  outer = inner;
}

// The columns SEARCH and CYCLE add, visible to the recursive term (PostgreSQL's analyzeCTE
// adds them after the non-recursive term): the sequence (record[] depth first, record breadth
// first), the cycle mark (the common type of its value and default) and the path (record[]).
void Analyzer::add_search_cycle_columns(CommonTableExpr* cte, CteDef& def) {
  if (CTESearchClause* search = cte->search_clause) {
    def.column_names.push_back(search->search_seq_column);
    def.column_types.push_back(search->search_breadth_first ? oid::kRecord : Oid(2287));
    def.column_typmods.push_back(-1);
  }
  if (CTECycleClause* cycle = cte->cycle_clause) {
    std::string v, d;
    Oid type = cycle_mark(cycle, v, d);
    def.column_names.push_back(cycle->cycle_mark_column);
    def.column_types.push_back(type);
    def.column_typmods.push_back(-1);
    def.column_names.push_back(cycle->cycle_path_column);
    def.column_types.push_back(2287);
    def.column_typmods.push_back(-1);
  }
}

// CYCLE's mark value and default: one common type with an equality operator; their text.
Oid Analyzer::cycle_mark(CTECycleClause* cycle, std::string& mark_value, std::string& mark_default) {
  ExprPtr v = transform_expr(cycle->cycle_mark_value, ExprContext::SelectTarget);
  ExprPtr d = transform_expr(cycle->cycle_mark_default, ExprContext::SelectTarget);
  Oid type = select_common_type({v, d}, "CYCLE");
  if (type == oid::kUnknown) type = oid::kText;
  static const Oid kNoEquality[] = {600, 601, 602, 603, 604, 628, 718, oid::kJson, 142};
  for (Oid t : kNoEquality)
    if (type == t) throw PgError("42883", "could not identify an equality operator for type " + format_type_name(type, -1));
  v = coerce_to(v, type, -1, CastContext::Implicit, expr_location(cycle->cycle_mark_value));
  d = coerce_to(d, type, -1, CastContext::Implicit, expr_location(cycle->cycle_mark_default));
  mark_value = "(" + deparse_expr(*v) + ")";
  mark_default = "(" + deparse_expr(*d) + ")";
  return type;
}

// The shape SEARCH/CYCLE needs: SELECT UNION SELECT, the recursive reference a FROM item of
// the right-hand SELECT itself (its name or alias in `ref`).
void check_search_cycle_shape(CommonTableExpr* cte, std::string& ref) {
  auto* stmt = reinterpret_cast<SelectStmt*>(cte->ctequery);
  const std::string name = cte->ctename;
  if (stmt->larg->op != SETOP_NONE)
    throw PgError(sqlstate::kFeatureNotSupported, "with a SEARCH or CYCLE clause, the left side of the UNION must be a SELECT");
  if (stmt->rarg->op != SETOP_NONE)
    throw PgError(sqlstate::kSyntaxError, "with a SEARCH or CYCLE clause, the right side of the UNION must be a SELECT");
  // The recursive reference must be a FROM item of the right-hand SELECT itself.
  auto* rarg = stmt->rarg;
  bool shadowed = false;
  if (rarg->withClause)
    for_each_node(rarg->withClause->ctes, [&](Node* n) { shadowed |= name == reinterpret_cast<CommonTableExpr*>(n)->ctename; });
  bool found = false;
  if (!shadowed) for_each_node(rarg->fromClause, [&](Node* n) { found = found || top_level_reference(n, name, ref); });
  if (!found)
    throw PgError(sqlstate::kFeatureNotSupported, "with a SEARCH or CYCLE clause, the recursive reference to WITH query \"" + name +
                                                      "\" must be at the top level of its right-hand SELECT");

}

std::string Analyzer::search_cycle_query(CommonTableExpr* cte, const CteDef& def) {
  auto* stmt = reinterpret_cast<SelectStmt*>(cte->ctequery);
  const std::string name = cte->ctename;
  CTESearchClause* search = cte->search_clause;
  CTECycleClause* cycle = cte->cycle_clause;
  std::vector<std::string> cols = def.column_names;  // without the added columns
  cols.resize(cols.size() - (search ? 1 : 0) - (cycle ? 2 : 0));
  auto has_col = [&](const std::string& c) { return std::find(cols.begin(), cols.end(), c) != cols.end(); };

  std::string mark_value, mark_default;
  if (cycle) {
    cycle_mark(cycle, mark_value, mark_default);
  }
  std::vector<std::string> search_cols, cycle_cols;
  if (search) {
    for_each_node(search->search_col_list, [&](Node* n) {
      std::string c = node_string(n);
      if (!has_col(c))
        throw PgError(sqlstate::kSyntaxError, "search column \"" + c + "\" not in WITH query column list").at(search->location);
      if (std::find(search_cols.begin(), search_cols.end(), c) != search_cols.end())
        throw PgError(sqlstate::kDuplicateColumn, "search column \"" + c + "\" specified more than once").at(search->location);
      search_cols.push_back(c);
    });
    if (has_col(search->search_seq_column))
      throw PgError(sqlstate::kSyntaxError, "search sequence column name \"" + std::string(search->search_seq_column) +
                                                "\" already used in WITH query column list").at(search->location);
  }
  if (cycle) {
    for_each_node(cycle->cycle_col_list, [&](Node* n) {
      std::string c = node_string(n);
      if (!has_col(c))
        throw PgError(sqlstate::kSyntaxError, "cycle column \"" + c + "\" not in WITH query column list").at(cycle->location);
      if (std::find(cycle_cols.begin(), cycle_cols.end(), c) != cycle_cols.end())
        throw PgError(sqlstate::kDuplicateColumn, "cycle column \"" + c + "\" specified more than once").at(cycle->location);
      cycle_cols.push_back(c);
    });
    if (has_col(cycle->cycle_mark_column))
      throw PgError(sqlstate::kSyntaxError, "cycle mark column name \"" + std::string(cycle->cycle_mark_column) +
                                                "\" already used in WITH query column list").at(cycle->location);
    if (has_col(cycle->cycle_path_column))
      throw PgError(sqlstate::kSyntaxError, "cycle path column name \"" + std::string(cycle->cycle_path_column) +
                                                "\" already used in WITH query column list").at(cycle->location);
    if (std::string(cycle->cycle_mark_column) == cycle->cycle_path_column)
      throw PgError(sqlstate::kSyntaxError, "cycle mark column name and cycle path column name are the same").at(cycle->location);
  }
  if (search && cycle) {
    if (std::string(search->search_seq_column) == cycle->cycle_mark_column)
      throw PgError(sqlstate::kSyntaxError, "search sequence column name and cycle mark column name are the same").at(search->location);
    if (std::string(search->search_seq_column) == cycle->cycle_path_column)
      throw PgError(sqlstate::kSyntaxError, "search sequence column name and cycle path column name are the same").at(search->location);
  }
  std::string ref;
  check_search_cycle_shape(cte, ref);

  // The terms' source text: the CTE body between its parentheses, split at the top-level UNION.
  std::string_view sql = sql_;
  auto refuse = [&]() -> std::string { unsupported("SEARCH/CYCLE in this WITH query", cte->location); };
  if (cte->location < 0 || (size_t)cte->location >= sql.size()) return refuse();
  size_t i = (size_t)cte->location;
  i = token_end(sql, i);  // the name
  size_t body = std::string_view::npos;
  bool columns_skipped = false;
  while (i < sql.size()) {
    if (isspace((unsigned char)sql[i])) { i++; continue; }
    if (sql[i] == '(') {
      if (!columns_skipped && list_size(cte->aliascolnames)) {
        columns_skipped = true;
        i = matching_paren(sql, i);
        if (i == std::string_view::npos) return refuse();
        continue;
      }
      body = i;
      break;
    }
    i = token_end(sql, i);  // AS, [NOT] MATERIALIZED, comments
  }
  if (body == std::string_view::npos) return refuse();
  size_t body_end = matching_paren(sql, body);
  if (body_end == std::string_view::npos) return refuse();
  size_t u = find_top_word(sql, body + 1, body_end - 1, "union");
  if (u == std::string_view::npos) return refuse();
  std::string_view larg = trim(sql.substr(body + 1, u - body - 1));
  size_t r = token_end(sql, u);
  while (r < body_end - 1 && isspace((unsigned char)sql[r])) r++;
  size_t after = token_end(sql, r);
  if (is_word(sql, r, after, "all") || is_word(sql, r, after, "distinct")) r = after;
  std::string_view rtext = trim(sql.substr(r, body_end - 1 - r));
  while (!rtext.empty() && rtext.front() == '(' && matching_paren(rtext, 0) == rtext.size())
    rtext = trim(rtext.substr(1, rtext.size() - 2));
  size_t from = find_top_word(rtext, 0, rtext.size(), "from");
  if (from == std::string_view::npos) return refuse();

  auto q = [](const std::string& s) { return pg_quote_identifier(s); };
  const std::string L = "\"*TLOCRN*\"", R = "\"*TROCRN*\"", W = q(ref);
  std::string col_list, lcols, rcols;
  for (size_t k = 0; k < cols.size(); k++) {
    col_list += (k ? ", " : "") + q(cols[k]);
    lcols += (k ? ", " : "") + L + "." + q(cols[k]);
    rcols += (k ? ", " : "") + R + "." + q(cols[k]);
  }
  auto row_of = [&](const std::string& t, const std::vector<std::string>& cs) {
    std::string s;
    for (size_t k = 0; k < cs.size(); k++) s += (k ? ", " : "") + t + "." + q(cs[k]);
    return s;
  };
  std::string lextra, rextra, carried, extra_names;
  if (search) {
    std::string S = q(search->search_seq_column);
    if (search->search_breadth_first) {
      lextra += ", ROW(0::bigint, " + row_of(L, search_cols) + ") AS " + S;
      rextra += ", ROW((" + R + "." + S + ").f1 + 1, " + row_of(R, search_cols) + ") AS " + S;
    } else {
      lextra += ", ARRAY[ROW(" + row_of(L, search_cols) + ")] AS " + S;
      rextra += ", " + R + "." + S + " || ARRAY[ROW(" + row_of(R, search_cols) + ")] AS " + S;
    }
    carried += ", " + W + "." + S;
    extra_names += ", " + S;
  }
  std::string where;
  if (cycle) {
    std::string M = q(cycle->cycle_mark_column), P = q(cycle->cycle_path_column);
    lextra += ", " + mark_default + " AS " + M + ", ARRAY[ROW(" + row_of(L, cycle_cols) + ")] AS " + P;
    rextra += ", CASE WHEN ROW(" + row_of(R, cycle_cols) + ") = ANY (" + R + "." + P + ") THEN " + mark_value + " ELSE " +
              mark_default + " END AS " + M + ", " + R + "." + P + " || ARRAY[ROW(" + row_of(R, cycle_cols) + ")] AS " + P;
    carried += ", " + W + "." + M + ", " + W + "." + P;
    extra_names += ", " + M + ", " + P;
    where = " WHERE " + R + "." + M + " <> " + mark_value;
  }
  // (newlines end a "--" comment at the end of a term)
  std::string inner = std::string(rtext.substr(0, from)) + carried + " " + std::string(rtext.substr(from)) + "\n";
  return "SELECT " + lcols + lextra + " FROM (" + std::string(larg) + "\n) AS " + L + " (" + col_list + ") UNION " +
         (stmt->all ? "ALL " : "") + "SELECT " + rcols + rextra + " FROM (" + inner + ") AS " + R + " (" + col_list +
         extra_names + ")" + where;
}

}  // namespace pgmicro
