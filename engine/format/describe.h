// psql's \dt and \d [NAME] for the psql front end (psql_frontend.h: the shell and the JS CLI):
// reads the engine's catalog through SQL on the _pgmicro_* catalog tables and prints what
// psql 15 prints for the same schema.
#pragma once
#include <string>

#include "pgmicro/pgmicro.h"

namespace pgmicro::format {

struct DescribeOutput {
  std::string out;  // stdout
  std::string err;  // stderr (psql's "Did not find any relation ..." and query errors)
};

// \dt [PATTERN] (tables_only) or \d without a pattern (tables and sequences).
DescribeOutput list_relations(Session& session, const std::string& pattern, bool tables_only,
                              bool quiet);
// \d PATTERN: one block per matching table or sequence.
DescribeOutput describe_relation(Session& session, const std::string& pattern, bool quiet);

}  // namespace pgmicro::format
