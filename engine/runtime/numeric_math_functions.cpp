// pg_nmath1/pg_nmath2/pg_numeric_scale/pg_numeric_factorial: SQL entry points of
// types/numeric_math.h (sqrt, ln, log, exp, power, ceil, floor, sign, trim_scale, div,
// gcd, lcm, scale, min_scale, factorial). NULL in -> NULL out.
#include <string>
#include "runtime/function_context.h"
#include "runtime/numeric_value.h"
#include "types/numeric_math.h"

namespace pgmicro {

namespace {

bool any_null(int n, sqlite3_value** argv) {
  for (int i = 0; i < n; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

void nmath1(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(1, argv)) return sqlite3_result_null(ctx);
    Numeric x = numeric_arg(argv[0]);
    switch (sqlite3_value_int(argv[1])) {
      case 0: return numeric_result(ctx, numeric_sqrt(x));
      case 1: return numeric_result(ctx, numeric_ln(x));
      case 2: return numeric_result(ctx, numeric_log(Numeric::from_int64(10), x));
      case 3: return numeric_result(ctx, numeric_exp(x));
      case 4: return numeric_result(ctx, numeric_ceil(x));
      case 5: return numeric_result(ctx, numeric_floor(x));
      case 6: return numeric_result(ctx, numeric_sign(x));
      case 7: return numeric_result(ctx, numeric_trim_scale(x));
    }
  });
}

void nmath2(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(2, argv)) return sqlite3_result_null(ctx);
    Numeric x = numeric_arg(argv[0]), y = numeric_arg(argv[1]);
    switch (sqlite3_value_int(argv[2])) {
      case 0: return numeric_result(ctx, numeric_power(x, y));
      case 1: return numeric_result(ctx, numeric_log(x, y));
      case 2: return numeric_result(ctx, numeric_div_trunc(x, y));
      case 3: return numeric_result(ctx, numeric_gcd(x, y, false));
      case 4: return numeric_result(ctx, numeric_gcd(x, y, true));
    }
  });
}

// pg_numeric_scale(x, min?): scale / min_scale; NULL for NaN and infinities.
void nscale(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(1, argv)) return sqlite3_result_null(ctx);
    Numeric x = numeric_arg(argv[0]);
    if (!x.is_finite()) return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, sqlite3_value_int(argv[1]) ? numeric_min_scale(x) : x.dscale());
  });
}

void nfactorial(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(1, argv)) return sqlite3_result_null(ctx);
    numeric_result(ctx, numeric_factorial(sqlite3_value_int64(argv[0])));
  });
}

}  // namespace

void register_numeric_math_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_nmath1", 2, nmath1}, {"pg_nmath2", 3, nmath2}, {"pg_numeric_scale", 2, nscale},
      {"pg_numeric_factorial", 1, nfactorial},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
