// jsonb subscripting at run time: pg_jsonb_subscript(doc, sub...) fetches (jsonb_get_element:
// keys in objects, integers in arrays, NULL otherwise) and pg_jsonb_subscript_set(doc, value,
// expect_array, sub...) assigns with PostgreSQL 14+'s rules: missing keys and containers are
// created (an integer-looking step makes an array), array gaps are filled with nulls, a step
// into a scalar and a negative index before the start are errors.
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <string>
#include <vector>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "types/json.h"

namespace pgmicro {

namespace {

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }

// strtoint: the whole step as a 32-bit integer.
bool step_int(const std::string& s, int& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (*end || errno || v < INT_MIN || v > INT_MAX) return false;
  out = int(v);
  return true;
}

void pg_jsonb_subscript(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 0; i < argc; i++)
      if (is_null(argv[i])) return sqlite3_result_null(ctx);
    JsonValue d = json_parse(text_of(argv[0]), true);
    const JsonValue* v = &d;
    for (int a = 1; a < argc && v; a++) {
      std::string step = text_of(argv[a]);
      int i;
      if (v->kind == JsonValue::Kind::Object) {
        v = v->find(step);
      } else if (v->kind == JsonValue::Kind::Array && step_int(step, i)) {
        long n = long(v->items.size());
        long k = i < 0 ? i + n : i;
        v = k >= 0 && k < n ? &v->items[size_t(k)] : nullptr;
      } else {
        v = nullptr;
      }
    }
    if (!v) return sqlite3_result_null(ctx);
    result_text(ctx, jsonb_to_text(*v));
  });
}

struct Assign {
  std::vector<std::string> path;
  JsonValue value;

  [[noreturn]] static void scalar_error() {
    throw PgError(sqlstate::kInvalidParameterValue, "cannot replace existing key",
                  "The path assumes key is a composite object, but it is a scalar value.");
  }
  static void push_nulls(JsonValue& arr, long n) {
    for (long i = 0; i < n; i++) arr.items.push_back(JsonValue::null());
  }
  // The new containers for path[level..] holding the value (PostgreSQL's push_path).
  JsonValue make(size_t level) const {
    if (level == path.size()) return value;
    JsonValue c;
    int i;
    if (step_int(path[level], i)) {
      c.kind = JsonValue::Kind::Array;
      push_nulls(c, i);
      c.items.push_back(make(level + 1));
    } else {
      c.kind = JsonValue::Kind::Object;
      c.members.emplace_back(path[level], make(level + 1));
    }
    return c;
  }
  void set(JsonValue& v, size_t level) const {
    if (v.is_scalar()) scalar_error();
    bool last = level + 1 == path.size();
    const std::string& step = path[level];
    if (v.kind == JsonValue::Kind::Object) {
      for (auto& m : v.members) {
        if (m.first != step) continue;
        if (last) m.second = value;
        else set(m.second, level + 1);
        return;
      }
      v.members.emplace_back(step, last ? value : make(level + 1));
      return;
    }
    int idx;
    if (!step_int(step, idx))
      throw PgError(sqlstate::kInvalidTextRepresentation,
                    "path element at position " + std::to_string(level + 1) + " is not an integer: \"" + step + "\"");
    long n = long(v.items.size()), k = idx;
    if (k < 0) {
      if (-k > n)
        throw PgError(sqlstate::kInvalidParameterValue, "path element at position " + std::to_string(level + 1) +
                                                            " is out of range: " + std::to_string(idx));
      k += n;
    }
    if (k < n) {
      if (last) v.items[size_t(k)] = value;
      else set(v.items[size_t(k)], level + 1);
      return;
    }
    push_nulls(v, k - n);
    v.items.push_back(last ? value : make(level + 1));
  }
};

// pg_jsonb_subscript_set(doc, value, expect_array, sub...).
void pg_jsonb_subscript_set(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    Assign a;
    for (int i = 3; i < argc; i++) {
      if (is_null(argv[i])) throw PgError("22004", "jsonb subscript in assignment must not be null");
      a.path.push_back(text_of(argv[i]));
    }
    JsonValue d;
    if (is_null(argv[0])) d.kind = sqlite3_value_int(argv[2]) ? JsonValue::Kind::Array : JsonValue::Kind::Object;
    else d = json_parse(text_of(argv[0]), true);
    if (!is_null(argv[1])) a.value = json_parse(text_of(argv[1]), true);
    a.set(d, 0);
    jsonb_normalize(d);
    result_text(ctx, jsonb_to_text(d));
  });
}

}  // namespace

void register_jsonb_subscript_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_jsonb_subscript", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, pg_jsonb_subscript,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_jsonb_subscript_set", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc,
                             pg_jsonb_subscript_set, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
