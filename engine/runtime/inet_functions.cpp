// The inet/cidr operators and functions (catalog/builtins_inet.cpp) as one SQLite function
// pg_inet('name', args...): arguments arrive as inet storage text (types/inet.h) or int8,
// results leave the same way. Strict: a NULL argument gives NULL. Semantics and messages of
// PostgreSQL 15's network.c.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include "common/error.h"
#include "runtime/function_context.h"
#include "runtime/sqlite_text.h"
#include "types/inet.h"

namespace pgmicro {

namespace {

using Args = sqlite3_value**;
InetValue I(sqlite3_value* v) { return inet_from_storage(text_of(v)); }

// The first n bits of a and b compared (bitncmp).
int bitncmp(const uint8_t* a, const uint8_t* b, int n) {
  int whole = n / 8;
  int c = std::memcmp(a, b, static_cast<size_t>(whole));
  if (c || n % 8 == 0) return c;
  uint8_t m = static_cast<uint8_t>(0xff << (8 - n % 8));
  int x = a[whole] & m, y = b[whole] & m;
  return x == y ? 0 : x < y ? -1 : 1;
}

// Number of leading bits a and b share, at most n (bitncommon).
int bitncommon(const uint8_t* a, const uint8_t* b, int n) {
  int i = 0;
  while (i < n && ((a[i / 8] >> (7 - i % 8)) & 1) == ((b[i / 8] >> (7 - i % 8)) & 1)) i++;
  return i;
}

void result_inet(sqlite3_context* ctx, const InetValue& v) { result_text(ctx, inet_to_storage(v)); }

[[noreturn]] void out_of_range() { throw PgError("22003", "result is out of range"); }

using u128 = unsigned __int128;
u128 to_u128(const InetValue& v) {
  u128 r = 0;
  for (int i = 0; i < v.size(); i++) r = (r << 8) | v.addr[i];
  return r;
}

// inet + int8 (internal_inetpl): the address must stay inside its family's range.
InetValue inetpl(InetValue v, int64_t addend) {
  u128 x = to_u128(v), r;
  if (addend >= 0) {
    r = x + static_cast<u128>(addend);
    if (r < x || (v.family == 4 && r > 0xFFFFFFFFu)) out_of_range();
  } else {
    u128 m = static_cast<u128>(-(addend + 1)) + 1;
    if (m > x) out_of_range();
    r = x - m;
  }
  for (int i = v.size() - 1; i >= 0; i--, r >>= 8) v.addr[i] = static_cast<uint8_t>(r & 0xFF);
  return v;
}

// inet - inet: the difference must fit in int8.
int64_t inetmi(const InetValue& a, const InetValue& b) {
  if (a.family != b.family) throw PgError("22023", "cannot subtract inet values of different sizes");
  u128 x = to_u128(a), y = to_u128(b);
  if (x >= y) {
    u128 d = x - y;
    if (d > static_cast<u128>(INT64_MAX)) out_of_range();
    return static_cast<int64_t>(d);
  }
  u128 d = y - x;
  if (d > static_cast<u128>(INT64_MAX) + 1) out_of_range();
  return d == static_cast<u128>(INT64_MAX) + 1 ? INT64_MIN : -static_cast<int64_t>(d);
}

InetValue set_masklen(InetValue v, int64_t bits) {
  if (bits == -1) bits = v.maxbits();
  if (bits < 0 || bits > v.maxbits()) throw PgError("22023", "invalid mask length: " + std::to_string(bits));
  v.bits = static_cast<int>(bits);
  return v;
}

void pg_inet(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 1; i < argc; i++)
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    std::string name = text_of(argv[0]);
    Args a = argv + 1;
    auto b = [&](bool v) { sqlite3_result_int(ctx, v ? 1 : 0); };
    if (name == "sub" || name == "subeq" || name == "sup" || name == "supeq" || name == "overlap") {
      InetValue x = I(a[0]), y = I(a[1]);
      if (x.family != y.family) return b(false);
      if (name == "sub") return b(x.bits > y.bits && bitncmp(x.addr, y.addr, y.bits) == 0);
      if (name == "subeq") return b(x.bits >= y.bits && bitncmp(x.addr, y.addr, y.bits) == 0);
      if (name == "sup") return b(x.bits < y.bits && bitncmp(x.addr, y.addr, x.bits) == 0);
      if (name == "supeq") return b(x.bits <= y.bits && bitncmp(x.addr, y.addr, x.bits) == 0);
      return b(bitncmp(x.addr, y.addr, std::min(x.bits, y.bits)) == 0);
    }
    if (name == "not") {
      InetValue x = I(a[0]);
      for (int i = 0; i < x.size(); i++) x.addr[i] = static_cast<uint8_t>(~x.addr[i]);
      return result_inet(ctx, x);
    }
    if (name == "and" || name == "or") {
      InetValue x = I(a[0]), y = I(a[1]);
      if (x.family != y.family)
        throw PgError("22023", std::string("cannot ") + (name == "and" ? "AND" : "OR") + " inet values of different sizes");
      for (int i = 0; i < x.size(); i++) x.addr[i] = name == "and" ? (x.addr[i] & y.addr[i]) : (x.addr[i] | y.addr[i]);
      x.bits = std::max(x.bits, y.bits);
      return result_inet(ctx, x);
    }
    if (name == "pl") return result_inet(ctx, inetpl(I(a[0]), sqlite3_value_int64(a[1])));
    if (name == "mi_int8") {
      int64_t n = sqlite3_value_int64(a[1]);
      if (n == INT64_MIN) out_of_range();  // PostgreSQL negates first too
      return result_inet(ctx, inetpl(I(a[0]), -n));
    }
    if (name == "mi") return sqlite3_result_int64(ctx, inetmi(I(a[0]), I(a[1])));
    if (name == "same_family") return b(I(a[0]).family == I(a[1]).family);
    if (name == "merge") {
      InetValue x = I(a[0]), y = I(a[1]);
      if (x.family != y.family) throw PgError("22023", "cannot merge addresses from different families");
      x.bits = bitncommon(x.addr, y.addr, std::min(x.bits, y.bits));
      inet_clear_host_bits(x);
      return result_inet(ctx, x);
    }
    InetValue x = I(a[0]);
    if (name == "host") return result_text(ctx, inet_host_text(x));
    if (name == "text") return result_text(ctx, inet_host_text(x) + "/" + std::to_string(x.bits));
    if (name == "abbrev") return result_text(ctx, inet_text(x, false));
    if (name == "cidr_abbrev") return result_text(ctx, cidr_abbrev_text(x));
    if (name == "masklen") return sqlite3_result_int64(ctx, x.bits);
    if (name == "family") return sqlite3_result_int64(ctx, x.family);
    if (name == "set_masklen") return result_inet(ctx, set_masklen(x, sqlite3_value_int64(a[1])));
    if (name == "cidr_set_masklen") {
      InetValue v = set_masklen(x, sqlite3_value_int64(a[1]));
      inet_clear_host_bits(v);
      return result_inet(ctx, v);
    }
    if (name == "cidr") {
      inet_clear_host_bits(x);
      return result_inet(ctx, x);
    }
    if (name == "netmask" || name == "hostmask") {
      InetValue m = x;
      for (int i = 0; i < m.size(); i++) {
        int keep = x.bits - 8 * i;
        uint8_t mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - keep));
        m.addr[i] = name == "netmask" ? mask : static_cast<uint8_t>(~mask);
      }
      m.bits = m.maxbits();
      return result_inet(ctx, m);
    }
    if (name == "broadcast") {
      for (int i = 0; i < x.size(); i++) {
        int keep = x.bits - 8 * i;
        uint8_t mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - keep));
        x.addr[i] |= static_cast<uint8_t>(~mask);
      }
      return result_inet(ctx, x);
    }
    unsupported("network function " + name);
  });
}

}  // namespace

void register_inet_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_inet", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, pg_inet, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
