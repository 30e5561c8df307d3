// date, timestamp and timestamptz input/output as PostgreSQL 15 with DateStyle ISO (field order
// MDY, DMY or YMD for ambiguous numeric dates).
// The input parser is a compact version of PostgreSQL's ParseDateTime/DecodeDateTime
// covering ISO 8601 ('2024-01-05', '2024-01-05 10:00:00.5', '2024-01-05T10:00:00Z'),
// YYYYMMDD, M/D/Y and M-D-Y, month names ('Jan 5 2024', '5 January 2024'), AM/PM, AD/BC,
// numeric time zones, zone abbreviations (timezone_abbreviations Default), zone names and
// POSIX zone specs ('America/New_York', 'EST5EDT', 'UTC+3'), and the special words infinity,
// -infinity, epoch, now, today, tomorrow, yesterday. A timestamptz without a zone is local
// time in the session's TimeZone (timezone.h).
// Storage: the ISO output text ('2024-01-05', '2024-01-05 10:00:00.5'), so text order is
// time order for years 1..9999 AD ('-infinity' sorts first, 'infinity' last); timestamptz
// stores the UTC instant ('2024-01-05 10:00:00+00') and is printed in the session's zone.
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
#include "common/error.h"
#include "types/timezone.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

constexpr int32_t kPostgresEpochJdate = 2451545;
constexpr int32_t kUnixEpochJdate = 2440588;
constexpr int64_t kUsecsPerDay = 86400000000LL;
constexpr int32_t kDateEndJulian = 2147483494;
constexpr int64_t kMinTimestamp = -211813488000000000LL;
constexpr int64_t kEndTimestamp = 9223371331200000000LL;

thread_local int64_t t_input_now_unix_us = 0;
thread_local bool t_input_used_now = false;

int64_t now_usecs() {  // PostgreSQL's GetCurrentTransactionStartTimestamp()
  using namespace std::chrono;
  t_input_used_now = true;
  int64_t unix_us = t_input_now_unix_us ? t_input_now_unix_us
                                        : duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  return unix_us - int64_t(kPostgresEpochJdate - kUnixEpochJdate) * kUsecsPerDay;
}
int64_t floor_div(int64_t a, int64_t b) { return pg_floor_div(a, b); }

enum class Kind { Date, Timestamp, Timestamptz, Time, Timetz };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Date: return "date";
    case Kind::Timestamp: return "timestamp";
    case Kind::Time: return "time";
    case Kind::Timetz: return "time with time zone";
    default: return "timestamp with time zone";
  }
}

bool is_leap(int y) { return (y % 4 == 0) && ((y % 100 != 0) || (y % 400 == 0)); }
const int kDayTab[2][12] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                            {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

struct Fields {
  int year = 0, mon = 0, mday = 0;
  bool have_year = false, have_mon = false, have_mday = false;
  bool year_2digits = false;
  int hour = 0, min = 0, sec = 0;
  int64_t fsec = 0;
  bool have_time = false;
  bool bc = false;
  int ampm = 0;  // 0 none, 1 AM, 2 PM
  bool have_tz = false;
  int tz_seconds = 0;  // east of UTC
  const TimeZone* named_tz = nullptr;        // a zone name ('America/New_York')
  const TimezoneAbbrev* dyn_abbrev = nullptr;  // a dynamic abbreviation ('MSK')
  std::string dyn_abbrev_text;
  int special = 0;     // 1 +inf, -1 -inf, 2 epoch, 3 now, 4 today, 5 tomorrow, 6 yesterday
};

struct DtError {
  int code;  // 0 bad format, 1 field overflow, 2 md field overflow
};

[[noreturn]] void bad() { throw DtError{0}; }
[[noreturn]] void field_overflow() { throw DtError{1}; }
[[noreturn]] void md_overflow() { throw DtError{2}; }

// Words of PostgreSQL's datetktbl that keep a following digit or '+' out of the field.
bool is_keyword(const std::string& w) {
  static const char* kWords[] = {"ad", "allballs", "am", "at", "bc", "d", "epoch", "h", "infinity", "isodow",
                                 "isoyear", "j", "julian", "m", "mm", "now", "on", "pm", "s", "t", "today",
                                 "tomorrow", "y", "yesterday"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

void set_named_zone(Fields& f, const std::string& name, bool report) {
  if (f.have_tz) bad();
  const TimeZone* tz = find_timezone(name);
  if (!tz) {
    if (report)
      throw PgError(sqlstate::kInvalidParameterValue, "time zone \"" + name + "\" not recognized");
    bad();
  }
  f.named_tz = tz;
  f.have_tz = true;
}

int month_from_word(const std::string& w) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  static const char* kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                "july",    "august",   "september", "october", "november", "december"};
  for (int i = 0; i < 12; i++)
    if (w == kMonths[i] || w == kFull[i]) return i + 1;
  if (w == "sept") return 9;
  return 0;
}

bool is_dow_word(const std::string& w) {
  static const char* kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat",
                                "sunday", "monday", "tuesday", "wednesday", "thursday",
                                "friday", "saturday", "tues", "wednes", "thur", "thurs"};
  for (const char* d : kDays)
    if (w == d) return true;
  return false;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit((unsigned char)c)) return false;
  return true;
}

int to_int(std::string_view s) {
  if (s.size() > 9) field_overflow();
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

thread_local DateOrder g_date_order = DateOrder::MDY;

void set_year(Fields& f, std::string_view digits) {
  if (f.have_year) bad();
  f.year = to_int(digits);
  f.have_year = true;
  f.year_2digits = digits.size() <= 2;
}
void set_mon(Fields& f, int m) {
  if (f.have_mon) bad();
  f.mon = m;
  f.have_mon = true;
}
void set_mday(Fields& f, std::string_view digits) {
  if (f.have_mday) bad();
  f.mday = to_int(digits);
  f.have_mday = true;
}

// H:M[:S[.frac]]
void decode_time(Fields& f, std::string_view s) {
  if (f.have_time) bad();
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); i++) {
    if (i == s.size() || s[i] == ':') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 2 || parts.size() > 3) bad();
  if (!all_digits(parts[0]) || !all_digits(parts[1])) bad();
  f.hour = to_int(parts[0]);
  f.min = to_int(parts[1]);
  if (parts.size() == 3) {
    std::string_view sp = parts[2];
    size_t dot = sp.find('.');
    std::string_view ip = sp.substr(0, dot);
    if (!all_digits(ip)) bad();
    f.sec = to_int(ip);
    if (dot != std::string_view::npos) {
      std::string frac(sp.substr(dot));
      if (frac.size() > 1 && !all_digits(std::string_view(frac).substr(1))) bad();
      double fr = std::strtod(("0" + frac).c_str(), nullptr);
      f.fsec = int64_t(std::rint(fr * 1000000.0));
    }
  }
  f.have_time = true;
}

// DecodeNumber's table for a plain number in a date: the fields seen so far, whether the month
// was a word, and DateStyle's order pick the field.
void assign_date_number(Fields& f, std::string_view num, bool text_month) {
  bool y = f.have_year, m = f.have_mon, d = f.have_mday, wide = num.size() >= 3;
  if (!y && !m && !d) {
    if (wide || g_date_order == DateOrder::YMD) set_year(f, num);
    else if (g_date_order == DateOrder::DMY) set_mday(f, num);
    else set_mon(f, to_int(num));
  } else if (y && !m && !d) {
    set_mon(f, to_int(num));
  } else if (!y && m && !d) {
    if (text_month && (wide || g_date_order == DateOrder::YMD)) set_year(f, num);
    else set_mday(f, num);
  } else if (y && m && !d) {
    if (text_month && wide && f.year_2digits) {  // DD-MON-YYYY after all
      f.mday = f.year;
      f.have_mday = true;
      f.have_year = false;
      set_year(f, num);
    } else {
      set_mday(f, num);
    }
  } else if (!y && !m && d) {
    set_mon(f, to_int(num));
  } else if (!y && m && d) {
    set_year(f, num);
  } else {
    bad();
  }
}

// a date field with separators '-', '/', '.'
void decode_date(Fields& f, std::string_view s) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == '-' || c == '/' || c == '.') {
      if (cur.empty()) bad();
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += char(std::tolower((unsigned char)c));
    }
  }
  if (cur.empty()) bad();
  parts.push_back(cur);
  if (parts.size() == 2 && parts[0].size() == 4 && parts[1].size() == 3 && all_digits(parts[0]) &&
      all_digits(parts[1])) {  // yyyy.ddd: year and day of the year
    set_year(f, parts[0]);
    int doy = to_int(parts[1]), y = f.year, m = 1;
    while (doy < 1) doy += is_leap(--y) ? 366 : 365;  // j2date(date2j(y, 1, 1) + doy - 1)
    while (doy > (is_leap(y) ? 366 : 365)) doy -= is_leap(y++) ? 366 : 365;
    f.year = y;
    while (doy > kDayTab[is_leap(y) ? 1 : 0][m - 1]) doy -= kDayTab[is_leap(y) ? 1 : 0][m++ - 1];
    set_mon(f, m);
    f.mday = doy;
    f.have_mday = true;
    return;
  }
  if (parts.size() != 3) bad();
  int name_idx = -1;
  for (int i = 0; i < 3; i++) {
    if (!all_digits(parts[i])) {
      int m = month_from_word(parts[i]);
      if (!m || name_idx >= 0) bad();
      name_idx = i;
      set_mon(f, m);
    }
  }
  if (name_idx >= 0) {
    // ParseDateTime: after "NN-NN-" a field takes only digits and separators ('99-08-Jan' is bad).
    if (name_idx == 2 && all_digits(parts[0])) bad();
    for (int i = 0; i < 3; i++)
      if (i != name_idx) assign_date_number(f, parts[i], true);
    return;
  }
  if (parts[0].size() > 2) {  // Y-M-D
    set_year(f, parts[0]);
    set_mon(f, to_int(parts[1]));
    set_mday(f, parts[2]);
  } else if (g_date_order == DateOrder::YMD) {
    set_year(f, parts[0]);
    set_mon(f, to_int(parts[1]));
    set_mday(f, parts[2]);
  } else if (g_date_order == DateOrder::DMY) {
    set_mday(f, parts[0]);
    set_mon(f, to_int(parts[1]));
    set_year(f, parts[2]);
  } else {  // M-D-Y (DateStyle MDY)
    set_mon(f, to_int(parts[0]));
    set_mday(f, parts[1]);
    set_year(f, parts[2]);
  }
}

void decode_tz(Fields& f, std::string_view s) {
  // s starts with + or -
  if (f.have_tz) bad();
  int sign = s[0] == '-' ? -1 : 1;
  std::string_view r = s.substr(1);
  int h = 0, m = 0, sec = 0;
  size_t colon = r.find(':');
  if (colon != std::string_view::npos) {
    std::string_view hh = r.substr(0, colon), rest = r.substr(colon + 1);
    size_t c2 = rest.find(':');
    std::string_view mm = rest.substr(0, c2);
    if (!all_digits(hh) || !all_digits(mm)) bad();
    h = to_int(hh);
    m = to_int(mm);
    if (c2 != std::string_view::npos) {
      if (!all_digits(rest.substr(c2 + 1))) bad();
      sec = to_int(rest.substr(c2 + 1));
    }
  } else {
    if (!all_digits(r)) bad();
    if (r.size() <= 2) h = to_int(r);
    else if (r.size() <= 4) h = to_int(r.substr(0, r.size() - 2)), m = to_int(r.substr(r.size() - 2));
    else if (r.size() <= 6) h = to_int(r.substr(0, r.size() - 4)), m = to_int(r.substr(r.size() - 4, 2)), sec = to_int(r.substr(r.size() - 2));
    else bad();
  }
  if (h > 15 || m >= 60 || sec >= 60) throw DtError{3};  // time zone displacement out of range
  f.tz_seconds = sign * (h * 3600 + m * 60 + sec);
  f.have_tz = true;
}

// time_only: DecodeTimeOnly (time and timetz input): a time is required, a date optional.
Fields decode(std::string_view in, bool time_only = false) {
  Fields f;
  {  // ParseDateTime's field buffer (MAXDATELEN + MAXDATEFIELDS): longer input is bad format
    size_t used = 0;
    bool in_field = false;
    for (char c : in) {
      bool sp = std::isspace((unsigned char)c);
      if (!sp) used += in_field ? 1 : 2;  // a field's characters and its terminator
      in_field = !sp;
    }
    if (used >= 128 + 25) bad();
  }
  std::vector<std::string_view> loose;  // plain numbers in order
  size_t i = 0, n = in.size();
  bool date_seen = false;
  bool julian_next = false;  // after 'J': the number is a Julian day
  size_t loose_before_text_month = 0;  // numbers DecodeDateTime had placed when the month word came
  while (i < n) {
    char c = in[i];
    if (std::isspace((unsigned char)c) || c == ',') {
      i++;
      continue;
    }
    size_t start = i;
    if (std::isdigit((unsigned char)c) && julian_next) {  // 'J2451187': a Julian day number
      julian_next = false;
      while (i < n && std::isdigit((unsigned char)in[i])) i++;
      if (date_seen || f.have_year || f.have_mon || f.have_mday || i - start > 9) bad();
      int y, m, d;
      julian_to_date(int32_t(to_int(in.substr(start, i - start))), y, m, d);
      if (y <= 0) f.bc = true, y = 1 - y;
      f.year = y, f.mon = m, f.mday = d;
      f.have_year = f.have_mon = f.have_mday = true;
      date_seen = true;
      continue;
    }
    if (std::isdigit((unsigned char)c)) {
      while (i < n && std::isdigit((unsigned char)in[i])) i++;
      if (i < n && in[i] == ':') {
        while (i < n && (std::isdigit((unsigned char)in[i]) || in[i] == ':' || in[i] == '.')) i++;
        decode_time(f, in.substr(start, i - start));
      } else if (i < n && (in[i] == '-' || in[i] == '/' || in[i] == '.')) {
        while (i < n && (std::isalnum((unsigned char)in[i]) || in[i] == '-' || in[i] == '/' ||
                         in[i] == '.')) {
          // ISO 'T' separator: a 'T' followed by a digit ends the date
          if ((in[i] == 'T' || in[i] == 't') && i + 1 < n && std::isdigit((unsigned char)in[i + 1]))
            break;
          i++;
        }
        if (date_seen) bad();
        decode_date(f, in.substr(start, i - start));
        date_seen = true;
        if (i < n && (in[i] == 'T' || in[i] == 't')) i++;
      } else {
        std::string_view num = in.substr(start, i - start);
        if (i < n && (in[i] == 'T' || in[i] == 't') && i + 1 < n && std::isdigit((unsigned char)in[i + 1])) {
          i++;  // YYYYMMDDTHHMMSS style separator
        }
        if (time_only && !f.have_time && (num.size() == 6 || num.size() == 4) && loose.empty()) {
          // DecodeNumberField in a time: HHMMSS or HHMM
          f.hour = to_int(num.substr(0, 2));
          f.min = to_int(num.substr(2, 2));
          if (num.size() == 6) f.sec = to_int(num.substr(4, 2));
          f.have_time = true;
        } else if (!date_seen && !f.have_year && !f.have_mon && num.size() >= 6 &&
            loose.empty()) {
          size_t yl = num.size() - 4;
          set_year(f, num.substr(0, yl));
          set_mon(f, to_int(num.substr(yl, 2)));
          set_mday(f, num.substr(yl + 2, 2));
          date_seen = true;
        } else if (f.have_year && f.have_mon && f.have_mday && !f.have_time &&
                   (num.size() == 6 || num.size() == 4)) {
          // concatenated time after a full date: HHMMSS or HHMM
          f.hour = to_int(num.substr(0, 2));
          f.min = to_int(num.substr(2, 2));
          if (num.size() == 6) f.sec = to_int(num.substr(4, 2));
          f.have_time = true;
        } else {
          loose.push_back(num);
        }
      }
    } else if (std::isalpha((unsigned char)c)) {
      while (i < n && std::isalpha((unsigned char)in[i])) i++;
      std::string w;
      for (size_t k = start; k < i; k++) w += char(std::tolower((unsigned char)in[k]));
      // ParseDateTime: a word followed by a date separator, or by '+'/a digit when it is not
      // a keyword, runs on as one field: a date ('Jan-05-2024') or a zone name
      // ('America/New_York', 'EST5EDT', 'UTC+3').
      bool run_on = false;
      if (i < n && (in[i] == '-' || in[i] == '/' || in[i] == '.')) run_on = true;
      else if (i < n && (in[i] == '+' || std::isdigit((unsigned char)in[i])) && !is_keyword(w) && !month_from_word(w))
        run_on = true;  // month names are datetktbl keywords too ('97FEB10')
      if (run_on) {
        while (i < n && (std::isalnum((unsigned char)in[i]) || in[i] == '-' || in[i] == '/' || in[i] == '.' ||
                         in[i] == '+' || in[i] == '_' || in[i] == ':'))
          i++;
        std::string field;
        for (size_t k = start; k < i; k++) field += char(std::tolower((unsigned char)in[k]));
        if ((f.have_mon && (f.have_mday || !loose.empty())) || (time_only && (f.have_time || !month_from_word(w)))) {
          set_named_zone(f, field, true);
        } else {
          if (date_seen) bad();
          decode_date(f, field);
          date_seen = true;
        }
        continue;
      }
      int m;
      if (const TimezoneAbbrev* a = find_timezone_abbrev(w)) {  // abbreviations come first
        if (f.have_tz) bad();
        f.have_tz = true;
        if (a->zone) {
          f.dyn_abbrev = a;
          f.dyn_abbrev_text = w;
        } else {
          f.tz_seconds = a->utoff;
        }
      } else if (w == "infinity") f.special = 1;
      else if (w == "epoch") f.special = 2;
      else if (w == "now") f.special = 3;
      else if (w == "today") f.special = 4;
      else if (w == "tomorrow") f.special = 5;
      else if (w == "yesterday") f.special = 6;
      else if (w == "allballs") {  // 00:00:00 UTC
        if (f.have_time || f.have_tz) bad();
        f.have_time = f.have_tz = true;
        f.tz_seconds = 0;
      } else if (w == "j" || w == "julian") julian_next = true;
      else if (w == "bc") f.bc = true;
      else if (w == "ad") {
      } else if (w == "am") f.ampm = 1;
      else if (w == "pm") f.ampm = 2;
      else if (w == "t" || w == "at" || w == "on") {
      } else if ((m = month_from_word(w))) {
        if (!f.have_mon) loose_before_text_month = loose.size();
        set_mon(f, m);
      }
      else if (is_dow_word(w)) {
      } else set_named_zone(f, w, false);  // an all-letters zone name ('Japan')
    } else if (c == '+' || c == '-') {
      i++;
      if (i < n && std::isalpha((unsigned char)in[i])) {
        size_t ws = i;
        while (i < n && std::isalpha((unsigned char)in[i])) i++;
        std::string w;
        for (size_t k = ws; k < i; k++) w += char(std::tolower((unsigned char)in[k]));
        if (w != "infinity") bad();
        f.special = c == '-' ? -1 : 1;
      } else {
        while (i < n && (std::isdigit((unsigned char)in[i]) || in[i] == ':')) i++;
        if (i == start + 1) bad();
        if (!f.have_time && !date_seen && !f.have_mon) bad();  // a zone follows a time or a date
        decode_tz(f, in.substr(start, i - start));
      }
    } else {
      bad();
    }
  }
  if (time_only) {
    if (f.special == 3 && !f.have_time && !date_seen && loose.empty()) return f;  // 'now'
    if (f.special || !f.have_time) bad();
    if (!date_seen && loose.empty() && !f.have_mon && !f.have_year && !f.have_mday) {
      if (f.ampm && f.hour > 12) field_overflow();
      if (f.ampm == 1 && f.hour == 12) f.hour = 0;
      else if (f.ampm == 2 && f.hour != 12) f.hour += 12;
      if (f.hour < 0 || f.hour > 24 || f.min < 0 || f.min > 59 || f.sec < 0 || f.sec > 60 || f.fsec < 0 ||
          f.fsec > 1000000 || (f.hour == 24 && (f.min > 0 || f.sec > 0 || f.fsec > 0)))
        field_overflow();
      return f;
    }
  }
  if (f.special >= 4) {  // today/tomorrow/yesterday: the session zone's date, time allowed
    if (date_seen || !loose.empty() || f.have_mon || f.bc) bad();
    int64_t local = timestamp_in_zone(now_usecs(), session_timezone());
    int64_t day = floor_div(local, kUsecsPerDay) + (f.special == 5 ? 1 : f.special == 6 ? -1 : 0);
    julian_to_date(int32_t(day + kPostgresEpochJdate), f.year, f.mon, f.mday);
    f.have_year = f.have_mon = f.have_mday = true;
    f.special = 0;
    if (f.year <= 0) f.year = 1 - f.year, f.bc = true;
  } else if (f.special) {
    if (date_seen || f.have_time || !loose.empty() || f.have_mon || f.bc || f.have_tz) bad();
    return f;
  }
  // assign loose numbers
  // DecodeNumber's table: the date fields seen so far and DateStyle's order pick the field.
  bool text_month = f.have_mon;  // before the loose numbers a month can only come from a word
  // '99 08 Jan' (MDY/DMY): the two numbers were month and day before the word came: a conflict
  if (text_month && loose_before_text_month >= 2 && !date_seen && loose[0].size() < 3 &&
      g_date_order != DateOrder::YMD)
    bad();
  // '99 Jan 08' (MDY): the number was a month the word could not move to the day
  if (text_month && loose_before_text_month == 1 && !date_seen && loose[0].size() < 3 &&
      g_date_order == DateOrder::MDY && (to_int(loose[0]) < 1 || to_int(loose[0]) > 31))
    bad();
  for (std::string_view num : loose) assign_date_number(f, num, text_month);
  if (!(f.have_year && f.have_mon && f.have_mday)) bad();
  // ValidateDate
  if (f.bc) {
    if (f.year <= 0) field_overflow();
    f.year = -(f.year - 1);
  } else if (f.year_2digits) {
    if (f.year < 70) f.year += 2000;
    else if (f.year < 100) f.year += 1900;
  } else if (f.year <= 0) {
    field_overflow();
  }
  if (f.mon < 1 || f.mon > 12) md_overflow();
  if (f.mday < 1 || f.mday > 31) md_overflow();
  if (f.mday > kDayTab[is_leap(f.year) ? 1 : 0][f.mon - 1]) field_overflow();
  if (f.ampm && f.hour > 12) field_overflow();
  if (f.ampm == 1 && f.hour == 12) f.hour = 0;
  else if (f.ampm == 2 && f.hour != 12) f.hour += 12;
  if (f.have_time) {
    if (f.hour < 0 || f.hour > 24 || f.min < 0 || f.min > 59 || f.sec < 0 || f.sec > 60 ||
        f.fsec < 0 || f.fsec > 1000000)
      field_overflow();
    if ((((int64_t(f.hour) * 60 + f.min) * 60 + f.sec) * 1000000 + f.fsec) > kUsecsPerDay)
      field_overflow();
  }
  return f;
}

bool is_fixed_zone(const TimeZone& tz) {  // pg_get_timezone_offset
  return tz.times.empty() && !(tz.rule && tz.rule->has_dst) && tz.types.size() == 1;
}

[[noreturn]] void raise(const DtError& e, Kind k, std::string_view text) {
  std::string q = "\"" + std::string(text) + "\"";
  switch (e.code) {
    case 0:
      throw PgError(sqlstate::kInvalidDatetimeFormat,
                    std::string("invalid input syntax for type ") + kind_name(k) + ": " + q);
    case 1:
      throw PgError(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: " + q);
    case 2:
      throw PgError(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: " + q,
                    "", "Perhaps you need a different \"datestyle\" setting.");
    default:
      throw PgError("22009", "time zone displacement out of range: " + q);
  }
}

bool valid_julian(int y, int m, int d) {
  // IS_VALID_JULIAN checks months only (4714-11 BC .. 5874898-05); the timestamp range check
  // after the zone is applied does the rest
  if (y < -4713 || (y == -4713 && m < 11)) return false;
  if (y > 5874898 || (y == 5874898 && m >= 6)) return false;
  return true;
}


// The UTC offset (seconds east) a timestamptz input's zone gives its local time ts.
int32_t input_utoff(const Fields& f, int64_t ts) {
  int64_t secs = floor_div(ts, 1000000) + kPgEpochUnixSeconds;
  if (f.named_tz) return f.named_tz->utoff_for_local(secs);
  if (f.dyn_abbrev) {  // DetermineTimeZoneAbbrevOffset
    const TimeZone* zone = find_timezone(f.dyn_abbrev->zone);
    if (!zone) return 0;
    int32_t zone_off = zone->utoff_for_local(secs);
    std::string up;
    for (char c : f.dyn_abbrev_text) up += char(std::toupper((unsigned char)c));
    const ZoneType* zt = zone->interpret_abbrev(up, secs - zone_off);
    return zt ? zt->utoff : zone_off;
  }
  if (f.have_tz) return f.tz_seconds;
  return session_timezone().utoff_for_local(secs);
}

// Microseconds since 2000-01-01 (local wall clock; days for Kind::Date), or an infinity.
int64_t parse_ts(std::string_view text, Kind kind, bool apply_tz) {
  Fields f;
  try {
    f = decode(text);
  } catch (const DtError& e) {
    raise(e, kind, text);
  }
  switch (f.special) {
    case 1: return kTimestampPosInfinity;
    case -1: return kTimestampNegInfinity;
    case 2:
      return kind == Kind::Date ? -int64_t(kPostgresEpochJdate - kUnixEpochJdate)
                                : -int64_t(kPostgresEpochJdate - kUnixEpochJdate) * kUsecsPerDay;
    case 3: {
      if (kind == Kind::Timestamptz) return now_usecs();
      int64_t local = timestamp_in_zone(now_usecs(), session_timezone());
      return kind == Kind::Date ? floor_div(local, kUsecsPerDay) : local;
    }
    default: break;
  }
  if (!valid_julian(f.year, f.mon, f.mday)) {
    throw PgError(sqlstate::kDatetimeFieldOverflow,
                  std::string(kind == Kind::Date ? "date" : "timestamp") + " out of range: \"" +
                      std::string(text) + "\"");
  }
  int64_t jd = date_to_julian(f.year, f.mon, f.mday);
  int64_t t = ((int64_t(f.hour) * 60 + f.min) * 60 + f.sec) * 1000000 + f.fsec;
  if (kind == Kind::Date) return jd - kPostgresEpochJdate;  // days
  int64_t ts = 0;
  bool overflow = __builtin_mul_overflow(jd - kPostgresEpochJdate, kUsecsPerDay, &ts) ||
                  __builtin_add_overflow(ts, t, &ts) ||
                  (apply_tz && __builtin_sub_overflow(ts, int64_t(input_utoff(f, ts)) * 1000000, &ts));
  if (overflow || ts < kMinTimestamp || ts >= kEndTimestamp)
    throw PgError(sqlstate::kDatetimeFieldOverflow,
                  "timestamp out of range: \"" + std::string(text) + "\"");
  return ts;
}

void append_date(std::string& out, int32_t jd, bool& bc) {
  int y, m, d;
  julian_to_date(jd, y, m, d);
  bc = y <= 0;
  if (bc) y = 1 - y;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  out += buf;
}

std::string ts_to_string(int64_t ts, bool tz, int32_t utoff = 0) {
  if (ts == kTimestampPosInfinity) return "infinity";
  if (ts == kTimestampNegInfinity) return "-infinity";
  int64_t day = floor_div(ts, kUsecsPerDay);
  int64_t t = ts - day * kUsecsPerDay;
  std::string out;
  bool bc;
  append_date(out, int32_t(day + kPostgresEpochJdate), bc);
  int64_t secs = t / 1000000, us = t % 1000000;
  char buf[48];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", int(secs / 3600), int(secs / 60 % 60),
                int(secs % 60));
  out += buf;
  if (us) {
    std::snprintf(buf, sizeof buf, ".%06d", int(us));
    std::string fr = buf;
    while (fr.back() == '0') fr.pop_back();
    out += fr;
  }
  if (tz) append_utc_offset(out, utoff);
  if (bc) out += " BC";
  return out;
}

}  // namespace

int32_t date_to_julian(int year, int month, int day) {
  int julian, century;
  if (month > 2) {
    month += 1;
    year += 4800;
  } else {
    month += 13;
    year += 4799;
  }
  century = year / 100;
  julian = year * 365 - 32167;
  julian += year / 4 - century + century / 4;
  julian += 7834 * month / 256 + day;
  return julian;
}

void julian_to_date(int32_t jd, int& year, int& month, int& day) {
  unsigned int julian, quad, extra;
  int y;
  julian = unsigned(jd);
  julian += 32044;
  quad = julian / 146097;
  extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + extra / 146097;
  quad = julian / 1461;
  julian -= quad * 1461;
  y = int(julian * 4 / 1461);
  julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366)) + 123;
  y += int(quad * 4);
  year = y - 4800;
  quad = julian * 2141 / 65536;
  day = int(julian - 7834 * quad / 256);
  month = int((quad + 10) % 12 + 1);
}

int32_t parse_date(std::string_view text) {
  int64_t day = parse_ts(text, Kind::Date, false);
  if (day == kTimestampPosInfinity) return kDatePosInfinity;
  if (day == kTimestampNegInfinity) return kDateNegInfinity;
  int64_t jd = day + kPostgresEpochJdate;
  if (jd < 0 || jd >= kDateEndJulian)
    throw PgError(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + std::string(text) + "\"");
  return int32_t(day);
}

int64_t parse_timestamp(std::string_view text) { return parse_ts(text, Kind::Timestamp, false); }
int64_t parse_timestamptz(std::string_view text) { return parse_ts(text, Kind::Timestamptz, true); }

// Storage form: a BC year y is prefixed "/" + (10000 - y) as 4 digits + " ", a year past
// 9999 ":" + the year as 7 digits + " ", so that byte order is time order: "-infinity" <
// "/…" (BC, earliest first) < "0001-…" … "9999-…" < ":…" < "infinity".
std::string datetime_storage_form(std::string out) {
  char buf[16];
  if (out.size() > 3 && out.compare(out.size() - 3, 3, " BC") == 0) {
    std::snprintf(buf, sizeof buf, "/%04d ", 10000 - std::atoi(out.c_str()));
    return buf + out;
  }
  size_t dash = out.find('-');
  if (dash != std::string::npos && dash > 4 && std::isdigit((unsigned char)out[0])) {
    std::snprintf(buf, sizeof buf, ":%07d ", std::atoi(out.c_str()));
    return buf + out;
  }
  return out;
}

std::string_view datetime_storage_text(std::string_view s) {
  if (!s.empty() && (s[0] == '/' || s[0] == ':')) {
    size_t sp = s.find(' ');
    if (sp != std::string_view::npos) return s.substr(sp + 1);
  }
  return s;
}

std::string date_to_string(int32_t date) {
  if (date == kDatePosInfinity) return "infinity";
  if (date == kDateNegInfinity) return "-infinity";
  std::string out;
  bool bc;
  append_date(out, date + kPostgresEpochJdate, bc);
  if (bc) out += " BC";
  return datetime_storage_form(std::move(out));
}

std::string timestamp_to_string(int64_t ts) { return datetime_storage_form(ts_to_string(ts, false)); }
std::string timestamptz_to_string(int64_t ts) { return datetime_storage_form(ts_to_string(ts, true)); }

std::string timestamptz_output(int64_t ts) {
  if (ts == kTimestampPosInfinity || ts == kTimestampNegInfinity) return ts_to_string(ts, true);
  int32_t utoff;
  int64_t local = timestamp_in_zone(ts, session_timezone(), &utoff);
  return ts_to_string(local, true, utoff);
}

bool session_timezone_is_utc() {
  const TimeZone& tz = session_timezone();
  return tz.times.empty() && !(tz.rule && tz.rule->has_dst) && tz.types.size() == 1 && tz.types[0].utoff == 0;
}

std::string timestamptz_storage_output(std::string_view stored) {
  if (session_timezone_is_utc()) return std::string(datetime_storage_text(stored));
  int64_t ts;
  try {
    ts = timestamptz_from_storage(stored);
  } catch (const PgError&) {
    return std::string(datetime_storage_text(stored));  // a plain SQLite file may hold other text
  }
  return timestamptz_output(ts);
}

// ---- time and timetz (DecodeTimeOnly)
namespace {
Fields decode_time_text(std::string_view text, Kind kind) {
  try {
    return decode(text, true);
  } catch (const DtError& e) {
    raise(e, kind, text);
  }
}
int64_t fields_time(const Fields& f) {
  return ((int64_t(f.hour) * 60 + f.min) * 60 + f.sec) * 1000000 + f.fsec;
}
bool has_date(const Fields& f) { return f.have_year && f.have_mon && f.have_mday; }
int64_t local_now_time() {
  int64_t local = timestamp_in_zone(now_usecs(), session_timezone());
  return local - floor_div(local, kUsecsPerDay) * kUsecsPerDay;
}
}  // namespace

int64_t parse_time(std::string_view text) {
  Fields f = decode_time_text(text, Kind::Time);
  if (f.special == 3) return local_now_time();
  // a zone is ignored, but one with a history needs a date (DecodeTimeOnly)
  if (f.named_tz && !is_fixed_zone(*f.named_tz) && !has_date(f)) raise(DtError{0}, Kind::Time, text);
  int64_t t = fields_time(f);
  if (t > kUsecsPerDay) raise(DtError{1}, Kind::Time, text);
  return t;
}

TimeTz parse_timetz(std::string_view text) {
  Fields f = decode_time_text(text, Kind::Timetz);
  int32_t now_off;
  int64_t now = timestamp_in_zone(now_usecs(), session_timezone(), &now_off);
  if (f.special == 3) return {now - floor_div(now, kUsecsPerDay) * kUsecsPerDay, -now_off};
  int64_t t = fields_time(f);
  if (t > kUsecsPerDay) raise(DtError{1}, Kind::Timetz, text);
  // The offset: explicit, or that of the zone at the given date (today if none) and time.
  int64_t day;
  if (has_date(f)) {
    if (!valid_julian(f.year, f.mon, f.mday)) raise(DtError{1}, Kind::Timetz, text);
    day = date_to_julian(f.year, f.mon, f.mday) - kPostgresEpochJdate;
  } else {
    if (f.named_tz && !is_fixed_zone(*f.named_tz)) raise(DtError{0}, Kind::Timetz, text);
    day = floor_div(now, kUsecsPerDay);
  }
  return {t, -input_utoff(f, day * kUsecsPerDay + t)};
}

std::string time_to_string(int64_t t) {
  int64_t secs = t / 1000000, us = t % 1000000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", int(secs / 3600), int(secs / 60 % 60), int(secs % 60));
  std::string out = buf;
  if (us) {
    std::snprintf(buf, sizeof buf, ".%06d", int(us));
    std::string fr = buf;
    while (fr.back() == '0') fr.pop_back();
    out += fr;
  }
  return out;
}

std::string timetz_to_string(const TimeTz& v) {
  std::string out = time_to_string(v.time);
  append_utc_offset(out, -v.zone);
  return out;
}

// Storage: 13 digits of the UTC-adjusted time (µs, shifted by 7 days so never negative),
// a space, 7 digits of the zone (seconds west, shifted by 7 days), a space, the output text.
std::string timetz_to_storage(const TimeTz& v) {
  constexpr int64_t kShift = 7 * 86400;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%013lld %07lld ", (long long)(v.time + (int64_t(v.zone) + kShift) * 1000000),
                (long long)(v.zone + kShift));
  return buf + timetz_to_string(v);
}

TimeTz timetz_from_storage(std::string_view s) {
  if (s.size() > 22 && s[13] == ' ' && s[21] == ' ') s = s.substr(22);
  return parse_timetz(s);
}

std::string timetz_storage_output(std::string_view s) {
  if (s.size() > 22 && s[13] == ' ' && s[21] == ' ') return std::string(s.substr(22));
  return std::string(s);
}

int64_t adjust_time_typmod(int64_t t, int32_t typmod) {
  static const int64_t kScales[7] = {1000000, 100000, 10000, 1000, 100, 10, 1};
  static const int64_t kOffsets[7] = {500000, 50000, 5000, 500, 50, 5, 0};
  if (typmod < 0 || typmod >= 6) return t;
  return ((t + kOffsets[typmod]) / kScales[typmod]) * kScales[typmod];
}

int32_t date_from_storage(std::string_view s) { return parse_date(datetime_storage_text(s)); }
int64_t timestamp_from_storage(std::string_view s) { return parse_timestamp(datetime_storage_text(s)); }
int64_t timestamptz_from_storage(std::string_view s) { return parse_timestamptz(datetime_storage_text(s)); }

int64_t adjust_timestamp_typmod(int64_t ts, int32_t typmod) {
  static const int64_t kScales[7] = {1000000, 100000, 10000, 1000, 100, 10, 1};
  static const int64_t kOffsets[7] = {500000, 50000, 5000, 500, 50, 5, 0};
  if (ts == kTimestampPosInfinity || ts == kTimestampNegInfinity || typmod < 0 || typmod >= 6)
    return ts;
  if (ts >= 0) return ((ts + kOffsets[typmod]) / kScales[typmod]) * kScales[typmod];
  return -((((-ts) + kOffsets[typmod]) / kScales[typmod]) * kScales[typmod]);
}

void set_datetime_input_now(int64_t unix_us) { t_input_now_unix_us = unix_us; }
bool take_datetime_input_used_now() {
  bool used = t_input_used_now;
  t_input_used_now = false;
  return used;
}

void set_date_order(DateOrder order) { g_date_order = order; }

}  // namespace pgmicro
