// width_bucket: the float8 and numeric forms (equal-width buckets between two bounds,
// PostgreSQL 15's width_bucket_float8 / width_bucket_numeric with their 2201G errors) and the
// thresholds-array form (width_bucket(anycompatible, anycompatiblearray): binary search in a
// sorted one-dimensional array).
#include <cmath>
#include <string_view>
#include "runtime/function_context.h"
#include "runtime/sqlite_text.h"
#include "types/array.h"
#include "types/numeric.h"
#include "types/numeric_math.h"

namespace pgmicro {

namespace {

constexpr const char* kWidthBucket = "2201G";  // ERRCODE_INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION

bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

// A float8 argument: text "NaN"/"Infinity"/"-Infinity" is how SQLite keeps the non-finite ones.
double float8_arg(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    std::string_view t = text_of(v);
    if (t == "Infinity") return INFINITY;
    if (t == "-Infinity") return -INFINITY;
    return NAN;
  }
  return sqlite3_value_double(v);
}

int32_t bucket_overflow_add(int32_t count) {
  if (count == INT32_MAX) throw PgError("22003", "integer out of range");
  return count + 1;
}

void width_bucket_float8(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    double operand = float8_arg(argv[0]), b1 = float8_arg(argv[1]), b2 = float8_arg(argv[2]);
    int32_t count = (int32_t)sqlite3_value_int64(argv[3]);
    if (count <= 0) throw PgError(kWidthBucket, "count must be greater than zero");
    if (std::isnan(operand) || std::isnan(b1) || std::isnan(b2))
      throw PgError(kWidthBucket, "operand, lower bound, and upper bound cannot be NaN");
    if (std::isinf(b1) || std::isinf(b2)) throw PgError(kWidthBucket, "lower and upper bounds must be finite");
    int32_t result;
    if (b1 < b2) {
      if (operand < b1) result = 0;
      else if (operand >= b2) result = bucket_overflow_add(count);
      else result = (int32_t)(((double)count * (operand - b1) / (b2 - b1)) + 1);
    } else if (b1 > b2) {
      if (operand > b1) result = 0;
      else if (operand <= b2) result = bucket_overflow_add(count);
      else result = (int32_t)(((double)count * (b1 - operand) / (b1 - b2)) + 1);
    } else {
      throw PgError(kWidthBucket, "lower bound cannot equal upper bound");
    }
    sqlite3_result_int64(ctx, result);
  });
}

Numeric numeric_arg(sqlite3_value* v) {
  return Numeric::decode(std::string_view(static_cast<const char*>(sqlite3_value_blob(v)), sqlite3_value_bytes(v)));
}

void width_bucket_numeric(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    Numeric operand = numeric_arg(argv[0]), b1 = numeric_arg(argv[1]), b2 = numeric_arg(argv[2]);
    int32_t count = (int32_t)sqlite3_value_int64(argv[3]);
    if (count <= 0) throw PgError(kWidthBucket, "count must be greater than zero");
    if (operand.is_nan() || b1.is_nan() || b2.is_nan())
      throw PgError(kWidthBucket, "operand, lower bound, and upper bound cannot be NaN");
    if (b1.is_inf() || b2.is_inf()) throw PgError(kWidthBucket, "lower and upper bounds must be finite");
    Numeric n = Numeric::from_int64(count), result;
    // compute_bucket: (operand - b1) * count / (b2 - b1), truncated, plus one (reversed when b1 > b2)
    auto bucket = [&](const Numeric& num, const Numeric& den) {
      return numeric_div_trunc(num.mul(n), den).add(Numeric::from_int64(1));
    };
    switch (b1.compare(b2)) {
      case 0: throw PgError(kWidthBucket, "lower bound cannot equal upper bound");
      case -1:
        if (operand.compare(b1) < 0) result = Numeric();
        else if (operand.compare(b2) >= 0) result = n.add(Numeric::from_int64(1));
        else result = bucket(operand.sub(b1), b2.sub(b1));
        break;
      default:
        if (operand.compare(b1) > 0) result = Numeric();
        else if (operand.compare(b2) <= 0) result = n.add(Numeric::from_int64(1));
        else result = bucket(b1.sub(operand), b1.sub(b2));
    }
    if (result.compare(Numeric::from_int64(INT32_MAX)) > 0) throw PgError("22003", "integer out of range");
    sqlite3_result_int64(ctx, result.to_int64(32));
  });
}

// pg_width_bucket_array(operand, thresholds, elem): the number of thresholds <= operand.
void width_bucket_array(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
      return sqlite3_result_null(ctx);
    Oid elem = (Oid)sqlite3_value_int64(argv[2]);
    ArrayValue a = array_from_storage(elem, text_of(argv[1]));
    if (a.ndims() > 1) throw PgError("2202E", "thresholds must be one-dimensional array");
    for (const Datum& d : a.items)
      if (d.is_null()) throw PgError("22004", "thresholds array must not contain NULLs");
    Datum operand = Datum::from_sqlite(argv[0]);
    size_t left = 0, right = a.items.size();
    while (left < right) {
      size_t mid = (left + right) / 2;
      if (datum_compare(elem, operand, a.items[mid]) < 0) right = mid;
      else left = mid + 1;
    }
    sqlite3_result_int64(ctx, (int64_t)left);
  });
}

}  // namespace

void register_width_bucket_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_width_bucket_float8", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc,
                             width_bucket_float8, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_width_bucket_numeric", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc,
                             width_bucket_numeric, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_width_bucket_array", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc,
                             width_bucket_array, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
