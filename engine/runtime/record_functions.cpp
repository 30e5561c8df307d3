// Runtime support of composite values (types/record.h): pg_row builds a record from field
// values, pg_row_field selects one, pg_record_cmp orders two (record_cmp), pg_row_isnull is
// IS [NOT] NULL on a row, pg_record_to_json is row_to_json/to_json, and the collations
// pg_record_<type oid> / pg_record give SQLite's sorter PostgreSQL's record order.
#include "runtime/record_functions.h"

#include <functional>
#include "catalog/catalog.h"
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/json.h"
#include "types/type_io.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {
// A field of a row type or an array of one, given by its output text: nested objects (the
// field's typmod names an anonymous record's structure). False for other types.
bool nested_row_to_json(Oid t, int32_t typmod, const std::string& text, std::string& out) {
  if (is_row_type(t)) {
    record_to_json(row_type_fields(t, typmod), text, out);
    return true;
  }
  Oid elem = array_element_type(t);
  if (!elem || !is_row_type(elem)) return false;
  ArrayValue a = array_parse_text(oid::kText, -1, text);  // the elements' texts
  if (a.empty()) {
    out += "[]";
    return true;
  }
  const std::vector<RowField>* fields = row_type_fields(elem, typmod);
  size_t k = 0;
  std::function<void(size_t)> dim = [&](size_t level) {
    out += '[';
    for (int i = 0; i < a.dims[level]; i++) {
      if (i) out += ',';
      if (level + 1 < a.dims.size()) {
        dim(level + 1);
        continue;
      }
      const Datum& d = a.items[k++];
      if (d.is_null()) out += "null";
      else record_to_json(fields, d.s, out);
    }
    out += ']';
  };
  dim(0);
  return true;
}
}  // namespace

void record_to_json(const std::vector<RowField>* fields, std::string_view storage, std::string& out) {
  std::vector<FieldText> texts = record_split(storage, fields ? (int)fields->size() : -1);
  out += '{';
  for (size_t i = 0; i < texts.size(); i++) {
    if (i) out += ',';
    json_escape(fields ? (*fields)[i].name : "f" + std::to_string(i + 1), out);
    out += ':';
    if (!texts[i]) { out += "null"; continue; }
    Oid t = fields ? (*fields)[i].type : oid::kText;
    if (fields && (*fields)[i].typmod >= 0 && nested_row_to_json(t, (*fields)[i].typmod, *texts[i], out)) continue;
    value_to_json(t, element_from_text(t, *texts[i]), out);
  }
  out += '}';
}

namespace {

const std::vector<RowField>* fields_arg(sqlite3_value* v) { return row_fields_by_id(sqlite3_value_int64(v)); }

std::string_view text_of(sqlite3_value* v) {
  return {reinterpret_cast<const char*>(sqlite3_value_text(v)), size_t(sqlite3_value_bytes(v))};
}

// pg_row(type id, v1, …, vn): the record of the values (storage encodings).
void row_make(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    const std::vector<RowField>* fields = fields_arg(argv[0]);
    std::vector<FieldText> texts;
    for (int i = 1; i < argc; i++) {
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) { texts.emplace_back(std::nullopt); continue; }
      Oid t = fields && size_t(i - 1) < fields->size() ? (*fields)[i - 1].type : oid::kText;
      texts.emplace_back(type_output(t, Datum::from_sqlite(argv[i])));
    }
    std::string s = record_join(texts);
    sqlite3_result_text(ctx, s.data(), int(s.size()), SQLITE_TRANSIENT);
  });
}

// pg_row_field(record, type id, k): field k (0-based) in its storage encoding.
void row_field(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const std::vector<RowField>* fields = fields_arg(argv[1]);
    int k = sqlite3_value_int(argv[2]);
    std::vector<FieldText> texts = record_split(text_of(argv[0]), fields ? (int)fields->size() : -1);
    if (k < 0 || size_t(k) >= texts.size() || !texts[k]) return sqlite3_result_null(ctx);
    Oid t = fields ? (*fields)[k].type : oid::kText;
    element_from_text(t, *texts[k]).to_sqlite_result(ctx);
  });
}

// pg_row_set(record, type id, k, value): the record with field k replaced (NULL record: all
// other fields NULL).
void row_set(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    const std::vector<RowField>* fields = fields_arg(argv[1]);
    if (!fields) throw PgError(sqlstate::kInternalError, "record type has not been registered");
    std::vector<FieldText> texts;
    if (sqlite3_value_type(argv[0]) != SQLITE_NULL) texts = record_split(text_of(argv[0]), -1);
    texts.resize(fields->size());
    size_t k = size_t(sqlite3_value_int(argv[2]));
    if (k < texts.size()) {
      if (sqlite3_value_type(argv[3]) == SQLITE_NULL) texts[k].reset();
      else texts[k] = type_output((*fields)[k].type, Datum::from_sqlite(argv[3]));
    }
    std::string s = record_join(texts);
    sqlite3_result_text(ctx, s.data(), int(s.size()), SQLITE_TRANSIENT);
  });
}

// pg_record_cmp(a, b, type id of a, type id of b): -1/0/1 (NULL when either is NULL).
void record_cmp(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
      return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, record_compare2(fields_arg(argv[2]), fields_arg(argv[3]), text_of(argv[0]), text_of(argv[1])));
  });
}

// pg_record_image_cmp(a, b, type id of a, type id of b): record_image_cmp.
void record_image_cmp(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
      return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, record_image_compare(fields_arg(argv[2]), fields_arg(argv[3]), text_of(argv[0]), text_of(argv[1])));
  });
}

// pg_row_isnull(record, type id, negated): IS NULL (every field NULL) / IS NOT NULL (none).
void row_isnull(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    bool negated = sqlite3_value_int(argv[2]) != 0;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_int(ctx, negated ? 0 : 1);
    const std::vector<RowField>* fields = fields_arg(argv[1]);
    std::vector<FieldText> texts = record_split(text_of(argv[0]), fields ? (int)fields->size() : -1);
    bool all = true;
    for (auto& t : texts)
      if (bool(t) != negated) all = false;
    sqlite3_result_int(ctx, all ? 1 : 0);
  });
}

// pg_record_to_json(record, type id, jsonb).
void record_json(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    std::string s;
    record_to_json(fields_arg(argv[1]), text_of(argv[0]), s);
    if (sqlite3_value_int(argv[2])) {
      JsonValue v = json_parse(s, true);
      jsonb_normalize(v);
      s = jsonb_to_text(v);
    }
    sqlite3_result_text(ctx, s.data(), int(s.size()), SQLITE_TRANSIENT);
  });
}

// pg_record_array_to_json(array, type id, jsonb): an array of records of one structure.
void record_array_json(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const std::vector<RowField>* fields = fields_arg(argv[1]);
    ArrayValue a = array_from_storage(oid::kRecord, text_of(argv[0]));
    std::string s;
    size_t k = 0;
    std::function<void(size_t)> dim = [&](size_t level) {
      s += '[';
      for (int i = 0; i < a.dims[level]; i++) {
        if (i) s += ',';
        if (level + 1 == a.dims.size()) {
          const Datum& d = a.items[k++];
          if (d.is_null()) s += "null";
          else record_to_json(fields, d.s, s);
        } else {
          dim(level + 1);
        }
      }
      s += ']';
    };
    if (a.empty()) s = "[]";
    else dim(0);
    if (sqlite3_value_int(argv[2])) {
      JsonValue v = json_parse(s, true);
      jsonb_normalize(v);
      s = jsonb_to_text(v);
    }
    sqlite3_result_text(ctx, s.data(), int(s.size()), SQLITE_TRANSIENT);
  });
}

struct RecordTag {
  RuntimeContext* rc;
  int64_t id;
};

int collate_record(void* arg, int n1, const void* p1, int n2, const void* p2) {
  auto* tag = static_cast<RecordTag*>(arg);
  std::string_view a(static_cast<const char*>(p1), size_t(n1)), b(static_cast<const char*>(p2), size_t(n2));
  try {
    return record_compare(tag->id ? row_fields_by_id(tag->id) : nullptr, a, b);
  } catch (const PgError&) {
    int c = a.compare(b);
    return c < 0 ? -1 : c > 0;
  }
}

}  // namespace

void register_populate_functions(sqlite3* db, RuntimeContext* rc);  // populate_functions.cpp

void register_record_functions(sqlite3* db, RuntimeContext* rc) {
  register_populate_functions(db, rc);
  register_array_element_functions(db, rc, oid::kRecord);  // array_agg of records, record[] order
  sqlite3_create_function_v2(db, "pg_row", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, row_make, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_row_set", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, row_set, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_row_field", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, row_field, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_record_cmp", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, record_cmp, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_record_image_cmp", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, record_image_cmp, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_row_isnull", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, row_isnull, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_record_array_to_json", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, record_array_json, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_record_to_json", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, record_json, nullptr, nullptr, nullptr);
  sqlite3_create_collation_v2(db, "pg_record", SQLITE_UTF8, new RecordTag{rc, 0}, collate_record,
                              [](void* p) { delete static_cast<RecordTag*>(p); });
}

void register_record_collation(sqlite3* db, RuntimeContext* rc, Oid type) {
  sqlite3_create_collation_v2(db, ("pg_record_" + std::to_string(type)).c_str(), SQLITE_UTF8, new RecordTag{rc, int64_t(type)},
                              collate_record, [](void* p) { delete static_cast<RecordTag*>(p); });
}

}  // namespace pgmicro
