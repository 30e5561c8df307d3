// SQL functions of the money type (types/money.h; cash.c's operators): money values are SQLite
// integers (cents). pg_money(op, a[, b]) computes
//   'pl' / 'mi'        money ± money               (22003 money out of range)
//   'mul_flt' / 'div_flt'  money × / ÷ float8 (rint) (22012 division by zero)
//   'mul_int' / 'div_int'  money × / ÷ integer (the quotient truncated)
//   'div'              money ÷ money → float8
//   'from_int'         int4/int8 → money (× 100; 22003 bigint out of range)
//   'from_numeric'     numeric → money (× 100 rounded as numeric_int8)
//   'to_numeric'       money → numeric (scale 2)
#include <cmath>
#include <cstring>
#include "runtime/function_context.h"
#include "runtime/numeric_value.h"
#include "types/money.h"

namespace pgmicro {

namespace {

[[noreturn]] void money_range() { throw PgError("22003", "money out of range"); }
[[noreturn]] void division_by_zero() { throw PgError("22012", "division by zero"); }

// A float8 argument: SQLite keeps the non-finite ones as text.
double float_arg(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char* t = reinterpret_cast<const char*>(sqlite3_value_text(v));
    if (!std::strcmp(t, "Infinity")) return INFINITY;
    if (!std::strcmp(t, "-Infinity")) return -INFINITY;
    return NAN;
  }
  return sqlite3_value_double(v);
}

int64_t cents_from_double(double d) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) money_range();
  return (int64_t)d;
}

void pg_money(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 1; i < argc; i++)
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const char* op = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    std::string_view o = op ? op : "";
    int64_t a = argc > 1 ? sqlite3_value_int64(argv[1]) : 0;
    int64_t r = 0;
    if (o == "pl" || o == "mi") {
      int64_t b = sqlite3_value_int64(argv[2]);
      if (o == "pl" ? __builtin_add_overflow(a, b, &r) : __builtin_sub_overflow(a, b, &r)) money_range();
    } else if (o == "mul_flt") {
      r = cents_from_double(std::rint(double(a) * float_arg(argv[2])));
    } else if (o == "div_flt") {
      double f = float_arg(argv[2]);
      if (f == 0.0) division_by_zero();
      r = cents_from_double(std::rint(double(a) / f));
    } else if (o == "mul_int") {
      if (__builtin_mul_overflow(a, sqlite3_value_int64(argv[2]), &r)) money_range();
    } else if (o == "div_int") {
      int64_t b = sqlite3_value_int64(argv[2]);
      if (b == 0) division_by_zero();
      if (a == INT64_MIN && b == -1) money_range();
      r = a / b;
    } else if (o == "div") {
      int64_t b = sqlite3_value_int64(argv[2]);
      if (b == 0) division_by_zero();
      return sqlite3_result_double(ctx, double(a) / double(b));
    } else if (o == "from_int") {
      if (__builtin_mul_overflow(a, int64_t(100), &r)) throw PgError("22003", "bigint out of range");
    } else if (o == "from_numeric") {
      r = numeric_arg(argv[1]).mul(Numeric::from_int64(100)).to_int64(64);
    } else if (o == "to_numeric") {
      return numeric_result(ctx, Numeric::from_scaled(a, 2));
    } else {
      throw PgError("XX000", "unknown money operation " + std::string(o));
    }
    sqlite3_result_int64(ctx, r);
  });
}

}  // namespace

void register_money_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_money", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, pg_money, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
