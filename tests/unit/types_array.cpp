// Arrays (types/array.h): the JSON storage encoding (what a plain SQLite tool sees), its exact
// round trip through text input and output, and PostgreSQL's array order.
#include <gtest/gtest.h>

#include <string>

#include "common/error.h"
#include "types/array.h"
#include "types/type_io.h"

using namespace pgmicro;

namespace {

std::string stored(Oid array_type, const std::string& text) { return type_input(array_type, -1, text).s; }

std::string round_trip(Oid array_type, const std::string& text) {
  return type_output(array_type, type_input(array_type, -1, text));
}

int cmp(Oid elem, const std::string& a, const std::string& b) {
  return array_compare(elem, array_parse_text(elem, -1, a), array_parse_text(elem, -1, b));
}

}  // namespace

TEST(ArrayStorageTest, IsJsonReadableBySqlite) {
  EXPECT_EQ(stored(oid::kInt4Array, "{1,2,NULL}"), "[1,2,null]");
  EXPECT_EQ(stored(oid::kInt4Array, "{}"), "[]");
  EXPECT_EQ(stored(oid::kInt4Array, "{{1,2},{3,4}}"), "[[1,2],[3,4]]");
  EXPECT_EQ(stored(oid::kTextArray, "{a,\"b \\\"c\",NULL,\"NULL\"}"), "[\"a\",\"b \\\"c\",null,\"NULL\"]");
  EXPECT_EQ(stored(oid::kNumericArray, "{1.50,NaN,-Infinity}"), "[1.50,\"NaN\",\"-Infinity\"]");
  EXPECT_EQ(stored(oid::kFloat8Array, "{1e300,-0,Infinity}"), "[1e+300,-0,\"Infinity\"]");
  EXPECT_EQ(stored(oid::kBoolArray, "{t,f}"), "[true,false]");
  EXPECT_EQ(stored(oid::kDateArray, "{2020-01-02}"), "[\"2020-01-02\"]");
  EXPECT_EQ(stored(oid::kInt4Array, "[0:1]={5,6}"), "{\"lbounds\":[0],\"items\":[5,6]}");
}

TEST(ArrayStorageTest, RoundTripsExactly) {
  for (const char* t : {"{1,2,3}", "{}", "{{1,NULL},{3,4}}", "[0:1]={5,6}", "[2:3][1:1]={{1},{2}}"})
    EXPECT_EQ(round_trip(oid::kInt4Array, t), t);
  for (const char* t : {"{a,\"b c\",\"\",NULL,\"NULL\",\"x\\\\y\",\"{\",\"\\\"\"}", "{é,\"tab\there\"}"})
    EXPECT_EQ(round_trip(oid::kTextArray, t), t);
  EXPECT_EQ(round_trip(oid::kNumericArray, "{1.50,-0.001,NaN,Infinity}"), "{1.50,-0.001,NaN,Infinity}");
  EXPECT_EQ(round_trip(oid::kFloat8Array, "{0.1,1e-300,-Infinity,NaN}"), "{0.1,1e-300,-Infinity,NaN}");
  EXPECT_EQ(round_trip(oid::kIntervalArray, "{\"1 mon\",\"30 days\"}"), "{\"1 mon\",\"30 days\"}");
  EXPECT_EQ(round_trip(oid::kTimestamptzArray, "{\"2020-01-02 03:04:05.5+00\"}"), "{\"2020-01-02 03:04:05.5+00\"}");
  // Control characters survive the JSON escapes.
  ArrayValue a = array_from_storage(oid::kText, "[\"a\\u0001\\n\\u00e9\"]");
  EXPECT_EQ(a.items[0].s, "a\x01\n\xc3\xa9");
}

TEST(ArrayStorageTest, RejectsForeignJson) {
  EXPECT_THROW(array_from_storage(oid::kInt4, "[[1],2]"), PgError);
  EXPECT_THROW(array_from_storage(oid::kInt4, "[1,2"), PgError);
  EXPECT_THROW(array_from_storage(oid::kInt4, "[[1,2],[3]]"), PgError);
}

TEST(ArrayOrderTest, IsPostgresArrayCmp) {
  EXPECT_LT(cmp(oid::kInt4, "{1,2}", "{1,3}"), 0);
  EXPECT_LT(cmp(oid::kInt4, "{1,2}", "{1,2,3}"), 0);
  EXPECT_GT(cmp(oid::kInt4, "{2}", "{1,9}"), 0);
  EXPECT_GT(cmp(oid::kInt4, "{NULL}", "{5}"), 0);          // NULL sorts last
  EXPECT_EQ(cmp(oid::kInt4, "{1,NULL}", "{1,NULL}"), 0);
  EXPECT_LT(cmp(oid::kInt4, "{}", "{1}"), 0);
  EXPECT_LT(cmp(oid::kInt4, "{1,2}", "{{1,2}}"), 0);       // same items: fewer dimensions first
  EXPECT_EQ(cmp(oid::kNumeric, "{1.5}", "{1.50}"), 0);
  EXPECT_GT(cmp(oid::kFloat8, "{NaN}", "{Infinity}"), 0);
  EXPECT_EQ(cmp(oid::kInterval, "{\"1 mon\"}", "{\"30 days\"}"), 0);
}
