// The string library's operators and functions (PostgreSQL's varlena.c / oracle_compat.c /
// like.c families) as data; implementations in runtime/text_functions.cpp.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

static const OperatorDef kTextOperators[] = {
    {"||", kText, kText, kText, "($1 || $2)"},
    {"~~", kText, kText, kBool, "pg_like($1, $2)"},
    {"!~~", kText, kText, kBool, "(NOT pg_like($1, $2))"},
    {"~~*", kText, kText, kBool, "pg_ilike($1, $2)"},
    {"!~~*", kText, kText, kBool, "(NOT pg_ilike($1, $2))"},
};

static const FunctionDef kTextFunctions[] = {
    {"lower", 1, {kText}, kText, "pg_lower($1)"},
    {"upper", 1, {kText}, kText, "pg_upper($1)"},
    {"length", 1, {kText}, kInt4, "length($1)"},
    {"char_length", 1, {kText}, kInt4, "length($1)"},
    {"character_length", 1, {kText}, kInt4, "length($1)"},
    {"octet_length", 1, {kText}, kInt4, "octet_length($1)"},
};

BuiltinSpan::S<OperatorDef> text_operators() { return {kTextOperators, sizeof kTextOperators / sizeof *kTextOperators}; }
BuiltinSpan::S<FunctionDef> text_functions() { return {kTextFunctions, sizeof kTextFunctions / sizeof *kTextFunctions}; }

}  // namespace pgmicro
