// Argument checks of SQLite's built-in window functions with PostgreSQL's errors:
//   pg_window_positive_arg(n, which)  n unchanged when NULL or > 0; otherwise 22014
//   "argument of ntile must be greater than zero" (which 0) or 22016 "argument of nth_value
//   must be greater than zero" (which 1).
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

void positive_arg(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  guarded(ctx, [&] {
    if (sqlite3_value_int64(argv[0]) <= 0) {
      if (sqlite3_value_int(argv[1]) == 0) throw PgError("22014", "argument of ntile must be greater than zero");
      throw PgError("22016", "argument of nth_value must be greater than zero");
    }
    sqlite3_result_value(ctx, argv[0]);
  });
}

}  // namespace

void register_window_range_key(sqlite3* db, RuntimeContext* rc);  // window_range_key.cpp
void register_window_range_frame(sqlite3* db, RuntimeContext* rc);  // window_range_frame.cpp

void register_window_functions(sqlite3* db, RuntimeContext* rc) {
  register_window_range_key(db, rc);
  register_window_range_frame(db, rc);
  sqlite3_create_function(db, "pg_window_positive_arg", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc,
                          positive_arg, nullptr, nullptr);
}

}  // namespace pgmicro
