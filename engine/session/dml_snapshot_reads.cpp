// PostgreSQL's UPDATE/DELETE reads every table through the statement's snapshot: a subquery
// (or FROM item, or WITH query) sees the rows as they were before the statement, whatever it
// has changed already. Here an UPDATE/DELETE of an inheritance tree is one SQLite statement per
// table (dml_inherit.cpp), so a later statement would read the rows earlier ones changed; and
// SQLite computes an UPDATE's SET values row by row after the changes to earlier rows, so a
// subquery in SET reading the target sees updated rows. Such reads are redirected to a copy of
// the table taken before the statement (a step of the plan, in a temp table with the rowid and
// the columns), read through a subquery giving the table's column names.
#include <cctype>
#include <cstring>
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "session/session_impl.h"

namespace pgmicro {

namespace {

// Positions of `ref` in `sql` that are reads: not the statement's own target ("UPDATE ref",
// "DELETE FROM ref", "INSERT INTO ref" at its first occurrence) and not inside a literal
// ('main."t"' of pg_new_rowid).
std::vector<size_t> read_positions(const std::string& sql, const std::string& ref, bool skip_target) {
  std::vector<size_t> out;
  size_t target = std::string::npos;
  if (skip_target)
    for (const char* verb : {"UPDATE ", "DELETE FROM ", "INSERT INTO "}) {
      size_t at = sql.find(verb + ref);
      if (at != std::string::npos && (target == std::string::npos || at + strlen(verb) < target)) target = at + strlen(verb);
    }
  for (size_t at = sql.find(ref); at != std::string::npos; at = sql.find(ref, at + ref.size())) {
    if (at == target) continue;
    if (at > 0 && sql[at - 1] == '\'') continue;
    size_t end = at + ref.size();
    if (end < sql.size() && (sql[end] == '.' || std::isalnum((unsigned char)sql[end]) || sql[end] == '_')) continue;
    out.push_back(at);
  }
  return out;
}

}  // namespace

// Whether the statement reads `ref` other than as its target (plan_inherited_dml's cheap test).
bool statement_reads_table(const std::string& sql, const std::string& ref) { return !read_positions(sql, ref, true).empty(); }

// `statements[k]`: the SQL of the plan's k-th statement (0: plan.lowered); `modifies[k]`: the
// table it writes (nullptr: none, or a statement whose reads are kept, e.g. partition routing);
// `own[k]`: its own target is read in its SET values (redirected too).
void snapshot_dml_reads(CachedPlan& plan, const std::vector<const TableDef*>& modifies, const std::vector<char>& own,
                        const std::vector<char>& keep_reads) {
  static thread_local uint64_t plans = 0;
  std::string prefix;
  std::vector<std::pair<const TableDef*, std::string>> snaps;  // table -> replacement text
  std::vector<DmlCteStep> steps;
  auto snapshot = [&](const TableDef* t) -> const std::string& {
    for (auto& s : snaps)
      if (s.first == t) return s.second;
    if (prefix.empty()) prefix = "_pgmicro_snap" + std::to_string(++plans) + "_";
    DmlCteStep step;
    step.table = prefix + std::to_string(steps.size());
    step.sql = "SELECT rowid";
    std::string view = "(SELECT c1 AS rowid";
    for (size_t i = 0; i < t->columns.size(); i++) {
      step.sql += ", " + quote_ident(t->columns[i].name);
      view += ", c" + std::to_string(i + 2) + " AS " + quote_ident(t->columns[i].name);
    }
    step.sql += " FROM " + t->sqlite_ref();
    step.ncols = t->columns.size() + 1;
    view += " FROM temp." + step.table + ")";
    steps.push_back(step);
    snaps.emplace_back(t, view);
    return snaps.back().second;
  };
  size_t n = 1 + plan.more_lowered.size();
  for (size_t k = 0; k < n && k < modifies.size(); k++) {
    if (k < keep_reads.size() && keep_reads[k]) continue;
    std::string& sql = k == 0 ? plan.lowered : plan.more_lowered[k - 1];
    std::vector<const TableDef*> changed;
    for (size_t j = 0; j < k; j++)
      if (modifies[j]) changed.push_back(modifies[j]);
    if (k < own.size() && own[k] && modifies[k]) changed.push_back(modifies[k]);
    for (const TableDef* t : changed) {
      std::string ref = t->sqlite_ref();
      std::vector<size_t> at = read_positions(sql, ref, true);
      if (at.empty()) continue;
      const std::string& view = snapshot(t);
      for (auto it = at.rbegin(); it != at.rend(); ++it) {
        size_t end = *it + ref.size();
        // "t AS r3 NOT INDEXED" (heap order): not for a subquery.
        size_t as = sql.compare(end, 4, " AS ") == 0 ? end + 4 : std::string::npos;
        if (as != std::string::npos) {
          size_t e = as;
          while (e < sql.size() && (std::isalnum((unsigned char)sql[e]) || sql[e] == '_')) e++;
          if (sql.compare(e, 12, " NOT INDEXED") == 0) sql.erase(e, 12);
        }
        sql.replace(*it, ref.size(), view);
      }
    }
  }
  plan.dml_ctes.insert(plan.dml_ctes.begin(), steps.begin(), steps.end());
}

// INSERT … RETURNING whose subqueries read the target: SQLite's RETURNING sees the rows
// inserted so far, PostgreSQL's the table as before the statement (a partitioned table's rows
// reach the partitions only after the RETURNING statement).
void snapshot_insert_returning_reads(const InsertQuery& q, CachedPlan& plan) {
  if (!q.table || q.table->partition_strategy || q.returning.empty()) return;
  std::string reads;
  for (auto& t : q.returning) reads += lower_expr_in(*t.expr, q.rtable);
  if (reads.find(q.table->sqlite_ref()) != std::string::npos) snapshot_dml_reads(plan, {q.table}, {1}, {0});
}

}  // namespace pgmicro
