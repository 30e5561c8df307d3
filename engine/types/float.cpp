// float4/float8 text input and output as PostgreSQL 15 (float4in/float8in, and
// float4out/float8out with extra_float_digits = 1: shortest round-trip digits as Ryu
// produces them, fixed notation for decimal exponents -4 <= e < 15 (float4: < 6)).
// Storage: SQLite REAL; NaN is stored as the TEXT 'NaN' so it sorts above every number.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include "common/error.h"
#include "types/numeric.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

bool is_space(char c) { return std::isspace((unsigned char)c) != 0; }

bool ci_prefix(const char* s, const char* word) {
  for (; *word; s++, word++)
    if (std::tolower((unsigned char)*s) != std::tolower((unsigned char)*word)) return false;
  return true;
}

template <class F, class Conv>
F parse_float_impl(std::string_view text, const char* type_name, Conv conv) {
  std::string buf(text);
  const char* num = buf.c_str();
  auto invalid = [&]() {
    throw PgError(sqlstate::kInvalidTextRepresentation,
                  std::string("invalid input syntax for type ") + type_name + ": \"" + buf + "\"");
  };
  if (std::strlen(num) != buf.size()) invalid();
  while (*num && is_space(*num)) num++;
  if (*num == '\0') invalid();
  errno = 0;
  char* endptr = nullptr;
  F val = conv(num, &endptr);
  if (endptr == num || errno != 0) {
    int save_errno = errno;
    if (ci_prefix(num, "NaN")) {
      val = F(NAN);
      endptr = const_cast<char*>(num) + 3;
    } else if (ci_prefix(num, "Infinity")) {
      val = F(INFINITY);
      endptr = const_cast<char*>(num) + 8;
    } else if (ci_prefix(num, "+Infinity")) {
      val = F(INFINITY);
      endptr = const_cast<char*>(num) + 9;
    } else if (ci_prefix(num, "-Infinity")) {
      val = -F(INFINITY);
      endptr = const_cast<char*>(num) + 9;
    } else if (ci_prefix(num, "inf")) {
      val = F(INFINITY);
      endptr = const_cast<char*>(num) + 3;
    } else if (ci_prefix(num, "+inf")) {
      val = F(INFINITY);
      endptr = const_cast<char*>(num) + 4;
    } else if (ci_prefix(num, "-inf")) {
      val = -F(INFINITY);
      endptr = const_cast<char*>(num) + 4;
    } else if (save_errno == ERANGE) {
      if (val == 0 || std::isinf(val))
        throw PgError(sqlstate::kNumericValueOutOfRange,
                      "\"" + buf + "\" is out of range for type " + type_name);
    } else {
      invalid();
    }
  }
  while (*endptr && is_space(*endptr)) endptr++;
  if (*endptr != '\0') invalid();
  return val;
}

// Exact decimal value of a finite float/double (a dyadic rational).
Numeric exact_value(long double x) {
  int e;
  long double f = std::frexp(x, &e);
  // x = f * 2^e, f in [0.5, 1); scale the mantissa to an integer (64 bits suffice)
  long double mant = std::ldexp(f, 64);
  int e2 = e - 64;
  unsigned long long m = (unsigned long long)mant;
  while (m && (m & 1) == 0 && e2 < 0) {
    m >>= 1;
    e2++;
  }
  Numeric r = Numeric::from_int128((__int128)m);
  if (e2 > 0) {
    Numeric two = Numeric::from_int64(2), p = Numeric::from_int64(1);
    for (int k = e2; k > 0; k >>= 1, two = two.mul(two))
      if (k & 1) p = p.mul(two);
    r = r.mul(p);
  } else if (e2 < 0) {
    // m / 2^k = m * 5^k / 10^k
    Numeric five = Numeric::from_int64(5), p = Numeric::from_int64(1);
    for (int k = -e2; k > 0; k >>= 1, five = five.mul(five))
      if (k & 1) p = p.mul(five);
    r = r.mul(p).mul(Numeric::parse("1e" + std::to_string(e2)));
  }
  return x < 0 ? r.neg() : r;
}

// PostgreSQL's Ryu (d2s.c/f2s.c) is built without STRICTLY_SHORTEST: the rounding
// interval is open, so a decimal lying exactly halfway to a neighbouring float is never
// chosen even when strtod would round it back. True if `cand` (digits d, exponent e) is
// exactly such a midpoint of v.
template <class F>
bool on_bound(F v, const std::string& d, int e) {
  const int mant_bits = sizeof(F) == sizeof(float) ? 24 : 53;
  const int min_exp = sizeof(F) == sizeof(float) ? -149 : -1074;
  int fe;
  std::frexp(v, &fe);
  int u = std::max(fe - mant_bits, min_exp);  // log2 of the spacing above v
  int fd = int(d.size()) - 1 - e;             // fractional digits of the candidate
  if (!(fd == 1 - u || fd == 2 - u || (u - 1 >= 0 && fd <= 0))) return false;
  std::string cand = d.substr(0, 1) + (d.size() > 1 ? "." + d.substr(1) : "") + "e" + std::to_string(e);
  Numeric c = Numeric::parse(cand);
  Numeric half = Numeric::parse("0.5");
  Numeric ve = exact_value(v);
  F up = std::nextafter(v, F(INFINITY)), down = std::nextafter(v, F(0));
  if (!std::isinf(up) && c.compare(ve.add(exact_value(up)).mul(half)) == 0) return true;
  if (down != v && c.compare(ve.add(exact_value(down)).mul(half)) == 0) return true;
  return false;
}

// Shortest decimal digits strictly inside v's rounding interval, as Ryu (v finite, > 0).
// digits has no leading or trailing zeros; exp10 is the scientific exponent.
template <class F>
void shortest_digits(F v, std::string& digits, int& exp10) {
  char buf[64];
  auto split = [](const char* s, std::string& d, int& e) {
    d.clear();
    const char* p = s;
    for (; *p && *p != 'e'; p++)
      if (*p >= '0' && *p <= '9') d += *p;
    e = std::atoi(p + 1);
    while (d.size() > 1 && d.back() == '0') d.pop_back();
  };
  auto reads_back = [&](const std::string& text) {
    char* end;
    if constexpr (sizeof(F) == sizeof(float)) return std::strtof(text.c_str(), &end) == v;
    else return std::strtod(text.c_str(), &end) == v;
  };
  auto accept = [&](int p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, double(v));
    if (!reads_back(buf)) return false;
    std::string d;
    int e;
    split(buf, d, e);
    return !on_bound(v, d, e);
  };
  const int max_p = sizeof(F) == sizeof(float) ? 9 : 17;
  int lo = 1, hi = max_p;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (accept(mid)) hi = mid;
    else lo = mid + 1;
  }
  std::snprintf(buf, sizeof buf, "%.*e", lo - 1, double(v));
  split(buf, digits, exp10);
  // At a power of two the rounding interval is wider above: a shorter candidate just
  // above the correctly rounded one may lie inside it (Ryu would pick it).
  int mexp;
  if (std::frexp(v, &mexp) == F(0.5)) {
    for (int p = lo - 1; p >= 1; p--) {
      std::snprintf(buf, sizeof buf, "%.*e", p - 1, double(v));
      std::string d;
      int e;
      split(buf, d, e);
      d.resize(size_t(p), '0');
      int k = int(d.size()) - 1;
      while (k >= 0 && d[k] == '9') d[k--] = '0';
      if (k < 0) {
        d.insert(d.begin(), '1');
        d.pop_back();
        e++;
      } else {
        d[k]++;
      }
      while (d.size() > 1 && d.back() == '0') d.pop_back();
      std::string cand = d.substr(0, 1) + (d.size() > 1 ? "." + d.substr(1) : "") + "e" + std::to_string(e);
      if (!reads_back(cand) || on_bound(v, d, e)) break;
      digits = d;
      exp10 = e;
    }
  }
}

template <class F>
void format_shortest(F v, int fixed_max_exp, std::string& out) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-Infinity" : "Infinity";
    return;
  }
  if (std::signbit(v)) out += '-';
  if (v == 0) {
    out += '0';
    return;
  }
  std::string d;
  int e;
  shortest_digits(std::fabs(v), d, e);
  int len = int(d.size());
  if (e >= -4 && e < fixed_max_exp) {
    if (e < 0) {
      out += "0.";
      out.append(size_t(-e - 1), '0');
      out += d;
    } else if (len <= e + 1) {
      out += d;
      out.append(size_t(e + 1 - len), '0');
    } else {
      out.append(d, 0, size_t(e + 1));
      out += '.';
      out.append(d, size_t(e + 1), std::string::npos);
    }
    return;
  }
  out += d[0];
  if (len > 1) {
    out += '.';
    out.append(d, 1, std::string::npos);
  }
  out += 'e';
  out += e < 0 ? '-' : '+';
  int ae = e < 0 ? -e : e;
  if (ae < 10) out += '0';
  out += std::to_string(ae);
}

}  // namespace

double parse_float8(std::string_view text) {
  return parse_float_impl<double>(text, "double precision",
                                  [](const char* s, char** e) { return std::strtod(s, e); });
}

float parse_float4(std::string_view text) {
  return parse_float_impl<float>(text, "real",
                                 [](const char* s, char** e) { return std::strtof(s, e); });
}

namespace {
thread_local int g_extra_float_digits = 1;

// extra_float_digits <= 0: float8out/float4out's "%.*g" with DBL_DIG/FLT_DIG + extra digits.
void format_digits(double v, int digits, std::string& out) {
  if (std::isnan(v)) { out += "NaN"; return; }
  if (std::isinf(v)) { out += v > 0 ? "Infinity" : "-Infinity"; return; }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits < 1 ? 1 : digits, v);
  out += buf;
}
}  // namespace

void set_extra_float_digits(int digits) { g_extra_float_digits = digits; }

void format_float8(double v, std::string& out) {
  if (g_extra_float_digits <= 0) return format_digits(v, 15 + g_extra_float_digits, out);
  format_shortest<double>(v, 15, out);
}
void format_float8_shortest(double v, std::string& out) { format_shortest<double>(v, 15, out); }
void format_float4(float v, std::string& out) {
  if (g_extra_float_digits <= 0) return format_digits(v, 6 + g_extra_float_digits, out);
  format_shortest<float>(v, 6, out);
}

std::string float8_to_string(double v) {
  std::string s;
  format_float8(v, s);
  return s;
}
std::string float4_to_string(float v) {
  std::string s;
  format_float4(v, s);
  return s;
}

Datum float_datum(double v) {
  if (std::isnan(v)) return Datum::text("NaN");
  return Datum::real(v);
}

bool datum_to_double(const Datum& d, double& out) {
  switch (d.kind) {
    case Datum::Kind::Null: return false;
    case Datum::Kind::Int: out = double(d.i); return true;
    case Datum::Kind::Real: out = d.r; return true;
    case Datum::Kind::Text:
    case Datum::Kind::Blob:
      if (d.s == "NaN") {
        out = NAN;
        return true;
      }
      out = parse_float8(d.s);
      return true;
  }
  return false;
}

}  // namespace pgmicro
