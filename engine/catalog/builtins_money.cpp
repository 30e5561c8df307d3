// The money operators, functions and casts as data (cash.c's pg_operator / pg_proc / pg_cast
// rows; runtime/money_functions.cpp computes them). Comparisons are SQLite's own on the
// integer cents.
#include "catalog/builtins_money.h"
#include "types/money.h"

namespace pgmicro {
using namespace oid;

#define MONEY_TIMES(T, OP)                                                  \
  {"*", kMoney, T, kMoney, "pg_money('mul_" OP "', $1, $2)"},              \
  {"*", T, kMoney, kMoney, "pg_money('mul_" OP "', $2, $1)"},              \
  {"/", kMoney, T, kMoney, "pg_money('div_" OP "', $1, $2)"}

static const OperatorDef kMoneyOperators[] = {
    {"=", kMoney, kMoney, kBool, "($1 = $2)"},   {"<>", kMoney, kMoney, kBool, "($1 <> $2)"},
    {"<", kMoney, kMoney, kBool, "($1 < $2)"},   {"<=", kMoney, kMoney, kBool, "($1 <= $2)"},
    {">", kMoney, kMoney, kBool, "($1 > $2)"},   {">=", kMoney, kMoney, kBool, "($1 >= $2)"},
    {"+", kMoney, kMoney, kMoney, "pg_money('pl', $1, $2)"},
    {"-", kMoney, kMoney, kMoney, "pg_money('mi', $1, $2)"},
    {"/", kMoney, kMoney, kFloat8, "pg_money('div', $1, $2)"},
    MONEY_TIMES(kFloat8, "flt"), MONEY_TIMES(kFloat4, "flt"),
    MONEY_TIMES(kInt8, "int"), MONEY_TIMES(kInt4, "int"), MONEY_TIMES(kInt2, "int"),
};

static const FunctionDef kMoneyFunctions[] = {
    {"cashlarger", 2, {kMoney, kMoney}, kMoney, "max($1, $2)"},
    {"cashsmaller", 2, {kMoney, kMoney}, kMoney, "min($1, $2)"},
    {"money", 1, {kInt4}, kMoney, "pg_money('from_int', $1)"},
    {"money", 1, {kInt8}, kMoney, "pg_money('from_int', $1)"},
    {"money", 1, {kNumeric}, kMoney, "pg_money('from_numeric', $1)"},
    {"numeric", 1, {kMoney}, kNumeric, "pg_money('to_numeric', $1)"},
    {"sum", 1, {kMoney}, kMoney, "sum($1)", true},
};

static const CastDef kMoneyCasts[] = {
    {kInt4, kMoney, CastContext::Assignment, "pg_money('from_int', $1)"},
    {kInt8, kMoney, CastContext::Assignment, "pg_money('from_int', $1)"},
    {kNumeric, kMoney, CastContext::Assignment, "pg_money('from_numeric', $1)"},
    {kMoney, kNumeric, CastContext::Assignment, "pg_money('to_numeric', $1)"},
};

BuiltinSpan::S<OperatorDef> money_operators() { return {kMoneyOperators, sizeof kMoneyOperators / sizeof *kMoneyOperators}; }
BuiltinSpan::S<FunctionDef> money_functions() { return {kMoneyFunctions, sizeof kMoneyFunctions / sizeof *kMoneyFunctions}; }
BuiltinSpan::S<CastDef> money_casts() { return {kMoneyCasts, sizeof kMoneyCasts / sizeof *kMoneyCasts}; }

}  // namespace pgmicro
