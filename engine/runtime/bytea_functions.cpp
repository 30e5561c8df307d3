// bytea's byte-wise library (PostgreSQL's varlena.c): substring/substr, btrim/ltrim/rtrim with a
// byte set, get_byte/set_byte, get_bit/set_bit, overlay. Catalog rows in catalog/builtins_math.cpp's
// neighbour table (bytea_functions() below).
#include <string>
#include "catalog/builtins.h"
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

std::string blob(sqlite3_value* v) {
  const char* p = static_cast<const char*>(sqlite3_value_blob(v));
  return std::string(p ? p : "", size_t(sqlite3_value_bytes(v)));
}
void put(sqlite3_context* ctx, const std::string& s) { sqlite3_result_blob64(ctx, s.data(), s.size(), SQLITE_TRANSIENT); }
bool any_null(int n, sqlite3_value** v) {
  for (int i = 0; i < n; i++)
    if (sqlite3_value_type(v[i]) == SQLITE_NULL) return true;
  return false;
}

// PostgreSQL's substring(bytes, start [, len]) window.
std::string sub(const std::string& s, int64_t start, bool has_len, int64_t len) {
  if (has_len && len < 0) throw PgError("22011", "negative substring length not allowed");
  int64_t b = start < 1 ? 1 : start;
  int64_t e = has_len ? start + len : int64_t(s.size()) + 1;  // exclusive
  if (has_len && __builtin_add_overflow(start, len, &e)) e = INT64_MAX;
  if (e > int64_t(s.size()) + 1) e = int64_t(s.size()) + 1;
  if (e <= b) return "";
  return s.substr(size_t(b - 1), size_t(e - b));
}

void bsubstr(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  guarded(ctx, [&] {
    if (any_null(argc, v)) return sqlite3_result_null(ctx);
    put(ctx, sub(blob(v[0]), sqlite3_value_int64(v[1]), argc > 2, argc > 2 ? sqlite3_value_int64(v[2]) : 0));
  });
}

// pg_bytea_trim(bytes, set, mode): 0 both, 1 leading, 2 trailing
void btrim(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  if (any_null(argc, v)) return sqlite3_result_null(ctx);
  std::string s = blob(v[0]), set = blob(v[1]);
  int mode = sqlite3_value_int(v[2]);
  size_t b = 0, e = s.size();
  if (mode != 2)
    while (b < e && set.find(s[b]) != std::string::npos) b++;
  if (mode != 1)
    while (e > b && set.find(s[e - 1]) != std::string::npos) e--;
  put(ctx, s.substr(b, e - b));
}

[[noreturn]] void index_error(int64_t n, int64_t max) {
  throw PgError("2202E", "index " + std::to_string(n) + " out of valid range, 0.." + std::to_string(max));
}

// pg_bytea_byte(bytes, n [, new]): get_byte / set_byte
void bbyte(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  guarded(ctx, [&] {
    if (any_null(argc, v)) return sqlite3_result_null(ctx);
    std::string s = blob(v[0]);
    int64_t n = sqlite3_value_int64(v[1]);
    if (n < 0 || n >= int64_t(s.size())) index_error(n, int64_t(s.size()) - 1);
    if (argc == 2) return sqlite3_result_int(ctx, (unsigned char)s[size_t(n)]);
    s[size_t(n)] = char(sqlite3_value_int64(v[2]) & 0xFF);
    put(ctx, s);
  });
}

// pg_bytea_bit(bytes, n [, new]): get_bit / set_bit (bit n is bit n % 8 of byte n / 8)
void bbit(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  guarded(ctx, [&] {
    if (any_null(argc, v)) return sqlite3_result_null(ctx);
    std::string s = blob(v[0]);
    int64_t n = sqlite3_value_int64(v[1]);
    if (n < 0 || n >= int64_t(s.size()) * 8) index_error(n, int64_t(s.size()) * 8 - 1);
    unsigned char& byte = reinterpret_cast<unsigned char&>(s[size_t(n / 8)]);
    int bit = int(n % 8);
    if (argc == 2) return sqlite3_result_int(ctx, (byte >> bit) & 1);
    int64_t nb = sqlite3_value_int64(v[2]);
    if (nb != 0 && nb != 1) throw PgError(sqlstate::kInvalidParameterValue, "new bit must be 0 or 1");
    byte = (unsigned char)(nb ? (byte | (1 << bit)) : (byte & ~(1 << bit)));
    put(ctx, s);
  });
}

// pg_bytea_overlay(bytes, placing, from [, count])
void boverlay(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  guarded(ctx, [&] {
    if (any_null(argc, v)) return sqlite3_result_null(ctx);
    std::string s = blob(v[0]), p = blob(v[1]);
    int64_t from = sqlite3_value_int64(v[2]);
    int64_t count = argc > 3 ? sqlite3_value_int64(v[3]) : int64_t(p.size());
    int64_t after;
    if (__builtin_add_overflow(from, count, &after)) throw PgError(sqlstate::kNumericValueOutOfRange, "integer out of range");
    put(ctx, sub(s, 1, true, from - 1) + p + sub(s, after, false, 0));
  });
}

}  // namespace

void register_bytea_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_bytea_substr", 2, bsubstr}, {"pg_bytea_substr", 3, bsubstr}, {"pg_bytea_trim", 3, btrim},
      {"pg_bytea_byte", 2, bbyte},     {"pg_bytea_byte", 3, bbyte},     {"pg_bytea_bit", 2, bbit},
      {"pg_bytea_bit", 3, bbit},       {"pg_bytea_overlay", 3, boverlay}, {"pg_bytea_overlay", 4, boverlay},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
