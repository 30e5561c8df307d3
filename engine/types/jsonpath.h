// jsonpath (PostgreSQL 15's SQL/JSON path language): the parsed item tree, the parser
// (jsonpath_in's grammar and 42601 errors, numeric literals folded, @ and LAST checks), the
// printer (jsonpath_out's normalised text, which is also the storage form) and the executor
// (jsonpath_exec.cpp: lax/strict modes, accessors, filters, predicates, arithmetic, item
// methods, like_regex with engine/regex, variables, silent mode).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "types/json.h"

namespace pgmicro {

struct JsonPathItem;
using JsonPathPtr = std::shared_ptr<JsonPathItem>;

struct JsonPathItem {
  enum class Type {
    Null, String, Numeric, Bool, And, Or, Not, IsUnknown, Equal, NotEqual, Less, Greater, LessOrEqual,
    GreaterOrEqual, Add, Sub, Mul, Div, Mod, Plus, Minus, AnyArray, AnyKey, IndexArray, Any, Key, Current, Root,
    Variable, Filter, Exists, TypeMethod, Size, Abs, Floor, Ceiling, Double, Datetime, KeyValue, Last, StartsWith,
    LikeRegex
  };
  Type type = Type::Null;
  std::string str;       // String, Key, Variable: the text; Numeric: numeric_out; LikeRegex: pattern;
                         // Datetime: template
  bool boolean = false;  // Bool; Datetime: has a template
  unsigned regex_flags = 0;  // LikeRegex: kFlag* below
  JsonPathPtr left, right;   // binary operators; unary operators, filters, exists: left
  std::vector<std::pair<JsonPathPtr, JsonPathPtr>> subscripts;  // IndexArray: from, to (or null)
  uint32_t first = 0, last = 0;  // Any: levels (UINT32_MAX = last)
  JsonPathPtr next;
};

enum : unsigned { kJspFlagI = 1, kJspFlagS = 2, kJspFlagM = 4, kJspFlagX = 8, kJspFlagQ = 16 };

struct JsonPath {
  bool lax = true;
  JsonPathPtr root;  // null for an empty path (an error at execution, as in PostgreSQL)
};

// jsonpath_in: throws 42601 "syntax error at or near ..." and the other input errors.
JsonPath jsonpath_parse(std::string_view text);
// jsonpath_out.
std::string jsonpath_to_text(const JsonPath& p);

// Execution (jsonpath_exec.cpp). `vars` may be null. With `silent`, errors of the path (not
// those of the arguments) give Error instead of throwing.
enum class JsonPathResult { Ok, NotFound, Error };
// `use_tz` is set by the *_tz functions: datetime comparisons may then convert between types
// with and without time zone in the session TimeZone.
JsonPathResult jsonpath_execute(const JsonPath& p, const JsonValue& doc, const JsonValue* vars, bool silent,
                                std::vector<JsonValue>* found, bool use_tz = false);

}  // namespace pgmicro
