// Equal numerics of different display scale (1.5, 1.50): what pgmicro refuses with 0A000 rather
// than answer differently from PostgreSQL, and that keys never change a stored value's scale.
#include <gtest/gtest.h>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {
std::vector<StatementResult> run(Session& s, const std::string& sql) { return s.execute(sql, {}); }
}  // namespace

TEST(NumericScale, UnsupportedCasesAreRefusedWith0A000) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE TABLE t (n numeric UNIQUE); INSERT INTO t VALUES (1.5)");
  for (const char* sql : {"INSERT INTO t VALUES (1.50) ON CONFLICT (n) DO UPDATE SET n = excluded.n",
                          "SELECT array_agg(DISTINCT n) FROM t", "SELECT stddev(DISTINCT n) FROM t",
                          "SELECT jsonb_agg(DISTINCT n) FROM t",
                          "CREATE UNIQUE INDEX t_part ON t (n) WHERE n > 0", "CREATE UNIQUE INDEX t_expr ON t ((n * 2))",
                          "WITH RECURSIVE r(x) AS (SELECT 1.0 UNION SELECT round(x, 2) FROM r) SELECT * FROM r"}) {
    auto r = run(*s, sql);
    ASSERT_TRUE(r[0].error) << sql;
    EXPECT_EQ(r[0].error->sqlstate, "0A000") << sql << ": " << r[0].error->message;
  }
  auto r = run(*s, "SELECT n::text FROM t");
  ASSERT_FALSE(r[0].error);
  ASSERT_EQ(r[0].rows.size(), 1u);
  EXPECT_EQ(*r[0].rows[0][0], "1.5");
}

TEST(NumericScale, GroupedValuesKeepTheirDisplayScale) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE TABLE t (n numeric, k int); INSERT INTO t VALUES (1.50, 1), (2.000, 2), (1.50, 3)");
  auto r = run(*s, "SELECT n::text, count(*) FROM t GROUP BY n ORDER BY n");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  ASSERT_EQ(r[0].rows.size(), 2u);
  EXPECT_EQ(*r[0].rows[0][0], "1.50");
  EXPECT_EQ(*r[0].rows[1][0], "2.000");
  r = run(*s, "SELECT DISTINCT n FROM t ORDER BY n");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  ASSERT_EQ(r[0].rows.size(), 2u);
  EXPECT_EQ(*r[0].rows[0][0], "1.50");
  EXPECT_EQ(*r[0].rows[1][0], "2.000");
}
