// A small lexer over the SQL text that skips comments, string constants and dollar quotes and
// reports identifiers (plain ones lower-cased, double-quoted ones as written) PostgreSQL's
// scanner would truncate (scan.l: truncate_identifier with warn = true).
#include "parse/identifier_truncation.h"

namespace pgmicro {

namespace {

constexpr size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1

bool ident_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool ident_cont(unsigned char c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '$'; }

void check(const std::string& ident, std::vector<std::string>& out) {
  if (ident.size() <= kMaxIdentifierBytes) return;
  size_t len = kMaxIdentifierBytes;
  while (len > 0 && (static_cast<unsigned char>(ident[len]) & 0xC0) == 0x80) len--;  // a whole UTF-8 character
  out.push_back("identifier \"" + ident + "\" will be truncated to \"" + ident.substr(0, len) + "\"");
}

}  // namespace

std::vector<std::string> identifier_truncation_messages(std::string_view sql) {
  std::vector<std::string> out;
  size_t i = 0, n = sql.size();
  while (i < n) {
    unsigned char c = sql[i];
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') i++;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') { depth++; i += 2; }
        else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') { depth--; i += 2; }
        else i++;
      }
    } else if (c == '\'') {
      // A string constant; E'...' (backslash escapes) is handled where the E prefix is seen.
      i++;
      while (i < n) {
        if (sql[i] == '\'') {
          if (i + 1 < n && sql[i + 1] == '\'') { i += 2; continue; }
          break;
        }
        i++;
      }
      i++;
    } else if (c == '"') {
      std::string ident;
      i++;
      while (i < n) {
        if (sql[i] == '"') {
          if (i + 1 < n && sql[i + 1] == '"') { ident += '"'; i += 2; continue; }
          break;
        }
        ident += sql[i++];
      }
      i++;
      check(ident, out);
    } else if (c == '$') {
      // $n parameter or $tag$ ... $tag$ dollar quote.
      size_t j = i + 1;
      while (j < n && sql[j] != '$' && ident_cont(sql[j]) && sql[j] != '$') j++;
      if (j < n && sql[j] == '$' && (j == i + 1 || !(sql[i + 1] >= '0' && sql[i + 1] <= '9'))) {
        std::string_view tag = sql.substr(i, j - i + 1);
        size_t end = sql.find(tag, j + 1);
        i = end == std::string_view::npos ? n : end + tag.size();
      } else {
        i++;
        while (i < n && sql[i] >= '0' && sql[i] <= '9') i++;
      }
    } else if (c >= '0' && c <= '9') {
      while (i < n && (ident_cont(sql[i]) || sql[i] == '.')) i++;
    } else if (ident_start(c)) {
      size_t j = i;
      while (j < n && ident_cont(sql[j])) j++;
      if (j < n && sql[j] == '\'' && j - i == 1 && (c == 'e' || c == 'E')) {
        // E'...': backslash escapes.
        i = j + 1;
        while (i < n) {
          if (sql[i] == '\\') { i += 2; continue; }
          if (sql[i] == '\'') {
            if (i + 1 < n && sql[i + 1] == '\'') { i += 2; continue; }
            break;
          }
          i++;
        }
        i++;
        continue;
      }
      std::string ident(sql.substr(i, j - i));
      for (auto& ch : ident)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      check(ident, out);
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

}  // namespace pgmicro
