// LANGUAGE sql functions in the catalog: they persist in the file (reopen), a format_version 3
// file is migrated (gains _pgmicro_proc), other sessions see them, and errors or runaway
// recursion inside a body leave the session usable.
#include <gtest/gtest.h>
#include <cstdio>
#include <filesystem>
#include "pgmicro/pgmicro.h"
#include "sqlite3.h"

using namespace pgmicro;

namespace {
std::vector<StatementResult> run(Session& s, const std::string& sql) { return s.execute(sql, {}); }
std::string value(Session& s, const std::string& sql) {
  auto r = run(s, sql);
  EXPECT_FALSE(r.back().error) << sql << ": " << (r.back().error ? r.back().error->message : "");
  if (r.back().error || r.back().rows.empty() || !r.back().rows[0][0]) return "<null>";
  return *r.back().rows[0][0];
}
}  // namespace

TEST(LanguageSqlFunctions, PersistAcrossReopenAndSessions) {
  auto path = (std::filesystem::temp_directory_path() / "pgmicro_sqlfunc_test.db").string();
  std::remove(path.c_str());
  {
    auto db = Database::open(path);
    auto s = db->connect();
    auto s2 = db->connect();
    run(*s, "CREATE FUNCTION add(a int, b int DEFAULT 10) RETURNS int LANGUAGE sql STRICT AS $$ SELECT a + b $$");
    run(*s, "CREATE FUNCTION upto(n int) RETURNS SETOF int LANGUAGE sql RETURN n");
    EXPECT_EQ(value(*s2, "SELECT add(1)"), "11");  // another session reloads the catalog
  }
  {
    auto db = Database::open(path);
    auto s = db->connect();
    EXPECT_EQ(value(*s, "SELECT add(b => 2, a => 1)"), "3");
    EXPECT_EQ(value(*s, "SELECT add(NULL, 1) IS NULL"), "t");
    EXPECT_EQ(value(*s, "SELECT count(*) FROM upto(5)"), "1");
    run(*s, "DROP FUNCTION add(int, int)");
  }
  {
    auto db = Database::open(path);
    auto s = db->connect();
    auto r = run(*s, "SELECT add(1)");
    ASSERT_TRUE(r[0].error);
    EXPECT_EQ(r[0].error->sqlstate, "42883");
  }
  std::remove(path.c_str());
}

TEST(LanguageSqlFunctions, FormatVersion3FileIsMigrated) {
  auto path = (std::filesystem::temp_directory_path() / "pgmicro_sqlfunc_migrate.db").string();
  std::remove(path.c_str());
  {
    auto db = Database::open(path);
    auto s = db->connect();
    run(*s, "CREATE TABLE t (x int); INSERT INTO t VALUES (4)");
  }
  {  // make it a format_version 3 file: no _pgmicro_proc
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "DROP TABLE _pgmicro_proc; UPDATE _pgmicro_meta SET value = 3 WHERE key = 'format_version'",
                           nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  {
    auto db = Database::open(path);
    auto s = db->connect();
    run(*s, "CREATE FUNCTION tx() RETURNS int LANGUAGE sql AS 'SELECT x FROM t'");
    EXPECT_EQ(value(*s, "SELECT tx()"), "4");
  }
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT value FROM _pgmicro_meta WHERE key = 'format_version'", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 10);  // migrated to the current format_version
    sqlite3_finalize(st);
    sqlite3_close(raw);
  }
  std::remove(path.c_str());
}

TEST(LanguageSqlFunctions, ErrorsAndRecursionLeaveTheSessionUsable) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE FUNCTION inv(x int) RETURNS int LANGUAGE sql AS 'SELECT 10 / x'");
  auto r = run(*s, "SELECT inv(0)");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "22012");
  EXPECT_EQ(value(*s, "SELECT inv(5)"), "2");
  run(*s, "SET check_function_bodies = off");
  run(*s, "CREATE FUNCTION forever(x int) RETURNS int LANGUAGE sql AS 'SELECT forever(x + 1)'");
  r = run(*s, "SELECT forever(1)");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "54001");
  EXPECT_EQ(value(*s, "SELECT inv(1)"), "10");
  run(*s, "CREATE FUNCTION pl() RETURNS int LANGUAGE plpgsql AS 'begin return 1; end'");
  EXPECT_EQ(value(*s, "SELECT pl()"), "1");  // PL/pgSQL (engine/plpgsql/)
  r = run(*s, "CREATE FUNCTION cfn() RETURNS int LANGUAGE c AS 'x'");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "0A000");
}
