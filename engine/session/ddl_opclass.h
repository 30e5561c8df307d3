// Operator classes (ddl_opclass.cpp): CREATE/DROP OPERATOR CLASS for btree and hash, kept in
// main._pgmicro_opclass (created on first use). They are used by partition keys: a hash
// operator class's FUNCTION 2 (the extended hash function) replaces the type's default hash;
// a btree operator class over the type's own operators orders as the default one.
#pragma once
#include <optional>
#include <string>
#include <vector>
#include "sqlite3.h"
#include "types/types.h"

struct List;

namespace pgmicro {

struct OpClassInfo {
  std::string schema, name, am;
  Oid type = 0;
  std::string hash_function;  // hash: FUNCTION 2, schema-qualified and quoted
};

// The operator class `names` (possibly schema-qualified) of access method `am`, if any.
std::optional<OpClassInfo> find_opclass(sqlite3* db, const std::vector<std::string>& names, const std::string& am);
// The strings of a name list, from element `from` on.
std::vector<std::string> name_list(List* names, int from = 0);

}  // namespace pgmicro
