// Stored expression texts printed as PostgreSQL's ruleutils.c prints them (pg_get_expr,
// pg_get_constraintdef, pg_get_indexdef): shared by runtime/constraint_functions.cpp and
// runtime/psql_catalog_functions.cpp.
#pragma once
#include <string>

namespace pgmicro {

class Catalog;
struct TableDef;

// `e` without its outer parentheses when they enclose the whole text (the pretty form).
std::string strip_outer_parens(const std::string& e);

// An expression text over table `t`, analysed and printed in ruleutils' non-pretty form.
std::string table_expression_text(const Catalog& cat, const TableDef& t, const std::string& source);

}  // namespace pgmicro
