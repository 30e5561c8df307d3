// User-defined types (CREATE TYPE … AS ENUM, CREATE DOMAIN): their pg_type-like entries,
// enum labels with PostgreSQL's float sort orders, domain base types and constraints.
// The registry belongs to a session's catalog; the session makes it current for the thread
// while it executes, so the type table (find_type, format_type_name) and text I/O
// (type_input/type_output) see user types as they see built-in ones.
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "catalog/builtins.h"
#include "types/record.h"
#include "types/types.h"

namespace pgmicro {

struct EnumLabel {
  std::string label;
  float sort_order;  // pg_enum.enumsortorder (float4, as PostgreSQL)
};

struct DomainConstraint {
  int64_t oid = 0;
  std::string name;
  std::string check_src;    // CHECK expression source (VALUE refers to the value)
  bool validated = true;    // false: added NOT VALID
  mutable std::string check_sql;  // lowered SQL with ?1 for VALUE (filled by the analyzer)
};

struct UserType {
  Oid oid = 0;
  Oid array_oid = 0;
  char kind = 'e';          // pg_type.typtype: 'e' enum, 'd' domain, 'c' composite, 'b' base, 'p' shell
  std::string name;
  std::string array_name;   // "_name"
  TypeInfo info{};          // the type itself
  TypeInfo array_info{};    // its array type
  // enum: labels in sort order
  std::vector<EnumLabel> labels;
  // domain: the base type; base type ('b', CREATE TYPE … (INPUT, OUTPUT, LIKE)): the
  // built-in type whose storage it shares (base_types.h)
  Oid base = 0;
  Oid io_type = 0;             // 'b': the built-in type whose text I/O its INPUT/OUTPUT functions are
  int32_t base_typmod = -1;
  bool not_null = false;
  std::string not_null_name;  // pg_constraint name of NOT NULL ("d_not_null" is not PostgreSQL 15's: empty)
  std::string default_text;
  std::vector<DomainConstraint> constraints;  // CHECKs, by name (PostgreSQL checks them in name order)
  // composite: its attributes; relid: the table whose row type it is (0: CREATE TYPE AS)
  std::vector<RowField> fields;
  int64_t relid = 0;
  // 0-based position of `label` in sort order, -1 if absent.
  int enum_position(std::string_view label) const;
};

// CREATE CAST (pg_cast row); def.templ points into templ.
struct UserCast {
  int64_t oid = 0;
  CastDef def{};
  std::string templ;
  char method = 'b';  // castmethod: 'b' binary (WITHOUT FUNCTION), 'i' WITH INOUT
};

// CREATE OPERATOR (pg_operator row); def.name points into name, def.templ is unused: a call
// runs the operator's function (analyze/user_operator.h).
struct UserOperator {
  int64_t oid = 0;
  std::string name;
  OperatorDef def{};
  int64_t proc = 0;            // oprcode: the function's oid
  std::string proc_name;
  std::string commutator, negator;
  bool merges = false, hashes = false;
};

// CREATE OPERATOR CLASS (pg_opclass row).
struct UserOpClass {
  int64_t oid = 0;
  std::string name, method;
  Oid type = 0;
  bool is_default = false;
};

class UserTypes {
 public:
  void clear() { by_oid_.clear(); arrays_.clear(); casts.clear(); operators.clear(); opclasses.clear(); }
  std::deque<UserOpClass> opclasses;
  // Casts and operators of CREATE CAST / CREATE OPERATOR (deques: entries never move).
  std::deque<UserCast> casts;
  std::deque<UserOperator> operators;
  const UserCast* find_cast(Oid source, Oid target) const;
  const UserOperator* find_operator(const OperatorDef* def) const;  // the user operator of a def, or nullptr
  // Adds a type (info/array_info are filled from kind/base); returns it for further setup.
  UserType& add(Oid oid, Oid array_oid, char kind, const std::string& name, Oid base);
  const UserType* find(Oid oid) const;
  const UserType* find_by_name(std::string_view name) const;
  const TypeInfo* type_info(Oid oid) const;  // the type or its array type
  Oid array_of(Oid elem) const;
  bool empty() const { return by_oid_.empty(); }
  const std::map<Oid, std::unique_ptr<UserType>>& all() const { return by_oid_; }

 private:
  std::map<Oid, std::unique_ptr<UserType>> by_oid_;
  std::map<Oid, Oid> arrays_;  // array oid -> element oid
};

// The registry of the session executing on this thread (nullptr outside execution).
const UserTypes* current_user_types();
class UserTypesScope {
 public:
  explicit UserTypesScope(const UserTypes* t);
  ~UserTypesScope();
  UserTypesScope(const UserTypesScope&) = delete;
  UserTypesScope& operator=(const UserTypesScope&) = delete;
 private:
  const UserTypes* saved_;
};

const UserType* find_user_type(Oid oid);  // in the current registry
inline bool is_enum_type(Oid t) { auto* u = find_user_type(t); return u && u->kind == 'e'; }
inline bool is_domain_type(Oid t) { auto* u = find_user_type(t); return u && u->kind == 'd'; }
inline bool is_shell_type(Oid t) { auto* u = find_user_type(t); return u && u->kind == 'p'; }
// getBaseType(): a domain's base type (through domains over domains); other types unchanged.
Oid domain_base_type(Oid t, int32_t* typmod = nullptr);

// Enum label input (22P02 "invalid input value for enum …") and order.
std::string enum_input(const UserType& t, std::string_view text);
int enum_compare(const UserType& t, std::string_view a, std::string_view b);

// The declared SQLite column type for a column of `type`: PostgreSQL's name for built-in
// types; an enum is declared `text` and a domain as its base type, so SQLite's affinity
// matches the storage encoding (docs/storage-format.md).
std::string sqlite_column_type(Oid type, int32_t typmod);

// The COLLATE clause SQLite needs to sort values of `type` in PostgreSQL's order (arrays,
// jsonb, enums; domains as their base type), or "".
std::string order_collation(Oid type);

}  // namespace pgmicro
