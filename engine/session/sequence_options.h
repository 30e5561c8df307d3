// Sequence options shared by CREATE SEQUENCE and identity columns (ddl_sequence.cpp).
#pragma once
#include <cstdint>
#include <string>
#include "catalog/catalog.h"

struct List;

namespace pgmicro {

struct SequenceOptions {
  Oid type = 0;
  int64_t start = 1, increment = 1, min_value = 1, max_value = INT64_MAX;
  std::string name;  // identity: SEQUENCE NAME (empty: table_column_seq)
};

// for_identity: the options of GENERATED ... AS IDENTITY (...), where SEQUENCE NAME is allowed.
SequenceOptions parse_sequence_options(Catalog& catalog, List* options, Oid type, bool for_identity);
// The _pgmicro_sequence row (owner 0: not owned by a column).
// prefix: the catalog tables' database ("main." / "pgtemp."; "" = unqualified, main).
std::string sequence_catalog_row(int64_t soid, const SequenceOptions& o, int64_t owner, int attnum, const std::string& prefix = "");

}  // namespace pgmicro
