// Date/time formatting (PostgreSQL 15's DCH_* part of formatting.c): to_char of
// timestamps, timestamptz and intervals, and the template-driven parse behind to_date and
// to_timestamp (DCH_from_char + do_to_timestamp), with PostgreSQL's messages.
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include "common/error.h"
#include "types/formatting.h"
#include "types/formatting_template.h"
#include "types/type_families.h"

namespace pgmicro {

using fmt::DateMode;
using fmt::FormatNode;
using fmt::KeyWord;
using fmt::NodeType;

namespace {

enum Dch {
  DCH_A_D, DCH_A_M, DCH_AD, DCH_AM, DCH_B_C, DCH_BC, DCH_CC, DCH_DAY, DCH_DDD, DCH_DD, DCH_DY,
  DCH_Day, DCH_Dy, DCH_D, DCH_FF1, DCH_FF2, DCH_FF3, DCH_FF4, DCH_FF5, DCH_FF6, DCH_FX, DCH_HH24,
  DCH_HH12, DCH_HH, DCH_IDDD, DCH_ID, DCH_IW, DCH_IYYY, DCH_IYY, DCH_IY, DCH_I, DCH_J, DCH_MI,
  DCH_MM, DCH_MONTH, DCH_MON, DCH_MS, DCH_Month, DCH_Mon, DCH_OF, DCH_P_M, DCH_PM, DCH_Q, DCH_RM,
  DCH_SSSS, DCH_SS, DCH_TZH, DCH_TZM, DCH_TZ, DCH_US, DCH_WW, DCH_W, DCH_Y_YYY, DCH_YYYY,
  DCH_YYY, DCH_YY, DCH_Y, DCH_a_d, DCH_a_m, DCH_ad, DCH_am, DCH_b_c, DCH_bc, DCH_day, DCH_dy,
  DCH_month, DCH_mon, DCH_p_m, DCH_pm, DCH_rm, DCH_tz,
};

constexpr DateMode N = DateMode::None, G = DateMode::Gregorian, I = DateMode::IsoWeek;

// Grouped by first character, longest first (the lookup takes the first prefix match).
const KeyWord kKeywords[] = {
    {"A.D.", 4, DCH_A_D, false, N}, {"A.M.", 4, DCH_A_M, false, N}, {"AD", 2, DCH_AD, false, N},
    {"AM", 2, DCH_AM, false, N}, {"B.C.", 4, DCH_B_C, false, N}, {"BC", 2, DCH_BC, false, N},
    {"CC", 2, DCH_CC, true, N}, {"DAY", 3, DCH_DAY, false, N}, {"DDD", 3, DCH_DDD, true, G},
    {"DD", 2, DCH_DD, true, G}, {"DY", 2, DCH_DY, false, N}, {"Day", 3, DCH_Day, false, N},
    {"Dy", 2, DCH_Dy, false, N}, {"D", 1, DCH_D, true, G}, {"FF1", 3, DCH_FF1, true, N},
    {"FF2", 3, DCH_FF2, true, N}, {"FF3", 3, DCH_FF3, true, N}, {"FF4", 3, DCH_FF4, true, N},
    {"FF5", 3, DCH_FF5, true, N}, {"FF6", 3, DCH_FF6, true, N}, {"FX", 2, DCH_FX, false, N},
    {"HH24", 4, DCH_HH24, true, N}, {"HH12", 4, DCH_HH12, true, N}, {"HH", 2, DCH_HH, true, N},
    {"IDDD", 4, DCH_IDDD, true, I}, {"ID", 2, DCH_ID, true, I}, {"IW", 2, DCH_IW, true, I},
    {"IYYY", 4, DCH_IYYY, true, I}, {"IYY", 3, DCH_IYY, true, I}, {"IY", 2, DCH_IY, true, I},
    {"I", 1, DCH_I, true, I}, {"J", 1, DCH_J, true, N}, {"MI", 2, DCH_MI, true, N},
    {"MM", 2, DCH_MM, true, G}, {"MONTH", 5, DCH_MONTH, false, G}, {"MON", 3, DCH_MON, false, G},
    {"MS", 2, DCH_MS, true, N}, {"Month", 5, DCH_Month, false, G}, {"Mon", 3, DCH_Mon, false, G},
    {"OF", 2, DCH_OF, false, N}, {"P.M.", 4, DCH_P_M, false, N}, {"PM", 2, DCH_PM, false, N},
    {"Q", 1, DCH_Q, true, N}, {"RM", 2, DCH_RM, false, G}, {"SSSSS", 5, DCH_SSSS, true, N},
    {"SSSS", 4, DCH_SSSS, true, N}, {"SS", 2, DCH_SS, true, N}, {"TZH", 3, DCH_TZH, false, N},
    {"TZM", 3, DCH_TZM, true, N}, {"TZ", 2, DCH_TZ, false, N}, {"US", 2, DCH_US, true, N},
    {"WW", 2, DCH_WW, true, G}, {"W", 1, DCH_W, true, G}, {"Y,YYY", 5, DCH_Y_YYY, true, G},
    {"YYYY", 4, DCH_YYYY, true, G}, {"YYY", 3, DCH_YYY, true, G}, {"YY", 2, DCH_YY, true, G},
    {"Y", 1, DCH_Y, true, G}, {"a.d.", 4, DCH_a_d, false, N}, {"a.m.", 4, DCH_a_m, false, N},
    {"ad", 2, DCH_ad, false, N}, {"am", 2, DCH_am, false, N}, {"b.c.", 4, DCH_b_c, false, N},
    {"bc", 2, DCH_bc, false, N}, {"cc", 2, DCH_CC, true, N}, {"day", 3, DCH_day, false, N},
    {"ddd", 3, DCH_DDD, true, G}, {"dd", 2, DCH_DD, true, G}, {"dy", 2, DCH_dy, false, N},
    {"d", 1, DCH_D, true, G}, {"ff1", 3, DCH_FF1, true, N}, {"ff2", 3, DCH_FF2, true, N},
    {"ff3", 3, DCH_FF3, true, N}, {"ff4", 3, DCH_FF4, true, N}, {"ff5", 3, DCH_FF5, true, N},
    {"ff6", 3, DCH_FF6, true, N}, {"fx", 2, DCH_FX, false, N}, {"hh24", 4, DCH_HH24, true, N},
    {"hh12", 4, DCH_HH12, true, N}, {"hh", 2, DCH_HH, true, N}, {"iddd", 4, DCH_IDDD, true, I},
    {"id", 2, DCH_ID, true, I}, {"iw", 2, DCH_IW, true, I}, {"iyyy", 4, DCH_IYYY, true, I},
    {"iyy", 3, DCH_IYY, true, I}, {"iy", 2, DCH_IY, true, I}, {"i", 1, DCH_I, true, I},
    {"j", 1, DCH_J, true, N}, {"mi", 2, DCH_MI, true, N}, {"mm", 2, DCH_MM, true, G},
    {"month", 5, DCH_month, false, G}, {"mon", 3, DCH_mon, false, G}, {"ms", 2, DCH_MS, true, N},
    {"of", 2, DCH_OF, false, N}, {"p.m.", 4, DCH_p_m, false, N}, {"pm", 2, DCH_pm, false, N},
    {"q", 1, DCH_Q, true, N}, {"rm", 2, DCH_rm, false, G}, {"sssss", 5, DCH_SSSS, true, N},
    {"ssss", 4, DCH_SSSS, true, N}, {"ss", 2, DCH_SS, true, N}, {"tzh", 3, DCH_TZH, false, N},
    {"tzm", 3, DCH_TZM, true, N}, {"tz", 2, DCH_tz, false, N}, {"us", 2, DCH_US, true, N},
    {"ww", 2, DCH_WW, true, G}, {"w", 1, DCH_W, true, G}, {"y,yyy", 5, DCH_Y_YYY, true, G},
    {"yyyy", 4, DCH_YYYY, true, G}, {"yyy", 3, DCH_YYY, true, G}, {"yy", 2, DCH_YY, true, G},
    {"y", 1, DCH_Y, true, G}, {nullptr, 0, 0, false, N},
};

const char* const kMonthsFull[] = {"January", "February", "March", "April", "May", "June", "July",
                                   "August", "September", "October", "November", "December", nullptr};
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                               "Aug", "Sep", "Oct", "Nov", "Dec", nullptr};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", nullptr};
const char* const kDaysShort[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", nullptr};
const char* const kRmUpper[] = {"XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I", nullptr};
const char* const kRmLower[] = {"xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii", "ii", "i", nullptr};
const char* const kAmPm[] = {"am", "pm", "AM", "PM", nullptr};
const char* const kAmPmLong[] = {"a.m.", "p.m.", "A.M.", "P.M.", nullptr};
const char* const kAdBc[] = {"ad", "bc", "AD", "BC", nullptr};
const char* const kAdBcLong[] = {"a.d.", "b.c.", "A.D.", "B.C.", nullptr};

constexpr int kPostgresEpochJdate = 2451545;
constexpr int64_t kUsecsPerDay = 86400000000LL;
constexpr int64_t kMinTimestamp = -211813488000000000LL;
constexpr int64_t kEndTimestamp = 9223371331200000000LL;

bool fm(const FormatNode& n) { return n.suffix & fmt::kSuffixFM; }
bool thth(const FormatNode& n) { return n.suffix & (fmt::kSuffixTH | fmt::kSuffixth); }
bool tm_prefix(const FormatNode& n) { return n.suffix & fmt::kSuffixTM; }
bool is_c_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_leap(int y) { return (y % 4 == 0) && ((y % 100 != 0) || (y % 400 == 0)); }

// Ordinal suffix of a printed number (get_th).
const char* ordinal(std::string_view num, bool upper) {
  char last = num.empty() ? '\0' : num.back();
  if (!(last >= '0' && last <= '9'))
    throw PgError(sqlstate::kInvalidTextRepresentation, "\"" + std::string(num) + "\" is not a number");
  if (num.size() > 1 && num[num.size() - 2] == '1') last = 0;
  switch (last) {
    case '1': return upper ? "ST" : "st";
    case '2': return upper ? "ND" : "nd";
    case '3': return upper ? "RD" : "rd";
    default: return upper ? "TH" : "th";
  }
}

std::string padded(int64_t v, int width) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%0*lld", width, (long long)v);
  return buf;
}
std::string left_justified(const std::string& s, int width) {
  return int(s.size()) < width ? s + std::string(width - s.size(), ' ') : s;
}
std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return s;
}
std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

// PostgreSQL 15 computes calendar fields in int arithmetic that wraps on overflow (it is
// built with -fwrapv; interval fields and to_date input can be far outside the calendar) and
// range-checks only results; w() gives that wrapping, the *_w functions are its date.c helpers.
int w(int64_t v) { return int32_t(uint32_t(uint64_t(v))); }
int date2j_w(int year, int month, int day) {
  if (month > 2) {
    month = w(int64_t(month) + 1);
    year = w(int64_t(year) + 4800);
  } else {
    month = w(int64_t(month) + 13);
    year = w(int64_t(year) + 4799);
  }
  int century = year / 100;
  int julian = w(int64_t(year) * 365 - 32167);
  julian = w(int64_t(julian) + (year / 4 - century + century / 4));
  return w(int64_t(julian) + w(w(int64_t(7834) * month) / 256 + int64_t(day)));
}
int j2day_w(int date) {
  date = w(int64_t(date) + 1) % 7;
  return date < 0 ? date + 7 : date;
}
int isoweek2j_w(int year, int week) {
  int day4 = date2j_w(year, 1, 4);
  int day0 = j2day_w(w(int64_t(day4) - 1));
  return w((int64_t(week) - 1) * 7 + (int64_t(day4) - day0));
}

int date2isoweek_w(int year, int mon, int mday) {
  int dayn = date2j_w(year, mon, mday);
  int day4 = date2j_w(year, 1, 4);
  int day0 = j2day_w(w(int64_t(day4) - 1));
  if (dayn < w(int64_t(day4) - day0)) {
    day4 = date2j_w(w(int64_t(year) - 1), 1, 4);
    day0 = j2day_w(w(int64_t(day4) - 1));
  }
  int result = w(int64_t(w(int64_t(dayn) - w(int64_t(day4) - day0)) / 7) + 1);
  if (result >= 52) {
    day4 = date2j_w(w(int64_t(year) + 1), 1, 4);
    day0 = j2day_w(w(int64_t(day4) - 1));
    if (dayn >= w(int64_t(day4) - day0)) result = w(int64_t(w(int64_t(dayn) - w(int64_t(day4) - day0)) / 7) + 1);
  }
  return result;
}
int date2isoyear_w(int year, int mon, int mday) {
  int dayn = date2j_w(year, mon, mday);
  int day4 = date2j_w(year, 1, 4);
  int day0 = j2day_w(w(int64_t(day4) - 1));
  if (dayn < w(int64_t(day4) - day0)) {
    day4 = date2j_w(w(int64_t(year) - 1), 1, 4);
    day0 = j2day_w(w(int64_t(day4) - 1));
    year = w(int64_t(year) - 1);
  }
  int result = w(int64_t(w(int64_t(dayn) - w(int64_t(day4) - day0)) / 7) + 1);
  if (result >= 52) {
    day4 = date2j_w(w(int64_t(year) + 1), 1, 4);
    day0 = j2day_w(w(int64_t(day4) - 1));
    if (dayn >= w(int64_t(day4) - day0)) year = w(int64_t(year) + 1);
  }
  return year;
}
int date2isoyearday_w(int year, int mon, int mday) {
  return w(int64_t(date2j_w(year, mon, mday)) - isoweek2j_w(date2isoyear_w(year, mon, mday), 1) + 1);
}

int64_t adjust_year(int64_t year, bool is_interval) { return is_interval ? year : (year <= 0 ? -(year - 1) : year); }

void invalid_for_interval(bool is_interval) {
  if (is_interval)
    throw PgError(sqlstate::kInvalidDatetimeFormat, "invalid format specification for an interval value", "",
                  "Intervals are not tied to specific calendar dates.");
}

// Case of a name keyword: 0 as is ("Month"), 1 upper ("MONTH"), 2 lower ("month").
std::string cased(const char* name, int how) { return how == 1 ? upper(name) : how == 2 ? lower(name) : name; }

}  // namespace

std::string datetime_to_char(const FormatTm& tm, bool is_interval, std::string_view fmt_text) {
  fmt::check_palloc(fmt_text.size() * 12 + 1);  // the result buffer: DCH_MAX_ITEM_SIZ per byte
  fmt::check_palloc(fmt::node_array_bytes(fmt_text.size()));
  std::vector<FormatNode> nodes = fmt::parse_template(fmt_text, kKeywords, true);
  std::string out;
  for (const FormatNode& n : nodes) {
    if (n.type != NodeType::Action) {
      out += n.text();
      continue;
    }
    std::string s;       // the field's text
    bool numeric = false;  // TH/th applies
    int id = n.key->id;
    bool fmode = fm(n);
    switch (id) {
      case DCH_A_M: case DCH_P_M: s = tm.hour % 24 >= 12 ? "P.M." : "A.M."; break;
      case DCH_AM: case DCH_PM: s = tm.hour % 24 >= 12 ? "PM" : "AM"; break;
      case DCH_a_m: case DCH_p_m: s = tm.hour % 24 >= 12 ? "p.m." : "a.m."; break;
      case DCH_am: case DCH_pm: s = tm.hour % 24 >= 12 ? "pm" : "am"; break;
      case DCH_HH: case DCH_HH12:
        s = padded(tm.hour % 12 == 0 ? 12 : tm.hour % 12, fmode ? 0 : tm.hour >= 0 ? 2 : 3);
        numeric = true;
        break;
      case DCH_HH24: s = padded(tm.hour, fmode ? 0 : tm.hour >= 0 ? 2 : 3); numeric = true; break;
      case DCH_MI: s = padded(tm.min, fmode ? 0 : tm.min >= 0 ? 2 : 3); numeric = true; break;
      case DCH_SS: s = padded(tm.sec, fmode ? 0 : tm.sec >= 0 ? 2 : 3); numeric = true; break;
      case DCH_FF1: s = padded(tm.fsec / 100000, 1); numeric = true; break;
      case DCH_FF2: s = padded(tm.fsec / 10000, 2); numeric = true; break;
      case DCH_FF3: case DCH_MS: s = padded(tm.fsec / 1000, 3); numeric = true; break;
      case DCH_FF4: s = padded(tm.fsec / 100, 4); numeric = true; break;
      case DCH_FF5: s = padded(tm.fsec / 10, 5); numeric = true; break;
      case DCH_FF6: case DCH_US: s = padded(tm.fsec, 6); numeric = true; break;
      case DCH_SSSS: s = padded(tm.hour * 3600 + tm.min * 60 + tm.sec, 0); numeric = true; break;
      case DCH_tz:
        invalid_for_interval(is_interval);
        if (tm.has_zone) s = lower(tm.zone_abbrev);
        break;
      case DCH_TZ:
        invalid_for_interval(is_interval);
        if (tm.has_zone) s = tm.zone_abbrev;
        break;
      case DCH_TZH: {
        invalid_for_interval(is_interval);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%c%02d", tm.gmtoff >= 0 ? '+' : '-', std::abs(int(tm.gmtoff)) / 3600);
        s = buf;
        break;
      }
      case DCH_TZM: {
        invalid_for_interval(is_interval);
        s = padded((std::abs(int(tm.gmtoff)) % 3600) / 60, 2);
        break;
      }
      case DCH_OF: {
        invalid_for_interval(is_interval);
        int off = std::abs(int(tm.gmtoff));
        s = std::string(1, tm.gmtoff >= 0 ? '+' : '-') + padded(off / 3600, fmode ? 0 : 2);
        if (off % 3600 != 0) s += ":" + padded((off % 3600) / 60, 2);
        break;
      }
      case DCH_A_D: case DCH_B_C: invalid_for_interval(is_interval); s = tm.year <= 0 ? "B.C." : "A.D."; break;
      case DCH_AD: case DCH_BC: invalid_for_interval(is_interval); s = tm.year <= 0 ? "BC" : "AD"; break;
      case DCH_a_d: case DCH_b_c: invalid_for_interval(is_interval); s = tm.year <= 0 ? "b.c." : "a.d."; break;
      case DCH_ad: case DCH_bc: invalid_for_interval(is_interval); s = tm.year <= 0 ? "bc" : "ad"; break;
      case DCH_MONTH: case DCH_Month: case DCH_month:
      case DCH_MON: case DCH_Mon: case DCH_mon: {
        invalid_for_interval(is_interval);
        if (!tm.mon) break;
        bool full = id == DCH_MONTH || id == DCH_Month || id == DCH_month;
        int how = (id == DCH_MONTH || id == DCH_MON) ? 1 : (id == DCH_month || id == DCH_mon) ? 2 : 0;
        s = cased(full ? kMonthsFull[tm.mon - 1] : kMonths[tm.mon - 1], how);
        if (full && !tm_prefix(n) && !fmode) s = left_justified(s, 9);
        break;
      }
      case DCH_MM: s = padded(tm.mon, fmode ? 0 : tm.mon >= 0 ? 2 : 3); numeric = true; break;
      case DCH_DAY: case DCH_Day: case DCH_day:
      case DCH_DY: case DCH_Dy: case DCH_dy: {
        invalid_for_interval(is_interval);
        bool full = id == DCH_DAY || id == DCH_Day || id == DCH_day;
        int how = (id == DCH_DAY || id == DCH_DY) ? 1 : (id == DCH_day || id == DCH_dy) ? 2 : 0;
        s = cased(full ? kDays[tm.wday] : kDaysShort[tm.wday], how);
        if (full && !tm_prefix(n) && !fmode) s = left_justified(s, 9);
        break;
      }
      case DCH_DDD: case DCH_IDDD:
        s = padded(id == DCH_DDD ? tm.yday : date2isoyearday_w(tm.year, tm.mon, tm.mday), fmode ? 0 : 3);
        numeric = true;
        break;
      case DCH_DD: s = padded(tm.mday, fmode ? 0 : 2); numeric = true; break;
      case DCH_D: invalid_for_interval(is_interval); s = padded(tm.wday + 1, 0); numeric = true; break;
      case DCH_ID: invalid_for_interval(is_interval); s = padded(tm.wday == 0 ? 7 : tm.wday, 0); numeric = true; break;
      case DCH_WW: s = padded(w(int64_t(w(int64_t(tm.yday) - 1) / 7) + 1), fmode ? 0 : 2); numeric = true; break;
      case DCH_IW: s = padded(date2isoweek_w(tm.year, tm.mon, tm.mday), fmode ? 0 : 2); numeric = true; break;
      case DCH_Q:
        if (!tm.mon) break;
        s = padded((tm.mon - 1) / 3 + 1, 0);
        numeric = true;
        break;
      case DCH_CC: {
        int i;
        if (is_interval) i = tm.year / 100;
        else i = tm.year > 0 ? (tm.year - 1) / 100 + 1 : tm.year / 100 - 1;
        s = (i <= 99 && i >= -99) ? padded(i, fmode ? 0 : i >= 0 ? 2 : 3) : padded(i, 0);
        numeric = true;
        break;
      }
      case DCH_Y_YYY: {
        int64_t y = adjust_year(tm.year, is_interval);
        int64_t i = y / 1000;
        char buf[48];
        std::snprintf(buf, sizeof buf, "%lld,%03lld", (long long)i, (long long)(y - i * 1000));
        s = buf;
        numeric = true;
        break;
      }
      case DCH_YYYY: case DCH_IYYY: case DCH_YYY: case DCH_IYY: case DCH_YY: case DCH_IY:
      case DCH_Y: case DCH_I: {
        int64_t y = adjust_year(tm.year, is_interval);
        bool iso = id == DCH_IYYY || id == DCH_IYY || id == DCH_IY || id == DCH_I;
        int64_t v = iso ? adjust_year(date2isoyear_w(tm.year, tm.mon, tm.mday), is_interval) : y;
        int digits = (id == DCH_YYYY || id == DCH_IYYY) ? 4 : (id == DCH_YYY || id == DCH_IYY) ? 3
                     : (id == DCH_YY || id == DCH_IY) ? 2 : 1;
        if (digits == 3) v %= 1000;
        else if (digits == 2) v %= 100;
        else if (digits == 1) v %= 10;
        s = digits == 1 ? padded(v, 1) : padded(v, fmode ? 0 : y >= 0 ? digits : digits + 1);
        numeric = true;
        break;
      }
      case DCH_RM: case DCH_rm: {
        if (!tm.mon && !tm.year) break;
        int mon;
        if (tm.mon == 0) mon = tm.year >= 0 ? 0 : 11;
        else if (tm.mon < 0) mon = -1 * (tm.mon + 1);
        else mon = 12 - tm.mon;
        if (mon < 0 || mon > 11) break;  // interval months are within +-11
        s = (id == DCH_RM ? kRmUpper : kRmLower)[mon];
        if (!fmode) s = left_justified(s, 4);
        break;
      }
      case DCH_W: s = padded(w(int64_t(w(int64_t(tm.mday) - 1) / 7) + 1), 0); numeric = true; break;
      case DCH_J: s = padded(date2j_w(tm.year, tm.mon, tm.mday), 0); numeric = true; break;
      default: break;  // FX: nothing to print
    }
    if (numeric && thth(n)) s += ordinal(s, n.suffix & fmt::kSuffixTH);
    out += s;
  }
  return out;
}

FormatTm timestamp_to_format_tm(int64_t ts) {
  FormatTm tm;
  int64_t day = ts / kUsecsPerDay;
  int64_t t = ts % kUsecsPerDay;
  if (t < 0) {
    t += kUsecsPerDay;
    day--;
  }
  int jd = int(day + kPostgresEpochJdate);
  julian_to_date(jd, tm.year, tm.mon, tm.mday);
  tm.hour = t / 3600000000LL;
  t %= 3600000000LL;
  tm.min = int(t / 60000000LL);
  t %= 60000000LL;
  tm.sec = int(t / 1000000);
  tm.fsec = int(t % 1000000);
  tm.wday = (jd + 1) % 7;
  tm.yday = jd - date_to_julian(tm.year, 1, 1) + 1;
  return tm;
}

// ---------------------------------------------------------------------------------------
// to_date / to_timestamp
// ---------------------------------------------------------------------------------------

namespace {

struct TmFromChar {
  DateMode mode = DateMode::None;
  int hh = 0, pm = 0, mi = 0, ss = 0, ssss = 0, d = 0, dd = 0, ddd = 0, mm = 0, ms = 0, year = 0,
      bc = 0, ww = 0, w = 0, cc = 0, j = 0, us = 0, yysz = 0, clock12 = 0, tzsign = 0, tzh = 0,
      tzm = 0, ff = 0;
};

[[noreturn]] void bad_format(std::string msg, std::string detail = {}, std::string hint = {}) {
  throw PgError(sqlstate::kInvalidDatetimeFormat, std::move(msg), std::move(detail), std::move(hint));
}

void set_mode(TmFromChar& t, DateMode mode) {
  if (mode == DateMode::None) return;
  if (t.mode == DateMode::None) t.mode = mode;
  else if (t.mode != mode)
    bad_format("invalid combination of date conventions", "",
               "Do not mix Gregorian and ISO week date conventions in a formatting template.");
}

void set_int(int* dest, int value, const FormatNode& n) {
  if (*dest != 0 && *dest != value)
    bad_format("conflicting values for \"" + std::string(n.key->name) + "\" field in formatting string",
               "This value contradicts a previous setting for the same field type.");
  *dest = value;
}

bool is_next_separator(const std::vector<FormatNode>& nodes, size_t i) {
  const FormatNode& n = nodes[i];
  if (n.type == NodeType::Action && thth(n)) return true;
  if (i + 1 >= nodes.size()) return true;
  const FormatNode& next = nodes[i + 1];
  if (next.type == NodeType::Action) return !next.key->is_digit;
  if (next.len == 1 && next.chars[0] >= '0' && next.chars[0] <= '9') return false;
  return true;
}

// from_char_parse_int_len: reads an integer field of `len` characters (any length in FM
// mode or before a non-digit); returns the characters consumed (leading spaces included).
int parse_int_len(int* dest, const char*& src, int len, const std::vector<FormatNode>& nodes, size_t i) {
  const FormatNode& n = nodes[i];
  const char* init = src;
  while (*src && is_c_space(*src)) src++;
  std::string copy(src, strnlen(src, len));
  int used = int(copy.size());
  long long result;
  errno = 0;
  if (fm(n) || is_next_separator(nodes, i)) {
    char* end;
    result = std::strtoll(init, &end, 10);
    src = end;
  } else {
    if (used < len)
      bad_format("source string too short for \"" + std::string(n.key->name) + "\" formatting field",
                 "Field requires " + std::to_string(len) + " characters, but only " + std::to_string(used) + " remain.",
                 "If your source string is not fixed-width, try using the \"FM\" modifier.");
    char* last;
    result = std::strtoll(copy.c_str(), &last, 10);
    used = int(last - copy.c_str());
    if (used > 0 && used < len)
      bad_format("invalid value \"" + copy + "\" for \"" + n.key->name + "\"",
                 "Field requires " + std::to_string(len) + " characters, but only " + std::to_string(used) + " could be parsed.",
                 "If your source string is not fixed-width, try using the \"FM\" modifier.");
    src += used;
  }
  if (src == init)
    bad_format("invalid value \"" + copy + "\" for \"" + n.key->name + "\"", "Value must be an integer.");
  if (errno == ERANGE || result < INT_MIN || result > INT_MAX)
    throw PgError(sqlstate::kDatetimeFieldOverflow,
                  "value for \"" + std::string(n.key->name) + "\" in source string is out of range",
                  "Value must be in the range -2147483648 to 2147483647.");
  if (dest) set_int(dest, int(result), n);
  return int(src - init);
}
int parse_int(int* dest, const char*& src, const std::vector<FormatNode>& nodes, size_t i) {
  return parse_int_len(dest, src, nodes[i].key->len, nodes, i);
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// from_char_seq_search: case-insensitive match of one of `array` at src.
void seq_search(int* dest, const char*& src, const char* const* array, const FormatNode& n) {
  int found = -1, len = 0;
  if (*src) {
    for (const char* const* a = array; *a; a++) {
      size_t k = 0;
      const char* name = *a;
      while (name[k] && src[k] && ascii_lower(name[k]) == ascii_lower(src[k])) k++;
      if (!name[k]) {
        found = int(a - array);
        len = int(k);
        break;
      }
    }
  }
  if (found < 0) {
    std::string copy(src);
    size_t cut = copy.find_first_of(" \t\n\r\f");
    if (cut != std::string::npos) copy.resize(cut);
    bad_format("invalid value \"" + copy + "\" for \"" + n.key->name + "\"",
               "The given value did not match any of the allowed values for this field.");
  }
  *dest = found;
  src += len;
}

void skip_th(const char*& s, const FormatNode& n) {
  if (!thth(n)) return;
  for (int k = 0; k < 2; k++)
    if (*s) s += fmt::utf8_char_len(s, SIZE_MAX);  // stops at the terminating NUL
}

void advance_char(const char*& s) {
  if (*s) s += fmt::utf8_char_len(s, SIZE_MAX);
}

// Y,YYY: sscanf(s, "%d,%03d%n") — digits, a comma, up to three more characters of number.
bool scan_y_yyy(const char* s, int& millennia, int& years, int& consumed) {
  const char* p = s;
  char* end;
  errno = 0;
  long long a = std::strtoll(p, &end, 10);
  if (end == p) return false;
  p = end;
  if (*p != ',') return false;
  p++;
  const char* q = p;
  while (*q && is_c_space(*q)) q++;
  char buf[4] = {0, 0, 0, 0};
  int k = 0;
  while (k < 3 && q[k]) {
    buf[k] = q[k];
    k++;
  }
  long long b = std::strtoll(buf, &end, 10);
  if (end == buf) return false;
  millennia = int(a);
  years = int(b);
  consumed = int((q + (end - buf)) - s);
  return true;
}

// DCH_from_char; `std_mode` is the SQL/JSON standard mode (jsonpath .datetime(template)):
// FX throughout, separators and quoted characters must match, and the input must end
// exactly with the template.
void from_char(const std::vector<FormatNode>& nodes, const char* in, TmFromChar& out, bool std_mode = false) {
  const char* s = in;
  bool fx_mode = std_mode;
  int extra_skip = 0;
  int value;
  size_t i = 0;
  for (; i < nodes.size() && *s != '\0'; i++) {
    const FormatNode& n = nodes[i];
    if (!fx_mode && (n.type != NodeType::Action || n.key->id != DCH_FX) && (n.type == NodeType::Action || i == 0)) {
      while (*s != '\0' && is_c_space(*s)) {
        s++;
        extra_skip++;
      }
    }
    if (n.type == NodeType::Space || n.type == NodeType::Separator) {
      if (std_mode) {
        if (*s != n.chars[0]) bad_format(std::string("unmatched format separator \"") + n.chars[0] + "\"");
        s++;
      } else if (!fx_mode) {
        extra_skip--;
        char c = *s;
        bool sep = c > 0x20 && c < 0x7F && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9');
        if (is_c_space(c) || sep) {
          s++;
          extra_skip++;
        }
      } else {
        advance_char(s);
      }
      continue;
    } else if (n.type != NodeType::Action) {
      if (!fx_mode) {
        if (extra_skip > 0) extra_skip--;
        else advance_char(s);
      } else {
        if (std_mode && n.type == NodeType::Char) {
          int chlen = fmt::utf8_char_len(s, SIZE_MAX);
          if (std::strncmp(s, std::string(n.text()).c_str(), size_t(chlen)) != 0)
            bad_format("unmatched format character \"" + std::string(n.text()) + "\"");
        }
        advance_char(s);
      }
      continue;
    }
    set_mode(out, n.key->date_mode);
    int len;
    switch (n.key->id) {
      case DCH_FX: fx_mode = true; break;
      case DCH_A_M: case DCH_P_M: case DCH_a_m: case DCH_p_m:
        seq_search(&value, s, kAmPmLong, n);
        set_int(&out.pm, value % 2, n);
        out.clock12 = 1;
        break;
      case DCH_AM: case DCH_PM: case DCH_am: case DCH_pm:
        seq_search(&value, s, kAmPm, n);
        set_int(&out.pm, value % 2, n);
        out.clock12 = 1;
        break;
      case DCH_HH: case DCH_HH12:
        parse_int_len(&out.hh, s, 2, nodes, i);
        out.clock12 = 1;
        skip_th(s, n);
        break;
      case DCH_HH24: parse_int_len(&out.hh, s, 2, nodes, i); skip_th(s, n); break;
      case DCH_MI: parse_int(&out.mi, s, nodes, i); skip_th(s, n); break;
      case DCH_SS: parse_int(&out.ss, s, nodes, i); skip_th(s, n); break;
      case DCH_MS:
        len = parse_int_len(&out.ms, s, 3, nodes, i);
        out.ms *= len == 1 ? 100 : len == 2 ? 10 : 1;
        skip_th(s, n);
        break;
      case DCH_FF1: case DCH_FF2: case DCH_FF3: case DCH_FF4: case DCH_FF5: case DCH_FF6:
        out.ff = n.key->id - DCH_FF1 + 1;
        [[fallthrough]];
      case DCH_US:
        len = parse_int_len(&out.us, s, n.key->id == DCH_US ? 6 : out.ff, nodes, i);
        out.us *= len == 1 ? 100000 : len == 2 ? 10000 : len == 3 ? 1000 : len == 4 ? 100 : len == 5 ? 10 : 1;
        skip_th(s, n);
        break;
      case DCH_SSSS: parse_int(&out.ssss, s, nodes, i); skip_th(s, n); break;
      case DCH_tz: case DCH_TZ: case DCH_OF:
        throw PgError(sqlstate::kFeatureNotSupported,
                      "formatting field \"" + std::string(n.key->name) + "\" is only supported in to_char");
      case DCH_TZH:
        // A minus skipped as a separator just before may be TZH's sign.
        if (*s == '+' || *s == '-' || *s == ' ') {
          out.tzsign = *s == '-' ? -1 : +1;
          s++;
        } else {
          out.tzsign = (extra_skip > 0 && s > in && *(s - 1) == '-') ? -1 : +1;
        }
        parse_int_len(&out.tzh, s, 2, nodes, i);
        break;
      case DCH_TZM:
        if (!out.tzsign) out.tzsign = +1;
        parse_int_len(&out.tzm, s, 2, nodes, i);
        break;
      case DCH_A_D: case DCH_B_C: case DCH_a_d: case DCH_b_c:
        seq_search(&value, s, kAdBcLong, n);
        set_int(&out.bc, value % 2, n);
        break;
      case DCH_AD: case DCH_BC: case DCH_ad: case DCH_bc:
        seq_search(&value, s, kAdBc, n);
        set_int(&out.bc, value % 2, n);
        break;
      case DCH_MONTH: case DCH_Month: case DCH_month:
        seq_search(&value, s, kMonthsFull, n);
        set_int(&out.mm, value + 1, n);
        break;
      case DCH_MON: case DCH_Mon: case DCH_mon:
        seq_search(&value, s, kMonths, n);
        set_int(&out.mm, value + 1, n);
        break;
      case DCH_MM: parse_int(&out.mm, s, nodes, i); skip_th(s, n); break;
      case DCH_DAY: case DCH_Day: case DCH_day:
        seq_search(&value, s, kDays, n);
        set_int(&out.d, value, n);
        out.d++;
        break;
      case DCH_DY: case DCH_Dy: case DCH_dy:
        seq_search(&value, s, kDaysShort, n);
        set_int(&out.d, value, n);
        out.d++;
        break;
      case DCH_DDD: parse_int(&out.ddd, s, nodes, i); skip_th(s, n); break;
      case DCH_IDDD: parse_int_len(&out.ddd, s, 3, nodes, i); skip_th(s, n); break;
      case DCH_DD: parse_int(&out.dd, s, nodes, i); skip_th(s, n); break;
      case DCH_D: parse_int(&out.d, s, nodes, i); skip_th(s, n); break;
      case DCH_ID:
        parse_int_len(&out.d, s, 1, nodes, i);
        out.d = int(uint32_t(out.d) + 1u);  // ISO Monday=1 .. Sunday=7 to Sunday=1 (wraps as -fwrapv)
        if (out.d > 7) out.d = 1;
        skip_th(s, n);
        break;
      case DCH_WW: case DCH_IW: parse_int(&out.ww, s, nodes, i); skip_th(s, n); break;
      case DCH_Q: parse_int(nullptr, s, nodes, i); skip_th(s, n); break;  // parsed, ignored
      case DCH_CC: parse_int(&out.cc, s, nodes, i); skip_th(s, n); break;
      case DCH_Y_YYY: {
        int millennia, years, nch;
        if (!scan_y_yyy(s, millennia, years, nch)) bad_format("invalid input string for \"Y,YYY\"");
        set_int(&out.year, w(int64_t(years) + int64_t(w(int64_t(millennia) * 1000))), n);
        out.yysz = 4;
        s += nch;
        skip_th(s, n);
        break;
      }
      case DCH_YYYY: case DCH_IYYY:
        parse_int(&out.year, s, nodes, i);
        out.yysz = 4;
        skip_th(s, n);
        break;
      case DCH_YYY: case DCH_IYY: case DCH_YY: case DCH_IY: case DCH_Y: case DCH_I: {
        len = parse_int(&out.year, s, nodes, i);
        if (len < 4) {
          int y = out.year;
          out.year = y < 70 ? y + 2000 : y < 100 ? y + 1900 : y < 520 ? y + 2000 : y < 1000 ? y + 1000 : y;
        }
        int id = n.key->id;
        out.yysz = (id == DCH_YYY || id == DCH_IYY) ? 3 : (id == DCH_YY || id == DCH_IY) ? 2 : 1;
        skip_th(s, n);
        break;
      }
      case DCH_RM: case DCH_rm:
        seq_search(&value, s, kRmLower, n);
        set_int(&out.mm, 12 - value, n);
        break;
      case DCH_W: parse_int(&out.w, s, nodes, i); skip_th(s, n); break;
      case DCH_J: parse_int(&out.j, s, nodes, i); skip_th(s, n); break;
      default: break;
    }
    if (!fx_mode) {
      extra_skip = 0;
      while (*s != '\0' && is_c_space(*s)) {
        s++;
        extra_skip++;
      }
    }
  }
  if (std_mode) {
    if (i < nodes.size()) bad_format("input string is too short for datetime format");
    while (*s != '\0' && is_c_space(*s)) s++;
    if (*s != '\0') bad_format("trailing characters remain in input string after datetime format");
  }
}

// DCH_datetime_type: which of date, time and zone fields a template has.
unsigned datetime_type(const std::vector<FormatNode>& nodes) {
  unsigned flags = 0;
  for (const FormatNode& n : nodes) {
    if (n.type != NodeType::Action) continue;
    switch (n.key->id) {
      case DCH_FX: break;
      case DCH_A_M: case DCH_P_M: case DCH_a_m: case DCH_p_m: case DCH_AM: case DCH_PM: case DCH_am: case DCH_pm:
      case DCH_HH: case DCH_HH12: case DCH_HH24: case DCH_MI: case DCH_SS: case DCH_MS: case DCH_US: case DCH_FF1:
      case DCH_FF2: case DCH_FF3: case DCH_FF4: case DCH_FF5: case DCH_FF6: case DCH_SSSS:
        flags |= kDchTimed;
        break;
      case DCH_tz: case DCH_TZ: case DCH_OF:
        throw PgError(sqlstate::kFeatureNotSupported,
                      "formatting field \"" + std::string(n.key->name) + "\" is only supported in to_char");
      case DCH_TZH: case DCH_TZM: flags |= kDchZoned; break;
      default: flags |= kDchDated; break;
    }
  }
  return flags;
}

[[noreturn]] void field_overflow(const std::string& text) {
  throw PgError(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + text + "\"");
}

bool valid_julian(int y, int m) {
  return (y > -4713 || (y == -4713 && m >= 11)) && (y < 5874898 || (y == 5874898 && m < 6));
}

}  // namespace

namespace {
FromCharResult do_from_char(std::string_view text, std::string_view fmt_text, bool std_mode, unsigned* flags);
}

FromCharResult datetime_from_char(std::string_view text, std::string_view fmt_text) {
  return do_from_char(text, fmt_text, false, nullptr);
}

FromCharResult datetime_from_char_std(std::string_view text, std::string_view fmt_text, unsigned& flags) {
  flags = 0;
  return do_from_char(text, fmt_text, true, &flags);
}

namespace {
// do_to_timestamp.
FromCharResult do_from_char(std::string_view text, std::string_view fmt_text, bool std_mode, unsigned* flags) {
  std::string date_str(text.substr(0, text.find('\0')));
  FromCharResult tm;
  TmFromChar tmfc;
  if (!fmt_text.empty()) {
    fmt::check_palloc(fmt::node_array_bytes(fmt_text.size()));
    std::vector<FormatNode> nodes = fmt::parse_template(fmt_text, kKeywords, true, {}, std_mode);
    from_char(nodes, date_str.c_str(), tmfc, std_mode);
    if (flags) *flags = datetime_type(nodes);
  }
  constexpr int kYear = 1, kMonth = 2, kDay = 4, kDateMask = 7;
  int fmask = 0;
  if (tmfc.ssss) {
    int x = tmfc.ssss;
    tm.hour = x / 3600;
    x %= 3600;
    tm.min = x / 60;
    tm.sec = x % 60;
  }
  if (tmfc.ss) tm.sec = tmfc.ss;
  if (tmfc.mi) tm.min = tmfc.mi;
  if (tmfc.hh) tm.hour = tmfc.hh;
  if (tmfc.clock12) {
    if (tm.hour < 1 || tm.hour > 12)
      bad_format("hour \"" + std::to_string(tm.hour) + "\" is invalid for the 12-hour clock", "",
                 "Use the 24-hour clock, or give an hour between 1 and 12.");
    if (tmfc.pm && tm.hour < 12) tm.hour += 12;
    else if (!tmfc.pm && tm.hour == 12) tm.hour = 0;
  }
  if (tmfc.year) {
    if (tmfc.cc && tmfc.yysz <= 2) {
      if (tmfc.bc) tmfc.cc = w(-int64_t(tmfc.cc));
      tm.year = tmfc.year % 100;
      if (tm.year) {
        if (tmfc.cc >= 0) tm.year = w(tm.year + (int64_t(tmfc.cc) - 1) * 100);
        else tm.year = w((int64_t(tmfc.cc) + 1) * 100 - tm.year + 1);
      } else {
        tm.year = w(int64_t(tmfc.cc) * 100 + (tmfc.cc >= 0 ? 0 : 1));
      }
    } else {
      tm.year = tmfc.year;
      if (tmfc.bc) tm.year = w(-int64_t(tm.year));
      if (tm.year < 0) tm.year++;
    }
    fmask |= kYear;
  } else if (tmfc.cc) {
    if (tmfc.bc) tmfc.cc = w(-int64_t(tmfc.cc));
    tm.year = tmfc.cc >= 0 ? w((int64_t(tmfc.cc) - 1) * 100 + 1) : w(int64_t(tmfc.cc) * 100 + 1);
    fmask |= kYear;
  }
  if (tmfc.j) {
    julian_to_date(tmfc.j, tm.year, tm.mon, tm.mday);
    fmask |= kDateMask;
  }
  if (tmfc.ww) {
    if (tmfc.mode == DateMode::IsoWeek) {
      int j = isoweek2j_w(tm.year, tmfc.ww);
      if (tmfc.d) j = w(int64_t(j) + (tmfc.d > 1 ? int64_t(tmfc.d) - 2 : 6));
      julian_to_date(j, tm.year, tm.mon, tm.mday);
      fmask |= kDateMask;
    } else {
      tmfc.ddd = w((int64_t(tmfc.ww) - 1) * 7 + 1);
    }
  }
  if (tmfc.w) tmfc.dd = w((int64_t(tmfc.w) - 1) * 7 + 1);
  if (tmfc.dd) {
    tm.mday = tmfc.dd;
    fmask |= kDay;
  }
  if (tmfc.mm) {
    tm.mon = tmfc.mm;
    fmask |= kMonth;
  }
  if (tmfc.ddd && (tm.mon <= 1 || tm.mday <= 1)) {
    if (!tm.year && !tmfc.bc) bad_format("cannot calculate day of year without year information");
    if (tmfc.mode == DateMode::IsoWeek) {
      int j0 = w(int64_t(isoweek2j_w(tm.year, 1)) - 1);
      julian_to_date(w(int64_t(j0) + tmfc.ddd), tm.year, tm.mon, tm.mday);
      fmask |= kDateMask;
    } else {
      static const int ysum[2][13] = {{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
                                      {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};
      const int* y = ysum[is_leap(tm.year)];
      int i;
      for (i = 1; i <= 12; i++)
        if (tmfc.ddd <= y[i]) break;
      if (tm.mon <= 1) tm.mon = i;
      if (tm.mday <= 1) tm.mday = w(int64_t(tmfc.ddd) - y[i - 1]);
      fmask |= kMonth | kDay;
    }
  }
  int fsec = 0;
  if (tmfc.ms) fsec = w(int64_t(tmfc.ms) * 1000);
  if (tmfc.us) fsec = w(int64_t(fsec) + tmfc.us);
  tm.fprec = tmfc.ff;
  if (fmask) {  // ValidateDate (the year is already astronomical)
    bool bad = false;
    if ((fmask & kMonth) && (tm.mon < 1 || tm.mon > 12)) bad = true;
    else if ((fmask & kDay) && (tm.mday < 1 || tm.mday > 31)) bad = true;
    else if ((fmask & kDateMask) == kDateMask) {
      static const int kDayTab[2][12] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                                         {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
      if (tm.mday > kDayTab[is_leap(tm.year)][tm.mon - 1]) bad = true;
    }
    if (bad) field_overflow(date_str);
  }
  if (tm.hour < 0 || tm.hour >= 24 || tm.min < 0 || tm.min >= 60 || tm.sec < 0 || tm.sec >= 60 || fsec < 0 ||
      fsec >= 1000000)
    field_overflow(date_str);
  tm.fsec = int(fsec);
  if (tmfc.tzsign) {
    if (tmfc.tzh < 0 || tmfc.tzh > 15 || tmfc.tzm < 0 || tmfc.tzm >= 60)
      throw PgError("22009", "time zone displacement out of range: \"" + date_str + "\"");
    tm.has_tz = true;
    tm.gmtoffset = (tmfc.tzh * 60 + tmfc.tzm) * 60;
    if (tmfc.tzsign > 0) tm.gmtoffset = -tm.gmtoffset;
  }
  return tm;
}
}  // namespace

int32_t to_date(std::string_view text, std::string_view fmt_text) {
  FromCharResult tm = datetime_from_char(text, fmt_text);
  std::string shown(text.substr(0, text.find('\0')));
  if (!valid_julian(tm.year, tm.mon))
    throw PgError(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + shown + "\"");
  int64_t result = int64_t(date2j_w(tm.year, tm.mon, tm.mday)) - kPostgresEpochJdate;
  if (result < -kPostgresEpochJdate || result >= 2147483494LL - kPostgresEpochJdate)
    throw PgError(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + shown + "\"");
  return int32_t(result);
}

int64_t to_timestamp(std::string_view text, std::string_view fmt_text,
                     int (*session_offset_west)(const FromCharResult&)) {
  FromCharResult tm = datetime_from_char(text, fmt_text);
  int tz = tm.has_tz ? tm.gmtoffset : session_offset_west(tm);
  auto range = [] { return PgError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range"); };
  if (!valid_julian(tm.year, tm.mon)) throw range();
  int64_t date = int64_t(date2j_w(tm.year, tm.mon, tm.mday)) - kPostgresEpochJdate;
  int64_t time = ((int64_t(tm.hour) * 60 + tm.min) * 60 + tm.sec) * 1000000 + tm.fsec;
  int64_t result;
  if (__builtin_mul_overflow(date, kUsecsPerDay, &result) || __builtin_add_overflow(result, time, &result) ||
      __builtin_add_overflow(result, int64_t(tz) * 1000000, &result))
    throw range();
  if (result < kMinTimestamp || result >= kEndTimestamp) throw range();
  if (tm.fprec) result = adjust_timestamp_typmod(result, tm.fprec);
  return result;
}

}  // namespace pgmicro
