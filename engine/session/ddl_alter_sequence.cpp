// ALTER SEQUENCE [IF EXISTS] with AS, INCREMENT, MINVALUE/MAXVALUE, START, RESTART [WITH],
// CACHE, [NO] CYCLE and OWNED BY: options not given keep their values, the result is checked as
// PostgreSQL's init_params checks it (the current counter included), RESTART resets the counter
// (not transactional, as nextval). ALTER SEQUENCE ... SET LOGGED/UNLOGGED is accepted.
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/sequence_options.h"
#include "session/session_impl.h"

namespace pgmicro {

void SessionImpl::execute_alter_sequence(AlterSeqStmt* stmt, StatementResult& out) {
  out.command_tag = "ALTER SEQUENCE";
  RangeVar* rv = stmt->sequence;
  std::string schema = rv->schemaname ? rv->schemaname : "";
  std::string name = rv->relname;
  if (!schema.empty() && !catalog_.find_schema(schema)) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "schema \"" + schema + "\" does not exist, skipping"});
      return;
    }
    throw PgError("3F000", "schema \"" + schema + "\" does not exist");
  }
  const SequenceDef* s = catalog_.find_sequence(schema, name);
  if (!s) {
    if (catalog_.find_table(schema, name) || catalog_.find_view(schema, name) || catalog_.find_index(schema, name).second)
      throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a sequence");
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "relation \"" + name + "\" does not exist, skipping"});
      return;
    }
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + (schema.empty() ? "" : schema + ".") + name + "\" does not exist");
  }
  apply_sequence_options(*s, stmt->options, stmt->for_identity);
  bump_schema();
}

// Changes sequence `s` by ALTER SEQUENCE's `options` (identity columns' SET options too).
void SessionImpl::apply_sequence_options(const SequenceDef& seq, List* options, bool for_identity) {
  const SequenceDef* s = &seq;
  const std::string cp = catalog_prefix(s->schema);
  // The current counter: this process's state, else the stored one.
  int64_t last = s->start;
  {
    std::lock_guard<std::mutex> lock(runtime_.sequences->mu);
    auto it = runtime_.sequences->values.find(s->oid);
    if (it != runtime_.sequences->values.end() && it->second.loaded) {
      last = it->second.last_value;
    } else {
      sqlite3_stmt* st = nullptr;
      std::string q = "SELECT last_value FROM " + cp + "_pgmicro_sequence WHERE seqrelid = " + std::to_string(s->oid);
      if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        last = sqlite3_column_int64(st, 0);
      sqlite3_finalize(st);
    }
  }
  SequenceOptions o = parse_sequence_options(catalog_, options, s->type, for_identity, s, last);
  std::string sql = "UPDATE " + cp + "_pgmicro_sequence SET seqtypid = " + std::to_string(o.type) + ", seqstart = " + std::to_string(o.start) +
                    ", seqincrement = " + std::to_string(o.increment) + ", seqmin = " + std::to_string(o.min_value) +
                    ", seqmax = " + std::to_string(o.max_value) + ", seqcycle = " + (o.cycle ? "1" : "0") +
                    ", seqcache = " + std::to_string(o.cache);
  if (o.owned_by) {
    const TableDef* owner = s->owned_by_table ? catalog_.find_table_by_oid(s->owned_by_table) : nullptr;
    if (owner && s->owned_by_column >= 0 && s->owned_by_column < (int)owner->columns.size() && owner->columns[s->owned_by_column].identity)
      throw PgError(sqlstate::kFeatureNotSupported, "cannot change ownership of identity sequence",
                    "Sequence \"" + s->name + "\" is linked to table \"" + owner->name + "\".");
    auto [rel, att] = resolve_owned_by(catalog_, o.owned_by, s->schema);
    sql += ", owned_by_rel = " + std::to_string(rel) + ", owned_by_att = " + std::to_string(att);
  }
  sql += " WHERE seqrelid = " + std::to_string(s->oid) + ";";
  exec_sql(conn_, sql);
  if (o.restart) {
    std::lock_guard<std::mutex> lock(runtime_.sequences->mu);
    auto& v = runtime_.sequences->values[s->oid];
    v.last_value = o.restart_value;
    v.is_called = false;
    v.loaded = true;
    runtime_.mark_sequence_dirty(s->oid);
  }
}

// ALTER SEQUENCE ... SET LOGGED / UNLOGGED (an AlterTableStmt): persistence has no visible
// effect here. Returns false when the statement is something else.
bool SessionImpl::alter_sequence_persistence(AlterTableStmt* stmt, StatementResult& out) {
  if (stmt->objtype != OBJECT_SEQUENCE) return false;
  bool only = list_size(stmt->cmds) > 0;
  for_each_node(stmt->cmds, [&](Node* n) {
    auto* cmd = reinterpret_cast<AlterTableCmd*>(n);
    only &= cmd->subtype == AT_SetLogged || cmd->subtype == AT_SetUnLogged;
  });
  if (!only) return false;
  out.command_tag = "ALTER SEQUENCE";
  std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  if (!catalog_.find_sequence(schema, stmt->relation->relname)) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "relation \"" + std::string(stmt->relation->relname) + "\" does not exist, skipping"});
      return true;
    }
    if (catalog_.relation_exists(schema.empty() ? catalog_.creation_schema() : schema, stmt->relation->relname))
      throw PgError(sqlstate::kWrongObjectType, "\"" + std::string(stmt->relation->relname) + "\" is not a sequence");
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + std::string(stmt->relation->relname) + "\" does not exist");
  }
  return true;
}

}  // namespace pgmicro
