// PostgreSQL's statistics aggregates and their transition-state functions:
//   pg_{var_pop,var_samp,stddev_pop,stddev_samp}_num(x)  of int2/int4/int8/numeric -> numeric:
//       exact sums of x and x*x, then numeric_stddev_internal's scale rules (products at twice
//       the input scale, select_div_scale, sqrt at the quotient's scale); NaN/Infinity inputs
//       give NaN, fewer than 1 (pop) or 2 (samp) inputs NULL.
//   pg_{var_pop,...}_float(x)  the same over float4/float8 -> float8 with float8_accum's
//       Youngs-Cramer accumulation (overflow error, NaN for infinities).
//   pg_regr_{sxx,syy,sxy,avgx,avgy,r2,slope,intercept}(y, x), pg_covar_{pop,samp}(y, x),
//   pg_corr(y, x)  float8_regr_accum and its final functions; rows with a NULL argument are
//       skipped. pg_regr_count(y, x) -> bigint (0 over no rows).
//   pg_bit_{and,or,xor}(x)  of integers.
//   pg_float8_accum(arr, x [, 32]), pg_float8_regr_accum(arr, y, x), pg_float8_combine(a, b, n):
//       the transition/combine functions callable from SQL (float8[] states).
// Every aggregate is also a window function: numeric states subtract leaving rows exactly
// (the sum's scale is the largest scale in the frame, as PostgreSQL's restart gives); float
// states keep the frame's values and recompute from the frame head, as PostgreSQL restarts
// float aggregates, which have no inverse transition.
#include <cmath>
#include <map>
#include <string>
#include <vector>
#include "runtime/aggregate_state.h"
#include "runtime/function_context.h"
#include "runtime/numeric_value.h"
#include "types/array.h"
#include "types/numeric.h"
#include "types/numeric_math.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

using agg::arg_double;
using agg::float_overflow;
using agg::free_state;
using agg::state;

// S: step(argv), inverse(argv), result(ctx); skip(argc, argv) says whether a row is ignored.
template <class S>
void x_step(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (S::skip(argc, argv)) return;
  guarded(ctx, [&] { state<S>(ctx, true)->step(argc, argv); });
}
template <class S>
void x_inverse(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (S::skip(argc, argv)) return;
  guarded(ctx, [&] { state<S>(ctx, true)->inverse(argc, argv); });
}
template <class S>
void x_value(sqlite3_context* ctx) {
  guarded(ctx, [&] {
    S* s = state<S>(ctx, false);
    if (!s) S::empty_result(ctx);
    else s->result(ctx);
  });
}
template <class S>
void x_final(sqlite3_context* ctx) {
  x_value<S>(ctx);
  free_state<S>(ctx);
}

template <class S>
void register_window_agg(sqlite3* db, RuntimeContext* rc, const char* name, int nargs) {
  sqlite3_create_window_function(db, name, nargs, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc, x_step<S>,
                                 x_final<S>, x_value<S>, x_inverse<S>, nullptr);
}

struct Base {
  static bool skip(int, sqlite3_value** argv) { return sqlite3_value_type(argv[0]) == SQLITE_NULL; }
  static void empty_result(sqlite3_context* ctx) { sqlite3_result_null(ctx); }
};

// ---- numeric variance family ----

template <int kind>
struct VarNumeric : Base {
  int64_t n = 0, nan = 0, pinf = 0, ninf = 0;
  Numeric sum, sum2;
  std::map<int, int64_t> scales;  // dscale -> finite inputs in the frame
  void add(sqlite3_value* v, int sign) {
    Numeric x = numeric_arg(v);
    int64_t& special = x.is_nan() ? nan : x.kind() == Numeric::Kind::PosInf ? pinf : ninf;
    if (!x.is_finite()) {
      special += sign;
      return;
    }
    Numeric sq = x.mul(x);
    if (sign > 0) {
      sum = sum.add(x), sum2 = sum2.add(sq);
      scales[x.dscale()]++;
    } else {
      sum = sum.sub(x), sum2 = sum2.sub(sq);
      auto it = scales.find(x.dscale());
      if (it != scales.end() && --it->second == 0) scales.erase(it);
    }
    n += sign;
  }
  void step(int, sqlite3_value** argv) { add(argv[0], 1); }
  void inverse(int, sqlite3_value** argv) { add(argv[0], -1); }
  void result(sqlite3_context* ctx) const {
    bool sample = kind == 1 || kind == 3, variance = kind <= 1;
    int64_t total = n + nan + pinf + ninf;
    if (total <= (sample ? 1 : 0)) {
      sqlite3_result_null(ctx);
      return;
    }
    if (nan + pinf + ninf > 0) {
      numeric_result(ctx, Numeric::nan());
      return;
    }
    int d = scales.empty() ? 0 : scales.rbegin()->first;
    Numeric sx = sum.rescale(d), sx2 = sum2.rescale(2 * d), vn = Numeric::from_int64(n);
    Numeric num = vn.mul(sx2).rescale(2 * d).sub(sx.mul(sx).rescale(2 * d));
    if (num.sign() <= 0) {
      numeric_result(ctx, Numeric());
      return;
    }
    Numeric den = vn.mul(sample ? Numeric::from_int64(n - 1) : vn);
    Numeric var = num.div(den);
    numeric_result(ctx, variance ? var : numeric_sqrt_at_scale(var, var.dscale()));
  }
};

// ---- float variance family (float8_accum) ----

void float8_accum(double& N, double& Sx, double& Sxx, double newval) {
  double oldN = N, oldSx = Sx;
  N += 1.0;
  Sx += newval;
  if (oldN > 0.0) {
    double tmp = newval * N - Sx;
    Sxx += tmp * tmp / (N * oldN);
    if (std::isinf(Sx) || std::isinf(Sxx)) {
      if (!std::isinf(oldSx) && !std::isinf(newval)) float_overflow();
      Sxx = NAN;
    }
  } else if (std::isnan(newval) || std::isinf(newval)) {
    Sxx = NAN;
  }
}

struct RegrState {
  double N = 0, Sx = 0, Sxx = 0, Sy = 0, Syy = 0, Sxy = 0;
  void accum(double y, double x) {
    double oldN = N, oldSx = Sx, oldSy = Sy;
    N += 1.0;
    Sx += x;
    Sy += y;
    if (oldN > 0.0) {
      double tx = x * N - Sx, ty = y * N - Sy, scale = 1.0 / (N * oldN);
      Sxx += tx * tx * scale;
      Syy += ty * ty * scale;
      Sxy += tx * ty * scale;
      if (std::isinf(Sx) || std::isinf(Sxx) || std::isinf(Sy) || std::isinf(Syy) || std::isinf(Sxy)) {
        if (((std::isinf(Sx) || std::isinf(Sxx)) && !std::isinf(oldSx) && !std::isinf(x)) ||
            ((std::isinf(Sy) || std::isinf(Syy)) && !std::isinf(oldSy) && !std::isinf(y)) ||
            (std::isinf(Sxy) && !std::isinf(oldSx) && !std::isinf(x) && !std::isinf(oldSy) && !std::isinf(y)))
          float_overflow();
        if (std::isinf(Sxx)) Sxx = NAN;
        if (std::isinf(Syy)) Syy = NAN;
        if (std::isinf(Sxy)) Sxy = NAN;
      }
    } else {
      if (std::isnan(x) || std::isinf(x)) Sxx = Sxy = NAN;
      if (std::isnan(y) || std::isinf(y)) Syy = Sxy = NAN;
    }
  }
};

void float_result(sqlite3_context* ctx, double v) { float_datum(v).to_sqlite_result(ctx); }

template <int kind>
struct VarFloat : Base {
  std::vector<double> vals;
  size_t head = 0;
  void step(int, sqlite3_value** argv) { vals.push_back(arg_double(argv[0])); }
  void inverse(int, sqlite3_value**) {
    head++;
    if (head > 1024 && head * 2 > vals.size()) {
      vals.erase(vals.begin(), vals.begin() + long(head));
      head = 0;
    }
  }
  void result(sqlite3_context* ctx) const {
    double N = 0, Sx = 0, Sxx = 0;
    for (size_t i = head; i < vals.size(); i++) float8_accum(N, Sx, Sxx, vals[i]);
    bool sample = kind == 1 || kind == 3;
    if (sample ? N <= 1.0 : N == 0.0) {
      sqlite3_result_null(ctx);
      return;
    }
    double var = Sxx / (sample ? N - 1.0 : N);
    float_result(ctx, kind <= 1 ? var : std::sqrt(var));
  }
};

// ---- two-argument regression family (float8_regr_accum) ----

template <int kind>
struct Regr : Base {
  std::vector<std::pair<double, double>> vals;  // (y, x)
  size_t head = 0;
  static bool skip(int, sqlite3_value** argv) {
    return sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL;
  }
  void step(int, sqlite3_value** argv) {
    vals.emplace_back(arg_double(argv[0]), arg_double(argv[1]));
  }
  void inverse(int, sqlite3_value**) {
    head++;
    if (head > 1024 && head * 2 > vals.size()) {
      vals.erase(vals.begin(), vals.begin() + long(head));
      head = 0;
    }
  }
  RegrState state() const {
    RegrState s;
    for (size_t i = head; i < vals.size(); i++) s.accum(vals[i].first, vals[i].second);
    return s;
  }
  void result(sqlite3_context* ctx) const {
    RegrState s = state();
    double r = 0;
    if (s.N < 1.0 || (kind == 9 && s.N < 2.0)) {
      sqlite3_result_null(ctx);
      return;
    }
    switch (kind) {
      case 0: r = s.Sxx; break;                       // regr_sxx
      case 1: r = s.Syy; break;                       // regr_syy
      case 2: r = s.Sxy; break;                       // regr_sxy
      case 3: r = s.Sx / s.N; break;                  // regr_avgx
      case 4: r = s.Sy / s.N; break;                  // regr_avgy
      case 5:                                         // regr_r2
        if (s.Sxx == 0) return sqlite3_result_null(ctx);
        r = s.Syy == 0 ? 1.0 : (s.Sxy * s.Sxy) / (s.Sxx * s.Syy);
        break;
      case 6:                                         // regr_slope
        if (s.Sxx == 0) return sqlite3_result_null(ctx);
        r = s.Sxy / s.Sxx;
        break;
      case 7:                                         // regr_intercept
        if (s.Sxx == 0) return sqlite3_result_null(ctx);
        r = (s.Sy - s.Sx * s.Sxy / s.Sxx) / s.N;
        break;
      case 8: r = s.Sxy / s.N; break;                 // covar_pop
      case 9: r = s.Sxy / (s.N - 1.0); break;         // covar_samp
      default:                                        // corr
        if (s.Sxx == 0 || s.Syy == 0) return sqlite3_result_null(ctx);
        r = s.Sxy / std::sqrt(s.Sxx * s.Syy);
        break;
    }
    float_result(ctx, r);
  }
};

struct RegrCount : Regr<0> {
  static void empty_result(sqlite3_context* ctx) { sqlite3_result_int64(ctx, 0); }
  void result(sqlite3_context* ctx) const { sqlite3_result_int64(ctx, int64_t(vals.size() - head)); }
};

// ---- bit_and / bit_or / bit_xor ----

template <int op>
struct BitAgg : Base {
  std::vector<int64_t> vals;  // frame values (AND/OR have no inverse)
  size_t head = 0;
  void step(int, sqlite3_value** argv) { vals.push_back(sqlite3_value_int64(argv[0])); }
  void inverse(int, sqlite3_value**) { head++; }
  void result(sqlite3_context* ctx) const {
    if (head >= vals.size()) return sqlite3_result_null(ctx);
    int64_t r = vals[head];
    for (size_t i = head + 1; i < vals.size(); i++) r = op == 0 ? (r & vals[i]) : op == 1 ? (r | vals[i]) : (r ^ vals[i]);
    sqlite3_result_int64(ctx, r);
  }
};

// ---- string_agg(bytea, bytea): values joined by the delimiter (NULL: none) ----

struct StringAggBytea : Base {
  std::string out;
  bool any = false;
  void step(int, sqlite3_value** argv) {
    if (any && sqlite3_value_type(argv[1]) != SQLITE_NULL)
      out.append(static_cast<const char*>(sqlite3_value_blob(argv[1])) ?: "", size_t(sqlite3_value_bytes(argv[1])));
    const void* p = sqlite3_value_blob(argv[0]);
    out.append(p ? static_cast<const char*>(p) : "", size_t(sqlite3_value_bytes(argv[0])));
    any = true;
  }
  void inverse(int, sqlite3_value**) { throw PgError(sqlstate::kFeatureNotSupported, "string_agg(bytea) over a moving window frame is not supported by pgmicro yet"); }
  void result(sqlite3_context* ctx) const {
    if (!any) return sqlite3_result_null(ctx);
    sqlite3_result_blob64(ctx, out.data(), out.size(), SQLITE_TRANSIENT);
  }
};

// ---- transition functions as SQL functions over float8[] states ----

std::vector<double> float8_state(sqlite3_value* v, const char* caller, size_t n) {
  const char* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  ArrayValue a = array_from_storage(oid::kFloat8, std::string_view(p ? p : "", size_t(sqlite3_value_bytes(v))));
  bool ok = a.ndims() == 1 && a.items.size() == n;
  std::vector<double> out;
  for (const Datum& d : a.items) {
    double x = 0;
    if (!datum_to_double(d, x)) ok = false;
    out.push_back(x);
  }
  if (!ok) throw PgError(sqlstate::kInternalError, std::string(caller) + ": expected " + std::to_string(n) + "-element float8 array");
  return out;
}

void float8_state_result(sqlite3_context* ctx, const std::vector<double>& v) {
  std::vector<Datum> items;
  for (double d : v) items.push_back(float_datum(d));
  std::string s = array_to_storage(oid::kFloat8, ArrayValue::vector(std::move(items)));
  sqlite3_result_text(ctx, s.data(), int(s.size()), SQLITE_TRANSIENT);
}

bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

double float8_pl(double a, double b) {
  double r = a + b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) float_overflow();
  return r;
}

void fn_float8_accum(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (any_null(argc, argv)) return sqlite3_result_null(ctx);
  guarded(ctx, [&] {
    std::vector<double> s = float8_state(argv[0], argc > 2 && sqlite3_value_int(argv[2]) == 32 ? "float4_accum" : "float8_accum", 3);
    float8_accum(s[0], s[1], s[2], arg_double(argv[1]));
    float8_state_result(ctx, s);
  });
}

void fn_float8_regr_accum(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (any_null(argc, argv)) return sqlite3_result_null(ctx);
  guarded(ctx, [&] {
    std::vector<double> s = float8_state(argv[0], "float8_regr_accum", 6);
    RegrState r{s[0], s[1], s[2], s[3], s[4], s[5]};
    r.accum(arg_double(argv[1]), arg_double(argv[2]));
    float8_state_result(ctx, {r.N, r.Sx, r.Sxx, r.Sy, r.Syy, r.Sxy});
  });
}

// float8_combine (n = 3) and float8_regr_combine (n = 6): Youngs-Cramer's combination.
void fn_float8_combine(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (any_null(argc, argv)) return sqlite3_result_null(ctx);
  guarded(ctx, [&] {
    size_t n = size_t(sqlite3_value_int(argv[2]));
    const char* caller = n == 3 ? "float8_combine" : "float8_regr_combine";
    std::vector<double> a = float8_state(argv[0], caller, n), b = float8_state(argv[1], caller, n);
    double N1 = a[0], N2 = b[0];
    if (N1 == 0.0) return float8_state_result(ctx, b);
    if (N2 == 0.0) return float8_state_result(ctx, a);
    std::vector<double> r(n);
    double N = N1 + N2;
    r[0] = N;
    auto combine = [&](size_t sum, size_t sq, double& tmp) {
      r[sum] = float8_pl(a[sum], b[sum]);
      tmp = a[sum] / N1 - b[sum] / N2;
      r[sq] = a[sq] + b[sq] + N1 * N2 * tmp * tmp / N;
      if (std::isinf(r[sq]) && !std::isinf(a[sq]) && !std::isinf(b[sq])) float_overflow();
    };
    double t1 = 0, t2 = 0;
    combine(1, 2, t1);
    if (n == 6) {
      combine(3, 4, t2);
      r[5] = a[5] + b[5] + N1 * N2 * t1 * t2 / N;
      if (std::isinf(r[5]) && !std::isinf(a[5]) && !std::isinf(b[5])) float_overflow();
    }
    float8_state_result(ctx, r);
  });
}

}  // namespace

void register_statistics_aggregates(sqlite3* db, RuntimeContext* rc) {
  register_window_agg<VarNumeric<0>>(db, rc, "pg_var_pop_num", 1);
  register_window_agg<VarNumeric<1>>(db, rc, "pg_var_samp_num", 1);
  register_window_agg<VarNumeric<2>>(db, rc, "pg_stddev_pop_num", 1);
  register_window_agg<VarNumeric<3>>(db, rc, "pg_stddev_samp_num", 1);
  register_window_agg<VarFloat<0>>(db, rc, "pg_var_pop_float", 1);
  register_window_agg<VarFloat<1>>(db, rc, "pg_var_samp_float", 1);
  register_window_agg<VarFloat<2>>(db, rc, "pg_stddev_pop_float", 1);
  register_window_agg<VarFloat<3>>(db, rc, "pg_stddev_samp_float", 1);
  static const char* const regr_names[] = {"pg_regr_sxx", "pg_regr_syy", "pg_regr_sxy", "pg_regr_avgx",
                                           "pg_regr_avgy", "pg_regr_r2", "pg_regr_slope", "pg_regr_intercept",
                                           "pg_covar_pop", "pg_covar_samp", "pg_corr"};
  register_window_agg<Regr<0>>(db, rc, regr_names[0], 2);
  register_window_agg<Regr<1>>(db, rc, regr_names[1], 2);
  register_window_agg<Regr<2>>(db, rc, regr_names[2], 2);
  register_window_agg<Regr<3>>(db, rc, regr_names[3], 2);
  register_window_agg<Regr<4>>(db, rc, regr_names[4], 2);
  register_window_agg<Regr<5>>(db, rc, regr_names[5], 2);
  register_window_agg<Regr<6>>(db, rc, regr_names[6], 2);
  register_window_agg<Regr<7>>(db, rc, regr_names[7], 2);
  register_window_agg<Regr<8>>(db, rc, regr_names[8], 2);
  register_window_agg<Regr<9>>(db, rc, regr_names[9], 2);
  register_window_agg<Regr<10>>(db, rc, regr_names[10], 2);
  register_window_agg<RegrCount>(db, rc, "pg_regr_count", 2);
  register_window_agg<StringAggBytea>(db, rc, "pg_string_agg_bytea", 2);
  register_window_agg<BitAgg<0>>(db, rc, "pg_bit_and", 1);
  register_window_agg<BitAgg<1>>(db, rc, "pg_bit_or", 1);
  register_window_agg<BitAgg<2>>(db, rc, "pg_bit_xor", 1);
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  sqlite3_create_function(db, "pg_float8_accum", 2, flags, rc, fn_float8_accum, nullptr, nullptr);
  sqlite3_create_function(db, "pg_float8_accum", 3, flags, rc, fn_float8_accum, nullptr, nullptr);
  sqlite3_create_function(db, "pg_float8_regr_accum", 3, flags, rc, fn_float8_regr_accum, nullptr, nullptr);
  sqlite3_create_function(db, "pg_float8_combine", 3, flags, rc, fn_float8_combine, nullptr, nullptr);
}

}  // namespace pgmicro
