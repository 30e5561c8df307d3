// UNIQUE / PRIMARY KEY constraints and unique indexes over numeric columns (numeric_unique.cpp).
#pragma once
#include <string>
#include "catalog/catalog.h"

namespace pgmicro {

// Statements for a table's BEFORE INSERT (update=false) / BEFORE UPDATE trigger body: 23505 when
// another row has an equal key that differs only in a numeric's display scale (1.50 after 1.5).
std::string numeric_unique_trigger_sql(const Catalog& cat, const TableDef& t, bool update);
// A query raising 23505 as CREATE UNIQUE INDEX / ALTER TABLE ADD UNIQUE does ("could not create
// unique index") when two existing rows have keys equal that way; empty when no key is numeric.
// Whether a column's stored forms can differ for equal values: numeric (no typmod), numeric[],
// a composite type with such a field.
bool numeric_unique_column(const ColumnDef& c);
// Set by SessionImpl::index_expression (ddl_index_expr.cpp): the last expression key analysed
// is numeric-valued (no scale), so SQLite's unique index on it would compare stored forms.
bool& last_expression_scale_free();
std::string numeric_unique_validation_sql(const TableDef& t, const std::string& name, const std::vector<int>& cols);

}  // namespace pgmicro
