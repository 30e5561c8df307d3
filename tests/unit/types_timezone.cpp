// Time zones (types/timezone.h) and time/timetz I/O: zone lookup as pg_tzset, POSIX rules,
// DST gaps and overlaps, the compiled tzdata table; expected values checked on PostgreSQL 15.
#include <gtest/gtest.h>

#include <string>

#include "common/error.h"
#include "types/timezone.h"
#include "types/type_families.h"
#include "types/type_io.h"
#include "types/types.h"

using namespace pgmicro;

namespace {

// Unix seconds of a UTC calendar time.
int64_t unix_at(int y, int m, int d, int hh = 0, int mm = 0) {
  return (int64_t(date_to_julian(y, m, d)) - 2440588) * 86400 + hh * 3600 + mm * 60;
}

struct ZoneScope {  // sets the session zone for one test
  explicit ZoneScope(const char* name) { set_session_timezone(find_timezone(name)); }
  ~ZoneScope() { set_session_timezone(nullptr); }
};

std::string io(Oid type, const std::string& text) {
  try {
    return type_output(type, type_input(type, -1, text));
  } catch (const PgError& e) {
    return "ERROR " + e.error.sqlstate + ": " + e.error.message;
  }
}

TEST(Timezone, LookupIsCaseInsensitiveWithCanonicalNames) {
  ASSERT_NE(find_timezone("america/new_york"), nullptr);
  EXPECT_EQ(find_timezone("america/new_york")->name, "America/New_York");
  EXPECT_EQ(find_timezone("US/Eastern")->name, "US/Eastern");  // links keep their own name
  EXPECT_EQ(find_timezone("utc+3")->name, "UTC+3");            // POSIX specs: upper case
  EXPECT_EQ(find_timezone("gmt")->name, "GMT");
  EXPECT_EQ(find_timezone("Nowhere/Zone"), nullptr);
  EXPECT_EQ(find_timezone("FOO"), nullptr);  // a POSIX spec needs an offset
  EXPECT_EQ(find_timezone(""), nullptr);
  EXPECT_STRNE(tzdata_version(), "unknown");
}

TEST(Timezone, OffsetsAtInstants) {
  const TimeZone* ny = find_timezone("America/New_York");
  EXPECT_EQ(ny->utoff_at(unix_at(2024, 7, 1, 12)), -4 * 3600);
  EXPECT_EQ(ny->utoff_at(unix_at(2024, 1, 1, 12)), -5 * 3600);
  EXPECT_EQ(ny->utoff_at(unix_at(1800, 1, 1)), -(4 * 3600 + 56 * 60 + 2));  // LMT
  EXPECT_EQ(ny->utoff_at(unix_at(2300, 7, 1)), -4 * 3600);                  // footer rule
  const TimeZone* lh = find_timezone("Australia/Lord_Howe");
  EXPECT_EQ(lh->utoff_at(unix_at(2024, 1, 1)), 11 * 3600);  // half-hour DST
  EXPECT_EQ(lh->utoff_at(unix_at(2024, 7, 1)), 10 * 3600 + 1800);
  const TimeZone* posix = find_timezone("FOO+3BAR,M3.2.0,M11.1.0");
  EXPECT_EQ(posix->utoff_at(unix_at(2024, 7, 1)), -2 * 3600);
  EXPECT_EQ(posix->utoff_at(unix_at(2024, 1, 1)), -3 * 3600);
}

TEST(Timezone, LocalTimesInGapsAndOverlaps) {
  const TimeZone* ny = find_timezone("America/New_York");
  // 02:30 on 2024-03-10 does not exist: the offset before the gap (-05) applies
  EXPECT_EQ(ny->utoff_for_local(unix_at(2024, 3, 10, 2, 30)), -5 * 3600);
  // 01:30 on 2024-11-03 happens twice: PostgreSQL takes the later (standard) one
  EXPECT_EQ(ny->utoff_for_local(unix_at(2024, 11, 3, 1, 30)), -5 * 3600);
  EXPECT_EQ(ny->utoff_for_local(unix_at(2024, 11, 3, 0, 30)), -4 * 3600);
}

TEST(Timezone, SettingValues) {
  EXPECT_EQ(timezone_setting("-8")->name, "<-08>+08");
  EXPECT_EQ(timezone_setting("5.5")->name, "<+05:30>-05:30");
  EXPECT_EQ(timezone_setting("INTERVAL '05:30:00'")->name, "<+05:30>-05:30");
  EXPECT_EQ(timezone_setting("europe/paris")->name, "Europe/Paris");
  try {
    timezone_setting("INTERVAL '1 day'");
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.error.sqlstate, "22023");
    EXPECT_EQ(e.error.message, "invalid value for parameter \"TimeZone\": \"INTERVAL '1 day'\"");
    EXPECT_EQ(e.error.detail, "Cannot specify days in time zone interval.");
  }
  EXPECT_THROW(timezone_setting("Mars/Base"), PgError);
}

TEST(Timezone, TimestamptzOutputFollowsTheSessionZone) {
  EXPECT_EQ(io(oid::kTimestamptz, "2024-07-01 12:00+00"), "2024-07-01 12:00:00+00");
  ZoneScope z("Asia/Kolkata");
  EXPECT_EQ(io(oid::kTimestamptz, "2024-07-01 12:00+00"), "2024-07-01 17:30:00+05:30");
  EXPECT_EQ(io(oid::kTimestamptz, "1900-01-01 00:00+00"), "1900-01-01 05:21:10+05:21:10");
  EXPECT_EQ(io(oid::kTimestamptz, "1850-01-01 00:00+00"), "1850-01-01 05:53:28+05:53:28");
  EXPECT_EQ(io(oid::kTimestamptz, "2024-07-01 10:00"), "2024-07-01 10:00:00+05:30");
  EXPECT_EQ(io(oid::kTimestamptz, "2024-07-01 10:00 Foo/Bar"), "ERROR 22023: time zone \"foo/bar\" not recognized");
}

TEST(TimeTypes, InputOutputAndErrors) {
  EXPECT_EQ(io(oid::kTime, "10:00"), "10:00:00");
  EXPECT_EQ(io(oid::kTime, "24:00"), "24:00:00");
  EXPECT_EQ(io(oid::kTime, "24:00:01"), "ERROR 22008: date/time field value out of range: \"24:00:01\"");
  EXPECT_EQ(io(oid::kTime, "x"), "ERROR 22007: invalid input syntax for type time: \"x\"");
  EXPECT_EQ(io(oid::kTimetz, "10:00:00.5-03"), "10:00:00.5-03");
  EXPECT_EQ(io(oid::kTimetz, "10:00+16"), "ERROR 22009: time zone displacement out of range: \"10:00+16\"");
  // storage order: UTC-adjusted time first, then the zone
  std::string a = type_input(oid::kTimetz, -1, "10:00+02").s, b = type_input(oid::kTimetz, -1, "08:00+00").s;
  std::string c = type_input(oid::kTimetz, -1, "09:00+00").s;
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

}  // namespace
