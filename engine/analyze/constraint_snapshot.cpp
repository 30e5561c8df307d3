// CHECK / DEFAULT expressions calling a STABLE or IMMUTABLE function that reads the table being
// written (constraint_snapshot.h). Only expressions naming such a user function are analyzed
// and lowered; their calls' bodies are then tested with FunctionTableReads.
#include "analyze/constraint_snapshot.h"
#include <cctype>
#include "analyze/analyzer.h"
#include "analyze/statement_snapshot.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

namespace {

// Whether `text` calls (a word followed by '(') a non-volatile user function.
bool names_stable_function(const Catalog& cat, const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    unsigned char ch = (unsigned char)text[i];
    std::string word;
    if (ch == '\'') {  // skip string literals
      size_t e = text.find('\'', i + 1);
      i = e == std::string::npos ? text.size() : e + 1;
      continue;
    }
    if (ch == '"') {
      size_t e = text.find('"', i + 1);
      if (e == std::string::npos) break;
      word = text.substr(i + 1, e - i - 1);
      i = e + 1;
    } else if (isalpha(ch) || ch == '_' || ch >= 0x80) {
      size_t b = i;
      while (i < text.size() && (isalnum((unsigned char)text[i]) || text[i] == '_' || text[i] == '$' || (unsigned char)text[i] >= 0x80)) i++;
      word = text.substr(b, i - b);
      for (auto& c : word) c = (char)tolower((unsigned char)c);
    } else {
      i++;
      continue;
    }
    size_t j = i;
    while (j < text.size() && isspace((unsigned char)text[j])) j++;
    if (j >= text.size() || text[j] != '(') continue;
    for (const ProcDef* p : cat.find_procs(word))
      if (p->volatility != 'v') return true;
  }
  return false;
}

// The lowered SQL of expression `text` over t (empty when it does not analyze here).
std::string lowered(Catalog& cat, const TableDef& t, const std::string& text, ExprContext ctx) {
  try {
    std::vector<Oid> no_params;
    Analyzer a(cat, no_params);
    ParsedScript ps("SELECT " + text);
    auto* sel = reinterpret_cast<SelectStmt*>(ps.statements().at(0).raw->stmt);
    auto scope = a.dml_scope(&t, "");
    a.scope_ = scope.get();
    ExprPtr e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ctx);
    a.scope_ = nullptr;
    return lower_expr_in(*e, scope->rtable);
  } catch (const PgError&) {
    return "";
  }
}

}  // namespace

void refuse_constraint_snapshot_reads(Catalog& cat, const TableDef& t, const std::vector<int>& defaults, const std::string& what) {
  std::vector<std::pair<std::string, ExprContext>> exprs;
  for (auto& c : t.constraints)
    if (c.type == 'c' && names_stable_function(cat, c.check_expr)) exprs.push_back({c.check_expr, ExprContext::Check});
  for (int col : defaults)
    if (col >= 0 && col < (int)t.columns.size() && names_stable_function(cat, t.columns[col].default_text))
      exprs.push_back({t.columns[col].default_text, ExprContext::Default});
  if (exprs.empty()) return;
  FunctionTableReads reads(cat, FunctionTableReads::with_ancestors(cat, t));
  for (auto& [text, ctx] : exprs)
    for (const LoweredUserCall& c : lowered_user_calls(lowered(cat, t, text, ctx)))
      if ((c.flags & kSqlCallNonVolatile) && reads.body_reads(c.body))
        unsupported(std::string(ctx == ExprContext::Check ? "a CHECK constraint" : "a column DEFAULT") +
                    " calling a STABLE or IMMUTABLE function that reads its table, in " + what);
}

}  // namespace pgmicro
