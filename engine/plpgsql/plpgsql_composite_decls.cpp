// Composite-typed PL/pgSQL variables ("r mytype;", "r tbl%ROWTYPE;"): PostgreSQL compiles them as
// record datums, so "r.f := x" is a field assignment. libpg_query's grammar cannot look types
// up and makes every declared type but "record" a scalar; so before compiling, the type text of
// such declarations is overwritten, length-preserving (error positions and line numbers stay),
// by a prefix of "record" padded with blanks, which the grammar takes for a record, and the
// declared type text is put back on the compiled record datum afterwards.
#include "plpgsql/plpgsql_composite_decls.h"
#include <cctype>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/parser.h"
#include "types/record.h"
#include "parse/pg_nodes.h"

namespace pgmicro::plpgsql {

namespace {

struct Token {
  enum Kind { Word, Quoted, Punct, End } kind = End;
  size_t begin = 0, end = 0;
  std::string text;  // Word: lower-cased; Quoted: the identifier; Punct: the characters
};

bool ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

class Scanner {
 public:
  explicit Scanner(const std::string& s) : s_(s) {}

  Token next() {
    skip_space_and_comments();
    Token t;
    t.begin = i_;
    if (i_ >= s_.size()) return t;
    unsigned char c = (unsigned char)s_[i_];
    if (c == '\'') {
      bool backslash = i_ > 0 && (s_[i_ - 1] == 'e' || s_[i_ - 1] == 'E');
      skip_string(backslash);
      t.kind = Token::Punct;
      t.text = "'";
    } else if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '$' || ident_start((unsigned char)s_[i_ + 1])) &&
               skip_dollar_quote()) {
      t.kind = Token::Punct;
      t.text = "$";
    } else if (c == '"') {
      t.kind = Token::Quoted;
      i_++;
      while (i_ < s_.size()) {
        if (s_[i_] == '"') {
          if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
            t.text += '"';
            i_ += 2;
            continue;
          }
          i_++;
          break;
        }
        t.text += s_[i_++];
      }
    } else if (ident_start(c)) {
      t.kind = Token::Word;
      while (i_ < s_.size() && ident_char((unsigned char)s_[i_])) t.text += (char)std::tolower((unsigned char)s_[i_++]);
      // E'...' strings: the word is the prefix of a string.
      if (i_ < s_.size() && s_[i_] == '\'' && (t.text == "e" || t.text == "b" || t.text == "x" || t.text == "n")) {
        skip_string(t.text == "e");
        t.kind = Token::Punct;
        t.text = "'";
      }
    } else if (c == ':' && i_ + 1 < s_.size() && s_[i_ + 1] == '=') {
      t.kind = Token::Punct;
      t.text = ":=";
      i_ += 2;
    } else {
      t.kind = Token::Punct;
      t.text = std::string(1, (char)c);
      i_++;
    }
    t.end = i_;
    return t;
  }

 private:
  void skip_space_and_comments() {
    while (i_ < s_.size()) {
      unsigned char c = (unsigned char)s_[i_];
      if (std::isspace(c)) {
        i_++;
      } else if (c == '-' && i_ + 1 < s_.size() && s_[i_ + 1] == '-') {
        while (i_ < s_.size() && s_[i_] != '\n') i_++;
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
        int depth = 0;
        while (i_ < s_.size()) {
          if (s_.compare(i_, 2, "/*") == 0) depth++, i_ += 2;
          else if (s_.compare(i_, 2, "*/") == 0) {
            i_ += 2;
            if (--depth == 0) break;
          } else i_++;
        }
      } else {
        break;
      }
    }
  }
  void skip_string(bool backslash) {
    i_++;  // opening quote
    while (i_ < s_.size()) {
      if (backslash && s_[i_] == '\\') {
        i_ += 2;
        continue;
      }
      if (s_[i_] == '\'') {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '\'') {
          i_ += 2;
          continue;
        }
        i_++;
        return;
      }
      i_++;
    }
  }
  bool skip_dollar_quote() {
    size_t j = i_ + 1;
    while (j < s_.size() && s_[j] != '$' && ident_char((unsigned char)s_[j])) j++;
    if (j >= s_.size() || s_[j] != '$') return false;
    std::string tag = s_.substr(i_, j - i_ + 1);
    size_t close = s_.find(tag, j + 1);
    i_ = close == std::string::npos ? s_.size() : close + tag.size();
    return true;
  }

  const std::string& s_;
  size_t i_ = 0;
};

// Whether the declared type text names a composite type (or a relation's row type).
bool names_composite(const Catalog& cat, const std::vector<Token>& type) {
  size_t n = type.size();
  auto ident = [&](size_t k) { return k < n && (type[k].kind == Token::Word || type[k].kind == Token::Quoted); };
  auto punct = [&](size_t k, const char* p) { return k < n && type[k].kind == Token::Punct && type[k].text == p; };
  std::string schema, name;
  size_t k = 0;
  if (!ident(0)) return false;
  if (punct(1, ".") && ident(2)) {
    schema = type[0].text;
    name = type[2].text;
    k = 3;
  } else {
    name = type[0].text;
    k = 1;
  }
  if (k + 2 == n && punct(k, "%") && type[k + 1].kind == Token::Word && type[k + 1].text == "rowtype")
    return cat.find_table(schema, name) || cat.find_view(schema, name);
  if (k != n) return false;
  if (schema.empty() && name == "record") return false;
  std::string text = "SELECT NULL::";
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  text += (schema.empty() ? "" : quote(schema) + ".") + quote(name);
  try {
    ParsedScript ps(text);
    if (ps.statements().empty()) return false;
    auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
    auto* rt = reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0));
    if (!IsA(rt->val, TypeCast)) return false;
    std::vector<Oid> none;
    Analyzer a(const_cast<Catalog&>(cat), none);  // resolve_type_name only reads
    Oid t = 0;
    int32_t typmod = -1;
    a.resolve_type_name(reinterpret_cast<TypeCast*>(rt->val)->typeName, t, typmod);
    return is_named_composite(t);
  } catch (const PgError&) {
    return false;
  }
}

}  // namespace

std::string mark_composite_declarations(const std::string& source, const Catalog& cat,
                                        std::vector<CompositeDecl>& decls) {
  std::string out = source;
  Scanner sc(source);
  auto lineno = [&](size_t pos) {
    int line = 1;
    for (size_t i = 0; i < pos && i < source.size(); i++) line += source[i] == '\n';
    return line;
  };
  auto is_word = [](const Token& t, const char* w) { return t.kind == Token::Word && t.text == w; };
  Token t = sc.next();
  while (t.kind != Token::End) {
    if (!is_word(t, "declare")) {
      t = sc.next();
      continue;
    }
    // A DECLARE section: declarations up to BEGIN.
    t = sc.next();
    while (t.kind != Token::End && !is_word(t, "begin")) {
      if (t.kind == Token::Punct && t.text == ";") {
        t = sc.next();
        continue;
      }
      Token name = t;
      t = sc.next();
      if (is_word(t, "constant")) t = sc.next();
      bool plain = (name.kind == Token::Word || name.kind == Token::Quoted) && !is_word(t, "alias") &&
                   !is_word(t, "cursor") && !is_word(t, "no") && !is_word(t, "scroll");
      std::vector<Token> type;
      int depth = 0;
      bool in_type = plain;
      while (t.kind != Token::End) {
        if (t.kind == Token::Punct && depth == 0 && t.text == ";") break;
        if (in_type && depth == 0 &&
            ((t.kind == Token::Punct && (t.text == ":=" || t.text == "=")) || is_word(t, "collate") ||
             is_word(t, "not") || is_word(t, "default")))
          in_type = false;
        if (t.kind == Token::Punct && (t.text == "(" || t.text == "[")) depth++;
        if (t.kind == Token::Punct && (t.text == ")" || t.text == "]")) depth--;
        if (in_type) type.push_back(t);
        t = sc.next();
      }
      size_t b = type.empty() ? 0 : type.front().begin, e = type.empty() ? 0 : type.back().end;
      if (plain && !type.empty() && source.find('\n', b) >= e && names_composite(cat, type)) {
        CompositeDecl d;
        d.name = name.text;
        d.lineno = lineno(name.begin);
        d.type_text = source.substr(b, e - b);
        decls.push_back(d);
        static const char kRecord[] = "record";
        for (size_t i = b; i < e; i++) out[i] = i - b < 6 ? kRecord[i - b] : ' ';
      }
      if (t.kind != Token::End) t = sc.next();
    }
  }
  return out;
}

}  // namespace pgmicro::plpgsql
