// text, varchar(n), bpchar(n), name: input is the identity; typmod rules as PostgreSQL 15
// (varchar_input/varchar(), bpchar_input/bpchar(), namein). Lengths count characters
// (UTF-8 code points). typmod is n + 4 (VARHDRSZ) as in PostgreSQL.
#include <string>
#include "common/error.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {
constexpr size_t kNameDataLen = 64;

// Byte offset of the first `chars` characters of s (s.size() if it has fewer).
size_t utf8_prefix_bytes(std::string_view s, size_t chars) {
  size_t i = 0, c = 0;
  while (i < s.size() && c < chars) {
    unsigned char b = (unsigned char)s[i];
    size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    i += len;
    c++;
  }
  return i < s.size() ? i : s.size();
}
}  // namespace

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char b : s)
    if ((b & 0xC0) != 0x80) n++;
  return n;
}

std::string apply_char_typmod(Oid type, int32_t typmod, std::string_view s, bool explicit_cast) {
  if (type == oid::kName) {
    if (s.size() < kNameDataLen) return std::string(s);
    // namein: clip to NAMEDATALEN-1 bytes at a character boundary
    size_t cut = kNameDataLen - 1;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
    return std::string(s.substr(0, cut));
  }
  if (typmod < 4 || (type != oid::kVarchar && type != oid::kBpchar)) return std::string(s);
  size_t maxlen = size_t(typmod - 4);
  size_t len = utf8_length(s);
  if (len > maxlen) {
    size_t cut = utf8_prefix_bytes(s, maxlen);
    if (!explicit_cast) {
      for (size_t j = cut; j < s.size(); j++) {
        if (s[j] != ' ')
          throw PgError(sqlstate::kStringDataRightTruncation,
                        std::string("value too long for type ") +
                            (type == oid::kVarchar ? "character varying(" : "character(") +
                            std::to_string(maxlen) + ")");
      }
    }
    std::string r(s.substr(0, cut));
    return r;
  }
  if (type == oid::kBpchar && len < maxlen) {
    std::string r(s);
    r.append(maxlen - len, ' ');
    return r;
  }
  return std::string(s);
}

}  // namespace pgmicro
