// The string library's operators and functions (PostgreSQL's varlena.c / oracle_compat.c /
// like.c / encode.c / quote.c families) as data; implementations in
// runtime/text_functions.cpp. Trimming and replace are SQLite's own trim/ltrim/rtrim/replace,
// whose semantics (a set of characters, UTF-8 aware; empty search string leaves the input)
// are PostgreSQL's.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

static const OperatorDef kTextOperators[] = {
    {"||", kText, kText, kText, "($1 || $2)"},
    {"~~", kText, kText, kBool, "pg_like($1, $2)"},
    // text_pattern_ops' byte-wise comparisons (~<~ ~<=~ ~>=~ ~>~)
    {"~<~", kText, kText, kBool, "($1 < $2 COLLATE BINARY)"},
    {"~<=~", kText, kText, kBool, "($1 <= $2 COLLATE BINARY)"},
    {"~>=~", kText, kText, kBool, "($1 >= $2 COLLATE BINARY)"},
    {"~>~", kText, kText, kBool, "($1 > $2 COLLATE BINARY)"},
    {"!~~", kText, kText, kBool, "(NOT pg_like($1, $2))"},
    {"~~*", kText, kText, kBool, "pg_ilike($1, $2)"},
    {"!~~*", kText, kText, kBool, "(NOT pg_ilike($1, $2))"},
    // bpchar LIKE sees the blank-padded value (bpcharlike is textlike on the padded datum).
    {"~~", kBpchar, kText, kBool, "pg_like($1, $2)"},
    {"!~~", kBpchar, kText, kBool, "(NOT pg_like($1, $2))"},
    {"~~*", kBpchar, kText, kBool, "pg_ilike($1, $2)"},
    {"!~~*", kBpchar, kText, kBool, "(NOT pg_ilike($1, $2))"},
    {"^@", kText, kText, kBool, "pg_starts_with($1, $2)"},
};

static const FunctionDef kTextFunctions[] = {
    {"string_agg", 2, {kText, kText}, kText, "group_concat($1, coalesce($2, ''))", true},
    {"lower", 1, {kText}, kText, "pg_lower($1)"},
    {"upper", 1, {kText}, kText, "pg_upper($1)"},
    {"initcap", 1, {kText}, kText, "pg_initcap($1)"},
    {"length", 1, {kText}, kInt4, "length($1)"},
    {"length", 1, {kBytea}, kInt4, "octet_length($1)"},
    {"char_length", 1, {kText}, kInt4, "length($1)"},
    {"character_length", 1, {kText}, kInt4, "length($1)"},
    {"octet_length", 1, {kText}, kInt4, "octet_length($1)"},
    {"octet_length", 1, {kBpchar}, kInt4, "octet_length($1)"},
    {"octet_length", 1, {kBytea}, kInt4, "octet_length($1)"},
    {"bit_length", 1, {kText}, kInt4, "(octet_length($1) * 8)"},
    {"bit_length", 1, {kBytea}, kInt4, "(octet_length($1) * 8)"},
    {"substr", 2, {kText, kInt4}, kText, "pg_substr($1, $2)"},
    {"substr", 3, {kText, kInt4, kInt4}, kText, "pg_substr($1, $2, $3)"},
    {"substring", 2, {kText, kInt4}, kText, "pg_substr($1, $2)"},
    {"substring", 3, {kText, kInt4, kInt4}, kText, "pg_substr($1, $2, $3)"},
    // position(a IN b) arrives as position(b, a).
    {"position", 2, {kText, kText}, kInt4, "pg_strpos($1, $2)"},
    {"strpos", 2, {kText, kText}, kInt4, "pg_strpos($1, $2)"},
    {"replace", 3, {kText, kText, kText}, kText, "replace($1, $2, $3)"},
    {"translate", 3, {kText, kText, kText}, kText, "pg_translate($1, $2, $3)"},
    // trim([both|leading|trailing] [chars] FROM x) arrives as btrim/ltrim/rtrim(x [, chars]).
    {"btrim", 1, {kText}, kText, "trim($1, ' ')"},
    {"btrim", 2, {kText, kText}, kText, "trim($1, $2)"},
    {"ltrim", 1, {kText}, kText, "ltrim($1, ' ')"},
    {"ltrim", 2, {kText, kText}, kText, "ltrim($1, $2)"},
    {"rtrim", 1, {kText}, kText, "rtrim($1, ' ')"},
    {"rtrim", 2, {kText, kText}, kText, "rtrim($1, $2)"},
    {"lpad", 2, {kText, kInt4}, kText, "pg_lpad($1, $2)"},
    {"lpad", 3, {kText, kInt4, kText}, kText, "pg_lpad($1, $2, $3)"},
    {"rpad", 2, {kText, kInt4}, kText, "pg_rpad($1, $2)"},
    {"rpad", 3, {kText, kInt4, kText}, kText, "pg_rpad($1, $2, $3)"},
    {"left", 2, {kText, kInt4}, kText, "pg_left($1, $2)"},
    {"right", 2, {kText, kInt4}, kText, "pg_right($1, $2)"},
    {"repeat", 2, {kText, kInt4}, kText, "pg_repeat($1, $2)"},
    {"textcat", 2, {kText, kText}, kText, "($1 || $2)"},
    {"reverse", 1, {kText}, kText, "pg_reverse($1)"},
    {"split_part", 3, {kText, kText, kInt4}, kText, "pg_split_part($1, $2, $3)"},
    {"starts_with", 2, {kText, kText}, kBool, "pg_starts_with($1, $2)"},
    {"ascii", 1, {kText}, kInt4, "pg_ascii($1)"},
    {"chr", 1, {kInt4}, kText, "pg_chr($1)"},
    {"to_hex", 1, {kInt4}, kText, "pg_to_hex($1, 32)"},
    {"to_hex", 1, {kInt8}, kText, "pg_to_hex($1, 64)"},
    {"quote_ident", 1, {kText}, kText, "pg_quote_ident($1)"},
    {"quote_literal", 1, {kText}, kText, "pg_quote_literal($1)"},
    {"quote_literal", 1, {kAnyElement}, kText, "pg_quote_literal($1)"},
    {"quote_nullable", 1, {kText}, kText, "pg_quote_nullable($1)"},
    {"quote_nullable", 1, {kAnyElement}, kText, "pg_quote_nullable($1)"},
    {"concat", 1, {kAny}, kText, "pg_concat($*)", false, false, true},
    {"concat_ws", 2, {kText, kAny}, kText, "pg_concat_ws($*)", false, false, true},
    {"format", 1, {kText}, kText, "pg_format($1)"},
    {"format", 2, {kText, kAny}, kText, "pg_format($*)", false, false, true},
    {"md5", 1, {kText}, kText, "pg_md5($1)"},
    {"md5", 1, {kBytea}, kText, "pg_md5($1)"},
    {"sha224", 1, {kBytea}, kBytea, "pg_sha224($1)"},
    {"sha256", 1, {kBytea}, kBytea, "pg_sha256($1)"},
    {"sha384", 1, {kBytea}, kBytea, "pg_sha384($1)"},
    {"sha512", 1, {kBytea}, kBytea, "pg_sha512($1)"},
    {"encode", 2, {kBytea, kText}, kText, "pg_encode($1, $2)"},
    {"decode", 2, {kText, kText}, kBytea, "pg_decode($1, $2)"},
    // x LIKE p ESCAPE e arrives as x LIKE like_escape(p, e).
    {"like_escape", 2, {kText, kText}, kText, "pg_like_escape($1, $2)"},
};

BuiltinSpan::S<OperatorDef> text_operators() { return {kTextOperators, sizeof kTextOperators / sizeof *kTextOperators}; }
BuiltinSpan::S<FunctionDef> text_functions() { return {kTextFunctions, sizeof kTextFunctions / sizeof *kTextFunctions}; }

}  // namespace pgmicro
