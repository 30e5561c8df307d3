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

TsVector tsvector_parse(std::string_view) {
  throw PgError(sqlstate::kFeatureNotSupported, "input of type tsvector is not supported by pgmicro yet");
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
