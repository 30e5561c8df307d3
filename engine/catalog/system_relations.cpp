// The registry of system relations (system_relations.h): PostgreSQL 15's column lists (names
// and types as pg_attribute has them; types pgmicro lacks are shown as text: pg_node_tree,
// aclitem[], anyarray; xid as bigint) and the generator of each relation's rows.
#include "catalog/system_relations.h"
#include <cstring>
#include "common/error.h"
#include "types/array.h"
#include "types/reg_types.h"

namespace pgmicro {

namespace {

struct Spec {
  const char* schema;
  const char* name;
  int64_t oid;
  char relkind;
  SystemRowsFn rows;
  const char* columns;  // "name type, ..." (char1 = "char")
};

const Spec kSpecs[] = {
    {"pg_catalog", "pg_am", 2601, 'r', pg_am_rows,
     "oid oid, amname name, amhandler regproc, amtype char1"},
    {"pg_catalog", "pg_attrdef", 2604, 'r', pg_attrdef_rows,
     "oid oid, adrelid oid, adnum smallint, adbin pg_node_tree"},
    {"pg_catalog", "pg_attribute", 1249, 'r', pg_attribute_rows,
     "attrelid oid, attname name, atttypid oid, attstattarget integer, attlen smallint, "
     "attnum smallint, attndims integer, attcacheoff integer, atttypmod integer, attbyval boolean, "
     "attalign char1, attstorage char1, attcompression char1, attnotnull boolean, atthasdef boolean, "
     "atthasmissing boolean, attidentity char1, attgenerated char1, attisdropped boolean, "
     "attislocal boolean, attinhcount integer, attcollation oid, attacl aclitem[], attoptions text[], "
     "attfdwoptions text[], attmissingval anyarray"},
    {"pg_catalog", "pg_auth_members", 1261, 'r', pg_auth_members_rows,
     "roleid oid, member oid, grantor oid, admin_option boolean"},
    {"pg_catalog", "pg_authid", 1260, 'r', pg_authid_rows,
     "oid oid, rolname name, rolsuper boolean, rolinherit boolean, rolcreaterole boolean, "
     "rolcreatedb boolean, rolcanlogin boolean, rolreplication boolean, rolbypassrls boolean, "
     "rolconnlimit integer, rolpassword text, rolvaliduntil timestamp with time zone"},
    {"pg_catalog", "pg_class", 1259, 'r', pg_class_rows,
     "oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, relowner oid, relam oid, "
     "relfilenode oid, reltablespace oid, relpages integer, reltuples real, relallvisible integer, "
     "reltoastrelid oid, relhasindex boolean, relisshared boolean, relpersistence char1, "
     "relkind char1, relnatts smallint, relchecks smallint, relhasrules boolean, "
     "relhastriggers boolean, relhassubclass boolean, relrowsecurity boolean, "
     "relforcerowsecurity boolean, relispopulated boolean, relreplident char1, relispartition boolean, "
     "relrewrite oid, relfrozenxid xid, relminmxid xid, relacl aclitem[], reloptions text[], "
     "relpartbound pg_node_tree"},
    {"pg_catalog", "pg_collation", 3456, 'r', pg_collation_rows,
     "oid oid, collname name, collnamespace oid, collowner oid, collprovider char1, collisdeterministic boolean, "
     "collencoding integer, collcollate text, collctype text, colliculocale text, collversion text"},
    {"pg_catalog", "pg_constraint", 2606, 'r', pg_constraint_rows,
     "oid oid, conname name, connamespace oid, contype char1, condeferrable boolean, "
     "condeferred boolean, convalidated boolean, conrelid oid, contypid oid, conindid oid, "
     "conparentid oid, confrelid oid, confupdtype char1, confdeltype char1, confmatchtype char1, "
     "conislocal boolean, coninhcount integer, connoinherit boolean, conkey smallint[], "
     "confkey smallint[], conpfeqop oid[], conppeqop oid[], conffeqop oid[], "
     "confdelsetcols smallint[], conexclop oid[], conbin pg_node_tree"},
    {"pg_catalog", "pg_database", 1262, 'r', pg_database_rows,
     "oid oid, datname name, datdba oid, encoding integer, datlocprovider char1, "
     "datistemplate boolean, datallowconn boolean, datconnlimit integer, datfrozenxid xid, "
     "datminmxid xid, dattablespace oid, datcollate text, datctype text, daticulocale text, "
     "datcollversion text, datacl aclitem[]"},
    {"pg_catalog", "pg_depend", 2608, 'r', pg_depend_rows,
     "classid oid, objid oid, objsubid integer, refclassid oid, refobjid oid, refobjsubid integer, deptype char1"},
    {"pg_catalog", "pg_description", 2609, 'r', pg_description_rows,
     "objoid oid, classoid oid, objsubid integer, description text"},
    {"pg_catalog", "pg_enum", 3501, 'r', pg_enum_rows,
     "oid oid, enumtypid oid, enumsortorder real, enumlabel name"},
    {"pg_catalog", "pg_extension", 3079, 'r', pg_extension_rows,
     "oid oid, extname name, extowner oid, extnamespace oid, extrelocatable boolean, extversion text, "
     "extconfig oid[], extcondition text[]"},
    {"pg_catalog", "pg_index", 2610, 'r', pg_index_rows,
     "indexrelid oid, indrelid oid, indnatts smallint, indnkeyatts smallint, indisunique boolean, "
     "indnullsnotdistinct boolean, indisprimary boolean, indisexclusion boolean, indimmediate boolean, "
     "indisclustered boolean, indisvalid boolean, indcheckxmin boolean, indisready boolean, "
     "indislive boolean, indisreplident boolean, indkey int2vector, indcollation oidvector, "
     "indclass oidvector, indoption int2vector, indexprs pg_node_tree, indpred pg_node_tree"},
    {"pg_catalog", "pg_indexes", 12043, 'v', pg_indexes_rows,
     "schemaname name, tablename name, indexname name, tablespace name, indexdef text"},
    {"pg_catalog", "pg_inherits", 2611, 'r', pg_inherits_rows,
     "inhrelid oid, inhparent oid, inhseqno integer, inhdetachpending boolean"},
    {"pg_catalog", "pg_language", 2612, 'r', pg_language_rows,
     "oid oid, lanname name, lanowner oid, lanispl boolean, lanpltrusted boolean, lanplcallfoid oid, "
     "laninline oid, lanvalidator oid, lanacl aclitem[]"},
    {"pg_catalog", "pg_namespace", 2615, 'r', pg_namespace_rows,
     "oid oid, nspname name, nspowner oid, nspacl aclitem[]"},
    {"pg_catalog", "pg_partitioned_table", 3350, 'r', pg_partitioned_table_rows,
     "partrelid oid, partstrat char1, partnatts smallint, partdefid oid, partattrs int2vector, "
     "partclass oidvector, partcollation oidvector, partexprs pg_node_tree"},
    {"pg_catalog", "pg_policy", 3256, 'r', pg_policy_rows,
     "oid oid, polname name, polrelid oid, polcmd char1, polpermissive boolean, polroles oid[], "
     "polqual pg_node_tree, polwithcheck pg_node_tree"},
    {"pg_catalog", "pg_prepared_statements", 12095, 'v', pg_prepared_statements_rows,
     "name text, statement text, prepare_time timestamp with time zone, parameter_types regtype[], from_sql boolean, "
     "generic_plans bigint, custom_plans bigint"},
    {"pg_catalog", "pg_proc", 1255, 'r', pg_proc_rows,
     "oid oid, proname name, pronamespace oid, proowner oid, prolang oid, procost real, prorows real, "
     "provariadic oid, prosupport regproc, prokind char1, prosecdef boolean, proleakproof boolean, "
     "proisstrict boolean, proretset boolean, provolatile char1, proparallel char1, pronargs smallint, "
     "pronargdefaults smallint, prorettype oid, proargtypes oidvector, proallargtypes oid[], "
     "proargmodes char1[], proargnames text[], proargdefaults pg_node_tree, protrftypes oid[], "
     "prosrc text, probin text, prosqlbody pg_node_tree, proconfig text[], proacl aclitem[]"},
    {"pg_catalog", "pg_publication", 6104, 'r', pg_publication_rows,
     "oid oid, pubname name, pubowner oid, puballtables boolean, pubinsert boolean, pubupdate boolean, "
     "pubdelete boolean, pubtruncate boolean, pubviaroot boolean"},
    {"pg_catalog", "pg_publication_namespace", 6237, 'r', pg_publication_namespace_rows,
     "oid oid, pnpubid oid, pnnspid oid"},
    {"pg_catalog", "pg_publication_rel", 6106, 'r', pg_publication_rel_rows,
     "oid oid, prpubid oid, prrelid oid, prqual pg_node_tree, prattrs int2vector"},
    {"pg_catalog", "pg_rewrite", 2618, 'r', pg_rewrite_rows,
     "oid oid, rulename name, ev_class oid, ev_type char1, ev_enabled char1, is_instead boolean, "
     "ev_qual pg_node_tree, ev_action pg_node_tree"},
    {"pg_catalog", "pg_roles", 12000, 'v', pg_roles_rows,
     "rolname name, rolsuper boolean, rolinherit boolean, rolcreaterole boolean, rolcreatedb boolean, "
     "rolcanlogin boolean, rolreplication boolean, rolconnlimit integer, rolpassword text, "
     "rolvaliduntil timestamp with time zone, rolbypassrls boolean, rolconfig text[], oid oid"},
    {"pg_catalog", "pg_sequence", 2224, 'r', pg_sequence_rows,
     "seqrelid oid, seqtypid oid, seqstart bigint, seqincrement bigint, seqmax bigint, seqmin bigint, "
     "seqcache bigint, seqcycle boolean"},
    {"pg_catalog", "pg_sequences", 12048, 'v', pg_sequences_rows,
     "schemaname name, sequencename name, sequenceowner name, data_type regtype, start_value bigint, "
     "min_value bigint, max_value bigint, increment_by bigint, cycle boolean, cache_size bigint, "
     "last_value bigint"},
    {"pg_catalog", "pg_statistic_ext", 3381, 'r', pg_statistic_ext_rows,
     "oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid, stxstattarget integer, "
     "stxkeys int2vector, stxkind char1[], stxexprs pg_node_tree"},
    {"pg_catalog", "pg_tablespace", 1213, 'r', pg_tablespace_rows,
     "oid oid, spcname name, spcowner oid, spcacl aclitem[], spcoptions text[]"},
    {"pg_catalog", "pg_tables", 12033, 'v', pg_tables_rows,
     "schemaname name, tablename name, tableowner name, tablespace name, hasindexes boolean, "
     "hasrules boolean, hastriggers boolean, rowsecurity boolean"},
    {"pg_catalog", "pg_trigger", 2620, 'r', pg_trigger_rows,
     "oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, tgtype smallint, tgenabled char1, "
     "tgisinternal boolean, tgconstrrelid oid, tgconstrindid oid, tgconstraint oid, tgdeferrable boolean, "
     "tginitdeferred boolean, tgnargs smallint, tgattr int2vector, tgargs bytea, tgqual pg_node_tree, "
     "tgoldtable name, tgnewtable name"},
    {"pg_catalog", "pg_type", 1247, 'r', pg_type_rows,
     "oid oid, typname name, typnamespace oid, typowner oid, typlen smallint, typbyval boolean, "
     "typtype char1, typcategory char1, typispreferred boolean, typisdefined boolean, typdelim char1, "
     "typrelid oid, typsubscript regproc, typelem oid, typarray oid, typinput regproc, "
     "typoutput regproc, typreceive regproc, typsend regproc, typmodin regproc, typmodout regproc, "
     "typanalyze regproc, typalign char1, typstorage char1, typnotnull boolean, typbasetype oid, "
     "typtypmod integer, typndims integer, typcollation oid, typdefaultbin pg_node_tree, "
     "typdefault text, typacl aclitem[]"},
    {"pg_catalog", "pg_user", 12014, 'v', pg_user_rows,
     "usename name, usesysid oid, usecreatedb boolean, usesuper boolean, userepl boolean, "
     "usebypassrls boolean, passwd text, valuntil timestamp with time zone, useconfig text[]"},
    {"pg_catalog", "pg_views", 12028, 'v', pg_views_rows,
     "schemaname name, viewname name, viewowner name, definition text"},
    {"information_schema", "columns", 13295, 'v', info_schema_columns_rows,
     "table_catalog sql_identifier, table_schema sql_identifier, table_name sql_identifier, "
     "column_name sql_identifier, ordinal_position cardinal_number, column_default character_data, "
     "is_nullable yes_or_no, data_type character_data, character_maximum_length cardinal_number, "
     "character_octet_length cardinal_number, numeric_precision cardinal_number, "
     "numeric_precision_radix cardinal_number, numeric_scale cardinal_number, "
     "datetime_precision cardinal_number, interval_type character_data, "
     "interval_precision cardinal_number, character_set_catalog sql_identifier, "
     "character_set_schema sql_identifier, character_set_name sql_identifier, "
     "collation_catalog sql_identifier, collation_schema sql_identifier, "
     "collation_name sql_identifier, domain_catalog sql_identifier, domain_schema sql_identifier, "
     "domain_name sql_identifier, udt_catalog sql_identifier, udt_schema sql_identifier, "
     "udt_name sql_identifier, scope_catalog sql_identifier, scope_schema sql_identifier, "
     "scope_name sql_identifier, maximum_cardinality cardinal_number, dtd_identifier sql_identifier, "
     "is_self_referencing yes_or_no, is_identity yes_or_no, identity_generation character_data, "
     "identity_start character_data, identity_increment character_data, "
     "identity_maximum character_data, identity_minimum character_data, identity_cycle yes_or_no, "
     "is_generated character_data, generation_expression character_data, is_updatable yes_or_no"},
    {"information_schema", "schemata", 13382, 'v', info_schema_schemata_rows,
     "catalog_name sql_identifier, schema_name sql_identifier, schema_owner sql_identifier, "
     "default_character_set_catalog sql_identifier, default_character_set_schema sql_identifier, "
     "default_character_set_name sql_identifier, sql_path character_data"},
    {"information_schema", "sequences", 13386, 'v', info_schema_sequences_rows,
     "sequence_catalog sql_identifier, sequence_schema sql_identifier, sequence_name sql_identifier, "
     "data_type character_data, numeric_precision cardinal_number, "
     "numeric_precision_radix cardinal_number, numeric_scale cardinal_number, "
     "start_value character_data, minimum_value character_data, maximum_value character_data, "
     "increment character_data, cycle_option yes_or_no"},
    {"information_schema", "tables", 13425, 'v', info_schema_tables_rows,
     "table_catalog sql_identifier, table_schema sql_identifier, table_name sql_identifier, "
     "table_type character_data, self_referencing_column_name sql_identifier, "
     "reference_generation character_data, user_defined_type_catalog sql_identifier, "
     "user_defined_type_schema sql_identifier, user_defined_type_name sql_identifier, "
     "is_insertable_into yes_or_no, is_typed yes_or_no, commit_action character_data"},
};

Oid spec_type(const std::string& t) {
  static const std::pair<const char*, Oid> kMap[] = {
      {"oid", oid::kOid}, {"name", oid::kName}, {"char1", oid::kChar}, {"smallint", oid::kInt2},
      {"integer", oid::kInt4}, {"bigint", oid::kInt8}, {"real", oid::kFloat4}, {"boolean", oid::kBool},
      {"text", oid::kText}, {"regproc", oid::kRegproc}, {"regtype", oid::kRegtype},
      {"regtype[]", oid::kRegtypeArray}, {"oidvector", oid::kOidVector}, {"int2vector", oid::kInt2Vector},
      {"smallint[]", oid::kInt2Array}, {"oid[]", oid::kOidArray}, {"char1[]", oid::kTextArray},
      {"text[]", oid::kTextArray}, {"aclitem[]", oid::kTextArray}, {"pg_node_tree", oid::kText},
      {"xid", oid::kInt8}, {"anyarray", oid::kText}, {"real[]", oid::kFloat4Array},
      {"timestamp with time zone", oid::kTimestamptz}, {"interval", oid::kInterval}, {"bytea", oid::kBytea},
      // information_schema's domains, as their base types
      {"sql_identifier", oid::kName}, {"cardinal_number", oid::kInt4}, {"character_data", oid::kVarchar},
      {"yes_or_no", oid::kVarchar}, {"time_stamp", oid::kTimestamptz},
  };
  for (auto& [n, o] : kMap)
    if (t == n) return o;
  return oid::kText;
}

std::vector<SystemRelation> build() {
  std::vector<SystemRelation> all;
  for (const Spec& s : kSpecs) {
    SystemRelation r;
    r.def.oid = s.oid;
    r.def.schema = s.schema;
    r.def.name = s.name;
    r.relkind = s.relkind;
    r.rows = s.rows;
    std::string cols = s.columns;
    size_t p = 0;
    while (p < cols.size()) {
      size_t q = cols.find(", ", p);
      if (q == std::string::npos) q = cols.size();
      std::string item = cols.substr(p, q - p);
      size_t sp = item.find(' ');
      ColumnDef c;
      c.name = item.substr(0, sp);
      c.type = spec_type(item.substr(sp + 1));
      r.def.columns.push_back(std::move(c));
      p = q + 2;
    }
    all.push_back(std::move(r));
  }
  return all;
}

}  // namespace

const std::vector<SystemRelation>& system_relations() {
  static const std::vector<SystemRelation> all = build();
  return all;
}

const SystemRelation* find_system_relation(const std::string& schema, const std::string& name) {
  const std::string& sch = schema.empty() ? std::string(kCatalogSchema) : schema;
  if (sch != kCatalogSchema && sch != kInformationSchema) return nullptr;
  for (auto& r : system_relations())
    if (r.def.name == name && r.def.schema == sch) return &r;
  return nullptr;
}

const SystemRelation* find_system_relation_by_oid(int64_t oid) {
  for (auto& r : system_relations())
    if (r.def.oid == oid) return &r;
  return nullptr;
}

SystemRows::SystemRows(const std::vector<ColumnDef>& cols, const Catalog& c, RuntimeContext* rc)
    : catalog(c), rc(rc), cols_(cols) {}

SystemRows& SystemRows::add() {
  rows.emplace_back(cols_.size());
  return *this;
}

SystemRows& SystemRows::set(const char* column, Datum v) {
  for (size_t i = 0; i < cols_.size(); i++)
    if (cols_[i].name == column) {
      rows.back()[i] = std::move(v);
      return *this;
    }
  throw PgError(sqlstate::kInternalError, std::string("system relation has no column ") + column);
}

SystemRows& SystemRows::set_int_array(const char* column, const std::vector<int64_t>& v) {
  std::vector<Datum> items;
  for (int64_t x : v) items.push_back(Datum::integer(x));
  return set(column, Datum::text(array_to_storage(oid::kInt8, ArrayValue::vector(std::move(items)))));
}

SystemRows& SystemRows::set_vector(const char* column, Oid elem, const std::vector<int64_t>& v) {
  std::vector<Datum> items;
  for (int64_t x : v) items.push_back(Datum::integer(x));
  ArrayValue a = ArrayValue::vector(std::move(items));
  if (!a.lbounds.empty()) a.lbounds[0] = 0;
  return set(column, Datum::text(array_to_storage(elem, a)));
}

SystemRows& SystemRows::set_text_array(const char* column, const std::vector<std::string>& v) {
  std::vector<Datum> items;
  for (auto& x : v) items.push_back(Datum::text(x));
  return set(column, Datum::text(array_to_storage(oid::kText, ArrayValue::vector(std::move(items)))));
}

}  // namespace pgmicro
