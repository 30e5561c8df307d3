// The mathematical function library of float8 and the integers (PostgreSQL's float.c and
// int.c/int8.c): power, roots, logarithms, trigonometry in radians and degrees, hyperbolic
// functions, rounding, gcd/lcm, bitwise operators, and the binary send functions
// (float4send/float8send/int2send/int4send/int8send). Errors and special values follow
// PostgreSQL 15 (2201E/2201F/22003 with its texts). Numeric's are in numeric_math.cpp.
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }

double get(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char* t = reinterpret_cast<const char*>(sqlite3_value_text(v));
    if (t && (std::strcmp(t, "Infinity") == 0)) return INFINITY;
    if (t && (std::strcmp(t, "-Infinity") == 0)) return -INFINITY;
    return std::nan("");
  }
  return sqlite3_value_double(v);
}

void put(sqlite3_context* ctx, double r) {
  if (std::isnan(r)) sqlite3_result_text(ctx, "NaN", 3, SQLITE_STATIC);
  else sqlite3_result_double(ctx, r);
}

[[noreturn]] void overflow() { throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow"); }
[[noreturn]] void underflow() { throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow"); }
[[noreturn]] void out_of_range() { throw PgError(sqlstate::kNumericValueOutOfRange, "input is out of range"); }

// check_float8_val: overflow unless an input was infinite; underflow unless zero was allowed.
double check(double r, bool inf_ok, bool zero_ok) {
  if (std::isinf(r) && !inf_ok) overflow();
  if (r == 0.0 && !zero_ok) underflow();
  return r;
}

constexpr double kRadiansPerDegree = 0.0174532925199432957692;

// The degree constants, computed at run time as PostgreSQL's init_degree_constants does.
struct DegreeConstants {
  double sin_30, one_minus_cos_60, asin_0_5, acos_0_5, atan_1_0, tan_45, cot_45;
};
double sind_0_to_30(const DegreeConstants& k, double x) { return (std::sin(x * kRadiansPerDegree) / k.sin_30) / 2.0; }
double cosd_0_to_60(const DegreeConstants& k, double x) {
  return 1.0 - ((1.0 - std::cos(x * kRadiansPerDegree)) / k.one_minus_cos_60) / 2.0;
}
double sind_q1(const DegreeConstants& k, double x) { return x <= 30.0 ? sind_0_to_30(k, x) : cosd_0_to_60(k, 90.0 - x); }
double cosd_q1(const DegreeConstants& k, double x) { return x <= 60.0 ? cosd_0_to_60(k, x) : sind_0_to_30(k, 90.0 - x); }
const DegreeConstants& degree_constants() {
  static const DegreeConstants k = [] {
    volatile double thirty = 30.0, sixty = 60.0, half = 0.5, one = 1.0;
    DegreeConstants c{};
    c.sin_30 = std::sin(thirty * kRadiansPerDegree);
    c.one_minus_cos_60 = 1.0 - std::cos(sixty * kRadiansPerDegree);
    c.asin_0_5 = std::asin(half);
    c.acos_0_5 = std::acos(half);
    c.atan_1_0 = std::atan(one);
    c.tan_45 = sind_q1(c, 45.0) / cosd_q1(c, 45.0);
    c.cot_45 = cosd_q1(c, 45.0) / sind_q1(c, 45.0);
    return c;
  }();
  return k;
}
double asind_q1(const DegreeConstants& k, double x) {
  if (x <= 0.5) return (std::asin(x) / k.asin_0_5) * 30.0;
  return 90.0 - (std::acos(x) / k.acos_0_5) * 60.0;
}
double acosd_q1(const DegreeConstants& k, double x) {
  if (x <= 0.5) return 90.0 - (std::asin(x) / k.asin_0_5) * 30.0;
  return (std::acos(x) / k.acos_0_5) * 60.0;
}

enum Unary {
  kSqrt, kCbrt, kExp, kLn, kLog10, kSin, kCos, kTan, kCot, kAsin, kAcos, kAtan, kSinh, kCosh,
  kTanh, kAsinh, kAcosh, kAtanh, kCeil, kFloor, kTrunc, kSign, kDegrees, kRadians, kSind, kCosd,
  kTand, kCotd, kAsind, kAcosd, kAtand
};

double unary(int op, double x) {
  const DegreeConstants& k = degree_constants();
  switch (op) {
    case kSqrt:
      if (x < 0) throw PgError("2201F", "cannot take square root of a negative number");
      return check(std::sqrt(x), std::isinf(x), x == 0);
    case kCbrt: return check(std::cbrt(x), std::isinf(x), x == 0);
    case kExp: {
      if (std::isnan(x)) return x;
      if (std::isinf(x)) return x > 0 ? x : 0.0;
      errno = 0;
      double r = std::exp(x);
      if (errno == ERANGE) {
        if (r != 0.0) overflow();
        underflow();
      }
      if (std::isinf(r)) overflow();
      if (r == 0.0) underflow();
      return r;
    }
    case kLn:
    case kLog10: {
      if (x == 0.0) throw PgError("2201E", "cannot take logarithm of zero");
      if (x < 0) throw PgError("2201E", "cannot take logarithm of a negative number");
      double r = op == kLn ? std::log(x) : std::log10(x);
      return check(r, std::isinf(x), x == 1);
    }
    case kSin:
    case kCos:
    case kTan:
    case kCot: {
      if (std::isnan(x)) return x;
      if (std::isinf(x)) out_of_range();
      double r = op == kSin ? std::sin(x) : op == kCos ? std::cos(x) : std::tan(x);
      if (op == kCot) return 1.0 / r;
      return check(r, op == kTan, true);
    }
    case kAsin:
    case kAcos:
      if (std::isnan(x)) return x;
      if (x < -1.0 || x > 1.0) out_of_range();
      return op == kAsin ? std::asin(x) : std::acos(x);
    case kAtan: return std::isnan(x) ? x : std::atan(x);
    case kSinh: {
      errno = 0;
      double r = std::sinh(x);
      if (errno == ERANGE) r = x < 0 ? -INFINITY : INFINITY;
      return r;
    }
    case kCosh: {
      errno = 0;
      double r = std::cosh(x);
      if (errno == ERANGE) r = INFINITY;
      if (r == 0.0) underflow();
      return r;
    }
    case kTanh: return check(std::tanh(x), false, true);
    case kAsinh: return std::asinh(x);
    case kAcosh:
      if (x < 1.0) out_of_range();
      return std::acosh(x);
    case kAtanh:
      if (x < -1.0 || x > 1.0) out_of_range();
      if (x == -1.0) return -INFINITY;
      if (x == 1.0) return INFINITY;
      return std::atanh(x);
    case kCeil: return std::ceil(x);
    case kFloor: return std::floor(x);
    case kTrunc: return x >= 0 ? std::floor(x) : -std::floor(-x);
    case kSign: return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
    case kDegrees: return check(x / kRadiansPerDegree, std::isinf(x), x == 0);
    case kRadians: return check(x * kRadiansPerDegree, std::isinf(x), x == 0);
    case kSind:
    case kCosd:
    case kTand:
    case kCotd: {
      if (std::isnan(x)) return x;
      if (std::isinf(x)) out_of_range();
      double sign = 1.0;
      x = std::fmod(x, 360.0);
      if (op == kCosd) {
        if (x < 0.0) x = -x;
        if (x > 180.0) x = 360.0 - x;
        if (x > 90.0) { x = 180.0 - x; sign = -sign; }
        return check(sign * cosd_q1(k, x), false, true);
      }
      if (x < 0.0) { x = -x; sign = -sign; }
      if (x > 180.0) { x = 360.0 - x; sign = -sign; }
      if (op == kSind) {
        if (x > 90.0) x = 180.0 - x;
        return check(sign * sind_q1(k, x), false, true);
      }
      if (x > 90.0) { x = 180.0 - x; sign = -sign; }
      double r = op == kTand ? sign * ((sind_q1(k, x) / cosd_q1(k, x)) / k.tan_45)
                             : sign * ((cosd_q1(k, x) / sind_q1(k, x)) / k.cot_45);
      if (r == 0.0) r = 0.0;
      return r;
    }
    case kAsind:
    case kAcosd:
      if (std::isnan(x)) return x;
      if (x < -1.0 || x > 1.0) out_of_range();
      if (op == kAsind) return x >= 0.0 ? asind_q1(k, x) : -asind_q1(k, -x);
      return x >= 0.0 ? acosd_q1(k, x) : 90.0 + asind_q1(k, -x);
    case kAtand: return std::isnan(x) ? x : (std::atan(x) / k.atan_1_0) * 45.0;
  }
  return x;
}

double power(double x, double y) {
  if (std::isnan(x)) return (std::isnan(y) || y != 0.0) ? std::nan("") : 1.0;
  if (std::isnan(y)) return x != 1.0 ? std::nan("") : 1.0;
  if (x == 0 && y < 0) throw PgError("2201F", "zero raised to a negative power is undefined");
  if (x < 0 && std::floor(y) != y)
    throw PgError("2201F", "a negative number raised to a non-integer power yields a complex result");
  if (std::isinf(y)) {
    double ax = std::fabs(x);
    if (ax == 1.0) return 1.0;
    if (y > 0.0) return ax > 1.0 ? y : 0.0;
    return ax > 1.0 ? 0.0 : -y;
  }
  if (std::isinf(x)) {
    if (y == 0.0) return 1.0;
    if (x > 0.0) return y > 0.0 ? x : 0.0;
    double half = y / 2;
    bool odd = std::floor(half) != half;
    if (y > 0.0) return odd ? x : -x;
    return odd ? -0.0 : 0.0;
  }
  errno = 0;
  double r = std::pow(x, y);
  if (errno == EDOM || std::isnan(r))
    throw PgError("2201F", "a negative number raised to a non-integer power yields a complex result");
  if (errno == ERANGE) {
    if (r != 0.0) overflow();
    underflow();
  }
  if (std::isinf(r)) overflow();
  if (r == 0.0 && x != 0.0) underflow();
  return r;
}

// pg_fmath1(x, op)
void fmath1(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    put(ctx, unary(sqlite3_value_int(argv[1]), get(argv[0])));
  });
}

// pg_fmath2(x, y, op): 0 power, 1 atan2, 2 atan2d
void fmath2(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    double x = get(argv[0]), y = get(argv[1]);
    int op = sqlite3_value_int(argv[2]);
    if (op == 0) return put(ctx, power(x, y));
    if (std::isnan(x) || std::isnan(y)) return put(ctx, std::nan(""));
    double r = std::atan2(x, y);
    if (op == 2) r = (r / degree_constants().atan_1_0) * 45.0;
    put(ctx, r);
  });
}

// pg_float_send(x, bits): float4send / float8send, big-endian IEEE bytes.
void float_send(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (is_null(argv[0])) return sqlite3_result_null(ctx);
  double x = get(argv[0]);
  unsigned char b[8];
  int n;
  if (sqlite3_value_int(argv[1]) == 32) {
    float f = float(x);
    uint32_t u;
    std::memcpy(&u, &f, 4);
    for (int i = 0; i < 4; i++) b[i] = uint8_t(u >> (24 - 8 * i));
    n = 4;
  } else {
    uint64_t u;
    std::memcpy(&u, &x, 8);
    for (int i = 0; i < 8; i++) b[i] = uint8_t(u >> (56 - 8 * i));
    n = 8;
  }
  sqlite3_result_blob(ctx, b, n, SQLITE_TRANSIENT);
}

// pg_int_send(x, bits): int2send / int4send / int8send.
void int_send(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (is_null(argv[0])) return sqlite3_result_null(ctx);
  uint64_t u = uint64_t(sqlite3_value_int64(argv[0]));
  int n = sqlite3_value_int(argv[1]) / 8;
  unsigned char b[8];
  for (int i = 0; i < n; i++) b[i] = uint8_t(u >> (8 * (n - 1 - i)));
  sqlite3_result_blob(ctx, b, n, SQLITE_TRANSIENT);
}

const char* range_message(int bits) {
  return bits == 16 ? "smallint out of range" : bits == 32 ? "integer out of range" : "bigint out of range";
}
int64_t narrow(int64_t v, int bits) {
  if (bits == 16) return int16_t(v);
  if (bits == 32) return int32_t(v);
  return v;
}
int64_t min_of(int bits) { return bits == 16 ? INT16_MIN : bits == 32 ? INT32_MIN : INT64_MIN; }

// pg_int_bitop(a, b, op, bits): 0 &, 1 |, 2 #, 3 <<, 4 >>, 5 ~ (b ignored).
void int_bitop(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
  int64_t a = sqlite3_value_int64(argv[0]), b = sqlite3_value_int64(argv[1]);
  int op = sqlite3_value_int(argv[2]), bits = sqlite3_value_int(argv[3]);
  int64_t r = 0;
  // int2/int4 shifts are C int shifts (count mod 32 on the machines PostgreSQL runs on),
  // int8's are 64-bit (count mod 64).
  int mask = bits == 64 ? 63 : 31;
  switch (op) {
    case 0: r = a & b; break;
    case 1: r = a | b; break;
    case 2: r = a ^ b; break;
    case 3: r = bits == 64 ? int64_t(uint64_t(a) << (b & mask)) : int64_t(int32_t(uint32_t(a) << (b & mask))); break;
    case 4: r = bits == 64 ? (a >> (b & mask)) : int64_t(int32_t(a) >> (b & mask)); break;
    case 5: r = ~a; break;
  }
  sqlite3_result_int64(ctx, narrow(r, bits));
}

// pg_int_gcd(a, b, bits, lcm?)
void int_gcd(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    int64_t a = sqlite3_value_int64(argv[0]), b = sqlite3_value_int64(argv[1]);
    int bits = sqlite3_value_int(argv[2]);
    bool lcm = sqlite3_value_int(argv[3]) != 0;
    int64_t lo = min_of(bits);
    auto gcd = [&](int64_t x, int64_t y) -> int64_t {
      // PostgreSQL's int4gcd_internal: MIN has no positive counterpart.
      if ((x == lo && (y == 0 || y == lo)) || (y == lo && x == 0))
        throw PgError(sqlstate::kNumericValueOutOfRange, range_message(bits));
      if ((x == lo && y == -1) || (y == lo && x == -1)) return 1;  // avoid MIN % -1
      while (y != 0) {
        int64_t t = x % y;
        x = y;
        y = t;
      }
      if (x < 0) x = -x;
      return x;
    };
    if (!lcm) return sqlite3_result_int64(ctx, gcd(a, b));
    if (a == 0 || b == 0) return sqlite3_result_int64(ctx, 0);
    int64_t g = gcd(a, b);
    int64_t q = a / g, r;
    if (__builtin_mul_overflow(q, b, &r) || narrow(r, bits) != r)
      throw PgError(sqlstate::kNumericValueOutOfRange, range_message(bits));
    if (r == lo) throw PgError(sqlstate::kNumericValueOutOfRange, range_message(bits));
    sqlite3_result_int64(ctx, r < 0 ? -r : r);
  });
}

}  // namespace

void register_numeric_math_functions(sqlite3* db, RuntimeContext* rc);  // numeric_math_functions.cpp
void register_sleep_function(sqlite3* db, RuntimeContext* rc);          // sleep_function.cpp
void register_bytea_functions(sqlite3* db, RuntimeContext* rc);         // bytea_functions.cpp
void register_unistr_function(sqlite3* db, RuntimeContext* rc);         // unistr_function.cpp
void register_width_bucket_functions(sqlite3* db, RuntimeContext* rc);  // width_bucket_functions.cpp
void register_money_functions(sqlite3* db, RuntimeContext* rc);         // money_functions.cpp

void register_math_functions(sqlite3* db, RuntimeContext* rc) {
  register_numeric_math_functions(db, rc);
  register_sleep_function(db, rc);
  register_bytea_functions(db, rc);
  register_unistr_function(db, rc);
  register_width_bucket_functions(db, rc);
  register_money_functions(db, rc);
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_fmath1", 2, fmath1}, {"pg_fmath2", 3, fmath2}, {"pg_float_send", 2, float_send},
      {"pg_int_send", 2, int_send}, {"pg_int_bitop", 4, int_bitop}, {"pg_int_gcd", 4, int_gcd},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
