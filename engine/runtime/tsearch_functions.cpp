// Full text search functions (catalog/builtins_tsearch.cpp): pg_to_tsvector(has_config,
// config, text) and pg_json_to_tsvector(has_config, config, doc, jsonb, flags) — to_tsvector
// over a JSON document's strings, or json(b)_to_tsvector over the kinds of values the jsonb
// flags name, each value parsed on its own with a position gap after any that gave words.
#include "runtime/function_context.h"
#include "runtime/sqlite_text.h"
#include "session/settings.h"
#include "types/json.h"
#include <functional>
#include "types/tsearch.h"

namespace pgmicro {

namespace {

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }

int config_of(sqlite3_context* ctx, sqlite3_value** argv) {
  if (sqlite3_value_int(argv[0])) return ts_config_id(text_of(argv[1]));
  RuntimeContext* rc = runtime_context(ctx);
  std::string name = rc && rc->settings ? rc->settings->get("default_text_search_config") : "pg_catalog.english";
  return ts_config_id(name);
}

enum : unsigned { kString = 1, kNumeric = 2, kBool = 4, kKey = 8, kAll = 15 };

// parse_jsonb_index_flags.
unsigned parse_flags(const JsonValue& f) {
  const char* hint = "Possible values are: \"string\", \"numeric\", \"boolean\", \"key\", and \"all\".";
  std::vector<const JsonValue*> items;
  if (f.kind == JsonValue::Kind::Array) {
    for (auto& x : f.items) items.push_back(&x);
  } else if (f.kind != JsonValue::Kind::Object) {
    items.push_back(&f);
  } else {
    throw PgError(sqlstate::kInvalidParameterValue, "wrong flag type, only arrays and scalars are allowed");
  }
  unsigned flags = 0;
  for (const JsonValue* x : items) {
    if (x->kind != JsonValue::Kind::String)
      throw PgError(sqlstate::kInvalidParameterValue, "flag array element is not a string", "", hint);
    std::string s = x->text;
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (s == "all") flags |= kAll;
    else if (s == "key") flags |= kKey;
    else if (s == "string") flags |= kString;
    else if (s == "numeric") flags |= kNumeric;
    else if (s == "boolean") flags |= kBool;
    else throw PgError(sqlstate::kInvalidParameterValue, "wrong flag in flag array: \"" + x->text + "\"", "", hint);
  }
  return flags;
}

void pg_to_tsvector(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[1]) || is_null(argv[2])) return sqlite3_result_null(ctx);
    int config = config_of(ctx, argv);
    std::vector<std::pair<std::string, int>> words;
    int pos = 0;
    ts_parse_text(config, text_of(argv[2]), words, pos);
    result_text(ctx, tsvector_to_text(ts_make_vector(std::move(words))));
  });
}

void pg_json_to_tsvector(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 1; i < 5; i++)
      if (is_null(argv[i])) return sqlite3_result_null(ctx);
    int config = config_of(ctx, argv);
    bool jsonb = sqlite3_value_int(argv[3]);
    JsonValue doc = json_parse(text_of(argv[2]), jsonb);
    unsigned flags = parse_flags(json_parse(text_of(argv[4]), true));
    std::vector<std::pair<std::string, int>> words;
    int pos = 0;
    auto add = [&](const std::string& text) {  // add_to_tsvector
      size_t before = words.size();
      ts_parse_text(config, text, words, pos);
      if (words.size() > before) pos++;
    };
    std::function<void(const JsonValue&)> walk = [&](const JsonValue& v) {
      switch (v.kind) {
        case JsonValue::Kind::Object:
          for (auto& m : v.members) {
            if (flags & kKey) add(m.first);
            walk(m.second);
          }
          break;
        case JsonValue::Kind::Array:
          for (auto& x : v.items) walk(x);
          break;
        case JsonValue::Kind::String:
          if (flags & kString) add(v.text);
          break;
        case JsonValue::Kind::Number:
          if (flags & kNumeric) add(v.text);
          break;
        case JsonValue::Kind::True: case JsonValue::Kind::False:
          if (flags & kBool) add(v.kind == JsonValue::Kind::True ? "true" : "false");
          break;
        default: break;
      }
    };
    walk(doc);
    result_text(ctx, tsvector_to_text(ts_make_vector(std::move(words))));
  });
}

}  // namespace

void register_tsearch_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_to_tsvector", 3, SQLITE_UTF8, rc, pg_to_tsvector, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_json_to_tsvector", 5, SQLITE_UTF8, rc, pg_json_to_tsvector, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
