// A sequence in FROM (SELECT last_value, log_cnt, is_called FROM seq): the one-row query it reads as.
#pragma once
#include <memory>
#include "analyze/query.h"

namespace pgmicro {
class Catalog;
struct SequenceDef;

// The query standing for the sequence's row; its columns read the shared sequence state at run
// time (pg_sequence_state, runtime/check_functions.cpp).
std::shared_ptr<SelectQuery> sequence_relation_query(Catalog& catalog, const SequenceDef& s);

// The sequence's name when q is such a query (pg_get_viewdef prints it), else null.
const std::string* sequence_relation_name(const SelectQuery& q);

// True for an expression of that query that reads a temporary sequence (the view becomes temporary).
bool is_temp_sequence_state(const Expr& e);
}  // namespace pgmicro
