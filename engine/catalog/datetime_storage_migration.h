// The format_version 8 -> 9 rewrite of stored date/timestamp/timestamptz values (see the .cpp).
#pragma once
#include "sqlite3.h"

namespace pgmicro {
void migrate_datetime_storage(sqlite3* db);
}  // namespace pgmicro
