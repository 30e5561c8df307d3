// Datetime values of SQL/JSON path (PostgreSQL 15's jbvDatetime): the result of the
// .datetime() / .datetime(template) item method, its text as jsonb prints it (ISO 8601 with
// "T" and "+hh:mm"), its .type() name, and the cross-type comparisons of jsonpath_exec.c's
// compareDatetime (casts that need the session TimeZone fail unless a *_tz function runs).
// Inside the executor such a value is a JsonValue of Kind::Datetime; it leaves jsonpath
// execution as a string.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "types/json.h"
#include "types/types.h"

namespace pgmicro {

struct JsonPathDatetime {
  Oid type = 0;        // oid::kDate, kTime, kTimetz, kTimestamp or kTimestamptz
  int64_t value = 0;   // date: days since 2000-01-01; time(tz): µs of the day (local);
                       // timestamp: µs since 2000-01-01; timestamptz: µs since 2000-01-01 UTC
  int32_t tz = 0;      // timetz/timestamptz: the zone, seconds WEST of UTC (PostgreSQL's sign)
  int32_t typmod = -1;
};

// .datetime() of `str`: with a template (`tmpl` non-null) parse_datetime in standard mode,
// else the first of the SQL/JSON ISO formats that fits (22031 "datetime format is not
// recognized" with its HINT). Throws PostgreSQL's errors.
JsonPathDatetime jsonpath_datetime_parse(std::string_view str, const std::string* tmpl);
// Whether an error of jsonpath_datetime_parse is one PostgreSQL raises even in silent mode
// (errors of the template itself).
bool jsonpath_datetime_error_is_hard(const std::string& message);

JsonValue jsonpath_datetime_value(const JsonPathDatetime& d);  // Kind::Datetime
JsonPathDatetime jsonpath_datetime_of(const JsonValue& v);
// JsonEncodeDateTime's text (what jsonb_path_query prints inside the string).
std::string jsonpath_datetime_text(const JsonPathDatetime& d);
// .type(): "date", "time without time zone", ...
const char* jsonpath_datetime_type_name(Oid type);
// compareDatetime: <0, 0, >0; `incomparable` for date/timestamp vs time. Without `use_tz`, a
// comparison that needs the session TimeZone fails with 0A000 "cannot convert value from
// ... without time zone usage".
int jsonpath_datetime_compare(const JsonPathDatetime& a, const JsonPathDatetime& b, bool use_tz, bool& incomparable);

}  // namespace pgmicro
