// pg_reinterpret(value, from, to): a binary-coercible cast (CREATE CAST … WITHOUT FUNCTION)
// between built-in storage types of one size, e.g. integer bits read as real
// (types/base_types.h).
#include "runtime/function_context.h"
#include "types/base_types.h"

namespace pgmicro {

namespace {
void reinterpret(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Datum v = Datum::from_sqlite(argv[0]);
    reinterpret_datum(v, Oid(sqlite3_value_int64(argv[1])), Oid(sqlite3_value_int64(argv[2]))).to_sqlite_result(ctx);
  });
}
}  // namespace

void register_base_type_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_reinterpret", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, reinterpret, nullptr, nullptr,
                             nullptr);
}

}  // namespace pgmicro
