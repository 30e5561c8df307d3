// Assignment through subscripts and field names (analyze_assign_indirection.cpp).
#pragma once
#include <string>
#include "analyze/analyzer.h"

struct ResTarget;

namespace pgmicro {

// The value of a column (or of a part of it) of `type` whose old value is `current`, with
// rt->indirection[start…] assigned `value`; PostgreSQL's errors at rt->location. column_location:
// where errors about the column itself point (UPDATE's column reference; -1 for INSERT).
ExprPtr assign_indirection(Analyzer& a, ResTarget* rt, const std::string& colname, ExprPtr current, Oid type,
                           int32_t typmod, size_t start, ExprPtr value, int column_location = -1);

}  // namespace pgmicro
