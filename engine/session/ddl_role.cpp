// Roles and privileges as statements: CREATE/ALTER/DROP ROLE|USER|GROUP, GRANT/REVOKE of
// roles and of table/sequence/schema/database privileges, ALTER ... OWNER TO, SET ROLE / SET
// SESSION AUTHORIZATION (kept as the settings "role" and "session_authorization", so they
// follow transactions like any SET), the owner recorded for objects a role other than the
// bootstrap superuser creates, and the gate that checks a utility statement's privileges for
// a role that is not a superuser (statements whose checks are not implemented are refused
// with 0A000). Storage and checks: catalog/privileges.{h,cpp}.
#include <algorithm>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "catalog/object_names.h"
#include "catalog/privileges.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"

namespace pgmicro {

namespace {

std::string role_spec_name(const Privileges& p, RoleSpec* r) {
  switch (r->roletype) {
    case ROLESPEC_CSTRING: return r->rolename;
    case ROLESPEC_CURRENT_ROLE:
    case ROLESPEC_CURRENT_USER: return p.current_name;
    case ROLESPEC_SESSION_USER: return p.session_name;
    default: return "public";
  }
}

Role require_role(sqlite3* db, const std::string& name) {
  auto r = find_role(db, name);
  if (!r) throw PgError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
  return *r;
}

// A relation named by a RangeVar: OID, relkind, owner's ACL class row and display name.
struct RelRef {
  int64_t oid = 0;
  int64_t owner_oid = 0;  // the relation whose owner counts (an index: its table)
  char relkind = 0;       // 'r' table, 'p' partitioned, 'v' view, 'S' sequence, 'i' index
  std::string schema, name;
  const TableDef* table = nullptr;
};

std::optional<RelRef> find_rel(const Catalog& c, RangeVar* rv) {
  std::string schema = rv->schemaname ? rv->schemaname : "";
  RelRef r;
  r.name = rv->relname;
  if (const TableDef* t = c.find_table(schema, rv->relname)) {
    r.oid = r.owner_oid = t->oid;
    r.relkind = t->partition_strategy ? 'p' : 'r';
    r.schema = t->schema;
    r.table = t;
    return r;
  }
  if (const SequenceDef* s = c.find_sequence(schema, rv->relname)) {
    r.oid = r.owner_oid = s->oid;
    r.relkind = 'S';
    r.schema = s->schema;
    return r;
  }
  if (const ViewDef* v = c.find_view(schema, rv->relname)) {
    r.oid = r.owner_oid = v->oid;
    r.relkind = 'v';
    r.schema = v->schema;
    return r;
  }
  auto [t, idx] = c.find_index(schema, rv->relname);
  if (t && idx) {
    r.oid = idx->oid;
    r.owner_oid = t->oid;
    r.relkind = 'i';
    r.schema = t->schema;
    return r;
  }
  // The index of a PRIMARY KEY/UNIQUE constraint (named as the constraint).
  std::string want = schema.empty() ? c.creation_schema() : Catalog::canonical_schema(schema);
  for (auto& tab : c.tables()) {
    if (!schema.empty() && tab->schema != want) continue;
    for (auto& con : tab->constraints)
      if ((con.type == 'p' || con.type == 'u') && con.name == rv->relname) {
        r.oid = con.oid;
        r.owner_oid = tab->oid;
        r.relkind = 'i';
        r.schema = tab->schema;
        return r;
      }
  }
  return std::nullopt;
}

const char* relkind_word(char k) {
  switch (k) {
    case 'S': return "sequence";
    case 'v': return "view";
    case 'i': return "index";
    default: return "table";
  }
}

uint32_t privilege_bit(const std::string& n) {
  if (n == "select") return kAclSelect;
  if (n == "insert") return kAclInsert;
  if (n == "update") return kAclUpdate;
  if (n == "delete") return kAclDelete;
  if (n == "truncate") return kAclTruncate;
  if (n == "references") return kAclReferences;
  if (n == "trigger") return kAclTrigger;
  if (n == "execute") return kAclExecute;
  if (n == "usage") return kAclUsage;
  if (n == "create") return kAclCreate;
  if (n == "temporary" || n == "temp") return kAclTemp;
  if (n == "connect") return kAclConnect;
  throw PgError(sqlstate::kSyntaxError, "unrecognized privilege type \"" + n + "\"");
}

// GRANT/REVOKE applied to one ACL by `grantor`.
void edit_acl(Acl& acl, bool is_grant, bool grant_option, int64_t grantee, int64_t grantor, uint32_t privs) {
  auto it = std::find_if(acl.begin(), acl.end(), [&](const AclItem& i) { return i.grantee == grantee && i.grantor == grantor; });
  if (is_grant) {
    if (it == acl.end()) {
      acl.push_back({grantee, grantor, 0, 0});
      it = acl.end() - 1;
    }
    it->privs |= privs;
    if (grant_option) it->goptions |= privs;
    return;
  }
  if (it == acl.end()) return;
  it->goptions &= ~privs;
  if (!grant_option) it->privs &= ~privs;
  if (!it->privs) acl.erase(it);
}

}  // namespace

void SessionImpl::sync_role() {
  std::string role = settings_.get("role"), session = settings_.get("session_authorization");
  std::string want = role.empty() || role == "none" ? session : role;
  if (want.empty()) want = "postgres";
  if (want == privileges_.current_name && session == privileges_.session_name) return;
  privileges_.db = conn_;
  auto cur = find_role(conn_, want);
  auto ses = find_role(conn_, session);
  privileges_.current_name = want;
  privileges_.session_name = session;
  privileges_.current_user = cur ? cur->oid : -1;
  privileges_.session_user = ses ? ses->oid : -1;
  privileges_.current_super = cur && cur->super;
  catalog_.privileges = &privileges_;
  catalog_.force_reload(conn_);  // plans made for another role are not reused
}

int64_t SessionImpl::owner_watermark() {
  if (privileges_.current_user == kRoleBootstrap) return -1;
  Catalog::ensure_catalog_tables(conn_);
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(conn_, "SELECT value FROM main._pgmicro_meta WHERE key = 'next_oid'", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

void SessionImpl::record_owners(int64_t watermark) {
  if (watermark < 0 || privileges_.current_user == kRoleBootstrap) return;
  catalog_.refresh(conn_);
  int64_t u = privileges_.current_user;
  auto own = [&](AclClass cls, int64_t oid) {
    if (oid >= watermark) set_object_owner(conn_, cls, oid, u);
  };
  // ALTER DEFAULT PRIVILEGES of the creating role: the new relation's initial ACL.
  auto defaults = [&](int64_t oid, char kind) {
    if (oid < watermark) return;
    ObjectAcl d = object_acl(conn_, AclClass::DefaultAcl, u, kind);
    if (d.acl) set_object_acl(conn_, AclClass::Relation, oid, 0, *d.acl);
  };
  for (auto& t : catalog_.tables()) own(AclClass::Relation, t->oid), defaults(t->oid, 'r');
  for (auto& s : catalog_.sequences()) own(AclClass::Relation, s->oid), defaults(s->oid, 'S');
  for (auto& v : catalog_.views()) own(AclClass::Relation, v->oid), defaults(v->oid, 'r');
  for (auto& s : catalog_.schemas()) own(AclClass::Namespace, s.oid);
  for (auto& p : catalog_.procs()) own(AclClass::Proc, p->oid);
}

void SessionImpl::set_role_setting(VariableSetStmt* vs, StatementResult& out) {
  std::string name = vs->name;
  std::optional<std::string> value;
  if (vs->kind == VAR_SET_VALUE && list_size(vs->args) == 1) {
    Node* n = list_at(vs->args, 0);
    if (IsA(n, A_Const) && IsA(reinterpret_cast<Node*>(&reinterpret_cast<A_Const*>(n)->val), String))
      value = strVal(reinterpret_cast<Node*>(&reinterpret_cast<A_Const*>(n)->val));
  }
  if (vs->kind == VAR_SET_VALUE && !value) unsupported("SET " + name + " with this value");
  if (value && !(name == "role" && *value == "none")) {
    auto found = find_role(conn_, *value);
    if (!found) throw PgError(sqlstate::kInvalidParameterValue, "role \"" + *value + "\" does not exist");
    Role r = *found;
    if (name == "role") {
      if (!is_member_of_role(conn_, privileges_.session_user, r.oid))
        throw PgError(sqlstate::kInsufficientPrivilege, "permission denied to set role \"" + *value + "\"");
    } else {
      // Only the authenticated user (the bootstrap superuser) may change the session user.
      (void)r;
    }
  }
  settings_.apply(vs, status_ != TransactionStatus::Idle);
  if (name == "session_authorization") {
    // SET SESSION AUTHORIZATION also resets SET ROLE (with the same scope).
    VariableSetStmt reset{};
    reset.type = T_VariableSetStmt;
    reset.kind = VAR_RESET;
    reset.name = const_cast<char*>("role");
    reset.is_local = vs->is_local;
    settings_.apply(&reset, status_ != TransactionStatus::Idle);
  }
  if (vs->is_local && status_ == TransactionStatus::Idle)
    out.notices.push_back({"WARNING", "25P01", "SET LOCAL can only be used in transaction blocks"});
  out.command_tag = vs->kind == VAR_RESET ? "RESET" : "SET";
  sync_role();
}

namespace {

void apply_role_options(sqlite3* db, const Privileges& priv, Role& r, List* options, bool creating, bool is_user) {
  if (creating && is_user) r.canlogin = true;
  for_each_node(options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string k = d->defname;
    auto flag = [&] { return d->arg ? boolVal(d->arg) : true; };
    if (k == "superuser") {
      if (!priv.current_super) throw PgError(sqlstate::kInsufficientPrivilege, creating ? "must be superuser to create superusers" : "must be superuser to alter superuser roles or change superuser attribute");
      r.super = flag();
    } else if (k == "createrole") r.createrole = flag();
    else if (k == "createdb") r.createdb = flag();
    else if (k == "canlogin") r.canlogin = flag();
    else if (k == "inherit") r.inherit = flag();
    else if (k == "isreplication") r.replication = flag();
    else if (k == "bypassrls") r.bypassrls = flag();
    else if (k == "connectionlimit") r.connlimit = intVal(d->arg);
    else if (k == "password") r.password.reset();  // accepted, never stored (no authentication here)
    else if (k == "validUntil") unsupported("VALID UNTIL");
    else if (k == "addroleto" || k == "rolemembers" || k == "adminmembers") {
      if (!creating) unsupported("ALTER ROLE with " + k);
    } else if (k == "sysid") {
      // ignored by PostgreSQL too
    } else {
      unsupported("role option " + k);
    }
  });
  (void)db;
}

void write_role(sqlite3* db, const Role& r) {
  auto b = [](bool v) { return std::string(v ? "1" : "0"); };
  exec_sql(db, "INSERT OR REPLACE INTO main._pgmicro_authid VALUES (" + std::to_string(r.oid) + ", " + quote_literal(r.name) + ", " +
                   b(r.super) + ", " + b(r.inherit) + ", " + b(r.createrole) + ", " + b(r.createdb) + ", " + b(r.canlogin) + ", " +
                   b(r.replication) + ", " + b(r.bypassrls) + ", " + std::to_string(r.connlimit) + ", NULL, " +
                   (r.valid_until ? quote_literal(*r.valid_until) : std::string("NULL")) + ")");
}

void add_member(sqlite3* db, int64_t role, int64_t member, int64_t grantor, bool admin, const std::string& rname,
                const std::string& mname, std::vector<Notice>& notices) {
  for (auto& m : all_memberships(db))
    if (m.roleid == role && m.member == member) {
      if (admin && !m.admin)
        exec_sql(db, "UPDATE main._pgmicro_auth_members SET admin_option = 1 WHERE roleid = " + std::to_string(role) + " AND member = " + std::to_string(member));
      else
        notices.push_back({"NOTICE", "00000", "role \"" + mname + "\" is already a member of role \"" + rname + "\""});
      return;
    }
  if (role == member || is_member_of_role(db, role, member)) {
    if (role == member) throw PgError("0LP01", "role \"" + rname + "\" is a member of role \"" + mname + "\"");
    auto rr = find_role(db, role);
    if (!(rr && rr->super && !is_member_of_role(db, member, role)))
      throw PgError("0LP01", "role \"" + rname + "\" is a member of role \"" + mname + "\"");
  }
  exec_sql(db, "INSERT INTO main._pgmicro_auth_members VALUES (" + std::to_string(role) + ", " + std::to_string(member) + ", " +
                   std::to_string(grantor) + ", " + (admin ? "1" : "0") + ")");
}

}  // namespace

bool SessionImpl::execute_privilege_statement(Node* stmt, StatementResult& out) {
  Privileges& p = privileges_;
  p.db = conn_;
  switch (nodeTag(stmt)) {
    case T_VariableSetStmt: {
      auto* vs = reinterpret_cast<VariableSetStmt*>(stmt);
      if (!vs->name || (std::string(vs->name) != "role" && std::string(vs->name) != "session_authorization")) return false;
      set_role_setting(vs, out);
      return true;
    }
    case T_CreateRoleStmt: {
      auto* s = reinterpret_cast<CreateRoleStmt*>(stmt);
      std::string name = s->role;
      auto me = find_role(conn_, p.current_user);
      if (!p.current_super && !(me && me->createrole))
        throw PgError(sqlstate::kInsufficientPrivilege, "permission denied to create role");
      if (name.rfind("pg_", 0) == 0)
        throw PgError("42939", "role name \"" + name + "\" is reserved", "Role names starting with \"pg_\" are reserved.");
      if (name == "public" || name == "none")
        throw PgError("42939", "role name \"" + name + "\" is reserved");
      if (find_role(conn_, name)) throw PgError(sqlstate::kDuplicateObject, "role \"" + name + "\" already exists");
      Catalog::ensure_catalog_tables(conn_);
      ensure_privilege_tables(conn_);
      Role r;
      r.name = name;
      r.inherit = true;
      apply_role_options(conn_, p, r, s->options, true, s->stmt_type == ROLESTMT_USER);
      r.oid = Catalog::allocate_oid(conn_);
      write_role(conn_, r);
      for_each_node(s->options, [&](Node* n) {
        auto* d = reinterpret_cast<DefElem*>(n);
        std::string k = d->defname;
        if (k != "addroleto" && k != "rolemembers" && k != "adminmembers") return;
        for_each_node(reinterpret_cast<List*>(d->arg), [&](Node* rn) {
          Role other = require_role(conn_, role_spec_name(p, reinterpret_cast<RoleSpec*>(rn)));
          if (k == "addroleto") add_member(conn_, other.oid, r.oid, p.current_user, false, other.name, r.name, out.notices);
          else add_member(conn_, r.oid, other.oid, p.current_user, k == "adminmembers", r.name, other.name, out.notices);
        });
      });
      out.command_tag = "CREATE ROLE";
      return true;
    }
    case T_AlterRoleStmt: {
      auto* s = reinterpret_cast<AlterRoleStmt*>(stmt);
      std::string name = role_spec_name(p, s->role);
      Role r = require_role(conn_, name);
      if (s->action != 0 && list_size(s->options) == 1 &&
          std::string(reinterpret_cast<DefElem*>(list_at(s->options, 0))->defname) == "rolemembers") {
        // ALTER GROUP g ADD|DROP USER u
        auto* d = reinterpret_cast<DefElem*>(list_at(s->options, 0));
        for_each_node(reinterpret_cast<List*>(d->arg), [&](Node* rn) {
          Role m = require_role(conn_, role_spec_name(p, reinterpret_cast<RoleSpec*>(rn)));
          if (s->action > 0) add_member(conn_, r.oid, m.oid, p.current_user, false, r.name, m.name, out.notices);
          else
            exec_sql(conn_, "DELETE FROM main._pgmicro_auth_members WHERE roleid = " + std::to_string(r.oid) + " AND member = " + std::to_string(m.oid));
        });
        out.command_tag = "ALTER ROLE";
        return true;
      }
      if (r.oid == kRoleBootstrap || r.oid == kRoleDatabaseOwner) unsupported("ALTER ROLE of a built-in role");
      auto me = find_role(conn_, p.current_user);
      if (!p.current_super && !(me && me->createrole) && r.oid != p.current_user)
        throw PgError(sqlstate::kInsufficientPrivilege, "permission denied");
      if (!p.current_super && r.super)
        throw PgError(sqlstate::kInsufficientPrivilege, "must be superuser to alter superuser roles or change superuser attribute");
      apply_role_options(conn_, p, r, s->options, false, false);
      write_role(conn_, r);
      out.command_tag = "ALTER ROLE";
      sync_role_after_change();
      return true;
    }
    case T_DropRoleStmt: {
      auto* s = reinterpret_cast<DropRoleStmt*>(stmt);
      auto me = find_role(conn_, p.current_user);
      if (!p.current_super && !(me && me->createrole))
        throw PgError(sqlstate::kInsufficientPrivilege, "permission denied to drop role");
      for_each_node(s->roles, [&](Node* rn) {
        auto* spec = reinterpret_cast<RoleSpec*>(rn);
        std::string name = role_spec_name(p, spec);
        auto r = find_role(conn_, name);
        if (!r) {
          if (s->missing_ok) {
            out.notices.push_back({"NOTICE", "00000", "role \"" + name + "\" does not exist, skipping"});
            return;
          }
          throw PgError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
        }
        if (r->oid == kRoleBootstrap || r->oid == kRoleDatabaseOwner)
          throw PgError("55006", "cannot drop role " + name + " because it is required by the database system");
        if (r->oid == p.current_user) throw PgError("55006", "current user cannot be dropped");
        if (r->oid == p.session_user) throw PgError("55006", "session user cannot be dropped");
        if (r->super && !p.current_super) throw PgError(sqlstate::kInsufficientPrivilege, "must be superuser to drop superusers");
        std::string detail = role_dependencies(r->oid);
        if (privilege_tables_exist(conn_)) {
          sqlite3_stmt* st = nullptr;
          sqlite3_prepare_v2(conn_, "SELECT objsubid FROM main._pgmicro_acl WHERE classid = 826 AND objoid = ?1 ORDER BY objsubid DESC", -1, &st, nullptr);
          sqlite3_bind_int64(st, 1, r->oid);
          while (sqlite3_step(st) == SQLITE_ROW)
            detail += std::string(detail.empty() ? "" : "\n") + "owner of default privileges on new " +
                      (sqlite3_column_int(st, 0) == 'S' ? "sequences" : "relations") + " belonging to role " + name;
          sqlite3_finalize(st);
        }
        if (!detail.empty())
          throw PgError("2BP01", "role \"" + name + "\" cannot be dropped because some objects depend on it", detail);
        exec_sql(conn_, "DELETE FROM main._pgmicro_auth_members WHERE roleid = " + std::to_string(r->oid) + " OR member = " + std::to_string(r->oid) +
                            "; DELETE FROM main._pgmicro_authid WHERE oid = " + std::to_string(r->oid));
      });
      out.command_tag = "DROP ROLE";
      return true;
    }
    case T_GrantRoleStmt: {
      auto* s = reinterpret_cast<GrantRoleStmt*>(stmt);
      bool admin = false;
      for_each_node(s->opt, [&](Node* n) {
        auto* d = reinterpret_cast<DefElem*>(n);
        if (std::string(d->defname) == "admin") admin = d->arg ? boolVal(d->arg) : true;
        else unsupported("GRANT role WITH " + std::string(d->defname));
      });
      if (s->grantor) unsupported("GRANTED BY");
      for_each_node(s->granted_roles, [&](Node* gn) {
        Role g = require_role(conn_, reinterpret_cast<AccessPriv*>(gn)->priv_name);
        if (!p.current_super) {
          bool has_admin = false;
          for (auto& m : all_memberships(conn_)) has_admin |= m.roleid == g.oid && m.member == p.current_user && m.admin;
          auto me = find_role(conn_, p.current_user);
          if (!has_admin && !(me && me->createrole && !g.super))
            throw PgError(sqlstate::kInsufficientPrivilege, "must have admin option on role \"" + g.name + "\"");
        }
        for_each_node(s->grantee_roles, [&](Node* rn) {
          Role m = require_role(conn_, role_spec_name(p, reinterpret_cast<RoleSpec*>(rn)));
          if (s->is_grant) {
            add_member(conn_, g.oid, m.oid, p.current_user, admin, g.name, m.name, out.notices);
          } else {
            bool found = false;
            for (auto& x : all_memberships(conn_)) found |= x.roleid == g.oid && x.member == m.oid;
            if (!found) {
              out.notices.push_back({"WARNING", "01000", "role \"" + m.name + "\" has not been granted membership in role \"" + g.name + "\" by role \"" + p.current_name + "\""});
              return;
            }
            if (admin)
              exec_sql(conn_, "UPDATE main._pgmicro_auth_members SET admin_option = 0 WHERE roleid = " + std::to_string(g.oid) + " AND member = " + std::to_string(m.oid));
            else
              exec_sql(conn_, "DELETE FROM main._pgmicro_auth_members WHERE roleid = " + std::to_string(g.oid) + " AND member = " + std::to_string(m.oid));
          }
        });
      });
      out.command_tag = s->is_grant ? "GRANT ROLE" : "REVOKE ROLE";
      sync_role_after_change();
      return true;
    }
    case T_GrantStmt: execute_grant(reinterpret_cast<GrantStmt*>(stmt), out); return true;
    case T_AlterOwnerStmt: {
      auto* s = reinterpret_cast<AlterOwnerStmt*>(stmt);
      if (s->objectType != OBJECT_SCHEMA) unsupported("ALTER ... OWNER TO for this kind of object");
      std::string name = strVal(s->object);
      const SchemaDef* sd = catalog_.find_schema(name);
      if (!sd) throw PgError("3F000", "schema \"" + name + "\" does not exist");
      Role r = require_role(conn_, role_spec_name(p, s->newowner));
      change_owner(AclClass::Namespace, sd->oid, "schema", name, r.oid);
      out.command_tag = "ALTER SCHEMA";
      bump_schema();
      return true;
    }
    case T_AlterTableStmt: {
      auto* s = reinterpret_cast<AlterTableStmt*>(stmt);
      bool all_owner = list_size(s->cmds) > 0;
      for_each_node(s->cmds, [&](Node* n) { all_owner &= reinterpret_cast<AlterTableCmd*>(n)->subtype == AT_ChangeOwner; });
      if (!all_owner) return false;
      auto rel = find_rel(catalog_, s->relation);
      if (!rel) {
        if (s->missing_ok) {
          out.notices.push_back({"NOTICE", "00000", "relation \"" + std::string(s->relation->relname) + "\" does not exist, skipping"});
          out.command_tag = "ALTER TABLE";
          return true;
        }
        throw PgError(sqlstate::kUndefinedTable, "relation \"" + std::string(s->relation->relname) + "\" does not exist");
      }
      if (rel->relkind == 'i') unsupported("ALTER INDEX ... OWNER TO");
      for_each_node(s->cmds, [&](Node* n) {
        Role r = require_role(conn_, role_spec_name(p, reinterpret_cast<AlterTableCmd*>(n)->newowner));
        change_owner(AclClass::Relation, rel->oid, relkind_word(rel->relkind), rel->name, r.oid);
        // Sequences owned by the table's columns follow it (PostgreSQL's change_owner_recurse).
        for (auto& sq : catalog_.sequences())
          if (sq->owned_by_table == rel->oid) change_owner(AclClass::Relation, sq->oid, "sequence", sq->name, r.oid, true);
      });
      out.command_tag = s->objtype == OBJECT_SEQUENCE ? "ALTER SEQUENCE" : s->objtype == OBJECT_VIEW ? "ALTER VIEW" : "ALTER TABLE";
      bump_schema();
      return true;
    }
    case T_AlterDefaultPrivilegesStmt: {
      auto* s = reinterpret_cast<AlterDefaultPrivilegesStmt*>(stmt);
      std::vector<Role> roles;
      for_each_node(s->options, [&](Node* n) {
        auto* d = reinterpret_cast<DefElem*>(n);
        if (std::string(d->defname) == "schemas") unsupported("ALTER DEFAULT PRIVILEGES IN SCHEMA");
        if (std::string(d->defname) == "roles")
          for_each_node(reinterpret_cast<List*>(d->arg), [&](Node* rn) { roles.push_back(require_role(conn_, role_spec_name(p, reinterpret_cast<RoleSpec*>(rn)))); });
      });
      if (roles.empty()) roles.push_back(require_role(conn_, p.current_name));
      GrantStmt* g = s->action;
      char kind = g->objtype == OBJECT_TABLE ? 'r' : g->objtype == OBJECT_SEQUENCE ? 'S' : 0;
      if (!kind) unsupported("ALTER DEFAULT PRIVILEGES for this kind of object");
      uint32_t valid = kind == 'S' ? (kAclSelect | kAclUpdate | kAclUsage)
                                   : (kAclInsert | kAclSelect | kAclUpdate | kAclDelete | kAclTruncate | kAclReferences | kAclTrigger);
      uint32_t privs = list_size(g->privileges) == 0 ? valid : 0;
      for_each_node(g->privileges, [&](Node* n) {
        auto* ap = reinterpret_cast<AccessPriv*>(n);
        if (ap->cols) unsupported("column privileges in ALTER DEFAULT PRIVILEGES");
        privs |= ap->priv_name ? privilege_bit(ap->priv_name) : valid;
      });
      if (privs & ~valid)
        throw PgError("0LP01", std::string("invalid privilege type for ") + (kind == 'S' ? "sequence" : "table"));
      std::vector<int64_t> grantees;
      for_each_node(g->grantees, [&](Node* n) {
        auto* rs = reinterpret_cast<RoleSpec*>(n);
        grantees.push_back(rs->roletype == ROLESPEC_PUBLIC ? kRolePublic : require_role(conn_, role_spec_name(p, rs)).oid);
      });
      ensure_privilege_tables(conn_);
      for (auto& r : roles) {
        if (r.oid == kRoleBootstrap) unsupported("ALTER DEFAULT PRIVILEGES FOR ROLE postgres");
        if (!p.current_super && !has_privs_of_role(conn_, p.current_user, r.oid))
          throw PgError(sqlstate::kInsufficientPrivilege, "permission denied to change default privileges");
        ObjectAcl o = object_acl(conn_, AclClass::DefaultAcl, r.oid, kind);
        Acl acl = o.acl ? *o.acl : default_acl(kind, r.oid);
        for (int64_t gr : grantees) edit_acl(acl, g->is_grant, g->grant_option, gr, r.oid, privs);
        Acl hard = default_acl(kind, r.oid);
        bool same = acl.size() == hard.size();
        for (size_t i = 0; same && i < acl.size(); i++)
          same = acl[i].grantee == hard[i].grantee && acl[i].grantor == hard[i].grantor && acl[i].privs == hard[i].privs &&
                 acl[i].goptions == hard[i].goptions;
        if (same)  // back to the built-in default: no entry (as PostgreSQL removes it)
          exec_sql(conn_, "DELETE FROM main._pgmicro_acl WHERE classid = 826 AND objoid = " + std::to_string(r.oid) +
                              " AND objsubid = " + std::to_string((int)kind));
        else
          set_object_acl(conn_, AclClass::DefaultAcl, r.oid, kind, acl);
      }
      out.command_tag = "ALTER DEFAULT PRIVILEGES";
      return true;
    }
    default: return false;
  }
}

void SessionImpl::sync_role_after_change() {
  privileges_.current_name.clear();  // superuser status or memberships may have changed
  sync_role();
}

std::string SessionImpl::role_dependencies(int64_t role) {
  std::string detail;
  auto add = [&](const std::string& line) { detail += (detail.empty() ? "" : "\n") + line; };
  auto rel_name = [&](int64_t oid, std::string& kind) -> std::string {
    // Qualified unless visible on the search path (getObjectDescription).
    auto shown = [&](const std::string& schema, const std::string& name) {
      return schema == kTempSchema || relation_oid_by_name(catalog_, "", name) == oid ? name : schema + "." + name;
    };
    if (const TableDef* t = catalog_.find_table_by_oid(oid)) { kind = "table"; return shown(t->schema, t->name); }
    if (const SequenceDef* s = catalog_.find_sequence_by_oid(oid)) { kind = "sequence"; return shown(s->schema, s->name); }
    for (auto& v : catalog_.views())
      if (v->oid == oid) { kind = "view"; return shown(v->schema, v->name); }
    return "";
  };
  if (!privilege_tables_exist(conn_)) return detail;
  std::vector<std::tuple<int64_t, int64_t, int64_t, std::optional<std::string>>> rows;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(conn_, "SELECT classid, objoid, owner, acl FROM main._pgmicro_acl WHERE objsubid = 0 ORDER BY rowid", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    rows.emplace_back(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                      sqlite3_column_type(st, 2) == SQLITE_NULL ? kRoleBootstrap : sqlite3_column_int64(st, 2),
                      sqlite3_column_type(st, 3) == SQLITE_NULL ? std::nullopt : std::optional<std::string>(""));
  sqlite3_finalize(st);
  for (auto& [cls, oid, owner, has_acl] : rows) {
    std::string kind, name;
    if (cls == (int64_t)AclClass::Relation) name = rel_name(oid, kind);
    else if (cls == (int64_t)AclClass::Namespace) {
      for (auto& s : catalog_.schemas())
        if (s.oid == oid) kind = "schema", name = s.name;
    } else if (cls == (int64_t)AclClass::Proc) {
      for (auto& pr : catalog_.procs())
        if (pr->oid == oid) kind = "function", name = pr->name;
    }
    if (name.empty()) continue;  // a dropped object
    if (owner == role) add("owner of " + kind + " " + name);
    if (has_acl) {
      ObjectAcl o = object_acl(conn_, (AclClass)cls, oid);
      bool uses = false;
      for (auto& i : *o.acl) uses |= (i.grantee == role || i.grantor == role) && owner != role;
      if (uses) add("privileges for " + kind + " " + name);
    }
  }
  return detail;
}

void SessionImpl::change_owner(AclClass cls, int64_t oid, const std::string& kind, const std::string& name, int64_t new_owner,
                               bool recursing) {
  Privileges& p = privileges_;
  ObjectAcl o = object_acl(conn_, cls, oid);
  if (o.owner == new_owner) return;
  if (!recursing && !p.current_super) {
    p.check_owner(cls, oid, kind, name);
    if (!is_member_of_role(conn_, p.current_user, new_owner))
      throw PgError(sqlstate::kInsufficientPrivilege, "must be member of role \"" + role_name(conn_, new_owner) + "\"");
  }
  set_object_owner(conn_, cls, oid, new_owner);
  if (o.acl) {  // aclnewowner: the old owner's entries become the new owner's
    Acl acl;
    for (AclItem i : *o.acl) {
      if (i.grantee == o.owner) i.grantee = new_owner;
      if (i.grantor == o.owner) i.grantor = new_owner;
      auto it = std::find_if(acl.begin(), acl.end(), [&](const AclItem& x) { return x.grantee == i.grantee && x.grantor == i.grantor; });
      if (it != acl.end()) it->privs |= i.privs, it->goptions |= i.goptions;
      else acl.push_back(i);
    }
    set_object_acl(conn_, cls, oid, 0, acl);
  }
}

void SessionImpl::execute_grant(GrantStmt* s, StatementResult& out) {
  Privileges& p = privileges_;
  out.command_tag = s->is_grant ? "GRANT" : "REVOKE";
  if (s->targtype != ACL_TARGET_OBJECT) unsupported(s->targtype == ACL_TARGET_ALL_IN_SCHEMA ? "GRANT ... ON ALL ... IN SCHEMA" : "GRANT on default privileges");
  if (s->grantor) unsupported("GRANTED BY");
  // Grantees.
  std::vector<int64_t> grantees;
  for_each_node(s->grantees, [&](Node* n) {
    auto* rs = reinterpret_cast<RoleSpec*>(n);
    if (rs->roletype == ROLESPEC_PUBLIC) grantees.push_back(kRolePublic);
    else grantees.push_back(require_role(conn_, role_spec_name(p, rs)).oid);
  });
  // Privileges: whole-object bits and column lists.
  bool all = list_size(s->privileges) == 0;
  uint32_t bits = 0;
  std::vector<std::pair<uint32_t, std::vector<std::string>>> column_privs;
  for_each_node(s->privileges, [&](Node* n) {
    auto* ap = reinterpret_cast<AccessPriv*>(n);
    uint32_t b = ap->priv_name ? privilege_bit(ap->priv_name) : 0;
    if (!ap->priv_name) all = true;
    if (ap->cols) {
      std::vector<std::string> cols;
      for_each_node(ap->cols, [&](Node* c) { cols.push_back(strVal(c)); });
      column_privs.push_back({b, cols});
    } else {
      bits |= b;
    }
  });
  auto invalid = [](uint32_t b, const char* what) {
    for (int i = 0; kAclLetters[i]; i++)
      if (b & (1u << i)) {
        static const char* names[] = {"INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "EXECUTE", "USAGE", "CREATE", "TEMPORARY", "CONNECT"};
        throw PgError("0LP01", std::string("invalid privilege type ") + names[i] + " for " + what);
      }
  };
  ensure_privilege_tables(conn_);
  // One object: check the grantor, edit its ACL.
  auto apply = [&](AclClass cls, int64_t oid, int subid, char kind, const std::string& kindword, const std::string& name,
                   uint32_t privs, int64_t owner_of) {
    ObjectAcl o = object_acl(conn_, cls, owner_of);
    if (!p.current_super && !has_privs_of_role(conn_, p.current_user, o.owner)) {
      // Granting with a grant option held by a non-owner is not implemented.
      ObjectAcl own = object_acl(conn_, cls, oid);
      Acl acl = own.acl ? *own.acl : default_acl(kind == 'c' ? 'r' : kind, o.owner);
      if (!acl_mask(conn_, acl, p.current_user, ~0u))
        throw PgError(sqlstate::kInsufficientPrivilege, "permission denied for " + kindword + " " + name);
      unsupported("GRANT/REVOKE by a role that does not own the object");
    }
    ObjectAcl cur = object_acl(conn_, cls, oid, subid);
    Acl acl = cur.acl ? *cur.acl : default_acl(subid ? 'c' : kind, o.owner);
    for (int64_t g : grantees) edit_acl(acl, s->is_grant, s->grant_option, g, o.owner, privs);
    set_object_acl(conn_, cls, oid, subid, acl);
  };
  switch (s->objtype) {
    case OBJECT_TABLE:
    case OBJECT_SEQUENCE: {
      for_each_node(s->objects, [&](Node* n) {
        auto* rv = reinterpret_cast<RangeVar*>(n);
        auto rel = find_rel(catalog_, rv);
        if (!rel || rel->relkind == 'i') {
          std::string shown = rv->schemaname ? std::string(rv->schemaname) + "." + rv->relname : std::string(rv->relname);
          throw PgError(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist");
        }
        p.check_schema(catalog_, rel->schema, kAclUsage);
        uint32_t valid = rel->relkind == 'S' ? (kAclSelect | kAclUpdate | kAclUsage)
                                             : (kAclInsert | kAclSelect | kAclUpdate | kAclDelete | kAclTruncate | kAclReferences | kAclTrigger);
        if (s->objtype == OBJECT_SEQUENCE && rel->relkind != 'S')
          throw PgError(sqlstate::kWrongObjectType, "\"" + rel->name + "\" is not a sequence");
        uint32_t privs = all ? valid : bits;
        if (rel->relkind == 'S') {
          if (privs & ~valid) {
            if (s->objtype == OBJECT_SEQUENCE) invalid(privs & ~valid, "sequence");
            out.notices.push_back({"WARNING", "0LP01", "sequence \"" + rel->name + "\" only supports USAGE, SELECT, and UPDATE privileges"});
            privs &= valid;
          }
        } else if (privs & ~valid) {
          invalid(privs & ~valid, "table");
        }
        if (!column_privs.empty() && rel->relkind == 'S') unsupported("column privileges on sequences");
        if (privs || column_privs.empty()) apply(AclClass::Relation, rel->oid, 0, rel->relkind == 'S' ? 'S' : 'r', relkind_word(rel->relkind), rel->name, privs, rel->oid);
        for (auto& [b, cols] : column_privs) {
          if (b & ~(kAclSelect | kAclInsert | kAclUpdate | kAclReferences)) invalid(b & ~(kAclSelect | kAclInsert | kAclUpdate | kAclReferences), "column");
          for (auto& c : cols) {
            int idx = rel->table ? rel->table->find_column(c) : -1;
            if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + c + "\" of relation \"" + rel->name + "\" does not exist");
            apply(AclClass::Relation, rel->oid, idx + 1, 'r', relkind_word(rel->relkind), rel->name, b, rel->oid);
          }
        }
        if (all && !s->is_grant) {  // REVOKE ALL also removes column privileges
          for (auto& [att, acl] : column_acls(conn_, rel->oid)) {
            Acl a = acl;
            for (int64_t g : grantees) edit_acl(a, false, s->grant_option, g, object_acl(conn_, AclClass::Relation, rel->oid).owner, ~0u);
            set_object_acl(conn_, AclClass::Relation, rel->oid, att, a);
          }
        }
      });
      break;
    }
    case OBJECT_SCHEMA: {
      for_each_node(s->objects, [&](Node* n) {
        std::string name = strVal(n);
        const SchemaDef* sd = catalog_.find_schema(name);
        if (!sd || name == kCatalogSchema) {
          if (!sd) throw PgError("3F000", "schema \"" + name + "\" does not exist");
          unsupported("GRANT on schema pg_catalog");
        }
        uint32_t valid = kAclUsage | kAclCreate;
        uint32_t privs = all ? valid : bits;
        if (privs & ~valid) invalid(privs & ~valid, "schema");
        apply(AclClass::Namespace, sd->oid, 0, 'n', "schema", name, privs, sd->oid);
      });
      break;
    }
    case OBJECT_DATABASE: {
      for_each_node(s->objects, [&](Node* n) {
        std::string name = strVal(n);
        if (name != "postgres") throw PgError("3D000", "database \"" + name + "\" does not exist");
        uint32_t valid = kAclCreate | kAclTemp | kAclConnect;
        uint32_t privs = all ? valid : bits;
        if (privs & ~valid) invalid(privs & ~valid, "database");
        apply(AclClass::Database, 5, 0, 'd', "database", name, privs, 5);
      });
      break;
    }
    default: unsupported("GRANT/REVOKE on this kind of object");
  }
  bump_schema();
}

// The privilege checks of utility statements for a role that is not a superuser.
void SessionImpl::check_utility_privileges(Node* stmt) {
  Privileges& p = privileges_;
  p.db = conn_;
  if (p.bypass()) return;
  auto own_rel = [&](RangeVar* rv) {
    auto rel = find_rel(catalog_, rv);
    if (!rel) return;  // the statement reports the missing relation
    p.check_owner(AclClass::Relation, rel->owner_oid, relkind_word(rel->relkind), rel->name);
  };
  auto create_in = [&](RangeVar* rv) {
    bool temp = rv->relpersistence == 't';
    std::string schema = rv->schemaname ? rv->schemaname : "";
    if (temp || schema == "pg_temp") {
      ObjectAcl o = object_acl(conn_, AclClass::Database, 5);
      Acl acl = o.acl ? *o.acl : default_acl('d', o.owner);
      if (!acl_mask(conn_, acl, p.current_user, kAclTemp))
        throw PgError(sqlstate::kInsufficientPrivilege, "permission denied to create temporary tables in database \"postgres\"");
      return;
    }
    if (schema.empty()) schema = catalog_.creation_schema();
    if (!schema.empty()) p.check_schema(catalog_, schema, kAclCreate, rv->schemaname ? rv->location : -1);
  };
  auto check_fk = [&](List* elts) {
    for_each_node(elts, [&](Node* n) {
      auto check = [&](Constraint* c) {
        if (c->contype != CONSTR_FOREIGN || !c->pktable) return;
        if (auto rel = find_rel(catalog_, c->pktable))
          p.check_relation(rel->table, rel->oid, rel->relkind, rel->name, kAclReferences);
      };
      if (IsA(n, Constraint)) check(reinterpret_cast<Constraint*>(n));
      if (IsA(n, ColumnDef))
        for_each_node(reinterpret_cast<::ColumnDef*>(n)->constraints, [&](Node* c) {
          if (IsA(c, Constraint)) check(reinterpret_cast<Constraint*>(c));
        });
    });
  };
  if (IsA(stmt, SelectStmt) && reinterpret_cast<SelectStmt*>(stmt)->intoClause)
    return create_in(reinterpret_cast<SelectStmt*>(stmt)->intoClause->rel);
  switch (nodeTag(stmt)) {
    case T_TransactionStmt:
    case T_VariableSetStmt:
    case T_VariableShowStmt:
    case T_PrepareStmt:
    case T_ExecuteStmt:
    case T_DeallocateStmt:
    case T_ExplainStmt:
    case T_DeclareCursorStmt:
    case T_FetchStmt:
    case T_ClosePortalStmt:
    case T_CreateRoleStmt:
    case T_AlterRoleStmt:
    case T_DropRoleStmt:
    case T_GrantRoleStmt:
    case T_GrantStmt:
    case T_AlterOwnerStmt:
    case T_AlterDefaultPrivilegesStmt:
    case T_SelectStmt:
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
      return;  // checked where they run
    case T_CreateStmt: {
      auto* s = reinterpret_cast<CreateStmt*>(stmt);
      create_in(s->relation);
      for_each_node(s->inhRelations, [&](Node* n) { own_rel(reinterpret_cast<RangeVar*>(n)); });
      for_each_node(s->tableElts, [&](Node* n) {
        if (IsA(n, TableLikeClause))
          if (auto rel = find_rel(catalog_, reinterpret_cast<TableLikeClause*>(n)->relation))
            p.check_relation(rel->table, rel->oid, rel->relkind, rel->name, kAclSelect);
      });
      check_fk(s->tableElts);
      check_fk(s->constraints);
      return;
    }
    case T_CreateSeqStmt: {
      auto* s = reinterpret_cast<CreateSeqStmt*>(stmt);
      create_in(s->sequence);
      for_each_node(s->options, [&](Node* n) {
        if (std::string(reinterpret_cast<DefElem*>(n)->defname) == "owned_by") unsupported("OWNED BY for a role without superuser privileges");
      });
      return;
    }
    case T_ViewStmt: create_in(reinterpret_cast<ViewStmt*>(stmt)->view); return;
    case T_CreateTableAsStmt: create_in(reinterpret_cast<CreateTableAsStmt*>(stmt)->into->rel); return;
    case T_IndexStmt: own_rel(reinterpret_cast<IndexStmt*>(stmt)->relation); return;
    case T_AlterSeqStmt: {
      auto* s = reinterpret_cast<AlterSeqStmt*>(stmt);
      own_rel(s->sequence);
      for_each_node(s->options, [&](Node* n) {
        if (std::string(reinterpret_cast<DefElem*>(n)->defname) == "owned_by") unsupported("OWNED BY for a role without superuser privileges");
      });
      return;
    }
    case T_AlterTableStmt: {
      auto* s = reinterpret_cast<AlterTableStmt*>(stmt);
      own_rel(s->relation);
      for_each_node(s->cmds, [&](Node* n) {
        auto* c = reinterpret_cast<AlterTableCmd*>(n);
        if (c->subtype == AT_AttachPartition || c->subtype == AT_DetachPartition) {
          own_rel(reinterpret_cast<PartitionCmd*>(c->def)->name);
        } else if (c->subtype == AT_AddConstraint && c->def && IsA(c->def, Constraint)) {
          List one{};
          (void)one;
          auto* con = reinterpret_cast<Constraint*>(c->def);
          if (con->contype == CONSTR_FOREIGN && con->pktable)
            if (auto rel = find_rel(catalog_, con->pktable)) p.check_relation(rel->table, rel->oid, rel->relkind, rel->name, kAclReferences);
        } else if (c->subtype == AT_AddInherit || c->subtype == AT_DropInherit) {
          if (c->def && IsA(c->def, RangeVar)) own_rel(reinterpret_cast<RangeVar*>(c->def));
        } else if (c->subtype == AT_AddColumn && c->def && IsA(c->def, ColumnDef)) {
          for_each_node(reinterpret_cast<::ColumnDef*>(c->def)->constraints, [&](Node* cn) {
            auto* con = reinterpret_cast<Constraint*>(cn);
            if (IsA(cn, Constraint) && con->contype == CONSTR_FOREIGN && con->pktable)
              if (auto rel = find_rel(catalog_, con->pktable)) p.check_relation(rel->table, rel->oid, rel->relkind, rel->name, kAclReferences);
          });
        }
      });
      return;
    }
    case T_RenameStmt: {
      auto* s = reinterpret_cast<RenameStmt*>(stmt);
      switch (s->renameType) {
        case OBJECT_TABLE: case OBJECT_VIEW: case OBJECT_SEQUENCE: case OBJECT_INDEX: case OBJECT_COLUMN:
        case OBJECT_TABCONSTRAINT: case OBJECT_MATVIEW:
          if (s->relation) own_rel(s->relation);
          return;
        default: break;
      }
      break;
    }
    case T_DropStmt: {
      auto* s = reinterpret_cast<DropStmt*>(stmt);
      if (s->removeType == OBJECT_TABLE || s->removeType == OBJECT_VIEW || s->removeType == OBJECT_SEQUENCE ||
          s->removeType == OBJECT_INDEX) {
        for_each_node(s->objects, [&](Node* n) {
          List* names = reinterpret_cast<List*>(n);
          RangeVar rv{};
          rv.type = T_RangeVar;
          int k = list_size(names);
          if (k > 2) return;
          rv.relname = const_cast<char*>(strVal(list_at(names, k - 1)));
          rv.schemaname = k == 2 ? const_cast<char*>(strVal(list_at(names, 0))) : nullptr;
          own_rel(&rv);
        });
        return;
      }
      if (s->removeType == OBJECT_SCHEMA) {
        for_each_node(s->objects, [&](Node* n) {
          if (const SchemaDef* sd = catalog_.find_schema(strVal(n))) p.check_owner(AclClass::Namespace, sd->oid, "schema", sd->name);
        });
        return;
      }
      break;
    }
    case T_TruncateStmt: {
      for_each_node(reinterpret_cast<TruncateStmt*>(stmt)->relations, [&](Node* n) {
        if (auto rel = find_rel(catalog_, reinterpret_cast<RangeVar*>(n)))
          p.check_relation(rel->table, rel->oid, rel->relkind, rel->name, kAclTruncate);
      });
      return;
    }
    case T_CreateSchemaStmt: {
      ObjectAcl o = object_acl(conn_, AclClass::Database, 5);
      Acl acl = o.acl ? *o.acl : default_acl('d', o.owner);
      if (!acl_mask(conn_, acl, p.current_user, kAclCreate))
        throw PgError(sqlstate::kInsufficientPrivilege, "permission denied for database postgres");
      if (auto* s = reinterpret_cast<CreateSchemaStmt*>(stmt); list_size(s->schemaElts)) unsupported("CREATE SCHEMA with elements for a role without superuser privileges");
      return;
    }
    default: break;
  }
  unsupported("privilege checks for this statement (as a role without superuser privileges)");
}

}  // namespace pgmicro

namespace pgmicro {

namespace {
// Whether an expression of the raw tree may read a column (conservative: unknown nodes do).
bool reads_columns(Node* n) {
  if (!n) return false;
  switch (nodeTag(n)) {
    case T_A_Const:
    case T_ParamRef:
    case T_SetToDefault:
      return false;
    case T_TypeCast: return reads_columns(reinterpret_cast<TypeCast*>(n)->arg);
    case T_A_Expr: {
      auto* e = reinterpret_cast<A_Expr*>(n);
      return reads_columns(e->lexpr) || reads_columns(e->rexpr);
    }
    case T_List: {
      bool r = false;
      for_each_node(reinterpret_cast<List*>(n), [&](Node* x) { r |= reads_columns(x); });
      return r;
    }
    case T_FuncCall: return reads_columns(reinterpret_cast<Node*>(reinterpret_cast<FuncCall*>(n)->args));
    case T_BoolExpr: return reads_columns(reinterpret_cast<Node*>(reinterpret_cast<BoolExpr*>(n)->args));
    case T_NullTest: return reads_columns(reinterpret_cast<Node*>(reinterpret_cast<NullTest*>(n)->arg));
    case T_ResTarget: return reads_columns(reinterpret_cast<ResTarget*>(n)->val);
    case T_MultiAssignRef: return reads_columns(reinterpret_cast<MultiAssignRef*>(n)->source);
    case T_RowExpr: return reads_columns(reinterpret_cast<Node*>(reinterpret_cast<RowExpr*>(n)->args));
    default: return true;
  }
}
}  // namespace

void SessionImpl::check_dml_privileges(Node* stmt, const TableDef* t) {
  Privileges& p = privileges_;
  if (!t || p.bypass()) return;
  uint32_t need = 0;
  bool reads = false;
  switch (nodeTag(stmt)) {
    case T_InsertStmt: {
      auto* s = reinterpret_cast<InsertStmt*>(stmt);
      need = kAclInsert;
      reads = s->returningList != nullptr;
      if (s->onConflictClause && s->onConflictClause->action == ONCONFLICT_UPDATE) {
        need |= kAclUpdate;
        reads = true;
      }
      break;
    }
    case T_UpdateStmt: {
      auto* s = reinterpret_cast<UpdateStmt*>(stmt);
      need = kAclUpdate;
      reads = s->whereClause || s->fromClause || s->returningList || reads_columns(reinterpret_cast<Node*>(s->targetList));
      break;
    }
    case T_DeleteStmt: {
      auto* s = reinterpret_cast<DeleteStmt*>(stmt);
      need = kAclDelete;
      reads = s->whereClause || s->usingClause || s->returningList;
      break;
    }
    default: return;
  }
  p.check_schema(catalog_, t->schema, kAclUsage);
  p.check_relation(t, t->oid, 'r', t->name, need);
  if (reads) p.check_relation(t, t->oid, 'r', t->name, kAclSelect);
  // Every privilege of `need` is required, not any one of them.
  for (uint32_t b = 1; b <= need; b <<= 1)
    if (need & b) p.check_relation(t, t->oid, 'r', t->name, b);
}

}  // namespace pgmicro
