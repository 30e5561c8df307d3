// Arrays: text input/output as PostgreSQL 15's array_in/array_out (same validation states and
// error details), the JSON storage encoding and array_cmp/array_eq (see array.h).
#include "types/array.h"
#include "types/reg_types.h"
#include "types/record.h"
#include <cctype>
#include <cstdlib>
#include <strings.h>

#include <cstring>
#include "common/error.h"
#include "types/interval.h"
#include "types/numeric.h"
#include "types/type_families.h"
#include "types/type_io.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

bool array_isspace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

[[noreturn]] void malformed(std::string_view str, const std::string& detail) {
  throw PgError(sqlstate::kInvalidTextRepresentation, "malformed array literal: \"" + std::string(str) + "\"", detail);
}

std::string unexpected(char c) { return std::string("Unexpected \"") + c + "\" character."; }

enum class ParseState { NoLevel, LevelStarted, ElemStarted, ElemCompleted, QuotedElemStarted,
                        QuotedElemCompleted, ElemDelimited, LevelCompleted, LevelDelimited };

// ArrayCount: validates the brace structure and returns the number of dimensions (0 for an
// empty array) with each dimension's length in dim.
int array_count(std::string_view str, int* dim) {
  using S = ParseState;
  int nest_level = 0, ndim = 1;
  int temp[kMaxArrayDims], nelems[kMaxArrayDims], nelems_last[kMaxArrayDims];
  for (int i = 0; i < kMaxArrayDims; i++) {
    temp[i] = dim[i] = nelems_last[i] = 0;
    nelems[i] = 1;
  }
  bool in_quotes = false, eo_array = false, empty_array = true;
  S st = S::NoLevel;
  size_t p = 0;
  auto at = [&](size_t i) { return i < str.size() ? str[i] : '\0'; };
  while (!eo_array) {
    bool itemdone = false;
    while (!itemdone) {
      if (st == S::ElemStarted || st == S::QuotedElemStarted) empty_array = false;
      char c = at(p);
      switch (c) {
        case '\0': malformed(str, "Unexpected end of input.");
        case '\\':
          if (st != S::LevelStarted && st != S::ElemStarted && st != S::QuotedElemStarted && st != S::ElemDelimited)
            malformed(str, unexpected('\\'));
          if (st != S::QuotedElemStarted) st = S::ElemStarted;
          if (at(p + 1)) p++;
          else malformed(str, "Unexpected end of input.");
          break;
        case '"':
          if (st != S::LevelStarted && st != S::QuotedElemStarted && st != S::ElemDelimited)
            malformed(str, "Unexpected array element.");
          in_quotes = !in_quotes;
          st = in_quotes ? S::QuotedElemStarted : S::QuotedElemCompleted;
          break;
        case '{':
          if (!in_quotes) {
            if (st != S::NoLevel && st != S::LevelStarted && st != S::LevelDelimited) malformed(str, unexpected('{'));
            st = S::LevelStarted;
            if (nest_level >= kMaxArrayDims)
              throw PgError(sqlstate::kProgramLimitExceeded,
                            "number of array dimensions (" + std::to_string(nest_level + 1) +
                                ") exceeds the maximum allowed (" + std::to_string(kMaxArrayDims) + ")");
            temp[nest_level] = 0;
            nest_level++;
            if (ndim < nest_level) ndim = nest_level;
          }
          break;
        case '}':
          if (!in_quotes) {
            if (st != S::ElemStarted && st != S::ElemCompleted && st != S::QuotedElemCompleted &&
                st != S::LevelCompleted && !(nest_level == 1 && st == S::LevelStarted))
              malformed(str, unexpected('}'));
            st = S::LevelCompleted;
            if (nest_level == 0) malformed(str, "Unmatched \"}\" character.");
            nest_level--;
            if (nelems_last[nest_level] != 0 && nelems[nest_level] != nelems_last[nest_level])
              malformed(str, "Multidimensional arrays must have sub-arrays with matching dimensions.");
            nelems_last[nest_level] = nelems[nest_level];
            nelems[nest_level] = 1;
            if (nest_level == 0) eo_array = itemdone = true;
            else temp[nest_level - 1]++;
          }
          break;
        default:
          if (!in_quotes) {
            if (c == ',') {
              if (st != S::ElemStarted && st != S::ElemCompleted && st != S::QuotedElemCompleted && st != S::LevelCompleted)
                malformed(str, unexpected(','));
              st = st == S::LevelCompleted ? S::LevelDelimited : S::ElemDelimited;
              itemdone = true;
              nelems[nest_level - 1]++;
            } else if (!array_isspace(c)) {
              if (st != S::LevelStarted && st != S::ElemStarted && st != S::ElemDelimited)
                malformed(str, "Unexpected array element.");
              st = S::ElemStarted;
            }
          }
          break;
      }
      if (!itemdone) p++;
    }
    temp[ndim - 1]++;
    p++;
  }
  while (p < str.size())
    if (!array_isspace(str[p++])) malformed(str, "Junk after closing right brace.");
  if (empty_array) return 0;
  for (int i = 0; i < ndim; i++) dim[i] = temp[i];
  return ndim;
}

// ReadArrayStr: the element strings (quotes and escapes removed, unquoted whitespace
// trimmed) in row-major order; an unquoted NULL is a null element.
void read_array_items(std::string_view str, std::string_view orig, int ndim, const int* dim, Oid elem,
                      int32_t typmod, std::vector<Datum>& items) {
  int prod[kMaxArrayDims], indx[kMaxArrayDims] = {0};
  size_t nitems = 1;
  for (int i = 0; i < ndim; i++) nitems *= (size_t)dim[i];
  for (int i = ndim - 1, k = 1; i >= 0; i--) { prod[i] = k; k *= dim[i]; }
  items.assign(nitems, Datum::null());
  int nest_level = 0;
  bool in_quotes = false, eo_array = false;
  size_t p = 0;
  auto at = [&](size_t i) { return i < str.size() ? str[i] : '\0'; };
  while (!eo_array) {
    bool itemdone = false, leadingspace = true, hasquoting = false;
    std::string item;
    size_t endlen = 0;  // length of item up to its last significant character
    long i = -1;
    auto offset = [&] {
      long o = 0;
      for (int d = 0; d < ndim; d++) o += (long)indx[d] * prod[d];
      return o;
    };
    while (!itemdone) {
      char c = at(p);
      switch (c) {
        case '\0': malformed(orig, "");
        case '\\':
          p++;
          if (!at(p)) malformed(orig, "");
          item += str[p++];
          leadingspace = false;
          endlen = item.size();
          hasquoting = true;
          break;
        case '"':
          in_quotes = !in_quotes;
          if (in_quotes) leadingspace = false;
          else endlen = item.size();
          hasquoting = true;
          p++;
          break;
        case '{':
          if (in_quotes) { item += str[p++]; break; }
          if (nest_level >= ndim) malformed(orig, "");
          nest_level++;
          indx[nest_level - 1] = 0;
          p++;
          break;
        case '}':
          if (in_quotes) { item += str[p++]; break; }
          if (nest_level == 0) malformed(orig, "");
          if (i == -1) i = offset();
          indx[nest_level - 1] = 0;
          nest_level--;
          if (nest_level == 0) eo_array = itemdone = true;
          else indx[nest_level - 1]++;
          p++;
          break;
        default:
          if (in_quotes) {
            item += str[p++];
          } else if (c == ',') {
            if (i == -1) i = offset();
            itemdone = true;
            indx[ndim - 1]++;
            p++;
          } else if (array_isspace(c)) {
            if (leadingspace) p++;
            else item += str[p++];
          } else {
            item += str[p++];
            leadingspace = false;
            endlen = item.size();
          }
          break;
      }
    }
    item.resize(endlen);
    if (i < 0 || i >= (long)nitems) malformed(orig, "");
    if (!hasquoting && item.size() == 4 && strncasecmp(item.c_str(), "NULL", 4) == 0) {
      items[i] = Datum::null();
    } else {
      items[i] = type_input(elem, typmod, item);
    }
  }
}

bool is_int_elem(Oid t) { return t == oid::kInt2 || t == oid::kInt4 || t == oid::kInt8 || is_oid_type(t); }
bool is_string_elem(Oid t) {
  return t == oid::kText || t == oid::kVarchar || t == oid::kBpchar || t == oid::kName;
}

void json_string(std::string_view s, std::string& out) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += char(c);
        }
    }
  }
  out += '"';
}

void json_element(Oid elem, const Datum& d, std::string& out) {
  if (d.is_null()) { out += "null"; return; }
  if (is_int_elem(elem) && d.kind == Datum::Kind::Int) { out += std::to_string(d.i); return; }
  if (elem == oid::kBool) { out += element_to_text(elem, d) == "t" ? "true" : "false"; return; }
  std::string t = element_to_text(elem, d);
  if (elem == oid::kFloat4 || elem == oid::kFloat8 || elem == oid::kNumeric || is_int_elem(elem)) {
    if (t != "NaN" && t != "Infinity" && t != "-Infinity") { out += t; return; }
  }
  json_string(t, out);
}

// A reader for the storage JSON (what array_to_storage writes; other JSON is rejected).
struct JsonReader {
  std::string_view s;
  size_t p = 0;
  [[noreturn]] void bad() const {
    throw PgError(sqlstate::kInvalidTextRepresentation, "invalid array storage value: \"" + std::string(s) + "\"");
  }
  void ws() { while (p < s.size() && (s[p] == ' ' || s[p] == '\n' || s[p] == '\t' || s[p] == '\r')) p++; }
  bool eat(char c) { ws(); if (p < s.size() && s[p] == c) { p++; return true; } return false; }
  char peek() { ws(); return p < s.size() ? s[p] : '\0'; }
  static void utf8(uint32_t cp, std::string& o) {
    if (cp < 0x80) o += char(cp);
    else if (cp < 0x800) { o += char(0xC0 | (cp >> 6)); o += char(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { o += char(0xE0 | (cp >> 12)); o += char(0x80 | ((cp >> 6) & 0x3F)); o += char(0x80 | (cp & 0x3F)); }
    else { o += char(0xF0 | (cp >> 18)); o += char(0x80 | ((cp >> 12) & 0x3F)); o += char(0x80 | ((cp >> 6) & 0x3F)); o += char(0x80 | (cp & 0x3F)); }
  }
  uint32_t hex4() {
    if (p + 4 > s.size()) bad();
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
      char c = s[p++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else bad();
    }
    return v;
  }
  std::string string() {
    if (!eat('"')) bad();
    std::string o;
    while (p < s.size() && s[p] != '"') {
      char c = s[p++];
      if (c != '\\') { o += c; continue; }
      if (p >= s.size()) bad();
      char e = s[p++];
      switch (e) {
        case 'n': o += '\n'; break;
        case 'r': o += '\r'; break;
        case 't': o += '\t'; break;
        case 'b': o += '\b'; break;
        case 'f': o += '\f'; break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && p + 6 <= s.size() && s[p] == '\\' && s[p + 1] == 'u') {
            p += 2;
            uint32_t lo = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8(cp, o);
          break;
        }
        default: o += e;
      }
    }
    if (p >= s.size()) bad();
    p++;
    return o;
  }
  Datum element(Oid elem) {
    char c = peek();
    if (c == '"') {
      std::string t = string();
      return element_from_text(elem, t);
    }
    size_t start = p;
    while (p < s.size() && s[p] != ',' && s[p] != ']' && s[p] != '}' && s[p] != ' ') p++;
    std::string_view tok = s.substr(start, p - start);
    if (tok == "null") return Datum::null();
    if (tok == "true") return elem == oid::kBool ? Datum::integer(1) : element_from_text(elem, "true");
    if (tok == "false") return elem == oid::kBool ? Datum::integer(0) : element_from_text(elem, "false");
    if (tok.empty()) bad();
    return element_from_text(elem, tok);
  }
  // One level of nested arrays at depth `level`; fills dims on first visit.
  void level(Oid elem, int depth, ArrayValue& a, bool& dims_known) {
    if (depth >= kMaxArrayDims || !eat('[')) bad();
    int n = 0;
    bool nested = peek() == '[';
    if (peek() != ']') {
      do {
        if (nested) level(elem, depth + 1, a, dims_known);
        else a.items.push_back(element(elem));
        n++;
      } while (eat(','));
    }
    if (!eat(']')) bad();
    if ((int)a.dims.size() <= depth) a.dims.resize(depth + 1, -1);
    if (a.dims[depth] == -1) a.dims[depth] = n;
    else if (a.dims[depth] != n) bad();
    (void)dims_known;
  }
};

Numeric datum_numeric(const Datum& v) {
  switch (v.kind) {
    case Datum::Kind::Blob: return Numeric::decode(v.s);
    case Datum::Kind::Int: return Numeric::from_int64(v.i);
    case Datum::Kind::Real: return Numeric::from_double(v.r);
    default: return Numeric::parse(v.s);
  }
}

}  // namespace

ArrayValue ArrayValue::vector(std::vector<Datum> values) {
  ArrayValue a;
  if (!values.empty()) {
    a.dims = {(int)values.size()};
    a.lbounds = {1};
  }
  a.items = std::move(values);
  return a;
}

ArrayValue array_parse_text(Oid elem, int32_t typmod, std::string_view text) {
  ArrayValue a;
  size_t p = 0;
  int ndim = 0, dim[kMaxArrayDims], lb[kMaxArrayDims];
  auto at = [&](size_t i) { return i < text.size() ? text[i] : '\0'; };
  auto read_int = [&](size_t from, size_t to) {
    // atoi: optional sign, digits, stops at the first non-digit
    int64_t v = 0;  // 64-bit everywhere (long is 32-bit in WASM)
    bool neg = false;
    size_t i = from;
    if (i < to && (text[i] == '-' || text[i] == '+')) neg = text[i++] == '-';
    int64_t cap = neg ? int64_t(INT32_MAX) + 1 : INT32_MAX;
    while (i < to && isdigit((unsigned char)text[i])) v = v * 10 + (text[i++] - '0'), v = v > cap ? cap : v;
    return (int)(neg ? -v : v);
  };
  for (;;) {
    while (array_isspace(at(p))) p++;
    if (at(p) != '[') break;
    p++;
    if (ndim >= kMaxArrayDims)
      throw PgError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(ndim + 1) +
                                                         ") exceeds the maximum allowed (" + std::to_string(kMaxArrayDims) + ")");
    auto scan = [&](size_t from) {
      size_t q = from;
      while (isdigit((unsigned char)at(q)) || at(q) == '-' || at(q) == '+') q++;
      return q;
    };
    size_t q = scan(p);
    if (q == p) malformed(text, "\"[\" must introduce explicitly-specified array dimensions.");
    if (at(q) == ':') {
      lb[ndim] = read_int(p, q);
      p = q + 1;
      q = scan(p);
      if (q == p) malformed(text, "Missing array dimension value.");
    } else {
      lb[ndim] = 1;
    }
    if (at(q) != ']') malformed(text, "Missing \"]\" after array dimensions.");
    int ub = read_int(p, q);
    p = q + 1;
    if (ub < lb[ndim]) throw PgError("2202E", "upper bound cannot be less than lower bound");
    int64_t n = int64_t(ub) - lb[ndim] + 1;
    dim[ndim] = n > INT32_MAX ? -1 : int(n);  // cannot match the braces' count
    ndim++;
  }
  std::string_view body;
  if (ndim == 0) {
    if (at(p) != '{') malformed(text, "Array value must start with \"{\" or dimension information.");
    body = text.substr(p);
    ndim = array_count(body, dim);
    for (int i = 0; i < ndim; i++) lb[i] = 1;
  } else {
    if (at(p) != '=') malformed(text, "Missing \"=\" after array dimensions.");
    p++;
    while (array_isspace(at(p))) p++;
    if (at(p) != '{') malformed(text, "Array contents must start with \"{\".");
    body = text.substr(p);
    int dim_braces[kMaxArrayDims];
    int nb = array_count(body, dim_braces);
    if (nb != ndim) malformed(text, "Specified array dimensions do not match array contents.");
    for (int i = 0; i < ndim; i++)
      if (dim[i] != dim_braces[i]) malformed(text, "Specified array dimensions do not match array contents.");
  }
  size_t nitems = ndim ? 1 : 0;
  for (int i = 0; i < ndim; i++) {
    nitems *= (size_t)dim[i];
    if (nitems > 134217727)
      throw PgError(sqlstate::kProgramLimitExceeded, "array size exceeds the maximum allowed (134217727)");
  }
  if (nitems == 0) return a;
  for (int i = 0; i < ndim; i++) {
    if ((int64_t)lb[i] + dim[i] > INT32_MAX)
      throw PgError(sqlstate::kProgramLimitExceeded, "array lower bound is too large: " + std::to_string(lb[i]));
    a.dims.push_back(dim[i]);
    a.lbounds.push_back(lb[i]);
  }
  read_array_items(body, text, ndim, dim, elem, typmod, a.items);
  return a;
}

std::string element_to_text(Oid elem, const Datum& d) { return type_output(elem, d); }

Datum element_from_text(Oid elem, std::string_view text) {
  if (is_string_elem(elem) || elem == oid::kRecord) return Datum::text(std::string(text));
  if (is_int_elem(elem)) {
    int64_t v = 0;
    bool neg = false, ok = !text.empty();
    size_t i = 0;
    if (ok && text[0] == '-') { neg = true; i = 1; ok = text.size() > 1; }
    for (; ok && i < text.size(); i++) {
      if (!isdigit((unsigned char)text[i]) || v > (INT64_MAX - 9) / 10) { ok = false; break; }
      v = v * 10 + (text[i] - '0');
    }
    if (ok) return Datum::integer(neg ? -v : v);
  }
  return type_input(elem, -1, text);
}

std::string array_format_text(Oid elem, const ArrayValue& a) {
  if (a.items.empty()) return "{}";
  std::string out;
  bool needdims = false;
  for (int l : a.lbounds) needdims |= l != 1;
  if (needdims) {
    for (int i = 0; i < a.ndims(); i++)
      out += "[" + std::to_string(a.lbounds[i]) + ":" + std::to_string(a.lbounds[i] + a.dims[i] - 1) + "]";
    out += "=";
  }
  int ndim = a.ndims();
  std::vector<int> indx(ndim, 0);
  out += '{';
  int j = 0;
  size_t k = 0;
  do {
    for (int i = j; i < ndim - 1; i++) out += '{';
    const Datum& d = a.items[k++];
    if (d.is_null()) {
      out += "NULL";
    } else {
      std::string v = element_to_text(elem, d);
      bool quote = v.empty() || strcasecmp(v.c_str(), "NULL") == 0;
      for (char c : v)
        if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || array_isspace(c)) quote = true;
      if (quote) {
        out += '"';
        for (char c : v) {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
        out += '"';
      } else {
        out += v;
      }
    }
    int i;
    for (i = ndim - 1; i >= 0; i--) {
      if (++indx[i] < a.dims[i]) {
        out += ',';
        break;
      }
      indx[i] = 0;
      out += '}';
    }
    j = i;
  } while (j != -1);
  return out;
}

std::string array_to_storage(Oid elem, const ArrayValue& a) {
  elem = domain_base_type(elem);  // an array of a domain is stored as one of its base type
  std::string out;
  bool needdims = false;
  for (int l : a.lbounds) needdims |= l != 1;
  if (needdims) {
    out += "{\"lbounds\":[";
    for (int i = 0; i < a.ndims(); i++) out += (i ? "," : "") + std::to_string(a.lbounds[i]);
    out += "],\"items\":";
  }
  if (a.items.empty()) {
    out += "[]";
  } else {
    int ndim = a.ndims();
    std::vector<int> indx(ndim, 0);
    size_t k = 0;
    int j = 0;
    do {
      for (int i = j; i < ndim; i++) out += '[';
      json_element(elem, a.items[k++], out);
      int i;
      for (i = ndim - 1; i >= 0; i--) {
        if (++indx[i] < a.dims[i]) {
          out += ',';
          break;
        }
        indx[i] = 0;
        out += ']';
      }
      j = i + 1;
      if (i == -1) j = -1;
    } while (j != -1);
  }
  if (needdims) out += "}";
  return out;
}

ArrayValue array_from_storage(Oid elem, std::string_view json) {
  elem = domain_base_type(elem);
  JsonReader r{json};
  ArrayValue a;
  std::vector<int> lbounds;
  bool wrapped = r.peek() == '{';
  if (wrapped) {
    r.eat('{');
    if (r.string() != "lbounds" || !r.eat(':') || !r.eat('[')) r.bad();
    do {
      r.ws();
      size_t s = r.p;
      while (r.p < json.size() && (isdigit((unsigned char)json[r.p]) || json[r.p] == '-')) r.p++;
      if (s == r.p) r.bad();
      lbounds.push_back(std::atoi(std::string(json.substr(s, r.p - s)).c_str()));
    } while (r.eat(','));
    if (!r.eat(']') || !r.eat(',') || r.string() != "items" || !r.eat(':')) r.bad();
  }
  bool known = false;
  r.level(elem, 0, a, known);
  if (wrapped && !r.eat('}')) r.bad();
  r.ws();
  if (r.p != json.size()) r.bad();
  if (a.items.empty()) {
    a.dims.clear();
    return a;
  }
  a.lbounds = lbounds.size() == a.dims.size() ? lbounds : std::vector<int>(a.dims.size(), 1);
  return a;
}

int datum_compare(Oid type, const Datum& a, const Datum& b) {
  if (const UserType* u = find_user_type(type)) {
    if (u->kind == 'e') return enum_compare(*u, a.s, b.s);
    if (u->kind == 'c') return record_compare(&u->fields, a.s, b.s);
    return datum_compare(domain_base_type(type), a, b);
  }
  if (type == oid::kRecord) return record_compare(nullptr, a.s, b.s);
  switch (type) {
    case oid::kInt2:
    case oid::kInt4:
    case oid::kInt8:
    case oid::kOid:
    case oid::kRegproc:
    case oid::kRegprocedure:
    case oid::kRegoper:
    case oid::kRegoperator:
    case oid::kRegclass:
    case oid::kRegtype:
    case oid::kRegnamespace:
    case oid::kRegrole:
    case oid::kBool:
      if (a.kind == Datum::Kind::Int && b.kind == Datum::Kind::Int) return a.i < b.i ? -1 : a.i > b.i;
      break;
    case oid::kFloat4:
    case oid::kFloat8: {
      double x = 0, y = 0;
      datum_to_double(a, x);
      datum_to_double(b, y);
      bool xn = x != x, yn = y != y;
      if (xn || yn) return xn == yn ? 0 : xn ? 1 : -1;
      return x < y ? -1 : x > y;
    }
    case oid::kNumeric: {
      int c = datum_numeric(a).compare(datum_numeric(b));
      return c < 0 ? -1 : c > 0;
    }
    case oid::kInterval: {
      std::string_view x(a.s), y(b.s);
      int c = x.substr(0, kIntervalSpanDigits).compare(y.substr(0, kIntervalSpanDigits));
      return c < 0 ? -1 : c > 0;
    }
    case oid::kBpchar: {
      std::string_view x(a.s), y(b.s);
      while (!x.empty() && x.back() == ' ') x.remove_suffix(1);
      while (!y.empty() && y.back() == ' ') y.remove_suffix(1);
      int c = x.compare(y);
      return c < 0 ? -1 : c > 0;
    }
    default: break;
  }
  if (a.kind == Datum::Kind::Int && b.kind == Datum::Kind::Int) return a.i < b.i ? -1 : a.i > b.i;
  int c = a.s.compare(b.s);
  return c < 0 ? -1 : c > 0;
}

int array_compare(Oid elem, const ArrayValue& a, const ArrayValue& b) {
  size_t n = std::min(a.items.size(), b.items.size());
  for (size_t i = 0; i < n; i++) {
    const Datum &x = a.items[i], &y = b.items[i];
    if (x.is_null() || y.is_null()) {
      if (x.is_null() && y.is_null()) continue;
      return x.is_null() ? 1 : -1;  // NULL sorts after any value
    }
    if (int c = datum_compare(elem, x, y)) return c;
  }
  if (a.items.size() != b.items.size()) return a.items.size() < b.items.size() ? -1 : 1;
  if (a.ndims() != b.ndims()) return a.ndims() < b.ndims() ? -1 : 1;
  for (int i = 0; i < a.ndims(); i++) {
    if (a.dims[i] != b.dims[i]) return a.dims[i] < b.dims[i] ? -1 : 1;
    if (a.lbounds[i] != b.lbounds[i]) return a.lbounds[i] < b.lbounds[i] ? -1 : 1;
  }
  return 0;
}

bool array_equal(Oid elem, const ArrayValue& a, const ArrayValue& b) {
  if (a.dims != b.dims || a.lbounds != b.lbounds || a.items.size() != b.items.size()) return false;
  for (size_t i = 0; i < a.items.size(); i++) {
    const Datum &x = a.items[i], &y = b.items[i];
    if (x.is_null() || y.is_null()) {
      if (x.is_null() != y.is_null()) return false;
      continue;
    }
    if (datum_compare(elem, x, y) != 0) return false;
  }
  return true;
}

ArrayValue array_apply_typmod(Oid elem, int32_t typmod, ArrayValue a, bool explicit_cast) {
  if (typmod < 0) return a;
  for (auto& d : a.items)
    if (!d.is_null()) d = apply_typmod(elem, typmod, d, explicit_cast);
  return a;
}

}  // namespace pgmicro
