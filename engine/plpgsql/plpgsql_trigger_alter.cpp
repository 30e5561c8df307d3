// ALTER TABLE … ENABLE/DISABLE [REPLICA|ALWAYS] TRIGGER name|ALL|USER, ALTER TRIGGER … RENAME TO
// and the pg_trigger relation's rows, all over _pgmicro_trigger (plpgsql_trigger.cpp).
// tgenabled: 1 origin ('O'), 0 disabled ('D'), 2 replica ('R'), 3 always ('A'); with
// session_replication_role = origin, 'O' and 'A' triggers fire.
#include <string>
#include <vector>
#include "catalog/catalog.h"
#include "catalog/system_relations.h"
#include "common/error.h"
#include "plpgsql/plpgsql_exec.h"
#include "runtime/function_context.h"
#include "parse/pg_nodes.h"

namespace pgmicro::plpgsql {

namespace {

bool trigger_table_exists(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE name = '_pgmicro_trigger'", -1, &st, nullptr) == SQLITE_OK)
    found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

// oid of the trigger `name` of table `relid` (0: none).
int64_t find_trigger(sqlite3* db, int64_t relid, const std::string& name) {
  if (!trigger_table_exists(db)) return 0;
  sqlite3_stmt* st = nullptr;
  int64_t oid = 0;
  std::string q = "SELECT oid FROM _pgmicro_trigger WHERE tgrelid = " + std::to_string(relid) + " AND tgname = " + quote_literal(name);
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    oid = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return oid;
}

}  // namespace

bool trigger_table_exists_for_rows(sqlite3* db) { return trigger_table_exists(db); }

bool alter_table_trigger(const Catalog& cat, const TableDef& t, AlterTableCmd* cmd, sqlite3* db) {
  int state;
  bool all = false, user = false;
  switch (cmd->subtype) {
    case AT_EnableTrig: state = 1; break;
    case AT_EnableAlwaysTrig: state = 3; break;
    case AT_EnableReplicaTrig: state = 2; break;
    case AT_DisableTrig: state = 0; break;
    case AT_EnableTrigAll: state = 1; all = true; break;
    case AT_DisableTrigAll: state = 0; all = true; break;
    case AT_EnableTrigUser: state = 1; user = true; break;
    case AT_DisableTrigUser: state = 0; user = true; break;
    default: return false;
  }
  if (all && state == 0) {
    // ALL includes the foreign-key triggers, which pgmicro cannot switch off.
    bool fk = false;
    for (auto& c : t.constraints) fk |= c.type == 'f';
    for (auto& o : cat.tables())
      for (auto& c : o->constraints) fk |= c.type == 'f' && c.ref_table_oid == t.oid;
    if (fk) unsupported("DISABLE TRIGGER ALL on tables with foreign keys");
  }
  std::string where = "tgrelid = " + std::to_string(t.oid);
  if (!all && !user) {
    std::string name = cmd->name ? cmd->name : "";
    if (!find_trigger(db, t.oid, name))
      throw PgError("42704", "trigger \"" + name + "\" for table \"" + t.name + "\" does not exist");
    where += " AND tgname = " + quote_literal(name);
  }
  if (trigger_table_exists(db))
    exec_sql(db, "UPDATE _pgmicro_trigger SET tgenabled = " + std::to_string(state) + " WHERE " + where);
  return true;
}

void execute_rename_trigger(RenameStmt* stmt, const Catalog& cat, sqlite3* db, StatementResult& out) {
  std::string rel = stmt->relation->relname;
  const TableDef* t = cat.find_table(stmt->relation->schemaname ? stmt->relation->schemaname : "", rel);
  if (!t) {
    if (stmt->missing_ok) {
      out.command_tag = "ALTER TRIGGER";
      return;
    }
    throw PgError("42P01", "relation \"" + rel + "\" does not exist");
  }
  std::string from = stmt->subname, to = stmt->newname;
  int64_t oid = find_trigger(db, t->oid, from);
  if (!oid) throw PgError("42704", "trigger \"" + from + "\" for table \"" + t->name + "\" does not exist");
  if (find_trigger(db, t->oid, to))
    throw PgError("42710", "trigger \"" + to + "\" for relation \"" + t->name + "\" already exists");
  exec_sql(db, "UPDATE _pgmicro_trigger SET tgname = " + quote_literal(to) + " WHERE oid = " + std::to_string(oid));
  out.command_tag = "ALTER TRIGGER";
}

}  // namespace pgmicro::plpgsql

namespace pgmicro {

void pg_trigger_rows(SystemRows& r) {
  if (!r.rc || !r.rc->db || !plpgsql::trigger_table_exists_for_rows(r.rc->db)) return;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(r.rc->db, "SELECT * FROM _pgmicro_trigger ORDER BY oid",
                         -1, &st, nullptr) != SQLITE_OK)
    return;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string fname = reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    int64_t foid = 0;
    for (const ProcDef* p : r.catalog.find_procs(fname))
      if (p->input_types().empty()) foid = p->oid;
    std::string args = reinterpret_cast<const char*>(sqlite3_column_text(st, 5));
    int64_t nargs = 0;
    std::string bytes;
    for (char c : args) {
      if (c == '\x1f') { nargs++; bytes += '\0'; } else bytes += c;
    }
    int en = sqlite3_column_int(st, 7);
    const unsigned char* w = sqlite3_column_text(st, 6);
    std::string when = w ? reinterpret_cast<const char*>(w) : "";
    std::vector<int64_t> attnums;
    const unsigned char* at = sqlite3_column_count(st) > 8 ? sqlite3_column_text(st, 8) : nullptr;
    const TableDef* rel = r.catalog.find_table_by_oid(sqlite3_column_int64(st, 2));
    if (at && rel) {
      std::string list = reinterpret_cast<const char*>(at);
      size_t p = 0;
      while (p < list.size()) {
        size_t q = list.find('\x1f', p);
        if (q == std::string::npos) q = list.size();
        attnums.push_back(rel->find_column(list.substr(p, q - p)) + 1);
        p = q + 1;
      }
    }
    r.add()
        .set_int("oid", sqlite3_column_int64(st, 0))
        .set_int("tgrelid", sqlite3_column_int64(st, 2))
        .set_int("tgparentid", 0)
        .set("tgname", reinterpret_cast<const char*>(sqlite3_column_text(st, 1)))
        .set_int("tgfoid", foid)
        .set_int("tgtype", sqlite3_column_int(st, 4))
        .set_char("tgenabled", en == 0 ? 'D' : en == 2 ? 'R' : en == 3 ? 'A' : 'O')
        .set_bool("tgisinternal", false)
        .set_int("tgconstrrelid", 0)
        .set_int("tgconstrindid", 0)
        .set_int("tgconstraint", 0)
        .set_bool("tgdeferrable", false)
        .set_bool("tginitdeferred", false)
        .set_int("tgnargs", nargs)
        .set_vector("tgattr", 21, attnums)
        .set("tgargs", Datum::blob(bytes));
    if (!when.empty()) r.set("tgqual", when);  // the WHEN condition's text (not a node tree)
  }
  sqlite3_finalize(st);
}

}  // namespace pgmicro
