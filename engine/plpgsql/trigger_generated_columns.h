// Generated (STORED) columns around BEFORE row triggers (trigger_generated_columns.cpp).
#pragma once
#include <string>
#include <vector>
#include "types/record.h"

namespace pgmicro { struct TableDef; class Catalog; }

namespace pgmicro::plpgsql {

// Whether the table has GENERATED ALWAYS AS (…) STORED columns.
bool has_generated_columns(const TableDef& t);
// A row (record storage of the table's row type) with its generated columns set to NULL: what
// a PL/pgSQL BEFORE trigger sees as NEW, and the form in which two rows count as "the same row"
// (assignments to generated columns are ignored).
std::string without_generated(const TableDef& t, const std::vector<RowField>& fields, const std::string& storage);
// SELECT giving all the table's columns for one row whose values are bound to ?1..?n (storage
// encoding), the generated columns computed from the others: the row a BEFORE trigger returned.
std::string row_with_generated_sql(Catalog& cat, const TableDef& t);

}  // namespace pgmicro::plpgsql
