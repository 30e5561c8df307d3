// pg_view_check(value, ok, view_name, table_oid, col1, ..., coln): WITH CHECK OPTION of an
// automatically updatable view (analyze/analyze_view_update.cpp wraps one new value of each
// row in it). Returns value when ok is true; otherwise raises PostgreSQL's 44000 "new row
// violates check option for view" with the base table's new row as DETAIL.
#include "catalog/catalog.h"
#include "runtime/function_context.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

void view_check(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[1]) != SQLITE_NULL && sqlite3_value_int64(argv[1]) != 0) {
      sqlite3_result_value(ctx, argv[0]);
      return;
    }
    RuntimeContext* rc = runtime_context(ctx);
    const TableDef* t = rc->catalog->find_table_by_oid(sqlite3_value_int64(argv[3]));
    std::string view(reinterpret_cast<const char*>(sqlite3_value_text(argv[2])));
    std::string row;
    for (int i = 4; i < argc; i++) {
      if (i > 4) row += ", ";
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL || !t || i - 4 >= (int)t->columns.size()) { row += "null"; continue; }
      type_output(t->columns[i - 4].type, argv[i], row);
    }
    throw PgError("44000", "new row violates check option for view \"" + view + "\"", "Failing row contains (" + row + ").");
  });
}

}  // namespace

void register_view_check_function(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_view_check", -1, SQLITE_UTF8, rc, view_check, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
