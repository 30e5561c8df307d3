// PostgreSQL's system catalog as SQL sees it: pg_catalog relations (pg_class, pg_type,
// pg_proc, pg_attribute, …) and information_schema views, read-only, computed from the
// session's Catalog each time they are scanned. Each is a synthetic TableDef (PostgreSQL's
// OID and columns) the analyzer puts in FROM like a table; its SQLite name
// (`main."pg_catalog.pg_class"`) is an eponymous virtual table
// (runtime/system_relation_vtab.cpp) whose rows come from the generators below
// (system_rows_*.cpp).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>
#include "catalog/catalog.h"
#include "types/datum.h"

namespace pgmicro {

struct UserType;

struct RuntimeContext;

inline constexpr const char* kInformationSchema = "information_schema";
inline constexpr int64_t kInformationSchemaOid = 13207;
inline constexpr int64_t kToastSchemaOid = 99;
inline constexpr int64_t kTempSchemaOid = 16383;      // this session's pg_temp_3
inline constexpr int64_t kBootstrapSuperuserOid = 10;  // "postgres"
inline constexpr int64_t kDatabaseOwnerOid = 6171;     // pg_database_owner (owns public)
inline constexpr int64_t kDatabaseOid = 5;             // "postgres"
inline constexpr int64_t kPlpgsqlExtensionOid = 13559; // pg_extension "plpgsql" (PostgreSQL 15's)
inline constexpr int64_t kPlpgsqlLanguageOid = 13563;  // pg_language "plpgsql"
// The index behind a PRIMARY KEY/UNIQUE constraint has no OID of its own in pgmicro's
// catalog: it is shown under this base plus the constraint's OID.
inline constexpr int64_t kConstraintIndexOidBase = 0x20000000;
// A composite type of CREATE TYPE AS has no pg_class OID of its own either: its relation
// (relkind 'c', pg_type.typrelid) is shown under this base plus the type's OID.
inline constexpr int64_t kCompositeRelationOidBase = 0x30000000;
inline int64_t schema_oid(const Catalog& c, const std::string& schema) {
  if (schema == kTempSchema) return kTempSchemaOid;
  if (schema == kInformationSchema) return kInformationSchemaOid;
  if (const SchemaDef* s = c.find_schema(schema)) return s->oid;
  return 0;
}

// pg_type's storage columns of a type (typlen, typbyval, typalign, typstorage).
struct TypeLayout {
  int len;
  bool byval;
  char align, storage;
};
TypeLayout type_layout(Oid t);

// Rows being produced for one scan: add() starts a row, set() fills a column by name
// (unset columns are NULL).
class SystemRows {
 public:
  SystemRows(const std::vector<ColumnDef>& cols, const Catalog& catalog, RuntimeContext* rc);
  const Catalog& catalog;
  RuntimeContext* rc;
  SystemRows& add();
  SystemRows& set(const char* column, Datum v);
  SystemRows& set(const char* column, const std::string& text) { return set(column, Datum::text(text)); }
  SystemRows& set(const char* column, const char* text) { return set(column, Datum::text(text)); }
  SystemRows& set_int(const char* column, int64_t v) { return set(column, Datum::integer(v)); }
  SystemRows& set_bool(const char* column, bool v) { return set(column, Datum::integer(v ? 1 : 0)); }
  SystemRows& set_char(const char* column, char c) { return set(column, c ? std::string(1, c) : std::string()); }
  // Arrays (storage JSON) of integers / strings.
  SystemRows& set_int_array(const char* column, const std::vector<int64_t>& v);
  SystemRows& set_text_array(const char* column, const std::vector<std::string>& v);
  // oidvector/int2vector (lower bound 0) of integers.
  SystemRows& set_vector(const char* column, Oid elem, const std::vector<int64_t>& v);
  std::vector<std::vector<Datum>> rows;
 private:
  const std::vector<ColumnDef>& cols_;
};

using SystemRowsFn = void (*)(SystemRows&);

struct SystemRelation {
  TableDef def;        // schema, name, columns (types as PostgreSQL's where pgmicro has them)
  char relkind;        // 'r' catalog table, 'v' view
  SystemRowsFn rows;
};

// Every system relation (built once, process-wide).
const std::vector<SystemRelation>& system_relations();
// The relation named (schema, name): schema "" means pg_catalog (which an unqualified name
// reaches first, as PostgreSQL's implicit search path); nullptr if there is none.
const SystemRelation* find_system_relation(const std::string& schema, const std::string& name);
const SystemRelation* find_system_relation_by_oid(int64_t oid);
// The SQLite (eponymous virtual table) name of a system relation: "pg_catalog.pg_class".
inline std::string system_relation_module_name(const SystemRelation& r) { return r.def.schema + "." + r.def.name; }

// Row generators (system_rows_*.cpp).
void pg_class_rows(SystemRows& r);
void pg_namespace_rows(SystemRows& r);
void pg_attribute_rows(SystemRows& r);
void pg_attrdef_rows(SystemRows& r);
void pg_constraint_rows(SystemRows& r);
void pg_index_rows(SystemRows& r);
void pg_inherits_rows(SystemRows& r);
void pg_sequence_rows(SystemRows& r);
void pg_description_rows(SystemRows& r);
void pg_partitioned_table_rows(SystemRows& r);
void pg_tables_rows(SystemRows& r);
void pg_views_rows(SystemRows& r);
void pg_indexes_rows(SystemRows& r);
void pg_sequences_rows(SystemRows& r);
void pg_type_rows(SystemRows& r);
void pg_enum_rows(SystemRows& r);
void pg_proc_rows(SystemRows& r);
void pg_database_rows(SystemRows& r);
void pg_roles_rows(SystemRows& r);
void pg_authid_rows(SystemRows& r);
void pg_user_rows(SystemRows& r);
void pg_auth_members_rows(SystemRows& r);
void pg_am_rows(SystemRows& r);
void pg_collation_rows(SystemRows& r);  // system_rows_collation.cpp
void pg_prepared_statements_rows(SystemRows& r);
void pg_trigger_rows(SystemRows& r);  // plpgsql/plpgsql_trigger_alter.cpp
void info_schema_tables_rows(SystemRows& r);
// system_rows_psql.cpp: the relations psql's describe queries read besides the above.
void pg_policy_rows(SystemRows& r);
void pg_statistic_ext_rows(SystemRows& r);
void pg_publication_rows(SystemRows& r);
void pg_publication_namespace_rows(SystemRows& r);
void pg_publication_rel_rows(SystemRows& r);
void pg_rewrite_rows(SystemRows& r);
void pg_depend_rows(SystemRows& r);
void pg_extension_rows(SystemRows& r);
void pg_language_rows(SystemRows& r);
void pg_tablespace_rows(SystemRows& r);
// pg_attribute rows of views (their result columns, typed by analysing the view) and of
// composite types' relations.
void view_and_composite_attribute_rows(SystemRows& r);
// Whether a partition key (catalog/inheritance.h: display, expr) is a plain column: its
// expression is the column name, quoted or not.
inline bool partition_key_is_column(const std::string& display, const std::string& expr, const std::string& quoted) {
  std::string dq = "\"";
  for (char ch : display) dq += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return expr == quoted || expr == dq + "\"";
}
// pg_get_expr's text of a partition bound: FOR VALUES … / DEFAULT.
std::string partition_bound_text(const Catalog& c, const TableDef& partition);
void info_schema_columns_rows(SystemRows& r);
void info_schema_sequences_rows(SystemRows& r);
void info_schema_schemata_rows(SystemRows& r);

// Names of relations by OID for regclass output and lookups (object_names.cpp): tables,
// views, sequences, indexes (constraint indexes too) and system relations.
struct RelationRef {
  int64_t oid = 0;
  std::string schema, name;
  char relkind = 0;             // r p v S i I
  const TableDef* table = nullptr;       // the table (for an index: its table)
  const IndexDef* index = nullptr;
  const ConstraintDef* constraint = nullptr;  // a constraint index's constraint
  const ViewDef* view = nullptr;
  const SequenceDef* sequence = nullptr;
  const SystemRelation* system = nullptr;
  const UserType* composite = nullptr;    // relkind 'c': a composite type of CREATE TYPE AS
};
std::vector<RelationRef> all_relations(const Catalog& c);
// pg_get_indexdef's text of an index relation (system_rows_class.cpp).
std::string index_definition(const Catalog& c, const RelationRef& rel);

}  // namespace pgmicro
