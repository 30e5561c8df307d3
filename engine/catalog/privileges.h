// Roles, object owners and access privileges, as PostgreSQL's pg_authid, pg_auth_members
// and the owner/ACL columns of pg_class, pg_namespace, pg_proc, pg_type and pg_database.
// Stored in _pgmicro_authid, _pgmicro_auth_members and _pgmicro_acl (docs/storage-format.md)
// and read straight from SQLite each time (so they follow transactions and savepoints without
// a cache); the checks follow aclchk.c: a superuser passes everything, otherwise the object's
// ACL (the stored one, or the default ACL of its kind and owner) must grant the privilege to
// the role, to a role whose privileges it inherits, or to PUBLIC.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "sqlite3.h"

namespace pgmicro {

struct TableDef;
struct ViewDef;
class Catalog;

inline constexpr int64_t kRoleBootstrap = 10;         // "postgres", the bootstrap superuser
inline constexpr int64_t kRoleDatabaseOwner = 6171;   // pg_database_owner (owns schema public)
inline constexpr int64_t kRolePublic = 0;             // the grantee PUBLIC

// The catalog an ACL row belongs to (PostgreSQL's class OIDs).
// DefaultAcl (pg_default_acl): objoid = the role, objsubid = the object kind ('r' tables, 'S' sequences).
enum class AclClass : int64_t { Relation = 1259, Namespace = 2615, Proc = 1255, Type = 1247, Database = 1262, DefaultAcl = 826 };

// Privilege bits in PostgreSQL's ACL letter order "arwdDxtXUCTc".
enum : uint32_t {
  kAclInsert = 1u << 0, kAclSelect = 1u << 1, kAclUpdate = 1u << 2, kAclDelete = 1u << 3,
  kAclTruncate = 1u << 4, kAclReferences = 1u << 5, kAclTrigger = 1u << 6, kAclExecute = 1u << 7,
  kAclUsage = 1u << 8, kAclCreate = 1u << 9, kAclTemp = 1u << 10, kAclConnect = 1u << 11,
};
inline constexpr const char* kAclLetters = "arwdDxtXUCTc";

struct AclItem {
  int64_t grantee = 0, grantor = 0;
  uint32_t privs = 0, goptions = 0;  // goptions: the privileges also held WITH GRANT OPTION
};
using Acl = std::vector<AclItem>;

struct Role {
  int64_t oid = 0;
  std::string name;
  bool super = false, inherit = true, createrole = false, createdb = false, canlogin = false;
  bool replication = false, bypassrls = false;
  int64_t connlimit = -1;
  std::optional<std::string> password, valid_until;
};

struct Membership {
  int64_t roleid = 0, member = 0, grantor = 0;
  bool admin = false;
};

// Creates the three tables when missing (first CREATE ROLE, GRANT or ownership change).
void ensure_privilege_tables(sqlite3* db);
bool privilege_tables_exist(sqlite3* db);

// Roles: the bootstrap superuser and pg_database_owner are implicit; others are stored.
std::optional<Role> find_role(sqlite3* db, const std::string& name);
std::optional<Role> find_role(sqlite3* db, int64_t oid);
std::vector<Role> all_roles(sqlite3* db);  // stored ones after the bootstrap superuser
std::string role_name(sqlite3* db, int64_t oid);  // "" for PUBLIC, the OID's digits if unknown
std::vector<Membership> all_memberships(sqlite3* db);
// has_privs_of_role: member is role, a superuser, or inherits role's privileges.
bool has_privs_of_role(sqlite3* db, int64_t member, int64_t role);
// is_member_of_role: membership whatever INHERIT says (SET ROLE).
bool is_member_of_role(sqlite3* db, int64_t member, int64_t role);

// Owners and ACLs; an object without a row is owned by the bootstrap superuser (schema public:
// pg_database_owner) and has the default ACL (NULL in the catalogs).
struct ObjectAcl {
  int64_t owner = kRoleBootstrap;
  std::optional<Acl> acl;
};
ObjectAcl object_acl(sqlite3* db, AclClass cls, int64_t oid, int subid = 0);
void set_object_owner(sqlite3* db, AclClass cls, int64_t oid, int64_t owner);
void set_object_acl(sqlite3* db, AclClass cls, int64_t oid, int subid, const Acl& acl);
// Column ACLs of a relation: attnum -> acl.
std::vector<std::pair<int, Acl>> column_acls(sqlite3* db, int64_t reloid);
// acldefault(): the ACL an object of that kind ('r' table, 'S' sequence, 'n' schema, 'f'
// function, 'T' type, 'd' database, 'c' column) has until it is granted on.
Acl default_acl(char kind, int64_t owner);
// The aclitem texts (PostgreSQL's output: grantee=privs/grantor, '*' after a grantable one).
std::vector<std::string> acl_texts(sqlite3* db, const Acl& acl);
// The privileges of `mask` that `acl` gives `role` (directly, through inheritance, or PUBLIC).
uint32_t acl_mask(sqlite3* db, const Acl& acl, int64_t role, uint32_t mask);

// A session's current and session user, and the checks the statements make.
class Privileges {
 public:
  sqlite3* db = nullptr;
  int64_t current_user = kRoleBootstrap, session_user = kRoleBootstrap;
  std::string current_name = "postgres", session_name = "postgres";
  bool current_super = true;
  // Whose privileges are checked: the current user, or the owner of the view being expanded.
  std::vector<int64_t> check_as;
  int64_t checking_user() const { return check_as.empty() ? current_user : check_as.back(); }
  bool bypass() const;
  // Relations: throws 42501 "permission denied for table|sequence|view NAME" unless the checking
  // user holds one of the `any_of` privileges (column privileges: 0A000).
  void check_relation(const TableDef* t, int64_t oid, char relkind, const std::string& name, uint32_t any_of) const;
  bool relation_has(int64_t oid, char relkind, int64_t role, uint32_t any_of) const;
  void check_schema(const Catalog& c, const std::string& schema, uint32_t priv, int location = -1) const;
  // "must be owner of KIND NAME" (42501) unless the checking user has the owner's privileges.
  void check_owner(AclClass cls, int64_t oid, const std::string& kind, const std::string& name) const;
  bool owns(AclClass cls, int64_t oid) const;
};

// The analyzer's checks: SELECT on a relation read in FROM (schema USAGE first; system
// relations are readable by everyone) ...
void check_select_privilege(const Catalog& c, const TableDef& t, int location = -1);
// ... and on a view, whose own relations are then checked as the view's owner while the scope
// is alive (PostgreSQL checks a view's relations with its owner's privileges).
class ViewPrivilegeScope {
 public:
  ViewPrivilegeScope(const Catalog& c, const ViewDef& v);
  ~ViewPrivilegeScope();
  ViewPrivilegeScope(const ViewPrivilegeScope&) = delete;
  ViewPrivilegeScope& operator=(const ViewPrivilegeScope&) = delete;
 private:
  Privileges* p_ = nullptr;
};

}  // namespace pgmicro
