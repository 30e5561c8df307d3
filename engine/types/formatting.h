// PostgreSQL 15's data type formatting functions (formatting.c): to_char for date/time,
// interval and numbers, and the reverse conversions behind to_date, to_timestamp and
// to_number, with PostgreSQL's output, rounding, overflow ('#') and error texts. Locale is
// C (decimal point '.', thousands separator ',', currency symbol ' ', English names), the
// locale pgmicro always has. runtime/formatting_functions.cpp binds these to SQLite.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "types/numeric.h"

namespace pgmicro {

// A broken-down date/time or interval as to_char sees it (PostgreSQL's fmt_tm + fsec + zone).
// year: astronomical for timestamps (0 = 1 BC); for an interval the interval's fields.
struct FormatTm {
  int year = 0, mon = 1, mday = 1;
  int64_t hour = 0;
  int min = 0, sec = 0;
  int wday = 0, yday = 0;  // 0 = Sunday; 1-based day of year
  int fsec = 0;            // microseconds
  long gmtoff = 0;         // seconds east of UTC
  bool has_zone = false;   // TZ prints zone_abbrev (timestamptz only)
  std::string zone_abbrev;
};

// to_char(timestamp/timestamptz/interval, text).
std::string datetime_to_char(const FormatTm& tm, bool is_interval, std::string_view fmt);
// The fields of a timestamp (microseconds since 2000-01-01) with wday/yday computed.
FormatTm timestamp_to_format_tm(int64_t ts);

// to_date/to_timestamp's parse of `text` by `fmt` (do_to_timestamp).
struct FromCharResult {
  int year = 0, mon = 1, mday = 1, hour = 0, min = 0, sec = 0;
  int fsec = 0;           // microseconds
  bool has_tz = false;    // TZH/TZM given
  int gmtoffset = 0;      // PostgreSQL's sign convention: seconds west of UTC
  int fprec = 0;          // FF1..FF6 precision, 0 if none
};
FromCharResult datetime_from_char(std::string_view text, std::string_view fmt);
// parse_datetime's parse in the SQL/JSON standard mode (jsonpath .datetime(template)):
// separators and quoted characters must match, the input must fit the template exactly.
// `flags` says which kinds of fields the template has (DCH_DATED/TIMED/ZONED).
enum : unsigned { kDchDated = 1, kDchTimed = 2, kDchZoned = 4 };
FromCharResult datetime_from_char_std(std::string_view text, std::string_view fmt, unsigned& flags);
// to_date: days since 2000-01-01 (22008 "date out of range").
int32_t to_date(std::string_view text, std::string_view fmt);
// to_timestamp: microseconds since 2000-01-01 UTC; `session_offset_west` gives the session
// TimeZone's offset (seconds west of UTC) for a local wall-clock time when no TZH/TZM is given.
int64_t to_timestamp(std::string_view text, std::string_view fmt, int (*session_offset_west)(const FromCharResult&));

// to_char of numbers.
std::string int4_to_char(int32_t value, std::string_view fmt);
std::string int8_to_char(int64_t value, std::string_view fmt);
std::string float4_to_char(float value, std::string_view fmt);
std::string float8_to_char(double value, std::string_view fmt);
std::string numeric_to_char(const Numeric& value, std::string_view fmt);
// to_number(text, text). `is_null` is set (and 0 returned) for an empty template.
Numeric numeric_to_number(std::string_view text, std::string_view fmt, bool& is_null);

}  // namespace pgmicro
