// Base types over built-in I/O (base_types.h): internal function names, physical
// compatibility and bit reinterpretation for binary-coercible casts.
#include "types/base_types.h"
#include <cstring>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "types/type_families.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {
const InternalFunction kInternal[] = {
    {"boolin", oid::kBool, 'i'},      {"boolout", oid::kBool, 'o'},
    {"int2in", oid::kInt2, 'i'},      {"int2out", oid::kInt2, 'o'},
    {"int4in", oid::kInt4, 'i'},      {"int4out", oid::kInt4, 'o'},
    {"int8in", oid::kInt8, 'i'},      {"int8out", oid::kInt8, 'o'},
    {"oidin", oid::kOid, 'i'},        {"oidout", oid::kOid, 'o'},
    {"float4in", oid::kFloat4, 'i'},  {"float4out", oid::kFloat4, 'o'},
    {"float8in", oid::kFloat8, 'i'},  {"float8out", oid::kFloat8, 'o'},
    {"textin", oid::kText, 'i'},      {"textout", oid::kText, 'o'},
    {"varcharin", oid::kVarchar, 'i'}, {"varcharout", oid::kVarchar, 'o'},
    {"numeric_in", oid::kNumeric, 'i'}, {"numeric_out", oid::kNumeric, 'o'},
    {"date_in", oid::kDate, 'i'},     {"date_out", oid::kDate, 'o'},
    {"hashint2", oid::kInt2, 'h'},    {"hashint4", oid::kInt4, 'h'},
    {"hashint8", oid::kInt8, 'h'},    {"hashoid", oid::kOid, 'h'},
    {"hashfloat4", oid::kFloat4, 'h'}, {"hashfloat8", oid::kFloat8, 'h'},
    {"hashtext", oid::kText, 'h'},    {"hash_numeric", oid::kNumeric, 'h'},
};

bool is_int_storage(Oid t) { return t == oid::kInt2 || t == oid::kInt4 || t == oid::kInt8 || t == oid::kOid; }
bool is_real_storage(Oid t) { return t == oid::kFloat4 || t == oid::kFloat8; }
}  // namespace

const InternalFunction* find_internal_function(std::string_view name) {
  for (auto& f : kInternal)
    if (name == f.name) return &f;
  return nullptr;
}

std::string internal_function_source(const std::string& text) {
  if (text.find("internal") == std::string::npos && text.find("INTERNAL") == std::string::npos) return "";
  ParsedScript ps(text);
  if (ps.statements().empty() || !IsA(ps.statements()[0].raw->stmt, CreateFunctionStmt)) return "";
  auto* cf = reinterpret_cast<CreateFunctionStmt*>(ps.statements()[0].raw->stmt);
  std::string language, src;
  for_each_node(cf->options, [&](Node* o) {
    auto* d = reinterpret_cast<DefElem*>(o);
    if (std::strcmp(d->defname, "language") == 0) language = node_string(d->arg);
    if (std::strcmp(d->defname, "as") == 0 && IsA(d->arg, List) && list_size(reinterpret_cast<List*>(d->arg)))
      src = node_string(list_at(reinterpret_cast<List*>(d->arg), 0));
  });
  return language == "internal" ? src : "";
}

Oid physical_type(Oid type) {
  const UserType* u = find_user_type(type);
  return u && u->kind == 'b' ? u->base : type;
}

bool physically_compatible(Oid source, Oid target) {
  Oid s = physical_type(source), t = physical_type(target);
  if (s == t) return true;
  const TypeInfo* a = find_type(s);
  const TypeInfo* b = find_type(t);
  if (!a || !b || a->typlen != b->typlen) return false;
  if (a->typlen > 0) return (is_int_storage(s) || is_real_storage(s)) && (is_int_storage(t) || is_real_storage(t));
  return a->storage == Storage::Text && b->storage == Storage::Text && !a->elem && !b->elem;
}

std::string binary_cast_template(Oid source, Oid target) {
  Oid s = physical_type(source), t = physical_type(target);
  if (s == t || (find_type(s) && find_type(s)->typlen < 0)) return "$1";
  return "pg_reinterpret($1, " + std::to_string(s) + ", " + std::to_string(t) + ")";
}

Datum reinterpret_datum(const Datum& v, Oid from, Oid to) {
  if (v.is_null() || from == to) return v;
  const TypeInfo* a = find_type(from);
  if (!a || a->typlen < 0) return v;
  // The value's bits, as PostgreSQL's Datum of `from` holds them.
  uint64_t bits = 0;
  if (is_int_storage(from)) {
    int64_t i = v.kind == Datum::Kind::Int ? v.i : v.kind == Datum::Kind::Real ? int64_t(v.r) : std::stoll(v.s);
    bits = uint64_t(i);
  } else {
    double d = 0;
    datum_to_double(v, d);
    if (from == oid::kFloat4) {
      float f = float(d);
      uint32_t u;
      std::memcpy(&u, &f, 4);
      bits = u;
    } else {
      std::memcpy(&bits, &d, 8);
    }
  }
  switch (to) {
    case oid::kInt2: return Datum::integer(int16_t(bits));
    case oid::kInt4: return Datum::integer(int32_t(bits));
    case oid::kOid: return Datum::integer(uint32_t(bits));
    case oid::kInt8: return Datum::integer(int64_t(bits));
    case oid::kFloat4: {
      uint32_t u = uint32_t(bits);
      float f;
      std::memcpy(&f, &u, 4);
      return float_datum(double(f));
    }
    case oid::kFloat8: {
      double d;
      std::memcpy(&d, &bits, 8);
      return float_datum(d);
    }
    default: return v;
  }
}

}  // namespace pgmicro
