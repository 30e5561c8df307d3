// The object identifier types: oid and the reg* aliases (regclass, regtype, regproc,
// regprocedure, regoper, regoperator, regnamespace, regrole). All are stored as the OID
// (INTEGER, 0 .. 2^32-1). Their text input looks a name up and their output prints the
// object's name, so both need the session's catalog: the session installs an
// ObjectNameResolver for the thread while it executes (ObjectNamesScope), as it does for
// user types. Without one, only numeric input/output and built-in types work.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "types/types.h"

namespace pgmicro {

namespace oid {
inline constexpr Oid kRegprocedure = 2202;
inline constexpr Oid kRegoper = 2203;
inline constexpr Oid kRegoperator = 2204;
inline constexpr Oid kRegnamespace = 4089;
inline constexpr Oid kRegrole = 4096;
inline constexpr Oid kRegprocArray = 1008;
inline constexpr Oid kRegprocedureArray = 2207;
inline constexpr Oid kRegoperArray = 2208;
inline constexpr Oid kRegoperatorArray = 2209;
inline constexpr Oid kRegclassArray = 2210;
inline constexpr Oid kRegtypeArray = 2211;
inline constexpr Oid kRegnamespaceArray = 4090;
inline constexpr Oid kRegroleArray = 4097;
}  // namespace oid

// oid and the reg* types (stored as an integer OID).
bool is_oid_type(Oid t);
inline bool is_reg_type(Oid t) { return t != oid::kOid && is_oid_type(t); }

// Name lookups for reg* input and output (implemented over the catalog).
struct ObjectNameResolver {
  virtual ~ObjectNameResolver() = default;
  // The OID named by `text` (already known not to be numeric); throws PostgreSQL's error
  // (42P01, 42704, 42883, 42725, 3F000, …), or returns nullopt when `missing_ok` and absent.
  virtual std::optional<Oid> lookup(Oid regtype, std::string_view text, bool missing_ok) const = 0;
  // The name to print for an OID (nullopt: print the number).
  virtual std::optional<std::string> name(Oid regtype, Oid value) const = 0;
};

class ObjectNamesScope {
 public:
  explicit ObjectNamesScope(const ObjectNameResolver* r);
  ~ObjectNamesScope();
  ObjectNamesScope(const ObjectNamesScope&) = delete;
  ObjectNamesScope& operator=(const ObjectNamesScope&) = delete;
 private:
  const ObjectNameResolver* saved_;
};
const ObjectNameResolver* current_object_names();

// Text input of oid/reg* values: a number (oidin's rules), "-" (0 for reg* types), else a name.
// missing_ok: to_regclass()-style, nullopt for an absent object.
std::optional<Oid> oid_type_input(Oid type, std::string_view text, bool missing_ok = false);
// Text output: the number for oid; the object's name (or the number when it has none; "-"
// for 0) for reg* types.
void oid_type_output(Oid type, int64_t value, std::string& out);

// Splits a possibly qualified, possibly quoted name ("s"."T" → {s, T}; unquoted parts
// lower-cased) as PostgreSQL's stringToQualifiedNameList; throws 42602 "invalid name syntax".
std::vector<std::string> split_qualified_name(std::string_view text);

}  // namespace pgmicro
