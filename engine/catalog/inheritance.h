// Table inheritance and partitioning in the catalog: the _pgmicro_inherits,
// _pgmicro_attinh, _pgmicro_coninh and _pgmicro_partitioned_table tables (format 5), loading
// them into TableDef, and the hierarchy queries the analyzer and DDL use.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>
#include "sqlite3.h"

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
// Deletes every inheritance row of table `t` (as child, and its partitioning).
std::string inheritance_drop_sql(const TableDef& t);

}  // namespace pgmicro
