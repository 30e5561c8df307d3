// format_version 8 -> 9: a file whose date/timestamp/timestamptz columns hold BC years and years
// past 9999 as bare output text (format 8) is rewritten to the sort-key storage text when opened,
// so ORDER BY, comparisons, index lookups and UNIQUE follow PostgreSQL's order afterwards.
#include <gtest/gtest.h>
#include <cstdio>
#include <filesystem>
#include "pgmicro/pgmicro.h"
#include "sqlite3.h"

using namespace pgmicro;

namespace {
std::string value(Session& s, const std::string& sql) {
  auto r = s.execute(sql, {});
  EXPECT_FALSE(r.back().error) << sql << ": " << (r.back().error ? r.back().error->message : "");
  if (r.back().error || r.back().rows.empty() || !r.back().rows[0][0]) return "<null>";
  return *r.back().rows[0][0];
}
std::string raw_value(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::string out = "<none>";
  if (sqlite3_step(st) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}
}  // namespace

TEST(DatetimeStorageMigration, FormatVersion8ValuesAreRewritten) {
  auto path = (std::filesystem::temp_directory_path() / "pgmicro_datetime_migrate.db").string();
  std::remove(path.c_str());
  {
    auto db = Database::open(path);
    auto s = db->connect();
    for (auto& r : s->execute(
             "CREATE DOMAIN day AS date;"
             "CREATE TABLE t (id int, d date UNIQUE, ts timestamp, tz timestamptz, dd day);"
             "CREATE INDEX t_ts ON t (ts);"
             "INSERT INTO t VALUES"
             " (1, '0044-03-15 BC', '0044-03-15 10:00 BC', '0044-03-15 10:00+00 BC', '0044-03-15 BC'),"
             " (2, '0001-01-01', '0001-01-01', '0001-01-01 00:00+00', '0001-01-01'),"
             " (3, '10000-01-01', '10000-01-01', '10000-01-01 00:00+00', '10000-01-01'),"
             " (4, '9999-12-31', '9999-12-31', '9999-12-31 00:00+00', '9999-12-31'),"
             " (5, '4713-01-01 BC', '4713-01-01 BC', '4713-01-01 00:00+00 BC', '4713-01-01 BC'),"
             " (6, 'infinity', '-infinity', 'infinity', '-infinity')",
             {}))
      ASSERT_FALSE(r.error) << r.error->message;
  }
  {  // make it a format_version 8 file: the stored texts without their sort-key prefix
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(raw_value(raw, "SELECT d FROM t WHERE id = 1"), "/9956 0044-03-15 BC");
    EXPECT_EQ(raw_value(raw, "SELECT ts FROM t WHERE id = 3"), ":0010000 10000-01-01 00:00:00");
    for (const char* c : {"d", "ts", "tz", "dd"}) {
      std::string sql = std::string("UPDATE t SET ") + c + " = substr(" + c + ", instr(" + c + ", ' ') + 1) WHERE " +
                        c + " GLOB '[/:]*'";
      ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    }
    ASSERT_EQ(sqlite3_exec(raw, "UPDATE _pgmicro_meta SET value = 8 WHERE key = 'format_version'", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    EXPECT_EQ(raw_value(raw, "SELECT tz FROM t WHERE id = 1"), "0044-03-15 10:00:00+00 BC");
    sqlite3_close(raw);
  }
  {
    auto db = Database::open(path);
    auto s = db->connect();
    EXPECT_EQ(value(*s, "SELECT string_agg(id::text, ',' ORDER BY d) FROM t"), "5,1,2,4,3,6");
    EXPECT_EQ(value(*s, "SELECT string_agg(id::text, ',' ORDER BY ts) FROM t"), "6,5,1,2,4,3");
    EXPECT_EQ(value(*s, "SELECT string_agg(id::text, ',' ORDER BY tz) FROM t"), "5,1,2,4,3,6");
    EXPECT_EQ(value(*s, "SELECT string_agg(id::text, ',' ORDER BY dd) FROM t"), "6,5,1,2,4,3");
    EXPECT_EQ(value(*s, "SELECT id FROM t WHERE d = '0044-03-15 BC'"), "1");
    EXPECT_EQ(value(*s, "SELECT id FROM t WHERE ts = '10000-01-01'"), "3");
    EXPECT_EQ(value(*s, "SELECT tz FROM t WHERE id = 1"), "0044-03-15 10:00:00+00 BC");
    EXPECT_EQ(value(*s, "SELECT max(d) FILTER (WHERE d < 'infinity') FROM t"), "10000-01-01");
    auto r = s->execute("INSERT INTO t (id, d) VALUES (7, '0044-03-15 BC')", {});
    ASSERT_TRUE(r.back().error);
    EXPECT_EQ(r.back().error->sqlstate, "23505");
  }
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(raw_value(raw, "SELECT value FROM _pgmicro_meta WHERE key = 'format_version'"), "10");
    EXPECT_EQ(raw_value(raw, "SELECT tz FROM t WHERE id = 5"), "/5287 4713-01-01 00:00:00+00 BC");
    EXPECT_EQ(raw_value(raw, "SELECT dd FROM t WHERE id = 3"), ":0010000 10000-01-01");
    EXPECT_EQ(raw_value(raw, "SELECT d FROM t WHERE id = 4"), "9999-12-31");
    EXPECT_EQ(raw_value(raw, "PRAGMA integrity_check"), "ok");
    sqlite3_close(raw);
  }
  std::remove(path.c_str());
}
