// Integer arithmetic with PostgreSQL's overflow and division-by-zero errors. The width
// argument (16/32/64) is the result type's: int2, int4, int8.
#include <cstdint>
#include <limits>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

const char* range_message(int bits) {
  return bits == 16 ? "smallint out of range" : bits == 32 ? "integer out of range" : "bigint out of range";
}

void check_range(int64_t v, int bits) {
  if ((bits == 16 && (v < INT16_MIN || v > INT16_MAX)) || (bits == 32 && (v < INT32_MIN || v > INT32_MAX)))
    throw PgError(sqlstate::kNumericValueOutOfRange, range_message(bits));
}

bool any_null(int argc, sqlite3_value** argv, int n) {
  for (int i = 0; i < n && i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

template <class Op>
void binary(sqlite3_context* ctx, int argc, sqlite3_value** argv, Op op) {
  guarded(ctx, [&] {
    if (any_null(argc, argv, 2)) return sqlite3_result_null(ctx);
    int64_t a = sqlite3_value_int64(argv[0]), b = sqlite3_value_int64(argv[1]);
    int bits = sqlite3_value_int(argv[2]);
    int64_t r;
    if (!op(a, b, r)) throw PgError(sqlstate::kNumericValueOutOfRange, range_message(bits));
    check_range(r, bits);
    sqlite3_result_int64(ctx, r);
  });
}

void int_add(sqlite3_context* c, int n, sqlite3_value** v) {
  binary(c, n, v, [](int64_t a, int64_t b, int64_t& r) { return !__builtin_add_overflow(a, b, &r); });
}
void int_sub(sqlite3_context* c, int n, sqlite3_value** v) {
  binary(c, n, v, [](int64_t a, int64_t b, int64_t& r) { return !__builtin_sub_overflow(a, b, &r); });
}
void int_mul(sqlite3_context* c, int n, sqlite3_value** v) {
  binary(c, n, v, [](int64_t a, int64_t b, int64_t& r) { return !__builtin_mul_overflow(a, b, &r); });
}
void int_div(sqlite3_context* c, int n, sqlite3_value** v) {
  binary(c, n, v, [](int64_t a, int64_t b, int64_t& r) {
    if (b == 0) throw PgError(sqlstate::kDivisionByZero, "division by zero");
    if (b == -1) return !__builtin_sub_overflow(int64_t{0}, a, &r);
    r = a / b;
    return true;
  });
}
void int_mod(sqlite3_context* c, int n, sqlite3_value** v) {
  binary(c, n, v, [](int64_t a, int64_t b, int64_t& r) {
    if (b == 0) throw PgError(sqlstate::kDivisionByZero, "division by zero");
    r = b == -1 ? 0 : a % b;
    return true;
  });
}
void int_neg(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(argc, argv, 1)) return sqlite3_result_null(ctx);
    int64_t a = sqlite3_value_int64(argv[0]), r;
    int bits = sqlite3_value_int(argv[1]);
    if (__builtin_sub_overflow(int64_t{0}, a, &r)) throw PgError(sqlstate::kNumericValueOutOfRange, range_message(bits));
    check_range(r, bits);
    sqlite3_result_int64(ctx, r);
  });
}
void int_abs(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(argc, argv, 1)) return sqlite3_result_null(ctx);
    int64_t a = sqlite3_value_int64(argv[0]), r = a;
    int bits = sqlite3_value_int(argv[1]);
    if (a < 0 && __builtin_sub_overflow(int64_t{0}, a, &r)) throw PgError(sqlstate::kNumericValueOutOfRange, range_message(bits));
    check_range(r, bits);
    sqlite3_result_int64(ctx, r);
  });
}
void int_narrow(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(argc, argv, 1)) return sqlite3_result_null(ctx);
    int64_t a = sqlite3_value_int64(argv[0]);
    check_range(a, sqlite3_value_int(argv[1]));
    sqlite3_result_int64(ctx, a);
  });
}
void int_to_bool(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  sqlite3_result_int(ctx, sqlite3_value_int64(argv[0]) != 0);
}
// LIMIT/OFFSET argument check: NULL passes through (no limit / no offset).
void check_limit(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    int64_t a = sqlite3_value_int64(argv[0]);
    bool offset = sqlite3_value_int(argv[1]) != 0;
    if (a < 0)
      throw PgError(offset ? sqlstate::kInvalidRowCountInResultOffset : sqlstate::kInvalidRowCountInLimit,
                    offset ? "OFFSET must not be negative" : "LIMIT must not be negative");
    sqlite3_result_int64(ctx, a);
  });
}

// Frame offsets must not be NULL or negative (PostgreSQL's 22013 / 22004).
void check_frame_offset(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) throw PgError("22004", "frame starting offset must not be null");
    if (sqlite3_value_double(argv[0]) < 0) throw PgError("22013", "frame starting offset must not be negative");
    sqlite3_result_value(ctx, argv[0]);
  });
}

}  // namespace

void register_int_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_int_add", 3, int_add}, {"pg_int_sub", 3, int_sub}, {"pg_int_mul", 3, int_mul},
      {"pg_int_div", 3, int_div}, {"pg_int_mod", 3, int_mod}, {"pg_int_neg", 2, int_neg},
      {"pg_int_abs", 2, int_abs}, {"pg_int_narrow", 2, int_narrow}, {"pg_int_to_bool", 1, int_to_bool},
      {"pg_check_limit", 2, check_limit}, {"pg_check_frame_offset", 1, check_frame_offset},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
