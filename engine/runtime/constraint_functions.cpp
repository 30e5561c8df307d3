// pg_get_constraintdef(oid[, pretty]): a table constraint's definition in PostgreSQL 15's
// ruleutils.c text (PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY, then DEFERRABLE, INITIALLY
// DEFERRED); NULL for an OID that is no table constraint.
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "runtime/expression_text.h"
#include "runtime/function_context.h"
#include "types/reg_types.h"
#include "types/user_types.h"

namespace pgmicro {

std::string strip_outer_parens(const std::string& e) {
  if (e.size() < 2 || e.front() != '(' || e.back() != ')') return e;
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < e.size(); i++) {
    if (e[i] == '\'') quoted = !quoted;
    if (quoted) continue;
    depth += e[i] == '(' ? 1 : e[i] == ')' ? -1 : 0;
    if (depth == 0 && i + 1 < e.size()) return e;
  }
  return e.substr(1, e.size() - 2);
}

std::string table_expression_text(const Catalog& cat, const TableDef& t, const std::string& source) {
  std::vector<Oid> no_params;
  Analyzer a(const_cast<Catalog&>(cat), no_params);
  ParsedScript ps("SELECT " + source);
  auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
  auto scope = a.dml_scope(&t, "");
  a.scope_ = scope.get();
  struct Restore { Analyzer* a; ~Restore() { a->scope_ = nullptr; } } restore{&a};
  ExprPtr e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Check);
  return deparse_expr(*e);
}

namespace {

std::string column_names(const TableDef& t, const std::vector<int>& cols) {
  std::string s;
  for (int c : cols) s += (s.empty() ? "" : ", ") + (c >= 0 && c < (int)t.columns.size() ? pg_quote_identifier(t.columns[c].name) : "?");
  return s;
}

// A CHECK constraint's stored source analysed over its table and printed as pg_get_expr does.
std::string check_text(const Catalog& cat, const TableDef& t, const std::string& source) {
  std::string text = table_expression_text(cat, t, source);
  if (text.empty() || text.front() != '(' || strip_outer_parens(text) == text) text = "(" + text + ")";
  return text;
}

const char* action_text(char a) {
  switch (a) {
    case 'r': return "RESTRICT";
    case 'c': return "CASCADE";
    case 'n': return "SET NULL";
    case 'd': return "SET DEFAULT";
    default: return nullptr;
  }
}

void get_constraintdef(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]);
    bool pretty = argc > 1 && sqlite3_value_int(argv[1]) != 0;
    const Catalog& cat = *runtime_context(ctx)->catalog;
    for (auto& t : cat.tables())
      for (auto& k : t->constraints) {
        if (k.oid != oid) continue;
        std::string def;
        switch (k.type) {
          case 'p': def = "PRIMARY KEY (" + column_names(*t, k.columns) + ")"; break;
          case 'u': def = "UNIQUE (" + column_names(*t, k.columns) + ")"; break;
          case 'c':
          {
            std::string text = check_text(cat, *t, k.check_expr);
            def = "CHECK (" + (pretty ? strip_outer_parens(text) : text) + ")";
          }
            if (k.no_inherit) def += " NO INHERIT";
            break;
          case 'f': {
            const TableDef* ref = cat.find_table_by_oid(k.ref_table_oid);
            if (!ref) return sqlite3_result_null(ctx);
            std::string refname = pg_quote_identifier(ref->name);
            if (const ObjectNameResolver* r = current_object_names())
              if (auto n = r->name(oid::kRegclass, (Oid)ref->oid)) refname = *n;
            def = "FOREIGN KEY (" + column_names(*t, k.columns) + ") REFERENCES " + refname + "(" +
                  column_names(*ref, k.ref_columns) + ")";
            if (k.check_expr == "MATCH FULL") def += " MATCH FULL";
            if (const char* a = action_text(k.on_update)) def += std::string(" ON UPDATE ") + a;
            if (const char* a = action_text(k.on_delete)) def += std::string(" ON DELETE ") + a;
            if (!k.del_set_columns.empty()) def += " (" + column_names(*t, k.del_set_columns) + ")";
            break;
          }
          default: return sqlite3_result_null(ctx);
        }
        if (k.deferrable) def += " DEFERRABLE";
        if (k.initdeferred) def += " INITIALLY DEFERRED";
        return sqlite3_result_text(ctx, def.data(), (int)def.size(), SQLITE_TRANSIENT);
      }
    // A domain's CHECK: analysed with VALUE of the base type and printed as ruleutils does.
    for (auto& [toid, u] : cat.user_types().all()) {
      if (u->kind != 'd') continue;
      for (auto& k : u->constraints) {
        if (k.oid != oid) continue;
        std::vector<Oid> no_params;
        Analyzer a(const_cast<Catalog&>(cat), no_params);
        a.domain_value_type_ = u->base;
        a.domain_value_typmod_ = u->base_typmod;
        ParsedScript ps("SELECT " + k.check_src);
        auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
        ExprPtr e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Check);
        std::string text = deparse_expr(*e);
        if (text.empty() || text.front() != '(' || strip_outer_parens(text) == text) text = "(" + text + ")";
        std::string def = "CHECK (" + (pretty ? strip_outer_parens(text) : text) + ")";
        if (!k.validated) def += " NOT VALID";
        return sqlite3_result_text(ctx, def.data(), (int)def.size(), SQLITE_TRANSIENT);
      }
    }
    sqlite3_result_null(ctx);
  });
}

}  // namespace

void register_constraint_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_get_constraintdef", -1, SQLITE_UTF8, rc, get_constraintdef, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
