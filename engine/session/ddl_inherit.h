// Table inheritance in DDL (ddl_inherit.cpp): CREATE TABLE ... INHERITS merging, the catalog
// rows of a hierarchy, and the checks of ALTER TABLE ... INHERIT.
#pragma once
#include <string>
#include <vector>
#include "catalog/catalog.h"
#include "pgmicro/pgmicro.h"

struct List;

namespace pgmicro {

// The parents of a new table and what it inherits from them (PostgreSQL's MergeAttributes,
// before the table's own columns are merged in).
struct InheritedSchema {
  std::vector<const TableDef*> parents;
  std::vector<ColumnDef> columns;          // inherited columns in order (inhcount set, is_local false)
  std::vector<bool> default_conflict;      // parents disagree on the column's default
  std::vector<ConstraintDef> checks;       // inherited CHECK constraints (inhcount set, is_local false)
};
// `partition`: CREATE TABLE ... PARTITION OF (the one parent must be partitioned).
InheritedSchema merge_parent_tables(const Catalog& cat, List* inh_relations, bool temporary, std::vector<Notice>& notices,
                                    bool partition = false);

// A local column definition `col` merged into inherited column `into` (notice, type check).
// `moved`: the local column's position differs from the inherited one's.
void merge_local_column(ColumnDef& into, const ColumnDef& col, bool moved, std::vector<Notice>& notices);

// Catalog rows of a new table's inheritance: _pgmicro_inherits per parent (with a partition
// bound when given), _pgmicro_attinh per inherited column.
std::string inheritance_rows_sql(int64_t child_oid, const std::string& child_prefix, const std::vector<int64_t>& parents,
                                 const std::vector<ColumnDef>& columns, const std::string& partbound = std::string(),
                                 bool has_bound = false, int seqno = 0);
std::string coninh_row_sql(int64_t con_oid, const std::string& prefix, int inhcount, bool is_local, bool no_inherit);

}  // namespace pgmicro
