// json and jsonb: PostgreSQL 15's JSON parser (its lexer's tokens and error details, with the
// "JSON data, line N: ..." context), a value tree, jsonb's normalisation (keys ordered by
// length then bytes, the last duplicate key wins, numbers as numeric) and the output forms
// PostgreSQL prints. Storage is the text form: json keeps its input text, jsonb its output.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgmicro {

struct JsonMember;  // an object's key and value (below)

struct JsonValue {
  // Datetime exists only inside jsonpath execution (types/jsonpath_datetime.h: the result of
  // .datetime(), its fields encoded in `text`); it leaves the executor as a String.
  enum class Kind : unsigned char { Null, False, True, Number, String, Array, Object, Datetime };
  Kind kind = Kind::Null;
  std::string text;                                         // Number: as written; String: decoded
  std::vector<JsonValue> items;                             // Array
  std::vector<JsonMember> members;                          // Object
  size_t start = 0, end = 0;                                // source span (json's -> returns it)

  // Defined after the class: clang with libstdc++ 12 cannot instantiate the member vectors
  // while JsonValue is still incomplete (hence also JsonMember rather than std::pair).
  static JsonValue null();
  static JsonValue boolean(bool b);
  static JsonValue number(std::string t);
  static JsonValue string(std::string t);
  bool is_scalar() const { return kind != Kind::Array && kind != Kind::Object; }
  // The value of key (the last one among duplicates), or nullptr.
  const JsonValue* find(std::string_view key) const;
};

// Like std::pair<std::string, JsonValue> (first = key, second = value).
struct JsonMember {
  std::string first;
  JsonValue second;
  JsonMember() = default;
  JsonMember(std::string k, JsonValue v) : first(std::move(k)), second(std::move(v)) {}
};

inline JsonValue JsonValue::null() { return {}; }
inline JsonValue JsonValue::boolean(bool b) { JsonValue v; v.kind = b ? Kind::True : Kind::False; return v; }
inline JsonValue JsonValue::number(std::string t) { JsonValue v; v.kind = Kind::Number; v.text = std::move(t); return v; }
inline JsonValue JsonValue::string(std::string t) { JsonValue v; v.kind = Kind::String; v.text = std::move(t); return v; }

// json_in / jsonb_in parsing. `for_jsonb` rejects \u0000 (22P05) as jsonb does. Errors are
// 22P02 "invalid input syntax for type json" with PostgreSQL's DETAIL and CONTEXT.
JsonValue json_parse(std::string_view text, bool for_jsonb);

// The session's max_stack_depth as SHOW prints it ("100kB", "2MB"), set before each statement:
// the "stack depth limit exceeded" HINT names it. stack_depth_hint() is that HINT.
void set_max_stack_depth_setting(const std::string& shown);
std::string stack_depth_hint();

// jsonb normalisation of a parsed or built value (sorts and dedupes keys, canonical numbers).
void jsonb_normalize(JsonValue& v);

// jsonb_out: {"a": 1, "b": [1, 2]}.
std::string jsonb_to_text(const JsonValue& v);
// jsonb_pretty's indented form.
std::string jsonb_pretty_text(const JsonValue& v);
// A JSON string literal with PostgreSQL's escape_json rules.
void json_escape(std::string_view s, std::string& out);
// The text a ->> or #>> gives for a value: strings unquoted, null as SQL NULL (false), other
// values as jsonb prints them; for json (`source` non-empty) the source text of the value.
bool json_value_as_text(const JsonValue& v, std::string_view source, std::string& out);
// The text of a value as a json result (-> on json: the source span; jsonb: jsonb_to_text).
std::string json_value_text(const JsonValue& v, std::string_view source, bool jsonb);

// jsonb ordering (PostgreSQL's compareJsonbContainers), and @> containment.
int jsonb_compare(const JsonValue& a, const JsonValue& b);
bool jsonb_contains(const JsonValue& a, const JsonValue& b);

// The size of PostgreSQL's binary jsonb datum for a value (pg_column_size; jsonpath_exec.cpp
// holds the layout, which .keyvalue() ids use too).
size_t jsonb_binary_size(const JsonValue& v);

}  // namespace pgmicro
