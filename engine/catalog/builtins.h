// Built-in operators, functions, aggregates and casts as data (PostgreSQL's pg_operator,
// pg_proc, pg_aggregate and pg_cast, restricted to what pgmicro implements). Overload
// resolution (analyze/resolve.cpp) reads these tables. A template says how a resolved
// call is lowered: $1..$n are the lowered arguments (see lower/lower_expr.cpp).
#pragma once
#include <cstddef>
#include "types/types.h"

namespace pgmicro {

struct OperatorDef {
  const char* name;
  Oid left;    // 0 for a prefix operator
  Oid right;
  Oid result;
  const char* templ;
};

inline constexpr int kMaxFuncArgs = 8;  // regexp_instr has 7 parameters

struct FunctionDef {
  const char* name;
  int nargs;
  Oid args[kMaxFuncArgs];
  Oid result;        // 0: same type (and typmod) as the first argument
  const char* templ;
  bool is_agg;
  bool is_volatile;
  // The last parameter is VARIADIC "any": args[nargs-1] is oid::kAny and it takes one or
  // more actual arguments of any type, each passed as its type's text output. The template
  // says "$*" for the whole argument list. (A non-variadic oid::kAnyElement parameter takes
  // any type too, converted to text as a cast would.) See Analyzer::resolve_function.
  bool variadic_any;
  // A set-returning function: usable in FROM only; the template names an eponymous table
  // function of runtime/table_functions.cpp (columns value, ordinality).
  bool returns_set = false;
  // A set-returning function with several output columns: "name typeoid,name typeoid".
  const char* columns = nullptr;
};

enum class CastContext : char { Implicit = 'i', Assignment = 'a', Explicit = 'e' };

struct CastDef {
  Oid source, target;
  CastContext context;
  const char* templ;  // "$1" when binary compatible
};

struct BuiltinSpan {
  template <class T> struct S { const T* data; size_t size; const T* begin() const { return data; } const T* end() const { return data + size; } };
};
// Every built-in, gathered once from the per-family tables below.
BuiltinSpan::S<OperatorDef> builtin_operators();
BuiltinSpan::S<FunctionDef> builtin_functions();
BuiltinSpan::S<CastDef> builtin_casts();

// Per-family tables (one file each: builtins.cpp holds the core numeric/comparison set,
// builtins_text.cpp the string library, ...). Each returns its own array.
BuiltinSpan::S<OperatorDef> core_operators();
BuiltinSpan::S<FunctionDef> core_functions();
BuiltinSpan::S<CastDef> core_casts();
BuiltinSpan::S<OperatorDef> text_operators();
BuiltinSpan::S<FunctionDef> text_functions();
BuiltinSpan::S<OperatorDef> datetime_operators();
BuiltinSpan::S<FunctionDef> datetime_functions();
BuiltinSpan::S<CastDef> datetime_casts();
BuiltinSpan::S<OperatorDef> array_operators();
BuiltinSpan::S<FunctionDef> array_functions();
BuiltinSpan::S<OperatorDef> json_operators();
BuiltinSpan::S<FunctionDef> json_functions();
BuiltinSpan::S<CastDef> json_casts();
BuiltinSpan::S<FunctionDef> tsearch_functions();  // builtins_tsearch.cpp
BuiltinSpan::S<FunctionDef> hash_functions();     // builtins_hash.cpp
bool hash_partition_key_type_supported(Oid type);  // builtins_hash.cpp
BuiltinSpan::S<OperatorDef> regex_operators();
BuiltinSpan::S<FunctionDef> regex_functions();
BuiltinSpan::S<FunctionDef> formatting_functions();
BuiltinSpan::S<OperatorDef> enum_operators();
BuiltinSpan::S<FunctionDef> enum_functions();
BuiltinSpan::S<OperatorDef> math_operators();  // builtins_math.cpp
BuiltinSpan::S<FunctionDef> math_functions();
BuiltinSpan::S<OperatorDef> catalog_operators();  // builtins_catalog.cpp (oid, reg*, name)
BuiltinSpan::S<FunctionDef> catalog_functions();
BuiltinSpan::S<CastDef> catalog_casts();
BuiltinSpan::S<FunctionDef> statistics_functions();  // builtins_statistics.cpp
BuiltinSpan::S<OperatorDef> geo_operators();  // builtins_geo.cpp (point, lseg, line, box, path, polygon, circle)
BuiltinSpan::S<FunctionDef> geo_functions();
BuiltinSpan::S<CastDef> geo_casts();
BuiltinSpan::S<OperatorDef> inet_operators();  // builtins_inet.cpp (inet, cidr)
BuiltinSpan::S<FunctionDef> inet_functions();
BuiltinSpan::S<CastDef> inet_casts();

}  // namespace pgmicro
