// UTF-8 helpers: encoding one code point (text functions, regex engine, anything that builds strings
// from code points) and turning a byte position into a character position (error positions).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace pgmicro {

inline void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
}

// 1-based byte position in `text` -> 1-based character position (continuation bytes not counted).
inline int utf8_position(std::string_view text, int byte_position) {
  int chars = 0;
  size_t end = std::min(text.size(), size_t(byte_position - 1));
  for (size_t i = 0; i < end; i++) chars += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return chars + 1;
}

}  // namespace pgmicro
