// Built-ins of the object identifier types and catalog helpers: oid comparisons, the casts
// between oid, the reg* types and integers (pg_cast's rows: int4/int2 -> oid binary
// (reinterpreting the sign), int8 -> oid range-checked, oid -> int8/int4 in assignment, oid
// <-> reg* binary, text -> regclass implicit), name comparisons with name and text, and
// format_type, to_reg*, obj_description/col_description, pg_get_serial_sequence,
// pg_*_is_visible, current_database (runtime/catalog_functions.cpp).
#include "catalog/builtins.h"
#include "types/reg_types.h"

// version()'s platform part, as PostgreSQL's configure names the host.
#if defined(__wasm32__)
#define PGMICRO_PLATFORM "wasm32-unknown-emscripten, 32-bit"
#elif defined(__x86_64__)
#define PGMICRO_PLATFORM "x86_64-pc-linux-gnu, 64-bit"
#elif defined(__aarch64__)
#define PGMICRO_PLATFORM "aarch64-unknown-linux-gnu, 64-bit"
#else
#define PGMICRO_PLATFORM "unknown"
#endif

namespace pgmicro {
using namespace oid;

#define NATIVE_CMP(L, R)                                              \
  {"=", L, R, kBool, "($1 = $2)"}, {"<>", L, R, kBool, "($1 <> $2)"}, \
  {"<", L, R, kBool, "($1 < $2)"}, {"<=", L, R, kBool, "($1 <= $2)"}, \
  {">", L, R, kBool, "($1 > $2)"}, {">=", L, R, kBool, "($1 >= $2)"}

static const OperatorDef kOperators[] = {
    NATIVE_CMP(kOid, kOid),
    // name is stored as TEXT and compares in the C collation: SQLite's BINARY order
    NATIVE_CMP(kName, kName), NATIVE_CMP(kName, kText), NATIVE_CMP(kText, kName),
    {"~~", kName, kText, kBool, "pg_like($1, $2)"},
    {"!~~", kName, kText, kBool, "(NOT pg_like($1, $2))"},
    {"~~*", kName, kText, kBool, "pg_ilike($1, $2)"},
    {"!~~*", kName, kText, kBool, "(NOT pg_ilike($1, $2))"},
    // "char" is stored as its one-character text
    NATIVE_CMP(kChar, kChar),
};

#define OID_CASTS(T)                                                                  \
  {kInt8, T, CastContext::Implicit, "pg_int8_to_oid($1)"},                           \
  {kInt2, T, CastContext::Implicit, "($1 & 4294967295)"},                             \
  {kInt4, T, CastContext::Implicit, "($1 & 4294967295)"},                             \
  {T, kInt8, CastContext::Assignment, "$1"},                                          \
  {T, kInt4, CastContext::Assignment, "((($1 + 2147483648) % 4294967296) - 2147483648)"}
#define REG_CASTS(T) OID_CASTS(T), {kOid, T, CastContext::Implicit, "$1"}, {T, kOid, CastContext::Implicit, "$1"}

static const CastDef kCasts[] = {
    OID_CASTS(kOid),
    REG_CASTS(kRegproc), REG_CASTS(kRegprocedure), REG_CASTS(kRegoper), REG_CASTS(kRegoperator),
    REG_CASTS(kRegclass), REG_CASTS(kRegtype), REG_CASTS(kRegnamespace), REG_CASTS(kRegrole),
    {kRegproc, kRegprocedure, CastContext::Implicit, "$1"}, {kRegprocedure, kRegproc, CastContext::Implicit, "$1"},
    {kRegoper, kRegoperator, CastContext::Implicit, "$1"}, {kRegoperator, kRegoper, CastContext::Implicit, "$1"},
    {kText, kRegclass, CastContext::Implicit, "pg_in($1, 2205, -1)"},
    {kVarchar, kRegclass, CastContext::Implicit, "pg_in($1, 2205, -1)"},
    // name -> text is implicit (pg_cast 19 -> 25 'i'): quote_ident(relname), string_agg(attname, …)
    {kName, kText, CastContext::Implicit, "$1"},
};

static const FunctionDef kFunctions[] = {
    {"format_type", 2, {kOid, kInt4}, kText, "pg_format_type($1, $2)"},
    {"to_regclass", 1, {kText}, kRegclass, "pg_to_reg($1, 2205)"},
    {"to_regtype", 1, {kText}, kRegtype, "pg_to_reg($1, 2206)"},
    {"to_regproc", 1, {kText}, kRegproc, "pg_to_reg($1, 24)"},
    {"to_regprocedure", 1, {kText}, kRegprocedure, "pg_to_reg($1, 2202)"},
    {"to_regnamespace", 1, {kText}, kRegnamespace, "pg_to_reg($1, 4089)"},
    {"to_regrole", 1, {kText}, kRegrole, "pg_to_reg($1, 4096)"},
    // Privilege inquiry (runtime/privilege_functions.cpp).
    {"has_table_privilege", 2, {kText, kText}, kBool, "pg_has_privilege('r', NULL, $1, $2)"},
    {"has_table_privilege", 3, {kName, kText, kText}, kBool, "pg_has_privilege('r', $1, $2, $3)"},
    {"has_table_privilege", 2, {kOid, kText}, kBool, "pg_has_privilege('r', NULL, $1, $2)"},
    {"has_table_privilege", 3, {kName, kOid, kText}, kBool, "pg_has_privilege('r', $1, $2, $3)"},
    {"has_sequence_privilege", 2, {kText, kText}, kBool, "pg_has_privilege('S', NULL, $1, $2)"},
    {"has_sequence_privilege", 3, {kName, kText, kText}, kBool, "pg_has_privilege('S', $1, $2, $3)"},
    {"has_sequence_privilege", 2, {kOid, kText}, kBool, "pg_has_privilege('S', NULL, $1, $2)"},
    {"has_sequence_privilege", 3, {kName, kOid, kText}, kBool, "pg_has_privilege('S', $1, $2, $3)"},
    {"has_schema_privilege", 2, {kText, kText}, kBool, "pg_has_privilege('n', NULL, $1, $2)"},
    {"has_schema_privilege", 3, {kName, kText, kText}, kBool, "pg_has_privilege('n', $1, $2, $3)"},
    {"has_column_privilege", 3, {kText, kText, kText}, kBool, "pg_has_privilege('c', NULL, $1, $2, $3)"},
    {"has_column_privilege", 4, {kName, kText, kText, kText}, kBool, "pg_has_privilege('c', $1, $2, $3, $4)"},
    {"has_database_privilege", 2, {kText, kText}, kBool, "pg_has_privilege('d', NULL, $1, $2)"},
    {"has_database_privilege", 3, {kName, kText, kText}, kBool, "pg_has_privilege('d', $1, $2, $3)"},
    {"has_database_privilege", 2, {kOid, kText}, kBool, "pg_has_privilege('d', NULL, $1, $2)"},
    {"has_database_privilege", 3, {kName, kOid, kText}, kBool, "pg_has_privilege('d', $1, $2, $3)"},
    {"pg_has_role", 2, {kName, kText}, kBool, "pg_has_privilege('m', NULL, $1, $2)"},
    {"pg_has_role", 3, {kName, kName, kText}, kBool, "pg_has_privilege('m', $1, $2, $3)"},
    {"obj_description", 2, {kOid, kName}, kText, "pg_obj_description($1, $2)"},
    {"obj_description", 1, {kOid}, kText, "pg_obj_description($1, NULL)"},
    {"pg_get_indexdef", 1, {kOid}, kText, "pg_get_indexdef($1)"},
    {"col_description", 2, {kOid, kInt4}, kText, "pg_col_description($1, $2)"},
    {"pg_get_serial_sequence", 2, {kText, kText}, kText, "pg_get_serial_sequence($1, $2)"},
    {"pg_get_constraintdef", 1, {kOid}, kText, "pg_get_constraintdef($1)"},
    {"pg_get_constraintdef", 2, {kOid, kBool}, kText, "pg_get_constraintdef($1, $2)"},
    {"pg_table_is_visible", 1, {kOid}, kBool, "pg_object_is_visible($1, 2205)"},
    {"pg_type_is_visible", 1, {kOid}, kBool, "pg_object_is_visible($1, 2206)"},
    {"pg_function_is_visible", 1, {kOid}, kBool, "pg_object_is_visible($1, 2202)"},
    {"current_database", 0, {}, kName, "'postgres'"},
    {"version", 0, {}, kText, "'PostgreSQL 15.0 (pgmicro 0.1.0, SQLite ' || sqlite_version() || ') on " PGMICRO_PLATFORM "'"},
    // psql's describe queries (runtime/psql_catalog_functions.cpp)
    {"pg_get_userbyid", 1, {kOid}, kName, "pg_get_userbyid($1)"},
    {"pg_get_expr", 2, {kText, kOid}, kText, "pg_get_expr($1, $2)"},
    {"pg_get_expr", 3, {kText, kOid, kBool}, kText, "pg_get_expr($1, $2, $3)"},
    {"pg_get_indexdef", 3, {kOid, kInt4, kBool}, kText, "pg_get_indexdef3($1, $2, $3)"},
    {"pg_get_viewdef", 1, {kOid}, kText, "pg_get_viewdef_oid($1)"},
    {"pg_get_viewdef", 2, {kOid, kBool}, kText, "pg_get_viewdef_oid($1, $2)"},
    {"pg_get_partkeydef", 1, {kOid}, kText, "pg_get_partkeydef($1)"},
    {"pg_get_partition_constraintdef", 1, {kOid}, kText, "pg_get_partition_constraintdef($1)"},
    {"pg_partition_ancestors", 1, {kRegclass}, kRegclass, "pg_unnest(pg_partition_ancestors_array($1), 2205)",
     false, false, false, true, "relid 2205"},
    {"pg_relation_is_publishable", 1, {kRegclass}, kBool, "pg_relation_is_publishable($1)"},
    {"pg_get_function_arguments", 1, {kOid}, kText, "pg_get_function_arguments($1)"},
    {"pg_get_function_result", 1, {kOid}, kText, "pg_get_function_result($1)"},
    {"pg_get_function_sqlbody", 1, {kOid}, kText, "pg_get_function_sqlbody($1)"},
    {"pg_encoding_to_char", 1, {kInt4}, kName, "pg_encoding_to_char($1)"},
    {"pg_size_pretty", 1, {kInt8}, kText, "pg_size_pretty($1)"},
    {"pg_table_size", 1, {kRegclass}, kInt8, "pg_table_size($1)"},
    {"pg_relation_size", 1, {kRegclass}, kInt8, "pg_table_size($1)"},
    {"pg_get_ruledef", 1, {kOid}, kText, "pg_get_ruledef($1)"},
    {"pg_get_ruledef", 2, {kOid, kBool}, kText, "pg_get_ruledef($1, $2)"},
    {"pg_get_triggerdef", 1, {kOid}, kText, "pg_get_triggerdef($1)"},
    {"pg_get_triggerdef", 2, {kOid, kBool}, kText, "pg_get_triggerdef($1, $2)"},
    // shared objects' comments: initdb's on the database postgres (COMMENT ON DATABASE/ROLE: 0A000)
    {"shobj_description", 2, {kOid, kName}, kText,
     "CASE WHEN $1 = 5 AND $2 = 'pg_database' THEN 'default administrative connection database' END"},
    {"pg_database_size", 1, {kName}, kInt8, "pg_database_size($1)"},
    {"pg_database_size", 1, {kOid}, kInt8, "pg_database_size($1)"},
    {"pg_get_statisticsobjdef_columns", 1, {kOid}, kText, "pg_get_statisticsobjdef_columns($1)"},
    {"pg_my_temp_schema", 0, {}, kOid, "pg_my_temp_schema()"},
};

BuiltinSpan::S<OperatorDef> catalog_operators() { return {kOperators, sizeof kOperators / sizeof kOperators[0]}; }
BuiltinSpan::S<FunctionDef> catalog_functions() { return {kFunctions, sizeof kFunctions / sizeof kFunctions[0]}; }
BuiltinSpan::S<CastDef> catalog_casts() { return {kCasts, sizeof kCasts / sizeof kCasts[0]}; }

}  // namespace pgmicro
