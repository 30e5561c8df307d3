// The mathematical library as data (PostgreSQL's float.c, int.c, int8.c and numeric.c
// function families): power/roots/logarithms/trigonometry/rounding of float8, bitwise
// operators, gcd/lcm and send functions of the integers, and numeric's transcendental and
// scale functions. Implementations: runtime/math_functions.cpp, runtime/numeric_math_functions.cpp.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

#define INT_BITOPS(T, BITS)                                                       \
  {"&", T, T, T, "pg_int_bitop($1, $2, 0, " #BITS ")"},                           \
  {"|", T, T, T, "pg_int_bitop($1, $2, 1, " #BITS ")"},                           \
  {"#", T, T, T, "pg_int_bitop($1, $2, 2, " #BITS ")"},                           \
  {"<<", T, kInt4, T, "pg_int_bitop($1, $2, 3, " #BITS ")"},                      \
  {">>", T, kInt4, T, "pg_int_bitop($1, $2, 4, " #BITS ")"},                      \
  {"~", 0, T, T, "pg_int_bitop($1, 0, 5, " #BITS ")"},                            \
  {"@", 0, T, T, "pg_int_abs($1, " #BITS ")"}

static const OperatorDef kMathOperators[] = {
    INT_BITOPS(kInt2, 16), INT_BITOPS(kInt4, 32), INT_BITOPS(kInt8, 64),
    {"^", kFloat8, kFloat8, kFloat8, "pg_fmath2($1, $2, 0)"},
    {"|/", 0, kFloat8, kFloat8, "pg_fmath1($1, 0)"},
    {"||/", 0, kFloat8, kFloat8, "pg_fmath1($1, 1)"},
    {"@", 0, kFloat4, kFloat4, "pg_float_abs($1)"},
    {"@", 0, kFloat8, kFloat8, "pg_float_abs($1)"},
    {"@", 0, kNumeric, kNumeric, "pg_numeric_abs($1)"},
    {"^", kNumeric, kNumeric, kNumeric, "pg_nmath2($1, $2, 0)"},
};

#define F8(NAME, CODE) {NAME, 1, {kFloat8}, kFloat8, "pg_fmath1($1, " #CODE ")"}
#define GCD(NAME, T, BITS, LCM) {NAME, 2, {T, T}, T, "pg_int_gcd($1, $2, " #BITS ", " #LCM ")"}

static const FunctionDef kMathFunctions[] = {
    F8("sqrt", 0), F8("cbrt", 1), F8("exp", 2), F8("ln", 3), F8("log", 4), F8("log10", 4),
    F8("sin", 5), F8("cos", 6), F8("tan", 7), F8("cot", 8), F8("asin", 9), F8("acos", 10),
    F8("atan", 11), F8("sinh", 12), F8("cosh", 13), F8("tanh", 14), F8("asinh", 15),
    F8("acosh", 16), F8("atanh", 17), F8("ceil", 18), F8("ceiling", 18), F8("floor", 19),
    F8("trunc", 20), F8("sign", 21), F8("degrees", 22), F8("radians", 23), F8("sind", 24),
    F8("cosd", 25), F8("tand", 26), F8("cotd", 27), F8("asind", 28), F8("acosd", 29),
    F8("atand", 30),
    {"power", 2, {kFloat8, kFloat8}, kFloat8, "pg_fmath2($1, $2, 0)"},
    {"pow", 2, {kFloat8, kFloat8}, kFloat8, "pg_fmath2($1, $2, 0)"},
    {"atan2", 2, {kFloat8, kFloat8}, kFloat8, "pg_fmath2($1, $2, 1)"},
    {"atan2d", 2, {kFloat8, kFloat8}, kFloat8, "pg_fmath2($1, $2, 2)"},
    {"pi", 0, {}, kFloat8, "3.141592653589793"},
    // bytea's byte-wise functions (runtime/bytea_functions.cpp).
    {"substring", 2, {kBytea, kInt4}, kBytea, "pg_bytea_substr($1, $2)"},
    {"substring", 3, {kBytea, kInt4, kInt4}, kBytea, "pg_bytea_substr($1, $2, $3)"},
    {"substr", 2, {kBytea, kInt4}, kBytea, "pg_bytea_substr($1, $2)"},
    {"substr", 3, {kBytea, kInt4, kInt4}, kBytea, "pg_bytea_substr($1, $2, $3)"},
    {"btrim", 2, {kBytea, kBytea}, kBytea, "pg_bytea_trim($1, $2, 0)"},
    {"ltrim", 2, {kBytea, kBytea}, kBytea, "pg_bytea_trim($1, $2, 1)"},
    {"rtrim", 2, {kBytea, kBytea}, kBytea, "pg_bytea_trim($1, $2, 2)"},
    {"get_byte", 2, {kBytea, kInt4}, kInt4, "pg_bytea_byte($1, $2)"},
    {"set_byte", 3, {kBytea, kInt4, kInt4}, kBytea, "pg_bytea_byte($1, $2, $3)"},
    {"get_bit", 2, {kBytea, kInt8}, kInt4, "pg_bytea_bit($1, $2)"},
    {"set_bit", 3, {kBytea, kInt8, kInt4}, kBytea, "pg_bytea_bit($1, $2, $3)"},
    {"overlay", 3, {kBytea, kBytea, kInt4}, kBytea, "pg_bytea_overlay($1, $2, $3)"},
    {"overlay", 4, {kBytea, kBytea, kInt4, kInt4}, kBytea, "pg_bytea_overlay($1, $2, $3, $4)"},
    // overlay(text placing text from n [for m]) = substr(1, n-1) || placing || substr(n + m)
    {"overlay", 3, {kText, kText, kInt4}, kText, "(pg_substr($1, 1, $3 - 1) || $2 || pg_substr($1, $3 + length($2)))"},
    {"overlay", 4, {kText, kText, kInt4, kInt4}, kText, "(pg_substr($1, 1, $3 - 1) || $2 || pg_substr($1, $3 + $4))"},
    {"unistr", 1, {kText}, kText, "pg_unistr($1)"},  // runtime/unistr_function.cpp
    {"pg_sleep", 1, {kFloat8}, kVoid, "pg_sleep($1)", false, true},  // runtime/sleep_function.cpp
    {"random", 0, {}, kFloat8, "((random() & 9007199254740991) / 9007199254740992.0)", false, true},
    {"float4send", 1, {kFloat4}, kBytea, "pg_float_send($1, 32)"},
    {"float8send", 1, {kFloat8}, kBytea, "pg_float_send($1, 64)"},
    {"int2send", 1, {kInt2}, kBytea, "pg_int_send($1, 16)"},
    {"int4send", 1, {kInt4}, kBytea, "pg_int_send($1, 32)"},
    {"int8send", 1, {kInt8}, kBytea, "pg_int_send($1, 64)"},
    GCD("gcd", kInt4, 32, 0), GCD("gcd", kInt8, 64, 0), GCD("lcm", kInt4, 32, 1), GCD("lcm", kInt8, 64, 1),
    {"mod", 2, {kInt2, kInt2}, kInt2, "pg_int_mod($1, $2, 16)"},
    {"mod", 2, {kInt4, kInt4}, kInt4, "pg_int_mod($1, $2, 32)"},
    {"mod", 2, {kInt8, kInt8}, kInt8, "pg_int_mod($1, $2, 64)"},
#define N1(NAME, CODE) {NAME, 1, {kNumeric}, kNumeric, "pg_nmath1($1, " #CODE ")"}
#define N2(NAME, CODE) {NAME, 2, {kNumeric, kNumeric}, kNumeric, "pg_nmath2($1, $2, " #CODE ")"}
    N1("sqrt", 0), N1("ln", 1), N1("log", 2), N1("log10", 2), N1("exp", 3), N1("ceil", 4),
    N1("ceiling", 4), N1("floor", 5), N1("sign", 6), N1("trim_scale", 7),
    N2("power", 0), N2("pow", 0), N2("log", 1), N2("div", 2), N2("gcd", 3), N2("lcm", 4),
    {"mod", 2, {kNumeric, kNumeric}, kNumeric, "pg_numeric_mod($1, $2)"},
    {"trunc", 1, {kNumeric}, kNumeric, "pg_numeric_trunc($1, 0)"},
    {"trunc", 2, {kNumeric, kInt4}, kNumeric, "pg_numeric_trunc($1, $2)"},
    {"scale", 1, {kNumeric}, kInt4, "pg_numeric_scale($1, 0)"},
    {"min_scale", 1, {kNumeric}, kInt4, "pg_numeric_scale($1, 1)"},
    {"factorial", 1, {kInt8}, kNumeric, "pg_numeric_factorial($1)"},
    {"numeric_inc", 1, {kNumeric}, kNumeric, "pg_numeric_add($1, pg_numeric_from_int(1))"},
    // bool.c's comparison functions behind = and <> (storage 0/1)
    {"booleq", 2, {kBool, kBool}, kBool, "($1 = $2)"},
    {"boolne", 2, {kBool, kBool}, kBool, "($1 <> $2)"},
    {"width_bucket", 4, {kFloat8, kFloat8, kFloat8, kInt4}, kInt4, "pg_width_bucket_float8($1, $2, $3, $4)"},
    {"width_bucket", 4, {kNumeric, kNumeric, kNumeric, kInt4}, kInt4, "pg_width_bucket_numeric($1, $2, $3, $4)"},
    {"width_bucket", 2, {kAnyCompatible, kAnyCompatibleArray}, kInt4, "pg_width_bucket_array($1, $2, $E)"},
};

BuiltinSpan::S<OperatorDef> math_operators() { return {kMathOperators, sizeof kMathOperators / sizeof *kMathOperators}; }
BuiltinSpan::S<FunctionDef> math_functions() { return {kMathFunctions, sizeof kMathFunctions / sizeof *kMathFunctions}; }

}  // namespace pgmicro
