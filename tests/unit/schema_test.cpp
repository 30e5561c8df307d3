// Schemas and temporary tables across sessions and reopens: a temporary table is private to
// its session and gone with it; schemas, their tables and comments persist in the file, and
// a public table keeps its plain SQLite name.
#include <gtest/gtest.h>
#include <cstdio>
#include <filesystem>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {
std::vector<StatementResult> run(Session& s, const std::string& sql) { return s.execute(sql, {}); }
}  // namespace

TEST(Schemas, TemporaryTablesArePrivateToTheirSession) {
  auto db = Database::open(":memory:");
  auto a = db->connect();
  auto b = db->connect();
  ASSERT_FALSE(run(*a, "CREATE TABLE t (x int); INSERT INTO t VALUES (1)").back().error);
  ASSERT_FALSE(run(*a, "CREATE TEMP TABLE t (x int); INSERT INTO t VALUES (2)").back().error);
  auto r = run(*a, "SELECT x FROM t");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "2");  // pg_temp comes first on the path
  r = run(*b, "SELECT x FROM t");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "1");  // the other session sees the permanent table
  r = run(*b, "CREATE TEMP TABLE t (y text); SELECT count(*) FROM t");
  ASSERT_FALSE(r.back().error) << r.back().error->message;
  EXPECT_EQ(*r.back().rows[0][0], "0");
  a.reset();
  auto c = db->connect();
  r = run(*c, "SELECT x FROM t");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "1");  // the temporary table went with its session
}

TEST(Schemas, SchemasAndCommentsPersistInTheFile) {
  auto path = (std::filesystem::temp_directory_path() / "pgmicro_schema_test.db").string();
  std::remove(path.c_str());
  {
    auto db = Database::open(path);
    auto s = db->connect();
    auto r = run(*s,
                 "CREATE SCHEMA app; CREATE TABLE app.users (id serial PRIMARY KEY, name text);"
                 "INSERT INTO app.users (name) VALUES ('ann'); CREATE TABLE plain (a int);"
                 "COMMENT ON TABLE app.users IS 'people'");
    ASSERT_FALSE(r.back().error) << r.back().error->message;
  }
  {
    auto db = Database::open(path);
    auto s = db->connect();
    auto r = run(*s, "INSERT INTO app.users (name) VALUES ('bob') RETURNING id");
    ASSERT_FALSE(r[0].error) << r[0].error->message;
    EXPECT_EQ(*r[0].rows[0][0], "2");
    // SQLite names: public tables unchanged, other schemas' tables "schema.table".
    r = run(*s, "SET search_path = app; SELECT name FROM users ORDER BY id");
    ASSERT_FALSE(r.back().error) << r.back().error->message;
    EXPECT_EQ(r.back().rows.size(), 2u);
    r = run(*s, "DROP SCHEMA app");
    ASSERT_TRUE(r[0].error);
    EXPECT_EQ(r[0].error->sqlstate, "2BP01");
  }
  std::remove(path.c_str());
}
