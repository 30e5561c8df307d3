// SQLite-dialect parameters and the PostgreSQL catalog's real/double precision columns, which have
// no SQLite affinity (storage format 10): a statement reading or writing such a column binds its
// parameters that are canonical numbers as numbers, so they compare and store as they did under
// REAL affinity (sqlite_dialect_float_params.cpp).
#pragma once
#include <string>
#include "sqlite3.h"

namespace pgmicro {

class Catalog;

// From the authorizer: whether this action reads, updates or inserts into a float column of a
// table of the PostgreSQL catalog.
bool touches_float_column(const Catalog& cat, int action, const char* a, const char* b);
// Binds parameter i: as INTEGER or REAL when `numbers` and the text is exactly how SQLite writes
// that number as text (so a TEXT column still receives the same text), else as TEXT.
void bind_dialect_param(sqlite3* conn, sqlite3_stmt* st, int i, const std::string& text, bool numbers);

}  // namespace pgmicro
