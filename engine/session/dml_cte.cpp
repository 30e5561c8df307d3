// Data-modifying WITH queries (analyze/analyze_dml_cte.cpp): each lowered INSERT/UPDATE/DELETE
// runs once, in order, before the statement; its RETURNING rows go, in their storage
// encoding, to a SQLite temp table `_pgmicro_cte_wN` that the statement's WITH query reads.
// The tables are dropped when the statement ends.
#include <algorithm>
#include "session/session_impl.h"
#include "analyze/statement_snapshot.h"
#include "common/error.h"
#include "types/type_io.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

namespace {
struct Stmt {
  sqlite3_stmt* st = nullptr;
  ~Stmt() { sqlite3_finalize(st); }
};
}  // namespace

void SessionImpl::run_dml_ctes(const CachedPlan& plan, const std::vector<TextValue>& params) {
  runtime_.pending_error.reset();
  auto fail = [&](int rc) {
    Error e = translate_sqlite_error(rc);
    throw PgError(e);
  };
  for (const DmlCteStep& step : plan.dml_ctes) {
    Stmt dml;
    if (sqlite3_prepare_v2(conn_, step.sql.c_str(), (int)step.sql.size(), &dml.st, nullptr) != SQLITE_OK) {
      Error e = translate_sqlite_error(SQLITE_ERROR);
      e.message = "internal error preparing lowered statement: " + e.message;
      throw PgError(e);
    }
    for (size_t i = 0; i < params.size() && i < (size_t)sqlite3_bind_parameter_count(dml.st); i++) {
      if (!params[i]) continue;
      Oid t = plan.param_types.size() > i && plan.param_types[i] && plan.param_types[i] != oid::kUnknown ? plan.param_types[i] : oid::kText;
      Datum d = type_input(t, -1, *params[i]);
      int idx = (int)i + 1;
      switch (d.kind) {
        case Datum::Kind::Null: break;
        case Datum::Kind::Int: sqlite3_bind_int64(dml.st, idx, d.i); break;
        case Datum::Kind::Real: sqlite3_bind_double(dml.st, idx, d.r); break;
        case Datum::Kind::Text: sqlite3_bind_text(dml.st, idx, d.s.data(), (int)d.s.size(), SQLITE_TRANSIENT); break;
        case Datum::Kind::Blob: sqlite3_bind_blob(dml.st, idx, d.s.data(), (int)d.s.size(), SQLITE_TRANSIENT); break;
      }
    }
    Stmt ins;
    if (step.ncols) {
      std::string cols, marks;
      // A staged statement (analyze/analyze_dml_snapshot.cpp) finds its rows by rowid (c1, unique).
      bool keyed = step.table.rfind("_pgmicro_snap", 0) == 0;
      for (size_t c = 0; c < step.ncols; c++) {
        cols += (c ? ", c" : "c") + std::to_string(c + 1) + (c == 0 && keyed ? " INTEGER PRIMARY KEY" : "");
        marks += c ? ", ?" : "?";
      }
      std::string create = "CREATE TEMP TABLE IF NOT EXISTS " + step.table + " (" + cols + ")";
      std::string clear = "DELETE FROM temp." + step.table;
      if (sqlite3_exec(conn_, create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK ||
          sqlite3_exec(conn_, clear.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(SQLITE_ERROR);
      std::string insert = "INSERT INTO temp." + step.table + " VALUES (" + marks + ")";
      if (sqlite3_prepare_v2(conn_, insert.c_str(), -1, &ins.st, nullptr) != SQLITE_OK) fail(SQLITE_ERROR);
    }
    // SQLite finishes a RETURNING statement's changes before the first row comes back, so the
    // rows can be copied one by one.
    int rc;
    while ((rc = sqlite3_step(dml.st)) == SQLITE_ROW) {
      if (!ins.st) continue;
      for (size_t c = 0; c < step.ncols; c++) sqlite3_bind_value(ins.st, (int)c + 1, sqlite3_column_value(dml.st, (int)c));
      if (sqlite3_step(ins.st) != SQLITE_DONE) fail(SQLITE_ERROR);
      sqlite3_reset(ins.st);
    }
    if (rc != SQLITE_DONE) fail(rc);
    if (runtime_.pending_error) fail(SQLITE_ERROR);
  }
}

void SessionImpl::drop_dml_cte_tables(const CachedPlan& plan) {
  for (const DmlCteStep& step : plan.dml_ctes)
    if (step.ncols) sqlite3_exec(conn_, ("DROP TABLE IF EXISTS temp." + step.table).c_str(), nullptr, nullptr, nullptr);
}

}  // namespace pgmicro

namespace pgmicro {

// PostgreSQL runs a statement and its data-modifying WITH queries on one snapshot: nothing else in
// the statement sees their changes. Here they run first, so another part that reads (or writes)
// the same table would see different rows: refused instead of answering differently.
void SessionImpl::refuse_dml_cte_snapshot_reads(const CachedPlan& plan) {
  for (size_t i = 0; i < plan.dml_ctes.size(); i++) {
    const std::string& ref = plan.dml_ctes[i].target_ref;
    if (ref.empty()) continue;
    // An INSERT that only writes the table (its target, no ON CONFLICT) ends in the same state.
    size_t at = plan.lowered.find(ref);
    bool used = at != std::string::npos;
    if (used && plan.kind == T_InsertStmt && plan.lowered.find(" ON CONFLICT") == std::string::npos &&
        at >= 12 && plan.lowered.compare(at - 12, 12, "INSERT INTO ") == 0)
      used = plan.lowered.find(ref, at + ref.size()) != std::string::npos;
    // Another WITH query touching the table: fine when the later of the two only inserts into
    // it (the earlier one's rows are then those of the snapshot, and the insert adds the same).
    auto only_inserts = [&](const std::string& sql) {
      size_t a = sql.find("INSERT INTO " + ref);
      return a != std::string::npos && sql.find(ref, a + 12 + ref.size()) == std::string::npos &&
             sql.find(ref) == a + 12 && sql.find(" ON CONFLICT") == std::string::npos;
    };
    for (size_t j = 0; j < plan.dml_ctes.size() && !used; j++)
      used = j != i && plan.dml_ctes[j].sql.find(ref) != std::string::npos &&
             !only_inserts(plan.dml_ctes[std::max(i, j)].sql);
    if (used) unsupported("data-modifying WITH on a table that the rest of the statement also uses");
    // A function the statement calls reading the table: PostgreSQL's function sees the table
    // before the WITH query (STABLE) or as far as the WITH query has run when it is called
    // (VOLATILE); here it would see it modified already.
    for (auto& t : catalog_.tables()) {
      if (t->sqlite_ref() != ref) continue;
      FunctionTableReads reads(catalog_, FunctionTableReads::with_ancestors(catalog_, *t));
      bool calls = reads.sql_reads_via_calls(plan.lowered);
      for (size_t j = 0; j < plan.dml_ctes.size() && !calls; j++) calls = reads.sql_reads_via_calls(plan.dml_ctes[j].sql);
      if (calls) unsupported("data-modifying WITH on a table that a function called by the statement reads");
    }
  }
}

}  // namespace pgmicro
