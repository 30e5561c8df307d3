// RowDescription's column origins (PostgreSQL's markTargetListOrigins): for each result column
// that is a plain column reference, the table or view it comes from and its attribute number,
// followed through subqueries in FROM, WITH queries and join columns.
#pragma once
#include <vector>
#include "analyze/query.h"
#include "pgmicro/pgmicro.h"

namespace pgmicro {

// Sets table_oid/column_number of cols[i] from targets[i] over the query's range table
// (a set operation or VALUES query has no origins).
void mark_column_origins(const std::vector<TargetEntry>& targets, const std::vector<RangeTableEntry>& rtable,
                         std::vector<Column>& cols);

}  // namespace pgmicro
