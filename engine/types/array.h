// Arrays of the built-in scalar types: PostgreSQL's text input (array_in, PostgreSQL 15's
// errors) and output (array_out quoting), the storage encoding (JSON text that SQLite's JSON
// functions read, docs/storage-format.md) and PostgreSQL's array order (array_cmp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "types/datum.h"
#include "types/types.h"

namespace pgmicro {

inline constexpr int kMaxArrayDims = 6;  // PostgreSQL's MAXDIM

struct ArrayValue {
  std::vector<int> dims;     // length of each dimension; empty for an empty array
  std::vector<int> lbounds;  // lower bound of each dimension (1 unless given explicitly)
  std::vector<Datum> items;  // row-major, element storage encoding; Datum::null() for NULL
  int ndims() const { return (int)dims.size(); }
  bool empty() const { return items.empty(); }
  // A one-dimensional array with lower bound 1 (or the empty array if `values` is empty).
  static ArrayValue vector(std::vector<Datum> values);
};

// array_in: text form (with optional [m:n]= dimensions) -> value; element input with typmod.
ArrayValue array_parse_text(Oid elem, int32_t typmod, std::string_view text);
// array_out.
std::string array_format_text(Oid elem, const ArrayValue& a);
// Storage: JSON array (nested for more dimensions); non-default lower bounds as
// {"lbounds":[...],"items":[...]}.
std::string array_to_storage(Oid elem, const ArrayValue& a);
ArrayValue array_from_storage(Oid elem, std::string_view json);

// One element's text form (its type's output) and back (its type's input, no typmod).
std::string element_to_text(Oid elem, const Datum& d);
Datum element_from_text(Oid elem, std::string_view text);

// Order of two non-NULL values of one scalar type (PostgreSQL's btree comparison).
int datum_compare(Oid type, const Datum& a, const Datum& b);
// array_cmp (btree order: elements, then number of items, dimensions, lower bounds) and
// array_eq (same dimensions and lower bounds, equal elements; NULL equals NULL).
int array_compare(Oid elem, const ArrayValue& a, const ArrayValue& b);
bool array_equal(Oid elem, const ArrayValue& a, const ArrayValue& b);

// Applies an element typmod to every element (varchar(n)[], numeric(p,s)[]).
ArrayValue array_apply_typmod(Oid elem, int32_t typmod, ArrayValue a, bool explicit_cast);

}  // namespace pgmicro
