// CREATE [UNIQUE] INDEX [IF NOT EXISTS] (column keys, ASC/DESC; INCLUDE and NULLS order
// accepted — they do not change results), DROP INDEX, and TRUNCATE [RESTART IDENTITY].
// Indexes are SQLite indexes with PostgreSQL's names, recorded in _pgmicro_index.
#include <algorithm>
#include <functional>
#include "analyze/analyzer.h"
#include "analyze/collation.h"
#include "catalog/catalog.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/foreign_keys.h"
#include "plpgsql/plpgsql_exec.h"
#include "session/numeric_unique.h"
#include "session/session_impl.h"
#include "types/type_io.h"
#include "types/geo.h"

namespace pgmicro {

namespace {

// Operator classes whose order and equality are the ones pgmicro's index already has (a type's
// default btree/hash class, and the *_pattern_ops classes, which are the C collation pgmicro uses).
bool default_like_opclass(List* opclass) {
  std::string name = node_string(list_at(opclass, list_size(opclass) - 1));
  static const char* const kNames[] = {"int2_ops", "int4_ops", "int8_ops", "integer_ops", "float4_ops", "float8_ops",
                                       "float_ops", "numeric_ops", "bool_ops", "text_ops", "varchar_ops", "bpchar_ops",
                                       "name_ops", "date_ops", "timestamp_ops", "timestamptz_ops", "time_ops",
                                       "interval_ops", "uuid_ops", "bytea_ops", "oid_ops", "text_pattern_ops",
                                       "varchar_pattern_ops", "bpchar_pattern_ops", "array_ops", "enum_ops", "jsonb_ops"};
  for (const char* n : kNames)
    if (name == n) return true;
  return false;
}

// The types with a default operator class for gist/spgist/brin that pgmicro has (pg_opclass).
void check_path_only_opclass(const std::string& am, Oid type) {
  bool ok;
  if (am == "gist") ok = type == oid::kPoint || type == oid::kBox || type == oid::kPolygon || type == oid::kCircle || type == oid::kTsvector;
  else if (am == "spgist") ok = type == oid::kPoint || type == oid::kBox || type == oid::kPolygon || type == oid::kText;
  else ok = type == oid::kBox || (!is_geo_type(type) && type != oid::kJson && type != oid::kJsonb && !array_element_type(type));
  if (!ok)
    throw PgError(sqlstate::kUndefinedObject,
                  "data type " + format_type_name(type, -1) + " has no default operator class for access method \"" + am + "\"", "",
                  "You must specify an operator class for the index or define a default operator class for the data type.");
}

}  // namespace

// Lowered SQL that calls a user-defined function (pg_sql_scalar/pg_sql_rows nested statements,
// not deterministic SQLite functions).
static bool calls_user_function(const std::string& sql) {
  return sql.find("pg_sql_scalar(") != std::string::npos || sql.find("pg_sql_rows(") != std::string::npos;
}

void SessionImpl::execute_index(IndexStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE INDEX";
  RangeVar* rv = stmt->relation;
  if (stmt->concurrent && status_ != TransactionStatus::Idle)
    throw PgError("25001", "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
  if (stmt->nulls_not_distinct) unsupported("UNIQUE NULLS NOT DISTINCT");  // SQLite's unique indexes: NULLs distinct
  std::string am = stmt->accessMethod ? stmt->accessMethod : "btree";
  // gist/spgist/brin: an access path only, so the index is a catalog entry (shown with its
  // access method) over an ordinary SQLite index; queries give the same rows with or without it.
  bool path_only_am = am == "gist" || am == "spgist" || am == "brin";
  if (am == "gin") unsupported("index access method \"gin\"");
  if (am != "btree" && am != "hash" && !path_only_am) {
    throw PgError(sqlstate::kUndefinedObject, "access method \"" + am + "\" does not exist");
  }
  if (path_only_am && stmt->unique) throw PgError(sqlstate::kFeatureNotSupported, "access method \"" + am + "\" does not support unique indexes");
  if (list_size(stmt->excludeOpNames)) unsupported("exclusion constraints");
  const TableDef* t = ddl_table(rv);
  if (t->plain_sqlite) unsupported("indexes on tables outside the PostgreSQL catalog");
  // CREATE INDEX does not reach a partitioned table's partitions (those created or attached
  // later get no copy), so a unique one would not be enforced there.
  if (stmt->unique && t->partition_strategy)
    unsupported("CREATE UNIQUE INDEX on a partitioned table (a UNIQUE or PRIMARY KEY constraint is supported)");
  std::vector<int> cols;
  std::string opts, sqlcols, exprs_text, pred_text, pred_sql;
  std::vector<std::string> name_parts;  // for the default name: columns, or "expr"
  for_each_node(stmt->indexParams, [&](Node* n) {
    auto* ie = reinterpret_cast<IndexElem*>(n);
    // COLLATE and a non-default operator class: every collation pgmicro has compares by code
    // point (analyze/collation.h), so the SQLite key is the same; both are kept as a comment on
    // the key for ON CONFLICT inference (key_annotation).
    std::string note;
    if (list_size(ie->collation)) note += " /*pgcoll:" + collation_name(lookup_collation(ie->collation, -1)) + "*/";
    if (list_size(ie->opclass) && !path_only_am) {
      std::string opc = node_string(list_at(ie->opclass, list_size(ie->opclass) - 1));
      if (opc.find("pattern_ops") != std::string::npos) note += " /*pgopc:" + opc + "*/";
    }
    if (list_size(ie->opclass) && !default_like_opclass(ie->opclass) && !path_only_am) unsupported("operator classes in indexes");
    if (path_only_am && list_size(ie->opclass)) unsupported("operator classes in " + am + " indexes");
    bool desc = ie->ordering == SORTBY_DESC;
    opts += desc ? 'd' : 'a';
    if (!ie->name) {
      // An expression key: analyzed over the table, immutable, lowered into the SQLite index.
      IndexExpr ix = index_expression(*t, ie->expr, false);
      if (stmt->unique && last_expression_scale_free()) unsupported("unique indexes on numeric or interval expressions");
      cols.push_back(-1);
      exprs_text += (exprs_text.empty() ? "" : "\n") + ix.pg_text;
      if (calls_user_function(ix.sql)) {
        // A user-defined function runs as a nested statement SQLite cannot index: the SQLite
        // index keeps a constant key (an access path only; queries give the same rows).
        if (stmt->unique) unsupported("unique indexes on expressions calling user-defined functions");
        ix.sql = "NULL";
      }
      if (list_size(ie->collation)) {  // 42804 for a type without collations, as the expression's COLLATE
        CollateClause cc{};
        cc.type = T_CollateClause;
        cc.arg = ie->expr;
        cc.collname = ie->collation;
        cc.location = -1;
        index_expression(*t, reinterpret_cast<Node*>(&cc), false);
      }
      sqlcols += (sqlcols.empty() ? "" : ", ") + std::string("(") + ix.sql + ")" + note + (desc ? " DESC" : "");
      name_parts.push_back(ix.name);
      return;
    }
    int c = t->find_column(ie->name);
    // System columns: xid/cid ones have no btree operator class (checked first, as PostgreSQL does).
    std::string sys = c < 0 ? std::string(ie->name) : "";
    if (am == "btree" && (sys == "xmin" || sys == "xmax" || sys == "cmin" || sys == "cmax"))
      throw PgError(sqlstate::kUndefinedObject,
                    std::string("data type ") + (sys[0] == 'x' ? "xid" : "cid") + " has no default operator class for access method \"btree\"",
                    "", "You must specify an operator class for the index or define a default operator class for the data type.");
    if (sys == "ctid" || sys == "tableoid")
      throw PgError(sqlstate::kFeatureNotSupported, "index creation on system columns is not supported");
    if (c < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(ie->name) + "\" does not exist");
    if (path_only_am) check_path_only_opclass(am, t->columns[c].type);
    cols.push_back(c);
    name_parts.push_back(t->columns[c].name);
    if (list_size(ie->collation)) check_collatable(t->columns[c].type, t->columns[c].typmod, -1);
    sqlcols += (sqlcols.empty() ? "" : ", ") + quote_ident(t->columns[c].name) + note + (desc ? " DESC" : "");
  });
  if (stmt->whereClause && stmt->unique)
    for (int c : cols)  // the numeric check of session/numeric_unique.cpp covers whole-table keys only
      if (c >= 0 && numeric_unique_column(t->columns[c]))
        unsupported(domain_base_type(t->columns[c].type) == oid::kInterval ? "partial unique indexes on interval columns"
                                                                           : "partial unique indexes on numeric columns without a scale");
  if (stmt->whereClause) {
    IndexExpr p = index_expression(*t, stmt->whereClause, true);
    pred_text = p.pg_text;
    pred_sql = p.sql;
    if (calls_user_function(pred_sql)) {
      if (stmt->unique) unsupported("unique indexes with predicates calling user-defined functions");
      pred_sql.clear();  // a non-unique index over all rows answers the same queries
    }
  }
  for_each_node(stmt->indexIncludingParams, [&](Node* n) {
    auto* ie = reinterpret_cast<IndexElem*>(n);
    if (!ie->name || t->find_column(ie->name) < 0)
      throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(ie->name ? ie->name : "?") + "\" does not exist");
  });
  std::string name;
  if (stmt->idxname) {
    name = stmt->idxname;
  } else {
    // PostgreSQL's ChooseIndexName: table_col1_col2_idx, then idx1, idx2, ...
    std::string base = t->name;
    for (auto& part : name_parts) base += "_" + part;
    base += "_idx";
    if (base.size() > 63) base.resize(63);
    name = base;
    for (int i = 1; catalog_.relation_exists(t->schema, name); i++) name = base.substr(0, 63 - std::to_string(i).size()) + std::to_string(i);
  }
  bool taken = catalog_.relation_exists(t->schema, name);
  for (auto& tt : catalog_.tables())
    for (auto& c : tt->constraints) taken |= c.type != 'c' && c.type != 'f' && c.name == name && tt->schema == t->schema;  // FKs have no index
  if (taken) {
    if (stmt->if_not_exists) {
      out.notices.push_back({"NOTICE", "42P07", "relation \"" + name + "\" already exists, skipping"});
      return;
    }
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
  Catalog::ensure_catalog_tables(conn_);
  int64_t ioid = Catalog::allocate_oid(conn_);
  std::string keys;
  for (size_t i = 0; i < cols.size(); i++) keys += (i ? "," : "") + std::to_string(cols[i] + 1);  // 0: expression
  const std::string cp = catalog_prefix(t->schema);
  std::string sql = "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(ioid) + ", " + quote_literal(t->schema) + ", " + quote_literal(name) + ", 'i');" +
                    "INSERT INTO " + cp + "_pgmicro_index(indexrelid, indrelid, indisunique, indkey, indoption, indexprs, indpred, indam) VALUES(" +
                    std::to_string(ioid) + ", " + std::to_string(t->oid) + ", " + (stmt->unique ? "1" : "0") + ", '" + keys + "', '" + opts +
                    "', " + (exprs_text.empty() ? "NULL" : quote_literal(exprs_text)) + ", " +
                    (pred_text.empty() ? "NULL" : quote_literal(pred_text)) + ", " + (am == "btree" ? "NULL" : quote_literal(am)) + ");";
  std::string index_sql = std::string("CREATE ") + (stmt->unique ? "UNIQUE " : "") + "INDEX " + sqlite_ref(t->schema, name) + " ON " +
                    quote_ident(sqlite_relation_name(t->schema, t->name)) + " (" + sqlcols + ")" +
                    (pred_sql.empty() ? "" : " WHERE " + pred_sql) + ";";
  exec_sql(conn_, sql);
  create_unique_index_checked(*t, name, cols, index_sql);
}

// Runs `sql` (a CREATE [UNIQUE] INDEX on t's `cols`); duplicates fail as PostgreSQL's unique
// index build: 23505 "could not create unique index" with one duplicated key.
void SessionImpl::create_unique_index_checked(const TableDef& tdef, const std::string& name, const std::vector<int>& cols,
                                              const std::string& sql) {
  const TableDef* t = &tdef;
  runtime_.pending_error.reset();
  runtime_.clear_last_row();
  // Rows whose keys differ only in a numeric's display scale (1.5, 1.50) are duplicates too.
  std::string numeric_dups = numeric_unique_validation_sql(*t, name, cols);
  if (!numeric_dups.empty()) exec_checked(numeric_dups);
  char* err = nullptr;
  int rc = sqlite3_exec(conn_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    Error e = translate_sqlite_error(rc);
    if (e.sqlstate == sqlstate::kUniqueViolation) {
      e.message = "could not create unique index \"" + name + "\"";
      // Find one duplicated key for PostgreSQL's DETAIL.
      std::string names, sel, nn;
      bool plain = true;
      for (int c : cols) plain &= c >= 0;
      for (size_t i = 0; plain && i < cols.size(); i++) {
        nn += (i ? " AND " : "") + quote_ident(t->columns[cols[i]].name) + " IS NOT NULL";
        names += (i ? ", " : "") + t->columns[cols[i]].name;
        sel += (i ? ", " : "") + quote_ident(t->columns[cols[i]].name);
      }
      std::string q = "SELECT " + sel + " FROM " + t->sqlite_ref() + " WHERE " + nn + " GROUP BY " + sel + " HAVING count(*) > 1 LIMIT 1";
      sqlite3_stmt* st = nullptr;
      std::string values;
      if (plain && sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        for (size_t i = 0; i < cols.size(); i++) {
          if (i) values += ", ";
          sqlite3_value* v = sqlite3_column_value(st, (int)i);
          if (sqlite3_value_type(v) == SQLITE_NULL) values += "null";
          else type_output(t->columns[cols[i]].type, v, values);
        }
        e.detail = "Key (" + names + ")=(" + values + ") is duplicated.";
      }
      sqlite3_finalize(st);
    }
    throw PgError(e);
  }
}

// The table a DDL statement names: 3F000 for a missing schema, 42P01 for a missing table.
const TableDef* SessionImpl::ddl_table(RangeVar* rv) {
  std::string schema = rv->schemaname ? rv->schemaname : "";
  if (!schema.empty() && !catalog_.find_schema(schema))
    throw PgError("3F000", "schema \"" + schema + "\" does not exist");
  const TableDef* t = catalog_.find_table(schema, rv->relname);
  if (!t)
    throw PgError(sqlstate::kUndefinedTable,
                  "relation \"" + (schema.empty() ? "" : schema + ".") + std::string(rv->relname) + "\" does not exist");
  return t;
}

void SessionImpl::execute_truncate(TruncateStmt* stmt, StatementResult& out) {
  out.command_tag = "TRUNCATE TABLE";
  std::vector<const TableDef*> tables;
  for_each_node(stmt->relations, [&](Node* n) {
    auto* rv = reinterpret_cast<RangeVar*>(n);
    const TableDef* t = ddl_table(rv);
    tables.push_back(t);
    // Without ONLY, an inheritance or partition tree's descendants are emptied too.
    if (rv->inh)
      for (const TableDef* d : table_descendants(catalog_, *t))
        if (std::find(tables.begin(), tables.end(), d) == tables.end()) tables.push_back(d);
  });
  // A table referenced by a foreign key goes only with its referencing tables (or CASCADE).
  for (size_t i = 0; i < tables.size(); i++)
    for (auto& [child, fk] : referencing_foreign_keys(catalog_, tables[i]->oid)) {
      if (std::find(tables.begin(), tables.end(), child) != tables.end()) continue;
      if (stmt->behavior != DROP_CASCADE)
        throw PgError(sqlstate::kFeatureNotSupported, "cannot truncate a table referenced in a foreign key constraint",
                      "Table \"" + child->name + "\" references \"" + tables[i]->name + "\".",
                      "Truncate table \"" + child->name + "\" at the same time, or use TRUNCATE ... CASCADE.");
      out.notices.push_back({"NOTICE", "00000", "truncate cascades to table \"" + child->name + "\""});
      tables.push_back(child);
    }
  // Referencing tables are emptied before the tables they reference, so that no foreign-key
  // trigger finds a referencing row (a reference cycle is emptied in any order).
  std::vector<const TableDef*> left = tables, order;
  while (!left.empty()) {
    size_t pick = 0;
    for (size_t i = 0; i < left.size(); i++) {
      bool referenced = false;
      for (auto& [child, fk] : referencing_foreign_keys(catalog_, left[i]->oid))
        referenced |= child != left[i] && std::find(left.begin(), left.end(), child) != left.end();
      if (!referenced) { pick = i; break; }
    }
    order.push_back(left[pick]);
    left.erase(left.begin() + pick);
  }
  std::string sql;
  for (auto* t : order) sql += "DELETE FROM " + t->sqlite_ref() + ";";
  // TRUNCATE triggers (FOR EACH STATEMENT) around it; the DELETEs fire no row triggers.
  for (auto* t : tables) plpgsql::fire_statement_triggers(&runtime_, t->oid, 32, true);
  {
    plpgsql::SuppressRowTriggers no_row_triggers;
    exec_checked(sql);
  }
  for (auto* t : tables) plpgsql::fire_statement_triggers(&runtime_, t->oid, 32, false);
  if (stmt->restart_seqs) {
    std::lock_guard<std::mutex> lock(runtime_.sequences->mu);
    for (auto* t : tables)
      for (auto& col : t->columns) {
        (void)col;
      }
    // Owned sequences go back to their start value.
    sqlite3_stmt* st = nullptr;
    for (auto* t : tables) {
      std::string q = "SELECT seqrelid, seqstart FROM " + catalog_prefix(t->schema) + "_pgmicro_sequence WHERE owned_by_rel = " + std::to_string(t->oid);
      if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
      while (sqlite3_step(st) == SQLITE_ROW) {
        auto& v = runtime_.sequences->values[sqlite3_column_int64(st, 0)];
        v.last_value = sqlite3_column_int64(st, 1);
        v.is_called = false;
        v.loaded = true;
        runtime_.mark_sequence_dirty(sqlite3_column_int64(st, 0));
      }
      sqlite3_finalize(st);
      st = nullptr;
    }
  }
}

}  // namespace pgmicro
