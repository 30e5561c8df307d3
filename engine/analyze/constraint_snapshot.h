// CHECK constraints and column DEFAULTs calling a STABLE/IMMUTABLE user function that may read
// their own table (constraint_snapshot.cpp).
#pragma once
#include <string>
#include <vector>

namespace pgmicro {

class Catalog;
struct TableDef;

// PostgreSQL evaluates such a function on the statement's snapshot: in a statement writing
// several rows it does not see the rows written before; here the per-row CHECK trigger (and a
// COPY's per-row DEFAULT) sees them. 0A000 naming `what` when t has a CHECK, or one of the
// columns `defaults` a DEFAULT, calling a non-volatile function that may read t.
void refuse_constraint_snapshot_reads(Catalog& cat, const TableDef& t, const std::vector<int>& defaults, const std::string& what);

}  // namespace pgmicro
