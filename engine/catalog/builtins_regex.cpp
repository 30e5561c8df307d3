// Regular expressions as data (PostgreSQL's regexp.c family): the ~ ~* !~ !~* operators
// (SIMILAR TO arrives as ~ / !~ against similar_to_escape(pattern [, escape])),
// substring(text from pattern), substring(text similar pattern escape e) (= substring(t,
// similar_to_escape(p, e)) as in PostgreSQL), regexp_match(es), regexp_replace, regexp_split_to_*,
// and PG15's regexp_count/instr/like/substr. Implementations in runtime/regex_functions.cpp;
// the set-returning ones are table functions (runtime/table_functions.cpp).
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

#define REGEX_OPS(L)                                              \
  {"~", L, kText, kBool, "pg_re_test($1, $2, '')"},               \
  {"!~", L, kText, kBool, "(NOT pg_re_test($1, $2, ''))"},        \
  {"~*", L, kText, kBool, "pg_re_test($1, $2, 'i')"},             \
  {"!~*", L, kText, kBool, "(NOT pg_re_test($1, $2, 'i'))"}

static const OperatorDef kRegexOperators[] = {
    // bpchar matches its blank-padded value (bpcharregexeq is textregexeq on the datum).
    REGEX_OPS(kText), REGEX_OPS(kBpchar), REGEX_OPS(kName),
};

static const FunctionDef kRegexFunctions[] = {
    {"similar_to_escape", 1, {kText}, kText, "pg_similar_to_escape($1)"},
    {"similar_to_escape", 2, {kText, kText}, kText, "pg_similar_to_escape($1, $2)"},
    {"substring", 2, {kText, kText}, kText, "pg_re_substring($1, $2)"},
    {"substring", 3, {kText, kText, kText}, kText, "pg_re_substring_similar($1, $2, $3)"},
    {"regexp_match", 2, {kText, kText}, kTextArray, "pg_regexp_match($1, $2, '')"},
    {"regexp_match", 3, {kText, kText, kText}, kTextArray, "pg_regexp_match($1, $2, $3)"},
    {"regexp_replace", 3, {kText, kText, kText}, kText, "pg_regexp_replace($1, $2, $3, 1, '')"},
    {"regexp_replace", 4, {kText, kText, kText, kText}, kText, "pg_regexp_replace_flags($1, $2, $3, $4)"},
    {"regexp_replace", 4, {kText, kText, kText, kInt4}, kText, "pg_regexp_replace($1, $2, $3, $4, '')"},
    {"regexp_replace", 5, {kText, kText, kText, kInt4, kInt4}, kText, "pg_regexp_replace($1, $2, $3, $4, '', $5)"},
    {"regexp_replace", 6, {kText, kText, kText, kInt4, kInt4, kText}, kText, "pg_regexp_replace($1, $2, $3, $4, $6, $5)"},
    {"regexp_split_to_array", 2, {kText, kText}, kTextArray, "pg_regexp_split_to_array($1, $2, '')"},
    {"regexp_split_to_array", 3, {kText, kText, kText}, kTextArray, "pg_regexp_split_to_array($1, $2, $3)"},
    {"regexp_count", 2, {kText, kText}, kInt4, "pg_regexp_count($1, $2, 1, '')"},
    {"regexp_count", 3, {kText, kText, kInt4}, kInt4, "pg_regexp_count($1, $2, $3, '')"},
    {"regexp_count", 4, {kText, kText, kInt4, kText}, kInt4, "pg_regexp_count($1, $2, $3, $4)"},
    {"regexp_instr", 2, {kText, kText}, kInt4, "pg_regexp_instr($1, $2, 1, 1, 0, '', 0)"},
    {"regexp_instr", 3, {kText, kText, kInt4}, kInt4, "pg_regexp_instr($1, $2, $3, 1, 0, '', 0)"},
    {"regexp_instr", 4, {kText, kText, kInt4, kInt4}, kInt4, "pg_regexp_instr($1, $2, $3, $4, 0, '', 0)"},
    {"regexp_instr", 5, {kText, kText, kInt4, kInt4, kInt4}, kInt4, "pg_regexp_instr($1, $2, $3, $4, $5, '', 0)"},
    {"regexp_instr", 6, {kText, kText, kInt4, kInt4, kInt4, kText}, kInt4, "pg_regexp_instr($1, $2, $3, $4, $5, $6, 0)"},
    {"regexp_instr", 7, {kText, kText, kInt4, kInt4, kInt4, kText, kInt4}, kInt4, "pg_regexp_instr($1, $2, $3, $4, $5, $6, $7)"},
    {"regexp_like", 2, {kText, kText}, kBool, "pg_regexp_like($1, $2, '')"},
    {"regexp_like", 3, {kText, kText, kText}, kBool, "pg_regexp_like($1, $2, $3)"},
    {"regexp_substr", 2, {kText, kText}, kText, "pg_regexp_substr($1, $2, 1, 1, '', 0)"},
    {"regexp_substr", 3, {kText, kText, kInt4}, kText, "pg_regexp_substr($1, $2, $3, 1, '', 0)"},
    {"regexp_substr", 4, {kText, kText, kInt4, kInt4}, kText, "pg_regexp_substr($1, $2, $3, $4, '', 0)"},
    {"regexp_substr", 5, {kText, kText, kInt4, kInt4, kText}, kText, "pg_regexp_substr($1, $2, $3, $4, $5, 0)"},
    {"regexp_substr", 6, {kText, kText, kInt4, kInt4, kText, kInt4}, kText, "pg_regexp_substr($1, $2, $3, $4, $5, $6)"},
    // Set-returning functions (FROM or the select list).
    {"regexp_matches", 2, {kText, kText}, kTextArray, "pg_regexp_matches($1, $2, '')", false, false, false, true},
    {"regexp_matches", 3, {kText, kText, kText}, kTextArray, "pg_regexp_matches($1, $2, $3)", false, false, false, true},
    {"regexp_split_to_table", 2, {kText, kText}, kText, "pg_regexp_split($1, $2, '')", false, false, false, true},
    {"regexp_split_to_table", 3, {kText, kText, kText}, kText, "pg_regexp_split($1, $2, $3)", false, false, false, true},
};

BuiltinSpan::S<OperatorDef> regex_operators() { return {kRegexOperators, sizeof kRegexOperators / sizeof *kRegexOperators}; }
BuiltinSpan::S<FunctionDef> regex_functions() { return {kRegexFunctions, sizeof kRegexFunctions / sizeof *kRegexFunctions}; }

}  // namespace pgmicro
