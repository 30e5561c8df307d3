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

// 16 bytes, as PostgreSQL's FormatNode (templates of tens of millions of characters stay
// within PostgreSQL's own memory limits).
struct FormatNode {
  const KeyWord* key = nullptr;  // Action
  NodeType type;
  unsigned char suffix = 0;
  unsigned char len = 0;         // Char/Separator/Space: one (UTF-8) character of `len` bytes
  char chars[4] = {};
  std::string_view text() const { return {chars, len}; }
};

// PostgreSQL's palloc limit (MaxAllocSize, 1 GB - 1): the formatting functions allocate their
// buffers from the template length, so very long templates fail there first with XX000
// "invalid memory alloc request size N" — the same error at the same lengths here.
void check_palloc(size_t bytes);
// Bytes PostgreSQL allocates for the parsed nodes of a template of `len` bytes.
inline size_t node_array_bytes(size_t len) { return (len + 1) * 16; }

// Parses `fmt` (up to its first NUL, as PostgreSQL's C strings) against the keyword table
// `keywords` (terminated by a null name, grouped by first character, longest first).
// `datetime` enables the FM/TM/TH/th/SP suffixes and separator nodes. `on_keyword` sees each
// keyword node as it is parsed (the number template's NUMDesc_prepare). `std_mode` is the
// SQL/JSON standard mode of jsonpath's .datetime(template): outside double quotes only the
// separators -./,':; and space are allowed (22007 "invalid datetime format separator").
std::vector<FormatNode> parse_template(std::string_view fmt, const KeyWord* keywords, bool datetime,
                                       const std::function<void(const FormatNode&)>& on_keyword = {},
                                       bool std_mode = false);

// Byte length of the UTF-8 character starting at s[0] (1 for invalid bytes), at most `left`.
int utf8_char_len(const char* s, size_t left);
// Number of UTF-8 characters in s (pg_mbstrlen).
int utf8_char_count(std::string_view s);

}  // namespace pgmicro::fmt
