// Function calls whose view of the table being modified cannot follow PostgreSQL's snapshot
// rules are refused with 0A000 (analyze/analyze_dml_snapshot.cpp, session/dml_cte.cpp,
// plpgsql/plpgsql_trigger.cpp) and leave the session usable; the staged UPDATE/DELETE and the
// unaffected statements are covered by tests/sql/stable_function_snapshot.sql.
#include <gtest/gtest.h>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {

std::string run_error(Session& s, const std::string& sql) {
  auto r = s.execute(sql, {});
  if (r.empty() || !r.back().error) return "";
  return r.back().error->sqlstate + " " + r.back().error->message;
}

class StatementSnapshot : public ::testing::Test {
 protected:
  void SetUp() override {
    db = Database::open(":memory:");
    s = db->connect();
    for (const char* sql : {
             "create table s (a int primary key, b int)",
             "insert into s values (1, 10), (2, 20), (3, 30)",
             "create table other (x int)",
             "create function cnt_s() returns bigint language sql stable as 'select count(*) from s'",
             "create function cnt_v() returns bigint language sql volatile as 'select count(*) from s'",
             "create function cnt_pv() returns bigint language plpgsql as 'begin return (select count(*) from s); end'",
             "create function other_v() returns bigint language sql volatile as 'select count(*) from other'",
             "create function ins_s(x int) returns int language sql as 'insert into s values (x, 0) returning x'"})
      ASSERT_EQ(run_error(*s, sql), "") << sql;
  }
  std::shared_ptr<Database> db;
  decltype(std::declval<Database>().connect()) s;
};

TEST_F(StatementSnapshot, RefusedWherePostgresSnapshotsDiffer) {
  const char* refused[] = {
      "update s set b = b + 1 returning a, cnt_s() + b",                  // STABLE in RETURNING over SET b
      "insert into s values (4, 0) returning cnt_s()",
      "insert into s values (1, 0) on conflict (a) do update set b = cnt_s()",
      "update s set b = 0 where cnt_v() = 3",                             // VOLATILE in WHERE
      "delete from s where cnt_pv() = 3",
      "insert into s values (4, cnt_v()), (5, cnt_v())",                   // VOLATILE, several rows
      "insert into s select a + 10, cnt_pv() from s",
      "update s set b = cnt_s() + cnt_v()",                                // staging would change the VOLATILE one
      "with d as (delete from s where a = 1 returning *) select cnt_s(), (select count(*) from d)",
      "with d as (delete from s where a = 1 returning *) select cnt_v() from d",
      "with d as (update s set b = cnt_s() returning *) select * from d",
      // subqueries reading the target where SQLite sees the rows written before
      "insert into s values (1, 0), (4, 0) on conflict (a) do update set b = (select sum(b) from s)",
      "insert into s values (1, 0) on conflict (a) do update set b = (select max(b) from s i where i.a <> s.a)",
      "create view sv as select * from s; update sv set b = (select max(b) from s x where x.a < sv.a)",
      // MERGE run as several statements: each would see the ones before
      "merge into s using other on s.a = other.x when matched then delete "
      "when not matched then insert values (other.x, (select sum(b) from s))",
      "merge into s using (values (1), (4)) v(x) on s.a = v.x when matched then update set b = cnt_v() "
      "when not matched then insert values (v.x, 0)",
      // a query reading a table that a function it calls modifies (a scan of it would not end)
      "select ins_s(a + 100) from s",
      "select ins_s(200), (select count(*) from s)",
      "select ins_s(300), cnt_s()",
  };
  for (const char* sql : refused) {
    std::string e = run_error(*s, sql);
    EXPECT_EQ(e.substr(0, 6), "0A000 ") << sql << ": " << e;
  }
  // Nothing was changed, and the session is usable.
  auto r = s->execute("select count(*), sum(b) from s", {});
  ASSERT_FALSE(r.back().error);
  EXPECT_EQ(*r.back().rows[0][0], "3");
  EXPECT_EQ(*r.back().rows[0][1], "60");
}

TEST_F(StatementSnapshot, AllowedWhereTheyAgree) {
  const char* allowed[] = {
      "update s set b = cnt_v()",                        // VOLATILE in SET: row by row, as PostgreSQL
      "update s set b = b + 1 returning cnt_v()",
      "insert into s values (7, cnt_v())",               // one row
      "update s set b = other_v() where other_v() = 0",  // the function reads another table
      "delete from s where a = 7 returning cnt_v()",
      "insert into s values (1, 0), (9, 0) on conflict (a) do update set b = (select b + 1 from s i where i.a = excluded.a)",
      "explain update s set b = cnt_s() + cnt_v()",  // EXPLAIN without ANALYZE runs nothing
  };
  for (const char* sql : allowed) EXPECT_EQ(run_error(*s, sql), "") << sql;
}

TEST_F(StatementSnapshot, StableTriggerFunctionReadingItsTable) {
  ASSERT_EQ(run_error(*s, "create function tr() returns trigger language plpgsql stable as "
                          "$$ begin perform count(*) from s; return new; end $$"), "");
  ASSERT_EQ(run_error(*s, "create trigger t before insert on s for each row execute function tr()"), "");
  EXPECT_EQ(run_error(*s, "insert into s values (8, 0)").substr(0, 6), "0A000 ");
  ASSERT_EQ(run_error(*s, "create or replace function tr() returns trigger language plpgsql volatile as "
                          "$$ begin perform count(*) from s; return new; end $$"), "");
  EXPECT_EQ(run_error(*s, "insert into s values (8, 0)"), "");
}

}  // namespace
