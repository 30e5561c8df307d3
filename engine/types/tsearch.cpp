// tsvector output and to_tsvector's parse for the 'simple' and 'english' configurations (see
// tsearch.h). The default parser is reproduced only for words of ASCII letters and digits
// separated by white space and the punctuation , ; ! ? ( ) " (a period or colon only before
// white space or the end): asciiword (letters: english_stem in 'english'), uint (digits) and
// numword (both), which the 'simple' dictionary lower-cases. Other text is 0A000.
#include "types/tsearch.h"
#include <algorithm>
#include "common/error.h"

namespace pgmicro {

namespace {

const char* const kEnglishStop[] = {
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
    "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was",
    "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the",
    "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against",
    "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in",
    "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
    "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only",
    "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
};

bool is_english_stop(const std::string& w) {
  for (const char* s : kEnglishStop)
    if (w == s) return true;
  return false;
}

// The built-in configurations PostgreSQL 15 has (others do not exist).
const char* const kBuiltinConfigs[] = {
    "simple",     "arabic",    "armenian",  "basque",    "catalan", "danish",  "dutch",   "english",  "finnish",
    "french",     "german",    "greek",     "hindi",     "hungarian", "indonesian", "irish", "italian", "lithuanian",
    "nepali",     "norwegian", "portuguese", "romanian", "russian", "serbian", "spanish", "swedish", "tamil",
    "turkish",    "yiddish",
};

bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

[[noreturn]] void unsupported_text() {
  throw PgError(sqlstate::kFeatureNotSupported,
                "text search parsing of text other than words of ASCII letters and digits between spaces and simple "
                "punctuation is not supported by pgmicro yet");
}

constexpr int kMaxEntryPos = 1 << 14;  // MAXENTRYPOS
constexpr size_t kMaxNumPos = 256;     // MAXNUMPOS

uint16_t limit_pos(int pos) { return uint16_t(pos >= kMaxEntryPos ? kMaxEntryPos - 1 : pos); }

}  // namespace

// gettoken_tsvector's states.
TsVector tsvector_parse(std::string_view input) {
  std::string buf(input.substr(0, input.find('\0')));
  auto syntax = [&]() -> PgError { return PgError(sqlstate::kSyntaxError, "syntax error in tsvector: \"" + buf + "\""); };
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  enum { WaitWord, WaitEndWord, WaitNextChar, WaitEndCmplx, WaitPosInfo, InPosInfo, WaitPosDelim, WaitCharCmplx };
  std::vector<TsLexeme> items;
  size_t i = 0, n = buf.size();
  auto char_len = [&](size_t at) {
    unsigned char c = (unsigned char)buf[at];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    return std::min(len, n - at);
  };
  while (true) {
    int state = WaitWord, old = 0;
    std::string word;
    std::vector<uint16_t> pos;
    bool done = false, token = false;
    while (!token) {
      char c = i < n ? buf[i] : '\0';
      switch (state) {
        case WaitWord:
          if (c == '\0') { done = true; token = true; continue; }
          if (c == '\'') state = WaitEndCmplx;
          else if (c == '\\') state = WaitNextChar, old = WaitEndWord;
          else if (!is_space(c)) word.append(buf, i, char_len(i)), state = WaitEndWord;
          break;
        case WaitNextChar:
          if (c == '\0') throw PgError(sqlstate::kSyntaxError, "there is no escaped character: \"" + buf + "\"");
          word.append(buf, i, char_len(i));
          state = old;
          break;
        case WaitEndWord:
          if (c == '\\') {
            state = WaitNextChar, old = WaitEndWord;
          } else if (is_space(c) || c == '\0') {
            if (word.empty()) throw syntax();
            token = true;
            continue;
          } else if (c == ':') {
            if (word.empty()) throw syntax();
            state = InPosInfo;
          } else {
            word.append(buf, i, char_len(i));
          }
          break;
        case WaitEndCmplx:
          if (c == '\'') state = WaitCharCmplx;
          else if (c == '\\') state = WaitNextChar, old = WaitEndCmplx;
          else if (c == '\0') throw syntax();
          else word.append(buf, i, char_len(i));
          break;
        case WaitCharCmplx:
          if (c == '\'') {
            word += '\'';
            state = WaitEndCmplx;
            break;
          }
          if (word.empty()) throw syntax();
          state = WaitPosInfo;
          continue;  // recheck this character
        case WaitPosInfo:
          if (c == ':') {
            state = InPosInfo;
            break;
          }
          token = true;
          continue;
        case InPosInfo: {
          if (!is_digit(c)) throw syntax();
          long v = 0;
          for (size_t k = i; k < n && is_digit(buf[k]) && v < 100000; k++) v = v * 10 + (buf[k] - '0');
          if (v == 0) throw PgError(sqlstate::kSyntaxError, "wrong position info in tsvector: \"" + buf + "\"");
          pos.push_back(uint16_t(v >= kMaxEntryPos ? kMaxEntryPos - 1 : v));
          state = WaitPosDelim;
          break;
        }
        case WaitPosDelim: {
          int weight = -1;
          if (c == ',') state = InPosInfo;
          else if (c == 'a' || c == 'A' || c == '*') weight = 3;
          else if (c == 'b' || c == 'B') weight = 2;
          else if (c == 'c' || c == 'C') weight = 1;
          else if (c == 'd' || c == 'D') weight = 0;
          else if (is_space(c) || c == '\0') { token = true; continue; }
          else if (!is_digit(c)) throw syntax();
          if (weight >= 0) {
            if (pos.back() >> 14) throw syntax();
            pos.back() = uint16_t((pos.back() & 0x3fff) | (weight << 14));
          }
          break;
        }
      }
      if (i < n) i += char_len(i);
    }
    if (done) break;
    if (word.size() >= 2048)
      throw PgError(sqlstate::kProgramLimitExceeded,
                    "word is too long (" + std::to_string(word.size()) + " bytes, max 2047 bytes)");
    items.push_back({std::move(word), std::move(pos)});
  }
  // uniqueentry: sorted by lexeme, duplicates' positions merged, then uniquePos
  std::stable_sort(items.begin(), items.end(), [](const TsLexeme& a, const TsLexeme& b) { return a.word < b.word; });
  TsVector out;
  for (auto& it : items) {
    if (!out.empty() && out.back().word == it.word) {
      out.back().positions.insert(out.back().positions.end(), it.positions.begin(), it.positions.end());
      continue;
    }
    out.push_back(std::move(it));
  }
  for (auto& lx : out) {
    auto& p = lx.positions;
    if (p.size() <= 1) continue;
    std::stable_sort(p.begin(), p.end(), [](uint16_t a, uint16_t b) { return (a & 0x3fff) < (b & 0x3fff); });
    std::vector<uint16_t> r{p[0]};
    for (size_t k = 1; k < p.size(); k++) {
      if ((p[k] & 0x3fff) != (r.back() & 0x3fff)) {
        r.push_back(p[k]);
        if (r.size() >= kMaxNumPos || (r.back() & 0x3fff) == kMaxEntryPos - 1) break;
      } else if ((p[k] >> 14) > (r.back() >> 14)) {
        r.back() = uint16_t((r.back() & 0x3fff) | (p[k] & 0xc000));
      }
    }
    p = std::move(r);
  }
  return out;
}

std::string tsvector_to_text(const TsVector& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); i++) {
    if (i) out += ' ';
    out += '\'';
    for (char c : v[i].word) {
      if (c == '\'' || c == '\\') out += c;
      out += c;
    }
    out += '\'';
    for (size_t k = 0; k < v[i].positions.size(); k++) {
      out += k ? ',' : ':';
      uint16_t p = v[i].positions[k];
      out += std::to_string(p & 0x3fff);
      switch (p >> 14) {
        case 3: out += 'A'; break;
        case 2: out += 'B'; break;
        case 1: out += 'C'; break;
        default: break;
      }
    }
  }
  return out;
}

int ts_config_id(std::string_view config) {
  std::string name(config);
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  if (name.rfind("pg_catalog.", 0) == 0) name = name.substr(11);
  if (name == "simple") return 0;
  if (name == "english") return 1;
  for (const char* b : kBuiltinConfigs)
    if (name == b)
      throw PgError(sqlstate::kFeatureNotSupported,
                    "text search configuration \"" + std::string(config) + "\" is not supported by pgmicro yet");
  throw PgError(sqlstate::kUndefinedObject, "text search configuration \"" + std::string(config) + "\" does not exist");
}

void ts_parse_text(int config, std::string_view text, std::vector<std::pair<std::string, int>>& words, int& pos) {
  size_t i = 0, n = text.size();
  while (i < n) {
    char c = text[i];
    if (space(c) || c == ',' || c == ';' || c == '!' || c == '?' || c == '(' || c == ')' || c == '"') {
      i++;
      continue;
    }
    if (c == '.' || c == ':') {
      if (i + 1 < n && !space(text[i + 1])) unsupported_text();
      i++;
      continue;
    }
    if (!alnum(c)) unsupported_text();
    size_t start = i;
    bool letters = false, digits = false;
    while (i < n && alnum(text[i])) {
      if (text[i] >= '0' && text[i] <= '9') digits = true;
      else letters = true;
      i++;
    }
    if (i - start > 1000) unsupported_text();
    std::string word(text.substr(start, i - start));
    for (char& ch : word)
      if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
    pos++;
    if (config == 1 && letters && !digits) {  // asciiword: english_stem
      if (is_english_stop(word)) continue;
      word = english_stem(word);
    }
    words.emplace_back(std::move(word), pos);
  }
}

TsVector ts_make_vector(std::vector<std::pair<std::string, int>> words) {
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    int c = a.first.compare(b.first);
    if (c) return c < 0;
    return a.second < b.second;
  });
  TsVector v;
  for (auto& w : words) {
    uint16_t p = limit_pos(w.second);
    if (v.empty() || v.back().word != w.first) {
      v.push_back({w.first, {p}});
      continue;
    }
    auto& ps = v.back().positions;
    if (ps.size() < kMaxNumPos - 1 && ps.back() != kMaxEntryPos - 1 && ps.back() != p) ps.push_back(p);
  }
  return v;
}

}  // namespace pgmicro
