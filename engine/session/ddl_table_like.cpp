// CREATE TABLE … (LIKE source …): the columns, constraints, indexes and comments the new table
// copies from its source (PostgreSQL 15's transformTableLikeClause / expandTableLikeClause).
// execute_create_table (ddl.cpp) places the columns where the clause stands and creates the rest.
#include "session/ddl_table_like.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "runtime/function_context.h"

namespace pgmicro {

TableLikeCopy expand_table_like(const Catalog& catalog, TableLikeClause* like) {
  RangeVar* rv = like->relation;
  std::string schema = rv->schemaname ? rv->schemaname : "";
  if (!schema.empty() && !catalog.find_schema(schema))
    throw PgError("3F000", "schema \"" + schema + "\" does not exist").at(rv->location);
  TableLikeCopy out;
  const TableDef* src = catalog.find_table(schema, rv->relname);
  if (!src) {
    std::string what = (schema.empty() ? "" : schema + ".") + std::string(rv->relname);
    if (catalog.find_view(schema, rv->relname)) unsupported("LIKE of a view", rv->location);
    if (catalog.find_sequence(schema, rv->relname) || catalog.find_index(schema, rv->relname).second)
      throw PgError("42809", "\"" + std::string(rv->relname) +
                                 "\" is not a table, view, materialized view, composite type, or foreign table")
          .at(rv->location);
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + what + "\" does not exist").at(rv->location);
  }
  if (src->plain_sqlite) unsupported("LIKE of a table outside the PostgreSQL catalog", rv->location);
  out.source = src;
  const uint32_t opt = like->options;
  for (size_t i = 0; i < src->columns.size(); i++) {
    const ColumnDef& s = src->columns[i];
    ColumnDef c;
    c.name = s.name;
    c.type = s.type;
    c.typmod = s.typmod;
    c.collation = s.collation;
    c.not_null = s.not_null;
    const SequenceDef* seq = nullptr;
    if (s.identity) {
      if (opt & CREATE_TABLE_LIKE_IDENTITY) {
        c.identity = s.identity;
        for (auto* q : catalog.sequences_in(src->schema))
          if (q->owned_by_table == src->oid && q->owned_by_column == (int)i) seq = q;
        if (!seq) c.identity = 0;
      }
    } else if (s.generated) {
      if (opt & CREATE_TABLE_LIKE_GENERATED) {
        c.generated = s.generated;
        c.default_text = s.default_text;
      }
    } else if (opt & CREATE_TABLE_LIKE_DEFAULTS) {
      c.default_text = s.default_text;
    }
    if (opt & CREATE_TABLE_LIKE_COMMENTS)
      if (const std::string* text = catalog.comment(src->oid, (int)i + 1)) out.column_comments.push_back({(int)i, *text});
    out.columns.push_back(std::move(c));
    out.identity_sequences.push_back(seq);
  }
  for (auto& con : src->constraints) {
    if (con.type == 'c' && (opt & CREATE_TABLE_LIKE_CONSTRAINTS)) {
      ConstraintDef k = con;
      k.inhcount = 0;
      k.is_local = true;
      out.checks.push_back(std::move(k));
    } else if ((con.type == 'p' || con.type == 'u') && (opt & CREATE_TABLE_LIKE_INDEXES)) {
      ConstraintDef k = con;
      k.name.clear();
      out.keys.push_back(std::move(k));
    }
  }
  if (opt & CREATE_TABLE_LIKE_INDEXES)
    for (auto& ix : src->indexes) out.indexes.push_back(&ix);
  return out;
}

SequenceOptions copied_sequence_options(const SequenceDef& s) {
  SequenceOptions o;
  o.type = s.type;
  o.start = s.start;
  o.increment = s.increment;
  o.min_value = s.min_value;
  o.max_value = s.max_value;
  o.cycle = s.cycle;
  o.cache = s.cache;
  return o;
}

std::string cloned_index_statement(const TableDef& source, const IndexDef& ix, const std::string& target_schema,
                                   const std::string& target_name) {
  std::string schema = target_schema == kTempSchema ? "pg_temp" : pg_quote_identifier(target_schema);
  std::string sql = std::string("CREATE ") + (ix.unique ? "UNIQUE " : "") + "INDEX ON " + schema + "." +
                    pg_quote_identifier(target_name) + " (";
  for (size_t k = 0; k < ix.columns.size(); k++) {
    if (k) sql += ", ";
    if (ix.columns[k] >= 0) sql += pg_quote_identifier(source.columns[ix.columns[k]].name);
    else sql += "(" + (k < ix.exprs.size() ? ix.exprs[k] : std::string()) + ")";
    if (k < ix.descending.size() && ix.descending[k]) sql += " DESC";
  }
  sql += ")";
  if (!ix.predicate.empty()) sql += " WHERE " + ix.predicate;
  return sql;
}

}  // namespace pgmicro
