// User-defined base types (CREATE TYPE name (INPUT = f, OUTPUT = f, LIKE = t)) whose I/O
// functions are PostgreSQL built-in (LANGUAGE internal) functions: the internal function
// names pgmicro maps onto its own implementations, and the bit-for-bit reinterpretation a
// binary-coercible cast (CREATE CAST … WITHOUT FUNCTION) does between types of one size.
#pragma once
#include <string>
#include <string_view>
#include "types/datum.h"
#include "types/types.h"

namespace pgmicro {

// A built-in function a LANGUAGE internal function may name.
struct InternalFunction {
  const char* name;
  Oid type;   // the type it belongs to
  char role;  // 'i' input function, 'o' output function, 'h' hash support function
};
// nullptr: not one pgmicro has (PostgreSQL's 42883 "there is no built-in function named").
const InternalFunction* find_internal_function(std::string_view name);
// The AS string of a LANGUAGE internal CREATE FUNCTION text ("" for other languages).
std::string internal_function_source(const std::string& create_function_text);

// The built-in type whose storage a type uses (a base type's LIKE type; others unchanged).
Oid physical_type(Oid type);
// Whether WITHOUT FUNCTION may cast between the two (same length and representation).
bool physically_compatible(Oid source, Oid target);
// The lowering template of a binary-coercible cast ("$1", or pg_reinterpret between sizes).
std::string binary_cast_template(Oid source, Oid target);
// The value of built-in type `from` read as the bits of built-in type `to`.
Datum reinterpret_datum(const Datum& v, Oid from, Oid to);

}  // namespace pgmicro
