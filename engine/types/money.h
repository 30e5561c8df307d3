// The money type (PostgreSQL's cash.c under lc_monetary = C): an int8 count of cents. Input
// takes cash_in's spellings ($, thousands commas, parentheses or - for negatives, a third
// decimal rounding half up), output is cash_out's "-$1,234.56". Stored as the SQLite integer
// (docs/storage-format.md), so SQLite's integer order is money's order. The SQL side is
// runtime/money_functions.cpp and catalog/builtins_money.cpp.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "pgmicro/pgmicro.h"

namespace pgmicro {

namespace oid {
inline constexpr Oid kMoney = 790;
inline constexpr Oid kMoneyArray = 791;
}  // namespace oid

// cash_in: 22P02 for bad syntax, 22003 out of range.
int64_t money_parse(std::string_view text);
// cash_out with lc_monetary = C.
std::string money_text(int64_t cents);

}  // namespace pgmicro
