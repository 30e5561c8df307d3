// ON CONFLICT arbiter inference (analyze_on_conflict.cpp), also run by the session for each
// partition an INSERT into a partitioned table routes rows to.
#pragma once
#include <string>
#include <vector>

namespace pgmicro {

struct TableDef;

// The inference specification of ON CONFLICT (…) [WHERE …], independent of the table's
// column order: key columns by name, key expressions and WHERE conjuncts as lowered SQL with
// bare column names; qualified: the elements with a COLLATE or a non-default operator class,
// which only an index key with that collation / operator class satisfies.
struct ConflictInference {
  struct Qualified {
    std::string column, expr;        // the element: a column name, or a key expression's SQL
    std::string collation, opclass;  // "" when not given
  };
  std::vector<std::string> columns;
  std::vector<std::string> exprs;
  std::vector<std::string> where;
  std::vector<Qualified> qualified;
};

// One arbiter: its SQLite conflict target "(keys) [WHERE predicate]" and, for a non-partial
// arbiter on plain columns, those columns (checked for rows proposed twice).
struct ConflictArbiter {
  std::string target;
  std::vector<int> plain_keys;
  bool deferrable = false;  // a DEFERRABLE unique constraint (never an arbiter: 55000 when a row is checked)
};

// The unique constraints and unique indexes of t that the specification infers (PostgreSQL's
// infer_arbiter_indexes); empty when none.
std::vector<ConflictArbiter> infer_conflict_arbiters(const TableDef& t, const ConflictInference& spec);

}  // namespace pgmicro
