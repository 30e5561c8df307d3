// SQL functions over the session's catalog (catalog/builtins_catalog.cpp): format_type,
// to_regclass and friends, obj_description/col_description, pg_get_serial_sequence,
// pg_table_is_visible/pg_type_is_visible/pg_function_is_visible, pg_my_temp_schema, and
// the int8 -> oid cast's range check.
#include "catalog/catalog.h"
#include "catalog/object_names.h"
#include "catalog/system_relations.h"
#include "runtime/function_context.h"
#include "runtime/sqlite_text.h"
#include "types/reg_types.h"

namespace pgmicro {

namespace {

std::optional<std::string> opt_text(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_NULL) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)), sqlite3_value_bytes(v));
}

void set_text(sqlite3_context* ctx, const std::string& s) { sqlite3_result_text(ctx, s.data(), (int)s.size(), SQLITE_TRANSIENT); }

void int8_to_oid(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    int64_t v = sqlite3_value_int64(argv[0]);
    if (v < 0 || v > 4294967295LL) throw PgError(sqlstate::kNumericValueOutOfRange, "OID out of range");
    sqlite3_result_int64(ctx, v);
  });
}

// format_type(type, typmod): NULL type -> NULL; unknown type -> "???"; NULL typmod = none.
void format_type_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    Oid t = (Oid)sqlite3_value_int64(argv[0]);
    int32_t typmod = sqlite3_value_type(argv[1]) == SQLITE_NULL ? -1 : (int32_t)sqlite3_value_int64(argv[1]);
    if (t == 0) return set_text(ctx, "-");
    if (!find_type(t)) return set_text(ctx, "???");
    set_text(ctx, format_type_name(t, typmod));
  });
}

void to_reg(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto s = opt_text(argv[0]);
    if (!s) return sqlite3_result_null(ctx);
    Oid type = (Oid)sqlite3_value_int64(argv[1]);
    auto o = oid_type_input(type, *s, true);
    if (!o) return sqlite3_result_null(ctx);
    sqlite3_result_int64(ctx, *o);
  });
}

void obj_description(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const Catalog* c = runtime_context(ctx)->catalog;
    int64_t o = sqlite3_value_int64(argv[0]);
    if (const std::string* d = c->comment(o, 0)) return set_text(ctx, *d);
    // initdb's comments on built-in objects (as pg_description lists them)
    if (o == kPublicSchemaOid) return set_text(ctx, "standard public schema");
    if (o == kCatalogSchemaOid) return set_text(ctx, "system catalog schema");
    if (o == kToastSchemaOid) return set_text(ctx, "reserved schema for TOAST tables");
    if (o == kPlpgsqlExtensionOid) return set_text(ctx, "PL/pgSQL procedural language");
    sqlite3_result_null(ctx);
  });
}

// pg_get_indexdef(index oid): the CREATE INDEX text (NULL for other OIDs).
void get_indexdef(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const Catalog* c = runtime_context(ctx)->catalog;
    int64_t oid = sqlite3_value_int64(argv[0]);
    for (const RelationRef& rel : all_relations(*c))
      if (rel.oid == oid && rel.table && (rel.index || rel.constraint) && rel.relkind == 'i') return set_text(ctx, index_definition(*c, rel));
    sqlite3_result_null(ctx);
  });
}

void col_description(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
      return sqlite3_result_null(ctx);
    const Catalog* c = runtime_context(ctx)->catalog;
    if (const std::string* d = c->comment(sqlite3_value_int64(argv[0]), (int)sqlite3_value_int64(argv[1])))
      return set_text(ctx, *d);
    sqlite3_result_null(ctx);
  });
}

// pg_get_serial_sequence(table, column): the sequence owned by the column (serial or
// identity), qualified and quoted as PostgreSQL prints it.
void get_serial_sequence(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto tname = opt_text(argv[0]), col = opt_text(argv[1]);
    if (!tname || !col) return sqlite3_result_null(ctx);
    const Catalog& c = *runtime_context(ctx)->catalog;
    auto parts = split_qualified_name(*tname);
    std::string schema = parts.size() > 1 ? parts[parts.size() - 2] : "";
    int64_t rel = relation_oid_by_name(c, schema, parts.back());
    if (!rel) {
      std::string shown;
      for (auto& p : parts) shown += (shown.empty() ? "" : ".") + p;
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist");
    }
    const TableDef* t = c.find_table_by_oid(rel);
    int ci = t ? t->find_column(*col) : -1;
    if (ci < 0)
      throw PgError(sqlstate::kUndefinedColumn, "column \"" + *col + "\" of relation \"" + parts.back() + "\" does not exist");
    for (auto& s : c.sequences())
      if (s->owned_by_table == rel && s->owned_by_column == ci)
        return set_text(ctx, pg_quote_identifier(s->schema == kTempSchema ? kTempSchema : s->schema) + "." + pg_quote_identifier(s->name));
    sqlite3_result_null(ctx);
  });
}

void object_is_visible(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    Oid o = (Oid)sqlite3_value_int64(argv[0]);
    Oid kind = (Oid)sqlite3_value_int64(argv[1]);
    const ObjectNameResolver* r = current_object_names();
    if (!r) return sqlite3_result_null(ctx);
    auto n = r->name(kind, o);
    if (!n) {
      if (kind == oid::kRegtype || kind == oid::kRegprocedure) return sqlite3_result_null(ctx);
      return sqlite3_result_null(ctx);
    }
    // visible = printed unqualified
    bool qualified = false, quoted = false;
    for (char ch : *n) {
      if (ch == '"') quoted = !quoted;
      if (ch == '.' && !quoted) qualified = true;
      if (ch == '(' && !quoted) break;
    }
    sqlite3_result_int(ctx, qualified ? 0 : 1);
  });
}

void my_temp_schema(sqlite3_context* ctx, int, sqlite3_value**) {
  guarded(ctx, [&] { sqlite3_result_int64(ctx, runtime_context(ctx)->catalog->temp_schema_exists() ? kTempSchemaOid : 0); });
}

}  // namespace

void register_constraint_functions(sqlite3* db, RuntimeContext* rc);  // constraint_functions.cpp
void register_psql_catalog_functions(sqlite3* db, RuntimeContext* rc);  // psql_catalog_functions.cpp

void register_catalog_functions(sqlite3* db, RuntimeContext* rc) {
  register_constraint_functions(db, rc);
  register_psql_catalog_functions(db, rc);
  const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  sqlite3_create_function_v2(db, "pg_int8_to_oid", 1, det, rc, int8_to_oid, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_format_type", 2, SQLITE_UTF8, rc, format_type_fn, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_to_reg", 2, SQLITE_UTF8, rc, to_reg, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_get_indexdef", 1, SQLITE_UTF8, rc, get_indexdef, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_obj_description", 2, SQLITE_UTF8, rc, obj_description, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_col_description", 2, SQLITE_UTF8, rc, col_description, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_get_serial_sequence", 2, SQLITE_UTF8, rc, get_serial_sequence, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_object_is_visible", 2, SQLITE_UTF8, rc, object_is_visible, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_my_temp_schema", 0, SQLITE_UTF8, rc, my_temp_schema, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
