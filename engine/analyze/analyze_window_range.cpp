// RANGE frame offsets on ORDER BY columns of type date, timestamp[tz], time[tz] and interval
// (PostgreSQL's in_range_*_interval). SQLite's RANGE frames need a number, so the window orders
// by pg_range_key(kind, value) (runtime/window_range_key.cpp), a key that is linear in the
// value, and the interval offset becomes a constant distance in that key. Only offsets for which
// "value +/- offset" is exactly "key +/- distance" are taken: month offsets on date/timestamp and
// day offsets on timestamptz (calendar arithmetic) are refused with 0A000.
#include <string>
#include "common/error.h"
#include "types/interval.h"
#include "types/types.h"

namespace pgmicro {

const char* datetime_range_kind(Oid column) {
  switch (column) {
    case oid::kDate: return "date";
    case oid::kTimestamp: return "timestamp";
    case oid::kTimestamptz: return "timestamptz";
    case oid::kTime: return "time";
    case oid::kTimetz: return "timetz";
    case oid::kInterval: return "interval";
    default: return nullptr;
  }
}

// The offset's distance in pg_range_key units (microseconds; timetz keys carry the zone in
// their low 21 bits). Negative offsets are in_range's 22013.
int64_t datetime_range_key_offset(Oid column, const Interval& iv, int location) {
  constexpr int64_t kDay = 86400000000LL;
  const std::string kind = format_type_name(column, -1);
  __int128 span = (__int128)iv.time + ((__int128)iv.month * 30 + iv.day) * kDay;
  bool time_only = column == oid::kTime || column == oid::kTimetz;  // month and day are ignored
  if (time_only ? iv.time < 0 : span < 0) throw PgError("22013", "invalid preceding or following size in window function");
  // (a timetz distance beyond every key's range is capped: it covers all rows either way)
  if (time_only) return column == oid::kTimetz ? (iv.time > (1LL << 41) ? 1LL << 62 : iv.time << 21) : iv.time;
  if (column != oid::kInterval && iv.month != 0)
    unsupported("RANGE offsets with months for ORDER BY columns of type " + kind, location);
  if (column == oid::kTimestamptz && iv.day != 0)
    unsupported("RANGE offsets with days for ORDER BY columns of type timestamp with time zone", location);
  if (span > (__int128)INT64_MAX) unsupported("RANGE offsets this large", location);
  return (int64_t)span;
}

}  // namespace pgmicro
