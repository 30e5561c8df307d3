// References a column generation expression may not make, found on its raw tree before analysis
// as PostgreSQL's transformColumnRef/checks do: a whole-row reference to the table (42P17) and
// system columns other than tableoid (42P10).
#pragma once

struct Node;

namespace pgmicro {

struct TableDef;

void check_generation_expr_refs(Node* expr, const TableDef& t);

}  // namespace pgmicro
