// Characters for the regex engine: UTF-8 decoding, simple case mapping (common/unicode_case.h,
// the same mapping as lower()/upper()), and the character
// classes of C.UTF-8 (iswalpha & co.), approximated for non-ASCII code points: letters are
// the cased alphabets of that mapping plus the large letter blocks (CJK, kana, Hangul…).
#include "common/unicode_case.h"
#include "common/utf8.h"
#include "regex/regex_internal.h"

namespace pgmicro::regex {

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char b = (unsigned char)s[i];
    int n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (n == 1 || i + n > s.size()) {
      out.push_back(b);
      i++;
      continue;
    }
    char32_t c = b & (0x7F >> n);
    for (int k = 1; k < n; k++) c = (c << 6) | ((unsigned char)s[i + k] & 0x3F);
    out.push_back(c);
    i += n;
  }
  return out;
}

std::string encode_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

char32_t to_upper(char32_t c) { return unicode_upper(c); }
char32_t to_lower(char32_t c) { return unicode_lower(c); }

static bool is_letter(char32_t c) {
  if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if (c >= 0x370 && c <= 0x3FF) return c != 0x37E && c != 0x387 && c != 0x375 && !(c >= 0x384 && c <= 0x385);
  if (c >= 0x400 && c <= 0x52F) return !(c >= 0x482 && c <= 0x489);
  if (c >= 0x531 && c <= 0x587) return true;                     // Armenian
  if (c >= 0x5D0 && c <= 0x5EA) return true;                     // Hebrew
  if (c >= 0x620 && c <= 0x64A) return true;                     // Arabic
  if (c >= 0x1E00 && c <= 0x1FFF) return true;                   // Latin/Greek extended
  if (c >= 0x3041 && c <= 0x30FF) return c != 0x30FB;            // kana
  if (c >= 0x3400 && c <= 0x9FFF) return true;                   // CJK
  if (c >= 0xAC00 && c <= 0xD7A3) return true;                   // Hangul
  if (c >= 0xF900 && c <= 0xFAFF) return true;
  if (c >= 0x20000 && c <= 0x3134F) return true;
  return false;
}

static bool is_space(char32_t c) {
  return c == ' ' || (c >= 9 && c <= 13) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool in_class(uint16_t bit, char32_t c) {
  bool digit = c >= '0' && c <= '9';
  switch (bit) {
    case kAlnum: return digit || is_letter(c);
    case kAlpha: return is_letter(c);
    case kBlank: return c == ' ' || c == '\t';
    case kCntrl: return c < 32 || c == 127 || (c >= 0x80 && c < 0xA0);
    case kDigit: return digit;
    case kGraph: return !is_space(c) && !(c < 32 || c == 127 || (c >= 0x80 && c < 0xA0));
    case kLower: return is_letter(c) && (to_upper(c) != c || c == 0xDF || c == 0x138 || c == 0x149);
    case kPrint: return !(c < 32 || c == 127 || (c >= 0x80 && c < 0xA0));
    case kPunct:
      if (c < 0x80) return c > 32 && c < 127 && !digit && !is_letter(c);
      return c < 0x2E80 && !is_letter(c) && !is_space(c) && !(c >= 0x80 && c < 0xA0) && !(c >= 0x300 && c <= 0x36F);
    case kSpace: return is_space(c);
    case kUpper: return is_letter(c) && to_lower(c) != c;
    case kXdigit: return digit || ((c | 32) >= 'a' && (c | 32) <= 'f');
    case kWord: return digit || c == '_' || is_letter(c);
    default: return false;
  }
}

bool is_word_char(char32_t c) { return in_class(kWord, c); }

bool CharSet::contains(char32_t c) const {
  for (auto& r : ranges)
    if (c >= r.first && c <= r.second) return true;
  if (classes)
    for (uint16_t b = 1; b && b <= kWord; b <<= 1)
      if ((classes & b) && in_class(b, c)) return true;
  return false;
}

}  // namespace pgmicro::regex
