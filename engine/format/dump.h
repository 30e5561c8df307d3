// `pgmicro dump` / `pg-micro dump`: the database as a SQL script in PostgreSQL's dialect
// (schema + data, as `pg_dump --inserts`), shared by the native shell and the JS CLI.
#pragma once
#include <string>

#include "pgmicro/pgmicro.h"

namespace pgmicro::format {

// Writes the script into `out`; false (and a message in `err`) when a catalog query failed.
bool dump_database(Session& session, std::string& out, std::string& err);

}  // namespace pgmicro::format
