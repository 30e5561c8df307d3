// String functions and operators with PostgreSQL semantics: LIKE/ILIKE (case-sensitive
// LIKE, backslash as the default escape), lower/upper.
#include <string>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

// Length in bytes of the UTF-8 sequence starting with c.
size_t u8len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// PostgreSQL's MatchText: % any sequence, _ one character, \ escapes the next character.
bool like_match(const char* t, size_t tn, const char* p, size_t pn, bool ci) {
  auto fold = [&](unsigned char c) { return ci && c >= 'A' && c <= 'Z' ? c + 32 : c; };
  size_t ti = 0, pi = 0;
  while (pi < pn) {
    unsigned char pc = p[pi];
    if (pc == '%') {
      while (pi < pn && (p[pi] == '%' || p[pi] == '_')) {
        if (p[pi] == '_') {
          if (ti >= tn) return false;
          ti += u8len(t[ti]);
        }
        pi++;
      }
      if (pi >= pn) return true;
      for (size_t k = ti; k <= tn; k += (k < tn ? u8len(t[k]) : 1)) {
        if (like_match(t + k, tn - k, p + pi, pn - pi, ci)) return true;
        if (k >= tn) break;
      }
      return false;
    }
    if (ti >= tn) return false;
    if (pc == '_') {
      ti += u8len(t[ti]);
      pi++;
      continue;
    }
    if (pc == '\\') {
      pi++;
      if (pi >= pn)
        throw PgError("22025", "LIKE pattern must not end with escape character");
    }
    size_t len = u8len(p[pi]);
    if (len == 1) {
      if (fold(t[ti]) != fold(p[pi])) return false;
    } else {
      if (ti + len > tn || std::string(t + ti, len) != std::string(p + pi, len)) return false;
    }
    ti += len;
    pi += len;
  }
  return ti >= tn;
}

void like_impl(sqlite3_context* ctx, sqlite3_value** argv, bool ci) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
      return sqlite3_result_null(ctx);
    auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    size_t tn = sqlite3_value_bytes(argv[0]);
    auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    size_t pn = sqlite3_value_bytes(argv[1]);
    sqlite3_result_int(ctx, like_match(t, tn, p, pn, ci));
  });
}
void pg_like(sqlite3_context* c, int, sqlite3_value** v) { like_impl(c, v, false); }
void pg_ilike(sqlite3_context* c, int, sqlite3_value** v) { like_impl(c, v, true); }

void case_map(sqlite3_context* ctx, sqlite3_value* v, bool upper) {
  if (sqlite3_value_type(v) == SQLITE_NULL) return sqlite3_result_null(ctx);
  std::string s(reinterpret_cast<const char*>(sqlite3_value_text(v)), sqlite3_value_bytes(v));
  for (auto& c : s) {
    if (upper && c >= 'a' && c <= 'z') c -= 32;
    if (!upper && c >= 'A' && c <= 'Z') c += 32;
  }
  sqlite3_result_text(ctx, s.data(), (int)s.size(), SQLITE_TRANSIENT);
}
void pg_lower(sqlite3_context* c, int, sqlite3_value** v) { case_map(c, v[0], false); }
void pg_upper(sqlite3_context* c, int, sqlite3_value** v) { case_map(c, v[0], true); }

}  // namespace

void register_text_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {{"pg_like", 2, pg_like}, {"pg_ilike", 2, pg_ilike}, {"pg_lower", 1, pg_lower}, {"pg_upper", 1, pg_upper}};
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
