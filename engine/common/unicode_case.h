// Simple Unicode case mapping shared by lower()/upper()/initcap() and the regex engine's
// case-insensitive matching: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic, as C.UTF-8's
// tables map them. Other code points map to themselves.
#pragma once

namespace pgmicro {

char32_t unicode_upper(char32_t c);
char32_t unicode_lower(char32_t c);

}  // namespace pgmicro
