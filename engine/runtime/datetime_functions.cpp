// Date/time runtime (PostgreSQL 15's timestamp.c/date.c): conversions between
// date/timestamp/timestamptz in the session's TimeZone, interval arithmetic, age, justify_*,
// extract/date_part, date_trunc, AT TIME ZONE, make_*, and the transaction/statement/clock
// timestamps.
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "types/interval.h"
#include "types/numeric.h"
#include "types/timezone.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

constexpr int32_t kEpochJ = 2451545;      // 2000-01-01
constexpr int32_t kUnixEpochJ = 2440588;  // 1970-01-01
constexpr int64_t kUsDay = 86400000000LL;
constexpr int64_t kUsHour = 3600000000LL;
constexpr int64_t kUsMin = 60000000LL;
constexpr int64_t kUsSec = 1000000LL;
constexpr int64_t kMinTs = -211813488000000000LL;
constexpr int64_t kEndTs = 9223371331200000000LL;

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
bool is_leap(int y) { return (y % 4 == 0) && ((y % 100 != 0) || (y % 400 == 0)); }
const int kDayTab[2][12] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                            {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
bool ts_finite(int64_t t) { return t != kTimestampPosInfinity && t != kTimestampNegInfinity; }

struct Tm {
  int year, mon, mday, hour, min, sec;
  int64_t fsec;
};
Tm to_tm(int64_t ts) {
  Tm tm;
  int64_t day = floor_div(ts, kUsDay);
  int64_t t = ts - day * kUsDay;
  julian_to_date(int32_t(day + kEpochJ), tm.year, tm.mon, tm.mday);
  tm.hour = int(t / kUsHour);
  t -= int64_t(tm.hour) * kUsHour;
  tm.min = int(t / kUsMin);
  t -= int64_t(tm.min) * kUsMin;
  tm.sec = int(t / kUsSec);
  tm.fsec = t - int64_t(tm.sec) * kUsSec;
  return tm;
}
[[noreturn]] void ts_range() { throw PgError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range"); }
int64_t from_tm(const Tm& tm) {
  int64_t jd = date_to_julian(tm.year, tm.mon, tm.mday);
  int64_t days_us, ts;
  if (__builtin_mul_overflow(jd - kEpochJ, kUsDay, &days_us) ||
      __builtin_add_overflow(days_us, ((int64_t(tm.hour) * 60 + tm.min) * 60 + tm.sec) * kUsSec + tm.fsec, &ts))
    ts_range();
  if (ts < kMinTs || ts >= kEndTs) ts_range();
  return ts;
}

enum class K { Date, Ts, Tstz, Iv };
// A date past timestamp's range (294277-01-01 on) is an error (date2timestamp), or, for a
// comparison (saturate), later than every timestamp (date2timestamp_no_overflow).
constexpr int32_t kDateEndForTimestamp = 109203528 - kEpochJ;
int64_t read_ts(sqlite3_value* v, K k, bool saturate = false) {
  std::string s = text_of(v);
  if (k == K::Date) {
    int32_t d = date_from_storage(s);
    if (d == kDatePosInfinity) return kTimestampPosInfinity;
    if (d == kDateNegInfinity) return kTimestampNegInfinity;
    if (d >= kDateEndForTimestamp) {
      if (saturate) return kTimestampPosInfinity;
      throw PgError(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
    }
    return int64_t(d) * kUsDay;
  }
  return k == K::Ts ? timestamp_from_storage(s) : timestamptz_from_storage(s);
}
// Local wall-clock time of a timestamptz in zone tz, and back (DetermineTimeZoneOffset).
int64_t to_local(int64_t utc, const TimeZone& tz = session_timezone()) {
  return ts_finite(utc) ? timestamp_in_zone(utc, tz) : utc;
}
int64_t from_local(int64_t local, const TimeZone& tz = session_timezone()) {
  if (!ts_finite(local)) return local;
  int64_t r = timestamp_from_zone(local, tz);
  if (r < kMinTs || r >= kEndTs) ts_range();
  return r;
}
// A value of kind `from` read as kind `to`: date/timestamp are local times, timestamptz UTC.
int64_t convert_ts(int64_t v, K from, K to) {
  bool from_tz = from == K::Tstz, to_tz = to == K::Tstz;
  if (from_tz && !to_tz) return to_local(v);
  if (!from_tz && to_tz) return from_local(v);
  return v;
}
void result_ts(sqlite3_context* ctx, int64_t ts, K k) {
  if (k == K::Date) {
    if (ts == kTimestampPosInfinity) return result_text(ctx, date_to_string(kDatePosInfinity));
    if (ts == kTimestampNegInfinity) return result_text(ctx, date_to_string(kDateNegInfinity));
    return result_text(ctx, date_to_string(int32_t(floor_div(ts, kUsDay))));
  }
  result_text(ctx, k == K::Ts ? timestamp_to_string(ts) : timestamptz_to_string(ts));
}
Interval read_iv(sqlite3_value* v) { return interval_from_storage(text_of(v)); }
void result_iv(sqlite3_context* ctx, const Interval& iv) { result_text(ctx, interval_to_storage(iv)); }
[[noreturn]] void iv_range() { throw PgError("22008", "interval out of range"); }
Interval make_iv(int64_t m, int64_t d, int64_t t) {
  if (m > INT32_MAX || m < INT32_MIN || d > INT32_MAX || d < INT32_MIN) iv_range();
  Interval r;
  r.month = int32_t(m);
  r.day = int32_t(d);
  r.time = t;
  return r;
}

// pg_dt_conv(value, from kind, to kind[, for a comparison])
void dt_conv(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    K from = K(sqlite3_value_int(argv[1])), to = K(sqlite3_value_int(argv[2]));
    bool saturate = argc > 3 && sqlite3_value_int(argv[3]) != 0;
    result_ts(ctx, convert_ts(read_ts(argv[0], from, saturate), from, to), to);
  });
}

// timestamp + interval; with a zone (timestamptz), the month and day steps happen in local
// time and each is converted back with DetermineTimeZoneOffset, as timestamptz_pl_interval.
int64_t ts_add_iv(int64_t ts, const Interval& iv, const TimeZone* tz = nullptr) {
  if (!ts_finite(ts)) return ts;
  if (iv.month != 0) {
    Tm tm = to_tm(tz ? to_local(ts, *tz) : ts);
    int64_t mon = int64_t(tm.mon) + iv.month;
    int64_t year = tm.year;
    if (mon > 12) { year += (mon - 1) / 12; mon = (mon - 1) % 12 + 1; }
    else if (mon < 1) { year += mon / 12 - 1; mon = mon % 12 + 12; }
    if (year > 300000 || year < -300000) ts_range();  // beyond timestamp's range; keeps date2j in int
    tm.year = int(year);
    tm.mon = int(mon);
    int lim = kDayTab[is_leap(tm.year) ? 1 : 0][tm.mon - 1];
    if (tm.mday > lim) tm.mday = lim;
    ts = tz ? from_local(from_tm(tm), *tz) : from_tm(tm);
  }
  if (iv.day != 0) {
    Tm tm = to_tm(tz ? to_local(ts, *tz) : ts);
    int64_t jd = int64_t(date_to_julian(tm.year, tm.mon, tm.mday)) + iv.day;
    if (jd < 0 || jd > INT32_MAX) ts_range();
    julian_to_date(int32_t(jd), tm.year, tm.mon, tm.mday);
    ts = tz ? from_local(from_tm(tm), *tz) : from_tm(tm);
  }
  if ((iv.time > 0 && ts > kEndTs - iv.time) || (iv.time < 0 && ts < kMinTs - iv.time)) ts_range();
  ts += iv.time;
  if (ts < kMinTs || ts >= kEndTs) ts_range();
  return ts;
}
Interval iv_neg(Interval a) { return make_iv(-int64_t(a.month), -int64_t(a.day), -a.time); }

// pg_dt_add_iv(ts, kind, interval, sign, result kind)
void dt_add_iv(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[2])) return sqlite3_result_null(ctx);
    K k = K(sqlite3_value_int(argv[1]));
    Interval iv = read_iv(argv[2]);
    if (sqlite3_value_int(argv[3]) < 0) iv = iv_neg(iv);
    K rk = K(sqlite3_value_int(argv[4]));
    result_ts(ctx, ts_add_iv(read_ts(argv[0], k), iv, k == K::Tstz ? &session_timezone() : nullptr), rk);
  });
}

Interval justify_hours(Interval r) {
  int64_t wholeday = r.time / kUsDay;
  r.time -= wholeday * kUsDay;
  int64_t day = int64_t(r.day) + wholeday;
  if (day > 0 && r.time < 0) { r.time += kUsDay; day--; }
  else if (day < 0 && r.time > 0) { r.time -= kUsDay; day++; }
  return make_iv(r.month, day, r.time);
}
Interval justify_days(Interval r) {
  int64_t wholemonth = r.day / 30;
  int64_t day = r.day - wholemonth * 30, month = int64_t(r.month) + wholemonth;
  if (month > 0 && day < 0) { day += 30; month--; }
  else if (month < 0 && day > 0) { day -= 30; month++; }
  return make_iv(month, day, r.time);
}
Interval justify_interval(Interval s) {
  int64_t month = s.month, day = s.day, time = s.time;
  if ((day > 0 && time > 0) || (day < 0 && time < 0)) { int64_t wm = day / 30; day -= wm * 30; month += wm; }
  int64_t wd = time / kUsDay; time -= wd * kUsDay; day += wd;
  int64_t wm = day / 30; day -= wm * 30; month += wm;
  if (month > 0 && (day < 0 || (day == 0 && time < 0))) { day += 30; month--; }
  else if (month < 0 && (day > 0 || (day == 0 && time > 0))) { day -= 30; month++; }
  if (day > 0 && time < 0) { time += kUsDay; day--; }
  else if (day < 0 && time > 0) { time -= kUsDay; day++; }
  return make_iv(month, day, time);
}

// pg_dt_ts_diff(a, b, kind) -> interval (justify_hours of the microsecond difference)
void dt_ts_diff(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    K k = K(sqlite3_value_int(argv[2]));
    int64_t a = read_ts(argv[0], k), b = read_ts(argv[1], k);
    if (!ts_finite(a) || !ts_finite(b))
      throw PgError(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
    result_iv(ctx, justify_hours(make_iv(0, 0, a - b)));
  });
}

Interval age_of(int64_t dt1, int64_t dt2) {
  if (!ts_finite(dt1) || !ts_finite(dt2))
    throw PgError(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
  Tm t1 = to_tm(dt1), t2 = to_tm(dt2);
  int64_t fsec = t1.fsec - t2.fsec, sec = t1.sec - t2.sec, min = t1.min - t2.min, hour = t1.hour - t2.hour,
          mday = t1.mday - t2.mday, mon = t1.mon - t2.mon, year = t1.year - t2.year;
  bool neg = dt1 < dt2;
  if (neg) { fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year; }
  while (fsec < 0) { fsec += kUsSec; sec--; }
  while (sec < 0) { sec += 60; min--; }
  while (min < 0) { min += 60; hour--; }
  while (hour < 0) { hour += 24; mday--; }
  while (mday < 0) {
    if (neg) mday += kDayTab[is_leap(t1.year) ? 1 : 0][t1.mon - 1];
    else mday += kDayTab[is_leap(t2.year) ? 1 : 0][t2.mon - 1];
    mon--;
  }
  while (mon < 0) { mon += 12; year--; }
  if (neg) { fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year; }
  return make_iv(year * 12 + mon, mday, ((hour * 60 + min) * 60 + sec) * kUsSec + fsec);
}

void dt_age(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    K k = K(sqlite3_value_int(argv[2]));
    int64_t a = read_ts(argv[0], k), b = read_ts(argv[1], k);
    if (k == K::Tstz) a = to_local(a), b = to_local(b);  // timestamptz_age: local fields
    result_iv(ctx, age_of(a, b));
  });
}

int64_t unix_to_pg(int64_t us) { return us - int64_t(kEpochJ - kUnixEpochJ) * kUsDay; }

// pg_dt_age1(ts, kind): age(CURRENT_DATE midnight, ts)
void dt_age1(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    K k = K(sqlite3_value_int(argv[1]));
    int64_t now = to_local(unix_to_pg(runtime_context(ctx)->transaction_start_us));
    int64_t v = read_ts(argv[0], k);
    if (k == K::Tstz) v = to_local(v);
    result_iv(ctx, age_of(floor_div(now, kUsDay) * kUsDay, v));
  });
}

void iv_unary(sqlite3_context* ctx, sqlite3_value** argv, Interval (*f)(Interval)) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    result_iv(ctx, f(read_iv(argv[0])));
  });
}
void fn_justify_hours(sqlite3_context* c, int, sqlite3_value** a) { iv_unary(c, a, justify_hours); }
void fn_justify_days(sqlite3_context* c, int, sqlite3_value** a) { iv_unary(c, a, justify_days); }
void fn_justify_interval(sqlite3_context* c, int, sqlite3_value** a) { iv_unary(c, a, justify_interval); }
void fn_iv_neg(sqlite3_context* c, int, sqlite3_value** a) { iv_unary(c, a, iv_neg); }

// pg_iv_add(a, b, sign)
void iv_add(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    Interval a = read_iv(argv[0]), b = read_iv(argv[1]);
    int s = sqlite3_value_int(argv[2]);
    int64_t t;
    if (__builtin_add_overflow(a.time, s * b.time, &t)) iv_range();
    result_iv(ctx, make_iv(int64_t(a.month) + s * int64_t(b.month), int64_t(a.day) + s * int64_t(b.day), t));
  });
}

double tsround(double j) { return std::rint(j * 1000000.0) / 1000000.0; }

// pg_iv_mul(interval, float8, divide)
void iv_mul(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    Interval sp = read_iv(argv[0]);
    double f;
    if (sqlite3_value_type(argv[1]) == SQLITE_TEXT) f = std::strtod(text_of(argv[1]).c_str(), nullptr);
    else f = sqlite3_value_double(argv[1]);
    bool div = sqlite3_value_int(argv[2]) != 0;
    if (div && f == 0) throw PgError(sqlstate::kDivisionByZero, "division by zero");
    if (std::isnan(f)) iv_range();
    double md = div ? sp.month / f : sp.month * f;
    double dd = div ? sp.day / f : sp.day * f;
    if (md > INT32_MAX || md < INT32_MIN || dd > INT32_MAX || dd < INT32_MIN) iv_range();
    int64_t month = int32_t(md), day = int32_t(dd);
    double month_rem_days = (md - month) * 30;
    month_rem_days = tsround(month_rem_days);
    double sec_rem = (dd - day + month_rem_days - (int)month_rem_days) * 86400;
    sec_rem = tsround(sec_rem);
    if (std::fabs(sec_rem) >= 86400) {
      day += (int)(sec_rem / 86400);
      sec_rem -= (int)(sec_rem / 86400) * 86400.0;
    }
    day += (int32_t)month_rem_days;
    double t = std::rint((div ? sp.time / f : sp.time * f) + sec_rem * 1000000.0);
    if (!(t >= -9.2e18 && t <= 9.2e18)) iv_range();
    result_iv(ctx, make_iv(month, day, (int64_t)t));
  });
}

// ---- extract / date_part / date_trunc
std::string lower(const std::string& s) {
  std::string r;
  for (char c : s) r += char(std::tolower((unsigned char)c));
  return r;
}
// canonical unit names
std::string canon_unit(const std::string& w) {
  struct U { const char* n; const char* c; };
  static const U kU[] = {
      {"microsecond", "microseconds"}, {"microseconds", "microseconds"}, {"us", "microseconds"}, {"usec", "microseconds"}, {"usecs", "microseconds"},
      {"millisecond", "milliseconds"}, {"milliseconds", "milliseconds"}, {"ms", "milliseconds"}, {"msec", "milliseconds"}, {"msecs", "milliseconds"},
      {"second", "second"}, {"seconds", "second"}, {"s", "second"}, {"sec", "second"}, {"secs", "second"},
      {"minute", "minute"}, {"minutes", "minute"}, {"m", "minute"}, {"min", "minute"}, {"mins", "minute"},
      {"hour", "hour"}, {"hours", "hour"}, {"h", "hour"}, {"hr", "hour"}, {"hrs", "hour"},
      {"day", "day"}, {"days", "day"}, {"d", "day"},
      {"week", "week"}, {"weeks", "week"}, {"w", "week"},
      {"month", "month"}, {"months", "month"}, {"mon", "month"}, {"mons", "month"},
      {"quarter", "quarter"}, {"qtr", "quarter"},
      {"year", "year"}, {"years", "year"}, {"y", "year"}, {"yr", "year"}, {"yrs", "year"},
      {"decade", "decade"}, {"decades", "decade"}, {"dec", "decade"}, {"decs", "decade"},
      {"century", "century"}, {"centuries", "century"}, {"c", "century"}, {"cent", "century"},
      {"millennium", "millennium"}, {"millennia", "millennium"}, {"mil", "millennium"}, {"mils", "millennium"},
      {"epoch", "epoch"}, {"dow", "dow"}, {"isodow", "isodow"}, {"doy", "doy"}, {"isoyear", "isoyear"},
      {"julian", "julian"}, {"j", "julian"}, {"timezone", "timezone"}, {"timezone_h", "timezone_hour"},
      {"timezone_hour", "timezone_hour"}, {"timezone_m", "timezone_minute"}, {"timezone_minute", "timezone_minute"},
  };
  for (const auto& u : kU)
    if (w == u.n) return u.c;
  return "";
}
const char* kind_type_name(K k) {
  switch (k) {
    case K::Date: return "date";
    case K::Ts: return "timestamp without time zone";
    case K::Tstz: return "timestamp with time zone";
    default: return "interval";
  }
}
[[noreturn]] void not_supported(const std::string& u, K k) {
  throw PgError(sqlstate::kFeatureNotSupported, "unit \"" + u + "\" not supported for type " + kind_type_name(k));
}
[[noreturn]] void not_recognized(const std::string& u, K k) {
  throw PgError(sqlstate::kInvalidParameterValue, "unit \"" + u + "\" not recognized for type " + kind_type_name(k));
}

int j2day(int64_t jd) { return int(((jd + 1) % 7 + 7) % 7); }
int date2isoweek(int year, int mon, int mday) {
  int64_t dayn = date_to_julian(year, mon, mday);
  int64_t day4 = date_to_julian(year, 1, 4);
  int64_t day0 = j2day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = date_to_julian(year - 1, 1, 4);
    day0 = j2day(day4 - 1);
  }
  int64_t result = (dayn - (day4 - day0)) / 7 + 1;
  if (result >= 52) {
    day4 = date_to_julian(year + 1, 1, 4);
    day0 = j2day(day4 - 1);
    if (dayn >= day4 - day0) result = (dayn - (day4 - day0)) / 7 + 1;
  }
  return int(result);
}
int date2isoyear(int year, int mon, int mday) {
  int64_t dayn = date_to_julian(year, mon, mday);
  int64_t day4 = date_to_julian(year, 1, 4);
  int64_t day0 = j2day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = date_to_julian(year - 1, 1, 4);
    day0 = j2day(day4 - 1);
    year--;
  }
  int64_t result = (dayn - (day4 - day0)) / 7 + 1;
  if (result >= 52) {
    day4 = date_to_julian(year + 1, 1, 4);
    day0 = j2day(day4 - 1);
    if (dayn >= day4 - day0) year++;
  }
  return year;
}
void isoweek2date(int woy, int& year, int& mon, int& mday) {
  int64_t day4 = date_to_julian(year, 1, 4);
  int64_t day0 = j2day(day4 - 1);
  int64_t jd = ((woy - 1) * 7) + (day4 - day0);
  julian_to_date(int32_t(jd), year, mon, mday);
}

// A part value: integer, or a scaled integer (num / 10^scale), plus the float8 form.
struct Part {
  int64_t num = 0;
  int scale = 0;
  double d = 0;
  std::string text;  // numeric text when num cannot hold it (±Infinity, huge epochs)
};
Part ip(int64_t v) { Part p; p.num = v; p.d = double(v); return p; }

std::string scaled_text(int64_t num, int scale) {
  bool neg = num < 0;
  uint64_t u = neg ? -(uint64_t)num : (uint64_t)num;
  std::string digits = std::to_string(u);
  if (scale > 0) {
    while ((int)digits.size() <= scale) digits = "0" + digits;
    digits.insert(digits.size() - scale, ".");
  }
  return (neg ? "-" : "") + digits;
}

Part ts_part(const std::string& u, int64_t ts, K k, bool numeric) {
  Tm tm = to_tm(ts);
  if (u == "microseconds") return ip(tm.sec * kUsSec + tm.fsec);
  if (u == "milliseconds") { Part p; p.num = tm.sec * kUsSec + tm.fsec; p.scale = 3; p.d = tm.sec * 1000.0 + tm.fsec / 1000.0; return p; }
  if (u == "second") { Part p; p.num = tm.sec * kUsSec + tm.fsec; p.scale = 6; p.d = tm.sec + tm.fsec / 1000000.0; return p; }
  if (u == "minute") return ip(tm.min);
  if (u == "hour") return ip(tm.hour);
  if (u == "day") return ip(tm.mday);
  if (u == "month") return ip(tm.mon);
  if (u == "quarter") return ip((tm.mon - 1) / 3 + 1);
  if (u == "week") return ip(date2isoweek(tm.year, tm.mon, tm.mday));
  if (u == "year") return ip(tm.year > 0 ? tm.year : tm.year - 1);
  if (u == "decade") return ip(tm.year >= 0 ? tm.year / 10 : -((8 - (tm.year - 1)) / 10));
  if (u == "century") return ip(tm.year > 0 ? (tm.year + 99) / 100 : -((99 - (tm.year - 1)) / 100));
  if (u == "millennium") return ip(tm.year > 0 ? (tm.year + 999) / 1000 : -((999 - (tm.year - 1)) / 1000));
  if (u == "julian") {
    Part p;
    if (numeric) {  // date2j + time / 86400000000 in numeric division
      int64_t us = ((((tm.hour * 60) + tm.min) * 60) + tm.sec) * kUsSec + tm.fsec;
      p.text = Numeric::from_int64(date_to_julian(tm.year, tm.mon, tm.mday))
                   .add(Numeric::from_int64(us).div(Numeric::from_int64(86400LL * kUsSec)))
                   .to_string();
    }
    p.d = date_to_julian(tm.year, tm.mon, tm.mday) +
          ((((tm.hour * 60) + tm.min) * 60) + tm.sec + (tm.fsec / 1000000.0)) / 86400.0;
    return p;
  }
  if (u == "isoyear") { int y = date2isoyear(tm.year, tm.mon, tm.mday); return ip(y > 0 ? y : y - 1); }
  if (u == "dow" || u == "isodow") {
    int d = j2day(date_to_julian(tm.year, tm.mon, tm.mday));
    if (u == "isodow" && d == 0) d = 7;
    return ip(d);
  }
  if (u == "doy") return ip(date_to_julian(tm.year, tm.mon, tm.mday) - date_to_julian(tm.year, 1, 1) + 1);
  if (u == "epoch") {
    __int128 e = (__int128)ts + (__int128)int64_t(kEpochJ - kUnixEpochJ) * kUsDay;
    Part p; p.scale = 6; p.d = double(e) / 1000000.0;
    if (e > INT64_MAX) {  // past 294247: build the text from the 128-bit value
      std::string digits;
      for (__int128 v = e; v > 0; v /= 10) digits.insert(digits.begin(), char('0' + int(v % 10)));
      digits.insert(digits.size() - 6, ".");
      p.text = digits;
    } else {
      p.num = int64_t(e);
    }
    return p;
  }
  not_supported(u, k);
}

Part iv_part(const std::string& u, const Interval& iv) {
  int64_t year = iv.month / 12, mon = iv.month % 12;
  int64_t t = iv.time;
  int64_t hour = t / kUsHour; t -= hour * kUsHour;
  int64_t min = t / kUsMin; t -= min * kUsMin;
  int64_t sec = t / kUsSec; int64_t fsec = t - sec * kUsSec;
  if (u == "microseconds") { Part p = ip(sec * kUsSec + fsec); p.d = sec * 1000000.0 + fsec; return p; }
  if (u == "milliseconds") { Part p; p.num = sec * kUsSec + fsec; p.scale = 3; p.d = sec * 1000.0 + fsec / 1000.0; return p; }
  if (u == "second") { Part p; p.num = sec * kUsSec + fsec; p.scale = 6; p.d = sec + fsec / 1000000.0; return p; }
  if (u == "minute") return ip(min);
  if (u == "hour") return ip(hour);
  if (u == "day") return ip(iv.day);
  if (u == "month") return ip(mon);
  if (u == "quarter") return ip(mon / 3 + 1);
  if (u == "year") return ip(year);
  if (u == "decade") return ip(year / 10);
  if (u == "century") return ip(year / 100);
  if (u == "millennium") return ip(year / 1000);
  if (u == "epoch") {
    int64_t secs = int64_t(365.25 * 86400) * (iv.month / 12) + int64_t(30 * 86400) * (iv.month % 12) + int64_t(iv.day) * 86400;
    Part p; p.scale = 6;
    p.d = iv.time / 1000000.0 + (365.25 * 86400) * (iv.month / 12) + (30.0 * 86400) * (iv.month % 12) + 86400.0 * iv.day;
    __int128 us = (__int128)secs * kUsSec + iv.time;
    if (us > INT64_MAX || us < INT64_MIN) {  // past int64 microseconds: the 128-bit value's text
      bool neg = us < 0;
      std::string digits;
      for (__int128 v = neg ? -us : us; v > 0; v /= 10) digits.insert(digits.begin(), char('0' + int(v % 10)));
      digits.insert(digits.size() - 6, ".");
      p.text = (neg ? "-" : "") + digits;
    } else {
      p.num = int64_t(us);
    }
    return p;
  }
  not_supported(u, K::Iv);
}

// A part of an infinite date/timestamp (NonFiniteTimestampTzPart): monotonic units are
// ±Infinity, the others NULL.
void nonfinite_part(sqlite3_context* ctx, const std::string& u, const std::string& raw, K k, bool positive, bool numeric) {
  if (u == "year" || u == "decade" || u == "century" || u == "millennium" || u == "julian" || u == "isoyear" ||
      u == "epoch") {
    if (!numeric) return sqlite3_result_double(ctx, positive ? INFINITY : -INFINITY);
    std::string enc = Numeric::parse(positive ? "Infinity" : "-Infinity").encode();
    return sqlite3_result_blob(ctx, enc.data(), (int)enc.size(), SQLITE_TRANSIENT);
  }
  if (k == K::Ts && (u == "timezone" || u == "timezone_hour" || u == "timezone_minute")) not_supported(raw, k);
  sqlite3_result_null(ctx);
}

// pg_dt_part(unit, value, kind, numeric)
void dt_part(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    std::string raw = lower(text_of(argv[0]));
    K k = K(sqlite3_value_int(argv[2]));
    bool numeric = sqlite3_value_int(argv[3]) != 0;
    std::string u = canon_unit(raw);
    if (u.empty()) not_recognized(raw, k);
    Part p;
    if (k == K::Iv) {
      p = iv_part(u, read_iv(argv[1]));
    } else if (k == K::Date) {
      if (u == "microseconds" || u == "milliseconds" || u == "second" || u == "minute" || u == "hour" ||
          u == "timezone" || u == "timezone_hour" || u == "timezone_minute")
        not_supported(raw, k);
      int64_t ts = read_ts(argv[1], K::Date);
      if (!ts_finite(ts)) return nonfinite_part(ctx, u, raw, k, ts > 0, numeric);
      if (u == "julian") p = ip(floor_div(ts, kUsDay) + kEpochJ);
      else if (u == "epoch") p = ip((floor_div(ts, kUsDay) + kEpochJ - kUnixEpochJ) * 86400);
      else p = ts_part(u, ts, K::Ts, true);
    } else {
      int64_t ts = read_ts(argv[1], k);
      if (!ts_finite(ts)) return nonfinite_part(ctx, u, raw, k, ts > 0, numeric);
      if (k == K::Tstz && u != "epoch") {  // fields of the local time in the session's zone
        int32_t utoff;
        ts = timestamp_in_zone(ts, session_timezone(), &utoff);
        if (u == "timezone") p = ip(utoff);
        else if (u == "timezone_hour") p = ip(utoff / 3600);
        else if (u == "timezone_minute") p = ip((utoff / 60) % 60);
        else p = ts_part(u, ts, k, numeric);
      } else {
        p = ts_part(u, ts, k, numeric);
      }
    }
    if (numeric) {
      std::string enc = Numeric::parse(p.text.empty() ? scaled_text(p.num, p.scale) : p.text).encode();
      sqlite3_result_blob(ctx, enc.data(), (int)enc.size(), SQLITE_TRANSIENT);
    } else {
      sqlite3_result_double(ctx, p.d);
    }
  });
}

// A zone argument (AT TIME ZONE, date_trunc's third argument): a timezone_abbreviations
// entry first (fixed or dynamic), then a zone name or POSIX spec (timestamptz_zone).
struct ZoneArg {
  const TimezoneAbbrev* abbrev = nullptr;
  const TimeZone* tz = nullptr;  // the zone (of a dynamic abbreviation, too)
  std::string text;
};
ZoneArg zone_arg(const std::string& name) {
  ZoneArg z;
  z.text = name;
  std::string low = lower(name.substr(0, 63));
  z.abbrev = find_timezone_abbrev(low);
  if (z.abbrev && z.abbrev->zone) z.tz = find_timezone(z.abbrev->zone);
  if (!z.abbrev) z.tz = find_timezone(name);
  if (!z.abbrev && !z.tz)
    throw PgError(sqlstate::kInvalidParameterValue, "time zone \"" + name + "\" not recognized");
  return z;
}
const TimeZone* zone_for_trunc(const std::string& name) {
  ZoneArg z = zone_arg(name);
  if (z.abbrev && !z.abbrev->zone) return timezone_from_offset(-int64_t(z.abbrev->utoff));
  return z.tz;
}
std::string upper_ascii(const std::string& s) {
  std::string r;
  for (char c : s) r += char(std::toupper((unsigned char)c));
  return r;
}

// pg_dt_trunc(unit, value, kind[, zone])
void dt_trunc(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    std::string raw = lower(text_of(argv[0]));
    K k = K(sqlite3_value_int(argv[2]));
    std::string u = canon_unit(raw);
    if (u.empty()) not_recognized(raw, k);
    if (k == K::Iv) {
      Interval iv = read_iv(argv[1]);
      int64_t year = iv.month / 12, mon = iv.month % 12, day = iv.day;
      int64_t t = iv.time;
      int64_t hour = t / kUsHour; t -= hour * kUsHour;
      int64_t min = t / kUsMin; t -= min * kUsMin;
      int64_t sec = t / kUsSec; int64_t fsec = t - sec * kUsSec;
      int lvl;
      if (u == "millennium") { year = (year / 1000) * 1000; lvl = 0; }
      else if (u == "century") { year = (year / 100) * 100; lvl = 0; }
      else if (u == "decade") { year = (year / 10) * 10; lvl = 0; }
      else if (u == "year") lvl = 0;
      else if (u == "quarter") lvl = 1;
      else if (u == "month") lvl = 2;
      else if (u == "day") lvl = 3;
      else if (u == "hour") lvl = 4;
      else if (u == "minute") lvl = 5;
      else if (u == "second") lvl = 6;
      else if (u == "milliseconds") lvl = 7;
      else if (u == "microseconds") lvl = 8;
      else if (u == "week")
        throw PgError(sqlstate::kFeatureNotSupported, "unit \"" + raw + "\" not supported for type interval",
                      "Months usually have fractional weeks.");
      else not_supported(raw, k);
      if (lvl <= 0) mon = 0;
      if (lvl == 1) mon = 3 * (mon / 3);
      if (lvl <= 2) day = 0;
      if (lvl <= 3) hour = 0;
      if (lvl <= 4) min = 0;
      if (lvl <= 5) sec = 0;
      if (lvl <= 6) fsec = 0;
      if (lvl == 7) fsec = (fsec / 1000) * 1000;
      return result_iv(ctx, make_iv(year * 12 + mon, day, ((hour * 60 + min) * 60 + sec) * kUsSec + fsec));
    }
    int64_t ts = read_ts(argv[1], k);
    if (!ts_finite(ts)) return result_ts(ctx, ts, k);
    // timestamptz: truncate the local time in the session's zone (or the zone argument);
    // units of a day and more find the offset again, smaller ones keep the original one.
    const TimeZone* tz = nullptr;
    int32_t utoff = 0;
    if (k == K::Tstz) {
      tz = argc > 3 && !is_null(argv[3]) ? zone_for_trunc(text_of(argv[3])) : &session_timezone();
      ts = timestamp_in_zone(ts, *tz, &utoff);
    }
    auto done = [&](int64_t local, bool redo) {
      if (!tz) return result_ts(ctx, local, k);
      int64_t r = redo ? from_local(local, *tz) : local - int64_t(utoff) * kUsSec;
      result_ts(ctx, r, k);
    };
    Tm tm = to_tm(ts);
    if (u == "week") {
      int woy = date2isoweek(tm.year, tm.mon, tm.mday);
      if (woy >= 52 && tm.mon == 1) --tm.year;
      if (woy <= 1 && tm.mon == 12) ++tm.year;
      isoweek2date(woy, tm.year, tm.mon, tm.mday);
      tm.hour = tm.min = tm.sec = 0;
      tm.fsec = 0;
      return done(from_tm(tm), true);
    }
    static const char* kOrder[] = {"millennium", "century", "decade", "year", "quarter", "month", "day",
                                   "hour", "minute", "second", "milliseconds", "microseconds"};
    int lvl = -1;
    for (int i = 0; i < 12; i++)
      if (u == kOrder[i]) lvl = i;
    if (lvl < 0) not_supported(raw, k);
    if (lvl == 0) tm.year = tm.year > 0 ? ((tm.year + 999) / 1000) * 1000 - 999 : -((999 - (tm.year - 1)) / 1000) * 1000 + 1;
    if (lvl == 1) tm.year = tm.year > 0 ? ((tm.year + 99) / 100) * 100 - 99 : -((99 - (tm.year - 1)) / 100) * 100 + 1;
    if (lvl == 2) tm.year = tm.year > 0 ? (tm.year / 10) * 10 : -((8 - (tm.year - 1)) / 10) * 10;
    if (lvl <= 3) tm.mon = 1;
    if (lvl <= 4) tm.mon = 3 * ((tm.mon - 1) / 3) + 1;
    if (lvl <= 5) tm.mday = 1;
    if (lvl <= 6) tm.hour = 0;
    if (lvl <= 7) tm.min = 0;
    if (lvl <= 8) tm.sec = 0;
    if (lvl <= 9) tm.fsec = 0;
    if (lvl == 10) tm.fsec = (tm.fsec / 1000) * 1000;
    done(from_tm(tm), lvl <= 6);
  });
}

// pg_dt_timezone(zone, value, from kind, to kind): value AT TIME ZONE zone; timestamptz →
// timestamp is the local time in the zone, timestamp → timestamptz the instant of that local
// time there (timestamptz_zone / timestamp_zone).
void dt_timezone(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    K from = K(sqlite3_value_int(argv[2])), to = K(sqlite3_value_int(argv[3]));
    int64_t v = read_ts(argv[1], from);
    if (!ts_finite(v)) return result_ts(ctx, v, to);
    ZoneArg z = zone_arg(text_of(argv[0]));
    int64_t secs = floor_div(v, kUsSec) + kPgEpochUnixSeconds;
    int64_t r;
    if (from == K::Tstz) {  // instant -> local time in the zone
      int32_t off;
      if (z.abbrev && !z.abbrev->zone) off = z.abbrev->utoff;
      else if (z.abbrev) {
        const ZoneType* zt = z.tz ? z.tz->interpret_abbrev(upper_ascii(z.text), secs) : nullptr;
        off = zt ? zt->utoff : z.tz ? z.tz->utoff_at(secs) : 0;
      } else off = z.tz->utoff_at(secs);
      r = v + int64_t(off) * kUsSec;
    } else {  // local time in the zone -> instant
      int32_t off;
      if (z.abbrev && !z.abbrev->zone) off = z.abbrev->utoff;
      else if (z.abbrev) {
        off = z.tz ? z.tz->utoff_for_local(secs) : 0;
        const ZoneType* zt = z.tz ? z.tz->interpret_abbrev(upper_ascii(z.text), secs - off) : nullptr;
        if (zt) off = zt->utoff;
      } else off = z.tz->utoff_for_local(secs);
      r = v - int64_t(off) * kUsSec;
    }
    if (r < kMinTs || r >= kEndTs) ts_range();
    result_ts(ctx, r, to);
  });
}

// pg_dt_izone(interval, value, from kind, to kind): AT TIME ZONE with an interval offset.
void dt_izone(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    K from = K(sqlite3_value_int(argv[2])), to = K(sqlite3_value_int(argv[3]));
    Interval iv = read_iv(argv[0]);
    if (iv.month != 0 || iv.day != 0)
      throw PgError(sqlstate::kInvalidParameterValue,
                    "interval time zone \"" + interval_to_string(iv) + "\" must not include months or days");
    int64_t v = read_ts(argv[1], from);
    if (!ts_finite(v)) return result_ts(ctx, v, to);
    int64_t off = iv.time / kUsSec * kUsSec;
    int64_t r = from == K::Tstz ? v + off : v - off;
    if (r < kMinTs || r >= kEndTs) ts_range();
    result_ts(ctx, r, to);
  });
}

// pg_dt_bin(stride, value, origin, kind): date_bin (timestamp_bin / timestamptz_bin).
void dt_bin(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1]) || is_null(argv[2])) return sqlite3_result_null(ctx);
    K k = K(sqlite3_value_int(argv[3]));
    Interval stride = read_iv(argv[0]);
    int64_t ts = read_ts(argv[1], k), origin = read_ts(argv[2], k);
    if (!ts_finite(ts)) return result_ts(ctx, ts, k);
    if (!ts_finite(origin)) throw PgError(sqlstate::kDatetimeFieldOverflow, "origin out of range");
    if (stride.month != 0)
      throw PgError(sqlstate::kFeatureNotSupported, "timestamps cannot be binned into intervals containing months or years");
    int64_t stride_us, diff;
    if (__builtin_mul_overflow(int64_t(stride.day), kUsDay, &stride_us) || __builtin_add_overflow(stride_us, stride.time, &stride_us))
      throw PgError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
    if (stride_us <= 0) throw PgError(sqlstate::kDatetimeFieldOverflow, "stride must be greater than zero");
    if (__builtin_sub_overflow(ts, origin, &diff)) throw PgError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
    int64_t modulo = diff % stride_us;
    int64_t r = origin + (diff - modulo);
    if (modulo < 0 && (__builtin_sub_overflow(r, stride_us, &r) || r < kMinTs || r >= kEndTs)) ts_range();
    result_ts(ctx, r, k);
  });
}

// ---- make_*
std::vector<std::string> texts(int argc, sqlite3_value** argv) {
  std::vector<std::string> r;
  for (int i = 0; i < argc; i++) r.push_back(is_null(argv[i]) ? std::string() : text_of(argv[i]));
  return r;
}
bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; i++)
    if (is_null(argv[i])) return true;
  return false;
}
int64_t arg_int(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) return parse_int(text_of(v), 32);
  return sqlite3_value_int64(v);
}
double arg_double(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) return parse_float8(text_of(v));
  return sqlite3_value_double(v);
}

void check_date(int64_t y, int64_t m, int64_t d) {
  if (y == 0 || m < 1 || m > 12 || d < 1 || d > kDayTab[is_leap(int(y < 0 ? y + 1 : y)) ? 1 : 0][m - 1])
    throw PgError(sqlstate::kDatetimeFieldOverflow, "date field value out of range: " + std::to_string(y) + "-" +
                                                        (m >= 0 && m < 10 ? "0" : "") + std::to_string(m) + "-" +
                                                        (d >= 0 && d < 10 ? "0" : "") + std::to_string(d));
}
void make_date(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    int64_t y = arg_int(argv[0]), m = arg_int(argv[1]), d = arg_int(argv[2]);
    check_date(y, m, d);
    if (y < 0) y++;
    int64_t jd = date_to_julian(int(y), int(m), int(d));
    result_text(ctx, date_to_string(int32_t(jd - kEpochJ)));
  });
}
void make_timestamp(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (argc != 6) throw PgError(sqlstate::kUndefinedFunction, "function make_timestamp does not exist");
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    int64_t y = arg_int(argv[0]), m = arg_int(argv[1]), d = arg_int(argv[2]);
    int64_t h = arg_int(argv[3]), mi = arg_int(argv[4]);
    double sec = arg_double(argv[5]);
    check_date(y, m, d);
    if (y < 0) y++;
    if (h < 0 || h > 24 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || (h == 24 && (mi > 0 || sec > 0)))
      throw PgError(sqlstate::kDatetimeFieldOverflow,
                    "time field value out of range: " + std::to_string(h) + ":" + std::to_string(mi) + ":" +
                        float8_to_string(sec));
    int64_t t = (h * 60 + mi) * 60 * kUsSec + (int64_t)std::rint(sec * 1000000.0);
    if (y > 300000 || y < -300000) ts_range();
    int64_t jd = date_to_julian(int(y), int(m), int(d));
    int64_t days_us, ts;
    if (__builtin_mul_overflow(jd - kEpochJ, kUsDay, &days_us) || __builtin_add_overflow(days_us, t, &ts)) ts_range();
    if (ts < kMinTs || ts >= kEndTs) ts_range();
    result_text(ctx, timestamp_to_string(ts));
  });
}
void make_interval(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (argc > 7) throw PgError(sqlstate::kUndefinedFunction, "function make_interval does not exist");
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    int64_t v[6] = {0, 0, 0, 0, 0, 0};
    for (int i = 0; i < argc && i < 6; i++) v[i] = arg_int(argv[i]);
    double secs = argc == 7 ? arg_double(argv[6]) : 0;
    if (std::isinf(secs) || std::isnan(secs)) iv_range();
    int64_t month = v[0] * 12 + v[1];
    int64_t day = v[2] * 7 + v[3];
    double t = std::rint(secs * 1000000.0) + double((v[4] * 60 + v[5]) * 60) * 1000000.0;
    result_iv(ctx, make_iv(month, day, (int64_t)t));
  });
}

// pg_sane_timezone(zone): make_timestamptz's zone argument (parse_sane_timezone): "+hh[:mm[:ss]]"
// and "+hhmm" are ISO offsets east of Greenwich, returned as the equivalent POSIX spec for
// pg_dt_timezone; other text is a zone name or abbreviation, returned as is.
void sane_timezone(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    std::string z = text_of(argv[0]);
    if (!z.empty() && std::isdigit((unsigned char)z[0]))
      throw PgError(sqlstate::kInvalidParameterValue, "invalid input syntax for type numeric time zone: \"" + z + "\"", "",
                    "Numeric time zones must have \"-\" or \"+\" as first character.");
    if (z.empty() || (z[0] != '+' && z[0] != '-')) return result_text(ctx, z);
    // DecodeTimezone
    const char* str = z.c_str();
    char* cp;
    bool overflow = false;
    auto to_int = [&](const char* from) {
      errno = 0;
      long long v = std::strtoll(from, &cp, 10);
      if (errno == ERANGE || v > INT32_MAX || v < INT32_MIN) overflow = true;
      return v;
    };
    long hr = to_int(str + 1), min = 0, sec = 0;
    if (*cp == ':') {
      min = to_int(cp + 1);
      if (*cp == ':') sec = to_int(cp + 1);
    } else if (*cp == '\0' && z.size() > 3) {
      min = hr % 100;
      hr /= 100;
    }
    if (!overflow && (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60)) overflow = true;
    if (overflow) throw PgError(sqlstate::kInvalidParameterValue, "numeric time zone \"" + z + "\" out of range");
    if (*cp != '\0') return result_text(ctx, z);  // not numeric: a zone name
    char buf[48];
    std::snprintf(buf, sizeof buf, "UTC%c%02ld:%02ld:%02ld", z[0] == '+' ? '-' : '+', hr, min, sec);
    result_text(ctx, buf);
  });
}

// ---- current time
std::string tstz_of_unix(int64_t us) { return timestamptz_to_string(unix_to_pg(us)); }
int64_t clock_unix_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}
void statement_ts(sqlite3_context* ctx, int, sqlite3_value**) {
  result_text(ctx, tstz_of_unix(runtime_context(ctx)->statement_start_us));
}
void clock_ts(sqlite3_context* ctx, int, sqlite3_value**) { result_text(ctx, tstz_of_unix(clock_unix_us())); }
void current_date(sqlite3_context* ctx, int, sqlite3_value**) {
  int64_t pg = to_local(unix_to_pg(runtime_context(ctx)->transaction_start_us));
  result_text(ctx, date_to_string(int32_t(floor_div(pg, kUsDay))));
}
void local_ts(sqlite3_context* ctx, int, sqlite3_value**) {
  result_text(ctx, timestamp_to_string(to_local(unix_to_pg(runtime_context(ctx)->transaction_start_us))));
}

// sum(interval) / avg(interval): (months, days, µs) sums; avg divides by the count as
// interval / float8 does (PostgreSQL 15's interval_avg).
struct IvAgg {
  int64_t month, day, time, count;
  bool init;
};
void iv_agg_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto* a = static_cast<IvAgg*>(sqlite3_aggregate_context(ctx, sizeof(IvAgg)));
    if (!a) return sqlite3_result_error_nomem(ctx);
    if (is_null(argv[0])) return;
    Interval iv = read_iv(argv[0]);
    a->month += iv.month;
    a->day += iv.day;
    if (__builtin_add_overflow(a->time, iv.time, &a->time)) iv_range();
    if (a->month > INT32_MAX || a->month < INT32_MIN || a->day > INT32_MAX || a->day < INT32_MIN) iv_range();
    a->count++;
    a->init = true;
  });
}
// A row leaving a window frame (PostgreSQL's interval_mi / interval_accum_inv).
void iv_agg_inverse(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto* a = static_cast<IvAgg*>(sqlite3_aggregate_context(ctx, sizeof(IvAgg)));
    if (!a) return sqlite3_result_error_nomem(ctx);
    if (is_null(argv[0])) return;
    Interval iv = read_iv(argv[0]);
    a->month -= iv.month;
    a->day -= iv.day;
    if (__builtin_sub_overflow(a->time, iv.time, &a->time)) iv_range();
    a->count--;
  });
}
void iv_agg_final(sqlite3_context* ctx, bool avg) {
  guarded(ctx, [&] {
    auto* a = static_cast<IvAgg*>(sqlite3_aggregate_context(ctx, 0));
    if (!a || !a->init || a->count == 0) return sqlite3_result_null(ctx);
    Interval sum = make_iv(a->month, a->day, a->time);
    if (!avg) return result_iv(ctx, sum);
    double f = double(a->count);
    double md = sum.month / f, dd = sum.day / f;
    int64_t month = int32_t(md), day = int32_t(dd);
    double month_rem_days = tsround((md - month) * 30);
    double sec_rem = tsround((dd - day + month_rem_days - (int)month_rem_days) * 86400);
    if (std::fabs(sec_rem) >= 86400) {
      day += (int)(sec_rem / 86400);
      sec_rem -= (int)(sec_rem / 86400) * 86400.0;
    }
    day += (int32_t)month_rem_days;
    result_iv(ctx, make_iv(month, day, (int64_t)std::rint(sum.time / f + sec_rem * 1000000.0)));
  });
}
void iv_sum_final(sqlite3_context* ctx) { iv_agg_final(ctx, false); }
void iv_avg_final(sqlite3_context* ctx) { iv_agg_final(ctx, true); }

// sum/avg(DISTINCT interval): a value whose span equals one already seen ('30 days' after
// '1 mon') is skipped, the first of equal values counting (SQLite's DISTINCT would compare the
// stored texts, which differ). The seen spans live behind the IvAgg state.
struct IvAggDistinct {
  IvAgg agg;
  std::set<std::string>* seen;
};
void iv_distinct_step(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto* a = static_cast<IvAggDistinct*>(sqlite3_aggregate_context(ctx, sizeof(IvAggDistinct)));
  if (!a) return sqlite3_result_error_nomem(ctx);
  if (is_null(argv[0])) return;
  if (!a->seen) a->seen = new std::set<std::string>();
  std::string v = text_of(argv[0]);
  if (!a->seen->insert(v.substr(0, kIntervalSpanDigits)).second) return;
  iv_agg_step(ctx, argc, argv);
}
template <bool kAvg>
void iv_distinct_final(sqlite3_context* ctx) {
  iv_agg_final(ctx, kAvg);
  auto* a = static_cast<IvAggDistinct*>(sqlite3_aggregate_context(ctx, 0));
  if (a) {
    delete a->seen;
    a->seen = nullptr;
  }
}

}  // namespace

int64_t timestamp_add_interval(int64_t ts, const Interval& iv) { return ts_add_iv(ts, iv); }
std::string canonical_datetime_unit(const std::string& lower_unit) { return canon_unit(lower_unit); }
int64_t timestamptz_add_interval(int64_t ts, const Interval& iv) { return ts_add_iv(ts, iv, &session_timezone()); }

void register_datetime_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_dt_conv", 3, dt_conv},          {"pg_dt_conv", 4, dt_conv},          {"pg_dt_add_iv", 5, dt_add_iv},
      {"pg_dt_ts_diff", 3, dt_ts_diff},    {"pg_dt_age", 3, dt_age},
      {"pg_justify_hours", 1, fn_justify_hours}, {"pg_justify_days", 1, fn_justify_days},
      {"pg_justify_interval", 1, fn_justify_interval}, {"pg_iv_neg", 1, fn_iv_neg},
      {"pg_iv_add", 3, iv_add},            {"pg_iv_mul", 3, iv_mul},
      {"pg_dt_part", 4, dt_part},          {"pg_dt_trunc", 3, dt_trunc}, {"pg_dt_trunc", 4, dt_trunc},
      {"pg_dt_izone", 4, dt_izone},        {"pg_dt_bin", 4, dt_bin},
      {"pg_make_date", 3, make_date},      {"pg_make_timestamp", -1, make_timestamp},
      {"pg_make_interval", -1, make_interval}, {"pg_dt_timezone", 4, dt_timezone},
      {"pg_sane_timezone", 1, sane_timezone},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
  static const F volatile_fns[] = {
      {"pg_dt_age1", 2, dt_age1}, {"pg_statement_timestamp", 0, statement_ts},
      {"pg_clock_timestamp", 0, clock_ts}, {"pg_current_date", 0, current_date},
      {"pg_localtimestamp", 0, local_ts},
  };
  sqlite3_create_window_function(db, "pg_sum_interval", 1, SQLITE_UTF8, rc, iv_agg_step, iv_sum_final, iv_sum_final,
                                 iv_agg_inverse, nullptr);
  sqlite3_create_window_function(db, "pg_avg_interval", 1, SQLITE_UTF8, rc, iv_agg_step, iv_avg_final, iv_avg_final,
                                 iv_agg_inverse, nullptr);
  sqlite3_create_function_v2(db, "pg_sum_interval_distinct", 1, SQLITE_UTF8, rc, nullptr, iv_distinct_step,
                             iv_distinct_final<false>, nullptr);
  sqlite3_create_function_v2(db, "pg_avg_interval_distinct", 1, SQLITE_UTF8, rc, nullptr, iv_distinct_step,
                             iv_distinct_final<true>, nullptr);
  for (auto& f : volatile_fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
