// json(b)_populate_record(set): a JSON object (array of objects) as a record of a composite
// type, PostgreSQL's populate_record_field: JSON null → NULL, json/jsonb fields take the JSON,
// arrays from JSON arrays (rectangular), composites from JSON objects, strings through the
// field type's input function, other scalars through their JSON text. The base record
// supplies the fields the object lacks. pg_record_rows(records, type id, set) is the table
// function that turns such records into rows (FROM json_populate_record(…)).
#include <cstring>
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/json.h"
#include "types/record.h"
#include "types/type_io.h"
#include "types/user_types.h"

namespace pgmicro {

void check_domain_datum(sqlite3_context* ctx, Oid domain, const Datum& v);  // user_type_functions.cpp

namespace {

thread_local sqlite3_context* g_ctx = nullptr;  // the call populating (for domain checks)

Datum checked(Oid type, Datum v) {
  if (g_ctx && is_domain_type(type)) check_domain_datum(g_ctx, type, v);
  return v;
}

std::string_view text_of(sqlite3_value* v) {
  return {reinterpret_cast<const char*>(sqlite3_value_text(v)), size_t(sqlite3_value_bytes(v))};
}

std::string json_text(const JsonValue& v, std::string_view src, bool jsonb) {
  JsonValue n = v;
  if (jsonb) {
    jsonb_normalize(n);
    return jsonb_to_text(n);
  }
  return json_value_text(v, src, false);
}

Datum populate_value(Oid type, int32_t typmod, const JsonValue& v, std::string_view src, bool jsonb, const std::string& key,
                     const Datum* dflt = nullptr);

std::string populate_composite(const std::vector<RowField>& fields, const JsonValue& obj, const std::vector<Datum>* base,
                               std::string_view src, bool jsonb) {
  std::vector<Datum> values;
  for (size_t i = 0; i < fields.size(); i++) {
    const JsonValue* v = obj.find(fields[i].name);
    if (!v) {
      values.push_back(base && i < base->size() ? (*base)[i] : checked(fields[i].type, Datum::null()));
      continue;
    }
    values.push_back(populate_value(fields[i].type, fields[i].typmod, *v, src, jsonb, fields[i].name,
                                    base && i < base->size() ? &(*base)[i] : nullptr));
  }
  return record_storage(fields, values);
}

void populate_array_level(Oid elem, int32_t typmod, const JsonValue& v, int depth, ArrayValue& a, std::string_view src,
                          bool jsonb, const std::string& key) {
  if ((int)a.dims.size() <= depth) {
    if (depth >= kMaxArrayDims) throw PgError(sqlstate::kProgramLimitExceeded, "number of array dimensions exceeds the maximum allowed (6)");
    a.dims.push_back((int)v.items.size());
  } else if (a.dims[depth] != (int)v.items.size()) {
    throw PgError(sqlstate::kInvalidTextRepresentation, "malformed JSON array",
                  "Multidimensional arrays must have sub-arrays with matching dimensions.");
  }
  for (auto& item : v.items) {
    bool nested = item.kind == JsonValue::Kind::Array;
    bool expect_nested = (int)a.dims.size() > depth + 1;
    if (nested && (expect_nested || a.items.empty()) && !is_array_type(elem)) {
      populate_array_level(elem, typmod, item, depth + 1, a, src, jsonb, key);
    } else {
      if (expect_nested)
        throw PgError(sqlstate::kInvalidTextRepresentation, "expected JSON array", "",
                      "See the array element [" + std::to_string(&item - &v.items[0]) + "] of key \"" + key + "\".");
      a.items.push_back(populate_value(elem, typmod, item, src, jsonb, key));
    }
  }
}

Datum populate_plain(Oid type, int32_t typmod, const JsonValue& v, std::string_view src, bool jsonb, const std::string& key,
                     const Datum* dflt);

// `dflt`: the base record's value of this field (a nested composite takes its missing fields
// from it, as populate_record_field's defaultval).
Datum populate_value(Oid type, int32_t typmod, const JsonValue& v, std::string_view src, bool jsonb, const std::string& key,
                     const Datum* dflt) {
  return checked(type, populate_plain(type, typmod, v, src, jsonb, key, dflt));
}

Datum populate_plain(Oid type, int32_t typmod, const JsonValue& v, std::string_view src, bool jsonb, const std::string& key,
                     const Datum* dflt) {
  if (v.kind == JsonValue::Kind::Null) return Datum::null();
  Oid base = domain_base_type(type);
  if (base == oid::kJson || base == oid::kJsonb) return type_input(type, typmod, json_text(v, src, base == oid::kJsonb));
  if (Oid elem = array_element_type(base)) {
    if (v.kind == JsonValue::Kind::String) return type_input(type, typmod, v.text);
    if (v.kind != JsonValue::Kind::Array)
      throw PgError(sqlstate::kInvalidTextRepresentation, "expected JSON array", "", "See the value of key \"" + key + "\".");
    ArrayValue a;
    if (!v.items.empty()) populate_array_level(elem, typmod, v, 0, a, src, jsonb, key);
    a.lbounds.assign(a.dims.size(), 1);
    if (a.items.empty()) a = ArrayValue{};
    return Datum::text(array_to_storage(elem, a));
  }
  if (is_named_composite(base)) {
    if (v.kind == JsonValue::Kind::String) return type_input(type, typmod, v.text);
    if (v.kind != JsonValue::Kind::Object)
      throw PgError(sqlstate::kInvalidParameterValue,
                    std::string("cannot call populate_composite on ") + (v.kind == JsonValue::Kind::Array ? "an array" : "a scalar"));
    const std::vector<RowField>& nested = *row_type_fields(base, -1);
    std::vector<Datum> nested_base;
    if (dflt && !dflt->is_null()) nested_base = record_values(nested, dflt->s);
    return Datum::text(populate_composite(nested, v, dflt && !dflt->is_null() ? &nested_base : nullptr, src, jsonb));
  }
  if (v.kind == JsonValue::Kind::String) return type_input(type, typmod, v.text);
  return type_input(type, typmod, json_text(v, src, jsonb));
}

}  // namespace

// populate_record_field for json(b)_to_record(set)'s array and composite columns
// (table_functions.cpp).
Datum json_populate_field(Oid type, int32_t typmod, const JsonValue& v, std::string_view src, bool jsonb,
                          const std::string& key) {
  return populate_value(type, typmod, v, src, jsonb, key);
}

namespace {

const std::vector<RowField>& fields_of(sqlite3_value* id) {
  const std::vector<RowField>* f = row_fields_by_id(sqlite3_value_int64(id));
  if (!f) throw PgError(sqlstate::kFeatureNotSupported, "could not determine row type for result of json_populate_record");
  return *f;
}

// pg_populate_record(base, type id, doc, jsonb, set [, domain]): one record, or (set) a JSON
// array of record texts; with a domain over the composite (recordset in the select list),
// each record passes the domain's checks.
void populate_record(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    struct Scope { sqlite3_context* saved = g_ctx; ~Scope() { g_ctx = saved; } } scope;
    g_ctx = ctx;
    const std::vector<RowField>& fields = fields_of(argv[1]);
    bool jsonb = sqlite3_value_int(argv[3]), set = sqlite3_value_int(argv[4]);
    std::vector<Datum> base;
    bool has_base = sqlite3_value_type(argv[0]) != SQLITE_NULL;
    if (has_base) base = record_values(fields, text_of(argv[0]));
    std::string fn = std::string(jsonb ? "jsonb" : "json") + (set ? "_populate_recordset" : "_populate_record");
    if (sqlite3_value_type(argv[2]) == SQLITE_NULL) {
      if (set) return sqlite3_result_text(ctx, "[]", 2, SQLITE_STATIC);
      if (!has_base) return sqlite3_result_null(ctx);
      return sqlite3_result_value(ctx, argv[0]);
    }
    std::string src(text_of(argv[2]));
    JsonValue d = json_parse(src, jsonb);
    std::string out;
    if (set) {
      if (d.kind != JsonValue::Kind::Array)
        throw PgError(sqlstate::kInvalidParameterValue,
                      "cannot call " + fn + (d.kind == JsonValue::Kind::Object ? " on an object" : " on a scalar"));
      out = "[";
      for (auto& x : d.items) {
        if (x.kind != JsonValue::Kind::Object)
          throw PgError(sqlstate::kInvalidParameterValue, "argument of " + fn + " must be an array of objects");
        if (out.size() > 1) out += ',';
        std::string rec = populate_composite(fields, x, has_base ? &base : nullptr, src, jsonb);
        if (argc > 5) check_domain_datum(ctx, Oid(sqlite3_value_int64(argv[5])), Datum::text(rec));
        json_escape(rec, out);
      }
      out += "]";
    } else {
      if (d.kind != JsonValue::Kind::Object)
        throw PgError(sqlstate::kInvalidParameterValue,
                      std::string("cannot call populate_composite on ") + (d.kind == JsonValue::Kind::Array ? "an array" : "a scalar"));
      out = populate_composite(fields, d, has_base ? &base : nullptr, src, jsonb);
    }
    sqlite3_result_text(ctx, out.data(), int(out.size()), SQLITE_TRANSIENT);
  });
}

// --- pg_record_rows: records → rows ------------------------------------------------------
constexpr int kMaxColumns = 100;
struct RowsVtab : sqlite3_vtab {
  RuntimeContext* rc;
};
struct RowsCursor : sqlite3_vtab_cursor {
  std::vector<std::vector<Datum>> rows;
  size_t pos = 0;
};

int rows_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
  std::string s = "CREATE TABLE x(";
  for (int i = 1; i <= kMaxColumns; i++) s += "c" + std::to_string(i) + ", ";
  s += "ordinality, recs HIDDEN, tid HIDDEN, rset HIDDEN)";
  int rc = sqlite3_declare_vtab(db, s.c_str());
  if (rc != SQLITE_OK) return rc;
  auto* v = new RowsVtab();
  v->rc = static_cast<RuntimeContext*>(aux);
  *out = v;
  return SQLITE_OK;
}
int rows_disconnect(sqlite3_vtab* v) { delete static_cast<RowsVtab*>(v); return SQLITE_OK; }
int rows_best_index(sqlite3_vtab*, sqlite3_index_info* info) {
  int have[3] = {-1, -1, -1};
  for (int i = 0; i < info->nConstraint; i++) {
    auto& c = info->aConstraint[i];
    int col = c.iColumn - (kMaxColumns + 1);
    if (col < 0 || col > 2) continue;
    if (!c.usable || c.op != SQLITE_INDEX_CONSTRAINT_EQ) return SQLITE_CONSTRAINT;
    have[col] = i;
  }
  for (int k = 0; k < 3; k++) {
    if (have[k] < 0) return SQLITE_CONSTRAINT;
    info->aConstraintUsage[have[k]].argvIndex = k + 1;
    info->aConstraintUsage[have[k]].omit = 1;
  }
  info->estimatedCost = 10;
  return SQLITE_OK;
}
int rows_open(sqlite3_vtab*, sqlite3_vtab_cursor** out) { *out = new RowsCursor(); return SQLITE_OK; }
int rows_close(sqlite3_vtab_cursor* c) { delete static_cast<RowsCursor*>(c); return SQLITE_OK; }
int rows_filter(sqlite3_vtab_cursor* cur, int, const char*, int argc, sqlite3_value** argv) {
  auto* c = static_cast<RowsCursor*>(cur);
  c->rows.clear();
  c->pos = 0;
  auto* vt = static_cast<RowsVtab*>(cur->pVtab);
  try {
    if (argc < 3 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return SQLITE_OK;
    const std::vector<RowField>* fields = row_fields_by_id(sqlite3_value_int64(argv[1]));
    if (!fields) return SQLITE_OK;
    int mode = sqlite3_value_int(argv[2]);  // 0 one record, 1 a JSON array of records, 2 the same as whole values
    if (mode) {
      JsonValue list = json_parse(text_of(argv[0]), false);
      for (auto& x : list.items)
        c->rows.push_back(mode == 2 ? std::vector<Datum>{Datum::text(x.text)} : record_values(*fields, x.text));
    } else {
      c->rows.push_back(record_values(*fields, text_of(argv[0])));
    }
  } catch (const PgError& e) {
    if (vt->rc && !vt->rc->pending_error) vt->rc->pending_error = e.error;
    sqlite3_free(cur->pVtab->zErrMsg);
    cur->pVtab->zErrMsg = sqlite3_mprintf("%s", e.error.message.c_str());
    return SQLITE_ERROR;
  }
  return SQLITE_OK;
}
int rows_next(sqlite3_vtab_cursor* cur) { static_cast<RowsCursor*>(cur)->pos++; return SQLITE_OK; }
int rows_eof(sqlite3_vtab_cursor* cur) {
  auto* c = static_cast<RowsCursor*>(cur);
  return c->pos >= c->rows.size();
}
int rows_column(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) {
  auto* c = static_cast<RowsCursor*>(cur);
  if (col == kMaxColumns) { sqlite3_result_int64(ctx, int64_t(c->pos + 1)); return SQLITE_OK; }
  const auto& row = c->rows[c->pos];
  if (col < (int)row.size()) row[col].to_sqlite_result(ctx);
  else sqlite3_result_null(ctx);
  return SQLITE_OK;
}
int rows_rowid(sqlite3_vtab_cursor* cur, sqlite3_int64* id) { *id = int64_t(static_cast<RowsCursor*>(cur)->pos); return SQLITE_OK; }

sqlite3_module kRowsModule = {
    0, nullptr, rows_connect, rows_best_index, rows_disconnect, nullptr, rows_open, rows_close, rows_filter,
    rows_next, rows_eof, rows_column, rows_rowid, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr};

}  // namespace

void register_json_each_records(sqlite3* db, RuntimeContext* rc);  // json_each_records.cpp

void register_populate_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_populate_record", 5, SQLITE_UTF8, rc, populate_record, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_populate_record", 6, SQLITE_UTF8, rc, populate_record, nullptr, nullptr, nullptr);
  register_json_each_records(db, rc);
  sqlite3_create_module_v2(db, "pg_record_rows", &kRowsModule, rc, nullptr);
}

}  // namespace pgmicro
