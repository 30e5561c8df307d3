// Time zones (timezone.h): decoding the compiled tzdata records, POSIX TZ rules (PostgreSQL's
// tzparse subset: std offset [dst [offset] [,rule]]), offsets at an instant, PostgreSQL's
// pg_next_dst_boundary / DetermineTimeZoneOffset / pg_interpret_timezone_abbrev, pg_tzset
// and check_timezone (SET TimeZone), and the session's zone.
#include "types/timezone.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include "common/error.h"
#include "types/interval.h"
#include "types/timezone_data.h"

namespace pgmicro {

namespace {

int64_t days_from_civil(int64_t y, int m, int d) {  // days since 1970-01-01 (proleptic Gregorian)
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
int64_t civil_year(int64_t days) {  // the year of a day number
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}
bool is_leap(int64_t y) { return (y % 4 == 0) && ((y % 100 != 0) || (y % 400 == 0)); }

std::string upper(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = char(std::toupper((unsigned char)c));
  return r;
}
std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = char(std::tolower((unsigned char)c));
  return r;
}

// ---- POSIX TZ parsing (PostgreSQL's tzparse, without the leap-second and posixrules files:
// a DST name without a rule takes the US rule M3.2.0,M11.1.0, which is what posixrules holds).
struct PosixParser {
  std::string_view s;
  size_t i = 0;
  bool at_end() const { return i >= s.size(); }
  char peek() const { return at_end() ? '\0' : s[i]; }
  bool name(std::string& out) {
    if (peek() == '<') {
      size_t j = s.find('>', i + 1);
      if (j == std::string_view::npos) return false;
      out = std::string(s.substr(i + 1, j - i - 1));
      i = j + 1;
      return true;
    }
    size_t st = i;
    while (!at_end() && !std::isdigit((unsigned char)s[i]) && s[i] != ',' && s[i] != '-' && s[i] != '+') i++;
    out = std::string(s.substr(st, i - st));
    return true;
  }
  bool num(int lo, int hi, int& v) {
    if (!std::isdigit((unsigned char)peek())) return false;
    v = 0;
    while (std::isdigit((unsigned char)peek())) {
      v = v * 10 + (s[i++] - '0');
      if (v > hi) return false;
    }
    return v >= lo;
  }
  bool secs(int32_t& v) {  // hh[:mm[:ss]], hours up to 167 as tzcode allows
    int h, m = 0, sec = 0;
    if (!num(0, 167, h)) return false;
    if (peek() == ':') {
      i++;
      if (!num(0, 59, m)) return false;
      if (peek() == ':') {
        i++;
        if (!num(0, 60, sec)) return false;
      }
    }
    v = h * 3600 + m * 60 + sec;
    return true;
  }
  bool offset(int32_t& v) {  // [+-]secs, POSIX sign (west positive)
    bool neg = false;
    if (peek() == '-' || peek() == '+') neg = s[i++] == '-';
    if (!secs(v)) return false;
    if (neg) v = -v;
    return true;
  }
  bool date(PosixRule::Date& d) {
    if (peek() == 'J') {
      i++;
      d.kind = 'J';
      if (!num(1, 365, d.n)) return false;
    } else if (peek() == 'M') {
      i++;
      d.kind = 'M';
      if (!num(1, 12, d.month) || peek() != '.') return false;
      i++;
      if (!num(1, 5, d.week) || peek() != '.') return false;
      i++;
      if (!num(0, 6, d.wday)) return false;
    } else {
      d.kind = 'n';
      if (!num(0, 365, d.n)) return false;
    }
    d.time = 7200;
    if (peek() == '/') {
      i++;
      if (!offset(d.time)) return false;
    }
    return true;
  }
};

std::optional<PosixRule> parse_posix(std::string_view spec) {
  PosixParser p{spec};
  PosixRule r;
  if (!p.name(r.std_type.abbrev) || p.at_end()) return std::nullopt;
  int32_t off;
  if (!p.offset(off)) return std::nullopt;
  r.std_type.utoff = -off;
  if (p.at_end()) return r;
  r.has_dst = true;
  if (!p.name(r.dst_type.abbrev) || r.dst_type.abbrev.empty()) return std::nullopt;
  r.dst_type.isdst = true;
  r.dst_type.utoff = r.std_type.utoff + 3600;
  if (!p.at_end() && p.peek() != ',' && p.peek() != ';') {
    if (!p.offset(off)) return std::nullopt;
    r.dst_type.utoff = -off;
  }
  if (p.at_end()) {
    r.start = {'M', 0, 3, 2, 0, 7200};
    r.end = {'M', 0, 11, 1, 0, 7200};
    return r;
  }
  if (p.peek() != ',' && p.peek() != ';') return std::nullopt;
  p.i++;
  if (!p.date(r.start) || p.peek() != ',') return std::nullopt;
  p.i++;
  if (!p.date(r.end) || !p.at_end()) return std::nullopt;
  return r;
}

int64_t rule_day(int64_t year, const PosixRule::Date& d) {
  int64_t jan1 = days_from_civil(year, 1, 1);
  if (d.kind == 'J') return jan1 + d.n - 1 + (is_leap(year) && d.n >= 60 ? 1 : 0);
  if (d.kind == 'n') return jan1 + d.n;
  static const int kMdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int64_t first = days_from_civil(year, d.month, 1);
  int64_t dow = ((first + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  int64_t day = first + ((d.wday - dow) % 7 + 7) % 7 + 7 * (d.week - 1);
  int mdays = kMdays[d.month - 1] + (d.month == 2 && is_leap(year) ? 1 : 0);
  while (day >= first + mdays) day -= 7;
  return day;
}

// ---- the compiled table
uint64_t read_varint(const unsigned char*& p) {
  uint64_t v = 0;
  int shift = 0;
  for (;;) {
    unsigned char b = *p++;
    v |= uint64_t(b & 127) << shift;
    if (!(b & 128)) return v;
    shift += 7;
  }
}
int64_t unzigzag(uint64_t v) { return (v & 1) ? -int64_t(v >> 1) - 1 : int64_t(v >> 1); }

std::unique_ptr<TimeZone> decode_record(const char* name, uint32_t record) {
  const auto& t = tzdata::kTable;
  auto tz = std::make_unique<TimeZone>();
  tz->name = name;
  const unsigned char* p = t.record_data + t.record_offsets[record];
  size_t ntypes = read_varint(p);
  for (size_t i = 0; i < ntypes; i++) {
    ZoneType zt;
    zt.utoff = int32_t(unzigzag(read_varint(p)));
    uint64_t a = read_varint(p);
    zt.isdst = a & 1;
    zt.abbrev = t.abbrevs[a >> 1];
    tz->types.push_back(zt);
  }
  tz->default_type = int(read_varint(p));
  size_t n = read_varint(p);
  int64_t prev = 0;
  for (size_t i = 0; i < n; i++) tz->times.push_back(prev += unzigzag(read_varint(p)));
  for (size_t i = 0; i < n; i++) tz->type_of.push_back(*p++);
  const char* footer = t.footers[read_varint(p)];
  if (*footer) tz->rule = parse_posix(footer);
  return tz;
}

const tzdata::ZoneName* find_in_table(std::string_view name) {
  const auto& t = tzdata::kTable;
  std::string l = lower(name);
  size_t lo = 0, hi = t.zone_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    std::string cand = lower(t.names + t.zones[mid].name_offset);
    int c = l.compare(cand);
    if (c == 0) return &t.zones[mid];
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return nullptr;
}

std::mutex g_registry_mutex;
std::map<std::string, std::unique_ptr<TimeZone>>& registry() {  // by upper-case name
  static std::map<std::string, std::unique_ptr<TimeZone>> r;
  return r;
}

thread_local const TimeZone* g_session_tz = nullptr;

}  // namespace

void PosixRule::transitions(int64_t year, int64_t at[2], const ZoneType* to[2]) const {
  int64_t on = rule_day(year, start) * 86400 + start.time - std_type.utoff;
  int64_t off = rule_day(year, end) * 86400 + end.time - dst_type.utoff;
  if (on <= off) {
    at[0] = on, to[0] = &dst_type, at[1] = off, to[1] = &std_type;
  } else {
    at[0] = off, to[0] = &std_type, at[1] = on, to[1] = &dst_type;
  }
}

namespace {
// The rule's transitions around t: years y-1..y+1, sorted.
void rule_window(const PosixRule& r, int64_t t, int64_t at[6], const ZoneType* to[6]) {
  int64_t y = civil_year(pg_floor_div(t + r.std_type.utoff, 86400));
  for (int k = 0; k < 3; k++) r.transitions(y - 1 + k, at + 2 * k, to + 2 * k);
}
}  // namespace

const ZoneType& TimeZone::at(int64_t t) const {
  if (!times.empty() && t < times[0]) return types[default_type];
  if (times.empty() || t >= times.back()) {
    if (rule && rule->has_dst) {
      int64_t at6[6];
      const ZoneType* to6[6];
      rule_window(*rule, t, at6, to6);
      const ZoneType* cur = to6[0] == &rule->std_type ? &rule->dst_type : &rule->std_type;
      for (int k = 0; k < 6; k++)
        if (at6[k] <= t) cur = to6[k];
      return *cur;
    }
    if (!times.empty()) return types[type_of.back()];
    return rule ? rule->std_type : types[default_type];
  }
  size_t lo = 0, hi = times.size();  // first transition > t
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t < times[mid]) hi = mid;
    else lo = mid + 1;
  }
  return types[type_of[lo - 1]];
}

bool TimeZone::next_boundary(int64_t t, const ZoneType*& before, int64_t& boundary, const ZoneType*& after) const {
  if (!times.empty() && t < times[0]) {
    before = &types[default_type];
    boundary = times[0];
    after = &types[type_of[0]];
    return true;
  }
  if (times.empty() || t >= times.back()) {
    if (rule && rule->has_dst) {
      int64_t at6[6];
      const ZoneType* to6[6];
      rule_window(*rule, t, at6, to6);
      before = &at(t);
      for (int k = 0; k < 6; k++)
        if (at6[k] > t) {
          boundary = at6[k];
          after = to6[k];
          return true;
        }
      return false;
    }
    before = &at(t);
    return false;
  }
  size_t lo = 0, hi = times.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t < times[mid]) hi = mid;
    else lo = mid + 1;
  }
  before = &types[type_of[lo - 1]];
  boundary = times[lo];
  after = &types[type_of[lo]];
  return true;
}

int32_t TimeZone::utoff_for_local(int64_t local) const {
  const ZoneType *before, *after;
  int64_t boundary;
  if (!next_boundary(local - 86400, before, boundary, after)) return before->utoff;
  int64_t beforetime = local - before->utoff, aftertime = local - after->utoff;
  if (beforetime < boundary && aftertime < boundary) return before->utoff;
  if (beforetime >= boundary && aftertime >= boundary) return after->utoff;
  return beforetime > aftertime ? before->utoff : after->utoff;
}

const ZoneType* TimeZone::interpret_abbrev(std::string_view abbr, int64_t t) const {
  bool in_rule = rule && rule->has_dst && (times.empty() || t >= times.back());
  if (in_rule) {
    if (rule->std_type.abbrev == abbr) return &rule->std_type;
    if (rule->dst_type.abbrev == abbr) return &rule->dst_type;
  }
  size_t lo = 0, hi = times.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t < times[mid]) hi = mid;
    else lo = mid + 1;
  }
  for (size_t i = lo; i-- > 0;)
    if (types[type_of[i]].abbrev == abbr) return &types[type_of[i]];
  for (size_t i = lo; i < times.size(); i++)
    if (types[type_of[i]].abbrev == abbr) return &types[type_of[i]];
  if (rule) {
    if (rule->std_type.abbrev == abbr) return &rule->std_type;
    if (rule->has_dst && rule->dst_type.abbrev == abbr) return &rule->dst_type;
  }
  return nullptr;
}

const TimeZone* find_timezone(std::string_view name) {
  if (name.empty() || name.size() > 255) return nullptr;
  std::string key = upper(name);
  std::lock_guard<std::mutex> lock(g_registry_mutex);
  auto& reg = registry();
  if (auto it = reg.find(key); it != reg.end()) return it->second.get();
  std::unique_ptr<TimeZone> tz;
  if (key == "GMT") {  // pg_tzset parses "GMT" itself
    tz = std::make_unique<TimeZone>();
    tz->name = "GMT";
    tz->types.push_back({0, false, "GMT"});
  } else if (const tzdata::ZoneName* z = find_in_table(name)) {
    tz = decode_record(tzdata::kTable.names + z->name_offset, z->record);
  } else if (key.rfind("POSIX/", 0) == 0 && (z = find_in_table(name.substr(6)))) {
    // zoneinfo's posix/ directory repeats every zone
    tz = decode_record(tzdata::kTable.names + z->name_offset, z->record);
    tz->name = "posix/" + tz->name;
  } else if (key[0] != ':') {
    auto rule = parse_posix(key);
    if (!rule) return nullptr;
    tz = std::make_unique<TimeZone>();
    tz->name = key;
    tz->types.push_back(rule->std_type);
    tz->rule = std::move(*rule);
  } else {
    return nullptr;
  }
  const TimeZone* result = tz.get();
  reg.emplace(key, std::move(tz));
  return result;
}

const TimeZone* timezone_from_offset(int64_t west) {
  int64_t abs = west < 0 ? -west : west;
  if (abs > 7 * 24 * 3600) return nullptr;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02lld", (long long)(abs / 3600));
  std::string off = buf;
  abs %= 3600;
  if (abs) {
    std::snprintf(buf, sizeof buf, ":%02lld", (long long)(abs / 60));
    off += buf;
    abs %= 60;
    if (abs) {
      std::snprintf(buf, sizeof buf, ":%02lld", (long long)abs);
      off += buf;
    }
  }
  return find_timezone(west > 0 ? "<-" + off + ">+" + off : "<+" + off + ">-" + off);
}

const TimeZone* timezone_setting(const std::string& value) {
  auto fail = [&](const std::string& detail) -> const TimeZone* {
    throw PgError(sqlstate::kInvalidParameterValue, "invalid value for parameter \"TimeZone\": \"" + value + "\"", detail);
  };
  const TimeZone* tz;
  if (value.size() >= 8 && lower(value.substr(0, 8)) == "interval") {
    std::string v = value.substr(8);
    size_t a = v.find('\''), b = v.rfind('\'');
    if (a == std::string::npos || b <= a) fail("");
    Interval iv = parse_interval(v.substr(a + 1, b - a - 1));
    if (iv.month != 0) fail("Cannot specify months in time zone interval.");
    if (iv.day != 0) fail("Cannot specify days in time zone interval.");
    tz = timezone_from_offset(-(iv.time / 1000000));
  } else {
    char* end;
    double hours = std::strtod(value.c_str(), &end);
    if (end != value.c_str() && *end == '\0') {
      if (!std::isfinite(hours) || std::fabs(hours) > 1e6) fail("UTC timezone offset is out of range.");
      tz = timezone_from_offset(int64_t(-hours * 3600));
    } else {
      tz = find_timezone(value);
      if (!tz && value.size() > 6 && lower(value.substr(0, 6)) == "right/" && find_in_table(value.substr(6)))
        throw PgError(sqlstate::kInvalidParameterValue, "time zone \"" + value + "\" appears to use leap seconds",
                      "PostgreSQL does not support leap seconds.");
      if (!tz) fail("");
    }
  }
  if (!tz) fail("UTC timezone offset is out of range.");
  return tz;
}

const TimeZone& utc_timezone() {
  static const TimeZone* utc = [] {
    const TimeZone* z = find_timezone("UTC");
    if (z) return z;
    return find_timezone("UTC0");
  }();
  return *utc;
}

const char* tzdata_version() { return tzdata::kVersion; }

const TimeZone& session_timezone() { return g_session_tz ? *g_session_tz : utc_timezone(); }
void set_session_timezone(const TimeZone* tz) { g_session_tz = tz; }

int64_t timestamp_in_zone(int64_t utc, const TimeZone& tz, int32_t* utoff) {
  int32_t off = tz.utoff_at(pg_floor_div(utc, 1000000) + kPgEpochUnixSeconds);
  if (utoff) *utoff = off;
  return utc + int64_t(off) * 1000000;
}

int64_t timestamp_from_zone(int64_t local, const TimeZone& tz, int32_t* utoff) {
  int32_t off = tz.utoff_for_local(pg_floor_div(local, 1000000) + kPgEpochUnixSeconds);
  if (utoff) *utoff = off;
  return local - int64_t(off) * 1000000;
}

void append_utc_offset(std::string& out, int32_t utoff) {
  int32_t sec = utoff < 0 ? -utoff : utoff;
  int32_t min = sec / 60;
  sec -= min * 60;
  int32_t hour = min / 60;
  min -= hour * 60;
  char buf[32];
  if (sec) std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", utoff >= 0 ? '+' : '-', hour, min, sec);
  else if (min) std::snprintf(buf, sizeof buf, "%c%02d:%02d", utoff >= 0 ? '+' : '-', hour, min);
  else std::snprintf(buf, sizeof buf, "%c%02d", utoff >= 0 ? '+' : '-', hour);
  out += buf;
}

}  // namespace pgmicro
