// Generated (STORED) columns and BEFORE row triggers, as PostgreSQL 15: PL/pgSQL shows a BEFORE
// trigger NEW with the generated columns NULL (for INSERT and UPDATE; OLD keeps the stored
// values), assignments to them are ignored, and the executor computes them after the BEFORE
// triggers from the row they returned. plpgsql_trigger.cpp writes a modified row through the
// SELECT built here, which computes the generation expressions over the bound values.
#include "plpgsql/trigger_generated_columns.h"
#include <map>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "lower/lower.h"

namespace pgmicro::plpgsql {

bool has_generated_columns(const TableDef& t) {
  for (auto& c : t.columns)
    if (c.generated) return true;
  return false;
}

std::string without_generated(const TableDef& t, const std::vector<RowField>& fields, const std::string& storage) {
  if (!has_generated_columns(t)) return storage;
  std::vector<Datum> vals = record_values(fields, storage);
  for (size_t i = 0; i < vals.size() && i < t.columns.size(); i++)
    if (t.columns[i].generated) vals[i] = Datum::null();
  return record_storage(fields, vals);
}

std::string row_with_generated_sql(Catalog& cat, const TableDef& t) {
  // Built once per table and catalog generation (a row trigger may modify every row).
  static thread_local std::map<std::pair<const Catalog*, int64_t>, std::pair<uint64_t, std::string>> cache;
  auto& slot = cache[{&cat, t.oid}];
  if (!slot.second.empty() && slot.first == cat.generation()) return slot.second;
  std::vector<Oid> no_params;
  Analyzer a(cat, no_params);
  std::vector<RangeTableEntry> rows(1);
  rows[0].sql_alias = "g0";
  std::string select, values;
  for (size_t i = 0; i < t.columns.size(); i++) {
    std::string col = "g0.c" + std::to_string(i + 1);
    select += (i ? ", " : "") + (t.columns[i].generated ? lower_expr_in(*a.transform_generated(t, (int)i), rows) : col);
    values += (i ? ", ?" : "?") + std::to_string(i + 1) + " AS c" + std::to_string(i + 1);
  }
  slot = {cat.generation(), "SELECT " + select + " FROM (SELECT " + values + ") AS g0"};
  return slot.second;
}

}  // namespace pgmicro::plpgsql
