// User-defined types in the persistent catalog: enums (labels, ADD VALUE sort orders) and
// domains (constraints, defaults) survive reopening a database file and are seen by other
// sessions; the file stays readable as plain SQLite (enum labels as TEXT).
#include <gtest/gtest.h>
#include <cstdio>
#include <filesystem>
#include "pgmicro/pgmicro.h"
#include "sqlite3.h"

using namespace pgmicro;

namespace {
std::vector<StatementResult> run(Session& s, const std::string& sql) {
  auto r = s.execute(sql, {});
  for (auto& x : r) EXPECT_FALSE(x.error) << sql << ": " << (x.error ? x.error->message : "");
  return r;
}
std::string value(Session& s, const std::string& sql) {
  auto r = run(s, sql);
  if (r.empty() || r.back().rows.empty() || !r.back().rows[0][0]) return "<null>";
  return *r.back().rows[0][0];
}
}  // namespace

TEST(UserTypes, EnumsAndDomainsSurviveReopen) {
  auto path = (std::filesystem::temp_directory_path() / "pgmicro_user_types_test.db").string();
  std::remove(path.c_str());
  {
    auto db = Database::open(path);
    auto s = db->connect();
    auto s2 = db->connect();
    run(*s, "CREATE TYPE mood AS ENUM ('sad', 'happy'); ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'");
    run(*s, "CREATE DOMAIN posint AS int DEFAULT 7 CHECK (VALUE > 0)");
    run(*s, "CREATE TABLE t (m mood, n posint, id int)");
    run(*s, "INSERT INTO t (m, id) VALUES ('happy', 1), ('sad', 2), ('ok', 3)");
    // another session sees the new types
    EXPECT_EQ(value(*s2, "SELECT string_agg(m::text, ',' ORDER BY m) FROM t"), "sad,ok,happy");
    auto r = s2->execute("INSERT INTO t VALUES ('sad', 0, 4)", {});
    ASSERT_TRUE(r[0].error);
    EXPECT_EQ(r[0].error->sqlstate, "23514");
  }
  {
    auto db = Database::open(path);
    auto s = db->connect();
    EXPECT_EQ(value(*s, "SELECT enum_range(NULL::mood)"), "{sad,ok,happy}");
    EXPECT_EQ(value(*s, "SELECT string_agg(m::text || n, ',' ORDER BY m) FROM t"), "sad7,ok7,happy7");
    auto r = s->execute("SELECT (-1)::posint", {});
    ASSERT_TRUE(r[0].error);
    EXPECT_EQ(r[0].error->message, "value for domain posint violates check constraint \"posint_check\"");
    r = s->execute("SELECT 'meh'::mood", {});
    ASSERT_TRUE(r[0].error);
    EXPECT_EQ(r[0].error->sqlstate, "22P02");
  }
  // Plain SQLite reads the labels as text.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT m FROM t WHERE id = 3", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_type(st, 0), SQLITE_TEXT);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  sqlite3_finalize(st);
  sqlite3_close(raw);
  std::remove(path.c_str());
}
