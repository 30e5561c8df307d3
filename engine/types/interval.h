// interval: PostgreSQL's (months, days, microseconds) triple, its text input (postgres
// verbose and ISO 8601 forms) and IntervalStyle postgres output, and the storage encoding
// (docs/storage-format.md): a 23-digit sortable span, a space, then the output text.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro {

struct Interval {
  int32_t month = 0;
  int32_t day = 0;
  int64_t time = 0;  // microseconds
};

// interval_in (22007 on bad input); a typmod (fields << 16 | precision) picks the unit of a bare
// rightmost number and is applied to the result (AdjustIntervalForTypmod).
Interval parse_interval(std::string_view text, int32_t typmod = -1);
Interval adjust_interval_typmod(Interval iv, int32_t typmod);
// intervaltypmodin: the grammar's (fields mask [, precision]) list -> typmod (22023 errors at location).
int32_t interval_typmod_from_mods(const std::vector<long>& mods, int location);
std::string interval_to_string(const Interval& iv);        // interval_out, IntervalStyle postgres
// The session's IntervalStyle (set by the session before each statement) and interval_out in it.
enum class IntervalStyle { Postgres, PostgresVerbose, SqlStandard, Iso8601 };
void set_session_interval_style(IntervalStyle style);
IntervalStyle session_interval_style();
IntervalStyle interval_style_setting(const std::string& value);  // the IntervalStyle setting's value
std::string interval_to_string(const Interval& iv, IntervalStyle style);
std::string interval_to_storage(const Interval& iv);       // sortable TEXT
Interval interval_from_storage(std::string_view s);        // storage or plain interval text
std::string interval_storage_output(std::string_view s);   // output text of a stored value
constexpr int kIntervalSpanDigits = 23;

}  // namespace pgmicro
