// SQL/JSON path functions: jsonb @? jsonpath, jsonb @@ jsonpath and jsonb_path_exists / _match /
// _query_array / _query_first (jsonb_path_query is pg_json_elements over _query_array, see
// catalog/builtins_json.cpp), with their vars and silent arguments. The path arrives as its
// stored jsonpath_out text and is parsed again; execution is types/jsonpath_exec.cpp.
#include <string>
#include <vector>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "types/json.h"
#include "types/jsonpath.h"

namespace pgmicro {

namespace {

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }

// pg_jsonb_path(kind, doc, path, vars, silent): kind 0 exists, 1 match, 2 query_array, 3 query_first;
// plus 4 for the *_tz variants (datetime comparisons in the session TimeZone).
void jsonb_path(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 1; i < 5; i++)
      if (is_null(argv[i])) return sqlite3_result_null(ctx);
    int kind = sqlite3_value_int(argv[0]);
    bool use_tz = kind & 4;
    kind &= 3;
    JsonValue doc = json_parse(text_of(argv[1]), true);
    JsonPath path = jsonpath_parse(text_of(argv[2]));
    JsonValue vars = json_parse(text_of(argv[3]), true);
    bool silent = sqlite3_value_int(argv[4]) != 0;
    std::vector<JsonValue> found;
    if (kind == 0) {
      JsonPathResult r = jsonpath_execute(path, doc, &vars, silent, nullptr, use_tz);
      if (r == JsonPathResult::Error) return sqlite3_result_null(ctx);
      return sqlite3_result_int(ctx, r == JsonPathResult::Ok);
    }
    JsonPathResult r = jsonpath_execute(path, doc, &vars, silent, &found, use_tz);
    if (kind == 1) {
      if (found.size() == 1) {
        if (found[0].kind == JsonValue::Kind::True || found[0].kind == JsonValue::Kind::False)
          return sqlite3_result_int(ctx, found[0].kind == JsonValue::Kind::True);
        if (found[0].kind == JsonValue::Kind::Null) return sqlite3_result_null(ctx);
      }
      if (!silent) throw PgError("22038", "single boolean result is expected");
      return sqlite3_result_null(ctx);
    }
    (void)r;
    if (kind == 3) {
      if (found.empty()) return sqlite3_result_null(ctx);
      jsonb_normalize(found[0]);
      return result_text(ctx, jsonb_to_text(found[0]));
    }
    JsonValue arr;
    arr.kind = JsonValue::Kind::Array;
    arr.items = std::move(found);
    jsonb_normalize(arr);
    result_text(ctx, jsonb_to_text(arr));
  });
}

// pg_jsonb_binary_size(doc): pg_column_size of a jsonb value.
void jsonb_binary_size_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    sqlite3_result_int64(ctx, int64_t(jsonb_binary_size(json_parse(text_of(argv[0]), true))));
  });
}

}  // namespace

void register_jsonpath_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_jsonb_binary_size", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, jsonb_binary_size_fn,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_jsonb_path", 5, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, jsonb_path, nullptr, nullptr,
                             nullptr);
}

}  // namespace pgmicro
