// Hash support functions of PostgreSQL's hash operator classes (hashint4, hashtextextended,
// uuid_hash, ...; runtime/hash_functions.cpp computes them as PostgreSQL does), the per-type
// key hash of hash partitioning (pg_partition_hash, the default hash opclass's extended
// function of each type) and pg_hash_partition_match, which combines the key hashes of a row.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

static const FunctionDef kFunctions[] = {
    {"hashint2", 1, {kInt2}, kInt4, "pg_hash32('i', $1)"},
    {"hashint2extended", 2, {kInt2, kInt8}, kInt8, "pg_hash_ext('i', $1, $2)"},
    {"hashint4", 1, {kInt4}, kInt4, "pg_hash32('i', $1)"},
    {"hashint4extended", 2, {kInt4, kInt8}, kInt8, "pg_hash_ext('i', $1, $2)"},
    {"hashint8", 1, {kInt8}, kInt4, "pg_hash32('l', $1)"},
    {"hashint8extended", 2, {kInt8, kInt8}, kInt8, "pg_hash_ext('l', $1, $2)"},
    {"hashoid", 1, {kOid}, kInt4, "pg_hash32('i', $1)"},
    {"hashoidextended", 2, {kOid, kInt8}, kInt8, "pg_hash_ext('i', $1, $2)"},
    {"hashtext", 1, {kText}, kInt4, "pg_hash32('t', $1)"},
    {"hashtextextended", 2, {kText, kInt8}, kInt8, "pg_hash_ext('t', $1, $2)"},
    {"hashbpchar", 1, {kBpchar}, kInt4, "pg_hash32('b', $1)"},
    {"hashbpcharextended", 2, {kBpchar, kInt8}, kInt8, "pg_hash_ext('b', $1, $2)"},
    {"hashname", 1, {kName}, kInt4, "pg_hash32('t', $1)"},
    {"hashnameextended", 2, {kName, kInt8}, kInt8, "pg_hash_ext('t', $1, $2)"},
    {"hashfloat4", 1, {kFloat4}, kInt4, "pg_hash32('f', $1)"},
    {"hashfloat4extended", 2, {kFloat4, kInt8}, kInt8, "pg_hash_ext('f', $1, $2)"},
    {"hashfloat8", 1, {kFloat8}, kInt4, "pg_hash32('f', $1)"},
    {"hashfloat8extended", 2, {kFloat8, kInt8}, kInt8, "pg_hash_ext('f', $1, $2)"},
    {"uuid_hash", 1, {kUuid}, kInt4, "pg_hash32('u', $1)"},
    {"uuid_hash_extended", 2, {kUuid, kInt8}, kInt8, "pg_hash_ext('u', $1, $2)"},
    {"timestamp_hash", 1, {kTimestamp}, kInt4, "pg_hash32('T', $1)"},
    {"timestamp_hash_extended", 2, {kTimestamp, kInt8}, kInt8, "pg_hash_ext('T', $1, $2)"},
    {"time_hash", 1, {kTime}, kInt4, "pg_hash32('H', $1)"},
    {"time_hash_extended", 2, {kTime, kInt8}, kInt8, "pg_hash_ext('H', $1, $2)"},
    // The key hash of hash partitioning, by key type (the type's default hash opclass).
    {"pg_partition_hash", 2, {kInt2, kInt8}, kInt8, "pg_hash_ext('i', $1, $2)"},
    {"pg_partition_hash", 2, {kInt4, kInt8}, kInt8, "pg_hash_ext('i', $1, $2)"},
    {"pg_partition_hash", 2, {kInt8, kInt8}, kInt8, "pg_hash_ext('l', $1, $2)"},
    {"pg_partition_hash", 2, {kOid, kInt8}, kInt8, "pg_hash_ext('i', $1, $2)"},
    {"pg_partition_hash", 2, {kBool, kInt8}, kInt8, "pg_hash_ext('i', $1, $2)"},
    {"pg_partition_hash", 2, {kText, kInt8}, kInt8, "pg_hash_ext('t', $1, $2)"},
    {"pg_partition_hash", 2, {kVarchar, kInt8}, kInt8, "pg_hash_ext('t', $1, $2)"},
    {"pg_partition_hash", 2, {kName, kInt8}, kInt8, "pg_hash_ext('t', $1, $2)"},
    {"pg_partition_hash", 2, {kBpchar, kInt8}, kInt8, "pg_hash_ext('b', $1, $2)"},
    {"pg_partition_hash", 2, {kFloat4, kInt8}, kInt8, "pg_hash_ext('f', $1, $2)"},
    {"pg_partition_hash", 2, {kFloat8, kInt8}, kInt8, "pg_hash_ext('f', $1, $2)"},
    {"pg_partition_hash", 2, {kDate, kInt8}, kInt8, "pg_hash_ext('D', $1, $2)"},
    {"pg_partition_hash", 2, {kTimestamp, kInt8}, kInt8, "pg_hash_ext('T', $1, $2)"},
    {"pg_partition_hash", 2, {kTimestamptz, kInt8}, kInt8, "pg_hash_ext('Z', $1, $2)"},
    {"pg_partition_hash", 2, {kTime, kInt8}, kInt8, "pg_hash_ext('H', $1, $2)"},
    {"pg_partition_hash", 2, {kUuid, kInt8}, kInt8, "pg_hash_ext('u', $1, $2)"},
    {"pg_hash_partition_match", 3, {kInt4, kInt4, kAny}, kBool, "pg_hash_partition_match($*)", false, false, true},
};

BuiltinSpan::S<FunctionDef> hash_functions() { return {kFunctions, sizeof kFunctions / sizeof kFunctions[0]}; }

// Key types hash partitioning supports (those pg_partition_hash takes).
bool hash_partition_key_type_supported(Oid t) {
  for (auto& f : kFunctions)
    if (std::string_view(f.name) == "pg_partition_hash" && f.args[0] == t) return true;
  return false;
}

}  // namespace pgmicro
