// Run-time checks of data-modifying statements that SQLite does not make itself.
// pg_upsert_check(k, key…): selected for every row an INSERT … ON CONFLICT DO UPDATE proposes,
// with the row's values of arbiter k's key columns; a key proposed twice in one execution is
// PostgreSQL's 21000 "ON CONFLICT DO UPDATE command cannot affect row a second time" (the
// second row would update the row the first one inserted or updated). The keys seen are kept
// as SQLite auxiliary data of the constant first argument, which lives for one execution of
// the statement.
#include <set>
#include <string>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

using KeySet = std::set<std::string>;

// The values as one comparable string (type tag and bytes of each); false when any is NULL.
bool key_of(int argc, sqlite3_value** argv, std::string& key) {
  for (int i = 1; i < argc; i++) {
    int type = sqlite3_value_type(argv[i]);
    if (type == SQLITE_NULL) return false;
    key += char('0' + type);
    if (type == SQLITE_INTEGER) {
      key += std::to_string(sqlite3_value_int64(argv[i]));
    } else if (type == SQLITE_FLOAT) {
      double d = sqlite3_value_double(argv[i]);
      key.append(reinterpret_cast<const char*>(&d), sizeof d);
    } else {
      const void* p = type == SQLITE_BLOB ? sqlite3_value_blob(argv[i]) : sqlite3_value_text(argv[i]);
      int n = sqlite3_value_bytes(argv[i]);
      key += std::to_string(n) + ":";
      if (p) key.append(static_cast<const char*>(p), (size_t)n);
    }
  }
  return true;
}

// Records the key; true when it was seen before in this execution.
bool seen_before(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  std::string key;
  if (!key_of(argc, argv, key)) return false;
  auto* seen = static_cast<KeySet*>(sqlite3_get_auxdata(ctx, 0));
  if (!seen) {
    seen = new KeySet;
    sqlite3_set_auxdata(ctx, 0, seen, [](void* p) { delete static_cast<KeySet*>(p); });
    seen = static_cast<KeySet*>(sqlite3_get_auxdata(ctx, 0));
    if (!seen) return false;  // SQLite could not keep it (out of memory)
  }
  return !seen->insert(std::move(key)).second;
}

void upsert_check(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (seen_before(ctx, argc, argv))
      throw PgError(sqlstate::kCardinalityViolation, "ON CONFLICT DO UPDATE command cannot affect row a second time", "",
                    "Ensure that no rows proposed for insertion within the same command have duplicate constrained values.");
    sqlite3_result_int(ctx, 1);
  });
}

}  // namespace

void register_row_placement_functions(sqlite3* db, RuntimeContext* rc);  // row_placement_functions.cpp

void register_dml_functions(sqlite3* db, RuntimeContext* rc) {
  register_row_placement_functions(db, rc);
  sqlite3_create_function_v2(db, "pg_upsert_check", -1, SQLITE_UTF8, rc, upsert_check, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
