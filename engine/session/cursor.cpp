// DECLARE CURSOR, FETCH, MOVE and CLOSE. A cursor's query runs to completion at DECLARE and
// its rows are kept in the session (PostgreSQL materialises a WITH HOLD cursor the same way at
// commit; a cursor's snapshot is taken at DECLARE, so the rows are the ones it would read).
// A run-time error of a cursor without WITH HOLD is PostgreSQL's error of the FETCH that reads
// past the rows made before it: DECLARE runs the query inside a savepoint, undoes its changes,
// keeps the rows made so far and the error; the FETCH needing more rows raises it and the cursor
// is failed from then on (55000 "portal cannot be run", as after ROLLBACK TO a savepoint).
// A cursor declared after a savepoint ends with a ROLLBACK TO that savepoint (cursor_savepoints.h).
// The position follows PostgreSQL's portal: before the first row (0), on row k (1..n), or after
// the last (n + 1); FETCH/MOVE FORWARD/BACKWARD/ABSOLUTE/RELATIVE move it as DoPortalRunFetch.
// Cursors without WITH HOLD end with their transaction; all end with a ROLLBACK of the
// transaction that declared them.
#include <climits>
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/cursor_savepoints.h"
#include "session/session_impl.h"

namespace pgmicro {

struct SessionCursor {
  std::vector<Column> columns;
  std::vector<std::vector<TextValue>> rows;
  int64_t pos = 0;
  bool hold = false;
  bool no_scroll = false;
  bool committed = false;  // survived the COMMIT of its transaction (WITH HOLD)
  size_t depth = 0;        // savepoints open when it was declared (still open ones after RELEASE)
  bool has_error = false;  // the query failed after making `rows`
  Error error;
  bool failed = false;     // a FETCH raised `error`: the portal cannot run again
};

void cursors_release_savepoint(CursorMap& cursors, size_t depth) {
  for (auto& [name, c] : cursors) c->depth = std::min(c->depth, depth);
}

void cursors_rollback_to_savepoint(CursorMap& cursors, size_t depth) {
  for (auto it = cursors.begin(); it != cursors.end();) it = it->second->depth > depth ? cursors.erase(it) : std::next(it);
}

void SessionImpl::execute_declare_cursor(DeclareCursorStmt* stmt, StatementResult& out) {
  std::string name = stmt->portalname ? stmt->portalname : "";
  bool hold = stmt->options & CURSOR_OPT_HOLD;
  // The query is analysed before the transaction check (PostgreSQL's order): SELECT INTO first.
  if (IsA(stmt->query, SelectStmt) && reinterpret_cast<SelectStmt*>(stmt->query)->intoClause)
    throw PgError(sqlstate::kSyntaxError, "SELECT ... INTO is not allowed here")
        .at(reinterpret_cast<SelectStmt*>(stmt->query)->intoClause->rel->location);
  if (!hold && status_ == TransactionStatus::Idle)
    throw PgError(sqlstate::kNoActiveSqlTransaction, "DECLARE CURSOR can only be used in transaction blocks");
  if (cursors_.count(name)) throw PgError("42P03", "cursor \"" + name + "\" already exists");
  if (!IsA(stmt->query, SelectStmt)) unsupported("DECLARE CURSOR for this statement");
  std::vector<Oid> param_types;
  CachedPlan plan;
  if (!plan_statement(stmt->query, param_types, plan)) unsupported("DECLARE CURSOR for this statement");
  StatementResult rows;
  auto c = std::make_shared<SessionCursor>();
  c->depth = savepoints_.size();
  // SQLite opens no savepoint inside a data-modifying statement: the error is then DECLARE's.
  if (!hold && sqlite3_exec(conn_, "SAVEPOINT \"_pgmicro_cursor\"", nullptr, nullptr, nullptr) == SQLITE_OK) {
    try {
      run_plan(plan, {}, rows);
      exec_sql(conn_, "RELEASE \"_pgmicro_cursor\"");
    } catch (PgError& e) {
      runtime_.pending_error.reset();
      exec_sql(conn_, "ROLLBACK TO \"_pgmicro_cursor\"");
      exec_sql(conn_, "RELEASE \"_pgmicro_cursor\"");
      c->has_error = true;
      c->error = e.error;
      c->error.position = 0;  // a position in the DECLARE's text means nothing to the FETCH
    }
  } else {
    run_plan(plan, {}, rows);
  }
  c->columns = rows.columns;
  c->rows = std::move(rows.rows);
  c->hold = hold;
  c->no_scroll = stmt->options & CURSOR_OPT_NO_SCROLL;
  cursors_[name] = c;
  out.command_tag = "DECLARE CURSOR";
}

const std::vector<Column>* SessionImpl::cursor_columns(const std::string& name) const {
  auto it = cursors_.find(name);
  return it == cursors_.end() ? nullptr : &it->second->columns;
}

void SessionImpl::execute_fetch(FetchStmt* stmt, StatementResult& out) {
  std::string name = stmt->portalname ? stmt->portalname : "";
  auto it = cursors_.find(name);
  if (it == cursors_.end()) throw PgError("34000", "cursor \"" + name + "\" does not exist");
  SessionCursor& c = *it->second;
  if (c.failed) throw PgError("55000", "portal \"" + name + "\" cannot be run");
  const int64_t n = (int64_t)c.rows.size();
  int64_t count = stmt->howMany == LONG_MAX ? INT64_MAX : (int64_t)stmt->howMany;
  FetchDirection dir = stmt->direction;
  // FORWARD 0 / BACKWARD 0 fetch the current row, as RELATIVE 0.
  if ((dir == FETCH_FORWARD || dir == FETCH_BACKWARD) && count == 0) dir = FETCH_RELATIVE;
  if (dir == FETCH_FORWARD && count < 0) { dir = FETCH_BACKWARD; count = -count; }
  else if (dir == FETCH_BACKWARD && count < 0) { dir = FETCH_FORWARD; count = -count; }
  bool backward = dir == FETCH_BACKWARD || ((dir == FETCH_ABSOLUTE || dir == FETCH_RELATIVE) && c.no_scroll &&
                                            !(dir == FETCH_RELATIVE && count >= 0));
  if (backward && c.no_scroll)
    throw PgError("55000", "cursor can only scan forward", "", "Declare it with SCROLL option to enable backward scan.");
  std::vector<int64_t> take;  // 1-based rows returned, in order
  if (dir == FETCH_FORWARD) {
    for (int64_t k = c.pos + 1; k <= n && (int64_t)take.size() < count; k++) take.push_back(k);
    c.pos = (int64_t)take.size() < count ? n + 1 : take.back();
  } else if (dir == FETCH_BACKWARD) {
    for (int64_t k = std::min(c.pos, n + 1) - 1; k >= 1 && (int64_t)take.size() < count; k--) take.push_back(k);
    c.pos = (int64_t)take.size() < count ? 0 : take.back();
  } else {
    int64_t target = dir == FETCH_ABSOLUTE ? (count >= 0 ? count : n + 1 + count) : c.pos + count;
    if (dir == FETCH_ABSOLUTE && count == 0) target = 0;
    if (target >= 1 && target <= n) {
      take.push_back(target);
      c.pos = target;
    } else {
      c.pos = target < 1 ? 0 : n + 1;
    }
  }
  if (c.has_error) {
    // The query failed after its n rows: reading past them (or from the end) raises its error.
    bool past = dir == FETCH_FORWARD ? (int64_t)take.size() < count
                : dir == FETCH_BACKWARD ? c.pos > n
                : c.pos > n || (dir == FETCH_ABSOLUTE && count < 0);
    if (past) {
      c.failed = true;
      throw PgError(c.error);
    }
  }
  if (stmt->ismove) {
    out.command_tag = "MOVE " + std::to_string(take.size());
    return;
  }
  out.returns_rows = true;
  out.columns = c.columns;
  for (int64_t k : take) out.rows.push_back(c.rows[(size_t)(k - 1)]);
  out.command_tag = "FETCH " + std::to_string(take.size());
}

void SessionImpl::execute_close_cursor(ClosePortalStmt* stmt, StatementResult& out) {
  if (!stmt->portalname) {
    cursors_.clear();
    out.command_tag = "CLOSE CURSOR ALL";
    return;
  }
  std::string name = stmt->portalname;
  if (!cursors_.erase(name)) throw PgError("34000", "cursor \"" + name + "\" does not exist");
  out.command_tag = "CLOSE CURSOR";
}

void SessionImpl::end_transaction_cursors(bool commit) {
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    SessionCursor& c = *it->second;
    bool keep = commit ? c.hold : c.committed;
    if (keep && commit) c.committed = true;
    it = keep ? std::next(it) : cursors_.erase(it);
  }
}

}  // namespace pgmicro
