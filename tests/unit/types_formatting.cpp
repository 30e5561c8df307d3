// The formatting engine (types/formatting.h) called directly: to_char templates for
// date/time, intervals and numbers, to_number/to_date/to_timestamp parsing and their
// errors, against values checked on a real PostgreSQL 15 server.
#include <gtest/gtest.h>

#include <string>

#include "common/error.h"
#include "types/formatting.h"
#include "types/type_families.h"

using namespace pgmicro;

namespace {

template <class F>
std::string eval(F f) {
  try {
    return f();
  } catch (const PgError& e) {
    return e.error.sqlstate + ": " + e.error.message;
  }
}

int utc(const FromCharResult&) { return 0; }

}  // namespace

TEST(Formatting, TimestampTemplates) {
  FormatTm tm = timestamp_to_format_tm(parse_timestamp("2024-03-05 14:07:09.123456"));
  EXPECT_EQ(datetime_to_char(tm, false, "YYYY-MM-DD HH24:MI:SS.US"), "2024-03-05 14:07:09.123456");
  EXPECT_EQ(datetime_to_char(tm, false, "Day Month DDD IW J Q RM"), "Tuesday   March     065 10 2460375 1 III ");
  EXPECT_EQ(datetime_to_char(tm, false, "FMDay, FMDDth FMMonth YYYY HH12:MI am"), "Tuesday, 5th March 2024 02:07 pm");
  EXPECT_EQ(datetime_to_char(tm, false, "\"Q\"Q \\\"x\\\" TZ|OF"), "Q1 \"x\" |+00");
  FormatTm bc = timestamp_to_format_tm(parse_timestamp("0044-03-15 10:00:00 BC"));
  EXPECT_EQ(datetime_to_char(bc, false, "YYYY BC CC"), "0044 BC -01");
}

TEST(Formatting, IntervalRejectsCalendarFields) {
  FormatTm tm;
  tm.year = 1;
  tm.mon = 2;
  tm.mday = 3;
  EXPECT_EQ(datetime_to_char(tm, true, "YYYY MM DD RM"), "0001 02 03 II  ");
  EXPECT_EQ(eval([&] { return datetime_to_char(tm, true, "Day"); }),
            "22007: invalid format specification for an interval value");
}

TEST(Formatting, Numbers) {
  EXPECT_EQ(int4_to_char(-1234, "9G999D99S"), "1,234.00-");
  EXPECT_EQ(int4_to_char(5, "FMRN"), "V");
  EXPECT_EQ(int4_to_char(123456789, "9V99"), "-###");  // int4 multiplication wraps as in PostgreSQL
  EXPECT_EQ(int8_to_char(12345678901, "9.99EEEE"), " 1.23e+10");
  EXPECT_EQ(float8_to_char(-0.5, "S9.99"), " -.50");
  EXPECT_EQ(float8_to_char(1e20, "9999"), " ####");
  EXPECT_EQ(numeric_to_char(Numeric::parse("9.99"), "9.9EEEE"), " 10.0e+00");
  EXPECT_EQ(numeric_to_char(Numeric::parse("12.345"), "FM999.999"), "12.345");
  EXPECT_EQ(numeric_to_char(Numeric::parse("-12.5"), "999.9PR"), " <12.5>");
  EXPECT_EQ(eval([] { return int4_to_char(1, "9.9.9"); }), "42601: multiple decimal points");
}

TEST(Formatting, ToNumber) {
  bool is_null = false;
  EXPECT_EQ(numeric_to_number("-34,338,492.654,878", "99G999G999D999G999", is_null).to_string(), "-34338492.654878");
  EXPECT_EQ(numeric_to_number("<564646.654564>", "999999.999999PR", is_null).to_string(), "-564646.654564");
  EXPECT_EQ(numeric_to_number("12", "9V9", is_null).to_string(), "1.2000000000000000");
  numeric_to_number("1", "", is_null);
  EXPECT_TRUE(is_null);
  EXPECT_EQ(eval([&] { return numeric_to_number("12", "RN", is_null).to_string(); }),
            "0A000: \"RN\" not supported for input");
}

TEST(Formatting, ToDateAndTimestamp) {
  EXPECT_EQ(date_to_string(to_date("05 Mar 2024", "DD Mon YYYY")), "2024-03-05");
  EXPECT_EQ(date_to_string(to_date("2024-W10-3", "IYYY-\"W\"IW-ID")), "2024-03-06");
  EXPECT_EQ(timestamptz_to_string(to_timestamp("2024-03-05 02:07:09 PM -03", "YYYY-MM-DD HH:MI:SS AM TZH", utc)),
            "2024-03-05 17:07:09+00");
  EXPECT_EQ(eval([] { return date_to_string(to_date("2024-02-30", "YYYY-MM-DD")); }),
            "22008: date/time field value out of range: \"2024-02-30\"");
  EXPECT_EQ(eval([] { return date_to_string(to_date("2024-ab-01", "YYYY-MM-DD")); }),
            "22007: invalid value \"ab\" for \"MM\"");
  EXPECT_EQ(eval([] { return timestamptz_to_string(to_timestamp("2024 UTC", "YYYY TZ", utc)); }),
            "0A000: formatting field \"TZ\" is only supported in to_char");
}
