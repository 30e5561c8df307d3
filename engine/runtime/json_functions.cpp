// json/jsonb runtime: field and path extraction (-> ->> #> #>>), jsonb containment, existence,
// concatenation, deletion and comparison, to_json(b) of any value, json(b)_build_object/array,
// json(b)_agg and json(b)_object_agg, jsonb_set/insert/strip_nulls/pretty, typeof and
// array_length. Documents arrive as their stored text; `jsonb` flags say which type.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <cerrno>
#include <deque>
#include <functional>
#include <memory>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "runtime/record_functions.h"
#include "types/array.h"
#include "types/json.h"
#include "types/numeric.h"
#include "types/type_families.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

using Fn = void (*)(sqlite3_context*, int, sqlite3_value**);

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }
JsonValue doc_of(sqlite3_value* v, bool jsonb) { return json_parse(text_of(v), jsonb); }
void result_jsonb(sqlite3_context* ctx, JsonValue v) {
  jsonb_normalize(v);
  result_text(ctx, jsonb_to_text(v));
}
[[noreturn]] void invalid(const std::string& msg, const std::string& hint = "") {
  throw PgError(sqlstate::kInvalidParameterValue, msg, "", hint);
}

// A path step into an array: PostgreSQL reads it as an integer (negative counts from the end).
bool array_index(const JsonValue& a, const std::string& step, size_t& out) {
  char* end = nullptr;
  errno = 0;
  long long i = std::strtoll(step.c_str(), &end, 10);
  if (step.empty() || *end || errno) return false;
  long long n = (long long)a.items.size();
  if (i < 0) i += n;
  if (i < 0 || i >= n) return false;
  out = size_t(i);
  return true;
}

// Result of -> / #> (as_text: ->> / #>>).
void result_value(sqlite3_context* ctx, const JsonValue* v, const std::string& src, bool jsonb, bool as_text) {
  if (!v) return sqlite3_result_null(ctx);
  if (as_text) {
    std::string out;
    if (!json_value_as_text(*v, jsonb ? std::string_view() : std::string_view(src), out)) return sqlite3_result_null(ctx);
    return result_text(ctx, out);
  }
  result_text(ctx, json_value_text(*v, src, jsonb));
}

// pg_json_field(doc, key, jsonb, as_text) and pg_json_index(doc, i, jsonb, as_text).
void json_field(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    bool jsonb = sqlite3_value_int(argv[2]), as_text = sqlite3_value_int(argv[3]);
    std::string src = text_of(argv[0]);
    JsonValue d = json_parse(src, jsonb);
    const JsonValue* v = nullptr;
    if (sqlite3_value_type(argv[1]) == SQLITE_INTEGER) {
      size_t i;
      int64_t n = sqlite3_value_int64(argv[1]);
      if (d.kind == JsonValue::Kind::Array && array_index(d, std::to_string(n), i)) v = &d.items[i];
      // a jsonb scalar is a one-element array to PostgreSQL's element access
      else if (jsonb && d.is_scalar() && (n == 0 || n == -1)) v = &d;
    } else if (d.kind == JsonValue::Kind::Object) {
      v = d.find(text_of(argv[1]));
    }
    result_value(ctx, v, src, jsonb, as_text);
  });
}

// pg_json_path(doc, path text[], jsonb, as_text).
void json_path(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    bool jsonb = sqlite3_value_int(argv[2]), as_text = sqlite3_value_int(argv[3]);
    std::string src = text_of(argv[0]);
    JsonValue d = json_parse(src, jsonb);
    ArrayValue path = array_from_storage(oid::kText, text_of(argv[1]));
    const JsonValue* v = &d;
    for (auto& step : path.items) {
      if (step.is_null()) return sqlite3_result_null(ctx);
      size_t i;
      if (v->kind == JsonValue::Kind::Object) v = v->find(step.s);
      else if (v->kind == JsonValue::Kind::Array && array_index(*v, step.s, i)) v = &v->items[i];
      else v = nullptr;
      if (!v) return sqlite3_result_null(ctx);
    }
    result_value(ctx, v, src, jsonb, as_text);
  });
}

void jsonb_contains_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, jsonb_contains(doc_of(argv[0], true), doc_of(argv[1], true)));
  });
}

void jsonb_cmp_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, jsonb_compare(doc_of(argv[0], true), doc_of(argv[1], true)));
  });
}

bool has_key(const JsonValue& d, const std::string& k) {
  if (d.kind == JsonValue::Kind::Object) return d.find(k) != nullptr;
  if (d.kind == JsonValue::Kind::Array) {
    for (auto& x : d.items)
      if (x.kind == JsonValue::Kind::String && x.text == k) return true;
    return false;
  }
  return d.kind == JsonValue::Kind::String && d.text == k;
}

// pg_jsonb_exists(doc, key) and pg_jsonb_exists_any/all(doc, text[]).
void jsonb_exists(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, has_key(doc_of(argv[0], true), text_of(argv[1])));
  });
}
template <bool All>
void jsonb_exists_many(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    JsonValue d = doc_of(argv[0], true);
    ArrayValue keys = array_from_storage(oid::kText, text_of(argv[1]));
    for (auto& k : keys.items) {
      if (k.is_null()) continue;
      bool hit = has_key(d, k.s);
      if (All && !hit) return sqlite3_result_int(ctx, 0);
      if (!All && hit) return sqlite3_result_int(ctx, 1);
    }
    sqlite3_result_int(ctx, All);
  });
}

// jsonb || jsonb: objects merge (right wins); otherwise both as arrays, concatenated.
void jsonb_concat(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    JsonValue a = doc_of(argv[0], true), b = doc_of(argv[1], true);
    if (a.kind == JsonValue::Kind::Object && b.kind == JsonValue::Kind::Object) {
      for (auto& m : b.members) a.members.push_back(m);
      return result_jsonb(ctx, a);
    }
    JsonValue r;
    r.kind = JsonValue::Kind::Array;
    for (JsonValue* x : {&a, &b}) {
      if (x->kind == JsonValue::Kind::Array) r.items.insert(r.items.end(), x->items.begin(), x->items.end());
      else r.items.push_back(*x);
    }
    result_jsonb(ctx, r);
  });
}

// jsonb - text, jsonb - text[], jsonb - int.
void jsonb_delete(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    JsonValue d = doc_of(argv[0], true);
    int mode = sqlite3_value_int(argv[2]);  // 0 key, 1 keys (text[]), 2 index
    if (d.is_scalar()) invalid("cannot delete from scalar");
    if (mode == 2) {
      if (d.kind == JsonValue::Kind::Object) invalid("cannot delete from object using integer index");
      size_t i;
      if (array_index(d, std::to_string(sqlite3_value_int64(argv[1])), i)) d.items.erase(d.items.begin() + long(i));
      return result_jsonb(ctx, d);
    }
    std::vector<std::string> keys;
    if (mode == 0) {
      keys.push_back(text_of(argv[1]));
    } else {
      for (auto& k : array_from_storage(oid::kText, text_of(argv[1])).items)
        if (!k.is_null()) keys.push_back(k.s);
    }
    auto doomed = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    if (d.kind == JsonValue::Kind::Object) {
      std::vector<JsonMember> keep;
      for (auto& m : d.members)
        if (!doomed(m.first)) keep.push_back(m);
      d.members = std::move(keep);
    } else {
      std::vector<JsonValue> keep;
      for (auto& x : d.items)
        if (!(x.kind == JsonValue::Kind::String && doomed(x.text))) keep.push_back(x);
      d.items = std::move(keep);
    }
    result_jsonb(ctx, d);
  });
}

const char* type_name(const JsonValue& v) {
  switch (v.kind) {
    case JsonValue::Kind::Object: return "object";
    case JsonValue::Kind::Array: return "array";
    case JsonValue::Kind::String: return "string";
    case JsonValue::Kind::Number: return "number";
    case JsonValue::Kind::True:
    case JsonValue::Kind::False: return "boolean";
    default: return "null";
  }
}

void json_typeof(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    result_text(ctx, type_name(doc_of(argv[0], sqlite3_value_int(argv[1]))));
  });
}

void json_array_length(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    JsonValue d = doc_of(argv[0], sqlite3_value_int(argv[1]));
    if (d.kind == JsonValue::Kind::Object) invalid("cannot get array length of a non-array");
    if (d.is_scalar()) invalid("cannot get array length of a scalar");
    sqlite3_result_int64(ctx, (int64_t)d.items.size());
  });
}

void jsonb_pretty(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    result_text(ctx, jsonb_pretty_text(doc_of(argv[0], true)));
  });
}

void strip_nulls(JsonValue& v) {
  if (v.kind == JsonValue::Kind::Object) {
    std::vector<JsonMember> keep;
    for (auto& m : v.members) {
      if (m.second.kind == JsonValue::Kind::Null) continue;
      strip_nulls(m.second);
      keep.push_back(std::move(m));
    }
    v.members = std::move(keep);
  } else if (v.kind == JsonValue::Kind::Array) {
    for (auto& x : v.items) strip_nulls(x);
  }
}

void jsonb_strip_nulls(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    JsonValue d = doc_of(argv[0], true);
    strip_nulls(d);
    result_jsonb(ctx, d);
  });
}

// json_strip_nulls: compact output (no whitespace), strings re-escaped, numbers as written.
void append_compact(const JsonValue& v, std::string& out) {
  switch (v.kind) {
    case JsonValue::Kind::Array:
      out += '[';
      for (size_t i = 0; i < v.items.size(); i++) {
        if (i) out += ',';
        append_compact(v.items[i], out);
      }
      out += ']';
      return;
    case JsonValue::Kind::Object:
      out += '{';
      for (size_t i = 0; i < v.members.size(); i++) {
        if (i) out += ',';
        json_escape(v.members[i].first, out);
        out += ':';
        append_compact(v.members[i].second, out);
      }
      out += '}';
      return;
    default: out += jsonb_to_text(v);
  }
}

void json_strip_nulls(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    JsonValue d = doc_of(argv[0], false);
    strip_nulls(d);
    std::string out;
    append_compact(d, out);
    result_text(ctx, out);
  });
}

// jsonb #- text[]: delete the value at a path.
void delete_path(JsonValue& v, const std::vector<std::string>& path, size_t level) {
  const std::string& step = path[level];
  bool last = level + 1 == path.size();
  if (v.kind == JsonValue::Kind::Object) {
    for (size_t i = 0; i < v.members.size(); i++) {
      if (v.members[i].first != step) continue;
      if (last) v.members.erase(v.members.begin() + long(i));
      else delete_path(v.members[i].second, path, level + 1);
      return;
    }
    return;
  }
  if (v.kind == JsonValue::Kind::Array) {
    char* end = nullptr;
    errno = 0;
    long long i = std::strtoll(step.c_str(), &end, 10);
    if (step.empty() || *end || errno)
      throw PgError(sqlstate::kInvalidTextRepresentation, "path element at position " + std::to_string(level + 1) +
                                                              " is not an integer: \"" + step + "\"");
    long long n = (long long)v.items.size();
    if (i < 0) i += n;
    if (i < 0 || i >= n) return;
    if (last) v.items.erase(v.items.begin() + long(i));
    else delete_path(v.items[size_t(i)], path, level + 1);
  }
}

void jsonb_delete_path(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    JsonValue d = doc_of(argv[0], true);
    std::vector<std::string> path;
    for (auto& p : array_from_storage(oid::kText, text_of(argv[1])).items) {
      if (p.is_null())
        throw PgError("22004", "path element at position " + std::to_string(path.size() + 1) + " is null");
      path.push_back(p.s);
    }
    if (d.is_scalar()) invalid("cannot delete path in scalar");
    bool empty = d.kind == JsonValue::Kind::Array ? d.items.empty() : d.members.empty();
    if (!path.empty() && !empty) delete_path(d, path, 0);  // an empty container is returned as is
    result_jsonb(ctx, d);
  });
}

// jsonb_set (insert = false) and jsonb_insert (insert = true) along a text[] path.
void set_path(JsonValue& v, const std::vector<std::string>& path, size_t level, const JsonValue& nv, bool create,
              bool insert, bool after) {
  const std::string& step = path[level];
  bool last = level + 1 == path.size();
  if (v.kind == JsonValue::Kind::Object) {
    for (auto& m : v.members) {
      if (m.first != step) continue;
      if (!last) return set_path(m.second, path, level + 1, nv, create, insert, after);
      if (insert) invalid("cannot replace existing key", "Try using the function jsonb_set to replace key value.");
      m.second = nv;
      return;
    }
    if (last && (create || insert)) v.members.emplace_back(step, nv);
    return;
  }
  if (v.kind == JsonValue::Kind::Array) {
    char* end = nullptr;
    errno = 0;
    long long i = std::strtoll(step.c_str(), &end, 10);
    if (step.empty() || *end || errno)
      throw PgError(sqlstate::kInvalidTextRepresentation, "path element at position " + std::to_string(level + 1) +
                                                              " is not an integer: \"" + step + "\"");
    long long n = (long long)v.items.size();
    if (i < 0) i += n;
    if (i < 0 || i >= n) {
      if (last && (create || insert)) {
        if (i < 0) v.items.insert(v.items.begin(), nv);
        else v.items.push_back(nv);
      }
      return;
    }
    if (!last) return set_path(v.items[size_t(i)], path, level + 1, nv, create, insert, after);
    if (insert) v.items.insert(v.items.begin() + long(i) + (after ? 1 : 0), nv);
    else v.items[size_t(i)] = nv;
  }
}

// pg_jsonb_set(doc, path, new, create_missing, mode): mode 0 jsonb_set, 1 jsonb_insert.
void jsonb_set(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 0; i < 4; i++)
      if (is_null(argv[i])) return sqlite3_result_null(ctx);
    JsonValue d = doc_of(argv[0], true), nv = doc_of(argv[2], true);
    bool flag = sqlite3_value_int(argv[3]) != 0, insert = sqlite3_value_int(argv[4]) != 0;
    std::vector<std::string> path;
    for (auto& p : array_from_storage(oid::kText, text_of(argv[1])).items) {
      if (p.is_null())
        throw PgError("22004", "path element at position " + std::to_string(path.size() + 1) + " is null");
      path.push_back(p.s);
    }
    if (d.is_scalar()) invalid("cannot set path in scalar");
    if (!path.empty()) set_path(d, path, 0, nv, insert ? false : flag, insert, insert && flag);
    result_jsonb(ctx, d);
  });
}

bool valid_json_number(const std::string& s) {
  try {
    JsonValue v = json_parse(s, false);
    return v.kind == JsonValue::Kind::Number;
  } catch (const PgError&) {
    return false;
  }
}

}  // namespace

// to_json of one stored value of `type` (PostgreSQL's datum_to_json).
void value_to_json(Oid type, const Datum& d, std::string& out) {
  if (d.is_null()) { out += "null"; return; }
  if (is_row_type(type)) return record_to_json(row_type_fields(type, -1), d.s, out);
  if (Oid elem = array_element_type(type)) {
    ArrayValue a = array_from_storage(elem, d.kind == Datum::Kind::Text ? d.s : type_output(type, d));
    if (a.empty()) { out += "[]"; return; }
    // nested brackets per dimension, compact (array_to_json)
    std::vector<int> idx(a.dims.size(), 0);
    size_t k = 0;
    std::function<void(size_t)> dim = [&](size_t level) {
      out += '[';
      for (int i = 0; i < a.dims[level]; i++) {
        if (i) out += ',';
        if (level + 1 == a.dims.size()) value_to_json(elem, a.items[k++], out);
        else dim(level + 1);
      }
      out += ']';
    };
    dim(0);
    return;
  }
  switch (type) {
    case oid::kBool: out += type_output(type, d) == "t" ? "true" : "false"; return;
    case oid::kInt2:
    case oid::kInt4:
    case oid::kInt8:
    case oid::kOid:
    case oid::kFloat4:
    case oid::kFloat8:
    case oid::kNumeric: {
      std::string t = type_output(type, d);
      if (valid_json_number(t)) out += t;
      else json_escape(t, out);
      return;
    }
    case oid::kJson:
    case oid::kJsonb: out += type_output(type, d); return;
    case oid::kTimestamp:
    case oid::kTimestamptz: {
      std::string t = type_output(type, d);
      if (t.size() > 10 && t[10] == ' ') t[10] = 'T';
      if (type == oid::kTimestamptz && t.size() >= 3 && (t[t.size() - 3] == '+' || t[t.size() - 3] == '-')) t += ":00";
      json_escape(t, out);
      return;
    }
    default: json_escape(type_output(type, d), out); return;
  }
}

namespace {

// pg_to_json(value, type) and pg_to_jsonb(value, type).
template <bool Jsonb>
void to_json(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    std::string s;
    value_to_json(static_cast<Oid>(sqlite3_value_int64(argv[1])), Datum::from_sqlite(argv[0]), s);
    if (!Jsonb) return result_text(ctx, s);
    result_jsonb(ctx, json_parse(s, true));
  });
}

// pg_json_build_object(kind, k1, v1, ...): keys as text, values as json text (NULL = null);
// kind 0 json_build_object, 1 jsonb_build_object, 2 row_to_json (compact: {"a":1,"b":2}).
void json_build_object(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    int kind = sqlite3_value_int(argv[0]);
    bool jsonb = kind == 1;
    std::string out = "{";
    for (int i = 1; i + 1 < argc; i += 2) {
      if (is_null(argv[i]) && jsonb)
        throw PgError(sqlstate::kInvalidParameterValue, "argument " + std::to_string(i) + ": key must not be null");
      if (is_null(argv[i]))
        throw PgError(sqlstate::kInvalidParameterValue, "argument " + std::to_string(i) + " cannot be null", "",
                      "Object keys should be text.");
      if (i > 1) out += kind == 2 ? "," : ", ";
      json_escape(text_of(argv[i]), out);
      out += kind == 2 ? ":" : " : ";
      out += is_null(argv[i + 1]) ? "null" : text_of(argv[i + 1]);
    }
    out += "}";
    if (!jsonb) return result_text(ctx, out);
    result_jsonb(ctx, json_parse(out, true));
  });
}

void json_build_array(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    bool jsonb = sqlite3_value_int(argv[0]);
    std::string out = "[";
    for (int i = 1; i < argc; i++) {
      if (i > 1) out += ", ";
      out += is_null(argv[i]) ? "null" : text_of(argv[i]);
    }
    out += "]";
    if (!jsonb) return result_text(ctx, out);
    result_jsonb(ctx, json_parse(out, true));
  });
}

// Aggregates: json_agg/jsonb_agg over json text values, json(b)_object_agg over (key, json).
struct JsonAggState {
  std::deque<std::string> parts;  // per row: the value's json text, or "key : value"; "" for NULL
  std::deque<bool> nulls;
};

template <bool Jsonb, bool Object, bool Newline = false>
void json_agg_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto** slot = static_cast<JsonAggState**>(sqlite3_aggregate_context(ctx, sizeof(JsonAggState*)));
  if (!slot) return sqlite3_result_error_nomem(ctx);
  guarded(ctx, [&] {
    if (!*slot) *slot = new JsonAggState();
    JsonAggState& st = **slot;
    std::string part;
    if (Object) {
      if (is_null(argv[0])) throw PgError(sqlstate::kInvalidParameterValue, "field name must not be null");
      json_escape(text_of(argv[0]), part);
      part += " : ";
      part += is_null(argv[1]) ? "null" : text_of(argv[1]);
    } else {
      part = is_null(argv[0]) ? "null" : text_of(argv[0]);
    }
    st.parts.push_back(std::move(part));
    st.nulls.push_back(!Object && is_null(argv[0]));
  });
}

template <bool Jsonb, bool Object, bool Newline = false>
void json_agg_emit(sqlite3_context* ctx, const JsonAggState* st) {
  if (!st || st->parts.empty()) return sqlite3_result_null(ctx);
  std::string out = Object ? "{ " : "[";
  for (size_t i = 0; i < st->parts.size(); i++) {
    if (i) out += ", ";
    // json_agg puts "\n " before each array or row after the first
    if (Newline && i && !st->nulls[i]) out += "\n ";
    out += st->parts[i];
  }
  out += Object ? " }" : "]";
  if (!Jsonb) return result_text(ctx, out);
  result_jsonb(ctx, json_parse(out, true));
}

template <bool Jsonb, bool Object, bool Newline = false>
void json_agg_final(sqlite3_context* ctx) {
  auto** slot = static_cast<JsonAggState**>(sqlite3_aggregate_context(ctx, 0));
  std::unique_ptr<JsonAggState> st(slot ? *slot : nullptr);
  if (slot) *slot = nullptr;
  guarded(ctx, [&] { json_agg_emit<Jsonb, Object, Newline>(ctx, st.get()); });
}

template <bool Jsonb, bool Object, bool Newline = false>
void json_agg_value(sqlite3_context* ctx) {
  auto** slot = static_cast<JsonAggState**>(sqlite3_aggregate_context(ctx, 0));
  guarded(ctx, [&] { json_agg_emit<Jsonb, Object, Newline>(ctx, slot ? *slot : nullptr); });
}

void json_agg_inverse(sqlite3_context* ctx, int, sqlite3_value**) {
  auto** slot = static_cast<JsonAggState**>(sqlite3_aggregate_context(ctx, 0));
  if (slot && *slot && !(*slot)->parts.empty()) {
    (*slot)->parts.pop_front();
    (*slot)->nulls.pop_front();
  }
}

// pg_json_from(doc, jsonb): json -> jsonb (normalise) as a cast.
void jsonb_from_json(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    result_jsonb(ctx, doc_of(argv[0], true));
  });
}

// pg_jsonb_to_scalar(doc, type): jsonb number -> numeric types, boolean -> bool (jsonb_int4 ...).
void jsonb_to_scalar(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    Oid target = static_cast<Oid>(sqlite3_value_int64(argv[1]));
    JsonValue d = doc_of(argv[0], true);
    bool want_bool = target == oid::kBool;
    bool ok = want_bool ? (d.kind == JsonValue::Kind::True || d.kind == JsonValue::Kind::False) : d.kind == JsonValue::Kind::Number;
    if (!ok) {
      const char* kind = d.kind == JsonValue::Kind::Object ? "object" : d.kind == JsonValue::Kind::Array ? "array"
                       : d.kind == JsonValue::Kind::String ? "string" : d.kind == JsonValue::Kind::Number ? "numeric"
                       : d.kind == JsonValue::Kind::Null ? "null" : "boolean";
      throw PgError(sqlstate::kInvalidParameterValue,
                    std::string("cannot cast jsonb ") + kind + " to type " + format_type_name(target, -1));
    }
    if (want_bool) return sqlite3_result_int(ctx, d.kind == JsonValue::Kind::True);
    Numeric n = Numeric::parse(d.text);
    switch (target) {
      case oid::kInt2: return sqlite3_result_int64(ctx, n.to_int64(16));
      case oid::kInt4: return sqlite3_result_int64(ctx, n.to_int64(32));
      case oid::kInt8: return sqlite3_result_int64(ctx, n.to_int64(64));
      case oid::kFloat4: return float_datum(double(n.to_float())).to_sqlite_result(ctx);
      case oid::kFloat8: return float_datum(n.to_double()).to_sqlite_result(ctx);
      default: {
        std::string b = n.encode();
        sqlite3_result_blob64(ctx, b.data(), b.size(), SQLITE_TRANSIENT);
      }
    }
  });
}

// Collation pg_jsonb: PostgreSQL's jsonb order for ORDER BY (stored text is jsonb output).
int collate_jsonb(void*, int n1, const void* p1, int n2, const void* p2) {
  std::string_view a(static_cast<const char*>(p1), size_t(n1)), b(static_cast<const char*>(p2), size_t(n2));
  try {
    return jsonb_compare(json_parse(a, true), json_parse(b, true));
  } catch (...) {
    int c = a.compare(b);
    return c < 0 ? -1 : c > 0;
  }
}

}  // namespace

void register_json_object_functions(sqlite3* db, RuntimeContext* rc);  // json_object_functions.cpp
void register_jsonb_subscript_functions(sqlite3* db, RuntimeContext* rc);  // jsonb_subscript_functions.cpp
void register_jsonpath_functions(sqlite3* db, RuntimeContext* rc);  // jsonpath_functions.cpp
void register_tsearch_functions(sqlite3* db, RuntimeContext* rc);  // tsearch_functions.cpp
void register_geo_functions(sqlite3* db, RuntimeContext* rc);  // geo_functions.cpp
void register_inet_functions(sqlite3* db, RuntimeContext* rc);  // inet_functions.cpp

void register_json_functions(sqlite3* db, RuntimeContext* rc) {
  register_json_object_functions(db, rc);
  register_jsonb_subscript_functions(db, rc);
  register_jsonpath_functions(db, rc);
  register_tsearch_functions(db, rc);
  register_geo_functions(db, rc);
  register_inet_functions(db, rc);
  sqlite3_create_collation_v2(db, "pg_jsonb", SQLITE_UTF8, nullptr, collate_jsonb, nullptr);
  struct F { const char* name; int n; Fn fn; };
  static const F fns[] = {
      {"pg_json_field", 4, json_field},
      {"pg_json_path", 4, json_path},
      {"pg_jsonb_contains", 2, jsonb_contains_fn},
      {"pg_jsonb_cmp", 2, jsonb_cmp_fn},
      {"pg_jsonb_exists", 2, jsonb_exists},
      {"pg_jsonb_exists_any", 2, jsonb_exists_many<false>},
      {"pg_jsonb_exists_all", 2, jsonb_exists_many<true>},
      {"pg_jsonb_concat", 2, jsonb_concat},
      {"pg_jsonb_delete", 3, jsonb_delete},
      {"pg_json_typeof", 2, json_typeof},
      {"pg_json_array_length", 2, json_array_length},
      {"pg_jsonb_pretty", 1, jsonb_pretty},
      {"pg_jsonb_strip_nulls", 1, jsonb_strip_nulls},
      {"pg_json_strip_nulls", 1, json_strip_nulls},
      {"pg_jsonb_delete_path", 2, jsonb_delete_path},
      {"pg_jsonb_set", 5, jsonb_set},
      {"pg_to_json", 2, to_json<false>},
      {"pg_to_jsonb", 2, to_json<true>},
      {"pg_json_build_object", -1, json_build_object},
      {"pg_json_build_array", -1, json_build_array},
      {"pg_jsonb_from_json", 1, jsonb_from_json},
      {"pg_jsonb_to_scalar", 2, jsonb_to_scalar},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
  struct Agg { const char* name; int n; Fn step; void (*final)(sqlite3_context*); void (*value)(sqlite3_context*); };
  static const Agg aggs[] = {
      {"pg_json_agg", 1, json_agg_step<false, false>, json_agg_final<false, false>, json_agg_value<false, false>},
      {"pg_json_agg_nl", 1, json_agg_step<false, false, true>, json_agg_final<false, false, true>,
       json_agg_value<false, false, true>},
      {"pg_jsonb_agg", 1, json_agg_step<true, false>, json_agg_final<true, false>, json_agg_value<true, false>},
      {"pg_json_object_agg", 2, json_agg_step<false, true>, json_agg_final<false, true>, json_agg_value<false, true>},
      {"pg_jsonb_object_agg", 2, json_agg_step<true, true>, json_agg_final<true, true>, json_agg_value<true, true>},
  };
  for (auto& a : aggs)
    sqlite3_create_window_function(db, a.name, a.n, SQLITE_UTF8, rc, a.step, a.final, a.value, json_agg_inverse, nullptr);
}

}  // namespace pgmicro
