// The data behind catalog/builtins.h. Integer, float and numeric arithmetic go through
// pg_* runtime functions (overflow, division by zero, NaN); comparisons of values whose
// SQLite storage order equals PostgreSQL's order stay native SQLite operators.
#include "catalog/builtins.h"
#include "catalog/builtins_money.h"
#include <initializer_list>
#include <vector>

namespace pgmicro {
using namespace oid;

#define INT_ARITH(L, R, RES, BITS)                                  \
  {"+", L, R, RES, "pg_int_add($1, $2, " #BITS ")"},                \
  {"-", L, R, RES, "pg_int_sub($1, $2, " #BITS ")"},                \
  {"*", L, R, RES, "pg_int_mul($1, $2, " #BITS ")"},                \
  {"/", L, R, RES, "pg_int_div($1, $2, " #BITS ")"},                \
  {"%", L, R, RES, "pg_int_mod($1, $2, " #BITS ")"}
#define NATIVE_CMP(L, R)                                            \
  {"=", L, R, kBool, "($1 = $2)"}, {"<>", L, R, kBool, "($1 <> $2)"}, \
  {"<", L, R, kBool, "($1 < $2)"}, {"<=", L, R, kBool, "($1 <= $2)"}, \
  {">", L, R, kBool, "($1 > $2)"}, {">=", L, R, kBool, "($1 >= $2)"}
#define FLOAT_ARITH(L, R, RES, BITS)                                \
  {"+", L, R, RES, "pg_float_add($1, $2, " #BITS ")"},              \
  {"-", L, R, RES, "pg_float_sub($1, $2, " #BITS ")"},              \
  {"*", L, R, RES, "pg_float_mul($1, $2, " #BITS ")"},              \
  {"/", L, R, RES, "pg_float_div($1, $2, " #BITS ")"}

static const OperatorDef kOperators[] = {
    INT_ARITH(kInt2, kInt2, kInt2, 16), INT_ARITH(kInt4, kInt4, kInt4, 32),
    INT_ARITH(kInt8, kInt8, kInt8, 64), INT_ARITH(kInt2, kInt4, kInt4, 32),
    INT_ARITH(kInt4, kInt2, kInt4, 32), INT_ARITH(kInt2, kInt8, kInt8, 64),
    INT_ARITH(kInt8, kInt2, kInt8, 64), INT_ARITH(kInt4, kInt8, kInt8, 64),
    INT_ARITH(kInt8, kInt4, kInt8, 64),
    NATIVE_CMP(kInt2, kInt2), NATIVE_CMP(kInt4, kInt4), NATIVE_CMP(kInt8, kInt8),
    NATIVE_CMP(kInt2, kInt4), NATIVE_CMP(kInt4, kInt2), NATIVE_CMP(kInt2, kInt8),
    NATIVE_CMP(kInt8, kInt2), NATIVE_CMP(kInt4, kInt8), NATIVE_CMP(kInt8, kInt4),
    {"-", 0, kInt2, kInt2, "pg_int_neg($1, 16)"}, {"-", 0, kInt4, kInt4, "pg_int_neg($1, 32)"},
    {"-", 0, kInt8, kInt8, "pg_int_neg($1, 64)"}, {"+", 0, kInt2, kInt2, "$1"},
    {"+", 0, kInt4, kInt4, "$1"}, {"+", 0, kInt8, kInt8, "$1"},
    FLOAT_ARITH(kFloat4, kFloat4, kFloat4, 32), FLOAT_ARITH(kFloat8, kFloat8, kFloat8, 64),
    FLOAT_ARITH(kFloat4, kFloat8, kFloat8, 64), FLOAT_ARITH(kFloat8, kFloat4, kFloat8, 64),
    NATIVE_CMP(kFloat4, kFloat4), NATIVE_CMP(kFloat8, kFloat8), NATIVE_CMP(kFloat4, kFloat8),
    NATIVE_CMP(kFloat8, kFloat4),
    {"-", 0, kFloat4, kFloat4, "pg_float_neg($1)"}, {"-", 0, kFloat8, kFloat8, "pg_float_neg($1)"},
    {"+", 0, kFloat4, kFloat4, "$1"}, {"+", 0, kFloat8, kFloat8, "$1"},
    {"+", kNumeric, kNumeric, kNumeric, "pg_numeric_add($1, $2)"},
    {"-", kNumeric, kNumeric, kNumeric, "pg_numeric_sub($1, $2)"},
    {"*", kNumeric, kNumeric, kNumeric, "pg_numeric_mul($1, $2)"},
    {"/", kNumeric, kNumeric, kNumeric, "pg_numeric_div($1, $2)"},
    {"%", kNumeric, kNumeric, kNumeric, "pg_numeric_mod($1, $2)"},
    {"-", 0, kNumeric, kNumeric, "pg_numeric_neg($1)"}, {"+", 0, kNumeric, kNumeric, "$1"},
    {"=", kNumeric, kNumeric, kBool, "(pg_numeric_cmp($1, $2) = 0)"},
    {"<>", kNumeric, kNumeric, kBool, "(pg_numeric_cmp($1, $2) <> 0)"},
    {"<", kNumeric, kNumeric, kBool, "(pg_numeric_cmp($1, $2) < 0)"},
    {"<=", kNumeric, kNumeric, kBool, "(pg_numeric_cmp($1, $2) <= 0)"},
    {">", kNumeric, kNumeric, kBool, "(pg_numeric_cmp($1, $2) > 0)"},
    {">=", kNumeric, kNumeric, kBool, "(pg_numeric_cmp($1, $2) >= 0)"},
    NATIVE_CMP(kText, kText), NATIVE_CMP(kBool, kBool), NATIVE_CMP(kDate, kDate),
    NATIVE_CMP(kTimestamp, kTimestamp),
    NATIVE_CMP(kUuid, kUuid),  // canonical lowercase text: byte order is uuid order
};

static const FunctionDef kFunctions[] = {
    {"abs", 1, {kInt2}, kInt2, "pg_int_abs($1, 16)"},
    {"abs", 1, {kInt4}, kInt4, "pg_int_abs($1, 32)"},
    {"abs", 1, {kInt8}, kInt8, "pg_int_abs($1, 64)"},
    {"abs", 1, {kFloat4}, kFloat4, "pg_float_abs($1)"},
    {"abs", 1, {kFloat8}, kFloat8, "pg_float_abs($1)"},
    {"abs", 1, {kNumeric}, kNumeric, "pg_numeric_abs($1)"},
    {"round", 1, {kFloat8}, kFloat8, "pg_float_round($1)"},
    {"round", 1, {kNumeric}, kNumeric, "pg_numeric_round($1, 0)"},
    {"round", 2, {kNumeric, kInt4}, kNumeric, "pg_numeric_round($1, $2)"},
    {"nextval", 1, {kRegclass}, kInt8, "pg_nextval($1)", false, true},
    {"gen_random_uuid", 0, {}, kUuid, "pg_gen_random_uuid()", false, true},
    {"random", 0, {}, kFloat8, "(random() / 18446744073709551616.0 + 0.5)", false, true},
    // Session state (session/session_functions.cpp).
    {"current_setting", 1, {kText}, kText, "pg_current_setting($1)", false, true},
    {"current_setting", 2, {kText, kBool}, kText, "pg_current_setting($1, $2)", false, true},
    {"set_config", 3, {kText, kText, kBool}, kText, "pg_set_config($1, $2, $3)", false, true},
    {"current_schema", 0, {}, kName, "pg_current_schema()", false, true},
    {"current_schemas", 1, {kBool}, kNameArray, "pg_current_schemas($1)", false, true},
    // Aggregates (count and min/max are handled in analyze/analyze_func.cpp).
    {"sum", 1, {kInt2}, kInt8, "pg_sum_int($1)", true},
    {"sum", 1, {kInt4}, kInt8, "pg_sum_int($1)", true},
    {"sum", 1, {kInt8}, kNumeric, "pg_sum_int8($1)", true},
    {"sum", 1, {kNumeric}, kNumeric, "pg_sum_numeric($1)", true},
    {"sum", 1, {kFloat4}, kFloat4, "pg_sum_float($1, 32)", true},
    {"sum", 1, {kFloat8}, kFloat8, "pg_sum_float($1, 64)", true},
    {"avg", 1, {kInt2}, kNumeric, "pg_avg_int($1)", true},
    {"avg", 1, {kInt4}, kNumeric, "pg_avg_int($1)", true},
    {"avg", 1, {kInt8}, kNumeric, "pg_avg_int($1)", true},
    {"avg", 1, {kNumeric}, kNumeric, "pg_avg_numeric($1)", true},
    {"avg", 1, {kFloat4}, kFloat8, "pg_avg_float($1)", true},
    {"avg", 1, {kFloat8}, kFloat8, "pg_avg_float($1)", true},
    {"bool_and", 1, {kBool}, kBool, "min($1)", true},
    {"bool_or", 1, {kBool}, kBool, "max($1)", true},
    {"every", 1, {kBool}, kBool, "min($1)", true},
};

static const CastDef kCasts[] = {
    {kInt2, kInt4, CastContext::Implicit, "$1"},
    {kInt2, kInt8, CastContext::Implicit, "$1"},
    {kInt4, kInt8, CastContext::Implicit, "$1"},
    {kInt4, kInt2, CastContext::Assignment, "pg_int_narrow($1, 16)"},
    {kInt8, kInt2, CastContext::Assignment, "pg_int_narrow($1, 16)"},
    {kInt8, kInt4, CastContext::Assignment, "pg_int_narrow($1, 32)"},
    {kInt2, kFloat4, CastContext::Implicit, "pg_to_float4($1)"},
    {kInt4, kFloat4, CastContext::Implicit, "pg_to_float4($1)"},
    {kInt8, kFloat4, CastContext::Implicit, "pg_to_float4($1)"},
    {kInt2, kFloat8, CastContext::Implicit, "CAST($1 AS REAL)"},
    {kInt4, kFloat8, CastContext::Implicit, "CAST($1 AS REAL)"},
    {kInt8, kFloat8, CastContext::Implicit, "CAST($1 AS REAL)"},
    {kInt2, kNumeric, CastContext::Implicit, "pg_numeric_from_int($1)"},
    {kInt4, kNumeric, CastContext::Implicit, "pg_numeric_from_int($1)"},
    {kInt8, kNumeric, CastContext::Implicit, "pg_numeric_from_int($1)"},
    {kFloat4, kFloat8, CastContext::Implicit, "$1"},
    {kFloat8, kFloat4, CastContext::Assignment, "pg_to_float4($1)"},
    {kFloat4, kInt2, CastContext::Assignment, "pg_float_to_int($1, 16)"},
    {kFloat4, kInt4, CastContext::Assignment, "pg_float_to_int($1, 32)"},
    {kFloat4, kInt8, CastContext::Assignment, "pg_float_to_int($1, 64)"},
    {kFloat8, kInt2, CastContext::Assignment, "pg_float_to_int($1, 16)"},
    {kFloat8, kInt4, CastContext::Assignment, "pg_float_to_int($1, 32)"},
    {kFloat8, kInt8, CastContext::Assignment, "pg_float_to_int($1, 64)"},
    {kFloat4, kNumeric, CastContext::Assignment, "pg_numeric_from_float($1, 32)"},
    {kFloat8, kNumeric, CastContext::Assignment, "pg_numeric_from_float($1)"},
    {kNumeric, kFloat4, CastContext::Implicit, "pg_numeric_to_float($1, 32)"},
    {kNumeric, kFloat8, CastContext::Implicit, "pg_numeric_to_float($1, 64)"},
    {kNumeric, kInt2, CastContext::Assignment, "pg_numeric_to_int($1, 16)"},
    {kNumeric, kInt4, CastContext::Assignment, "pg_numeric_to_int($1, 32)"},
    {kNumeric, kInt8, CastContext::Assignment, "pg_numeric_to_int($1, 64)"},
    {kInt4, kBool, CastContext::Explicit, "pg_int_to_bool($1)"},
    {kBool, kInt4, CastContext::Explicit, "$1"},
    {kBool, kText, CastContext::Assignment, "(CASE $1 WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"},
    {kBool, kVarchar, CastContext::Assignment, "(CASE $1 WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"},
    {kBool, kBpchar, CastContext::Assignment, "(CASE $1 WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"},
    {kText, kVarchar, CastContext::Implicit, "$1"},
    {kVarchar, kText, CastContext::Implicit, "$1"},
    {kText, kBpchar, CastContext::Implicit, "$1"},
    {kVarchar, kBpchar, CastContext::Implicit, "$1"},
    {kBpchar, kText, CastContext::Implicit, "rtrim($1, ' ')"},
    {kBpchar, kVarchar, CastContext::Implicit, "rtrim($1, ' ')"},
};

BuiltinSpan::S<OperatorDef> core_operators() { return {kOperators, sizeof kOperators / sizeof *kOperators}; }
BuiltinSpan::S<FunctionDef> core_functions() { return {kFunctions, sizeof kFunctions / sizeof *kFunctions}; }
BuiltinSpan::S<CastDef> core_casts() { return {kCasts, sizeof kCasts / sizeof *kCasts}; }

template <class T>
static BuiltinSpan::S<T> gather(std::vector<T>& all, std::initializer_list<BuiltinSpan::S<T>> parts) {
  for (auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  return {all.data(), all.size()};
}

BuiltinSpan::S<OperatorDef> builtin_operators() {
  static std::vector<OperatorDef> all;  // built once, lives for the process
  static const auto span = gather<OperatorDef>(all, {core_operators(), text_operators(), datetime_operators(), array_operators(), json_operators(), regex_operators(), enum_operators(), math_operators(), catalog_operators(), geo_operators(), inet_operators(), money_operators()});
  return span;
}
BuiltinSpan::S<FunctionDef> builtin_functions() {
  static std::vector<FunctionDef> all;
  static const auto span = gather<FunctionDef>(all, {core_functions(), text_functions(), datetime_functions(), array_functions(), json_functions(), regex_functions(), formatting_functions(), enum_functions(), math_functions(), statistics_functions(), catalog_functions(), tsearch_functions(), hash_functions(), geo_functions(), inet_functions(), money_functions()});
  return span;
}
BuiltinSpan::S<CastDef> builtin_casts() {
  static std::vector<CastDef> all;
  static const auto span = gather<CastDef>(all, {core_casts(), datetime_casts(), json_casts(), catalog_casts(), geo_casts(), inet_casts(), money_casts()});
  return span;
}


}  // namespace pgmicro
