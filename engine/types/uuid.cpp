// uuid: PostgreSQL 15's string_to_uuid (optional braces, hex digit pairs with an optional
// hyphen after any group of four digits, either case) and the canonical lowercase 8-4-4-4-12
// output, which is also the storage form (its byte order is uuid order).
#include <cctype>
#include <string>
#include "common/error.h"
#include "types/type_families.h"

namespace pgmicro {

std::string parse_uuid(std::string_view text) {
  auto fail = [&]() -> std::string {
    throw PgError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type uuid: \"" + std::string(text) + "\"");
  };
  unsigned char bytes[16];
  size_t p = 0;
  auto at = [&](size_t i) { return i < text.size() ? text[i] : '\0'; };
  bool braces = at(0) == '{';
  if (braces) p++;
  for (int i = 0; i < 16; i++) {
    char a = at(p), b = at(p + 1);
    if (!a || !b || !isxdigit((unsigned char)a) || !isxdigit((unsigned char)b)) return fail();
    auto hex = [](char c) { return c <= '9' ? c - '0' : (tolower((unsigned char)c) - 'a' + 10); };
    bytes[i] = (unsigned char)(hex(a) << 4 | hex(b));
    p += 2;
    if (at(p) == '-' && i % 2 == 1 && i < 15) p++;
  }
  if (braces) {
    if (at(p) != '}') return fail();
    p++;
  }
  if (p != text.size()) return fail();
  return uuid_to_string(bytes);
}

std::string uuid_to_string(const unsigned char* bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += kHex[bytes[i] >> 4];
    s += kHex[bytes[i] & 15];
  }
  return s;
}

}  // namespace pgmicro
