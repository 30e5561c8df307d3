// Runtime casts through the type library: pg_in (text -> type), pg_out (type -> text),
// typmod coercions, date ± integer and date − date, and now().
#include <cstdio>
#include <string>
#include "runtime/function_context.h"
#include "types/type_families.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }

void pg_in(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    std::string s(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])), sqlite3_value_bytes(argv[0]));
    type_input(static_cast<Oid>(sqlite3_value_int64(argv[1])), sqlite3_value_int(argv[2]), s).to_sqlite_result(ctx);
  });
}

void pg_out(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    std::string out;
    type_output(static_cast<Oid>(sqlite3_value_int64(argv[1])), argv[0], out);
    sqlite3_result_text(ctx, out.data(), (int)out.size(), SQLITE_TRANSIENT);
  });
}

// pg_char_typmod(value, type oid, typmod, explicit) and pg_timestamp_typmod(value, typmod).
void char_typmod(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    apply_typmod(static_cast<Oid>(sqlite3_value_int64(argv[1])), sqlite3_value_int(argv[2]),
                 Datum::from_sqlite(argv[0]), sqlite3_value_int(argv[3]) != 0)
        .to_sqlite_result(ctx);
  });
}
void timestamp_typmod(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    apply_typmod(oid::kTimestamp, sqlite3_value_int(argv[1]), Datum::from_sqlite(argv[0]), true).to_sqlite_result(ctx);
  });
}

// pg_interval_typmod(value, typmod): interval(p) / INTERVAL MONTH … (interval_scale).
void interval_typmod(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    apply_typmod(oid::kInterval, sqlite3_value_int(argv[1]), Datum::from_sqlite(argv[0]), true).to_sqlite_result(ctx);
  });
}

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool parse_iso_date(const std::string& s, int64_t& days) {
  int y, m, d;
  if (std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return false;
  days = days_from_civil(y, m, d);
  return true;
}

std::string date_text(sqlite3_value* v) {
  return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)), sqlite3_value_bytes(v));
}

// date - date and date + integer on the stored text (date_from_storage/date_to_string: BC years,
// years past 9999, infinities).
void date_diff(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    int32_t a = date_from_storage(date_text(argv[0])), b = date_from_storage(date_text(argv[1]));
    if (a == kDatePosInfinity || a == kDateNegInfinity || b == kDatePosInfinity || b == kDateNegInfinity)
      throw PgError(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite dates");
    sqlite3_result_int64(ctx, int64_t(a) - b);
  });
}
void date_add(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    std::string s = date_text(argv[0]);
    int32_t a = date_from_storage(s);
    if (a == kDatePosInfinity || a == kDateNegInfinity)
      return sqlite3_result_text(ctx, s.data(), (int)s.size(), SQLITE_TRANSIENT);
    int64_t r = int64_t(a) + sqlite3_value_int64(argv[1]);
    // IS_VALID_DATE: Julian day 0 (4714-11-24 BC) up to 5874897-12-31
    if (r < -2451545 || r >= 2147483494LL - 2451545)
      throw PgError(sqlstate::kDatetimeFieldOverflow, "date out of range");
    std::string out = date_to_string(int32_t(r));
    sqlite3_result_text(ctx, out.data(), (int)out.size(), SQLITE_TRANSIENT);
  });
}
// now(): the transaction's start time as timestamptz (stored as UTC text with +00).
void pg_now(sqlite3_context* ctx, int, sqlite3_value**) {
  RuntimeContext* rc = runtime_context(ctx);
  int64_t us = rc->transaction_start_us;
  int64_t secs = us / 1000000, frac = us % 1000000;
  int64_t days = secs / 86400, rem = secs % 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];
  if (frac)
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld.%06lld", (long long)y, m, d, (long long)(rem / 3600),
                  (long long)(rem / 60 % 60), (long long)(rem % 60), (long long)frac);
  else
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld", (long long)y, m, d, (long long)(rem / 3600),
                  (long long)(rem / 60 % 60), (long long)(rem % 60));
  std::string s = buf;
  while (s.back() == '0' && s.find('.') != std::string::npos) s.pop_back();
  s += "+00";
  sqlite3_result_text(ctx, s.data(), (int)s.size(), SQLITE_TRANSIENT);
}

// gen_random_uuid(): a version 4 (random) UUID from SQLite's PRNG.
void gen_random_uuid(sqlite3_context* ctx, int, sqlite3_value**) {
  unsigned char b[16];
  sqlite3_randomness(16, b);
  b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
  b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
  std::string s = uuid_to_string(b);
  sqlite3_result_text(ctx, s.data(), (int)s.size(), SQLITE_TRANSIENT);
}

}  // namespace

void register_io_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F fns[] = {
      {"pg_in", 3, pg_in}, {"pg_out", 2, pg_out}, {"pg_char_typmod", 4, char_typmod},
      {"pg_timestamp_typmod", 2, timestamp_typmod}, {"pg_interval_typmod", 2, interval_typmod}, {"pg_date_diff", 2, date_diff},
      {"pg_date_add", 2, date_add},
  };
  // Not deterministic: its value is the transaction's start time.
  sqlite3_create_function_v2(db, "pg_now", 0, SQLITE_UTF8, rc, pg_now, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_gen_random_uuid", 0, SQLITE_UTF8, rc, gen_random_uuid, nullptr, nullptr, nullptr);
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
