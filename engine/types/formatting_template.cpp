// Template parsing for the formatting functions (see formatting_template.h).
#include "types/formatting_template.h"
#include <cstring>
#include "common/error.h"

namespace pgmicro::fmt {

namespace {

struct Suffix {
  const char* name;
  int id;
  bool prefix;
};
const Suffix kSuffixes[] = {
    {"FM", kSuffixFM, true}, {"fm", kSuffixFM, true}, {"TM", kSuffixTM, true}, {"tm", kSuffixTM, true},
    {"TH", kSuffixTH, false}, {"th", kSuffixth, false}, {"SP", kSuffixSP, false},
};

const Suffix* find_suffix(std::string_view s, bool prefix) {
  for (const Suffix& x : kSuffixes)
    if (x.prefix == prefix && s.substr(0, 2) == x.name) return &x;
  return nullptr;
}

// PostgreSQL's index_seq_search: keywords are looked up only for printable ASCII first
// characters; among the keywords sharing that first character, the first that is a prefix.
const KeyWord* find_keyword(std::string_view s, const KeyWord* kws) {
  char c = s[0];
  if (c <= ' ' || c >= '~') return nullptr;
  const KeyWord* k = kws;
  while (k->name && k->name[0] != c) k++;
  for (; k->name && k->name[0] == c; k++)
    if (s.substr(0, k->len) == std::string_view(k->name, k->len)) return k;
  return nullptr;
}

bool is_separator_char(char c) {
  return c > 0x20 && c < 0x7F && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9');
}

bool is_c_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

void check_palloc(size_t bytes) {
  if (bytes > 0x3fffffff)
    throw PgError(sqlstate::kInternalError, "invalid memory alloc request size " + std::to_string(bytes));
}

int utf8_char_len(const char* s, size_t left) {
  unsigned char c = static_cast<unsigned char>(*s);
  int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  for (int i = 1; i < n; i++)
    if (size_t(i) >= left || s[i] == '\0') return i;
  return n;
}

int utf8_char_count(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); i += utf8_char_len(s.data() + i, s.size() - i)) n++;
  return n;
}

std::vector<FormatNode> parse_template(std::string_view fmt, const KeyWord* keywords, bool datetime,
                                       const std::function<void(const FormatNode&)>& on_keyword, bool std_mode) {
  if (size_t nul = fmt.find('\0'); nul != std::string_view::npos) fmt = fmt.substr(0, nul);
  std::vector<FormatNode> nodes;
  size_t i = 0;
  auto rest = [&] { return fmt.substr(i); };
  nodes.reserve(fmt.size());  // at most one node per byte
  auto push_char = [&](NodeType type) {
    int len = utf8_char_len(fmt.data() + i, fmt.size() - i);
    FormatNode n;
    n.type = type;
    n.len = static_cast<unsigned char>(len);
    std::memcpy(n.chars, fmt.data() + i, size_t(len));
    nodes.push_back(n);
    i += len;
  };
  while (i < fmt.size()) {
    int suffix = 0;
    if (datetime) {
      if (const Suffix* s = find_suffix(rest(), true)) {
        suffix |= s->id;
        i += 2;
      }
    }
    const KeyWord* k = i < fmt.size() ? find_keyword(rest(), keywords) : nullptr;
    if (k) {
      FormatNode n;
      n.type = NodeType::Action;
      n.key = k;
      n.suffix = static_cast<unsigned char>(suffix);
      i += k->len;
      if (on_keyword) on_keyword(n);
      if (datetime && i < fmt.size()) {
        if (const Suffix* s = find_suffix(rest(), false)) {
          n.suffix = static_cast<unsigned char>(n.suffix | s->id);
          i += 2;
        }
      }
      nodes.push_back(n);
    } else if (i < fmt.size()) {
      if (std_mode && fmt[i] != '"') {
        if (std::strchr("-./,':; ", fmt[i]) == nullptr || fmt[i] == '\0') {
          int len = utf8_char_len(fmt.data() + i, fmt.size() - i);
          throw PgError(sqlstate::kInvalidDatetimeFormat,
                        "invalid datetime format separator: \"" + std::string(fmt.substr(i, size_t(len))) + "\"");
        }
        push_char(fmt[i] == ' ' ? NodeType::Space : NodeType::Separator);
      } else if (fmt[i] == '"') {
        i++;
        while (i < fmt.size()) {
          if (fmt[i] == '"') {
            i++;
            break;
          }
          if (fmt[i] == '\\' && i + 1 < fmt.size()) i++;
          push_char(NodeType::Char);
        }
      } else {
        if (fmt[i] == '\\' && i + 1 < fmt.size() && fmt[i + 1] == '"') i++;
        char c = fmt[i];
        push_char(datetime && is_separator_char(c) ? NodeType::Separator
                  : is_c_space(c)                  ? NodeType::Space
                                                   : NodeType::Char);
      }
    }
  }
  return nodes;
}

}  // namespace pgmicro::fmt
