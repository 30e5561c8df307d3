// boolean text input as PostgreSQL 15 (boolin / parse_bool_with_len); stored as 0/1.
#include <cctype>
#include <string>
#include "common/error.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {
// pg_strncasecmp(value, word, n) == 0
bool ci_ncmp(std::string_view value, const char* word, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char a = i < value.size() ? value[i] : '\0';
    char b = word[i];
    if (std::tolower((unsigned char)a) != std::tolower((unsigned char)b)) return false;
    if (b == '\0') return true;
  }
  return true;
}
}  // namespace

bool parse_bool(std::string_view text) {
  std::string_view v = text;
  while (!v.empty() && std::isspace((unsigned char)v.front())) v.remove_prefix(1);
  while (!v.empty() && std::isspace((unsigned char)v.back())) v.remove_suffix(1);
  size_t len = v.size();
  if (len > 0) {
    switch (v[0]) {
      case 't': case 'T':
        if (ci_ncmp(v, "true", len)) return true;
        break;
      case 'f': case 'F':
        if (ci_ncmp(v, "false", len)) return false;
        break;
      case 'y': case 'Y':
        if (ci_ncmp(v, "yes", len)) return true;
        break;
      case 'n': case 'N':
        if (ci_ncmp(v, "no", len)) return false;
        break;
      case 'o': case 'O':
        if (ci_ncmp(v, "on", len > 2 ? len : 2)) return true;
        if (ci_ncmp(v, "off", len > 2 ? len : 2)) return false;
        break;
      case '1':
        if (len == 1) return true;
        break;
      case '0':
        if (len == 1) return false;
        break;
      default:
        break;
    }
  }
  throw PgError(sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type boolean: \"" + std::string(text) + "\"");
}

}  // namespace pgmicro
