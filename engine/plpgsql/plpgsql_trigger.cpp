// CREATE TRIGGER / DROP TRIGGER and row triggers firing PL/pgSQL trigger functions.
// Triggers are rows of _pgmicro_trigger (tgtype as PostgreSQL's: 1 ROW, 2 BEFORE, 4 INSERT,
// 8 DELETE, 16 UPDATE, 32 TRUNCATE). Each session turns the row triggers into SQLite TEMP
// triggers (created with the session's constraint triggers, so the database file stays usable
// from plain SQLite): one per (table, timing, event) whose body calls pg_trigger_row(trigger
// oid, event, table oid, nnew, nold, NEW columns…, OLD columns…) for each trigger in name
// order (PostgreSQL's firing order), guarded by the trigger's WHEN condition; UPDATE OF
// triggers get a SQLite `UPDATE OF` trigger of their own. A partition's SQLite triggers also
// call its ancestors' row triggers (PostgreSQL clones them onto partitions); a partitioned
// table's own (staging) table fires none. pg_trigger_row builds NEW/OLD as records of the
// table's row type, sets the TG_ variables and runs the function with the interpreter. A BEFORE
// trigger returning NULL skips the row (RAISE(IGNORE)); one returning a row other than NEW is
// refused with 0A000 (SQLite's trigger cannot replace the row being written); generated columns
// around BEFORE triggers: trigger_generated_columns.cpp. FOR EACH
// STATEMENT triggers (and TRUNCATE ones) are fired by the session around the statement
// (fire_statement_triggers). INSTEAD OF triggers and transition tables are 0A000.
#include <algorithm>
#include <map>
#include <set>
#include "analyze/statement_snapshot.h"
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "plpgsql/plpgsql_exec.h"
#include "plpgsql/trigger_generated_columns.h"
#include "runtime/function_context.h"
#include "types/record.h"
#include "parse/pg_nodes.h"

extern "C" bool raw_expression_tree_walker_impl(Node* node, bool (*walker)(Node*, void*), void* context);

namespace pgmicro::plpgsql {

namespace {

constexpr const char* kTable =
    "CREATE TABLE IF NOT EXISTS _pgmicro_trigger(oid INTEGER PRIMARY KEY, tgname TEXT, tgrelid INTEGER, "
    "tgfname TEXT, tgtype INTEGER, tgargs TEXT, tgwhen TEXT, tgenabled INTEGER, tgattr TEXT)";

constexpr int kRow = 1, kBefore = 2, kInsert = 4, kDelete = 8, kUpdate = 16, kTruncate = 32, kInstead = 64;

struct TriggerRow {
  int64_t oid = 0;
  std::string name;
  int64_t relid = 0;
  std::string fname;
  int type = 0;
  std::vector<std::string> args;
  std::string when;
  int enabled = 1;                 // 1 origin, 0 disabled, 2 replica, 3 always
  std::vector<std::string> attrs;  // UPDATE OF columns
};

bool table_exists(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE name = '_pgmicro_trigger'", -1, &st, nullptr) == SQLITE_OK)
    found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p < s.size()) {
    size_t q = s.find('\x1f', p);
    if (q == std::string::npos) q = s.size();
    out.push_back(s.substr(p, q - p));
    p = q + 1;
  }
  return out;
}

std::string column_text(sqlite3_stmt* st, int i) {
  const unsigned char* t = i < sqlite3_column_count(st) ? sqlite3_column_text(st, i) : nullptr;
  return t ? reinterpret_cast<const char*>(t) : "";
}

// Triggers matching `where` (SQL over _pgmicro_trigger's columns), in name order. Databases
// written before tgattr existed have one column less (read by position).
std::vector<TriggerRow> load(sqlite3* db, const std::string& where) {
  std::vector<TriggerRow> out;
  if (!table_exists(db)) return out;
  sqlite3_stmt* st = nullptr;
  std::string q = "SELECT * FROM _pgmicro_trigger " + where + " ORDER BY tgname COLLATE BINARY, oid";
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) != SQLITE_OK) return out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    TriggerRow r;
    r.oid = sqlite3_column_int64(st, 0);
    r.name = column_text(st, 1);
    r.relid = sqlite3_column_int64(st, 2);
    r.fname = column_text(st, 3);
    r.type = sqlite3_column_int(st, 4);
    std::string args = column_text(st, 5);
    // Each argument ends with \x1f (an empty argument is just the separator).
    size_t p = 0;
    while (p < args.size()) {
      size_t q2 = args.find('\x1f', p);
      if (q2 == std::string::npos) q2 = args.size();
      r.args.push_back(args.substr(p, q2 - p));
      p = q2 + 1;
    }
    r.when = column_text(st, 6);
    r.enabled = sqlite3_column_int(st, 7);
    r.attrs = split_list(column_text(st, 8));
    out.push_back(std::move(r));
  }
  sqlite3_finalize(st);
  return out;
}

bool fires(const TriggerRow& r) { return r.enabled == 1 || r.enabled == 3; }

const ProcDef* trigger_function(const Catalog& cat, const std::string& name) {
  for (const ProcDef* p : cat.find_procs(name))
    if (p->input_types().empty() && p->kind == 'f') return p;
  return nullptr;
}

// Compiled trigger functions by definition text (a CREATE OR REPLACE gives new text), for one
// catalog generation: their lowered statements name SQL function bodies by the catalog's ids,
// which a reload renumbers.
std::map<std::string, FunctionPtr>& compiled(const Catalog* cat) {
  static thread_local std::map<std::string, FunctionPtr> m;
  static thread_local const Catalog* for_catalog = nullptr;
  static thread_local uint64_t for_generation = 0;
  if (for_catalog != cat || for_generation != cat->generation()) {
    m.clear();
    for_catalog = cat;
    for_generation = cat->generation();
  }
  return m;
}

// Set while TRUNCATE empties tables with DELETE: row triggers do not fire.
thread_local int g_suppressed = 0;

// A BEFORE INSERT trigger that returns a modified row: the original row is skipped and the
// modified one inserted by a nested INSERT, in which the BEFORE triggers up to this one (by
// name) do not fire again; the rows so replaced are added to the statement's count.
struct Replacing {
  int64_t relid;
  std::string through;  // trigger name
};
// Binds a row's stored values to ?1..?n of a statement writing the table's columns.
void bind_row(sqlite3_stmt* st, const std::vector<pgmicro::Datum>& vals, size_t ncols) {
  for (size_t i = 0; i < vals.size() && i < ncols; i++) {
    const pgmicro::Datum& d = vals[i];
    int idx = (int)i + 1;
    switch (d.kind) {
      case pgmicro::Datum::Kind::Null: sqlite3_bind_null(st, idx); break;
      case pgmicro::Datum::Kind::Int: sqlite3_bind_int64(st, idx, d.i); break;
      case pgmicro::Datum::Kind::Real: sqlite3_bind_double(st, idx, d.r); break;
      case pgmicro::Datum::Kind::Text: sqlite3_bind_text(st, idx, d.s.data(), (int)d.s.size(), SQLITE_TRANSIENT); break;
      case pgmicro::Datum::Kind::Blob: sqlite3_bind_blob(st, idx, d.s.data(), (int)d.s.size(), SQLITE_TRANSIENT); break;
    }
  }
}

thread_local std::vector<Replacing> g_replacing;

// A BEFORE UPDATE trigger that returns a modified row: the row SQLite writes is the original
// one, so the modified row waits here (by table and rowid; later BEFORE triggers get it as NEW)
// until the AFTER UPDATE SQLite trigger calls pg_trigger_fixup, which rewrites the row with
// row triggers off (constraints are checked on the rewritten row); the AFTER row triggers
// then see it as NEW.
thread_local std::map<std::pair<int64_t, int64_t>, std::string> g_pending_update;
struct LastFix {
  int64_t relid = 0, rowid = 0;
  std::string storage;
};
thread_local LastFix g_last_fix;
thread_local int64_t g_fixed = 0;

// AFTER row triggers wait until the end of the query that fired them, as PostgreSQL's
// after-trigger queue (they see the statement's final state; notices come after the rows').
struct PendingAfter {
  TriggerRow tg;
  int64_t relid;
  int event_bit;
  Value new_row, old_row;
};
thread_local std::vector<PendingAfter> g_after;
thread_local int64_t g_replaced = 0;

void insert_replacement(RuntimeContext* rc, const TableDef& t, const std::string& trigger,
                        const std::vector<RowField>& fields, const std::string& storage) {
  std::vector<pgmicro::Datum> vals = record_values(fields, storage);
  std::string cols, params;
  for (size_t i = 0; i < t.columns.size(); i++) {
    cols += (i ? ", " : "") + quote_ident(t.columns[i].name);
    params += i ? ", ?" : "?";
  }
  // Generated columns are computed from the returned row (its values for them are ignored).
  std::string q = "INSERT INTO " + t.sqlite_ref() + " (" + cols + ") " +
                  (has_generated_columns(t) ? row_with_generated_sql(*rc->catalog, t) : "VALUES (" + params + ")");
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(rc->db, q.c_str(), -1, &st, nullptr) != SQLITE_OK)
    throw PgError(sqlstate::kInternalError, std::string("replacing a row: ") + sqlite3_errmsg(rc->db));
  bind_row(st, vals, t.columns.size());
  g_replacing.push_back({t.oid, trigger});
  int64_t before = g_replaced;
  int code = sqlite3_step(st);
  g_replacing.pop_back();
  std::string msg = sqlite3_errmsg(rc->db);
  sqlite3_finalize(st);
  g_replaced = before;
  if (rc->pending_error) {
    Error e = *rc->pending_error;
    rc->pending_error.reset();
    throw PgError(e);
  }
  if (code != SQLITE_DONE) throw PgError(sqlstate::kInternalError, "replacing a row: " + msg);
  g_replaced++;
}

const char* op_name(int event_bit) {
  return event_bit == kInsert ? "INSERT" : event_bit == kDelete ? "DELETE" : event_bit == kUpdate ? "UPDATE" : "TRUNCATE";
}

std::optional<Value> run_trigger(RuntimeContext* rc, const TriggerRow& tg, const TableDef& t, int event_bit,
                                 const char* level, Value new_row, Value old_row) {
  const ProcDef* p = trigger_function(*rc->catalog, tg.fname);
  if (!p) throw PgError(sqlstate::kUndefinedFunction, "function " + tg.fname + "() does not exist");
  // A STABLE/IMMUTABLE trigger function's queries see the statement's snapshot in PostgreSQL
  // (none of the statement's changes); here they would see the rows changed so far.
  if (p->volatility != 'v' && !((tg.type & kBefore) && std::string(level) == "STATEMENT") &&
      FunctionTableReads(*rc->catalog, FunctionTableReads::with_ancestors(*rc->catalog, t)).text_reads(p->definition))
    unsupported("a STABLE or IMMUTABLE trigger function reading its table");
  FunctionPtr& slot = compiled(rc->catalog)[p->definition];
  if (!slot) slot = compile_function(*p, rc->catalog);
  FunctionPtr fn = slot;  // kept alive if a reload clears the cache while it runs
  TriggerCall call;
  call.new_row = std::move(new_row);
  call.old_row = std::move(old_row);
  call.name = tg.name;
  call.when = (tg.type & kBefore) ? "BEFORE" : (tg.type & kInstead) ? "INSTEAD OF" : "AFTER";
  call.level = level;
  call.op = op_name(event_bit);
  call.relid = t.oid;
  call.table_name = t.name;
  call.table_schema = t.schema;
  call.args = tg.args;
  return fire_trigger(*fn, rc, call);
}

void trigger_row(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (g_suppressed) return sqlite3_result_int(ctx, 1);
    RuntimeContext* rc = runtime_context(ctx);
    int64_t tgoid = sqlite3_value_int64(argv[0]);
    int event = sqlite3_value_int(argv[1]);
    int64_t relid = sqlite3_value_int64(argv[2]);
    int nnew = sqlite3_value_int(argv[3]), nold = sqlite3_value_int(argv[4]);
    (void)argc;
    std::vector<TriggerRow> rows = load(rc->db, "WHERE oid = " + std::to_string(tgoid));
    if (rows.empty()) return sqlite3_result_int(ctx, 1);
    const TriggerRow& tg = rows[0];
    const TableDef* t = rc->catalog->find_table_by_oid(relid);
    if (!t) return sqlite3_result_int(ctx, 1);
    const std::vector<RowField>* fields = row_type_fields((Oid)t->oid, -1);
    if (!fields) unsupported("triggers on this table");
    auto record = [&](int base, int n) {
      Value v;
      v.type = (Oid)t->oid;
      if (n == 0) return v;
      std::vector<pgmicro::Datum> vals;
      for (int i = 0; i < n; i++) vals.push_back(pgmicro::Datum::from_sqlite(argv[base + i]));
      v.d = pgmicro::Datum::text(record_storage(*fields, vals));
      return v;
    };
    int bit = event == 1 ? kInsert : event == 2 ? kDelete : kUpdate;
    if ((tg.type & kBefore) && !g_replacing.empty() && g_replacing.back().relid == relid &&
        tg.name <= g_replacing.back().through)
      return sqlite3_result_int(ctx, 1);  // ran before the row was replaced
    Value new_row = record(5, nnew), old_row = record(5 + nnew, nold);
    bool has_rowid = event == 3 && argc > 5 + nnew + nold;
    int64_t rowid = has_rowid ? sqlite3_value_int64(argv[5 + nnew + nold]) : 0;
    if (has_rowid && (tg.type & kBefore)) {
      auto it = g_pending_update.find({relid, rowid});
      if (it != g_pending_update.end()) new_row.d = pgmicro::Datum::text(it->second);
    } else if (has_rowid && g_last_fix.relid == relid && g_last_fix.rowid == rowid) {
      new_row.d = pgmicro::Datum::text(g_last_fix.storage);
    }
    // PL/pgSQL's BEFORE triggers see NEW's generated columns as NULL (computed after them).
    bool generated = event != 2 && has_generated_columns(*t);
    if (generated && (tg.type & kBefore)) new_row.d = pgmicro::Datum::text(without_generated(*t, *fields, new_row.d.s));
    Value expect = event == 2 ? old_row : new_row;
    if (!(tg.type & kBefore)) {
      g_after.push_back({tg, relid, bit, std::move(new_row), std::move(old_row)});
      return sqlite3_result_int(ctx, 1);
    }
    std::optional<Value> r = run_trigger(rc, tg, *t, bit, "ROW", std::move(new_row), std::move(old_row));
    if (!r || !(tg.type & kBefore)) return sqlite3_result_int(ctx, 1);
    if (r->d.is_null()) {
      if (has_rowid) g_pending_update.erase({relid, rowid});
      return sqlite3_result_int(ctx, 0);  // skip the row
    }
    // Values the trigger gave generated columns are ignored.
    if (generated && !r->d.is_null() && r->d.kind == pgmicro::Datum::Kind::Text)
      r->d.s = without_generated(*t, *fields, r->d.s);
    if (r->d.s != expect.d.s || r->d.kind != expect.d.kind) {
      if (event == 3 && has_rowid) {
        g_pending_update[{relid, rowid}] = r->d.s;
        return sqlite3_result_int(ctx, 1);
      }
      if (event != 1) unsupported("BEFORE DELETE triggers that return a row other than OLD");
      insert_replacement(rc, *t, tg.name, *fields, r->d.s);
      return sqlite3_result_int(ctx, 0);  // the original row is skipped
    }
    sqlite3_result_int(ctx, 1);
  });
}

void trigger_fixup(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    // (relid, OLD.rowid, NEW.rowid): the BEFORE trigger keyed the modified row by the old rowid;
    // the UPDATE may have moved the row to a new rowid (pg_new_rowid, row placement).
    int64_t relid = sqlite3_value_int64(argv[0]), old_rowid = sqlite3_value_int64(argv[1]),
            rowid = sqlite3_value_int64(argv[2]);
    auto it = g_pending_update.find({relid, old_rowid});
    sqlite3_result_null(ctx);
    if (it == g_pending_update.end()) return;
    std::string storage = std::move(it->second);
    g_pending_update.erase(it);
    const TableDef* t = rc->catalog->find_table_by_oid(relid);
    const std::vector<RowField>* fields = t ? row_type_fields((Oid)t->oid, -1) : nullptr;
    if (!t || !fields) return;
    std::vector<pgmicro::Datum> vals = record_values(*fields, storage);
    std::string sets, cols;
    for (size_t i = 0; i < t->columns.size(); i++) {
      sets += (i ? ", " : "") + quote_ident(t->columns[i].name) + " = ?";
      cols += (i ? ", " : "") + quote_ident(t->columns[i].name);
    }
    // Generated columns are computed from the modified row; the row written is what AFTER
    // triggers see as NEW.
    bool generated = has_generated_columns(*t);
    std::string q = "UPDATE " + t->sqlite_ref() + " SET " +
                    (generated ? "(" + cols + ") = (" + row_with_generated_sql(*rc->catalog, *t) + ")" : sets) +
                    " WHERE rowid = " + std::to_string(rowid) + (generated ? " RETURNING " + cols : "");
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(rc->db, q.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw PgError(sqlstate::kInternalError, std::string("replacing a row: ") + sqlite3_errmsg(rc->db));
    bind_row(st, vals, t->columns.size());
    ++g_suppressed;
    int code = sqlite3_step(st);
    if (generated && code == SQLITE_ROW) {
      std::vector<pgmicro::Datum> written;
      for (int i = 0; i < (int)t->columns.size(); i++) written.push_back(pgmicro::Datum::from_sqlite(sqlite3_column_value(st, i)));
      storage = record_storage(*fields, written);
      code = sqlite3_step(st);
    }
    --g_suppressed;
    std::string msg = sqlite3_errmsg(rc->db);
    sqlite3_finalize(st);
    if (rc->pending_error) {
      Error e = *rc->pending_error;
      rc->pending_error.reset();
      throw PgError(e);
    }
    if (code != SQLITE_DONE) throw PgError(sqlstate::kInternalError, "replacing a row: " + msg);
    g_last_fix = {relid, rowid, storage};
    g_fixed++;
  });
}

// The WHEN condition (stored text) analysed over NEW/OLD of `t` and lowered for a SQLite
// trigger body (NEW."a", OLD."a"); "" when there is none.
std::string lowered_when(const Catalog& cat, const TableDef& t, const std::string& when) {
  if (when.empty()) return "";
  std::vector<Oid> no_params;
  Analyzer a(const_cast<Catalog&>(cat), no_params);
  ParsedScript ps("SELECT " + when);
  auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
  auto scope = a.dml_scope(&t, "old");
  scope->rtable[0].sql_alias = "OLD";
  scope->rtable[0].dml_target = false;
  RangeTableEntry n = scope->rtable[0];
  n.alias = "new";
  n.sql_alias = "NEW";
  scope->rtable.push_back(n);
  a.scope_ = scope.get();
  ExprPtr e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Where);
  return lower_expr_in(*e, scope->rtable);
}

// The row triggers that fire for rows of `t`: its own and (for a partition) its ancestors'.
std::vector<TriggerRow> row_triggers(const Catalog& cat, sqlite3* db, const TableDef& t) {
  if (t.partition_strategy) return {};  // the staging table of a partitioned table
  std::vector<int64_t> rels{t.oid};
  for (size_t i = 0; i < rels.size(); i++) {
    const TableDef* r = cat.find_table_by_oid(rels[i]);
    if (r && !r->partition_bound.empty())
      for (int64_t p : r->parents) rels.push_back(p);
  }
  std::string in;
  for (int64_t r : rels) in += (in.empty() ? "" : ", ") + std::to_string(r);
  std::vector<TriggerRow> out;
  for (TriggerRow& r : load(db, "WHERE tgrelid IN (" + in + ") AND (tgtype & 1) <> 0"))
    if (fires(r)) out.push_back(std::move(r));
  std::stable_sort(out.begin(), out.end(), [](const TriggerRow& a, const TriggerRow& b) { return a.name < b.name; });
  return out;
}

// Raw-tree scan of a WHEN condition: references to OLD/NEW (column or whole row) and sublinks.
struct WhenRefs {
  const TableDef* t = nullptr;
  struct Ref { bool is_new; std::string column; int location; };
  std::vector<Ref> refs;
  int sublink = -1;
};

bool when_walker(Node* n, void* ctx) {
  if (!n) return false;
  auto* w = static_cast<WhenRefs*>(ctx);
  if (IsA(n, ColumnRef)) {
    auto* cr = reinterpret_cast<ColumnRef*>(n);
    int k = list_size(cr->fields);
    Node* f0 = list_at(cr->fields, 0);
    if (!IsA(f0, String)) return false;
    std::string first = strVal(f0);
    if (first != "new" && first != "old") return false;
    if (k == 1 && w->t->find_column(first) >= 0) return false;
    std::string col = k >= 2 && IsA(list_at(cr->fields, 1), String) ? strVal(list_at(cr->fields, 1)) : "";
    w->refs.push_back({first == "new", col, cr->location});
    return false;
  }
  if (IsA(n, SubLink) && w->sublink < 0) w->sublink = reinterpret_cast<SubLink*>(n)->location;
  return raw_expression_tree_walker_impl(n, when_walker, ctx);
}

// The source text of the WHEN condition: the parenthesized text after the WHEN keyword that
// precedes the condition's location.
std::string when_source(std::string_view sql, int location) {
  size_t at = location < 0 ? 0 : std::min((size_t)location, sql.size());
  size_t open = std::string_view::npos;
  for (size_t k = at; k-- > 0;) {
    if (k + 4 <= sql.size() && strncasecmp(sql.data() + k, "when", 4) == 0) {
      size_t j = k + 4;
      while (j < sql.size() && isspace((unsigned char)sql[j])) j++;
      if (j < sql.size() && sql[j] == '(') { open = j; break; }
    }
  }
  if (open == std::string_view::npos) return "";
  int depth = 0;
  for (size_t k = open; k < sql.size(); k++) {
    char c = sql[k];
    if (c == '\'' || c == '"') {
      char q = c;
      for (k++; k < sql.size() && !(sql[k] == q && (k + 1 >= sql.size() || sql[k + 1] != q)); k++)
        if (sql[k] == q) k++;
      continue;
    }
    if (c == '(') depth++;
    if (c == ')' && --depth == 0) return std::string(sql.substr(open + 1, k - open - 1));
  }
  return "";
}

extern "C" int exprLocation(const Node* expr);

}  // namespace

void register_trigger_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_trigger_row", -1, SQLITE_UTF8, rc, trigger_row, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_trigger_fixup", 3, SQLITE_UTF8, rc, trigger_fixup, nullptr, nullptr, nullptr);
}

std::string user_triggers_sql(const Catalog& cat, sqlite3* db, const TableDef& t) {
  std::string sql;
  std::vector<TriggerRow> trigs = row_triggers(cat, db, t);
  if (trigs.empty()) return sql;
  for (bool before : {true, false})
    for (int ev : {1, 2, 3}) {
      int bit = ev == 1 ? kInsert : ev == 2 ? kDelete : kUpdate;
      const char* evname = ev == 1 ? "INSERT" : ev == 2 ? "DELETE" : "UPDATE";
      std::string cols = std::to_string(ev == 2 ? 0 : t.columns.size()) + ", " + std::to_string(ev == 1 ? 0 : t.columns.size());
      if (ev != 2) for (auto& c : t.columns) cols += ", NEW." + quote_ident(c.name);
      if (ev != 1) for (auto& c : t.columns) cols += ", OLD." + quote_ident(c.name);
      if (ev == 3) cols += before ? ", OLD.rowid" : ", NEW.rowid";
      std::string body;
      // UPDATE with BEFORE triggers: the AFTER trigger first rewrites a row they modified.
      bool fixup = false;
      if (ev == 3 && !before)
        for (const TriggerRow& tg : trigs) fixup |= (tg.type & kUpdate) && (tg.type & kBefore);
      if (fixup) body += "SELECT pg_trigger_fixup(" + std::to_string(t.oid) + ", OLD.rowid, NEW.rowid);";
      auto statement = [&](const TriggerRow& tg) {
        std::string call = "pg_trigger_row(" + std::to_string(tg.oid) + ", " + std::to_string(ev) + ", " +
                           std::to_string(t.oid) + ", " + cols + ")";
        std::string cond = lowered_when(cat, t, tg.when);
        std::string guard = cond.empty() ? "" : "(" + cond + ") AND ";
        return before ? "SELECT RAISE(IGNORE) WHERE " + guard + call + " = 0;"
                      : "SELECT " + call + (cond.empty() ? "" : " WHERE " + cond) + ";";
      };
      std::string prefix = "_pgmicro_ut_" + std::to_string(t.oid) + (before ? "_b_" : "_a_") + evname;
      for (const TriggerRow& tg : trigs) {
        if (!(tg.type & bit) || bool(tg.type & kBefore) != before) continue;
        if (ev == 3 && !tg.attrs.empty()) {
          std::string of;
          for (auto& a : tg.attrs) of += (of.empty() ? "" : ", ") + quote_ident(a);
          sql += "CREATE TEMP TRIGGER IF NOT EXISTS " + quote_ident(prefix + "_" + std::to_string(tg.oid)) +
                 (before ? " BEFORE" : " AFTER") + " UPDATE OF " + of + " ON " + t.sqlite_ref() +
                 " FOR EACH ROW BEGIN " + statement(tg) + " END;";
          continue;
        }
        body += statement(tg);
      }
      if (body.empty()) continue;
      sql += "CREATE TEMP TRIGGER IF NOT EXISTS " + quote_ident(prefix) + (before ? " BEFORE " : " AFTER ") + evname +
             " ON " + t.sqlite_ref() + " FOR EACH ROW BEGIN " + body + " END;";
    }
  return sql;
}

void fire_statement_triggers(RuntimeContext* rc, int64_t relid, int event_bit, bool before,
                             const std::vector<std::string>* update_columns) {
  if (!rc || !rc->db || !rc->catalog) return;
  // The tables with statement triggers, read once per catalog generation (every DML asks).
  static thread_local const Catalog* cached_catalog = nullptr;
  static thread_local uint64_t cached_generation = 0;
  static thread_local std::set<int64_t> cached_relids;
  if (cached_catalog != rc->catalog || cached_generation != rc->catalog->generation()) {
    cached_relids.clear();
    for (const TriggerRow& r : load(rc->db, "WHERE (tgtype & 1) = 0")) cached_relids.insert(r.relid);
    cached_catalog = rc->catalog;
    cached_generation = rc->catalog->generation();
  }
  if (!cached_relids.count(relid)) return;
  const TableDef* t = rc->catalog->find_table_by_oid(relid);
  if (!t) return;
  std::string where = "WHERE tgrelid = " + std::to_string(relid) + " AND (tgtype & 1) = 0 AND (tgtype & " +
                      std::to_string(event_bit) + ") <> 0 AND (tgtype & 2) " + (before ? "<> 0" : "= 0");
  for (const TriggerRow& tg : load(rc->db, where)) {
    if (!fires(tg)) continue;
    if (event_bit == kUpdate && !tg.attrs.empty() && update_columns) {
      bool any = false;
      for (auto& a : tg.attrs) any |= std::find(update_columns->begin(), update_columns->end(), a) != update_columns->end();
      if (!any) continue;
    }
    if (!tg.when.empty()) {
      std::string cond = lowered_when(*rc->catalog, *t, tg.when);
      sqlite3_stmt* st = nullptr;
      bool yes = false;
      if (sqlite3_prepare_v2(rc->db, ("SELECT (" + cond + ") IS TRUE").c_str(), -1, &st, nullptr) == SQLITE_OK)
        yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
      sqlite3_finalize(st);
      if (!yes) continue;
    }
    Value none;
    none.type = (Oid)t->oid;
    run_trigger(rc, tg, *t, event_bit, "STATEMENT", none, none);
  }
}

int64_t take_replaced_rows() {
  int64_t n = g_replaced;
  g_replaced = 0;
  return n;
}

void add_replaced_rows(int64_t n) { g_replaced += n; }

int64_t take_rewritten_rows() {
  int64_t n = g_fixed;
  g_fixed = 0;
  return n;
}

void add_rewritten_rows(int64_t n) { g_fixed += n; }

size_t after_row_queue_mark() { return g_after.size(); }

void clear_after_row_queue() {
  g_after.clear();
  g_pending_update.clear();
  g_last_fix = {};
}

void fire_after_row_queue(RuntimeContext* rc, size_t mark) {
  // Entries queued while these run (their own statements') are fired by those statements.
  while (g_after.size() > mark) {
    PendingAfter p = std::move(g_after[mark]);
    g_after.erase(g_after.begin() + (std::ptrdiff_t)mark);
    const TableDef* t = rc->catalog->find_table_by_oid(p.relid);
    if (!t) continue;
    try {
      run_trigger(rc, p.tg, *t, p.event_bit, "ROW", std::move(p.new_row), std::move(p.old_row));
    } catch (...) {
      g_after.resize(std::min(g_after.size(), mark));
      throw;
    }
  }
}

void statement_trigger_target(const Catalog& cat, Node* n, int64_t& relid, int& events, std::vector<std::string>& cols) {
  relid = 0;
  events = 0;
  cols.clear();
  RangeVar* rv = nullptr;
  List* set = nullptr;
  if (IsA(n, InsertStmt)) {
    auto* s = reinterpret_cast<InsertStmt*>(n);
    rv = s->relation;
    events = kInsert;
    if (s->onConflictClause && s->onConflictClause->action == ONCONFLICT_UPDATE) {
      events |= kUpdate;
      set = s->onConflictClause->targetList;
    }
  } else if (IsA(n, UpdateStmt)) {
    rv = reinterpret_cast<UpdateStmt*>(n)->relation;
    set = reinterpret_cast<UpdateStmt*>(n)->targetList;
    events = kUpdate;
  } else if (IsA(n, DeleteStmt)) {
    rv = reinterpret_cast<DeleteStmt*>(n)->relation;
    events = kDelete;
  }
  const TableDef* t = rv ? cat.find_table(rv->schemaname ? rv->schemaname : "", rv->relname) : nullptr;
  if (!t) {
    events = 0;
    return;
  }
  relid = t->oid;
  for_each_node(set, [&](Node* c) {
    auto* rt = reinterpret_cast<ResTarget*>(c);
    if (rt->name) cols.push_back(rt->name);
  });
}

SuppressRowTriggers::SuppressRowTriggers() { ++g_suppressed; }
SuppressRowTriggers::~SuppressRowTriggers() { --g_suppressed; }

void execute_create_trigger(CreateTrigStmt* stmt, Catalog& cat, sqlite3* db, std::string_view sql, StatementResult& out) {
  if (stmt->isconstraint) unsupported("CREATE CONSTRAINT TRIGGER");
  std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  std::string relname = stmt->relation->relname;
  const TableDef* t = cat.find_table(schema, relname);
  if (!t) {
    if (cat.find_view(schema, relname)) {
      if (stmt->row && !(stmt->timing & kInstead))
        throw PgError(sqlstate::kWrongObjectType, "\"" + relname + "\" is a view",
                      "Views cannot have row-level BEFORE or AFTER triggers.");
      if (stmt->events & kTruncate)
        throw PgError(sqlstate::kWrongObjectType, "\"" + relname + "\" is a view", "Views cannot have TRUNCATE triggers.");
      unsupported("triggers on views");
    }
    throw PgError("42P01", "relation \"" + relname + "\" does not exist");
  }
  if (stmt->timing & kInstead) {
    if (t->partition_strategy)
      throw PgError(sqlstate::kWrongObjectType, "\"" + relname + "\" is a partitioned table",
                    "Partitioned tables cannot have INSTEAD OF triggers.");
    throw PgError(sqlstate::kWrongObjectType, "\"" + relname + "\" is a table", "Tables cannot have INSTEAD OF triggers.");
  }
  if ((stmt->events & kTruncate) && stmt->row)
    throw PgError(sqlstate::kFeatureNotSupported, "TRUNCATE FOR EACH ROW triggers are not supported");
  if (list_size(stmt->transitionRels)) unsupported("transition tables");
  int type = (stmt->row ? kRow : 0) | (stmt->timing & kBefore) | (stmt->events & (kInsert | kDelete | kUpdate | kTruncate));
  // UPDATE OF columns.
  std::vector<std::string> attrs;
  for_each_node(stmt->columns, [&](Node* c) {
    std::string name = node_string(c);
    if (t->find_column(name) < 0)
      throw PgError("42703", "column \"" + name + "\" of relation \"" + relname + "\" does not exist");
    if (std::find(attrs.begin(), attrs.end(), name) != attrs.end())
      throw PgError("42701", "column \"" + name + "\" specified more than once");
    attrs.push_back(name);
  });
  std::string when;
  if (stmt->whenClause) {
    WhenRefs refs;
    refs.t = t;
    when_walker(stmt->whenClause, &refs);
    if (refs.sublink >= 0)
      throw PgError(sqlstate::kFeatureNotSupported, "cannot use subquery in trigger WHEN condition").at(refs.sublink);
    // NEW system columns of BEFORE triggers (which pgmicro's rows do not have) are refused
    // before the condition is analysed.
    static const char* sys[] = {"ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"};
    for (auto& r : refs.refs)
      for (const char* sc : sys)
        if (r.column == sc && t->find_column(sc) < 0 && stmt->row && r.is_new && !(type & kDelete) && (type & kBefore))
          throw PgError(sqlstate::kFeatureNotSupported, "BEFORE trigger's WHEN condition cannot reference NEW system columns").at(r.location);
    std::vector<Oid> no_params;
    Analyzer a(cat, no_params);
    a.sql_ = sql;
    auto scope = a.dml_scope(t, "old");
    scope->rtable[0].sql_alias = "OLD";
    scope->rtable[0].dml_target = false;
    RangeTableEntry n = scope->rtable[0];
    n.alias = "new";
    n.sql_alias = "NEW";
    scope->rtable.push_back(n);
    a.scope_ = scope.get();
    ExprPtr e = a.transform_expr(stmt->whenClause, ExprContext::Where);
    if (e->type != oid::kBool)
      throw PgError("42804", "argument of WHEN must be type boolean, not type " + format_type_name(e->type, -1)).at(exprLocation(stmt->whenClause));
    for (auto& r : refs.refs) {
      if (!stmt->row)
        throw PgError(sqlstate::kInvalidObjectDefinition, "statement trigger's WHEN condition cannot reference column values").at(r.location);
      if (!r.is_new && (type & kInsert))
        throw PgError(sqlstate::kInvalidObjectDefinition, "INSERT trigger's WHEN condition cannot reference OLD values").at(r.location);
      if (r.is_new && (type & kDelete))
        throw PgError(sqlstate::kInvalidObjectDefinition, "DELETE trigger's WHEN condition cannot reference NEW values").at(r.location);
      if (r.is_new && (type & kBefore)) {
        int ci = r.column.empty() ? -1 : t->find_column(r.column);
        if (ci >= 0 && t->columns[(size_t)ci].generated)
          throw PgError("42P17", "BEFORE trigger's WHEN condition cannot reference NEW generated columns",
                        "Column \"" + r.column + "\" is a generated column.").at(r.location);
        if (r.column.empty())
          for (auto& c : t->columns)
            if (c.generated)
              throw PgError("42P17", "BEFORE trigger's WHEN condition cannot reference NEW generated columns",
                            "A whole-row reference is used and the table contains generated columns.").at(r.location);
      }
    }
    when = when_source(sql, exprLocation(stmt->whenClause));
    if (when.empty()) unsupported("this WHEN condition");
  }
  int n = list_size(stmt->funcname);
  std::string fname = node_string(list_at(stmt->funcname, n - 1));
  const ProcDef* p = trigger_function(cat, fname);
  if (!p) throw PgError(sqlstate::kUndefinedFunction, "function " + fname + "() does not exist");
  if (p->result != kTriggerType)
    throw PgError(sqlstate::kInvalidObjectDefinition, "function " + fname + " must return type trigger");
  if (!is_plpgsql_definition(p->definition)) unsupported("trigger functions in other languages than plpgsql");
  std::string args;
  for_each_node(stmt->args, [&](Node* a) { args += node_string(a) + "\x1f"; });
  exec_sql(db, kTable);
  {
    sqlite3_stmt* st = nullptr;
    bool has_attr = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info('_pgmicro_trigger') WHERE name = 'tgattr'", -1, &st, nullptr) == SQLITE_OK)
      has_attr = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!has_attr) exec_sql(db, "ALTER TABLE _pgmicro_trigger ADD COLUMN tgattr TEXT");
  }
  std::string name = stmt->trigname;
  for (const TriggerRow& r : load(db, "WHERE tgrelid = " + std::to_string(t->oid)))
    if (r.name == name) {
      if (!stmt->replace)
        throw PgError("42710", "trigger \"" + name + "\" for relation \"" + t->name + "\" already exists");
      exec_sql(db, "DELETE FROM _pgmicro_trigger WHERE oid = " + std::to_string(r.oid));
    }
  std::string attr_text;
  for (auto& a : attrs) attr_text += (attr_text.empty() ? "" : "\x1f") + a;
  int64_t oid = Catalog::allocate_oid(db);
  exec_sql(db, "INSERT INTO _pgmicro_trigger(oid, tgname, tgrelid, tgfname, tgtype, tgargs, tgwhen, tgenabled, tgattr) VALUES(" +
                   std::to_string(oid) + ", " + quote_literal(name) + ", " + std::to_string(t->oid) + ", " +
                   quote_literal(fname) + ", " + std::to_string(type) + ", " + quote_literal(args) + ", " +
                   quote_literal(when) + ", 1, " + quote_literal(attr_text) + ")");
  out.command_tag = "CREATE TRIGGER";
}

void execute_drop_trigger(DropStmt* stmt, Catalog& cat, sqlite3* db, StatementResult& out) {
  out.command_tag = "DROP TRIGGER";
  for_each_node(stmt->objects, [&](Node* o) {
    auto* l = reinterpret_cast<List*>(o);
    int n = list_size(l);
    std::string name = node_string(list_at(l, n - 1));
    std::string rel = node_string(list_at(l, n - 2));
    std::string schema = n > 2 ? node_string(list_at(l, n - 3)) : "";
    const TableDef* t = cat.find_table(schema, rel);
    if (!t) {
      if (stmt->missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "relation \"" + rel + "\" does not exist, skipping"});
        return;
      }
      throw PgError("42P01", "relation \"" + rel + "\" does not exist");
    }
    for (const TriggerRow& r : load(db, "WHERE tgrelid = " + std::to_string(t->oid)))
      if (r.name == name) {
        exec_sql(db, "DELETE FROM _pgmicro_trigger WHERE oid = " + std::to_string(r.oid));
        return;
      }
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "trigger \"" + name + "\" for relation \"" + rel + "\" does not exist, skipping"});
      return;
    }
    throw PgError("42704", "trigger \"" + name + "\" for table \"" + rel + "\" does not exist");
  });
}

}  // namespace pgmicro::plpgsql
