// Scale-free keys of numeric values for the places where SQLite compares stored values itself
// (GROUP BY, DISTINCT, PARTITION BY, window ORDER BY peers, ORDER BY ties, DISTINCT aggregates,
// UNIQUE checks). The stored numeric BLOB ends with its display scale (types/numeric.h), so 1.5
// and 1.50 differ for SQLite; the key is the encoding without that suffix: equal numerics have
// equal keys and memcmp order of keys is still numeric order (the digit part is self-delimiting).
//   pg_numeric_key(x)        numeric BLOB -> BLOB key (other values unchanged)
//   pg_numeric_array_key(a)  numeric[] JSON text -> the same text with every number's trailing
//                            fraction zeros dropped ([1.50,2.0] -> [1.5,2]), still a numeric[]
//   pg_numeric_key_hi(x)     the key followed by 0xFF: every encoding of a value equal to x lies
//                            in [pg_numeric_key(x), pg_numeric_key_hi(x)), an index range
//   pg_numeric_min(x), pg_numeric_max(x)  min/max(numeric) aggregates: of equal values the last one
//                            seen, as PostgreSQL's numeric_smaller/numeric_larger keep the newer
//                            value on a tie (SQLite's min/max would pick the smaller stored form)
//   pg_numeric_window_min(x), pg_numeric_window_max(x)  the same as window functions: the frame's
//                            values by key, each key's values in frame order (rows leave a frame
//                            in order, so an inverse step drops the oldest)
//   pg_record_numeric_key(r, row type id)  a record's text with its numeric fields (also inside
//                            numeric[] and nested record fields) trimmed the same way
//   pg_unique_violation(±table oid, name, 'attnums', keys...)  PostgreSQL's 23505 for a key equal
//                            to another row's (session/numeric_unique.cpp); a negative oid words
//                            it as a unique index build does
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include "catalog/catalog.h"
#include "runtime/function_context.h"
#include "types/record.h"
#include "types/type_io.h"
#include "types/user_types.h"
#include "runtime/sqlite_text.h"

namespace pgmicro {

std::string interval_span_key(const std::string& text);        // interval_key_functions.cpp
std::string interval_array_text_key(const std::string& text);  // interval_key_functions.cpp

// Length of the encoding without its display-scale suffix (0 = not a numeric encoding).
size_t numeric_key_length(const unsigned char* p, size_t n) {
  if (n == 0) return 0;
  switch (p[0]) {
    case 0x01: case 0x05: case 0x06: return 1;  // -Infinity, +Infinity, NaN
    case 0x03: return 1;                       // zero: tag, then the scale
    case 0x02: case 0x04: break;
    default: return 0;
  }
  uint8_t inv = p[0] == 0x02 ? 0xff : 0x00;
  for (size_t i = 4; i < n; i++) {
    uint8_t b = p[i] ^ inv;
    if ((b >> 4) == 0 || (b & 15) == 0) return i + 1;  // the byte holding the 0 terminator nibble
  }
  return 0;
}

namespace {

void numeric_key(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) return sqlite3_result_value(ctx, argv[0]);
  auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
  size_t n = size_t(sqlite3_value_bytes(argv[0]));
  size_t k = numeric_key_length(p, n);
  if (k == 0) return sqlite3_result_value(ctx, argv[0]);
  sqlite3_result_blob64(ctx, p, k, SQLITE_TRANSIENT);
}

void numeric_key_hi(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) return sqlite3_result_value(ctx, argv[0]);
  auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
  size_t n = size_t(sqlite3_value_bytes(argv[0]));
  size_t k = numeric_key_length(p, n);
  std::string key(reinterpret_cast<const char*>(p), k ? k : n);
  key += char(0xff);
  sqlite3_result_blob64(ctx, key.data(), key.size(), SQLITE_TRANSIENT);
}

void unique_violation(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]);
    bool build = oid < 0;
    if (build) oid = -oid;
    std::string name = text_of(argv[1]), cols = text_of(argv[2]);
    const TableDef* t = nullptr;
    for (auto& cand : rc->catalog->tables())
      if (cand->oid == oid) t = cand.get();
    std::string names, values;
    size_t pos = 0;
    for (int i = 3; t && i < argc; i++) {
      size_t comma = cols.find(',', pos);
      int c = std::stoi(cols.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
      pos = comma == std::string::npos ? cols.size() : comma + 1;
      names += (i > 3 ? ", " : "") + t->columns.at(c).name;
      if (i > 3) values += ", ";
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) values += "null";
      else type_output(t->columns[c].type, argv[i], values);
    }
    if (build)
      throw PgError(sqlstate::kUniqueViolation, "could not create unique index \"" + name + "\"",
                    "Key (" + names + ")=(" + values + ") is duplicated.");
    throw PgError(sqlstate::kUniqueViolation, "duplicate key value violates unique constraint \"" + name + "\"",
                  "Key (" + names + ")=(" + values + ") already exists.");
  });
}

// The best value so far (heap string; the aggregate context holds the pointer).
struct MinMaxState {
  std::string* best;
};

template <bool kMax>
void minmax_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* st = static_cast<MinMaxState*>(sqlite3_aggregate_context(ctx, sizeof(MinMaxState)));
  if (!st) return sqlite3_result_error_nomem(ctx);
  auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
  size_t n = size_t(sqlite3_value_bytes(argv[0]));
  std::string v(reinterpret_cast<const char*>(p), n);
  if (!st->best) {
    st->best = new std::string(std::move(v));
    return;
  }
  size_t kb = numeric_key_length(reinterpret_cast<const unsigned char*>(st->best->data()), st->best->size());
  size_t kv = numeric_key_length(p, n);
  int c = std::string_view(*st->best).substr(0, kb ? kb : st->best->size()).compare(std::string_view(v).substr(0, kv ? kv : n));
  if (kMax ? c <= 0 : c >= 0) *st->best = std::move(v);  // ties: the newer value
}

void minmax_final(sqlite3_context* ctx) {
  auto* st = static_cast<MinMaxState*>(sqlite3_aggregate_context(ctx, 0));
  if (!st || !st->best) return sqlite3_result_null(ctx);
  sqlite3_result_blob64(ctx, st->best->data(), st->best->size(), SQLITE_TRANSIENT);
  delete st->best;
  st->best = nullptr;
}

// 1.50 -> 1.5, 2.0 -> 2: numeric output text without trailing fraction zeros.
std::string trim_number(std::string num) {
  if (num.find('.') == std::string::npos || num.find_first_of("eE") != std::string::npos) return num;
  while (num.back() == '0') num.pop_back();
  if (num.back() == '.') num.pop_back();
  if (num == "-0") num = "0";
  return num;
}

// Every run of number characters outside double quotes trimmed (JSON arrays, array text).
std::string trim_numbers(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool in_string = false;
  for (size_t i = 0; i < s.size(); i++) {
    char ch = s[i];
    if (in_string) {
      out += ch;
      if (ch == '\\' && i + 1 < s.size()) out += s[++i];
      else if (ch == '"') in_string = false;
      continue;
    }
    if (ch == '"') { in_string = true; out += ch; continue; }
    if (ch == '-' || (ch >= '0' && ch <= '9')) {
      size_t j = i;
      while (j < s.size() && (s[j] == '-' || s[j] == '.' || (s[j] >= '0' && s[j] <= '9') || s[j] == 'e' || s[j] == 'E' || s[j] == '+')) j++;
      out += trim_number(s.substr(i, j - i));
      i = j - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

std::string record_key(const std::vector<RowField>& fields, const std::string& text);

// The key of one field's output text.
std::string field_key(Oid type, int32_t typmod, const std::string& text) {
  Oid t = domain_base_type(type);
  if (t == oid::kNumeric) return trim_number(text);
  if (t == oid::kInterval) return interval_span_key(text);  // '1 mon', '30 days': one span
  Oid el = array_element_type(t);
  if (el && domain_base_type(el) == oid::kNumeric) return trim_numbers(text);
  if (el && domain_base_type(el) == oid::kInterval) return interval_array_text_key(text);
  if (is_row_type(t))
    if (auto* f = row_type_fields(t, typmod)) return record_key(*f, text);
  return text;
}

std::string record_key(const std::vector<RowField>& fields, const std::string& text) {
  std::vector<FieldText> parts = record_split(text, -1);
  for (size_t i = 0; i < parts.size() && i < fields.size(); i++)
    if (parts[i]) parts[i] = field_key(fields[i].type, fields[i].typmod, *parts[i]);
  return record_join(parts);
}

void record_numeric_key(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) return sqlite3_result_value(ctx, argv[0]);
  guarded(ctx, [&] {
    const std::vector<RowField>* fields = row_fields_by_id(sqlite3_value_int64(argv[1]));
    if (!fields) return sqlite3_result_value(ctx, argv[0]);
    result_text(ctx, record_key(*fields, text_of(argv[0])));
  });
}

struct WindowMinMax {
  std::map<std::string, std::deque<std::string>>* frame;
};

std::string key_of_value(sqlite3_value* v, std::string* value) {
  auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(v));
  size_t n = size_t(sqlite3_value_bytes(v));
  value->assign(reinterpret_cast<const char*>(p), n);
  size_t k = numeric_key_length(p, n);
  return value->substr(0, k ? k : n);
}

void window_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* st = static_cast<WindowMinMax*>(sqlite3_aggregate_context(ctx, sizeof(WindowMinMax)));
  if (!st) return sqlite3_result_error_nomem(ctx);
  if (!st->frame) st->frame = new std::map<std::string, std::deque<std::string>>();
  std::string value;
  std::string key = key_of_value(argv[0], &value);
  (*st->frame)[key].push_back(std::move(value));
}

void window_inverse(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* st = static_cast<WindowMinMax*>(sqlite3_aggregate_context(ctx, sizeof(WindowMinMax)));
  if (!st || !st->frame) return;
  std::string value;
  auto it = st->frame->find(key_of_value(argv[0], &value));
  if (it == st->frame->end()) return;
  it->second.pop_front();
  if (it->second.empty()) st->frame->erase(it);
}

template <bool kMax>
void window_value(sqlite3_context* ctx) {
  auto* st = static_cast<WindowMinMax*>(sqlite3_aggregate_context(ctx, 0));
  if (!st || !st->frame || st->frame->empty()) return sqlite3_result_null(ctx);
  const std::string& v = kMax ? st->frame->rbegin()->second.back() : st->frame->begin()->second.back();
  sqlite3_result_blob64(ctx, v.data(), v.size(), SQLITE_TRANSIENT);
}

template <bool kMax>
void window_final(sqlite3_context* ctx) {
  window_value<kMax>(ctx);
  auto* st = static_cast<WindowMinMax*>(sqlite3_aggregate_context(ctx, 0));
  if (st) {
    delete st->frame;
    st->frame = nullptr;
  }
}

void numeric_array_key(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) return sqlite3_result_value(ctx, argv[0]);
  result_text(ctx, trim_numbers(text_of(argv[0])));
}

}  // namespace

void register_numeric_key_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_numeric_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc, numeric_key,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_numeric_array_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc,
                             numeric_array_key, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_numeric_key_hi", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc, numeric_key_hi,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_numeric_min", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc, nullptr,
                             minmax_step<false>, minmax_final, nullptr);
  sqlite3_create_function_v2(db, "pg_numeric_max", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc, nullptr,
                             minmax_step<true>, minmax_final, nullptr);
  sqlite3_create_window_function(db, "pg_numeric_window_min", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc,
                                 window_step, window_final<false>, window_value<false>, window_inverse, nullptr);
  sqlite3_create_window_function(db, "pg_numeric_window_max", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc,
                                 window_step, window_final<true>, window_value<true>, window_inverse, nullptr);
  sqlite3_create_function_v2(db, "pg_record_numeric_key", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, rc,
                             record_numeric_key, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_unique_violation", -1, SQLITE_UTF8, rc, unique_violation, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
