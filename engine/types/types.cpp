// The type table: one row per supported PostgreSQL type (values from pg_type.dat).
#include "types/types.h"
#include <cstring>
#include "types/reg_types.h"
#include "types/user_types.h"
#include "types/money.h"

namespace pgmicro {

static const TypeInfo kTypes[] = {
    {oid::kBool, "bool", "boolean", 'B', true, Storage::Integer, 1},
    {oid::kBytea, "bytea", "bytea", 'U', false, Storage::Blob, -1},
    {oid::kChar, "char", "\"char\"", 'Z', false, Storage::Text, 1},
    {oid::kName, "name", "name", 'S', false, Storage::Text, 64},
    {oid::kInt8, "int8", "bigint", 'N', false, Storage::Integer, 8},
    {oid::kInt2, "int2", "smallint", 'N', false, Storage::Integer, 2},
    {oid::kInt4, "int4", "integer", 'N', false, Storage::Integer, 4},
    {oid::kText, "text", "text", 'S', true, Storage::Text, -1},
    {oid::kOid, "oid", "oid", 'N', true, Storage::Integer, 4},
    {oid::kFloat4, "float4", "real", 'N', false, Storage::Real, 4},
    {oid::kFloat8, "float8", "double precision", 'N', true, Storage::Real, 8},
    {oid::kUnknown, "unknown", "unknown", 'X', false, Storage::Text, -2},
    {oid::kBpchar, "bpchar", "character", 'S', false, Storage::Text, -1},
    {oid::kVarchar, "varchar", "character varying", 'S', false, Storage::Text, -1},
    {oid::kDate, "date", "date", 'D', false, Storage::Text, 4},
    {oid::kTimestamp, "timestamp", "timestamp without time zone", 'D', false, Storage::Text, 8},
    {oid::kTimestamptz, "timestamptz", "timestamp with time zone", 'D', true, Storage::Text, 8},
    {oid::kInterval, "interval", "interval", 'T', true, Storage::Text, 16},
    {oid::kTime, "time", "time without time zone", 'D', false, Storage::Text, 8},
    {oid::kTimetz, "timetz", "time with time zone", 'D', false, Storage::Text, 12},
    {oid::kNumeric, "numeric", "numeric", 'N', false, Storage::Blob, -1},
    {oid::kRecord, "record", "record", 'P', false, Storage::Text, -1},
    {2287, "_record", "record[]", 'P', false, Storage::Text, -1, oid::kRecord},
    {oid::kVoid, "void", "void", 'P', false, Storage::Text, 4},
    {2275, "cstring", "cstring", 'P', false, Storage::Text, -2},  // I/O functions' argument/result
    // oid aliases (types/reg_types.h): stored as the OID.
    {oid::kRegproc, "regproc", "regproc", 'N', false, Storage::Integer, 4},
    {oid::kRegprocedure, "regprocedure", "regprocedure", 'N', false, Storage::Integer, 4},
    {oid::kRegoper, "regoper", "regoper", 'N', false, Storage::Integer, 4},
    {oid::kRegoperator, "regoperator", "regoperator", 'N', false, Storage::Integer, 4},
    {oid::kRegclass, "regclass", "regclass", 'N', false, Storage::Integer, 4},
    {oid::kRegtype, "regtype", "regtype", 'N', false, Storage::Integer, 4},
    {oid::kRegnamespace, "regnamespace", "regnamespace", 'N', false, Storage::Integer, 4},
    {oid::kRegrole, "regrole", "regrole", 'N', false, Storage::Integer, 4},
    {oid::kUuid, "uuid", "uuid", 'U', false, Storage::Text, 16},
    {oid::kMoney, "money", "money", 'N', false, Storage::Integer, 8},  // types/money.h: int8 cents
    {oid::kJson, "json", "json", 'U', false, Storage::Text, -1},
    {oid::kJsonb, "jsonb", "jsonb", 'U', false, Storage::Text, -1},
    {oid::kJsonpath, "jsonpath", "jsonpath", 'U', false, Storage::Text, -1},  // stored as jsonpath_out's text
    {oid::kTsvector, "tsvector", "tsvector", 'U', false, Storage::Text, -1},  // stored as tsvectorout's text
    // geometric types (types/geo.h): stored as their output text
    {oid::kPoint, "point", "point", 'G', false, Storage::Text, 16},
    {oid::kLseg, "lseg", "lseg", 'G', false, Storage::Text, 32},
    {oid::kPath, "path", "path", 'G', false, Storage::Text, -1},
    {oid::kBox, "box", "box", 'G', false, Storage::Text, 32},
    {oid::kPolygon, "polygon", "polygon", 'G', false, Storage::Text, -1},
    {oid::kLine, "line", "line", 'G', false, Storage::Text, 24},
    {oid::kCircle, "circle", "circle", 'G', false, Storage::Text, 24},
    // network address types (types/inet.h): stored as a sortable text
    {oid::kInet, "inet", "inet", 'I', true, Storage::Text, -1},
    {oid::kCidr, "cidr", "cidr", 'I', false, Storage::Text, -1},
    // Arrays: stored as JSON text (docs/storage-format.md).
    {oid::kBoolArray, "_bool", "boolean[]", 'A', false, Storage::Text, -1, oid::kBool},
    {oid::kByteaArray, "_bytea", "bytea[]", 'A', false, Storage::Text, -1, oid::kBytea},
    {oid::kNameArray, "_name", "name[]", 'A', false, Storage::Text, -1, oid::kName},
    {oid::kInt2Array, "_int2", "smallint[]", 'A', false, Storage::Text, -1, oid::kInt2},
    {oid::kInt4Array, "_int4", "integer[]", 'A', false, Storage::Text, -1, oid::kInt4},
    {oid::kTextArray, "_text", "text[]", 'A', false, Storage::Text, -1, oid::kText},
    {oid::kBpcharArray, "_bpchar", "character[]", 'A', false, Storage::Text, -1, oid::kBpchar},
    {oid::kVarcharArray, "_varchar", "character varying[]", 'A', false, Storage::Text, -1, oid::kVarchar},
    {oid::kInt8Array, "_int8", "bigint[]", 'A', false, Storage::Text, -1, oid::kInt8},
    {oid::kFloat4Array, "_float4", "real[]", 'A', false, Storage::Text, -1, oid::kFloat4},
    {oid::kFloat8Array, "_float8", "double precision[]", 'A', false, Storage::Text, -1, oid::kFloat8},
    {oid::kOidArray, "_oid", "oid[]", 'A', false, Storage::Text, -1, oid::kOid},
    {oid::kRegprocArray, "_regproc", "regproc[]", 'A', false, Storage::Text, -1, oid::kRegproc},
    {oid::kRegprocedureArray, "_regprocedure", "regprocedure[]", 'A', false, Storage::Text, -1, oid::kRegprocedure},
    {oid::kRegoperArray, "_regoper", "regoper[]", 'A', false, Storage::Text, -1, oid::kRegoper},
    {oid::kRegoperatorArray, "_regoperator", "regoperator[]", 'A', false, Storage::Text, -1, oid::kRegoperator},
    {oid::kRegclassArray, "_regclass", "regclass[]", 'A', false, Storage::Text, -1, oid::kRegclass},
    {oid::kRegtypeArray, "_regtype", "regtype[]", 'A', false, Storage::Text, -1, oid::kRegtype},
    {oid::kRegnamespaceArray, "_regnamespace", "regnamespace[]", 'A', false, Storage::Text, -1, oid::kRegnamespace},
    {oid::kRegroleArray, "_regrole", "regrole[]", 'A', false, Storage::Text, -1, oid::kRegrole},
    {oid::kTimestampArray, "_timestamp", "timestamp without time zone[]", 'A', false, Storage::Text, -1, oid::kTimestamp},
    {oid::kDateArray, "_date", "date[]", 'A', false, Storage::Text, -1, oid::kDate},
    {oid::kTimestamptzArray, "_timestamptz", "timestamp with time zone[]", 'A', false, Storage::Text, -1, oid::kTimestamptz},
    {oid::kTimeArray, "_time", "time without time zone[]", 'A', false, Storage::Text, -1, oid::kTime},
    {oid::kTimetzArray, "_timetz", "time with time zone[]", 'A', false, Storage::Text, -1, oid::kTimetz},
    {oid::kIntervalArray, "_interval", "interval[]", 'A', false, Storage::Text, -1, oid::kInterval},
    {oid::kNumericArray, "_numeric", "numeric[]", 'A', false, Storage::Text, -1, oid::kNumeric},
    {oid::kUuidArray, "_uuid", "uuid[]", 'A', false, Storage::Text, -1, oid::kUuid},
    {oid::kMoneyArray, "_money", "money[]", 'A', false, Storage::Text, -1, oid::kMoney},
    {oid::kJsonArray, "_json", "json[]", 'A', false, Storage::Text, -1, oid::kJson},
    {oid::kJsonbArray, "_jsonb", "jsonb[]", 'A', false, Storage::Text, -1, oid::kJsonb},
    {oid::kJsonpathArray, "_jsonpath", "jsonpath[]", 'A', false, Storage::Text, -1, oid::kJsonpath},
    {oid::kTsvectorArray, "_tsvector", "tsvector[]", 'A', false, Storage::Text, -1, oid::kTsvector},
    {oid::kPointArray, "_point", "point[]", 'A', false, Storage::Text, -1, oid::kPoint},
    {oid::kLsegArray, "_lseg", "lseg[]", 'A', false, Storage::Text, -1, oid::kLseg},
    {oid::kPathArray, "_path", "path[]", 'A', false, Storage::Text, -1, oid::kPath},
    {oid::kBoxArray, "_box", "box[]", 'A', false, Storage::Text, -1, oid::kBox},
    {oid::kPolygonArray, "_polygon", "polygon[]", 'A', false, Storage::Text, -1, oid::kPolygon},
    {oid::kLineArray, "_line", "line[]", 'A', false, Storage::Text, -1, oid::kLine},
    {oid::kCircleArray, "_circle", "circle[]", 'A', false, Storage::Text, -1, oid::kCircle},
    {oid::kInetArray, "_inet", "inet[]", 'A', false, Storage::Text, -1, oid::kInet},
    {oid::kCidrArray, "_cidr", "cidr[]", 'A', false, Storage::Text, -1, oid::kCidr},
    // after _int2/_oid, so the array type of int2/oid stays int2[]/oid[]
    {oid::kInt2Vector, "int2vector", "int2vector", 'A', false, Storage::Text, -1, oid::kInt2},
    {oid::kOidVector, "oidvector", "oidvector", 'A', false, Storage::Text, -1, oid::kOid},
    {oid::kInt2VectorArray, "_int2vector", "int2vector[]", 'A', false, Storage::Text, -1, oid::kInt2Vector},
    {oid::kOidVectorArray, "_oidvector", "oidvector[]", 'A', false, Storage::Text, -1, oid::kOidVector},
    // Polymorphic pseudo-types: names for error messages only.
    {oid::kAnyElement, "anyelement", "anyelement", 'P', false, Storage::Text, 4},
    {oid::kAnyArray, "anyarray", "anyarray", 'P', false, Storage::Text, -1},
    {oid::kAnyNonArray, "anynonarray", "anynonarray", 'P', false, Storage::Text, 4},
    {oid::kAnyCompatible, "anycompatible", "anycompatible", 'P', false, Storage::Text, 4},
    {oid::kAnyCompatibleArray, "anycompatiblearray", "anycompatiblearray", 'P', false, Storage::Text, -1},
    {oid::kAnyEnum, "anyenum", "anyenum", 'P', false, Storage::Text, 4},
};

const TypeInfo* builtin_types_begin() { return kTypes; }
const TypeInfo* builtin_types_end() { return kTypes + sizeof kTypes / sizeof kTypes[0]; }

Oid array_element_type(Oid t) {
  if (t < 1000 && t != oid::kJsonArray && t != oid::kMoneyArray && t != oid::kLineArray && t != oid::kCircleArray && t != oid::kCidrArray && !is_vector_type(t)) return 0;
  const TypeInfo* i = find_type(t);
  return i ? i->elem : 0;
}

Oid array_type_of(Oid elem) {
  for (const auto& t : kTypes)
    if (t.elem == elem && t.elem != 0 && !is_vector_type(t.oid)) return t.oid;
  if (const UserTypes* u = current_user_types(); u && elem >= 16384) return u->array_of(elem);
  return 0;
}

const TypeInfo* find_type(Oid type) {
  for (const auto& t : kTypes)
    if (t.oid == type) return &t;
  if (const UserTypes* u = current_user_types(); u && type >= 16384) return u->type_info(type);
  return nullptr;
}

const TypeInfo* find_type_by_name(std::string_view name) {
  struct Alias { const char* name; Oid oid; };
  static const Alias kAliases[] = {
      {"int", oid::kInt4},        {"integer", oid::kInt4},     {"smallint", oid::kInt2},
      {"bigint", oid::kInt8},     {"real", oid::kFloat4},      {"float", oid::kFloat8},
      {"double precision", oid::kFloat8}, {"boolean", oid::kBool}, {"decimal", oid::kNumeric},
      {"character varying", oid::kVarchar}, {"character", oid::kBpchar}, {"char", oid::kBpchar},
      {"timestamp without time zone", oid::kTimestamp},
      {"timestamp with time zone", oid::kTimestamptz},
      {"time without time zone", oid::kTime},
      {"time with time zone", oid::kTimetz},
  };
  for (const auto& a : kAliases)
    if (name == a.name) return find_type(a.oid);
  for (const auto& t : kTypes)
    if (name == t.typname && t.oid != oid::kUnknown && t.category != 'P') return &t;
  if (const UserTypes* u = current_user_types()) {
    if (const UserType* t = u->find_by_name(name)) return &t->info;
    if (name.size() > 1 && name[0] == '_')
      if (const UserType* t = u->find_by_name(name.substr(1))) return &t->array_info;
  }
  return nullptr;
}

std::string format_type_name(Oid type, int32_t typmod) {
  // An array's typmod is its element's: character varying(10)[].
  if (Oid elem = array_element_type(type); elem && !is_vector_type(type)) return format_type_name(elem, typmod) + "[]";
  const TypeInfo* t = find_type(type);
  if (!t) return "???";
  std::string s = t->sql_name;
  if (typmod >= 0) {
    switch (type) {
      case oid::kVarchar:
      case oid::kBpchar:
        s += "(" + std::to_string(typmod - 4) + ")";
        break;
      case oid::kNumeric:
        s += "(" + std::to_string(numeric_typmod_precision(typmod)) + "," +
             std::to_string(numeric_typmod_scale(typmod)) + ")";
        break;
      case oid::kTimestamp:
        s = "timestamp(" + std::to_string(typmod) + ") without time zone";
        break;
      case oid::kTimestamptz:
        s = "timestamp(" + std::to_string(typmod) + ") with time zone";
        break;
      case oid::kTime:
        s = "time(" + std::to_string(typmod) + ") without time zone";
        break;
      case oid::kTimetz:
        s = "time(" + std::to_string(typmod) + ") with time zone";
        break;
      default:
        break;
    }
  }
  return s;
}

std::string format_type(Oid type_oid, int32_t typmod) { return format_type_name(type_oid, typmod); }

}  // namespace pgmicro
