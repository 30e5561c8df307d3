// The format_version 9 -> 10 change of real/double precision column declarations (see the .cpp).
#pragma once
#include "sqlite3.h"

namespace pgmicro {
void migrate_float_columns(sqlite3* db);
}  // namespace pgmicro
