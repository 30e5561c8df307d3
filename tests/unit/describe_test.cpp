// Session::describe (Parse + Describe of the extended query protocol) and
// Session::execute_with_types, compared with what PostgreSQL 15 reports for the same schema
// (ParameterDescription, RowDescription with table OID and column number, or the Parse error;
// the expectations were taken from a PostgreSQL 15 server over the wire protocol).
#include <gtest/gtest.h>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {

const char* kSchema =
    "CREATE DOMAIN posint AS int4 CHECK (VALUE > 0);"
    "CREATE TABLE t (id int4 PRIMARY KEY, name text, price numeric(10,2), tags text[], v varchar(20), ts timestamptz,"
    " qty posint);"
    "CREATE TABLE u (id bigint, t_id int4, note text, flag boolean);"
    "CREATE VIEW tv AS SELECT id, name, price * 2 AS dbl FROM t;"
    "CREATE TABLE pt (k int, v text) PARTITION BY RANGE (k);"
    "CREATE TABLE pt1 PARTITION OF pt FOR VALUES FROM (0) TO (100);"
    "CREATE TABLE par (a int, b text);"
    "CREATE TABLE chi (c int) INHERITS (par);";

struct Case {
  const char* sql;
  std::vector<Oid> types;
  const char* expected;  // params OIDs | row name:type:typmod:relation:attnum ... | nodata | error CODE message @position
};

const Case kCases[] = {
    {"SELECT $1 + 1", {}, "params 23 | row ?column?:23:-1:0:0"},
    {"SELECT * FROM t WHERE name = $1", {}, "params 25 | row id:23:-1:t:1 name:25:-1:t:2 price:1700:655366:t:3 tags:1009:-1:t:4 v:1043:24:t:5 ts:1184:-1:t:6 qty:23:-1:t:7"},
    {"SELECT id, name AS n, price + 1 AS p1, qty FROM t WHERE id = $1 AND v = $2", {}, "params 23,25 | row id:23:-1:t:1 n:25:-1:t:2 p1:1700:-1:0:0 qty:23:-1:t:7"},
    {"SELECT x.id, x.note FROM (SELECT * FROM u) x WHERE x.t_id > $1", {}, "params 23 | row id:20:-1:u:1 note:25:-1:u:3"},
    {"SELECT tv.id, tv.dbl, tv.name FROM tv WHERE tv.dbl > $1", {}, "params 1700 | row id:23:-1:tv:1 dbl:1700:-1:tv:3 name:25:-1:tv:2"},
    {"SELECT t.id, u.note FROM t JOIN u ON u.t_id = t.id WHERE u.id > $1", {}, "params 20 | row id:23:-1:t:1 note:25:-1:u:3"},
    {"SELECT id FROM t JOIN u USING (id)", {}, "params  | row id:20:-1:u:1"},
    {"SELECT * FROM t ORDER BY id LIMIT $1 OFFSET $2", {}, "params 20,20 | row id:23:-1:t:1 name:25:-1:t:2 price:1700:655366:t:3 tags:1009:-1:t:4 v:1043:24:t:5 ts:1184:-1:t:6 qty:23:-1:t:7"},
    {"SELECT * FROM t ORDER BY $1", {}, "params 25 | row id:23:-1:t:1 name:25:-1:t:2 price:1700:655366:t:3 tags:1009:-1:t:4 v:1043:24:t:5 ts:1184:-1:t:6 qty:23:-1:t:7"},
    {"SELECT count(*) AS n, name FROM t GROUP BY name HAVING count(*) > $1", {}, "params 20 | row n:20:-1:0:0 name:25:-1:t:2"},
    {"SELECT $1::int8, $2::text, CAST($3 AS date), $4::varchar(5), $5::numeric(8,3)", {}, "params 20,25,1082,1043,1700 | row int8:20:-1:0:0 text:25:-1:0:0 date:1082:-1:0:0 varchar:1043:9:0:0 numeric:1700:524295:0:0"},
    {"SELECT length($1), lower($2), substr($3, $4), coalesce($5, 5)", {}, "params 25,25,25,23,23 | row length:23:-1:0:0 lower:25:-1:0:0 substr:25:-1:0:0 coalesce:23:-1:0:0"},
    {"SELECT generate_series(1, $1)", {}, "params 23 | row generate_series:23:-1:0:0"},
    {"SELECT json_build_object('a', $1::int)", {}, "params 23 | row json_build_object:114:-1:0:0"},
    {"SELECT now() - $1", {}, "params 1184 | row ?column?:1186:-1:0:0"},
    {"SELECT $1 || 'x', $2 LIKE 'a%', $3 BETWEEN 1 AND 10", {}, "params 25,25,23 | row ?column?:25:-1:0:0 ?column?:16:-1:0:0 ?column?:16:-1:0:0"},
    {"SELECT id FROM t WHERE id IN ($1, $2) OR id = ANY($3)", {}, "params 23,23,1007 | row id:23:-1:t:1"},
    {"SELECT * FROM t WHERE tags @> $1", {}, "params 1009 | row id:23:-1:t:1 name:25:-1:t:2 price:1700:655366:t:3 tags:1009:-1:t:4 v:1043:24:t:5 ts:1184:-1:t:6 qty:23:-1:t:7"},
    {"SELECT $1", {}, "params 25 | row ?column?:25:-1:0:0"},
    {"SELECT $1 = $2", {}, "params 25,25 | row ?column?:16:-1:0:0"},
    {"SELECT CASE WHEN $1 THEN 'a' ELSE $2 END", {}, "params 16,25 | row case:25:-1:0:0"},
    {"SELECT EXISTS (SELECT 1 FROM u WHERE u.t_id = $1)", {}, "params 23 | row exists:16:-1:0:0"},
    {"SELECT (SELECT max(id) FROM t) + $1", {}, "params 23 | row ?column?:23:-1:0:0"},
    {"SELECT $1 UNION SELECT 2", {}, "params 23 | row ?column?:23:-1:0:0"},
    {"VALUES ($1, 1), ('a', $2)", {}, "params 25,23 | row column1:25:-1:0:0 column2:23:-1:0:0"},
    {"WITH c AS (SELECT id, name FROM t WHERE price > $1) SELECT * FROM c WHERE id = $2", {}, "params 1700,23 | row id:23:-1:t:1 name:25:-1:t:2"},
    {"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < $1) SELECT n FROM r", {}, "params 23 | row n:23:-1:0:0"},
    {"INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7)", {}, "params 23,25,1700,1009,1043,1184,posint | nodata"},
    {"INSERT INTO u (note, id) VALUES ($1, $2) RETURNING *", {}, "params 25,20 | row id:20:-1:u:1 t_id:23:-1:u:2 note:25:-1:u:3 flag:16:-1:u:4"},
    {"INSERT INTO t (id) SELECT $1", {}, "params 23 | nodata"},
    {"INSERT INTO t (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = $3 RETURNING id, name || '!' AS bang", {}, "params 23,25,25 | row id:23:-1:t:1 bang:25:-1:0:0"},
    {"UPDATE t SET price = $1 WHERE id = $2 RETURNING id, price * 2 AS dbl", {}, "params 1700,23 | row id:23:-1:t:1 dbl:1700:-1:0:0"},
    {"UPDATE t SET v = $1, tags = $2 WHERE name LIKE $3", {}, "params 1043,1009,25 | nodata"},
    {"UPDATE u SET note = $1 FROM t WHERE t.id = u.t_id AND t.name = $2 RETURNING u.id, u.note", {}, "params 25,25 | row id:20:-1:u:1 note:25:-1:u:3"},
    {"DELETE FROM t WHERE ts < $1 RETURNING *", {}, "params 1184 | row id:23:-1:t:1 name:25:-1:t:2 price:1700:655366:t:3 tags:1009:-1:t:4 v:1043:24:t:5 ts:1184:-1:t:6 qty:23:-1:t:7"},
    {"DELETE FROM u WHERE flag = $1", {}, "params 16 | nodata"},
    {"SELECT $1::posint", {}, "params posint | row posint:23:-1:0:0"},
    {"INSERT INTO pt VALUES ($1, $2) RETURNING k", {}, "params 23,25 | row k:23:-1:pt:1"},
    {"UPDATE par SET b = $1 WHERE a = $2 RETURNING *", {}, "params 25,23 | row a:23:-1:par:1 b:25:-1:par:2"},
    {"SELECT relname, relkind FROM pg_class WHERE oid = $1", {}, "params 26 | row relname:19:-1:pg_class:2 relkind:18:-1:pg_class:17"},
    {"SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1", {},
     "params 19 | row relname:19:-1:pg_class:2"},
    {"SELECT * FROM pt WHERE k < $1", {}, "params 23 | row k:23:-1:pt:1 v:25:-1:pt:2"},
    {"SELECT row_number() OVER (ORDER BY id) FROM t LIMIT $1", {}, "params 20 | row row_number:20:-1:0:0"},
    {"SELECT 1 WHERE $1 IS NULL", {}, "error 42P18 could not determine data type of parameter $1"},
    {"SELECT $2::int", {}, "error 42P18 could not determine data type of parameter $1"},
    {"SELECT 1; SELECT 2", {}, "error 42601 cannot insert multiple commands into a prepared statement"},
    {"SELECT nope FROM t", {}, "error 42703 column \"nope\" does not exist @8"},
    {"SELECT * FROM nosuch", {}, "error 42P01 relation \"nosuch\" does not exist @15"},
    {"SELEC 1", {}, "error 42601 syntax error at or near \"SELEC\" @1"},
    {"SELECT $1 = 1 AND $1 = 'a'::text", {}, "error 42883 operator does not exist: integer = text @22"},
    {"BEGIN", {}, "params  | nodata"},
    {"SET search_path = public", {}, "params  | nodata"},
    {"CREATE TABLE zz (a int)", {}, "params  | nodata"},
    {"SHOW timezone", {}, "params  | row TimeZone:25:-1:0:0"},
    {"SHOW ALL", {}, "params  | row name:25:-1:0:0 setting:25:-1:0:0 description:25:-1:0:0"},
    {"EXPLAIN SELECT * FROM t WHERE id = $1", {}, "params 23 | row QUERY PLAN:25:-1:0:0"},
    {"DECLARE c CURSOR FOR SELECT * FROM t WHERE id = $1", {}, "params 23 | nodata"},
    {"CREATE TABLE zz AS SELECT $1::int AS a", {}, "params 23 | nodata"},
    {"SELECT $1::text INTO zz2", {}, "params 25 | nodata"},
    {"EXECUTE nosuch", {}, "params  | nodata"},
    {"SELECT $1", {25}, "params 25 | row ?column?:25:-1:0:0"},
    {"SELECT $1", {25,0}, "error 42P18 could not determine data type of parameter $2"},
    {"BEGIN", {0}, "error 42P18 could not determine data type of parameter $1"},
    {"SELECT * FROM t WHERE name = $1", {23}, "error 42883 operator does not exist: text = integer @28"},
    {"SELECT * FROM t WHERE id = $1", {20}, "params 20 | row id:23:-1:t:1 name:25:-1:t:2 price:1700:655366:t:3 tags:1009:-1:t:4 v:1043:24:t:5 ts:1184:-1:t:6 qty:23:-1:t:7"},
    {"SELECT * FROM t WHERE id = $1", {1043}, "error 42883 operator does not exist: integer = character varying @26"},
    {"SELECT $1, $2::text", {23}, "params 23,25 | row ?column?:23:-1:0:0 text:25:-1:0:0"},
};

std::string one(Session& s, const std::string& sql) {
  auto r = s.execute(sql);
  if (r.empty() || r.back().error || r.back().rows.empty() || !r.back().rows[0][0]) return "?";
  return *r.back().rows[0][0];
}

// The description in the expectations' notation (relations and the domain by name).
std::string show(Session& s, const StatementDescription& d) {
  if (d.error) {
    std::string e = "error " + d.error->sqlstate + " " + d.error->message;
    if (d.error->position) e += " @" + std::to_string(d.error->position);
    return e;
  }
  std::string out = "params ";
  for (size_t i = 0; i < d.param_types.size(); i++) {
    Oid t = d.param_types[i];
    out += (i ? "," : "") + (t > 16383 ? one(s, "SELECT typname FROM pg_type WHERE oid = " + std::to_string(t)) : std::to_string(t));
  }
  out += " | ";
  if (!d.returns_rows) return out + "nodata";
  out += "row";
  for (auto& c : d.columns) {
    std::string rel = c.table_oid ? one(s, "SELECT relname FROM pg_class WHERE oid = " + std::to_string(c.table_oid)) : "0";
    out += " " + c.name + ":" + std::to_string(c.type_oid) + ":" + std::to_string(c.typmod) + ":" + rel + ":" +
           std::to_string(c.column_number);
  }
  return out;
}

}  // namespace

TEST(Describe, MatchesPostgres) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  auto r = s->execute(kSchema);
  ASSERT_FALSE(r.back().error) << r.back().error->message;
  for (const Case& c : kCases) {
    StatementDescription d = s->describe(c.sql, c.types);
    EXPECT_EQ(show(*s, d), c.expected) << c.sql;
  }
}

TEST(Describe, HasNoSideEffects) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  s->execute("CREATE TABLE t (a int)");
  for (const char* sql : {"INSERT INTO t VALUES ($1)", "CREATE TABLE z (b int)", "DROP TABLE t", "BEGIN",
                          "SET search_path = nowhere", "DELETE FROM t"}) {
    auto d = s->describe(sql, {23});
    EXPECT_FALSE(d.error) << sql << ": " << d.error->message;
  }
  s->execute("INSERT INTO t VALUES (1)");
  EXPECT_EQ(s->transaction_status(), TransactionStatus::Idle);
  auto r = s->execute("SELECT count(*), current_setting('search_path'), to_regclass('z') IS NULL FROM t");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "1");
  EXPECT_EQ(*r[0].rows[0][1], "\"$user\", public");
  EXPECT_EQ(*r[0].rows[0][2], "t");
}

TEST(Describe, FailedTransactionAndCursors) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  s->execute("CREATE TABLE t (a int, b text)");
  s->execute("BEGIN");
  s->execute("DECLARE c CURSOR FOR SELECT b, a FROM t");
  auto d = s->describe("FETCH 1 FROM c", {});
  ASSERT_FALSE(d.error);
  ASSERT_TRUE(d.returns_rows);
  ASSERT_EQ(d.columns.size(), 2u);
  EXPECT_EQ(d.columns[0].name, "b");
  EXPECT_EQ(d.columns[1].type_oid, 23u);
  EXPECT_FALSE(s->describe("MOVE 1 IN c", {}).returns_rows);
  s->execute("SELECT 1/0");
  d = s->describe("SELECT 1", {});
  ASSERT_TRUE(d.error);
  EXPECT_EQ(d.error->sqlstate, "25P02");
  d = s->describe("ROLLBACK", {});
  EXPECT_FALSE(d.error);
  s->execute("ROLLBACK");
  s->execute("PREPARE p AS SELECT a, b FROM t");
  d = s->describe("EXECUTE p", {});
  ASSERT_TRUE(d.returns_rows);
  EXPECT_EQ(d.columns[1].name, "b");
  EXPECT_EQ(d.columns[1].column_number, 2);
}

TEST(Describe, MergeParametersAreCounted) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  s->execute("CREATE TABLE t (a int, b text)");
  auto d = s->describe("MERGE INTO t USING (SELECT 1 AS a) s ON t.a = s.a WHEN MATCHED THEN UPDATE SET b = $2 "
                       "WHEN NOT MATCHED THEN INSERT VALUES ($1, 'x')", {23});
  ASSERT_FALSE(d.error) << d.error->message;
  EXPECT_EQ(d.param_types, (std::vector<Oid>{23, 25}));
  EXPECT_FALSE(d.returns_rows);
}

TEST(Describe, ErrorPositionsAreCharacters) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  auto d = s->describe("SELECT 'é', nope", {});
  ASSERT_TRUE(d.error);
  EXPECT_EQ(d.error->sqlstate, "42703");
  EXPECT_EQ(d.error->position, 13);
}

TEST(ExecuteWithTypes, DeclaredTypesDriveAnalysis) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  s->execute("CREATE TABLE t (id int, name text)");
  s->execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
  // Declared int8 is read as int8: the comparison is int4 = int8.
  auto r = s->execute_with_types("SELECT name FROM t WHERE id = $1", {"2"}, {20});
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  ASSERT_EQ(r[0].rows.size(), 1u);
  EXPECT_EQ(*r[0].rows[0][0], "two");
  // A parameter declared int4 compared with text: PostgreSQL's 42883.
  r = s->execute_with_types("SELECT * FROM t WHERE name = $1", {"1"}, {23});
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "42883");
  EXPECT_EQ(r[0].error->message, "operator does not exist: text = integer");
  // Declared text: $1 || $2 is text concatenation, the result column text.
  r = s->execute_with_types("SELECT $1 || $2", {"4", "2"}, {25, 0});
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(*r[0].rows[0][0], "42");
  EXPECT_EQ(r[0].columns[0].type_oid, 25u);
  // A value that is not valid input of the declared type.
  r = s->execute_with_types("SELECT $1", {"x"}, {23});
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "22P02");
  // The same text with other declared types is planned again, not taken from the plan cache.
  r = s->execute_with_types("SELECT $1", {"7"}, {20});
  EXPECT_EQ(r[0].columns[0].type_oid, 20u);
  r = s->execute_with_types("SELECT $1", {"7"}, {21});
  EXPECT_EQ(r[0].columns[0].type_oid, 21u);
  r = s->execute("SELECT $1", {"7"});
  EXPECT_EQ(r[0].columns[0].type_oid, 25u);
  // Result columns carry their origin in execute() too.
  r = s->execute("SELECT name, id + 1 FROM t LIMIT 1");
  EXPECT_EQ(r[0].columns[0].column_number, 2);
  EXPECT_NE(r[0].columns[0].table_oid, 0u);
  EXPECT_EQ(r[0].columns[1].table_oid, 0u);
}
