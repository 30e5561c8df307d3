// Table inheritance and partitioning in the catalog: the _pgmicro_inherits,
// _pgmicro_attinh, _pgmicro_coninh and _pgmicro_partitioned_table tables (format 5), loading
// them into TableDef, and the hierarchy queries the analyzer and DDL use.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>
#include "sqlite3.h"
#include "types/types.h"

namespace pgmicro {

struct TableDef;
class Catalog;

// CREATE TABLE IF NOT EXISTS statements of the inheritance tables under `prefix` ("main.").
std::string inheritance_catalog_ddl(const std::string& prefix);
// Reads the rows of the tables in `prefix` into the loaded tables (parents, inhcount/islocal
// of columns and CHECK constraints, partitioning).
void load_inheritance(sqlite3* db, const std::string& prefix, const std::map<int64_t, TableDef*>& by_oid);
// Fills TableDef::children from every table's parents (children ordered by OID).
void link_inheritance(std::vector<std::unique_ptr<TableDef>>& tables);

// Every descendant of `t` (not `t`), breadth first, children by OID as PostgreSQL's
// find_all_inheritors.
std::vector<const TableDef*> table_descendants(const Catalog& cat, const TableDef& t);
// The rows of `parent` and `descendants` as one SQLite subquery (UNION ALL, the parent's
// columns by name, plus `tableoid`); a partitioned parent holds no rows and is left out.
std::string inheritance_union_sql(const TableDef& parent, const std::vector<const TableDef*>& descendants);
// A partition bound (FOR VALUES ...), stored encoded in _pgmicro_inherits.partbound. Datums
// are PostgreSQL output text of the key column's type.
struct BoundDatum {
  char kind = 'v';  // 'v' value, 'N' NULL, 'm' MINVALUE, 'M' MAXVALUE
  std::string text;
};
struct PartitionBound {
  char kind = 0;    // 'r' range, 'l' list, 'h' hash, 'd' default
  std::vector<BoundDatum> lower, upper, values;
};
std::string encode_bound(const PartitionBound& b);
PartitionBound decode_bound(const std::string& s);
// The keys of a partitioned table. partition_key holds one line per key:
// "type<TAB>typmod<TAB>display<TAB>expression[<TAB>\x02hash function]" (a column key: its name and
// quoted name).
struct PartitionKey {
  Oid type = 0;
  int32_t typmod = -1;
  std::string display;     // as PostgreSQL shows it in errors: the column name, or the expression
  std::string expr;        // PostgreSQL expression text over the table's columns
  std::string hash_function;  // hash keys: an operator class's function (empty: the type's default)
};
std::vector<PartitionKey> partition_keys(const TableDef& t);
std::string encode_partition_key(const PartitionKey& k);
// The display names of the keys.
std::vector<std::string> partition_key_columns(const TableDef& t);
// A PostgreSQL expression over the parent's key columns true exactly for the rows of
// `child` (a partition of `parent`); a default partition's is the negation of its siblings'.
// `siblings`: the parent's partitions (for a default partition).
std::string partition_condition(const TableDef& parent, const PartitionBound& bound, const std::vector<const TableDef*>& siblings);
// The partitions of a partitioned table in bound order (default last).
std::vector<const TableDef*> partitions_of(const Catalog& cat, const TableDef& parent);
// A typed literal: 'text'::type.
std::string bound_literal(const BoundDatum& d, Oid type, int32_t typmod);
// The name of the in-memory CHECK constraint carrying a partition's constraint (sorts last).
inline constexpr const char* kPartitionConstraintName = "\xffpartition";
// Deletes every inheritance row of table `t` (as child, and its partitioning).
std::string inheritance_drop_sql(const TableDef& t);

}  // namespace pgmicro
