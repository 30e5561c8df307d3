// INSERT … ON CONFLICT into a partitioned table. The rows are staged in the partitioned
// table's own SQLite table as for any routed INSERT (with the check for rows proposed twice),
// then each leaf partition takes its rows with an INSERT … SELECT carrying the statement's
// ON CONFLICT action for the leaf's own arbiters — inferred again on the leaf from the
// statement's inference specification, as PostgreSQL maps the arbiter indexes to the
// partition's indexes — and the statement's RETURNING. The command tag counts the leaves' rows.
#include "analyze/on_conflict.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "session/session_impl.h"

namespace pgmicro {

bool SessionImpl::plan_partitioned_upsert(InsertQuery& q, CachedPlan& plan) {
  if (!q.has_on_conflict || !q.table || !q.table->partition_strategy) return false;
  auto leaf_tail = [&q](const TableDef& leaf) {
    std::vector<std::string> targets;
    if (q.conflict_inference) {
      for (auto& a : infer_conflict_arbiters(leaf, *q.conflict_inference)) targets.push_back(a.target);
      if (targets.empty())
        unsupported("INSERT ... ON CONFLICT into partition \"" + leaf.name + "\", which has no index matching the arbiter");
    }
    // DO UPDATE's subqueries name the target by its SQLite table: here the leaf's (a partition
    // has the partitioned table's column names).
    std::string saved_alias;
    if (!q.rtable.empty()) {
      saved_alias = q.rtable[0].sql_alias;
      q.rtable[0].sql_alias = leaf.sqlite_ref();
    }
    std::string conflict = lower_insert_conflict(q, targets);
    if (!q.rtable.empty()) q.rtable[0].sql_alias = saved_alias;
    // DO UPDATE moves the row to the end of the leaf (pg_new_rowid of the leaf, not of the
    // partitioned table's staging table, whose rowids collide with the leaf's).
    std::string root_rowid = "pg_new_rowid(" + quote_literal(q.table->sqlite_ref()) + ",";
    std::string leaf_rowid = "pg_new_rowid(" + quote_literal(leaf.sqlite_ref()) + ",";
    for (size_t at = conflict.find(root_rowid); at != std::string::npos; at = conflict.find(root_rowid, at + leaf_rowid.size()))
      conflict.replace(at, root_rowid.size(), leaf_rowid);
    return conflict + lower_insert_returning(q);
  };
  std::vector<TargetEntry> returning = std::move(q.returning);
  q.returning.clear();
  q.has_on_conflict = false;  // the staging INSERT: no conflict clause, no RETURNING
  plan.lowered = lower_insert(q);
  q.has_on_conflict = true;
  q.returning = std::move(returning);
  plan.first_uncounted = true;
  size_t first = plan.more_lowered.size();
  plan_partition_routing(q.table, true, plan, leaf_tail);
  if (q.with) {
    // The leaves' INSERTs may read the statement's WITH queries (in ON CONFLICT DO UPDATE).
    std::string with = lower_with_prefix(*q.with);
    for (size_t i = first; i < plan.more_lowered.size(); i++)
      if (plan.more_lowered[i].rfind("INSERT INTO ", 0) == 0) plan.more_lowered[i] = with + plan.more_lowered[i];
  }
  return true;
}

}  // namespace pgmicro
