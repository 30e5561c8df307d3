// Helpers of INSERT/UPDATE/DELETE analysis (analyze_dml.cpp) shared with ON CONFLICT
// (analyze_on_conflict.cpp) and RETURNING of other tables (analyze_dml_returning.cpp).
#pragma once
#include <vector>
#include "analyze/analyzer.h"

struct RangeVar;

namespace pgmicro {

// The table an INSERT/UPDATE/DELETE names (42P01; views are 0A000).
const TableDef* lookup_table(Catalog& cat, RangeVar* rv);
// RETURNING over the analyzer's current scope (rte 0 = the target table t).
std::vector<TargetEntry> analyze_returning(Analyzer& a, List* list, const TableDef* t);
// A non-DEFAULT value for column c of an INSERT (override: OverridingKind): false when
// OVERRIDING USER VALUE replaces it by the identity default; 428C9 when not allowed.
bool insert_value_allowed(const TableDef& t, int c, int override);
// UPDATE SET c = value (not DEFAULT): 428C9 for GENERATED ALWAYS identity and generated columns.
void check_update_target(const TableDef& t, int c);

// UPDATE … FROM / DELETE … USING: RETURNING expressions reading the FROM/USING items get
// their values from a step run before the statement (analyze_dml_returning.cpp).
void returning_from_other_tables(Analyzer& a, const TableDef& t, const std::vector<std::unique_ptr<FromNode>>& from,
                                 const std::vector<RangeTableEntry>& rtable, const ExprPtr& where,
                                 std::vector<TargetEntry>& returning, bool update = false);

// Function calls reading the table being modified: UPDATE/DELETE staged on the statement's
// snapshot, or 0A000 where PostgreSQL's snapshot rules cannot be matched
// (analyze_dml_snapshot.cpp). `inherited`: one table's pass of a parent's UPDATE/DELETE.
void snapshot_update(Analyzer& a, Catalog& cat, UpdateQuery& q, bool inherited, bool through_view = false);
void snapshot_delete(Analyzer& a, Catalog& cat, DeleteQuery& q, bool inherited);
void snapshot_insert(Catalog& cat, InsertQuery& q);
// Set while EXPLAIN without ANALYZE analyses a statement it does not run: no staging, no 0A000.
bool& snapshot_checks_suspended();
// Suspends those checks for its lifetime (an analysis whose statement does not run as planned).
class SnapshotChecksSuspended {
 public:
  explicit SnapshotChecksSuspended(bool on = true) : saved_(snapshot_checks_suspended()) {
    if (on) snapshot_checks_suspended() = true;
  }
  ~SnapshotChecksSuspended() { snapshot_checks_suspended() = saved_; }
  SnapshotChecksSuspended(const SnapshotChecksSuspended&) = delete;
  SnapshotChecksSuspended& operator=(const SnapshotChecksSuspended&) = delete;

 private:
  bool saved_;
};
// Set while a MERGE runs as several statements (session/merge.cpp): reads of the target refused.
bool& snapshot_merge_several();

}  // namespace pgmicro
