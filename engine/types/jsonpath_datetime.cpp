// SQL/JSON path datetime values (see jsonpath_datetime.h): jsonpath_exec.c's
// executeDateTimeMethod on formatting.c's parse_datetime (types/formatting_datetime.cpp in
// standard mode), JsonEncodeDateTime's ISO 8601 text and compareDatetime.
#include "types/jsonpath_datetime.h"
#include <cstdio>
#include <cstdlib>
#include "common/error.h"
#include "types/formatting.h"
#include "types/timezone.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

constexpr int kPostgresEpochJdate = 2451545;
constexpr int64_t kUsecsPerDay = 86400000000LL;
constexpr int64_t kMinTimestamp = -211813488000000000LL;
constexpr int64_t kEndTimestamp = 9223371331200000000LL;
constexpr int32_t kTimestampEndDays = 109203528 - kPostgresEpochJdate;  // TIMESTAMP_END_JULIAN
constexpr int32_t kDateEndDays = 2147483494 - kPostgresEpochJdate;      // DATE_END_JULIAN

bool valid_julian(int y, int m) {
  return (y > -4713 || (y == -4713 && m >= 11)) && (y < 5874898 || (y == 5874898 && m < 6));
}

int64_t time_of(const FromCharResult& tm) { return ((int64_t(tm.hour) * 60 + tm.min) * 60 + tm.sec) * 1000000 + tm.fsec; }

[[noreturn]] void out_of_range(const std::string& msg) { throw PgError(sqlstate::kDatetimeFieldOverflow, msg); }

// parse_datetime (strict) of `str` by `tmpl`.
JsonPathDatetime parse_with(std::string_view str, std::string_view tmpl) {
  unsigned flags = 0;
  FromCharResult tm = datetime_from_char_std(str, tmpl, flags);
  JsonPathDatetime d;
  d.typmod = tm.fprec ? tm.fprec : -1;
  if (flags & kDchDated) {
    if (flags & kDchTimed) {
      bool zoned = flags & kDchZoned;
      if (zoned && !tm.has_tz)
        throw PgError(sqlstate::kInvalidDatetimeFormat, "missing time zone in input string for type timestamptz");
      const char* msg = zoned ? "timestamptz out of range" : "timestamp out of range";
      if (!valid_julian(tm.year, tm.mon)) out_of_range(msg);
      int64_t days = int64_t(date_to_julian(tm.year, tm.mon, tm.mday)) - kPostgresEpochJdate;
      int64_t ts;
      if (__builtin_mul_overflow(days, kUsecsPerDay, &ts) || __builtin_add_overflow(ts, time_of(tm), &ts))
        out_of_range(msg);
      if (zoned) {
        d.tz = tm.gmtoffset;
        if (__builtin_add_overflow(ts, int64_t(d.tz) * 1000000, &ts)) out_of_range(msg);
      }
      if (ts < kMinTimestamp || ts >= kEndTimestamp) out_of_range(msg);
      d.type = zoned ? oid::kTimestamptz : oid::kTimestamp;
      d.value = adjust_timestamp_typmod(ts, d.typmod);
      return d;
    }
    if (flags & kDchZoned) throw PgError(sqlstate::kInvalidDatetimeFormat, "datetime format is zoned but not timed");
    std::string shown(str);
    if (!valid_julian(tm.year, tm.mon)) out_of_range("date out of range: \"" + shown + "\"");
    int64_t days = int64_t(date_to_julian(tm.year, tm.mon, tm.mday)) - kPostgresEpochJdate;
    if (days < -kPostgresEpochJdate || days >= kDateEndDays) out_of_range("date out of range: \"" + shown + "\"");
    d.type = oid::kDate;
    d.value = days;
    return d;
  }
  if (flags & kDchTimed) {
    if (flags & kDchZoned) {
      if (!tm.has_tz)
        throw PgError(sqlstate::kInvalidDatetimeFormat, "missing time zone in input string for type timetz");
      d.type = oid::kTimetz;
      d.tz = tm.gmtoffset;
    } else {
      d.type = oid::kTime;
    }
    d.value = adjust_time_typmod(time_of(tm), d.typmod);
    return d;
  }
  throw PgError(sqlstate::kInvalidDatetimeFormat, "datetime format is not dated and not timed");
}

// EncodeTimezone in the XSD style: +hh:mm, with :ss when there are seconds.
void append_zone(std::string& out, int32_t tz_west) {
  int32_t east = -tz_west;
  int32_t a = std::abs(east);
  char buf[32];
  if (a % 60)
    std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", east >= 0 ? '+' : '-', a / 3600, a / 60 % 60, a % 60);
  else
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", east >= 0 ? '+' : '-', a / 3600, a / 60 % 60);
  out += buf;
}

// The session TimeZone's offset (seconds east) for a local time (µs since 2000-01-01).
int32_t session_utoff_for_local(int64_t local) {
  int64_t secs = local / 1000000 - (local % 1000000 < 0 ? 1 : 0) + kPgEpochUnixSeconds;
  return session_timezone().utoff_for_local(secs);
}

[[noreturn]] void needs_tz(const char* from, const char* to) {
  throw PgError(sqlstate::kFeatureNotSupported,
                std::string("cannot convert value from ") + from + " to " + to + " without time zone usage", "",
                "Use *_tz() function for time zone support.");
}

int sign(int64_t a, int64_t b) { return a < b ? -1 : a > b ? 1 : 0; }

// date_cmp_timestamp_internal.
int cmp_date_timestamp(int64_t date, int64_t ts) {
  if (date >= kTimestampEndDays) return ts == INT64_MAX ? -1 : 1;
  return sign(date * kUsecsPerDay, ts);
}

// A local time (timestamp) to timestamptz in the session TimeZone with overflow as
// date2timestamptz_opt_overflow / timestamp2timestamptz_opt_overflow report it.
int cmp_local_timestamptz(int64_t local, int64_t tstz) {
  int64_t utc = local - int64_t(session_utoff_for_local(local)) * 1000000;
  if (utc < kMinTimestamp) return tstz == INT64_MIN ? 1 : -1;
  if (utc >= kEndTimestamp) return tstz == INT64_MAX ? -1 : 1;
  return sign(utc, tstz);
}

int cmp_date_timestamptz(int64_t date, int64_t tstz) {
  if (date >= kTimestampEndDays) return tstz == INT64_MAX ? -1 : 1;
  return cmp_local_timestamptz(date * kUsecsPerDay, tstz);
}

// timetz_cmp: the UTC time, then the zone.
int cmp_timetz(int64_t t1, int32_t z1, int64_t t2, int32_t z2) {
  int c = sign(t1 + int64_t(z1) * 1000000, t2 + int64_t(z2) * 1000000);
  if (c) return c;
  return sign(z1, z2);
}

// time_timetz: the session TimeZone's offset today at that time.
int32_t time_zone_today(int64_t t) { return parse_timetz(time_to_string(t)).zone; }

}  // namespace

JsonPathDatetime jsonpath_datetime_parse(std::string_view str, const std::string* tmpl) {
  if (tmpl) return parse_with(str, *tmpl);
  // The SQL/JSON ISO formats (date, timetz, time, timestamptz, timestamp) and ISO 8601's "T".
  static const char* const kFormats[] = {
      "yyyy-mm-dd",
      "HH24:MI:SS.USTZH:TZM",
      "HH24:MI:SS.USTZH",
      "HH24:MI:SSTZH:TZM",
      "HH24:MI:SSTZH",
      "HH24:MI:SS.US",
      "HH24:MI:SS",
      "yyyy-mm-dd HH24:MI:SS.USTZH:TZM",
      "yyyy-mm-dd HH24:MI:SS.USTZH",
      "yyyy-mm-dd HH24:MI:SSTZH:TZM",
      "yyyy-mm-dd HH24:MI:SSTZH",
      "yyyy-mm-dd\"T\"HH24:MI:SS.USTZH:TZM",
      "yyyy-mm-dd\"T\"HH24:MI:SS.USTZH",
      "yyyy-mm-dd\"T\"HH24:MI:SSTZH:TZM",
      "yyyy-mm-dd\"T\"HH24:MI:SSTZH",
      "yyyy-mm-dd HH24:MI:SS.US",
      "yyyy-mm-dd HH24:MI:SS",
      "yyyy-mm-dd\"T\"HH24:MI:SS.US",
      "yyyy-mm-dd\"T\"HH24:MI:SS",
  };
  for (const char* f : kFormats) {
    try {
      return parse_with(str, f);
    } catch (const PgError&) {
    }
  }
  throw PgError("22031", "datetime format is not recognized: \"" + std::string(str) + "\"", "",
                "Use a datetime template argument to specify the input data format.");
}

bool jsonpath_datetime_error_is_hard(const std::string& message) {
  return message.rfind("invalid datetime format separator", 0) == 0;
}

JsonValue jsonpath_datetime_value(const JsonPathDatetime& d) {
  JsonValue v;
  v.kind = JsonValue::Kind::Datetime;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%u %d %d %lld", unsigned(d.type), int(d.typmod), int(d.tz), (long long)d.value);
  v.text = buf;
  return v;
}

JsonPathDatetime jsonpath_datetime_of(const JsonValue& v) {
  JsonPathDatetime d;
  unsigned type = 0;
  int typmod = -1, tz = 0;
  long long value = 0;
  std::sscanf(v.text.c_str(), "%u %d %d %lld", &type, &typmod, &tz, &value);
  d.type = Oid(type);
  d.typmod = typmod;
  d.tz = tz;
  d.value = value;
  return d;
}

std::string jsonpath_datetime_text(const JsonPathDatetime& d) {
  auto iso = [](int64_t ts) {
    std::string s(datetime_storage_text(timestamp_to_string(ts)));
    size_t sp = s.find(' ');
    if (sp != std::string::npos) s[sp] = 'T';
    return s;
  };
  switch (d.type) {
    case oid::kDate: return std::string(datetime_storage_text(date_to_string(int32_t(d.value))));
    case oid::kTime: return time_to_string(d.value);
    case oid::kTimetz: {
      std::string s = time_to_string(d.value);
      append_zone(s, d.tz);
      return s;
    }
    case oid::kTimestamp:
      if (d.value == INT64_MAX) return "infinity";
      if (d.value == INT64_MIN) return "-infinity";
      return iso(d.value);
    default: {
      if (d.value == INT64_MAX) return "infinity";
      if (d.value == INT64_MIN) return "-infinity";
      std::string s = iso(d.value - int64_t(d.tz) * 1000000);
      bool bc = s.size() > 3 && s.compare(s.size() - 3, 3, " BC") == 0;
      if (bc) s.resize(s.size() - 3);
      append_zone(s, d.tz);
      if (bc) s += " BC";
      return s;
    }
  }
}

const char* jsonpath_datetime_type_name(Oid type) {
  switch (type) {
    case oid::kDate: return "date";
    case oid::kTime: return "time without time zone";
    case oid::kTimetz: return "time with time zone";
    case oid::kTimestamp: return "timestamp without time zone";
    default: return "timestamp with time zone";
  }
}

int jsonpath_datetime_compare(const JsonPathDatetime& a, const JsonPathDatetime& b, bool use_tz, bool& incomparable) {
  incomparable = false;
  auto is_time = [](Oid t) { return t == oid::kTime || t == oid::kTimetz; };
  if (is_time(a.type) != is_time(b.type)) {
    incomparable = true;
    return 0;
  }
  switch (a.type) {
    case oid::kDate:
      if (b.type == oid::kDate) return sign(a.value, b.value);
      if (b.type == oid::kTimestamp) return cmp_date_timestamp(a.value, b.value);
      if (!use_tz) needs_tz("date", "timestamptz");
      return cmp_date_timestamptz(a.value, b.value);
    case oid::kTime:
      if (b.type == oid::kTime) return sign(a.value, b.value);
      if (!use_tz) needs_tz("time", "timetz");
      return cmp_timetz(a.value, time_zone_today(a.value), b.value, b.tz);
    case oid::kTimetz:
      if (b.type == oid::kTime) {
        if (!use_tz) needs_tz("time", "timetz");
        return cmp_timetz(a.value, a.tz, b.value, time_zone_today(b.value));
      }
      return cmp_timetz(a.value, a.tz, b.value, b.tz);
    case oid::kTimestamp:
      if (b.type == oid::kDate) return -cmp_date_timestamp(b.value, a.value);
      if (b.type == oid::kTimestamp) return sign(a.value, b.value);
      if (!use_tz) needs_tz("timestamp", "timestamptz");
      return cmp_local_timestamptz(a.value, b.value);
    default:
      if (b.type == oid::kDate) {
        if (!use_tz) needs_tz("date", "timestamptz");
        return -cmp_date_timestamptz(b.value, a.value);
      }
      if (b.type == oid::kTimestamp) {
        if (!use_tz) needs_tz("timestamp", "timestamptz");
        return -cmp_local_timestamptz(b.value, a.value);
      }
      return sign(a.value, b.value);
  }
}

}  // namespace pgmicro
