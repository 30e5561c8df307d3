// pg_range_frame(spec, key, value [, n]): a window function call whose RANGE frame SQLite cannot
// express (analyze/analyze_window_range.cpp): offsets on numeric ORDER BY columns, month (and,
// for timestamptz, day) offsets on date/timestamp[tz] columns, infinite offsets on floats. The
// window runs ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING in the original ORDER BY,
// so the whole partition is stepped before SQLite asks for the first row's value and then asks
// once per row in order; each row's frame is found here with PostgreSQL's in_range rules
// (nodeWindowAgg.c's frame head/tail search, in_range_numeric_numeric, in_range_float8_float8,
// in_range_timestamp[tz]_interval, in_range_date_interval) and EXCLUDE, and the function is
// computed over it.
//   spec = fn, asc (1/0), nulls first (1/0), kind, start mode, start offset, end mode,
//   end offset, exclusion — separated by '|'. fn: F first_value, L last_value, N nth_value,
//   A count(*), C count, S sum of integers, m min, M max. kind: numeric, float, date,
//   timestamp, timestamptz. Modes: U unbounded, C current row, P preceding, F following.
//   Exclusion: N no others, C current row, G group, T ties.
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include "runtime/aggregate_state.h"
#include "runtime/function_context.h"
#include "runtime/numeric_value.h"
#include "runtime/sqlite_text.h"
#include "types/interval.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

struct Key {
  bool null = true;
  Numeric num;
  double f = 0;
  int64_t ts = 0;
};

struct Spec {
  char fn = 'F';
  bool asc = true, nulls_first = false;
  std::string kind;
  char start_mode = 'U', end_mode = 'U', exclude = 'N';
  std::string start_offset, end_offset;
};

struct ValueFree {
  void operator()(sqlite3_value* v) const { sqlite3_value_free(v); }
};

struct FrameState {
  Spec spec;
  bool parsed = false;
  std::vector<Key> keys;
  std::vector<std::unique_ptr<sqlite3_value, ValueFree>> values;
  std::vector<int64_t> nth;
  size_t current = 0;  // the row whose value SQLite asks for next
};

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == '|') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

Spec parse_spec(const std::string& text) {
  auto f = split(text);
  if (f.size() != 9) throw PgError("XX000", "malformed pg_range_frame specification");
  Spec s;
  s.fn = f[0][0];
  s.asc = f[1] == "1";
  s.nulls_first = f[2] == "1";
  s.kind = f[3];
  s.start_mode = f[4][0];
  s.start_offset = f[5];
  s.end_mode = f[6][0];
  s.end_offset = f[7];
  s.exclude = f[8][0];
  return s;
}

[[noreturn]] void bad_size() { throw PgError("22013", "invalid preceding or following size in window function"); }

int64_t date_to_ts(int32_t d) {
  if (d == kDateNegInfinity) return kTimestampNegInfinity;
  if (d == kDatePosInfinity) return kTimestampPosInfinity;
  if (d > 106000000 || d < -106000000) throw PgError("22008", "date out of range for timestamp");
  return int64_t(d) * 86400000000LL;
}

Key read_key(const Spec& s, sqlite3_value* v) {
  Key k;
  if (sqlite3_value_type(v) == SQLITE_NULL) return k;
  k.null = false;
  if (s.kind == "numeric") k.num = numeric_arg(v);
  else if (s.kind == "float") k.f = sqlite3_value_type(v) == SQLITE_TEXT ? std::nan("") : sqlite3_value_double(v);
  else if (s.kind == "date") k.ts = date_to_ts(date_from_storage(text_of(v)));
  else if (s.kind == "timestamp") k.ts = timestamp_from_storage(text_of(v));
  else k.ts = timestamptz_from_storage(text_of(v));
  return k;
}

// The ORDER BY comparison of two non-null keys.
int compare_keys(const Spec& s, const Key& a, const Key& b) {
  if (s.kind == "numeric") return a.num.compare(b.num);
  if (s.kind == "float") {
    bool an = std::isnan(a.f), bn = std::isnan(b.f);
    if (an || bn) return an == bn ? 0 : an ? 1 : -1;
    return a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
  }
  return a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0;
}

// PostgreSQL's in_range(val, base, offset, sub, less) for the spec's kind.
bool in_range(const Spec& s, const Key& val, const Key& base, const std::string& offset, bool sub, bool less) {
  if (s.kind == "numeric") {
    Numeric off = Numeric::parse(offset);
    if (off.is_nan() || off.compare(Numeric::from_int64(0)) < 0) bad_size();
    if (val.num.is_nan()) return base.num.is_nan() ? true : !less;
    if (base.num.is_nan()) return less;
    if (off.is_inf()) {
      bool base_pinf = base.num.is_inf() && base.num.compare(Numeric::from_int64(0)) > 0;
      bool base_ninf = base.num.is_inf() && !base_pinf;
      bool val_pinf = val.num.is_inf() && val.num.compare(Numeric::from_int64(0)) > 0;
      bool val_ninf = val.num.is_inf() && !val_pinf;
      if (sub ? base_pinf : base_ninf) return true;
      if (sub) return less ? val_ninf : true;
      return less ? true : val_pinf;
    }
    Numeric sum = sub ? base.num.sub(off) : base.num.add(off);
    int c = val.num.compare(sum);
    return less ? c <= 0 : c >= 0;
  }
  if (s.kind == "float") {
    double off = parse_float8(offset);
    if (std::isnan(off) || off < 0) bad_size();
    if (std::isnan(val.f)) return std::isnan(base.f) ? true : !less;
    if (std::isnan(base.f)) return less;
    if (std::isinf(off) && std::isinf(base.f) && (sub ? base.f > 0 : base.f < 0)) return true;
    double sum = sub ? base.f - off : base.f + off;
    return less ? val.f <= sum : val.f >= sum;
  }
  Interval iv = interval_from_storage(offset);
  __int128 span = (__int128)iv.time + ((__int128)iv.month * 30 + iv.day) * 86400000000LL;
  if (span < 0) bad_size();
  if (sub) iv = Interval{-iv.month, -iv.day, -iv.time};
  int64_t sum = s.kind == "timestamptz" ? timestamptz_add_interval(base.ts, iv) : timestamp_add_interval(base.ts, iv);
  return less ? val.ts <= sum : val.ts >= sum;
}

int compare_values(sqlite3_value* a, sqlite3_value* b) {
  int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
  bool na = ta == SQLITE_INTEGER || ta == SQLITE_FLOAT, nb = tb == SQLITE_INTEGER || tb == SQLITE_FLOAT;
  if (na && nb) {
    if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
      int64_t x = sqlite3_value_int64(a), y = sqlite3_value_int64(b);
      return x < y ? -1 : x > y;
    }
    double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
    return x < y ? -1 : x > y;
  }
  if (na != nb) return na ? -1 : 1;  // numbers before text/blobs (a float NaN is the text 'NaN')
  if (ta != tb) return ta == SQLITE_TEXT ? -1 : 1;
  int la = sqlite3_value_bytes(a), lb = sqlite3_value_bytes(b);
  const void* pa = ta == SQLITE_TEXT ? (const void*)sqlite3_value_text(a) : sqlite3_value_blob(a);
  const void* pb = tb == SQLITE_TEXT ? (const void*)sqlite3_value_text(b) : sqlite3_value_blob(b);
  int c = std::memcmp(pa, pb, size_t(std::min(la, lb)));
  return c ? c : la < lb ? -1 : la > lb;
}

void frame_step(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    FrameState* st = agg::state<FrameState>(ctx, true);
    if (!st->parsed) {
      st->spec = parse_spec(text_of(argv[0]));
      st->parsed = true;
    }
    st->keys.push_back(read_key(st->spec, argv[1]));
    st->values.emplace_back(sqlite3_value_dup(argc > 2 ? argv[2] : argv[1]));
    if (!st->values.back()) throw std::bad_alloc();
    st->nth.push_back(argc <= 3 ? 0 : sqlite3_value_type(argv[3]) == SQLITE_NULL ? INT64_MIN : sqlite3_value_int64(argv[3]));
  });
}

void frame_value(sqlite3_context* ctx) {
  guarded(ctx, [&] {
    FrameState* st = agg::state<FrameState>(ctx, false);
    if (!st || st->current >= st->keys.size()) return sqlite3_result_null(ctx);
    const Spec& s = st->spec;
    const auto& keys = st->keys;
    size_t n = keys.size(), i = st->current++;
    auto peers = [&](size_t a, size_t b) {
      if (keys[a].null || keys[b].null) return keys[a].null && keys[b].null;
      return compare_keys(s, keys[a], keys[b]) == 0;
    };
    size_t peer_start = i, peer_end = i + 1;
    while (peer_start > 0 && peers(peer_start - 1, i)) peer_start--;
    while (peer_end < n && peers(peer_end, i)) peer_end++;
    const Key& cur = keys[i];
    size_t head = 0, tail = n;
    if (s.start_mode == 'C') head = peer_start;
    else if (s.start_mode != 'U') {
      bool sub = s.start_mode == 'P', less = false;
      if (!s.asc) sub = !sub, less = true;
      for (head = 0; head < n; head++) {
        const Key& h = keys[head];
        if (h.null || cur.null) {
          if (s.nulls_first ? (!h.null || cur.null) : (h.null || !cur.null)) break;
        } else if (in_range(s, h, cur, s.start_offset, sub, less)) {
          break;
        }
      }
    }
    if (s.end_mode == 'C') tail = peer_end;
    else if (s.end_mode != 'U') {
      bool sub = s.end_mode == 'P', less = true;
      if (!s.asc) sub = !sub, less = false;
      for (tail = 0; tail < n; tail++) {
        const Key& t = keys[tail];
        if (t.null || cur.null) {
          if (s.nulls_first ? !t.null : !cur.null) break;
        } else if (!in_range(s, t, cur, s.end_offset, sub, less)) {
          break;
        }
      }
    }
    auto excluded = [&](size_t r) {
      switch (s.exclude) {
        case 'C': return r == i;
        case 'G': return r >= peer_start && r < peer_end;
        case 'T': return r != i && r >= peer_start && r < peer_end;
        default: return false;
      }
    };
    if (s.fn == 'N') {
      if (st->nth[i] == INT64_MIN) return sqlite3_result_null(ctx);
      if (st->nth[i] <= 0) throw PgError("22016", "argument of nth_value must be greater than zero");
    }
    int64_t count = 0, sum = 0;
    sqlite3_value* best = nullptr;
    size_t last = SIZE_MAX;
    for (size_t r = head; r < tail; r++) {
      if (excluded(r)) continue;
      sqlite3_value* v = st->values[r].get();
      switch (s.fn) {
        case 'F': return sqlite3_result_value(ctx, v);
        case 'N':
          if (++count == st->nth[i]) return sqlite3_result_value(ctx, v);
          break;
        case 'L': last = r; break;
        case 'A': count++; break;
        default:
          if (sqlite3_value_type(v) == SQLITE_NULL) break;
          count++;
          if (s.fn == 'S') sum += sqlite3_value_int64(v);
          else if (s.fn == 'm' || s.fn == 'M') {
            // ties keep the later value, as PostgreSQL's *smaller/*larger (numeric 1.5 vs 1.50)
            if (!best || (s.fn == 'm' ? compare_values(v, best) <= 0 : compare_values(v, best) >= 0)) best = v;
          }
      }
    }
    switch (s.fn) {
      case 'L': return last == SIZE_MAX ? sqlite3_result_null(ctx) : sqlite3_result_value(ctx, st->values[last].get());
      case 'A':
      case 'C': return sqlite3_result_int64(ctx, count);
      case 'S': return count ? sqlite3_result_int64(ctx, sum) : sqlite3_result_null(ctx);
      case 'm':
      case 'M': return best ? sqlite3_result_value(ctx, best) : sqlite3_result_null(ctx);
      default: return sqlite3_result_null(ctx);
    }
  });
}

void frame_final(sqlite3_context* ctx) {
  frame_value(ctx);
  agg::free_state<FrameState>(ctx);
}

void frame_inverse(sqlite3_context* ctx, int, sqlite3_value**) {
  guarded(ctx, [&] { throw PgError("XX000", "pg_range_frame runs over whole partitions only"); });
}

}  // namespace

void register_window_range_frame(sqlite3* db, RuntimeContext* rc) {
  for (int n = 3; n <= 4; n++)
    sqlite3_create_window_function(db, "pg_range_frame", n, SQLITE_UTF8 | SQLITE_INNOCUOUS, rc, frame_step, frame_final,
                                   frame_value, frame_inverse, nullptr);
}

}  // namespace pgmicro
