// CREATE VIEW checks: temporary-relation use and CREATE OR REPLACE's column rules.
#pragma once
#include <string>
#include <vector>
#include "analyze/analyzer.h"
#include "analyze/query.h"

namespace pgmicro {

class Catalog;
struct ViewDef;

// isQueryUsingTempRelation: a temporary table, view or descendant anywhere in the query.
bool query_uses_temp_relations(const SelectQuery& q);
// checkViewTupleDesc: 42P16 when the new query drops, renames or retypes an existing column.
void check_view_replacement(Catalog& catalog, const ViewDef& existing, const SelectQuery& q, const std::vector<std::string>& cols);

}  // namespace pgmicro
