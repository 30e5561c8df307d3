// Catalog rows of base types, casts and operators (CREATE TYPE … (INPUT, OUTPUT, LIKE),
// CREATE CAST, CREATE OPERATOR): _pgmicro_base_type, _pgmicro_cast, _pgmicro_operator.
#pragma once
#include <sqlite3.h>
#include "types/user_types.h"

namespace pgmicro {

// Creates the three tables if missing (the first CREATE TYPE/CAST/OPERATOR of a file).
void ensure_base_type_tables(sqlite3* db);
// Fills in base types' I/O, and the registry's casts and operators.
void load_base_type_rows(sqlite3* db, UserTypes& types);

}  // namespace pgmicro
