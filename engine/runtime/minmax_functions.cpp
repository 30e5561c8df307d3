// pg_greatest / pg_least(type, args...): GREATEST and LEAST (analyze/analyze_minmax.cpp) over
// stored values of one scalar type, compared by datum_compare; NULL arguments are skipped.
#include "runtime/function_context.h"
#include "types/array.h"

namespace pgmicro {

namespace {
template <int Sign>
void min_max(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Oid type = Oid(sqlite3_value_int64(argv[0]));
    int best = -1;
    Datum best_d;
    for (int i = 1; i < argc; i++) {
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
      Datum d = Datum::from_sqlite(argv[i]);
      if (best < 0 || Sign * datum_compare(type, d, best_d) > 0) {
        best = i;
        best_d = std::move(d);
      }
    }
    if (best < 0) return sqlite3_result_null(ctx);
    sqlite3_result_value(ctx, argv[best]);
  });
}
}  // namespace

void register_minmax_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_greatest", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, min_max<1>, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_least", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, min_max<-1>, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
