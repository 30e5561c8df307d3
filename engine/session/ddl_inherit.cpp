// Table inheritance in DDL: CREATE TABLE ... INHERITS (PostgreSQL's MergeAttributes: column
// merging with its notices and type-conflict errors, inherited NOT NULL, defaults and CHECK
// constraints) and the catalog rows of the hierarchy.
#include "analyze/collation.h"
#include "session/ddl_inherit.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/types.h"

namespace pgmicro {

InheritedSchema merge_parent_tables(const Catalog& cat, List* inh_relations, bool temporary, std::vector<Notice>& notices,
                                    bool partition) {
  InheritedSchema out;
  for_each_node(inh_relations, [&](Node* n) {
    auto* rv = reinterpret_cast<RangeVar*>(n);
    std::string schema = rv->schemaname ? rv->schemaname : "";
    const TableDef* p = cat.find_table(schema, rv->relname);
    if (!p) {
      if (cat.find_view(schema, rv->relname) || cat.find_sequence(schema, rv->relname))
        throw PgError(sqlstate::kWrongObjectType, "inherited relation \"" + std::string(rv->relname) + "\" is not a table or foreign table");
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + std::string(rv->relname) + "\" does not exist");
    }
    if (partition && !p->partition_strategy) throw PgError("42P17", "\"" + p->name + "\" is not partitioned");
    if (p->partition_strategy && !partition)
      throw PgError(sqlstate::kWrongObjectType, "cannot inherit from partitioned table \"" + p->name + "\"");
    if (!p->partition_bound.empty() && !partition)
      throw PgError(sqlstate::kWrongObjectType, "cannot inherit from partition \"" + p->name + "\"");
    if (partition && temporary && !p->temporary())
      throw PgError(sqlstate::kWrongObjectType, "cannot create a temporary relation as partition of permanent relation \"" + p->name + "\"");
    if (partition && !temporary && p->temporary())
      throw PgError(sqlstate::kWrongObjectType, "cannot create a permanent relation as partition of temporary relation \"" + p->name + "\"");
    if (p->temporary() && !temporary)
      throw PgError(sqlstate::kWrongObjectType, "cannot inherit from temporary relation \"" + p->name + "\"");
    for (auto* q : out.parents)
      if (q == p) throw PgError(sqlstate::kDuplicateTable, "relation \"" + p->name + "\" would be inherited from more than once");
    out.parents.push_back(p);
    for (auto& pc : p->columns) {
      int found = -1;
      for (size_t i = 0; i < out.columns.size(); i++)
        if (out.columns[i].name == pc.name) found = (int)i;
      if (found < 0) {
        ColumnDef c;
        c.name = pc.name;
        c.type = pc.type;
        c.typmod = pc.typmod;
        c.collation = pc.collation;
        c.not_null = pc.not_null;
        c.default_text = pc.identity ? "" : pc.default_text;
        c.generated = pc.generated;
        c.inhcount = 1;
        c.is_local = false;
        out.columns.push_back(std::move(c));
        out.default_conflict.push_back(false);
        continue;
      }
      ColumnDef& c = out.columns[found];
      notices.push_back({"NOTICE", "00000", "merging multiple inherited definitions of column \"" + pc.name + "\""});
      if (c.type != pc.type || c.typmod != pc.typmod)
        throw PgError(sqlstate::kDatatypeMismatch, "inherited column \"" + pc.name + "\" has a type conflict",
                      format_type_name(c.type, c.typmod) + " versus " + format_type_name(pc.type, pc.typmod));
      if (c.collation != pc.collation)
        throw PgError("42P21", "inherited column \"" + pc.name + "\" has a collation conflict",
                      "\"" + collation_name(c.collation ? c.collation : type_default_collation(c.type)) + "\" versus \"" +
                          collation_name(pc.collation ? pc.collation : type_default_collation(pc.type)) + "\"");
      if (bool(c.generated) != bool(pc.generated))
        throw PgError(sqlstate::kDatatypeMismatch, "inherited column \"" + pc.name + "\" has a generation conflict");
      c.not_null |= pc.not_null;
      c.inhcount++;
      std::string d = pc.identity ? "" : pc.default_text;
      if (d != c.default_text) {
        if (c.default_text.empty()) c.default_text = d;
        else if (!d.empty()) out.default_conflict[found] = true;
      }
    }
    for (auto& con : p->constraints) {
      if (con.type != 'c' || con.no_inherit || con.name == kPartitionConstraintName) continue;
      bool merged = false;
      for (auto& existing : out.checks)
        if (existing.name == con.name) {
          if (existing.check_expr != con.check_expr)
            throw PgError("42710", "check constraint name \"" + con.name + "\" appears multiple times but with different expressions");
          existing.inhcount++;
          merged = true;
        }
      if (merged) continue;
      ConstraintDef c = con;
      c.oid = 0;
      c.inhcount = 1;
      c.is_local = false;
      c.columns.clear();
      out.checks.push_back(std::move(c));
    }
  });
  return out;
}

void merge_local_column(ColumnDef& into, const ColumnDef& col, bool moved, std::vector<Notice>& notices) {
  if (moved)
    notices.push_back({"NOTICE", "00000", "moving and merging column \"" + col.name + "\" with inherited definition",
                       "User-specified column moved to the position of the inherited column."});
  else
    notices.push_back({"NOTICE", "00000", "merging column \"" + col.name + "\" with inherited definition"});
  if (into.type != col.type || into.typmod != col.typmod)
    throw PgError(sqlstate::kDatatypeMismatch, "column \"" + col.name + "\" has a type conflict",
                  format_type_name(into.type, into.typmod) + " versus " + format_type_name(col.type, col.typmod));
  Oid into_coll = into.collation ? into.collation : type_default_collation(into.type);
  Oid col_coll = col.collation ? col.collation : type_default_collation(col.type);
  if (into_coll != col_coll)
    throw PgError("42P21", "column \"" + col.name + "\" has a collation conflict",
                  "\"" + collation_name(into_coll) + "\" versus \"" + collation_name(col_coll) + "\"");
  into.not_null |= col.not_null;
  into.is_local = true;
  if (col.identity) into.identity = col.identity;
}

std::string inheritance_rows_sql(int64_t child_oid, const std::string& cp, const std::vector<int64_t>& parents,
                                 const std::vector<ColumnDef>& columns, const std::string& partbound, bool has_bound, int seqno) {
  std::string sql, oid = std::to_string(child_oid);
  for (size_t i = 0; i < parents.size(); i++)
    sql += "INSERT INTO " + cp + "_pgmicro_inherits VALUES(" + oid + ", " + std::to_string(parents[i]) + ", " + std::to_string(seqno ? seqno : (int)i + 1) +
           ", " + (has_bound ? quote_literal(partbound) : "NULL") + ");";
  for (auto& c : columns)
    if (c.inhcount > 0)
      sql += "INSERT OR REPLACE INTO " + cp + "_pgmicro_attinh VALUES(" + oid + ", " + quote_literal(c.name) + ", " +
             std::to_string(c.inhcount) + ", " + (c.is_local ? "1" : "0") + ");";
  return sql;
}

std::string coninh_row_sql(int64_t con_oid, const std::string& cp, int inhcount, bool is_local, bool no_inherit) {
  if (inhcount == 0 && is_local && !no_inherit) return "DELETE FROM " + cp + "_pgmicro_coninh WHERE conoid = " + std::to_string(con_oid) + ";";
  return "INSERT OR REPLACE INTO " + cp + "_pgmicro_coninh VALUES(" + std::to_string(con_oid) + ", " + std::to_string(inhcount) + ", " +
         (is_local ? "1" : "0") + ", " + (no_inherit ? "1" : "0") + ");";
}

}  // namespace pgmicro
