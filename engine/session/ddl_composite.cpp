// Composite types: CREATE TYPE name AS (attribute type, …). The type is a _pgmicro_type row
// with typtype 'c'; its attributes live in _pgmicro_type_attribute (created by the first
// composite type of a file). Values are stored as record text (types/record.h).
#include <algorithm>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "types/user_types.h"

namespace pgmicro {

void SessionImpl::execute_create_composite(CompositeTypeStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE TYPE";
  std::string name = stmt->typevar->relname;
  if (stmt->typevar->schemaname && std::string(stmt->typevar->schemaname) != kPublicSchema)
    unsupported("composite types outside schema public");
  if (catalog_.find_table(name) || catalog_.user_types().find_by_name(name))
    throw PgError("42710", "type \"" + name + "\" already exists");
  check_new_type_name(name);
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  a.sql_ = current_sql_;
  std::vector<RowField> fields;
  for_each_node(stmt->coldeflist, [&](Node* n) {
    auto* cd = reinterpret_cast<::ColumnDef*>(n);
    std::string col = cd->colname;
    for (auto& f : fields)
      if (f.name == col) throw PgError(sqlstate::kDuplicateColumn, "column \"" + col + "\" specified more than once");
    RowField f;
    f.name = col;
    try {
      a.resolve_type_name(cd->typeName, f.type, f.typmod);
    } catch (PgError& e) {
      e.error.position = 0;  // PostgreSQL reports these without a position
      throw;
    }
    if (f.type == oid::kRecord || (find_type(f.type) && find_type(f.type)->category == 'P'))
      throw PgError(sqlstate::kInvalidTableDefinition,
                    "column \"" + col + "\" has pseudo-type " + format_type_name(f.type, -1));
    fields.push_back(f);
  });
  Catalog::ensure_type_tables(conn_);
  exec_sql(conn_,
           "CREATE TABLE IF NOT EXISTS _pgmicro_type_attribute(typrelid INTEGER NOT NULL, attnum INTEGER NOT NULL,"
           " attname TEXT NOT NULL, atttypid INTEGER NOT NULL, atttypmod INTEGER NOT NULL DEFAULT -1,"
           " PRIMARY KEY(typrelid, attnum))");
  int64_t oid = Catalog::allocate_oid(conn_), arr = Catalog::allocate_oid(conn_);
  std::string sql = "INSERT INTO _pgmicro_type(oid, typname, typtype, typarray) VALUES (" + std::to_string(oid) + ", " +
                    quote_literal(name) + ", 'c', " + std::to_string(arr) + ");";
  for (size_t i = 0; i < fields.size(); i++)
    sql += "INSERT INTO _pgmicro_type_attribute VALUES (" + std::to_string(oid) + ", " + std::to_string(i + 1) + ", " +
           quote_literal(fields[i].name) + ", " + std::to_string(fields[i].type) + ", " +
           std::to_string(fields[i].typmod) + ");";
  exec_sql(conn_, sql);
  bump_schema();
}

}  // namespace pgmicro
