// The template language shared by to_char/to_date/to_timestamp/to_number (PostgreSQL 15's
// formatting.c): a template is split into keyword nodes (with FM/TM prefixes and TH/th/SP
// suffixes for date/time templates), literal characters, separators and spaces. Double
// quotes make literal text (a backslash inside quotes escapes the next character; outside
// quotes it only escapes a double quote). Internal to formatting_*.cpp.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro::fmt {

// FROM_CHAR date mode of a keyword (Gregorian vs ISO week dates cannot be mixed).
enum class DateMode : unsigned char { None, Gregorian, IsoWeek };

struct KeyWord {
  const char* name;
  int len;
  int id;
  bool is_digit;
  DateMode date_mode;
};

enum class NodeType : unsigned char { Action, Char, Separator, Space };

// Suffix bits of a date/time keyword node.
constexpr int kSuffixFM = 0x01, kSuffixTH = 0x02, kSuffixth = 0x04, kSuffixSP = 0x08, kSuffixTM = 0x10;

struct FormatNode {
  NodeType type;
  const KeyWord* key = nullptr;  // Action
  int suffix = 0;
  std::string chars;             // Char/Separator/Space: one (UTF-8) character
};

// Parses `fmt` (up to its first NUL, as PostgreSQL's C strings) against the keyword table
// `keywords` (terminated by a null name, grouped by first character, longest first).
// `datetime` enables the FM/TM/TH/th/SP suffixes and separator nodes. `on_keyword` sees each
// keyword node as it is parsed (the number template's NUMDesc_prepare).
std::vector<FormatNode> parse_template(std::string_view fmt, const KeyWord* keywords, bool datetime,
                                       const std::function<void(const FormatNode&)>& on_keyword = {});

// Byte length of the UTF-8 character starting at s[0] (1 for invalid bytes), at most `left`.
int utf8_char_len(const char* s, size_t left);
// Number of UTF-8 characters in s (pg_mbstrlen).
int utf8_char_count(std::string_view s);

}  // namespace pgmicro::fmt
