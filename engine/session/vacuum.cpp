// VACUUM [FULL] [ANALYZE] [(options)] [table [(columns)], ...], ANALYZE [(options)] [table ...]
// and CHECKPOINT: PostgreSQL 15's option checks and errors (vacuum.c), then what SQLite has for
// them: VACUUM FULL rebuilds the database file (SQLite's VACUUM), plain VACUUM is a no-op
// (SQLite reuses freed pages by itself, as PostgreSQL's plain VACUUM makes space reusable),
// ANALYZE gathers SQLite's planner statistics (sqlite_stat1), CHECKPOINT checkpoints a WAL.
#include <set>
#include <sqlite3.h>
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/explain.h"
#include "session/session_impl.h"

namespace pgmicro {

void SessionImpl::execute_vacuum(VacuumStmt* stmt, StatementResult& out) {
  const bool vacuum = stmt->is_vacuumcmd;
  bool verbose = false, analyze = !vacuum, full = false, disable_page_skipping = false, process_toast = true;
  int parallel = 0;
  for_each_node(stmt->options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string name = d->defname;
    if (name == "verbose") verbose = def_boolean(d);
    else if (name == "skip_locked") def_boolean(d);
    else if (!vacuum)
      throw PgError(sqlstate::kSyntaxError, "unrecognized ANALYZE option \"" + name + "\"").at(d->location);
    else if (name == "analyze") analyze = def_boolean(d);
    else if (name == "freeze") def_boolean(d);
    else if (name == "full") full = def_boolean(d);
    else if (name == "disable_page_skipping") disable_page_skipping = def_boolean(d);
    else if (name == "index_cleanup") {
      if (d->arg && !(IsA(d->arg, String) && strcasecmp(strVal(d->arg), "auto") == 0)) def_boolean(d);
    } else if (name == "process_toast") process_toast = def_boolean(d);
    else if (name == "truncate") def_boolean(d);
    else if (name == "parallel") {
      if (!d->arg)
        throw PgError(sqlstate::kSyntaxError, "parallel option requires a value between 0 and 1024").at(d->location);
      if (!IsA(d->arg, Integer)) throw PgError(sqlstate::kSyntaxError, "parallel requires an integer value");
      parallel = intVal(d->arg);
      if (parallel < 0 || parallel > 1024)
        throw PgError(sqlstate::kSyntaxError, "parallel workers for vacuum must be between 0 and 1024").at(d->location);
    } else {
      throw PgError(sqlstate::kSyntaxError, "unrecognized VACUUM option \"" + name + "\"").at(d->location);
    }
  });
  if (full && parallel > 0) throw PgError(sqlstate::kFeatureNotSupported, "VACUUM FULL cannot be performed in parallel");
  if (!analyze)
    for_each_node(stmt->rels, [&](Node* n) {
      if (list_size(reinterpret_cast<VacuumRelation*>(n)->va_cols))
        throw PgError(sqlstate::kFeatureNotSupported, "ANALYZE option must be specified when a column list is provided");
    });
  if (vacuum && (status_ != TransactionStatus::Idle || multi_statement_))
    throw PgError(sqlstate::kActiveSqlTransaction, "VACUUM cannot run inside a transaction block");
  if (full && disable_page_skipping)
    throw PgError(sqlstate::kFeatureNotSupported, "VACUUM option DISABLE_PAGE_SKIPPING cannot be used with FULL");
  if (full && !process_toast) throw PgError(sqlstate::kFeatureNotSupported, "PROCESS_TOAST required with VACUUM FULL");
  // PostgreSQL prints INFO lines per relation for VERBOSE: pgmicro has no such report.
  if (verbose) unsupported(vacuum ? "VACUUM VERBOSE" : "ANALYZE VERBOSE");
  out.command_tag = vacuum ? "VACUUM" : "ANALYZE";

  // The relations, all looked up before any is processed.
  struct Target {
    const TableDef* table;
    List* cols;
  };
  std::vector<Target> targets;
  for_each_node(stmt->rels, [&](Node* n) {
    auto* vr = reinterpret_cast<VacuumRelation*>(n);
    RangeVar* rv = vr->relation;
    std::string schema = rv->schemaname ? rv->schemaname : "";
    std::string name = rv->relname;
    if (const TableDef* t = catalog_.find_table(schema, name)) {
      targets.push_back({t, vr->va_cols});
    } else if (catalog_.find_view(schema, name) || catalog_.find_sequence(schema, name)) {
      out.notices.push_back({"WARNING", "01000",
                             "skipping \"" + name + "\" --- cannot " + (vacuum ? "vacuum" : "analyze") +
                                 " non-tables or special system tables"});
    } else {
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + (schema.empty() ? name : schema + "." + name) + "\" does not exist");
    }
  });
  for (auto& t : targets) {
    std::set<std::string> seen;
    for_each_node(t.cols, [&](Node* c) {
      std::string col = strVal(c);
      if (t.table->find_column(col) < 0)
        throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + t.table->name + "\" does not exist");
      if (!seen.insert(col).second)
        throw PgError(sqlstate::kDuplicateColumn, "column \"" + col + "\" of relation \"" + t.table->name + "\" appears more than once");
    });
  }

  if (vacuum && full) {
    // SQLite's VACUUM runs outside a transaction: end the statement's implicit one around it.
    if (implicit_open_) commit_implicit();
    int rc = sqlite3_exec(conn_, "VACUUM main", nullptr, nullptr, nullptr);
    Error e;
    if (rc != SQLITE_OK) e = translate_sqlite_error(rc);
    begin_implicit();
    if (rc != SQLITE_OK) throw PgError(e);
  }
  if (analyze) {
    if (stmt->rels == nullptr) {
      exec_checked("ANALYZE main");
    } else {
      for (auto& t : targets) exec_checked("ANALYZE " + t.table->sqlite_ref());
    }
  }
}

void SessionImpl::execute_checkpoint(StatementResult& out) {
  out.command_tag = "CHECKPOINT";
  // A WAL database (the native shell's `PRAGMA journal_mode = WAL`) is checkpointed; with the
  // rollback journal every commit is already in the file.
  if (status_ == TransactionStatus::Idle && !multi_statement_) {
    if (implicit_open_) commit_implicit();
    sqlite3_wal_checkpoint_v2(conn_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    begin_implicit();
  }
}

}  // namespace pgmicro
