// float4/float8 arithmetic with PostgreSQL's overflow/underflow and division-by-zero
// errors; NaN is stored as the text 'NaN' (docs/storage-format.md).
#include <cmath>
#include <cstring>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }

double get(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) return std::nan("");
  return sqlite3_value_double(v);
}

void put(sqlite3_context* ctx, double r) {
  if (std::isnan(r)) sqlite3_result_text(ctx, "NaN", 3, SQLITE_STATIC);
  else sqlite3_result_double(ctx, r);
}

double to_width(double r, int bits, bool inf_input, bool zero_input) {
  if (bits == 32) {
    float f = static_cast<float>(r);
    if (std::isinf(f) && !std::isinf(r)) throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
    if (f == 0 && r != 0) throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
    r = f;
  }
  if (std::isinf(r) && !inf_input) throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  if (r == 0 && !zero_input) throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  return r;
}

// zero_check: 0 never underflows (+, -), 1 multiplication (no zero input), 2 division (zero
// dividend or infinite divisor give a true zero).
template <class Op>
void binary(sqlite3_context* ctx, sqlite3_value** argv, Op op, int zero_check) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    double a = get(argv[0]), b = get(argv[1]);
    int bits = sqlite3_value_int(argv[2]);
    double r = op(a, b);
    bool inf_in = std::isinf(a) || std::isinf(b);
    bool zero_in = zero_check == 1 ? (a == 0 || b == 0) : zero_check == 2 ? (a == 0 || std::isinf(b)) : true;
    put(ctx, std::isnan(r) ? r : to_width(r, bits, inf_in, zero_in));
  });
}

void fadd(sqlite3_context* c, int, sqlite3_value** v) { binary(c, v, [](double a, double b) { return a + b; }, 0); }
void fsub(sqlite3_context* c, int, sqlite3_value** v) { binary(c, v, [](double a, double b) { return a - b; }, 0); }
void fmul(sqlite3_context* c, int, sqlite3_value** v) { binary(c, v, [](double a, double b) { return a * b; }, 1); }
void fdiv(sqlite3_context* c, int, sqlite3_value** v) {
  binary(c, v, [](double a, double b) {
    if (b == 0 && !std::isnan(a)) throw PgError(sqlstate::kDivisionByZero, "division by zero");
    return a / b;
  }, 2);
}
// Addition/subtraction only underflow when... never: PostgreSQL checks float_underflow
// only for mul/div. Overflow applies to all four.
void fneg(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (is_null(argv[0])) return sqlite3_result_null(ctx);
  put(ctx, -get(argv[0]));
}
void fabs_(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (is_null(argv[0])) return sqlite3_result_null(ctx);
  put(ctx, std::fabs(get(argv[0])));
}
void fround(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (is_null(argv[0])) return sqlite3_result_null(ctx);
  put(ctx, std::nearbyint(get(argv[0])));
}
void to_float4(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    double a = get(argv[0]);
    if (std::isnan(a)) return put(ctx, a);
    put(ctx, to_width(a, 32, std::isinf(a), a == 0));
  });
}
void float_to_int(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    double a = std::nearbyint(get(argv[0]));
    int bits = sqlite3_value_int(argv[1]);
    const char* msg = bits == 16 ? "smallint out of range" : bits == 32 ? "integer out of range" : "bigint out of range";
    double lo = bits == 16 ? -32768.0 : bits == 32 ? -2147483648.0 : -9223372036854775808.0;
    double hi = -lo;
    if (std::isnan(a) || !(a >= lo && a < hi)) throw PgError(sqlstate::kNumericValueOutOfRange, msg);
    sqlite3_result_int64(ctx, static_cast<int64_t>(a));
  });
}

}  // namespace

void register_float_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_float_add", 3, fadd}, {"pg_float_sub", 3, fsub}, {"pg_float_mul", 3, fmul},
      {"pg_float_div", 3, fdiv}, {"pg_float_neg", 1, fneg}, {"pg_float_abs", 1, fabs_},
      {"pg_float_round", 1, fround}, {"pg_to_float4", 1, to_float4}, {"pg_float_to_int", 2, float_to_int},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
