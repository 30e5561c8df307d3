// DEFERRABLE constraints (see deferred_constraints.cpp): constraint-attribute folding and the
// TEMP table queueing the checks of deferred constraints.
#pragma once
#include "parse/pg_nodes.h"

namespace pgmicro {

// CREATE TEMP TABLE IF NOT EXISTS of the queue (conoid, kind) the triggers write to.
extern const char* const kDeferredChecksDdl;

// Applies the DEFERRABLE / NOT DEFERRABLE / INITIALLY DEFERRED / INITIALLY IMMEDIATE items of a
// column definition's constraint list to the constraint before them, with PostgreSQL's errors.
void fold_constraint_attributes(List* constraints);

}  // namespace pgmicro
