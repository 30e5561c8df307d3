// pg_domain_record_check(record, composite type): the constraints of the composite's domain
// fields (and of nested composites' ones) on a record made by record_in from text, as PostgreSQL's
// record_in calls each field's input function (domain_in checks). Casts of literals and text to
// composite types with domain fields are wrapped in it (analyze/resolve.cpp).
#include "runtime/function_context.h"
#include "types/record.h"
#include "types/user_types.h"

namespace pgmicro {

void check_domain_datum(sqlite3_context* ctx, Oid domain, const Datum& v);  // user_type_functions.cpp

namespace {

void check_fields(sqlite3_context* ctx, Oid type, const std::string& storage, int depth) {
  const std::vector<RowField>* fields = row_type_fields(type, -1);
  if (!fields || depth > 32) return;
  std::vector<Datum> vals = record_values(*fields, storage);
  for (size_t i = 0; i < vals.size() && i < fields->size(); i++) {
    Oid ft = (*fields)[i].type;
    if (is_domain_type(ft)) check_domain_datum(ctx, ft, vals[i]);
    else if (is_named_composite(ft) && vals[i].kind == Datum::Kind::Text) check_fields(ctx, ft, vals[i].s, depth + 1);
  }
}

void domain_record_check(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
      std::string storage(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])), size_t(sqlite3_value_bytes(argv[0])));
      check_fields(ctx, Oid(sqlite3_value_int64(argv[1])), storage, 0);
    }
    sqlite3_result_value(ctx, argv[0]);
  });
}

}  // namespace

void register_domain_record_check(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_domain_record_check", 2, SQLITE_UTF8, rc, domain_record_check, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
