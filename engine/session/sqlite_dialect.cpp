// The SQLite dialect on a session (SET pgmicro.dialect = 'sqlite', or Dialect::Sqlite for one
// call): each statement is prepared by SQLite itself on the session's connection, inside the
// session's transaction state, and its values come back as PostgreSQL text with a column type
// chosen from the SQLite storage classes seen (docs/architecture.md, "Two dialects"). SET/RESET/
// SHOW and the transaction statements PostgreSQL's grammar accepts go through the PostgreSQL
// path so settings, savepoints and the transaction state stay one. An authorizer keeps SQLite
// DDL off the tables, indexes and `_pgmicro_*` tables the PostgreSQL catalog manages.
#include <cctype>
#include <chrono>
#include <cstring>
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "session/sqlite_dialect_float_params.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

// Skips whitespace and SQL comments from i.
size_t skip_space(const std::string& s, size_t i) {
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      i++;
    } else if (s.compare(i, 2, "--") == 0) {
      size_t e = s.find('\n', i);
      i = e == std::string::npos ? s.size() : e + 1;
    } else if (s.compare(i, 2, "/*") == 0) {
      size_t e = s.find("*/", i + 2);
      i = e == std::string::npos ? s.size() : e + 2;
    } else {
      break;
    }
  }
  return i;
}

// The upper-cased word (letters and '_') at i, and the position after it.
std::string word_at(const std::string& s, size_t& i) {
  std::string w;
  while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '_'))
    w += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i++])));
  return w;
}

// End of the statement starting at `from`: just past the first ';' at which SQLite's tokenizer
// sees a complete statement (quotes, comments and CREATE TRIGGER bodies respected), or the end.
size_t statement_end(const std::string& s, size_t from) {
  for (size_t p = s.find(';', from); p != std::string::npos; p = s.find(';', p + 1))
    if (sqlite3_complete(s.substr(from, p + 1 - from).c_str())) return p + 1;
  return s.size();
}

bool is_pg_routed(const std::string& w) {
  static const char* kWords[] = {"SET", "RESET", "SHOW", "BEGIN", "START", "COMMIT", "END", "ROLLBACK",
                                 "ABORT", "SAVEPOINT", "RELEASE", nullptr};
  for (const char** k = kWords; *k; k++)
    if (w == *k) return true;
  return false;
}

// The command tag of a SQLite statement: PostgreSQL's for DML and row-returning statements,
// otherwise its leading keywords ("CREATE TABLE", "DROP INDEX", "PRAGMA").
std::string command_tag(const std::string& sql, size_t start, bool returns_rows, int64_t rows, int64_t changes) {
  size_t i = skip_space(sql, start);
  std::string w = word_at(sql, i);
  if (w == "WITH" || w == "VALUES" || w == "SELECT") return "SELECT " + std::to_string(rows);
  int64_t n = returns_rows ? rows : changes;
  if (w == "INSERT" || w == "REPLACE") return "INSERT 0 " + std::to_string(n);
  if (w == "UPDATE" || w == "DELETE") return w + " " + std::to_string(n);
  if (returns_rows) return "SELECT " + std::to_string(rows);
  if (w == "CREATE" || w == "DROP" || w == "ALTER") {
    for (;;) {
      i = skip_space(sql, i);
      std::string next = word_at(sql, i);
      if (next == "TEMP" || next == "TEMPORARY" || next == "UNIQUE" || next == "VIRTUAL") continue;
      return next.empty() ? w : w + " " + next;
    }
  }
  return w.empty() ? "EMPTY" : w;
}

// A value's PostgreSQL text in the type chosen for its column (see choose_type).
void value_text(sqlite3_value* v, std::string& out) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: out = std::to_string(sqlite3_value_int64(v)); break;
    case SQLITE_FLOAT: type_output(oid::kFloat8, v, out); break;
    case SQLITE_BLOB: type_output(oid::kBytea, v, out); break;
    default: out.assign(reinterpret_cast<const char*>(sqlite3_value_text(v)), sqlite3_value_bytes(v)); break;
  }
}

// What a column held: a bit per SQLite storage class seen, and whether an INTEGER left int4.
struct ColumnSeen {
  unsigned classes = 0;
  bool wide = false;
};

// The column's PostgreSQL type from the values it returned: only INTEGERs → integer (bigint when
// one leaves int4's range); only numbers → double precision; only BLOBs → bytea; else text.
Oid choose_type(const ColumnSeen& c) {
  const unsigned kInt = 1u << SQLITE_INTEGER, kReal = 1u << SQLITE_FLOAT, kBlob = 1u << SQLITE_BLOB;
  if (c.classes == kInt) return c.wide ? oid::kInt8 : oid::kInt4;
  if (c.classes && (c.classes & ~(kInt | kReal)) == 0) return oid::kFloat8;
  if (c.classes == kBlob) return oid::kBytea;
  return oid::kText;
}

struct AuthorizerState {
  const Catalog* catalog;
  sqlite3* conn;
  std::optional<Error> denied;
  bool float_columns = false;  // the statement meets a PostgreSQL float column (parameters as numbers)
};

// Whether the main database's VFS has shared memory (xShmMap): without it a file in WAL mode
// cannot be opened again (the pgmicro-node VFS, the in-memory store).
bool main_file_has_shm(sqlite3* conn) {
  sqlite3_file* f = nullptr;
  if (sqlite3_file_control(conn, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f || !f->pMethods) return false;
  return f->pMethods->iVersion >= 2 && f->pMethods->xShmMap != nullptr;
}

bool is_catalog_table(const std::string& name) { return name.rfind("_pgmicro_", 0) == 0; }

// SQLite's authorizer while a SQLite-dialect statement is prepared: DDL on what the PostgreSQL
// catalog manages would leave the catalog out of step with the file, so it is refused.
int authorize(void* arg, int action, const char* a, const char* b, const char* db_name, const char* trigger) {
  auto* st = static_cast<AuthorizerState*>(arg);
  // pgmicro's own pg_* functions and table-valued functions take the analyzer's encodings; from
  // SQLite SQL they are reachable only through the session's own triggers (_pgmicro_*).
  bool in_pgmicro_trigger = trigger && sqlite3_strnicmp(trigger, "_pgmicro_", 9) == 0;
  auto internal = [&](const char* name) {
    return name && sqlite3_strnicmp(name, "pg_", 3) == 0 && !in_pgmicro_trigger;
  };
  if ((action == SQLITE_FUNCTION && internal(b)) ||
      (action == SQLITE_READ && internal(a) && !st->catalog->find_table(a))) {
    std::string fn = action == SQLITE_FUNCTION ? b : a;
    st->denied = Error{sqlstate::kFeatureNotSupported, "function " + fn + " is internal to pgmicro and not available in the SQLite dialect"};
    return SQLITE_DENY;
  }
  if (action == SQLITE_ATTACH || action == SQLITE_DETACH) {
    st->denied = Error{sqlstate::kFeatureNotSupported, std::string(action == SQLITE_ATTACH ? "ATTACH" : "DETACH") +
                                                           " is not supported in the SQLite dialect"};
    return SQLITE_DENY;
  }
  if (!st->float_columns) st->float_columns = touches_float_column(*st->catalog, action, a, b);
  if (db_name && std::strcmp(db_name, "temp") == 0) return SQLITE_OK;
  std::string what, name;
  auto managed = [&](const char* table) {
    if (!table) return false;
    std::string t = table;
    if (is_catalog_table(t)) return true;
    const TableDef* def = st->catalog->find_table(t);
    return def && !def->plain_sqlite;
  };
  switch (action) {
    case SQLITE_DROP_TABLE: if (managed(a)) { what = "drop table"; name = a; } break;
    case SQLITE_ALTER_TABLE: if (managed(b)) { what = "alter table"; name = b; } break;
    case SQLITE_CREATE_INDEX: if (managed(b)) { what = "create an index on table"; name = b; } break;
    case SQLITE_DROP_INDEX: if (managed(b)) { what = "drop index"; name = a; } break;
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_VIEW:
      if (a && (st->catalog->find_view(a) || st->catalog->find_sequence(a))) {
        what = action == SQLITE_CREATE_TABLE ? "create table" : "create view";
        name = a;
        st->denied = Error{"42P07", "relation \"" + name + "\" already exists"};
        return SQLITE_DENY;
      }
      break;
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      if (a && is_catalog_table(a)) { what = "modify catalog table"; name = a; }
      break;
    case SQLITE_PRAGMA:
      if (a && b && (sqlite3_stricmp(a, "writable_schema") == 0 || sqlite3_stricmp(a, "schema_version") == 0)) {
        what = "set PRAGMA";  // the catalog reloads when schema_version moves
        name = a;
      }
      if (a && sqlite3_stricmp(a, "journal_mode") == 0 && b && sqlite3_stricmp(b, "wal") == 0 && !main_file_has_shm(st->conn)) {
        st->denied = Error{sqlstate::kFeatureNotSupported, "journal_mode = WAL is not supported on this storage",
                           "Its SQLite VFS has no shared memory, so a database file in WAL mode could not be opened again.",
                           "The rollback journal (journal_mode = DELETE) is the journal here."};
        return SQLITE_DENY;
      }
      break;
    default: break;
  }
  if (what.empty()) return SQLITE_OK;
  Error e;
  e.sqlstate = sqlstate::kFeatureNotSupported;
  e.message = "cannot " + what + " \"" + name + "\" in the SQLite dialect";
  e.detail = "\"" + name + "\" is managed by the PostgreSQL catalog; changing it through SQLite would leave the catalog out of step.";
  e.hint = "Use the PostgreSQL dialect (SET pgmicro.dialect = 'postgres') for DDL on it.";
  st->denied = std::move(e);
  return SQLITE_DENY;
}

// What the progress handler watches while a SQLite-dialect statement runs: statement_timeout
// and the host's cancel check, as for PostgreSQL statements (session.cpp).
struct Watch {
  bool has_deadline = false;
  std::chrono::steady_clock::time_point deadline;
  bool* timeout_fired = nullptr;
  const std::function<bool()>* cancel_check = nullptr;
};

int watch_statement(void* arg) {
  auto* w = static_cast<Watch*>(arg);
  if (w->has_deadline && std::chrono::steady_clock::now() > w->deadline) {
    *w->timeout_fired = true;
    return 1;
  }
  return w->cancel_check && *w->cancel_check && (*w->cancel_check)() ? 1 : 0;
}

// PostgreSQL's SQLSTATE for a SQLite error message met while preparing.
const char* prepare_sqlstate(const std::string& msg) {
  if (msg.find("syntax error") != std::string::npos || msg.find("incomplete input") != std::string::npos)
    return sqlstate::kSyntaxError;
  if (msg.rfind("no such table", 0) == 0) return sqlstate::kUndefinedTable;
  if (msg.rfind("no such column", 0) == 0) return sqlstate::kUndefinedColumn;
  if (msg.rfind("no such function", 0) == 0) return "42883";
  if (msg.find("already exists") != std::string::npos) return "42P07";
  return "42000";
}

}  // namespace

std::vector<StatementResult> SessionImpl::execute_sqlite(const std::string& sql, const std::vector<TextValue>& params,
                                                         bool follow_session) {
  std::vector<StatementResult> results;
  size_t pos = 0;
  while (true) {
    pos = skip_space(sql, pos);
    while (pos < sql.size() && sql[pos] == ';') pos = skip_space(sql, pos + 1);
    if (pos >= sql.size()) break;
    size_t wpos = pos;
    std::string first = word_at(sql, wpos);
    if (is_pg_routed(first)) {
      // SET/SHOW/transaction control that PostgreSQL's grammar accepts run as PostgreSQL
      // statements (one transaction state, one set of settings); the rest (BEGIN IMMEDIATE, ...)
      // is SQLite's.
      size_t end = statement_end(sql, pos);
      std::string text = sql.substr(pos, end - pos);
      bool pg = false;
      try {
        ParsedScript ps(text);
        if (ps.statements().size() == 1) {
          NodeTag tag = nodeTag(ps.statements()[0].raw->stmt);
          pg = tag == T_VariableSetStmt || tag == T_VariableShowStmt || tag == T_TransactionStmt;
        }
      } catch (PgError&) {
      }
      if (pg) {
        auto r = execute(text, {}, Dialect::Postgres);
        bool failed = !r.empty() && r.back().error;
        for (auto& x : r) results.push_back(std::move(x));
        if (failed) return results;
        pos = end;
        if (follow_session && dialect() == Dialect::Postgres) {
          // The script switched to the PostgreSQL dialect: the rest of it is PostgreSQL.
          if (skip_space(sql, pos) < sql.size()) {
            auto rest = execute(sql.substr(pos), params, Dialect::Postgres);
            for (auto& x : rest) results.push_back(std::move(x));
          }
          return results;
        }
        continue;
      }
    }
    StatementResult r;
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    size_t start = pos;
    try {
      if (status_ == TransactionStatus::Failed)
        throw PgError(sqlstate::kInFailedTransaction,
                      "current transaction is aborted, commands ignored until end of transaction block");
      if (!schema_version_stmt_)
        sqlite3_prepare_v3(conn_, "PRAGMA schema_version", -1, SQLITE_PREPARE_PERSISTENT, &schema_version_stmt_, nullptr);
      if (catalog_.refresh(conn_, schema_version_stmt_) || triggers_dirty_) ensure_triggers();
      AuthorizerState auth{&catalog_, conn_, std::nullopt};
      sqlite3_set_authorizer(conn_, authorize, &auth);
      int rc = sqlite3_prepare_v2(conn_, sql.c_str() + pos, (int)(sql.size() - pos), &st, &tail);
      sqlite3_set_authorizer(conn_, nullptr, nullptr);
      if (auth.denied) throw PgError(*auth.denied);
      if (rc != SQLITE_OK) {
        std::string msg = sqlite3_errmsg(conn_);
        throw PgError(prepare_sqlstate(msg), msg);
      }
      pos = tail ? (size_t)(tail - sql.c_str()) : sql.size();
      if (!st) continue;  // only comments
      // Parameters: ?, ?NNN and $NNN take params[NNN - 1] (as PostgreSQL text, bound as TEXT;
      // canonical numbers as numbers when the statement meets a PostgreSQL float column).
      int nbind = sqlite3_bind_parameter_count(st);
      for (int i = 1; i <= nbind; i++) {
        const char* name = sqlite3_bind_parameter_name(st, i);
        long n = i;
        if (name && (name[0] == '$' || name[0] == '?')) {
          char* e;
          n = std::strtol(name + 1, &e, 10);
          if (*e || n < 1) n = -1;
        } else if (name) {
          n = -1;
        }
        if (n < 0) throw PgError("42P02", std::string("there is no parameter ") + name);
        if ((size_t)n > params.size()) throw PgError("42P02", "there is no parameter $" + std::to_string(n));
        if (const auto& p = params[n - 1]) bind_dialect_param(conn_, st, i, *p, auth.float_columns);
      }
      runtime_.pending_error.reset();
      Watch watch;
      std::string timeout = settings_.get("statement_timeout");  // normalised: 0, Nms, Ns, Nmin
      if (timeout != "0") {
        long ms = std::strtol(timeout.c_str(), nullptr, 10);
        if (timeout.find("min") != std::string::npos) ms *= 60000;
        else if (timeout.find("ms") == std::string::npos && timeout.find('s') != std::string::npos) ms *= 1000;
        watch.has_deadline = true;
        watch.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
      }
      timeout_fired_ = false;
      watch.timeout_fired = &timeout_fired_;
      if (cancel_check_) watch.cancel_check = &cancel_check_;
      if (watch.has_deadline || watch.cancel_check) sqlite3_progress_handler(conn_, 1000, watch_statement, &watch);
      struct Unwatch {
        sqlite3* c;
        ~Unwatch() { sqlite3_progress_handler(c, 0, nullptr, nullptr); }
      } unwatch{conn_};
      int ncols = sqlite3_column_count(st);
      std::vector<ColumnSeen> seen(ncols);
      runtime_.statement_start_us++;
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        std::vector<TextValue> row(ncols);
        for (int c = 0; c < ncols; c++) {
          sqlite3_value* v = sqlite3_column_value(st, c);
          int type = sqlite3_value_type(v);
          if (type == SQLITE_NULL) continue;
          seen[c].classes |= 1u << type;
          if (type == SQLITE_INTEGER) {
            int64_t x = sqlite3_value_int64(v);
            seen[c].wide |= x < INT32_MIN || x > INT32_MAX;
          }
          std::string s;
          value_text(v, s);
          row[c] = std::move(s);
        }
        r.rows.push_back(std::move(row));
      }
      if (rc != SQLITE_DONE) {
        Error e = translate_sqlite_error(rc);
        timeout_fired_ = false;
        throw PgError(e);
      }
      if (runtime_.pending_error) throw PgError(translate_sqlite_error(SQLITE_ERROR));
      r.returns_rows = ncols > 0;
      for (int c = 0; c < ncols; c++) r.columns.push_back({sqlite3_column_name(st, c), choose_type(seen[c]), -1});
      r.command_tag = command_tag(sql, start, r.returns_rows, (int64_t)r.rows.size(), sqlite3_changes64(conn_));
      sqlite3_finalize(st);
      st = nullptr;
      sync_sqlite_transaction();
      flush_sequences_if_idle();
    } catch (PgError& e) {
      if (st) sqlite3_finalize(st);
      sqlite3_set_authorizer(conn_, nullptr, nullptr);
      r.error = e.error;
      r.rows.clear();
      sync_sqlite_transaction();
      if (status_ == TransactionStatus::InBlock) status_ = TransactionStatus::Failed;
      results.push_back(std::move(r));
      return results;
    }
    results.push_back(std::move(r));
  }
  return results;
}

bool SessionImpl::mentions_dialect_setting(const std::string& sql) {
  static const char kName[] = "pgmicro.dialect";
  for (size_t i = 0; i + sizeof kName - 1 <= sql.size(); i++)
    if (sqlite3_strnicmp(sql.c_str() + i, kName, sizeof kName - 1) == 0) return true;
  return false;
}

std::vector<StatementResult> SessionImpl::execute_piecewise(const std::string& sql, const std::vector<TextValue>& params) {
  std::vector<StatementResult> results;
  // A piece that still does not parse gets its syntax error, not another split (a script of
  // one unparsable statement would otherwise recurse until the stack overflows).
  struct Guard {
    bool& flag;
    bool saved;
    ~Guard() { flag = saved; }
  } guard{in_piecewise_, in_piecewise_};
  in_piecewise_ = true;
  size_t pos = 0;
  while ((pos = skip_space(sql, pos)) < sql.size()) {
    size_t end = statement_end(sql, pos);
    auto r = execute(sql.substr(pos, end - pos), params, Dialect::Session);
    bool failed = !r.empty() && r.back().error;
    for (auto& x : r) results.push_back(std::move(x));
    if (failed) break;
    pos = end;
  }
  return results;
}

// A SQLite statement may open or end a transaction itself (BEGIN IMMEDIATE, an error that rolls
// back): the session's state follows SQLite's autocommit flag.
void SessionImpl::sync_sqlite_transaction() {
  bool autocommit = sqlite3_get_autocommit(conn_) != 0;
  if (!autocommit && status_ == TransactionStatus::Idle) {
    status_ = TransactionStatus::InBlock;
    savepoints_.clear();
    settings_.begin();
  } else if (autocommit && status_ != TransactionStatus::Idle) {
    status_ = TransactionStatus::Idle;
    savepoints_.clear();
    settings_.commit();
  }
}

void SessionImpl::flush_sequences_if_idle() {
  if (status_ != TransactionStatus::Idle || runtime_.dirty_sequences.empty()) return;
  exec_sql(conn_, "BEGIN");
  flush_sequences();
  exec_sql(conn_, "COMMIT");
}

}  // namespace pgmicro
