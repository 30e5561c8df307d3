// The string library with PostgreSQL 15 semantics (varlena.c, oracle_compat.c, like.c,
// encode.c, quote.c): characters are UTF-8 code points, every function is strict (NULL in,
// NULL out) unless noted (concat, concat_ws, format, quote_nullable), and errors carry
// PostgreSQL's SQLSTATE and message. LIKE is case-sensitive with backslash as the default
// escape (like_escape rewrites a pattern for another escape character); ILIKE lowers both
// sides first, as PostgreSQL does for multibyte encodings.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "common/unicode_case.h"
#include "common/utf8.h"
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

using Fn = void (*)(sqlite3_context*, int, sqlite3_value**);

// --- helpers ------------------------------------------------------------------

// Length in bytes of the UTF-8 sequence starting with c.
size_t u8len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

std::string_view text_arg(sqlite3_value* v) {
  auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return p ? std::string_view(p, size_t(sqlite3_value_bytes(v))) : std::string_view();
}
std::string_view blob_arg(sqlite3_value* v) {
  auto* p = static_cast<const char*>(sqlite3_value_blob(v));
  return p ? std::string_view(p, size_t(sqlite3_value_bytes(v))) : std::string_view();
}
int64_t int_arg(sqlite3_value* v) { return sqlite3_value_int64(v); }

void result_text(sqlite3_context* ctx, std::string_view s) {
  sqlite3_result_text(ctx, s.data() ? s.data() : "", int(s.size()), SQLITE_TRANSIENT);
}
void result_blob(sqlite3_context* ctx, std::string_view s) {
  sqlite3_result_blob(ctx, s.data() ? s.data() : "", int(s.size()), SQLITE_TRANSIENT);
}

// Byte offsets of each character of s, plus s.size() at the end.
std::vector<size_t> char_offsets(std::string_view s) {
  std::vector<size_t> o;
  o.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size();) {
    o.push_back(i);
    size_t n = u8len((unsigned char)s[i]);
    i = i + n > s.size() ? s.size() : i + n;
  }
  o.push_back(s.size());
  return o;
}
int64_t char_count(std::string_view s) {
  int64_t n = 0;
  for (unsigned char b : s)
    if ((b & 0xC0) != 0x80) n++;
  return n;
}

uint32_t decode_utf8(const unsigned char* p, size_t len) {
  switch (len) {
    case 1: return p[0];
    case 2: return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    case 3: return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    default: return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
  }
}

// PostgreSQL's check before allocating a result: MaxAllocSize (1 GB - 1).
constexpr int64_t kMaxAlloc = 0x3fffffff;
[[noreturn]] void too_large() { throw PgError(sqlstate::kProgramLimitExceeded, "requested length too large"); }

// Registered functions: strict ones return NULL on any NULL argument before the body runs;
// every body runs inside guarded().
template <Fn F>
void strict_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  guarded(ctx, [&] { F(ctx, argc, argv); });
}
template <Fn F>
void lax_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] { F(ctx, argc, argv); });
}

// --- case mapping -----------------------------------------------------------------

// Simple Unicode case mapping (common/unicode_case.h, shared with the regex engine).
uint32_t map_case(uint32_t c, bool upper) { return upper ? unicode_upper(c) : unicode_lower(c); }

// iswalnum() of C.UTF-8, approximated: ASCII letters and digits, and letters of the
// alphabets above (anything from U+00C0 on except the two Latin-1 math signs).
bool is_alnum(uint32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  return c != 0xD7 && c != 0xF7;
}

// mode: 0 lower, 1 upper, 2 initcap
std::string case_convert(std::string_view s, int mode) {
  std::string out;
  out.reserve(s.size());
  auto* p = reinterpret_cast<const unsigned char*>(s.data());
  bool prev_alnum = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = u8len(p[i]);
    if (i + len > s.size()) len = s.size() - i;
    uint32_t c = decode_utf8(p + i, len);
    uint32_t m;
    if (mode == 2) {
      m = map_case(c, !prev_alnum);
      prev_alnum = is_alnum(c);
    } else {
      m = map_case(c, mode == 1);
    }
    if (m == c) out.append(s.data() + i, len);
    else append_utf8(out, m);
    i += len;
  }
  return out;
}

void pg_lower(sqlite3_context* ctx, int, sqlite3_value** v) { result_text(ctx, case_convert(text_arg(v[0]), 0)); }
void pg_upper(sqlite3_context* ctx, int, sqlite3_value** v) { result_text(ctx, case_convert(text_arg(v[0]), 1)); }
void pg_initcap(sqlite3_context* ctx, int, sqlite3_value** v) { result_text(ctx, case_convert(text_arg(v[0]), 2)); }

// --- LIKE -------------------------------------------------------------------------

enum { kLikeFalse = 0, kLikeTrue = 1, kLikeAbort = -1 };

// PostgreSQL's MatchText (like_match.c), byte-wise over UTF-8: % any sequence, _ one
// character, \ escapes the next character.
int match_text(const char* t, size_t tlen, const char* p, size_t plen) {
  if (plen == 1 && *p == '%') return kLikeTrue;
  auto next_char = [](const char*& s, size_t& n) {
    size_t l = u8len((unsigned char)*s);
    if (l > n) l = n;
    s += l;
    n -= l;
  };
  while (tlen > 0 && plen > 0) {
    if (*p == '\\') {
      p++, plen--;
      if (plen == 0) throw PgError("22025", "LIKE pattern must not end with escape character");
      if (*p != *t) return kLikeFalse;
    } else if (*p == '%') {
      p++, plen--;
      while (plen > 0) {
        if (*p == '%') {
          p++, plen--;
        } else if (*p == '_') {
          if (tlen == 0) return kLikeAbort;
          next_char(t, tlen);
          p++, plen--;
        } else {
          break;
        }
      }
      if (plen == 0) return kLikeTrue;
      char firstpat;
      if (*p == '\\') {
        if (plen < 2) throw PgError("22025", "LIKE pattern must not end with escape character");
        firstpat = p[1];
      } else {
        firstpat = *p;
      }
      while (tlen > 0) {
        if (*t == firstpat) {
          int m = match_text(t, tlen, p, plen);
          if (m != kLikeFalse) return m;
        }
        next_char(t, tlen);
      }
      return kLikeAbort;
    } else if (*p == '_') {
      next_char(t, tlen);
      p++, plen--;
      continue;
    } else if (*p != *t) {
      return kLikeFalse;
    }
    t++, tlen--;
    p++, plen--;
  }
  if (tlen > 0) return kLikeFalse;
  while (plen > 0 && *p == '%') p++, plen--;
  return plen == 0 ? kLikeTrue : kLikeAbort;
}

void pg_like(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto t = text_arg(v[0]), p = text_arg(v[1]);
  sqlite3_result_int(ctx, match_text(t.data(), t.size(), p.data(), p.size()) == kLikeTrue);
}
void pg_ilike(sqlite3_context* ctx, int, sqlite3_value** v) {
  std::string t = case_convert(text_arg(v[0]), 0), p = case_convert(text_arg(v[1]), 0);
  sqlite3_result_int(ctx, match_text(t.data(), t.size(), p.data(), p.size()) == kLikeTrue);
}

// like_escape(pattern, escape): rewrites the pattern for backslash as the escape character.
void pg_like_escape(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto p = text_arg(v[0]), e = text_arg(v[1]);
  std::string r;
  if (e.empty()) {
    for (char c : p) {
      if (c == '\\') r += '\\';
      r += c;
    }
    return result_text(ctx, r);
  }
  size_t elen = u8len((unsigned char)e[0]);
  if (elen != e.size())
    throw PgError("22025", "invalid escape string", "", "Escape string must be empty or one character.");
  if (e == "\\") return result_text(ctx, p);
  bool after = false;
  for (size_t i = 0; i < p.size();) {
    size_t l = u8len((unsigned char)p[i]);
    if (i + l > p.size()) l = p.size() - i;
    if (p.compare(i, l, e) == 0 && !after) {
      r += '\\';
      after = true;
    } else if (p[i] == '\\') {
      r += '\\';
      if (!after) r += '\\';
      after = false;
    } else {
      r.append(p.data() + i, l);
      after = false;
    }
    i += l;
  }
  result_text(ctx, r);
}

// --- substrings and positions ---------------------------------------------------

// PostgreSQL's text_substring: 1-based start, optional length, in characters.
std::string_view substring(std::string_view s, int64_t start, bool has_len, int64_t len) {
  if (has_len && len < 0) throw PgError("22011", "negative substring length not allowed");
  int64_t s1 = start < 1 ? 1 : start;
  int64_t e = has_len ? start + len : INT64_MAX;
  if (e <= s1) return {};
  auto off = char_offsets(s);
  int64_t nchars = int64_t(off.size()) - 1;
  if (s1 > nchars) return {};
  int64_t end = e - 1 > nchars ? nchars : e - 1;
  return s.substr(off[size_t(s1 - 1)], off[size_t(end)] - off[size_t(s1 - 1)]);
}
void pg_substr(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  result_text(ctx, substring(text_arg(v[0]), int_arg(v[1]), argc > 2, argc > 2 ? int_arg(v[2]) : 0));
}

void pg_strpos(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]), sub = text_arg(v[1]);
  if (sub.empty()) return sqlite3_result_int(ctx, 1);
  size_t at = s.find(sub);
  sqlite3_result_int64(ctx, at == std::string_view::npos ? 0 : char_count(s.substr(0, at)) + 1);
}

void pg_starts_with(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]), pre = text_arg(v[1]);
  sqlite3_result_int(ctx, s.size() >= pre.size() && s.compare(0, pre.size(), pre) == 0);
}

void pg_left(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]);
  int64_t n = int_arg(v[1]);
  auto off = char_offsets(s);
  int64_t len = int64_t(off.size()) - 1;
  int64_t keep = n >= 0 ? (n < len ? n : len) : (len + n > 0 ? len + n : 0);
  result_text(ctx, s.substr(0, off[size_t(keep)]));
}
void pg_right(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]);
  int64_t n = int_arg(v[1]);
  auto off = char_offsets(s);
  int64_t len = int64_t(off.size()) - 1;
  int64_t keep = n >= 0 ? (n < len ? n : len) : (len + n > 0 ? len + n : 0);
  result_text(ctx, s.substr(off[size_t(len - keep)]));
}

// lpad/rpad(string, length [, fill]): truncated to length characters, padded with fill.
void pad(sqlite3_context* ctx, int argc, sqlite3_value** v, bool left) {
  auto s = text_arg(v[0]);
  int64_t len = int_arg(v[1]);
  std::string_view fill = argc > 2 ? text_arg(v[2]) : std::string_view(" ");
  if (len < 0) len = 0;
  if (len * 4 > kMaxAlloc) too_large();
  auto off = char_offsets(s);
  int64_t slen = int64_t(off.size()) - 1;
  if (slen > len) slen = len;
  std::string_view body = s.substr(0, off[size_t(slen)]);
  if (fill.empty()) return result_text(ctx, body);
  auto foff = char_offsets(fill);
  size_t fchars = foff.size() - 1;
  // Whole repetitions of fill, then its first (m % fchars) characters.
  int64_t m = len - slen;
  size_t whole = size_t(m) / fchars, rest = size_t(m) % fchars;
  std::string padding;
  if (fill.size() == 1) {
    padding.assign(size_t(m), fill[0]);
  } else {
    padding.reserve(whole * fill.size() + foff[rest]);
    for (size_t i = 0; i < whole; i++) padding.append(fill);
    padding.append(fill.data(), foff[rest]);
  }
  std::string r = left ? padding + std::string(body) : std::string(body) + padding;
  result_text(ctx, r);
}
void pg_lpad(sqlite3_context* ctx, int argc, sqlite3_value** v) { pad(ctx, argc, v, true); }
void pg_rpad(sqlite3_context* ctx, int argc, sqlite3_value** v) { pad(ctx, argc, v, false); }

void pg_repeat(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]);
  int64_t n = int_arg(v[1]);
  if (n < 0) n = 0;
  if (int64_t(s.size()) * n + 4 > kMaxAlloc) too_large();
  std::string r;
  r.reserve(size_t(s.size() * n));
  for (int64_t i = 0; i < n; i++) r.append(s);
  result_text(ctx, r);
}

void pg_reverse(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]);
  auto off = char_offsets(s);
  std::string r;
  r.reserve(s.size());
  for (size_t k = off.size() - 1; k-- > 0;) r.append(s.data() + off[k], off[k + 1] - off[k]);
  result_text(ctx, r);
}

void pg_split_part(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]), sep = text_arg(v[1]);
  int64_t fld = int_arg(v[2]);
  if (fld == 0) throw PgError(sqlstate::kInvalidParameterValue, "field position must not be zero");
  if (s.empty()) return result_text(ctx, "");
  if (sep.empty() || s.find(sep) == std::string_view::npos)
    return result_text(ctx, fld == 1 || fld == -1 ? s : std::string_view());
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      fields.push_back(s.substr(start));
      break;
    }
    fields.push_back(s.substr(start, at - start));
    start = at + sep.size();
  }
  int64_t n = int64_t(fields.size());
  if (fld < 0) fld += n + 1;
  if (fld <= 0 || fld > n) return result_text(ctx, "");
  result_text(ctx, fields[size_t(fld - 1)]);
}

void pg_translate(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]), from = text_arg(v[1]), to = text_arg(v[2]);
  auto soff = char_offsets(s), foff = char_offsets(from), toff = char_offsets(to);
  size_t nfrom = foff.size() - 1, nto = toff.size() - 1;
  std::string r;
  for (size_t k = 0; k + 1 < soff.size(); k++) {
    std::string_view c = s.substr(soff[k], soff[k + 1] - soff[k]);
    size_t i = 0;
    while (i < nfrom && from.substr(foff[i], foff[i + 1] - foff[i]) != c) i++;
    if (i == nfrom) r.append(c);
    else if (i < nto) r.append(to.substr(toff[i], toff[i + 1] - toff[i]));
  }
  result_text(ctx, r);
}

// --- character codes ------------------------------------------------------------

void pg_ascii(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto s = text_arg(v[0]);
  if (s.empty()) return sqlite3_result_int(ctx, 0);
  size_t l = u8len((unsigned char)s[0]);
  if (l > s.size()) l = s.size();
  sqlite3_result_int64(ctx, decode_utf8(reinterpret_cast<const unsigned char*>(s.data()), l));
}

void pg_chr(sqlite3_context* ctx, int, sqlite3_value** v) {
  int64_t c = int_arg(v[0]);
  if (c < 0) throw PgError(sqlstate::kInvalidParameterValue, "character number must be positive");
  if (c == 0) throw PgError(sqlstate::kProgramLimitExceeded, "null character not permitted");
  if (c > 0x10FFFF)
    throw PgError(sqlstate::kProgramLimitExceeded, "requested character too large for encoding: " + std::to_string(c));
  if (c >= 0xD800 && c <= 0xDFFF)
    throw PgError(sqlstate::kProgramLimitExceeded, "requested character not valid for encoding: " + std::to_string(c));
  std::string r;
  append_utf8(r, uint32_t(c));
  result_text(ctx, r);
}

void pg_to_hex(sqlite3_context* ctx, int, sqlite3_value** v) {
  uint64_t x = uint64_t(int_arg(v[0]));
  if (sqlite3_value_int(v[1]) == 32) x &= 0xFFFFFFFFu;
  static const char* kHex = "0123456789abcdef";
  std::string r;
  do {
    r.insert(r.begin(), kHex[x & 15]);
    x >>= 4;
  } while (x);
  result_text(ctx, r);
}

// --- quoting ----------------------------------------------------------------------

// Keywords that are not UNRESERVED in PostgreSQL 15 (pg_get_keywords() catcode <> 'U').
const char* const kQuotedKeywords[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
    "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
    "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct",
    "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
    "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
    "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull",
    "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
    "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
    "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing",
    "position", "precision", "primary", "real", "references", "returning", "right", "row", "select",
    "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table",
    "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union",
    "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window",
    "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
    "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
};

bool is_quoted_keyword(std::string_view w) {
  for (const char* k : kQuotedKeywords)
    if (w == k) return true;
  return false;
}

std::string quote_identifier(std::string_view s) {
  bool safe = !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_');
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
  if (safe && is_quoted_keyword(s)) safe = false;
  if (safe) return std::string(s);
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += '"';
    r += c;
  }
  return r + "\"";
}

std::string quote_literal(std::string_view s) {
  std::string r;
  if (s.find('\\') != std::string_view::npos) r += 'E';
  r += '\'';
  for (char c : s) {
    if (c == '\'' || c == '\\') r += c;
    r += c;
  }
  return r + "'";
}

void pg_quote_ident(sqlite3_context* ctx, int, sqlite3_value** v) { result_text(ctx, quote_identifier(text_arg(v[0]))); }
void pg_quote_literal(sqlite3_context* ctx, int, sqlite3_value** v) { result_text(ctx, quote_literal(text_arg(v[0]))); }
void pg_quote_nullable(sqlite3_context* ctx, int, sqlite3_value** v) {
  if (sqlite3_value_type(v[0]) == SQLITE_NULL) return result_text(ctx, "NULL");
  result_text(ctx, quote_literal(text_arg(v[0])));
}

// --- concat, concat_ws, format (arguments already converted to text by the analyzer) ---

void pg_concat(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  std::string r;
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(v[i]) != SQLITE_NULL) r.append(text_arg(v[i]));
  result_text(ctx, r);
}

void pg_concat_ws(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  std::string sep(text_arg(v[0])), r;
  bool first = true;
  for (int i = 1; i < argc; i++) {
    if (sqlite3_value_type(v[i]) == SQLITE_NULL) continue;
    if (!first) r += sep;
    first = false;
    r.append(text_arg(v[i]));
  }
  result_text(ctx, r);
}

[[noreturn]] void format_unterminated() {
  throw PgError(sqlstate::kInvalidParameterValue, "unterminated format() type specifier", "",
                "For a single \"%\" use \"%%\".");
}

// int4 input (pg_strtoint32) of a width argument's text.
int32_t parse_width(std::string_view s) {
  size_t i = 0, n = s.size();
  auto bad = [&] {
    throw PgError(sqlstate::kInvalidTextRepresentation,
                  "invalid input syntax for type integer: \"" + std::string(s) + "\"");
  };
  while (i < n && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
  bool neg = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i >= n || s[i] < '0' || s[i] > '9') bad();
  int64_t v = 0;
  bool overflow = false;
  while (i < n && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + (s[i++] - '0');
    if (v > 2147483648LL) overflow = true, v = 2147483648LL;
  }
  while (i < n && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
  if (i < n) bad();
  if (neg) v = -v;
  if (overflow || v > INT32_MAX || v < INT32_MIN)
    throw PgError(sqlstate::kNumericValueOutOfRange, "value \"" + std::string(s) + "\" is out of range for type integer");
  return int32_t(v);
}

void pg_format(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  if (sqlite3_value_type(v[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  std::string_view f = text_arg(v[0]);
  const char* cp = f.data();
  const char* end = cp + f.size();
  auto advance = [&] {
    if (++cp >= end) format_unterminated();
  };
  auto digits = [&](int& value) {
    bool found = false;
    int64_t val = 0;
    while (*cp >= '0' && *cp <= '9') {
      val = val * 10 + (*cp - '0');
      if (val > INT32_MAX) throw PgError(sqlstate::kNumericValueOutOfRange, "number is out of range");
      advance();
      found = true;
    }
    value = int(val);
    return found;
  };
  std::string out;
  int arg = 1;
  for (; cp < end; cp++) {
    if (*cp != '%') {
      out += *cp;
      continue;
    }
    advance();
    if (*cp == '%') {
      out += '%';
      continue;
    }
    int argpos = -1, widthpos = -1, width = 0, n = 0;
    bool minus = false;
    if (digits(n)) {
      if (*cp != '$') {
        width = n;
        goto spec;
      }
      argpos = n;
      if (n == 0)
        throw PgError(sqlstate::kInvalidParameterValue, "format specifies argument 0, but arguments are numbered from 1");
      advance();
    }
    while (*cp == '-') {
      minus = true;
      advance();
    }
    if (*cp == '*') {
      advance();
      if (digits(n)) {
        if (*cp != '$')
          throw PgError(sqlstate::kInvalidParameterValue, "width argument position must be ended by \"$\"");
        widthpos = n;
        if (n == 0)
          throw PgError(sqlstate::kInvalidParameterValue, "format specifies argument 0, but arguments are numbered from 1");
        advance();
      } else {
        widthpos = 0;
      }
    } else if (digits(n)) {
      width = n;
    }
  spec:
    if (*cp != 's' && *cp != 'I' && *cp != 'L') {
      size_t l = u8len((unsigned char)*cp);
      if (cp + l > end) l = size_t(end - cp);
      throw PgError(sqlstate::kInvalidParameterValue,
                    "unrecognized format() type specifier \"" + std::string(cp, l) + "\"", "",
                    "For a single \"%\" use \"%%\".");
    }
    if (widthpos >= 0) {
      if (widthpos > 0) arg = widthpos;
      if (arg >= argc) throw PgError(sqlstate::kInvalidParameterValue, "too few arguments for format()");
      width = sqlite3_value_type(v[arg]) == SQLITE_NULL ? 0 : parse_width(text_arg(v[arg]));
      arg++;
    }
    if (argpos > 0) arg = argpos;
    if (arg >= argc) throw PgError(sqlstate::kInvalidParameterValue, "too few arguments for format()");
    sqlite3_value* val = v[arg++];
    std::string s;
    if (sqlite3_value_type(val) == SQLITE_NULL) {
      if (*cp == 'I')
        throw PgError("22004", "null values cannot be formatted as an SQL identifier");
      s = *cp == 'L' ? "NULL" : "";
    } else if (*cp == 'I') {
      s = quote_identifier(text_arg(val));
    } else if (*cp == 'L') {
      s = quote_literal(text_arg(val));
    } else {
      s = std::string(text_arg(val));
    }
    if (width == 0) {
      out += s;
      continue;
    }
    bool left = minus;
    int64_t w = width;
    if (w < 0) {
      left = true;
      if (width == INT32_MIN) throw PgError(sqlstate::kNumericValueOutOfRange, "number is out of range");
      w = -w;
    }
    int64_t len = char_count(s);
    if (len < w && w - len > kMaxAlloc) too_large();
    if (left) {
      out += s;
      if (len < w) out.append(size_t(w - len), ' ');
    } else {
      if (len < w) out.append(size_t(w - len), ' ');
      out += s;
    }
  }
  result_text(ctx, out);
}

// pg_variadic_text(which, array, elem_type, fixed...): concat (0), concat_ws (1) or format (2)
// called with VARIADIC array: the fixed arguments, then the array's elements as text. The
// elements become sqlite3_values as the columns of a "SELECT ?1, ..." statement.
void pg_variadic_text(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  int which = sqlite3_value_int(v[0]);
  std::vector<std::optional<std::string>> items;
  if (sqlite3_value_type(v[1]) == SQLITE_NULL) {
    if (which != 2) return sqlite3_result_null(ctx);  // concat(VARIADIC NULL) is NULL
  } else {
    Oid elem = static_cast<Oid>(sqlite3_value_int64(v[2]));
    ArrayValue a = array_from_storage(elem, std::string(text_arg(v[1])));
    for (auto& d : a.items) {
      if (d.is_null()) items.emplace_back();
      else items.emplace_back(type_output(elem, d));
    }
  }
  int total = argc - 3 + (int)items.size();
  if (total > 2000) throw PgError(sqlstate::kProgramLimitExceeded, "too many arguments in a VARIADIC call");
  sqlite3* db = sqlite3_context_db_handle(ctx);
  std::string sql = "SELECT NULL";
  for (int i = 1; i <= total; i++) sql += ", ?" + std::to_string(i);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
    throw PgError(sqlstate::kInternalError, sqlite3_errmsg(db));
  struct Finalize { sqlite3_stmt* s; ~Finalize() { sqlite3_finalize(s); } } fin{st};
  int k = 1;
  for (int i = 3; i < argc; i++) sqlite3_bind_value(st, k++, v[i]);
  for (auto& it : items) {
    if (it) sqlite3_bind_text(st, k, it->data(), (int)it->size(), SQLITE_TRANSIENT);
    k++;
  }
  if (sqlite3_step(st) != SQLITE_ROW) throw PgError(sqlstate::kInternalError, sqlite3_errmsg(db));
  std::vector<sqlite3_value*> args;
  for (int i = 1; i <= total; i++) args.push_back(sqlite3_column_value(st, i));
  sqlite3_value** argv = args.data();
  if (which == 0) pg_concat(ctx, total, argv);
  else if (which == 1) pg_concat_ws(ctx, total, argv);
  else pg_format(ctx, total, argv);
}

// --- digests ------------------------------------------------------------------------

std::string md5_digest(std::string_view msg) {
  static const uint32_t K[64] = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
      0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
      0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
      0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
      0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
      0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
      0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
      0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
  static const int R[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                            5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                            4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  std::string m(msg);
  uint64_t bits = uint64_t(msg.size()) * 8;
  m += char(0x80);
  while (m.size() % 64 != 56) m += char(0);
  for (int i = 0; i < 8; i++) m += char((bits >> (8 * i)) & 0xFF);
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  auto rotl = [](uint32_t x, int c) { return (x << c) | (x >> (32 - c)); };
  for (size_t off = 0; off < m.size(); off += 64) {
    uint32_t w[16];
    for (int i = 0; i < 16; i++) {
      const unsigned char* b = reinterpret_cast<const unsigned char*>(m.data() + off + 4 * i);
      w[i] = uint32_t(b[0]) | (uint32_t(b[1]) << 8) | (uint32_t(b[2]) << 16) | (uint32_t(b[3]) << 24);
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; i++) {
      uint32_t f;
      int g;
      if (i < 16) f = (b & c) | (~b & d), g = i;
      else if (i < 32) f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
      else if (i < 48) f = b ^ c ^ d, g = (3 * i + 5) % 16;
      else f = c ^ (b | ~d), g = (7 * i) % 16;
      uint32_t tmp = d;
      d = c;
      c = b;
      b = b + rotl(a + f + K[i] + w[g], R[i]);
      a = tmp;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d;
  }
  std::string out;
  for (uint32_t x : h)
    for (int i = 0; i < 4; i++) out += char((x >> (8 * i)) & 0xFF);
  return out;
}

std::string hex_encode(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string r;
  r.reserve(s.size() * 2);
  for (unsigned char c : s) {
    r += kHex[c >> 4];
    r += kHex[c & 15];
  }
  return r;
}

void pg_md5(sqlite3_context* ctx, int, sqlite3_value** v) { result_text(ctx, hex_encode(md5_digest(blob_arg(v[0])))); }

// --- encode / decode (encode.c) ------------------------------------------------------

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
std::string mbchar_at(std::string_view s, size_t i) {
  size_t l = u8len((unsigned char)s[i]);
  if (i + l > s.size()) l = s.size() - i;
  return std::string(s.substr(i, l));
}

std::string hex_decode(std::string_view s) {
  std::string r;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      i++;
      continue;
    }
    int hi = hex_digit(c);
    if (hi < 0)
      throw PgError(sqlstate::kInvalidParameterValue, "invalid hexadecimal digit: \"" + mbchar_at(s, i) + "\"");
    i++;
    if (i >= s.size())
      throw PgError(sqlstate::kInvalidParameterValue, "invalid hexadecimal data: odd number of digits");
    int lo = hex_digit(s[i]);
    if (lo < 0)
      throw PgError(sqlstate::kInvalidParameterValue, "invalid hexadecimal digit: \"" + mbchar_at(s, i) + "\"");
    i++;
    r += char(hi << 4 | lo);
  }
  return r;
}

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(std::string_view s) {
  std::string r;
  uint32_t buf = 0;
  int pos = 2;
  size_t line_end = 76;
  for (unsigned char c : s) {
    buf |= uint32_t(c) << (pos << 3);
    pos--;
    if (pos < 0) {
      r += kB64[(buf >> 18) & 0x3f];
      r += kB64[(buf >> 12) & 0x3f];
      r += kB64[(buf >> 6) & 0x3f];
      r += kB64[buf & 0x3f];
      pos = 2;
      buf = 0;
    }
    if (r.size() >= line_end) {
      r += '\n';
      line_end = r.size() + 76;
    }
  }
  if (pos != 2) {
    r += kB64[(buf >> 18) & 0x3f];
    r += kB64[(buf >> 12) & 0x3f];
    r += pos == 0 ? kB64[(buf >> 6) & 0x3f] : '=';
    r += '=';
  }
  return r;
}

std::string base64_decode(std::string_view s) {
  std::string r;
  uint32_t buf = 0;
  int pos = 0, end = 0;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    int b;
    if (c == '=') {
      if (!end) {
        if (pos == 2) end = 1;
        else if (pos == 3) end = 2;
        else throw PgError(sqlstate::kInvalidParameterValue, "unexpected \"=\" while decoding base64 sequence");
      }
      b = 0;
    } else {
      const char* f = (c > 0 && c < 127) ? std::strchr(kB64, c) : nullptr;
      if (!f || c == 0)
        throw PgError(sqlstate::kInvalidParameterValue,
                      "invalid symbol \"" + mbchar_at(s, i) + "\" found while decoding base64 sequence");
      b = int(f - kB64);
    }
    buf = (buf << 6) + uint32_t(b);
    pos++;
    if (pos == 4) {
      r += char((buf >> 16) & 255);
      if (end == 0 || end > 1) r += char((buf >> 8) & 255);
      if (end == 0 || end > 2) r += char(buf & 255);
      buf = 0;
      pos = 0;
    }
  }
  if (pos != 0)
    throw PgError(sqlstate::kInvalidParameterValue, "invalid base64 end sequence", "",
                  "Input data is missing padding, is truncated, or is otherwise corrupted.");
  return r;
}

std::string escape_encode(std::string_view s) {
  std::string r;
  for (unsigned char c : s) {
    if (c == '\\') {
      r += "\\\\";
    } else if (c == 0 || c >= 0x80) {
      r += '\\';
      r += char('0' + (c >> 6));
      r += char('0' + ((c >> 3) & 7));
      r += char('0' + (c & 7));
    } else {
      r += char(c);
    }
  }
  return r;
}

std::string escape_decode(std::string_view s) {
  std::string r;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '\\') {
      r += s[i++];
    } else if (i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
               s[i + 3] >= '0' && s[i + 3] <= '7') {
      r += char((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 4;
    } else if (i + 1 < s.size() && s[i + 1] == '\\') {
      r += '\\';
      i += 2;
    } else {
      throw PgError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return r;
}

int encoding_kind(std::string_view name) {
  std::string n;
  for (char c : name) n += (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
  if (n == "hex") return 0;
  if (n == "base64") return 1;
  if (n == "escape") return 2;
  throw PgError(sqlstate::kInvalidParameterValue, "unrecognized encoding: \"" + std::string(name) + "\"");
}

void pg_encode(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto data = blob_arg(v[0]);
  switch (encoding_kind(text_arg(v[1]))) {
    case 0: return result_text(ctx, hex_encode(data));
    case 1: return result_text(ctx, base64_encode(data));
    default: return result_text(ctx, escape_encode(data));
  }
}
void pg_decode(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto data = text_arg(v[0]);
  switch (encoding_kind(text_arg(v[1]))) {
    case 0: return result_blob(ctx, hex_decode(data));
    case 1: return result_blob(ctx, base64_decode(data));
    default: return result_blob(ctx, escape_decode(data));
  }
}

}  // namespace

void register_sha2_functions(sqlite3* db, RuntimeContext* rc);  // sha2_functions.cpp

void register_text_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; Fn fn; };
  static const F fns[] = {
      {"pg_like", 2, strict_fn<pg_like>},
      {"pg_ilike", 2, strict_fn<pg_ilike>},
      {"pg_like_escape", 2, strict_fn<pg_like_escape>},
      {"pg_lower", 1, strict_fn<pg_lower>},
      {"pg_upper", 1, strict_fn<pg_upper>},
      {"pg_initcap", 1, strict_fn<pg_initcap>},
      {"pg_substr", 2, strict_fn<pg_substr>},
      {"pg_substr", 3, strict_fn<pg_substr>},
      {"pg_strpos", 2, strict_fn<pg_strpos>},
      {"pg_starts_with", 2, strict_fn<pg_starts_with>},
      {"pg_left", 2, strict_fn<pg_left>},
      {"pg_right", 2, strict_fn<pg_right>},
      {"pg_lpad", 2, strict_fn<pg_lpad>},
      {"pg_lpad", 3, strict_fn<pg_lpad>},
      {"pg_rpad", 2, strict_fn<pg_rpad>},
      {"pg_rpad", 3, strict_fn<pg_rpad>},
      {"pg_repeat", 2, strict_fn<pg_repeat>},
      {"pg_reverse", 1, strict_fn<pg_reverse>},
      {"pg_split_part", 3, strict_fn<pg_split_part>},
      {"pg_translate", 3, strict_fn<pg_translate>},
      {"pg_ascii", 1, strict_fn<pg_ascii>},
      {"pg_chr", 1, strict_fn<pg_chr>},
      {"pg_to_hex", 2, strict_fn<pg_to_hex>},
      {"pg_quote_ident", 1, strict_fn<pg_quote_ident>},
      {"pg_quote_literal", 1, strict_fn<pg_quote_literal>},
      {"pg_quote_nullable", 1, lax_fn<pg_quote_nullable>},
      {"pg_concat", -1, lax_fn<pg_concat>},
      {"pg_variadic_text", -1, lax_fn<pg_variadic_text>},
      {"pg_concat_ws", -1, lax_fn<pg_concat_ws>},
      {"pg_format", -1, lax_fn<pg_format>},
      {"pg_md5", 1, strict_fn<pg_md5>},
      {"pg_encode", 2, strict_fn<pg_encode>},
      {"pg_decode", 2, strict_fn<pg_decode>},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
  register_sha2_functions(db, rc);
}

// quote_ident()'s rule, for C++ callers (function_context.h).
std::string pg_quote_identifier(std::string_view s) { return quote_identifier(s); }

}  // namespace pgmicro
