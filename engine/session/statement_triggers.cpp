// FOR EACH STATEMENT triggers around a planned INSERT/UPDATE/DELETE: the plan records each
// table the statement (and its data-modifying WITH queries) modifies with its events; run_plan
// fires the tables' BEFORE STATEMENT triggers before the statement runs and the AFTER ones after
// it (plpgsql::fire_statement_triggers, which reads the triggers at run time, so a cached plan
// sees triggers created since).
#include <algorithm>
#include <functional>
#include "plpgsql/plpgsql_exec.h"
#include "session/session_impl.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

namespace {

std::vector<std::string> set_columns(List* targets) {
  std::vector<std::string> out;
  for_each_node(targets, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    if (rt->name && std::find(out.begin(), out.end(), rt->name) == out.end()) out.push_back(rt->name);
  });
  return out;
}

}  // namespace

void SessionImpl::plan_statement_triggers(Node* stmt, CachedPlan& plan) {
  auto add = [&](RangeVar* rv, int events, std::vector<std::string> cols) {
    if (!rv) return;
    const TableDef* t = catalog_.find_table(rv->schemaname ? rv->schemaname : "", rv->relname);
    if (!t) return;
    plan.trigger_targets.push_back({t->oid, events, std::move(cols)});
  };
  std::function<void(Node*)> visit = [&](Node* n) {
    if (!n) return;
    WithClause* with = nullptr;
    switch (nodeTag(n)) {
      case T_InsertStmt: {
        auto* s = reinterpret_cast<InsertStmt*>(n);
        with = s->withClause;
        bool upsert = s->onConflictClause && s->onConflictClause->action == ONCONFLICT_UPDATE;
        add(s->relation, 4 | (upsert ? 16 : 0), upsert ? set_columns(s->onConflictClause->targetList) : std::vector<std::string>{});
        break;
      }
      case T_UpdateStmt: {
        auto* s = reinterpret_cast<UpdateStmt*>(n);
        with = s->withClause;
        add(s->relation, 16, set_columns(s->targetList));
        break;
      }
      case T_DeleteStmt: {
        auto* s = reinterpret_cast<DeleteStmt*>(n);
        with = s->withClause;
        add(s->relation, 8, {});
        break;
      }
      case T_SelectStmt: with = reinterpret_cast<SelectStmt*>(n)->withClause; break;
      default: return;
    }
    if (with)
      for_each_node(with->ctes, [&](Node* c) {
        Node* q = reinterpret_cast<CommonTableExpr*>(c)->ctequery;
        if (q && !IsA(q, SelectStmt)) visit(q);
      });
  };
  visit(stmt);
}

void SessionImpl::fire_plan_statement_triggers(const CachedPlan& plan, bool before) {
  if (plan.trigger_targets.empty()) return;
  // BEFORE: the statement's own table last (WITH queries start first); INSERT before UPDATE.
  // AFTER: in reverse, UPDATE before INSERT (PostgreSQL's ExecASInsertTriggers order).
  std::vector<CachedPlan::TriggerTarget> targets(plan.trigger_targets.rbegin(), plan.trigger_targets.rend());
  if (!before) std::reverse(targets.begin(), targets.end());
  for (auto& t : targets) {
    std::vector<int> events;
    for (int bit : {4, 16, 8})
      if (t.events & bit) events.push_back(bit);
    if (!before) std::reverse(events.begin(), events.end());
    for (int bit : events)
      plpgsql::fire_statement_triggers(&runtime_, t.relid, bit, before, &t.update_columns);
  }
}

}  // namespace pgmicro
