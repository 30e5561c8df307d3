// REINDEX [(VERBOSE, CONCURRENTLY, TABLESPACE)] INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY]
// name: PostgreSQL 15's checks and messages (transaction blocks, system catalogs, relation
// kinds, "no indexes to reindex" notices, VERBOSE INFO lines), each index rebuilt by SQLite's
// REINDEX. Indexes here never become invalid, so rebuilding changes nothing visible.
#include <cstring>
#include <functional>
#include "catalog/catalog.h"
#include "catalog/system_relations.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/explain.h"
#include "session/session_impl.h"

namespace pgmicro {

namespace {

// A table needs a TOAST table (whose index REINDEX TABLE also rebuilds) when a column can
// hold a long variable-length value: PostgreSQL's needs_toast_table, approximated by type.
bool has_toast(const TableDef& t) {
  for (auto& c : t.columns) {
    Oid ty = c.type;
    if (ty == oid::kInt2 || ty == oid::kInt4 || ty == oid::kInt8 || ty == oid::kBool || ty == oid::kFloat4 || ty == oid::kFloat8 ||
        ty == oid::kDate || ty == oid::kTime || ty == oid::kTimestamp || ty == oid::kTimestamptz || ty == oid::kTimetz ||
        ty == oid::kInterval || ty == oid::kUuid || ty == oid::kOid || ty == oid::kChar || ty == oid::kName)
      continue;
    if ((ty == oid::kVarchar || ty == oid::kBpchar) && c.typmod > 0 && c.typmod < 2000) continue;
    if (ty == oid::kNumeric && c.typmod > 0) continue;
    return true;
  }
  return false;
}

// Indexes of a table: CREATE INDEX ones and those of PRIMARY KEY/UNIQUE/EXCLUDE constraints.
std::vector<std::string> table_index_names(const TableDef& t) {
  std::vector<std::string> out;
  for (auto& c : t.constraints)
    if (c.type == 'p' || c.type == 'u' || c.type == 'x') out.push_back(c.name);
  for (auto& ix : t.indexes) out.push_back(ix.name);
  return out;
}

}  // namespace

void SessionImpl::execute_reindex(ReindexStmt* stmt, StatementResult& out) {
  bool verbose = false, concurrently = false;
  for_each_node(stmt->params, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string name = d->defname;
    if (name == "verbose") verbose = def_boolean(d);
    else if (name == "concurrently") concurrently = def_boolean(d);
    else if (name == "tablespace") unsupported("REINDEX ... TABLESPACE");
    else throw PgError(sqlstate::kSyntaxError, "unrecognized REINDEX option \"" + name + "\"").at(d->location);
  });
  const bool in_block = status_ != TransactionStatus::Idle || multi_statement_;
  if (concurrently && in_block)
    throw PgError(sqlstate::kActiveSqlTransaction, "REINDEX CONCURRENTLY cannot run inside a transaction block");
  out.command_tag = "REINDEX";
  auto reindexed = [&](const std::string& index) {
    if (verbose)
      out.notices.push_back({"INFO", "00000", "index \"" + index + "\" was reindexed", "CPU: user: 0.00 s, system: 0.00 s, elapsed: 0.00 s", ""});
  };
  // SQLite rebuilds every index of the table (constraint indexes have no name of their own there).
  auto sqlite_reindex = [&](const TableDef& t) { exec_sql(conn_, "REINDEX " + t.sqlite_ref()); };
  auto system_schema = [](const std::string& s) { return s == "pg_catalog" || s == "pg_toast" || s == "information_schema"; };
  std::string schema = stmt->relation && stmt->relation->schemaname ? stmt->relation->schemaname : "";
  std::string name = stmt->relation && stmt->relation->relname ? stmt->relation->relname : "";
  std::string shown = schema.empty() ? name : schema + "." + name;
  auto missing = [&]() { return PgError(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist"); };
  // A table's leaf partitions (PostgreSQL reindexes each in its own transaction).
  std::function<void(const TableDef&, std::vector<const TableDef*>&)> leaves = [&](const TableDef& t, std::vector<const TableDef*>& acc) {
    for (int64_t c : t.children)
      if (const TableDef* ct = catalog_.find_table_by_oid(c)) {
        if (ct->partition_strategy) leaves(*ct, acc);
        else if (!ct->partition_bound.empty()) acc.push_back(ct);
      }
  };
  auto reindex_table = [&](const TableDef& t) -> bool {
    std::vector<std::string> names = table_index_names(t);
    if (!names.empty()) sqlite_reindex(t);
    for (auto& ix : names) reindexed(ix);
    return !names.empty() || has_toast(t);
  };
  switch (stmt->kind) {
    case REINDEX_OBJECT_INDEX: {
      if (system_schema(schema) || (schema.empty() && name.rfind("pg_", 0) == 0)) {
        if (schema == "pg_toast" || find_system_relation("pg_catalog", name) || name.rfind("pg_", 0) == 0) {
          if (concurrently) throw PgError(sqlstate::kFeatureNotSupported, "cannot reindex system catalogs concurrently");
          return;
        }
      }
      auto [t, ix] = catalog_.find_index(schema, name);
      std::string index_name = name;
      if (!t) {
        // A PRIMARY KEY/UNIQUE constraint's index.
        for (auto& tp : catalog_.tables()) {
          if (!schema.empty() ? tp->schema != schema : catalog_.find_table("", tp->name) != tp.get()) continue;
          for (auto& c : tp->constraints)
            if ((c.type == 'p' || c.type == 'u' || c.type == 'x') && c.name == name) t = tp.get();
          if (t) break;
        }
      }
      if (!t) {
        if (catalog_.relation_exists(schema, name) || (schema.empty() && catalog_.find_view("", name)))
          throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not an index");
        throw missing();
      }
      if (t->partition_strategy) {
        if (in_block)
          throw PgError(Error{sqlstate::kActiveSqlTransaction, "REINDEX INDEX cannot run inside a transaction block", "", "", 0,
                              "while reindexing partitioned index \"" + t->schema + "." + name + "\""});
        return;
      }
      sqlite_reindex(*t);
      reindexed(name);
      return;
    }
    case REINDEX_OBJECT_TABLE: {
      if (system_schema(schema) || (schema.empty() && find_system_relation("pg_catalog", name))) {
        if (concurrently) throw PgError(sqlstate::kFeatureNotSupported, "cannot reindex system catalogs concurrently");
        return;
      }
      const TableDef* t = catalog_.find_table(schema, name);
      if (!t) {
        if (catalog_.relation_exists(schema, name) || (schema.empty() && (catalog_.find_view("", name) || catalog_.find_index("", name).first)))
          throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a table or materialized view");
        throw missing();
      }
      if (t->partition_strategy) {
        if (in_block)
          throw PgError(Error{sqlstate::kActiveSqlTransaction, "REINDEX TABLE cannot run inside a transaction block", "", "", 0,
                              "while reindexing partitioned table \"" + t->schema + "." + t->name + "\""});
        std::vector<const TableDef*> parts;
        leaves(*t, parts);
        for (auto* p : parts) reindex_table(*p);
        return;
      }
      if (!reindex_table(*t))
        out.notices.push_back({"NOTICE", "00000",
                               "table \"" + t->name + "\" has no indexes " + (concurrently ? "that can be reindexed concurrently" : "to reindex"), "", ""});
      return;
    }
    default: {
      const char* what = stmt->kind == REINDEX_OBJECT_SCHEMA ? "REINDEX SCHEMA" : stmt->kind == REINDEX_OBJECT_SYSTEM ? "REINDEX SYSTEM" : "REINDEX DATABASE";
      if (in_block) throw PgError(sqlstate::kActiveSqlTransaction, std::string(what) + " cannot run inside a transaction block");
      if (stmt->kind == REINDEX_OBJECT_SYSTEM && concurrently)
        throw PgError(sqlstate::kFeatureNotSupported, "cannot reindex system catalogs concurrently");
      std::string target = stmt->name ? stmt->name : "";
      std::vector<const TableDef*> tables;
      if (stmt->kind == REINDEX_OBJECT_SCHEMA) {
        if (!system_schema(target) && !catalog_.find_schema(target)) throw PgError("3F000", "schema \"" + target + "\" does not exist");
        if (system_schema(target)) {
          if (concurrently) out.notices.push_back({"WARNING", "0A000", "cannot reindex system catalogs concurrently, skipping all", "", ""});
          return;
        }
        for (auto& tp : catalog_.tables())
          if (tp->schema == target && !tp->plain_sqlite) tables.push_back(tp.get());
      } else {
        if (!target.empty() && target != "postgres")
          throw PgError(sqlstate::kFeatureNotSupported, "can only reindex the currently open database");
        if (stmt->kind == REINDEX_OBJECT_SYSTEM) return;
        if (concurrently) out.notices.push_back({"WARNING", "0A000", "cannot reindex system catalogs concurrently, skipping all", "", ""});
        for (auto& tp : catalog_.tables())
          if (!tp->plain_sqlite && tp->schema != kTempSchema) tables.push_back(tp.get());
      }
      for (auto* t : tables)
        if (!t->partition_strategy) reindex_table(*t);
      return;
    }
  }
}

}  // namespace pgmicro
