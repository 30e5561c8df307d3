// Loading and persisting the catalog (_pgmicro_class, _pgmicro_attribute,
// _pgmicro_constraint, _pgmicro_sequence, _pgmicro_meta).
#include "catalog/catalog.h"
#include <cctype>
#include <algorithm>
#include <cstring>
#include "catalog/datetime_storage_migration.h"
#include "catalog/float_storage_migration.h"
#include "catalog/inheritance.h"
#include "common/error.h"

namespace pgmicro {

std::string quote_ident(const std::string& s) {
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += '"';
    r += c;
  }
  return r + "\"";
}

std::string quote_literal(const std::string& s) {
  std::string r = "'";
  for (char c : s) {
    if (c == '\'') r += '\'';
    r += c;
  }
  return r + "'";
}

void exec_sql(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    throw PgError(sqlstate::kInternalError, "storage error: " + msg);
  }
}

std::string sqlite_relation_name(const std::string& schema, const std::string& name) {
  return schema == kPublicSchema || schema == kTempSchema ? name : schema + "." + name;
}
std::string sqlite_database(const std::string& schema) { return schema == kTempSchema ? "pgtemp" : "main"; }
std::string sqlite_ref(const std::string& schema, const std::string& name) {
  return sqlite_database(schema) + "." + quote_ident(sqlite_relation_name(schema, name));
}

namespace {

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
      throw PgError(sqlstate::kInternalError, std::string("catalog: ") + sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(s); }
  bool step() { return sqlite3_step(s) == SQLITE_ROW; }
  int64_t i(int c) { return sqlite3_column_int64(s, c); }
  std::string t(int c) {
    auto* p = sqlite3_column_text(s, c);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
};

bool has_catalog(sqlite3* db) {
  Stmt st(db, "SELECT 1 FROM main.sqlite_schema WHERE type='table' AND name='_pgmicro_meta'");
  return st.step();
}

bool has_temp_catalog(sqlite3* db) {
  sqlite3_stmt* s = nullptr;
  bool found = sqlite3_prepare_v2(db, "SELECT 1 FROM pgtemp.sqlite_schema WHERE name='_pgmicro_class'", -1, &s, nullptr) == SQLITE_OK &&
               sqlite3_step(s) == SQLITE_ROW;
  sqlite3_finalize(s);
  return found;
}

// The relation catalog tables, created in `prefix` ("main." or "pgtemp.").
std::string relation_catalog_ddl(const std::string& p) {
  return "CREATE TABLE " + p + "_pgmicro_class(oid INTEGER PRIMARY KEY, nspname TEXT NOT NULL,"
         " relname TEXT NOT NULL, relkind TEXT NOT NULL, UNIQUE(nspname, relname));"
         "CREATE TABLE " + p + "_pgmicro_attribute(attrelid INTEGER NOT NULL, attnum INTEGER NOT NULL,"
         " attname TEXT NOT NULL, atttypid INTEGER NOT NULL, atttypmod INTEGER NOT NULL,"
         " attnotnull INTEGER NOT NULL, attdefault TEXT, attidentity TEXT NOT NULL DEFAULT '',"
         " attgenerated TEXT NOT NULL DEFAULT '', attcollation INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(attrelid, attnum));"
         "CREATE TABLE " + p + "_pgmicro_constraint(oid INTEGER PRIMARY KEY, conrelid INTEGER NOT NULL,"
         " conname TEXT NOT NULL, contype TEXT NOT NULL, conkey TEXT NOT NULL, consrc TEXT,"
         " confrelid INTEGER, confkey TEXT, confupdtype TEXT, confdeltype TEXT,"
         " condeferrable INTEGER NOT NULL DEFAULT 0, condeferred INTEGER NOT NULL DEFAULT 0, confdelsetcols TEXT);"
         "CREATE TABLE " + p + "_pgmicro_index(indexrelid INTEGER PRIMARY KEY, indrelid INTEGER NOT NULL,"
         " indisunique INTEGER NOT NULL, indkey TEXT NOT NULL, indoption TEXT NOT NULL, indexprs TEXT, indpred TEXT, indam TEXT);"
         "CREATE TABLE " + p + "_pgmicro_view(viewrelid INTEGER PRIMARY KEY, definition TEXT NOT NULL,"
         " colnames TEXT NOT NULL);"
         "CREATE TABLE " + p + "_pgmicro_sequence(seqrelid INTEGER PRIMARY KEY, seqtypid INTEGER NOT NULL,"
         " seqstart INTEGER, seqincrement INTEGER, seqmin INTEGER, seqmax INTEGER,"
         " last_value INTEGER, is_called INTEGER, owned_by_rel INTEGER, owned_by_att INTEGER,"
         " seqcycle INTEGER NOT NULL DEFAULT 0, seqcache INTEGER NOT NULL DEFAULT 1);"
         "CREATE TABLE IF NOT EXISTS " + p + "_pgmicro_description(objoid INTEGER NOT NULL, objsubid INTEGER NOT NULL,"
         " description TEXT NOT NULL, PRIMARY KEY(objoid, objsubid));" + inheritance_catalog_ddl(p);
}

// Format 4's schema table (user schemas; public and pg_catalog are implicit).
const char* const kNamespaceDdl =
    "CREATE TABLE IF NOT EXISTS main._pgmicro_namespace(oid INTEGER PRIMARY KEY, nspname TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS main._pgmicro_description(objoid INTEGER NOT NULL, objsubid INTEGER NOT NULL,"
    " description TEXT NOT NULL, PRIMARY KEY(objoid, objsubid));";

}  // namespace

// LANGUAGE sql functions: parameters as comma-separated type OIDs, one mode letter each and
// newline-separated names; pronargdefaults = how many trailing input parameters have defaults.
static const char* const kProcTable =
    "CREATE TABLE _pgmicro_proc(oid INTEGER PRIMARY KEY, proname TEXT NOT NULL, prokind TEXT NOT NULL,"
    " proargtypes TEXT NOT NULL, proargmodes TEXT NOT NULL, proargnames TEXT NOT NULL,"
    " pronargdefaults INTEGER NOT NULL, prorettype INTEGER NOT NULL, proretset INTEGER NOT NULL,"
    " provolatile TEXT NOT NULL, proisstrict INTEGER NOT NULL, definition TEXT NOT NULL);";

// format_version 1 -> 2: _pgmicro_constraint gains the foreign-key columns;
// 2 -> 3: _pgmicro_attribute gains attidentity and attgenerated;
// 3 -> 4: _pgmicro_proc (LANGUAGE sql functions), _pgmicro_namespace and _pgmicro_description are added.
// 4 -> 5: the inheritance tables (catalog/inheritance.cpp) are added; _pgmicro_sequence gains seqcycle
//   and seqcache, _pgmicro_index indexprs and indpred.
// 5 -> 6: _pgmicro_attribute gains attcollation (a COLLATE clause's pg_collation OID, 0 = the type's).
// 6 -> 7: _pgmicro_constraint gains condeferrable, condeferred and confdelsetcols.
// 7 -> 8: _pgmicro_index gains indam (the access method; NULL is btree).
// 8 -> 9: stored date/timestamp/timestamptz values of BC years or years past 9999 gain their
//   sort-key prefix (catalog/datetime_storage_migration.cpp).
static void migrate_catalog(sqlite3* db) {
  int64_t version = 0;
  {
    Stmt st(db, "SELECT value FROM _pgmicro_meta WHERE key = 'format_version'");
    if (st.step()) version = st.i(0);
  }
  if (version >= kStorageFormatVersion) return;
  if (version < 2)
    exec_sql(db,
             "ALTER TABLE _pgmicro_constraint ADD COLUMN confrelid INTEGER;"
             "ALTER TABLE _pgmicro_constraint ADD COLUMN confkey TEXT;"
             "ALTER TABLE _pgmicro_constraint ADD COLUMN confupdtype TEXT;"
             "ALTER TABLE _pgmicro_constraint ADD COLUMN confdeltype TEXT;");
  if (version < 3)
    exec_sql(db,
             "ALTER TABLE _pgmicro_attribute ADD COLUMN attidentity TEXT NOT NULL DEFAULT '';"
             "ALTER TABLE _pgmicro_attribute ADD COLUMN attgenerated TEXT NOT NULL DEFAULT '';");
  if (version < 4) {
    exec_sql(db, kProcTable);
    exec_sql(db, kNamespaceDdl);
  }
  // (each column only when missing: a file may have been marked older than its tables)
  auto add = [&](const char* table, const char* column, const char* decl) {
    bool present;
    {
      Stmt st(db, (std::string("SELECT 1 FROM pragma_table_info('") + table + "') WHERE name = '" + column + "'").c_str());
      present = st.step();
    }
    if (!present) exec_sql(db, std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " " + decl);
  };
  if (version < 5) {
    exec_sql(db, inheritance_catalog_ddl("main."));
    add("_pgmicro_sequence", "seqcycle", "INTEGER NOT NULL DEFAULT 0");
    add("_pgmicro_sequence", "seqcache", "INTEGER NOT NULL DEFAULT 1");
    add("_pgmicro_index", "indexprs", "TEXT");
    add("_pgmicro_index", "indpred", "TEXT");
  }
  if (version < 6) add("_pgmicro_attribute", "attcollation", "INTEGER NOT NULL DEFAULT 0");
  if (version < 7) {
    bool present;
    {
      Stmt st(db, "SELECT 1 FROM pragma_table_info('_pgmicro_constraint') WHERE name = 'condeferrable'");
      present = st.step();
    }
    if (!present)
      exec_sql(db,
               "ALTER TABLE _pgmicro_constraint ADD COLUMN condeferrable INTEGER NOT NULL DEFAULT 0;"
               "ALTER TABLE _pgmicro_constraint ADD COLUMN condeferred INTEGER NOT NULL DEFAULT 0;"
               "ALTER TABLE _pgmicro_constraint ADD COLUMN confdelsetcols TEXT;");
  }
  if (version < 8) {
    Stmt st(db, "SELECT 1 FROM pragma_table_info('_pgmicro_index') WHERE name = 'indam'");
    bool present = st.step();
    if (!present) exec_sql(db, "ALTER TABLE _pgmicro_index ADD COLUMN indam TEXT");  // NULL: btree
  }
  if (version < 9) migrate_datetime_storage(db);
  if (version < 10) migrate_float_columns(db);
  exec_sql(db, "UPDATE _pgmicro_meta SET value = " + std::to_string(kStorageFormatVersion) + " WHERE key = 'format_version'");
}

static std::vector<int> parse_keys(const std::string& keys) {
  std::vector<int> cols;
  size_t p = 0;
  while (p < keys.size()) {
    size_t q = keys.find(',', p);
    if (q == std::string::npos) q = keys.size();
    cols.push_back(std::stoi(keys.substr(p, q - p)) - 1);
    p = q + 1;
  }
  return cols;
}

void Catalog::ensure_catalog_tables(sqlite3* db) {
  if (has_catalog(db)) return migrate_catalog(db);
  exec_sql(db,
           "CREATE TABLE main._pgmicro_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
           "INSERT INTO main._pgmicro_meta VALUES('format_version', " +
               std::to_string(kStorageFormatVersion) + "), ('next_oid', 16384);" + relation_catalog_ddl("main.") + kNamespaceDdl + kProcTable);
}

void Catalog::ensure_temp_catalog_tables(sqlite3* db) {
  ensure_catalog_tables(db);  // OIDs come from the file's counter
  if (!has_temp_catalog(db)) exec_sql(db, relation_catalog_ddl("pgtemp."));
}

Catalog::~Catalog() { sqlite3_finalize(temp_version_stmt_); }

int64_t Catalog::allocate_oid(sqlite3* db) {
  Stmt st(db, "UPDATE _pgmicro_meta SET value = value + 1 WHERE key='next_oid' RETURNING value - 1");
  if (!st.step()) throw PgError(sqlstate::kInternalError, "catalog: cannot allocate an OID");
  return st.i(0);
}

bool Catalog::refresh(sqlite3* db, sqlite3_stmt* version_stmt) {
  int64_t v;
  if (version_stmt) {
    v = sqlite3_step(version_stmt) == SQLITE_ROW ? sqlite3_column_int64(version_stmt, 0) : 0;
    sqlite3_reset(version_stmt);
  } else {
    Stmt st(db, "PRAGMA schema_version");
    v = st.step() ? st.i(0) : 0;
  }
  // This session's temporary objects live in `pgtemp`, whose schema version moves on its own.
  if (temp_version_db_ != db) {
    sqlite3_finalize(temp_version_stmt_);
    temp_version_stmt_ = nullptr;
    temp_version_db_ = db;
    sqlite3_prepare_v3(db, "PRAGMA pgtemp.schema_version", -1, SQLITE_PREPARE_PERSISTENT, &temp_version_stmt_, nullptr);
  }
  int64_t tv = 0;
  if (temp_version_stmt_) {
    tv = sqlite3_step(temp_version_stmt_) == SQLITE_ROW ? sqlite3_column_int64(temp_version_stmt_, 0) : 0;
    sqlite3_reset(temp_version_stmt_);
  }
  if (v == schema_version_ && tv == temp_schema_version_) return false;
  load(db);
  schema_version_ = v;
  temp_schema_version_ = tv;
  return true;
}

// PostgreSQL type for a plain SQLite column, from its declared type: a PostgreSQL type name
// when it is one (SQLite's REAL, an 8-byte float, is double precision; NUMERIC/DECIMAL, which
// SQLite stores as INTEGER or REAL, are double precision too; DATETIME is timestamp), else
// SQLite's affinity rules (INT -> bigint, REAL/FLOA/DOUB -> double precision, BLOB -> bytea,
// everything else -> text).
static Oid type_from_declared(std::string decl) {
  for (auto& c : decl) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  size_t paren = decl.find('(');
  std::string base = paren == std::string::npos ? decl : decl.substr(0, paren);
  while (!base.empty() && base.back() == ' ') base.pop_back();
  if (base == "real" || base == "numeric" || base == "decimal") return oid::kFloat8;
  if (base == "datetime") return oid::kTimestamp;
  if (const TypeInfo* t = find_type_by_name(base)) return t->oid;
  if (decl.find("int") != std::string::npos) return oid::kInt8;
  if (decl.find("char") != std::string::npos || decl.find("clob") != std::string::npos ||
      decl.find("text") != std::string::npos)
    return oid::kText;
  if (decl.find("blob") != std::string::npos) return oid::kBytea;
  if (decl.find("real") != std::string::npos || decl.find("floa") != std::string::npos ||
      decl.find("doub") != std::string::npos)
    return oid::kFloat8;
  return oid::kText;
}

void Catalog::load_plain_tables(sqlite3* db) {
  std::vector<std::string> names;
  {
    Stmt st(db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (st.step()) names.push_back(st.t(0));
  }
  for (auto& n : names) {
    if (find_table_by_sqlite_name(n)) continue;
    auto t = std::make_unique<TableDef>();
    t->name = n;
    t->plain_sqlite = true;
    Stmt st(db, ("SELECT name, type, \"notnull\" FROM pragma_table_info(" + quote_literal(n) + ", 'main')").c_str());
    while (st.step()) {
      ColumnDef c;
      c.name = st.t(0);
      c.type = type_from_declared(st.t(1));
      c.not_null = st.i(2) != 0;
      t->columns.push_back(std::move(c));
    }
    tables_.push_back(std::move(t));
  }
}

void Catalog::load(sqlite3* db) {
  generation_++;
  tables_.clear();
  sequences_.clear();
  views_.clear();
  procs_.clear();
  body_ids_.clear();
  bodies_.clear();
  types_.clear();
  schemas_ = {{kPublicSchemaOid, kPublicSchema}, {kCatalogSchemaOid, kCatalogSchema}};
  comments_.clear();
  temp_exists_ = false;
  if (!has_catalog(db)) {
    load_plain_tables(db);
    return;
  }
  migrate_catalog(db);  // an older file gains the columns of this format_version
  schemas_ = {{kPublicSchemaOid, kPublicSchema}, {kCatalogSchemaOid, kCatalogSchema}};
  {
    Stmt st(db, "SELECT oid, nspname FROM main._pgmicro_namespace ORDER BY oid");
    while (st.step()) schemas_.push_back({st.i(0), st.t(1)});
  }
  {
    Stmt st(db, "SELECT objoid, objsubid, description FROM main._pgmicro_description");
    while (st.step()) comments_[{st.i(0), static_cast<int>(st.i(1))}] = st.t(2);
  }
  load_relations(db, "main.");
  temp_exists_ = has_temp_catalog(db);
  if (temp_exists_) {
    schemas_.push_back({-1, kTempSchema});
    Stmt st(db, "SELECT objoid, objsubid, description FROM pgtemp._pgmicro_description");
    while (st.step()) comments_[{st.i(0), static_cast<int>(st.i(1))}] = st.t(2);
    load_relations(db, "pgtemp.");
  }
  load_user_types(db);
  {
    Stmt st(db, "SELECT oid, proname, prokind, proargtypes, proargmodes, proargnames, pronargdefaults, prorettype,"
                " proretset, provolatile, proisstrict, definition FROM _pgmicro_proc ORDER BY oid");
    while (st.step()) {
      auto p = std::make_unique<ProcDef>();
      p->oid = st.i(0);
      p->name = st.t(1);
      p->kind = st.t(2).empty() ? 'f' : st.t(2)[0];
      std::string types = st.t(3), modes = st.t(4), names = st.t(5);
      size_t tp = 0, np = 0;
      for (char m : modes) {
        ProcArg a;
        a.mode = m;
        size_t tq = types.find(',', tp);
        if (tq == std::string::npos) tq = types.size();
        a.type = static_cast<Oid>(std::stoul(types.substr(tp, tq - tp)));
        tp = tq + 1;
        size_t nq = names.find('\n', np);
        if (nq == std::string::npos) nq = names.size();
        a.name = np <= names.size() ? names.substr(np, nq - np) : "";
        np = nq + 1;
        p->args.push_back(std::move(a));
      }
      int ndefaults = static_cast<int>(st.i(6));
      for (auto it = p->args.rbegin(); it != p->args.rend() && ndefaults > 0; ++it)
        if (it->is_input()) { it->has_default = true; ndefaults--; }
      p->result = static_cast<Oid>(st.i(7));
      p->retset = st.i(8) != 0;
      p->volatility = st.t(9).empty() ? 'v' : st.t(9)[0];
      p->strict = st.i(10) != 0;
      p->definition = st.t(11);
      procs_.push_back(std::move(p));
    }
  }
  load_plain_tables(db);
  link_inheritance(tables_);
}

void Catalog::load_relations(sqlite3* db, const std::string& p) {
  auto q = [&](std::string sql) {
    for (size_t at = 0; (at = sql.find("_pgmicro_", at)) != std::string::npos; at += p.size() + 9) sql.insert(at, p);
    return sql;
  };
  std::map<int64_t, TableDef*> by_oid;
  {
    Stmt st(db, q("SELECT oid, nspname, relname, relkind FROM _pgmicro_class ORDER BY oid").c_str());
    while (st.step()) {
      std::string kind = st.t(3);
      if (kind == "r") {
        auto t = std::make_unique<TableDef>();
        t->oid = st.i(0);
        t->schema = st.t(1);
        t->name = st.t(2);
        by_oid[t->oid] = t.get();
        tables_.push_back(std::move(t));
      } else if (kind == "S") {
        auto s = std::make_unique<SequenceDef>();
        s->oid = st.i(0);
        s->schema = st.t(1);
        s->name = st.t(2);
        sequences_.push_back(std::move(s));
      }
    }
  }
  {
    Stmt st(db,
            q("SELECT attrelid, attname, atttypid, atttypmod, attnotnull, attdefault, attidentity, attgenerated, attcollation "
            "FROM _pgmicro_attribute ORDER BY attrelid, attnum").c_str());
    while (st.step()) {
      auto it = by_oid.find(st.i(0));
      if (it == by_oid.end()) continue;
      ColumnDef c;
      c.name = st.t(1);
      c.type = static_cast<Oid>(st.i(2));
      c.typmod = static_cast<int32_t>(st.i(3));
      c.not_null = st.i(4) != 0;
      c.default_text = st.t(5);
      c.identity = st.t(6).empty() ? 0 : st.t(6)[0];
      c.generated = st.t(7).empty() ? 0 : st.t(7)[0];
      c.collation = static_cast<Oid>(st.i(8));
      it->second->columns.push_back(std::move(c));
    }
  }
  {
    Stmt st(db,
            q("SELECT oid, conrelid, conname, contype, conkey, consrc, confrelid, confkey, confupdtype, confdeltype, "
            "condeferrable, condeferred, confdelsetcols FROM _pgmicro_constraint ORDER BY oid").c_str());
    while (st.step()) {
      auto it = by_oid.find(st.i(1));
      if (it == by_oid.end()) continue;
      ConstraintDef c;
      c.oid = st.i(0);
      c.name = st.t(2);
      c.type = st.t(3)[0];
      c.check_expr = st.t(5);
      c.columns = parse_keys(st.t(4));
      c.deferrable = st.i(10) != 0;
      c.initdeferred = st.i(11) != 0;
      if (c.type == 'f') {
        c.ref_table_oid = st.i(6);
        c.ref_columns = parse_keys(st.t(7));
        c.on_update = st.t(8).empty() ? 'a' : st.t(8)[0];
        c.on_delete = st.t(9).empty() ? 'a' : st.t(9)[0];
        c.del_set_columns = parse_keys(st.t(12));
      }
      it->second->constraints.push_back(std::move(c));
    }
  }
  {
    Stmt st(db,
            q("SELECT i.indexrelid, i.indrelid, c.relname, i.indisunique, i.indkey, i.indoption, i.indexprs, i.indpred, "
            "(SELECT m.sql FROM " + p + "sqlite_master m WHERE m.type = 'index' AND m.name = CASE WHEN c.nspname IN ('" +
            kPublicSchema + "', '" + kTempSchema + "') THEN c.relname ELSE c.nspname || '.' || c.relname END), i.indam FROM _pgmicro_index i "
            "JOIN _pgmicro_class c ON c.oid = i.indexrelid ORDER BY c.relname").c_str());
    while (st.step()) {
      auto it = by_oid.find(st.i(1));
      if (it == by_oid.end()) continue;
      IndexDef ix;
      ix.oid = st.i(0);
      ix.name = st.t(2);
      ix.unique = st.i(3) != 0;
      std::string keys = st.t(4), opts = st.t(5);
      size_t p = 0;
      while (p < keys.size()) {
        size_t q = keys.find(',', p);
        if (q == std::string::npos) q = keys.size();
        ix.columns.push_back(std::stoi(keys.substr(p, q - p)) - 1);
        p = q + 1;
      }
      for (char c : opts) ix.descending.push_back(c == 'd');
      std::string exprs = st.t(6);
      for (size_t k = 0, e = 0; k < ix.columns.size(); k++) {  // one line per expression key
        if (ix.columns[k] >= 0) { ix.exprs.emplace_back(); continue; }
        size_t nl = exprs.find('\n', e);
        ix.exprs.push_back(exprs.substr(e, nl == std::string::npos ? std::string::npos : nl - e));
        e = nl == std::string::npos ? exprs.size() : nl + 1;
      }
      ix.predicate = st.t(7);
      ix.sqlite_sql = st.t(8);
      if (!st.t(9).empty()) ix.am = st.t(9);
      it->second->indexes.push_back(std::move(ix));
    }
  }
  {
    Stmt st(db,
            q("SELECT seqrelid, seqtypid, seqstart, seqincrement, seqmin, seqmax, owned_by_rel, "
            "owned_by_att, seqcycle, seqcache FROM _pgmicro_sequence").c_str());
    while (st.step()) {
      for (auto& s : sequences_) {
        if (s->oid != st.i(0)) continue;
        s->type = static_cast<Oid>(st.i(1));
        s->start = st.i(2);
        s->increment = st.i(3);
        s->min_value = st.i(4);
        s->max_value = st.i(5);
        s->owned_by_table = st.i(6);
        s->owned_by_column = static_cast<int>(st.i(7)) - 1;
        s->cycle = st.i(8) != 0;
        s->cache = st.i(9);
      }
    }
  }
  {
    Stmt st(db, q("SELECT v.viewrelid, c.relname, v.definition, v.colnames, c.nspname FROM _pgmicro_view v "
                  "JOIN _pgmicro_class c ON c.oid = v.viewrelid").c_str());
    while (st.step()) {
      auto v = std::make_unique<ViewDef>();
      v->oid = st.i(0);
      v->name = st.t(1);
      v->definition = st.t(2);
      v->schema = st.t(4);
      std::string cols = st.t(3);
      size_t p = 0;
      while (p <= cols.size() && !cols.empty()) {
        size_t q = cols.find('\n', p);
        if (q == std::string::npos) q = cols.size();
        v->column_names.push_back(cols.substr(p, q - p));
        p = q + 1;
      }
      views_.push_back(std::move(v));
    }
  }
  load_inheritance(db, p, by_oid);
}


std::vector<const ProcDef*> Catalog::find_procs(const std::string& name) const {
  std::vector<const ProcDef*> out;
  for (auto& p : procs_)
    if (p->name == name) out.push_back(p.get());
  return out;
}

int Catalog::body_id(const std::string& key, bool& fresh) {
  auto it = body_ids_.find(key);
  fresh = it == body_ids_.end();
  if (!fresh) return it->second;
  int id = static_cast<int>(bodies_.size());
  bodies_.emplace_back();
  body_ids_[key] = id;
  return id;
}

std::string Catalog::canonical_schema(const std::string& name) { return name == "pg_temp" ? kTempSchema : name; }

const SchemaDef* Catalog::find_schema(const std::string& name) const {
  std::string n = canonical_schema(name);
  for (auto& sc : schemas_)
    if (sc.name == n) return &sc;
  return nullptr;
}

void Catalog::set_search_path(const std::string& setting) {
  // SplitIdentifierString: comma-separated, "quoted" names kept, others lower-cased.
  std::vector<std::string> path;
  size_t i = 0;
  while (i < setting.size()) {
    while (i < setting.size() && (setting[i] == ' ' || setting[i] == ',')) i++;
    if (i >= setting.size()) break;
    std::string item;
    if (setting[i] == '"') {
      for (i++; i < setting.size(); i++) {
        if (setting[i] == '"') {
          if (i + 1 < setting.size() && setting[i + 1] == '"') { item += '"'; i++; continue; }
          i++;
          break;
        }
        item += setting[i];
      }
    } else {
      for (; i < setting.size() && setting[i] != ','; i++) item += static_cast<char>(std::tolower(static_cast<unsigned char>(setting[i])));
      while (!item.empty() && item.back() == ' ') item.pop_back();
    }
    path.push_back(item);
  }
  if (path != search_path_) {
    search_path_ = path;
    generation_++;  // plans resolved names under the old path
  }
}

std::vector<std::string> Catalog::current_schemas(bool include_implicit) const {
  std::vector<std::string> out;
  bool temp_explicit = false, catalog_explicit = false;
  for (auto& item : search_path_) {
    std::string n = item == "$user" ? "postgres" : canonical_schema(item);
    if (item == "pg_temp") temp_explicit = true;
    if (n == kCatalogSchema) catalog_explicit = true;
    if (!find_schema(n) || std::find(out.begin(), out.end(), n) != out.end()) continue;
    out.push_back(n);
  }
  if (!include_implicit) {
    // PostgreSQL leaves the implicit schemas out, and pg_temp too.
    std::vector<std::string> r;
    for (auto& n : out)
      if (n != kTempSchema) r.push_back(n);
    return r;
  }
  if (!catalog_explicit) out.insert(out.begin(), kCatalogSchema);
  if (!temp_explicit && temp_exists_) out.insert(out.begin(), kTempSchema);
  return out;
}

const std::vector<std::string>& Catalog::lookup_path() const {
  if (path_generation_ != generation_) {
    path_cache_ = current_schemas(true);
    path_generation_ = generation_;
  }
  if (path_prefix_.empty()) return path_cache_;
  prefixed_path_.assign(path_prefix_.rbegin(), path_prefix_.rend());
  prefixed_path_.insert(prefixed_path_.end(), path_cache_.begin(), path_cache_.end());
  return prefixed_path_;
}

std::string Catalog::creation_schema() const {
  for (auto& item : search_path_) {
    std::string n = item == "$user" ? "postgres" : canonical_schema(item);
    if (n == kCatalogSchema) continue;
    if (find_schema(n)) return n;
  }
  return "";
}

std::string Catalog::target_schema(const std::string& schema, bool temporary, int location, const std::string& name) const {
  if (temporary) {
    if (!schema.empty() && canonical_schema(schema) != kTempSchema)
      throw PgError("42P16", "cannot create temporary relation in non-temporary schema").at(location);
    return kTempSchema;
  }
  if (schema.empty()) {
    std::string s = creation_schema();
    if (s.empty()) throw PgError("3F000", "no schema has been selected to create in").at(location);
    return s;
  }
  std::string n = canonical_schema(schema);
  if (n == kTempSchema) return n;
  if (!find_schema(n)) throw PgError("3F000", "schema \"" + schema + "\" does not exist").at(location);
  if (n == kCatalogSchema)
    throw PgError("42501", "permission denied to create \"pg_catalog." + name + "\"", "System catalog modifications are currently disallowed.");
  return n;
}

std::vector<const ViewDef*> Catalog::views_in(const std::string& schema) const {
  std::vector<const ViewDef*> r;
  for (auto& v : views_)
    if (v->schema == schema) r.push_back(v.get());
  return r;
}

std::vector<const SequenceDef*> Catalog::sequences_in(const std::string& schema) const {
  std::vector<const SequenceDef*> r;
  for (auto& q : sequences_)
    if (q->schema == schema) r.push_back(q.get());
  return r;
}

const std::string* Catalog::comment(int64_t oid, int subid) const {
  auto it = comments_.find({oid, subid});
  return it == comments_.end() ? nullptr : &it->second;
}

// The first match of `pred(object, schema)` along the path, or in `schema` only.
template <class V, class Pred>
static auto find_in(const V& objects, const std::vector<std::string>& path, Pred pred) -> decltype(objects[0].get()) {
  for (auto& sc : path)
    for (auto& o : objects)
      if (pred(*o, sc)) return o.get();
  return nullptr;
}

const ViewDef* Catalog::find_view(const std::string& schema, const std::string& name) const {
  std::vector<std::string> one{canonical_schema(schema)};
  const auto& path = schema.empty() ? lookup_path() : one;
  return find_in(views_, path, [&](const ViewDef& v, const std::string& sc) { return v.schema == sc && v.name == name; });
}

const TableDef* Catalog::find_table(const std::string& schema, const std::string& name) const {
  std::vector<std::string> one{canonical_schema(schema)};
  const auto& path = schema.empty() ? lookup_path() : one;
  return find_in(tables_, path, [&](const TableDef& t, const std::string& sc) { return t.schema == sc && t.name == name; });
}

const TableDef* Catalog::find_table_by_sqlite_name(const std::string& sqlite_name) const {
  for (auto& t : tables_)
    if (!t->temporary() && sqlite_relation_name(t->schema, t->name) == sqlite_name) return t.get();
  return nullptr;
}

bool Catalog::relation_exists(const std::string& schema, const std::string& name) const {
  return find_table(schema, name) || find_sequence(schema, name) || find_index(schema, name).first || find_view(schema, name);
}

const TableDef* Catalog::find_table_by_oid(int64_t oid) const {
  for (auto& t : tables_)
    if (t->oid == oid) return t.get();
  return nullptr;
}
std::pair<const TableDef*, const IndexDef*> Catalog::find_index(const std::string& schema, const std::string& name) const {
  std::vector<std::string> one{canonical_schema(schema)};
  const auto& path = schema.empty() ? lookup_path() : one;
  for (auto& sc : path)
    for (auto& t : tables_)
      if (t->schema == sc)
        for (auto& ix : t->indexes)
          if (ix.name == name) return {t.get(), &ix};
  return {nullptr, nullptr};
}

const SequenceDef* Catalog::find_sequence(const std::string& schema, const std::string& name) const {
  std::vector<std::string> one{canonical_schema(schema)};
  const auto& path = schema.empty() ? lookup_path() : one;
  return find_in(sequences_, path, [&](const SequenceDef& s, const std::string& sc) { return s.schema == sc && s.name == name; });
}
const SequenceDef* Catalog::find_sequence_by_oid(int64_t oid) const {
  for (auto& s : sequences_)
    if (s->oid == oid) return s.get();
  return nullptr;
}

}  // namespace pgmicro
