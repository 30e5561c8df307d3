// Data type formatting functions (PostgreSQL's to_char, to_number, to_date, to_timestamp)
// as data; implementations in runtime/formatting_functions.cpp over types/formatting.h.
// to_char(smallint) resolves to the integer variant through the implicit cast, as in
// PostgreSQL (which has no int2 variant either).
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

static const FunctionDef kFormattingFunctions[] = {
    {"to_char", 2, {kTimestamp, kText}, kText, "pg_to_char_dt($1, $2, 1)"},
    {"to_char", 2, {kTimestamptz, kText}, kText, "pg_to_char_dt($1, $2, 2)"},
    {"to_char", 2, {kInterval, kText}, kText, "pg_to_char_dt($1, $2, 3)"},
    {"to_char", 2, {kInt4, kText}, kText, "pg_to_char_num($1, $2, 0)"},
    {"to_char", 2, {kInt8, kText}, kText, "pg_to_char_num($1, $2, 1)"},
    {"to_char", 2, {kFloat4, kText}, kText, "pg_to_char_num($1, $2, 2)"},
    {"to_char", 2, {kFloat8, kText}, kText, "pg_to_char_num($1, $2, 3)"},
    {"to_char", 2, {kNumeric, kText}, kText, "pg_to_char_num($1, $2, 4)"},
    {"to_number", 2, {kText, kText}, kNumeric, "pg_to_number($1, $2)"},
    {"to_date", 2, {kText, kText}, kDate, "pg_to_date($1, $2)"},
    {"to_timestamp", 2, {kText, kText}, kTimestamptz, "pg_to_timestamp($1, $2)"},
    {"to_timestamp", 1, {kFloat8}, kTimestamptz, "pg_to_timestamp_epoch($1)"},
};

BuiltinSpan::S<FunctionDef> formatting_functions() {
  return {kFormattingFunctions, sizeof kFormattingFunctions / sizeof *kFormattingFunctions};
}

}  // namespace pgmicro
