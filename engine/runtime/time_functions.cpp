// time and timetz runtime (PostgreSQL 15's date.c time/timetz part): typmod rounding,
// arithmetic with intervals and dates, casts to and from the other date/time types,
// extract/date_part, make_time, AT TIME ZONE for timetz, and CURRENT_TIME / LOCALTIME /
// CURRENT_TIMESTAMP(p) / LOCALTIMESTAMP(p). Kinds as in builtins_datetime.cpp: 0 date,
// 1 timestamp, 2 timestamptz, 3 interval, 4 time, 5 timetz.
#include <cmath>
#include <string>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "types/interval.h"
#include "types/numeric.h"
#include "types/timezone.h"
#include "types/type_families.h"

namespace pgmicro {

std::string canonical_datetime_unit(const std::string& lower_unit);  // datetime_functions.cpp

namespace {

constexpr int64_t kUsDay = 86400000000LL;
constexpr int64_t kUsSec = 1000000LL;
constexpr int32_t kEpochJ = 2451545;
constexpr int32_t kUnixEpochJ = 2440588;
constexpr int64_t kMinTs = -211813488000000000LL;
constexpr int64_t kEndTs = 9223371331200000000LL;

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }
int64_t read_time(sqlite3_value* v) { return parse_time(text_of(v)); }
TimeTz read_timetz(sqlite3_value* v) { return timetz_from_storage(text_of(v)); }
void result_time(sqlite3_context* ctx, int64_t t) { result_text(ctx, time_to_string(t)); }
void result_timetz(sqlite3_context* ctx, const TimeTz& v) { result_text(ctx, timetz_to_storage(v)); }
int64_t wrap_day(int64_t t) {
  t -= t / kUsDay * kUsDay;
  if (t < 0) t += kUsDay;
  return t;
}
bool finite(int64_t ts) { return ts != kTimestampPosInfinity && ts != kTimestampNegInfinity; }
[[noreturn]] void ts_range() { throw PgError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range"); }
std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower((unsigned char)c));
  return s;
}
int64_t unix_to_pg(int64_t us) { return us - int64_t(kEpochJ - kUnixEpochJ) * kUsDay; }

// pg_time_typmod(value, typmod, is timetz)
void time_typmod(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    int typmod = sqlite3_value_int(argv[1]);
    if (sqlite3_value_int(argv[2])) {
      TimeTz v = read_timetz(argv[0]);
      v.time = adjust_time_typmod(v.time, typmod);
      return result_timetz(ctx, v);
    }
    result_time(ctx, adjust_time_typmod(read_time(argv[0]), typmod));
  });
}

// pg_current_dt(kind, typmod): the transaction start as timestamp (1), timestamptz (2),
// time (4) or timetz (5), rounded to the precision (-1: none).
void current_dt(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    int kind = sqlite3_value_int(argv[0]), typmod = sqlite3_value_int(argv[1]);
    int64_t now = unix_to_pg(runtime_context(ctx)->transaction_start_us);
    if (kind == 2) return result_text(ctx, timestamptz_to_string(adjust_timestamp_typmod(now, typmod)));
    int32_t utoff;
    int64_t local = timestamp_in_zone(now, session_timezone(), &utoff);
    if (kind == 1) return result_text(ctx, timestamp_to_string(adjust_timestamp_typmod(local, typmod)));
    int64_t t = adjust_time_typmod(local - pg_floor_div(local, kUsDay) * kUsDay, typmod);
    if (kind == 4) return result_time(ctx, t);
    result_timetz(ctx, TimeTz{t, -utoff});
  });
}

// pg_time_add_iv(time or timetz, kind, interval, sign): the time part wraps around midnight.
void time_add_iv(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[2])) return sqlite3_result_null(ctx);
    Interval iv = interval_from_storage(text_of(argv[2]));
    int64_t d = sqlite3_value_int(argv[3]) < 0 ? -iv.time : iv.time;
    d %= kUsDay;
    if (sqlite3_value_int(argv[1]) == 5) {
      TimeTz v = read_timetz(argv[0]);
      v.time = wrap_day(v.time + d);
      return result_timetz(ctx, v);
    }
    result_time(ctx, wrap_day(read_time(argv[0]) + d));
  });
}

// pg_time_diff(a, b): time - time
void time_diff(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    Interval iv;
    iv.time = read_time(argv[0]) - read_time(argv[1]);
    result_text(ctx, interval_to_storage(iv));
  });
}

// pg_date_time(date, time or timetz, kind): date + time → timestamp, date + timetz → timestamptz
void date_time(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    int32_t date = date_from_storage(text_of(argv[0]));
    bool tz = sqlite3_value_int(argv[2]) == 5;
    if (date == kDatePosInfinity || date == kDateNegInfinity) {
      int64_t inf = date == kDatePosInfinity ? kTimestampPosInfinity : kTimestampNegInfinity;
      return result_text(ctx, tz ? timestamptz_to_string(inf) : timestamp_to_string(inf));
    }
    if (date >= 109203528 - kEpochJ) throw PgError(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
    int64_t ts = int64_t(date) * kUsDay;
    if (tz) {
      TimeTz v = read_timetz(argv[1]);
      ts += v.time + int64_t(v.zone) * kUsSec;
    } else {
      ts += read_time(argv[1]);
    }
    if (ts < kMinTs || ts >= kEndTs) ts_range();
    result_text(ctx, tz ? timestamptz_to_string(ts) : timestamp_to_string(ts));
  });
}

// pg_time_conv(value, from kind, to kind): the casts between time/timetz and the others.
void time_conv(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    int from = sqlite3_value_int(argv[1]), to = sqlite3_value_int(argv[2]);
    std::string s = text_of(argv[0]);
    if (from == 1 || from == 2) {  // timestamp(tz) → time / timetz: the local time of day
      int64_t ts = from == 1 ? timestamp_from_storage(s) : timestamptz_from_storage(s);
      if (!finite(ts)) return sqlite3_result_null(ctx);
      int32_t utoff = 0;
      if (from == 2) ts = timestamp_in_zone(ts, session_timezone(), &utoff);
      int64_t t = ts - pg_floor_div(ts, kUsDay) * kUsDay;
      if (to == 5) return result_timetz(ctx, TimeTz{t, -utoff});
      return result_time(ctx, t);
    }
    if (from == 3) {  // interval → time
      int64_t t = interval_from_storage(s).time;  // its time part modulo a day
      return result_time(ctx, (t % kUsDay + kUsDay) % kUsDay);
    }
    if (from == 4 && to == 3) {  // time → interval
      Interval iv;
      iv.time = parse_time(s);
      return result_text(ctx, interval_to_storage(iv));
    }
    if (from == 4 && to == 5) {  // time → timetz: the session zone's offset today at that time
      int64_t t = parse_time(s);
      int64_t now = timestamp_in_zone(unix_to_pg(runtime_context(ctx)->transaction_start_us), session_timezone());
      int64_t local = pg_floor_div(now, kUsDay) * kUsDay + t;
      return result_timetz(ctx, TimeTz{t, -session_timezone().utoff_for_local(pg_floor_div(local, kUsSec) + kPgEpochUnixSeconds)});
    }
    if (from == 5 && to == 4) return result_time(ctx, timetz_from_storage(s).time);
    throw PgError(sqlstate::kInternalError, "unexpected time conversion");
  });
}

std::string scaled(int64_t num, int scale) {
  bool neg = num < 0;
  uint64_t u = neg ? -(uint64_t)num : (uint64_t)num;
  std::string digits = std::to_string(u);
  while ((int)digits.size() <= scale) digits = "0" + digits;
  if (scale > 0) digits.insert(digits.size() - scale, ".");
  return (neg ? "-" : "") + digits;
}

// pg_time_part(unit, value, kind, numeric): extract / date_part of time and timetz.
void time_part(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    std::string raw = lower(text_of(argv[0]));
    bool tz = sqlite3_value_int(argv[2]) == 5, numeric = sqlite3_value_int(argv[3]) != 0;
    const char* type_name = tz ? "time with time zone" : "time without time zone";
    std::string u = canonical_datetime_unit(raw);
    if (u.empty())
      throw PgError(sqlstate::kInvalidParameterValue, "unit \"" + raw + "\" not recognized for type " + type_name);
    TimeTz v = tz ? read_timetz(argv[1]) : TimeTz{read_time(argv[1]), 0};
    int64_t secs = v.time / kUsSec, fsec = v.time % kUsSec;
    int64_t num;
    int scale = 0;
    double d;
    int64_t sec_in_min = secs % 60;
    if (u == "microseconds") num = sec_in_min * kUsSec + fsec, d = double(num);
    else if (u == "milliseconds") num = sec_in_min * kUsSec + fsec, scale = 3, d = sec_in_min * 1000.0 + fsec / 1000.0;
    else if (u == "second") num = sec_in_min * kUsSec + fsec, scale = 6, d = sec_in_min + fsec / 1000000.0;
    else if (u == "minute") num = secs / 60 % 60, d = double(num);
    else if (u == "hour") num = secs / 3600, d = double(num);
    else if (u == "epoch") {
      num = v.time + int64_t(v.zone) * kUsSec, scale = 6;
      d = v.time / 1000000.0 + v.zone;
    } else if (tz && u == "timezone") num = -v.zone, d = double(num);
    else if (tz && u == "timezone_hour") num = -v.zone / 3600, d = double(num);
    else if (tz && u == "timezone_minute") num = (-v.zone / 60) % 60, d = double(num);
    else if (u == "timezone" || u == "timezone_hour" || u == "timezone_minute" || u == "day" || u == "month" ||
             u == "quarter" || u == "year" || u == "decade" || u == "century" || u == "millennium" ||
             u == "isoyear" || u == "week")
      throw PgError(sqlstate::kFeatureNotSupported, "unit \"" + raw + "\" not supported for type " + type_name);
    else
      throw PgError(sqlstate::kInvalidParameterValue, "unit \"" + raw + "\" not recognized for type " + type_name);
    if (!numeric) return sqlite3_result_double(ctx, d);
    std::string enc = Numeric::parse(scaled(num, scale)).encode();
    sqlite3_result_blob(ctx, enc.data(), (int)enc.size(), SQLITE_TRANSIENT);
  });
}

// pg_make_time(hour, min, sec)
void make_time(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 0; i < 3; i++)
      if (is_null(argv[i])) return sqlite3_result_null(ctx);
    int64_t h = sqlite3_value_int64(argv[0]), m = sqlite3_value_int64(argv[1]);
    double sec = sqlite3_value_type(argv[2]) == SQLITE_TEXT ? parse_float8(text_of(argv[2])) : sqlite3_value_double(argv[2]);
    bool bad = h < 0 || m < 0 || m > 59 || !(sec >= 0) || sec > 60 || h > 24;
    int64_t t = 0;
    if (!bad) {
      t = (h * 60 + m) * 60 * kUsSec + (int64_t)std::rint(sec * 1000000.0);
      bad = t > kUsDay;
    }
    if (bad) {
      char buf[64];
      if (std::isnan(sec) || std::isinf(sec))  // PostgreSQL's snprintf spelling
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%s", (long long)h, (long long)m,
                      std::isnan(sec) ? "NaN" : sec > 0 ? "Infinity" : "-Infinity");
      else
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02g", (long long)h, (long long)m, sec);
      throw PgError(sqlstate::kDatetimeFieldOverflow, std::string("time field value out of range: ") + buf);
    }
    result_time(ctx, t);
  });
}

// pg_timetz_zone(zone, timetz) / pg_timetz_izone(interval, timetz): timetz AT TIME ZONE; a
// zone with a history takes its offset at the transaction start (timetz_zone).
void timetz_shift(sqlite3_context* ctx, const TimeTz& v, int32_t new_zone) {
  TimeTz r{v.time + (int64_t(v.zone) - new_zone) * kUsSec, new_zone};
  while (r.time < 0) r.time += kUsDay;
  if (r.time >= kUsDay) r.time %= kUsDay;
  result_timetz(ctx, r);
}
void timetz_zone(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    std::string name = text_of(argv[0]);
    const TimezoneAbbrev* a = find_timezone_abbrev(lower(name.substr(0, 63)));
    int64_t now = pg_floor_div(runtime_context(ctx)->transaction_start_us, kUsSec);
    int32_t utoff;
    if (a && !a->zone) {
      utoff = a->utoff;
    } else {
      const TimeZone* tz = find_timezone(a ? a->zone : name);
      if (!tz) throw PgError(sqlstate::kInvalidParameterValue, "time zone \"" + name + "\" not recognized");
      utoff = tz->utoff_at(now);
      if (a) {
        std::string up = name;
        for (char& c : up) c = char(std::toupper((unsigned char)c));
        if (const ZoneType* zt = tz->interpret_abbrev(up, now)) utoff = zt->utoff;
      }
    }
    timetz_shift(ctx, read_timetz(argv[1]), -utoff);
  });
}
void timetz_izone(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    Interval iv = interval_from_storage(text_of(argv[0]));
    if (iv.month != 0 || iv.day != 0)
      throw PgError(sqlstate::kInvalidParameterValue,
                    "interval time zone \"" + interval_to_string(iv) + "\" must not include months or days");
    timetz_shift(ctx, read_timetz(argv[1]), int32_t(-(iv.time / kUsSec)));
  });
}

}  // namespace

void register_time_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_time_typmod", 3, time_typmod}, {"pg_time_add_iv", 4, time_add_iv},
      {"pg_time_diff", 2, time_diff},     {"pg_date_time", 3, date_time},
      {"pg_time_part", 4, time_part},     {"pg_make_time", 3, make_time},
      {"pg_timetz_izone", 2, timetz_izone},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
  // Depend on the transaction start or the session's zone: not deterministic.
  static const F session_fns[] = {
      {"pg_current_dt", 2, current_dt}, {"pg_time_conv", 3, time_conv}, {"pg_timetz_zone", 2, timetz_zone},
  };
  for (auto& f : session_fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
