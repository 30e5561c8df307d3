// Numeric arithmetic, I/O and storage encoding (see numeric.h for the representation).
#include "types/numeric.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "common/error.h"

namespace pgmicro {

namespace {

using Limbs = std::vector<uint32_t>;
constexpr uint32_t kBase = 1000000000u;
constexpr uint32_t kPow10[10] = {1,      10,      100,      1000,      10000,
                                 100000, 1000000, 10000000, 100000000, 1000000000};

[[noreturn]] void overflow_error() {
  throw PgError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}
[[noreturn]] void division_by_zero() {
  throw PgError(sqlstate::kDivisionByZero, "division by zero");
}

void trim(Limbs& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

int cmp_mag(const Limbs& a, const Limbs& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Limbs add_mag(const Limbs& a, const Limbs& b) {
  const Limbs& x = a.size() >= b.size() ? a : b;
  const Limbs& y = a.size() >= b.size() ? b : a;
  Limbs r(x.size() + 1);
  uint32_t carry = 0;
  for (size_t i = 0; i < x.size(); i++) {
    uint32_t s = x[i] + (i < y.size() ? y[i] : 0) + carry;
    carry = s >= kBase;
    r[i] = carry ? s - kBase : s;
  }
  r[x.size()] = carry;
  trim(r);
  return r;
}

// a - b, requires a >= b.
Limbs sub_mag(const Limbs& a, const Limbs& b) {
  Limbs r(a.size());
  int64_t borrow = 0;
  for (size_t i = 0; i < a.size(); i++) {
    int64_t d = int64_t(a[i]) - (i < b.size() ? b[i] : 0) - borrow;
    borrow = d < 0;
    r[i] = uint32_t(borrow ? d + kBase : d);
  }
  trim(r);
  return r;
}

Limbs mul_mag(const Limbs& a, const Limbs& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<uint32_t> r(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); i++) {
    uint64_t carry = 0, ai = a[i];
    if (ai == 0) continue;
    for (size_t j = 0; j < b.size(); j++) {
      uint64_t cur = r[i + j] + ai * b[j] + carry;
      r[i + j] = uint32_t(cur % kBase);
      carry = cur / kBase;
    }
    size_t k = i + b.size();
    while (carry) {
      uint64_t cur = r[k] + carry;
      r[k] = uint32_t(cur % kBase);
      carry = cur / kBase;
      k++;
    }
  }
  trim(r);
  return r;
}

void mul_small(Limbs& a, uint32_t m) {
  if (m == 1) return;
  uint64_t carry = 0;
  for (auto& l : a) {
    uint64_t cur = uint64_t(l) * m + carry;
    l = uint32_t(cur % kBase);
    carry = cur / kBase;
  }
  if (carry) a.push_back(uint32_t(carry));
  trim(a);
}

void add_small(Limbs& a, uint32_t v) {
  uint64_t carry = v;
  for (size_t i = 0; carry && i < a.size(); i++) {
    uint64_t cur = a[i] + carry;
    a[i] = uint32_t(cur % kBase);
    carry = cur / kBase;
  }
  if (carry) a.push_back(uint32_t(carry));
}

uint32_t divmod_small(Limbs& a, uint32_t d) {
  uint64_t rem = 0;
  for (size_t i = a.size(); i-- > 0;) {
    uint64_t cur = rem * kBase + a[i];
    a[i] = uint32_t(cur / d);
    rem = cur % d;
  }
  trim(a);
  return uint32_t(rem);
}

void mul_pow10(Limbs& a, int k) {
  if (a.empty() || k <= 0) return;
  a.insert(a.begin(), size_t(k / 9), 0u);
  mul_small(a, kPow10[k % 9]);
}

Limbs pow10_limbs(int k) {
  Limbs r{1};
  mul_pow10(r, k);
  return r;
}

// Knuth's algorithm D (TAOCP 4.3.1) in base 1e9. b nonzero.
void divmod_mag(const Limbs& a, const Limbs& b, Limbs& q, Limbs& r) {
  if (cmp_mag(a, b) < 0) {
    q.clear();
    r = a;
    return;
  }
  if (b.size() == 1) {
    q = a;
    uint32_t rem = divmod_small(q, b[0]);
    r.clear();
    if (rem) r.push_back(rem);
    return;
  }
  const uint64_t B = kBase;
  uint32_t d = uint32_t(B / (uint64_t(b.back()) + 1));
  Limbs u = a, v = b;
  mul_small(u, d);
  mul_small(v, d);
  size_t n = v.size(), m = a.size() - n;
  u.resize(a.size() + 1, 0);
  q.assign(m + 1, 0);
  for (size_t j = m + 1; j-- > 0;) {
    uint64_t num = uint64_t(u[j + n]) * B + u[j + n - 1];
    uint64_t qhat = num / v[n - 1], rhat = num % v[n - 1];
    while (qhat >= B || (rhat < B && qhat * v[n - 2] > rhat * B + u[j + n - 2])) {
      qhat--;
      rhat += v[n - 1];
    }
    int64_t borrow = 0;
    uint64_t carry = 0;
    for (size_t i = 0; i < n; i++) {
      uint64_t p = qhat * v[i] + carry;
      carry = p / B;
      int64_t t = int64_t(u[i + j]) - int64_t(p % B) - borrow;
      borrow = t < 0;
      u[i + j] = uint32_t(borrow ? t + int64_t(B) : t);
    }
    int64_t t = int64_t(u[j + n]) - int64_t(carry) - borrow;
    if (t < 0) {
      u[j + n] = uint32_t(t + int64_t(B));
      qhat--;
      uint32_t c = 0;
      for (size_t i = 0; i < n; i++) {
        uint32_t s = u[i + j] + v[i] + c;
        c = s >= B;
        u[i + j] = c ? s - uint32_t(B) : s;
      }
      u[j + n] = uint32_t((u[j + n] + c) % B);
    } else {
      u[j + n] = uint32_t(t);
    }
    q[j] = uint32_t(qhat);
  }
  trim(q);
  u.resize(n);
  trim(u);
  divmod_small(u, d);
  r = std::move(u);
}

int digits_of(uint32_t v) {
  int n = 1;
  while (n < 10 && v >= kPow10[n]) n++;
  return n;
}

int ndigits(const Limbs& a) {
  if (a.empty()) return 0;
  return int(a.size() - 1) * 9 + digits_of(a.back());
}

std::string to_decimal(const Limbs& a) {
  if (a.empty()) return "0";
  std::string s = std::to_string(a.back());
  char buf[16];
  for (size_t i = a.size() - 1; i-- > 0;) {
    std::snprintf(buf, sizeof buf, "%09u", unsigned(a[i]));
    s += buf;
  }
  return s;
}

Limbs from_decimal(std::string_view d) {
  Limbs r;
  size_t end = d.size();
  while (end > 0) {
    size_t start = end >= 9 ? end - 9 : 0;
    uint32_t v = 0;
    for (size_t i = start; i < end; i++) v = v * 10 + uint32_t(d[i] - '0');
    r.push_back(v);
    end = start;
  }
  trim(r);
  return r;
}

bool ci_prefix(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); i++)
    if (std::tolower((unsigned char)s[i]) != std::tolower((unsigned char)word[i])) return false;
  return true;
}

bool is_space(char c) { return std::isspace((unsigned char)c) != 0; }

[[noreturn]] void invalid_numeric(std::string_view text) {
  throw PgError(sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

}  // namespace

Numeric Numeric::nan() {
  Numeric n;
  n.kind_ = Kind::NaN;
  return n;
}

Numeric Numeric::infinity(bool negative) {
  Numeric n;
  n.kind_ = negative ? Kind::NegInf : Kind::PosInf;
  return n;
}

Numeric Numeric::make(bool neg, Limbs mag, int dscale) {
  trim(mag);
  Numeric n;
  n.mag_ = std::move(mag);
  n.neg_ = neg && !n.mag_.empty();
  n.dscale_ = dscale;
  if (dscale > kMaxDscale) overflow_error();
  if (!n.mag_.empty() && n.decimal_exponent() > kMaxIntegerDigits) overflow_error();
  return n;
}

int Numeric::sign() const {
  switch (kind_) {
    case Kind::NaN: return 0;
    case Kind::PosInf: return 1;
    case Kind::NegInf: return -1;
    default: return mag_.empty() ? 0 : (neg_ ? -1 : 1);
  }
}

int Numeric::decimal_exponent() const { return ndigits(mag_) - dscale_; }

// PostgreSQL's base-10000 weight and first (most significant, nonzero) NBASE digit.
void Numeric::nbase_weight_first(int& weight, int& first) const {
  if (mag_.empty()) {
    weight = 0;
    first = 0;
    return;
  }
  std::string d = to_decimal(mag_);
  int p = int(d.size()) - dscale_ - 1;  // power of ten of the leading digit
  int w = p >= 0 ? p / 4 : -((-p + 3) / 4);
  int count = p - 4 * w + 1;  // 1..4 leading digits form the first NBASE digit
  int f = 0;
  for (int i = 0; i < count; i++) f = f * 10 + (i < int(d.size()) ? d[i] - '0' : 0);
  weight = w;
  first = f;
}

Numeric Numeric::parse(std::string_view text) {
  const std::string_view orig = text;
  size_t i = 0, n = text.size();
  while (i < n && is_space(text[i])) i++;
  std::string_view rest = text.substr(i);
  Numeric result;
  size_t consumed = 0;
  bool special = true;
  if (ci_prefix(rest, "NaN")) result = nan(), consumed = 3;
  else if (ci_prefix(rest, "Infinity")) result = infinity(false), consumed = 8;
  else if (ci_prefix(rest, "+Infinity")) result = infinity(false), consumed = 9;
  else if (ci_prefix(rest, "-Infinity")) result = infinity(true), consumed = 9;
  else if (ci_prefix(rest, "inf")) result = infinity(false), consumed = 3;
  else if (ci_prefix(rest, "+inf")) result = infinity(false), consumed = 4;
  else if (ci_prefix(rest, "-inf")) result = infinity(true), consumed = 4;
  else special = false;
  if (special) {
    i += consumed;
  } else {
    bool neg = false;
    if (i < n && text[i] == '+') i++;
    else if (i < n && text[i] == '-') neg = true, i++;
    bool have_dp = false;
    if (i < n && text[i] == '.') have_dp = true, i++;
    if (i >= n || !std::isdigit((unsigned char)text[i])) invalid_numeric(orig);
    std::string digs;
    long fd = 0;
    while (i < n) {
      char c = text[i];
      if (std::isdigit((unsigned char)c)) {
        if (!(digs.empty() && c == '0')) digs += c;
        if (have_dp) fd++;
      } else if (c == '.') {
        if (have_dp) invalid_numeric(orig);
        have_dp = true;
      } else {
        break;
      }
      i++;
    }
    long exponent = 0;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
      i++;
      // strtol semantics: optional whitespace, sign, digits.
      size_t j = i;
      while (j < n && is_space(text[j])) j++;
      bool eneg = false;
      if (j < n && (text[j] == '+' || text[j] == '-')) eneg = text[j] == '-', j++;
      if (j >= n || !std::isdigit((unsigned char)text[j])) invalid_numeric(orig);
      bool big = false;
      while (j < n && std::isdigit((unsigned char)text[j])) {
        if (!big) {
          exponent = exponent * 10 + (text[j] - '0');
          if (exponent >= INT_MAX / 2) big = true;
        }
        j++;
      }
      if (big) overflow_error();
      if (eneg) exponent = -exponent;
      i = j;
    }
    long dscale = fd - exponent;
    if (dscale < 0) dscale = 0;
    if (dscale > kMaxDscale) overflow_error();
    // digs holds the significant digits without leading zeros: value = digs * 10^(exponent - fd)
    if (digs.empty()) {
      result = make(false, {}, int(dscale));
    } else {
      long shift = exponent - fd + dscale;  // >= 0
      long e10 = long(digs.size()) + exponent - fd;
      if (e10 > kMaxIntegerDigits) overflow_error();
      Limbs mag = from_decimal(digs);
      mul_pow10(mag, int(shift));
      result = make(neg, std::move(mag), int(dscale));
    }
  }
  while (i < n) {
    if (!is_space(text[i])) invalid_numeric(orig);
    i++;
  }
  return result;
}

Numeric Numeric::from_int64(int64_t v) {
  uint64_t u = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
  Limbs mag;
  while (u) {
    mag.push_back(uint32_t(u % kBase));
    u /= kBase;
  }
  return make(v < 0, std::move(mag), 0);
}

Numeric Numeric::from_int128(__int128 v) {
  unsigned __int128 u = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
  Limbs mag;
  while (u) {
    mag.push_back(uint32_t(u % kBase));
    u /= kBase;
  }
  return make(v < 0, std::move(mag), 0);
}

Numeric Numeric::from_double(double v) {
  if (std::isnan(v)) return nan();
  if (std::isinf(v)) return infinity(v < 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", 15, v);
  return parse(buf);
}

Numeric Numeric::from_float(float v) {
  if (std::isnan(v)) return nan();
  if (std::isinf(v)) return infinity(v < 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", 6, double(v));
  return parse(buf);
}

void Numeric::append_to(std::string& out) const {
  switch (kind_) {
    case Kind::NaN: out += "NaN"; return;
    case Kind::PosInf: out += "Infinity"; return;
    case Kind::NegInf: out += "-Infinity"; return;
    default: break;
  }
  if (neg_) out += '-';
  std::string d = to_decimal(mag_);
  if (dscale_ == 0) {
    out += d;
    return;
  }
  if (int(d.size()) <= dscale_) d.insert(0, size_t(dscale_ + 1 - int(d.size())), '0');
  size_t ip = d.size() - size_t(dscale_);
  out.append(d, 0, ip);
  out += '.';
  out.append(d, ip, std::string::npos);
}

std::string Numeric::to_string() const {
  std::string s;
  append_to(s);
  return s;
}

Numeric Numeric::add(const Numeric& b) const {
  if (!is_finite() || !b.is_finite()) {
    if (is_nan() || b.is_nan()) return nan();
    if (is_inf() && b.is_inf()) return kind_ == b.kind_ ? *this : nan();
    return is_inf() ? *this : b;
  }
  int s = std::max(dscale_, b.dscale_);
  Limbs x = mag_, y = b.mag_;
  mul_pow10(x, s - dscale_);
  mul_pow10(y, s - b.dscale_);
  if (neg_ == b.neg_) return make(neg_, add_mag(x, y), s);
  int c = cmp_mag(x, y);
  if (c == 0) return make(false, {}, s);
  if (c > 0) return make(neg_, sub_mag(x, y), s);
  return make(b.neg_, sub_mag(y, x), s);
}

Numeric Numeric::neg() const {
  Numeric r = *this;
  if (kind_ == Kind::PosInf) r.kind_ = Kind::NegInf;
  else if (kind_ == Kind::NegInf) r.kind_ = Kind::PosInf;
  else if (kind_ == Kind::Finite && !mag_.empty()) r.neg_ = !neg_;
  return r;
}

Numeric Numeric::abs() const {
  Numeric r = *this;
  if (kind_ == Kind::NegInf) r.kind_ = Kind::PosInf;
  r.neg_ = false;
  return r;
}

Numeric Numeric::sub(const Numeric& b) const { return add(b.neg()); }

Numeric Numeric::mul(const Numeric& b) const {
  if (!is_finite() || !b.is_finite()) {
    if (is_nan() || b.is_nan()) return nan();
    int s = sign() * b.sign();
    if (s == 0) return nan();  // Inf * 0
    return infinity(s < 0);
  }
  if (!mag_.empty() && !b.mag_.empty() &&
      decimal_exponent() + b.decimal_exponent() > kMaxIntegerDigits + 1)
    overflow_error();
  // numeric_mul: exact product, rounded if it has more fraction digits than storable
  int rscale = dscale_ + b.dscale_;
  if (rscale > kMaxDscale) {
    Numeric exact;
    exact.mag_ = mul_mag(mag_, b.mag_);
    exact.neg_ = (neg_ != b.neg_) && !exact.mag_.empty();
    exact.dscale_ = rscale;
    return exact.round_impl(kMaxDscale, true);
  }
  return make(neg_ != b.neg_, mul_mag(mag_, b.mag_), rscale);
}

int Numeric::select_div_scale(const Numeric& b) const {
  int w1, f1, w2, f2;
  nbase_weight_first(w1, f1);
  b.nbase_weight_first(w2, f2);
  int qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  int rscale = kMinSigDigits - qweight * 4;
  rscale = std::max(rscale, dscale_);
  rscale = std::max(rscale, b.dscale_);
  rscale = std::max(rscale, 0);
  rscale = std::min(rscale, kMaxDisplayScale);
  return rscale;
}

Numeric Numeric::div_scale(const Numeric& b, int rscale) const {
  if (b.mag_.empty()) division_by_zero();
  if (mag_.empty()) return make(false, {}, rscale);
  // quotient * 10^rscale = (A * 10^(sb - sa + rscale)) / B
  long k = long(b.dscale_) - dscale_ + rscale;
  Limbs num = mag_, den = b.mag_;
  if (k >= 0) mul_pow10(num, int(k));
  else mul_pow10(den, int(-k));
  Limbs q, r;
  divmod_mag(num, den, q, r);
  // round half away from zero: 2r >= den
  if (!r.empty()) {
    Limbs r2 = add_mag(r, r);
    if (cmp_mag(r2, den) >= 0) add_small(q, 1);
  }
  return make(neg_ != b.neg_, std::move(q), rscale);
}

Numeric Numeric::div(const Numeric& b) const {
  if (!is_finite() || !b.is_finite()) {
    if (is_nan() || b.is_nan()) return nan();
    if (is_inf()) {
      if (!b.is_finite()) return nan();
      int s = b.sign();
      if (s == 0) division_by_zero();
      return infinity((kind_ == Kind::NegInf) != (s < 0));
    }
    return Numeric();  // finite / +-Infinity = 0
  }
  if (b.mag_.empty()) division_by_zero();
  return div_scale(b, select_div_scale(b));
}

Numeric Numeric::mod(const Numeric& b) const {
  if (!is_finite() || !b.is_finite()) {
    if (is_nan() || b.is_nan()) return nan();
    if (is_inf()) {
      if (b.sign() == 0) division_by_zero();
      return nan();
    }
    return *this;
  }
  if (b.mag_.empty()) division_by_zero();
  int s = std::max(dscale_, b.dscale_);
  Limbs x = mag_, y = b.mag_;
  mul_pow10(x, s - dscale_);
  mul_pow10(y, s - b.dscale_);
  Limbs q, r;
  divmod_mag(x, y, q, r);
  return make(neg_, std::move(r), s);
}

int Numeric::compare(const Numeric& b) const {
  auto rank = [](const Numeric& x) {
    switch (x.kind_) {
      case Kind::NegInf: return 0;
      case Kind::Finite: return 1;
      case Kind::PosInf: return 2;
      default: return 3;
    }
  };
  int ra = rank(*this), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra != 1) return 0;
  int sa = sign(), sb = b.sign();
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int c;
  if (dscale_ == b.dscale_) {
    c = cmp_mag(mag_, b.mag_);
  } else {
    int ea = decimal_exponent(), eb = b.decimal_exponent();
    if (ea != eb) {
      c = ea < eb ? -1 : 1;
    } else {
      int s = std::max(dscale_, b.dscale_);
      Limbs x = mag_, y = b.mag_;
      mul_pow10(x, s - dscale_);
      mul_pow10(y, s - b.dscale_);
      c = cmp_mag(x, y);
    }
  }
  return sa < 0 ? -c : c;
}

Numeric Numeric::round_impl(int scale, bool round_up) const {
  if (!is_finite()) return *this;
  int out_dscale = std::max(scale, 0);
  if (scale >= dscale_) {
    Limbs m = mag_;
    mul_pow10(m, scale - dscale_);
    return make(neg_, std::move(m), scale);
  }
  int d = dscale_ - scale;
  Limbs q, r;
  if (d > ndigits(mag_) + 1) {
    q.clear();  // everything rounds away to zero (the first dropped digit is 0)
  } else {
    Limbs p = pow10_limbs(d);
    divmod_mag(mag_, p, q, r);
    if (round_up && !r.empty()) {
      Limbs r2 = add_mag(r, r);
      if (cmp_mag(r2, p) >= 0) add_small(q, 1);
    }
  }
  if (scale < 0) mul_pow10(q, -scale);
  return make(neg_, std::move(q), out_dscale);
}

// round()/trunc() limit the scale like numeric_round/numeric_trunc: to the digits a numeric
// can hold before the point (round: one more, in case the top digit rounds up) and after it.
Numeric Numeric::round(int scale) const {
  return round_impl(std::min(std::max(scale, -kMaxIntegerDigits - 1), kMaxDscale), true);
}
Numeric Numeric::trunc(int scale) const {
  return round_impl(std::min(std::max(scale, -kMaxIntegerDigits), kMaxDscale), false);
}

int64_t Numeric::to_int64(int bits) const {
  const char* tname = bits == 16 ? "smallint" : bits == 32 ? "integer" : "bigint";
  if (is_nan())
    throw PgError(sqlstate::kFeatureNotSupported, std::string("cannot convert NaN to ") + tname);
  if (is_inf())
    throw PgError(sqlstate::kFeatureNotSupported,
                  std::string("cannot convert infinity to ") + tname);
  Numeric r = round(0);
  bool ok = r.mag_.size() <= 3;
  int64_t v = 0;
  if (ok) {
    unsigned __int128 u = 0;
    for (size_t i = r.mag_.size(); i-- > 0;) u = u * kBase + r.mag_[i];
    unsigned __int128 lim = (unsigned __int128)1 << (bits - 1);
    if (r.neg_ ? u > lim : u >= lim) ok = false;
    else v = r.neg_ ? int64_t(uint64_t(0) - uint64_t(u)) : int64_t(uint64_t(u));
  }
  if (!ok) throw PgError(sqlstate::kNumericValueOutOfRange, std::string(tname) + " out of range");
  return v;
}

double Numeric::to_double() const {
  if (is_nan()) return std::nan("");
  if (kind_ == Kind::PosInf) return HUGE_VAL;
  if (kind_ == Kind::NegInf) return -HUGE_VAL;
  std::string s = to_string();
  errno = 0;
  double v = std::strtod(s.c_str(), nullptr);
  if (errno == ERANGE && (v == 0.0 || std::isinf(v)))
    throw PgError(sqlstate::kNumericValueOutOfRange,
                  "\"" + s + "\" is out of range for type double precision");
  return v;
}

float Numeric::to_float() const {
  if (is_nan()) return std::nanf("");
  if (kind_ == Kind::PosInf) return HUGE_VALF;
  if (kind_ == Kind::NegInf) return -HUGE_VALF;
  std::string s = to_string();
  errno = 0;
  float v = std::strtof(s.c_str(), nullptr);
  if (errno == ERANGE && (v == 0.0f || std::isinf(v)))
    throw PgError(sqlstate::kNumericValueOutOfRange,
                  "\"" + s + "\" is out of range for type real");
  return v;
}

Numeric Numeric::apply_precision_scale(int precision, int scale) const {
  if (is_nan()) return *this;
  if (is_inf())
    throw PgError(sqlstate::kNumericValueOutOfRange, "numeric field overflow",
                  "A field with precision " + std::to_string(precision) + ", scale " +
                      std::to_string(scale) + " cannot hold an infinite value.");
  Numeric r = round_impl(scale, true);
  int maxdigits = precision - scale;
  if (!r.mag_.empty() && r.decimal_exponent() > maxdigits) {
    throw PgError(sqlstate::kNumericValueOutOfRange, "numeric field overflow",
                  "A field with precision " + std::to_string(precision) + ", scale " +
                      std::to_string(scale) + " must round to an absolute value less than " +
                      (maxdigits ? "10^" + std::to_string(maxdigits) : std::string("1")) + ".");
  }
  return r;
}

Numeric Numeric::apply_typmod(int32_t typmod) const {
  if (typmod < 4) return *this;
  int precision = ((typmod - 4) >> 16) & 0xffff;
  int scale = (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
  return apply_precision_scale(precision, scale);
}

// ---- storage encoding ----

namespace {
constexpr uint8_t kTagNegInf = 0x01, kTagNeg = 0x02, kTagZero = 0x03, kTagPos = 0x04,
                  kTagPosInf = 0x05, kTagNaN = 0x06;
constexpr int32_t kExpBias = 1 << 23;

void put_dscale(std::string& out, int dscale) {
  if (dscale < 0x80) {
    out += char(dscale);
  } else {
    out += char(0x80 | (dscale >> 8));
    out += char(dscale & 0xff);
  }
}

[[noreturn]] void bad_encoding() {
  throw PgError(sqlstate::kInternalError, "invalid numeric storage encoding");
}
}  // namespace

std::string Numeric::encode() const {
  std::string out;
  switch (kind_) {
    case Kind::NaN: out += char(kTagNaN); return out;
    case Kind::PosInf: out += char(kTagPosInf); return out;
    case Kind::NegInf: out += char(kTagNegInf); return out;
    default: break;
  }
  if (mag_.empty()) {
    out += char(kTagZero);
    put_dscale(out, dscale_);
    return out;
  }
  std::string d = to_decimal(mag_);
  int e = int(d.size()) - dscale_;
  size_t len = d.size();
  while (len > 0 && d[len - 1] == '0') len--;
  out.reserve(5 + len / 2 + 3);
  out += char(neg_ ? kTagNeg : kTagPos);
  uint8_t inv = neg_ ? 0xff : 0x00;
  uint32_t be = uint32_t(e + kExpBias);
  out += char(uint8_t(be >> 16) ^ inv);
  out += char(uint8_t(be >> 8) ^ inv);
  out += char(uint8_t(be) ^ inv);
  // nibbles d+1, then a 0 terminator nibble, padded with 0
  for (size_t i = 0; i <= len; i += 2) {
    uint8_t hi = i < len ? uint8_t(d[i] - '0' + 1) : 0;
    uint8_t lo = i + 1 < len ? uint8_t(d[i + 1] - '0' + 1) : 0;
    out += char(uint8_t((hi << 4) | lo) ^ inv);
  }
  put_dscale(out, dscale_);
  return out;
}

Numeric Numeric::decode(std::string_view b) {
  if (b.empty()) bad_encoding();
  uint8_t tag = uint8_t(b[0]);
  auto read_dscale = [&](size_t pos) {
    if (pos >= b.size()) bad_encoding();
    uint8_t c = uint8_t(b[pos]);
    if (c < 0x80) {
      if (pos + 1 != b.size()) bad_encoding();
      return int(c);
    }
    if (pos + 2 != b.size()) bad_encoding();
    return int((c & 0x7f) << 8 | uint8_t(b[pos + 1]));
  };
  switch (tag) {
    case kTagNaN: return nan();
    case kTagPosInf: return infinity(false);
    case kTagNegInf: return infinity(true);
    case kTagZero: {
      Numeric n;
      n.dscale_ = read_dscale(1);
      return n;
    }
    case kTagPos:
    case kTagNeg: break;
    default: bad_encoding();
  }
  bool neg = tag == kTagNeg;
  uint8_t inv = neg ? 0xff : 0x00;
  if (b.size() < 6) bad_encoding();
  uint32_t be = uint32_t(uint8_t(b[1]) ^ inv) << 16 | uint32_t(uint8_t(b[2]) ^ inv) << 8 |
                uint32_t(uint8_t(b[3]) ^ inv);
  int e = int(be) - kExpBias;
  std::string d;
  size_t pos = 4;
  bool done = false;
  while (!done) {
    if (pos >= b.size()) bad_encoding();
    uint8_t c = uint8_t(b[pos++]) ^ inv;
    uint8_t hi = c >> 4, lo = c & 0xf;
    if (hi == 0) break;
    if (hi > 10) bad_encoding();
    d += char('0' + hi - 1);
    if (lo == 0) break;
    if (lo > 10) bad_encoding();
    d += char('0' + lo - 1);
  }
  int dscale = read_dscale(pos);
  long shift = long(e) - long(d.size()) + dscale;
  if (d.empty() || shift < 0 || shift > kMaxIntegerDigits + kMaxDscale) bad_encoding();
  Limbs mag = from_decimal(d);
  mul_pow10(mag, int(shift));
  Numeric n;
  n.mag_ = std::move(mag);
  n.neg_ = neg;
  n.dscale_ = dscale;
  return n;
}

bool Numeric::decode_small(std::string_view b, __int128& value, int& dscale) {
  if (b.empty()) return false;
  uint8_t tag = uint8_t(b[0]);
  auto read_dscale = [&](size_t pos, int& out) {
    if (pos >= b.size()) return false;
    uint8_t c = uint8_t(b[pos]);
    if (c < 0x80) {
      out = c;
      return pos + 1 == b.size();
    }
    if (pos + 2 != b.size()) return false;
    out = (c & 0x7f) << 8 | uint8_t(b[pos + 1]);
    return true;
  };
  if (tag == kTagZero) {
    value = 0;
    return read_dscale(1, dscale);
  }
  if (tag != kTagPos && tag != kTagNeg) return false;
  bool neg = tag == kTagNeg;
  uint8_t inv = neg ? 0xff : 0x00;
  if (b.size() < 6) return false;
  uint32_t be = uint32_t(uint8_t(b[1]) ^ inv) << 16 | uint32_t(uint8_t(b[2]) ^ inv) << 8 | uint32_t(uint8_t(b[3]) ^ inv);
  long e = long(be) - kExpBias;
  __int128 v = 0;
  int ndigits = 0;
  size_t pos = 4;
  for (;;) {
    if (pos >= b.size()) return false;
    uint8_t c = uint8_t(b[pos++]) ^ inv;
    uint8_t hi = c >> 4, lo = c & 0xf;
    if (hi == 0) break;
    if (hi > 10 || ++ndigits > 36) return false;
    v = v * 10 + (hi - 1);
    if (lo == 0) break;
    if (lo > 10 || ++ndigits > 36) return false;
    v = v * 10 + (lo - 1);
  }
  if (!read_dscale(pos, dscale)) return false;
  long shift = e - ndigits + dscale;
  if (ndigits == 0 || shift < 0 || ndigits + shift > 36) return false;
  for (long i = 0; i < shift; i++) v *= 10;
  value = neg ? -v : v;
  return true;
}

Numeric Numeric::from_scaled(__int128 value, int dscale) {
  bool neg = value < 0;
  unsigned __int128 m = neg ? -(unsigned __int128)value : (unsigned __int128)value;
  std::string digits;
  do {
    digits.insert(digits.begin(), char('0' + int(m % 10)));
    m /= 10;
  } while (m);
  if ((int)digits.size() <= dscale) digits.insert(0, size_t(dscale + 1 - (int)digits.size()), '0');
  std::string text = (neg ? "-" : "") + digits.substr(0, digits.size() - dscale);
  if (dscale > 0) text += "." + digits.substr(digits.size() - dscale);
  return parse(text);
}

}  // namespace pgmicro
