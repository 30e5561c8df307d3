// Session API: parameters, multi-statement strings (implicit transaction, stop at first
// error), transaction status, notices, and persistence of a file database across opens.
#include <gtest/gtest.h>
#include <cstdio>
#include <filesystem>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {
std::vector<StatementResult> run(Session& s, const std::string& sql, const std::vector<TextValue>& p = {}) {
  return s.execute(sql, p);
}
}  // namespace

TEST(Session, ParametersAreTypedFromContext) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE TABLE t (a integer, b text)");
  auto r = run(*s, "INSERT INTO t VALUES ($1, $2) RETURNING a + 1, b", {"41", "x"});
  ASSERT_EQ(r.size(), 1u);
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(r[0].command_tag, "INSERT 0 1");
  EXPECT_EQ(*r[0].rows[0][0], "42");
  EXPECT_EQ(r[0].columns[0].type_oid, 23u);
  r = run(*s, "SELECT a FROM t WHERE a = $1", {"abc"});
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "22P02");
  EXPECT_EQ(r[0].error->message, "invalid input syntax for type integer: \"abc\"");
  r = run(*s, "SELECT $2");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "42P02");
}

TEST(Session, MultiStatementStringIsOneImplicitTransaction) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE TABLE t (a integer)");
  auto r = run(*s, "INSERT INTO t VALUES (1); INSERT INTO t VALUES (1/0); INSERT INTO t VALUES (3)");
  ASSERT_EQ(r.size(), 2u);  // execution stops at the error
  EXPECT_EQ(r[1].error->sqlstate, "22012");
  r = run(*s, "SELECT count(*) FROM t");
  EXPECT_EQ(*r[0].rows[0][0], "0");  // the first INSERT was rolled back with the batch
  EXPECT_EQ(s->transaction_status(), TransactionStatus::Idle);
}

TEST(Session, TransactionStatusAndAbortedBlock) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "BEGIN");
  EXPECT_EQ(s->transaction_status(), TransactionStatus::InBlock);
  run(*s, "SELECT 1/0");
  EXPECT_EQ(s->transaction_status(), TransactionStatus::Failed);
  auto r = run(*s, "SELECT 1");
  EXPECT_EQ(r[0].error->sqlstate, "25P02");
  r = run(*s, "COMMIT");
  EXPECT_EQ(r[0].command_tag, "ROLLBACK");
  EXPECT_EQ(s->transaction_status(), TransactionStatus::Idle);
  r = run(*s, "COMMIT");
  ASSERT_EQ(r[0].notices.size(), 1u);
  EXPECT_EQ(r[0].notices[0].severity, "WARNING");
  EXPECT_EQ(r[0].notices[0].message, "there is no transaction in progress");
}

TEST(Session, SavepointRecoversAbortedBlock) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE TABLE t (a integer)");
  run(*s, "BEGIN; INSERT INTO t VALUES (1); SAVEPOINT sp; INSERT INTO t VALUES (2)");
  run(*s, "SELECT 1/0");
  run(*s, "ROLLBACK TO SAVEPOINT sp");
  EXPECT_EQ(s->transaction_status(), TransactionStatus::InBlock);
  run(*s, "COMMIT");
  auto r = run(*s, "SELECT a FROM t ORDER BY a");
  ASSERT_EQ(r[0].rows.size(), 1u);
  EXPECT_EQ(*r[0].rows[0][0], "1");
}

TEST(Session, FileDatabaseKeepsRowsCatalogAndSequences) {
  auto path = std::filesystem::temp_directory_path() / "pgmicro_session_test.db";
  std::filesystem::remove(path);
  {
    auto db = Database::open(path.string());
    auto s = db->connect();
    run(*s, "CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT, score numeric(5,2))");
    run(*s, "INSERT INTO users (name, score) VALUES ('a', 1.005), ('b', NULL)");
    run(*s, "BEGIN; INSERT INTO users (name) VALUES ('rolled back'); ROLLBACK");
  }
  {
    auto db = Database::open(path.string());
    auto s = db->connect();
    auto r = run(*s, "INSERT INTO users (name) VALUES ('c') RETURNING id");
    ASSERT_FALSE(r[0].error) << r[0].error->message;
    EXPECT_EQ(*r[0].rows[0][0], "4");  // sequences are not rolled back, as in PostgreSQL
    r = run(*s, "SELECT id, name, score FROM users ORDER BY id");
    ASSERT_EQ(r[0].rows.size(), 3u);
    EXPECT_EQ(*r[0].rows[0][2], "1.01");
    EXPECT_EQ(r[0].columns[2].type_oid, 1700u);
  }
  std::filesystem::remove(path);
}

TEST(Session, TwoSessionsShareAnInMemoryDatabase) {
  auto db = Database::open(":memory:");
  auto a = db->connect();
  auto b = db->connect();
  run(*a, "CREATE TABLE t (x integer)");
  run(*a, "INSERT INTO t VALUES (5)");
  auto r = run(*b, "SELECT x FROM t");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "5");
}

TEST(Session, UnsupportedFeaturesAreRefusedWith0A000) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  for (const char* sql : {"SELECT 1 GROUP BY DISTINCT 1", "VALUES (1) ORDER BY 1 FETCH FIRST 1 ROW WITH TIES",
                          "CREATE TYPE rr AS RANGE (subtype = int4)"}) {
    auto r = run(*s, sql);
    ASSERT_TRUE(r[0].error) << sql;
    EXPECT_EQ(r[0].error->sqlstate, "0A000") << sql << ": " << r[0].error->message;
  }
}

// PostgreSQL's data-modifying WITH queries share the statement's snapshot; ours run first, so a
// statement that also reads the modified table is refused rather than answered differently.
TEST(Session, DataModifyingWithOnATableTheStatementReadsIsRefused) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2)");
  auto r = run(*s, "WITH u AS (UPDATE t SET a = a + 10 RETURNING a) SELECT * FROM t");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "0A000");
  r = run(*s, "WITH u AS (UPDATE t SET a = a + 10 RETURNING a) SELECT sum(a) FROM u");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "23");
  r = run(*s, "SELECT sum(a) FROM t");
  EXPECT_EQ(*r[0].rows[0][0], "23");
}

TEST(Session, StatementTimeoutCancelsAndSessionStaysUsable) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "SET statement_timeout = 50");
  auto r = run(*s, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "57014");
  EXPECT_EQ(r[0].error->message, "canceling statement due to statement timeout");
  r = run(*s, "SELECT 1");
  ASSERT_FALSE(r[0].error);
  EXPECT_EQ(*r[0].rows[0][0], "1");
}

TEST(Session, CancelCheckCancelsWithUserRequestAndSessionStaysUsable) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  int polls = 0;
  s->set_cancel_check([&polls] { return ++polls > 3; });
  // Even with a statement_timeout armed, a cancel by the host says "user request".
  run(*s, "SET statement_timeout = '1min'");
  auto r = run(*s, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "57014");
  EXPECT_EQ(r[0].error->message, "canceling statement due to user request");
  EXPECT_EQ(polls, 4);
  s->set_cancel_check({});
  r = run(*s, "SELECT count(*) FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5000) SELECT n FROM r) x");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "5000");
}

TEST(Session, OpenImageAndSerializeRoundTrip) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE TABLE t (id serial PRIMARY KEY, v numeric(6,2)); INSERT INTO t (v) VALUES (1.5), (2.25)");
  std::string image = db->serialize();
  ASSERT_GT(image.size(), 100u);
  EXPECT_EQ(image.compare(0, 15, "SQLite format 3"), 0);
  auto copy = Database::open_image(image);
  auto c = copy->connect();
  auto r = run(*c, "SELECT id, v FROM t ORDER BY id");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  ASSERT_EQ(r[0].rows.size(), 2u);
  EXPECT_EQ(*r[0].rows[1][1], "2.25");
  r = run(*c, "INSERT INTO t (v) VALUES (3) RETURNING id");  // the sequence continues
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "3");
  // A second session on the copy sees the same content; the original is unchanged.
  auto c2 = copy->connect();
  EXPECT_EQ(*run(*c2, "SELECT count(*) FROM t")[0].rows[0][0], "3");
  EXPECT_EQ(*run(*s, "SELECT count(*) FROM t")[0].rows[0][0], "2");
  auto fresh = Database::open_image("");  // a fresh database; its image opens again
  EXPECT_FALSE(run(*Database::open_image(fresh->serialize())->connect(), "SELECT 1")[0].error);
  EXPECT_THROW(Database::open_image(std::string(4096, 'x')), DatabaseOpenError);
}

TEST(Session, PreparedStatementCacheSurvivesSchemaChanges) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  run(*s, "CREATE TABLE t (a integer)");
  for (int i = 0; i < 3; i++) run(*s, "INSERT INTO t VALUES ($1)", {std::to_string(i)});
  run(*s, "DROP TABLE t");
  run(*s, "CREATE TABLE t (a integer, b text DEFAULT 'x')");
  auto r = run(*s, "INSERT INTO t VALUES ($1) RETURNING a, b", {"7"});
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][1], "x");
  r = run(*s, "SELECT count(*) FROM t");
  EXPECT_EQ(*r[0].rows[0][0], "1");
}

// The plan cache (a repeated single-statement text skips parse/analyse/lower) must follow the
// schema: DDL in this session, catalog-only changes, and DDL from another session.
TEST(Session, CachedPlansFollowSchemaChanges) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  auto s2 = db->connect();
  run(*s, "CREATE TABLE t (a integer)");
  run(*s, "INSERT INTO t VALUES (1)");
  const std::string q = "SELECT * FROM t";
  EXPECT_EQ(run(*s, q)[0].columns.size(), 1u);
  EXPECT_EQ(run(*s, q)[0].columns.size(), 1u);  // from the cache
  run(*s, "ALTER TABLE t ADD COLUMN b text DEFAULT 'x'");
  auto r = run(*s, q);
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  ASSERT_EQ(r[0].columns.size(), 2u);
  EXPECT_EQ(*r[0].rows[0][1], "x");
  // A catalog-only change (a column default) seen by a cached INSERT.
  const std::string ins = "INSERT INTO t (a) VALUES ($1) RETURNING b";
  EXPECT_EQ(*run(*s, ins, {"2"})[0].rows[0][0], "x");
  run(*s, "ALTER TABLE t ALTER COLUMN b SET DEFAULT 'y'");
  EXPECT_EQ(*run(*s, ins, {"3"})[0].rows[0][0], "y");
  // DDL from another session.
  EXPECT_EQ(run(*s2, q)[0].columns.size(), 2u);
  run(*s2, "ALTER TABLE t DROP COLUMN b");
  r = run(*s, q);
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(r[0].columns.size(), 1u);
  r = run(*s, ins, {"4"});
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "42703");
  run(*s, "DROP TABLE t");
  r = run(*s, q);
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "42P01");
  // An aborted block refuses a cached statement too.
  run(*s, "CREATE TABLE u (a integer)");
  run(*s, "SELECT * FROM u");
  run(*s, "BEGIN; SELECT 1/0");
  r = run(*s, "SELECT * FROM u");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "25P02");
  run(*s, "ROLLBACK");
}

// Foreign keys live in the catalog of the file: enforced by every session and after reopening.
TEST(Session, ForeignKeysAcrossSessionsAndReopen) {
  auto path = (std::filesystem::temp_directory_path() / "pgmicro_fk_test.db").string();
  std::remove(path.c_str());
  {
    auto db = Database::open(path);
    auto s = db->connect();
    auto s2 = db->connect();
    run(*s, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int REFERENCES p ON DELETE CASCADE)");
    run(*s, "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1)");
    auto r = run(*s2, "INSERT INTO c VALUES (2)");
    ASSERT_TRUE(r[0].error);
    EXPECT_EQ(r[0].error->sqlstate, "23503");
    EXPECT_EQ(r[0].error->detail, "Key (p)=(2) is not present in table \"p\".");
  }
  {
    auto db = Database::open(path);
    auto s = db->connect();
    auto r = run(*s, "INSERT INTO c VALUES (3)");
    ASSERT_TRUE(r[0].error);
    EXPECT_EQ(r[0].error->sqlstate, "23503");
    run(*s, "DELETE FROM p");
    EXPECT_EQ(*run(*s, "SELECT count(*) FROM c")[0].rows[0][0], "0");
  }
  std::remove(path.c_str());
}
