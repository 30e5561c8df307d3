// PostgreSQL's errorMissingColumn hints (parse_relation.c): for a column reference that
// matches no visible column, the closest column names of every FROM entry in scope by
// Levenshtein distance ("Perhaps you meant to reference the column ..."), or the entry that
// has the column but is not visible from here ("There is a column named ...").
#pragma once
#include <string>
#include <vector>
#include "analyze/query.h"

namespace pgmicro {

// The HINT text ("" for none). `scopes`: the queries whose range tables PostgreSQL's
// searchRangeTableForCol walks, innermost first; `rel`: the qualifier typed ("" for none).
std::string missing_column_hint(const std::vector<const SelectQuery*>& scopes, const std::string& rel, const std::string& col);

}  // namespace pgmicro
