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
  bool cycle = false;
  int64_t cache = 1;
  std::string name;  // identity: SEQUENCE NAME (empty: table_column_seq)
  bool restart = false;        // RESTART [WITH restart_value] (ALTER)
  int64_t restart_value = 0;
  List* owned_by = nullptr;    // OWNED BY's names when given
};

// for_identity: the options of GENERATED ... AS IDENTITY (...), where SEQUENCE NAME is allowed.
// base/last_value: ALTER SEQUENCE's current definition and counter (options not given keep
// their values), checked as PostgreSQL's init_params does.
SequenceOptions parse_sequence_options(Catalog& catalog, List* options, Oid type, bool for_identity,
                                       const SequenceDef* base = nullptr, int64_t last_value = 0);
// The _pgmicro_sequence row (owner 0: not owned by a column).
// prefix: the catalog tables' database ("main." / "pgtemp."; "" = unqualified, main).
std::string sequence_catalog_row(int64_t soid, const SequenceOptions& o, int64_t owner, int attnum, const std::string& prefix = "");
// OWNED BY table.column / NONE of sequence `seq` (in `schema`): the owner's oid and attnum
// (0, 0 for NONE), checked as PostgreSQL's process_owned_by.
std::pair<int64_t, int> resolve_owned_by(const Catalog& catalog, List* names, const std::string& schema);

}  // namespace pgmicro
