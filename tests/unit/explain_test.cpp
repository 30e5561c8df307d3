// EXPLAIN: pgmicro's own plan text (SQLite's plan in PostgreSQL's layout) for a table scan,
// an index search, a join, ORDER BY, subqueries, DML, ANALYZE counts and the JSON shape.
#include <gtest/gtest.h>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {

std::string plan(Session& s, const std::string& sql) {
  auto r = s.execute(sql);
  EXPECT_EQ(r.size(), 1u);
  if (r.back().error) return "ERROR: " + r.back().error->message;
  EXPECT_EQ(r[0].columns.size(), 1u);
  EXPECT_EQ(r[0].columns[0].name, "QUERY PLAN");
  EXPECT_EQ(r[0].command_tag, "EXPLAIN");
  std::string out;
  for (auto& row : r[0].rows) out += *row[0] + "\n";
  return out;
}

class Explain : public ::testing::Test {
 protected:
  void SetUp() override {
    db = Database::open(":memory:");
    s = db->connect();
    auto r = s->execute(
        "CREATE TABLE t (a int PRIMARY KEY, b text, c int);"
        "CREATE INDEX t_c ON t (c);"
        "CREATE TABLE u (x int, y text);"
        "INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30);"
        "INSERT INTO u VALUES (1, 'one'), (2, 'two');");
    for (auto& x : r) ASSERT_FALSE(x.error) << x.error->message;
  }
  std::shared_ptr<Database> db;
  std::unique_ptr<Session> s;
};

}  // namespace

TEST_F(Explain, TableScan) {
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT * FROM u"), "Seq Scan on u\n");
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT * FROM u AS v"), "Seq Scan on u v\n");
}

TEST_F(Explain, IndexSearch) {
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT * FROM t WHERE a = 2"), "Index Scan using t_pkey on t\n  Index Cond: (a=?)\n");
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT * FROM t WHERE c > 15"), "Index Scan using t_c on t\n  Index Cond: (c>?)\n");
  EXPECT_EQ(plan(*s, "EXPLAIN VERBOSE SELECT * FROM t WHERE a = 2"),
            "Index Scan using t_pkey on t\n  Index Cond: (a=?)\n  SQLite: SEARCH r1 USING INDEX sqlite_autoindex_t_1 (a=?)\n");
}

TEST_F(Explain, JoinAndOrderBy) {
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT * FROM u JOIN t ON t.a = u.x ORDER BY y"),
            "Sort\n"
            "  ->  Nested Loop\n"
            "        ->  Seq Scan on u\n"
            "        ->  Index Scan using t_pkey on t\n"
            "              Index Cond: (a=?)\n");
}

TEST_F(Explain, Subqueries) {
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT * FROM t WHERE a IN (SELECT x FROM u)"),
            "Index Scan using t_pkey on t\n  Index Cond: (a=?)\n  InitPlan 1\n    ->  Seq Scan on u\n");
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT a, (SELECT y FROM u WHERE u.x = t.a) FROM t"),
            "Index Only Scan using t_pkey on t\n  SubPlan 3\n    ->  Seq Scan on u\n");
}

TEST_F(Explain, AggregateLimitAndDml) {
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT count(*) FROM u"), "Aggregate\n  ->  Seq Scan on u\n");
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT * FROM u LIMIT 1"), "Limit\n  ->  Seq Scan on u\n");
  EXPECT_EQ(plan(*s, "EXPLAIN UPDATE t SET b = 'z' WHERE a = 1"),
            "Update on t\n  ->  Index Scan using t_pkey on t\n        Index Cond: (a=?)\n");
  EXPECT_EQ(plan(*s, "EXPLAIN INSERT INTO u VALUES (3, 'three')"), "Insert on u\n  ->  Result\n");
}

TEST_F(Explain, AnalyzeCountsAndRuns) {
  EXPECT_EQ(plan(*s, "EXPLAIN (ANALYZE, SUMMARY OFF) SELECT * FROM u JOIN t ON t.a = u.x"),
            "Nested Loop (actual rows=2 loops=1)\n"
            "  ->  Seq Scan on u (actual rows=2 loops=1)\n"
            "  ->  Index Scan using t_pkey on t (actual rows=1 loops=2)\n"
            "        Index Cond: (a=?)\n");
  // ANALYZE runs DML; its effects stay.
  plan(*s, "EXPLAIN ANALYZE DELETE FROM u WHERE x = 1");
  auto r = s->execute("SELECT count(*) FROM u");
  EXPECT_EQ(*r[0].rows[0][0], "1");
  std::string p = plan(*s, "EXPLAIN ANALYZE SELECT 1");
  EXPECT_NE(p.find("\nPlanning Time: "), std::string::npos);
  EXPECT_NE(p.find("\nExecution Time: "), std::string::npos);
}

TEST_F(Explain, JsonShape) {
  EXPECT_EQ(plan(*s, "EXPLAIN (FORMAT JSON) SELECT * FROM u JOIN t ON t.a = u.x"),
            "[\n"
            "  {\n"
            "    \"Plan\": {\n"
            "      \"Node Type\": \"Nested Loop\",\n"
            "      \"Parallel Aware\": false,\n"
            "      \"Async Capable\": false,\n"
            "      \"Join Type\": \"Inner\",\n"
            "      \"Plans\": [\n"
            "        {\n"
            "          \"Node Type\": \"Seq Scan\",\n"
            "          \"Parent Relationship\": \"Outer\",\n"
            "          \"Parallel Aware\": false,\n"
            "          \"Async Capable\": false,\n"
            "          \"Relation Name\": \"u\",\n"
            "          \"Alias\": \"u\",\n"
            "          \"SQLite Detail\": \"SCAN r1\"\n"
            "        },\n"
            "        {\n"
            "          \"Node Type\": \"Index Scan\",\n"
            "          \"Parent Relationship\": \"Inner\",\n"
            "          \"Parallel Aware\": false,\n"
            "          \"Async Capable\": false,\n"
            "          \"Scan Direction\": \"Forward\",\n"
            "          \"Index Name\": \"t_pkey\",\n"
            "          \"Relation Name\": \"t\",\n"
            "          \"Alias\": \"t\",\n"
            "          \"Index Cond\": \"(a=?)\",\n"
            "          \"SQLite Detail\": \"SEARCH r2 USING INDEX sqlite_autoindex_t_1 (a=?)\"\n"
            "        }\n"
            "      ]\n"
            "    }\n"
            "  }\n"
            "]\n");
}

TEST_F(Explain, LoweredSqlAndErrors) {
  s->execute("SET pgmicro.explain_lowered = on");
  EXPECT_EQ(plan(*s, "EXPLAIN SELECT x FROM u"), "Seq Scan on u\nSQLite: SELECT r1.\"x\" AS c1 FROM main.\"u\" AS r1\n");
  s->execute("RESET pgmicro.explain_lowered");
  auto r = s->execute("EXPLAIN (FORMAT YAML) SELECT 1");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "0A000");
  r = s->execute("EXPLAIN (nope) SELECT 1");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "42601");
  EXPECT_EQ(r[0].error->position, 10);
  s->execute("PREPARE q(int) AS SELECT * FROM t WHERE a = $1");
  EXPECT_EQ(plan(*s, "EXPLAIN EXECUTE q(1)"), "Index Scan using t_pkey on t\n  Index Cond: (a=?)\n");
}
