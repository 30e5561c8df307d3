// UPDATE and DELETE of an inheritance parent: PostgreSQL applies them to the parent and every
// descendant (unless ONLY); here each table gets its own statement, analysed with the table as
// the target (columns are matched by name), and the command tag counts the rows of all.
#include "analyze/analyze_dml.h"
#include "analyze/analyzer.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"
#include "session/foreign_keys.h"
#include "session/session_impl.h"
#include <functional>
#include "parse/parser.h"

namespace pgmicro {

bool query_has_volatile(const SelectQuery& q);  // lower/lower_expr.cpp

namespace {

// A child's RETURNING * lists the child's columns: the parent's columns are picked by name
// (false when the child's list cannot give the parent's).
bool parent_returning(std::vector<TargetEntry>& ret, const std::vector<Column>& parent) {
  bool same = ret.size() == parent.size();
  for (size_t i = 0; same && i < ret.size(); i++) same = ret[i].name == parent[i].name;
  if (same) return true;
  // In order first (RETURNING t.*, o.* repeats names: each parent column after the previous one).
  std::vector<TargetEntry> in_order;
  for (size_t i = 0, from = 0; i < parent.size(); i++) {
    while (from < ret.size() && ret[from].name != parent[i].name) from++;
    if (from == ret.size()) break;
    in_order.push_back(ret[from++]);
  }
  if (in_order.size() == parent.size()) {
    ret = std::move(in_order);
    return true;
  }
  for (size_t i = 0; i < parent.size(); i++)
    for (size_t j = 0; j < i; j++)
      if (parent[i].name == parent[j].name) return false;
  std::vector<TargetEntry> picked;
  for (auto& col : parent) {
    const TargetEntry* found = nullptr;
    for (auto& te : ret)
      if (te.name == col.name && !found) found = &te;
    if (!found) return false;
    picked.push_back(*found);
  }
  ret = std::move(picked);
  return true;
}

}  // namespace

std::vector<DmlCteStep> materialize_inherited_with(SelectQuery& with);  // dml_inherit_with.cpp
void use_inherited_with(SelectQuery& with, const std::vector<DmlCteStep>& steps);

bool statement_reads_table(const std::string& sql, const std::string& ref);  // dml_snapshot_reads.cpp
void snapshot_dml_reads(CachedPlan& plan, const std::vector<const TableDef*>& modifies, const std::vector<char>& own,
                        const std::vector<char>& keep_reads);  // dml_snapshot_reads.cpp

namespace {
// The lowered SET values and RETURNING list: reads of a table there see the rows the
// statement already changed (SQLite computes them as it writes each row).
std::string written_row_reads(const UpdateQuery& q) {
  std::string text;
  for (auto& s : q.sets)
    if (s.second) text += lower_expr_in(*s.second, q.rtable);
  for (auto& t : q.returning) text += lower_expr_in(*t.expr, q.rtable);
  // UPDATE … FROM the target's own table: the rows it joins move (pg_new_rowid) under it.
  if (!q.from.empty()) {
    std::string all = lower_update(q);
    size_t set = all.find(" SET ");
    if (set != std::string::npos) text += all.substr(set);
  }
  return text;
}
std::string written_row_reads(const DeleteQuery& q) {
  std::string text;
  for (auto& t : q.returning) text += lower_expr_in(*t.expr, q.rtable);
  return text;
}
// A subquery calling a volatile function: PostgreSQL evaluates an uncorrelated one once for
// the statement, here each table's statement would evaluate it again.
bool volatile_subquery(const Expr* e) {
  if (!e) return false;
  if (e->subquery && query_has_volatile(*e->subquery)) return true;
  if (volatile_subquery(e->compare.get())) return true;
  for (auto& a : e->args)
    if (volatile_subquery(a.get())) return true;
  return false;
}
template <class Q>
void refuse_volatile_subqueries(const Q& q) {
  bool found = volatile_subquery(q.where.get());
  for (auto& t : q.returning) found |= volatile_subquery(t.expr.get());
  for (size_t r = 1; r < q.rtable.size(); r++)
    found |= (q.rtable[r].subquery && query_has_volatile(*q.rtable[r].subquery)) ||
             (q.rtable[r].function && (q.rtable[r].function->volatile_ || volatile_subquery(q.rtable[r].function.get())));
  if (found) unsupported("volatile functions in subqueries of UPDATE/DELETE on a table with inheritance children or partitions");
}
void refuse_volatile_sets(const UpdateQuery& q) {
  for (auto& s : q.sets)
    if (volatile_subquery(s.second.get()))
      unsupported("volatile functions in subqueries of UPDATE/DELETE on a table with inheritance children or partitions");
}

// Whether `t` or one of its ancestors (whose row triggers fire on their partitions) has a
// BEFORE UPDATE row trigger: a row it moves to another partition would skip it here (the move
// is a DELETE and an INSERT), and PostgreSQL fires it first (it may change or skip the row).
bool before_update_row_triggers(sqlite3* db, const Catalog& cat, const TableDef* t) {
  std::string ids;
  for (; t; t = t->parents.empty() ? nullptr : cat.find_table_by_oid(t->parents[0]))
    ids += (ids.empty() ? "" : ", ") + std::to_string(t->oid);
  sqlite3_stmt* st = nullptr;
  std::string q = "SELECT 1 FROM main._pgmicro_trigger WHERE tgrelid IN (" + ids + ") AND (tgtype & 83) = 19";
  bool found = false;
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK) found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

}  // namespace

void SessionImpl::plan_inherited_dml(Node* stmt, const TableDef* target, std::vector<Oid>& param_types, CachedPlan& plan) {
  RangeVar* rv = IsA(stmt, UpdateStmt) ? reinterpret_cast<UpdateStmt*>(stmt)->relation : reinterpret_cast<DeleteStmt*>(stmt)->relation;
  if (!target) return;
  if (!rv->inh || target->children.empty()) {
    // One table: only a statement whose SET values or RETURNING read the table itself needs its snapshot.
    std::string ref = target->sqlite_ref();
    if (!statement_reads_table(plan.lowered, ref)) return;
    Analyzer a(catalog_, param_types);
    a.sql_ = current_sql_;
    a.allow_dml_ctes = false;
    a.dml_target_override = target;
    // Only the reads are wanted: the snapshot refusals (analyze_dml_snapshot.cpp) ran in the plan's analysis.
    SnapshotChecksSuspended suspend_snapshot;
    std::string reads;
    try {
      reads = IsA(stmt, UpdateStmt) ? written_row_reads(*a.analyze_update(reinterpret_cast<UpdateStmt*>(stmt)))
                                    : written_row_reads(*a.analyze_delete(reinterpret_cast<DeleteStmt*>(stmt)));
    } catch (const PgError&) {
      return;  // (e.g. a data-modifying WITH query, which this analysis does not allow)
    }
    if (reads.find(ref) != std::string::npos) snapshot_dml_reads(plan, {target}, {1}, {0});
    return;
  }
  // Per statement of the plan (0: plan.lowered): the table it writes, whether its SET values
  // read that table, whether its reads stay (partition routing reads the staging table).
  std::vector<const TableDef*> modifies{target};
  std::vector<char> own{0}, keep{0};
  auto add = [&](const std::string& sql, const TableDef* t, bool own_read, bool keep_reads) {
    plan.more_lowered.push_back(sql);
    modifies.push_back(t);
    own.push_back(own_read);
    keep.push_back(keep_reads);
  };
  // UPDATE of a partitioned table moves rows whose new key leaves their partition: they go back
  // through the partitioned table's routing (PostgreSQL's row movement; not with FROM).
  auto* us = IsA(stmt, UpdateStmt) ? reinterpret_cast<UpdateStmt*>(stmt) : nullptr;
  bool moving = us && target->partition_strategy && !list_size(us->fromClause);
  // A moved row's RETURNING is the staging INSERT's, analysed over the partitioned table (its
  // tableoid: the partition routing picks, analyze/partition_tableoid.cpp).
  std::string moved_returning;
  if (moving && list_size(us->returningList)) {
    Analyzer ra(catalog_, param_types);
    ra.sql_ = current_sql_;
    ra.allow_dml_ctes = false;
    ra.dml_target_override = target;
    auto rq = ra.analyze_update(us);
    for (size_t i = 0; i < rq->returning.size(); i++)
      moved_returning += (i ? ", " : " RETURNING ") + lower_expr_in(*rq->returning[i].expr, rq->rtable);
  }
  // A moved row is deleted from its partition and inserted into another: a foreign key's
  // ON DELETE action would fire where PostgreSQL runs the ON UPDATE one of a key referencing a
  // partitioned table, so moving such a row is refused when it happens (pg_fk_move_unsupported
  // raises 0A000). A key referencing the partition itself sees a DELETE, as in PostgreSQL.
  bool move_refused = false;
  if (moving) {
    std::vector<const TableDef*> tree = table_descendants(catalog_, *target);
    for (const TableDef* t = target; t; t = t->parents.empty() ? nullptr : catalog_.find_table_by_oid(t->parents[0])) tree.push_back(t);
    for (const TableDef* t : tree)
      for (auto& [fk_table, fk] : referencing_foreign_keys(catalog_, t->partition_strategy ? t->oid : -1))
        move_refused |= fk->on_delete == 'c' || fk->on_delete == 'n' || fk->on_delete == 'd';
  }
  // The statement's WITH queries: run once into temp tables every statement reads.
  bool with_done = false;
  std::string with_before, with_after;
  std::vector<DmlCteStep> with_steps;
  auto once_with = [&](const std::shared_ptr<SelectQuery>& w) {
    if (!w) return;
    if (with_done) return use_inherited_with(*w, with_steps);
    with_before = lower_with_prefix(*w);
    with_steps = materialize_inherited_with(*w);
    with_after = lower_with_prefix(*w);
    with_done = true;
  };
  for (const TableDef* child : table_descendants(catalog_, *target)) {
    Analyzer a(catalog_, param_types);
    a.sql_ = current_sql_;
    a.dml_target_override = child;
    // RETURNING of FROM/USING columns: each child's step runs before the statement, next to
    // the parent's (named after the steps before it).
    bool with = IsA(stmt, UpdateStmt) ? reinterpret_cast<UpdateStmt*>(stmt)->withClause != nullptr
                                      : reinterpret_cast<DeleteStmt*>(stmt)->withClause != nullptr;
    a.allow_dml_ctes = !with;
    a.dml_cte_steps = plan.dml_ctes;
    struct KeepSteps {
      Analyzer& a;
      CachedPlan& plan;
      ~KeepSteps() { if (a.dml_cte_steps.size() > plan.dml_ctes.size()) plan.dml_ctes = a.dml_cte_steps; }
    } keep_steps{a, plan};
    if (IsA(stmt, UpdateStmt)) {
      auto q = a.analyze_update(reinterpret_cast<UpdateStmt*>(stmt));
      once_with(q->with);
      refuse_volatile_subqueries(*q);
      refuse_volatile_sets(*q);
      if (!parent_returning(q->returning, plan.columns)) unsupported("RETURNING * of UPDATE on a parent whose children have other columns");
      if (moving && child->partition_strategy) continue;  // holds no rows
      if (moving) {
        // The leaf's whole partition constraint over the new values: a row leaving the target
        // itself (a partition) goes to its staging table, whose check names the target.
        std::string cond;
        for (const TableDef* cur = child; cur && !cur->parents.empty() && !cur->partition_bound.empty();) {
          const TableDef* parent = catalog_.find_table_by_oid(cur->parents[0]);
          if (!parent) break;
          std::string c = partition_condition(*parent, decode_bound(cur->partition_bound), partitions_of(catalog_, *parent));
          cond = cond.empty() ? c : "(" + c + ") AND (" + cond + ")";
          cur = parent;
        }
        Analyzer ca(catalog_, param_types);
        auto scope = ca.dml_scope(child, "");
        ca.scope_ = scope.get();
        ParsedScript ps("SELECT " + (cond.empty() ? std::string("true") : cond));
        auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
        ExprPtr ce = ca.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Where);
        std::vector<ExprPtr> values(child->columns.size());
        for (auto& s : q->sets) values[s.first] = s.second;
        std::function<ExprPtr(const ExprPtr&)> subst = [&](const ExprPtr& e) -> ExprPtr {
          if (e->kind == ExprKind::Var && e->levelsup == 0 && e->rte == 0 && e->attno >= 0 && e->attno < (int)values.size() && values[e->attno])
            return values[e->attno];
          auto copy = std::make_shared<Expr>(*e);
          for (auto& x : copy->args) x = subst(x);
          return copy;
        };
        std::string stays = lower_expr_in(*subst(ce), q->rtable);
        std::string where = q->where ? "(" + lower_expr_in(*q->where, q->rtable) + ")" : "1";
        std::string cols, vals;
        for (auto& col : target->columns) {
          int ci = child->find_column(col.name);
          cols += (cols.empty() ? "" : ", ") + quote_ident(col.name);
          vals += (vals.empty() ? "" : ", ") + (ci >= 0 && values[ci] ? lower_expr_in(*values[ci], q->rtable) : quote_ident(col.name));
        }
        std::string leaving = " WHERE " + where + " AND NOT coalesce(" + stays + ", false)";
        if (before_update_row_triggers(conn_, catalog_, child)) {
          add(with_after + "SELECT pg_fk_move_unsupported('UPDATE moving rows between partitions with BEFORE UPDATE row triggers') FROM " +
                  child->sqlite_ref() + leaving + " LIMIT 1",
              nullptr, false, false);
          plan.more_counts.push_back(0);
        }
        if (move_refused) {
          add(with_after + "SELECT pg_fk_move_unsupported() FROM " + child->sqlite_ref() + leaving + " LIMIT 1", nullptr, false, false);
          plan.more_counts.push_back(0);
        }
        add(with_after + "INSERT INTO " + target->sqlite_ref() + " (" + cols + ") SELECT " + vals + " FROM " + child->sqlite_ref() + leaving + moved_returning, target, false, false);
        plan.more_counts.push_back(1);
        add(with_after + "DELETE FROM " + child->sqlite_ref() + leaving, child, false, false);
        plan.more_counts.push_back(0);
      }
      std::string reads = written_row_reads(*q);
      own[0] |= reads.find(target->sqlite_ref()) != std::string::npos;
      add(lower_update(*q), child, reads.find(child->sqlite_ref()) != std::string::npos, false);
      plan.more_counts.push_back(1);
      continue;
    } else {
      auto q = a.analyze_delete(reinterpret_cast<DeleteStmt*>(stmt));
      once_with(q->with);
      refuse_volatile_subqueries(*q);
      if (!parent_returning(q->returning, plan.columns)) unsupported("RETURNING * of DELETE on a parent whose children have other columns");
      std::string reads = written_row_reads(*q);
      own[0] |= reads.find(target->sqlite_ref()) != std::string::npos;
      add(lower_delete(*q), child, reads.find(child->sqlite_ref()) != std::string::npos, false);
      plan.more_counts.push_back(1);
    }
  }
  if (with_done && !with_steps.empty()) {
    if (plan.lowered.compare(0, with_before.size(), with_before) != 0)
      unsupported("WITH queries in UPDATE/DELETE of a table with inheritance children");
    plan.lowered = with_after + plan.lowered.substr(with_before.size());
    plan.dml_ctes.insert(plan.dml_ctes.begin(), with_steps.begin(), with_steps.end());
  }
  if (moving) {
    plan_partition_routing(target, false, plan);
    plan.more_counts.resize(plan.more_lowered.size(), 0);
  }
  keep.resize(1 + plan.more_lowered.size(), 1);
  snapshot_dml_reads(plan, modifies, own, keep);
}

}  // namespace pgmicro

namespace pgmicro {

// INSERT into a partitioned table: the rows are first written to the parent's own SQLite table
// (which holds no rows otherwise: its checks and NOT NULL run there), then for every
// partitioned table of the tree a row no partition accepts raises 23514, each leaf partition
// takes its rows, and the parent is emptied again.
void SessionImpl::plan_partition_routing(const TableDef* root, bool on_conflict, CachedPlan& plan,
                                         const std::function<std::string(const TableDef&)>& leaf_tail) {
  if (!root || !root->partition_strategy) return;
  if (on_conflict && !leaf_tail) unsupported("INSERT ... ON CONFLICT into a partitioned table");
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  auto scope = a.dml_scope(root, "");
  scope->rtable[0].sql_alias = "s";
  scope->rtable[0].dml_target = false;
  a.scope_ = scope.get();
  auto lowered = [&](const std::string& cond) {
    ParsedScript ps("SELECT " + cond);
    auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
    ExprPtr e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Where);
    return lower_expr_in(*e, scope->rtable);
  };
  std::string from = " FROM " + root->sqlite_ref() + " AS s WHERE ";
  std::vector<std::string> checks, moves;
  std::function<void(const TableDef&, const std::string&)> walk = [&](const TableDef& node, const std::string& path) {
    std::vector<const TableDef*> parts = partitions_of(catalog_, node);
    std::string any;
    for (auto* p : parts) {
      std::string c = partition_condition(node, decode_bound(p->partition_bound), parts);
      any += (any.empty() ? "" : " OR ") + ("(" + c + ")");
    }
    std::string args = std::to_string(node.oid);
    for (auto& k : partition_keys(node)) args += ", " + lowered(k.expr);
    std::string failing = (path.empty() ? "" : path + " AND ") + "NOT coalesce(" + (any.empty() ? "false" : any) + ", false)";
    checks.push_back("SELECT pg_partition_no_route(" + args + ")" + from + lowered(failing) + " LIMIT 1");
    for (auto* p : parts) {
      std::string c = "(" + partition_condition(node, decode_bound(p->partition_bound), parts) + ")";
      std::string sub = path.empty() ? c : path + " AND " + c;
      if (p->partition_strategy) {
        walk(*p, sub);
        continue;
      }
      std::string cols, vals;
      for (auto& col : root->columns) {
        cols += (cols.empty() ? "" : ", ") + quote_ident(col.name);
        vals += (vals.empty() ? "" : ", ") + std::string("s.") + quote_ident(col.name);
      }
      moves.push_back("INSERT INTO " + p->sqlite_ref() + " (" + cols + ") SELECT " + vals + from + lowered(sub) +
                      (leaf_tail ? leaf_tail(*p) : ""));
    }
  };
  walk(*root, "");
  for (auto& s : checks) plan.more_lowered.push_back(s);
  if (leaf_tail) plan.more_counts.resize(plan.more_lowered.size(), 0);
  for (auto& s : moves) {
    plan.more_lowered.push_back(s);
    if (leaf_tail) plan.more_counts.push_back(1);
  }
  plan.more_lowered.push_back("DELETE FROM " + root->sqlite_ref());
  if (leaf_tail) plan.more_counts.push_back(0);
}

}  // namespace pgmicro
