// Text input and output of every supported type, between PostgreSQL's text form and the
// SQLite storage encoding (docs/storage-format.md). Each type family implements its part
// in its own file (int.cpp, float.cpp, numeric.cpp, datetime.cpp, text.cpp, bool.cpp);
// this header is the dispatch surface the analyzer, runtime and result layer use.
#pragma once
#include <string>
#include <string_view>
#include "types/datum.h"
#include "types/types.h"

namespace pgmicro {

// Parses PostgreSQL text input for `type` and applies `typmod` (-1: none) as an
// assignment/explicit cast would. Throws PgError: 22P02 invalid input syntax, 22003 out of
// range, 22001 value too long, 22008 field overflow, 22007 invalid datetime format.
Datum type_input(Oid type, int32_t typmod, std::string_view text);

// Appends PostgreSQL's text output of a stored value of `type` (not NULL).
void type_output(Oid type, const Datum& value, std::string& out);
void type_output(Oid type, sqlite3_value* value, std::string& out);
std::string type_output(Oid type, const Datum& value);

// Applies a typmod to a value already of `type` (varchar(n) length check or truncation for
// explicit casts, bpchar padding, numeric(p,s) rounding and overflow, timestamp(p)).
Datum apply_typmod(Oid type, int32_t typmod, const Datum& value, bool explicit_cast);

// bytea_output: escape (true) or hex; the session sets it before each statement.
void set_bytea_output_escape(bool escape);

}  // namespace pgmicro
