// Per-family text input/output helpers behind type_io.h (one .cpp per family). Also used
// by runtime functions that need PostgreSQL's exact conversions (float output, dates).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "types/datum.h"
#include "types/types.h"

namespace pgmicro {

// int.cpp — int2/int4/int8/oid input (pg_strtoint*), bits 16/32/64.
int64_t parse_int(std::string_view text, int bits);
uint32_t parse_oid(std::string_view text);

// bool.cpp — boolin; output "t"/"f".
bool parse_bool(std::string_view text);

// float.cpp — float8in/float4in (NaN, [+-]Infinity, [+-]inf, strtod forms), and
// float8out/float4out with extra_float_digits = 1 (shortest round-trip, PostgreSQL's
// fixed/exponent thresholds).
double parse_float8(std::string_view text);
float parse_float4(std::string_view text);
void format_float8(double v, std::string& out);
void format_float8_shortest(double v, std::string& out);  // extra_float_digits = 1 whatever the session says
void format_float4(float v, std::string& out);
// The session's extra_float_digits (set before each statement); <= 0 selects "%.*g" output.
void set_extra_float_digits(int digits);
// datetime.cpp: the DateStyle field order of ambiguous numeric dates (set before each statement).
enum class DateOrder { MDY, DMY, YMD };
void set_date_order(DateOrder order);
// datetime.cpp: the instant 'now'/'today'/'tomorrow'/'yesterday' input means (the transaction's
// start, Unix microseconds; 0: the clock), set before each statement, and whether input used
// it since the last call (a plan holding such a constant must not be cached).
void set_datetime_input_now(int64_t unix_us);
bool take_datetime_input_used_now();
std::string float8_to_string(double v);
std::string float4_to_string(float v);
// Storage of float4/float8: REAL, except NaN which is the TEXT 'NaN'.
Datum float_datum(double v);
// Reads a stored float (REAL, INTEGER, or TEXT 'NaN'/'Infinity'/number). False if NULL.
bool datum_to_double(const Datum& d, double& out);

// text.cpp — character counting and typmod rules of varchar/bpchar/name.
size_t utf8_length(std::string_view s);
std::string apply_char_typmod(Oid type, int32_t typmod, std::string_view s, bool explicit_cast);

// datetime.cpp — date = days since 2000-01-01 (PostgreSQL's DateADT), timestamp =
// microseconds since 2000-01-01 00:00 (Timestamp); infinities as INT32/INT64 min/max.
constexpr int32_t kDateNegInfinity = INT32_MIN, kDatePosInfinity = INT32_MAX;
constexpr int64_t kTimestampNegInfinity = INT64_MIN, kTimestampPosInfinity = INT64_MAX;
int32_t parse_date(std::string_view text);
int64_t parse_timestamp(std::string_view text);
int64_t parse_timestamptz(std::string_view text);  // TimeZone UTC
// Storage text (docs/storage-format.md): the ISO output form ("BC" suffix), prefixed by a
// sort key for years outside 1..9999 so that SQLite's byte order is PostgreSQL's order.
std::string date_to_string(int32_t date);
std::string timestamp_to_string(int64_t ts);
std::string timestamptz_to_string(int64_t ts);     // the UTC instant, "+00" suffix
// The output text inside a stored date/timestamp/timestamptz (the sort-key prefix removed).
std::string_view datetime_storage_text(std::string_view stored);
// The storage text of an output-form ISO date/timestamp text (adds the prefix when needed).
std::string datetime_storage_form(std::string out);
std::string timestamptz_output(int64_t ts);        // output in the session's TimeZone
std::string timestamptz_storage_output(std::string_view stored);  // stored text -> output
bool session_timezone_is_utc();                    // output = storage text
// These read storage text back (the output form behind the prefix).
int32_t date_from_storage(std::string_view s);
int64_t timestamp_from_storage(std::string_view s);
int64_t timestamptz_from_storage(std::string_view s);
int64_t adjust_timestamp_typmod(int64_t ts, int32_t typmod);  // timestamp(p) rounding
int32_t date_to_julian(int y, int m, int d);  // PostgreSQL date2j
// time = microseconds since midnight (0 .. 24:00:00); timetz adds the zone in seconds WEST
// of UTC (PostgreSQL's TimeTzADT). Storage: time as its output text, timetz as a sortable
// prefix and the output text (docs/storage-format.md).
struct TimeTz {
  int64_t time = 0;
  int32_t zone = 0;
};
int64_t parse_time(std::string_view text);
TimeTz parse_timetz(std::string_view text);  // no zone: the session's, at the date or today
std::string time_to_string(int64_t t);
std::string timetz_to_string(const TimeTz& v);
std::string timetz_to_storage(const TimeTz& v);
TimeTz timetz_from_storage(std::string_view s);  // storage or plain timetz text
std::string timetz_storage_output(std::string_view s);
int64_t adjust_time_typmod(int64_t t, int32_t typmod);
void julian_to_date(int32_t jd, int& y, int& m, int& d);

// uuid.cpp — uuid input (PostgreSQL's accepted spellings) to the canonical lowercase form.
std::string parse_uuid(std::string_view text);
std::string uuid_to_string(const unsigned char* bytes);  // 16 bytes -> 8-4-4-4-12

}  // namespace pgmicro
