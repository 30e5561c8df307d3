// interval input/output as PostgreSQL 15 (DecodeInterval / EncodeInterval with
// IntervalStyle postgres) and its sortable storage text.
#include "types/interval.h"
#include <cctype>
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
      {"microsecond", 1}, {"microseconds", 1}, {"us", 1}, {"usec", 1}, {"usecs", 1}, {"microsecon", 1},
      {"millisecond", 2}, {"milliseconds", 2}, {"ms", 2}, {"msec", 2}, {"msecs", 2}, {"millisecon", 2},
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
  for (const auto& u : kUnits)
    if (w == u.n) return u.c;
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

Interval parse_iso(std::string_view s) {
  // s starts after 'P'
  Acc a;
  bool in_time = false;
  size_t i = 0;
  if (s.empty()) throw Bad{};
  while (i < s.size()) {
    if (s[i] == 'T' || s[i] == 't') {
      if (in_time) throw Bad{};
      in_time = true;
      i++;
      continue;
    }
    bool had;
    double v = read_number(s, i, had);
    if (!had || i >= s.size()) throw Bad{};
    char u = char(std::toupper((unsigned char)s[i++]));
    int code = 0;
    if (!in_time) code = u == 'Y' ? 9 : u == 'M' ? 8 : u == 'W' ? 7 : u == 'D' ? 6 : 0;
    else code = u == 'H' ? 5 : u == 'M' ? 4 : u == 'S' ? 3 : 0;
    if (!code) throw Bad{};
    try {
      apply_unit(a, code, v);
    } catch (const Range&) {
      throw Bad{};  // PostgreSQL's ISO 8601 reader reports overflow as bad syntax
    }
  }
  return finish(a);
}

Interval parse_impl(std::string_view in) {
  size_t b = 0, e = in.size();
  while (b < e && std::isspace((unsigned char)in[b])) b++;
  while (e > b && std::isspace((unsigned char)in[e - 1])) e--;
  std::string_view s = in.substr(b, e - b);
  if (s.empty()) throw Bad{};
  if (s[0] == 'P' || s[0] == 'p') return parse_iso(s.substr(1));
  Acc a;
  bool ago = false, any = false, time_seen = false;
  size_t i = 0;
  if (s[0] == '@') i = 1;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace((unsigned char)c) || c == ',') { i++; continue; }
    if (std::isalpha((unsigned char)c)) {
      size_t st = i;
      while (i < s.size() && std::isalpha((unsigned char)s[i])) i++;
      std::string w = lower(s.substr(st, i - st));
      if (w == "ago") { ago = true; continue; }
      throw Bad{};
    }
    if (c == '+' || c == '-' || is_num_start(s, i)) {
      size_t st = i;
      int sign = c == '-' ? -1 : 1;
      bool had;
      double v = read_number(s, i, had);
      if (!had) throw Bad{};
      if (i < s.size() && s[i] == ':') {
        // time: [sign]H:M[:S[.f]]
        if (time_seen) throw Bad{};
        time_seen = true;
        size_t p = st + ((c == '+' || c == '-') ? 1 : 0);
        std::vector<std::string> parts;
        std::string cur;
        while (p < s.size() && (std::isdigit((unsigned char)s[p]) || s[p] == ':' || s[p] == '.')) {
          if (s[p] == ':') { parts.push_back(cur); cur.clear(); } else cur += s[p];
          p++;
        }
        parts.push_back(cur);
        i = p;
        if (parts.size() < 2 || parts.size() > 3) throw Bad{};
        for (size_t k = 0; k < parts.size(); k++) {
          if (parts[k].empty()) throw Bad{};
          if (k + 1 < parts.size() && parts[k].find('.') != std::string::npos) throw Bad{};
        }
        errno = 0;
        int64_t h = std::strtoll(parts[0].c_str(), nullptr, 10), m = std::strtoll(parts[1].c_str(), nullptr, 10);
        if (errno == ERANGE) throw Range{};
        if (m > 59) throw Bad{};
        int64_t hm = mul(h, 60);
        add(hm, m);
        int64_t us = mul(hm, kUsecsPerMinute);
        if (parts.size() == 3) {
          double sec = std::strtod(parts[2].c_str(), nullptr);
          if (sec >= 60) throw Bad{};
          int64_t is = (int64_t)sec;
          add(us, is * kUsecsPerSec + (int64_t)std::rint((sec - (double)is) * 1e6));
        }
        add(a.usec, sign * us);
        any = true;
        continue;
      }
      // optional unit
      size_t j = i;
      while (j < s.size() && std::isspace((unsigned char)s[j])) j++;
      int unit = 0;
      if (j < s.size() && std::isalpha((unsigned char)s[j])) {
        size_t st2 = j;
        while (j < s.size() && std::isalpha((unsigned char)s[j])) j++;
        std::string w = lower(s.substr(st2, j - st2));
        unit = unit_code(w);
        if (unit) i = j;
        else if (w != "ago") throw Bad{};
      }
      if (!unit) {
        // a bare number is seconds, and only as the last field
        size_t k = i;
        while (k < s.size() && std::isspace((unsigned char)s[k])) k++;
        if (k < s.size() && lower(s.substr(k)) != "ago") throw Bad{};
        unit = 3;
      }
      apply_unit(a, unit, v);
      any = true;
      continue;
    }
    throw Bad{};
  }
  if (!any) throw Bad{};
  if (ago) { a.month = mul(a.month, -1); a.day = mul(a.day, -1); a.usec = mul(a.usec, -1); }
  return finish(a);
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

Interval parse_interval(std::string_view text) {
  try {
    return parse_impl(text);
  } catch (const Bad&) {
    throw PgError(sqlstate::kInvalidDatetimeFormat,
                  "invalid input syntax for type interval: \"" + std::string(text) + "\"");
  } catch (const Range&) {
    throw PgError(sqlstate::kIntervalFieldOverflow,
                  "interval field value out of range: \"" + std::string(text) + "\"");
  }
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

std::string interval_storage_output(std::string_view s) {
  if (s.size() > size_t(kIntervalSpanDigits) && s[kIntervalSpanDigits] == ' ' &&
      std::isdigit((unsigned char)s[0]))
    return std::string(s.substr(kIntervalSpanDigits + 1));
  return interval_to_string(parse_interval(s));
}

Interval interval_from_storage(std::string_view s) {
  if (s.size() > size_t(kIntervalSpanDigits) && s[kIntervalSpanDigits] == ' ' &&
      std::isdigit((unsigned char)s[0]))
    s = s.substr(kIntervalSpanDigits + 1);
  return parse_interval(s);
}

}  // namespace pgmicro
