// The PostgreSQL catalog of a database: schemas' tables, columns (PostgreSQL type and
// typmod), constraints and sequences. Persisted in _pgmicro_* tables of the same SQLite
// file (docs/storage-format.md) and reloaded whenever SQLite's schema_version moves.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "analyze/query.h"
#include "sqlite3.h"
#include "types/user_types.h"

namespace pgmicro {

// 2: foreign keys in _pgmicro_constraint; 3: attidentity/attgenerated in _pgmicro_attribute;
// 4: _pgmicro_proc (LANGUAGE sql functions), _pgmicro_namespace (schemas) and
//    _pgmicro_description (comments)
// 5: _pgmicro_inherits, _pgmicro_attinh, _pgmicro_coninh, _pgmicro_partitioned_table
//    (table inheritance and partitioning; catalog/inheritance.cpp); seqcycle/seqcache in
//    _pgmicro_sequence, indexprs/indpred in _pgmicro_index
// 8: indam in _pgmicro_index
// 9: date/timestamp/timestamptz values of BC years or years past 9999 stored with their sort-key
//    prefix (docs/storage-format.md; catalog/datetime_storage_migration.cpp)
// 10: real/double precision columns declared `real blob`/`double precision blob` (no affinity),
//    so that -0 is stored as written (catalog/float_storage_migration.cpp)
inline constexpr int kStorageFormatVersion = 10;

// Schemas with a fixed meaning. Temporary objects live in this session's pg_temp schema
// (shown under PostgreSQL's name for the first backend's temp schema); "pg_temp" names it.
inline constexpr const char* kPublicSchema = "public";
inline constexpr const char* kCatalogSchema = "pg_catalog";
inline constexpr const char* kTempSchema = "pg_temp_3";
inline constexpr int64_t kPublicSchemaOid = 2200;
inline constexpr int64_t kCatalogSchemaOid = 11;
// A table's row type has the table's OID; its array type this plus the OID.
inline constexpr int64_t kRowArrayOidBase = 0x40000000;

// Where a schema's relations live in SQLite: public tables keep their own name in `main`
// (so plain SQLite tools see them unchanged), other schemas' tables are `main."schema.name"`,
// and temporary ones are in the session's private attached database `pgtemp`.
std::string sqlite_relation_name(const std::string& schema, const std::string& name);
std::string sqlite_database(const std::string& schema);
// The qualified, quoted SQLite reference: main."t", main."s.t", pgtemp."t".
std::string sqlite_ref(const std::string& schema, const std::string& name);
// The catalog tables holding a schema's objects: "main." or "pgtemp." (prefix of _pgmicro_*).
inline std::string catalog_prefix(const std::string& schema) { return sqlite_database(schema) + "."; }

struct ColumnDef {
  std::string name;
  Oid type = 0;
  int32_t typmod = -1;
  bool not_null = false;
  std::string default_text;       // PostgreSQL expression text (as \d shows it), or empty;
                                  // a generated column's generation expression
  char identity = 0;              // 'a' GENERATED ALWAYS / 'd' BY DEFAULT AS IDENTITY (default: nextval)
  char generated = 0;             // 's' GENERATED ALWAYS AS (default_text) STORED
  int inhcount = 0;               // how many parents define it (pg_attribute.attinhcount)
  bool is_local = true;           // defined by the table itself too (attislocal)
  Oid collation = 0;              // COLLATE given (pg_collation OID, analyze/collation.h); 0 = the type's
  mutable ExprPtr default_expr;   // analyzed lazily from default_text
};

struct ConstraintDef {
  int64_t oid = 0;
  std::string name;
  char type = 'u';                // 'p' primary key, 'u' unique, 'c' check, 'f' foreign key
  std::vector<int> columns;       // 0-based column indexes (keys; FOREIGN KEY: referencing columns)
  std::string check_expr;         // CHECK: the expression's PostgreSQL source text
  // FOREIGN KEY: the referenced table and its columns; actions as pg_constraint spells them
  // ('a' no action, 'r' restrict, 'c' cascade, 'n' set null, 'd' set default).
  int64_t ref_table_oid = 0;
  std::vector<int> ref_columns;
  char on_update = 'a', on_delete = 'a';
  int inhcount = 0;               // CHECK: how many parents define it (coninhcount)
  bool is_local = true;           // conislocal
  bool no_inherit = false;        // CHECK ... NO INHERIT (connoinherit)
  bool deferrable = false;        // DEFERRABLE (condeferrable; foreign keys and unique keys)
  bool initdeferred = false;      // INITIALLY DEFERRED (condeferred)
  std::vector<int> del_set_columns;  // FOREIGN KEY: ON DELETE SET NULL/SET DEFAULT (cols) (confdelsetcols)
};

struct ViewDef;
struct IndexDef {
  int64_t oid = 0;
  std::string name;
  bool unique = false;
  std::vector<int> columns;       // 0-based column indexes; -1 for an expression key
  std::vector<bool> descending;
  std::vector<std::string> exprs; // per key: an expression key's PostgreSQL text (else empty)
  std::string predicate;          // partial index: the WHERE clause's PostgreSQL text
  std::string sqlite_sql;         // SQLite's CREATE INDEX text (its lowered keys and WHERE)
  std::string am = "btree";       // access method (gist/spgist/brin: a catalog entry over an SQLite index)
  bool plain_keys() const {
    for (int c : columns)
      if (c < 0) return false;
    return predicate.empty();
  }
};

struct TableDef {
  int64_t oid = 0;
  std::string schema = "public";
  std::string name;
  std::vector<ColumnDef> columns;
  std::vector<ConstraintDef> constraints;
  std::vector<IndexDef> indexes;  // CREATE INDEX (constraint indexes are not listed here)
  bool plain_sqlite = false;  // a SQLite table outside the PostgreSQL catalog (typed from its declared types)
  char on_commit = 0;         // temporary tables: 'd' ON COMMIT DELETE ROWS, 'D' ON COMMIT DROP
  // Inheritance and partitioning (catalog/inheritance.{h,cpp}): direct parents in inhseqno
  // order, direct children by OID (filled after loading), a partitioned table's strategy
  // ('r' range, 'l' list, 'h' hash) and key text, a partition's bound text.
  std::vector<int64_t> parents, children;
  char partition_strategy = 0;
  std::string partition_key, partition_bound;
  int partition_rank = 0;     // a partition's place in its parent's bound order
  bool temporary() const { return schema == kTempSchema; }
  std::string sqlite_ref() const { return pgmicro::sqlite_ref(schema, name); }
  std::string qualified_name() const { return schema + "." + name; }
  int find_column(const std::string& col) const {
    for (size_t i = 0; i < columns.size(); i++)
      if (columns[i].name == col) return static_cast<int>(i);
    return -1;
  }
};

// A view: its defining statement (PostgreSQL text of the whole CREATE VIEW, re-parsed and
// analyzed where it is used, like PostgreSQL's rewriter) and its output columns.
struct ViewDef {
  int64_t oid = 0;
  std::string schema = "public";
  std::string name;
  std::string definition;
  std::vector<std::string> column_names;
};

// A LANGUAGE sql function or procedure (pg_proc). Its body and parameter defaults live in
// `definition`, the text of the CREATE statement, re-parsed where the function is called.
struct ProcArg {
  std::string name;          // empty when unnamed
  Oid type = 0;
  char mode = 'i';           // 'i' IN, 'o' OUT, 'b' INOUT, 'v' VARIADIC, 't' TABLE column
  bool has_default = false;
  bool is_input() const { return mode == 'i' || mode == 'b' || mode == 'v'; }
};
struct ProcDef {
  int64_t oid = 0;
  std::string name;
  char kind = 'f';           // 'f' function, 'p' procedure
  std::vector<ProcArg> args; // every parameter in declaration order (OUT and TABLE too)
  Oid result = 0;            // declared result type (oid::kRecord for several OUT/TABLE columns)
  bool retset = false;
  char volatility = 'v';     // 'i' immutable, 's' stable, 'v' volatile
  bool strict = false;
  std::string definition;    // the CREATE FUNCTION statement
  // Parameter types of the input arguments (IN, INOUT, VARIADIC), in order.
  std::vector<Oid> input_types() const {
    std::vector<Oid> t;
    for (auto& a : args)
      if (a.is_input()) t.push_back(a.type);
    return t;
  }
};

// A SQL function body lowered for one argument signature: the SQLite statements run by
// pg_sql_scalar / pg_sql_rows (runtime/sql_functions.cpp), parameters as ?1..?n.
namespace plpgsql { struct Function; }
struct LoweredBody {
  std::shared_ptr<plpgsql::Function> plpgsql;  // a LANGUAGE plpgsql function (statements unused)
  std::string function_name;
  std::vector<std::string> statements;
  bool ready = false;        // false while the body is being analyzed (a recursive call)
  bool inlinable = false;    // PostgreSQL would inline it (a lone SELECT of expressions): no CONTEXT line
};

struct SequenceDef {
  int64_t oid = 0;
  std::string schema = "public";
  std::string name;
  Oid type = 0;
  int64_t start = 1, increment = 1, min_value = 1, max_value = INT64_MAX;
  int64_t owned_by_table = 0;  // table oid (serial) or 0
  int owned_by_column = -1;
  bool cycle = false;
  int64_t cache = 1;
};

// Sequence counters are shared by every session of a Database and are not rolled back
// with transactions (PostgreSQL semantics); sessions persist dirty ones at commit points.
struct SequenceState {
  std::mutex mu;
  struct Value { int64_t last_value = 0; bool is_called = false; bool loaded = false; };
  std::map<int64_t, Value> values;
};

struct SchemaDef {
  int64_t oid = 0;
  std::string name;
};

// A comment (COMMENT ON): object OID and column number (0 for the object itself).
struct CommentKey {
  int64_t oid;
  int subid;
  bool operator<(const CommentKey& o) const { return oid != o.oid ? oid < o.oid : subid < o.subid; }
};

class Privileges;
class Catalog {
 public:
  Privileges* privileges = nullptr;  // the session's roles and checks (catalog/privileges.h)
  ~Catalog();
  // Reloads from the file if SQLite's schema_version changed since the last load.
  // Returns true when it reloaded.
  // version_stmt: a prepared "PRAGMA schema_version" to reuse (optional).
  bool refresh(sqlite3* db, sqlite3_stmt* version_stmt = nullptr);
  void force_reload(sqlite3* db) { schema_version_ = -1; refresh(db); }
  // Counts loads: anything derived from the catalog (cached plans) is valid while it is unchanged.
  uint64_t generation() const { return generation_; }

  // Lookups by unqualified name search the search path (pg_temp first, then the path's
  // schemas); the two-argument forms take a schema ("" = search the path, "pg_temp" = this
  // session's temporary schema).
  const TableDef* find_table(const std::string& name) const { return find_table("", name); }
  const TableDef* find_table(const std::string& schema, const std::string& name) const;
  const SequenceDef* find_sequence(const std::string& schema, const std::string& name) const;
  const ViewDef* find_view(const std::string& schema, const std::string& name) const;
  std::pair<const TableDef*, const IndexDef*> find_index(const std::string& schema, const std::string& name) const;
  // Any relation of that name in exactly that schema.
  bool relation_exists(const std::string& schema, const std::string& name) const;
  const TableDef* find_table_by_sqlite_name(const std::string& sqlite_name) const;

  // Schemas.
  const SchemaDef* find_schema(const std::string& name) const;  // public, pg_catalog, pg_temp (when it exists), user schemas
  const std::vector<SchemaDef>& schemas() const { return schemas_; }
  // "pg_temp" -> this session's temp schema name; other names unchanged.
  static std::string canonical_schema(const std::string& name);
  bool temp_schema_exists() const { return temp_exists_; }
  // search_path: set from the setting's text (a change counts as a catalog change, so plans
  // made under another path are not reused).
  void set_search_path(const std::string& setting);
  // current_schemas(include_implicit): the existing schemas of the path, with pg_temp and
  // pg_catalog when include_implicit.
  std::vector<std::string> current_schemas(bool include_implicit) const;
  // Where CREATE puts an unqualified name: the first existing schema of the path, or "".
  std::string creation_schema() const;
  // The schema for a new object named (schema, name) with the given persistence: resolves
  // "" through the path; throws 3F000 when there is none or it does not exist.
  std::string target_schema(const std::string& schema, bool temporary, int location = -1, const std::string& name = "") const;
  // While alive, unqualified names are looked up in `schema` before the search path.
  struct PathPrefix {
    const Catalog& c;
    PathPrefix(const Catalog& cat, const std::string& schema) : c(cat) { c.path_prefix_.push_back(schema); }
    ~PathPrefix() { c.path_prefix_.pop_back(); }
  };
  // COMMENT ON: descriptions by object.
  const std::string* comment(int64_t oid, int subid) const;
  const TableDef* find_table_by_oid(int64_t oid) const;
  const SequenceDef* find_sequence(const std::string& name) const { return find_sequence("", name); }
  const SequenceDef* find_sequence_by_oid(int64_t oid) const;
  // Unqualified: in the schema CREATE would use (creation_schema()).
  bool relation_exists(const std::string& name) const { return relation_exists(creation_schema(), name); }
  const ViewDef* find_view(const std::string& name) const { return find_view("", name); }
  // The table owning index `name` and the index (nullptrs when absent).
  std::pair<const TableDef*, const IndexDef*> find_index(const std::string& name) const { return find_index("", name); }
  const std::vector<std::unique_ptr<TableDef>>& tables() const { return tables_; }
  const std::vector<std::unique_ptr<ViewDef>>& views() const { return views_; }
  const std::vector<std::unique_ptr<SequenceDef>>& sequences() const { return sequences_; }
  const std::map<CommentKey, std::string>& comments() const { return comments_; }
  // LANGUAGE sql functions and procedures named `name` (any signature).
  std::vector<const ProcDef*> find_procs(const std::string& name) const;
  const std::vector<std::unique_ptr<ProcDef>>& procs() const { return procs_; }

  // Lowered SQL function bodies of this catalog generation, by signature key ("oid:types").
  // id_for returns the body's id (registering an empty one when new; `fresh` says so).
  int body_id(const std::string& key, bool& fresh);
  void forget_body(const std::string& key) { body_ids_.erase(key); }
  LoweredBody* body(int64_t id) {
    return id >= 0 && (size_t)id < bodies_.size() ? &bodies_[(size_t)id] : nullptr;
  }

  // User-defined types (enums, domains; catalog_types.cpp).
  const UserTypes& user_types() const { return types_; }
  const UserType* find_user_type_by_name(const std::string& name) const;
  // Creates _pgmicro_type/_pgmicro_enum/_pgmicro_domain_constraint when missing.
  static void ensure_type_tables(sqlite3* db);
  std::vector<const ViewDef*> views_in(const std::string& schema) const;
  std::vector<const SequenceDef*> sequences_in(const std::string& schema) const;

  // Creates the _pgmicro_* tables when missing (first DDL on a database).
  static void ensure_catalog_tables(sqlite3* db);
  static int64_t allocate_oid(sqlite3* db);
  // Creates this session's temporary catalog tables in `pgtemp` when missing.
  static void ensure_temp_catalog_tables(sqlite3* db);

 private:
  void load(sqlite3* db);
  void load_relations(sqlite3* db, const std::string& prefix);
  void load_plain_tables(sqlite3* db);
  void load_user_types(sqlite3* db);
  void load_composite_types(sqlite3* db);  // catalog_types.cpp: composites, tables' row types
  void load_type_rows(sqlite3* db);
  static bool has_type_tables(sqlite3* db);
  UserTypes types_;
  // The schemas an unqualified name is looked up in, in order.
  const std::vector<std::string>& lookup_path() const;
  mutable std::vector<std::string> path_cache_;
  mutable std::vector<std::string> path_prefix_;  // PathPrefix
  mutable std::vector<std::string> prefixed_path_;
  mutable uint64_t path_generation_ = ~uint64_t(0);
  int64_t schema_version_ = -1;
  int64_t temp_schema_version_ = -1;
  sqlite3_stmt* temp_version_stmt_ = nullptr;
  sqlite3* temp_version_db_ = nullptr;
  std::vector<SchemaDef> schemas_;
  std::map<CommentKey, std::string> comments_;
  std::vector<std::string> search_path_ = {"$user", "public"};  // as set (unresolved)
  bool temp_exists_ = false;
  uint64_t generation_ = 0;
  std::vector<std::unique_ptr<TableDef>> tables_;
  std::vector<std::unique_ptr<SequenceDef>> sequences_;
  std::vector<std::unique_ptr<ViewDef>> views_;
  std::vector<std::unique_ptr<ProcDef>> procs_;
  std::map<std::string, int> body_ids_;
  std::vector<LoweredBody> bodies_;
};

// Runs SQL with no result rows on `db`; throws PgError (XX000) with SQLite's message.
void exec_sql(sqlite3* db, const std::string& sql);
// Quotes an identifier for SQLite ("a""b").
std::string quote_ident(const std::string& s);
// Quotes a string literal for SQLite ('a''b').
std::string quote_literal(const std::string& s);

}  // namespace pgmicro
