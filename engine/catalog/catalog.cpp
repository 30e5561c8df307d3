// Loading and persisting the catalog (_pgmicro_class, _pgmicro_attribute,
// _pgmicro_constraint, _pgmicro_sequence, _pgmicro_meta).
#include "catalog/catalog.h"
#include <cctype>
#include <cstring>
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
  Stmt st(db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name='_pgmicro_meta'");
  return st.step();
}

}  // namespace

// format_version 1 -> 2: _pgmicro_constraint gains the foreign-key columns;
// 2 -> 3: _pgmicro_attribute gains attidentity and attgenerated.
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
           "CREATE TABLE _pgmicro_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
           "INSERT INTO _pgmicro_meta VALUES('format_version', " +
               std::to_string(kStorageFormatVersion) +
               "), ('next_oid', 16384);"
               "CREATE TABLE _pgmicro_class(oid INTEGER PRIMARY KEY, nspname TEXT NOT NULL,"
               " relname TEXT NOT NULL, relkind TEXT NOT NULL, UNIQUE(nspname, relname));"
               "CREATE TABLE _pgmicro_attribute(attrelid INTEGER NOT NULL, attnum INTEGER NOT NULL,"
               " attname TEXT NOT NULL, atttypid INTEGER NOT NULL, atttypmod INTEGER NOT NULL,"
               " attnotnull INTEGER NOT NULL, attdefault TEXT, attidentity TEXT NOT NULL DEFAULT '',"
               " attgenerated TEXT NOT NULL DEFAULT '', PRIMARY KEY(attrelid, attnum));"
               "CREATE TABLE _pgmicro_constraint(oid INTEGER PRIMARY KEY, conrelid INTEGER NOT NULL,"
               " conname TEXT NOT NULL, contype TEXT NOT NULL, conkey TEXT NOT NULL, consrc TEXT,"
               " confrelid INTEGER, confkey TEXT, confupdtype TEXT, confdeltype TEXT);"
               "CREATE TABLE _pgmicro_index(indexrelid INTEGER PRIMARY KEY, indrelid INTEGER NOT NULL,"
               " indisunique INTEGER NOT NULL, indkey TEXT NOT NULL, indoption TEXT NOT NULL);"
               "CREATE TABLE _pgmicro_view(viewrelid INTEGER PRIMARY KEY, definition TEXT NOT NULL,"
               " colnames TEXT NOT NULL);"
               "CREATE TABLE _pgmicro_sequence(seqrelid INTEGER PRIMARY KEY, seqtypid INTEGER NOT NULL,"
               " seqstart INTEGER, seqincrement INTEGER, seqmin INTEGER, seqmax INTEGER,"
               " last_value INTEGER, is_called INTEGER, owned_by_rel INTEGER, owned_by_att INTEGER);");
}

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
  if (v == schema_version_) return false;
  load(db);
  schema_version_ = v;
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
    Stmt st(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (st.step()) names.push_back(st.t(0));
  }
  for (auto& n : names) {
    if (find_table(n)) continue;
    auto t = std::make_unique<TableDef>();
    t->name = n;
    t->plain_sqlite = true;
    Stmt st(db, ("SELECT name, type, \"notnull\" FROM pragma_table_info(" + quote_literal(n) + ")").c_str());
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
  if (!has_catalog(db)) {
    load_plain_tables(db);
    return;
  }
  migrate_catalog(db);  // an older file gains the columns of this format_version
  std::map<int64_t, TableDef*> by_oid;
  {
    Stmt st(db, "SELECT oid, nspname, relname, relkind FROM _pgmicro_class ORDER BY oid");
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
            "SELECT attrelid, attname, atttypid, atttypmod, attnotnull, attdefault, attidentity, attgenerated "
            "FROM _pgmicro_attribute ORDER BY attrelid, attnum");
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
      it->second->columns.push_back(std::move(c));
    }
  }
  {
    Stmt st(db,
            "SELECT oid, conrelid, conname, contype, conkey, consrc, confrelid, confkey, confupdtype, confdeltype "
            "FROM _pgmicro_constraint ORDER BY oid");
    while (st.step()) {
      auto it = by_oid.find(st.i(1));
      if (it == by_oid.end()) continue;
      ConstraintDef c;
      c.oid = st.i(0);
      c.name = st.t(2);
      c.type = st.t(3)[0];
      c.check_expr = st.t(5);
      c.columns = parse_keys(st.t(4));
      if (c.type == 'f') {
        c.ref_table_oid = st.i(6);
        c.ref_columns = parse_keys(st.t(7));
        c.on_update = st.t(8).empty() ? 'a' : st.t(8)[0];
        c.on_delete = st.t(9).empty() ? 'a' : st.t(9)[0];
      }
      it->second->constraints.push_back(std::move(c));
    }
  }
  {
    Stmt st(db,
            "SELECT i.indexrelid, i.indrelid, c.relname, i.indisunique, i.indkey, i.indoption FROM _pgmicro_index i "
            "JOIN _pgmicro_class c ON c.oid = i.indexrelid ORDER BY c.relname");
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
      it->second->indexes.push_back(std::move(ix));
    }
  }
  {
    Stmt st(db,
            "SELECT seqrelid, seqtypid, seqstart, seqincrement, seqmin, seqmax, owned_by_rel, "
            "owned_by_att FROM _pgmicro_sequence");
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
      }
    }
  }
  {
    Stmt st(db, "SELECT v.viewrelid, c.relname, v.definition, v.colnames FROM _pgmicro_view v "
                "JOIN _pgmicro_class c ON c.oid = v.viewrelid");
    while (st.step()) {
      auto v = std::make_unique<ViewDef>();
      v->oid = st.i(0);
      v->name = st.t(1);
      v->definition = st.t(2);
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
  load_plain_tables(db);
}

const ViewDef* Catalog::find_view(const std::string& name) const {
  for (auto& v : views_)
    if (v->name == name) return v.get();
  return nullptr;
}

const TableDef* Catalog::find_table(const std::string& name) const {
  for (auto& t : tables_)
    if (t->name == name) return t.get();
  return nullptr;
}
const TableDef* Catalog::find_table_by_oid(int64_t oid) const {
  for (auto& t : tables_)
    if (t->oid == oid) return t.get();
  return nullptr;
}
std::pair<const TableDef*, const IndexDef*> Catalog::find_index(const std::string& name) const {
  for (auto& t : tables_)
    for (auto& ix : t->indexes)
      if (ix.name == name) return {t.get(), &ix};
  return {nullptr, nullptr};
}

const SequenceDef* Catalog::find_sequence(const std::string& name) const {
  for (auto& s : sequences_)
    if (s->name == name) return s.get();
  return nullptr;
}
const SequenceDef* Catalog::find_sequence_by_oid(int64_t oid) const {
  for (auto& s : sequences_)
    if (s->oid == oid) return s.get();
  return nullptr;
}

}  // namespace pgmicro
