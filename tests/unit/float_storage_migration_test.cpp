// format_version 9 -> 10: real/double precision columns of a file declared with REAL affinity
// (format 9) are re-declared without affinity when the file is opened, so -0 is stored as written
// afterwards; the rows already stored read back unchanged and the file passes integrity_check.
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

TEST(FloatStorageMigration, FormatVersion9ColumnsLoseTheirAffinity) {
  auto path = (std::filesystem::temp_directory_path() / "pgmicro_float_migrate.db").string();
  std::remove(path.c_str());
  {
    auto db = Database::open(path);
    auto s = db->connect();
    for (auto& r : s->execute("CREATE DOMAIN f AS double precision;"
                              "CREATE TABLE t (id int, \"real\" real UNIQUE, d double precision, fd f, a real[]);"
                              "INSERT INTO t VALUES (1, 1.5, 2, 3, '{-0}'), (2, '-0', '-0', '-0', '{1}')",
                              {}))
      ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(value(*s, "SELECT string_agg(concat_ws(' ', \"real\", d, fd), ',' ORDER BY id) FROM t"), "1.5 2 3,-0 -0 -0");
  }
  {  // make it a format_version 9 file: the declarations with REAL affinity
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    std::string sql = raw_value(raw, "SELECT sql FROM sqlite_schema WHERE name = 't'");
    EXPECT_NE(sql.find("\"real\" real blob"), std::string::npos) << sql;
    EXPECT_NE(sql.find("\"d\" double precision blob"), std::string::npos) << sql;
    EXPECT_NE(sql.find("\"fd\" double precision blob"), std::string::npos) << sql;
    EXPECT_NE(sql.find("\"a\" real[]"), std::string::npos) << sql;
    ASSERT_EQ(sqlite3_exec(raw,
                           "PRAGMA writable_schema = ON;"
                           "UPDATE sqlite_schema SET sql = replace(sql, ' blob', '') WHERE name = 't';"
                           "PRAGMA writable_schema = OFF;"
                           "UPDATE _pgmicro_meta SET value = 9 WHERE key = 'format_version'",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "UPDATE t SET d = -0.0 WHERE id = 1", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_EQ(raw_value(raw, "SELECT typeof(d) FROM t WHERE id = 1"), "real");  // REAL affinity: stored as 0
    sqlite3_close(raw);
  }
  {
    auto db = Database::open(path);
    auto s = db->connect();
    EXPECT_EQ(value(*s, "SELECT d FROM t WHERE id = 1"), "0");  // written under format 9: the sign was lost then
    EXPECT_EQ(value(*s, "UPDATE t SET d = '-0' WHERE id = 1 RETURNING d"), "-0");
    EXPECT_EQ(value(*s, "SELECT d FROM t WHERE id = 1"), "-0");
    EXPECT_EQ(value(*s, "SELECT count(*) FROM t WHERE d = 0 AND \"real\" <= 1.5"), "2");
    auto r = s->execute("INSERT INTO t (id, \"real\") VALUES (3, 0)", {});
    ASSERT_TRUE(r.back().error);
    EXPECT_EQ(r.back().error->sqlstate, "23505");  // -0 = 0, as in PostgreSQL
  }
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(raw_value(raw, "SELECT value FROM _pgmicro_meta WHERE key = 'format_version'"), "10");
    std::string sql = raw_value(raw, "SELECT sql FROM sqlite_schema WHERE name = 't'");
    EXPECT_NE(sql.find("\"real\" real blob"), std::string::npos) << sql;
    EXPECT_NE(sql.find("\"fd\" double precision blob"), std::string::npos) << sql;
    EXPECT_EQ(raw_value(raw, "PRAGMA integrity_check"), "ok");
    sqlite3_close(raw);
  }
  std::remove(path.c_str());
}
