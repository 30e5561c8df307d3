// pg_numeric_* scalar functions: numeric arithmetic, comparison and conversions on the
// order-preserving BLOB encoding (types/numeric.h). NULL in -> NULL out.
#include <cmath>
#include <string>
#include "runtime/function_context.h"
#include "runtime/numeric_value.h"
#include "types/numeric.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

template <class F>
void numeric_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv, F&& f) {
  if (any_null(argc, argv)) {
    sqlite3_result_null(ctx);
    return;
  }
  guarded(ctx, [&] { f(); });
}

#define BINARY_OP(NAME, EXPR)                                                      \
  void NAME(sqlite3_context* ctx, int argc, sqlite3_value** argv) {                \
    numeric_fn(ctx, argc, argv, [&] {                                              \
      Numeric a = numeric_arg(argv[0]), b = numeric_arg(argv[1]);                  \
      numeric_result(ctx, EXPR);                                                   \
    });                                                                            \
  }

BINARY_OP(fn_add, a.add(b))
BINARY_OP(fn_sub, a.sub(b))
BINARY_OP(fn_mul, a.mul(b))
BINARY_OP(fn_div, a.div(b))
BINARY_OP(fn_mod, a.mod(b))
#undef BINARY_OP

void fn_neg(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] { numeric_result(ctx, numeric_arg(argv[0]).neg()); });
}
void fn_abs(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] { numeric_result(ctx, numeric_arg(argv[0]).abs()); });
}
void fn_cmp(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    sqlite3_result_int(ctx, numeric_arg(argv[0]).compare(numeric_arg(argv[1])));
  });
}
void fn_from_int(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER)
      numeric_result(ctx, Numeric::from_int64(sqlite3_value_int64(argv[0])));
    else
      numeric_result(ctx, numeric_arg(argv[0]).round(0));
  });
}
// pg_numeric_from_float(r [, bits]): float8_numeric (15 digits) or, bits = 32,
// float4_numeric (6 digits). r is REAL or the TEXT 'NaN'.
void fn_from_float(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    Datum d = Datum::from_sqlite(argv[0]);
    double v = 0;
    datum_to_double(d, v);
    bool f4 = argc > 1 && sqlite3_value_int(argv[1]) == 32;
    numeric_result(ctx, f4 ? Numeric::from_float(float(v)) : Numeric::from_double(v));
  });
}
void fn_to_int(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    int bits = sqlite3_value_int(argv[1]);
    sqlite3_result_int64(ctx, numeric_arg(argv[0]).to_int64(bits));
  });
}
void fn_to_float(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    Numeric n = numeric_arg(argv[0]);
    int bits = sqlite3_value_int(argv[1]);
    double v = bits == 32 ? double(n.to_float()) : n.to_double();
    float_datum(v).to_sqlite_result(ctx);
  });
}
void fn_round(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    int scale = argc > 1 ? sqlite3_value_int(argv[1]) : 0;
    numeric_result(ctx, numeric_arg(argv[0]).round(scale));
  });
}
void fn_trunc(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    int scale = argc > 1 ? sqlite3_value_int(argv[1]) : 0;
    numeric_result(ctx, numeric_arg(argv[0]).trunc(scale));
  });
}
void fn_typmod(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    int32_t typmod = int32_t(sqlite3_value_int64(argv[1]));
    numeric_result(ctx, numeric_arg(argv[0]).apply_typmod(typmod));
  });
}
// pg_numeric_text(a): numeric_out, for casts to text and debugging in a SQLite shell.
void fn_text(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    std::string s = numeric_arg(argv[0]).to_string();
    sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  });
}
// pg_numeric_in(text [, typmod]): numeric_in.
void fn_in(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  numeric_fn(ctx, argc, argv, [&] {
    const char* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    Numeric n = Numeric::parse(std::string_view(p ? p : "", size_t(sqlite3_value_bytes(argv[0]))));
    if (argc > 1) n = n.apply_typmod(int32_t(sqlite3_value_int64(argv[1])));
    numeric_result(ctx, n);
  });
}

}  // namespace

void register_numeric_key_functions(sqlite3* db, RuntimeContext* rc);  // numeric_key_functions.cpp
void register_interval_key_functions(sqlite3* db, RuntimeContext* rc);  // interval_key_functions.cpp

void register_numeric_functions(sqlite3* db, RuntimeContext* rc) {
  register_numeric_key_functions(db, rc);
  register_interval_key_functions(db, rc);
  struct Fn {
    const char* name;
    int nargs;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
  };
  static const Fn kFns[] = {
      {"pg_numeric_add", 2, fn_add},         {"pg_numeric_sub", 2, fn_sub},
      {"pg_numeric_mul", 2, fn_mul},         {"pg_numeric_div", 2, fn_div},
      {"pg_numeric_mod", 2, fn_mod},         {"pg_numeric_neg", 1, fn_neg},
      {"pg_numeric_abs", 1, fn_abs},         {"pg_numeric_cmp", 2, fn_cmp},
      {"pg_numeric_from_int", 1, fn_from_int}, {"pg_numeric_from_float", 1, fn_from_float},
      {"pg_numeric_from_float", 2, fn_from_float}, {"pg_numeric_to_int", 2, fn_to_int},
      {"pg_numeric_to_float", 2, fn_to_float}, {"pg_numeric_round", 1, fn_round},
      {"pg_numeric_round", 2, fn_round},     {"pg_numeric_trunc", 1, fn_trunc},
      {"pg_numeric_trunc", 2, fn_trunc},     {"pg_numeric_typmod", 2, fn_typmod},
      {"pg_numeric_text", 1, fn_text},       {"pg_numeric_in", 1, fn_in},
      {"pg_numeric_in", 2, fn_in},
  };
  for (const Fn& f : kFns)
    sqlite3_create_function_v2(db, f.name, f.nargs,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc, f.fn,
                               nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
