// The data type formatting functions as SQLite functions (types/formatting.h does the work):
// pg_to_char_dt (timestamp, timestamptz, interval), pg_to_char_num (int4, int8, float4,
// float8, numeric), pg_to_number, pg_to_date, pg_to_timestamp and pg_to_timestamp_epoch
// (to_timestamp(double precision)). NULL in -> NULL out.
#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <string>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "runtime/numeric_value.h"
#include "types/formatting.h"
#include "types/interval.h"
#include "types/numeric.h"
#include "types/timezone.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

// The session TimeZone's view of a UTC instant: offset east of UTC in seconds and the zone
// abbreviation (types/timezone.h), the one place formatting asks the session TimeZone.
struct SessionZone {
  int utc_offset;
  std::string abbrev;
};
SessionZone session_zone_at(int64_t utc_ts) {
  const ZoneType& zt = session_timezone().at(pg_floor_div(utc_ts, 1000000) + kPgEpochUnixSeconds);
  return {zt.utoff, zt.abbrev};
}
// Offset (seconds west of UTC, PostgreSQL's convention) of a local wall-clock time in the
// session TimeZone, for to_timestamp input without TZH/TZM.
int session_offset_west(const FromCharResult& local) {
  // Fields far outside any representable timestamp (the caller then fails with "timestamp out of
  // range") must not overflow here: the offset of such a time does not matter.
  if (local.year < -1000000 || local.year > 1000000 || std::abs(int64_t(local.mon)) > 1000 ||
      std::abs(int64_t(local.mday)) > 100000)
    return 0;
  int64_t days = int64_t(date_to_julian(local.year, local.mon, local.mday)) - 2440588;  // 1970-01-01
  int64_t unix_local = days * 86400 + int64_t(local.hour) * 3600 + int64_t(local.min) * 60 + local.sec;
  return -session_timezone().utoff_for_local(unix_local);
}

bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

// pg_to_char_dt(value, fmt, kind): kind 1 timestamp, 2 timestamptz, 3 interval.
void to_char_dt(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(2, argv)) return sqlite3_result_null(ctx);
    std::string fmt = text_of(argv[1]);
    int kind = sqlite3_value_int(argv[2]);
    if (fmt.empty()) return sqlite3_result_null(ctx);
    FormatTm tm;
    if (kind == 3) {
      Interval iv = interval_from_storage(text_of(argv[0]));
      tm.year = iv.month / 12;
      tm.mon = iv.month % 12;
      tm.mday = iv.day;
      int64_t t = iv.time;
      tm.hour = t / 3600000000LL;
      t -= tm.hour * 3600000000LL;
      tm.min = int(t / 60000000LL);
      t -= int64_t(tm.min) * 60000000LL;
      tm.sec = int(t / 1000000);
      tm.fsec = int(t - int64_t(tm.sec) * 1000000);
      tm.yday = int32_t(uint32_t((int64_t(tm.year) * 12 + tm.mon) * 30 + tm.mday));  // int arithmetic wraps in PostgreSQL
      tm.wday = 0;
      return result_text(ctx, datetime_to_char(tm, true, fmt));
    }
    int64_t ts = kind == 1 ? timestamp_from_storage(text_of(argv[0])) : timestamptz_from_storage(text_of(argv[0]));
    if (ts == kTimestampPosInfinity || ts == kTimestampNegInfinity) return sqlite3_result_null(ctx);
    if (kind == 2) {
      SessionZone zone = session_zone_at(ts);
      tm = timestamp_to_format_tm(ts + int64_t(zone.utc_offset) * 1000000);
      tm.gmtoff = zone.utc_offset;
      tm.has_zone = true;
      tm.zone_abbrev = zone.abbrev;
    } else {
      tm = timestamp_to_format_tm(ts);
    }
    result_text(ctx, datetime_to_char(tm, false, fmt));
  });
}

// pg_to_char_num(value, fmt, kind): kind 0 int4, 1 int8, 2 float4, 3 float8, 4 numeric.
void to_char_num(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(2, argv)) return sqlite3_result_null(ctx);
    std::string fmt = text_of(argv[1]);
    std::string out;
    switch (sqlite3_value_int(argv[2])) {
      case 0: out = int4_to_char(int32_t(sqlite3_value_int64(argv[0])), fmt); break;
      case 1: out = int8_to_char(sqlite3_value_int64(argv[0]), fmt); break;
      case 2: case 3: {
        double d = 0;
        datum_to_double(Datum::from_sqlite(argv[0]), d);
        out = sqlite3_value_int(argv[2]) == 2 ? float4_to_char(float(d), fmt) : float8_to_char(d, fmt);
        break;
      }
      default: out = numeric_to_char(numeric_arg(argv[0]), fmt); break;
    }
    result_text(ctx, out);
  });
}

void to_number(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(2, argv)) return sqlite3_result_null(ctx);
    bool is_null = false;
    Numeric n = numeric_to_number(text_of(argv[0]), text_of(argv[1]), is_null);
    if (is_null) return sqlite3_result_null(ctx);
    std::string b = n.encode();
    sqlite3_result_blob64(ctx, b.data(), b.size(), SQLITE_TRANSIENT);
  });
}

void to_date_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(2, argv)) return sqlite3_result_null(ctx);
    result_text(ctx, date_to_string(to_date(text_of(argv[0]), text_of(argv[1]))));
  });
}

void to_timestamp_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(2, argv)) return sqlite3_result_null(ctx);
    result_text(ctx, timestamptz_to_string(to_timestamp(text_of(argv[0]), text_of(argv[1]), session_offset_west)));
  });
}

// to_timestamp(double precision): Unix epoch seconds (float8_timestamptz).
void to_timestamp_epoch(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(1, argv)) return sqlite3_result_null(ctx);
    double seconds = 0;
    datum_to_double(Datum::from_sqlite(argv[0]), seconds);
    if (std::isnan(seconds)) throw PgError(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
    int64_t result;
    if (std::isinf(seconds)) {
      result = seconds < 0 ? kTimestampNegInfinity : kTimestampPosInfinity;
    } else {
      char shown[64];
      std::snprintf(shown, sizeof shown, "%g", seconds);
      auto range = [&] { return PgError(sqlstate::kDatetimeFieldOverflow, std::string("timestamp out of range: \"") + shown + "\""); };
      constexpr double kSecsPerDay = 86400.0;
      constexpr int kUnixEpochJdate = 2440588, kPostgresEpochJdate = 2451545, kTimestampEndJulian = 109203489;
      if (seconds < kSecsPerDay * (0 - kUnixEpochJdate) || seconds >= kSecsPerDay * (kTimestampEndJulian - kUnixEpochJdate))
        throw range();
      seconds -= double(kPostgresEpochJdate - kUnixEpochJdate) * kSecsPerDay;
      seconds = std::rint(seconds * 1000000.0);
      result = int64_t(seconds);
      if (result < -211813488000000000LL || result >= 9223371331200000000LL) throw range();
    }
    result_text(ctx, timestamptz_to_string(result));
  });
}

}  // namespace

void register_formatting_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_to_char_dt", 3, to_char_dt}, {"pg_to_char_num", 3, to_char_num},
      {"pg_to_number", 2, to_number},   {"pg_to_date", 2, to_date_fn},
      {"pg_to_timestamp", 2, to_timestamp_fn}, {"pg_to_timestamp_epoch", 1, to_timestamp_epoch},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
