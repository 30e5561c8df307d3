// 42803 for an aggregate of the outer query inside a LATERAL subquery of its FROM clause
// (outer_aggregate_check.cpp).
#pragma once
#include "analyze/query.h"

namespace pgmicro {
void check_lateral_outer_aggregates(const SelectQuery& lateral_subquery);
}  // namespace pgmicro
