// Composite values (record.h): row type fields, record_in/record_out text, storage, order.
#include "types/record.h"

#include <cctype>
#include <cstring>
#include <cstdlib>
#include <map>
#include <mutex>
#include "common/error.h"
#include "types/array.h"
#include "types/geo.h"
#include "types/type_io.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {
struct RecordRegistry {
  std::mutex mu;
  std::vector<std::unique_ptr<std::vector<RowField>>> types;
  std::map<std::string, int32_t> by_key;
};
RecordRegistry& registry() {
  static RecordRegistry r;
  return r;
}

[[noreturn]] void malformed(std::string_view text, const char* detail) {
  throw PgError(sqlstate::kInvalidTextRepresentation, "malformed record literal: \"" + std::string(text) + "\"", detail);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
}  // namespace

bool is_named_composite(Oid type) {
  const UserType* u = find_user_type(type);
  return u && u->kind == 'c';
}

const std::vector<RowField>* row_type_fields(Oid type, int32_t typmod) {
  if (type == oid::kRecord) return typmod >= 0 ? row_fields_by_id(-(int64_t)typmod - 1) : nullptr;
  const UserType* u = find_user_type(type);
  return u && u->kind == 'c' ? &u->fields : nullptr;
}

int32_t register_record_type(const std::vector<RowField>& fields) {
  std::string key;
  for (auto& f : fields) key += f.name + '\x01' + std::to_string(f.type) + '\x01' + std::to_string(f.typmod) + '\x02';
  auto& r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.by_key.find(key);
  if (it != r.by_key.end()) return it->second;
  int32_t typmod = (int32_t)r.types.size();
  r.types.push_back(std::make_unique<std::vector<RowField>>(fields));
  r.by_key[key] = typmod;
  return typmod;
}

int64_t row_type_id(Oid type, int32_t typmod) {
  if (type == oid::kRecord) return typmod >= 0 ? -(int64_t)typmod - 1 : 0;
  return type;
}

const std::vector<RowField>* row_fields_by_id(int64_t id) {
  if (id > 0) return row_type_fields((Oid)id, -1);
  if (id == 0) return nullptr;
  auto& r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  size_t i = (size_t)(-id - 1);
  return i < r.types.size() ? r.types[i].get() : nullptr;
}

std::vector<FieldText> record_split(std::string_view text, int ncolumns) {
  std::vector<FieldText> out;
  size_t p = 0, n = text.size();
  while (p < n && is_space(text[p])) p++;
  if (p >= n || text[p] != '(') malformed(text, "Missing left parenthesis.");
  p++;
  bool need_comma = false;
  for (int i = 0; ncolumns < 0 || i < ncolumns; i++) {
    if (ncolumns < 0 && p < n && text[p] == ')' && (need_comma || i == 0)) break;  // open count: ')' ends it
    if (need_comma) {
      if (p < n && text[p] == ',') p++;
      else malformed(text, "Too few columns.");
    }
    if (p >= n) malformed(text, "Unexpected end of input.");
    if (text[p] == ',' || text[p] == ')') {
      out.emplace_back(std::nullopt);
    } else {
      std::string buf;
      bool inquote = false;
      while (inquote || !(p < n && (text[p] == ',' || text[p] == ')'))) {
        if (p >= n) malformed(text, "Unexpected end of input.");
        char ch = text[p++];
        if (ch == '\\') {
          if (p >= n) malformed(text, "Unexpected end of input.");
          buf += text[p++];
        } else if (ch == '"') {
          if (!inquote) inquote = true;
          else if (p < n && text[p] == '"') buf += text[p++];
          else inquote = false;
        } else {
          buf += ch;
        }
      }
      out.emplace_back(std::move(buf));
    }
    need_comma = true;
  }
  if (p >= n || text[p] != ')') malformed(text, "Too many columns.");
  p++;
  while (p < n && is_space(text[p])) p++;
  if (p < n) malformed(text, "Junk after right parenthesis.");
  return out;
}

std::string record_join(const std::vector<FieldText>& fields) {
  std::string out = "(";
  for (size_t i = 0; i < fields.size(); i++) {
    if (i) out += ',';
    if (!fields[i]) continue;
    const std::string& v = *fields[i];
    bool quote = v.empty();
    for (char c : v)
      if (c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || is_space(c)) { quote = true; break; }
    if (quote) out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += c;
      out += c;
    }
    if (quote) out += '"';
  }
  out += ')';
  return out;
}

std::vector<Datum> record_values(const std::vector<RowField>& fields, std::string_view storage) {
  // Lenient on the count: a value stored before ALTER TYPE/TABLE ADD reads the new fields as NULL.
  std::vector<FieldText> texts = record_split(storage, -1);
  texts.resize(fields.size());
  std::vector<Datum> out;
  out.reserve(texts.size());
  for (size_t i = 0; i < texts.size(); i++)
    out.push_back(texts[i] ? element_from_text(fields[i].type, *texts[i]) : Datum::null());
  return out;
}

std::string record_storage(const std::vector<RowField>& fields, const std::vector<Datum>& values) {
  std::vector<FieldText> texts;
  texts.reserve(values.size());
  for (size_t i = 0; i < values.size(); i++) {
    if (values[i].is_null()) texts.emplace_back(std::nullopt);
    else texts.emplace_back(type_output(i < fields.size() ? fields[i].type : oid::kText, values[i]));
  }
  return record_join(texts);
}

Datum record_input(Oid type, std::string_view text) {
  const std::vector<RowField>* fields = row_type_fields(type, -1);
  if (!fields)
    throw PgError(sqlstate::kFeatureNotSupported, "input of anonymous composite types is not implemented");
  std::vector<FieldText> texts = record_split(text, (int)fields->size());
  std::vector<Datum> values;
  for (size_t i = 0; i < texts.size(); i++) {
    const RowField& f = (*fields)[i];
    if (!texts[i]) { values.push_back(Datum::null()); continue; }
    values.push_back(type_input(f.type, f.typmod, *texts[i]));
  }
  return Datum::text(record_storage(*fields, values));
}

void record_output(Oid type, std::string_view storage, std::string& out) {
  const std::vector<RowField>* fields = row_type_fields(type, -1);
  if (fields) {
    try {
      out += record_storage(*fields, record_values(*fields, storage));
      return;
    } catch (const PgError&) {
      // a value written by another client: printed as stored
    }
  }
  out += storage;
}

namespace {
// Fields of unknown type: numbers compare as numbers, anything else by bytes.
int untyped_compare(const std::string& a, const std::string& b) {
  char* ea = nullptr;
  char* eb = nullptr;
  double x = std::strtod(a.c_str(), &ea), y = std::strtod(b.c_str(), &eb);
  if (!a.empty() && !b.empty() && *ea == '\0' && *eb == '\0') return x < y ? -1 : x > y;
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0;
}
}  // namespace

int record_compare2(const std::vector<RowField>* fa, const std::vector<RowField>* fb, std::string_view a, std::string_view b) {
  if (fa && fb && fa != fb) {
    size_t n = std::min(fa->size(), fb->size());
    for (size_t i = 0; i < n; i++) {
      Oid x = domain_base_type((*fa)[i].type), y = domain_base_type((*fb)[i].type);
      if (x != y)
        throw PgError(sqlstate::kDatatypeMismatch, "cannot compare dissimilar column types " + format_type_name(x, -1) +
                                                       " and " + format_type_name(y, -1) + " at record column " +
                                                       std::to_string(i + 1));
    }
    if (fa->size() != fb->size())
      throw PgError(sqlstate::kDatatypeMismatch, "cannot compare record types with different numbers of columns");
  }
  return record_compare(fa ? fa : fb, a, b);
}

int record_compare(const std::vector<RowField>* fields, std::string_view a, std::string_view b) {
  int n = fields ? (int)fields->size() : -1;
  std::vector<FieldText> x = record_split(a, n), y = record_split(b, n);
  size_t m = std::min(x.size(), y.size());
  for (size_t i = 0; i < m; i++) {
    if (!x[i] || !y[i]) {
      if (!x[i] && !y[i]) continue;
      return !x[i] ? 1 : -1;
    }
    int c;
    if (fields) {
      Oid t = (*fields)[i].type;
      if (is_geo_type(domain_base_type(t)))  // no btree opclass (types/geo.h)
        throw PgError("42883", "could not identify a comparison function for type " + format_type_name(domain_base_type(t), -1));
      c = datum_compare(t, element_from_text(t, *x[i]), element_from_text(t, *y[i]));
    } else {
      c = untyped_compare(*x[i], *y[i]);
    }
    if (c) return c;
  }
  if (x.size() != y.size())
    throw PgError(sqlstate::kDatatypeMismatch, "cannot compare record types with different numbers of columns");
  return 0;
}

}  // namespace pgmicro

namespace pgmicro {

namespace {
// The bytes PostgreSQL's record_image_cmp compares for one field (x86-64: pass-by-value
// types are little-endian images; varlena types their data, then their length).
std::string field_image(Oid type, const std::string& text) {
  Oid t = domain_base_type(type);
  auto le = [](uint64_t v, int n) {
    std::string s;
    for (int i = 0; i < n; i++) s += char((v >> (8 * i)) & 0xff);
    return s;
  };
  Datum d = element_from_text(t, text);
  switch (t) {
    case oid::kBool: return le(d.i ? 1 : 0, 1);
    case oid::kInt2: return le(uint64_t(d.i), 2);
    case oid::kInt4:
    case oid::kOid: return le(uint64_t(d.i), 4);
    case oid::kInt8: return le(uint64_t(d.i), 8);
    case oid::kFloat8: {
      double x = d.kind == Datum::Kind::Real ? d.r : std::strtod(text.c_str(), nullptr);
      uint64_t u;
      std::memcpy(&u, &x, 8);
      return le(u, 8);
    }
    case oid::kFloat4: {
      float x = float(d.kind == Datum::Kind::Real ? d.r : std::strtod(text.c_str(), nullptr));
      uint32_t u;
      std::memcpy(&u, &x, 4);
      return le(u, 4);
    }
    default: return text;
  }
}
}  // namespace

int record_image_compare(const std::vector<RowField>* fa, const std::vector<RowField>* fb, std::string_view a,
                         std::string_view b) {
  if (fa && fb && fa != fb) record_compare2(fa, fb, "()", "()");  // dissimilar types: 42804
  const std::vector<RowField>* fields = fa ? fa : fb;
  int n = fields ? (int)fields->size() : -1;
  std::vector<FieldText> x = record_split(a, n), y = record_split(b, n);
  size_t m = std::min(x.size(), y.size());
  for (size_t i = 0; i < m; i++) {
    if (!x[i] || !y[i]) {
      if (!x[i] && !y[i]) continue;
      return !x[i] ? 1 : -1;
    }
    Oid t = fields ? (*fields)[i].type : oid::kText;
    std::string p = field_image(t, *x[i]), q = field_image(t, *y[i]);
    size_t k = std::min(p.size(), q.size());
    int c = std::memcmp(p.data(), q.data(), k);
    if (c) return c < 0 ? -1 : 1;
    if (p.size() != q.size()) return p.size() < q.size() ? -1 : 1;
  }
  if (x.size() != y.size())
    throw PgError(sqlstate::kDatatypeMismatch, "cannot compare record types with different numbers of columns");
  return 0;
}

}  // namespace pgmicro
