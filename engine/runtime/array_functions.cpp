// Array runtime: constructors, subscripts and slices, comparison (functions and the
// pg_array_<elem> collations ORDER BY uses), containment, concatenation, the array_* library,
// element casts and array_agg. Arrays arrive and leave in their JSON storage encoding
// (types/array.h); elements in their own storage encoding. The element type is an argument.
#include <algorithm>
#include <deque>
#include <string>
#include <vector>
#include <cmath>
#include <memory>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/money.h"
#include "types/numeric.h"
#include "types/type_families.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

using Fn = void (*)(sqlite3_context*, int, sqlite3_value**);

// The element types that have an array type (one collation and array_agg per type).
const Oid kElementTypes[] = {oid::kBool, oid::kBytea, oid::kName, oid::kInt2, oid::kInt4, oid::kText,
                             oid::kBpchar, oid::kVarchar, oid::kInt8, oid::kFloat4, oid::kFloat8, oid::kOid,
                             oid::kTimestamp, oid::kDate, oid::kTimestamptz, oid::kInterval, oid::kNumeric,
                             oid::kUuid, oid::kJson, oid::kJsonb, oid::kInt2Vector, oid::kOidVector, oid::kMoney};

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }
Oid oid_arg(sqlite3_value* v) { return static_cast<Oid>(sqlite3_value_int64(v)); }
ArrayValue array_arg(sqlite3_value* v, Oid elem) { return array_from_storage(elem, text_of(v)); }
void result_array(sqlite3_context* ctx, Oid elem, const ArrayValue& a) {
  std::string s = array_to_storage(elem, a);
  sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

[[noreturn]] void subscript_error(const std::string& msg, const std::string& detail = "") {
  throw PgError("2202E", msg, detail);
}

bool elements_equal(Oid elem, const Datum& a, const Datum& b) {  // IS NOT DISTINCT FROM
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return datum_compare(elem, a, b) == 0;
}

// pg_array_build(elem, v1, ..., vn): ARRAY[v1, ..., vn].
void array_build(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Oid elem = oid_arg(argv[0]);
    std::vector<Datum> items;
    for (int i = 1; i < argc; i++) items.push_back(Datum::from_sqlite(argv[i]));
    result_array(ctx, elem, ArrayValue::vector(std::move(items)));
  });
}

// pg_array_build_md(elem, a1, ..., an): ARRAY[a1, ..., an] of sub-arrays (one more dimension).
void array_build_md(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Oid elem = oid_arg(argv[0]);
    ArrayValue r;
    bool have_first = false, have_empty = false;
    std::vector<int> sub_dims, sub_lbs;
    int n = 0;
    for (int i = 1; i < argc; i++) {
      if (is_null(argv[i])) { have_empty = true; continue; }
      ArrayValue a = array_arg(argv[i], elem);
      if (a.empty()) { have_empty = true; continue; }
      if (!have_first) {
        sub_dims = a.dims;
        sub_lbs = a.lbounds;
        have_first = true;
      } else if (a.dims != sub_dims || a.lbounds != sub_lbs) {
        subscript_error("multidimensional arrays must have array expressions with matching dimensions");
      }
      r.items.insert(r.items.end(), a.items.begin(), a.items.end());
      n++;
    }
    if (have_first && have_empty)
      subscript_error("multidimensional arrays must have array expressions with matching dimensions");
    if (!have_first) return result_array(ctx, elem, ArrayValue());
    if ((int)sub_dims.size() + 1 > kMaxArrayDims)
      throw PgError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(sub_dims.size() + 1) +
                                                         ") exceeds the maximum allowed (6)");
    r.dims.push_back(n);
    r.lbounds.push_back(1);
    r.dims.insert(r.dims.end(), sub_dims.begin(), sub_dims.end());
    r.lbounds.insert(r.lbounds.end(), sub_lbs.begin(), sub_lbs.end());
    result_array(ctx, elem, r);
  });
}

// pg_array_subscript(arr, elem, i1, ..., ik): arr[i1]...[ik] (NULL outside the array).
void array_subscript(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 0; i < argc; i++)
      if (is_null(argv[i])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[1]);
    ArrayValue a = array_arg(argv[0], elem);
    int k = argc - 2;
    if (k != a.ndims()) return sqlite3_result_null(ctx);
    size_t off = 0;
    for (int d = 0; d < k; d++) {
      int64_t idx = sqlite3_value_int64(argv[2 + d]);
      if (idx < a.lbounds[d] || idx >= (int64_t)a.lbounds[d] + a.dims[d]) return sqlite3_result_null(ctx);
      off = off * a.dims[d] + size_t(idx - a.lbounds[d]);
    }
    a.items[off].to_sqlite_result(ctx);
  });
}

// pg_array_slice(arr, elem, omitted_mask, lo1, hi1, ..., lok, hik): arr[lo1:hi1]...; a bit
// of the mask set means that bound was omitted (the array's own bound).
void array_slice(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[1]);
    int64_t mask = sqlite3_value_int64(argv[2]);
    int k = (argc - 3) / 2;
    for (int i = 0; i < 2 * k; i++)
      if (!(mask >> i & 1) && is_null(argv[3 + i])) return sqlite3_result_null(ctx);
    ArrayValue a = array_arg(argv[0], elem);
    int nd = a.ndims();
    if (nd == 0 || k > nd) return result_array(ctx, elem, ArrayValue());
    std::vector<int64_t> lo(nd), hi(nd);
    for (int d = 0; d < nd; d++) {
      int64_t lb = a.lbounds[d], ub = lb + a.dims[d] - 1;
      lo[d] = lb;
      hi[d] = ub;
      if (d < k) {
        if (!(mask >> (2 * d) & 1)) lo[d] = std::max<int64_t>(lb, sqlite3_value_int64(argv[3 + 2 * d]));
        if (!(mask >> (2 * d + 1) & 1)) hi[d] = std::min<int64_t>(ub, sqlite3_value_int64(argv[4 + 2 * d]));
      }
      if (lo[d] > hi[d]) return result_array(ctx, elem, ArrayValue());
    }
    ArrayValue r;
    for (int d = 0; d < nd; d++) {
      r.dims.push_back(int(hi[d] - lo[d] + 1));
      r.lbounds.push_back(1);
    }
    std::vector<int> idx(nd, 0);
    for (;;) {
      size_t off = 0;
      for (int d = 0; d < nd; d++) off = off * a.dims[d] + size_t(lo[d] - a.lbounds[d] + idx[d]);
      r.items.push_back(a.items[off]);
      int d = nd - 1;
      while (d >= 0 && ++idx[d] >= r.dims[d]) idx[d--] = 0;
      if (d < 0) break;
    }
    result_array(ctx, elem, r);
  });
}

// pg_array_set(arr, elem, value, i1, ..., ik): arr[i1]...[ik] = value (array_set_element): a
// NULL or empty array becomes a one-element array at those subscripts; a one-dimensional
// array grows as needed, the gap filled with NULLs.
void array_set(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Oid elem = oid_arg(argv[1]);
    Datum v = Datum::from_sqlite(argv[2]);
    int k = argc - 3;
    std::vector<int64_t> idx;
    for (int i = 0; i < k; i++) {
      if (is_null(argv[3 + i])) throw PgError("22004", "array subscript in assignment must not be null");
      idx.push_back(sqlite3_value_int64(argv[3 + i]));
    }
    ArrayValue a = is_null(argv[0]) ? ArrayValue() : array_arg(argv[0], elem);
    if (a.empty()) {
      if (k > kMaxArrayDims)
        throw PgError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(k) +
                                                           ") exceeds the maximum allowed (6)");
      ArrayValue r;
      for (int i = 0; i < k; i++) {
        r.dims.push_back(1);
        r.lbounds.push_back((int)idx[i]);
      }
      r.items.push_back(v);
      return result_array(ctx, elem, r);
    }
    if (k != a.ndims()) subscript_error("wrong number of array subscripts");
    if (k == 1) {
      int64_t lb = a.lbounds[0], ub = lb + a.dims[0] - 1;
      if (std::max(ub, idx[0]) - std::min(lb, idx[0]) + 1 > 134217727)
        throw PgError(sqlstate::kProgramLimitExceeded, "array size exceeds the maximum allowed (134217727)");
      if (idx[0] < lb) {
        a.items.insert(a.items.begin(), size_t(lb - idx[0]), Datum::null());
        a.lbounds[0] = (int)idx[0];
      } else if (idx[0] > ub) {
        a.items.resize(a.items.size() + size_t(idx[0] - ub), Datum::null());
      }
      a.dims[0] = (int)a.items.size();
      a.items[size_t(idx[0] - a.lbounds[0])] = v;
      return result_array(ctx, elem, a);
    }
    size_t off = 0;
    for (int d = 0; d < k; d++) {
      if (idx[d] < a.lbounds[d] || idx[d] >= (int64_t)a.lbounds[d] + a.dims[d]) subscript_error("array subscript out of range");
      off = off * a.dims[d] + size_t(idx[d] - a.lbounds[d]);
    }
    a.items[off] = v;
    result_array(ctx, elem, a);
  });
}

// pg_array_set_slice(arr, elem, src, omitted_mask, lo1, hi1, ..., lok, hik):
// arr[lo1:hi1]...[lok:hik] = src (array_set_slice). A set mask bit marks an omitted bound (the
// array's own). A NULL arr is an empty array; a NULL src leaves the array as it is. src is read
// in storage order whatever its shape; a one-dimensional array grows as needed (gaps NULL).
void array_set_slice(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Oid elem = oid_arg(argv[1]);
    int64_t mask = sqlite3_value_int64(argv[3]);
    int k = (argc - 4) / 2;
    std::vector<int64_t> lo(k), hi(k);
    std::vector<bool> lo_given(k), hi_given(k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < 2; j++) {
        bool given = !(mask >> (2 * i + j) & 1);
        sqlite3_value* v = argv[4 + 2 * i + j];
        if (given && is_null(v)) throw PgError("22004", "array subscript in assignment must not be null");
        (j ? hi_given : lo_given)[i] = given;
        (j ? hi : lo)[i] = given ? sqlite3_value_int64(v) : 0;
      }
    }
    ArrayValue a = is_null(argv[0]) ? ArrayValue() : array_arg(argv[0], elem);
    if (is_null(argv[2])) return result_array(ctx, elem, a);
    ArrayValue src = array_arg(argv[2], elem);
    auto check_size = [](const std::vector<int64_t>& dims) {
      int64_t n = 1;
      for (int64_t d : dims) {
        if (d < 0 || (d > 0 && n > 134217727 / d) || n * d > 134217727)
          throw PgError(sqlstate::kProgramLimitExceeded, "array size exceeds the maximum allowed (134217727)");
        n *= d;
      }
      return n;
    };
    if (a.empty()) {
      std::vector<int64_t> dims;
      for (int i = 0; i < k; i++) {
        if (!lo_given[i] || !hi_given[i])
          subscript_error("array slice subscript must provide both boundaries",
                          "When assigning to a slice of an empty array value, slice boundaries must be fully specified.");
        dims.push_back(hi[i] - lo[i] + 1);
      }
      int64_t n = check_size(dims);
      if ((int64_t)src.items.size() < n) subscript_error("source array too small");
      ArrayValue r;
      for (int i = 0; i < k; i++) {
        r.dims.push_back((int)dims[i]);
        r.lbounds.push_back((int)lo[i]);
      }
      r.items.assign(src.items.begin(), src.items.begin() + n);
      if (n == 0) r = ArrayValue();
      return result_array(ctx, elem, r);
    }
    int nd = a.ndims();
    if (nd < k) subscript_error("wrong number of array subscripts");
    std::vector<int64_t> dims(a.dims.begin(), a.dims.end()), lbs(a.lbounds.begin(), a.lbounds.end());
    lo.resize(nd);
    hi.resize(nd);
    lo_given.resize(nd, false);
    hi_given.resize(nd, false);
    int64_t before = 0, after = 0;
    for (int d = 0; d < nd; d++) {
      if (!lo_given[d]) lo[d] = lbs[d];
      if (!hi_given[d]) hi[d] = dims[d] + lbs[d] - 1;
      if (lo[d] > hi[d]) subscript_error("upper bound cannot be less than lower bound");
      if (nd > 1 && (lo[d] < lbs[d] || hi[d] >= dims[d] + lbs[d])) subscript_error("array subscript out of range");
    }
    if (nd == 1) {
      if (lo[0] < lbs[0]) before = lbs[0] - lo[0];
      if (hi[0] >= dims[0] + lbs[0]) after = hi[0] - (dims[0] + lbs[0]) + 1;
      dims[0] += before + after;
      lbs[0] -= before;
    }
    check_size(dims);
    std::vector<int64_t> span(nd);
    for (int d = 0; d < nd; d++) span[d] = hi[d] - lo[d] + 1;
    int64_t nsrc = check_size(span);
    if (nsrc > (int64_t)src.items.size()) subscript_error("source array too small");
    if (nd == 1) {
      a.items.insert(a.items.begin(), size_t(before), Datum::null());
      a.items.resize(a.items.size() + size_t(after), Datum::null());
      a.dims[0] = (int)dims[0];
      a.lbounds[0] = (int)lbs[0];
    }
    std::vector<int64_t> idx(nd, 0);
    for (int64_t s = 0; s < nsrc; s++) {
      size_t off = 0;
      for (int d = 0; d < nd; d++) off = off * size_t(dims[d]) + size_t(lo[d] - lbs[d] + idx[d]);
      a.items[off] = src.items[s];
      int d = nd - 1;
      while (d >= 0 && ++idx[d] >= span[d]) idx[d--] = 0;
    }
    result_array(ctx, elem, a);
  });
}

// pg_trim_array(arr, elem, n): arr without its last n elements (of the first dimension),
// lower bounds reset to 1 as array_get_slice does.
void trim_array(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[2])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[1]);
    ArrayValue a = array_arg(argv[0], elem);
    int64_t n = sqlite3_value_int64(argv[2]);
    int len = a.ndims() ? a.dims[0] : 0;
    if (n < 0 || n > len)
      subscript_error("number of elements to trim must be between 0 and " + std::to_string(len));
    if (a.ndims() == 0) return result_array(ctx, elem, a);
    size_t inner = len ? a.items.size() / size_t(len) : 0;
    a.dims[0] = int(len - n);
    a.items.resize(size_t(a.dims[0]) * inner);
    for (int& lb : a.lbounds) lb = 1;
    if (a.items.empty()) a = ArrayValue();
    result_array(ctx, elem, a);
  });
}

// pg_array_fill(value, elem, dims int[] [, lbounds int[]]).
void array_fill(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Oid elem = oid_arg(argv[1]);
    if (is_null(argv[2]) || (argc > 3 && is_null(argv[3])))
      throw PgError("22004", "dimension array or low bound array cannot be null");
    ArrayValue dims = array_arg(argv[2], oid::kInt4);
    ArrayValue lbs = argc > 3 ? array_arg(argv[3], oid::kInt4) : ArrayValue();
    if (dims.ndims() > 1) subscript_error("wrong number of array subscripts", "Dimension array must be one dimensional.");
    if (argc > 3 && lbs.ndims() > 1) subscript_error("wrong number of array subscripts", "Dimension array must be one dimensional.");
    if (argc > 3 && lbs.items.size() != dims.items.size())
      subscript_error("wrong number of array subscripts", "Low bound array has different size than dimensions array.");
    if (dims.items.size() > (size_t)kMaxArrayDims)
      throw PgError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(dims.items.size()) +
                                                         ") exceeds the maximum allowed (6)");
    ArrayValue r;
    int64_t n = 1;
    for (size_t i = 0; i < dims.items.size(); i++) {
      if (dims.items[i].is_null() || (argc > 3 && lbs.items[i].is_null()))
        throw PgError("22004", "dimension values cannot be null");
      int64_t d = dims.items[i].i;
      n *= d;
      if (d < 0 || n > 134217727)
        throw PgError(sqlstate::kProgramLimitExceeded, "array size exceeds the maximum allowed (134217727)");
      r.dims.push_back((int)d);
      r.lbounds.push_back(argc > 3 ? (int)lbs.items[i].i : 1);
    }
    if (dims.items.empty() || n == 0) return result_array(ctx, elem, ArrayValue());
    r.items.assign(size_t(n), Datum::from_sqlite(argv[0]));
    result_array(ctx, elem, r);
  });
}

void array_eq(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[2]);
    sqlite3_result_int(ctx, array_equal(elem, array_arg(argv[0], elem), array_arg(argv[1], elem)));
  });
}

void array_cmp(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[2]);
    sqlite3_result_int(ctx, array_compare(elem, array_arg(argv[0], elem), array_arg(argv[1], elem)));
  });
}

// Does `a` contain every element of `b`? NULL elements never match (array_contain_compare).
bool contains(Oid elem, const ArrayValue& a, const ArrayValue& b, bool any) {
  for (const Datum& y : b.items) {
    bool found = false;
    if (!y.is_null())
      for (const Datum& x : a.items)
        if (!x.is_null() && datum_compare(elem, x, y) == 0) { found = true; break; }
    if (any && found) return true;
    if (!any && !found) return false;
  }
  return !any;
}

void array_contains(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[2]);
    sqlite3_result_int(ctx, contains(elem, array_arg(argv[0], elem), array_arg(argv[1], elem), false));
  });
}

void array_overlap(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[2]);
    sqlite3_result_int(ctx, contains(elem, array_arg(argv[0], elem), array_arg(argv[1], elem), true));
  });
}

[[noreturn]] void cannot_concatenate(const std::string& detail) {
  subscript_error("cannot concatenate incompatible arrays", detail);
}

// array_cat: same dimensions along the first axis, or one more dimension on either side.
void array_cat(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Oid elem = oid_arg(argv[2]);
    if (is_null(argv[0]) && is_null(argv[1])) return sqlite3_result_null(ctx);
    if (is_null(argv[0])) return sqlite3_result_value(ctx, argv[1]);
    if (is_null(argv[1])) return sqlite3_result_value(ctx, argv[0]);
    ArrayValue a = array_arg(argv[0], elem), b = array_arg(argv[1], elem);
    if (a.empty()) return result_array(ctx, elem, b);
    if (b.empty()) return result_array(ctx, elem, a);
    ArrayValue r;
    int n1 = a.ndims(), n2 = b.ndims();
    if (n1 == n2) {
      for (int i = 1; i < n1; i++)
        if (a.dims[i] != b.dims[i] || a.lbounds[i] != b.lbounds[i])
          cannot_concatenate("Arrays with differing element dimensions are not compatible for concatenation.");
      r.dims = a.dims;
      r.lbounds = a.lbounds;
      r.dims[0] += b.dims[0];
    } else if (n1 == n2 - 1) {
      r.dims = b.dims;
      r.lbounds = b.lbounds;
      r.dims[0] += 1;
      for (int i = 0; i < n1; i++)
        if (a.dims[i] != r.dims[i + 1] || a.lbounds[i] != r.lbounds[i + 1])
          cannot_concatenate("Arrays with differing dimensions are not compatible for concatenation.");
    } else if (n1 - 1 == n2) {
      r.dims = a.dims;
      r.lbounds = a.lbounds;
      r.dims[0] += 1;
      for (int i = 0; i < n2; i++)
        if (b.dims[i] != r.dims[i + 1] || b.lbounds[i] != r.lbounds[i + 1])
          cannot_concatenate("Arrays with differing dimensions are not compatible for concatenation.");
    } else {
      cannot_concatenate("Arrays of " + std::to_string(n1) + " and " + std::to_string(n2) +
                         " dimensions are not compatible for concatenation.");
    }
    r.items = std::move(a.items);
    r.items.insert(r.items.end(), b.items.begin(), b.items.end());
    result_array(ctx, elem, r);
  });
}

void push_element(sqlite3_context* ctx, sqlite3_value* arr, sqlite3_value* x, Oid elem, bool front) {
  ArrayValue a = is_null(arr) ? ArrayValue() : array_arg(arr, elem);
  Datum v = Datum::from_sqlite(x);
  if (a.empty()) return result_array(ctx, elem, ArrayValue::vector({v}));
  if (a.ndims() != 1) throw PgError("22000", "argument must be empty or one-dimensional array");
  if (front) a.items.insert(a.items.begin(), v);
  else a.items.push_back(v);
  a.dims[0]++;
  result_array(ctx, elem, a);
}

void array_append(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] { push_element(ctx, argv[0], argv[1], oid_arg(argv[2]), false); });
}
void array_prepend(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] { push_element(ctx, argv[1], argv[0], oid_arg(argv[2]), true); });
}

// Functions of the array alone: pg_array_length/lower/upper(arr, dim), ndims, dims, cardinality.
template <int Which>
void array_dim_info(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    ArrayValue a = array_arg(argv[0], oid::kText);  // dimensions only: any element type parses
    int64_t d = sqlite3_value_int64(argv[1]);
    if (d < 1 || d > a.ndims()) return sqlite3_result_null(ctx);
    int lb = a.lbounds[d - 1], n = a.dims[d - 1];
    sqlite3_result_int64(ctx, Which == 0 ? n : Which == 1 ? lb : (int64_t)lb + n - 1);
  });
}

void array_ndims(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    ArrayValue a = array_arg(argv[0], oid::kText);
    if (a.empty()) return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, a.ndims());
  });
}

void array_dims(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    ArrayValue a = array_arg(argv[0], oid::kText);
    if (a.empty()) return sqlite3_result_null(ctx);
    std::string s;
    for (int i = 0; i < a.ndims(); i++)
      s += "[" + std::to_string(a.lbounds[i]) + ":" + std::to_string((int64_t)a.lbounds[i] + a.dims[i] - 1) + "]";
    result_text(ctx, s);
  });
}

void array_cardinality(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    sqlite3_result_int64(ctx, (int64_t)array_arg(argv[0], oid::kText).items.size());
  });
}

// array_position(arr, x, elem [, start]) and array_positions(arr, x, elem): IS NOT DISTINCT FROM.
void array_position(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[2]);
    ArrayValue a = array_arg(argv[0], elem);
    if (a.ndims() > 1)
      throw PgError(sqlstate::kFeatureNotSupported, "searching for elements in multidimensional arrays is not supported");
    if (a.empty()) return sqlite3_result_null(ctx);
    int64_t lb = a.lbounds[0], start = lb;
    if (argc > 3) {
      if (is_null(argv[3])) throw PgError("22004", "initial position must not be null");
      start = sqlite3_value_int64(argv[3]);
    }
    Datum x = Datum::from_sqlite(argv[1]);
    for (size_t i = 0; i < a.items.size(); i++) {
      if ((int64_t)i + lb < start) continue;
      if (elements_equal(elem, a.items[i], x)) return sqlite3_result_int64(ctx, (int64_t)i + lb);
    }
    sqlite3_result_null(ctx);
  });
}

void array_positions(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[2]);
    ArrayValue a = array_arg(argv[0], elem);
    if (a.ndims() > 1)
      throw PgError(sqlstate::kFeatureNotSupported, "searching for elements in multidimensional arrays is not supported");
    Datum x = Datum::from_sqlite(argv[1]);
    std::vector<Datum> hits;
    for (size_t i = 0; i < a.items.size(); i++)
      if (elements_equal(elem, a.items[i], x)) hits.push_back(Datum::integer((int64_t)i + a.lbounds[0]));
    result_array(ctx, oid::kInt4, ArrayValue::vector(std::move(hits)));
  });
}

void array_remove(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[2]);
    ArrayValue a = array_arg(argv[0], elem);
    if (a.ndims() > 1)
      throw PgError(sqlstate::kFeatureNotSupported, "removing elements from multidimensional arrays is not supported");
    if (a.empty()) return result_array(ctx, elem, a);
    Datum x = Datum::from_sqlite(argv[1]);
    std::vector<Datum> keep;
    for (auto& d : a.items)
      if (!elements_equal(elem, d, x)) keep.push_back(d);
    if (keep.empty()) return result_array(ctx, elem, ArrayValue());
    a.dims[0] = (int)keep.size();
    a.items = std::move(keep);
    result_array(ctx, elem, a);
  });
}

void array_replace(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[3]);
    ArrayValue a = array_arg(argv[0], elem);
    Datum x = Datum::from_sqlite(argv[1]), y = Datum::from_sqlite(argv[2]);
    for (auto& d : a.items)
      if (elements_equal(elem, d, x)) d = y;
    result_array(ctx, elem, a);
  });
}

// array_to_string(arr, elem, delimiter [, null_string]).
void array_to_string(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[2])) return sqlite3_result_null(ctx);
    Oid elem = oid_arg(argv[1]);
    ArrayValue a = array_arg(argv[0], elem);
    std::string delim = text_of(argv[2]);
    bool have_null = argc > 3 && !is_null(argv[3]);
    std::string null_str = have_null ? text_of(argv[3]) : "";
    std::string out;
    bool first = true;
    for (auto& d : a.items) {
      if (d.is_null() && !have_null) continue;
      if (!first) out += delim;
      first = false;
      out += d.is_null() ? null_str : element_to_text(elem, d);
    }
    result_text(ctx, out);
  });
}

// string_to_array(text, delimiter [, null_string]).
void string_to_array(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    std::string s = text_of(argv[0]);
    bool have_null = argc > 2 && !is_null(argv[2]);
    std::string null_str = have_null ? text_of(argv[2]) : "";
    std::vector<std::string> parts;
    if (s.empty()) return result_array(ctx, oid::kText, ArrayValue());
    if (is_null(argv[1])) {
      for (size_t i = 0; i < s.size();) {  // one element per character
        unsigned char b = (unsigned char)s[i];
        size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
        parts.push_back(s.substr(i, len));
        i += len;
      }
    } else {
      std::string delim = text_of(argv[1]);
      if (delim.empty()) {
        parts.push_back(s);
      } else {
        size_t start = 0, p;
        while ((p = s.find(delim, start)) != std::string::npos) {
          parts.push_back(s.substr(start, p - start));
          start = p + delim.size();
        }
        parts.push_back(s.substr(start));
      }
    }
    std::vector<Datum> items;
    for (auto& p : parts) items.push_back(have_null && p == null_str ? Datum::null() : Datum::text(p));
    result_array(ctx, oid::kText, ArrayValue::vector(std::move(items)));
  });
}

bool is_int_type(Oid t) { return t == oid::kInt2 || t == oid::kInt4 || t == oid::kInt8 || t == oid::kOid; }

// One element cast between scalar types, as PostgreSQL's cast functions do it for the
// numeric types (rounding, range checks) and through text otherwise.
Datum cast_element(const Datum& d, Oid from, Oid to) {
  if (d.is_null() || from == to) return d;
  int bits = to == oid::kInt2 ? 16 : to == oid::kInt4 ? 32 : 64;
  auto check_range = [&](double v) {
    double lim = std::ldexp(1.0, bits - 1);
    if (!(v >= -lim && v < lim))
      throw PgError(sqlstate::kNumericValueOutOfRange,
                    std::string(bits == 16 ? "smallint" : bits == 32 ? "integer" : "bigint") + " out of range");
  };
  if (is_int_type(to) && (from == oid::kFloat4 || from == oid::kFloat8)) {
    double v = 0;
    datum_to_double(d, v);
    v = std::nearbyint(v);
    check_range(v);
    return Datum::integer((int64_t)v);
  }
  if (is_int_type(to) && from == oid::kNumeric) {
    Numeric n = Numeric::decode(d.s).apply_typmod(make_numeric_typmod(1000, 0));
    return type_input(to, -1, n.to_string());
  }
  if (is_int_type(to) && from == oid::kBool) return Datum::integer(d.i != 0);
  if (from == oid::kBool && (to == oid::kText || to == oid::kVarchar || to == oid::kBpchar))
    return Datum::text(d.i ? "true" : "false");
  if (from == oid::kBpchar && (to == oid::kText || to == oid::kVarchar)) {
    std::string s = d.s;
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return Datum::text(s);
  }
  return type_input(to, -1, element_to_text(from, d));
}

// pg_array_cast(arr, from_elem, to_elem).
void array_cast(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    Oid from = oid_arg(argv[1]), to = oid_arg(argv[2]);
    ArrayValue a = array_arg(argv[0], from);
    for (auto& d : a.items) d = cast_element(d, from, to);
    result_array(ctx, to, a);
  });
}

// array_agg over scalars (one aggregate per element type: pg_array_agg_<oid>) and over
// arrays (pg_array_agg_array_<oid>: one more dimension).
struct AggTag {
  RuntimeContext* rc;
  Oid elem;
};

// guarded() for the aggregates, whose user data is an AggTag rather than the RuntimeContext.
template <class F>
void agg_guarded(sqlite3_context* ctx, F&& body) {
  auto* tag = static_cast<AggTag*>(sqlite3_user_data(ctx));
  try {
    body(tag->elem);
  } catch (const PgError& e) {
    if (tag->rc && !tag->rc->pending_error) tag->rc->pending_error = e.error;
    sqlite3_result_error(ctx, e.error.message.c_str(), -1);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  }
}

struct ArrayAggState {
  std::deque<Datum> items;  // a window frame drops rows from the front
  std::vector<int> sub_dims, sub_lbs;
};

template <bool OfArrays>
void agg_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto** slot = static_cast<ArrayAggState**>(sqlite3_aggregate_context(ctx, sizeof(ArrayAggState*)));
  if (!slot) return sqlite3_result_error_nomem(ctx);
  agg_guarded(ctx, [&](Oid) {
    if (!*slot) *slot = new ArrayAggState();
    ArrayAggState& st = **slot;
    if (!OfArrays) {
      st.items.push_back(Datum::from_sqlite(argv[0]));
      return;
    }
    if (is_null(argv[0])) throw PgError("22004", "cannot accumulate null arrays");
    ArrayValue a = array_from_storage(oid::kText, text_of(argv[0]));  // dims only
    if (a.empty()) subscript_error("cannot accumulate empty arrays");
    if (st.items.empty()) {
      st.sub_dims = a.dims;
      st.sub_lbs = a.lbounds;
    } else if (a.dims != st.sub_dims || a.lbounds != st.sub_lbs) {
      subscript_error("cannot accumulate arrays of different dimensionality");
    }
    if ((int)a.dims.size() + 1 > kMaxArrayDims)
      throw PgError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(a.dims.size() + 1) +
                                                         ") exceeds the maximum allowed (6)");
    st.items.push_back(Datum::text(text_of(argv[0])));
  });
}

template <bool OfArrays>
void agg_emit(sqlite3_context* ctx, const ArrayAggState* st, Oid elem) {
  if (!st || st->items.empty()) return sqlite3_result_null(ctx);
  if (!OfArrays) return result_array(ctx, elem, ArrayValue::vector(std::vector<Datum>(st->items.begin(), st->items.end())));
  ArrayValue r;
  r.dims.push_back((int)st->items.size());
  r.lbounds.push_back(1);
  r.dims.insert(r.dims.end(), st->sub_dims.begin(), st->sub_dims.end());
  r.lbounds.insert(r.lbounds.end(), st->sub_lbs.begin(), st->sub_lbs.end());
  for (auto& sub : st->items) {
    ArrayValue a = array_from_storage(elem, sub.s);
    r.items.insert(r.items.end(), a.items.begin(), a.items.end());
  }
  result_array(ctx, elem, r);
}

template <bool OfArrays>
void agg_final(sqlite3_context* ctx) {
  auto** slot = static_cast<ArrayAggState**>(sqlite3_aggregate_context(ctx, 0));
  std::unique_ptr<ArrayAggState> st(slot ? *slot : nullptr);
  if (slot) *slot = nullptr;
  agg_guarded(ctx, [&](Oid elem) { agg_emit<OfArrays>(ctx, st.get(), elem); });
}

// Window use: the current frame's result, and dropping the frame's first row.
template <bool OfArrays>
void agg_value(sqlite3_context* ctx) {
  auto** slot = static_cast<ArrayAggState**>(sqlite3_aggregate_context(ctx, 0));
  agg_guarded(ctx, [&](Oid elem) { agg_emit<OfArrays>(ctx, slot ? *slot : nullptr, elem); });
}

template <bool OfArrays>
void agg_inverse(sqlite3_context* ctx, int, sqlite3_value**) {
  auto** slot = static_cast<ArrayAggState**>(sqlite3_aggregate_context(ctx, 0));
  if (slot && *slot && !(*slot)->items.empty()) (*slot)->items.pop_front();
}

// Collation pg_array_<elem>: PostgreSQL's array order for ORDER BY, min/max and DISTINCT.
int collate_arrays(void* arg, int n1, const void* p1, int n2, const void* p2) {
  Oid elem = static_cast<Oid>(reinterpret_cast<intptr_t>(arg));
  std::string_view a(static_cast<const char*>(p1), size_t(n1)), b(static_cast<const char*>(p2), size_t(n2));
  try {
    return array_compare(elem, array_from_storage(elem, a), array_from_storage(elem, b));
  } catch (...) {
    int c = a.compare(b);  // not an array this build wrote: byte order
    return c < 0 ? -1 : c > 0;
  }
}

}  // namespace

void register_array_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; Fn fn; };
  static const F fns[] = {
      {"pg_array_build", -1, array_build},
      {"pg_array_build_md", -1, array_build_md},
      {"pg_array_subscript", -1, array_subscript},
      {"pg_array_slice", -1, array_slice},
      {"pg_array_set", -1, array_set},
      {"pg_array_set_slice", -1, array_set_slice},
      {"pg_trim_array", 3, trim_array},
      {"pg_array_fill", 3, array_fill},
      {"pg_array_fill", 4, array_fill},
      {"pg_array_eq", 3, array_eq},
      {"pg_array_cmp", 3, array_cmp},
      {"pg_array_contains", 3, array_contains},
      {"pg_array_overlap", 3, array_overlap},
      {"pg_array_cat", 3, array_cat},
      {"pg_array_append", 3, array_append},
      {"pg_array_prepend", 3, array_prepend},
      {"pg_array_length", 2, array_dim_info<0>},
      {"pg_array_lower", 2, array_dim_info<1>},
      {"pg_array_upper", 2, array_dim_info<2>},
      {"pg_array_ndims", 1, array_ndims},
      {"pg_array_dims", 1, array_dims},
      {"pg_array_cardinality", 1, array_cardinality},
      {"pg_array_position", 3, array_position},
      {"pg_array_position", 4, array_position},
      {"pg_array_positions", 3, array_positions},
      {"pg_array_remove", 3, array_remove},
      {"pg_array_replace", 4, array_replace},
      {"pg_array_to_string", 3, array_to_string},
      {"pg_array_to_string", 4, array_to_string},
      {"pg_string_to_array", 2, string_to_array},
      {"pg_string_to_array", 3, string_to_array},
      {"pg_array_cast", 3, array_cast},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
  for (Oid elem : kElementTypes) register_array_element_functions(db, rc, elem);
}

void register_array_element_functions(sqlite3* db, RuntimeContext* rc, Oid elem) {
  void* tag = reinterpret_cast<void*>(static_cast<intptr_t>(elem));
  std::string suffix = std::to_string(elem);
  sqlite3_create_collation_v2(db, ("pg_array_" + suffix).c_str(), SQLITE_UTF8, tag, collate_arrays, nullptr);
  auto destroy = [](void* p) { delete static_cast<AggTag*>(p); };
  sqlite3_create_window_function(db, ("pg_array_agg_" + suffix).c_str(), 1, SQLITE_UTF8, new AggTag{rc, elem},
                                 agg_step<false>, agg_final<false>, agg_value<false>, agg_inverse<false>, destroy);
  sqlite3_create_window_function(db, ("pg_array_agg_array_" + suffix).c_str(), 1, SQLITE_UTF8, new AggTag{rc, elem},
                                 agg_step<true>, agg_final<true>, agg_value<true>, agg_inverse<true>, destroy);
}

}  // namespace pgmicro
