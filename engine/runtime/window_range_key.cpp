// pg_range_key(kind, value): the numeric sort key SQLite's RANGE frames use for a window ordered
// by a date, timestamp[tz], time[tz] or interval column with an offset (analyze_window_range.cpp).
// Keys are linear in the value and order like PostgreSQL's comparison: microseconds (dates and
// timestamps since 2000-01-01, infinities as +/-Inf; time since midnight; interval as
// PostgreSQL's 30-day-month span), timetz as its UTC time in microseconds shifted left 21 bits
// plus its zone, so equal UTC times still order by zone.
#include <cmath>
#include <string>
#include "runtime/function_context.h"
#include "runtime/sqlite_text.h"
#include "types/interval.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

void range_key(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  guarded(ctx, [&] {
    constexpr int64_t kDay = 86400000000LL;
    std::string kind = text_of(argv[0]), v = text_of(argv[1]);
    if (kind == "date") {
      int32_t d = date_from_storage(v);
      if (d == kDateNegInfinity || d == kDatePosInfinity) return sqlite3_result_double(ctx, d < 0 ? -INFINITY : INFINITY);
      return sqlite3_result_int64(ctx, int64_t(d) * kDay);
    }
    if (kind == "timestamp" || kind == "timestamptz") {
      int64_t t = kind == "timestamp" ? timestamp_from_storage(v) : timestamptz_from_storage(v);
      if (t == kTimestampNegInfinity || t == kTimestampPosInfinity) return sqlite3_result_double(ctx, t < 0 ? -INFINITY : INFINITY);
      return sqlite3_result_int64(ctx, t);
    }
    if (kind == "time") return sqlite3_result_int64(ctx, parse_time(v));
    if (kind == "timetz") {
      TimeTz tz = timetz_from_storage(v);
      int64_t utc = tz.time + int64_t(tz.zone) * 1000000 + 7 * kDay;  // never negative
      return sqlite3_result_int64(ctx, (utc << 21) + (tz.zone + 604800));
    }
    Interval iv = interval_from_storage(v);
    __int128 span = (__int128)iv.time + ((__int128)iv.month * 30 + iv.day) * kDay;
    if (span > (__int128)INT64_MAX || span < (__int128)INT64_MIN) unsupported("RANGE frames over intervals this large");
    sqlite3_result_int64(ctx, (int64_t)span);
  });
}

}  // namespace

void register_window_range_key(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function(db, "pg_range_key", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc, range_key, nullptr,
                          nullptr);
}

}  // namespace pgmicro
