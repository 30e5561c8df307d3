// The analyzer's output: a typed query tree. Every expression carries its PostgreSQL type;
// operators and functions are already resolved to a lowering form (a template over the
// lowered arguments, see lower/). Nothing here points into the raw parse tree.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include "types/datum.h"
#include "types/types.h"

namespace pgmicro {

struct TableDef;
struct ConflictInference;  // analyze/on_conflict.h

enum class ExprKind : uint8_t {
  Const,     // value (storage encoding)
  Param,     // $n
  Var,       // column of a range-table entry
  Call,      // resolved operator or function: lowering template over args
  And, Or, Not,
  NullTest,  // IS [NOT] NULL (negated = IS NOT NULL)
  Case,      // args: when1, then1, ..., [else]  (has_else)
  Coalesce,
  Agg,       // aggregate call: template over args; distinct, star
  SubLink,   // subquery: EXISTS, scalar, or lhs op ANY/ALL (sublink field)
  Window,    // window function call: template over args, then OVER (window)
  Raw,       // internal: literal SQLite SQL in templ (lowering-generated references)
  Grouping,  // GROUPING(args): args are grouping expressions of the query
};

struct Expr;
// Structural equality of analyzed expressions (GROUP BY matching).
bool expr_equal(const Expr& a, const Expr& b);

enum class SubLinkKind : uint8_t { Exists, Expr, Any, All, Array };
struct SelectQuery;

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;

struct Expr {
  ExprKind kind;
  Oid type = oid::kUnknown;
  int32_t typmod = -1;
  int location = -1;        // 0-based position in the statement text
  Datum value;              // Const
  int param_no = 0;         // Param
  int rte = -1, attno = -1; // Var: range-table index, 0-based column index
  std::string name;         // Call/Agg: function or operator name; Var: column name
  std::string templ;        // Call/Agg: lowering template, $1..$n are the lowered args
  std::vector<ExprPtr> args;
  bool negated = false;     // NullTest: IS NOT NULL
  bool has_else = false;    // Case
  bool distinct = false;    // Agg
  bool star = false;        // Agg: count(*)
  bool volatile_ = false;   // Call: not constant-foldable (nextval, random)
  int levelsup = 0;         // Var: 0 = this query's range table, 1 = the enclosing query, ...
  SubLinkKind sublink = SubLinkKind::Exists;      // SubLink
  std::shared_ptr<SelectQuery> subquery;         // SubLink
  ExprPtr compare;          // SubLink Any/All: the resolved operator over (lhs, Raw subquery column)
  std::shared_ptr<struct WindowSpec> window;  // Window
  Oid collation = 0;        // Call "COLLATE" (x COLLATE "C", lowered as x): the pg_collation OID
};


struct TargetEntry {
  ExprPtr expr;
  std::string name;  // result column name
};

struct SortClause {
  ExprPtr expr;
  bool desc = false;
  bool nulls_first = false;
};

struct WindowSpec {
  std::vector<ExprPtr> partition;
  std::vector<SortClause> order;
  int frame_options = 0;     // PostgreSQL's FRAMEOPTION_* bits
  ExprPtr start_offset, end_offset;
  // RANGE offsets on a datetime/interval ORDER BY column (analyze_window_range.cpp): SQLite
  // orders by pg_range_key(range_key, value) and uses these numeric offsets instead.
  std::string range_key;
  int64_t start_key_offset = 0, end_key_offset = 0;
  // A RANGE frame SQLite cannot express: the call is lowered as frame_call (pg_range_frame over
  // frame_args) OVER the whole partition in the same order (analyze_window_range.cpp).
  std::string frame_call;
  std::vector<ExprPtr> frame_args;
};

struct CteDef;

struct RangeTableEntry {
  const TableDef* table = nullptr;          // base table, or
  std::vector<const TableDef*> inh_tables;  // its descendants read with it (inheritance, no ONLY)
  std::shared_ptr<SelectQuery> subquery;    // subquery in FROM (lateral: it sees the items before it), or
  const CteDef* cte = nullptr;              // reference to a WITH query, or
  ExprPtr function;                         // set-returning function in FROM (its template
                                            // names a table function: columns c1.., ordinality)
  int function_columns = 1;                 // its result columns before ordinality
  bool lateral = false;                     // LATERAL subquery (lowered as a nested statement)
  const struct ViewDef* view = nullptr;     // the view a subquery expands (pg_get_viewdef prints its name)
  std::string alias;                // the name it is referred to by (alias or table name)
  std::string sql_alias;            // alias in the lowered SQL ("r1")
  std::vector<std::string> column_names;  // visible names (alias column list applied)
  std::vector<Oid> column_types;
  std::vector<int32_t> column_typmods;
  bool dml_target = false;          // the table of an UPDATE/DELETE/INSERT (bare column names)
  // JOIN ... USING / NATURAL: a pseudo-entry whose columns are the merged join columns
  // (expressions over the two sides); it is not part of the lowered FROM clause.
  bool is_join = false;
  std::vector<ExprPtr> column_exprs;
  std::vector<bool> hidden;         // columns merged away: skipped by unqualified lookups
  // A whole-row reference to this entry on the nullable side of an outer join reads the
  // presence marker (a Var with attno kPresenceAttno): lowered FROM adds 1 AS _pgmicro_present.
  bool presence_marker = false;
  static constexpr int kPresenceAttno = -1;
  // Column as lowered SQL refers to it (table column name, or c1..cn of a subquery).
  std::string column_sql(size_t i) const;
};

struct CteDef {
  std::string name;
  std::string sql_name;             // name in the lowered SQL ("w1")
  std::shared_ptr<SelectQuery> query;
  std::vector<std::string> column_names;
  std::vector<Oid> column_types;
  std::vector<int32_t> column_typmods;
  bool recursive = false;
  // As written, for pg_get_viewdef: an explicit column list, [NOT] MATERIALIZED (1 = MATERIALIZED,
  // 2 = NOT MATERIALIZED), SEARCH/CYCLE (the query holds PostgreSQL's rewrite; not printable).
  bool alias_columns = false;
  uint8_t materialize = 0;
  bool search_cycle = false;
  // A data-modifying WITH query (INSERT/UPDATE/DELETE ... RETURNING): run before the statement,
  // its RETURNING rows kept in this SQLite temp table (session/dml_cte.cpp); query is null.
  std::string materialized;
  bool has_returning = false;
};

// One data-modifying WITH query to run before its statement: the lowered DML and the temp
// table its RETURNING rows go to (ncols 0: no RETURNING, rows discarded).
struct DmlCteStep {
  std::string sql;
  std::string table;
  std::string target_ref;  // the modified table's SQLite reference (main."t")
  size_t ncols = 0;
};

enum class SetOp : uint8_t { None, Union, Intersect, Except };

enum class JoinKind : uint8_t { Base, Inner, Left, Right, Full, Cross };

// FROM clause tree: a leaf is a range-table entry; a join joins two subtrees.
struct FromNode {
  JoinKind kind = JoinKind::Base;
  int rte = -1;
  std::unique_ptr<FromNode> left, right;
  ExprPtr quals;
  int using_rte = -1;               // pseudo-entry of the merged USING/NATURAL columns
  int alias_rte = -1, using_alias_rte = -1;  // pseudo-entries of `(… JOIN …) AS j` and `USING (…) AS u`
};

struct SelectQuery {
  // Set operation: larg/rarg hold the arms; targets hold the result columns (types).
  SetOp setop = SetOp::None;
  bool setop_all = false;
  std::shared_ptr<SelectQuery> larg, rarg;
  std::vector<std::shared_ptr<CteDef>> ctes;     // WITH list declared on this query
  bool recursive_with = false;
  // VALUES (...), (...) as a query: rows of expressions, targets are Raw column references.
  std::vector<std::vector<ExprPtr>> values_rows;
  std::vector<RangeTableEntry> rtable;
  std::vector<std::unique_ptr<FromNode>> from;  // comma-separated items
  std::vector<TargetEntry> targets;
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  // GROUPING SETS / ROLLUP / CUBE: each set lists indexes into group_by (empty: plain GROUP BY).
  std::vector<std::vector<int>> grouping_sets;
  ExprPtr having;
  bool has_aggs = false;
  std::vector<ExprPtr> distinct_on;  // DISTINCT ON (...) expressions
  bool distinct = false;
  bool with_ties = false;   // FETCH FIRST n ROWS WITH TIES (limit keeps the last row's peers)
  std::vector<SortClause> order_by;
  ExprPtr limit, offset;
};

struct InsertQuery {
  std::shared_ptr<SelectQuery> with;      // WITH list of the statement (ctes only), or null
  const TableDef* table = nullptr;
  std::vector<RangeTableEntry> rtable;   // [0] = the target table (RETURNING scope)
  // One row of expressions per VALUES row, every column of the table in order
  // (defaults filled in), already coerced to the column types.
  std::vector<std::vector<ExprPtr>> rows;
  std::unique_ptr<SelectQuery> select;   // INSERT ... SELECT (targets coerced, all columns)
  std::vector<TargetEntry> returning;    // Vars refer to rte 0 = the table
  // Generated columns (empty: none): per column, its expression over the row's values (Vars
  // of rte 0), or null for a column whose value comes from rows/select.
  std::vector<ExprPtr> generated;
  // ON CONFLICT: the arbiters as SQLite conflict targets "(keys) [WHERE predicate]" (empty:
  // any constraint, DO NOTHING only; analyze_on_conflict.cpp), the column sets checked for
  // rows proposed twice (DO UPDATE), DO UPDATE SET assignments and WHERE over rtable [0] =
  // target, [1] = excluded.
  bool has_on_conflict = false;
  bool conflict_do_update = false;
  std::vector<std::string> conflict_targets;
  std::vector<std::vector<int>> conflict_key_sets;
  std::shared_ptr<ConflictInference> conflict_inference;  // on_conflict.h (null: no target)
  std::vector<std::pair<int, ExprPtr>> conflict_sets;
  ExprPtr conflict_where;
};

struct UpdateQuery {
  std::shared_ptr<SelectQuery> with;      // WITH list of the statement (ctes only), or null
  const TableDef* table = nullptr;
  std::vector<RangeTableEntry> rtable;   // [0] = the target table
  std::vector<std::pair<int, ExprPtr>> sets;  // column index, new value
  std::vector<std::unique_ptr<FromNode>> from;  // UPDATE ... FROM items (rtable[1..])
  ExprPtr where;
  std::vector<TargetEntry> returning;
  bool move_rows = false;  // updated rows get a new rowid at the table's end (PostgreSQL's heap order)
  bool record_moves = false;  // ... kept for RETURNING of FROM columns (pg_moved_from)
};

struct DeleteQuery {
  std::shared_ptr<SelectQuery> with;      // WITH list of the statement (ctes only), or null
  const TableDef* table = nullptr;
  std::vector<RangeTableEntry> rtable;   // [0] = the target table
  std::vector<std::unique_ptr<FromNode>> using_;  // DELETE ... USING items (rtable[1..])
  ExprPtr where;
  std::vector<TargetEntry> returning;
};

}  // namespace pgmicro
