// CREATE TRIGGER / DROP TRIGGER and row triggers firing PL/pgSQL trigger functions.
// Triggers are rows of _pgmicro_trigger. Each session turns them into SQLite TEMP triggers
// (created with the session's constraint triggers, so the database file stays usable from
// plain SQLite) whose body calls pg_trigger_row(trigger oid, event, nnew, nold, NEW columns…,
// OLD columns…): the function builds NEW/OLD as records of the table's row type, sets the TG_
// variables and runs the function with the interpreter. A BEFORE trigger returning NULL skips
// the row (RAISE(IGNORE)); one returning a row other than NEW is refused with 0A000 (SQLite's
// trigger cannot replace the row being written). FOR EACH STATEMENT, INSTEAD OF, TRUNCATE
// triggers and transition tables are 0A000.
#include <map>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "plpgsql/plpgsql_exec.h"
#include "runtime/function_context.h"
#include "types/record.h"
#include "parse/pg_nodes.h"

namespace pgmicro::plpgsql {

namespace {

constexpr const char* kTable =
    "CREATE TABLE IF NOT EXISTS _pgmicro_trigger(oid INTEGER PRIMARY KEY, tgname TEXT, tgrelid INTEGER, "
    "tgfname TEXT, tgtype INTEGER, tgargs TEXT, tgwhen TEXT, tgenabled INTEGER)";

struct TriggerRow {
  int64_t oid = 0;
  std::string name;
  int64_t relid = 0;
  std::string fname;
  int type = 0;
  std::vector<std::string> args;
  std::string when;
};

bool table_exists(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE name = '_pgmicro_trigger'", -1, &st, nullptr) == SQLITE_OK)
    found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

std::vector<TriggerRow> load(sqlite3* db, const std::string& where) {
  std::vector<TriggerRow> out;
  if (!table_exists(db)) return out;
  sqlite3_stmt* st = nullptr;
  std::string q = "SELECT oid, tgname, tgrelid, tgfname, tgtype, tgargs, tgwhen FROM _pgmicro_trigger " + where + " ORDER BY tgname";
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) != SQLITE_OK) return out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    TriggerRow r;
    r.oid = sqlite3_column_int64(st, 0);
    r.name = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    r.relid = sqlite3_column_int64(st, 2);
    r.fname = reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    r.type = sqlite3_column_int(st, 4);
    std::string args = reinterpret_cast<const char*>(sqlite3_column_text(st, 5));
    size_t p = 0;
    while (!args.empty() && p <= args.size()) {
      size_t q2 = args.find('\x1f', p);
      if (q2 == std::string::npos) q2 = args.size();
      r.args.push_back(args.substr(p, q2 - p));
      p = q2 + 1;
    }
    if (!args.empty() && args.back() == '\x1f') r.args.pop_back();
    const unsigned char* w = sqlite3_column_text(st, 6);
    r.when = w ? reinterpret_cast<const char*>(w) : "";
    out.push_back(std::move(r));
  }
  sqlite3_finalize(st);
  return out;
}

const ProcDef* trigger_function(const Catalog& cat, const std::string& name) {
  for (const ProcDef* p : cat.find_procs(name))
    if (p->input_types().empty() && p->kind == 'f') return p;
  return nullptr;
}

// Compiled trigger functions by definition text (a CREATE OR REPLACE gives new text).
std::map<std::string, FunctionPtr>& compiled() {
  static thread_local std::map<std::string, FunctionPtr> m;
  return m;
}

void trigger_row(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    int64_t tgoid = sqlite3_value_int64(argv[0]);
    int event = sqlite3_value_int(argv[1]);
    int nnew = sqlite3_value_int(argv[2]), nold = sqlite3_value_int(argv[3]);
    std::vector<TriggerRow> rows = load(rc->db, "WHERE oid = " + std::to_string(tgoid));
    if (rows.empty()) return sqlite3_result_int(ctx, 1);
    const TriggerRow& tg = rows[0];
    const TableDef* t = rc->catalog->find_table_by_oid(tg.relid);
    const ProcDef* p = trigger_function(*rc->catalog, tg.fname);
    if (!t || !p) throw PgError(sqlstate::kUndefinedFunction, "function " + tg.fname + "() does not exist");
    FunctionPtr& fn = compiled()[p->definition];
    if (!fn) fn = compile_function(*p);
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
    TriggerCall call;
    call.new_row = record(4, nnew);
    call.old_row = record(4 + nnew, nold);
    call.name = tg.name;
    call.when = (tg.type & 2) ? "BEFORE" : "AFTER";
    call.level = "ROW";
    call.op = event == 1 ? "INSERT" : event == 2 ? "DELETE" : "UPDATE";
    call.relid = t->oid;
    call.table_name = t->name;
    call.table_schema = t->schema;
    call.args = tg.args;
    call.when_clause = tg.when;
    std::optional<Value> r = fire_trigger(*fn, rc, call);
    if (!r) return sqlite3_result_int(ctx, 1);  // WHEN false: nothing ran
    if (!(tg.type & 2)) return sqlite3_result_int(ctx, 1);
    if (r->d.is_null()) return sqlite3_result_int(ctx, 0);  // skip the row
    const Value& expect = event == 2 ? call.old_row : call.new_row;
    if (r->d.s != expect.d.s || r->d.kind != expect.d.kind)
      unsupported("BEFORE triggers that return a modified row");
    sqlite3_result_int(ctx, 1);
  });
}

}  // namespace

void register_trigger_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_trigger_row", -1, SQLITE_UTF8, rc, trigger_row, nullptr, nullptr, nullptr);
}

std::string user_triggers_sql(const Catalog& cat, sqlite3* db, const TableDef& t) {
  std::string sql;
  for (const TriggerRow& tg : load(db, "WHERE tgrelid = " + std::to_string(t.oid) + " AND tgenabled <> 0")) {
    bool before = tg.type & 2;
    for (int ev : {1, 2, 3}) {
      int bit = ev == 1 ? 4 : ev == 2 ? 8 : 16;
      if (!(tg.type & bit)) continue;
      const char* evname = ev == 1 ? "INSERT" : ev == 2 ? "DELETE" : "UPDATE";
      std::string args = std::to_string(tg.oid) + ", " + std::to_string(ev) + ", " +
                         std::to_string(ev == 2 ? 0 : t.columns.size()) + ", " + std::to_string(ev == 1 ? 0 : t.columns.size());
      if (ev != 2) for (auto& c : t.columns) args += ", NEW." + quote_ident(c.name);
      if (ev != 1) for (auto& c : t.columns) args += ", OLD." + quote_ident(c.name);
      std::string call = "pg_trigger_row(" + args + ")";
      std::string body = before ? "SELECT RAISE(IGNORE) WHERE " + call + " = 0;" : "SELECT " + call + ";";
      sql += "CREATE TEMP TRIGGER IF NOT EXISTS " + quote_ident("_pgmicro_ut_" + std::to_string(tg.oid) + "_" + evname) +
             (before ? " BEFORE " : " AFTER ") + evname + " ON " + t.sqlite_ref() + " FOR EACH ROW BEGIN " + body + " END;";
    }
  }
  (void)cat;
  return sql;
}

void execute_create_trigger(CreateTrigStmt* stmt, Catalog& cat, sqlite3* db, StatementResult& out) {
  if (stmt->isconstraint) unsupported("CREATE CONSTRAINT TRIGGER");
  if (!stmt->row) unsupported("FOR EACH STATEMENT triggers");
  if (stmt->timing & 64) unsupported("INSTEAD OF triggers");
  if (stmt->events & 32) unsupported("TRUNCATE triggers");
  if (list_size(stmt->transitionRels)) unsupported("transition tables");
  if (list_size(stmt->columns)) unsupported("UPDATE OF column triggers");
  std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  const TableDef* t = cat.find_table(schema, stmt->relation->relname);
  if (!t) throw PgError("42P01", "relation \"" + std::string(stmt->relation->relname) + "\" does not exist");
  if (t->partition_strategy) unsupported("triggers on partitioned tables");
  int n = list_size(stmt->funcname);
  std::string fname = node_string(list_at(stmt->funcname, n - 1));
  const ProcDef* p = trigger_function(cat, fname);
  if (!p) throw PgError(sqlstate::kUndefinedFunction, "function " + fname + "() does not exist");
  if (p->result != kTriggerType)
    throw PgError(sqlstate::kInvalidObjectDefinition, "function " + fname + " must return type trigger");
  if (!is_plpgsql_definition(p->definition)) unsupported("trigger functions in other languages than plpgsql");
  std::string args;
  for_each_node(stmt->args, [&](Node* a) { args += node_string(a) + "\x1f"; });
  std::string when;
  if (stmt->whenClause) unsupported("WHEN conditions of triggers");
  exec_sql(db, kTable);
  std::string name = stmt->trigname;
  for (const TriggerRow& r : load(db, "WHERE tgrelid = " + std::to_string(t->oid)))
    if (r.name == name) {
      if (!stmt->replace)
        throw PgError("42710", "trigger \"" + name + "\" for relation \"" + t->name + "\" already exists");
      exec_sql(db, "DELETE FROM _pgmicro_trigger WHERE oid = " + std::to_string(r.oid));
    }
  int type = 1 | (stmt->timing & 2) | (stmt->events & (4 | 8 | 16));
  int64_t oid = Catalog::allocate_oid(db);
  exec_sql(db, "INSERT INTO _pgmicro_trigger VALUES(" + std::to_string(oid) + ", " + quote_literal(name) + ", " +
                   std::to_string(t->oid) + ", " + quote_literal(fname) + ", " + std::to_string(type) + ", " +
                   quote_literal(args) + ", " + quote_literal(when) + ", 1)");
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
