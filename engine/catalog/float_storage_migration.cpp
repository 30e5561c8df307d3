// format_version 9 -> 10: real and double precision columns are declared `real blob` /
// `double precision blob` (no affinity) instead of `real` / `double precision` (REAL affinity),
// because SQLite stores an integral value of a REAL-affinity column as an integer and so reads
// -0 back as 0 (docs/storage-format.md). Affinity only acts when a value is written, so the
// stored rows stay valid: the migration edits the declarations of the catalog's tables in
// sqlite_schema (writable_schema, the documented way to change a declaration without rewriting
// the table) and bumps the schema cookie. Plain SQLite tables outside the catalog are untouched.
#include "catalog/float_storage_migration.h"
#include <cctype>
#include <string>
#include <vector>
#include "catalog/catalog.h"
#include "catalog/catalog_query.h"

namespace pgmicro {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '"'; }

// Appends " blob" to every column declaration `name real` / `name double precision` of a
// CREATE TABLE statement (outside quoted identifiers and literals; arrays "real[]" keep their TEXT storage).
std::string add_blob_to_float_declarations(const std::string& sql) {
  std::string out;
  char quote = 0;  // inside "identifier" or 'literal'
  for (size_t i = 0; i < sql.size(); i++) {
    char c = sql[i];
    out += c;
    if ((c == '"' || c == '\'') && (!quote || quote == c)) quote = quote ? 0 : c;
    if (quote || c != ' ' || i == 0 || !ident_char(sql[i - 1])) continue;
    for (const char* type : {"real", "double precision"}) {
      size_t n = std::char_traits<char>::length(type);
      if (sql.compare(i + 1, n, type) != 0) continue;
      char next = i + 1 + n < sql.size() ? sql[i + 1 + n] : ')';
      if (next != ',' && next != ')' && next != ' ') continue;
      if (sql.compare(i + 1 + n, 5, " blob") == 0) continue;
      out += type;
      out += " blob";
      i += n;
      break;
    }
  }
  return out;
}

}  // namespace

void migrate_float_columns(sqlite3* db) {
  // real, double precision and the domains and base types stored as them (recursively)
  std::string type_set = "SELECT column1 FROM (VALUES (700), (701))";
  {
    CatalogQuery q(db, "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = '_pgmicro_type'");
    if (q.step())
      type_set = "WITH RECURSIVE ft(oid) AS (" + type_set +
                 " UNION SELECT t.oid FROM main._pgmicro_type t JOIN ft ON t.typtype IN ('d', 'b') AND t.typbasetype = ft.oid)"
                 " SELECT oid FROM ft";
  }
  std::vector<std::string> tables;
  {
    std::string sql = "SELECT DISTINCT c.nspname, c.relname FROM main._pgmicro_attribute a"
                      " JOIN main._pgmicro_class c ON c.oid = a.attrelid"
                      " WHERE c.relkind IN ('r', 'p') AND a.atttypid IN (" + type_set + ") ORDER BY c.oid";
    CatalogQuery q(db, sql.c_str());
    while (q.step()) tables.push_back(sqlite_relation_name(q.t(0), q.t(1)));
  }
  std::vector<std::pair<std::string, std::string>> edits;  // (table, new declaration)
  for (auto& t : tables) {
    CatalogQuery q(db, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1");
    sqlite3_bind_text(q.s, 1, t.data(), int(t.size()), SQLITE_TRANSIENT);
    if (!q.step()) continue;
    std::string sql = q.t(0), now = add_blob_to_float_declarations(sql);
    if (now != sql) edits.push_back({t, now});
  }
  if (edits.empty()) return;
  int cookie = 0;
  {
    CatalogQuery q(db, "PRAGMA main.schema_version");
    if (q.step()) cookie = int(q.i(0));
  }
  exec_sql(db, "PRAGMA writable_schema = ON");
  for (auto& [table, sql] : edits) {
    CatalogQuery u(db, "UPDATE main.sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2");
    sqlite3_bind_text(u.s, 1, sql.data(), int(sql.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(u.s, 2, table.data(), int(table.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(u.s) != SQLITE_DONE) {
      exec_sql(db, "PRAGMA writable_schema = OFF");
      throw PgError(sqlstate::kInternalError, std::string("storage migration: ") + sqlite3_errmsg(db));
    }
  }
  exec_sql(db, "PRAGMA main.schema_version = " + std::to_string(cookie + 1));
  exec_sql(db, "PRAGMA writable_schema = OFF");
}

}  // namespace pgmicro
