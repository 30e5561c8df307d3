// Rows of the regex set-returning functions (regexp_matches, regexp_split_to_table), made by
// runtime/regex_functions.cpp and served by the table functions of table_functions.cpp.
#pragma once
#include <vector>
#include "runtime/function_context.h"

namespace pgmicro {

// argv: (string, pattern, flags). One row per match: the text[] of its groups (storage form).
std::vector<std::vector<Datum>> regexp_matches_rows(sqlite3_value** argv, RuntimeContext* rc);
// argv: (string, pattern, flags). One row per piece; `fn` names the function in errors.
std::vector<std::vector<Datum>> regexp_split_rows(sqlite3_value** argv, RuntimeContext* rc, const char* fn);

}  // namespace pgmicro
