// ALTER TABLE ... OF type / NOT OF (ddl_alter_composite.cpp). pgmicro has no typed tables: OF
// checks the table against the type as PostgreSQL's ATExecAddOf does and reports its errors,
// and a table that would match is refused with 0A000; NOT OF finds no typed table (42809).
#pragma once
#include "catalog/catalog.h"

struct TypeName;

namespace pgmicro {

class Analyzer;

void alter_table_of(const Catalog& cat, const TableDef& t, TypeName* type_name, Analyzer& a);

}  // namespace pgmicro
