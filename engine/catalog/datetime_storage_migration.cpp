// format_version 8 -> 9: date, timestamp and timestamptz values of BC years or years past 9999
// gain the sort-key prefix of their storage text (docs/storage-format.md). Earlier files stored
// them as their bare output text, whose byte order is not time order; values of years 1-9999 and
// the infinities are unchanged. Every table column of those types (or of a domain over them) is
// rewritten in place; arrays, records and partition bounds hold output text and need nothing.
#include "catalog/datetime_storage_migration.h"
#include <string>
#include <utility>
#include <vector>
#include "catalog/catalog.h"
#include "common/error.h"
#include "types/type_families.h"
#include "types/types.h"

namespace pgmicro {

namespace {

struct Query {
  sqlite3_stmt* s = nullptr;
  Query(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw PgError(sqlstate::kInternalError, std::string("storage migration: ") + sqlite3_errmsg(db));
  }
  ~Query() { sqlite3_finalize(s); }
  bool step() { return sqlite3_step(s) == SQLITE_ROW; }
  std::string t(int i) {
    const unsigned char* p = sqlite3_column_text(s, i);
    return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(s, i))) : std::string();
  }
};

std::string sqlite_ident(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

bool has_table(sqlite3* db, const char* name) {
  Query q(db, std::string("SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = '") + name + "'");
  return q.step();
}

}  // namespace

void migrate_datetime_storage(sqlite3* db) {
  // the column types whose storage changed: the three types and domains over them (recursively)
  std::string type_set = "SELECT column1 FROM (VALUES (" + std::to_string(oid::kDate) + "), (" +
                         std::to_string(oid::kTimestamp) + "), (" + std::to_string(oid::kTimestamptz) + "))";
  if (has_table(db, "_pgmicro_type"))
    type_set = "WITH RECURSIVE dt(oid) AS (" + type_set +
               " UNION SELECT t.oid FROM main._pgmicro_type t JOIN dt ON t.typtype = 'd' AND t.typbasetype = dt.oid)"
               " SELECT oid FROM dt";
  std::vector<std::pair<std::string, std::string>> columns;  // (SQLite table, column)
  {
    Query q(db, "SELECT c.nspname, c.relname, a.attname FROM main._pgmicro_attribute a"
                " JOIN main._pgmicro_class c ON c.oid = a.attrelid WHERE c.relkind = 'r' AND a.atttypid IN (" +
                    type_set + ") ORDER BY c.oid, a.attnum");
    while (q.step()) columns.push_back({sqlite_relation_name(q.t(0), q.t(1)), q.t(2)});
  }
  if (columns.empty()) return;
  // no trigger may fire (a foreign-key check would see a half-migrated parent)
  int triggers = 1;
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &triggers);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  struct Restore {
    sqlite3* db;
    int on;
    ~Restore() { sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, on, nullptr); }
  } restore{db, triggers};
  for (auto& [table, column] : columns) {
    if (!has_table(db, table.c_str())) continue;
    std::string t = "main." + sqlite_ident(table), c = sqlite_ident(column);
    std::vector<std::string> old_values;
    {
      Query q(db, "SELECT DISTINCT " + c + " FROM " + t + " WHERE typeof(" + c + ") = 'text' AND (" + c +
                      " LIKE '% BC' OR " + c + " GLOB '[0-9][0-9][0-9][0-9][0-9]*')");
      while (q.step()) old_values.push_back(q.t(0));
    }
    for (auto& old : old_values) {
      std::string now = datetime_storage_form(old);
      if (now == old) continue;
      Query u(db, "UPDATE " + t + " SET " + c + " = ?1 WHERE " + c + " = ?2");
      sqlite3_bind_text(u.s, 1, now.data(), int(now.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(u.s, 2, old.data(), int(old.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(u.s) != SQLITE_DONE)
        throw PgError(sqlstate::kInternalError, std::string("storage migration: ") + sqlite3_errmsg(db));
    }
  }
}

}  // namespace pgmicro
