// Rows of the cluster-level catalogs (pg_database, pg_authid, pg_roles, pg_user, pg_am: one
// database "postgres", one superuser "postgres") and of the information_schema views
// tables, columns, sequences and schemata.
#include "catalog/privileges.h"
#include "catalog/system_relations.h"
#include "runtime/function_context.h"
#include "types/reg_types.h"
#include "types/user_types.h"

namespace pgmicro {

void pg_database_rows(SystemRows& r) {
  r.add()
      .set_int("oid", kDatabaseOid)
      .set("datname", "postgres")
      .set_int("datdba", kBootstrapSuperuserOid)
      .set_int("encoding", 6)
      .set_char("datlocprovider", 'c')
      .set_bool("datistemplate", false)
      .set_bool("datallowconn", true)
      .set_int("datconnlimit", -1)
      .set_int("dattablespace", 1663)
      .set("datcollate", "C.UTF-8")
      .set("datctype", "C.UTF-8");
}

namespace {
sqlite3* rows_db(SystemRows& r) { return r.rc ? r.rc->db : nullptr; }
std::vector<Role> rows_roles(SystemRows& r) {
  sqlite3* db = rows_db(r);
  if (db) return all_roles(db);
  return {*find_role(nullptr, kRoleBootstrap)};
}
}  // namespace

// The bootstrap superuser and the roles of CREATE ROLE (catalog/privileges.h); a password
// given to CREATE/ALTER ROLE is never stored, so rolpassword is NULL.
void pg_authid_rows(SystemRows& r) {
  for (auto& role : rows_roles(r)) {
    r.add()
        .set_int("oid", role.oid)
        .set("rolname", role.name)
        .set_bool("rolsuper", role.super)
        .set_bool("rolinherit", role.inherit)
        .set_bool("rolcreaterole", role.createrole)
        .set_bool("rolcreatedb", role.createdb)
        .set_bool("rolcanlogin", role.canlogin)
        .set_bool("rolreplication", role.replication)
        .set_bool("rolbypassrls", role.bypassrls)
        .set_int("rolconnlimit", role.connlimit);
  }
}

void pg_roles_rows(SystemRows& r) {
  for (auto& role : rows_roles(r)) {
    r.add()
        .set_int("oid", role.oid)
        .set("rolname", role.name)
        .set_bool("rolsuper", role.super)
        .set_bool("rolinherit", role.inherit)
        .set_bool("rolcreaterole", role.createrole)
        .set_bool("rolcreatedb", role.createdb)
        .set_bool("rolcanlogin", role.canlogin)
        .set_bool("rolreplication", role.replication)
        .set_bool("rolbypassrls", role.bypassrls)
        .set_int("rolconnlimit", role.connlimit)
        .set("rolpassword", "********");
  }
}

void pg_user_rows(SystemRows& r) {
  for (auto& role : rows_roles(r)) {
    if (!role.canlogin) continue;
    r.add()
        .set("usename", role.name)
        .set_int("usesysid", role.oid)
        .set_bool("usecreatedb", role.createdb)
        .set_bool("usesuper", role.super)
        .set_bool("userepl", role.replication)
        .set_bool("usebypassrls", role.bypassrls)
        .set("passwd", "********");
  }
}

void pg_auth_members_rows(SystemRows& r) {
  sqlite3* db = rows_db(r);
  if (!db) return;
  for (auto& m : all_memberships(db))
    r.add().set_int("roleid", m.roleid).set_int("member", m.member).set_int("grantor", m.grantor).set_bool("admin_option", m.admin);
}

void pg_am_rows(SystemRows& r) {
  static const struct { int64_t oid; const char* name; char type; } kAms[] = {
      {2, "heap", 't'}, {403, "btree", 'i'}, {405, "hash", 'i'}, {783, "gist", 'i'},
      {2742, "gin", 'i'}, {4000, "spgist", 'i'}, {3580, "brin", 'i'}};
  for (auto& a : kAms) r.add().set_int("oid", a.oid).set("amname", a.name).set_int("amhandler", 0).set_char("amtype", a.type);
}

void pg_prepared_statements_rows(SystemRows& r) {
  if (!r.rc || !r.rc->prepared_statements) return;
  for (auto& p : r.rc->prepared_statements()) {
    std::vector<int64_t> types(p.param_types.begin(), p.param_types.end());
    r.add().set("name", p.name).set("statement", p.statement).set_int_array("parameter_types", types)
        .set_bool("from_sql", true).set_int("generic_plans", 0).set_int("custom_plans", 0);
  }
}

namespace {

const char* yes_no(bool b) { return b ? "YES" : "NO"; }

// information_schema's data_type: the SQL name without typmod, "ARRAY", "USER-DEFINED".
std::string info_data_type(Oid t) {
  if (is_domain_type(t)) t = domain_base_type(t);
  if (array_element_type(t)) return "ARRAY";
  if (find_user_type(t)) return "USER-DEFINED";
  return format_type_name(t, -1);
}

}  // namespace

void info_schema_tables_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  for (const RelationRef& rel : all_relations(c)) {
    if (rel.relkind != 'r' && rel.relkind != 'p' && rel.relkind != 'v') continue;
    r.add()
        .set("table_catalog", "postgres")
        .set("table_schema", rel.schema)
        .set("table_name", rel.name)
        .set("table_type", rel.relkind == 'v' ? "VIEW" : rel.schema == kTempSchema ? "LOCAL TEMPORARY" : "BASE TABLE")
        .set("is_insertable_into", yes_no(rel.relkind != 'v' && !rel.system))
        .set("is_typed", "NO");
  }
}

void info_schema_columns_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  for (auto& t : c.tables()) {
    if (t->plain_sqlite) continue;
    for (size_t i = 0; i < t->columns.size(); i++) {
      const ColumnDef& col = t->columns[i];
      Oid base = is_domain_type(col.type) ? domain_base_type(col.type) : col.type;
      r.add()
          .set("table_catalog", "postgres")
          .set("table_schema", t->schema)
          .set("table_name", t->name)
          .set("column_name", col.name)
          .set_int("ordinal_position", (int64_t)i + 1)
          .set("is_nullable", yes_no(!col.not_null))
          .set("data_type", info_data_type(col.type))
          .set("udt_catalog", "postgres")
          .set("udt_schema", find_user_type(base) ? kPublicSchema : kCatalogSchema)
          .set("udt_name", find_type(base) ? find_type(base)->typname : "")
          .set("dtd_identifier", std::to_string(i + 1))
          .set("is_self_referencing", "NO")
          .set("is_identity", yes_no(col.identity != 0))
          .set("identity_cycle", "NO")
          .set("is_generated", col.generated ? "ALWAYS" : "NEVER")
          .set("is_updatable", "YES");
      if (!col.default_text.empty() && !col.generated && !col.identity) r.set("column_default", col.default_text);
      if (col.generated) r.set("generation_expression", col.default_text);
      if (col.identity) r.set("identity_generation", col.identity == 'a' ? "ALWAYS" : "BY DEFAULT");
      if (is_domain_type(col.type)) {
        r.set("domain_catalog", "postgres").set("domain_schema", kPublicSchema).set("domain_name", find_user_type(col.type)->name);
      }
      int32_t tm = col.typmod;
      switch (base) {
        case oid::kVarchar:
        case oid::kBpchar:
          if (tm >= 4) r.set_int("character_maximum_length", tm - 4).set_int("character_octet_length", (int64_t)(tm - 4) * 4);
          else if (base == oid::kVarchar) r.set_int("character_octet_length", 1073741824);
          break;
        case oid::kText: r.set_int("character_octet_length", 1073741824); break;
        case oid::kInt2: r.set_int("numeric_precision", 16).set_int("numeric_precision_radix", 2).set_int("numeric_scale", 0); break;
        case oid::kInt4: r.set_int("numeric_precision", 32).set_int("numeric_precision_radix", 2).set_int("numeric_scale", 0); break;
        case oid::kInt8: r.set_int("numeric_precision", 64).set_int("numeric_precision_radix", 2).set_int("numeric_scale", 0); break;
        case oid::kFloat4: r.set_int("numeric_precision", 24).set_int("numeric_precision_radix", 2); break;
        case oid::kFloat8: r.set_int("numeric_precision", 53).set_int("numeric_precision_radix", 2); break;
        case oid::kNumeric:
          r.set_int("numeric_precision_radix", 10);
          if (tm >= 4) r.set_int("numeric_precision", numeric_typmod_precision(tm)).set_int("numeric_scale", numeric_typmod_scale(tm));
          break;
        case oid::kDate: r.set_int("datetime_precision", 0); break;
        case oid::kTime:
        case oid::kTimetz:
        case oid::kTimestamp:
        case oid::kTimestamptz:
        case oid::kInterval: r.set_int("datetime_precision", tm >= 0 && base != oid::kInterval ? tm : 6); break;
        default: break;
      }
    }
  }
}

void info_schema_sequences_rows(SystemRows& r) {
  for (auto& s : r.catalog.sequences()) {
    int prec = s->type == oid::kInt2 ? 16 : s->type == oid::kInt4 ? 32 : 64;
    r.add()
        .set("sequence_catalog", "postgres")
        .set("sequence_schema", s->schema)
        .set("sequence_name", s->name)
        .set("data_type", format_type_name(s->type, -1))
        .set_int("numeric_precision", prec)
        .set_int("numeric_precision_radix", 2)
        .set_int("numeric_scale", 0)
        .set("start_value", std::to_string(s->start))
        .set("minimum_value", std::to_string(s->min_value))
        .set("maximum_value", std::to_string(s->max_value))
        .set("increment", std::to_string(s->increment))
        .set("cycle_option", yes_no(s->cycle));
  }
}

void info_schema_schemata_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  auto row = [&](const std::string& name, const char* owner) {
    r.add().set("catalog_name", "postgres").set("schema_name", name).set("schema_owner", owner);
  };
  row(kCatalogSchema, "postgres");
  row("pg_toast", "postgres");
  row(kPublicSchema, "pg_database_owner");
  row(kInformationSchema, "postgres");
  for (auto& s : c.schemas())
    if (s.name != kPublicSchema && s.name != kCatalogSchema) row(s.name, "postgres");
}

}  // namespace pgmicro
