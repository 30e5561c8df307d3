// EXCLUDE constraints (exclusion_constraints.cpp): the trigger statements that enforce them and
// the whole-table check used by ALTER TABLE ADD and deferred checks.
#pragma once
#include <string>
#include "catalog/catalog.h"

namespace pgmicro {

// Statements for a table's BEFORE INSERT (update=false) / BEFORE UPDATE trigger body.
std::string exclusion_trigger_sql(Catalog& cat, const TableDef& t, bool update);
// A query raising 23P01 when two rows of the table conflict; existing_rows words the error as
// ALTER TABLE ADD does ("could not create exclusion constraint").
std::string exclusion_validation_sql(Catalog& cat, const TableDef& t, const ConstraintDef& c, bool existing_rows);

}  // namespace pgmicro
