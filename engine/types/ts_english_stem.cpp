// The Snowball English ("Porter2") stemmer of PostgreSQL's english_stem dictionary, written
// from the algorithm's published description (snowballstem.org): exceptional forms, prelude
// (Y marking), the R1/R2 regions (with the gener/commun/arsen prefixes), steps 1a-5 and the
// postlude. Input: a lower-case ASCII word.
#include "types/tsearch.h"

namespace pgmicro {

namespace {

bool is_v(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }
bool is_v_wxy(char c) { return is_v(c) || c == 'w' || c == 'x' || c == 'Y'; }
bool is_valid_li(char c) {
  return c == 'c' || c == 'd' || c == 'e' || c == 'g' || c == 'h' || c == 'k' || c == 'm' || c == 'n' || c == 'r' ||
         c == 't';
}

struct Stemmer {
  std::string w;
  size_t p1 = 0, p2 = 0;

  bool ends(const char* s) const {
    size_t n = std::char_traits<char>::length(s);
    return w.size() >= n && w.compare(w.size() - n, n, s) == 0;
  }
  // The longest of `list` that ends the word (its index), or -1.
  int longest(const char* const* list, size_t n) const {
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < n; i++) {
      size_t len = std::char_traits<char>::length(list[i]);
      if (len > best_len && ends(list[i])) best = int(i), best_len = len;
    }
    return best;
  }
  void replace_end(size_t suffix_len, const char* with) { w.replace(w.size() - suffix_len, suffix_len, with); }

  // A short syllable ending at position `end` (exclusive).
  bool shortv(size_t end) const {
    if (end >= 3 && !is_v_wxy(w[end - 1]) && is_v(w[end - 2]) && !is_v(w[end - 3])) return true;
    return end == 2 && !is_v(w[1]) && is_v(w[0]);
  }
  // A vowel somewhere in w[0, end).
  bool has_vowel(size_t end) const {
    for (size_t i = 0; i < end; i++)
      if (is_v(w[i])) return true;
    return false;
  }

  void mark_regions() {
    p1 = p2 = w.size();
    size_t i = 0;
    if (w.rfind("gener", 0) == 0 || w.rfind("arsen", 0) == 0) {
      i = 5;
    } else if (w.rfind("commun", 0) == 0) {
      i = 6;
    } else {
      while (i < w.size() && !is_v(w[i])) i++;
      if (i >= w.size()) return;
      while (i < w.size() && is_v(w[i])) i++;
      if (i >= w.size()) return;
      i++;
    }
    p1 = i;
    while (i < w.size() && !is_v(w[i])) i++;
    if (i >= w.size()) return;
    while (i < w.size() && is_v(w[i])) i++;
    if (i >= w.size()) return;
    p2 = i + 1;
  }

  void step_1a() {
    static const char* const kApos[] = {"'", "'s'", "'s"};
    int k = longest(kApos, 3);
    if (k >= 0) w.resize(w.size() - std::char_traits<char>::length(kApos[k]));
    static const char* const kList[] = {"sses", "ied", "ies", "s", "us", "ss"};
    k = longest(kList, 6);
    if (k < 0) return;
    size_t len = std::char_traits<char>::length(kList[k]);
    size_t start = w.size() - len;
    switch (k) {
      case 0: replace_end(4, "ss"); break;
      case 1: case 2: replace_end(3, start >= 2 ? "i" : "ie"); break;
      case 3:
        if (start >= 1 && has_vowel(start - 1)) w.resize(start);
        break;
      default: break;
    }
  }

  void step_1b() {
    static const char* const kList[] = {"eed", "eedly", "ed", "edly", "ing", "ingly"};
    int k = longest(kList, 6);
    if (k < 0) return;
    size_t start = w.size() - std::char_traits<char>::length(kList[k]);
    if (k < 2) {
      if (start >= p1) {
        w.resize(start);
        w += "ee";
      }
      return;
    }
    if (!has_vowel(start)) return;
    w.resize(start);
    if (ends("at") || ends("bl") || ends("iz")) {
      w += 'e';
    } else if (ends("bb") || ends("dd") || ends("ff") || ends("gg") || ends("mm") || ends("nn") || ends("pp") ||
               ends("rr") || ends("tt")) {
      w.pop_back();
    } else if (w.size() == p1 && shortv(w.size())) {
      w += 'e';
    }
  }

  void step_1c() {
    if (w.size() < 3) {
      // 'y' or 'Y' preceded by a non-vowel that is not the first letter
      return;
    }
    char c = w.back();
    if ((c == 'y' || c == 'Y') && !is_v(w[w.size() - 2])) w.back() = 'i';
  }

  void step_2() {
    static const char* const kList[] = {"tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational",
                                        "ation", "ator", "alism", "aliti", "alli", "fulness", "ousli", "ousness",
                                        "iveness", "iviti", "biliti", "bli", "ogi", "fulli", "lessli", "li"};
    static const char* const kTo[] = {"tion", "ence", "ance", "able", "ent", "ize", "ize", "ate", "ate", "ate", "al", "al",
                                      "al", "ful", "ous", "ous", "ive", "ive", "ble", "ble", "og", "ful", "less", ""};
    int k = longest(kList, 24);
    if (k < 0) return;
    size_t len = std::char_traits<char>::length(kList[k]);
    size_t start = w.size() - len;
    if (start < p1) return;
    if (k == 20) {  // ogi: after l
      if (start >= 1 && w[start - 1] == 'l') replace_end(len, "og");
      return;
    }
    if (k == 23) {  // li: after a valid li-ending
      if (start >= 1 && is_valid_li(w[start - 1])) w.resize(start);
      return;
    }
    replace_end(len, kTo[k]);
  }

  void step_3() {
    static const char* const kList[] = {"tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative"};
    static const char* const kTo[] = {"tion", "ate", "al", "ic", "ic", "ic", "", "", ""};
    int k = longest(kList, 9);
    if (k < 0) return;
    size_t len = std::char_traits<char>::length(kList[k]);
    size_t start = w.size() - len;
    if (start < p1) return;
    if (k == 8) {
      if (start >= p2) w.resize(start);
      return;
    }
    replace_end(len, kTo[k]);
  }

  void step_4() {
    static const char* const kList[] = {"al",  "ance", "ence", "er",  "ic",  "able", "ible", "ant", "ement",
                                        "ment", "ent", "ism",  "ate", "iti", "ous", "ive",  "ize",  "ion"};
    int k = longest(kList, 18);
    if (k < 0) return;
    size_t start = w.size() - std::char_traits<char>::length(kList[k]);
    if (start < p2) return;
    if (k == 17) {
      if (start >= 1 && (w[start - 1] == 's' || w[start - 1] == 't')) w.resize(start);
      return;
    }
    w.resize(start);
  }

  void step_5() {
    if (w.empty()) return;
    size_t start = w.size() - 1;
    if (w.back() == 'e') {
      if (start >= p2 || (start >= p1 && !shortv(start))) w.resize(start);
    } else if (w.back() == 'l') {
      if (start >= p2 && start >= 1 && w[start - 1] == 'l') w.resize(start);
    }
  }
};

}  // namespace

std::string english_stem(const std::string& word) {
  static const struct {
    const char* word;
    const char* stem;
  } kExceptions[] = {
      {"skis", "ski"},     {"skies", "sky"},   {"dying", "die"},   {"lying", "lie"},     {"tying", "tie"},
      {"idly", "idl"},     {"gently", "gentl"}, {"ugly", "ugli"},  {"early", "earli"},   {"only", "onli"},
      {"singly", "singl"}, {"sky", "sky"},     {"news", "news"},   {"howe", "howe"},     {"atlas", "atlas"},
      {"cosmos", "cosmos"}, {"bias", "bias"},  {"andes", "andes"},
  };
  for (auto& e : kExceptions)
    if (word == e.word) return e.stem;
  if (word.size() < 3) return word;
  Stemmer s;
  s.w = word;
  // prelude: an initial apostrophe goes; initial y and y after a vowel become Y
  if (!s.w.empty() && s.w[0] == '\'') s.w.erase(0, 1);
  bool has_y = false;
  if (!s.w.empty() && s.w[0] == 'y') s.w[0] = 'Y', has_y = true;
  for (size_t i = 0; i + 1 < s.w.size(); i++)
    if (is_v(s.w[i]) && s.w[i + 1] == 'y') s.w[i + 1] = 'Y', has_y = true;
  s.mark_regions();
  s.step_1a();
  static const char* const kInvariant[] = {"inning", "outing", "canning", "herring", "earring", "proceed", "exceed",
                                           "succeed"};
  bool invariant = false;
  for (const char* x : kInvariant) invariant |= s.w == x;
  if (!invariant) {
    s.step_1b();
    s.step_1c();
    s.step_2();
    s.step_3();
    s.step_4();
    s.step_5();
  }
  if (has_y)
    for (char& c : s.w)
      if (c == 'Y') c = 'y';
  return s.w;
}

}  // namespace pgmicro
