// PostgreSQL's hash support functions (hashint4, hashtextextended, ...) computed exactly as
// PostgreSQL does (Bob Jenkins' lookup3 hash in PostgreSQL's variant, 64-bit seeded form), so
// that hash partitioning routes a row to the same partition as PostgreSQL. The builtins are in
// catalog/builtins_hash.cpp:
//   pg_hash_ext(kind, value, seed)  -> int8 (the *extended functions)
//   pg_hash32(kind, value)          -> int4 (the plain ones: the low word of the unseeded hash)
//   pg_hash_partition_match(modulus, remainder, hash1, ...) -> bool: the key hashes combined as
//   PostgreSQL's compute_partition_hash_value (NULL keys skipped), rowHash % modulus = remainder.
// kind: 'i' int2/int4/oid/bool, 'D' date, 'l' int8, 'T' timestamp, 'Z' timestamptz, 'H' time,
// 't' text/varchar/name, 'b' bpchar (trailing blanks ignored), 'f' float4/float8, 'u' uuid.
#include <cmath>
#include <cstring>
#include <string>
#include "runtime/function_context.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

inline uint32_t rotl32(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

inline void jenkins_mix(uint32_t& a, uint32_t& b, uint32_t& c) {
  a -= c; a ^= rotl32(c, 4);  c += b;
  b -= a; b ^= rotl32(a, 6);  a += c;
  c -= b; c ^= rotl32(b, 8);  b += a;
  a -= c; a ^= rotl32(c, 16); c += b;
  b -= a; b ^= rotl32(a, 19); a += c;
  c -= b; c ^= rotl32(b, 4);  b += a;
}

inline void jenkins_final(uint32_t& a, uint32_t& b, uint32_t& c) {
  c ^= b; c -= rotl32(b, 14);
  a ^= c; a -= rotl32(c, 11);
  b ^= a; b -= rotl32(a, 25);
  c ^= b; c -= rotl32(b, 16);
  a ^= c; a -= rotl32(c, 4);
  b ^= a; b -= rotl32(a, 14);
  c ^= b; c -= rotl32(b, 24);
}

inline void seed_state(uint32_t& a, uint32_t& b, uint32_t& c, uint64_t seed) {
  if (seed == 0) return;
  a += (uint32_t)(seed >> 32);
  b += (uint32_t)seed;
  jenkins_mix(a, b, c);
}

// Little-endian word of up to 4 bytes.
inline uint32_t word_le(const unsigned char* p, size_t n) {
  uint32_t w = 0;
  for (size_t i = 0; i < n; i++) w |= (uint32_t)p[i] << (8 * i);
  return w;
}

// hash_bytes_extended: bytes hashed 12 at a time; the last word of c keeps its low byte free.
uint64_t hash_bytes_ext(const unsigned char* k, size_t keylen, uint64_t seed) {
  uint32_t a, b, c;
  a = b = c = 0x9e3779b9u + (uint32_t)keylen + 3923095u;
  seed_state(a, b, c, seed);
  size_t len = keylen;
  while (len >= 12) {
    a += word_le(k, 4);
    b += word_le(k + 4, 4);
    c += word_le(k + 8, 4);
    jenkins_mix(a, b, c);
    k += 12;
    len -= 12;
  }
  if (len > 8) c += word_le(k + 8, len - 8) << 8;
  if (len > 4) b += word_le(k + 4, len > 8 ? 4 : len - 4);
  if (len > 0) a += word_le(k, len > 4 ? 4 : len);
  jenkins_final(a, b, c);
  return ((uint64_t)b << 32) | c;
}

uint64_t hash_uint32_ext(uint32_t k, uint64_t seed) {
  uint32_t a, b, c;
  a = b = c = 0x9e3779b9u + 4u + 3923095u;
  seed_state(a, b, c, seed);
  a += k;
  jenkins_final(a, b, c);
  return ((uint64_t)b << 32) | c;
}

// hashint8: the high half folded into the low one so that equal int4/int8 values hash alike.
uint64_t hash_int8_ext(int64_t v, uint64_t seed) {
  uint32_t lo = (uint32_t)v, hi = (uint32_t)((uint64_t)v >> 32);
  lo ^= v >= 0 ? hi : ~hi;
  return hash_uint32_ext(lo, seed);
}

uint64_t hash_float8_ext(double v, uint64_t seed) {
  if (v == 0) return seed;  // +0 and -0 hash alike
  if (std::isnan(v)) v = std::nan("");
  unsigned char bytes[8];
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  for (int i = 0; i < 8; i++) bytes[i] = (unsigned char)(bits >> (8 * i));
  return hash_bytes_ext(bytes, 8, seed);
}

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return 0;
}

std::string value_text(sqlite3_value* v) {
  const unsigned char* s = sqlite3_value_text(v);
  return std::string(s ? reinterpret_cast<const char*>(s) : "", sqlite3_value_bytes(v));
}

uint64_t hash_value(char kind, sqlite3_value* v, uint64_t seed) {
  switch (kind) {
    case 'i': return hash_uint32_ext((uint32_t)(int32_t)sqlite3_value_int64(v), seed);
    case 'l': return hash_int8_ext(sqlite3_value_int64(v), seed);
    case 'D': return hash_uint32_ext((uint32_t)date_from_storage(value_text(v)), seed);
    case 'T': return hash_int8_ext(timestamp_from_storage(value_text(v)), seed);
    case 'Z': return hash_int8_ext(timestamptz_from_storage(value_text(v)), seed);
    case 'H': return hash_int8_ext(parse_time(value_text(v)), seed);
    case 'f': {
      double d = 0;
      if (sqlite3_value_type(v) == SQLITE_TEXT) {
        std::string s = value_text(v);
        d = s == "NaN" ? std::nan("") : s == "Infinity" ? HUGE_VAL : s == "-Infinity" ? -HUGE_VAL : std::strtod(s.c_str(), nullptr);
      } else {
        d = sqlite3_value_double(v);
      }
      return hash_float8_ext(d, seed);
    }
    case 'b': {
      std::string s = value_text(v);
      size_t n = s.size();
      while (n > 0 && s[n - 1] == ' ') n--;
      return hash_bytes_ext(reinterpret_cast<const unsigned char*>(s.data()), n, seed);
    }
    case 'u': {
      std::string s = value_text(v);
      unsigned char bytes[16] = {0};
      int n = 0;
      for (size_t i = 0; i + 1 < s.size() && n < 16;) {
        if (s[i] == '-') { i++; continue; }
        bytes[n++] = (unsigned char)(hex_digit(s[i]) * 16 + hex_digit(s[i + 1]));
        i += 2;
      }
      return hash_bytes_ext(bytes, 16, seed);
    }
    default: {
      std::string s = value_text(v);
      return hash_bytes_ext(reinterpret_cast<const unsigned char*>(s.data()), s.size(), seed);
    }
  }
}

void hash_ext_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL || sqlite3_value_type(argv[2]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const unsigned char* kind = sqlite3_value_text(argv[0]);
    uint64_t h = hash_value(kind ? (char)kind[0] : 't', argv[1], (uint64_t)sqlite3_value_int64(argv[2]));
    sqlite3_result_int64(ctx, (int64_t)h);
  });
}

void hash32_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const unsigned char* kind = sqlite3_value_text(argv[0]);
    uint64_t h = hash_value(kind ? (char)kind[0] : 't', argv[1], 0);
    sqlite3_result_int64(ctx, (int64_t)(int32_t)(uint32_t)h);
  });
}

// PostgreSQL's hash_combine64.
inline uint64_t hash_combine64(uint64_t a, uint64_t b) {
  a ^= b + 0x49a0f4dd15e5a8e3ULL + (a << 54) + (a >> 7);
  return a;
}

void hash_partition_match_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    int64_t modulus = sqlite3_value_int64(argv[0]), remainder = sqlite3_value_int64(argv[1]);
    uint64_t row = 0;
    for (int i = 2; i < argc; i++) {
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
      uint64_t h = sqlite3_value_type(argv[i]) == SQLITE_INTEGER ? (uint64_t)sqlite3_value_int64(argv[i])
                                                                  : (uint64_t)std::strtoll(value_text(argv[i]).c_str(), nullptr, 10);
      row = hash_combine64(row, h);
    }
    sqlite3_result_int(ctx, modulus > 0 && (int64_t)(row % (uint64_t)modulus) == remainder);
  });
}

}  // namespace

void register_hash_functions(sqlite3* db, RuntimeContext* rc) {
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  sqlite3_create_function_v2(db, "pg_hash_ext", 3, flags, rc, hash_ext_fn, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_hash32", 2, flags, rc, hash32_fn, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_hash_partition_match", -1, flags, rc, hash_partition_match_fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
