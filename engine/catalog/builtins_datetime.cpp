// Date/time operators, functions and casts (PostgreSQL's date.c / timestamp.c families) as
// data; implementations in runtime/datetime_functions.cpp.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

static const OperatorDef kDatetimeOperators[] = {
    {"-", kDate, kDate, kInt4, "pg_date_diff($1, $2)"},
    {"+", kDate, kInt4, kDate, "pg_date_add($1, $2)"},
    {"+", kInt4, kDate, kDate, "pg_date_add($2, $1)"},
    {"-", kDate, kInt4, kDate, "pg_date_add($1, pg_int_neg($2, 32))"},
};

static const FunctionDef kDatetimeFunctions[] = {
    {"now", 0, {}, kTimestamptz, "pg_now()"},
};

static const CastDef kDatetimeCasts[] = {
    {kDate, kTimestamp, CastContext::Implicit, "pg_date_to_timestamp($1)"},
    {kTimestamp, kDate, CastContext::Assignment, "pg_timestamp_to_date($1)"},
};

BuiltinSpan::S<OperatorDef> datetime_operators() { return {kDatetimeOperators, sizeof kDatetimeOperators / sizeof *kDatetimeOperators}; }
BuiltinSpan::S<FunctionDef> datetime_functions() { return {kDatetimeFunctions, sizeof kDatetimeFunctions / sizeof *kDatetimeFunctions}; }
BuiltinSpan::S<CastDef> datetime_casts() { return {kDatetimeCasts, sizeof kDatetimeCasts / sizeof *kDatetimeCasts}; }

}  // namespace pgmicro
