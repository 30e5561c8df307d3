// int2/int4/int8/oid text input as PostgreSQL 15 (pg_strtoint16/32/64, oidin).
#include <cctype>
#include <cstdint>
#include <string>
#include "common/error.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {
const char* int_type_name(int bits) {
  return bits == 16 ? "smallint" : bits == 32 ? "integer" : "bigint";
}
bool is_space(char c) { return std::isspace((unsigned char)c) != 0; }
}  // namespace

int64_t parse_int(std::string_view text, int bits) {
  size_t i = 0, n = text.size();
  while (i < n && is_space(text[i])) i++;
  bool neg = false;
  if (i < n && (text[i] == '-' || text[i] == '+')) neg = text[i] == '-', i++;
  size_t start = i;
  uint64_t limit = bits == 64 ? uint64_t(INT64_MAX) + (neg ? 1 : 0)
                              : (uint64_t(1) << (bits - 1)) - (neg ? 0 : 1);
  uint64_t v = 0;
  bool overflow = false;
  while (i < n && std::isdigit((unsigned char)text[i])) {
    unsigned d = unsigned(text[i] - '0');
    if (!overflow) {
      if (v > (limit - d) / 10) overflow = true;
      else v = v * 10 + d;
    }
    i++;
  }
  bool syntax_ok = i > start;
  while (i < n && is_space(text[i])) i++;
  if (!syntax_ok || i != n)
    throw PgError(sqlstate::kInvalidTextRepresentation,
                  std::string("invalid input syntax for type ") + int_type_name(bits) + ": \"" +
                      std::string(text) + "\"");
  if (overflow)
    throw PgError(sqlstate::kNumericValueOutOfRange,
                  "value \"" + std::string(text) + "\" is out of range for type " +
                      int_type_name(bits));
  return neg ? int64_t(uint64_t(0) - v) : int64_t(v);
}

// oidin: strtoul semantics, accepts -2147483648..4294967295 (negatives wrap).
uint32_t parse_oid(std::string_view text) {
  size_t i = 0, n = text.size();
  while (i < n && is_space(text[i])) i++;
  bool neg = false;
  if (i < n && (text[i] == '-' || text[i] == '+')) neg = text[i] == '-', i++;
  size_t start = i;
  uint64_t v = 0;
  bool overflow = false;
  while (i < n && std::isdigit((unsigned char)text[i])) {
    if (!overflow) {
      v = v * 10 + unsigned(text[i] - '0');
      if (v > 0xffffffffull) overflow = true;
    }
    i++;
  }
  bool syntax_ok = i > start;
  while (i < n && is_space(text[i])) i++;
  if (!syntax_ok || i != n)
    throw PgError(sqlstate::kInvalidTextRepresentation,
                  "invalid input syntax for type oid: \"" + std::string(text) + "\"");
  if (overflow || (neg && v > 2147483648ull))
    throw PgError(sqlstate::kNumericValueOutOfRange,
                  "value \"" + std::string(text) + "\" is out of range for type oid");
  return neg ? uint32_t(0) - uint32_t(v) : uint32_t(v);
}

}  // namespace pgmicro
