// Partition routing errors. pg_partition_no_route(table_oid, key1, ...) is selected by an
// INSERT into a partitioned table for a row no partition accepts: PostgreSQL's 23514 "no
// partition of relation ... found for row" with the row's partition key.
#include "catalog/catalog.h"
#include "catalog/inheritance.h"
#include "runtime/function_context.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

void partition_no_route(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    const TableDef* t = rc->catalog->find_table_by_oid(sqlite3_value_int64(argv[0]));
    std::string names, values;
    std::vector<PartitionKey> keys = t ? partition_keys(*t) : std::vector<PartitionKey>{};
    for (int i = 1; i < argc; i++) {
      bool known = (size_t)(i - 1) < keys.size();
      names += (i > 1 ? ", " : "") + (known ? keys[i - 1].display : std::string("?"));
      if (i > 1) values += ", ";
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL || !known) values += "null";
      else type_output(keys[i - 1].type, argv[i], values);
    }
    throw PgError(sqlstate::kCheckViolation, "no partition of relation \"" + (t ? t->name : std::string("?")) + "\" found for row",
                  "Partition key of the failing row contains (" + names + ") = (" + values + ").");
  });
}

}  // namespace

void register_hash_functions(sqlite3* db, RuntimeContext* rc);  // hash_functions.cpp

void register_partition_functions(sqlite3* db, RuntimeContext* rc) {
  register_hash_functions(db, rc);
  sqlite3_create_function_v2(db, "pg_partition_no_route", -1, SQLITE_UTF8, rc, partition_no_route, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
