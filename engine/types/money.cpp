// money input and output (money.h): PostgreSQL 15's cash_in / cash_out with the C locale's
// monetary conventions (currency symbol "$", decimal point ".", thousands separator ",", two
// fractional digits, groups of three, "-" before the currency symbol).
#include "types/money.h"

#include <cctype>
#include "common/error.h"

namespace pgmicro {

namespace {

[[noreturn]] void out_of_range(std::string_view text) {
  throw PgError("22003", "value \"" + std::string(text) + "\" is out of range for type money");
}

bool starts(std::string_view s, size_t i, char c) { return i < s.size() && s[i] == c; }

}  // namespace

int64_t money_parse(std::string_view str) {
  const int fpoint = 2;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < str.size() && std::isspace((unsigned char)str[i])) i++;
  };
  skip_space();
  if (starts(str, i, '$')) i++;
  skip_space();
  int sgn = 1;
  if (starts(str, i, '-')) {
    sgn = -1;
    i++;
  } else if (starts(str, i, '(')) {
    sgn = -1;
    i++;
  } else if (starts(str, i, '+')) {
    i++;
  }
  skip_space();
  if (starts(str, i, '$')) i++;
  skip_space();
  // The value is built negative (as cash_in does) so INT64_MIN is reachable.
  int64_t value = 0;
  bool seen_dot = false;
  int dec = 0;
  for (; i < str.size(); i++) {
    char c = str[i];
    if (std::isdigit((unsigned char)c) && (!seen_dot || dec < fpoint)) {
      int digit = c - '0';
      if (__builtin_mul_overflow(value, 10, &value) || __builtin_sub_overflow(value, digit, &value)) out_of_range(str);
      if (seen_dot) dec++;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else if (c == ',') {
      // a thousands separator: ignored
    } else {
      break;
    }
  }
  if (i < str.size() && std::isdigit((unsigned char)str[i]) && str[i] >= '5')
    if (__builtin_sub_overflow(value, 1, &value)) out_of_range(str);
  for (; dec < fpoint; dec++)
    if (__builtin_mul_overflow(value, 10, &value)) out_of_range(str);
  while (i < str.size() && std::isdigit((unsigned char)str[i])) i++;
  while (i < str.size()) {
    char c = str[i];
    if (std::isspace((unsigned char)c) || c == ')' || c == '+' || c == '$') {
      i++;
    } else if (c == '-') {
      sgn = -1;
      i++;
    } else {
      throw PgError("22P02", "invalid input syntax for type money: \"" + std::string(str) + "\"");
    }
  }
  if (sgn > 0) {
    if (value == INT64_MIN) out_of_range(str);
    return -value;
  }
  return value;
}

std::string money_text(int64_t value) {
  uint64_t u = value < 0 ? uint64_t(0) - uint64_t(value) : uint64_t(value);
  // Digits right to left: two decimals, the point, then groups of three separated by commas.
  std::string rev;
  int digits = 0;
  do {
    if (digits == 2) rev += '.';
    else if (digits > 2 && (digits - 2) % 3 == 0) rev += ',';
    rev += char('0' + u % 10);
    u /= 10;
    digits++;
  } while (u != 0 || digits < 3);
  std::string out = value < 0 ? "-$" : "$";
  out.append(rev.rbegin(), rev.rend());
  return out;
}

}  // namespace pgmicro
