// Statistics aggregates as data (PostgreSQL's pg_aggregate rows for variance/stddev over the
// integer, numeric and float types, the SQL:2003 regression aggregates, bit_and/bit_or/bit_xor)
// and the float8[] transition functions callable from SQL. Implementations:
// runtime/statistics_aggregates.cpp.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

#define VAR_AGG(NAME, IMPL)                                         \
  {NAME, 1, {kInt2}, kNumeric, "pg_" IMPL "_num($1)", true},        \
  {NAME, 1, {kInt4}, kNumeric, "pg_" IMPL "_num($1)", true},        \
  {NAME, 1, {kInt8}, kNumeric, "pg_" IMPL "_num($1)", true},        \
  {NAME, 1, {kNumeric}, kNumeric, "pg_" IMPL "_num($1)", true},     \
  {NAME, 1, {kFloat4}, kFloat8, "pg_" IMPL "_float($1)", true},     \
  {NAME, 1, {kFloat8}, kFloat8, "pg_" IMPL "_float($1)", true}
#define REGR_AGG(NAME) {NAME, 2, {kFloat8, kFloat8}, kFloat8, "pg_" NAME "($1, $2)", true}
#define BIT_AGG(NAME)                                               \
  {NAME, 1, {kInt2}, kInt2, "pg_" NAME "($1)", true},               \
  {NAME, 1, {kInt4}, kInt4, "pg_" NAME "($1)", true},               \
  {NAME, 1, {kInt8}, kInt8, "pg_" NAME "($1)", true}

static const FunctionDef kStatisticsFunctions[] = {
    VAR_AGG("var_pop", "var_pop"), VAR_AGG("var_samp", "var_samp"), VAR_AGG("variance", "var_samp"),
    VAR_AGG("stddev_pop", "stddev_pop"), VAR_AGG("stddev_samp", "stddev_samp"), VAR_AGG("stddev", "stddev_samp"),
    REGR_AGG("regr_sxx"), REGR_AGG("regr_syy"), REGR_AGG("regr_sxy"), REGR_AGG("regr_avgx"), REGR_AGG("regr_avgy"),
    REGR_AGG("regr_r2"), REGR_AGG("regr_slope"), REGR_AGG("regr_intercept"), REGR_AGG("covar_pop"),
    REGR_AGG("covar_samp"), REGR_AGG("corr"),
    {"regr_count", 2, {kFloat8, kFloat8}, kInt8, "pg_regr_count($1, $2)", true},
    {"string_agg", 2, {kBytea, kBytea}, kBytea, "pg_string_agg_bytea($1, $2)", true},
    BIT_AGG("bit_and"), BIT_AGG("bit_or"), BIT_AGG("bit_xor"),
    {"float8_accum", 2, {kFloat8Array, kFloat8}, kFloat8Array, "pg_float8_accum($1, $2)"},
    {"float4_accum", 2, {kFloat8Array, kFloat4}, kFloat8Array, "pg_float8_accum($1, $2, 32)"},
    {"float8_regr_accum", 3, {kFloat8Array, kFloat8, kFloat8}, kFloat8Array, "pg_float8_regr_accum($1, $2, $3)"},
    {"float8_combine", 2, {kFloat8Array, kFloat8Array}, kFloat8Array, "pg_float8_combine($1, $2, 3)"},
    {"float8_regr_combine", 2, {kFloat8Array, kFloat8Array}, kFloat8Array, "pg_float8_combine($1, $2, 6)"},
    // Arithmetic support functions by their pg_proc names (aggregate state functions).
    {"int2pl", 2, {kInt2, kInt2}, kInt2, "pg_int_add($1, $2, 16)"},
    {"int4pl", 2, {kInt4, kInt4}, kInt4, "pg_int_add($1, $2, 32)"},
    {"int8pl", 2, {kInt8, kInt8}, kInt8, "pg_int_add($1, $2, 64)"},
    {"int2mi", 2, {kInt2, kInt2}, kInt2, "pg_int_sub($1, $2, 16)"},
    {"int4mi", 2, {kInt4, kInt4}, kInt4, "pg_int_sub($1, $2, 32)"},
    {"int8mi", 2, {kInt8, kInt8}, kInt8, "pg_int_sub($1, $2, 64)"},
    {"float4pl", 2, {kFloat4, kFloat4}, kFloat4, "pg_float_add($1, $2, 32)"},
    {"float8pl", 2, {kFloat8, kFloat8}, kFloat8, "pg_float_add($1, $2, 64)"},
    {"float8mi", 2, {kFloat8, kFloat8}, kFloat8, "pg_float_sub($1, $2, 64)"},
    {"numeric_add", 2, {kNumeric, kNumeric}, kNumeric, "pg_numeric_add($1, $2)"},
    {"numeric_sub", 2, {kNumeric, kNumeric}, kNumeric, "pg_numeric_sub($1, $2)"},
    {"int4larger", 2, {kInt4, kInt4}, kInt4, "max($1, $2)"},
    {"int4smaller", 2, {kInt4, kInt4}, kInt4, "min($1, $2)"},
    // sum(int2/int4)'s transition function (not strict: a NULL side is skipped)
    {"int4_sum", 2, {kInt8, kInt4}, kInt8, "(CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE pg_int_add($1, $2, 64) END)"},
    {"int2_sum", 2, {kInt8, kInt2}, kInt8, "(CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE pg_int_add($1, $2, 64) END)"},
    // bool_and/bool_or's transition functions (strict).
    {"booland_statefunc", 2, {kBool, kBool}, kBool, "(CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL ELSE ($1 AND $2) END)"},
    {"boolor_statefunc", 2, {kBool, kBool}, kBool, "(CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL ELSE ($1 OR $2) END)"},
};

BuiltinSpan::S<FunctionDef> statistics_functions() {
  return {kStatisticsFunctions, sizeof kStatisticsFunctions / sizeof *kStatisticsFunctions};
}

}  // namespace pgmicro
