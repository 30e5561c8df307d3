// Two silent wrong answers refused with 0A000 (session usable after): foreign keys on composite
// columns with numeric/interval fields (session/foreign_keys.cpp), and CHECK/DEFAULT expressions
// calling a STABLE/IMMUTABLE function that reads their own table in statements writing several
// rows (analyze/constraint_snapshot.cpp). The allowed cases' results are also covered by
// tests/sql/constraint_function_snapshot.sql.
#include <gtest/gtest.h>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {

std::string run_error(Session& s, const std::string& sql) {
  auto r = s.execute(sql, {});
  if (r.empty() || !r.back().error) return "";
  return r.back().error->sqlstate + " " + r.back().error->message;
}

std::string scalar(Session& s, const std::string& sql) {
  auto r = s.execute(sql, {});
  if (r.empty() || r.back().error || r.back().rows.empty() || !r.back().rows[0][0]) return "?";
  return *r.back().rows[0][0];
}

TEST(CompositeForeignKey, NumericOrIntervalFieldsRefused) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  for (const char* sql : {"create type cn as (x numeric, y int)", "create type ci as (d interval)",
                          "create type nest as (z cn)", "create type cp as (x numeric(5,2), y text)",
                          "create table pn (k cn primary key)", "create table pi (k ci unique)",
                          "create table pa (k cn[] primary key)", "create table pz (k nest primary key)",
                          "create table pp (k cp primary key)", "create table fn2 (k cn)"})
    ASSERT_EQ(run_error(*s, sql), "") << sql;
  const char* refused[] = {"create table fn (k cn references pn)", "alter table fn2 add foreign key (k) references pn",
                           "create table fi (k ci references pi (k))", "create table fa (k cn[] references pa)",
                           "create table fz (k nest references pz)"};
  for (const char* sql : refused) {
    std::string e = run_error(*s, sql);
    EXPECT_EQ(e.substr(0, 6), "0A000 ") << sql << ": " << e;
    EXPECT_NE(e.find("composite columns with numeric or interval fields"), std::string::npos) << e;
  }
  // A composite key without such fields (numeric(5,2) holds one scale) still works.
  EXPECT_EQ(run_error(*s, "create table fp (k cp references pp)"), "");
  EXPECT_EQ(run_error(*s, "insert into pp values (row(1.5, 'a'))"), "");
  EXPECT_EQ(run_error(*s, "insert into fp values (row(1.50, 'a'))"), "");
  EXPECT_EQ(run_error(*s, "insert into fp values (row(2, 'a'))").substr(0, 6), "23503 ");
  EXPECT_EQ(scalar(*s, "select count(*) from fp"), "1");
}

TEST(ConstraintFunctionSnapshot, SeveralRowsRefused) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  for (const char* sql : {"create table t (a int)",
                          "create function cnt() returns bigint stable language sql as 'select count(*) from t'",
                          "create function pcnt() returns bigint immutable language plpgsql as "
                          "'begin return (select count(*) from t); end'",
                          "create function vcnt() returns bigint volatile language sql as 'select count(*) from t'",
                          "alter table t add check (cnt() < 2)", "create table d (a int, b bigint default 0)",
                          "create function cntd() returns bigint stable language sql as 'select count(*) from d'",
                          "alter table d alter b set default cntd()", "create table p (a int, check (pcnt() < 9))",
                          "create table v (a int, check (vcnt() < 9))"})
    ASSERT_EQ(run_error(*s, sql), "") << sql;
  const char* refused[] = {"insert into t values (1), (2), (3)", "insert into t select generate_series(1, 2)",
                           "update t set a = 5", "copy t from stdin", "copy d (a) from stdin"};
  for (const char* sql : refused) {
    std::string e = run_error(*s, sql);
    EXPECT_EQ(e.substr(0, 6), "0A000 ") << sql << ": " << e;
    EXPECT_NE(e.find("STABLE or IMMUTABLE function that reads its table"), std::string::npos) << e;
  }
  EXPECT_EQ(scalar(*s, "select count(*) from t"), "0");
  // One row at a time gives PostgreSQL's answer: the second row's CHECK sees the first.
  EXPECT_EQ(run_error(*s, "insert into t values (1)"), "");
  EXPECT_EQ(run_error(*s, "insert into t select 2"), "");
  EXPECT_EQ(run_error(*s, "insert into t values (3)").substr(0, 6), "23514 ");
  // A DEFAULT in INSERT … VALUES of several rows is computed before any row is written.
  EXPECT_EQ(run_error(*s, "insert into d (a) values (1), (2)"), "");
  EXPECT_EQ(scalar(*s, "select string_agg(b::text, ',' order by a) from d"), "0,0");
  // An UPDATE by a one-column key writes at most one row: allowed.
  EXPECT_EQ(run_error(*s, "create table k (id int primary key, n int)"), "");
  EXPECT_EQ(run_error(*s, "create function cntk() returns bigint stable language sql as "
                          "'select count(*) from k where n > 0'"), "");
  EXPECT_EQ(run_error(*s, "alter table k add check (cntk() < 1)"), "");
  EXPECT_EQ(run_error(*s, "insert into k values (1, 0)"), "");
  EXPECT_EQ(run_error(*s, "insert into k values (2, 0)"), "");
  EXPECT_EQ(run_error(*s, "update k set n = 1 where id = 1"), "");
  EXPECT_EQ(run_error(*s, "update k set n = 1 where id = 2").substr(0, 6), "23514 ");
  EXPECT_EQ(run_error(*s, "update k set n = 0 where id > 0").substr(0, 6), "0A000 ");
  // A function reading another table, or a VOLATILE one (a fresh snapshot per query), is allowed.
  EXPECT_EQ(run_error(*s, "insert into p values (1), (2)"), "");
  EXPECT_EQ(run_error(*s, "insert into v values (1), (2)"), "");
}

}  // namespace
