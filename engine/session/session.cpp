// Session: statement dispatch, PostgreSQL transaction semantics on SQLite transactions,
// running lowered SQL and converting results to PostgreSQL's text format, and mapping
// SQLite errors back to PostgreSQL errors.
#include "analyze/statement_snapshot.h"
#include "parse/identifier_truncation.h"
#include "session/deferred_constraints.h"
#include "session/foreign_keys.h"
#include "session/exclusion_constraints.h"
#include "session/numeric_unique.h"
#include "session/copy.h"
#include "session/cursor_savepoints.h"
#include "session/session_impl.h"
#include <algorithm>
#include <chrono>
#include <cstring>
#include "analyze/analyzer.h"
#include "analyze/column_origins.h"
#include "catalog/inheritance.h"
#include "catalog/object_names.h"
#include "common/error.h"
#include "common/utf8.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "plpgsql/plpgsql_exec.h"
#include "parse/pg_nodes.h"
#include "session/database_impl.h"
#include "types/json.h"
#include "types/timezone.h"
#include "types/interval.h"
#include "types/type_families.h"
#include "types/enum_uncommitted.h"
#include "session/guc_table.h"
#include "types/type_io.h"

namespace pgmicro {

static int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

SessionImpl::SessionImpl(std::shared_ptr<DatabaseImpl> db) : db_(std::move(db)) {
  conn_ = db_->open_connection();
  // Foreign-key cascades on a self-referencing table delete/update through the same trigger.
  sqlite3_exec(conn_, "PRAGMA recursive_triggers = ON", nullptr, nullptr, nullptr);
  // Scan counters only while EXPLAIN ANALYZE runs a statement (explain.cpp).
  sqlite3_db_config(conn_, SQLITE_DBCONFIG_STMT_SCANSTATUS, 0, nullptr);
  // The session's temporary schema (pg_temp): a private in-memory database, searched after
  // main by unqualified SQLite names, so it never shadows the file's own tables.
  sqlite3_exec(conn_, "ATTACH ':memory:' AS pgtemp", nullptr, nullptr, nullptr);
  runtime_.catalog = &catalog_;
  privileges_.db = conn_;
  catalog_.privileges = &privileges_;
  runtime_.sequences = &db_->sequences();
  register_all_functions(conn_, &runtime_);
  runtime_.settings = &settings_;
  register_session_functions(conn_, &runtime_);
  runtime_.prepared_statements = [this] {
    std::vector<RuntimeContext::PreparedInfo> r;
    for (auto& [name, p] : prepared_) r.push_back({name, p.query_string, p.plan.param_types});
    return r;
  };
  runtime_.run_utility = [this](const std::string& sql) { run_plpgsql_utility(sql); };
}

// A utility statement inside PL/pgSQL code (engine/plpgsql/): run as a statement of its own,
// then the catalog is reloaded for the code's next statements.
void SessionImpl::run_plpgsql_utility(const std::string& sql) {
  ParsedScript ps(sql);
  auto saved_sql = current_sql_;
  auto saved_text = current_stmt_text_;
  struct Restore {
    SessionImpl* s; decltype(saved_sql) a; decltype(saved_text) b;
    ~Restore() { s->current_sql_ = a; s->current_stmt_text_ = b; }
  } restore{this, saved_sql, saved_text};
  current_sql_ = current_stmt_text_ = sql;
  for (auto& st : ps.statements()) {
    if (nodeTag(st.raw->stmt) == T_TransactionStmt) unsupported("transaction control in PL/pgSQL");
    StatementResult r;
    execute_statement(st.raw->stmt, {}, r, nullptr);
    for (auto& n : r.notices) runtime_.notices.push_back(n);
    if (catalog_.refresh(conn_, schema_version_stmt_)) prepare_user_types();
  }
}

SessionImpl::~SessionImpl() {
  forget_uncommitted_enum_labels(&catalog_.user_types());
  if (status_ != TransactionStatus::Idle || implicit_open_) {
    sqlite3_exec(conn_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  try {
    flush_sequences();
  } catch (...) {
  }
  for (auto& [sql, st] : stmt_cache_) sqlite3_finalize(st);
  finalize_nested_statements(&runtime_);
  for (auto& [sql, st] : runtime_.domain_check_stmts) sqlite3_finalize(st);
  sqlite3_finalize(schema_version_stmt_);
  sqlite3_close_v2(conn_);
}

void SessionImpl::interrupt() { sqlite3_interrupt(conn_); }
int64_t SessionImpl::last_insert_rowid() const { return sqlite3_last_insert_rowid(conn_); }

// What the progress handler watches while a statement runs: its statement_timeout
// deadline and the host's cancel check.
struct StatementWatch {
  bool has_deadline = false;
  std::chrono::steady_clock::time_point deadline;
  bool* timeout_fired = nullptr;
  const std::function<bool()>* cancel_check = nullptr;
};

// Progress handler: a statement past its deadline or canceled by the host is interrupted.
static int check_statement(void* arg) {
  auto* w = static_cast<StatementWatch*>(arg);
  if (w->has_deadline && std::chrono::steady_clock::now() > w->deadline) {
    *w->timeout_fired = true;
    return 1;
  }
  return w->cancel_check && (*w->cancel_check)() ? 1 : 0;
}

void SessionImpl::flush_sequences() {
  if (runtime_.dirty_sequences.empty()) return;
  std::vector<int64_t> dirty;
  dirty.swap(runtime_.dirty_sequences);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(conn_, "UPDATE _pgmicro_sequence SET last_value = ?, is_called = ? WHERE seqrelid = ?", -1,
                         &st, nullptr) != SQLITE_OK)
    return;
  std::lock_guard<std::mutex> lock(runtime_.sequences->mu);
  for (int64_t oid : dirty) {
    auto it = runtime_.sequences->values.find(oid);
    if (it == runtime_.sequences->values.end()) continue;
    sqlite3_bind_int64(st, 1, it->second.last_value);
    sqlite3_bind_int(st, 2, it->second.is_called);
    sqlite3_bind_int64(st, 3, oid);
    sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
}

void SessionImpl::begin_implicit() {
  exec_sql(conn_, "BEGIN");
  implicit_open_ = true;
}

void SessionImpl::commit_implicit() {
  try {
    check_deferred_constraints(nullptr);
  } catch (PgError&) {
    end_transaction_constraints();
    rollback_implicit();
    throw;
  }
  end_transaction_constraints();
  run_on_commit_actions();
  flush_sequences();
  implicit_open_ = false;
  settings_.end_implicit();
  int rc = sqlite3_exec(conn_, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    Error e = translate_sqlite_error(rc);
    sqlite3_exec(conn_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw PgError(e);
  }
}

void SessionImpl::rollback_implicit() {
  end_transaction_constraints();
  implicit_open_ = false;
  settings_.end_implicit();
  sqlite3_exec(conn_, "ROLLBACK", nullptr, nullptr, nullptr);
  try {
    flush_sequences();
  } catch (...) {
  }
}

void SessionImpl::ensure_triggers() {
  // One BEFORE INSERT and one BEFORE UPDATE temp trigger per table: PostgreSQL's NOT NULL
  // check and the row remembered for unique-violation details. Temp triggers live only in
  // this connection, so the file stays usable from plain SQLite.
  drop_triggers("");
  triggers_dirty_ = false;
  std::string sql;
  for (auto& t : catalog_.tables()) {
    if (t->plain_sqlite) continue;
    std::string args = std::to_string(t->oid);
    for (auto& c : t->columns) args += ", NEW." + quote_ident(c.name);
    // CHECK constraints, in name order as PostgreSQL evaluates them; NULL passes.
    std::vector<const ConstraintDef*> checks;
    // A partitioned table's own rows are only staged for routing: the partitions check them
    // (its partition constraint, when it is a partition itself, still applies).
    bool routed = t->partition_strategy != 0;
    for (auto& c : t->constraints)
      if (c.type == 'c' && (!routed || c.name == kPartitionConstraintName)) checks.push_back(&c);
    std::sort(checks.begin(), checks.end(), [](auto* a, auto* b) { return a->name < b->name; });
    std::string check_sql;
    for (auto* c : checks) {
      std::vector<Oid> no_params;
      Analyzer a(catalog_, no_params);
      ParsedScript ps("SELECT " + c->check_expr);
      auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
      auto scope = a.dml_scope(t.get(), "");
      scope->rtable[0].sql_alias = "NEW";
      scope->rtable[0].dml_target = false;
      a.scope_ = scope.get();
      ExprPtr e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Check);
      check_sql += " SELECT pg_check_violation(" + args + ", " + quote_literal(c->name) + ") WHERE (" +
                   lower_expr_in(*e, scope->rtable) + ") IS FALSE;";
    }
    sql += foreign_key_triggers(catalog_, *t);  // a partitioned table's on its partitions
    for (auto& c : t->constraints)
      if (c.deferrable && sql.find(kDeferredChecksDdl) == std::string::npos) sql = kDeferredChecksDdl + sql;
    sql += plpgsql::user_triggers_sql(catalog_, conn_, *t);  // CREATE TRIGGER (engine/plpgsql/)
    std::string tag = std::to_string(t->oid) + "_" + std::to_string(t->columns.size()) + "_" + std::to_string(checks.size());
    for (const char* ev : {"INSERT", "UPDATE"}) {
      sql += "CREATE TEMP TRIGGER IF NOT EXISTS " + quote_ident("_pgmicro_check_" + std::string(ev) + "_" + tag) +
             " BEFORE " + ev + " ON " + t->sqlite_ref() + " BEGIN " + (routed ? "SELECT 1;" : "SELECT pg_check_row(" + args + ");") +
             check_sql + (routed ? "" : exclusion_trigger_sql(catalog_, *t, ev[0] == 'U') +
                                         numeric_unique_trigger_sql(catalog_, *t, ev[0] == 'U')) + " END;";
    }
  }
  if (!sql.empty()) exec_sql(conn_, sql);
}

void SessionImpl::drop_triggers(const std::string& table) {
  // Every pgmicro trigger goes, whatever `table` is: a foreign key's triggers on other tables
  // name this table's columns. ensure_triggers() recreates them all before the next statement.
  (void)table;
  std::string q = "SELECT name FROM sqlite_temp_schema WHERE type = 'trigger' AND name LIKE '\\_pgmicro\\_%' ESCAPE '\\'";
  std::vector<std::string> names;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) == SQLITE_OK)
    while (sqlite3_step(st) == SQLITE_ROW) names.push_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  std::string sql;
  for (auto& n : names) sql += "DROP TRIGGER IF EXISTS temp." + quote_ident(n) + ";";
  if (!sql.empty()) exec_sql(conn_, sql);
  triggers_dirty_ = true;
}

void SessionImpl::exec_checked(const std::string& sql) {
  runtime_.pending_error.reset();
  int rc = sqlite3_exec(conn_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw PgError(translate_sqlite_error(rc));
}

Error SessionImpl::translate_sqlite_error(int rc) {
  if (runtime_.pending_error) {
    Error e = *runtime_.pending_error;
    runtime_.pending_error.reset();
    return e;
  }
  Error e;
  std::string msg = sqlite3_errmsg(conn_);
  int ext = sqlite3_extended_errcode(conn_);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    // "UNIQUE constraint failed: t.a, t.b"
    size_t p = msg.find(": ");
    std::string list = p == std::string::npos ? "" : msg.substr(p + 2);
    if (list.rfind("index '", 0) == 0 && list.size() > 8) {  // an expression index: "index 'name'"
      std::string sqlite_name = list.substr(7, list.size() - 8);
      for (auto& cand : catalog_.tables())
        for (auto& ix : cand->indexes)
          if (sqlite_relation_name(cand->schema, ix.name) == sqlite_name) {
            e.sqlstate = sqlstate::kUniqueViolation;
            e.message = "duplicate key value violates unique constraint \"" + ix.name + "\"";
            return e;
          }
    }
    std::string table;
    std::vector<std::string> cols;
    size_t s = 0;
    while (s < list.size()) {
      size_t q = list.find(", ", s);
      if (q == std::string::npos) q = list.size();
      std::string item = list.substr(s, q - s);
      size_t dot = item.rfind('.');  // a table of another schema is "schema.table" in SQLite
      table = item.substr(0, dot);
      cols.push_back(item.substr(dot + 1));
      s = q + 2;
    }
    // By SQLite name; a temporary table (pgtemp) of that name shadows the permanent one.
    const TableDef* t = nullptr;
    for (auto& cand : catalog_.tables())
      if (sqlite_relation_name(cand->schema, cand->name) == table && (!t || cand->temporary())) t = cand.get();
    // The constraint or unique index whose key is exactly the failed columns, and the
    // remembered row's key values for PostgreSQL's DETAIL.
    auto match = [&](const std::string& name, const std::vector<int>& key) {
      if (key.size() != cols.size()) return false;
      for (size_t i = 0; i < cols.size(); i++)
        if (key[i] < 0 || t->columns[key[i]].name != cols[i]) return false;
      e.sqlstate = sqlstate::kUniqueViolation;
      e.message = "duplicate key value violates unique constraint \"" + name + "\"";
      if (runtime_.last_row_table == t->name && runtime_.last_row.size() == t->columns.size()) {
        std::string names, values;
        for (size_t i = 0; i < key.size(); i++) {
          names += (i ? ", " : "") + t->columns[key[i]].name;
          auto v = runtime_.last_row_text(key[i]);
          values += (i ? ", " : "") + (v ? *v : std::string("null"));
        }
        e.detail = "Key (" + names + ")=(" + values + ") already exists.";
      }
      return true;
    };
    if (t) {
      for (auto& c : t->constraints)
        if (c.type != 'c' && match(c.name, c.columns)) return e;
      for (auto& ix : t->indexes)
        if (ix.unique && match(ix.name, ix.columns)) return e;
    }
    e.sqlstate = sqlstate::kUniqueViolation;
    e.message = "duplicate key value violates unique constraint";
    return e;
  }
  if (ext == SQLITE_CONSTRAINT_NOTNULL && msg.rfind("NOT NULL constraint failed: ", 0) == 0) {
    // A SQLite table's own NOT NULL (tables outside the catalog): PostgreSQL's wording.
    std::string item = msg.substr(28);
    size_t dot = item.find('.');
    if (dot != std::string::npos) {
      e.sqlstate = sqlstate::kNotNullViolation;
      e.message = "null value in column \"" + item.substr(dot + 1) + "\" of relation \"" + item.substr(0, dot) +
                  "\" violates not-null constraint";
      return e;
    }
  }
  // A frame offset bound as a parameter fails SQLite's own check (negative or NULL).
  for (const char* edge : {"starting", "ending"})
    if (msg.rfind(std::string("frame ") + edge + " offset must be a non-negative ", 0) == 0) {
      e.sqlstate = "22013";
      e.message = msg.find("number") != std::string::npos ? "invalid preceding or following size in window function"
                                                          : std::string("frame ") + edge + " offset must not be negative";
      return e;
    }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: e.sqlstate = "23000"; break;
    case SQLITE_INTERRUPT:
      e.sqlstate = "57014";
      msg = timeout_fired_ ? "canceling statement due to statement timeout" : "canceling statement due to user request";
      break;
    case SQLITE_NOMEM: e.sqlstate = "53200"; msg = "out of memory"; break;
    case SQLITE_FULL: e.sqlstate = "53100"; msg = "could not extend file: " + msg; break;
    case SQLITE_TOOBIG: e.sqlstate = "54000"; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: e.sqlstate = "55P03"; msg = "could not obtain lock: " + msg; break;
    case SQLITE_READONLY: e.sqlstate = "25006"; msg = "cannot execute statement in a read-only database"; break;
    default: e.sqlstate = sqlstate::kInternalError; break;
  }
  e.message = msg;
  return e;
}

void SessionImpl::run_query(const std::string& sql, const std::vector<Oid>& param_types,
                            const std::vector<TextValue>& params, StatementResult& out, bool want_rows) {
  sqlite3_stmt* st = nullptr;
  runtime_.pending_error.reset();
  // Prepared statements are cached by their lowered SQL (SQLite re-prepares them itself
  // after schema changes); a different catalog lowers to different SQL.
  // EXPLAIN ANALYZE's statement is prepared and stepped with scan counters on, never cached.
  bool analyzing = analyze_hook_ && sql == analyze_sql_;
  if (analyzing) sqlite3_db_config(conn_, SQLITE_DBCONFIG_STMT_SCANSTATUS, 1, nullptr);
  auto cached = analyzing ? stmt_cache_.end() : stmt_cache_.find(sql);
  if (cached != stmt_cache_.end()) {
    st = cached->second;
    stmt_cache_.erase(cached);
  } else if (sqlite3_prepare_v3(conn_, sql.c_str(), (int)sql.size(), SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
    Error e = translate_sqlite_error(SQLITE_ERROR);
    if (analyzing) sqlite3_db_config(conn_, SQLITE_DBCONFIG_STMT_SCANSTATUS, 0, nullptr);
    if (e.message.find("too large") != std::string::npos || e.message.find("too many") != std::string::npos) {
      e.sqlstate = sqlstate::kStatementTooComplex;
      e.message = "statement is too complex: " + e.message;
    } else if (e.message.rfind("circular reference", 0) == 0) {
      // SQLite reads a recursive WITH query only directly in the FROM of a recursive SELECT.
      e.sqlstate = sqlstate::kFeatureNotSupported;
      e.message = "a recursive reference inside a subquery or another WITH query is not supported by pgmicro yet";
    } else {
      e.message = "internal error preparing lowered statement: " + e.message;
    }
    throw PgError(e);
  }
  // Return the statement to the cache when done (at most kStmtCacheSize entries).
  struct Recycler {
    SessionImpl* self; sqlite3_stmt* s; const std::string& sql; bool analyzing;
    ~Recycler() {
      if (analyzing) {
        sqlite3_db_config(self->conn_, SQLITE_DBCONFIG_STMT_SCANSTATUS, 0, nullptr);
        sqlite3_progress_handler(self->conn_, 0, nullptr, nullptr);
        self->runtime_.interrupt_check = nullptr;
        sqlite3_finalize(s);
        return;
      }
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
      sqlite3_progress_handler(self->conn_, 0, nullptr, nullptr);
      self->runtime_.interrupt_check = nullptr;
      if (self->stmt_cache_.size() >= kStmtCacheSize) {
        for (auto& [k, v] : self->stmt_cache_) sqlite3_finalize(v);
        self->stmt_cache_.clear();
      }
      if (!self->stmt_cache_.emplace(sql, s).second) sqlite3_finalize(s);
    }
  } recycle{this, st, sql, analyzing};
  StatementWatch watch;
  std::string timeout = settings_.get("statement_timeout");
  if (timeout != "0") {
    int64_t ms = guc_int_value(*find_guc("statement_timeout"), timeout);
    watch.has_deadline = true;
    watch.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  }
  watch.timeout_fired = &timeout_fired_;
  if (cancel_check_) watch.cancel_check = &cancel_check_;
  timeout_fired_ = false;
  if (watch.has_deadline || watch.cancel_check) sqlite3_progress_handler(conn_, 1000, check_statement, &watch);
  // Functions that run long inside one call (regex matching) poll the same conditions.
  runtime_.interrupt_check = [this, &watch]() -> int {
    bool hit = sqlite3_is_interrupted(conn_) || ((watch.has_deadline || watch.cancel_check) && check_statement(&watch));
    return hit ? (timeout_fired_ ? 2 : 1) : 0;
  };
  for (size_t i = 0; i < params.size(); i++) {
    if (!params[i]) continue;  // unbound parameters are NULL
    Oid t = param_types[i] == oid::kUnknown || param_types[i] == 0 ? oid::kText : param_types[i];
    Datum d = type_input(t, -1, *params[i]);
    int idx = (int)i + 1;
    switch (d.kind) {
      case Datum::Kind::Null: break;
      case Datum::Kind::Int: sqlite3_bind_int64(st, idx, d.i); break;
      case Datum::Kind::Real: sqlite3_bind_double(st, idx, d.r); break;
      case Datum::Kind::Text: sqlite3_bind_text(st, idx, d.s.data(), (int)d.s.size(), SQLITE_TRANSIENT); break;
      case Datum::Kind::Blob: sqlite3_bind_blob(st, idx, d.s.data(), (int)d.s.size(), SQLITE_TRANSIENT); break;
    }
  }
  int rc;
  size_t ncols = out.columns.size();
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!want_rows) continue;
    std::vector<TextValue> row(ncols);
    for (size_t c = 0; c < ncols; c++) {
      sqlite3_value* v = sqlite3_column_value(st, (int)c);
      if (sqlite3_value_type(v) == SQLITE_NULL) continue;
      std::string s;
      type_output(out.columns[c].type_oid, v, s);
      row[c] = std::move(s);
    }
    out.rows.push_back(std::move(row));
  }
  if (analyzing) analyze_hook_(st);
  if (rc != SQLITE_DONE) {
    Error e = translate_sqlite_error(rc);
    timeout_fired_ = false;
    throw PgError(e);
  }
  timeout_fired_ = false;
  if (runtime_.pending_error) throw PgError(translate_sqlite_error(SQLITE_ERROR));
}

static std::vector<Column> columns_of(const std::vector<TargetEntry>& targets) {
  std::vector<Column> cols;
  // A domain column is described by its base type and typmod, as PostgreSQL's RowDescription.
  for (auto& t : targets) {
    int32_t typmod = t.expr->typmod;
    Oid type = domain_base_type(t.expr->type, &typmod);
    cols.push_back({t.name, type, typmod});
  }
  return cols;
}

void SessionImpl::run_plan(const CachedPlan& plan, const std::vector<TextValue>& params, StatementResult& out) {
  xact_query_run_ = true;
  check_read_only_plan(plan);
  out.returns_rows = plan.returns_rows;
  out.columns = plan.columns;
  struct DropCteTables {
    SessionImpl* s; const CachedPlan& p;
    ~DropCteTables() { if (!p.dml_ctes.empty()) s->drop_dml_cte_tables(p); }
  } drop_cte_tables{this, plan};
  size_t after_mark = plpgsql::after_row_queue_mark();
  if (!plan.dml_ctes.empty()) run_dml_ctes(plan, params);
  fire_plan_statement_triggers(plan, true);
  // Rows BEFORE INSERT triggers replaced by a modified row (plpgsql_trigger.cpp) count too.
  plpgsql::take_replaced_rows();
  plpgsql::take_rewritten_rows();
  auto replaced = [&] {
    int64_t r = plpgsql::take_replaced_rows();
    if (plpgsql::take_rewritten_rows() && out.returns_rows && plan.kind != T_SelectStmt)
      unsupported("RETURNING with BEFORE triggers that return a modified row");
    if (r && out.returns_rows && plan.kind != T_SelectStmt) unsupported("RETURNING with BEFORE triggers that return a modified row");
    return plan.kind == T_SelectStmt ? 0 : r;
  };
  run_query(plan.lowered, plan.param_types, params, out, plan.returns_rows);
  int64_t r0 = replaced();
  int64_t n = plan.kind == T_SelectStmt || out.returns_rows ? (int64_t)out.rows.size()
              : plan.first_uncounted                      ? 0
                                                          : sqlite3_changes64(conn_) + r0;
  for (size_t i = 0; i < plan.more_lowered.size(); i++) {
    run_query(plan.more_lowered[i], plan.param_types, params, out, plan.returns_rows);
    bool counts = i < plan.more_counts.size() ? plan.more_counts[i] != 0 : plan.kind != T_InsertStmt;
    int64_t r = replaced();
    n = out.returns_rows ? (int64_t)out.rows.size() : counts ? n + sqlite3_changes64(conn_) + r : n;
  }
  plpgsql::fire_after_row_queue(&runtime_, after_mark);
  fire_plan_statement_triggers(plan, false);
  switch (plan.kind) {
    case T_SelectStmt: out.command_tag = "SELECT " + std::to_string(n); break;
    case T_InsertStmt: out.command_tag = "INSERT 0 " + std::to_string(n); break;
    case T_UpdateStmt: out.command_tag = "UPDATE " + std::to_string(n); break;
    default: out.command_tag = "DELETE " + std::to_string(n); break;
  }
}

void refuse_rules_in_dml_with(Catalog& cat, sqlite3* db, Node* stmt);  // rules.cpp
void snapshot_insert_returning_reads(const InsertQuery& q, CachedPlan& plan);  // dml_snapshot_reads.cpp

void SessionImpl::execute_statement(Node* stmt, const std::vector<TextValue>& params, StatementResult& out,
                                    CachedPlan* keep) {
  std::vector<Oid> param_types(params.size(), oid::kUnknown);
  if (!statement_param_types_.empty()) {  // execute_with_types: the declared types (0: inferred)
    if (param_types.size() < statement_param_types_.size()) param_types.resize(statement_param_types_.size(), oid::kUnknown);
    for (size_t i = 0; i < statement_param_types_.size(); i++)
      if (statement_param_types_[i]) param_types[i] = statement_param_types_[i];
    statement_param_types_.clear();
  }
  CachedPlan plan;
  check_utility_privileges(stmt);
  check_read_only_utility(stmt);
  if ((IsA(stmt, InsertStmt) || IsA(stmt, UpdateStmt) || IsA(stmt, DeleteStmt)) && execute_with_rules(stmt, params, out)) return;
  if (plan_statement(stmt, param_types, plan)) {
    run_plan(plan, params, out);
    if (keep) *keep = std::move(plan);
    return;
  }
  switch (nodeTag(stmt)) {
    case T_PrepareStmt: return execute_prepare(reinterpret_cast<PrepareStmt*>(stmt), out);
    case T_ExecuteStmt: return execute_execute(reinterpret_cast<ExecuteStmt*>(stmt), out);
    case T_DeallocateStmt: return execute_deallocate(reinterpret_cast<DeallocateStmt*>(stmt), out);
    case T_CreateTableAsStmt: {
      auto* c = reinterpret_cast<CreateTableAsStmt*>(stmt);
      return execute_create_table_as(c->query, c->into, c->if_not_exists, c->objtype == OBJECT_MATVIEW, out);
    }
    case T_SelectStmt: {
      // SELECT ... INTO table: the query without its INTO clause.
      auto* s = reinterpret_cast<SelectStmt*>(stmt);
      IntoClause* into = s->intoClause;
      s->intoClause = nullptr;
      return execute_create_table_as(stmt, into, false, false, out);
    }
    default: break;
  }
  execute_utility(stmt, out);
}

bool SessionImpl::plan_statement(Node* stmt, std::vector<Oid>& param_types, CachedPlan& plan) {
  if (IsA(stmt, SelectStmt) && reinterpret_cast<SelectStmt*>(stmt)->intoClause) return false;  // SELECT INTO
  refuse_rules_in_dml_with(catalog_, conn_, stmt);  // rules.cpp
  Analyzer a(catalog_, param_types);
  a.sql_ = current_sql_;
  a.allow_dml_ctes = true;
  plan.kind = nodeTag(stmt);
  switch (nodeTag(stmt)) {
    case T_SelectStmt: {
      auto q = a.analyze_select(reinterpret_cast<SelectStmt*>(stmt));
      plan.returns_rows = true;
      plan.columns = columns_of(q->targets);
      mark_column_origins(q->targets, q->rtable, plan.columns);
      plan.lowered = lower_select(*q);
      break;
    }
    case T_InsertStmt: {
      auto q = a.analyze_insert(reinterpret_cast<InsertStmt*>(stmt));
      check_dml_privileges(stmt, q->table);
      plan.returns_rows = !q->returning.empty();
      plan.columns = columns_of(q->returning);
      mark_column_origins(q->returning, q->rtable, plan.columns);
      plan.lowered = lower_insert(*q);
      if (!plan_partitioned_upsert(*q, plan)) plan_partition_routing(q->table, q->has_on_conflict, plan);
      plan.dml_ctes = a.dml_cte_steps;
      snapshot_insert_returning_reads(*q, plan);  // dml_snapshot_reads.cpp
      a.dml_cte_steps = plan.dml_ctes;
      break;
    }
    case T_UpdateStmt: {
      auto q = a.analyze_update(reinterpret_cast<UpdateStmt*>(stmt));
      check_dml_privileges(stmt, q->table);
      plan.returns_rows = !q->returning.empty();
      plan.columns = columns_of(q->returning);
      mark_column_origins(q->returning, q->rtable, plan.columns);
      plan.lowered = lower_update(*q);
      plan.dml_ctes = a.dml_cte_steps;  // the children's RETURNING steps follow
      plan_inherited_dml(stmt, q->table, param_types, plan);
      break;
    }
    case T_DeleteStmt: {
      auto q = a.analyze_delete(reinterpret_cast<DeleteStmt*>(stmt));
      check_dml_privileges(stmt, q->table);
      plan.returns_rows = !q->returning.empty();
      plan.columns = columns_of(q->returning);
      mark_column_origins(q->returning, q->rtable, plan.columns);
      plan.lowered = lower_delete(*q);
      plan.dml_ctes = a.dml_cte_steps;
      plan_inherited_dml(stmt, q->table, param_types, plan);
      break;
    }
    default: plan.kind = 0; break;
  }
  if (!plan.kind) return false;
  if (plan.kind != T_UpdateStmt && plan.kind != T_DeleteStmt) plan.dml_ctes = a.dml_cte_steps;
  plan_statement_triggers(stmt, plan);
  refuse_dml_cte_snapshot_reads(plan);
  refuse_reads_of_function_writes(catalog_, plan.lowered);  // analyze/statement_snapshot.cpp
  plan.param_types = param_types;
  plan.catalog_generation = catalog_.generation();
  return true;
}

void SessionImpl::execute_utility(Node* stmt, StatementResult& out) {
  if (execute_privilege_statement(stmt, out)) return;
  switch (nodeTag(stmt)) {
    case T_CreateStmt: return execute_create_table(reinterpret_cast<CreateStmt*>(stmt), out);
    case T_DropStmt:
      if (reinterpret_cast<DropStmt*>(stmt)->removeType == OBJECT_TRIGGER) {
        plpgsql::execute_drop_trigger(reinterpret_cast<DropStmt*>(stmt), catalog_, conn_, out);
        return bump_schema();
      }
      if (reinterpret_cast<DropStmt*>(stmt)->removeType == OBJECT_RULE) return execute_drop_rule(reinterpret_cast<DropStmt*>(stmt), out);
      if (reinterpret_cast<DropStmt*>(stmt)->removeType == OBJECT_OPCLASS) return execute_drop_opclass(reinterpret_cast<DropStmt*>(stmt), out);
      return execute_drop(reinterpret_cast<DropStmt*>(stmt), out);
    case T_CreateTrigStmt:
      plpgsql::execute_create_trigger(reinterpret_cast<CreateTrigStmt*>(stmt), catalog_, conn_, current_sql_, out);
      return bump_schema();
    case T_TransactionStmt: return execute_transaction(reinterpret_cast<TransactionStmt*>(stmt), out);
    case T_VariableSetStmt: {
      auto* vs = reinterpret_cast<VariableSetStmt*>(stmt);
      if (set_transaction_characteristics(vs, out)) return;  // read_only_transaction.cpp
      settings_.apply(vs, status_ != TransactionStatus::Idle);
      if (vs->is_local && status_ == TransactionStatus::Idle)
        out.notices.push_back({"WARNING", "25P01", "SET LOCAL can only be used in transaction blocks"});
      out.command_tag = vs->kind == VAR_RESET || vs->kind == VAR_RESET_ALL ? "RESET" : "SET";
      return;
    }
    case T_VariableShowStmt: {
      auto* vs = reinterpret_cast<VariableShowStmt*>(stmt);
      std::string name = vs->name;
      out.returns_rows = true;
      out.command_tag = "SHOW";
      if (name == "all") {
        out.columns = {{"name", oid::kText, -1}, {"setting", oid::kText, -1}, {"description", oid::kText, -1}};
        for (auto& row : settings_.show_all()) out.rows.push_back({row[0], row[1], row[2]});
        return;
      }
      auto [col, value] = settings_.show(name);
      out.returns_rows = true;
      out.columns = {{col, oid::kText, -1}};
      out.rows = {{value}};
      out.command_tag = "SHOW";
      return;
    }
    case T_IndexStmt: return execute_index(reinterpret_cast<IndexStmt*>(stmt), out);
    case T_AlterTableStmt: return execute_alter_table_tree(reinterpret_cast<AlterTableStmt*>(stmt), out);
    case T_RenameStmt: return execute_rename_tree(reinterpret_cast<RenameStmt*>(stmt), out);
    case T_ViewStmt: return execute_view(reinterpret_cast<ViewStmt*>(stmt), out);
    case T_RuleStmt: return execute_create_rule(reinterpret_cast<RuleStmt*>(stmt), out);
    case T_CreateSeqStmt: return execute_create_sequence(reinterpret_cast<CreateSeqStmt*>(stmt), out);
    case T_AlterSeqStmt: return execute_alter_sequence(reinterpret_cast<AlterSeqStmt*>(stmt), out);
    case T_TruncateStmt: return execute_truncate(reinterpret_cast<TruncateStmt*>(stmt), out);
    case T_CreateFunctionStmt: return execute_create_function(reinterpret_cast<CreateFunctionStmt*>(stmt), out);
    case T_DefineStmt:
      if (reinterpret_cast<DefineStmt*>(stmt)->kind == OBJECT_AGGREGATE)
        return execute_create_aggregate(reinterpret_cast<DefineStmt*>(stmt), out);
      if (reinterpret_cast<DefineStmt*>(stmt)->kind == OBJECT_TYPE)
        return execute_define_type(reinterpret_cast<DefineStmt*>(stmt), out);
      if (reinterpret_cast<DefineStmt*>(stmt)->kind == OBJECT_OPERATOR)
        return execute_create_operator(reinterpret_cast<DefineStmt*>(stmt), out);
      break;
    case T_CreateCastStmt: return execute_create_cast(reinterpret_cast<CreateCastStmt*>(stmt), out);
    case T_CallStmt: return execute_call(reinterpret_cast<CallStmt*>(stmt), out);
    case T_AlterFunctionStmt: return execute_alter_function(reinterpret_cast<AlterFunctionStmt*>(stmt), out);
    case T_CreateEnumStmt: return execute_create_enum(reinterpret_cast<CreateEnumStmt*>(stmt), out);
    case T_CompositeTypeStmt: return execute_create_composite(reinterpret_cast<CompositeTypeStmt*>(stmt), out);
    case T_AlterEnumStmt: return execute_alter_enum(reinterpret_cast<AlterEnumStmt*>(stmt), out);
    case T_CreateDomainStmt: return execute_create_domain(reinterpret_cast<CreateDomainStmt*>(stmt), out);
    case T_AlterDomainStmt: return execute_alter_domain(reinterpret_cast<AlterDomainStmt*>(stmt), out);
    case T_CreateSchemaStmt: return execute_create_schema(reinterpret_cast<CreateSchemaStmt*>(stmt), out);
    case T_AlterObjectSchemaStmt: return execute_alter_object_schema(reinterpret_cast<AlterObjectSchemaStmt*>(stmt), out);
    case T_CommentStmt: return execute_comment(reinterpret_cast<CommentStmt*>(stmt), out);
    case T_CreateOpClassStmt: return execute_create_opclass(reinterpret_cast<CreateOpClassStmt*>(stmt), out);
    case T_ReindexStmt: return execute_reindex(reinterpret_cast<ReindexStmt*>(stmt), out);
    case T_ConstraintsSetStmt: return execute_set_constraints(reinterpret_cast<ConstraintsSetStmt*>(stmt), out);
    case T_DiscardStmt: return execute_discard(reinterpret_cast<DiscardStmt*>(stmt), out);
    case T_ExplainStmt: return execute_explain(reinterpret_cast<ExplainStmt*>(stmt), out);
    case T_VacuumStmt: return execute_vacuum(reinterpret_cast<VacuumStmt*>(stmt), out);
    case T_CheckPointStmt: return execute_checkpoint(out);
    case T_CopyStmt: return execute_copy(reinterpret_cast<CopyStmt*>(stmt), out);
    case T_MergeStmt: return execute_merge(reinterpret_cast<MergeStmt*>(stmt), out);
    case T_DoStmt: return plpgsql::execute_do(reinterpret_cast<DoStmt*>(stmt), runtime_, out);
    case T_DeclareCursorStmt: return execute_declare_cursor(reinterpret_cast<DeclareCursorStmt*>(stmt), out);
    case T_FetchStmt: return execute_fetch(reinterpret_cast<FetchStmt*>(stmt), out);
    case T_ClosePortalStmt: return execute_close_cursor(reinterpret_cast<ClosePortalStmt*>(stmt), out);
    default: break;
  }
  const char* name;
  switch (nodeTag(stmt)) {
    case T_AlterSeqStmt: name = "ALTER SEQUENCE"; break;
    case T_CreateSchemaStmt: name = "CREATE SCHEMA"; break;
    case T_ExplainStmt: name = "EXPLAIN"; break;
    case T_CopyStmt: name = "COPY"; break;
    case T_MergeStmt: name = "MERGE"; break;
    case T_CreateTableAsStmt: name = "CREATE TABLE AS"; break;
    case T_PrepareStmt: name = "PREPARE"; break;
    case T_ExecuteStmt: name = "EXECUTE"; break;
    case T_DeallocateStmt: name = "DEALLOCATE"; break;
    case T_CommentStmt: name = "COMMENT"; break;
    case T_CompositeTypeStmt: name = "composite types"; break;
    case T_CreateRangeStmt: name = "range types"; break;
    case T_DefineStmt: name = "this CREATE statement"; break;
    case T_GrantStmt: name = "GRANT"; break;
    case T_VacuumStmt: name = "VACUUM"; break;
    case T_DoStmt: name = "DO"; break;
    default: name = "this statement"; break;
  }
  unsupported(name);
}

void SessionImpl::execute_transaction(TransactionStmt* stmt, StatementResult& out) {
  if (implicit_open_ && implicit_transaction_statement(stmt, out)) return;
  switch (stmt->kind) {
    case TRANS_STMT_BEGIN:
    case TRANS_STMT_START:
      out.command_tag = stmt->kind == TRANS_STMT_BEGIN ? "BEGIN" : "START TRANSACTION";
      for_each_node(stmt->options, [&](Node* n) {
        auto* d = reinterpret_cast<DefElem*>(n);
        if (std::strcmp(d->defname, "transaction_isolation") == 0 || std::strcmp(d->defname, "transaction_read_only") == 0 ||
            std::strcmp(d->defname, "transaction_deferrable") == 0)
          return;  // accepted: SQLite transactions are serializable
      });
      if (status_ != TransactionStatus::Idle) {
        out.notices.push_back({"WARNING", "25001", "there is already a transaction in progress"});
        return;
      }
      exec_sql(conn_, "BEGIN");
      status_ = TransactionStatus::InBlock;
      savepoints_.clear();
      forget_uncommitted_enum_labels(&catalog_.user_types());
      settings_.begin();
      begin_transaction_settings(stmt->options);
      return;
    case TRANS_STMT_COMMIT:
    case TRANS_STMT_ROLLBACK: {
      bool commit = stmt->kind == TRANS_STMT_COMMIT;
      out.command_tag = commit ? "COMMIT" : "ROLLBACK";
      forget_uncommitted_enum_labels(&catalog_.user_types());  // the block ends either way
      if (status_ == TransactionStatus::Idle) {
        if (stmt->chain)
          throw PgError("25P01", std::string(commit ? "COMMIT" : "ROLLBACK") + " AND CHAIN can only be used in transaction blocks");
        out.notices.push_back({"WARNING", "25P01", "there is no transaction in progress"});
        return;
      }
      if (stmt->chain) {
        // AND CHAIN: a new block with the same characteristics right after this one ends.
        std::string iso = settings_.get("transaction_isolation"), ro = settings_.get("transaction_read_only");
        std::string deferrable = settings_.get("transaction_deferrable");
        TransactionStmt plain = *stmt;
        plain.chain = false;
        execute_transaction(&plain, out);
        exec_sql(conn_, "BEGIN");
        status_ = TransactionStatus::InBlock;
        savepoints_.clear();
        settings_.begin();
        start_transaction_settings(iso, ro);
        settings_.set_config("transaction_deferrable", deferrable, true);
        return;
      }
      if (commit && status_ == TransactionStatus::InBlock) {
        try {
          check_deferred_constraints(nullptr);  // a failure rolls the transaction back
        } catch (PgError&) {
          status_ = TransactionStatus::Idle;
          savepoints_.clear();
          settings_.rollback();
          end_transaction_cursors(false);
          end_transaction_constraints();
          sqlite3_exec(conn_, "ROLLBACK", nullptr, nullptr, nullptr);
          flush_sequences();
          throw;
        }
        end_transaction_constraints();
        run_on_commit_actions();
        flush_sequences();
        status_ = TransactionStatus::Idle;
        savepoints_.clear();
        settings_.commit();
        end_transaction_cursors(true);
        int rc = sqlite3_exec(conn_, "COMMIT", nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) {
          Error e = translate_sqlite_error(rc);
          sqlite3_exec(conn_, "ROLLBACK", nullptr, nullptr, nullptr);
          throw PgError(e);
        }
        return;
      }
      out.command_tag = "ROLLBACK";
      status_ = TransactionStatus::Idle;
      savepoints_.clear();
      end_transaction_constraints();
      settings_.rollback();
      end_transaction_cursors(false);
      sqlite3_exec(conn_, "ROLLBACK", nullptr, nullptr, nullptr);
      flush_sequences();
      return;
    }
    case TRANS_STMT_SAVEPOINT:
    case TRANS_STMT_RELEASE:
    case TRANS_STMT_ROLLBACK_TO: {
      std::string name = stmt->savepoint_name ? stmt->savepoint_name : "";
      const char* what = stmt->kind == TRANS_STMT_SAVEPOINT ? "SAVEPOINT" : stmt->kind == TRANS_STMT_RELEASE ? "RELEASE SAVEPOINT" : "ROLLBACK TO SAVEPOINT";
      if (status_ == TransactionStatus::Idle)
        throw PgError(sqlstate::kNoActiveSqlTransaction, std::string(what) + " can only be used in transaction blocks");
      out.command_tag = stmt->kind == TRANS_STMT_SAVEPOINT ? "SAVEPOINT" : stmt->kind == TRANS_STMT_RELEASE ? "RELEASE" : "ROLLBACK";
      if (stmt->kind == TRANS_STMT_SAVEPOINT) {
        exec_sql(conn_, "SAVEPOINT " + quote_ident(name));
        savepoints_.push_back(name);
        return;
      }
      int idx = -1;
      for (int i = (int)savepoints_.size() - 1; i >= 0; i--)
        if (savepoints_[i] == name) { idx = i; break; }
      if (idx < 0) throw PgError("3B001", "savepoint \"" + name + "\" does not exist");
      if (stmt->kind == TRANS_STMT_RELEASE) {
        exec_sql(conn_, "RELEASE " + quote_ident(name));
        savepoints_.resize(idx);
        cursors_release_savepoint(cursors_, (size_t)idx);
      } else {
        exec_sql(conn_, "ROLLBACK TO " + quote_ident(name));
        savepoints_.resize(idx + 1);
        cursors_rollback_to_savepoint(cursors_, (size_t)idx);
        status_ = TransactionStatus::InBlock;
      }
      return;
    }
    default: unsupported("two-phase commit");
  }
}

Dialect SessionImpl::dialect() const {
  return settings_.get("pgmicro.dialect") == "sqlite" ? Dialect::Sqlite : Dialect::Postgres;
}

std::vector<StatementResult> SessionImpl::execute(std::string_view sql, const std::vector<TextValue>& params) {
  return execute(sql, params, Dialect::Session);
}

// Errors carry libpg_query's byte offsets; clients get PostgreSQL's character positions. The
// conversion happens once, for the outermost call (nested calls run parts of the same text).
std::vector<StatementResult> SessionImpl::execute(std::string_view sql, const std::vector<TextValue>& params,
                                                  Dialect d) {
  struct Depth {
    int& n;
    explicit Depth(int& x) : n(x) { ++n; }
    ~Depth() { --n; }
  } depth{execute_depth_};
  auto results = execute_text(sql, params, d);
  if (execute_depth_ == 1)
    for (auto& r : results)
      if (r.error && r.error->position > 1) r.error->position = utf8_position(sql, r.error->position);
  return results;
}

std::vector<StatementResult> SessionImpl::execute_text(std::string_view sql, const std::vector<TextValue>& params,
                                                       Dialect d) {
  // A COPY FROM STDIN whose data never ended is abandoned (rolled back) by the next statement.
  if (copy_in_) copy_fail("the client sent a query instead of the COPY data");
  if (d == Dialect::Sqlite || (d == Dialect::Session && dialect() == Dialect::Sqlite)) {
    if (sql.find('\0') != std::string_view::npos) {
      StatementResult r;
      r.error = Error{"22021", "invalid byte sequence for encoding \"UTF8\": 0x00"};
      return {std::move(r)};
    }
    try {
      return execute_sqlite(std::string(sql), params, d == Dialect::Session);
    } catch (std::bad_alloc&) {
      StatementResult r;
      r.error = Error{"53200", "out of memory"};
      return {std::move(r)};
    }
  }
  return execute_postgres(sql, params, d == Dialect::Session);
}

std::vector<StatementResult> SessionImpl::execute_postgres(std::string_view sql_view, const std::vector<TextValue>& params,
                                                           bool follow_session) {
  std::vector<StatementResult> results;
  UserTypesScope user_types_scope(&catalog_.user_types());  // type lookups see this session's types
  CatalogNamesScope names_scope(catalog_);                  // reg* input/output see its objects
  std::string sql(sql_view);
  if (sql.find('\0') != std::string::npos) {
    StatementResult r;
    r.error = Error{"22021", "invalid byte sequence for encoding \"UTF8\": 0x00"};
    results.push_back(std::move(r));
    return results;
  }
  // A script seen before as one query/DML statement runs from its cached plan (checked
  // against the catalog below, after refresh); otherwise it is parsed.
  std::vector<Oid> declared;  // execute_with_types: for the script's own statements only
  declared.swap(declared_param_types_);
  std::string plan_key = sql;
  plan_key += '\0';
  plan_key += std::to_string(params.size());
  for (Oid t : declared) plan_key += ',' + std::to_string(t);
  plan_key += '\0';
  plan_key += settings_.get("timezone");  // constants were converted in this zone
  plan_key += '\0';
  plan_key += settings_.get("datestyle");      // ... with this date field order
  plan_key += settings_.get("intervalstyle");  // ... and sql_standard's interval signs
  const CachedPlan* cached = nullptr;
  if (auto it = plan_cache_.find(plan_key); it != plan_cache_.end()) cached = &it->second;
  std::unique_ptr<ParsedScript> script;
  auto parse = [&]() -> bool {
    try {
      script = std::make_unique<ParsedScript>(sql);
      return true;
    } catch (PgError& e) {
      StatementResult r;
      r.error = e.error;
      if (status_ == TransactionStatus::InBlock) status_ = TransactionStatus::Failed;
      results.push_back(std::move(r));
      return false;
    }
  };
  // A script switching to the SQLite dialect may hold SQLite-only syntax after the switch: when
  // it does not parse as a whole, its statements run one by one in the dialect of the moment.
  if (!cached && follow_session && !in_piecewise_ && mentions_dialect_setting(sql)) {
    try {
      script = std::make_unique<ParsedScript>(sql);
    } catch (PgError&) {
      return execute_piecewise(sql, params);
    }
  }
  if (!cached && !script && !parse()) return results;
  size_t count = cached ? 1 : script->statements().size();
  current_sql_ = sql;
  // Several statements form one implicit block; a transaction statement among them acts on it
  // (implicit_transaction_statement).
  bool implicit_multi = count > 1 && status_ == TransactionStatus::Idle;
  multi_statement_ = count > 1;
  for (size_t i = 0; i < count; i++) {
    Node* node = cached ? nullptr : script->statements()[i].raw->stmt;
    StatementResult r;
    runtime_.notices.clear();
    if (i == 0 && script)  // the scanner's notices come before the script's first statement
      for (auto& m : identifier_truncation_messages(sql)) runtime_.notices.push_back({"NOTICE", "42622", m, "", ""});
    plpgsql::clear_after_row_queue();
    // RAISE NOTICE/WARNING of PL/pgSQL code come before the statement's own notices.
    struct TakeNotices {
      RuntimeContext& rc; StatementResult& r;
      ~TakeNotices() {
        if (!rc.notices.empty()) r.notices.insert(r.notices.begin(), rc.notices.begin(), rc.notices.end());
        rc.notices.clear();
      }
    };
    try {
      TakeNotices take_notices{runtime_, r};
      bool is_txn = node && nodeTag(node) == T_TransactionStmt;
      if (status_ == TransactionStatus::Failed) {
        auto* ts = is_txn ? reinterpret_cast<TransactionStmt*>(node) : nullptr;
        bool allowed = ts && (ts->kind == TRANS_STMT_COMMIT || ts->kind == TRANS_STMT_ROLLBACK ||
                              ts->kind == TRANS_STMT_ROLLBACK_TO);
        if (!allowed)
          throw PgError(sqlstate::kInFailedTransaction,
                        "current transaction is aborted, commands ignored until end of transaction block");
      }
      if (!schema_version_stmt_)
        sqlite3_prepare_v3(conn_, "PRAGMA schema_version", -1, SQLITE_PREPARE_PERSISTENT, &schema_version_stmt_, nullptr);
      if (catalog_.refresh(conn_, schema_version_stmt_)) {
        prepare_user_types();
        ensure_triggers();
      } else if (triggers_dirty_) {
        ensure_triggers();
      }
      catalog_.set_search_path(settings_.get("search_path"));
      sync_role();
      if (cached && cached->catalog_generation != catalog_.generation()) {
        // The schema changed since the plan was made: forget every plan, parse this script.
        cached = nullptr;
        plan_cache_.clear();
        if (!parse()) return results;
        if (script->statements().size() != 1) {  // cannot happen for a cached text; be safe
          throw PgError(sqlstate::kInternalError, "cached plan no longer matches its statement");
        }
        node = script->statements()[0].raw->stmt;
      }
      // Strictly increasing per session: WASM's clock has millisecond resolution, and a statement
      // must not share its start time with the BEGIN before it (now() <> statement_timestamp()).
      runtime_.statement_start_us = std::max(now_us(), runtime_.statement_start_us + 1);
      set_session_timezone(find_timezone(settings_.get("timezone")));
      set_max_stack_depth_setting(settings_.get("max_stack_depth"));  // types/json.h
      set_session_interval_style(interval_style_setting(settings_.get("intervalstyle")));
      set_extra_float_digits(std::atoi(settings_.get("extra_float_digits").c_str()));
      set_bytea_output_escape(settings_.get("bytea_output") == "escape");
      {
        const std::string ds = settings_.get("datestyle");
        set_date_order(ds.find("DMY") != std::string::npos ? DateOrder::DMY
                       : ds.find("YMD") != std::string::npos ? DateOrder::YMD : DateOrder::MDY);
      }
      if (status_ == TransactionStatus::Idle && !(implicit_multi && i > 0)) runtime_.transaction_start_us = runtime_.statement_start_us;
      set_datetime_input_now(runtime_.transaction_start_us);  // 'now' input: the transaction's start
      take_datetime_input_used_now();
      bool own_txn = status_ == TransactionStatus::Idle && !implicit_open_ && !is_txn;
      if (own_txn || (implicit_multi && !implicit_open_ && status_ == TransactionStatus::Idle && !is_txn)) begin_implicit();
      if (cached) {
        current_stmt_text_ = sql;
        run_plan(*cached, params, r);
      } else {
        const auto& st = script->statements()[i];
        current_stmt_text_ = st.length ? sql.substr(st.location, st.length) : sql.substr(st.location);
        CachedPlan plan;
        int64_t owner_mark = owner_watermark();
        statement_param_types_ = declared;
        execute_statement(node, params, r, count == 1 ? &plan : nullptr);
        statement_param_types_.clear();
        record_owners(owner_mark);
        if (r.copy_in) {
          // COPY FROM STDIN: the statement (and its implicit transaction) ends in copy_end().
          if (i + 1 < count) {
            copy_in_.reset();
            throw PgError(sqlstate::kFeatureNotSupported,
                          "COPY FROM STDIN followed by other statements in the same query string is not supported by pgmicro yet");
          }
          results.push_back(std::move(r));
          return results;
        }
        if (plan.kind && r.notices.empty() && catalog_.generation() == plan.catalog_generation &&
            !take_datetime_input_used_now()) {  // a 'now' constant is not reusable
          if (plan_cache_.size() >= kPlanCacheSize) plan_cache_.clear();
          plan_cache_.emplace(plan_key, std::move(plan));
        }
      }
      if (own_txn && !implicit_multi) commit_implicit();
    } catch (PgError& e) {
      r.error = e.error;
      r.rows.clear();
      if (implicit_open_) rollback_implicit();
      if (status_ == TransactionStatus::InBlock) status_ = TransactionStatus::Failed;
      results.push_back(std::move(r));
      return results;
    } catch (std::bad_alloc&) {
      r.error = Error{"53200", "out of memory"};
      if (implicit_open_) rollback_implicit();
      if (status_ == TransactionStatus::InBlock) status_ = TransactionStatus::Failed;
      results.push_back(std::move(r));
      return results;
    }
    std::string level = settings_.get("client_min_messages");
    if (level == "warning" || level == "error")
      r.notices.erase(std::remove_if(r.notices.begin(), r.notices.end(),
                                     [&](const Notice& n) { return n.severity == "NOTICE" || (level == "error" && n.severity == "WARNING"); }),
                      r.notices.end());
    results.push_back(std::move(r));
    if (follow_session && node && nodeTag(node) == T_VariableSetStmt && i + 1 < count && dialect() == Dialect::Sqlite) {
      // SET pgmicro.dialect = 'sqlite' mid-script: the rest of the script is SQLite's.
      if (implicit_open_) {
        try {
          commit_implicit();
        } catch (PgError& e) {
          results.back().error = e.error;
          return results;
        }
      }
      for (auto& x : execute_sqlite(sql.substr(script->statements()[i + 1].location), params, true))
        results.push_back(std::move(x));
      return results;
    }
  }
  if (implicit_open_) {
    try {
      commit_implicit();
    } catch (PgError& e) {
      results.back().error = e.error;
    }
  }
  return results;
}

}  // namespace pgmicro
