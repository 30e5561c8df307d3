// numeric's transcendental and scale functions with PostgreSQL 15's result scales
// (numeric.c: sqrt/ln/log/exp/power's rscale rules, special values and errors). Values are
// computed with guard digits on Numeric's exact arithmetic and rounded to the result scale.
#pragma once
#include <cstdint>
#include "types/numeric.h"

namespace pgmicro {

Numeric numeric_sqrt(const Numeric& x);
// sqrt of a finite x >= 0 rounded to rscale fraction digits (numeric.c's sqrt_var).
Numeric numeric_sqrt_at_scale(const Numeric& x, int rscale);
Numeric numeric_ln(const Numeric& x);
Numeric numeric_log(const Numeric& base, const Numeric& x);  // log(b, x); log(x) is log(10, x)
Numeric numeric_exp(const Numeric& x);
Numeric numeric_power(const Numeric& x, const Numeric& y);
Numeric numeric_ceil(const Numeric& x);
Numeric numeric_floor(const Numeric& x);
Numeric numeric_sign(const Numeric& x);
Numeric numeric_div_trunc(const Numeric& x, const Numeric& y);  // div(x, y)
Numeric numeric_factorial(int64_t n);
Numeric numeric_gcd(const Numeric& x, const Numeric& y, bool lcm);
int numeric_min_scale(const Numeric& x);  // NaN/Infinity: -1 (SQL NULL)
Numeric numeric_trim_scale(const Numeric& x);

}  // namespace pgmicro
