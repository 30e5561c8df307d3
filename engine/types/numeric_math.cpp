// numeric_math.h: PostgreSQL 15's numeric sqrt/ln/log/exp/power/ceil/floor/sign/div/
// factorial/gcd/lcm/min_scale/trim_scale. Result scales follow numeric.c; the values are
// computed with guard digits (square roots by Newton's iteration, ln by square-root range
// reduction and the atanh series, exp by halving, Taylor series and squaring) and then rounded.
#include "types/numeric_math.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>

#include "common/error.h"

namespace pgmicro {

namespace {

constexpr int kMinSig = Numeric::kMinSigDigits;      // 16
constexpr int kMaxDisplay = Numeric::kMaxDisplayScale;  // 1000
constexpr int kMaxResult = Numeric::kMaxResultScale;    // 2000

[[noreturn]] void overflow_error() {
  throw PgError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}
[[noreturn]] void log_zero() { throw PgError("2201E", "cannot take logarithm of zero"); }
[[noreturn]] void log_negative() { throw PgError("2201E", "cannot take logarithm of a negative number"); }

Numeric num(int64_t v) { return Numeric::from_int64(v); }
Numeric zero_at(int scale) { return num(0).rescale(std::max(scale, 0)); }
int clamp_scale(int s) { return std::min(std::max(s, 0), kMaxDisplay); }

// log10(|x|) of a finite nonzero value, from its leading digits and decimal exponent.
double log10_abs(const Numeric& x) {
  std::string s = x.abs().to_string();
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') {
      if (d.empty() && c == '0') continue;
      d += c;
      if (d.size() >= 17) break;
    }
  double m = std::stod("0." + d);
  return std::log10(m) + x.exponent10();
}
// The value as a double without overflow (numericvar_to_double_no_overflow).
double approx(const Numeric& x) {
  if (x.is_zero()) return 0;
  double l = log10_abs(x);
  if (l > 308) return x.sign() > 0 ? HUGE_VAL : -HUGE_VAL;
  if (l < -300) return 0;
  return x.to_double();
}

// estimate_ln_dweight: decimal weight of ln(x), x > 0.
int estimate_ln_dweight(const Numeric& x) {
  static const Numeric p09 = Numeric::parse("0.9"), p11 = Numeric::parse("1.1");
  if (x.compare(p09) >= 0 && x.compare(p11) <= 0) {
    Numeric d = x.sub(num(1));
    return d.is_zero() ? 0 : d.exponent10() - 1;
  }
  double ln = log10_abs(x) * M_LN10;
  return ln == 0 ? 0 : int(std::log10(std::fabs(ln)));
}

Numeric pow10(int e) {
  if (e <= 0) return Numeric::from_scaled(1, -e);
  Numeric r = num(1);
  while (e >= 18) {
    r = r.mul(num(1000000000000000000LL));
    e -= 18;
  }
  int64_t p = 1;
  while (e-- > 0) p *= 10;
  return r.mul(num(p));
}

// sqrt of x > 0 to `scale` fraction digits plus guard digits (not rounded to scale).
Numeric sqrt_work(const Numeric& x, int scale) {
  int ws = scale + 4;
  double l = log10_abs(x) / 2;
  int e = int(std::floor(l));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", std::pow(10.0, l - e));
  Numeric y = Numeric::parse(buf).mul(pow10(e));
  Numeric half = Numeric::parse("0.5");
  for (int it = 0; it < 200; it++) {
    Numeric n = x.div_scale(y, ws).add(y).mul(half).rescale(ws);
    if (n.compare(y) == 0) break;
    Numeric diff = n.sub(y).abs();
    y = n;
    if (diff.compare(pow10(-ws + 1)) <= 0) break;
  }
  return y;
}

// ln(m) for m in roughly [0.1, 10], absolute precision 10^-ws.
Numeric ln_reduced(Numeric m, int ws) {
  static const Numeric lo = Numeric::parse("0.99"), hi = Numeric::parse("1.01");
  int k = 0;
  int wsk = ws + 8;
  while (m.compare(lo) < 0 || m.compare(hi) > 0) {
    m = sqrt_work(m, wsk).rescale(wsk);
    k++;
  }
  // ln(m) = 2 atanh(z), z = (m - 1) / (m + 1)
  Numeric one = num(1);
  Numeric z = m.sub(one).div_scale(m.add(one), wsk);
  Numeric z2 = z.mul(z).rescale(wsk);
  Numeric sum = z, term = z;
  Numeric eps = pow10(-wsk);
  for (int n = 3;; n += 2) {
    term = term.mul(z2).rescale(wsk);
    if (term.is_zero()) break;
    Numeric t = term.div_scale(num(n), wsk);
    if (t.abs().compare(eps) < 0) break;
    sum = sum.add(t);
  }
  Numeric f = num(int64_t(1) << (k + 1));
  return sum.mul(f).rescale(ws);
}

Numeric ln10(int ws) {
  static thread_local Numeric cache;
  static thread_local int cache_ws = -1;
  if (cache_ws < ws) {
    cache = ln_reduced(Numeric::parse("0.1"), ws + 2).neg();
    cache_ws = ws;
  }
  return cache.rescale(ws);
}

// ln(x), x > 0, to absolute precision 10^-ws (not rounded to a display scale).
Numeric ln_work(const Numeric& x, int ws) {
  if (x.sign() == 0) log_zero();
  if (x.sign() < 0) log_negative();
  static const Numeric half = Numeric::parse("0.5");
  if (x.compare(half) >= 0 && x.compare(num(2)) <= 0) return ln_reduced(x, ws);
  int e = x.exponent10();
  Numeric m = x.mul(pow10(-e));  // [0.1, 1)
  int ed = int(std::to_string(std::abs(e)).size());
  Numeric r = ln_reduced(m, ws + 2);
  return r.add(ln10(ws + ed + 2).mul(num(e))).rescale(ws);
}

// exp(x) rounded to rscale (exp_var).
Numeric exp_scaled(const Numeric& x, int rscale) {
  double xd = approx(x);
  if (std::fabs(xd) >= kMaxResult * 3) {
    if (xd > 0) overflow_error();
    return zero_at(rscale);
  }
  if (x.is_zero()) return num(1).rescale(rscale);
  double est = xd * 0.434294481903252;
  int ws0 = rscale + std::max(0, int(est) + 1);
  int d = std::max(2, int(std::sqrt(double(ws0))) / 2);
  int k = 0;
  double ax = std::fabs(xd);
  double target = std::pow(10.0, -d);
  while (ax > target && k < 200) {
    ax /= 2;
    k++;
  }
  int ws = ws0 + int(k * 0.302) + 12;
  Numeric y = x;
  for (int i = 0; i < k; i++) y = y.mul(Numeric::parse("0.5")).rescale(ws);
  Numeric sum = num(1), term = num(1);
  for (int n = 1;; n++) {
    term = term.mul(y).rescale(ws).div_scale(num(n), ws);
    if (term.is_zero()) break;
    sum = sum.add(term);
  }
  for (int i = 0; i < k; i++) sum = sum.mul(sum).rescale(ws);
  return sum.rescale(rscale);
}

// power_var_int: x ^ n for an int32 n, rounded to rscale.
Numeric power_int(const Numeric& x, int64_t n, int rscale) {
  switch (n) {
    case 0: return num(1).rescale(rscale);
    case 1: return x.rescale(rscale);
    case -1: return num(1).div_scale(x, rscale);
    case 2: return x.mul(x).rescale(rscale);
    default: break;
  }
  if (x.is_zero()) {
    if (n < 0) throw PgError(sqlstate::kDivisionByZero, "division by zero");
    return zero_at(rscale);
  }
  double f = double(n) * log10_abs(x);
  if (f > 3.0 * SHRT_MAX * 4) overflow_error();
  if (f + 1 < -rscale || f + 1 < -kMaxDisplay) return zero_at(rscale);
  int sig = 1 + rscale + int(f) + int(std::log(std::fabs(double(n)))) + 8 + 4;
  auto rel = [&](const Numeric& v) {
    if (v.is_zero()) return v;
    int s = sig - v.exponent10();
    return s >= v.dscale() ? v : v.rescale(std::max(s, 0));
  };
  bool neg = n < 0;
  uint64_t mask = neg ? uint64_t(-n) : uint64_t(n);
  Numeric base = x, result = (mask & 1) ? x : num(1);
  while ((mask >>= 1) > 0) {
    base = rel(base.mul(base));
    if (mask & 1) result = rel(base.mul(result));
    if (base.exponent10() > SHRT_MAX * 4 || result.exponent10() > SHRT_MAX * 4) {
      if (!neg) overflow_error();
      return zero_at(rscale);
    }
  }
  if (neg) return num(1).div_scale(result, rscale);
  return result.rescale(rscale);
}

bool is_integral(const Numeric& x) { return x.is_finite() && x.trunc(0).compare(x) == 0; }

}  // namespace

Numeric numeric_sqrt(const Numeric& x) {
  if (!x.is_finite()) {
    if (x.kind() == Numeric::Kind::NegInf) throw PgError("2201F", "cannot take square root of a negative number");
    return x;
  }
  int w, f;
  x.nbase_weight(w, f);
  int sweight = (w + 1) * 4 / 2 - 1;
  int rscale = std::max(kMinSig - sweight, x.dscale());
  rscale = clamp_scale(rscale);
  if (x.sign() < 0) throw PgError("2201F", "cannot take square root of a negative number");
  if (x.is_zero()) return zero_at(rscale);
  return sqrt_work(x, rscale + 6).rescale(rscale);
}

Numeric numeric_sqrt_at_scale(const Numeric& x, int rscale) {
  if (x.sign() < 0) throw PgError("2201F", "cannot take square root of a negative number");
  if (x.is_zero()) return zero_at(rscale);
  return sqrt_work(x, rscale + 6).rescale(rscale);
}

Numeric numeric_ln(const Numeric& x) {
  if (!x.is_finite()) {
    if (x.kind() == Numeric::Kind::NegInf) log_negative();
    return x;
  }
  if (x.sign() == 0) log_zero();
  if (x.sign() < 0) log_negative();
  int rscale = clamp_scale(std::max(kMinSig - estimate_ln_dweight(x), x.dscale()));
  return ln_work(x, rscale + 8).rescale(rscale);
}

Numeric numeric_log(const Numeric& b, const Numeric& x) {
  if (!b.is_finite() || !x.is_finite()) {
    if (b.is_nan() || x.is_nan()) return Numeric::nan();
    if (b.sign() < 0 || x.sign() < 0) log_negative();
    if (b.sign() == 0 || x.sign() == 0) log_zero();
    if (b.kind() == Numeric::Kind::PosInf) return x.kind() == Numeric::Kind::PosInf ? Numeric::nan() : num(0);
    return Numeric::infinity();
  }
  if (b.sign() == 0) log_zero();
  if (b.sign() < 0) log_negative();
  if (x.sign() == 0) log_zero();
  if (x.sign() < 0) log_negative();
  int db = estimate_ln_dweight(b), dx = estimate_ln_dweight(x);
  int rd = dx - db;
  int rscale = clamp_scale(std::max({kMinSig - rd, b.dscale(), x.dscale()}));
  int sb = std::max(rscale + rd - db + 8, 0) + 8, sx = std::max(rscale + rd - dx + 8, 0) + 8;
  Numeric lb = ln_work(b, std::max(sb, sx)), lx = ln_work(x, std::max(sb, sx));
  if (lb.is_zero()) throw PgError(sqlstate::kDivisionByZero, "division by zero");
  return lx.div_scale(lb, rscale);
}

Numeric numeric_exp(const Numeric& x) {
  if (!x.is_finite()) {
    if (x.kind() == Numeric::Kind::NegInf) return num(0);
    return x;
  }
  double val = approx(x) * 0.434294481903252;
  val = std::min(std::max(val, double(-kMaxResult)), double(kMaxResult));
  int rscale = clamp_scale(std::max(kMinSig - int(val), x.dscale()));
  return exp_scaled(x, rscale);
}

Numeric numeric_power(const Numeric& x, const Numeric& y) {
  using K = Numeric::Kind;
  if (!x.is_finite() || !y.is_finite()) {
    if (x.is_nan()) return (!y.is_nan() && !y.is_inf() && y.is_zero()) ? num(1) : Numeric::nan();
    if (y.is_nan()) return (x.is_finite() && x.compare(num(1)) == 0) ? num(1) : Numeric::nan();
    int s1 = x.sign(), s2 = y.sign();
    if (s1 == 0 && s2 < 0) throw PgError("2201F", "zero raised to a negative power is undefined");
    if (s1 < 0 && !y.is_inf() && !is_integral(y))
      throw PgError("2201F", "a negative number raised to a non-integer power yields a complex result");
    if (x.kind() == K::PosInf) return s2 == 0 ? num(1) : s2 > 0 ? Numeric::infinity() : num(0);
    if (x.kind() == K::NegInf) {
      if (s2 == 0) return num(1);
      if (s2 < 0) return num(0);
      bool odd = y.is_finite() && y.mod(num(2)).compare(num(0)) != 0;
      return Numeric::infinity(odd);
    }
    int c = x.abs().compare(num(1));
    if (y.kind() == K::PosInf) return c == 0 ? num(1) : c > 0 ? Numeric::infinity() : num(0);
    return c == 0 ? num(1) : c > 0 ? num(0) : Numeric::infinity();
  }
  int s1 = x.sign(), s2 = y.sign();
  if (s1 == 0 && s2 < 0) throw PgError("2201F", "zero raised to a negative power is undefined");
  if (s1 < 0 && !is_integral(y))
    throw PgError("2201F", "a negative number raised to a non-integer power yields a complex result");
  if (is_integral(y) && y.exponent10() <= 10) {
    int64_t n = y.to_int64(64);
    if (n >= INT32_MIN && n <= INT32_MAX) {
      int rscale = clamp_scale(std::max(kMinSig, x.dscale()));
      return power_int(x, n, rscale);
    }
  }
  if (x.is_zero()) return zero_at(kMinSig);
  if (s1 < 0) {  // an integral exponent too large for power_int: |x|^y, negative when y is odd
    Numeric r = numeric_power(x.abs(), y);
    return y.mod(num(2)).is_zero() ? r : r.neg();
  }
  int ln_dweight = estimate_ln_dweight(x);
  double val = log10_abs(x) * M_LN10 * approx(y);
  if (std::fabs(val) > kMaxResult * 3.01) {
    if (val > 0) overflow_error();
    return zero_at(kMaxDisplay);
  }
  val *= 0.434294481903252;
  int rscale = clamp_scale(std::max({kMinSig - int(val), x.dscale(), y.dscale()}));
  int sig = std::max(rscale + int(val), 0);
  int local = std::max(sig - ln_dweight + 8, 0) + 10;
  Numeric l = ln_work(x, local).mul(y).rescale(local);
  return exp_scaled(l, rscale);
}

Numeric numeric_ceil(const Numeric& x) {
  if (!x.is_finite()) return x;
  Numeric t = x.trunc(0);
  if (x.sign() > 0 && t.compare(x) != 0) t = t.add(num(1));
  return t;
}

Numeric numeric_floor(const Numeric& x) {
  if (!x.is_finite()) return x;
  Numeric t = x.trunc(0);
  if (x.sign() < 0 && t.compare(x) != 0) t = t.sub(num(1));
  return t;
}

Numeric numeric_sign(const Numeric& x) {
  if (x.is_nan()) return x;
  return num(x.sign());
}

Numeric numeric_div_trunc(const Numeric& x, const Numeric& y) {
  if (!x.is_finite() || !y.is_finite()) {
    if (x.is_nan() || y.is_nan()) return Numeric::nan();
    if (x.is_inf()) {
      if (!y.is_finite()) return Numeric::nan();
      int s = y.sign();
      if (s == 0) throw PgError(sqlstate::kDivisionByZero, "division by zero");
      return s > 0 ? x : x.neg();
    }
    return num(0);
  }
  if (y.is_zero()) throw PgError(sqlstate::kDivisionByZero, "division by zero");
  return x.sub(x.mod(y)).div_scale(y, 0);
}

Numeric numeric_factorial(int64_t n) {
  if (n < 0) throw PgError(sqlstate::kNumericValueOutOfRange, "factorial of a negative number is undefined");
  if (n <= 1) return num(1);
  if (n > 32177) overflow_error();
  Numeric r = num(1);
  for (int64_t i = 2; i <= n; i++) r = r.mul(num(i));
  return r;
}

Numeric numeric_gcd(const Numeric& x, const Numeric& y, bool lcm) {
  if (!x.is_finite() || !y.is_finite()) return Numeric::nan();
  int s = std::max(x.dscale(), y.dscale());
  Numeric a = x.abs(), b = y.abs();
  if (lcm && (a.is_zero() || b.is_zero())) return zero_at(s);
  Numeric p = a, q = b;
  while (!q.is_zero()) {
    Numeric t = p.mod(q);
    p = q;
    q = t;
  }
  if (!lcm) return p.rescale(s);
  return a.div_scale(p, 0).mul(b).rescale(s);
}

int numeric_min_scale(const Numeric& x) {
  if (!x.is_finite()) return -1;
  std::string s = x.to_string();
  size_t dot = s.find('.');
  if (dot == std::string::npos) return 0;
  size_t end = s.size();
  while (end > dot + 1 && s[end - 1] == '0') end--;
  return int(end - dot - 1);
}

Numeric numeric_trim_scale(const Numeric& x) {
  if (!x.is_finite()) return x;
  return x.rescale(numeric_min_scale(x));
}

}  // namespace pgmicro
