// PostgreSQL aggregates over the storage encodings: NULL inputs are ignored and an empty
// input gives NULL. Each aggregate also implements xValue/xInverse so it can be used as a
// window function (SQLite calls xInverse for rows leaving a moving frame).
//   pg_sum_int(x)        sum(int2/int4) -> int8, 22003 "bigint out of range"
//   pg_sum_int8(x)       sum(int8) -> numeric
//   pg_avg_int(x)        avg(int2/int4/int8) -> numeric (numeric_div scale rules)
//   pg_sum_numeric(x)    sum(numeric) -> numeric (NaN/Infinity rules of PostgreSQL 15)
//   pg_avg_numeric(x)    avg(numeric) -> numeric
//   pg_sum_float(x,bits) sum(float4) (bits 32: float4 arithmetic) / sum(float8)
//   pg_avg_float(x)      avg(float4/float8) -> float8 (Youngs-Cramer accumulation as
//                        float8_accum, including its overflow error)
// Float aggregates keep the frame's values so that, after an inverse step, the value is
// recomputed from the frame head like PostgreSQL's restarted aggregate (no float
// subtraction drift).
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>
#include "runtime/aggregate_state.h"
#include "runtime/function_context.h"
#include "runtime/numeric_value.h"
#include "runtime/sqlite_text.h"
#include "types/numeric.h"
#include "types/type_families.h"

namespace pgmicro {

size_t numeric_key_length(const unsigned char* p, size_t n);  // numeric_key_functions.cpp

namespace {

[[noreturn]] void bigint_out_of_range() {
  throw PgError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
}
using agg::arg_double;
using agg::float_overflow;
using agg::free_state;
using agg::state;

// Generic registration: S has step(sqlite3_value*), inverse(sqlite3_value*), and
// result(sqlite3_context*) (NULL when empty).
template <class S>
void x_step(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  guarded(ctx, [&] {
    S* s = state<S>(ctx, true);
    if (argc > 1 && !s->configured) s->configure(argc, argv);
    s->step(argv[0]);
  });
}
template <class S>
void x_inverse(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  guarded(ctx, [&] {
    S* s = state<S>(ctx, true);
    s->inverse(argv[0]);
  });
}
template <class S>
void x_value(sqlite3_context* ctx) {
  guarded(ctx, [&] {
    S* s = state<S>(ctx, false);
    if (!s) sqlite3_result_null(ctx);
    else s->result(ctx);
  });
}
template <class S>
void x_final(sqlite3_context* ctx) {
  x_value<S>(ctx);
  free_state<S>(ctx);
}

struct Configurable {
  bool configured = false;
  void configure(int, sqlite3_value**) { configured = true; }
};

struct SumInt : Configurable {
  int64_t sum = 0, n = 0;
  void step(sqlite3_value* v) {
    if (__builtin_add_overflow(sum, sqlite3_value_int64(v), &sum)) bigint_out_of_range();
    n++;
  }
  void inverse(sqlite3_value* v) {
    if (__builtin_sub_overflow(sum, sqlite3_value_int64(v), &sum)) bigint_out_of_range();
    n--;
  }
  void result(sqlite3_context* ctx) {
    if (n == 0) sqlite3_result_null(ctx);
    else sqlite3_result_int64(ctx, sum);
  }
};

struct SumInt8 : Configurable {
  __int128 sum = 0;
  int64_t n = 0;
  void step(sqlite3_value* v) { sum += sqlite3_value_int64(v), n++; }
  void inverse(sqlite3_value* v) { sum -= sqlite3_value_int64(v), n--; }
  void result(sqlite3_context* ctx) {
    if (n == 0) sqlite3_result_null(ctx);
    else numeric_result(ctx, Numeric::from_int128(sum));
  }
};

struct AvgInt : SumInt8 {
  void result(sqlite3_context* ctx) {
    if (n == 0) sqlite3_result_null(ctx);
    else numeric_result(ctx, Numeric::from_int128(sum).div(Numeric::from_int64(n)));
  }
};

struct SumNumeric : Configurable {
  Numeric sum;
  // Fast path: finite stored values that fit 36 digits are summed as a 128-bit integer at
  // scale fast_scale; the slow Numeric sum takes what does not fit. The total is their sum.
  __int128 fast = 0;
  int fast_scale = 0;
  int64_t n = 0, nan = 0, pinf = 0, ninf = 0;
  std::map<int, int64_t> scales;  // dscale -> count of finite values in the frame
  static constexpr __int128 kFastLimit = (__int128)1000000000000000000LL * 1000000000000000000LL;  // 10^36
  bool add_fast(sqlite3_value* v, int sign) {
    __int128 x;
    int xs;
    if (sqlite3_value_type(v) == SQLITE_BLOB) {
      const char* p = static_cast<const char*>(sqlite3_value_blob(v));
      if (!Numeric::decode_small(std::string_view(p ? p : "", size_t(sqlite3_value_bytes(v))), x, xs)) return false;
    } else if (sqlite3_value_type(v) == SQLITE_INTEGER) {
      x = sqlite3_value_int64(v);
      xs = 0;
    } else {
      return false;
    }
    if (xs > 30) return false;
    auto scale_up = [](__int128& val, int by) {
      for (int i = 0; i < by; i++) {
        if (val >= kFastLimit / 10 || val <= -kFastLimit / 10) return false;
        val *= 10;
      }
      return true;
    };
    if (xs > fast_scale) {
      __int128 f = fast;
      if (!scale_up(f, xs - fast_scale)) return false;
      fast = f;
      fast_scale = xs;
    } else if (!scale_up(x, fast_scale - xs)) {
      return false;
    }
    __int128 r = sign > 0 ? fast + x : fast - x;
    if (r >= kFastLimit || r <= -kFastLimit) return false;
    fast = r;
    n += sign;
    scales[xs] += sign;
    if (sign < 0 && scales[xs] == 0) scales.erase(xs);
    return true;
  }
  void step(sqlite3_value* v) {
    if (add_fast(v, 1)) return;
    Numeric x = numeric_arg(v);
    n++;
    if (x.is_nan()) nan++;
    else if (x.kind() == Numeric::Kind::PosInf) pinf++;
    else if (x.kind() == Numeric::Kind::NegInf) ninf++;
    else {
      sum = sum.add(x);
      scales[x.dscale()]++;
    }
  }
  void inverse(sqlite3_value* v) {
    if (add_fast(v, -1)) return;
    Numeric x = numeric_arg(v);
    n--;
    if (x.is_nan()) nan--;
    else if (x.kind() == Numeric::Kind::PosInf) pinf--;
    else if (x.kind() == Numeric::Kind::NegInf) ninf--;
    else {
      sum = sum.sub(x);
      auto it = scales.find(x.dscale());
      if (it != scales.end() && --it->second == 0) scales.erase(it);
    }
  }
  // NULL (n == 0) or the special result; otherwise false and the finite sum in out.
  bool special(sqlite3_context* ctx) {
    if (n == 0) {
      sqlite3_result_null(ctx);
      return true;
    }
    if (nan > 0 || (pinf > 0 && ninf > 0)) {
      numeric_result(ctx, Numeric::nan());
      return true;
    }
    if (pinf > 0 || ninf > 0) {
      numeric_result(ctx, Numeric::infinity(ninf > 0));
      return true;
    }
    return false;
  }
  Numeric frame_sum() const {
    int maxscale = scales.empty() ? 0 : scales.rbegin()->first;
    Numeric total = fast == 0 && fast_scale == 0 ? sum : sum.add(Numeric::from_scaled(fast, fast_scale));
    return total.dscale() == maxscale ? total : total.rescale(maxscale);
  }
  void result(sqlite3_context* ctx) {
    if (!special(ctx)) numeric_result(ctx, frame_sum());
  }
};

struct AvgNumeric : SumNumeric {
  void result(sqlite3_context* ctx) {
    if (!special(ctx)) numeric_result(ctx, frame_sum().div(Numeric::from_int64(n)));
  }
};

// sum/avg(DISTINCT numeric): a value equal to one already seen (1.50 after 1.5) is skipped,
// so the first of equal values counts (SQLite's DISTINCT would compare the stored forms).
template <class Base>
struct DistinctNumeric : Base {
  std::set<std::string> seen;
  void step(sqlite3_value* v) {
    std::string key;
    if (sqlite3_value_type(v) == SQLITE_BLOB) {
      auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(v));
      size_t n = size_t(sqlite3_value_bytes(v)), k = numeric_key_length(p, n);
      key.assign(reinterpret_cast<const char*>(p), k ? k : n);
    } else {
      key = std::to_string(sqlite3_value_type(v)) + text_of(v);
    }
    if (seen.insert(key).second) Base::step(v);
  }
};

// Float aggregates keep the values of the current frame (see the file comment).
struct FloatFrame {
  bool configured = false;
  bool f4 = false;
  std::vector<double> vals;
  size_t head = 0;
  bool inverted = false;
  void configure(int argc, sqlite3_value** argv) {
    configured = true;
    f4 = argc > 1 && sqlite3_value_int(argv[1]) == 32;
  }
  void inverse(sqlite3_value*) {
    head++;
    inverted = true;
    if (head > 1024 && head * 2 > vals.size()) {
      vals.erase(vals.begin(), vals.begin() + long(head));
      head = 0;
    }
  }
  size_t count() const { return vals.size() - head; }
};

struct SumFloat : FloatFrame {
  double sum = 0;  // running sum (valid while !inverted)
  static double add(double a, double b, bool f4) {
    if (f4) {
      float r = float(a) + float(b);
      if (std::isinf(r) && !std::isinf(float(a)) && !std::isinf(float(b))) float_overflow();
      return double(r);
    }
    double r = a + b;
    if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) float_overflow();
    return r;
  }
  void step(sqlite3_value* v) {
    double x = arg_double(v);
    if (f4) x = double(float(x));
    if (!inverted) sum = vals.empty() ? x : add(sum, x, f4);
    vals.push_back(x);
  }
  void result(sqlite3_context* ctx) {
    if (count() == 0) {
      sqlite3_result_null(ctx);
      return;
    }
    double r = sum;
    if (inverted) {
      r = vals[head];
      for (size_t i = head + 1; i < vals.size(); i++) r = add(r, vals[i], f4);
    }
    float_datum(r).to_sqlite_result(ctx);
  }
};

struct AvgFloat : FloatFrame {
  double N = 0, Sx = 0, Sxx = 0;
  static void accum(double& N, double& Sx, double& Sxx, double newval) {
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
    } else {
      if (std::isnan(newval) || std::isinf(newval)) Sxx = NAN;
    }
  }
  void step(sqlite3_value* v) {
    double x = arg_double(v);
    if (inverted) {
      // keep accumulating; result() recomputes from the frame head
      vals.push_back(x);
      return;
    }
    accum(N, Sx, Sxx, x);
    vals.push_back(x);
  }
  void result(sqlite3_context* ctx) {
    if (count() == 0) {
      sqlite3_result_null(ctx);
      return;
    }
    double n = N, sx = Sx;
    if (inverted) {
      double sxx = 0;
      n = 0, sx = 0;
      for (size_t i = head; i < vals.size(); i++) accum(n, sx, sxx, vals[i]);
    }
    float_datum(sx / n).to_sqlite_result(ctx);
  }
};

template <class S>
void register_agg(sqlite3* db, RuntimeContext* rc, const char* name, int nargs) {
  sqlite3_create_window_function(db, name, nargs, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                 rc, x_step<S>, x_final<S>, x_value<S>, x_inverse<S>, nullptr);
}

}  // namespace

void register_statistics_aggregates(sqlite3* db, RuntimeContext* rc);  // statistics_aggregates.cpp
void register_window_functions(sqlite3* db, RuntimeContext* rc);       // window_functions.cpp
void register_user_aggregates(sqlite3* db, RuntimeContext* rc);        // user_aggregates.cpp

void register_aggregate_functions(sqlite3* db, RuntimeContext* rc) {
  register_statistics_aggregates(db, rc);
  register_window_functions(db, rc);
  register_user_aggregates(db, rc);
  register_agg<SumInt>(db, rc, "pg_sum_int", 1);
  register_agg<SumInt8>(db, rc, "pg_sum_int8", 1);
  register_agg<AvgInt>(db, rc, "pg_avg_int", 1);
  register_agg<SumNumeric>(db, rc, "pg_sum_numeric", 1);
  register_agg<AvgNumeric>(db, rc, "pg_avg_numeric", 1);
  register_agg<DistinctNumeric<SumNumeric>>(db, rc, "pg_sum_numeric_distinct", 1);
  register_agg<DistinctNumeric<AvgNumeric>>(db, rc, "pg_avg_numeric_distinct", 1);
  register_agg<SumFloat>(db, rc, "pg_sum_float", 1);
  register_agg<SumFloat>(db, rc, "pg_sum_float", 2);
  register_agg<AvgFloat>(db, rc, "pg_avg_float", 1);
}

}  // namespace pgmicro
