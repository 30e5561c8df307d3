// jsonpath input and output: PostgreSQL 15's jsonpath scanner and grammar (jsonpath_scan.l,
// jsonpath_gram.y) as a tokenizer and a precedence-climbing parser, and printJsonPathItem's
// normalised text. See jsonpath.h.
#include "types/jsonpath.h"
#include <cerrno>
#include <climits>
#include <algorithm>
#include <cstdlib>
#include "common/error.h"
#include "common/utf8.h"
#include "regex/regex.h"
#include "types/numeric.h"

namespace pgmicro {

namespace {

using T = JsonPathItem::Type;

enum class Tok { End, Ident, String, Variable, Int, Numeric, Punct };

struct Token {
  Tok kind = Tok::End;
  std::string text;   // Ident/Punct: as written; String/Variable: decoded; numbers: as written
  std::string raw;    // what PostgreSQL's scanner has as yytext for it (error messages)
  bool raw_at_end = false;  // an identifier ending the input: errors say "at end"
  size_t pos = 0;
};

[[noreturn]] void syntax_error(const std::string& msg) { throw PgError(sqlstate::kSyntaxError, msg); }

// Nesting and chain length limit: the parser, printer and executor recurse over the item tree
// (PostgreSQL's limit is its stack depth check).
constexpr int kMaxPathDepth = 200;
[[noreturn]] void too_deep() {
  throw PgError(sqlstate::kStatementTooComplex, "stack depth limit exceeded", "", stack_depth_hint());
}

bool is_special(char c) {
  switch (c) {
    case '?': case '%': case '$': case '.': case '[': case ']': case '{': case '}': case '(': case ')':
    case '|': case '&': case '!': case '=': case '<': case '>': case '@': case '#': case ',': case '*':
    case ':': case '-': case '+': case '/': case '\\': case '"': case ' ': case '\t': case '\n': case '\r':
    case '\f':
      return true;
    default:
      return false;
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\f')) i_++;
      Token t;
      t.pos = i_;
      if (i_ >= s_.size()) {
        out.push_back(t);
        return out;
      }
      char c = s_[i_];
      if (c == '"') {
        t.kind = Tok::String;
        t.text = quoted();
      } else if (c == '$' && i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
        i_++;
        t.kind = Tok::Variable;
        t.text = quoted();
      } else if (c == '$' && i_ + 1 < s_.size() && !is_special(s_[i_ + 1])) {
        size_t b = ++i_;
        while (i_ < s_.size() && !is_special(s_[i_])) i_++;
        t.kind = Tok::Variable;
        t.text = std::string(s_.substr(b, i_ - b));
      } else if ((c >= '0' && c <= '9') || (c == '.' && i_ + 1 < s_.size() && isdigit((unsigned char)s_[i_ + 1]))) {
        number(t);
      } else if (is_special(c) && c != '\\') {
        t.kind = Tok::Punct;
        static const char* two[] = {"&&", "||", "**", "<=", "==", "<>", "!=", ">="};
        t.text = std::string(1, c);
        for (const char* op : two)
          if (s_.substr(i_, 2) == op) t.text = op;
        i_ += t.text.size();
      } else {
        size_t b = i_;
        std::string word;
        while (i_ < s_.size() && (!is_special(s_[i_]) || s_[i_] == '\\')) {
          if (s_[i_] == '\\') {
            escape(word);
            continue;
          }
          word += s_[i_];
          i_++;
        }
        (void)b;
        t.kind = Tok::Ident;
        t.text = word;
      }
      t.raw = std::string(s_.substr(t.pos, i_ - t.pos));
      if (t.kind == Tok::Ident) {  // ended by blanks (yytext: the blanks), a special character or the end
        size_t j = i_;
        while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t' || s_[j] == '\n' || s_[j] == '\r' || s_[j] == '\f')) j++;
        t.raw = std::string(s_.substr(i_, j - i_));
        t.raw_at_end = i_ >= s_.size();
      } else if (t.kind == Tok::String || (t.kind == Tok::Variable && t.raw.size() > 1 && t.raw[1] == '"')) {
        t.raw = "\"";
      }
      out.push_back(t);
    }
  }

 private:
  std::string_view s_;
  size_t i_ = 0;

  static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  void put_cp(std::string& out, uint32_t cp) {
    if (cp > 0x10FFFF) syntax_error("invalid Unicode code point");
    if (cp == 0) throw PgError("22P05", "unsupported Unicode escape sequence", "\\u0000 cannot be converted to text.");
    append_utf8(out, cp);
  }
  std::string quoted() {
    size_t start = i_;
    i_++;  // opening quote
    std::string out;
    for (;;) {
      (void)start;
      if (i_ >= s_.size()) syntax_error("unexpected end of quoted string at end of jsonpath input");
      char c = s_[i_];
      if (c == '"') {
        i_++;
        return out;
      }
      if (c != '\\') {
        out += c;
        i_++;
        continue;
      }
      escape(out);
    }
  }
  // A backslash escape at i_ (in a quoted string or an identifier).
  void escape(std::string& out) {
    {
      if (i_ + 1 >= s_.size()) syntax_error("unexpected end after backslash at or near \"\\\" of jsonpath input");
      char e = s_[i_ + 1];
      i_ += 2;
      switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x': {
          int a = i_ < s_.size() ? hexval(s_[i_]) : -1, b = i_ + 1 < s_.size() ? hexval(s_[i_ + 1]) : -1;
          if (a < 0 || b < 0)
            syntax_error("invalid hex character sequence at or near \"\\x" + std::string(s_.substr(i_, a < 0 ? 0 : 1)) +
                         "\" of jsonpath input");
          i_ += 2;
          put_cp(out, uint32_t(a * 16 + b));
          break;
        }
        case 'u': {
          uint32_t cp = 0;
          if (i_ < s_.size() && s_[i_] == '{') {
            size_t j = i_ + 1;
            int n = 0;
            while (j < s_.size() && hexval(s_[j]) >= 0 && n < 6) cp = cp * 16 + uint32_t(hexval(s_[j++])), n++;
            if (n == 0 || j >= s_.size() || s_[j] != '}')
              syntax_error("invalid unicode sequence at or near \"" + std::string(s_.substr(i_ - 2, j - i_ + 3)) + "\" of jsonpath input");
            i_ = j + 1;
          } else {
            for (int k = 0; k < 4; k++) {
              int h = i_ < s_.size() ? hexval(s_[i_]) : -1;
              if (h < 0)
                syntax_error("invalid unicode sequence at or near \"" + std::string(s_.substr(i_ - 2 - k, 2 + k + (i_ < s_.size()))) + "\" of jsonpath input");
              cp = cp * 16 + uint32_t(h);
              i_++;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 5 < s_.size() + 0 && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
              uint32_t lo = 0;
              bool ok = true;
              for (int k = 0; k < 4; k++) {
                int h = hexval(s_[i_ + 2 + k]);
                if (h < 0) ok = false;
                else lo = lo * 16 + uint32_t(h);
              }
              if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i_ += 6;
              } else {
                throw PgError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type jsonpath",
                              "Unicode low surrogate must follow a high surrogate.");
              }
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
              throw PgError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type jsonpath",
                            cp <= 0xDBFF ? "Unicode low surrogate must follow a high surrogate."
                                         : "Unicode low surrogate must follow a high surrogate.");
            }
          }
          put_cp(out, cp);
          break;
        }
        default: out += e; break;
      }
    }
  }
  void number(Token& t) {
    size_t b = i_;
    auto digits = [&] {
      size_t d = i_;
      while (i_ < s_.size() && isdigit((unsigned char)s_[i_])) i_++;
      return i_ - d;
    };
    auto junk = [&](size_t upto) {
      syntax_error("trailing junk after numeric literal at or near \"" + std::string(s_.substr(b, upto - b)) +
                   "\" of jsonpath input");
    };
    size_t intdigits = digits();
    if (intdigits > 1 && s_[b] == '0') junk(b + 2);  // 00
    bool is_decimal = false;
    if (i_ < s_.size() && s_[i_] == '.' && (intdigits > 0 || (i_ + 1 < s_.size() && isdigit((unsigned char)s_[i_ + 1])))) {
      i_++;
      digits();
      is_decimal = true;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      size_t save = i_;
      i_++;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) i_++;
      if (digits() == 0) {
        if (save + 1 < s_.size() && (s_[save + 1] == '+' || s_[save + 1] == '-'))
          syntax_error("invalid numeric literal at or near \"" + std::string(s_.substr(b, save + 2 - b)) +
                       "\" of jsonpath input");
        junk(save + 1);
      }
      is_decimal = true;
    }
    if (i_ < s_.size() && !is_special(s_[i_])) junk(i_ + 1);
    t.kind = is_decimal ? Tok::Numeric : Tok::Int;
    t.text = std::string(s_.substr(b, i_ - b));
  }
};

JsonPathPtr make(T type) {
  auto p = std::make_shared<JsonPathItem>();
  p->type = type;
  return p;
}

bool is_predicate(const JsonPathPtr& p) {
  switch (p->type) {
    case T::And: case T::Or: case T::Not: case T::IsUnknown: case T::Equal: case T::NotEqual: case T::Less:
    case T::Greater: case T::LessOrEqual: case T::GreaterOrEqual: case T::Exists: case T::StartsWith:
    case T::LikeRegex:
      return !p->next;
    default:
      return false;
  }
}

class Parser {
 public:
  explicit Parser(std::vector<Token> toks) : t_(std::move(toks)) {}

  JsonPath parse() {
    JsonPath jp;
    if (ident("strict")) jp.lax = false, k_++;
    else if (ident("lax")) k_++;
    if (at_end()) {
      if (k_ == 0) return jp;
      error();
    }
    jp.root = expr(0);
    if (!at_end()) error();
    check(jp.root, false, false);
    return jp;
  }

 private:
  std::vector<Token> t_;
  size_t k_ = 0;
  int depth_ = 0;

  const Token& cur() const { return t_[k_]; }
  bool at_end() const { return cur().kind == Tok::End; }
  bool punct(const char* p) const { return cur().kind == Tok::Punct && cur().text == p; }
  bool ident(const char* w) const { return cur().kind == Tok::Ident && cur().text == w; }
  [[noreturn]] void error() const {
    if (at_end() || cur().raw_at_end) syntax_error("syntax error at end of jsonpath input");
    syntax_error("syntax error at or near \"" + cur().raw + "\" of jsonpath input");
  }
  void expect(const char* p) {
    if (!punct(p)) error();
    k_++;
  }

  // Binding powers: || 1, && 2, comparisons 3, + - 4, * / % 5.
  static int binary_power(const Token& t, T& type) {
    if (t.kind != Tok::Punct) {
      if (t.kind == Tok::Ident && (t.text == "starts" || t.text == "like_regex")) {
        type = t.text == "starts" ? T::StartsWith : T::LikeRegex;
        return 3;
      }
      return 0;
    }
    const std::string& s = t.text;
    if (s == "||") return type = T::Or, 1;
    if (s == "&&") return type = T::And, 2;
    if (s == "==") return type = T::Equal, 3;
    if (s == "!=" || s == "<>") return type = T::NotEqual, 3;
    if (s == "<") return type = T::Less, 3;
    if (s == ">") return type = T::Greater, 3;
    if (s == "<=") return type = T::LessOrEqual, 3;
    if (s == ">=") return type = T::GreaterOrEqual, 3;
    if (s == "+") return type = T::Add, 4;
    if (s == "-") return type = T::Sub, 4;
    if (s == "*") return type = T::Mul, 5;
    if (s == "/") return type = T::Div, 5;
    if (s == "%") return type = T::Mod, 5;
    return 0;
  }

  JsonPathPtr expr(int min_power) {
    struct Depth {
      int& d;
      explicit Depth(int& x) : d(x) {
        if (++d > kMaxPathDepth) too_deep();
      }
      ~Depth() { d--; }
    } guard(depth_);
    JsonPathPtr lhs = unary();
    for (;;) {
      T type;
      int p = binary_power(cur(), type);
      if (p == 0 || p <= min_power) break;
      k_++;
      if (type == T::StartsWith) {
        if (!ident("with")) error();
        k_++;
        auto n = make(T::StartsWith);
        n->left = lhs;
        if (cur().kind == Tok::String) {
          n->right = make(T::String);
          n->right->str = cur().text;
          k_++;
        } else if (cur().kind == Tok::Variable) {
          n->right = make(T::Variable);
          n->right->str = cur().text;
          k_++;
        } else {
          error();
        }
        lhs = n;
        continue;
      }
      if (type == T::LikeRegex) {
        auto n = make(T::LikeRegex);
        n->left = lhs;
        if (cur().kind != Tok::String) error();
        n->str = cur().text;
        k_++;
        if (ident("flag")) {
          k_++;
          if (cur().kind != Tok::String) error();
          for (char c : cur().text) {
            switch (c) {
              case 'i': n->regex_flags |= kJspFlagI; break;
              case 's': n->regex_flags |= kJspFlagS; break;
              case 'm': n->regex_flags |= kJspFlagM; break;
              case 'x': n->regex_flags |= kJspFlagX; break;
              case 'q': n->regex_flags |= kJspFlagQ; break;
              default:
                throw PgError(sqlstate::kSyntaxError, "invalid input syntax for type jsonpath",
                              "Unrecognized flag character \"" + std::string(1, c) + "\" in LIKE_REGEX predicate.");
            }
          }
          k_++;
        }
        validate_regex(*n);
        lhs = n;
        continue;
      }
      JsonPathPtr rhs = expr(p == 3 ? 3 : p);  // comparisons do not chain
      T ignored;
      if (p == 3 && binary_power(cur(), ignored) == 3) error();
      auto n = make(type);
      n->left = lhs;
      n->right = rhs;
      if (p <= 2 && (!is_predicate(lhs) || !is_predicate(rhs))) error();
      if (p >= 3 && (is_predicate(lhs) || is_predicate(rhs))) error();
      lhs = n;
    }
    return lhs;
  }

  static void validate_regex(const JsonPathItem& n) {
    if (n.regex_flags & kJspFlagX && !(n.regex_flags & kJspFlagQ))
      throw PgError(sqlstate::kFeatureNotSupported, "XQuery \"x\" flag (expanded regular expressions) is not implemented");
    regex::Regex::compile(regex::decode_utf8(n.str), regex_compile_flags(n.regex_flags));
  }

 public:
  static unsigned regex_compile_flags(unsigned f) {
    unsigned c = 0;
    if (f & kJspFlagI) c |= regex::kIcase;
    if (f & kJspFlagQ) return c | regex::kQuote;
    if (!(f & kJspFlagS)) c |= regex::kNlStop;
    if (f & kJspFlagM) c |= regex::kNlAnchor;
    return c;
  }

 private:
  JsonPathPtr unary() {
    if (punct("+") || punct("-")) {
      bool minus = cur().text == "-";
      k_++;
      JsonPathPtr a = unary_operand();
      if (is_predicate(a)) error();
      if (a->type == T::Numeric && !a->next) {
        if (minus) a->str = Numeric::parse(a->str).neg().to_string();
        return a;
      }
      auto n = make(minus ? T::Minus : T::Plus);
      n->left = a;
      return n;
    }
    if (punct("!")) {
      k_++;
      if (!punct("(") && !ident("exists")) error();
      JsonPathPtr a = primary_with_accessors();
      if (!is_predicate(a)) error();
      auto n = make(T::Not);
      n->left = a;
      return n;
    }
    return primary_with_accessors();
  }
  JsonPathPtr unary_operand() {
    if (punct("+") || punct("-")) return unary();
    return primary_with_accessors();
  }

  JsonPathPtr primary_with_accessors() {
    JsonPathPtr head = primary();
    JsonPathPtr tail = head;
    while (tail->next) tail = tail->next;
    int length = 0;
    while (accessor(tail)) {
      tail = tail->next;
      if (++length > kMaxPathDepth) too_deep();
    }
    return head;
  }

  JsonPathPtr primary() {
    const Token& t = cur();
    JsonPathPtr n;
    switch (t.kind) {
      case Tok::End: error();
      case Tok::String: n = make(T::String); n->str = t.text; k_++; return n;
      case Tok::Variable: n = make(T::Variable); n->str = t.text; k_++; return n;
      case Tok::Int:
      case Tok::Numeric: n = make(T::Numeric); n->str = Numeric::parse(t.text).to_string(); k_++; return n;
      case Tok::Ident:
        if (t.text == "null") { k_++; return make(T::Null); }
        if (t.text == "true" || t.text == "false") { n = make(T::Bool); n->boolean = t.text == "true"; k_++; return n; }
        if (t.text == "last") { k_++; return make(T::Last); }
        if (t.text == "exists") {
          k_++;
          expect("(");
          n = make(T::Exists);
          n->left = expr(0);
          if (is_predicate(n->left)) error();
          expect(")");
          return n;
        }
        error();
      case Tok::Punct:
        if (t.text == "$") { k_++; return make(T::Root); }
        if (t.text == "@") { k_++; return make(T::Current); }
        if (t.text == "(") {
          k_++;
          JsonPathPtr inner = expr(0);
          expect(")");
          if (ident("is")) {
            if (!is_predicate(inner)) error();
            k_++;
            if (!ident("unknown")) error();
            k_++;
            n = make(T::IsUnknown);
            n->left = inner;
            return n;
          }
          return inner;
        }
        error();
    }
    error();
  }

  static bool is_keyword_method(const std::string& s, T& type) {
    if (s == "abs") return type = T::Abs, true;
    if (s == "size") return type = T::Size, true;
    if (s == "type") return type = T::TypeMethod, true;
    if (s == "floor") return type = T::Floor, true;
    if (s == "double") return type = T::Double, true;
    if (s == "ceiling") return type = T::Ceiling, true;
    if (s == "keyvalue") return type = T::KeyValue, true;
    if (s == "datetime") return type = T::Datetime, true;
    return false;
  }

  static void append(JsonPathPtr& tail, JsonPathPtr n) { tail->next = n; }  // tail: the chain's last item

  uint32_t any_level() {
    if (ident("last")) { k_++; return UINT32_MAX; }
    if (cur().kind != Tok::Int) error();
    long long v = std::strtoll(cur().text.c_str(), nullptr, 10);
    k_++;
    return uint32_t(v);
  }

  bool accessor(JsonPathPtr& chain) {
    if (punct(".")) {
      k_++;
      const Token& t = cur();
      JsonPathPtr n;
      if (t.kind == Tok::Punct && t.text == "*") {
        k_++;
        n = make(T::AnyKey);
      } else if (t.kind == Tok::Punct && t.text == "**") {
        k_++;
        n = make(T::Any);
        n->first = 0;
        n->last = UINT32_MAX;
        if (punct("{")) {
          k_++;
          n->first = any_level();
          if (ident("to")) {
            k_++;
            n->last = any_level();
          } else {
            n->last = n->first;
          }
          expect("}");
        }
      } else if (t.kind == Tok::String) {
        n = make(T::Key);
        n->str = t.text;
        k_++;
      } else if (t.kind == Tok::Ident) {
        T mt;
        if (is_keyword_method(t.text, mt) && t_[k_ + 1].kind == Tok::Punct && t_[k_ + 1].text == "(") {
          k_ += 2;
          n = make(mt);
          if (mt == T::Datetime && cur().kind == Tok::String) {
            n->str = cur().text;
            n->boolean = true;
            k_++;
          }
          expect(")");
        } else {
          n = make(T::Key);
          n->str = t.text;
          k_++;
        }
      } else {
        error();
      }
      append(chain, n);
      return true;
    }
    if (punct("[")) {
      k_++;
      JsonPathPtr n;
      if (punct("*")) {
        k_++;
        expect("]");
        n = make(T::AnyArray);
      } else {
        n = make(T::IndexArray);
        for (;;) {
          JsonPathPtr from = expr(0), to;
          if (is_predicate(from)) error();
          if (ident("to")) {
            k_++;
            to = expr(0);
            if (is_predicate(to)) error();
          }
          n->subscripts.emplace_back(from, to);
          if (punct(",")) { k_++; continue; }
          expect("]");
          break;
        }
      }
      append(chain, n);
      return true;
    }
    if (punct("?")) {
      k_++;
      expect("(");
      auto n = make(T::Filter);
      n->left = expr(0);
      if (!is_predicate(n->left)) error();
      expect(")");
      append(chain, n);
      return true;
    }
    return false;
  }

  // @ only inside filters, LAST only inside array subscripts; the executor's recursion (chain
  // positions plus nesting) stays within kMaxPathDepth. Returns that depth.
  static int check(const JsonPathPtr& p, bool in_filter, bool in_subscript, int above = 0) {
    int deepest = above, pos = above;
    for (const JsonPathItem* it = p.get(); it; it = it->next.get()) {
      if (++pos > kMaxPathDepth) too_deep();
      if (it->type == T::Current && !in_filter) syntax_error("@ is not allowed in root expressions");
      if (it->type == T::Last && !in_subscript) syntax_error("LAST is allowed only in array subscripts");
      bool f = in_filter || it->type == T::Filter;
      int d = pos;
      if (it->left) d = std::max(d, check(it->left, f, in_subscript, pos + 1));
      if (it->right) d = std::max(d, check(it->right, f, in_subscript, pos + 1));
      for (auto& s : it->subscripts) {
        d = std::max(d, check(s.first, in_filter, true, pos + 1));
        if (s.second) d = std::max(d, check(s.second, in_filter, true, pos + 1));
      }
      deepest = std::max(deepest, d);
    }
    return deepest;
  }
};

int priority(T t) {
  switch (t) {
    case T::Or: return 0;
    case T::And: return 1;
    case T::Equal: case T::NotEqual: case T::Less: case T::Greater: case T::LessOrEqual: case T::GreaterOrEqual:
    case T::StartsWith:
      return 2;
    case T::Add: case T::Sub: return 3;
    case T::Mul: case T::Div: case T::Mod: return 4;
    case T::Plus: case T::Minus: return 5;
    default: return 6;
  }
}

const char* op_name(T t) {
  switch (t) {
    case T::And: return "&&";
    case T::Or: return "||";
    case T::Equal: return "==";
    case T::NotEqual: return "!=";
    case T::Less: return "<";
    case T::Greater: return ">";
    case T::LessOrEqual: return "<=";
    case T::GreaterOrEqual: return ">=";
    case T::Plus: case T::Add: return "+";
    case T::Minus: case T::Sub: return "-";
    case T::Mul: return "*";
    case T::Div: return "/";
    case T::Mod: return "%";
    case T::StartsWith: return "starts with";
    case T::LikeRegex: return "like_regex";
    case T::TypeMethod: return "type";
    case T::Size: return "size";
    case T::KeyValue: return "keyvalue";
    case T::Double: return "double";
    case T::Abs: return "abs";
    case T::Floor: return "floor";
    case T::Ceiling: return "ceiling";
    case T::Datetime: return "datetime";
    default: return "?";
  }
}

void print(std::string& buf, const JsonPathItem& v, bool in_key, bool brackets) {
  switch (v.type) {
    case T::Null: buf += "null"; break;
    case T::Key:
      if (in_key) buf += '.';
      json_escape(v.str, buf);
      break;
    case T::String: json_escape(v.str, buf); break;
    case T::Variable:
      buf += '$';
      json_escape(v.str, buf);
      break;
    case T::Numeric:
      if (v.next) buf += '(';
      buf += v.str;
      if (v.next) buf += ')';
      break;
    case T::Bool: buf += v.boolean ? "true" : "false"; break;
    case T::And: case T::Or: case T::Equal: case T::NotEqual: case T::Less: case T::Greater: case T::LessOrEqual:
    case T::GreaterOrEqual: case T::Add: case T::Sub: case T::Mul: case T::Div: case T::Mod: case T::StartsWith:
      if (brackets) buf += '(';
      print(buf, *v.left, false, priority(v.left->type) <= priority(v.type));
      buf += ' ';
      buf += op_name(v.type);
      buf += ' ';
      print(buf, *v.right, false, priority(v.right->type) <= priority(v.type));
      if (brackets) buf += ')';
      break;
    case T::LikeRegex:
      if (brackets) buf += '(';
      print(buf, *v.left, false, priority(v.left->type) <= priority(v.type));
      buf += " like_regex ";
      json_escape(v.str, buf);
      if (v.regex_flags) {
        buf += " flag \"";
        if (v.regex_flags & kJspFlagI) buf += 'i';
        if (v.regex_flags & kJspFlagS) buf += 's';
        if (v.regex_flags & kJspFlagM) buf += 'm';
        if (v.regex_flags & kJspFlagX) buf += 'x';
        if (v.regex_flags & kJspFlagQ) buf += 'q';
        buf += '"';
      }
      if (brackets) buf += ')';
      break;
    case T::Plus: case T::Minus:
      if (brackets) buf += '(';
      buf += v.type == T::Plus ? '+' : '-';
      print(buf, *v.left, false, priority(v.left->type) <= priority(v.type));
      if (brackets) buf += ')';
      break;
    case T::Filter:
      buf += "?(";
      print(buf, *v.left, false, false);
      buf += ')';
      break;
    case T::Not:
      buf += "!(";
      print(buf, *v.left, false, false);
      buf += ')';
      break;
    case T::IsUnknown:
      buf += '(';
      print(buf, *v.left, false, false);
      buf += ") is unknown";
      break;
    case T::Exists:
      buf += "exists (";
      print(buf, *v.left, false, false);
      buf += ')';
      break;
    case T::Current: buf += '@'; break;
    case T::Root: buf += '$'; break;
    case T::Last: buf += "last"; break;
    case T::AnyArray: buf += "[*]"; break;
    case T::AnyKey:
      if (in_key) buf += '.';
      buf += '*';
      break;
    case T::IndexArray:
      buf += '[';
      for (size_t i = 0; i < v.subscripts.size(); i++) {
        if (i) buf += ',';
        print(buf, *v.subscripts[i].first, false, false);
        if (v.subscripts[i].second) {
          buf += " to ";
          print(buf, *v.subscripts[i].second, false, false);
        }
      }
      buf += ']';
      break;
    case T::Any:
      if (in_key) buf += '.';
      if (v.first == 0 && v.last == UINT32_MAX) {
        buf += "**";
      } else if (v.first == v.last) {
        buf += v.first == UINT32_MAX ? "**{last}" : "**{" + std::to_string(v.first) + "}";
      } else {
        buf += "**{" + (v.first == UINT32_MAX ? std::string("last") : std::to_string(v.first)) + " to " +
               (v.last == UINT32_MAX ? std::string("last") : std::to_string(v.last)) + "}";
      }
      break;
    case T::TypeMethod: case T::Size: case T::Abs: case T::Floor: case T::Ceiling: case T::Double: case T::KeyValue:
      buf += '.';
      buf += op_name(v.type);
      buf += "()";
      break;
    case T::Datetime:
      buf += ".datetime(";
      if (v.boolean) json_escape(v.str, buf);
      buf += ')';
      break;
  }
  if (v.next) print(buf, *v.next, true, true);
}

}  // namespace

unsigned jsonpath_regex_flags(unsigned f) { return Parser::regex_compile_flags(f); }

JsonPath jsonpath_parse(std::string_view text) {
  Parser p(Lexer(text).run());
  return p.parse();
}

std::string jsonpath_to_text(const JsonPath& p) {
  std::string out;
  if (!p.lax) out += "strict ";
  if (p.root) print(out, *p.root, false, true);
  return out;
}

}  // namespace pgmicro
