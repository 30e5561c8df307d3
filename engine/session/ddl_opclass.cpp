// CREATE OPERATOR CLASS name [DEFAULT] FOR TYPE t USING btree|hash AS OPERATOR ..., FUNCTION ...
// and DROP OPERATOR CLASS name USING am: rows of main._pgmicro_opclass(nspname, opcname,
// amname, opcintype, opcdefault, hashfn). See ddl_opclass.h.
#include "session/ddl_opclass.h"
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

const char* kOpClassDdl =
    "CREATE TABLE IF NOT EXISTS main._pgmicro_opclass(nspname TEXT, opcname TEXT, amname TEXT, opcintype INTEGER, "
    "opcdefault INTEGER, hashfn TEXT)";

bool opclass_table_exists(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM main.sqlite_schema WHERE name = '_pgmicro_opclass'", -1, &st, nullptr) == SQLITE_OK)
    found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

std::string column_text(sqlite3_stmt* st, int i) {
  const unsigned char* s = sqlite3_column_text(st, i);
  return s ? reinterpret_cast<const char*>(s) : "";
}

// Schema and name of a possibly qualified name.
void split_name(const std::vector<std::string>& names, std::string& schema, std::string& name) {
  size_t n = names.size();
  name = n ? names[n - 1] : "";
  schema = n > 1 ? names[n - 2] : "";
}

std::string name_text(const std::vector<std::string>& names) {
  std::string s;
  for (auto& n : names) s += (s.empty() ? "" : ".") + n;
  return s;
}

}  // namespace

std::vector<std::string> name_list(List* names, int from) {
  std::vector<std::string> v;
  for (int i = from; i < list_size(names); i++) v.push_back(node_string(list_at(names, i)));
  return v;
}

std::optional<OpClassInfo> find_opclass(sqlite3* db, const std::vector<std::string>& names, const std::string& am) {
  if (!opclass_table_exists(db)) return std::nullopt;
  std::string schema, name;
  split_name(names, schema, name);
  std::string sql = "SELECT nspname, opcname, amname, opcintype, hashfn FROM main._pgmicro_opclass WHERE opcname = " +
                    quote_literal(name) + " AND amname = " + quote_literal(am) + (schema.empty() ? "" : " AND nspname = " + quote_literal(schema));
  sqlite3_stmt* st = nullptr;
  std::optional<OpClassInfo> out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    OpClassInfo o;
    o.schema = column_text(st, 0);
    o.name = column_text(st, 1);
    o.am = column_text(st, 2);
    o.type = (Oid)sqlite3_column_int64(st, 3);
    o.hash_function = column_text(st, 4);
    out = o;
  }
  sqlite3_finalize(st);
  return out;
}

void SessionImpl::execute_create_opclass(CreateOpClassStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE OPERATOR CLASS";
  std::string am = stmt->amname ? stmt->amname : "";
  if (am != "btree" && am != "hash") {
    if (am == "gist" || am == "gin" || am == "spgist" || am == "brin") unsupported("operator classes of access method " + am);
    throw PgError(sqlstate::kUndefinedObject, "access method \"" + am + "\" does not exist");
  }
  if (list_size(stmt->opfamilyname)) unsupported("CREATE OPERATOR CLASS ... FAMILY");
  std::string schema, name;
  std::vector<std::string> full = name_list(stmt->opclassname);
  split_name(full, schema, name);
  if (schema.empty()) schema = kPublicSchema;
  else if (!catalog_.find_schema(schema)) throw PgError("3F000", "schema \"" + schema + "\" does not exist");
  Oid type;
  int32_t typmod;
  {
    std::vector<Oid> no_params;
    Analyzer a(catalog_, no_params);
    a.resolve_type_name(stmt->datatype, type, typmod);
  }
  std::string hashfn;
  for_each_node(stmt->items, [&](Node* n) {
    auto* item = reinterpret_cast<CreateOpClassItem*>(n);
    if (item->itemtype == OPCLASS_ITEM_STORAGETYPE) unsupported("STORAGE in CREATE OPERATOR CLASS");
    if (item->itemtype != OPCLASS_ITEM_FUNCTION) return;
    int max = am == "hash" ? 2 : 5;
    if (item->number <= 0 || item->number > max)
      throw PgError(sqlstate::kInvalidObjectDefinition, "invalid function number " + std::to_string(item->number) + ", must be between 1 and " +
                                                              std::to_string(max));
    const ProcDef* p = find_routine(item->name, 'f', false, out, "function");
    if (am == "hash" && item->number == 2) hashfn = "public." + quote_ident(p->name);  // functions live in public
  });
  if (auto existing = find_opclass(conn_, {schema, name}, am)) {
      throw PgError(sqlstate::kDuplicateObject, "operator class \"" + name + "\" for access method \"" + am + "\" already exists");
  }
  exec_sql(conn_, kOpClassDdl);
  exec_sql(conn_, "INSERT INTO main._pgmicro_opclass VALUES(" + quote_literal(schema) + ", " + quote_literal(name) + ", " +
                      quote_literal(am) + ", " + std::to_string(type) + ", " + (stmt->isDefault ? "1" : "0") + ", " +
                      quote_literal(hashfn) + ")");
  bump_schema();
}

void SessionImpl::execute_drop_opclass(DropStmt* stmt, StatementResult& out) {
  out.command_tag = "DROP OPERATOR CLASS";
  for_each_node(stmt->objects, [&](Node* n) {
    List* l = reinterpret_cast<List*>(n);
    std::string am = node_string(list_at(l, 0));
    std::vector<std::string> names = name_list(l, 1);
    auto oc = find_opclass(conn_, names, am);
    if (!oc) {
      if (am != "btree" && am != "hash" && am != "gist" && am != "gin" && am != "spgist" && am != "brin")
        throw PgError(sqlstate::kUndefinedObject, "access method \"" + am + "\" does not exist");
      if (stmt->missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "operator class \"" + name_text(names) + "\" does not exist for access method \"" + am + "\", skipping"});
        return;
      }
      throw PgError(sqlstate::kUndefinedObject, "operator class \"" + name_text(names) + "\" does not exist for access method \"" + am + "\"");
    }
    exec_sql(conn_, "DELETE FROM main._pgmicro_opclass WHERE nspname = " + quote_literal(oc->schema) + " AND opcname = " +
                        quote_literal(oc->name) + " AND amname = " + quote_literal(am));
  });
  bump_schema();
}

}  // namespace pgmicro
