// Array operators, functions and aggregates (PostgreSQL's arrayfuncs.c / array_userfuncs.c
// family) as data, declared with PostgreSQL 15's polymorphic signatures (anyarray,
// anycompatiblearray, ...). "$E" in a template is the resolved element type's OID; the
// implementations are in runtime/array_functions.cpp.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

#define ARRAY_CMP(OP, TEST) {OP, kAnyArray, kAnyArray, kBool, "(pg_array_cmp($1, $2, $E) " TEST ")"}

static const OperatorDef kArrayOperators[] = {
    {"=", kAnyArray, kAnyArray, kBool, "pg_array_eq($1, $2, $E)"},
    {"<>", kAnyArray, kAnyArray, kBool, "(NOT pg_array_eq($1, $2, $E))"},
    ARRAY_CMP("<", "< 0"), ARRAY_CMP("<=", "<= 0"), ARRAY_CMP(">", "> 0"), ARRAY_CMP(">=", ">= 0"),
    {"@>", kAnyArray, kAnyArray, kBool, "pg_array_contains($1, $2, $E)"},
    {"<@", kAnyArray, kAnyArray, kBool, "pg_array_contains($2, $1, $E)"},
    {"&&", kAnyArray, kAnyArray, kBool, "pg_array_overlap($1, $2, $E)"},
    {"||", kAnyCompatibleArray, kAnyCompatibleArray, kAnyCompatibleArray, "pg_array_cat($1, $2, $E)"},
    {"||", kAnyCompatibleArray, kAnyCompatible, kAnyCompatibleArray, "pg_array_append($1, $2, $E)"},
    {"||", kAnyCompatible, kAnyCompatibleArray, kAnyCompatibleArray, "pg_array_prepend($1, $2, $E)"},
};

static const FunctionDef kArrayFunctions[] = {
    {"array_length", 2, {kAnyArray, kInt4}, kInt4, "pg_array_length($1, $2)"},
    {"array_lower", 2, {kAnyArray, kInt4}, kInt4, "pg_array_lower($1, $2)"},
    {"array_upper", 2, {kAnyArray, kInt4}, kInt4, "pg_array_upper($1, $2)"},
    {"array_ndims", 1, {kAnyArray}, kInt4, "pg_array_ndims($1)"},
    {"array_dims", 1, {kAnyArray}, kText, "pg_array_dims($1)"},
    {"cardinality", 1, {kAnyArray}, kInt4, "pg_array_cardinality($1)"},
    {"array_fill", 2, {kAnyElement, kInt4Array}, kAnyArray, "pg_array_fill($1, $E, $2)"},
    {"array_fill", 3, {kAnyElement, kInt4Array, kInt4Array}, kAnyArray, "pg_array_fill($1, $E, $2, $3)"},
    {"array_append", 2, {kAnyCompatibleArray, kAnyCompatible}, kAnyCompatibleArray, "pg_array_append($1, $2, $E)"},
    {"array_prepend", 2, {kAnyCompatible, kAnyCompatibleArray}, kAnyCompatibleArray, "pg_array_prepend($1, $2, $E)"},
    {"array_cat", 2, {kAnyCompatibleArray, kAnyCompatibleArray}, kAnyCompatibleArray, "pg_array_cat($1, $2, $E)"},
    {"array_position", 2, {kAnyCompatibleArray, kAnyCompatible}, kInt4, "pg_array_position($1, $2, $E)"},
    {"array_position", 3, {kAnyCompatibleArray, kAnyCompatible, kInt4}, kInt4, "pg_array_position($1, $2, $E, $3)"},
    {"array_positions", 2, {kAnyCompatibleArray, kAnyCompatible}, kInt4Array, "pg_array_positions($1, $2, $E)"},
    {"array_remove", 2, {kAnyCompatibleArray, kAnyCompatible}, kAnyCompatibleArray, "pg_array_remove($1, $2, $E)"},
    {"array_replace", 3, {kAnyCompatibleArray, kAnyCompatible, kAnyCompatible}, kAnyCompatibleArray,
     "pg_array_replace($1, $2, $3, $E)"},
    {"array_to_string", 2, {kAnyArray, kText}, kText, "pg_array_to_string($1, $E, $2)"},
    {"array_to_string", 3, {kAnyArray, kText, kText}, kText, "pg_array_to_string($1, $E, $2, $3)"},
    {"trim_array", 2, {kAnyArray, kInt4}, kAnyArray, "pg_trim_array($1, $E, $2)"},
    {"string_to_array", 2, {kText, kText}, kTextArray, "pg_string_to_array($1, $2)"},
    {"string_to_array", 3, {kText, kText, kText}, kTextArray, "pg_string_to_array($1, $2, $3)"},
    {"array_agg", 1, {kAnyNonArray}, kAnyArray, "pg_array_agg_$E($1)", true},
    {"array_agg", 1, {kAnyArray}, kAnyArray, "pg_array_agg_array_$E($1)", true},
    // Set-returning functions (FROM only).
    {"unnest", 1, {kAnyArray}, kAnyElement, "pg_unnest($1, $E)", false, false, false, true},
    {"generate_subscripts", 2, {kAnyArray, kInt4}, kInt4, "pg_series_int(pg_array_lower($1, $2), pg_array_upper($1, $2), 1)",
     false, false, false, true},
    {"generate_subscripts", 3, {kAnyArray, kInt4, kBool}, kInt4,
     "pg_series_int(CASE WHEN $3 THEN pg_array_upper($1, $2) ELSE pg_array_lower($1, $2) END, "
     "CASE WHEN $3 THEN pg_array_lower($1, $2) ELSE pg_array_upper($1, $2) END, CASE WHEN $3 THEN -1 ELSE 1 END)",
     false, false, false, true},
    {"string_to_table", 2, {kText, kText}, kText, "pg_unnest(pg_string_to_array($1, $2), 25)", false, false, false, true},
    {"string_to_table", 3, {kText, kText, kText}, kText, "pg_unnest(pg_string_to_array($1, $2, $3), 25)", false, false,
     false, true},
    {"generate_series", 2, {kInt4, kInt4}, kInt4, "pg_series_int($1, $2, 1)", false, false, false, true},
    {"generate_series", 3, {kInt4, kInt4, kInt4}, kInt4, "pg_series_int($1, $2, $3)", false, false, false, true},
    {"generate_series", 2, {kInt8, kInt8}, kInt8, "pg_series_int($1, $2, 1)", false, false, false, true},
    {"generate_series", 3, {kInt8, kInt8, kInt8}, kInt8, "pg_series_int($1, $2, $3)", false, false, false, true},
    {"generate_series", 2, {kNumeric, kNumeric}, kNumeric, "pg_series_numeric($1, $2, pg_numeric_from_int(1))", false, false, false, true},
    {"generate_series", 3, {kNumeric, kNumeric, kNumeric}, kNumeric, "pg_series_numeric($1, $2, $3)", false, false,
     false, true},
    {"generate_series", 3, {kTimestamp, kTimestamp, kInterval}, kTimestamp, "pg_series_ts($1, $2, $3, 0)", false,
     false, false, true},
    {"generate_series", 3, {kTimestamptz, kTimestamptz, kInterval}, kTimestamptz, "pg_series_ts($1, $2, $3, 1)",
     false, false, false, true},
};

BuiltinSpan::S<OperatorDef> array_operators() { return {kArrayOperators, sizeof kArrayOperators / sizeof *kArrayOperators}; }
BuiltinSpan::S<FunctionDef> array_functions() { return {kArrayFunctions, sizeof kArrayFunctions / sizeof *kArrayFunctions}; }

}  // namespace pgmicro
