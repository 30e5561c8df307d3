// json(b)_object from text arrays (PostgreSQL's json_object / jsonb_object, one- and two-argument
// forms), json(b)_extract_path(_text) with their path as separate arguments, and jsonb_set_lax's
// null_value_treatment. Documents arrive as their stored text; a `jsonb` flag says which type.
#include <string>
#include <vector>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/json.h"

namespace pgmicro {

namespace {

using Fn = void (*)(sqlite3_context*, int, sqlite3_value**);

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }
[[noreturn]] void subscript_error(const std::string& msg) { throw PgError("2202E", msg); }

// The key/value pairs of json_object's arguments, in order (value nullptr: SQL NULL).
struct Pair { std::string key; const Datum* value; };

std::string object_text(const std::vector<Pair>& pairs, bool jsonb) {
  if (jsonb) {
    JsonValue o;
    o.kind = JsonValue::Kind::Object;
    for (auto& p : pairs) o.members.emplace_back(p.key, p.value ? JsonValue::string(p.value->s) : JsonValue::null());
    jsonb_normalize(o);
    return jsonb_to_text(o);
  }
  std::string out = "{";
  for (size_t i = 0; i < pairs.size(); i++) {
    if (i) out += ", ";
    json_escape(pairs[i].key, out);
    out += " : ";
    if (pairs[i].value) json_escape(pairs[i].value->s, out);
    else out += "null";
  }
  return out + "}";
}

const std::string& key_text(const Datum& d) {
  if (d.is_null()) throw PgError("22004", "null value not allowed for object key");
  return d.s;
}

// pg_json_object(jsonb, text[]): {k1,v1,k2,v2} or {{k1,v1},{k2,v2}}.
void json_object1(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[1])) return sqlite3_result_null(ctx);
    bool jsonb = sqlite3_value_int(argv[0]) != 0;
    ArrayValue a = array_from_storage(oid::kText, text_of(argv[1]));
    std::vector<Pair> pairs;
    if (a.ndims() == 1) {
      if (a.items.size() % 2) subscript_error("array must have even number of elements");
    } else if (a.ndims() == 2) {
      if (a.dims[1] != 2) subscript_error("array must have two columns");
    } else if (a.ndims() != 0) {
      subscript_error("wrong number of array subscripts");
    }
    for (size_t i = 0; i + 1 < a.items.size(); i += 2)
      pairs.push_back({key_text(a.items[i]), a.items[i + 1].is_null() ? nullptr : &a.items[i + 1]});
    result_text(ctx, object_text(pairs, jsonb));
  });
}

// pg_json_object2(jsonb, keys text[], values text[]).
void json_object2(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[1]) || is_null(argv[2])) return sqlite3_result_null(ctx);
    bool jsonb = sqlite3_value_int(argv[0]) != 0;
    ArrayValue k = array_from_storage(oid::kText, text_of(argv[1]));
    ArrayValue v = array_from_storage(oid::kText, text_of(argv[2]));
    if (k.ndims() > 1 || k.ndims() != v.ndims()) subscript_error("wrong number of array subscripts");
    if (k.items.size() != v.items.size()) subscript_error("mismatched array dimensions");
    std::vector<Pair> pairs;
    for (size_t i = 0; i < k.items.size(); i++)
      pairs.push_back({key_text(k.items[i]), v.items[i].is_null() ? nullptr : &v.items[i]});
    result_text(ctx, object_text(pairs, jsonb));
  });
}

// pg_json_extract_path(doc, jsonb, as_text, step...).
void json_extract_path(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 0; i < argc; i++)
      if (is_null(argv[i])) return sqlite3_result_null(ctx);
    bool jsonb = sqlite3_value_int(argv[1]) != 0, as_text = sqlite3_value_int(argv[2]) != 0;
    std::string src = text_of(argv[0]);
    JsonValue d = json_parse(src, jsonb);
    const JsonValue* v = &d;
    for (int a = 3; a < argc && v; a++) {
      std::string step = text_of(argv[a]);
      if (v->kind == JsonValue::Kind::Object) {
        v = v->find(step);
      } else if (v->kind == JsonValue::Kind::Array) {
        char* end = nullptr;
        long long i = std::strtoll(step.c_str(), &end, 10);
        long long n = (long long)v->items.size();
        if (step.empty() || *end) { v = nullptr; break; }
        if (i < 0) i += n;
        v = i >= 0 && i < n ? &v->items[size_t(i)] : nullptr;
      } else {
        v = nullptr;
      }
    }
    if (!v) return sqlite3_result_null(ctx);
    if (as_text) {
      std::string out;
      if (!json_value_as_text(*v, jsonb ? std::string_view() : std::string_view(src), out))
        return sqlite3_result_null(ctx);
      return result_text(ctx, out);
    }
    result_text(ctx, json_value_text(*v, src, jsonb));
  });
}

// pg_jsonb_set_lax_null(doc, treatment): what jsonb_set_lax does when the new value is SQL NULL:
// 1 use a JSON null, 2 delete the key, 3 return the target (errors otherwise).
void jsonb_set_lax_null(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    const char* must = "null_value_treatment must be \"delete_key\", \"return_target\", \"use_json_null\", or \"raise_exception\"";
    if (is_null(argv[1])) throw PgError(sqlstate::kInvalidParameterValue, must);
    std::string t = text_of(argv[1]);
    if (t == "raise_exception")
      throw PgError("22004", "JSON value must not be null",
                    "Exception was raised because null_value_treatment is \"raise_exception\".",
                    "To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not passed.");
    if (t == "use_json_null") return sqlite3_result_int(ctx, 1);
    if (t == "delete_key") return sqlite3_result_int(ctx, 2);
    if (t == "return_target") return sqlite3_result_int(ctx, 3);
    throw PgError(sqlstate::kInvalidParameterValue, must);
  });
}

// pg_json_build_variadic(jsonb, object, array, element type): json(b)_build_object/array(VARIADIC
// array), the array's elements (all dimensions flattened) as the arguments.
void json_build_variadic(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[2])) return sqlite3_result_null(ctx);
    bool jsonb = sqlite3_value_int(argv[0]) != 0, object = sqlite3_value_int(argv[1]) != 0;
    Oid elem = Oid(sqlite3_value_int64(argv[3]));
    ArrayValue a = array_from_storage(elem, text_of(argv[2]));
    std::string fn = std::string(jsonb ? "jsonb" : "json") + (object ? "_build_object" : "_build_array");
    if (object && a.items.size() % 2)
      throw PgError(sqlstate::kInvalidParameterValue, "argument list must have even number of elements", "",
                    "The arguments of " + fn + "() must consist of alternating keys and values.");
    std::string out = object ? "{" : "[";
    for (size_t i = 0; i < a.items.size(); i++) {
      if (i) out += object && i % 2 ? " : " : ", ";
      if (object && i % 2 == 0) {
        if (a.items[i].is_null() && jsonb)
          throw PgError(sqlstate::kInvalidParameterValue, "argument " + std::to_string(i + 1) + ": key must not be null");
        if (a.items[i].is_null())
          throw PgError(sqlstate::kInvalidParameterValue, "argument " + std::to_string(i + 1) + " cannot be null", "",
                        "Object keys should be text.");
        json_escape(element_to_text(elem, a.items[i]), out);
      } else {
        value_to_json(elem, a.items[i], out);
      }
    }
    out += object ? "}" : "]";
    if (!jsonb) return result_text(ctx, out);
    JsonValue v = json_parse(out, true);
    jsonb_normalize(v);
    result_text(ctx, jsonb_to_text(v));
  });
}

// pg_json_array_pretty(json array text, pretty): array_to_json(a, true) puts ",\n " between the
// top-level elements.
void json_array_pretty(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    std::string s = text_of(argv[0]);
    if (!sqlite3_value_int(argv[1])) return result_text(ctx, s);
    std::string out;
    int depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < s.size(); i++) {
      char c = s[i];
      out += c;
      if (in_str) {
        if (c == '\\' && i + 1 < s.size()) out += s[++i];
        else if (c == '"') in_str = false;
        continue;
      }
      if (c == '"') in_str = true;
      else if (c == '[' || c == '{') depth++;
      else if (c == ']' || c == '}') depth--;
      else if (c == ',' && depth == 1) out += "\n ";
    }
    result_text(ctx, out);
  });
}

}  // namespace

void register_json_object_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; Fn fn; };
  static const F fns[] = {
      {"pg_json_object", 2, json_object1},
      {"pg_json_object2", 3, json_object2},
      {"pg_json_extract_path", -1, json_extract_path},
      {"pg_jsonb_set_lax_null", 2, jsonb_set_lax_null},
      {"pg_json_build_variadic", 4, json_build_variadic},
      {"pg_json_array_pretty", 2, json_array_pretty},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
