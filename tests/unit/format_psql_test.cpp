// The psql formatter against output captured from psql 15 (-X, aligned, border 1).
#include <gtest/gtest.h>

#include "format/psql_format.h"

namespace pf = pgmicro::format;
using pgmicro::Column;
using pgmicro::Error;
using pgmicro::StatementResult;
using pgmicro::TextValue;

namespace {

StatementResult rows(std::vector<Column> cols, std::vector<std::vector<TextValue>> data,
                     std::string tag) {
  StatementResult r;
  r.returns_rows = true;
  r.columns = std::move(cols);
  r.rows = std::move(data);
  r.command_tag = std::move(tag);
  return r;
}

StatementResult tag_only(std::string tag) {
  StatementResult r;
  r.command_tag = std::move(tag);
  return r;
}

}  // namespace

TEST(FormatPsql, SingleIntColumn) {
  auto r = rows({{"x", 23, -1}}, {{"1"}}, "SELECT 1");
  EXPECT_EQ(pf::format_result(r, {}), " x \n---\n 1\n(1 row)\n\n");
}

TEST(FormatPsql, MixedAlignmentNullAndLastColumnUnpadded) {
  auto r = rows({{"id", 23, -1}, {"n", 25, -1}}, {{"1", "a"}, {"2", "b"}}, "INSERT 0 2");
  EXPECT_EQ(pf::format_result(r, {.expanded = false, .quiet = true}),
            " id | n \n----+---\n  1 | a\n  2 | b\n(2 rows)\n\n");
  EXPECT_EQ(pf::format_result(r, {}),
            " id | n \n----+---\n  1 | a\n  2 | b\n(2 rows)\n\nINSERT 0 2\n");
}

TEST(FormatPsql, ManyTypesAndEscapes) {
  auto r = rows({{"a", 23, -1}, {"b", 23, -1}, {"c", 25, -1}, {"d", 1700, -1}, {"e", 16, -1},
                 {"f", 25, -1}, {"g", 25, -1}, {"h", 25, -1}},
                {{"1", std::nullopt, "x", "1.5", "t", "\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac", "a\tb",
                  "c\rd\x01"}},
                "SELECT 1");
  EXPECT_EQ(pf::format_result(r, {}),
            " a | b | c |  d  | e |   f   |     g     |    h     \n"
            "---+---+---+-----+---+-------+-----------+----------\n"
            " 1 |   | x | 1.5 | t | \xc3\xa9\xe6\x97\xa5\xe6\x9c\xac | a       b | c\\rd\\x01\n"
            "(1 row)\n\n");
}

TEST(FormatPsql, MultiLineHeaderAndValue) {
  auto r = rows({{"multi\nhdr", 25, -1}, {"x", 23, -1}}, {{"a\nbb\tc", "12"}}, "SELECT 1");
  EXPECT_EQ(pf::format_result(r, {}),
            "   multi  +| x  \n"
            "    hdr    |    \n"
            "-----------+----\n"
            " a        +| 12\n"
            " bb      c | \n"
            "(1 row)\n\n");
}

TEST(FormatPsql, EmptyResultAndZeroColumns) {
  EXPECT_EQ(pf::format_result(rows({{"a", 23, -1}}, {}, "SELECT 0"), {}), " a \n---\n(0 rows)\n\n");
  EXPECT_EQ(pf::format_result(rows({}, {{}}, "SELECT 1"), {}), "--\n(1 row)\n\n");
  EXPECT_EQ(pf::format_result(rows({}, {{}, {}}, "SELECT 2"), {}), "--\n(2 rows)\n\n");
}

TEST(FormatPsql, Expanded) {
  auto r = rows({{"a", 23, -1}, {"longer_name", 25, -1}, {"n", 25, -1}},
                {{"1", "x\ny", std::nullopt}}, "SELECT 1");
  EXPECT_EQ(pf::format_result(r, {.expanded = true}),
            "-[ RECORD 1 ]--\n"
            "a           | 1\n"
            "longer_name | x+\n"
            "            | y\n"
            "n           | \n"
            "\n");
  EXPECT_EQ(pf::format_result(rows({{"a", 23, -1}}, {}, "SELECT 0"), {.expanded = true}),
            "(0 rows)\n\n");
  std::vector<std::vector<TextValue>> ten(10, {"1", "2"});
  std::string got = pf::format_result(rows({{"a", 23, -1}, {"b", 23, -1}}, ten, "SELECT 10"),
                                      {.expanded = true});
  EXPECT_EQ(got.substr(0, 28), "-[ RECORD 1 ]\na | 1\nb | 2\n-[");
  EXPECT_NE(got.find("-[ RECORD 10 ]\na | 1\nb | 2\n\n"), std::string::npos);
}

TEST(FormatPsql, CommandTags) {
  EXPECT_EQ(pf::format_result(tag_only("CREATE TABLE"), {}), "CREATE TABLE\n");
  EXPECT_EQ(pf::format_result(tag_only("CREATE TABLE"), {.quiet = true}), "");
  auto sel = rows({{"x", 23, -1}}, {{"1"}}, "SELECT 1");
  EXPECT_EQ(pf::format_result(sel, {}), " x \n---\n 1\n(1 row)\n\n");
}

TEST(FormatPsql, ErrorWithPositionDetailHint) {
  Error e{"42883", "operator does not exist: integer = text", "",
          "No operator matches the given name and argument types. You might need to add "
          "explicit type casts.",
          16};
  EXPECT_EQ(pf::format_error(e, "select 1::int4 = 'x'::text;"),
            "ERROR:  operator does not exist: integer = text\n"
            "LINE 1: select 1::int4 = 'x'::text;\n"
            "                       ^\n"
            "HINT:  No operator matches the given name and argument types. You might need to "
            "add explicit type casts.\n");
  Error u{"23505", "duplicate key value violates unique constraint \"t_pkey\"",
          "Key (id)=(1) already exists.", "", 0};
  EXPECT_EQ(pf::format_error(u, "insert into t values (1, 'b');"),
            "ERROR:  duplicate key value violates unique constraint \"t_pkey\"\n"
            "DETAIL:  Key (id)=(1) already exists.\n");
}

TEST(FormatPsql, ErrorPositionMultiLine) {
  EXPECT_EQ(pf::format_error_position("select\n  -- inner comment\n  nosuch from pg_class;", 29),
            "LINE 3:   nosuch from pg_class;\n          ^\n");
  EXPECT_EQ(pf::format_error_position("select 'a\nb' as v, nosuch3;", 20),
            "LINE 2: b' as v, nosuch3;\n                 ^\n");
  EXPECT_EQ(pf::format_error_position("select 1 +;", 11), "LINE 1: select 1 +;\n                  ^\n");
  EXPECT_EQ(pf::format_error_position("select 1", 0), "");
  EXPECT_EQ(pf::format_error_position("select 1", 20), "");
}

TEST(FormatPsql, ErrorPositionTruncation) {
  // Captured from psql 15 (relation "t" does not exist, position of "t").
  std::string q = "select aaaaaaaaaa, bbbbbbbbbb, cccccccccc, dddddddddd, eeeeeeeeee, ffffffffff, "
                  "gggggggggg, nosuch, hhhhhhhhhh, iiiiiiiiii from t;";
  EXPECT_EQ(pf::format_error_position(q, static_cast<int>(q.size()) - 1),
            "LINE 1: ...ffffffff, gggggggggg, nosuch, hhhhhhhhhh, iiiiiiiiii from t;\n"
            "                                                                     ^\n");
  std::string q2 = "select nosuch, aaaaaaaaaa, bbbbbbbbbb, cccccccccc, dddddddddd, eeeeeeeeee, "
                   "ffffffffff from t;";
  EXPECT_EQ(pf::format_error_position(q2, static_cast<int>(q2.size()) - 1),
            "LINE 1: ...bbbb, cccccccccc, dddddddddd, eeeeeeeeee, ffffffffff from t;\n"
            "                                                                     ^\n");
  EXPECT_EQ(pf::format_error_position("select\tx,\tnosuch;", 8),
            "LINE 1: select x, nosuch;\n               ^\n");
}

TEST(FormatPsql, TableWithTitleAndFooters) {
  pf::Table t;
  t.title = "List of relations";
  t.headers = {"Schema", "Name", "Type", "Owner"};
  t.aligns = {'l', 'l', 'l', 'l'};
  t.cells = {{"public", "users", "table", "postgres"}};
  EXPECT_EQ(pf::print_table(t, false),
            "         List of relations\n"
            " Schema | Name  | Type  |  Owner   \n"
            "--------+-------+-------+----------\n"
            " public | users | table | postgres\n"
            "(1 row)\n\n");
}

TEST(FormatPsql, DescribeTableFooters) {
  pf::Table d;
  d.title = "Table \"public.users\"";
  d.headers = {"Column", "Type", "Collation", "Nullable", "Default"};
  d.aligns = {'l', 'l', 'l', 'l', 'l'};
  d.cells = {{"id", "integer", "", "not null", "nextval('users_id_seq'::regclass)"},
             {"name", "text", "", "", ""}};
  d.footers = {"Indexes:", "    \"users_pkey\" PRIMARY KEY, btree (id)"};
  EXPECT_EQ(pf::print_table(d, false),
            "                            Table \"public.users\"\n"
            " Column |  Type   | Collation | Nullable |              Default              \n"
            "--------+---------+-----------+----------+-----------------------------------\n"
            " id     | integer |           | not null | nextval('users_id_seq'::regclass)\n"
            " name   | text    |           |          | \n"
            "Indexes:\n"
            "    \"users_pkey\" PRIMARY KEY, btree (id)\n"
            "\n");
}
