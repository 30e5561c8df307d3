// Time zones as PostgreSQL's pg_tz: a zone from the compiled tzdata table (timezone_data.h)
// or a POSIX TZ specification ('UTC+3', 'EST5EDT', '<+03>-3'), looked up case-insensitively
// by pg_tzset's rules; the UTC offset at an instant, PostgreSQL's DetermineTimeZoneOffset for a
// local wall-clock time (DST gaps and overlaps resolved as PostgreSQL does), the
// timezone_abbreviations "Default" set, and the session's TimeZone (thread-local, set by the
// session before each statement; UTC by default).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro {

struct ZoneType {
  int32_t utoff = 0;  // seconds east of UTC
  bool isdst = false;
  std::string abbrev;
};

// A POSIX TZ rule: std offset [dst [offset] [,start[/time],end[/time]]].
struct PosixRule {
  struct Date {
    char kind = 'M';  // 'J' (Julian day 1..365, no Feb 29), 'n' (0..365), 'M' (month.week.day)
    int n = 0, month = 0, week = 0, wday = 0;
    int32_t time = 7200;  // seconds after local midnight
  };
  ZoneType std_type, dst_type;
  bool has_dst = false;
  Date start, end;
  // The year's two transitions (Unix seconds), sorted, with the type each one starts.
  void transitions(int64_t year, int64_t at[2], const ZoneType* to[2]) const;
};

class TimeZone {
 public:
  std::string name;  // canonical spelling (SHOW TimeZone)
  std::vector<ZoneType> types;
  int default_type = 0;
  std::vector<int64_t> times;  // transitions, Unix seconds
  std::vector<uint8_t> type_of;
  std::optional<PosixRule> rule;  // after the last transition

  // The type in effect at the Unix time t.
  const ZoneType& at(int64_t t) const;
  int32_t utoff_at(int64_t t) const { return at(t).utoff; }
  // pg_next_dst_boundary: the type at t and, if there is one, the next transition after t.
  bool next_boundary(int64_t t, const ZoneType*& before, int64_t& boundary, const ZoneType*& after) const;
  // DetermineTimeZoneOffset: seconds east of UTC for a local time given as Unix seconds
  // read as if UTC (a skipped time takes the offset before the gap, a repeated one the later).
  int32_t utoff_for_local(int64_t local) const;
  // pg_interpret_timezone_abbrev: the meaning of an abbreviation of this zone near t.
  const ZoneType* interpret_abbrev(std::string_view upper_abbrev, int64_t t) const;
};

// pg_tzset: a zone name (any case) or a POSIX TZ specification; nullptr if neither.
const TimeZone* find_timezone(std::string_view name);
// pg_tzset_offset: a fixed zone, offset in seconds west of UTC (POSIX sign); nullptr if out
// of range.
const TimeZone* timezone_from_offset(int64_t seconds_west);
// check_timezone of SET TimeZone: a value ("America/New_York", "-8", "INTERVAL '05:30:00'")
// to its zone; throws 22023 invalid value for parameter "TimeZone" (with PostgreSQL's DETAIL).
const TimeZone* timezone_setting(const std::string& value);
const TimeZone& utc_timezone();
const char* tzdata_version();

// The session's TimeZone (thread-local; the session sets it before running a statement).
const TimeZone& session_timezone();
void set_session_timezone(const TimeZone* tz);

// timezone_abbreviations = 'Default'.
struct TimezoneAbbrev {
  const char* abbrev;  // lower case
  int32_t utoff;       // seconds east of UTC (fixed entries)
  bool isdst;
  const char* zone;    // dynamic entry: the zone that defines it (nullptr for fixed)
};
const TimezoneAbbrev* find_timezone_abbrev(std::string_view lower);

// Conversions between PostgreSQL timestamps (µs since 2000-01-01) and Unix seconds.
constexpr int64_t kPgEpochUnixSeconds = 946684800;
inline int64_t pg_floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
// Local wall-clock time (timestamp) of the UTC instant utc in zone tz; utoff receives the offset.
int64_t timestamp_in_zone(int64_t utc, const TimeZone& tz, int32_t* utoff = nullptr);
// The UTC instant of the local time local in tz (DetermineTimeZoneOffset).
int64_t timestamp_from_zone(int64_t local, const TimeZone& tz, int32_t* utoff = nullptr);
// "+05:30", "-03", "+05:53:28" (EncodeTimezone of an offset east of UTC).
void append_utc_offset(std::string& out, int32_t utoff);

}  // namespace pgmicro
