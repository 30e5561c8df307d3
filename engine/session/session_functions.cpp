// SQL functions over the session's own state, registered on its connection:
// current_setting(name [, missing_ok]), set_config(name, value, is_local) (settings.h) and
// current_schema(), current_schemas(include_implicit) (the catalog's search path).
#include <string>
#include "catalog/catalog.h"
#include "runtime/function_context.h"
#include "session/session_impl.h"
#include "session/settings.h"

namespace pgmicro {

namespace {

std::optional<std::string> text_arg(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_NULL) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)), sqlite3_value_bytes(v));
}

void result_text(sqlite3_context* ctx, const std::string& s) { sqlite3_result_text(ctx, s.data(), (int)s.size(), SQLITE_TRANSIENT); }

void current_setting(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto name = text_arg(argv[0]);
    if (!name || (argc > 1 && sqlite3_value_type(argv[1]) == SQLITE_NULL)) return sqlite3_result_null(ctx);
    bool missing_ok = argc > 1 && sqlite3_value_int(argv[1]) != 0;
    auto v = runtime_context(ctx)->settings->current_setting(*name, missing_ok);
    if (!v) return sqlite3_result_null(ctx);
    result_text(ctx, *v);
  });
}

void set_config(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto name = text_arg(argv[0]);
    if (!name) throw PgError("22004", "SET requires parameter name");
    bool is_local = sqlite3_value_type(argv[2]) != SQLITE_NULL && sqlite3_value_int(argv[2]) != 0;
    auto* rc = runtime_context(ctx);
    result_text(ctx, rc->settings->set_config(*name, text_arg(argv[1]), is_local));
    rc->catalog->set_search_path(rc->settings->get("search_path"));
  });
}

void current_schema(sqlite3_context* ctx, int, sqlite3_value**) {
  guarded(ctx, [&] {
    auto path = runtime_context(ctx)->catalog->current_schemas(false);
    if (path.empty()) return sqlite3_result_null(ctx);
    result_text(ctx, path[0]);
  });
}

// name[] as stored: a JSON array of strings.
void current_schemas(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    std::string out = "[";
    for (auto& s : runtime_context(ctx)->catalog->current_schemas(sqlite3_value_int(argv[0]) != 0)) {
      if (out.size() > 1) out += ',';
      out += '"';
      for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += '"';
    }
    result_text(ctx, out + "]");
  });
}

}  // namespace

void register_session_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_current_setting", 1, SQLITE_UTF8, rc, current_setting, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_current_setting", 2, SQLITE_UTF8, rc, current_setting, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_set_config", 3, SQLITE_UTF8, rc, set_config, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_current_schema", 0, SQLITE_UTF8, rc, current_schema, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_current_schemas", 1, SQLITE_UTF8, rc, current_schemas, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
