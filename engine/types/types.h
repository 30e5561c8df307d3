// The PostgreSQL types pgmicro knows: OIDs (PostgreSQL's own), pg_type names, type
// categories and preferred types (for overload resolution), and format_type() names.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "pgmicro/pgmicro.h"

namespace pgmicro {

namespace oid {
inline constexpr Oid kInvalid = 0;
inline constexpr Oid kBool = 16;
inline constexpr Oid kBytea = 17;
inline constexpr Oid kChar = 18;
inline constexpr Oid kName = 19;
inline constexpr Oid kInt8 = 20;
inline constexpr Oid kInt2 = 21;
inline constexpr Oid kInt4 = 23;
inline constexpr Oid kRegproc = 24;
inline constexpr Oid kText = 25;
inline constexpr Oid kOid = 26;
inline constexpr Oid kJson = 114;
inline constexpr Oid kFloat4 = 700;
inline constexpr Oid kFloat8 = 701;
inline constexpr Oid kUnknown = 705;
inline constexpr Oid kBpchar = 1042;
inline constexpr Oid kVarchar = 1043;
inline constexpr Oid kDate = 1082;
inline constexpr Oid kTime = 1083;
inline constexpr Oid kTimestamp = 1114;
inline constexpr Oid kTimestamptz = 1184;
inline constexpr Oid kTimetz = 1266;
inline constexpr Oid kInterval = 1186;
inline constexpr Oid kNumeric = 1700;
inline constexpr Oid kRegclass = 2205;
inline constexpr Oid kRegtype = 2206;
inline constexpr Oid kRecord = 2249;
inline constexpr Oid kAny = 2276;
inline constexpr Oid kVoid = 2278;
inline constexpr Oid kAnyElement = 2283;
inline constexpr Oid kUuid = 2950;
inline constexpr Oid kJsonb = 3802;
inline constexpr Oid kJsonpath = 4072;
inline constexpr Oid kTsvector = 3614;
// geometric types (types/geo.h)
inline constexpr Oid kPoint = 600, kLseg = 601, kPath = 602, kBox = 603, kPolygon = 604, kLine = 628, kCircle = 718;
inline constexpr Oid kPointArray = 1017, kLsegArray = 1018, kPathArray = 1019, kBoxArray = 1020, kPolygonArray = 1027,
                     kLineArray = 629, kCircleArray = 719;
// network address types (types/inet.h)
inline constexpr Oid kInet = 869, kCidr = 650, kInetArray = 1041, kCidrArray = 651;
// Polymorphic pseudo-types (function signatures only).
inline constexpr Oid kAnyArray = 2277;
inline constexpr Oid kAnyNonArray = 2776;
inline constexpr Oid kAnyCompatible = 5077;
inline constexpr Oid kAnyCompatibleArray = 5078;
inline constexpr Oid kAnyEnum = 3500;
// Array types (pg_type's _int4 ...).
inline constexpr Oid kBoolArray = 1000;
inline constexpr Oid kByteaArray = 1001;
inline constexpr Oid kNameArray = 1003;
inline constexpr Oid kInt2Array = 1005;
inline constexpr Oid kInt4Array = 1007;
inline constexpr Oid kTextArray = 1009;
inline constexpr Oid kBpcharArray = 1014;
inline constexpr Oid kVarcharArray = 1015;
inline constexpr Oid kInt8Array = 1016;
inline constexpr Oid kFloat4Array = 1021;
inline constexpr Oid kFloat8Array = 1022;
inline constexpr Oid kOidArray = 1028;
inline constexpr Oid kTimestampArray = 1115;
inline constexpr Oid kDateArray = 1182;
inline constexpr Oid kTimestamptzArray = 1185;
inline constexpr Oid kTimeArray = 1183;
inline constexpr Oid kTimetzArray = 1270;
inline constexpr Oid kIntervalArray = 1187;
inline constexpr Oid kNumericArray = 1231;
inline constexpr Oid kUuidArray = 2951;
inline constexpr Oid kJsonArray = 199;
inline constexpr Oid kJsonbArray = 3807;
inline constexpr Oid kJsonpathArray = 4073;
inline constexpr Oid kTsvectorArray = 3643;
// int2vector/oidvector: one-dimensional int2/oid arrays with lower bound 0 and a
// space-separated text form (the array storage encoding, docs/storage-format.md).
inline constexpr Oid kInt2Vector = 22;
inline constexpr Oid kOidVector = 30;
inline constexpr Oid kInt2VectorArray = 1006;
inline constexpr Oid kOidVectorArray = 1013;
}  // namespace oid

// How a type's values are stored in SQLite (docs/storage-format.md).
enum class Storage : uint8_t { Integer, Real, Text, Blob };

struct TypeInfo {
  Oid oid;
  const char* typname;     // pg_type.typname ("int4")
  const char* sql_name;    // format_type() without typmod ("integer")
  char category;           // pg_type.typcategory: B N S D U X ...
  bool preferred;          // pg_type.typispreferred
  Storage storage;
  int16_t typlen;          // pg_type.typlen (-1 varlena)
  Oid elem = 0;            // pg_type.typelem of an array type (0: not an array)
};

const TypeInfo* find_type(Oid type);
// The built-in type table (pg_type's rows for the types pgmicro has), in table order.
const TypeInfo* builtin_types_begin();
const TypeInfo* builtin_types_end();
// Looks up a type by the name a user writes, after PostgreSQL's grammar mapping
// (int/integer -> int4, "character varying" -> varchar, ...). nullptr if unknown.
const TypeInfo* find_type_by_name(std::string_view name);
// format_type(oid, typmod): "integer", "character varying(10)", "numeric(10,2)".
std::string format_type_name(Oid type, int32_t typmod);
inline char type_category(Oid t) { auto* i = find_type(t); return i ? i->category : 'X'; }
inline bool is_preferred_type(Oid t) { auto* i = find_type(t); return i && i->preferred; }
// Arrays: the element type of an array type (0 if `t` is not one), the array type of an
// element type (0 if it has none).
Oid array_element_type(Oid t);
Oid array_type_of(Oid elem);
inline bool is_array_type(Oid t) { return array_element_type(t) != 0; }
inline bool is_vector_type(Oid t) { return t == oid::kInt2Vector || t == oid::kOidVector; }
inline bool is_polymorphic_type(Oid t) {
  return t == oid::kAnyElement || t == oid::kAnyArray || t == oid::kAnyNonArray ||
         t == oid::kAnyCompatible || t == oid::kAnyCompatibleArray || t == oid::kAnyEnum;
}

// numeric typmod packing, as PostgreSQL: ((precision << 16) | scale) + VARHDRSZ.
inline int32_t make_numeric_typmod(int precision, int scale) { return ((precision << 16) | (scale & 0x7ff)) + 4; }
inline int numeric_typmod_precision(int32_t typmod) { return ((typmod - 4) >> 16) & 0xffff; }
inline int numeric_typmod_scale(int32_t typmod) { return (((typmod - 4) & 0x7ff) ^ 1024) - 1024; }

}  // namespace pgmicro
