// ARE syntax -> syntax tree (PostgreSQL's regcomp.c/regc_lex.c grammar): director prefixes
// ***= and ***:, embedded options (?flags) at the start, alternation, (capturing) groups,
// (?:) (?=) (?!) (?<=) (?<!) (?#comment), quantifiers with their non-greedy forms, bracket
// expressions (ranges, [:class:], [.x.], [=x=], escapes), the escapes of 9.7.3.3 and
// back-references. Also POSIX BRE (flag b) and literal patterns (flag q / ***=). Errors are
// Spencer's (regerrs.h). Nesting depth is capped (40) so the recursive descent stays shallow.
#include <cstring>
#include "common/error.h"
#include "regex/regex_internal.h"

namespace pgmicro::regex {

[[noreturn]] void regex_error(const char* what) {
  throw PgError("2201B", std::string("invalid regular expression: ") + what);
}

namespace {

constexpr int kMaxDepth = 40;  // nesting of parentheses: keeps the WASM stack use small
constexpr int kDupMax = 255;

struct CollName { const char* name; char32_t c; };
const CollName kCollNames[] = {
    {"NUL", 0}, {"tab", 9}, {"newline", 10}, {"vertical-tab", 11}, {"form-feed", 12},
    {"carriage-return", 13}, {"space", ' '}, {"exclamation-mark", '!'}, {"quotation-mark", '"'},
    {"number-sign", '#'}, {"dollar-sign", '$'}, {"percent-sign", '%'}, {"ampersand", '&'},
    {"apostrophe", '\''}, {"left-parenthesis", '('}, {"right-parenthesis", ')'}, {"asterisk", '*'},
    {"plus-sign", '+'}, {"comma", ','}, {"hyphen", '-'}, {"hyphen-minus", '-'}, {"period", '.'},
    {"full-stop", '.'}, {"slash", '/'}, {"solidus", '/'}, {"zero", '0'}, {"one", '1'}, {"two", '2'},
    {"three", '3'}, {"four", '4'}, {"five", '5'}, {"six", '6'}, {"seven", '7'}, {"eight", '8'},
    {"nine", '9'}, {"colon", ':'}, {"semicolon", ';'}, {"less-than-sign", '<'}, {"equals-sign", '='},
    {"greater-than-sign", '>'}, {"question-mark", '?'}, {"commercial-at", '@'},
    {"left-square-bracket", '['}, {"backslash", '\\'}, {"reverse-solidus", '\\'},
    {"right-square-bracket", ']'}, {"circumflex", '^'}, {"circumflex-accent", '^'},
    {"underscore", '_'}, {"low-line", '_'}, {"grave-accent", '`'}, {"left-brace", '{'},
    {"left-curly-bracket", '{'}, {"vertical-line", '|'}, {"right-brace", '}'},
    {"right-curly-bracket", '}'}, {"tilde", '~'}, {"DEL", 127},
};

struct ClassName { const char* name; uint16_t bit; };
const ClassName kClassNames[] = {
    {"alnum", kAlnum}, {"alpha", kAlpha}, {"blank", kBlank}, {"cntrl", kCntrl}, {"digit", kDigit},
    {"graph", kGraph}, {"lower", kLower}, {"print", kPrint}, {"punct", kPunct}, {"space", kSpace},
    {"upper", kUpper}, {"xdigit", kXdigit}, {"word", kWord},
};

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_alnum_ascii(char32_t c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int hex_val(char32_t c) {
  if (is_digit(c)) return int(c - '0');
  if (c >= 'a' && c <= 'f') return int(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return int(c - 'A' + 10);
  return -1;
}

class Parser {
 public:
  Parser(Regex& re, std::u32string_view p, unsigned flags) : re_(re), p_(p), flags_(flags) {}

  void run() {
    // Director prefixes: ***= (literal) and ***: (ARE).
    if (p_.size() >= 4 && p_[0] == '*' && p_[1] == '*' && p_[2] == '*') {
      if (p_[3] == '=') { i_ = 4; flags_ |= kQuote; }
      else if (p_[3] == ':') { i_ = 4; flags_ &= ~(kBasic | kExtended | kQuote); }
    }
    if (!(flags_ & (kQuote | kBasic | kExtended)) && i_ + 2 < p_.size() && p_[i_] == '(' && p_[i_ + 1] == '?' &&
        p_[i_ + 2] >= 'a' && p_[i_ + 2] <= 'z')
      embedded_options();
    re_.flags = flags_;
    if (flags_ & kQuote) {
      std::vector<int> kids;
      for (; i_ < p_.size(); i_++) kids.push_back(char_node(p_[i_]));
      re_.root = cat(std::move(kids));
    } else {
      re_.root = parse_alt();
      if (i_ < p_.size()) regex_error("parentheses () not balanced");
    }
  }

 private:
  Regex& re_;
  std::u32string_view p_;
  unsigned flags_;
  size_t i_ = 0;
  int depth_ = 0;
  int look_depth_ = 0;
  std::vector<bool> closed_;  // per capture number - 1: its ')' was seen

  bool are() const { return !(flags_ & (kBasic | kExtended)); }
  bool bre() const { return flags_ & kBasic; }
  bool at_end() const { return i_ >= p_.size(); }
  char32_t peek(size_t k = 0) const { return i_ + k < p_.size() ? p_[i_ + k] : 0; }

  void embedded_options() {
    i_ += 2;
    for (;;) {
      if (at_end()) regex_error("invalid embedded option");
      char32_t c = p_[i_++];
      if (c == ')') break;
      switch (c) {
        case 'b': flags_ = (flags_ & ~kExtended) | kBasic; break;
        case 'c': flags_ &= ~kIcase; break;
        case 'e': flags_ = (flags_ & ~kBasic) | kExtended; break;
        case 'i': flags_ |= kIcase; break;
        case 'm': case 'n': flags_ |= kNlStop | kNlAnchor; break;
        case 'p': flags_ = (flags_ | kNlStop) & ~kNlAnchor; break;
        case 'q': flags_ |= kQuote; break;
        case 's': flags_ &= ~(kNlStop | kNlAnchor); break;
        case 't': flags_ &= ~kExpanded; break;
        case 'w': flags_ = (flags_ | kNlAnchor) & ~kNlStop; break;
        case 'x': flags_ |= kExpanded; break;
        default: regex_error("invalid embedded option");
      }
    }
  }

  int add(Node n) {
    if (re_.nodes.size() > 200000) regex_error("regular expression is too complex");
    re_.nodes.push_back(std::move(n));
    return int(re_.nodes.size() - 1);
  }
  int char_node(char32_t c) {
    Node n;
    n.kind = Node::Char;
    n.ch = c;
    return add(std::move(n));
  }
  int set_node(CharSet s) {
    re_.sets.push_back(std::move(s));
    Node n;
    n.kind = Node::Set;
    n.set = int(re_.sets.size() - 1);
    return add(std::move(n));
  }
  int simple(Node::Kind k) {
    Node n;
    n.kind = k;
    return add(std::move(n));
  }
  int constraint(Assert a) {
    Node n;
    n.kind = Node::Constraint;
    n.assert_kind = a;
    return add(std::move(n));
  }
  int cat(std::vector<int> kids) {
    if (kids.empty()) return simple(Node::Empty);
    if (kids.size() == 1) return kids[0];
    Node n;
    n.kind = Node::Cat;
    n.kids = std::move(kids);
    return add(std::move(n));
  }

  void skip_expanded() {
    if (!(flags_ & kExpanded)) return;
    while (!at_end()) {
      char32_t c = p_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        i_++;
      } else if (c == '#') {
        while (!at_end() && p_[i_] != '\n') i_++;
      } else {
        break;
      }
    }
  }

  // Alternation: branches separated by | until ')' (left for the caller) or the end.
  int parse_alt() {
    if (++depth_ > kMaxDepth) regex_error("regular expression is too complex");
    std::vector<int> alts;
    alts.push_back(parse_branch());
    for (;;) {
      skip_expanded();
      if (!bre() && peek() == '|' && !at_end()) {
        i_++;
        alts.push_back(parse_branch());
      } else {
        break;
      }
    }
    depth_--;
    if (alts.size() == 1) return alts[0];
    Node n;
    n.kind = Node::Alt;
    n.kids = std::move(alts);
    return add(std::move(n));
  }

  bool at_branch_end() {
    skip_expanded();
    if (at_end()) return true;
    if (bre()) return p_[i_] == '\\' && peek(1) == ')';
    return p_[i_] == '|' || p_[i_] == ')';
  }

  int parse_branch() {
    std::vector<int> kids;
    bool first = true;
    while (!at_branch_end()) {
      int a = parse_quantified(first);
      first = false;
      if (a >= 0) kids.push_back(a);
    }
    return cat(std::move(kids));
  }

  bool quantifier_next() {
    skip_expanded();
    if (at_end()) return false;
    char32_t c = p_[i_];
    if (bre()) return c == '*' || (c == '\\' && peek(1) == '{');
    if (c == '*' || c == '+' || c == '?') return true;
    return c == '{' && is_digit(peek(1));
  }

  int read_count() {
    int v = 0;
    bool any = false;
    while (!at_end() && is_digit(p_[i_])) {
      v = v * 10 + int(p_[i_] - '0');
      if (v > kDupMax) v = kDupMax + 1;
      i_++;
      any = true;
    }
    return any ? v : -2;
  }

  // One atom and its quantifier; -1 for an atom that is nothing (a comment).
  int parse_quantified(bool branch_start) {
    skip_expanded();
    if (branch_start && !bre() && quantifier_next()) regex_error("quantifier operand invalid");
    bool quantifiable = true;
    int atom = parse_atom(quantifiable, branch_start);
    if (atom < 0) return -1;
    if (!quantifier_next()) return atom;
    if (!quantifiable) regex_error("quantifier operand invalid");
    int mn, mx;
    bool exact_brace = false;  // {m} (not {m,m}): keeps the atom's own preference
    char32_t c = p_[i_++];
    if (c == '*') { mn = 0; mx = -1; }
    else if (c == '+') { mn = 1; mx = -1; }
    else if (c == '?') { mn = 0; mx = 1; }
    else {
      if (c == '\\') i_++;  // BRE \{
      mn = read_count();
      mx = mn;
      exact_brace = peek() != ',';
      if (peek() == ',') {
        i_++;
        mx = read_count();
        if (mx == -2) mx = -1;
      }
      bool closed = bre() ? (peek() == '\\' && peek(1) == '}') : peek() == '}';
      if (!closed) {
        if (at_end() || (bre() && peek() == '\\' && i_ + 1 >= p_.size())) regex_error("braces {} not balanced");
        // a non-digit inside the braces
        size_t j = i_;
        while (j < p_.size() && p_[j] != '}') j++;
        if (j >= p_.size()) regex_error("braces {} not balanced");
        regex_error("invalid repetition count(s)");
      }
      i_ += bre() ? 2 : 1;
      if (mn == -2 || mn > kDupMax || mx > kDupMax || (mx >= 0 && mx < mn)) regex_error("invalid repetition count(s)");
    }
    bool greedy = true;
    if (are() && peek() == '?' && !at_end()) {
      i_++;
      greedy = false;
    }
    if (quantifier_next()) regex_error("quantifier operand invalid");
    if (mn == 1 && mx == 1 && greedy && (c != '{' || exact_brace)) return atom;
    Node n;
    n.kind = Node::Rep;
    n.kids = {atom};
    n.min = mn;
    n.max = mx;
    n.greedy = greedy;
    // {m} and {m}? keep the atom's own preference (set in finish()); {m,m}? is non-greedy.
    n.exact = exact_brace;
    n.pref = exact_brace ? Pref::None : (greedy ? Pref::Greedy : Pref::NonGreedy);
    return add(std::move(n));
  }

  int group(bool capture) {
    int num = 0;
    if (capture && look_depth_ == 0) {
      num = ++re_.ncap_;
      closed_.push_back(false);
    }
    int inner = parse_alt();
    if (!close_paren()) regex_error("parentheses () not balanced");
    if (num) closed_[num - 1] = true;
    Node n;
    n.kind = Node::Group;
    n.kids = {inner};
    n.cap = num;
    int g = add(std::move(n));
    if (num) {
      if (re_.cap_node.size() < size_t(num)) re_.cap_node.resize(num, -1);
      re_.cap_node[num - 1] = g;
    }
    return g;
  }

  bool close_paren() {
    skip_expanded();
    if (bre()) {
      if (peek() == '\\' && peek(1) == ')') { i_ += 2; return true; }
      return false;
    }
    if (peek() == ')' && !at_end()) { i_++; return true; }
    return false;
  }

  int backref(int num) {
    if (num < 1 || num > int(closed_.size()) || !closed_[num - 1] || look_depth_ > 0)
      regex_error("invalid backreference number");
    Node n;
    n.kind = Node::Backref;
    n.cap = num;
    re_.has_backref = true;
    return add(std::move(n));
  }

  int parse_atom(bool& quantifiable, bool branch_start) {
    char32_t c = p_[i_++];
    if (bre()) return parse_bre_atom(c, quantifiable, branch_start);
    switch (c) {
      case '(':
        if (peek() == '?' && are()) {
          char32_t k = peek(1);
          if (k == ':') { i_ += 2; return group(false); }
          if (k == '#') {
            while (!at_end() && p_[i_] != ')') i_++;
            if (at_end()) regex_error("parentheses () not balanced");
            i_++;
            return -1;
          }
          bool behind = k == '<';
          char32_t k2 = behind ? peek(2) : k;
          if (k2 == '=' || k2 == '!') {
            i_ += behind ? 3 : 2;
            look_depth_++;
            int inner = parse_alt();
            look_depth_--;
            if (!close_paren()) regex_error("parentheses () not balanced");
            Node n;
            n.kind = Node::Look;
            n.kids = {inner};
            n.ahead = !behind;
            n.neg = k2 == '!';
            quantifiable = false;
            return add(std::move(n));
          }
          regex_error("quantifier operand invalid");
        }
        return group(true);
      case ')': regex_error("parentheses () not balanced");
      case '.': return simple(Node::Any);
      case '^': quantifiable = !are(); return constraint(Assert::Bol);
      case '$': quantifiable = !are(); return constraint(Assert::Eol);
      case '[': return bracket();
      case '\\': return escape(quantifiable);
      case '{':
        if (branch_start && is_digit(peek())) regex_error("quantifier operand invalid");
        return char_node(c);
      default: return char_node(c);
    }
  }

  int parse_bre_atom(char32_t c, bool& quantifiable, bool branch_start) {
    switch (c) {
      case '*':
        if (branch_start) return char_node(c);
        regex_error("quantifier operand invalid");
      case '.': return simple(Node::Any);
      case '^':
        if (branch_start) { quantifiable = false; return constraint(Assert::Bol); }
        return char_node(c);
      case '$':
        if (at_end() || (peek() == '\\' && peek(1) == ')')) { quantifiable = false; return constraint(Assert::Eol); }
        return char_node(c);
      case '[': return bracket();
      case '\\': {
        if (at_end()) regex_error("invalid escape \\ sequence");
        char32_t e = p_[i_++];
        if (e == '(') {
          int g = group(true);
          return g;
        }
        if (e == ')') regex_error("parentheses () not balanced");
        if (e == '{') regex_error("quantifier operand invalid");
        if (e == '<') { quantifiable = false; return constraint(Assert::WordStart); }
        if (e == '>') { quantifiable = false; return constraint(Assert::WordEnd); }
        if (e >= '1' && e <= '9') return backref(int(e - '0'));
        return char_node(e);  // any other escaped character is itself
      }
      default: return char_node(c);
    }
  }

  // Character-entry escapes shared by atoms and brackets; returns false if `e` is not one.
  bool char_escape(char32_t e, char32_t& out) {
    switch (e) {
      case 'a': out = 7; return true;
      case 'b': out = 8; return true;
      case 'B': out = '\\'; return true;
      case 'e': out = 27; return true;
      case 'f': out = 12; return true;
      case 'n': out = 10; return true;
      case 'r': out = 13; return true;
      case 't': out = 9; return true;
      case 'v': out = 11; return true;
      case 'c':
        if (at_end()) regex_error("invalid escape \\ sequence");
        out = p_[i_++] & 0x1F;
        return true;
      case 'u':
      case 'U': {
        int n = e == 'u' ? 4 : 8;
        uint32_t v = 0;
        for (int k = 0; k < n; k++) {
          int h = hex_val(peek());
          if (at_end() || h < 0) regex_error("invalid escape \\ sequence");
          v = v * 16 + uint32_t(h);
          i_++;
        }
        if (v > 0x10FFFF) regex_error("invalid escape \\ sequence");
        out = v;
        return true;
      }
      case 'x': {
        uint32_t v = 0;
        int n = 0;
        while (!at_end() && hex_val(p_[i_]) >= 0 && n < 8) {
          v = v * 16 + uint32_t(hex_val(p_[i_++]));
          n++;
        }
        if (n == 0 || v > 0x10FFFF) regex_error("invalid escape \\ sequence");
        out = v;
        return true;
      }
      case '0': {
        uint32_t v = 0;
        int n = 0;
        while (!at_end() && p_[i_] >= '0' && p_[i_] <= '7' && n < 2) {
          v = v * 8 + uint32_t(p_[i_++] - '0');
          n++;
        }
        out = v;
        return true;
      }
      default: return false;
    }
  }

  uint16_t class_escape(char32_t e, bool& negated) {
    negated = e == 'D' || e == 'S' || e == 'W';
    switch (e) {
      case 'd': case 'D': return kDigit;
      case 's': case 'S': return kSpace;
      case 'w': case 'W': return kWord;
      default: return 0;
    }
  }

  int escape(bool& quantifiable) {
    if (at_end()) regex_error("invalid escape \\ sequence");
    char32_t e = p_[i_++];
    if (!is_alnum_ascii(e)) return char_node(e);
    if (!are()) {
      // ERE: only the character escapes of ARE are not available; treat digits as back-references.
      if (e >= '1' && e <= '9') return backref(int(e - '0'));
      regex_error("invalid escape \\ sequence");
    }
    char32_t c;
    if (char_escape(e, c)) return char_node(c);
    bool neg;
    if (uint16_t cls = class_escape(e, neg)) {
      CharSet s;
      s.classes = cls;
      s.negated = neg;
      return set_node(std::move(s));
    }
    switch (e) {
      case 'A': quantifiable = false; return constraint(Assert::StrStart);
      case 'Z': quantifiable = false; return constraint(Assert::StrEnd);
      case 'm': quantifiable = false; return constraint(Assert::WordStart);
      case 'M': quantifiable = false; return constraint(Assert::WordEnd);
      case 'y': quantifiable = false; return constraint(Assert::WordBound);
      case 'Y': quantifiable = false; return constraint(Assert::NotWordBound);
      default: break;
    }
    if (e >= '1' && e <= '9') {
      // \mnn: the longest digit string naming a closed group, else octal if all octal.
      size_t start = i_ - 1;
      int num = int(e - '0');
      while (!at_end() && is_digit(p_[i_]) && num * 10 + int(p_[i_] - '0') <= int(closed_.size())) num = num * 10 + int(p_[i_++] - '0');
      (void)start;
      return backref(num);
    }
    regex_error("invalid escape \\ sequence");
  }

  // [.name.] / [=x=] contents up to the closing ".]" / "=]".
  char32_t collating(char32_t delim) {
    size_t start = i_;
    while (i_ + 1 < p_.size() && !(p_[i_] == delim && p_[i_ + 1] == ']')) i_++;
    if (i_ + 1 >= p_.size()) regex_error("brackets [] not balanced");
    std::u32string_view name = p_.substr(start, i_ - start);
    i_ += 2;
    if (name.size() == 1) return name[0];
    std::string ascii;
    for (char32_t c : name) ascii += c < 128 ? char(c) : '?';
    for (auto& cn : kCollNames)
      if (ascii == cn.name) return cn.c;
    regex_error("invalid collating element");
  }

  int bracket() {
    CharSet s;
    if (peek() == '^' && !at_end()) { s.negated = true; i_++; }
    bool first = true;
    std::vector<CharSet> negs;  // \D \S \W inside brackets
    for (;;) {
      if (at_end()) regex_error("brackets [] not balanced");
      char32_t c = p_[i_];
      if (c == ']' && !first) { i_++; break; }
      first = false;
      char32_t lo;
      bool is_char = true;
      if (c == '[' && (peek(1) == ':' || peek(1) == '.' || peek(1) == '=')) {
        char32_t kind = peek(1);
        i_ += 2;
        if (kind == ':') {
          size_t start = i_;
          while (i_ + 1 < p_.size() && !(p_[i_] == ':' && p_[i_ + 1] == ']')) i_++;
          if (i_ + 1 >= p_.size()) regex_error("brackets [] not balanced");
          std::string name;
          for (size_t k = start; k < i_; k++) name += p_[k] < 128 ? char(p_[k]) : '?';
          i_ += 2;
          uint16_t bit = 0;
          for (auto& cn : kClassNames)
            if (name == cn.name) bit = cn.bit;
          if (!bit) regex_error("invalid character class");
          if (peek() == '-' && peek(1) != ']' && !at_end()) regex_error("invalid character range");
          s.classes |= bit;
          continue;
        }
        lo = collating(kind == '.' ? '.' : '=');
      } else if (c == '\\' && are()) {
        i_++;
        if (at_end()) regex_error("brackets [] not balanced");
        char32_t e = p_[i_++];
        bool neg;
        if (uint16_t cls = class_escape(e, neg)) {
          if (neg) {
            CharSet n;
            n.classes = cls;
            negs.push_back(n);
          } else {
            s.classes |= cls;
          }
          is_char = false;
        } else if (!is_alnum_ascii(e)) {
          lo = e;
        } else if (!char_escape(e, lo)) {
          regex_error("invalid escape \\ sequence");
        }
        if (!is_char) continue;
      } else {
        lo = c;
        i_++;
      }
      char32_t hi = lo;
      if (peek() == '-' && peek(1) != ']' && i_ + 1 < p_.size()) {
        i_++;
        char32_t h = p_[i_];
        if (h == '[' && (peek(1) == '.' || peek(1) == '=')) {
          char32_t kind = peek(1);
          i_ += 2;
          hi = collating(kind);
        } else if (h == '[' && peek(1) == ':') {
          regex_error("invalid character range");
        } else if (h == '\\' && are()) {
          i_++;
          if (at_end()) regex_error("brackets [] not balanced");
          char32_t e = p_[i_++];
          if (!is_alnum_ascii(e)) hi = e;
          else if (!char_escape(e, hi)) regex_error("invalid character range");
        } else {
          hi = h;
          i_++;
        }
        if (hi < lo) regex_error("invalid character range");
      }
      s.ranges.push_back({lo, hi});
    }
    if (negs.empty()) return set_node(std::move(s));
    // [a\D]: the union of the positive part and each negated class.
    std::vector<int> alts;
    bool negated = s.negated;
    if (negated) regex_error("invalid escape \\ sequence");
    if (!s.ranges.empty() || s.classes) alts.push_back(set_node(std::move(s)));
    for (auto& n : negs) {
      n.negated = true;
      alts.push_back(set_node(std::move(n)));
    }
    if (alts.size() == 1) return alts[0];
    Node n;
    n.kind = Node::Alt;
    n.kids = std::move(alts);
    return add(std::move(n));
  }
};

// Bottom-up attributes (children always precede their parent in `nodes`).
void finish(Regex& re) {
  for (auto& n : re.nodes) {
    switch (n.kind) {
      case Node::Group:
        if (n.pref == Pref::None) n.pref = re.nodes[n.kids[0]].pref;
        break;
      case Node::Alt: n.pref = Pref::Greedy; break;
      case Node::Cat:
        for (int k : n.kids)
          if (re.nodes[k].pref != Pref::None) { n.pref = re.nodes[k].pref; break; }
        break;
      case Node::Rep:
        if (n.exact) n.pref = re.nodes[n.kids[0]].pref;
        break;
      default: break;
    }
    n.needs_dissect = (n.kind == Node::Group && n.cap > 0) || n.kind == Node::Backref;
    int lo = n.kind == Node::Group && n.cap > 0 ? n.cap : 1 << 30, hi = n.kind == Node::Group ? n.cap : -1;
    if (n.kind != Node::Look)
      for (int k : n.kids) {
        const Node& c = re.nodes[k];
        n.needs_dissect |= c.needs_dissect;
        if (c.cap_hi >= c.cap_lo) {
          lo = std::min(lo, c.cap_lo);
          hi = std::max(hi, c.cap_hi);
        }
      }
    if (hi >= 1 && lo <= hi) { n.cap_lo = lo; n.cap_hi = hi; }
  }
}

}  // namespace

void parse_pattern(Regex& re, std::u32string_view pattern, unsigned flags) {
  Parser p(re, pattern, flags);
  p.run();
  finish(re);
}

}  // namespace pgmicro::regex
