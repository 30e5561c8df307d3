// unistr(text): PostgreSQL's Unicode escapes \XXXX, \+XXXXXX, \uXXXX, \UXXXXXXXX (and \\) with
// surrogate pairs, and its errors (42601 invalid escape / surrogate pair, 22023 code point).
#include <cctype>
#include <cstdio>
#include <string>
#include "common/utf8.h"
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

bool hex_digits(const std::string& s, size_t at, size_t n) {
  if (at + n > s.size()) return false;
  for (size_t i = at; i < at + n; i++)
    if (!std::isxdigit((unsigned char)s[i])) return false;
  return true;
}

void unistr(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const char* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    std::string in(p ? p : "", size_t(sqlite3_value_bytes(argv[0]))), out;
    auto bad_pair = [] { return PgError(sqlstate::kSyntaxError, "invalid Unicode surrogate pair"); };
    uint32_t pair_first = 0;
    size_t i = 0;
    while (i < in.size()) {
      if (in[i] != '\\') {
        if (pair_first) throw bad_pair();
        out += in[i++];
        continue;
      }
      if (i + 1 < in.size() && in[i + 1] == '\\') {
        if (pair_first) throw bad_pair();
        out += '\\';
        i += 2;
        continue;
      }
      size_t offset, n;
      if (hex_digits(in, i + 1, 4)) offset = 1, n = 4;
      else if (i + 1 < in.size() && in[i + 1] == 'u' && hex_digits(in, i + 2, 4)) offset = 2, n = 4;
      else if (i + 1 < in.size() && in[i + 1] == '+' && hex_digits(in, i + 2, 6)) offset = 2, n = 6;
      else if (i + 1 < in.size() && in[i + 1] == 'U' && hex_digits(in, i + 2, 8)) offset = 2, n = 8;
      else
        throw PgError(sqlstate::kSyntaxError, "invalid Unicode escape", "",
                      "Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.");
      uint32_t c = uint32_t(std::stoul(in.substr(i + offset, n), nullptr, 16));
      if (c == 0 || c > 0x10FFFF) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04X", c);
        throw PgError(sqlstate::kInvalidParameterValue, std::string("invalid Unicode code point: ") + buf);
      }
      bool first = c >= 0xD800 && c <= 0xDBFF, second = c >= 0xDC00 && c <= 0xDFFF;
      if (pair_first) {
        if (!second) throw bad_pair();
        c = 0x10000 + ((pair_first - 0xD800) << 10) + (c - 0xDC00);
        pair_first = 0;
      } else if (second) {
        throw bad_pair();
      }
      if (first) pair_first = c;
      else append_utf8(out, c);
      i += offset + n;
    }
    if (pair_first) throw bad_pair();
    sqlite3_result_text64(ctx, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  });
}

}  // namespace

void register_unistr_function(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_unistr", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, unistr, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
