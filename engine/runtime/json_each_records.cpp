// json(b)_each(_text) in the select list: pg_json_each_records(doc, jsonb, as_text, row type
// id) gives the object's (key, value) pairs as a JSON array of record storage texts, which
// pg_record_rows(…, id, 2) turns into one record-valued row each (analyze_populate.cpp).
#include "runtime/function_context.h"
#include "runtime/sqlite_text.h"
#include "types/json.h"
#include "types/record.h"

namespace pgmicro {

namespace {

void json_each_records(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return result_text(ctx, "[]");
    bool jsonb = sqlite3_value_int(argv[1]), as_text = sqlite3_value_int(argv[2]);
    const std::vector<RowField>* fields = row_fields_by_id(sqlite3_value_int64(argv[3]));
    if (!fields) throw PgError(sqlstate::kInternalError, "json_each record type is not registered");
    std::string src(text_of(argv[0]));
    JsonValue d = json_parse(src, jsonb);
    std::string fn = std::string(jsonb ? "jsonb" : "json") + "_each" + (as_text ? "_text" : "");
    if (d.kind != JsonValue::Kind::Object) {
      if (jsonb) throw PgError(sqlstate::kInvalidParameterValue, "cannot call " + fn + " on a non-object");
      throw PgError(sqlstate::kInvalidParameterValue,
                    d.kind == JsonValue::Kind::Array ? "cannot deconstruct an array as an object" : "cannot deconstruct a scalar");
    }
    std::string out = "[";
    for (auto& m : d.members) {
      Datum value;
      if (as_text) {
        std::string t;
        if (json_value_as_text(m.second, jsonb ? std::string_view() : std::string_view(src), t)) value = Datum::text(t);
      } else if (jsonb) {
        JsonValue n = m.second;
        jsonb_normalize(n);
        value = Datum::text(jsonb_to_text(n));
      } else {
        value = Datum::text(json_value_text(m.second, src, false));
      }
      if (out.size() > 1) out += ',';
      json_escape(record_storage(*fields, {Datum::text(m.first), value}), out);
    }
    out += ']';
    result_text(ctx, out);
  });
}

}  // namespace

void register_json_each_records(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_json_each_records", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, json_each_records,
                             nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
