// The inet/cidr operators, functions and casts as data (pg_operator / pg_proc / pg_cast rows of
// PostgreSQL's network.c that runtime/inet_functions.cpp implements). Comparisons are SQLite's
// own on the storage text (types/inet.h), which sorts in network_cmp's order; the rest lowers to
// pg_inet('<name>', args...). cidr is binary-coercible to inet, so inet's rows serve both.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

static const OperatorDef kInetOperators[] = {
    {"=", kInet, kInet, kBool, "($1 = $2)"},   {"<>", kInet, kInet, kBool, "($1 <> $2)"},
    {"<", kInet, kInet, kBool, "($1 < $2)"},   {"<=", kInet, kInet, kBool, "($1 <= $2)"},
    {">", kInet, kInet, kBool, "($1 > $2)"},   {">=", kInet, kInet, kBool, "($1 >= $2)"},
    {"<<", kInet, kInet, kBool, "pg_inet('sub', $1, $2)"},
    {"<<=", kInet, kInet, kBool, "pg_inet('subeq', $1, $2)"},
    {">>", kInet, kInet, kBool, "pg_inet('sup', $1, $2)"},
    {">>=", kInet, kInet, kBool, "pg_inet('supeq', $1, $2)"},
    {"&&", kInet, kInet, kBool, "pg_inet('overlap', $1, $2)"},
    {"~", 0, kInet, kInet, "pg_inet('not', $1)"},
    {"&", kInet, kInet, kInet, "pg_inet('and', $1, $2)"},
    {"|", kInet, kInet, kInet, "pg_inet('or', $1, $2)"},
    {"+", kInet, kInt8, kInet, "pg_inet('pl', $1, $2)"},
    {"+", kInt8, kInet, kInet, "pg_inet('pl', $2, $1)"},
    {"-", kInet, kInt8, kInet, "pg_inet('mi_int8', $1, $2)"},
    {"-", kInet, kInet, kInt8, "pg_inet('mi', $1, $2)"},
};

static const FunctionDef kInetFunctions[] = {
    {"host", 1, {kInet}, kText, "pg_inet('host', $1)"},
    {"text", 1, {kInet}, kText, "pg_inet('text', $1)"},
    {"abbrev", 1, {kInet}, kText, "pg_inet('abbrev', $1)"},
    {"abbrev", 1, {kCidr}, kText, "pg_inet('cidr_abbrev', $1)"},
    {"masklen", 1, {kInet}, kInt4, "pg_inet('masklen', $1)"},
    {"set_masklen", 2, {kInet, kInt4}, kInet, "pg_inet('set_masklen', $1, $2)"},
    {"set_masklen", 2, {kCidr, kInt4}, kCidr, "pg_inet('cidr_set_masklen', $1, $2)"},
    {"netmask", 1, {kInet}, kInet, "pg_inet('netmask', $1)"},
    {"hostmask", 1, {kInet}, kInet, "pg_inet('hostmask', $1)"},
    {"network", 1, {kInet}, kCidr, "pg_inet('cidr', $1)"},
    {"cidr", 1, {kInet}, kCidr, "pg_inet('cidr', $1)"},
    {"broadcast", 1, {kInet}, kInet, "pg_inet('broadcast', $1)"},
    {"family", 1, {kInet}, kInt4, "pg_inet('family', $1)"},
    {"inet_same_family", 2, {kInet, kInet}, kBool, "pg_inet('same_family', $1, $2)"},
    {"inet_merge", 2, {kInet, kInet}, kCidr, "pg_inet('merge', $1, $2)"},
    {"network_sub", 2, {kInet, kInet}, kBool, "pg_inet('sub', $1, $2)"},
    {"network_subeq", 2, {kInet, kInet}, kBool, "pg_inet('subeq', $1, $2)"},
    {"network_sup", 2, {kInet, kInet}, kBool, "pg_inet('sup', $1, $2)"},
    {"network_supeq", 2, {kInet, kInet}, kBool, "pg_inet('supeq', $1, $2)"},
    {"network_overlap", 2, {kInet, kInet}, kBool, "pg_inet('overlap', $1, $2)"},
};

static const CastDef kInetCasts[] = {
    {kCidr, kInet, CastContext::Implicit, "$1"},
    {kInet, kCidr, CastContext::Assignment, "pg_inet('cidr', $1)"},
    {kInet, kText, CastContext::Assignment, "pg_inet('text', $1)"},
    {kCidr, kText, CastContext::Assignment, "pg_inet('text', $1)"},
    {kInet, kVarchar, CastContext::Assignment, "pg_inet('text', $1)"},
    {kCidr, kVarchar, CastContext::Assignment, "pg_inet('text', $1)"},
};

BuiltinSpan::S<OperatorDef> inet_operators() { return {kInetOperators, sizeof kInetOperators / sizeof *kInetOperators}; }
BuiltinSpan::S<FunctionDef> inet_functions() { return {kInetFunctions, sizeof kInetFunctions / sizeof *kInetFunctions}; }
BuiltinSpan::S<CastDef> inet_casts() { return {kInetCasts, sizeof kInetCasts / sizeof *kInetCasts}; }

}  // namespace pgmicro
