// json/jsonb operators, functions and casts (PostgreSQL's jsonfuncs.c / jsonb_op.c family) as
// data; implementations in runtime/json_functions.cpp (scalar) and runtime/table_functions.cpp
// (json(b)_each, _array_elements, _object_keys). to_json(b), json(b)_build_object/array and the
// json aggregates take any type and are analyzed in analyze/analyze_json.cpp.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

#define JSONB_CMP(OP, TEST) {OP, kJsonb, kJsonb, kBool, "(pg_jsonb_cmp($1, $2) " TEST ")"}
#define JSONB_SET_LAX(N, CREATE, TREAT)                                                              \
  {"jsonb_set_lax", N, {kJsonb, kTextArray, kJsonb, kBool, kText}, kJsonb,                          \
   "CASE WHEN $3 IS NOT NULL THEN pg_jsonb_set($1, $2, $3, " CREATE ", 0) WHEN $1 IS NULL OR $2 IS NULL " \
   "THEN NULL ELSE (CASE pg_jsonb_set_lax_null($1, " TREAT ") WHEN 1 THEN pg_jsonb_set($1, $2, 'null', " \
   CREATE ", 0) WHEN 2 THEN pg_jsonb_delete_path($1, $2) ELSE $1 END) END"}
#define EXTRACT_PATH1(NAME, DOC, RES, FLAGS, N, ARGS) \
  {NAME, N + 1, {DOC, kText, kText, kText, kText, kText, kText, kText}, RES, "pg_json_extract_path($1, " FLAGS ARGS ")"}
#define EXTRACT_PATHS(NAME, DOC, RES, FLAGS)                                                                   \
  EXTRACT_PATH1(NAME, DOC, RES, FLAGS, 1, ", $2"), EXTRACT_PATH1(NAME, DOC, RES, FLAGS, 2, ", $2, $3"),            \
  EXTRACT_PATH1(NAME, DOC, RES, FLAGS, 3, ", $2, $3, $4"), EXTRACT_PATH1(NAME, DOC, RES, FLAGS, 4, ", $2, $3, $4, $5"), \
  EXTRACT_PATH1(NAME, DOC, RES, FLAGS, 5, ", $2, $3, $4, $5, $6"),                                            \
  EXTRACT_PATH1(NAME, DOC, RES, FLAGS, 6, ", $2, $3, $4, $5, $6, $7"),                                        \
  EXTRACT_PATH1(NAME, DOC, RES, FLAGS, 7, ", $2, $3, $4, $5, $6, $7, $8")

#define JSONB_PATH_FN(NAME, N, RES, KIND, VARS, SILENT) \
  {NAME, N, {kJsonb, kJsonpath, kJsonb, kBool}, RES, "pg_jsonb_path(" KIND ", $1, $2, " VARS ", " SILENT ")"}
#define JSONB_PATH_FNS(NAME, RES, KIND)                                                                   \
  JSONB_PATH_FN(NAME, 2, RES, KIND, "'{}'", "0"), JSONB_PATH_FN(NAME, 3, RES, KIND, "$3", "0"),               \
  JSONB_PATH_FN(NAME, 4, RES, KIND, "$3", "$4")
#define JSONB_PATH_SRF(NAME, N, KIND, VARS, SILENT)                                                           \
  {NAME, N, {kJsonb, kJsonpath, kJsonb, kBool}, kJsonb,                                                        \
   "pg_json_elements(pg_jsonb_path(" KIND ", $1, $2, " VARS ", " SILENT "), 1, 0)", false, false, false, true}
#define JSONB_PATH_SRFS(NAME, KIND)                                                      \
  JSONB_PATH_SRF(NAME, 2, KIND, "'{}'", "0"), JSONB_PATH_SRF(NAME, 3, KIND, "$3", "0"), \
      JSONB_PATH_SRF(NAME, 4, KIND, "$3", "$4")

static const OperatorDef kJsonOperators[] = {
    {"->", kJson, kText, kJson, "pg_json_field($1, $2, 0, 0)"},
    {"->", kJson, kInt4, kJson, "pg_json_field($1, $2, 0, 0)"},
    {"->>", kJson, kText, kText, "pg_json_field($1, $2, 0, 1)"},
    {"->>", kJson, kInt4, kText, "pg_json_field($1, $2, 0, 1)"},
    {"#>", kJson, kTextArray, kJson, "pg_json_path($1, $2, 0, 0)"},
    {"#>>", kJson, kTextArray, kText, "pg_json_path($1, $2, 0, 1)"},
    {"->", kJsonb, kText, kJsonb, "pg_json_field($1, $2, 1, 0)"},
    {"->", kJsonb, kInt4, kJsonb, "pg_json_field($1, $2, 1, 0)"},
    {"->>", kJsonb, kText, kText, "pg_json_field($1, $2, 1, 1)"},
    {"->>", kJsonb, kInt4, kText, "pg_json_field($1, $2, 1, 1)"},
    {"#>", kJsonb, kTextArray, kJsonb, "pg_json_path($1, $2, 1, 0)"},
    {"#>>", kJsonb, kTextArray, kText, "pg_json_path($1, $2, 1, 1)"},
    {"@>", kJsonb, kJsonb, kBool, "pg_jsonb_contains($1, $2)"},
    {"<@", kJsonb, kJsonb, kBool, "pg_jsonb_contains($2, $1)"},
    {"?", kJsonb, kText, kBool, "pg_jsonb_exists($1, $2)"},
    {"?|", kJsonb, kTextArray, kBool, "pg_jsonb_exists_any($1, $2)"},
    {"?&", kJsonb, kTextArray, kBool, "pg_jsonb_exists_all($1, $2)"},
    {"||", kJsonb, kJsonb, kJsonb, "pg_jsonb_concat($1, $2)"},
    {"-", kJsonb, kText, kJsonb, "pg_jsonb_delete($1, $2, 0)"},
    {"-", kJsonb, kTextArray, kJsonb, "pg_jsonb_delete($1, $2, 1)"},
    {"-", kJsonb, kInt4, kJsonb, "pg_jsonb_delete($1, $2, 2)"},
    {"#-", kJsonb, kTextArray, kJsonb, "pg_jsonb_delete_path($1, $2)"},
    {"@?", kJsonb, kJsonpath, kBool, "pg_jsonb_path(0, $1, $2, '{}', 1)"},
    {"@@", kJsonb, kJsonpath, kBool, "pg_jsonb_path(1, $1, $2, '{}', 1)"},
    JSONB_CMP("=", "= 0"), JSONB_CMP("<>", "<> 0"), JSONB_CMP("<", "< 0"), JSONB_CMP("<=", "<= 0"),
    JSONB_CMP(">", "> 0"), JSONB_CMP(">=", ">= 0"),
};

static const FunctionDef kJsonFunctions[] = {
    {"json_typeof", 1, {kJson}, kText, "pg_json_typeof($1, 0)"},
    {"jsonb_typeof", 1, {kJsonb}, kText, "pg_json_typeof($1, 1)"},
    {"json_array_length", 1, {kJson}, kInt4, "pg_json_array_length($1, 0)"},
    {"jsonb_array_length", 1, {kJsonb}, kInt4, "pg_json_array_length($1, 1)"},
    {"jsonb_pretty", 1, {kJsonb}, kText, "pg_jsonb_pretty($1)"},
    {"jsonb_strip_nulls", 1, {kJsonb}, kJsonb, "pg_jsonb_strip_nulls($1)"},
    {"json_strip_nulls", 1, {kJson}, kJson, "pg_json_strip_nulls($1)"},
    {"jsonb_set", 3, {kJsonb, kTextArray, kJsonb}, kJsonb, "pg_jsonb_set($1, $2, $3, 1, 0)"},
    {"jsonb_set", 4, {kJsonb, kTextArray, kJsonb, kBool}, kJsonb, "pg_jsonb_set($1, $2, $3, $4, 0)"},
    {"jsonb_insert", 3, {kJsonb, kTextArray, kJsonb}, kJsonb, "pg_jsonb_set($1, $2, $3, 0, 1)"},
    {"jsonb_insert", 4, {kJsonb, kTextArray, kJsonb, kBool}, kJsonb, "pg_jsonb_set($1, $2, $3, $4, 1)"},
    {"pg_column_size", 1, {kJsonb}, kInt4, "pg_jsonb_binary_size($1)"},
    {"jsonb_contains", 2, {kJsonb, kJsonb}, kBool, "pg_jsonb_contains($1, $2)"},
    {"jsonb_contained", 2, {kJsonb, kJsonb}, kBool, "pg_jsonb_contains($2, $1)"},
    {"jsonb_exists", 2, {kJsonb, kText}, kBool, "pg_jsonb_exists($1, $2)"},
    {"jsonb_exists_any", 2, {kJsonb, kTextArray}, kBool, "pg_jsonb_exists_any($1, $2)"},
    {"jsonb_exists_all", 2, {kJsonb, kTextArray}, kBool, "pg_jsonb_exists_all($1, $2)"},
    {"jsonb_delete", 2, {kJsonb, kText}, kJsonb, "pg_jsonb_delete($1, $2, 0)"},
    {"jsonb_delete", 2, {kJsonb, kInt4}, kJsonb, "pg_jsonb_delete($1, $2, 2)"},
    {"jsonb_delete_path", 2, {kJsonb, kTextArray}, kJsonb, "pg_jsonb_delete_path($1, $2)"},
    {"jsonb_concat", 2, {kJsonb, kJsonb}, kJsonb, "pg_jsonb_concat($1, $2)"},
    {"json_object", 1, {kTextArray}, kJson, "pg_json_object(0, $1)"},
    {"jsonb_object", 1, {kTextArray}, kJsonb, "pg_json_object(1, $1)"},
    {"json_object", 2, {kTextArray, kTextArray}, kJson, "pg_json_object2(0, $1, $2)"},
    {"jsonb_object", 2, {kTextArray, kTextArray}, kJsonb, "pg_json_object2(1, $1, $2)"},
    // jsonb_set_lax(target, path, new_value, create_if_missing, null_value_treatment)
    JSONB_SET_LAX(3, "1", "'use_json_null'"), JSONB_SET_LAX(4, "$4", "'use_json_null'"), JSONB_SET_LAX(5, "$4", "$5"),
    // json(b)_extract_path(_text)(doc, VARIADIC path text[]) with up to 7 path arguments
    EXTRACT_PATHS("json_extract_path", kJson, kJson, "0, 0"),
    EXTRACT_PATHS("json_extract_path_text", kJson, kText, "0, 1"),
    EXTRACT_PATHS("jsonb_extract_path", kJsonb, kJsonb, "1, 0"),
    EXTRACT_PATHS("jsonb_extract_path_text", kJsonb, kText, "1, 1"),
    // SQL/JSON path functions (runtime/jsonpath_functions.cpp); the _tz variants add 4 to the
    // kind (datetime comparisons in the session TimeZone); jsonb_path_query is the elements
    // of jsonb_path_query_array.
    JSONB_PATH_FNS("jsonb_path_exists", kBool, "0"), JSONB_PATH_FNS("jsonb_path_exists_tz", kBool, "4"),
    JSONB_PATH_FNS("jsonb_path_match", kBool, "1"), JSONB_PATH_FNS("jsonb_path_match_tz", kBool, "5"),
    JSONB_PATH_FNS("jsonb_path_query_array", kJsonb, "2"), JSONB_PATH_FNS("jsonb_path_query_array_tz", kJsonb, "6"),
    JSONB_PATH_FNS("jsonb_path_query_first", kJsonb, "3"), JSONB_PATH_FNS("jsonb_path_query_first_tz", kJsonb, "7"),
    JSONB_PATH_SRFS("jsonb_path_query", "2"), JSONB_PATH_SRFS("jsonb_path_query_tz", "6"),
    // Aggregates over any type (analyze_json.cpp builds the calls; listed so the names are known).
    {"json_agg", 1, {kAny}, kJson, "", true},
    {"jsonb_agg", 1, {kAny}, kJsonb, "", true},
    {"json_object_agg", 2, {kAny, kAny}, kJson, "", true},
    {"jsonb_object_agg", 2, {kAny, kAny}, kJsonb, "", true},
    // Set-returning functions (FROM); "columns" names the output columns and their types.
    {"json_each", 1, {kJson}, kJson, "pg_json_each($1, 0, 0)", false, false, false, true, "key 25,value 114"},
    {"jsonb_each", 1, {kJsonb}, kJsonb, "pg_json_each($1, 1, 0)", false, false, false, true, "key 25,value 3802"},
    {"json_each_text", 1, {kJson}, kText, "pg_json_each($1, 0, 1)", false, false, false, true, "key 25,value 25"},
    {"jsonb_each_text", 1, {kJsonb}, kText, "pg_json_each($1, 1, 1)", false, false, false, true, "key 25,value 25"},
    {"json_array_elements", 1, {kJson}, kJson, "pg_json_elements($1, 0, 0)", false, false, false, true, "value 114"},
    {"jsonb_array_elements", 1, {kJsonb}, kJsonb, "pg_json_elements($1, 1, 0)", false, false, false, true, "value 3802"},
    {"json_array_elements_text", 1, {kJson}, kText, "pg_json_elements($1, 0, 1)", false, false, false, true, "value 25"},
    {"jsonb_array_elements_text", 1, {kJsonb}, kText, "pg_json_elements($1, 1, 1)", false, false, false, true, "value 25"},
    {"json_object_keys", 1, {kJson}, kText, "pg_json_keys($1, 0)", false, false, false, true},
    {"jsonb_object_keys", 1, {kJsonb}, kText, "pg_json_keys($1, 1)", false, false, false, true},
};

static const CastDef kJsonCasts[] = {
    {kJson, kJsonb, CastContext::Assignment, "pg_jsonb_from_json($1)"},
    {kJsonb, kJson, CastContext::Assignment, "$1"},
    // jsonb scalars to SQL scalars (explicit): numbers and booleans only.
    {kJsonb, kBool, CastContext::Explicit, "pg_jsonb_to_scalar($1, 16)"},
    {kJsonb, kInt2, CastContext::Explicit, "pg_jsonb_to_scalar($1, 21)"},
    {kJsonb, kInt4, CastContext::Explicit, "pg_jsonb_to_scalar($1, 23)"},
    {kJsonb, kInt8, CastContext::Explicit, "pg_jsonb_to_scalar($1, 20)"},
    {kJsonb, kFloat4, CastContext::Explicit, "pg_jsonb_to_scalar($1, 700)"},
    {kJsonb, kFloat8, CastContext::Explicit, "pg_jsonb_to_scalar($1, 701)"},
    {kJsonb, kNumeric, CastContext::Explicit, "pg_jsonb_to_scalar($1, 1700)"},
};

BuiltinSpan::S<OperatorDef> json_operators() { return {kJsonOperators, sizeof kJsonOperators / sizeof *kJsonOperators}; }
BuiltinSpan::S<FunctionDef> json_functions() { return {kJsonFunctions, sizeof kJsonFunctions / sizeof *kJsonFunctions}; }
BuiltinSpan::S<CastDef> json_casts() { return {kJsonCasts, sizeof kJsonCasts / sizeof *kJsonCasts}; }

}  // namespace pgmicro
