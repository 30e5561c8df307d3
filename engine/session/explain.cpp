// EXPLAIN [ANALYZE] [VERBOSE] [(option, ...)] statement: PostgreSQL's option parsing and errors,
// the statement analysed and lowered as it would run, SQLite's EXPLAIN QUERY PLAN of the
// lowered SQL as a PostgreSQL-shaped plan (explain_tree.cpp), EXPLAIN ANALYZE running the
// statement with SQLite's scan counters on, and the "QUERY PLAN" result (text: a row per line;
// JSON: one document). SET pgmicro.explain_lowered = on adds the lowered SQL.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <sqlite3.h>
#include "analyze/analyze_dml.h"
#include "analyze/analyzer.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/explain.h"
#include <memory>
#include "session/rule_checks.h"
#include "session/session_impl.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

struct ExplainOptions {
  bool analyze = false, verbose = false, costs = true, buffers = false, wal = false, settings = false;
  bool timing = false, summary = false;
  enum class Format { Text, Json, Xml, Yaml } format = Format::Text;
};

bool lower_eq(const char* a, const char* b) { return strcasecmp(a, b) == 0; }

std::string def_string(DefElem* d) {
  if (!d->arg) throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a parameter");
  Node* a = d->arg;
  if (IsA(a, String)) return strVal(a);
  if (IsA(a, Integer)) return std::to_string(intVal(a));
  if (IsA(a, Float)) return castNode(Float, a)->fval;
  if (IsA(a, Boolean)) return boolVal(a) ? "true" : "false";
  throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a parameter");
}

}  // namespace

// define.c's defGetBoolean (EXPLAIN's and VACUUM's options).
bool def_boolean(DefElem* d) {
  if (!d->arg) return true;
  Node* a = d->arg;
  if (IsA(a, Integer)) {
    if (intVal(a) == 0) return false;
    if (intVal(a) == 1) return true;
  } else if (IsA(a, Boolean)) {
    return boolVal(a);
  } else if (IsA(a, String)) {
    const char* s = strVal(a);
    if (lower_eq(s, "true") || lower_eq(s, "on")) return true;
    if (lower_eq(s, "false") || lower_eq(s, "off")) return false;
  }
  throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a Boolean value");
}

namespace {

// explain.c's option loop (PostgreSQL 15), with its errors and positions.
ExplainOptions parse_options(List* options) {
  ExplainOptions o;
  bool timing_set = false, summary_set = false;
  for_each_node(options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string name = d->defname;
    if (name == "analyze") o.analyze = def_boolean(d);
    else if (name == "verbose") o.verbose = def_boolean(d);
    else if (name == "costs") o.costs = def_boolean(d);
    else if (name == "buffers") o.buffers = def_boolean(d);
    else if (name == "wal") o.wal = def_boolean(d);
    else if (name == "settings") o.settings = def_boolean(d);
    else if (name == "timing") timing_set = true, o.timing = def_boolean(d);
    else if (name == "summary") summary_set = true, o.summary = def_boolean(d);
    else if (name == "format") {
      std::string p = def_string(d);
      if (p == "text") o.format = ExplainOptions::Format::Text;
      else if (p == "xml") o.format = ExplainOptions::Format::Xml;
      else if (p == "json") o.format = ExplainOptions::Format::Json;
      else if (p == "yaml") o.format = ExplainOptions::Format::Yaml;
      else
        throw PgError(sqlstate::kInvalidParameterValue,
                      "unrecognized value for EXPLAIN option \"" + name + "\": \"" + p + "\"").at(d->location);
    } else {
      throw PgError(sqlstate::kSyntaxError, "unrecognized EXPLAIN option \"" + name + "\"").at(d->location);
    }
  });
  if (o.wal && !o.analyze) throw PgError(sqlstate::kInvalidParameterValue, "EXPLAIN option WAL requires ANALYZE");
  o.timing = timing_set ? o.timing : o.analyze;
  if (o.timing && !o.analyze) throw PgError(sqlstate::kInvalidParameterValue, "EXPLAIN option TIMING requires ANALYZE");
  o.summary = summary_set ? o.summary : o.analyze;
  return o;
}

std::vector<Column> result_columns(const std::vector<TargetEntry>& targets) {
  std::vector<Column> cols;
  for (auto& t : targets) {
    int32_t typmod = t.expr->typmod;
    Oid type = domain_base_type(t.expr->type, &typmod);
    cols.push_back({t.name, type, typmod});
  }
  return cols;
}

// SQLite alias ("r1") -> {PostgreSQL relation name, alias} and the table behind it.
struct AliasInfo {
  std::string relation, alias, cte;
  const TableDef* table = nullptr;
  int order = 1 << 30;  // position in PostgreSQL's flattened range table (unique_aliases)
};
using AliasMap = std::map<std::string, AliasInfo>;

void collect_rtable(const std::vector<RangeTableEntry>& rtable, AliasMap& m);

void collect_select(const SelectQuery* q, AliasMap& m) {
  if (!q) return;
  collect_select(q->larg.get(), m);
  collect_select(q->rarg.get(), m);
  collect_rtable(q->rtable, m);
  for (auto& c : q->ctes) collect_select(c->query.get(), m);  // subplans: after the main plan's entries
}

void collect_rtable(const std::vector<RangeTableEntry>& rtable, AliasMap& m) {
  // A query's own entries come before those of its subqueries (the planner appends pulled-up
  // subqueries' range tables after the outer one).
  for (auto& r : rtable) {
    if (r.is_join || r.sql_alias.empty()) continue;
    AliasInfo a;
    a.order = m.count(r.sql_alias) ? m[r.sql_alias].order : (int)m.size();
    a.alias = r.alias;
    if (r.table) {
      a.relation = r.table->name;
      a.table = r.table;
    } else if (r.function) {
      a.relation = r.alias;
    } else if (r.cte) {
      a.relation = r.cte->name;
      a.cte = r.cte->sql_name;
    }
    m[r.sql_alias] = a;
  }
  for (auto& r : rtable)
    if (!r.is_join && !r.sql_alias.empty() && r.subquery) collect_select(r.subquery.get(), m);
}

// EXPLAIN names every range-table entry uniquely, as ruleutils' set_rtable_names: a name seen
// before gets "_1", "_2", ... (the name clipped so the result stays within 63 bytes).
void unique_aliases(AliasMap& m) {
  std::vector<AliasInfo*> order;
  for (auto& [k, a] : m) order.push_back(&a);
  std::stable_sort(order.begin(), order.end(), [](const AliasInfo* x, const AliasInfo* y) { return x->order < y->order; });
  std::map<std::string, int> counter;
  for (AliasInfo* a : order) {
    std::string name = a->alias.empty() ? a->relation : a->alias;
    if (name.empty()) continue;
    auto it = counter.find(name);
    if (it == counter.end()) { counter[name] = 0; continue; }
    std::string mod;
    do {
      it->second++;
      std::string suffix = "_" + std::to_string(it->second);
      size_t len = name.size();
      while (len + suffix.size() > 63) {
        len--;
        while (len > 0 && (static_cast<unsigned char>(name[len]) & 0xC0) == 0x80) len--;
      }
      mod = name.substr(0, len) + suffix;
    } while (counter.count(mod));
    counter[mod] = 0;
    a->alias = mod;
  }
}

std::string format_ms(double ms) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", ms);
  return buf;
}

}  // namespace

void SessionImpl::execute_explain(ExplainStmt* stmt, StatementResult& out) {
  ExplainOptions opt = parse_options(stmt->options);
  if (opt.format == ExplainOptions::Format::Xml) unsupported("EXPLAIN (FORMAT XML)");
  if (opt.format == ExplainOptions::Format::Yaml) unsupported("EXPLAIN (FORMAT YAML)");
  auto t0 = std::chrono::steady_clock::now();
  Node* q = stmt->query;
  refuse_rules_in_explain(catalog_, conn_, q);  // session/rule_checks.h
  if (IsA(q, ExecuteStmt))
    if (auto it = prepared_.find(reinterpret_cast<ExecuteStmt*>(q)->name); it != prepared_.end()) {
      MemoryContext home = CurrentMemoryContext;
      {
        ParsedScript text(it->second.text);
        MemoryContextSwitchTo(home);
        refuse_rules_in_explain(catalog_, conn_, reinterpret_cast<PrepareStmt*>(text.statements().at(0).raw->stmt)->query);
      }
      MemoryContextSwitchTo(home);
    }
  std::vector<Oid> param_types;
  Analyzer a(catalog_, param_types);
  a.sql_ = current_sql_;
  // A plain EXPLAIN shows the statement as written (analyze/analyze_dml_snapshot.cpp).
  SnapshotChecksSuspended suspend_snapshot;  // EXPLAIN ANALYZE of DML runs plan_statement's full plan, which checks
  AliasMap aliases;
  CachedPlan plan;
  std::string dml_root, dml_relation;
  // What runs for ANALYZE: the plan (queries, DML), or a statement of its own (CREATE TABLE AS,
  // EXECUTE) whose lowered query is `plan.lowered`.
  std::function<void(StatementResult&)> run;
  struct {
    bool aggregate = false, grouped = false, limit = false;
  } shape;  // what SQLite's plan does not show of the top-level query
  IntoClause* into = nullptr;
  Node* into_query = nullptr;
  bool into_if_not_exists = false;
  if (IsA(q, CreateTableAsStmt)) {
    auto* c = reinterpret_cast<CreateTableAsStmt*>(q);
    if (c->objtype == OBJECT_MATVIEW) unsupported("materialized views");
    if (!IsA(c->query, SelectStmt) && !IsA(c->query, ExecuteStmt)) unsupported("EXPLAIN of this CREATE TABLE AS query");
    into = c->into;
    into_query = c->query;
    into_if_not_exists = c->if_not_exists;
  } else if (IsA(q, SelectStmt) && reinterpret_cast<SelectStmt*>(q)->intoClause) {
    into = reinterpret_cast<SelectStmt*>(q)->intoClause;
    reinterpret_cast<SelectStmt*>(q)->intoClause = nullptr;
    into_query = q;
  }
  if (into) {
    // PostgreSQL checks the new table's name before planning (createas.c).
    RangeVar* rv = into->rel;
    std::string schema = catalog_.target_schema(rv->schemaname ? rv->schemaname : "", rv->relpersistence == 't',
                                                rv->location, rv->relname);
    if (catalog_.relation_exists(schema, rv->relname)) {
      if (!into_if_not_exists)
        throw PgError(sqlstate::kDuplicateTable, "relation \"" + std::string(rv->relname) + "\" already exists");
      out.notices.push_back({"NOTICE", "42P07", "relation \"" + std::string(rv->relname) + "\" already exists, skipping"});
      out.returns_rows = true;
      out.columns = {{"QUERY PLAN", oid::kText, -1}};
      out.command_tag = "EXPLAIN";
      return;
    }
    if (IsA(into_query, ExecuteStmt)) {  // CREATE TABLE AS EXECUTE: the prepared SELECT's plan
      std::vector<TextValue> args;
      CachedPlan p = prepared_plan_for(reinterpret_cast<ExecuteStmt*>(into_query), args);
      if (p.kind != T_SelectStmt || !p.dml_ctes.empty() || !p.more_lowered.empty())
        throw PgError("42809", "prepared statement is not a SELECT");
      if (!p.param_types.empty()) unsupported("EXPLAIN CREATE TABLE AS EXECUTE of a statement with parameters");
      plan.lowered = p.lowered;
      auto it = prepared_.find(reinterpret_cast<ExecuteStmt*>(into_query)->name);
      if (it != prepared_.end()) {  // the names behind the lowered SQL's aliases, as for EXPLAIN EXECUTE
        ParsedScript ps(it->second.text);
        auto* prep = reinterpret_cast<PrepareStmt*>(ps.statements().at(0).raw->stmt);
        std::vector<Oid> types;
        Analyzer pa(catalog_, types);
        auto sq = pa.analyze_select(reinterpret_cast<SelectStmt*>(prep->query));
        collect_select(sq.get(), aliases);
        shape = {sq->has_aggs || !sq->group_by.empty(), !sq->group_by.empty(), sq->limit || sq->offset};
      }
    } else {
      auto sq = a.analyze_select(reinterpret_cast<SelectStmt*>(into_query));
      collect_select(sq.get(), aliases);
      shape = {sq->has_aggs || !sq->group_by.empty(), !sq->group_by.empty(), sq->limit || sq->offset};
      plan.lowered = lower_select(*sq);
    }
    plan.kind = T_SelectStmt;
    run = [this, into, into_query, into_if_not_exists](StatementResult& r) {
      execute_create_table_as(into_query, into, into_if_not_exists, false, r);
    };
  } else {
    switch (nodeTag(q)) {
      case T_SelectStmt: {
        auto sq = a.analyze_select(reinterpret_cast<SelectStmt*>(q));
        collect_select(sq.get(), aliases);
        shape = {sq->has_aggs || !sq->group_by.empty(), !sq->group_by.empty(), sq->limit || sq->offset};
        plan.returns_rows = true;
        plan.columns = result_columns(sq->targets);
        plan.lowered = lower_select(*sq);
        break;
      }
      case T_InsertStmt: {
        auto iq = a.analyze_insert(reinterpret_cast<InsertStmt*>(q));
        collect_rtable(iq->rtable, aliases);
        collect_select(iq->select.get(), aliases);
        plan.returns_rows = !iq->returning.empty();
        plan.columns = result_columns(iq->returning);
        plan.lowered = lower_insert(*iq);
        dml_root = "Insert";
        dml_relation = iq->table->name;
        break;
      }
      case T_UpdateStmt: {
        auto uq = a.analyze_update(reinterpret_cast<UpdateStmt*>(q));
        collect_rtable(uq->rtable, aliases);
        plan.returns_rows = !uq->returning.empty();
        plan.columns = result_columns(uq->returning);
        plan.lowered = lower_update(*uq);
        dml_root = "Update";
        dml_relation = uq->table->name;
        break;
      }
      case T_DeleteStmt: {
        auto dq = a.analyze_delete(reinterpret_cast<DeleteStmt*>(q));
        collect_rtable(dq->rtable, aliases);
        plan.returns_rows = !dq->returning.empty();
        plan.columns = result_columns(dq->returning);
        plan.lowered = lower_delete(*dq);
        dml_root = "Delete";
        dml_relation = dq->table->name;
        break;
      }
      case T_ExecuteStmt: {
        auto* ex = reinterpret_cast<ExecuteStmt*>(q);
        auto it = prepared_.find(ex->name);
        if (it == prepared_.end())
          throw PgError("26000", "prepared statement \"" + std::string(ex->name) + "\" does not exist");
        if (it->second.plan.catalog_generation != catalog_.generation())
          unsupported("EXPLAIN EXECUTE of a statement prepared before a schema change");
        plan = it->second.plan;
        run = [this, ex](StatementResult& r) { execute_execute(ex, r); };
        {  // the names behind the lowered SQL's aliases, from the PREPARE text analysed again
          ParsedScript ps(it->second.text);
          auto* prep = reinterpret_cast<PrepareStmt*>(ps.statements().at(0).raw->stmt);
          std::vector<Oid> types = it->second.plan.param_types;
          Analyzer pa(catalog_, types);
          if (IsA(prep->query, SelectStmt)) {
            auto sq = pa.analyze_select(reinterpret_cast<SelectStmt*>(prep->query));
            collect_select(sq.get(), aliases);
            shape = {sq->has_aggs || !sq->group_by.empty(), !sq->group_by.empty(), sq->limit || sq->offset};
          } else if (IsA(prep->query, InsertStmt)) {
            auto iq = pa.analyze_insert(reinterpret_cast<InsertStmt*>(prep->query));
            collect_rtable(iq->rtable, aliases);
            collect_select(iq->select.get(), aliases);
            dml_root = "Insert", dml_relation = iq->table->name;
          } else if (IsA(prep->query, UpdateStmt)) {
            auto uq = pa.analyze_update(reinterpret_cast<UpdateStmt*>(prep->query));
            collect_rtable(uq->rtable, aliases);
            dml_root = "Update", dml_relation = uq->table->name;
          } else if (IsA(prep->query, DeleteStmt)) {
            auto dq = pa.analyze_delete(reinterpret_cast<DeleteStmt*>(prep->query));
            collect_rtable(dq->rtable, aliases);
            dml_root = "Delete", dml_relation = dq->table->name;
          }
        }
        break;
      }
      case T_DeclareCursorStmt: unsupported("DECLARE CURSOR");
      case T_MergeStmt: unsupported("EXPLAIN of MERGE");
      default: unsupported("EXPLAIN of this statement");
    }
    plan.kind = plan.kind ? plan.kind : nodeTag(q);
  }
  std::string run_sql;  // the first statement the run executes, when not plan.lowered
  if (!run) {
    plan.param_types = param_types;
    run = [this, &plan](StatementResult& r) { run_plan(plan, {}, r); };
    // EXPLAIN ANALYZE of DML runs the whole statement: partition routing, the statements of an
    // inheritance tree's other tables, snapshot copies (dml_inherit.cpp), not just the first.
    if (opt.analyze && (plan.kind == T_InsertStmt || plan.kind == T_UpdateStmt || plan.kind == T_DeleteStmt)) {
      auto full = std::make_shared<CachedPlan>();
      std::vector<Oid> full_types = param_types;
      if (plan_statement(q, full_types, *full) &&
          (!full->more_lowered.empty() || !full->dml_ctes.empty() || full->lowered != plan.lowered)) {
        full->param_types = full_types;
        run_sql = full->lowered;
        run = [this, full](StatementResult& r) { run_plan(*full, {}, r); };
      }
    }
  }

  // SQLite's plan of the lowered statement.
  std::vector<SqlitePlanRow> rows;
  {
    runtime_.pending_error.reset();
    sqlite3_stmt* st = nullptr;
    std::string eqp = "EXPLAIN QUERY PLAN " + plan.lowered;
    if (sqlite3_prepare_v2(conn_, eqp.c_str(), (int)eqp.size(), &st, nullptr) != SQLITE_OK) {
      Error e = translate_sqlite_error(SQLITE_ERROR);
      if (e.message.rfind("circular reference", 0) == 0) {  // as run_query reports it
        e.sqlstate = sqlstate::kFeatureNotSupported;
        e.message = "a recursive reference inside a subquery or another WITH query is not supported by pgmicro yet";
      } else {
        e.message = "internal error preparing lowered statement: " + e.message;
      }
      throw PgError(e);
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
      SqlitePlanRow r;
      r.id = sqlite3_column_int(st, 0);
      r.parent = sqlite3_column_int(st, 1);
      const unsigned char* d = sqlite3_column_text(st, 3);
      r.detail = d ? reinterpret_cast<const char*>(d) : "";
      rows.push_back(std::move(r));
    }
    sqlite3_finalize(st);
  }
  double planning_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  // EXPLAIN ANALYZE: the statement runs (its effects stay, as in PostgreSQL); SQLite's scan
  // counters of the lowered statement, per plan step in order of its OP_Explain text.
  std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> counts;  // detail -> (loops, visits)
  StatementResult ran;
  double execution_ms = 0;
  if (opt.analyze) {
    auto t1 = std::chrono::steady_clock::now();
    analyze_sql_ = run_sql.empty() ? plan.lowered : run_sql;
    analyze_hook_ = [&counts](sqlite3_stmt* st) {
#ifdef SQLITE_ENABLE_STMT_SCANSTATUS
      for (int i = 0;; i++) {
        const char* text = nullptr;
        if (sqlite3_stmt_scanstatus_v2(st, i, SQLITE_SCANSTAT_EXPLAIN, SQLITE_SCANSTAT_COMPLEX, &text)) break;
        sqlite3_int64 loops = -1, visits = -1;
        sqlite3_stmt_scanstatus_v2(st, i, SQLITE_SCANSTAT_NLOOP, SQLITE_SCANSTAT_COMPLEX, &loops);
        sqlite3_stmt_scanstatus_v2(st, i, SQLITE_SCANSTAT_NVISIT, SQLITE_SCANSTAT_COMPLEX, &visits);
        if (text && loops >= 0 && visits >= 0) counts[text].push_back({loops, visits});
      }
#else
      (void)st;
#endif
    };
    struct Clear {
      SessionImpl* s;
      ~Clear() {
        s->analyze_hook_ = nullptr;
        s->analyze_sql_.clear();
      }
    } clear{this};
    run(ran);
    for (auto& n : ran.notices) out.notices.push_back(n);
    execution_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count();
  }

  // PostgreSQL names for SQLite's aliases and indexes.
  ExplainNames names;
  // Tables of subqueries in expressions (not in the range tables walked above): "<ref> AS rN"
  // in the lowered SQL.
  {
    const std::string& l = plan.lowered;
    for (size_t p = l.find("\" AS "); p != std::string::npos; p = l.find("\" AS ", p + 1)) {
      size_t a0 = p + 5, a1 = a0;
      while (a1 < l.size() && (isalnum((unsigned char)l[a1]) || l[a1] == '_')) a1++;
      std::string alias = l.substr(a0, a1 - a0);
      if (alias.empty() || aliases.count(alias)) continue;
      size_t q = p;  // the opening quote of the table's quoted name
      while (q > 0) {
        q--;
        if (l[q] == '"') {
          if (q > 0 && l[q - 1] == '"') { q--; continue; }
          break;
        }
      }
      std::string name;
      for (size_t i = q + 1; i < p; i++) {
        name += l[i];
        if (l[i] == '"') i++;
      }
      bool temp = q >= 7 && l.compare(q - 7, 7, "pgtemp.") == 0;
      const TableDef* t = nullptr;
      for (auto& cand : catalog_.tables())
        if (sqlite_relation_name(cand->schema, cand->name) == name && cand->temporary() == temp) t = cand.get();
      if (t) aliases[alias] = AliasInfo{t->name, t->name, "", t};
    }
  }
  unique_aliases(aliases);
  names.relation = [&](const std::string& sqlite_alias) -> ExplainRelation {
    auto it = aliases.find(sqlite_alias);
    if (it != aliases.end()) return {it->second.relation, it->second.alias, it->second.cte};
    // A DML target is named by its SQLite name ("t", "s.t", "pgtemp.t").
    std::string n = sqlite_alias;
    if (n.rfind("main.", 0) == 0) n = n.substr(5);
    if (n.rfind("pgtemp.", 0) == 0) n = n.substr(7);
    if (const TableDef* t = catalog_.find_table_by_sqlite_name(n)) return {t->name, "", ""};
    return {n, "", ""};
  };
  auto table_of = [&](const std::string& sqlite_alias) -> const TableDef* {
    auto it = aliases.find(sqlite_alias);
    if (it != aliases.end()) return it->second.table;
    std::string n = sqlite_alias;
    if (n.rfind("main.", 0) == 0) n = n.substr(5);
    if (n.rfind("pgtemp.", 0) == 0) n = n.substr(7);
    const TableDef* t = catalog_.find_table_by_sqlite_name(n);
    if (!t && !dml_relation.empty()) t = catalog_.find_table(dml_relation);
    return t;
  };
  names.index = [&](const std::string& sqlite_alias, const std::string& sqlite_index) -> std::string {
    const TableDef* t = table_of(sqlite_alias);
    if (!t) return sqlite_index.empty() ? "rowid" : sqlite_index;
    if (sqlite_index.empty()) {  // the rowid (INTEGER PRIMARY KEY) or a WITHOUT ROWID key
      for (auto& c : t->constraints)
        if (c.type == 'p') return c.name;
      return "rowid";
    }
    for (auto& ix : t->indexes)
      if (ix.name == sqlite_index || (sqlite_index.size() > ix.name.size() &&
                                      sqlite_index.compare(sqlite_index.size() - ix.name.size() - 1, std::string::npos,
                                                           "." + ix.name) == 0))
        return ix.name;
    if (sqlite_index.rfind("sqlite_autoindex_", 0) == 0) {
      // A PRIMARY KEY / UNIQUE constraint's index: the constraint with the same columns.
      std::vector<std::string> cols;
      sqlite3_stmt* st = nullptr;
      std::string sql = "SELECT name FROM pragma_index_info(?1, ?2) ORDER BY seqno";
      if (sqlite3_prepare_v2(conn_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, sqlite_index.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, t->temporary() ? "pgtemp" : "main", -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
          const unsigned char* c = sqlite3_column_text(st, 0);
          cols.push_back(c ? reinterpret_cast<const char*>(c) : "");
        }
      }
      sqlite3_finalize(st);
      for (auto& c : t->constraints) {
        if (c.type != 'p' && c.type != 'u') continue;
        if (c.columns.size() != cols.size()) continue;
        bool same = true;
        for (size_t i = 0; i < cols.size() && same; i++) same = t->columns[c.columns[i]].name == cols[i];
        if (same) return c.name;
      }
    }
    return sqlite_index;
  };
  auto root = build_explain_tree(rows, names, dml_root, dml_relation);
  // SQLite's plan shows no node for aggregation without a sorter, nor for LIMIT: the
  // top-level query's Aggregate and Limit are added where PostgreSQL puts them.
  if (shape.aggregate) {
    std::unique_ptr<ExplainNode>* at = &root;
    while ((*at)->type == "Sort" || (*at)->type == "Incremental Sort" || (*at)->type == "Unique") {
      auto& kids = (*at)->children;
      auto child = std::find_if(kids.begin(), kids.end(), [](auto& c) { return c->plan_name.empty(); });
      if (child == kids.end()) break;
      at = &*child;
    }
    if ((*at)->type != "GroupAggregate") {
      auto agg = std::make_unique<ExplainNode>();
      agg->type = shape.grouped ? "GroupAggregate" : "Aggregate";
      (*at)->relationship = "Outer";
      agg->children.push_back(std::move(*at));
      *at = std::move(agg);
    }
  }
  if (shape.limit) {
    auto lim = std::make_unique<ExplainNode>();
    lim->type = "Limit";
    root->relationship = "Outer";
    lim->children.push_back(std::move(root));
    root = std::move(lim);
  }

  if (opt.analyze) {
    // Actual counts: scans from SQLite's counters (rows visited), the top node from the result.
    std::map<std::string, size_t> used;
    std::function<void(ExplainNode&)> fill = [&](ExplainNode& n) {
      auto it = counts.find(n.detail);
      if (!n.detail.empty() && it != counts.end() && used[n.detail] < it->second.size()) {
        auto [loops, visits] = it->second[used[n.detail]++];
        n.loops = loops;
        n.rows = visits;
      }
      for (auto& c : n.children) fill(*c);
    };
    fill(*root);
    root->loops = 1;
    root->rows = plan.returns_rows && dml_root.empty() ? (int64_t)ran.rows.size() : dml_root.empty() ? root->rows : (int64_t)ran.rows.size();
    if (into) root->rows = -1, root->loops = -1;
  }

  ExplainRenderOptions ro;
  ro.analyze = opt.analyze;
  ro.verbose = opt.verbose;
  bool show_lowered = settings_.get("pgmicro.explain_lowered") == "on";
  out.returns_rows = true;
  out.columns = {{"QUERY PLAN", opt.format == ExplainOptions::Format::Json ? oid::kJson : oid::kText, -1}};
  out.command_tag = "EXPLAIN";
  if (opt.format == ExplainOptions::Format::Text) {
    std::vector<std::string> lines;
    render_explain_text(*root, ro, lines);
    if (show_lowered) lines.push_back("SQLite: " + plan.lowered);
    if (opt.summary) lines.push_back("Planning Time: " + format_ms(planning_ms) + " ms");
    if (opt.summary && opt.analyze) lines.push_back("Execution Time: " + format_ms(execution_ms) + " ms");
    for (auto& l : lines) out.rows.push_back({l});
  } else {
    std::string doc = "[\n  {\n    \"Plan\": " + render_explain_json_node(*root, ro, 4);
    if (show_lowered) doc += ",\n    \"SQLite\": " + explain_json_string(plan.lowered);
    if (opt.summary) doc += ",\n    \"Planning Time\": " + format_ms(planning_ms);
    if (opt.summary && opt.analyze) doc += ",\n    \"Execution Time\": " + format_ms(execution_ms);
    doc += "\n  }\n]";
    out.rows.push_back({doc});
  }
}

}  // namespace pgmicro
