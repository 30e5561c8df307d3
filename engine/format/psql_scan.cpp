// psql-compatible statement splitting (see psql_scan.h).
#include "format/psql_scan.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace pgmicro::format {
namespace {

bool is_ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool is_ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

// A dollar-quote delimiter ($tag$ or $$) starting at s[i], or empty.
std::string dollar_delim(std::string_view s, size_t i) {
  if (i >= s.size() || s[i] != '$') return {};
  size_t j = i + 1;
  if (j < s.size() && s[j] == '$') return "$$";
  if (j >= s.size() || !is_ident_start(static_cast<unsigned char>(s[j]))) return {};
  while (j < s.size() && is_ident_char(static_cast<unsigned char>(s[j])) && s[j] != '$') j++;
  if (j < s.size() && s[j] == '$') return std::string(s.substr(i, j - i + 1));
  return {};
}

}  // namespace

char PsqlScanner::prompt_char() const {
  switch (state_) {
    case Quote:
    case EQuote: return '\'';
    case DQuote: return '"';
    case Dollar: return '$';
    case Comment: return '*';
    default: break;
  }
  if (paren_depth_ > 0) return '(';
  return buf_.empty() ? '=' : '-';
}

std::vector<ScanEvent> PsqlScanner::scan_line(std::string_view line) {
  std::vector<ScanEvent> events;
  if (!buf_.empty()) buf_ += '\n';
  size_t i = 0;
  const size_t n = line.size();
  while (i < n) {
    char c = line[i];
    switch (state_) {
      case Initial: {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
          if (!buf_.empty()) buf_ += c;
          i++;
        } else if (c == '-' && i + 1 < n && line[i + 1] == '-') {
          // A line comment runs to the end of the line; dropped before a statement.
          if (!buf_.empty()) buf_.append(line.substr(i));
          i = n;
        } else if (c == '/' && i + 1 < n && line[i + 1] == '*') {
          state_ = Comment;
          comment_depth_ = 1;
          buf_ += "/*";
          i += 2;
        } else if (c == '\'') {
          // E'...' strings take backslash escapes.
          bool e = !buf_.empty() && (buf_.back() == 'e' || buf_.back() == 'E') &&
                   (buf_.size() == 1 || !is_ident_char(static_cast<unsigned char>(buf_[buf_.size() - 2])));
          state_ = e ? EQuote : Quote;
          buf_ += c;
          i++;
        } else if (c == '"') {
          state_ = DQuote;
          buf_ += c;
          i++;
        } else if (c == '$') {
          bool after_ident = !buf_.empty() && is_ident_char(static_cast<unsigned char>(buf_.back()));
          std::string d = after_ident ? std::string() : dollar_delim(line, i);
          if (!d.empty()) {
            state_ = Dollar;
            dollar_tag_ = d;
            buf_ += d;
            i += d.size();
          } else {
            buf_ += c;
            i++;
          }
        } else if (c == '(') {
          paren_depth_++;
          buf_ += c;
          i++;
        } else if (c == ')') {
          if (paren_depth_ > 0) paren_depth_--;
          buf_ += c;
          i++;
        } else if (c == ';' && paren_depth_ == 0 && begin_depth_ == 0) {
          buf_ += c;
          events.push_back({ScanEvent::Statement, buf_});
          buf_.clear();
          identifier_count_ = 0;
          i++;
        } else if (is_ident_start(static_cast<unsigned char>(c)) &&
                   (buf_.empty() || !is_ident_char(static_cast<unsigned char>(buf_.back())))) {
          size_t j = i;
          while (j < n && (is_ident_char(static_cast<unsigned char>(line[j])) || line[j] == '$')) j++;
          std::string word(line.substr(i, j - i));
          for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          if (identifier_count_ == 0) std::fill(std::begin(identifiers_), std::end(identifiers_), '\0');
          if ((word == "create" || word == "function" || word == "procedure" || word == "or" || word == "replace") &&
              identifier_count_ < 4)
            identifiers_[identifier_count_] = word[0];
          identifier_count_++;
          bool routine = identifiers_[0] == 'c' &&
                         (identifiers_[1] == 'f' || identifiers_[1] == 'p' ||
                          (identifiers_[1] == 'o' && identifiers_[2] == 'r' && (identifiers_[3] == 'f' || identifiers_[3] == 'p')));
          if (routine && paren_depth_ == 0) {
            if (word == "begin") begin_depth_++;
            else if (word == "case") { if (begin_depth_ >= 1) begin_depth_++; }
            else if (word == "end") { if (begin_depth_ > 0) begin_depth_--; }
          }
          buf_.append(line.substr(i, j - i));
          i = j;
        } else if (c == '\\' && i + 1 < n && (line[i + 1] == ';' || line[i + 1] == ':')) {
          // "\;" and "\:" put the character itself into the query (psqlscan.l).
          buf_ += line[i + 1];
          if (line[i + 1] == ';') identifier_count_ = 0;
          i += 2;
        } else if (c == '\\') {
          // Meta-command: up to the end of the line or a "\\" separator.
          size_t end = line.find("\\\\", i + 1);
          if (end == std::string_view::npos) end = n;
          events.push_back({ScanEvent::MetaCommand, std::string(line.substr(i, end - i))});
          i = end == n ? n : end + 2;
        } else {
          buf_ += c;
          i++;
        }
        break;
      }
      case Quote:
      case EQuote:
        buf_ += c;
        if (state_ == EQuote && c == '\\' && i + 1 < n) {
          buf_ += line[i + 1];
          i += 2;
          break;
        }
        if (c == '\'') {
          if (i + 1 < n && line[i + 1] == '\'') {
            buf_ += '\'';
            i += 2;
            break;
          }
          state_ = Initial;
        }
        i++;
        break;
      case DQuote:
        buf_ += c;
        if (c == '"') state_ = Initial;  // "" re-enters the identifier at once
        i++;
        break;
      case Dollar:
        if (line.substr(i, dollar_tag_.size()) == dollar_tag_) {
          buf_ += dollar_tag_;
          i += dollar_tag_.size();
          state_ = Initial;
        } else {
          buf_ += c;
          i++;
        }
        break;
      case Comment:
        if (c == '*' && i + 1 < n && line[i + 1] == '/') {
          buf_ += "*/";
          i += 2;
          if (--comment_depth_ == 0) state_ = Initial;
        } else if (c == '/' && i + 1 < n && line[i + 1] == '*') {
          buf_ += "/*";
          i += 2;
          comment_depth_++;
        } else {
          buf_ += c;
          i++;
        }
        break;
    }
  }
  return events;
}

}  // namespace pgmicro::format
