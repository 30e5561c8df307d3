// String functions and operators with PostgreSQL semantics: LIKE/ILIKE (case-sensitive
// LIKE, backslash as the default escape), lower/upper.
#include <cstdint>
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

// Simple Unicode case mapping for the alphabets of C.UTF-8's tables that matter most:
// ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic. Other code points are unchanged.
uint32_t map_case(uint32_t c, bool upper) {
  if (upper) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
      bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
      if (odd_lower ? (c % 2 == 0) : (c % 2 == 1)) return c - 1;
      return c;
    }
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    return c;
  }
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c == 0x178) return 0xFF;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
    bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (odd_lower ? (c % 2 == 1) : (c % 2 == 0)) return c + 1;
    return c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

void case_map(sqlite3_context* ctx, sqlite3_value* v, bool upper) {
  if (sqlite3_value_type(v) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const unsigned char* p = sqlite3_value_text(v);
  size_t n = sqlite3_value_bytes(v);
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < n;) {
    size_t len = u8len(p[i]);
    if (i + len > n) len = n - i;
    uint32_t c = len == 1 ? p[0 + i] : len == 2 ? ((p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F)
               : len == 3 ? ((p[i] & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F)
                          : ((p[i] & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
    uint32_t m = map_case(c, upper);
    if (m == c) {
      out.append(reinterpret_cast<const char*>(p + i), len);
    } else if (m < 0x80) {
      out += static_cast<char>(m);
    } else if (m < 0x800) {
      out += static_cast<char>(0xC0 | (m >> 6));
      out += static_cast<char>(0x80 | (m & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (m >> 12));
      out += static_cast<char>(0x80 | ((m >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (m & 0x3F));
    }
    i += len;
  }
  sqlite3_result_text(ctx, out.data(), (int)out.size(), SQLITE_TRANSIENT);
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
