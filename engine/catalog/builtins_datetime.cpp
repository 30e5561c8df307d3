// Date/time operators, functions and casts (PostgreSQL's date.c / timestamp.c families) as
// data; implementations in runtime/datetime_functions.cpp (kinds passed to the pg_dt_*
// functions: 0 date, 1 timestamp, 2 timestamptz, 3 interval, 4 time, 5 timetz; time and
// timetz in runtime/time_functions.cpp). date and timestamp are local
// times, timestamptz values UTC instants; conversions between them use the session's TimeZone.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

// Comparisons through a conversion of either side ($1/$2 templates).
#define CONV_CMP(L, R, A, B)                                          \
  {"=", L, R, kBool, "(" A " = " B ")"}, {"<>", L, R, kBool, "(" A " <> " B ")"}, \
  {"<", L, R, kBool, "(" A " < " B ")"}, {"<=", L, R, kBool, "(" A " <= " B ")"}, \
  {">", L, R, kBool, "(" A " > " B ")"}, {">=", L, R, kBool, "(" A " >= " B ")"}
// intervals compare by their 23-digit span prefix (30-day months, 24-hour days)
#define IV_CMP CONV_CMP(kInterval, kInterval, "substr($1, 1, 23)", "substr($2, 1, 23)")

static const OperatorDef kDatetimeOperators[] = {
    {"-", kDate, kDate, kInt4, "pg_date_diff($1, $2)"},
    {"+", kDate, kInt4, kDate, "pg_date_add($1, $2)"},
    {"+", kInt4, kDate, kDate, "pg_date_add($2, $1)"},
    {"-", kDate, kInt4, kDate, "pg_date_add($1, pg_int_neg($2, 32))"},
    CONV_CMP(kTimestamptz, kTimestamptz, "$1", "$2"),
    CONV_CMP(kDate, kTimestamp, "pg_dt_conv($1, 0, 1, 1)", "$2"),
    CONV_CMP(kTimestamp, kDate, "$1", "pg_dt_conv($2, 0, 1, 1)"),
    CONV_CMP(kDate, kTimestamptz, "pg_dt_conv($1, 0, 2, 1)", "$2"),
    CONV_CMP(kTimestamptz, kDate, "$1", "pg_dt_conv($2, 0, 2, 1)"),
    CONV_CMP(kTimestamp, kTimestamptz, "pg_dt_conv($1, 1, 2)", "$2"),
    CONV_CMP(kTimestamptz, kTimestamp, "$1", "pg_dt_conv($2, 1, 2)"),
    IV_CMP,
    // time: its output text; timetz: a prefix ordered as PostgreSQL (UTC time, then zone).
    CONV_CMP(kTime, kTime, "$1", "$2"),
    CONV_CMP(kTimetz, kTimetz, "$1", "$2"),
    {"+", kTime, kInterval, kTime, "pg_time_add_iv($1, 4, $2, 1)"},
    {"+", kInterval, kTime, kTime, "pg_time_add_iv($2, 4, $1, 1)"},
    {"-", kTime, kInterval, kTime, "pg_time_add_iv($1, 4, $2, -1)"},
    {"+", kTimetz, kInterval, kTimetz, "pg_time_add_iv($1, 5, $2, 1)"},
    {"+", kInterval, kTimetz, kTimetz, "pg_time_add_iv($2, 5, $1, 1)"},
    {"-", kTimetz, kInterval, kTimetz, "pg_time_add_iv($1, 5, $2, -1)"},
    {"-", kTime, kTime, kInterval, "pg_time_diff($1, $2)"},
    {"+", kDate, kTime, kTimestamp, "pg_date_time($1, $2, 4)"},
    {"+", kTime, kDate, kTimestamp, "pg_date_time($2, $1, 4)"},
    {"+", kDate, kTimetz, kTimestamptz, "pg_date_time($1, $2, 5)"},
    {"+", kTimetz, kDate, kTimestamptz, "pg_date_time($2, $1, 5)"},
    {"+", kInterval, kInterval, kInterval, "pg_iv_add($1, $2, 1)"},
    {"-", kInterval, kInterval, kInterval, "pg_iv_add($1, $2, -1)"},
    {"-", 0, kInterval, kInterval, "pg_iv_neg($1)"},
    {"+", 0, kInterval, kInterval, "$1"},
    {"*", kInterval, kFloat8, kInterval, "pg_iv_mul($1, $2, 0)"},
    {"*", kFloat8, kInterval, kInterval, "pg_iv_mul($2, $1, 0)"},
    {"/", kInterval, kFloat8, kInterval, "pg_iv_mul($1, $2, 1)"},
    {"+", kTimestamp, kInterval, kTimestamp, "pg_dt_add_iv($1, 1, $2, 1, 1)"},
    {"+", kInterval, kTimestamp, kTimestamp, "pg_dt_add_iv($2, 1, $1, 1, 1)"},
    {"-", kTimestamp, kInterval, kTimestamp, "pg_dt_add_iv($1, 1, $2, -1, 1)"},
    {"+", kTimestamptz, kInterval, kTimestamptz, "pg_dt_add_iv($1, 2, $2, 1, 2)"},
    {"+", kInterval, kTimestamptz, kTimestamptz, "pg_dt_add_iv($2, 2, $1, 1, 2)"},
    {"-", kTimestamptz, kInterval, kTimestamptz, "pg_dt_add_iv($1, 2, $2, -1, 2)"},
    {"+", kDate, kInterval, kTimestamp, "pg_dt_add_iv($1, 0, $2, 1, 1)"},
    {"+", kInterval, kDate, kTimestamp, "pg_dt_add_iv($2, 0, $1, 1, 1)"},
    {"-", kDate, kInterval, kTimestamp, "pg_dt_add_iv($1, 0, $2, -1, 1)"},
    {"-", kTimestamp, kTimestamp, kInterval, "pg_dt_ts_diff($1, $2, 1)"},
    {"-", kTimestamptz, kTimestamptz, kInterval, "pg_dt_ts_diff($1, $2, 2)"},
};

static const FunctionDef kDatetimeFunctions[] = {
    {"now", 0, {}, kTimestamptz, "pg_now()"},
    {"transaction_timestamp", 0, {}, kTimestamptz, "pg_now()"},
    {"statement_timestamp", 0, {}, kTimestamptz, "pg_statement_timestamp()"},
    {"clock_timestamp", 0, {}, kTimestamptz, "pg_clock_timestamp()", false, true},
    {"justify_days", 1, {kInterval}, kInterval, "pg_justify_days($1)"},
    {"justify_hours", 1, {kInterval}, kInterval, "pg_justify_hours($1)"},
    {"justify_interval", 1, {kInterval}, kInterval, "pg_justify_interval($1)"},
    // isfinite: the infinities are stored as their text (docs/storage-format.md); no infinite intervals in 15
    {"isfinite", 1, {kDate}, kBool, "($1 NOT IN ('infinity', '-infinity'))"},
    {"isfinite", 1, {kTimestamp}, kBool, "($1 NOT IN ('infinity', '-infinity'))"},
    {"isfinite", 1, {kTimestamptz}, kBool, "($1 NOT IN ('infinity', '-infinity'))"},
    {"isfinite", 1, {kInterval}, kBool, "($1 IS NOT NULL OR NULL)"},
    {"age", 2, {kTimestamp, kTimestamp}, kInterval, "pg_dt_age($1, $2, 1)"},
    {"age", 2, {kTimestamptz, kTimestamptz}, kInterval, "pg_dt_age($1, $2, 2)"},
    {"age", 1, {kTimestamp}, kInterval, "pg_dt_age1($1, 1)"},
    {"age", 1, {kTimestamptz}, kInterval, "pg_dt_age1($1, 2)"},
    {"extract", 2, {kText, kDate}, kNumeric, "pg_dt_part($1, $2, 0, 1)"},
    {"extract", 2, {kText, kTimestamp}, kNumeric, "pg_dt_part($1, $2, 1, 1)"},
    {"extract", 2, {kText, kTimestamptz}, kNumeric, "pg_dt_part($1, $2, 2, 1)"},
    {"extract", 2, {kText, kInterval}, kNumeric, "pg_dt_part($1, $2, 3, 1)"},
    {"date_part", 2, {kText, kDate}, kFloat8, "pg_dt_part($1, pg_dt_conv($2, 0, 1), 1, 0)"},
    {"date_part", 2, {kText, kTimestamp}, kFloat8, "pg_dt_part($1, $2, 1, 0)"},
    {"date_part", 2, {kText, kTimestamptz}, kFloat8, "pg_dt_part($1, $2, 2, 0)"},
    {"date_part", 2, {kText, kInterval}, kFloat8, "pg_dt_part($1, $2, 3, 0)"},
    {"date_trunc", 2, {kText, kTimestamp}, kTimestamp, "pg_dt_trunc($1, $2, 1)"},
    {"date_trunc", 2, {kText, kTimestamptz}, kTimestamptz, "pg_dt_trunc($1, $2, 2)"},
    {"date_trunc", 2, {kText, kInterval}, kInterval, "pg_dt_trunc($1, $2, 3)"},
    {"timezone", 2, {kText, kTimestamp}, kTimestamptz, "pg_dt_timezone($1, $2, 1, 2)"},
    {"timezone", 2, {kText, kTimestamptz}, kTimestamp, "pg_dt_timezone($1, $2, 2, 1)"},
    {"timezone", 2, {kInterval, kTimestamp}, kTimestamptz, "pg_dt_izone($1, $2, 1, 2)"},
    {"timezone", 2, {kInterval, kTimestamptz}, kTimestamp, "pg_dt_izone($1, $2, 2, 1)"},
    {"date_trunc", 3, {kText, kTimestamptz, kText}, kTimestamptz, "pg_dt_trunc($1, $2, 2, $3)"},
    {"date_bin", 3, {kInterval, kTimestamp, kTimestamp}, kTimestamp, "pg_dt_bin($1, $2, $3, 1)"},
    {"date_bin", 3, {kInterval, kTimestamptz, kTimestamptz}, kTimestamptz, "pg_dt_bin($1, $2, $3, 2)"},
    {"sum", 1, {kInterval}, kInterval, "pg_sum_interval($1)", true},
    {"avg", 1, {kInterval}, kInterval, "pg_avg_interval($1)", true},
    {"make_date", 3, {kInt4, kInt4, kInt4}, kDate, "pg_make_date($1, $2, $3)"},
    {"make_time", 3, {kInt4, kInt4, kFloat8}, kTime, "pg_make_time($1, $2, $3)"},
    {"extract", 2, {kText, kTime}, kNumeric, "pg_time_part($1, $2, 4, 1)"},
    {"extract", 2, {kText, kTimetz}, kNumeric, "pg_time_part($1, $2, 5, 1)"},
    {"date_part", 2, {kText, kTime}, kFloat8, "pg_time_part($1, $2, 4, 0)"},
    {"date_part", 2, {kText, kTimetz}, kFloat8, "pg_time_part($1, $2, 5, 0)"},
    {"timezone", 2, {kText, kTimetz}, kTimetz, "pg_timetz_zone($1, $2)"},
    {"timezone", 2, {kInterval, kTimetz}, kTimetz, "pg_timetz_izone($1, $2)"},
    // More than three parameters: taken as VARIADIC "any" (text of each argument) and
    // checked at run time.
    {"make_timestamp", 1, {kAny}, kTimestamp, "pg_make_timestamp($*)", false, false, true},
    // make_timestamptz: the local time in the session's zone or in the given one (AT TIME ZONE).
    {"make_timestamptz", 6, {kInt4, kInt4, kInt4, kInt4, kInt4, kFloat8}, kTimestamptz,
     "pg_dt_conv(pg_make_timestamp($1, $2, $3, $4, $5, $6), 1, 2)"},
    {"make_timestamptz", 7, {kInt4, kInt4, kInt4, kInt4, kInt4, kFloat8, kText}, kTimestamptz,
     "pg_dt_timezone(pg_sane_timezone($7), pg_make_timestamp($1, $2, $3, $4, $5, $6), 1, 2)"},
    {"make_interval", 1, {kAny}, kInterval, "pg_make_interval($*)", false, false, true},
};

static const CastDef kDatetimeCasts[] = {
    {kDate, kTimestamp, CastContext::Implicit, "pg_dt_conv($1, 0, 1)"},
    {kTimestamp, kDate, CastContext::Assignment, "pg_dt_conv($1, 1, 0)"},
    {kDate, kTimestamptz, CastContext::Implicit, "pg_dt_conv($1, 0, 2)"},
    {kTimestamp, kTimestamptz, CastContext::Implicit, "pg_dt_conv($1, 1, 2)"},
    {kTimestamptz, kTimestamp, CastContext::Assignment, "pg_dt_conv($1, 2, 1)"},
    {kTimestamptz, kDate, CastContext::Assignment, "pg_dt_conv($1, 2, 0)"},
    {kTimestamp, kTime, CastContext::Assignment, "pg_time_conv($1, 1, 4)"},
    {kTimestamptz, kTime, CastContext::Assignment, "pg_time_conv($1, 2, 4)"},
    {kTimestamptz, kTimetz, CastContext::Assignment, "pg_time_conv($1, 2, 5)"},
    {kInterval, kTime, CastContext::Assignment, "pg_time_conv($1, 3, 4)"},
    {kTime, kInterval, CastContext::Implicit, "pg_time_conv($1, 4, 3)"},
    {kTime, kTimetz, CastContext::Implicit, "pg_time_conv($1, 4, 5)"},
    {kTimetz, kTime, CastContext::Assignment, "pg_time_conv($1, 5, 4)"},
};

BuiltinSpan::S<OperatorDef> datetime_operators() { return {kDatetimeOperators, sizeof kDatetimeOperators / sizeof *kDatetimeOperators}; }
BuiltinSpan::S<FunctionDef> datetime_functions() { return {kDatetimeFunctions, sizeof kDatetimeFunctions / sizeof *kDatetimeFunctions}; }
BuiltinSpan::S<CastDef> datetime_casts() { return {kDatetimeCasts, sizeof kDatetimeCasts / sizeof *kDatetimeCasts}; }

}  // namespace pgmicro
