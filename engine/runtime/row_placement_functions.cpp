// Row placement like PostgreSQL's heap: an UPDATE writes a new row version at the end of the
// table, so an unordered scan afterwards lists updated rows after the untouched ones. Lowered
// UPDATEs of pgmicro tables assign `rowid = pg_new_rowid('<table ref>', rowid)`: one past the table's
// current maximum rowid, read for each row (SQLite writes a row before computing the next, so
// rows get consecutive rowids in processing order; UPDATE … FROM, which computes all rows
// first, continues from the last rowid handed out). The `SELECT max(rowid)` statement is
// prepared once per execution and kept as SQLite auxiliary data of the constant argument;
// max(rowid) is a b-tree seek, so an UPDATE stays O(n log n).
#include <cstdint>
#include <map>
#include <string>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

// UPDATE … FROM whose RETURNING reads the FROM tables finds a row's values by its old rowid:
// `pg_new_rowid(table, rowid, 1)` records new → old per table for the execution, and
// `pg_moved_from(table, rowid)` reads it back (the rowid itself when the row did not move).
struct MovedRows {
  std::map<std::string, std::map<sqlite3_int64, sqlite3_int64>> by_table;
};

// Per execution: the prepared max(rowid) statement and the last rowid handed out.
struct Allocator {
  sqlite3_stmt* max_stmt = nullptr;
  sqlite3_int64 last = 0;
  ~Allocator() { sqlite3_finalize(max_stmt); }
};

void new_rowid(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    const char* table = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    auto* moved = static_cast<MovedRows*>(sqlite3_user_data(ctx));
    auto* a = static_cast<Allocator*>(sqlite3_get_auxdata(ctx, 0));
    if (!a) {
      if (argc > 2) moved->by_table[table ? table : ""].clear();  // a new execution
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
    if (argc > 2) moved->by_table[table ? table : ""][a->last] = sqlite3_value_int64(argv[1]);
    sqlite3_result_int64(ctx, a->last);
  });
}

void moved_from(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const char* table = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  auto& rows = static_cast<MovedRows*>(sqlite3_user_data(ctx))->by_table[table ? table : ""];
  auto it = rows.find(sqlite3_value_int64(argv[1]));
  if (it == rows.end()) sqlite3_result_value(ctx, argv[1]);
  else sqlite3_result_int64(ctx, it->second);
}

}  // namespace

void register_row_placement_functions(sqlite3* db, RuntimeContext*) {
  auto* moved = new MovedRows;
  sqlite3_create_function_v2(db, "pg_new_rowid", 2, SQLITE_UTF8, moved, new_rowid, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_moved_from", 2, SQLITE_UTF8, moved, moved_from, nullptr, nullptr, nullptr);
  // The three-argument form owns the state: SQLite deletes it with the connection.
  sqlite3_create_function_v2(db, "pg_new_rowid", 3, SQLITE_UTF8, moved, new_rowid, nullptr, nullptr,
                             [](void* p) { delete static_cast<MovedRows*>(p); });
}

}  // namespace pgmicro
