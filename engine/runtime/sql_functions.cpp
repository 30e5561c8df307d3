// Running LANGUAGE sql function bodies and LATERAL subqueries as nested statements on the
// same connection:
//   pg_sql_scalar(body, flags, args...)  — a scalar SQL function: the body's statements run
//       in order with args bound as ?1..?n; the first column of the last statement's first
//       row is the result (NULL without rows). flags: 1 strict (a NULL argument gives NULL
//       unrun), 4 returns void (the result is the empty string).
//   pg_sql_rows(body, flags, args...)    — table-valued (eponymous virtual table): the rows
//       of the last statement, columns c1..c100 and ordinality. flags: 1 strict (no rows for
//       a NULL argument), 2 exactly one row (a non-set function in FROM: the first row, or a
//       row of NULLs).
// body is either an integer, the id of a LoweredBody of the session's catalog (SQL functions,
// so recursion works), or the SQL text of one statement (LATERAL subqueries, whose outer
// references are the args). Values pass through in their storage encoding.
#include <memory>
#include <string>
#include <vector>
#include "catalog/catalog.h"
#include "plpgsql/plpgsql_exec.h"
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

constexpr int kRowColumns = 100;  // result columns of pg_sql_rows
constexpr int kMaxArgs = 100;     // bound arguments
constexpr int kMaxDepth = 200;    // nested calls (recursion) before 54001

struct Depth {
  static int& value() {
    static thread_local int d = 0;
    return d;
  }
  Depth() {
    if (++value() > kMaxDepth) {
      --value();
      throw PgError("54001", "stack depth limit exceeded", "",
                    "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring "
                    "the platform's stack depth limit is adequate.");
    }
  }
  ~Depth() { --value(); }
};

constexpr size_t kMaxCachedStatements = 64;

// One prepared statement of a body, with its arguments bound. Taken from the connection's
// cache of idle nested statements and given back (reset) on destruction, so a function called
// per row or a LATERAL subquery per outer row is prepared once.
struct Running {
  sqlite3_stmt* st = nullptr;
  RuntimeContext* rc = nullptr;
  std::string sql;
  ~Running() {
    if (!st) return;
    if (rc && rc->nested_statement_count < kMaxCachedStatements) {
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
      rc->nested_statements[sql].push_back(st);
      rc->nested_statement_count++;
    } else {
      sqlite3_finalize(st);
    }
  }
};

// Where a nested statement runs: PostgreSQL's CONTEXT line for errors inside it.
struct Where {
  const LoweredBody* body = nullptr;  // nullptr: a LATERAL subquery (no CONTEXT)
  size_t statement = 0;               // 0-based
};
thread_local Where current_where;

// Throws the pending PostgreSQL error of a failed nested step, or one made from SQLite's;
// the error gains "SQL function "f" statement n" (PostgreSQL's error context callback).
[[noreturn]] void nested_failure(sqlite3* db, RuntimeContext* rc, int code) {
  if (rc && rc->pending_error) {
    const Where& w = current_where;
    if (w.body && !w.body->inlinable && !rc->pending_error->sqlstate.empty() && rc->pending_error->sqlstate != "57014" &&
        rc->pending_error->sqlstate != "54001") {
      std::string line = "SQL function \"" + w.body->function_name + "\" statement " + std::to_string(w.statement + 1);
      auto& ctx = rc->pending_error->context;
      ctx = ctx.empty() ? line : ctx + "\n" + line;
    }
    throw PgError(*rc->pending_error);
  }
  if (code == SQLITE_INTERRUPT) throw PgError("57014", "canceling statement due to user request");
  throw PgError(sqlstate::kInternalError, std::string("SQL function: ") + sqlite3_errmsg(db));
}

void prepare(sqlite3* db, RuntimeContext* rc, const std::string& sql, int argc, sqlite3_value** argv, Running& out) {
  if (rc) {
    auto it = rc->nested_statements.find(sql);
    if (it != rc->nested_statements.end() && !it->second.empty()) {
      out.st = it->second.back();
      it->second.pop_back();
      rc->nested_statement_count--;
      if (it->second.empty()) rc->nested_statements.erase(it);
    }
  }
  if (!out.st && sqlite3_prepare_v2(db, sql.c_str(), (int)sql.size(), &out.st, nullptr) != SQLITE_OK) {
    out.st = nullptr;
    nested_failure(db, rc, SQLITE_ERROR);
  }
  out.rc = rc;
  out.sql = sql;
  int n = sqlite3_bind_parameter_count(out.st);
  for (int i = 0; i < n && i < argc; i++) sqlite3_bind_value(out.st, i + 1, argv[i]);
}

// The statements of `body` (a LoweredBody id or one statement's text); `lowered` gets the body.
const std::vector<std::string>* body_statements(RuntimeContext* rc, sqlite3_value* body, std::vector<std::string>& text,
                                                const LoweredBody** lowered = nullptr) {
  if (sqlite3_value_type(body) == SQLITE_INTEGER) {
    LoweredBody* b = rc && rc->catalog ? rc->catalog->body(sqlite3_value_int64(body)) : nullptr;
    if (!b || !b->ready) throw PgError(sqlstate::kInternalError, "SQL function body is not available");
    if (lowered) *lowered = b;
    return &b->statements;
  }
  text.assign(1, std::string(reinterpret_cast<const char*>(sqlite3_value_text(body)), (size_t)sqlite3_value_bytes(body)));
  return &text;
}

// Runs every statement of the body but the last to completion.
void run_leading(sqlite3* db, RuntimeContext* rc, const std::vector<std::string>& stmts, int argc, sqlite3_value** argv) {
  for (size_t i = 0; i + 1 < stmts.size(); i++) {
    current_where.statement = i;
    Running r;
    prepare(db, rc, stmts[i], argc, argv, r);
    int code;
    while ((code = sqlite3_step(r.st)) == SQLITE_ROW) {}
    if (code != SQLITE_DONE) nested_failure(db, rc, code);
  }
}

// A PL/pgSQL function's arguments as interpreter values (engine/plpgsql/).
std::vector<plpgsql::Value> plpgsql_args(const plpgsql::Function& f, int argc, sqlite3_value** argv) {
  std::vector<plpgsql::Value> args;
  for (int i = 0; i < argc && i < (int)f.arg_dnos.size(); i++) {
    plpgsql::Value v;
    v.type = f.datums[(size_t)f.arg_dnos[(size_t)i]].type;
    v.d = Datum::from_sqlite(argv[i]);
    args.push_back(std::move(v));
  }
  return args;
}

bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

void sql_scalar(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    sqlite3* db = sqlite3_context_db_handle(ctx);
    int flags = sqlite3_value_int(argv[1]);
    if ((flags & 1) && any_null(argc - 2, argv + 2)) return sqlite3_result_null(ctx);
    Depth depth;
    std::vector<std::string> text;
    const LoweredBody* lowered = nullptr;
    const std::vector<std::string>* stmts = body_statements(rc, argv[0], text, &lowered);
    if (lowered && lowered->plpgsql) {
      std::shared_ptr<plpgsql::Function> fn = lowered->plpgsql;  // a nested CREATE could reload the catalog
      std::optional<Datum> r = plpgsql::call_function(*fn, rc, plpgsql_args(*fn, argc - 2, argv + 2), nullptr);
      if (!r || r->is_null()) return sqlite3_result_null(ctx);
      return r->to_sqlite_result(ctx);
    }
    std::vector<std::string> copy = *stmts;  // a nested CREATE could reload the catalog
    Where saved = current_where;
    struct RestoreWhere { Where s; ~RestoreWhere() { current_where = s; } } restore{saved};
    current_where = {lowered, 0};
    run_leading(db, rc, copy, argc - 2, argv + 2);
    current_where.statement = copy.empty() ? 0 : copy.size() - 1;
    if (flags & 4) {  // void: run the last statement, return ''
      if (!copy.empty()) {
        Running r;
        prepare(db, rc, copy.back(), argc - 2, argv + 2, r);
        int code;
        while ((code = sqlite3_step(r.st)) == SQLITE_ROW) {}
        if (code != SQLITE_DONE) nested_failure(db, rc, code);
      }
      return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    }
    if (copy.empty()) return sqlite3_result_null(ctx);
    Running r;
    prepare(db, rc, copy.back(), argc - 2, argv + 2, r);
    int code = sqlite3_step(r.st);
    if (code == SQLITE_ROW) {
      if (sqlite3_column_count(r.st) > 0) sqlite3_result_value(ctx, sqlite3_column_value(r.st, 0));
      else sqlite3_result_null(ctx);
      // The rest of the last statement still runs (DML ... RETURNING affects every row).
      while ((code = sqlite3_step(r.st)) == SQLITE_ROW) {}
      if (code != SQLITE_DONE) nested_failure(db, rc, code);
      return;
    }
    if (code != SQLITE_DONE) nested_failure(db, rc, code);
    sqlite3_result_null(ctx);
  });
}

// --- pg_sql_rows ------------------------------------------------------------

struct RowsVTab : sqlite3_vtab {
  RuntimeContext* rc;
};

struct RowsCursor : sqlite3_vtab_cursor {
  std::unique_ptr<Running> run;
  Where where;               // the function's CONTEXT for errors while stepping
  bool one_row = false;      // flags & 2
  bool null_row = false;     // the one row is all NULLs
  std::unique_ptr<Depth> depth;
  std::vector<Datum> args;
  int64_t ordinality = 0;
  bool eof = true;
  bool materialized = false;                   // a PL/pgSQL function's rows
  std::vector<std::vector<Datum>> rows;
};

std::string rows_schema() {
  std::string s = "CREATE TABLE x(";
  for (int i = 1; i <= kRowColumns; i++) s += "c" + std::to_string(i) + ", ";
  s += "ordinality, body HIDDEN, strict HIDDEN";
  for (int i = 1; i <= kMaxArgs; i++) s += ", a" + std::to_string(i) + " HIDDEN";
  return s + ")";
}

int rows_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
  int rc = sqlite3_declare_vtab(db, rows_schema().c_str());
  if (rc != SQLITE_OK) return rc;
  auto* v = new RowsVTab();
  v->rc = static_cast<RuntimeContext*>(aux);
  *out = v;
  return SQLITE_OK;
}

int rows_disconnect(sqlite3_vtab* v) {
  delete static_cast<RowsVTab*>(v);
  return SQLITE_OK;
}

// The hidden columns given (body, strict, a1..ak) are passed in order; body and strict are required.
int rows_best_index(sqlite3_vtab*, sqlite3_index_info* info) {
  std::vector<int> slot(kMaxArgs + 2, -1);
  for (int i = 0; i < info->nConstraint; i++) {
    const auto& c = info->aConstraint[i];
    int arg = c.iColumn - kRowColumns - 1;
    if (arg < 0 || arg >= kMaxArgs + 2 || c.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!c.usable) return SQLITE_CONSTRAINT;
    slot[arg] = i;
  }
  int n = 0;
  while (n < kMaxArgs + 2 && slot[n] >= 0) n++;
  if (n < 2) return SQLITE_CONSTRAINT;
  for (int a = 0; a < n; a++) {
    info->aConstraintUsage[slot[a]].argvIndex = a + 1;
    info->aConstraintUsage[slot[a]].omit = 1;
  }
  info->idxNum = n;
  info->estimatedCost = 1000;
  info->estimatedRows = 1000;
  return SQLITE_OK;
}

int rows_open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
  *out = new RowsCursor();
  return SQLITE_OK;
}

int rows_close(sqlite3_vtab_cursor* c) {
  delete static_cast<RowsCursor*>(c);
  return SQLITE_OK;
}

int rows_fail(RowsCursor* cur, const PgError& e) {
  auto* v = static_cast<RowsVTab*>(cur->pVtab);
  if (v->rc && !v->rc->pending_error) v->rc->pending_error = e.error;
  sqlite3_free(v->zErrMsg);
  v->zErrMsg = sqlite3_mprintf("%s", e.error.message.c_str());
  cur->eof = true;
  cur->run.reset();
  cur->depth.reset();
  return SQLITE_ERROR;
}

int rows_next(sqlite3_vtab_cursor* c) {
  auto* cur = static_cast<RowsCursor*>(c);
  if (cur->materialized) {
    bool one = cur->one_row && cur->ordinality >= 1;
    if (one || (size_t)cur->ordinality >= cur->rows.size()) {
      if (cur->one_row && cur->ordinality == 0) {
        cur->null_row = true;
        cur->ordinality = 1;
        cur->eof = false;
        return SQLITE_OK;
      }
      cur->eof = true;
      cur->materialized = false;
      cur->rows.clear();
      return SQLITE_OK;
    }
    cur->ordinality++;
    cur->eof = false;
    return SQLITE_OK;
  }
  if (!cur->run) {
    cur->eof = true;
    return SQLITE_OK;
  }
  auto* v = static_cast<RowsVTab*>(cur->pVtab);
  if (cur->one_row && cur->ordinality >= 1) {
    cur->eof = true;
    cur->run.reset();
    cur->depth.reset();
    return SQLITE_OK;
  }
  Where saved = current_where;
  current_where = cur->where;
  int code = sqlite3_step(cur->run->st);
  struct RestoreWhere { Where s; ~RestoreWhere() { current_where = s; } } restore{saved};
  if (code == SQLITE_DONE && cur->one_row && cur->ordinality == 0) {
    cur->null_row = true;
    cur->ordinality = 1;
    cur->eof = false;
    return SQLITE_OK;
  }
  if (code == SQLITE_ROW) {
    cur->ordinality++;
    cur->eof = false;
    return SQLITE_OK;
  }
  if (code != SQLITE_DONE) {
    try {
      nested_failure(sqlite3_db_handle(cur->run->st), v->rc, code);
    } catch (const PgError& e) {
      return rows_fail(cur, e);
    }
  }
  cur->eof = true;
  cur->run.reset();
  cur->depth.reset();
  return SQLITE_OK;
}

int rows_filter(sqlite3_vtab_cursor* c, int, const char*, int argc, sqlite3_value** argv) {
  auto* cur = static_cast<RowsCursor*>(c);
  auto* v = static_cast<RowsVTab*>(c->pVtab);
  cur->run.reset();
  cur->depth.reset();
  cur->ordinality = 0;
  cur->eof = true;
  cur->null_row = false;
  cur->materialized = false;
  cur->rows.clear();
  try {
    if (argc < 2) return SQLITE_OK;
    int flags = sqlite3_value_int(argv[1]);
    cur->one_row = (flags & 2) != 0;
    if ((flags & 1) && any_null(argc - 2, argv + 2)) {
      if (cur->one_row) {  // a strict function in FROM: one row of NULLs
        cur->null_row = true;
        cur->ordinality = 1;
        cur->eof = false;
      }
      return SQLITE_OK;
    }
    cur->depth = std::make_unique<Depth>();
    std::vector<std::string> text;
    const LoweredBody* lowered = nullptr;
    std::vector<std::string> stmts = *body_statements(v->rc, argv[0], text, &lowered);
    if (lowered && lowered->plpgsql) {
      std::shared_ptr<plpgsql::Function> fn = lowered->plpgsql;
      std::vector<std::vector<Datum>> rows;
      std::optional<Datum> r = plpgsql::call_function(*fn, v->rc, plpgsql_args(*fn, argc - 2, argv + 2), fn->retset ? &rows : nullptr);
      cur->depth.reset();
      if (!fn->retset) rows.push_back({r ? *r : Datum::null()});
      cur->rows = std::move(rows);
      cur->materialized = true;
      return rows_next(c);
    }
    Where saved = current_where;
    struct RestoreWhere { Where s; ~RestoreWhere() { current_where = s; } } restore{saved};
    current_where = {lowered, 0};
    cur->where = {lowered, stmts.empty() ? 0 : stmts.size() - 1};
    // The database handle of this virtual table's connection.
    sqlite3* db = v->rc ? v->rc->db : nullptr;
    if (!db) throw PgError(sqlstate::kInternalError, "pg_sql_rows: no connection");
    run_leading(db, v->rc, stmts, argc - 2, argv + 2);
    if (stmts.empty()) return SQLITE_OK;
    cur->run = std::make_unique<Running>();
    prepare(db, v->rc, stmts.back(), argc - 2, argv + 2, *cur->run);
  } catch (const PgError& e) {
    return rows_fail(cur, e);
  }
  return rows_next(c);
}

int rows_eof(sqlite3_vtab_cursor* c) { return static_cast<RowsCursor*>(c)->eof; }

int rows_column(sqlite3_vtab_cursor* c, sqlite3_context* ctx, int col) {
  auto* cur = static_cast<RowsCursor*>(c);
  if (col == kRowColumns) {
    sqlite3_result_int64(ctx, cur->ordinality);
  } else if (cur->materialized) {
    size_t r = (size_t)cur->ordinality - 1;
    if (!cur->null_row && r < cur->rows.size() && (size_t)col < cur->rows[r].size()) cur->rows[r][(size_t)col].to_sqlite_result(ctx);
    else sqlite3_result_null(ctx);
  } else if (col < kRowColumns && !cur->null_row && cur->run && col < sqlite3_column_count(cur->run->st)) {
    sqlite3_result_value(ctx, sqlite3_column_value(cur->run->st, col));
  } else {
    sqlite3_result_null(ctx);
  }
  return SQLITE_OK;
}

int rows_rowid(sqlite3_vtab_cursor* c, sqlite3_int64* rowid) {
  *rowid = static_cast<RowsCursor*>(c)->ordinality;
  return SQLITE_OK;
}

const sqlite3_module kRowsModule = {
    /* iVersion */ 0, /* xCreate */ nullptr, rows_connect, rows_best_index, rows_disconnect, /* xDestroy */ nullptr,
    rows_open, rows_close, rows_filter, rows_next, rows_eof, rows_column, rows_rowid,
};

}  // namespace

void finalize_nested_statements(RuntimeContext* rc) {
  for (auto& [sql, list] : rc->nested_statements)
    for (sqlite3_stmt* st : list) sqlite3_finalize(st);
  rc->nested_statements.clear();
  rc->nested_statement_count = 0;
}

void register_sql_functions(sqlite3* db, RuntimeContext* rc) {
  rc->db = db;
  sqlite3_create_function_v2(db, "pg_sql_scalar", -1, SQLITE_UTF8, rc, sql_scalar, nullptr, nullptr, nullptr);
  sqlite3_create_module_v2(db, "pg_sql_rows", &kRowsModule, rc, nullptr);
  plpgsql::register_trigger_functions(db, rc);  // pg_trigger_row (engine/plpgsql/plpgsql_trigger.cpp)
}

}  // namespace pgmicro
