// CREATE TABLE … (LIKE source [INCLUDING | EXCLUDING option …]) (ddl_table_like.cpp): what
// the new table copies from its source, as PostgreSQL's transformTableLikeClause and
// expandTableLikeClause decide.
#pragma once
#include <string>
#include <utility>
#include <vector>
#include "catalog/catalog.h"
#include "session/sequence_options.h"

struct TableLikeClause;

namespace pgmicro {

struct TableLikeCopy {
  const TableDef* source = nullptr;
  // The source's columns as the new table gets them: type, typmod and NOT NULL always; the
  // default (INCLUDING DEFAULTS), identity (INCLUDING IDENTITY), generation expression
  // (INCLUDING GENERATED) when asked for.
  std::vector<ColumnDef> columns;
  std::vector<const SequenceDef*> identity_sequences;  // per column: the identity's sequence to copy
  std::vector<ConstraintDef> checks;                   // INCLUDING CONSTRAINTS (names kept)
  std::vector<ConstraintDef> keys;                     // INCLUDING INDEXES: primary key / unique (named anew)
  std::vector<const IndexDef*> indexes;                // INCLUDING INDEXES: the other indexes
  std::vector<std::pair<int, std::string>> column_comments;  // INCLUDING COMMENTS: column index, text
};

// Looks the source up (42P01 at the clause's position when missing) and collects what it copies.
TableLikeCopy expand_table_like(const Catalog& catalog, TableLikeClause* like);

// An identity sequence's options, to give the copied identity column the same sequence.
SequenceOptions copied_sequence_options(const SequenceDef& s);

// CREATE INDEX text re-creating `ix` of `source` on the new table `target` (PostgreSQL text,
// name chosen by CREATE INDEX as generateClonedIndexStmt leaves it unnamed).
std::string cloned_index_statement(const TableDef& source, const IndexDef& ix, const std::string& target_schema,
                                   const std::string& target_name);

}  // namespace pgmicro
