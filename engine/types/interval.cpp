// interval input/output as PostgreSQL 15 (DecodeInterval / EncodeInterval with
// IntervalStyle postgres) and its sortable storage text.
#include "types/interval.h"
#include <algorithm>
#include <cctype>
#include <climits>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include "common/error.h"

namespace pgmicro {

namespace {

constexpr int64_t kUsecsPerDay = 86400000000LL;
constexpr int64_t kUsecsPerHour = 3600000000LL;
constexpr int64_t kUsecsPerMinute = 60000000LL;
constexpr int64_t kUsecsPerSec = 1000000LL;

struct Bad {};    // invalid input syntax (22007)
struct Range {};  // interval field value out of range (22015)
struct OutOfRange {};  // interval out of range (22008)

// Overflow-checked steps: every field sum and product goes through these.
int64_t to_i64(double d) {
  if (!(d > -9.2e18 && d < 9.2e18)) throw Range{};
  return (int64_t)d;
}
int64_t mul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw Range{};
  return r;
}
void add(int64_t& acc, int64_t v) {
  if (__builtin_add_overflow(acc, v, &acc)) throw Range{};
}

struct Acc {
  int64_t month = 0, day = 0, usec = 0;
  void frac_usec(double frac, double scale) {
    if (frac == 0) return;
    frac *= scale;
    int64_t u = to_i64(frac);
    frac -= (double)u;
    add(usec, u);
    add(usec, to_i64(std::rint(frac)));
  }
  void frac_days(double frac, int scale) {
    if (frac == 0) return;
    frac *= scale;
    int extra = (int)frac;
    add(day, extra);
    frac -= extra;
    frac_usec(frac, (double)kUsecsPerDay);
  }
};

std::string lower(std::string_view s) {
  std::string r;
  for (char c : s) r += char(std::tolower((unsigned char)c));
  return r;
}

// unit word -> code: 1 us, 2 ms, 3 s, 4 min, 5 hour, 6 day, 7 week, 8 month, 9 year, 10 decade,
// 11 century, 12 millennium; 0 unknown
int unit_code(const std::string& w) {
  struct U { const char* n; int c; };
  static const U kUnits[] = {
      {"microsecond", 1}, {"usecond", 1}, {"useconds", 1}, {"us", 1}, {"usec", 1}, {"usecs", 1}, {"microsecon", 1},
      {"millisecond", 2}, {"msecond", 2}, {"mseconds", 2}, {"ms", 2}, {"msec", 2}, {"msecs", 2}, {"millisecon", 2},
      {"second", 3}, {"seconds", 3}, {"s", 3}, {"sec", 3}, {"secs", 3},
      {"minute", 4}, {"minutes", 4}, {"m", 4}, {"min", 4}, {"mins", 4},
      {"hour", 5}, {"hours", 5}, {"h", 5}, {"hr", 5}, {"hrs", 5},
      {"day", 6}, {"days", 6}, {"d", 6},
      {"week", 7}, {"weeks", 7}, {"w", 7},
      {"month", 8}, {"months", 8}, {"mon", 8}, {"mons", 8},
      {"year", 9}, {"years", 9}, {"y", 9}, {"yr", 9}, {"yrs", 9},
      {"decade", 10}, {"decades", 10}, {"dec", 10}, {"decs", 10},
      {"century", 11}, {"centuries", 11}, {"c", 11}, {"cent", 11},
      {"millennium", 12}, {"millennia", 12}, {"mil", 12}, {"mils", 12},
  };
  std::string t = w.substr(0, 10);  // TOKMAXLEN: longer words match their first 10 characters
  for (const auto& u : kUnits)
    if (t == u.n) return u.c;
  return 0;
}

void apply_unit(Acc& a, int unit, double val) {
  double ip;
  double fval = std::modf(val, &ip);
  int64_t iv = to_i64(ip);
  auto months = [&](int64_t per) {
    add(a.month, mul(iv, per));
    add(a.month, to_i64(std::rint(fval * (double)per)));
  };
  switch (unit) {
    case 1: add(a.usec, to_i64(std::rint(val))); break;
    case 2: add(a.usec, to_i64(std::rint(val * 1000))); break;
    case 3: add(a.usec, mul(iv, kUsecsPerSec)); a.frac_usec(fval, (double)kUsecsPerSec); break;
    case 4: add(a.usec, mul(iv, kUsecsPerMinute)); a.frac_usec(fval, (double)kUsecsPerMinute); break;
    case 5: add(a.usec, mul(iv, kUsecsPerHour)); a.frac_usec(fval, (double)kUsecsPerHour); break;
    case 6: add(a.day, iv); a.frac_usec(fval, (double)kUsecsPerDay); break;
    case 7: add(a.day, mul(iv, 7)); a.frac_days(fval, 7); break;
    case 8: add(a.month, iv); a.frac_days(fval, 30); break;
    case 9: months(12); break;
    case 10: months(120); break;
    case 11: months(1200); break;
    case 12: months(12000); break;
    default: throw Bad{};
  }
}

bool is_num_start(std::string_view s, size_t i) {
  return i < s.size() && (std::isdigit((unsigned char)s[i]) || s[i] == '.');
}

// [sign] digits [. digits]
double read_number(std::string_view s, size_t& i, bool& had_digits) {
  size_t st = i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
  size_t ds = i;
  while (i < s.size() && std::isdigit((unsigned char)s[i])) i++;
  if (i < s.size() && s[i] == '.') {
    i++;
    while (i < s.size() && std::isdigit((unsigned char)s[i])) i++;
  }
  had_digits = i > ds && !(i - ds == 1 && s[ds] == '.');
  return std::strtod(std::string(s.substr(st, i - st)).c_str(), nullptr);
}

Interval finish(const Acc& a) {
  if (a.month > INT32_MAX || a.month < INT32_MIN || a.day > INT32_MAX || a.day < INT32_MIN) throw Range{};
  Interval r;
  r.month = (int32_t)a.month;
  r.day = (int32_t)a.day;
  r.time = a.usec;
  return r;
}

thread_local IntervalStyle g_interval_style_input = IntervalStyle::Postgres;

// ---- DecodeInterval: fields split as ParseDateTime does, then read right to left ----------------
enum FieldType { kFNumber, kFDate, kFTime, kFSigned, kFString };
struct Field { std::string text; FieldType type; };

std::vector<Field> split_fields(std::string_view s) {
  std::vector<Field> out;
  size_t i = 0;
  auto isd = [&](size_t k) { return k < s.size() && std::isdigit((unsigned char)s[k]); };
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace((unsigned char)c)) { i++; continue; }
    if (std::isdigit((unsigned char)c) || c == '.') {
      size_t st = i;
      while (isd(i)) i++;
      FieldType t = kFNumber;
      if (i < s.size() && s[i] == ':') {
        t = kFTime;
        while (i < s.size() && (isd(i) || s[i] == ':' || s[i] == '.')) i++;
      } else if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char delim = s[i];
        t = delim == '.' ? kFNumber : kFDate;
        i++;
        while (i < s.size() && (isd(i) || s[i] == delim)) i++;
        if (delim == '.' && std::count(s.begin() + st, s.begin() + i, '.') > 1) t = kFDate;
      }
      out.push_back({std::string(s.substr(st, i - st)), t});
      continue;
    }
    if (c == '+' || c == '-') {
      size_t st = i++;
      while (i < s.size() && std::isspace((unsigned char)s[i])) i++;
      if (i < s.size() && std::isalpha((unsigned char)s[i])) throw Bad{};  // "-infinity" and the like
      while (i < s.size() && (isd(i) || s[i] == ':' || s[i] == '.' || s[i] == '-')) i++;
      std::string t = std::string(s.substr(st, 1)) + std::string(s.substr(st + 1, i - st - 1));
      t.erase(std::remove_if(t.begin() + 1, t.end(), [](char ch) { return std::isspace((unsigned char)ch); }), t.end());
      if (t.size() < 2) throw Bad{};
      out.push_back({t, kFSigned});
      continue;
    }
    if (std::isalpha((unsigned char)c)) {
      size_t st = i;
      while (i < s.size() && std::isalpha((unsigned char)s[i])) i++;
      std::string w = lower(s.substr(st, i - st));
      // ParseDateTime: a word running into '-', '/', '.', or into a digit or '+' when it is not a
      // date keyword, is one date/zone-like field ("p99h", "abc-1"), which no interval accepts.
      bool is_date = false;
      if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) is_date = true;
      else if (i < s.size() && (s[i] == '+' || std::isdigit((unsigned char)s[i]))) {
        static const char* const kKeywords[] = {"d", "h", "m", "s", "y", "t", "j", "mm", "am", "pm", "on", "ago"};
        is_date = std::find_if(std::begin(kKeywords), std::end(kKeywords), [&](const char* k) { return w == k; }) ==
                  std::end(kKeywords);
      }
      if (is_date) {
        while (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == '/' || s[i] == '_' || s[i] == '.' ||
                                s[i] == ':' || std::isalnum((unsigned char)s[i])))
          i++;
        out.push_back({lower(s.substr(st, i - st)), kFDate});
        continue;
      }
      out.push_back({w, kFString});
      continue;
    }
    if (std::ispunct((unsigned char)c)) { i++; continue; }
    throw Bad{};
  }
  return out;
}

// Interval range masks (INTERVAL_MASK of datetime.h's field numbers).
constexpr int kMaskMonth = 1 << 1, kMaskYear = 1 << 2, kMaskDay = 1 << 3, kMaskHour = 1 << 10,
              kMaskMinute = 1 << 11, kMaskSecond = 1 << 12;

// Field bits for duplicate detection.
enum : int {
  kBMicro = 1, kBMilli = 2, kBSecond = 4, kBMinute = 8, kBHour = 16, kBDay = 32, kBWeek = 64,
  kBMonth = 128, kBYear = 256, kBDecade = 512, kBCentury = 1024, kBMillennium = 2048
};
constexpr int kAllSecs = kBMicro | kBMilli | kBSecond;
constexpr int kTimeBits = kBHour | kBMinute | kAllSecs;

struct ItmIn { int64_t usec = 0; int32_t mday = 0, mon = 0, year = 0; };

bool add64(int64_t& acc, int64_t v) { return !__builtin_add_overflow(acc, v, &acc); }
bool mul_add64(int64_t val, int64_t mul, int64_t& acc) {
  int64_t p;
  return !__builtin_mul_overflow(val, mul, &p) && add64(acc, p);
}
bool fract_usec(double frac, int64_t scale, ItmIn& it) {
  if (frac == 0) return true;
  frac *= (double)scale;
  int64_t u = (int64_t)frac;
  frac -= (double)u;
  if (frac > 0.5) u++;
  else if (frac < -0.5) u--;
  return add64(it.usec, u);
}
bool fract_days(double frac, int scale, ItmIn& it) {
  if (frac == 0) return true;
  frac *= scale;
  int extra = (int)frac;
  if (__builtin_add_overflow(it.mday, extra, &it.mday)) return false;
  frac -= extra;
  return fract_usec(frac, kUsecsPerDay, it);
}
bool fract_years(double frac, int scale, ItmIn& it) {
  int extra = (int)std::rint(frac * scale * 12);
  return !__builtin_add_overflow(it.mon, extra, &it.mon);
}
bool adjust_days(int64_t val, int scale, ItmIn& it) {
  int32_t d;
  if (val < INT32_MIN || val > INT32_MAX) return false;
  return !__builtin_mul_overflow((int32_t)val, scale, &d) && !__builtin_add_overflow(it.mday, d, &it.mday);
}
bool adjust_years(int64_t val, int scale, ItmIn& it) {
  int32_t y;
  if (val < INT32_MIN || val > INT32_MAX) return false;
  return !__builtin_mul_overflow((int32_t)val, scale, &y) && !__builtin_add_overflow(it.year, y, &it.year);
}

thread_local bool g_reading_storage = false;  // re-reading our own output: allow -2562047788:00:54.775808

// DecodeTimeForInterval: h:m[:s[.f]] or m:s.f (and m:s for MINUTE TO SECOND) into usec.
void decode_time(const std::string& str, int range, ItmIn& it, bool negative = false) {
  const char* p = str.c_str();
  char* cp;
  errno = 0;
  long long hour = std::strtoll(p, &cp, 10);
  if (errno == ERANGE) throw Range{};
  if (*cp != ':') throw Bad{};
  errno = 0;
  long long min = std::strtoll(cp + 1, &cp, 10);
  if (errno == ERANGE || min > INT32_MAX) throw Range{};
  long long sec = 0;
  int64_t fsec = 0;
  auto fraction = [&](const char* q) {
    char* e;
    double f = std::strtod(q, &e);
    if (*e != '\0') throw Bad{};
    fsec = (int64_t)std::rint(f * 1e6);
  };
  if (*cp == '\0') {
    if (range == (kMaskMinute | kMaskSecond)) {
      if (hour > INT32_MAX || hour < INT32_MIN) throw Range{};
      sec = min;
      min = (long)hour;
      hour = 0;
    }
  } else if (*cp == '.') {
    fraction(cp);
    if (hour > INT32_MAX || hour < INT32_MIN) throw Range{};
    sec = min;
    min = (long)hour;
    hour = 0;
  } else if (*cp == ':') {
    errno = 0;
    sec = std::strtoll(cp + 1, &cp, 10);
    if (errno == ERANGE) throw Range{};
    if (*cp == '.') fraction(cp);
    else if (*cp != '\0') throw Bad{};
  } else {
    throw Bad{};
  }
  if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1000000) throw Range{};
  int64_t sg = negative ? -1 : 1;
  it.usec = sg * fsec;
  if (!mul_add64(hour, sg * kUsecsPerHour, it.usec) || !mul_add64(min, sg * kUsecsPerMinute, it.usec) ||
      !mul_add64(sec, sg * kUsecsPerSec, it.usec))
    throw Range{};
}


// DecodeISO8601Interval: "format with designators" (P1Y2M3DT4H5M6S) and the alternative
// formats (P0001-02-03T04:05:06, P00010203T040506). Returns false on bad format.
bool iso_number(const char*& str, int64_t& ipart, double& fpart) {
  if (!(std::isdigit((unsigned char)*str) || *str == '-' || *str == '.')) throw Bad{};
  errno = 0;
  char* end;
  double val = std::strtod(str, &end);
  if (end == str || errno != 0) throw Bad{};
  if (std::isnan(val) || val < -1.0e15 || val > 1.0e15) throw Range{};
  ipart = val >= 0 ? (int64_t)std::floor(val) : (int64_t)-std::floor(-val);
  fpart = val - (double)ipart;
  str = end;
  return true;
}
int iso_int_width(const char* p) {
  if (*p == '-') p++;
  int n = 0;
  while (std::isdigit((unsigned char)p[n])) n++;
  return n;
}

void decode_iso(const std::string& text, ItmIn& it) {
  const char* str = text.c_str();
  if (text.size() < 2 || str[0] != 'P') throw Bad{};
  str++;
  bool datepart = true, havefield = false;
  auto months = [&](int64_t v) {
    if (v < INT32_MIN || v > INT32_MAX || __builtin_add_overflow(it.mon, (int32_t)v, &it.mon)) throw Range{};
  };
  auto usecs = [&](int64_t v, double f, int64_t scale) {
    if (!mul_add64(v, scale, it.usec) || !fract_usec(f, scale, it)) throw Range{};
  };
  while (*str) {
    if (*str == 'T') {
      datepart = false;
      havefield = false;
      str++;
      continue;
    }
    const char* fieldstart = str;
    int64_t val;
    double fval;
    iso_number(str, val, fval);
    char unit = *str;
    if (unit) str++;
    if (datepart) {
      switch (unit) {
        case 'Y': if (!adjust_years(val, 1, it) || !fract_years(fval, 1, it)) throw Range{}; break;
        case 'M': months(val); if (!fract_days(fval, 30, it)) throw Range{}; break;
        case 'W': if (!adjust_days(val, 7, it) || !fract_days(fval, 7, it)) throw Range{}; break;
        case 'D': if (!adjust_days(val, 1, it) || !fract_usec(fval, kUsecsPerDay, it)) throw Range{}; break;
        case 'T':
        case '\0':
          if (iso_int_width(fieldstart) == 8 && !havefield) {
            if (!adjust_years(val / 10000, 1, it)) throw Range{};
            months((val / 100) % 100);
            if (!adjust_days(val % 100, 1, it) || !fract_usec(fval, kUsecsPerDay, it)) throw Range{};
            if (unit == '\0') return;
            datepart = false;
            havefield = false;
            continue;
          }
          [[fallthrough]];
        case '-':
          if (havefield) throw Bad{};
          if (!adjust_years(val, 1, it) || !fract_years(fval, 1, it)) throw Range{};
          if (unit == '\0') return;
          if (unit == 'T') {
            datepart = false;
            havefield = false;
            continue;
          }
          iso_number(str, val, fval);
          months(val);
          if (!fract_days(fval, 30, it)) throw Range{};
          if (*str == '\0') return;
          if (*str == 'T') {
            datepart = false;
            havefield = false;
            continue;
          }
          if (*str != '-') throw Bad{};
          str++;
          iso_number(str, val, fval);
          if (!adjust_days(val, 1, it) || !fract_usec(fval, kUsecsPerDay, it)) throw Range{};
          if (*str == '\0') return;
          if (*str == 'T') {
            datepart = false;
            havefield = false;
            continue;
          }
          throw Bad{};
        default: throw Bad{};
      }
    } else {
      switch (unit) {
        case 'H': usecs(val, fval, kUsecsPerHour); break;
        case 'M': usecs(val, fval, kUsecsPerMinute); break;
        case 'S': usecs(val, fval, kUsecsPerSec); break;
        case '\0':
          if (iso_int_width(fieldstart) == 6 && !havefield) {
            usecs(val / 10000, 0, kUsecsPerHour);
            usecs((val / 100) % 100, 0, kUsecsPerMinute);
            usecs(val % 100, 0, kUsecsPerSec);
            if (!fract_usec(fval, 1, it)) throw Range{};
            return;
          }
          [[fallthrough]];
        case ':':
          if (havefield) throw Bad{};
          usecs(val, fval, kUsecsPerHour);
          if (unit == '\0') return;
          iso_number(str, val, fval);
          usecs(val, fval, kUsecsPerMinute);
          if (*str == '\0') return;
          if (*str != ':') throw Bad{};
          str++;
          iso_number(str, val, fval);
          usecs(val, fval, kUsecsPerSec);
          if (*str == '\0') return;
          throw Bad{};
        default: throw Bad{};
      }
    }
    havefield = true;
  }
}

Interval itm_to_interval(const ItmIn& it) {
  int64_t months = (int64_t)it.year * 12 + it.mon;
  if (months > INT32_MAX || months < INT32_MIN) throw OutOfRange{};
  Interval r;
  r.month = (int32_t)months;
  r.day = it.mday;
  r.time = it.usec;
  return r;
}

Interval decode_interval(std::string_view s, int range);

Interval parse_impl(std::string_view in, int range) {
  try {
    return decode_interval(in, range);
  } catch (const Bad&) {
    ItmIn it;
    decode_iso(std::string(in), it);
    return itm_to_interval(it);
  }
}

enum Unit { kUNone = 0, kUMicro = 1, kUMilli, kUSecond, kUMinute, kUHour, kUDay, kUWeek, kUMonth, kUYear, kUDecade, kUCentury, kUMillennium };

Interval decode_interval(std::string_view s, int range) {
  std::vector<Field> f = split_fields(s);
  ItmIn it;
  int fmask = 0, type = kUNone;
  bool is_before = false, parsing_unit = false;
  int nf = int(f.size());
  bool force_negative = false;
  if (g_interval_style_input == IntervalStyle::SqlStandard && nf > 0 && f[0].text[0] == '-') {
    force_negative = true;
    for (int i = 1; i < nf; i++)
      if (f[i].text[0] == '-' || f[i].text[0] == '+') force_negative = false;
  }
  for (int i = nf - 1; i >= 0; i--) {
    int tmask = 0;
    const std::string& t = f[i].text;
    FieldType ft = f[i].type;
    if (ft == kFTime) {
      decode_time(t, range, it);
      if (force_negative && it.usec > 0) it.usec = -it.usec;
      tmask = kTimeBits;
      type = kUDay;
      parsing_unit = false;
    } else if (ft == kFSigned && t.find(':', 1) != std::string::npos && [&] {
                 try {
                   ItmIn tmp = it;
                   bool neg = g_reading_storage && t[0] == '-';
                   decode_time(t.substr(1), range, tmp, neg);
                   it = tmp;
                   return true;
                 } catch (const Bad&) {
                   return false;
                 } catch (const Range&) {
                   return false;
                 }
               }()) {
      if (t[0] == '-' && !g_reading_storage) it.usec = -it.usec;  // (storage: read negative already)
      if (force_negative && it.usec > 0) it.usec = -it.usec;
      tmask = kTimeBits;
      type = kUDay;
      parsing_unit = false;
    } else if (ft != kFString) {
      if (type == kUNone) {
        if (range == kMaskYear) type = kUYear;
        else if (range == kMaskMonth || range == (kMaskYear | kMaskMonth)) type = kUMonth;
        else if (range == kMaskDay) type = kUDay;
        else if (range == kMaskHour || range == (kMaskDay | kMaskHour)) type = kUHour;
        else if (range == kMaskMinute || range == (kMaskHour | kMaskMinute) || range == (kMaskDay | kMaskHour | kMaskMinute))
          type = kUMinute;
        else type = kUSecond;
      }
      const char* p = t.c_str();
      char* cp;
      errno = 0;
      long long val = std::strtoll(p, &cp, 10);
      if (errno == ERANGE) throw Range{};
      double fval = 0;
      if (*cp == '-') {
        errno = 0;
        long long v2 = std::strtoll(cp + 1, &cp, 10);
        if (errno == ERANGE || v2 < 0 || v2 >= 12) throw Range{};
        if (*cp != '\0') throw Bad{};
        type = kUMonth;
        if (t[0] == '-') v2 = -v2;
        int64_t v;
        if (__builtin_mul_overflow((int64_t)val, (int64_t)12, &v) || __builtin_add_overflow(v, (int64_t)v2, &v)) throw Range{};
        val = v;
      } else if (*cp == '.') {
        char* e2;
        fval = cp[1] == '\0' ? 0 : std::strtod(cp, &e2);
        if (cp[1] != '\0' && *e2 != '\0') throw Bad{};
        if (t[0] == '-') fval = -fval;
      } else if (*cp != '\0') {
        throw Bad{};
      }
      if (force_negative) {
        if (val > 0) val = -val;
        if (fval > 0) fval = -fval;
      }
      bool ok = true;
      switch (type) {
        case kUMicro: ok = mul_add64(val, 1, it.usec) && fract_usec(fval, 1, it); tmask = kBMicro; break;
        case kUMilli: ok = mul_add64(val, 1000, it.usec) && fract_usec(fval, 1000, it); tmask = kBMilli; break;
        case kUSecond:
          ok = mul_add64(val, kUsecsPerSec, it.usec) && fract_usec(fval, kUsecsPerSec, it);
          tmask = fval == 0 ? kBSecond : kAllSecs;
          break;
        case kUMinute: ok = mul_add64(val, kUsecsPerMinute, it.usec) && fract_usec(fval, kUsecsPerMinute, it); tmask = kBMinute; break;
        case kUHour:
          ok = mul_add64(val, kUsecsPerHour, it.usec) && fract_usec(fval, kUsecsPerHour, it);
          tmask = kBHour;
          type = kUDay;
          break;
        case kUDay: ok = adjust_days(val, 1, it) && fract_usec(fval, kUsecsPerDay, it); tmask = kBDay; break;
        case kUWeek: ok = adjust_days(val, 7, it) && fract_days(fval, 7, it); tmask = kBWeek; break;
        case kUMonth:
          ok = val >= INT32_MIN && val <= INT32_MAX && !__builtin_add_overflow(it.mon, (int32_t)val, &it.mon) &&
               fract_days(fval, 30, it);
          tmask = kBMonth;
          break;
        case kUYear: ok = adjust_years(val, 1, it) && fract_years(fval, 1, it); tmask = kBYear; break;
        case kUDecade: ok = adjust_years(val, 10, it) && fract_years(fval, 10, it); tmask = kBDecade; break;
        case kUCentury: ok = adjust_years(val, 100, it) && fract_years(fval, 100, it); tmask = kBCentury; break;
        case kUMillennium: ok = adjust_years(val, 1000, it) && fract_years(fval, 1000, it); tmask = kBMillennium; break;
        default: throw Bad{};
      }
      if (!ok) throw Range{};
      parsing_unit = false;
    } else {
      if (parsing_unit) throw Bad{};
      if (t == "ago") {
        if (i != nf - 1) throw Bad{};
        is_before = true;
        continue;
      }
      int u = unit_code(t);
      if (!u) throw Bad{};
      type = u;
      parsing_unit = true;
      continue;
    }
    if (tmask & fmask) throw Bad{};
    fmask |= tmask;
  }
  if (fmask == 0 || parsing_unit) throw Bad{};
  if (is_before) {
    if (it.usec == INT64_MIN || it.mday == INT32_MIN || it.mon == INT32_MIN || it.year == INT32_MIN) throw Range{};
    it.usec = -it.usec;
    it.mday = -it.mday;
    it.mon = -it.mon;
    it.year = -it.year;
  }
  return itm_to_interval(it);
}

void add_int_part(std::string& out, int64_t value, const char* units, bool& is_zero, bool& is_before) {
  if (value == 0) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%s%lld %s%s", !is_zero ? " " : "", (is_before && value > 0) ? "+" : "",
                (long long)value, units, value != 1 ? "s" : "");
  out += buf;
  is_before = value < 0;
  is_zero = false;
}

}  // namespace

Interval parse_interval(std::string_view text, int32_t typmod) {
  try {
    Interval iv = parse_impl(text, typmod < 0 ? 0x7FFF : (typmod >> 16) & 0x7FFF);
    return typmod < 0 ? iv : adjust_interval_typmod(iv, typmod);
  } catch (const Bad&) {
    throw PgError(sqlstate::kInvalidDatetimeFormat,
                  "invalid input syntax for type interval: \"" + std::string(text) + "\"");
  } catch (const Range&) {
    throw PgError(sqlstate::kIntervalFieldOverflow,
                  "interval field value out of range: \"" + std::string(text) + "\"");
  } catch (const OutOfRange&) {
    throw PgError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
}

Interval adjust_interval_typmod(Interval iv, int32_t typmod) {
  if (typmod < 0) return iv;
  int range = (typmod >> 16) & 0x7FFF, precision = typmod & 0xFFFF;
  auto trunc_to = [&](int64_t unit) { iv.time = (iv.time / unit) * unit; };
  if (range == kMaskYear) {
    iv.month = (iv.month / 12) * 12;
    iv.day = 0;
    iv.time = 0;
  } else if (range == kMaskMonth || range == (kMaskYear | kMaskMonth)) {
    iv.day = 0;
    iv.time = 0;
  } else if (range == kMaskDay) {
    iv.time = 0;
  } else if (range == kMaskHour || range == (kMaskDay | kMaskHour)) {
    trunc_to(kUsecsPerHour);
  } else if (range == kMaskMinute || range == (kMaskDay | kMaskHour | kMaskMinute) || range == (kMaskHour | kMaskMinute)) {
    trunc_to(kUsecsPerMinute);
  }
  if (precision != 0xFFFF && precision >= 0 && precision <= 6) {
    int64_t scale = 1;
    for (int k = precision; k < 6; k++) scale *= 10;
    int64_t off = scale / 2;
    if (iv.time >= 0) iv.time = ((iv.time + off) / scale) * scale;
    else iv.time = -(((-iv.time + off) / scale) * scale);
  }
  return iv;
}

std::string interval_to_string(const Interval& iv) {
  std::string out;
  int64_t year = iv.month / 12, mon = iv.month % 12, mday = iv.day;
  int64_t t = iv.time;
  int64_t hour = t / kUsecsPerHour;
  t -= hour * kUsecsPerHour;
  int64_t min = t / kUsecsPerMinute;
  t -= min * kUsecsPerMinute;
  int64_t sec = t / kUsecsPerSec;
  int64_t fsec = t - sec * kUsecsPerSec;
  bool is_zero = true, is_before = false;
  add_int_part(out, year, "year", is_zero, is_before);
  add_int_part(out, mon, "mon", is_zero, is_before);
  add_int_part(out, mday, "day", is_zero, is_before);
  if (is_zero || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
    bool minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s%s%02llu:%02d:%02d", is_zero ? "" : " ", minus ? "-" : (is_before ? "+" : ""),
                  (unsigned long long)(hour < 0 ? -(uint64_t)hour : (uint64_t)hour), int(min < 0 ? -min : min),
                  int(sec < 0 ? -sec : sec));
    out += buf;
    if (fsec) {
      std::snprintf(buf, sizeof buf, ".%06d", int(fsec < 0 ? -fsec : fsec));
      std::string fr = buf;
      while (fr.back() == '0') fr.pop_back();
      out += fr;
    }
  }
  return out;
}

std::string interval_to_storage(const Interval& iv) {
  __int128 span = ((__int128)iv.month * 30 + iv.day) * kUsecsPerDay + iv.time;
  __int128 off = 1;
  for (int k = 0; k < 22; k++) off *= 10;
  span += off;  // |span| < 10^22: always positive, 23 digits
  char digits[kIntervalSpanDigits + 1];
  for (int k = kIntervalSpanDigits - 1; k >= 0; k--) {
    digits[k] = char('0' + int(span % 10));
    span /= 10;
  }
  digits[kIntervalSpanDigits] = 0;
  return std::string(digits) + " " + interval_to_string(iv);
}

namespace {
thread_local IntervalStyle g_interval_style = IntervalStyle::Postgres;

// AppendSeconds: |sec| (two digits when fill) and the fraction without trailing zeros.
void append_seconds(std::string& out, int64_t sec, int64_t fsec, bool fill) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fill ? "%02lld" : "%lld", (long long)(sec < 0 ? -sec : sec));
  out += buf;
  if (fsec != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", (long long)(fsec < 0 ? -fsec : fsec));
    std::string f = buf;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
}

void add_verbose_part(std::string& out, int64_t value, const char* units, bool& is_zero, bool& is_before) {
  if (value == 0) return;
  if (is_zero) {
    is_before = value < 0;
    if (value < 0) value = -value;
  } else if (is_before) {
    value = -value;
  }
  out += " " + std::to_string(value) + " " + units + (value == 1 ? "" : "s");
  is_zero = false;
}
}  // namespace

void set_session_interval_style(IntervalStyle style) {
  g_interval_style = style;
  g_interval_style_input = style;
}
IntervalStyle session_interval_style() { return g_interval_style; }
IntervalStyle interval_style_setting(const std::string& v) {
  if (v == "postgres_verbose") return IntervalStyle::PostgresVerbose;
  if (v == "sql_standard") return IntervalStyle::SqlStandard;
  if (v == "iso_8601") return IntervalStyle::Iso8601;
  return IntervalStyle::Postgres;
}

std::string interval_to_string(const Interval& iv, IntervalStyle style) {
  if (style == IntervalStyle::Postgres) return interval_to_string(iv);
  int64_t year = iv.month / 12, mon = iv.month % 12, mday = iv.day;
  int64_t t = iv.time;
  int64_t hour = t / kUsecsPerHour;
  t -= hour * kUsecsPerHour;
  int64_t min = t / kUsecsPerMinute;
  t -= min * kUsecsPerMinute;
  int64_t sec = t / kUsecsPerSec;
  int64_t fsec = t - sec * kUsecsPerSec;
  std::string out;
  char buf[160];
  auto ab = [](int64_t v) { return (long long)(v < 0 ? -v : v); };
  if (style == IntervalStyle::SqlStandard) {
    bool has_neg = year < 0 || mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0 || fsec < 0;
    bool has_pos = year > 0 || mon > 0 || mday > 0 || hour > 0 || min > 0 || sec > 0 || fsec > 0;
    bool has_ym = year != 0 || mon != 0;
    bool has_dt = mday != 0 || hour != 0 || min != 0 || sec != 0 || fsec != 0;
    bool standard = !(has_neg && has_pos) && !(has_ym && has_dt);
    if (has_neg && standard) {
      out += '-';
      year = -year; mon = -mon; mday = -mday; hour = -hour; min = -min; sec = -sec; fsec = -fsec;
    }
    if (!has_neg && !has_pos) {
      out += "0";
    } else if (!standard) {
      char ys = (year < 0 || mon < 0) ? '-' : '+', ds = mday < 0 ? '-' : '+';
      char ss = (hour < 0 || min < 0 || sec < 0 || fsec < 0) ? '-' : '+';
      std::snprintf(buf, sizeof buf, "%c%lld-%lld %c%lld %c%lld:%02lld:", ys, ab(year), ab(mon), ds, ab(mday), ss,
                    ab(hour), ab(min));
      out += buf;
      append_seconds(out, sec, fsec, true);
    } else if (has_ym) {
      std::snprintf(buf, sizeof buf, "%lld-%lld", (long long)year, (long long)mon);
      out += buf;
    } else if (mday != 0) {
      std::snprintf(buf, sizeof buf, "%lld %lld:%02lld:", (long long)mday, (long long)hour, (long long)min);
      out += buf;
      append_seconds(out, sec, fsec, true);
    } else {
      std::snprintf(buf, sizeof buf, "%lld:%02lld:", (long long)hour, (long long)min);
      out += buf;
      append_seconds(out, sec, fsec, true);
    }
    return out;
  }
  if (style == IntervalStyle::Iso8601) {
    if (year == 0 && mon == 0 && mday == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) return "PT0S";
    out += 'P';
    auto part = [&](int64_t v, char u) {
      if (v != 0) out += std::to_string(v) + u;
    };
    part(year, 'Y');
    part(mon, 'M');
    part(mday, 'D');
    if (hour != 0 || min != 0 || sec != 0 || fsec != 0) out += 'T';
    part(hour, 'H');
    part(min, 'M');
    if (sec != 0 || fsec != 0) {
      if (sec < 0 || fsec < 0) out += '-';
      append_seconds(out, sec, fsec, false);
      out += 'S';
    }
    return out;
  }
  // postgres_verbose
  bool is_zero = true, is_before = false;
  out += "@";
  add_verbose_part(out, year, "year", is_zero, is_before);
  add_verbose_part(out, mon, "mon", is_zero, is_before);
  add_verbose_part(out, mday, "day", is_zero, is_before);
  add_verbose_part(out, hour, "hour", is_zero, is_before);
  add_verbose_part(out, min, "min", is_zero, is_before);
  if (sec != 0 || fsec != 0) {
    out += ' ';
    if (sec < 0 || (sec == 0 && fsec < 0)) {
      if (is_zero) is_before = true;
      else if (!is_before) out += '-';
    } else if (is_before) {
      out += '-';
    }
    append_seconds(out, sec, fsec, false);
    out += (ab(sec) != 1 || fsec != 0) ? " secs" : " sec";
    is_zero = false;
  }
  if (is_zero) out += " 0";
  if (is_before) out += " ago";
  return out;
}

std::string interval_storage_output(std::string_view s) {
  if (g_interval_style != IntervalStyle::Postgres) return interval_to_string(interval_from_storage(s), g_interval_style);
  if (s.size() > size_t(kIntervalSpanDigits) && s[kIntervalSpanDigits] == ' ' &&
      std::isdigit((unsigned char)s[0]))
    return std::string(s.substr(kIntervalSpanDigits + 1));
  return interval_to_string(parse_interval(s));
}

Interval interval_from_storage(std::string_view s) {
  if (s.size() > size_t(kIntervalSpanDigits) && s[kIntervalSpanDigits] == ' ' &&
      std::isdigit((unsigned char)s[0]))
    s = s.substr(kIntervalSpanDigits + 1);
  struct Flag {
    IntervalStyle saved = g_interval_style_input;
    Flag() { g_reading_storage = true; g_interval_style_input = IntervalStyle::Postgres; }
    ~Flag() { g_reading_storage = false; g_interval_style_input = saved; }
  } flag;
  return parse_interval(s);
}

}  // namespace pgmicro

namespace pgmicro {

int32_t interval_typmod_from_mods(const std::vector<long>& mods, int location) {
  static const int kRanges[] = {kMaskYear, kMaskMonth, kMaskDay, kMaskHour, kMaskMinute, kMaskSecond,
                                kMaskYear | kMaskMonth, kMaskDay | kMaskHour, kMaskDay | kMaskHour | kMaskMinute,
                                kMaskDay | kMaskHour | kMaskMinute | kMaskSecond, kMaskHour | kMaskMinute,
                                kMaskHour | kMaskMinute | kMaskSecond, kMaskMinute | kMaskSecond, 0x7FFF};
  auto invalid = [&] { return PgError(sqlstate::kInvalidParameterValue, "invalid INTERVAL type modifier").at(location); };
  if (mods.empty() || mods.size() > 2) throw invalid();
  if (std::find(std::begin(kRanges), std::end(kRanges), mods[0]) == std::end(kRanges)) throw invalid();
  int32_t range = int32_t(mods[0]);
  if (mods.size() == 1) return range == 0x7FFF ? -1 : (range << 16) | 0xFFFF;
  if (mods[1] < 0)
    throw PgError(sqlstate::kInvalidParameterValue,
                  "INTERVAL(" + std::to_string(mods[1]) + ") precision must not be negative").at(location);
  return (range << 16) | int32_t(std::min<long>(mods[1], 6));
}

}  // namespace pgmicro
