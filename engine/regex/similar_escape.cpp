// SIMILAR TO -> ARE, as PostgreSQL 15's similar_escape_internal (utils/adt/regexp.c) writes
// it: ^(?: … )$ around the pattern, % -> .*, _ -> ., ( -> (?:, regex metacharacters that
// SIMILAR TO treats literally are escaped, and the escape-double-quote separators become
// ){1,1}?( and ){1,1}(?: so substring(… similar …) returns the middle part.
#include "common/error.h"
#include "regex/regex.h"

namespace pgmicro::regex {

std::string similar_to_regex(std::string_view p, const std::string* escape) {
  std::string e = escape ? *escape : std::string("\\");
  if (!e.empty()) {
    size_t chars = 0;
    for (unsigned char b : e)
      if ((b & 0xC0) != 0x80) chars++;
    if (chars > 1)
      throw PgError("22025", "invalid escape string", "", "Escape string must be empty or one character.");
  }
  std::string r = "^(?:";
  bool afterescape = false, incharclass = false;
  int nquotes = 0;
  for (size_t i = 0; i < p.size();) {
    unsigned char b = (unsigned char)p[i];
    size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (i + len > p.size()) len = p.size() - i;
    std::string_view ch = p.substr(i, len);
    i += len;
    if (len > 1) {  // multibyte: no special meaning
      if (afterescape) {
        r += '\\';
        r += ch;
        afterescape = false;
      } else if (!e.empty() && ch == e) {
        afterescape = true;
      } else {
        r += ch;
      }
      continue;
    }
    char c = ch[0];
    if (afterescape) {
      if (c == '"' && !incharclass) {
        if (nquotes == 0) r += "){1,1}?(";
        else if (nquotes == 1) r += "){1,1}(?:";
        else
          throw PgError("2200C", "SQL regular expression may not contain more than two escape-double-quote separators");
        nquotes++;
      } else {
        r += '\\';
        r += c;
      }
      afterescape = false;
    } else if (!e.empty() && e.size() == 1 && c == e[0]) {
      afterescape = true;
    } else if (incharclass) {
      if (c == '\\') r += '\\';
      r += c;
      if (c == ']') incharclass = false;
    } else if (c == '[') {
      r += c;
      incharclass = true;
    } else if (c == '%') {
      r += ".*";
    } else if (c == '_') {
      r += '.';
    } else if (c == '(') {
      r += "(?:";
    } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
      r += '\\';
      r += c;
    } else {
      r += c;
    }
  }
  r += ")$";
  return r;
}

}  // namespace pgmicro::regex
