// SQL functions over roles and privileges (catalog/privileges.h): current_user/session_user
// (pg_current_user, pg_session_user), has_table_privilege, has_sequence_privilege,
// has_schema_privilege, has_column_privilege and pg_has_role (pg_has_privilege), and the
// privilege checks of the sequence functions (check_sequence_privilege).
#include <cctype>
#include "catalog/catalog.h"
#include "catalog/object_names.h"
#include "catalog/privileges.h"
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

std::string arg_text(sqlite3_value* v) {
  return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)), sqlite3_value_bytes(v));
}

void set_text(sqlite3_context* ctx, const std::string& s) { sqlite3_result_text(ctx, s.data(), (int)s.size(), SQLITE_TRANSIENT); }

void current_user_fn(sqlite3_context* ctx, int, sqlite3_value**) {
  RuntimeContext* rc = runtime_context(ctx);
  Privileges* p = rc && rc->catalog ? rc->catalog->privileges : nullptr;
  set_text(ctx, p ? p->current_name : "postgres");
}

void session_user_fn(sqlite3_context* ctx, int, sqlite3_value**) {
  RuntimeContext* rc = runtime_context(ctx);
  Privileges* p = rc && rc->catalog ? rc->catalog->privileges : nullptr;
  set_text(ctx, p ? p->session_name : "postgres");
}

// "SELECT, UPDATE WITH GRANT OPTION" -> bits of the allowed names; PostgreSQL's convert_any_priv_string.
uint32_t parse_privs(const std::string& text, const std::vector<std::pair<const char*, uint32_t>>& allowed) {
  uint32_t bits = 0;
  size_t p = 0;
  while (p <= text.size()) {
    size_t e = text.find(',', p);
    if (e == std::string::npos) e = text.size();
    std::string item = text.substr(p, e - p);
    auto trim = [](std::string s) {
      while (!s.empty() && std::isspace((unsigned char)s.front())) s.erase(s.begin());
      while (!s.empty() && std::isspace((unsigned char)s.back())) s.pop_back();
      return s;
    };
    std::string t = trim(item), l;
    for (char c : t) l += (char)std::tolower((unsigned char)c);
    const std::string wgo = " with grant option";
    if (l.size() > wgo.size() && l.compare(l.size() - wgo.size(), wgo.size(), wgo) == 0)
      unsupported("privilege inquiry WITH GRANT OPTION");
    if (l == "member with admin option" || l == "usage with admin option") unsupported("pg_has_role WITH ADMIN OPTION");
    bool found = false;
    for (auto& [n, b] : allowed)
      if (l == n) bits |= b, found = true;
    if (!found) throw PgError(sqlstate::kInvalidParameterValue, "unrecognized privilege type: \"" + t + "\"");
    p = e + 1;
  }
  return bits;
}

const std::vector<std::pair<const char*, uint32_t>> kTablePrivs = {
    {"select", kAclSelect}, {"insert", kAclInsert}, {"update", kAclUpdate}, {"delete", kAclDelete},
    {"truncate", kAclTruncate}, {"references", kAclReferences}, {"trigger", kAclTrigger}};

// pg_has_privilege(kind, user or NULL, object, [column,] privileges): kind 'r' relation, 'S'
// sequence, 'n' schema, 'c' column, 'm' role membership, 'd' database. Object and user are names (text) or OIDs.
void has_privilege(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 2; i < argc; i++)
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    RuntimeContext* rc = runtime_context(ctx);
    Privileges* p = rc->catalog->privileges;
    sqlite3* db = rc->db ? rc->db : sqlite3_context_db_handle(ctx);
    char kind = arg_text(argv[0])[0];
    int64_t user = p ? p->current_user : kRoleBootstrap;
    if (sqlite3_value_type(argv[1]) == SQLITE_INTEGER) {
      user = sqlite3_value_int64(argv[1]);
    } else if (sqlite3_value_type(argv[1]) != SQLITE_NULL) {
      std::string n = arg_text(argv[1]);
      if (n == "public") user = kRolePublic;
      else if (auto r = find_role(db, n)) user = r->oid;
      else throw PgError(sqlstate::kUndefinedObject, "role \"" + n + "\" does not exist");
    }
    std::string privs = arg_text(argv[argc - 1]);
    auto superuser = [&](int64_t u) { auto r = find_role(db, u); return r && r->super; };
    if (kind == 'm') {
      parse_privs(privs, {{"member", 1}, {"usage", 2}});
      int64_t role;
      if (sqlite3_value_type(argv[2]) == SQLITE_INTEGER) role = sqlite3_value_int64(argv[2]);
      else {
        auto r = find_role(db, arg_text(argv[2]));
        if (!r) throw PgError(sqlstate::kUndefinedObject, "role \"" + arg_text(argv[2]) + "\" does not exist");
        role = r->oid;
      }
      bool member = privs.find_first_of("uU") == 0 ? has_privs_of_role(db, user, role) : is_member_of_role(db, user, role);
      return sqlite3_result_int(ctx, member ? 1 : 0);
    }
    if (kind == 'd') {  // the one database, "postgres" (OID 5)
      uint32_t want = parse_privs(privs, {{"create", kAclCreate}, {"connect", kAclConnect}, {"temporary", kAclTemp}, {"temp", kAclTemp}});
      if (sqlite3_value_type(argv[2]) == SQLITE_INTEGER) {
        if (sqlite3_value_int64(argv[2]) != 5)
          throw PgError("3D000", "database with OID " + std::to_string(sqlite3_value_int64(argv[2])) + " does not exist");
      } else if (arg_text(argv[2]) != "postgres") {
        throw PgError("3D000", "database \"" + arg_text(argv[2]) + "\" does not exist");
      }
      if (superuser(user)) return sqlite3_result_int(ctx, 1);
      ObjectAcl o = object_acl(db, AclClass::Database, 5);
      Acl acl = o.acl ? *o.acl : default_acl('d', o.owner);
      return sqlite3_result_int(ctx, acl_mask(db, acl, user, want) ? 1 : 0);
    }
    if (kind == 'n') {
      uint32_t want = parse_privs(privs, {{"create", kAclCreate}, {"usage", kAclUsage}});
      int64_t oid = 0;
      if (sqlite3_value_type(argv[2]) == SQLITE_INTEGER) oid = sqlite3_value_int64(argv[2]);
      else {
        std::string n = arg_text(argv[2]);
        const SchemaDef* s = rc->catalog->find_schema(n);
        if (!s) throw PgError("3F000", "schema \"" + n + "\" does not exist");
        oid = s->oid;
      }
      if (superuser(user)) return sqlite3_result_int(ctx, 1);
      ObjectAcl o = object_acl(db, AclClass::Namespace, oid);
      Acl acl = o.acl ? *o.acl : default_acl('n', o.owner);
      return sqlite3_result_int(ctx, acl_mask(db, acl, user, want) ? 1 : 0);
    }
    // Relations (and their columns).
    int64_t oid = 0;
    if (sqlite3_value_type(argv[2]) == SQLITE_INTEGER) oid = sqlite3_value_int64(argv[2]);
    else oid = *oid_type_input(oid::kRegclass, arg_text(argv[2]));
    const SequenceDef* seq = rc->catalog->find_sequence_by_oid(oid);
    const TableDef* table = rc->catalog->find_table_by_oid(oid);
    uint32_t want;
    if (kind == 'S') {
      if (!seq) {
        std::string n = sqlite3_value_type(argv[2]) == SQLITE_INTEGER ? std::to_string(oid) : arg_text(argv[2]);
        throw PgError(sqlstate::kWrongObjectType, "\"" + n + "\" is not a sequence");
      }
      want = parse_privs(privs, {{"usage", kAclUsage}, {"select", kAclSelect}, {"update", kAclUpdate}});
    } else if (kind == 'c') {
      want = parse_privs(privs, {{"select", kAclSelect}, {"insert", kAclInsert}, {"update", kAclUpdate}, {"references", kAclReferences}});
    } else {
      want = parse_privs(privs, kTablePrivs);
    }
    if (superuser(user)) return sqlite3_result_int(ctx, 1);
    Privileges probe;
    probe.db = db;
    bool ok = probe.relation_has(oid, seq ? 'S' : 'r', user, want);
    if (!ok && kind == 'c') {
      if (!table) throw PgError(sqlstate::kUndefinedTable, "relation with OID " + std::to_string(oid) + " does not exist");
      int att = -1;
      if (sqlite3_value_type(argv[3]) == SQLITE_INTEGER) att = (int)sqlite3_value_int64(argv[3]);
      else {
        int i = table->find_column(arg_text(argv[3]));
        if (i < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + arg_text(argv[3]) + "\" of relation \"" + table->name + "\" does not exist");
        att = i + 1;
      }
      for (auto& [a, acl] : column_acls(db, oid))
        if (a == att && acl_mask(db, acl, user, want)) ok = true;
    }
    sqlite3_result_int(ctx, ok ? 1 : 0);
  });
}

}  // namespace

void check_sequence_privilege(RuntimeContext* rc, int64_t seq_oid, uint32_t any_of) {
  Privileges* p = rc && rc->catalog ? rc->catalog->privileges : nullptr;
  if (!p || p->bypass()) return;
  const SequenceDef* s = rc->catalog->find_sequence_by_oid(seq_oid);
  p->check_relation(nullptr, seq_oid, 'S', s ? s->name : std::to_string(seq_oid), any_of);
}

void register_privilege_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_current_user", 0, SQLITE_UTF8, rc, current_user_fn, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_session_user", 0, SQLITE_UTF8, rc, session_user_fn, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_has_privilege", 4, SQLITE_UTF8, rc, has_privilege, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_has_privilege", 5, SQLITE_UTF8, rc, has_privilege, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
