// Roles, owners and ACLs in the database file, and the privilege checks (privileges.h).
#include "catalog/privileges.h"
#include <functional>
#include <set>
#include "catalog/catalog.h"
#include "common/error.h"

namespace pgmicro {

namespace {

// Runs `sql` with integer/text bindings and calls `row` for each result row.
void query(sqlite3* db, const std::string& sql, const std::vector<std::string>& binds,
           const std::function<void(sqlite3_stmt*)>& row) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(db);
    sqlite3_finalize(st);
    throw PgError("XX000", msg);
  }
  for (size_t i = 0; i < binds.size(); i++) sqlite3_bind_text(st, (int)i + 1, binds[i].c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW) row(st);
  sqlite3_finalize(st);
}

std::string col_text(sqlite3_stmt* st, int i) {
  const unsigned char* t = sqlite3_column_text(st, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

Role bootstrap_role() {
  Role r;
  r.oid = kRoleBootstrap;
  r.name = "postgres";
  r.super = r.createrole = r.createdb = r.canlogin = r.replication = r.bypassrls = true;
  return r;
}

Role database_owner_role() {
  Role r;
  r.oid = kRoleDatabaseOwner;
  r.name = "pg_database_owner";
  return r;
}

const char* kRoleColumns =
    "oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, "
    "rolbypassrls, rolconnlimit, rolpassword, rolvaliduntil";

Role read_role(sqlite3_stmt* st) {
  Role r;
  r.oid = sqlite3_column_int64(st, 0);
  r.name = col_text(st, 1);
  r.super = sqlite3_column_int(st, 2);
  r.inherit = sqlite3_column_int(st, 3);
  r.createrole = sqlite3_column_int(st, 4);
  r.createdb = sqlite3_column_int(st, 5);
  r.canlogin = sqlite3_column_int(st, 6);
  r.replication = sqlite3_column_int(st, 7);
  r.bypassrls = sqlite3_column_int(st, 8);
  r.connlimit = sqlite3_column_int64(st, 9);
  if (sqlite3_column_type(st, 10) != SQLITE_NULL) r.password = col_text(st, 10);
  if (sqlite3_column_type(st, 11) != SQLITE_NULL) r.valid_until = col_text(st, 11);
  return r;
}

std::string acl_encode(const Acl& acl) {
  std::string s;
  for (auto& i : acl)
    s += std::to_string(i.grantee) + " " + std::to_string(i.grantor) + " " + std::to_string(i.privs) + " " +
         std::to_string(i.goptions) + "\n";
  return s;
}

Acl acl_decode(const std::string& s) {
  Acl acl;
  size_t p = 0;
  while (p < s.size()) {
    size_t e = s.find('\n', p);
    if (e == std::string::npos) e = s.size();
    AclItem i;
    long long a = 0, b = 0, c = 0, d = 0;
    if (std::sscanf(s.substr(p, e - p).c_str(), "%lld %lld %lld %lld", &a, &b, &c, &d) == 4) {
      i.grantee = a, i.grantor = b, i.privs = (uint32_t)c, i.goptions = (uint32_t)d;
      acl.push_back(i);
    }
    p = e + 1;
  }
  return acl;
}

}  // namespace

bool privilege_tables_exist(sqlite3* db) {
  bool found = false;
  query(db, "SELECT 1 FROM main.sqlite_master WHERE name = '_pgmicro_authid'", {}, [&](sqlite3_stmt*) { found = true; });
  return found;
}

void ensure_privilege_tables(sqlite3* db) {
  if (privilege_tables_exist(db)) return;
  exec_sql(db,
           "CREATE TABLE IF NOT EXISTS main._pgmicro_authid(oid INTEGER PRIMARY KEY, rolname TEXT UNIQUE NOT NULL, "
           "rolsuper INTEGER, rolinherit INTEGER, rolcreaterole INTEGER, rolcreatedb INTEGER, rolcanlogin INTEGER, "
           "rolreplication INTEGER, rolbypassrls INTEGER, rolconnlimit INTEGER, rolpassword TEXT, rolvaliduntil TEXT);"
           "CREATE TABLE IF NOT EXISTS main._pgmicro_auth_members(roleid INTEGER, member INTEGER, grantor INTEGER, "
           "admin_option INTEGER, PRIMARY KEY(roleid, member));"
           "CREATE TABLE IF NOT EXISTS main._pgmicro_acl(classid INTEGER, objoid INTEGER, objsubid INTEGER, "
           "owner INTEGER, acl TEXT, PRIMARY KEY(classid, objoid, objsubid));");
}

std::optional<Role> find_role(sqlite3* db, const std::string& name) {
  if (name == "postgres") return bootstrap_role();
  if (name == "pg_database_owner") return database_owner_role();
  if (!privilege_tables_exist(db)) return std::nullopt;
  std::optional<Role> r;
  query(db, std::string("SELECT ") + kRoleColumns + " FROM main._pgmicro_authid WHERE rolname = ?1", {name},
        [&](sqlite3_stmt* st) { r = read_role(st); });
  return r;
}

std::optional<Role> find_role(sqlite3* db, int64_t oid) {
  if (oid == kRoleBootstrap) return bootstrap_role();
  if (oid == kRoleDatabaseOwner) return database_owner_role();
  if (!privilege_tables_exist(db)) return std::nullopt;
  std::optional<Role> r;
  query(db, std::string("SELECT ") + kRoleColumns + " FROM main._pgmicro_authid WHERE oid = ?1", {std::to_string(oid)},
        [&](sqlite3_stmt* st) { r = read_role(st); });
  return r;
}

std::vector<Role> all_roles(sqlite3* db) {
  std::vector<Role> v{bootstrap_role()};
  if (!privilege_tables_exist(db)) return v;
  query(db, std::string("SELECT ") + kRoleColumns + " FROM main._pgmicro_authid ORDER BY oid", {},
        [&](sqlite3_stmt* st) { v.push_back(read_role(st)); });
  return v;
}

std::string role_name(sqlite3* db, int64_t oid) {
  if (oid == kRolePublic) return "";
  if (auto r = find_role(db, oid)) return r->name;
  return std::to_string(oid);
}

std::vector<Membership> all_memberships(sqlite3* db) {
  std::vector<Membership> v;
  if (!privilege_tables_exist(db)) return v;
  query(db, "SELECT roleid, member, grantor, admin_option FROM main._pgmicro_auth_members ORDER BY roleid, member", {},
        [&](sqlite3_stmt* st) {
          v.push_back({sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
                       sqlite3_column_int(st, 3) != 0});
        });
  return v;
}

namespace {
// The roles `member` reaches through memberships (following only inheriting roles when `inherit`).
bool reaches(sqlite3* db, int64_t member, int64_t role, bool inherit) {
  if (member == role) return true;
  auto ms = all_memberships(db);
  std::set<int64_t> seen{member};
  std::vector<int64_t> todo{member};
  while (!todo.empty()) {
    int64_t m = todo.back();
    todo.pop_back();
    if (inherit) {
      auto r = find_role(db, m);
      if (r && !r->inherit) continue;
    }
    for (auto& x : ms)
      if (x.member == m && seen.insert(x.roleid).second) {
        if (x.roleid == role) return true;
        todo.push_back(x.roleid);
      }
  }
  return false;
}
}  // namespace

bool has_privs_of_role(sqlite3* db, int64_t member, int64_t role) {
  if (member == role) return true;
  auto m = find_role(db, member);
  if (m && m->super) return true;
  if (role == kRoleDatabaseOwner) return false;  // the database is owned by the bootstrap superuser
  return reaches(db, member, role, true);
}

bool is_member_of_role(sqlite3* db, int64_t member, int64_t role) {
  if (member == role) return true;
  auto m = find_role(db, member);
  if (m && m->super) return true;
  return reaches(db, member, role, false);
}

ObjectAcl object_acl(sqlite3* db, AclClass cls, int64_t oid, int subid) {
  ObjectAcl o;
  if (cls == AclClass::Namespace && oid == 2200) {
    o.owner = kRoleDatabaseOwner;
  }
  if (privilege_tables_exist(db)) {
    query(db, "SELECT owner, acl FROM main._pgmicro_acl WHERE classid = ?1 AND objoid = ?2 AND objsubid = ?3",
          {std::to_string((int64_t)cls), std::to_string(oid), std::to_string(subid)}, [&](sqlite3_stmt* st) {
            if (sqlite3_column_type(st, 0) != SQLITE_NULL) o.owner = sqlite3_column_int64(st, 0);
            if (sqlite3_column_type(st, 1) != SQLITE_NULL) o.acl = acl_decode(col_text(st, 1));
          });
  }
  if (!o.acl && cls == AclClass::Namespace && oid == 2200 && subid == 0)
    o.acl = Acl{{kRoleDatabaseOwner, kRoleDatabaseOwner, kAclUsage | kAclCreate, 0}, {kRolePublic, kRoleDatabaseOwner, kAclUsage, 0}};
  return o;
}

void set_object_owner(sqlite3* db, AclClass cls, int64_t oid, int64_t owner) {
  ensure_privilege_tables(db);
  exec_sql(db, "INSERT INTO main._pgmicro_acl(classid, objoid, objsubid, owner) VALUES (" + std::to_string((int64_t)cls) +
                   ", " + std::to_string(oid) + ", 0, " + std::to_string(owner) +
                   ") ON CONFLICT(classid, objoid, objsubid) DO UPDATE SET owner = excluded.owner");
}

void set_object_acl(sqlite3* db, AclClass cls, int64_t oid, int subid, const Acl& acl) {
  ensure_privilege_tables(db);
  exec_sql(db, "INSERT INTO main._pgmicro_acl(classid, objoid, objsubid, acl) VALUES (" + std::to_string((int64_t)cls) +
                   ", " + std::to_string(oid) + ", " + std::to_string(subid) + ", " + quote_literal(acl_encode(acl)) +
                   ") ON CONFLICT(classid, objoid, objsubid) DO UPDATE SET acl = excluded.acl");
}

std::vector<std::pair<int, Acl>> column_acls(sqlite3* db, int64_t reloid) {
  std::vector<std::pair<int, Acl>> v;
  if (!privilege_tables_exist(db)) return v;
  query(db, "SELECT objsubid, acl FROM main._pgmicro_acl WHERE classid = 1259 AND objoid = ?1 AND objsubid > 0 AND acl IS NOT NULL ORDER BY objsubid",
        {std::to_string(reloid)}, [&](sqlite3_stmt* st) { v.push_back({sqlite3_column_int(st, 0), acl_decode(col_text(st, 1))}); });
  return v;
}

Acl default_acl(char kind, int64_t owner) {
  switch (kind) {
    case 'S': return {{owner, owner, kAclSelect | kAclUpdate | kAclUsage, 0}};
    case 'n': return {{owner, owner, kAclUsage | kAclCreate, 0}};
    case 'f': return {{kRolePublic, owner, kAclExecute, 0}, {owner, owner, kAclExecute, 0}};
    case 'T': return {{kRolePublic, owner, kAclUsage, 0}, {owner, owner, kAclUsage, 0}};
    case 'd': return {{kRolePublic, owner, kAclTemp | kAclConnect, 0}, {owner, owner, kAclCreate | kAclTemp | kAclConnect, 0}};
    case 'c': return {};
    default:
      return {{owner, owner, kAclInsert | kAclSelect | kAclUpdate | kAclDelete | kAclTruncate | kAclReferences | kAclTrigger, 0}};
  }
}

namespace {
// An identifier as aclitem output quotes it (putid: anything but alphanumerics and _ quotes).
std::string acl_name(const std::string& n) {
  bool plain = !n.empty();
  for (unsigned char c : n) plain &= std::isalnum(c) || c == '_' || c >= 0x80;
  if (plain) return n;
  std::string s = "\"";
  for (char c : n) s += c == '"' ? std::string("\"\"") : std::string(1, c);
  return s + "\"";
}
}  // namespace

std::vector<std::string> acl_texts(sqlite3* db, const Acl& acl) {
  std::vector<std::string> v;
  for (auto& i : acl) {
    std::string s = i.grantee == kRolePublic ? "" : acl_name(role_name(db, i.grantee));
    s += "=";
    for (int b = 0; kAclLetters[b]; b++)
      if (i.privs & (1u << b)) {
        s += kAclLetters[b];
        if (i.goptions & (1u << b)) s += '*';
      }
    s += "/" + acl_name(role_name(db, i.grantor));
    v.push_back(s);
  }
  return v;
}

uint32_t acl_mask(sqlite3* db, const Acl& acl, int64_t role, uint32_t mask) {
  uint32_t got = 0;
  for (auto& i : acl)
    if (i.grantee == kRolePublic || i.grantee == role) got |= i.privs & mask;
  if ((got & mask) == mask) return got;
  for (auto& i : acl)
    if (i.grantee != kRolePublic && i.grantee != role && (i.privs & mask & ~got) && has_privs_of_role(db, role, i.grantee))
      got |= i.privs & mask;
  return got;
}

bool Privileges::bypass() const {
  if (check_as.empty()) return current_super;
  int64_t u = check_as.back();
  if (u == kRoleBootstrap) return true;
  auto r = find_role(db, u);
  return r && r->super;
}

bool Privileges::relation_has(int64_t oid, char relkind, int64_t role, uint32_t any_of) const {
  auto r = find_role(db, role);
  if (r && r->super) return true;
  ObjectAcl o = object_acl(db, AclClass::Relation, oid);
  Acl acl = o.acl ? *o.acl : default_acl(relkind == 'S' ? 'S' : 'r', o.owner);
  return acl_mask(db, acl, role, any_of) != 0;
}

void Privileges::check_relation(const TableDef* t, int64_t oid, char relkind, const std::string& name, uint32_t any_of) const {
  if (bypass()) return;
  int64_t role = checking_user();
  if (relation_has(oid, relkind, role, any_of)) return;
  if (t && relkind != 'S') {
    for (auto& [att, acl] : column_acls(db, oid))
      if (acl_mask(db, acl, role, any_of)) unsupported("column-level privileges");
  }
  const char* kind = relkind == 'S' ? "sequence" : relkind == 'v' ? "view" : "table";
  throw PgError(sqlstate::kInsufficientPrivilege, std::string("permission denied for ") + kind + " " + name);
}

void Privileges::check_schema(const Catalog& c, const std::string& schema, uint32_t priv, int location) const {
  if (bypass() || schema.empty() || schema == kTempSchema || schema == kCatalogSchema || schema == "information_schema") return;
  const SchemaDef* s = c.find_schema(schema);
  if (!s) return;
  ObjectAcl o = object_acl(db, AclClass::Namespace, s->oid);
  Acl acl = o.acl ? *o.acl : default_acl('n', o.owner);
  if (acl_mask(db, acl, checking_user(), priv)) return;
  throw PgError(sqlstate::kInsufficientPrivilege, "permission denied for schema " + schema).at(location);
}

bool Privileges::owns(AclClass cls, int64_t oid) const {
  if (bypass()) return true;
  return has_privs_of_role(db, checking_user(), object_acl(db, cls, oid).owner);
}

void Privileges::check_owner(AclClass cls, int64_t oid, const std::string& kind, const std::string& name) const {
  if (owns(cls, oid)) return;
  throw PgError(sqlstate::kInsufficientPrivilege, "must be owner of " + kind + " " + name);
}

void check_select_privilege(const Catalog& c, const TableDef& t, int location) {
  Privileges* p = c.privileges;
  if (!p || t.oid < 16384 || p->bypass()) return;
  p->check_schema(c, t.schema, kAclUsage, location);
  p->check_relation(&t, t.oid, 'r', t.name, kAclSelect);
}

ViewPrivilegeScope::ViewPrivilegeScope(const Catalog& c, const ViewDef& v) {
  Privileges* p = c.privileges;
  if (!p || !p->db || !privilege_tables_exist(p->db)) return;
  if (!p->bypass()) {
    p->check_schema(c, v.schema, kAclUsage);
    p->check_relation(nullptr, v.oid, 'v', v.name, kAclSelect);
  }
  p->check_as.push_back(object_acl(p->db, AclClass::Relation, v.oid).owner);
  p_ = p;
}

ViewPrivilegeScope::~ViewPrivilegeScope() {
  if (p_) p_->check_as.pop_back();
}

}  // namespace pgmicro
