// Rules where pgmicro's rewrite does not reach (session/rules.cpp): DML in LANGUAGE sql and
// PL/pgSQL bodies and through automatically updatable views on relations with rules, and a
// volatile SET expression referenced as NEW, fail with 0A000 instead of running without the
// rules; nothing is written and the session stays usable.
#include <gtest/gtest.h>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {
std::vector<StatementResult> run(Session& s, const std::string& sql) { return s.execute(sql, {}); }
std::string value(Session& s, const std::string& sql) {
  auto r = run(s, sql);
  EXPECT_FALSE(r.back().error) << sql << ": " << (r.back().error ? r.back().error->message : "");
  if (r.back().error || r.back().rows.empty() || !r.back().rows[0][0]) return "<null>";
  return *r.back().rows[0][0];
}
void expect_0a000(Session& s, const std::string& sql, const std::string& text) {
  auto r = run(s, sql);
  ASSERT_TRUE(r.back().error) << sql;
  EXPECT_EQ(r.back().error->sqlstate, "0A000") << sql;
  EXPECT_NE(r.back().error->message.find(text), std::string::npos) << r.back().error->message;
}
}  // namespace

TEST(RulesRefusal, UnrewrittenPlaces) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  for (const char* q : {"CREATE TABLE t (a int, b int)", "CREATE TABLE log (a int, b int)",
                        "CREATE RULE r AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a, NEW.b)",
                        "CREATE VIEW v AS SELECT * FROM t", "CREATE VIEW vv AS SELECT * FROM v",
                        "CREATE FUNCTION f(int) RETURNS void LANGUAGE sql AS $$ INSERT INTO t VALUES ($1, 0) $$",
                        "CREATE FUNCTION g(int) RETURNS void LANGUAGE sql AS $$ INSERT INTO v VALUES ($1, 0) $$",
                        "CREATE FUNCTION p() RETURNS void LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (1, 1); END $$",
                        "CREATE FUNCTION pv() RETURNS void LANGUAGE plpgsql AS $$ BEGIN INSERT INTO v VALUES (1, 1); END $$"}) {
    auto r = run(*s, q);
    ASSERT_FALSE(r.back().error) << q << ": " << r.back().error->message;
  }
  expect_0a000(*s, "SELECT f(1)", "in SQL functions");
  expect_0a000(*s, "SELECT g(1)", "through a view on a relation with rules");
  expect_0a000(*s, "SELECT p()", "in PL/pgSQL");
  expect_0a000(*s, "SELECT pv()", "through a view on a relation with rules");
  expect_0a000(*s, "INSERT INTO v VALUES (1, 1)", "through a view on a relation with rules");
  expect_0a000(*s, "INSERT INTO vv VALUES (1, 1)", "through a view on a relation with rules");
  expect_0a000(*s, "WITH x AS (INSERT INTO v VALUES (1, 1) RETURNING *) SELECT * FROM x", "through a view");
  EXPECT_EQ(value(*s, "SELECT count(*) FROM t"), "0");
  // Events without rules run: UPDATE through the view, SQL function updating the table.
  run(*s, "CREATE FUNCTION u() RETURNS void LANGUAGE sql AS $$ UPDATE t SET b = 2 $$");
  EXPECT_EQ(value(*s, "SELECT u()::text"), "");
  auto r = run(*s, "UPDATE v SET b = 3");
  EXPECT_FALSE(r.back().error);
  // A rule on the view itself is applied; its base table's rule would be too: 0A000.
  run(*s, "CREATE RULE vr AS ON INSERT TO v DO ALSO INSERT INTO log VALUES (-NEW.a, -NEW.b)");
  expect_0a000(*s, "INSERT INTO v VALUES (1, 1)", "through a view on a relation with rules");
  // A volatile SET expression referenced as NEW (PostgreSQL evaluates it per reference).
  run(*s, "CREATE SEQUENCE sq");
  run(*s, "CREATE RULE ru AS ON UPDATE TO t DO ALSO INSERT INTO log VALUES (NEW.a, NEW.a)");
  run(*s, "INSERT INTO t VALUES (5, 5)");
  expect_0a000(*s, "UPDATE t SET a = nextval('sq')", "volatile");
  EXPECT_EQ(value(*s, "SELECT a FROM t"), "5");
  EXPECT_EQ(value(*s, "SELECT nextval('sq')"), "1");  // the refused statement did not advance it
  EXPECT_EQ(value(*s, "SELECT count(*) FROM log"), "1");
  // EXPLAIN would show (and ANALYZE run) the statement without its rules.
  expect_0a000(*s, "EXPLAIN INSERT INTO t VALUES (1, 1)", "in EXPLAIN");
  expect_0a000(*s, "EXPLAIN ANALYZE INSERT INTO t VALUES (1, 1)", "in EXPLAIN");
  run(*s, "PREPARE pi AS INSERT INTO t VALUES (2, 2)");
  expect_0a000(*s, "EXPLAIN ANALYZE EXECUTE pi", "in EXPLAIN");
  EXPECT_EQ(value(*s, "SELECT count(*) FROM t"), "1");
  run(*s, "EXECUTE pi");  // rewritten: the ALSO rule logs it
  EXPECT_EQ(value(*s, "SELECT count(*) FROM log WHERE a = 2"), "1");
}
