// The system relations (catalog/system_relations.h) as eponymous, read-only SQLite virtual
// tables named "pg_catalog.pg_class" etc.: each scan computes the rows from the session's
// catalog at that moment (the connection's RuntimeContext), so they always reflect the live
// schema.
#include "catalog/system_relations.h"
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

struct ModuleData {
  RuntimeContext* rc;
  const SystemRelation* rel;
};

struct VTab : sqlite3_vtab {
  ModuleData* md;
};

struct Cursor : sqlite3_vtab_cursor {
  std::vector<std::vector<Datum>> rows;
  size_t pos = 0;
};

int x_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
  auto* md = static_cast<ModuleData*>(aux);
  std::string ddl = "CREATE TABLE x(";
  for (size_t i = 0; i < md->rel->def.columns.size(); i++) {
    if (i) ddl += ", ";
    ddl += quote_ident(md->rel->def.columns[i].name);
  }
  ddl += ")";
  int rc = sqlite3_declare_vtab(db, ddl.c_str());
  if (rc != SQLITE_OK) return rc;
  auto* v = new VTab();
  v->md = md;
  *out = v;
  return SQLITE_OK;
}

int x_best_index(sqlite3_vtab*, sqlite3_index_info* info) {
  info->estimatedCost = 1000;
  info->estimatedRows = 1000;
  return SQLITE_OK;
}

int x_disconnect(sqlite3_vtab* v) {
  delete static_cast<VTab*>(v);
  return SQLITE_OK;
}

int x_open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
  *out = new Cursor();
  return SQLITE_OK;
}

int x_close(sqlite3_vtab_cursor* c) {
  delete static_cast<Cursor*>(c);
  return SQLITE_OK;
}

int x_filter(sqlite3_vtab_cursor* c, int, const char*, int, sqlite3_value**) {
  auto* cur = static_cast<Cursor*>(c);
  auto* v = static_cast<VTab*>(c->pVtab);
  cur->rows.clear();
  cur->pos = 0;
  RuntimeContext* rc = v->md->rc;
  if (!rc || !rc->catalog) return SQLITE_OK;
  try {
    SystemRows rows(v->md->rel->def.columns, *rc->catalog, rc);
    v->md->rel->rows(rows);
    cur->rows = std::move(rows.rows);
  } catch (const PgError& e) {
    if (!rc->pending_error) rc->pending_error = e.error;
    sqlite3_free(v->zErrMsg);
    v->zErrMsg = sqlite3_mprintf("%s", e.error.message.c_str());
    return SQLITE_ERROR;
  }
  return SQLITE_OK;
}

int x_next(sqlite3_vtab_cursor* c) {
  static_cast<Cursor*>(c)->pos++;
  return SQLITE_OK;
}

int x_eof(sqlite3_vtab_cursor* c) {
  auto* cur = static_cast<Cursor*>(c);
  return cur->pos >= cur->rows.size();
}

int x_column(sqlite3_vtab_cursor* c, sqlite3_context* ctx, int col) {
  auto* cur = static_cast<Cursor*>(c);
  const auto& row = cur->rows[cur->pos];
  if (size_t(col) < row.size()) row[col].to_sqlite_result(ctx);
  else sqlite3_result_null(ctx);
  return SQLITE_OK;
}

int x_rowid(sqlite3_vtab_cursor* c, sqlite3_int64* rowid) {
  *rowid = static_cast<sqlite3_int64>(static_cast<Cursor*>(c)->pos + 1);
  return SQLITE_OK;
}

const sqlite3_module kModule = {
    /* iVersion */ 0, /* xCreate */ nullptr, x_connect, x_best_index, x_disconnect, /* xDestroy */ nullptr,
    x_open, x_close, x_filter, x_next, x_eof, x_column, x_rowid,
};

}  // namespace

void register_system_relations(sqlite3* db, RuntimeContext* rc) {
  for (const auto& rel : system_relations())
    sqlite3_create_module_v2(db, system_relation_module_name(rel).c_str(), &kModule, new ModuleData{rc, &rel},
                             [](void* p) { delete static_cast<ModuleData*>(p); });
}

}  // namespace pgmicro
