// Declarative partitioning in DDL (ddl_partition.cpp): PARTITION BY keys, FOR VALUES bounds
// (analysis, overlap and default-partition checks, bound order), and running PostgreSQL
// boolean expressions against the database for those checks.
#pragma once
#include <string>
#include <vector>
#include "catalog/catalog.h"
#include "catalog/inheritance.h"

struct PartitionSpec;
struct PartitionBoundSpec;

namespace pgmicro {

// Evaluates a PostgreSQL boolean expression (may contain subqueries) on `db`.
bool eval_pg_bool(sqlite3* db, Catalog& cat, const std::string& expr);

// PARTITION BY: validated against the new table's columns; returns the key (column names,
// newline-separated) and sets `strategy`.
// `db` finds operator classes named after a key (ddl_opclass.h).
std::string analyze_partition_spec(Catalog& cat, const TableDef& t, PartitionSpec* spec, char& strategy, sqlite3* db = nullptr);
// A PRIMARY KEY / UNIQUE constraint of a partitioned table must include the key columns.
void check_unique_covers_partition_key(const TableDef& t, const std::string& key, char contype, const std::vector<int>& cols);
// A partitioned table's UNIQUE/PRIMARY KEY (type, parent's 0-based cols) on a partition: the
// partition's column indexes when it has no unique key or plain unique index on the same
// columns yet (it needs one to enforce the key), else empty.
std::vector<int> partition_key_to_add(const TableDef& parent, const std::vector<int>& cols, const TableDef& partition);

// FOR VALUES ... of a new partition `child_name` of `parent`: analysed, checked against the
// parent's other partitions (overlap, default) and its default partition's rows.
// `attaching`: ATTACH PARTITION names the default partition's leaf holding a row (PostgreSQL
// queues a check per leaf), CREATE TABLE ... PARTITION OF the default partition itself.
PartitionBound analyze_partition_bound(sqlite3* db, Catalog& cat, const TableDef& parent, PartitionBoundSpec* spec,
                                       const std::string& child_name, bool attaching = false);
// SQL renumbering the parent's partitions (inhseqno) in bound order with `child_oid` placed.
std::string partition_rank_sql(sqlite3* db, Catalog& cat, const TableDef& parent, int64_t child_oid, const PartitionBound& bound,
                               int& own_rank);
// Rows of `table` (a table being attached) outside the partition bound: 23514.
void validate_attached_rows(sqlite3* db, Catalog& cat, const TableDef& parent, const TableDef& table, const PartitionBound& bound);

// Hash partitioning (ddl_partition_hash.cpp): a key type needs a hash function (42704 as
// PostgreSQL without a default hash operator class); FOR VALUES WITH (MODULUS m, REMAINDER r)
// checked as PostgreSQL's transformPartitionBound/check_new_partition_bound; bound order.
void check_hash_key_type(Oid type, int location);
PartitionBound analyze_hash_bound(const TableDef& parent, PartitionBoundSpec* spec, const std::string& child_name,
                                  const std::vector<const TableDef*>& siblings);
bool hash_bound_less(const PartitionBound& a, const PartitionBound& b);

}  // namespace pgmicro
