// json/jsonb parsing, normalisation and output (see json.h). The lexer follows PostgreSQL 15's
// json_lex (token boundaries decide the error context), the parser its recursive descent
// (which token each error names).
#include "types/json.h"
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <cstring>
#include "common/error.h"
#include "types/numeric.h"

namespace pgmicro {

namespace {

enum class Tok { ObjStart, ObjEnd, ArrStart, ArrEnd, Comma, Colon, String, Number, True, False, Null, End, Invalid };

// Nesting limit: the engine's recursive walkers (parse, normalise, compare, print) must stay
// within the WASM stack; PostgreSQL's own limit (max_stack_depth) is somewhat higher.
constexpr int kMaxJsonDepth = 1500;

struct Lexer {
  std::string_view in;
  bool jsonb;
  size_t pos = 0;          // next unread byte
  size_t tok_start = 0, tok_end = 0;
  Tok tok = Tok::End;
  std::string strval;       // decoded string token
  int line = 1;
  size_t line_start = 0;

  static bool alnum(unsigned char c) { return isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

  [[noreturn]] void fail(const std::string& detail, const char* sqlstate = sqlstate::kInvalidTextRepresentation,
                         const char* message = "invalid input syntax for type json") {
    // PostgreSQL's report_json_context: the current line up to the end of the bad token,
    // at most ~50 bytes, with "..." where it was cut.
    size_t cend = std::min(tok_end, in.size()), cstart = line_start;
    while (cend - cstart >= 50) {
      cstart++;
      while (cstart < cend && ((unsigned char)in[cstart] & 0xC0) == 0x80) cstart++;
    }
    std::string ctx = "JSON data, line " + std::to_string(line) + ": " + (cstart > line_start ? "..." : "") +
                      std::string(in.substr(cstart, cend - cstart));
    if (tok != Tok::End && cend < in.size() && in[cend] != '\n' && in[cend] != '\r') ctx += "...";
    PgError e(sqlstate, message, detail);
    e.error.context = ctx;
    throw e;
  }
  std::string token_text() const { return std::string(in.substr(tok_start, std::min(tok_end, in.size()) - tok_start)); }

  void next() {
    while (pos < in.size() && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
      if (in[pos] == '\n') {
        line++;
        line_start = pos + 1;
      }
      pos++;
    }
    tok_start = pos;
    if (pos >= in.size()) {
      tok = Tok::End;
      tok_end = pos;
      return;
    }
    char c = in[pos];
    switch (c) {
      case '{': tok = Tok::ObjStart; tok_end = ++pos; return;
      case '}': tok = Tok::ObjEnd; tok_end = ++pos; return;
      case '[': tok = Tok::ArrStart; tok_end = ++pos; return;
      case ']': tok = Tok::ArrEnd; tok_end = ++pos; return;
      case ',': tok = Tok::Comma; tok_end = ++pos; return;
      case ':': tok = Tok::Colon; tok_end = ++pos; return;
      case '"': lex_string(); return;
      default: break;
    }
    if (c == '-' || isdigit((unsigned char)c)) {
      lex_number();
      return;
    }
    size_t p = pos;
    while (p < in.size() && alnum((unsigned char)in[p])) p++;
    if (p == pos) p++;  // a lone non-token character
    tok_end = p;
    std::string_view w = in.substr(pos, p - pos);
    pos = p;
    tok = w == "true" ? Tok::True : w == "false" ? Tok::False : w == "null" ? Tok::Null : Tok::Invalid;
    if (tok == Tok::Invalid) fail("Token \"" + token_text() + "\" is invalid.");
  }

  void lex_number() {
    size_t p = pos;
    bool ok = true;
    if (in[p] == '-') p++;
    if (p < in.size() && in[p] == '0') {
      p++;
    } else if (p < in.size() && isdigit((unsigned char)in[p])) {
      while (p < in.size() && isdigit((unsigned char)in[p])) p++;
    } else {
      ok = false;
    }
    // like PostgreSQL, the fraction and exponent parts are scanned even after a bad start
    if (p < in.size() && in[p] == '.') {
      p++;
      if (p < in.size() && isdigit((unsigned char)in[p])) {
        while (p < in.size() && isdigit((unsigned char)in[p])) p++;
      } else {
        ok = false;
      }
    }
    if (p < in.size() && (in[p] == 'e' || in[p] == 'E')) {
      p++;
      if (p < in.size() && (in[p] == '+' || in[p] == '-')) p++;
      if (p < in.size() && isdigit((unsigned char)in[p])) {
        while (p < in.size() && isdigit((unsigned char)in[p])) p++;
      } else {
        ok = false;
      }
    }
    // Trailing word characters make the whole thing one invalid token ("01", "1x").
    if (p < in.size() && alnum((unsigned char)in[p])) {
      ok = false;
      while (p < in.size() && alnum((unsigned char)in[p])) p++;
    }
    tok_end = p;
    pos = p;
    tok = Tok::Number;
    if (!ok) {
      tok = Tok::Invalid;
      fail("Token \"" + token_text() + "\" is invalid.");
    }
  }

  static void put_utf8(uint32_t cp, std::string& o) {
    if (cp < 0x80) o += char(cp);
    else if (cp < 0x800) { o += char(0xC0 | (cp >> 6)); o += char(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { o += char(0xE0 | (cp >> 12)); o += char(0x80 | ((cp >> 6) & 0x3F)); o += char(0x80 | (cp & 0x3F)); }
    else { o += char(0xF0 | (cp >> 18)); o += char(0x80 | ((cp >> 12) & 0x3F)); o += char(0x80 | ((cp >> 6) & 0x3F)); o += char(0x80 | (cp & 0x3F)); }
  }

  void lex_string() {
    tok = Tok::String;
    strval.clear();
    size_t s = pos + 1;
    long hi_surrogate = -1;
    auto mblen_at = [&](size_t i) {
      unsigned char b = (unsigned char)in[i];
      size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
      return std::min(n, in.size() - i);
    };
    for (;;) {
      if (s >= in.size()) {
        tok_end = s;
        tok = Tok::Invalid;
        fail("Token \"" + token_text() + "\" is invalid.");
      }
      unsigned char c = (unsigned char)in[s];
      if (c == '"') break;
      if (c < 32) {
        tok_end = s;
        char buf[8];
        snprintf(buf, sizeof buf, "0x%02x", c);
        fail(std::string("Character with value ") + buf + " must be escaped.");
      }
      if (c == '\\') {
        s++;
        if (s >= in.size()) {
          tok_end = s;
          tok = Tok::Invalid;
          fail("Token \"" + token_text() + "\" is invalid.");
        }
        char e = in[s];
        if (e == 'u') {
          uint32_t cp = 0;
          for (int i = 1; i <= 4; i++) {
            s++;
            if (s >= in.size()) {
              tok_end = s;
              tok = Tok::Invalid;
              fail("Token \"" + token_text() + "\" is invalid.");
            }
            char h = in[s];
            if (!isxdigit((unsigned char)h)) {
              tok_end = s + mblen_at(s);
              fail("\"\\u\" must be followed by four hexadecimal digits.");
            }
            cp = cp * 16 + (h <= '9' ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
          }
          s++;
          if (jsonb) {
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (hi_surrogate != -1) {
                tok_end = s;
                fail("Unicode high surrogate must not follow a high surrogate.");
              }
              hi_surrogate = cp;
              continue;
            }
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
              if (hi_surrogate == -1) {
                tok_end = s;
                fail("Unicode low surrogate must follow a high surrogate.");
              }
              cp = 0x10000 + ((uint32_t(hi_surrogate) - 0xD800) << 10) + (cp - 0xDC00);
              hi_surrogate = -1;
            }
            if (hi_surrogate != -1) {
              tok_end = s;
              fail("Unicode low surrogate must follow a high surrogate.");
            }
            if (cp == 0) {
              tok_end = s;
              fail("\\u0000 cannot be converted to text.", "22P05", "unsupported Unicode escape sequence");
            }
          }
          put_utf8(cp, strval);
          continue;
        }
        if (jsonb && hi_surrogate != -1) {
          tok_end = s + 1;
          fail("Unicode low surrogate must follow a high surrogate.");
        }
        switch (e) {
          case '"': strval += '"'; break;
          case '\\': strval += '\\'; break;
          case '/': strval += '/'; break;
          case 'b': strval += '\b'; break;
          case 'f': strval += '\f'; break;
          case 'n': strval += '\n'; break;
          case 'r': strval += '\r'; break;
          case 't': strval += '\t'; break;
          default: {
            size_t n = mblen_at(s);
            tok_end = s + n;
            fail("Escape sequence \"\\" + std::string(in.substr(s, n)) + "\" is invalid.");
          }
        }
        s++;
        continue;
      }
      if (jsonb && hi_surrogate != -1) {
        tok_end = s + 1;
        fail("Unicode low surrogate must follow a high surrogate.");
      }
      strval += char(c);
      s++;
    }
    if (jsonb && hi_surrogate != -1) {
      tok_end = s + 1;
      fail("Unicode low surrogate must follow a high surrogate.");
    }
    pos = s + 1;
    tok_end = pos;
  }
};

struct Parser {
  Lexer lx;
  int depth = 0;

  [[noreturn]] void expected(const char* what) {
    if (lx.tok == Tok::End) lx.fail("The input string ended unexpectedly.");
    lx.fail(std::string(what) + ", but found \"" + lx.token_text() + "\".");
  }

  JsonValue value() {
    JsonValue v;
    v.start = lx.tok_start;
    switch (lx.tok) {
      case Tok::String: v.kind = JsonValue::Kind::String; v.text = lx.strval; break;
      case Tok::Number: v.kind = JsonValue::Kind::Number; v.text = lx.token_text(); break;
      case Tok::True: v.kind = JsonValue::Kind::True; break;
      case Tok::False: v.kind = JsonValue::Kind::False; break;
      case Tok::Null: v.kind = JsonValue::Kind::Null; break;
      case Tok::ObjStart: return object();
      case Tok::ArrStart: return array();
      default: expected("Expected JSON value");
    }
    v.end = lx.tok_end;
    lx.next();
    return v;
  }

  void enter() {
    if (++depth > kMaxJsonDepth)
      throw PgError(sqlstate::kStatementTooComplex, "stack depth limit exceeded", "", stack_depth_hint());
  }

  JsonValue object() {
    enter();
    JsonValue v;
    v.kind = JsonValue::Kind::Object;
    v.start = lx.tok_start;
    lx.next();
    if (lx.tok == Tok::ObjEnd) {
      v.end = lx.tok_end;
      lx.next();
      depth--;
      return v;
    }
    if (lx.tok != Tok::String) expected("Expected string or \"}\"");
    for (;;) {
      std::string key = lx.strval;
      lx.next();
      if (lx.tok != Tok::Colon) expected("Expected \":\"");
      lx.next();
      v.members.emplace_back(std::move(key), value());
      if (lx.tok == Tok::Comma) {
        lx.next();
        if (lx.tok != Tok::String) expected("Expected string");
        continue;
      }
      if (lx.tok != Tok::ObjEnd) expected("Expected \",\" or \"}\"");
      break;
    }
    v.end = lx.tok_end;
    lx.next();
    depth--;
    return v;
  }

  JsonValue array() {
    enter();
    JsonValue v;
    v.kind = JsonValue::Kind::Array;
    v.start = lx.tok_start;
    lx.next();
    if (lx.tok == Tok::ArrEnd) {
      v.end = lx.tok_end;
      lx.next();
      depth--;
      return v;
    }
    for (;;) {
      v.items.push_back(value());
      if (lx.tok == Tok::Comma) {
        lx.next();
        continue;
      }
      if (lx.tok != Tok::ArrEnd) expected("Expected \",\" or \"]\"");
      break;
    }
    v.end = lx.tok_end;
    lx.next();
    depth--;
    return v;
  }
};

bool key_less(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

void append_jsonb(const JsonValue& v, std::string& out, int indent, bool pretty) {
  auto newline = [&](int level) {
    out += '\n';
    out.append(size_t(level) * 4, ' ');
  };
  switch (v.kind) {
    case JsonValue::Kind::Null: out += "null"; return;
    case JsonValue::Kind::True: out += "true"; return;
    case JsonValue::Kind::False: out += "false"; return;
    case JsonValue::Kind::Number: out += v.text; return;
    case JsonValue::Kind::String: json_escape(v.text, out); return;
    case JsonValue::Kind::Array:
      out += '[';
      for (size_t i = 0; i < v.items.size(); i++) {
        if (i) out += pretty ? "," : ", ";
        if (pretty) newline(indent + 1);
        append_jsonb(v.items[i], out, indent + 1, pretty);
      }
      if (pretty) newline(indent);
      out += ']';
      return;
    case JsonValue::Kind::Object:
      out += '{';
      for (size_t i = 0; i < v.members.size(); i++) {
        if (i) out += pretty ? "," : ", ";
        if (pretty) newline(indent + 1);
        json_escape(v.members[i].first, out);
        out += ": ";
        append_jsonb(v.members[i].second, out, indent + 1, pretty);
      }
      if (pretty) newline(indent);
      out += '}';
      return;
  }
}

int type_rank(const JsonValue& v) {
  // PostgreSQL's jsonb order of types: null < string < number < boolean < array < object
  switch (v.kind) {
    case JsonValue::Kind::Null: return 0;
    case JsonValue::Kind::String: return 1;
    case JsonValue::Kind::Number: return 2;
    case JsonValue::Kind::False:
    case JsonValue::Kind::True: return 3;
    case JsonValue::Kind::Array: return 4;
    case JsonValue::Kind::Object: return 5;
  }
  return 0;
}

thread_local long g_max_stack_depth_kb = 2048;

}  // namespace

void set_max_stack_depth_setting(const std::string& shown) {
  char* end = nullptr;
  long long v = std::strtoll(shown.c_str(), &end, 10);
  std::string unit = end ? std::string(end) : "";
  if (unit == "MB") v *= 1024;
  else if (unit == "GB") v *= 1024 * 1024;
  if (v > 0) g_max_stack_depth_kb = v;
}

std::string stack_depth_hint() {
  return "Increase the configuration parameter \"max_stack_depth\" (currently " + std::to_string(g_max_stack_depth_kb) +
         "kB), after ensuring the platform's stack depth limit is adequate.";
}

const JsonValue* JsonValue::find(std::string_view key) const {
  const JsonValue* hit = nullptr;
  for (auto& m : members)
    if (m.first == key) hit = &m.second;
  return hit;
}

JsonValue json_parse(std::string_view text, bool for_jsonb) {
  Parser p{Lexer{text, for_jsonb}};
  p.lx.next();
  JsonValue v = p.value();
  if (p.lx.tok != Tok::End) p.lx.fail("Expected end of input, but found \"" + p.lx.token_text() + "\".");
  return v;
}

void jsonb_normalize(JsonValue& v) {
  switch (v.kind) {
    case JsonValue::Kind::Number: v.text = Numeric::parse(v.text).to_string(); break;
    case JsonValue::Kind::Array:
      for (auto& i : v.items) jsonb_normalize(i);
      break;
    case JsonValue::Kind::Object: {
      for (auto& m : v.members) jsonb_normalize(m.second);
      // stable sort keeps duplicates in input order; the last one wins
      std::stable_sort(v.members.begin(), v.members.end(),
                       [](const auto& a, const auto& b) { return key_less(a.first, b.first); });
      std::vector<JsonMember> out;
      for (auto& m : v.members) {
        if (!out.empty() && out.back().first == m.first) out.back().second = std::move(m.second);
        else out.push_back(std::move(m));
      }
      v.members = std::move(out);
      break;
    }
    default: break;
  }
}

std::string jsonb_to_text(const JsonValue& v) {
  std::string out;
  append_jsonb(v, out, 0, false);
  return out;
}

std::string jsonb_pretty_text(const JsonValue& v) {
  std::string out;
  append_jsonb(v, out, 0, true);
  return out;
}

void json_escape(std::string_view s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < ' ') {
          char buf[8];
          snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  out += '"';
}

std::string json_value_text(const JsonValue& v, std::string_view source, bool jsonb) {
  if (!jsonb && v.end > v.start) return std::string(source.substr(v.start, v.end - v.start));
  return jsonb_to_text(v);
}

bool json_value_as_text(const JsonValue& v, std::string_view source, std::string& out) {
  if (v.kind == JsonValue::Kind::Null) return false;
  if (v.kind == JsonValue::Kind::String) out = v.text;
  else out = json_value_text(v, source, source.empty());
  return true;
}

static int compare_values(const JsonValue& a, const JsonValue& b);

int jsonb_compare(const JsonValue& a, const JsonValue& b) {
  // A top-level scalar is, for PostgreSQL, a one-element "raw scalar" array: against an array
  // it sorts by element count first, then before the array.
  bool sa = a.is_scalar(), sb = b.is_scalar();
  if (sa != sb && (sa ? b : a).kind == JsonValue::Kind::Array) {
    size_t na = sa ? 1 : a.items.size(), nb = sb ? 1 : b.items.size();
    if (na != nb) return na < nb ? -1 : 1;
    return sa ? -1 : 1;
  }
  return compare_values(a, b);
}

static int compare_values(const JsonValue& a, const JsonValue& b) {
  int ra = type_rank(a), rb = type_rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.kind) {
    case JsonValue::Kind::Null: return 0;
    case JsonValue::Kind::String: {
      int c = a.text.compare(b.text);
      return c < 0 ? -1 : c > 0;
    }
    case JsonValue::Kind::Number: return Numeric::parse(a.text).compare(Numeric::parse(b.text));
    case JsonValue::Kind::False:
    case JsonValue::Kind::True: return a.kind == b.kind ? 0 : a.kind == JsonValue::Kind::False ? -1 : 1;
    case JsonValue::Kind::Array:
      if (a.items.size() != b.items.size()) return a.items.size() < b.items.size() ? -1 : 1;
      for (size_t i = 0; i < a.items.size(); i++)
        if (int c = compare_values(a.items[i], b.items[i])) return c;
      return 0;
    case JsonValue::Kind::Object:
      if (a.members.size() != b.members.size()) return a.members.size() < b.members.size() ? -1 : 1;
      for (size_t i = 0; i < a.members.size(); i++) {
        const auto &x = a.members[i].first, &y = b.members[i].first;
        if (x != y) return x < y ? -1 : 1;  // pairs in storage order, keys compared as text
        if (int c = compare_values(a.members[i].second, b.members[i].second)) return c;
      }
      return 0;
  }
  return 0;
}

bool jsonb_contains(const JsonValue& a, const JsonValue& b) {
  if (a.kind == JsonValue::Kind::Object) {
    if (b.kind != JsonValue::Kind::Object) return false;
    for (auto& m : b.members) {
      const JsonValue* x = a.find(m.first);
      if (!x) return false;
      if (x->is_scalar() || m.second.is_scalar()) {
        if (jsonb_compare(*x, m.second) != 0) return false;
      } else if (!jsonb_contains(*x, m.second)) {
        return false;
      }
    }
    return true;
  }
  if (a.kind == JsonValue::Kind::Array) {
    // an array contains a scalar that is one of its elements; an array whose every element
    // is contained in some element
    if (b.is_scalar()) {
      for (auto& x : a.items)
        if (x.is_scalar() && jsonb_compare(x, b) == 0) return true;
      return false;
    }
    if (b.kind != JsonValue::Kind::Array) return false;
    for (auto& y : b.items) {
      bool found = false;
      for (auto& x : a.items) {
        if (y.is_scalar() ? (x.is_scalar() && jsonb_compare(x, y) == 0) : (!x.is_scalar() && x.kind == y.kind && jsonb_contains(x, y))) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  return b.is_scalar() && jsonb_compare(a, b) == 0;
}

}  // namespace pgmicro
