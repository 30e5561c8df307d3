// Enum operators and functions (pg_operator/pg_proc over anyenum). Enum values are stored
// as their label text; order comparisons use the collation pg_enum_<type oid> ($E is the
// resolved enum type), equality the stored text.
#include "catalog/builtins.h"
#include "types/user_types.h"

namespace pgmicro {
using namespace oid;

static const OperatorDef kOperators[] = {
    {"=", kAnyEnum, kAnyEnum, kBool, "($1 = $2)"},
    {"<>", kAnyEnum, kAnyEnum, kBool, "($1 <> $2)"},
    {"<", kAnyEnum, kAnyEnum, kBool, "($1 < ($2) COLLATE pg_enum_$E)"},
    {"<=", kAnyEnum, kAnyEnum, kBool, "($1 <= ($2) COLLATE pg_enum_$E)"},
    {">", kAnyEnum, kAnyEnum, kBool, "($1 > ($2) COLLATE pg_enum_$E)"},
    {">=", kAnyEnum, kAnyEnum, kBool, "($1 >= ($2) COLLATE pg_enum_$E)"},
};

static const FunctionDef kFunctions[] = {
    {"enum_first", 1, {kAnyEnum}, kAnyEnum, "pg_enum_bound($E, 0)"},
    {"enum_last", 1, {kAnyEnum}, kAnyEnum, "pg_enum_bound($E, 1)"},
    {"enum_range", 1, {kAnyEnum}, kAnyArray, "pg_enum_range($E, NULL, NULL)"},
    {"enum_range", 2, {kAnyEnum, kAnyEnum}, kAnyArray, "pg_enum_range($E, $1, $2)"},
    {"enum_cmp", 2, {kAnyEnum, kAnyEnum}, kInt4, "pg_enum_cmp($E, $1, $2)"},
    {"enum_eq", 2, {kAnyEnum, kAnyEnum}, kBool, "($1 = $2)"},
    {"enum_ne", 2, {kAnyEnum, kAnyEnum}, kBool, "($1 <> $2)"},
    {"enum_lt", 2, {kAnyEnum, kAnyEnum}, kBool, "($1 < ($2) COLLATE pg_enum_$E)"},
    {"enum_le", 2, {kAnyEnum, kAnyEnum}, kBool, "($1 <= ($2) COLLATE pg_enum_$E)"},
    {"enum_gt", 2, {kAnyEnum, kAnyEnum}, kBool, "($1 > ($2) COLLATE pg_enum_$E)"},
    {"enum_ge", 2, {kAnyEnum, kAnyEnum}, kBool, "($1 >= ($2) COLLATE pg_enum_$E)"},
};

BuiltinSpan::S<OperatorDef> enum_operators() { return {kOperators, sizeof kOperators / sizeof kOperators[0]}; }
BuiltinSpan::S<FunctionDef> enum_functions() { return {kFunctions, sizeof kFunctions / sizeof kFunctions[0]}; }

}  // namespace pgmicro
