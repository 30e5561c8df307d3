// The SQLite dialect on a session (engine/session/sqlite_dialect.cpp): SET pgmicro.dialect and
// Dialect::Sqlite per call, column types from SQLite's storage classes, parameters, one
// transaction state with the PostgreSQL dialect, tables created through SQLite seen by the
// PostgreSQL dialect (typed from declared types), DDL on catalog-managed tables refused, and the
// dump (format/dump.h) of what both dialects made.
#include <gtest/gtest.h>
#include "format/dump.h"
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {
StatementResult one(Session& s, const std::string& sql, Dialect d = Dialect::Session, const std::vector<TextValue>& p = {}) {
  auto r = s.execute(sql, p, d);
  EXPECT_FALSE(r.empty());
  return r.empty() ? StatementResult{} : r.back();
}
std::string cell(const StatementResult& r, size_t row = 0, size_t col = 0) {
  if (r.error) return "ERROR " + r.error->sqlstate + ": " + r.error->message;
  if (row >= r.rows.size() || col >= r.rows[row].size()) return "<missing>";
  return r.rows[row][col] ? *r.rows[row][col] : "NULL";
}
}  // namespace

TEST(SqliteDialect, SetShowAndResetSwitchTheSession) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  EXPECT_EQ(s->dialect(), Dialect::Postgres);
  auto r = one(*s, "SET pgmicro.dialect = 'sqlite'");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(s->dialect(), Dialect::Sqlite);
  EXPECT_EQ(cell(one(*s, "SHOW pgmicro.dialect")), "sqlite");
  // SQLite-only syntax now parses; SET back to postgres mid-script makes the rest PostgreSQL.
  auto rs = s->execute("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v); SET pgmicro.dialect = 'postgres'; "
                       "SELECT 1::int + 1");
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].command_tag, "CREATE TABLE");
  EXPECT_EQ(cell(rs[2]), "2");
  EXPECT_EQ(s->dialect(), Dialect::Postgres);
  r = one(*s, "SET pgmicro.dialect = 'mysql'");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "22023");
  one(*s, "SET pgmicro.dialect = 'SQLite'");
  EXPECT_EQ(s->dialect(), Dialect::Sqlite);
  one(*s, "RESET pgmicro.dialect");
  EXPECT_EQ(s->dialect(), Dialect::Postgres);
}

TEST(SqliteDialect, ValuesAndColumnTypesFollowSqliteStorageClasses) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  auto r = one(*s, "SELECT 1, 3000000000, 2.5, 'a', x'00ff', NULL, typeof(1.0), 1e308 * 10", Dialect::Sqlite);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.command_tag, "SELECT 1");
  ASSERT_EQ(r.columns.size(), 8u);
  EXPECT_EQ(r.columns[0].type_oid, 23u);   // integer
  EXPECT_EQ(r.columns[1].type_oid, 20u);   // bigint: beyond int4
  EXPECT_EQ(r.columns[2].type_oid, 701u);  // double precision
  EXPECT_EQ(r.columns[3].type_oid, 25u);
  EXPECT_EQ(r.columns[4].type_oid, 17u);   // bytea
  EXPECT_EQ(r.columns[5].type_oid, 25u);   // only NULLs: text
  EXPECT_EQ(cell(r, 0, 1), "3000000000");
  EXPECT_EQ(cell(r, 0, 2), "2.5");
  EXPECT_EQ(cell(r, 0, 4), "\\x00ff");
  EXPECT_EQ(cell(r, 0, 5), "NULL");
  EXPECT_EQ(cell(r, 0, 6), "real");
  EXPECT_EQ(cell(r, 0, 7), "Infinity");
  // A column mixing storage classes is text; integers and reals together are double precision.
  r = one(*s, "SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 'b') ORDER BY 1", Dialect::Sqlite);
  EXPECT_EQ(r.columns[0].type_oid, 25u);
  EXPECT_EQ(cell(r, 0), "1");
  r = one(*s, "SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 0.5)", Dialect::Sqlite);
  EXPECT_EQ(r.columns[0].type_oid, 701u);
}

TEST(SqliteDialect, ParametersAndCommandTags) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  one(*s, "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER)", Dialect::Sqlite);
  auto r = one(*s, "INSERT INTO kv VALUES (?, ?), ($3, $4)", Dialect::Sqlite, {"a", "1", "b", std::nullopt});
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.command_tag, "INSERT 0 2");
  r = one(*s, "UPDATE kv SET v = ?2 WHERE k = ?1 RETURNING v, typeof(v)", Dialect::Sqlite, {"b", "7"});
  EXPECT_EQ(r.command_tag, "UPDATE 1");
  EXPECT_EQ(cell(r, 0, 0), "7");
  EXPECT_EQ(cell(r, 0, 1), "integer");  // bound as TEXT, converted by the column's affinity
  r = one(*s, "SELECT ?3", Dialect::Sqlite, {"x"});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "42P02");
  r = one(*s, "DELETE FROM kv", Dialect::Sqlite);
  EXPECT_EQ(r.command_tag, "DELETE 2");
  r = one(*s, "SELEC 1", Dialect::Sqlite);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "42601");
  r = one(*s, "SELECT * FROM nope", Dialect::Sqlite);
  EXPECT_EQ(r.error->sqlstate, "42P01");
}

TEST(SqliteDialect, OneTransactionStateWithThePostgresDialect) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  one(*s, "CREATE TABLE t (a integer)");
  one(*s, "BEGIN");
  one(*s, "INSERT INTO t VALUES (1)", Dialect::Sqlite);
  EXPECT_EQ(s->transaction_status(), TransactionStatus::InBlock);
  EXPECT_EQ(cell(one(*s, "SELECT count(*) FROM t")), "1");
  one(*s, "ROLLBACK", Dialect::Sqlite);
  EXPECT_EQ(s->transaction_status(), TransactionStatus::Idle);
  EXPECT_EQ(cell(one(*s, "SELECT count(*) FROM t")), "0");
  // SQLite's own BEGIN IMMEDIATE opens the session's block; an error in it fails the block.
  one(*s, "BEGIN IMMEDIATE", Dialect::Sqlite);
  EXPECT_EQ(s->transaction_status(), TransactionStatus::InBlock);
  one(*s, "INSERT INTO t VALUES (2)", Dialect::Sqlite);
  EXPECT_TRUE(one(*s, "INSERT INTO nope VALUES (1)", Dialect::Sqlite).error);
  EXPECT_EQ(s->transaction_status(), TransactionStatus::Failed);
  EXPECT_EQ(one(*s, "SELECT 1", Dialect::Sqlite).error->sqlstate, "25P02");
  EXPECT_EQ(one(*s, "COMMIT").command_tag, "ROLLBACK");
  EXPECT_EQ(s->transaction_status(), TransactionStatus::Idle);
  // Savepoints are one list.
  one(*s, "BEGIN", Dialect::Sqlite);
  one(*s, "SAVEPOINT sp", Dialect::Sqlite);
  one(*s, "INSERT INTO t VALUES (3)");
  auto r = one(*s, "ROLLBACK TO SAVEPOINT sp");
  ASSERT_FALSE(r.error) << r.error->message;
  one(*s, "INSERT INTO t VALUES (4)", Dialect::Sqlite);
  one(*s, "COMMIT", Dialect::Sqlite);
  r = one(*s, "SELECT a FROM t ORDER BY a");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(cell(r), "4");
}

TEST(SqliteDialect, TablesMadeThroughSqliteAreTypedFromDeclaredTypes) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  auto r = one(*s,
               "CREATE TABLE plain (i INTEGER, t TEXT, r REAL, b BLOB, n NUMERIC, v VARCHAR(20), dt DATETIME, "
               "f BOOLEAN, d DATE, u); INSERT INTO plain VALUES (5, 'x', 1.5, x'01', 2.5, 'vv', '2024-01-02 03:04:05', 1, "
               "'2024-03-04', 'any')",
               Dialect::Sqlite);
  ASSERT_FALSE(r.error) << r.error->message;
  r = one(*s, "SELECT i + 1, t || '!', r * 2, b, n * 2, v, dt + interval '1 day', NOT f, d + 1, u FROM plain WHERE i > 1");
  ASSERT_FALSE(r.error) << r.error->message;
  std::vector<Oid> want = {23, 25, 701, 17, 701, 1043, 1114, 16, 1082, 25};
  for (size_t i = 0; i < want.size(); i++) EXPECT_EQ(r.columns[i].type_oid, want[i]) << "column " << i;
  EXPECT_EQ(cell(r, 0, 0), "6");
  EXPECT_EQ(cell(r, 0, 2), "3");
  EXPECT_EQ(cell(r, 0, 3), "\\x01");
  EXPECT_EQ(cell(r, 0, 4), "5");
  EXPECT_EQ(cell(r, 0, 6), "2024-01-03 03:04:05");
  EXPECT_EQ(cell(r, 0, 7), "f");
  EXPECT_EQ(cell(r, 0, 8), "2024-03-05");
  // Written through the PostgreSQL dialect, read back through SQLite.
  r = one(*s, "INSERT INTO plain (i, t) VALUES (7, 'pg') RETURNING i");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(cell(one(*s, "SELECT typeof(i), t FROM plain WHERE i = 7", Dialect::Sqlite)), "integer");
}

TEST(SqliteDialect, DdlOnCatalogManagedTablesIsRefused) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  one(*s, "CREATE TABLE pg (id serial PRIMARY KEY, name text NOT NULL)");
  one(*s, "CREATE SEQUENCE seq");
  one(*s, "CREATE VIEW vw AS SELECT id FROM pg");
  for (const char* sql : {"DROP TABLE pg", "ALTER TABLE pg ADD COLUMN x", "ALTER TABLE pg RENAME TO pg2",
                          "CREATE INDEX pg_name ON pg(name)", "DELETE FROM _pgmicro_class", "DROP TABLE _pgmicro_attribute",
                          "PRAGMA writable_schema = 1", "PRAGMA schema_version = 1"}) {
    auto r = one(*s, sql, Dialect::Sqlite);
    ASSERT_TRUE(r.error) << sql;
    EXPECT_EQ(r.error->sqlstate, "0A000") << sql;
  }
  auto r = one(*s, "CREATE TABLE vw (a)", Dialect::Sqlite);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "42P07");
  EXPECT_TRUE(one(*s, "CREATE TABLE seq (a)", Dialect::Sqlite).error);
  // DML is SQLite's: no PostgreSQL defaults, but NOT NULL still holds (the session's checks).
  r = one(*s, "INSERT INTO pg (id, name) VALUES (1, 'a')", Dialect::Sqlite);
  ASSERT_FALSE(r.error) << r.error->message;
  r = one(*s, "INSERT INTO pg (id) VALUES (2)", Dialect::Sqlite);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "23502");
  // The catalog is intact: the PostgreSQL dialect still sees the table, sequence and view.
  EXPECT_EQ(cell(one(*s, "SELECT count(*) FROM vw")), "1");
  EXPECT_EQ(cell(one(*s, "SELECT nextval('seq')")), "1");
  // A plain table made through SQLite may be altered and dropped there.
  one(*s, "CREATE TABLE mine (a)", Dialect::Sqlite);
  EXPECT_FALSE(one(*s, "ALTER TABLE mine ADD COLUMN b INTEGER", Dialect::Sqlite).error);
  EXPECT_EQ(one(*s, "SELECT b FROM mine").columns[0].type_oid, 23u);
  EXPECT_FALSE(one(*s, "DROP TABLE mine", Dialect::Sqlite).error);
  EXPECT_EQ(one(*s, "SELECT * FROM mine").error->sqlstate, "42P01");
}

TEST(SqliteDialect, DumpCoversBothDialectsTables) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  one(*s, "CREATE TABLE pg (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO pg (name) VALUES ('a''b')");
  one(*s, "CREATE TABLE lite (x INTEGER NOT NULL, y TEXT); INSERT INTO lite VALUES (1, NULL)", Dialect::Sqlite);
  std::string out, err;
  ASSERT_TRUE(format::dump_database(*s, out, err)) << err;
  EXPECT_NE(out.find("CREATE TABLE \"pg\" (\n    \"id\" serial,\n    \"name\" text NOT NULL,\n    CONSTRAINT \"pg_pkey\" PRIMARY KEY (\"id\")\n);"), std::string::npos) << out;
  EXPECT_NE(out.find("CREATE TABLE \"lite\" (\n    \"x\" integer NOT NULL,\n    \"y\" text\n);"), std::string::npos) << out;
  EXPECT_NE(out.find("INSERT INTO \"pg\" (\"id\", \"name\") VALUES ('1', 'a''b');"), std::string::npos) << out;
  EXPECT_NE(out.find("INSERT INTO \"lite\" (\"x\", \"y\") VALUES ('1', NULL);"), std::string::npos) << out;
  EXPECT_NE(out.find("SELECT pg_catalog.setval('pg_id_seq', 1, true);"), std::string::npos) << out;
  // It loads into a fresh database with the same contents.
  auto db2 = Database::open(":memory:");
  auto s2 = db2->connect();
  for (auto& r : s2->execute(out)) ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(cell(one(*s2, "SELECT name FROM pg")), "a'b");
  EXPECT_EQ(cell(one(*s2, "INSERT INTO pg (name) VALUES ('c') RETURNING id")), "2");
  EXPECT_EQ(cell(one(*s2, "SELECT count(*) FROM lite WHERE y IS NULL")), "1");
}

TEST(SqliteDialect, PlainTablesWithoutACatalogKeepSqliteConstraintsAndDrop) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  one(*s, "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", Dialect::Sqlite);
  auto r = one(*s, "INSERT INTO p (id) VALUES (1)");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "23502");
  EXPECT_EQ(r.error->message, "null value in column \"name\" of relation \"p\" violates not-null constraint");
  one(*s, "INSERT INTO p VALUES (1, 'a')");
  r = one(*s, "INSERT INTO p VALUES (1, 'b')");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "23505");
  // No _pgmicro_* tables exist yet: DROP TABLE in the PostgreSQL dialect drops just the table.
  r = one(*s, "DROP TABLE p");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(cell(one(*s, "SELECT count(*) FROM sqlite_schema", Dialect::Sqlite)), "0");
}

TEST(SqliteDialect, APostgresScriptSwitchingToSqliteRunsTheRestAsSqlite) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  // Parses whole as PostgreSQL: the statements after the SET are handed to SQLite.
  auto rs = s->execute("SELECT 1; SET pgmicro.dialect = 'sqlite'; SELECT typeof(1)");
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(cell(rs[2]), "integer");
  EXPECT_EQ(s->dialect(), Dialect::Sqlite);
  one(*s, "RESET pgmicro.dialect");
  // SQLite-only syntax after the switch: the script runs statement by statement.
  rs = s->execute("CREATE TABLE a (x int); SET pgmicro.dialect = 'sqlite'; "
                  "CREATE TABLE b (id INTEGER PRIMARY KEY AUTOINCREMENT, y); INSERT INTO b (y) VALUES (1); "
                  "SET pgmicro.dialect = 'postgres'; SELECT y::int + 1 FROM b");
  ASSERT_EQ(rs.size(), 6u);
  for (auto& r : rs) EXPECT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(cell(rs[5]), "2");
  EXPECT_EQ(s->dialect(), Dialect::Postgres);
  // A script that neither parses nor switches keeps PostgreSQL's syntax error.
  auto r = one(*s, "CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT)");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "42601");
}

TEST(SqliteDialect, PgmicroInternalsAndAttachAreNotReachable) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  one(*s, "CREATE TABLE t (a integer NOT NULL, b int[] CHECK (a > 0))");
  for (const char* sql : {"SELECT pg_numeric_cmp(x'00', 'abc')", "SELECT * FROM pg_unnest('[1]', 23)",
                          "SELECT pg_nextval(1)", "ATTACH ':memory:' AS other"}) {
    auto r = one(*s, sql, Dialect::Sqlite);
    ASSERT_TRUE(r.error) << sql;
    EXPECT_EQ(r.error->sqlstate, "0A000") << sql;
  }
  // The session's own triggers still call them: NOT NULL and CHECK hold for SQLite DML.
  EXPECT_EQ(one(*s, "INSERT INTO t (b) VALUES ('[]')", Dialect::Sqlite).error->sqlstate, "23502");
  EXPECT_EQ(one(*s, "INSERT INTO t VALUES (-1, '[]')", Dialect::Sqlite).error->sqlstate, "23514");
  EXPECT_FALSE(one(*s, "INSERT INTO t VALUES (1, '[2]')", Dialect::Sqlite).error);
  EXPECT_EQ(cell(one(*s, "SELECT b[1] FROM t")), "2");
  // A SQLite table whose name starts with pg_ is an ordinary table.
  one(*s, "CREATE TABLE pg_mine (x)", Dialect::Sqlite);
  EXPECT_FALSE(one(*s, "SELECT * FROM pg_mine", Dialect::Sqlite).error);
}

TEST(SqliteDialect, StatementTimeoutAndCancelApply) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  one(*s, "SET statement_timeout = '100ms'");
  auto r = one(*s, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", Dialect::Sqlite);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "57014");
  EXPECT_EQ(r.error->message, "canceling statement due to statement timeout");
  one(*s, "RESET statement_timeout");
  int polls = 0;
  s->set_cancel_check([&] { return ++polls > 3; });
  r = one(*s, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", Dialect::Sqlite);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "canceling statement due to user request");
  s->set_cancel_check({});
  EXPECT_EQ(cell(one(*s, "SELECT 1", Dialect::Sqlite)), "1");
}

// Fuzz finding: a script that mentions pgmicro.dialect but is one unparsable statement used to
// be split again and again (stack overflow); it must get its syntax error, the session usable.
TEST(SqliteDialect, UnparsableScriptMentioningTheDialectGetsItsSyntaxError) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  auto r = one(*s, "SEP search_path = 'my_schema', ppgmicro.dialectublic;");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->sqlstate, "42601");
  auto rs = s->execute("SELECT 1; SET pgmicro.dialect = 'sqlite'; SELEC 2; SELECT 3");
  ASSERT_FALSE(rs.empty());
  EXPECT_EQ(cell(rs[0]), "1");
  EXPECT_TRUE(rs.back().error);
  one(*s, "RESET pgmicro.dialect");
  EXPECT_EQ(cell(one(*s, "SELECT 40 + 2")), "42");
}
