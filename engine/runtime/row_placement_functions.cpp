// Row placement like PostgreSQL's heap: an UPDATE writes a new row version at the end of the
// table, so an unordered scan afterwards lists updated rows after the untouched ones. Lowered
// UPDATEs of pgmicro tables assign `rowid = pg_new_rowid('<table ref>', rowid)`: one past the table's
// current maximum rowid, read for each row (SQLite writes a row before computing the next, so
// rows get consecutive rowids in processing order; UPDATE … FROM, which computes all rows
// first, continues from the last rowid handed out). The `SELECT max(rowid)` statement is
// prepared once per execution and kept as SQLite auxiliary data of the constant argument;
// max(rowid) is a b-tree seek, so an UPDATE stays O(n log n).
#include <cstdint>
#include <string>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

// Per execution: the prepared max(rowid) statement and the last rowid handed out.
struct Allocator {
  sqlite3_stmt* max_stmt = nullptr;
  sqlite3_int64 last = 0;
  ~Allocator() { sqlite3_finalize(max_stmt); }
};

void new_rowid(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto* a = static_cast<Allocator*>(sqlite3_get_auxdata(ctx, 0));
    if (!a) {
      const char* table = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
      std::string sql = std::string("SELECT max(rowid) FROM ") + (table ? table : "");
      auto* fresh = new Allocator;
      if (sqlite3_prepare_v2(sqlite3_context_db_handle(ctx), sql.c_str(), -1, &fresh->max_stmt, nullptr) != SQLITE_OK) {
        delete fresh;
        throw PgError(sqlstate::kInternalError, "could not place the updated row: " + sql);
      }
      sqlite3_set_auxdata(ctx, 0, fresh, [](void* p) { delete static_cast<Allocator*>(p); });
      a = static_cast<Allocator*>(sqlite3_get_auxdata(ctx, 0));
      if (!a) throw PgError(sqlstate::kInternalError, "out of memory");  // set_auxdata deleted it
    }
    sqlite3_int64 top = 0;
    if (sqlite3_step(a->max_stmt) == SQLITE_ROW) top = sqlite3_column_int64(a->max_stmt, 0);
    sqlite3_reset(a->max_stmt);
    // UPDATE … FROM computes every new row before writing any: the maximum does not move
    // then, and the last rowid handed out keeps the rows apart.
    if (a->last > top) top = a->last;
    if (top == INT64_MAX) {  // the largest rowid is in use: the row stays where it is
      sqlite3_result_value(ctx, argv[1]);
      return;
    }
    a->last = top + 1;
    sqlite3_result_int64(ctx, a->last);
  });
}

}  // namespace

void register_row_placement_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_new_rowid", 2, SQLITE_UTF8, rc, new_rowid, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
