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
};

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

struct RangeTableEntry {
  const TableDef* table = nullptr;  // base table
  std::string alias;                // the name it is referred to by (alias or table name)
  std::string sql_alias;            // alias in the lowered SQL ("r1")
  std::vector<std::string> column_names;  // visible names (alias column list applied)
  bool nullable_side = false;       // inner side of an outer join
};

enum class JoinKind : uint8_t { Base, Inner, Left, Right, Full, Cross };

// FROM clause tree: a leaf is a range-table entry; a join joins two subtrees.
struct FromNode {
  JoinKind kind = JoinKind::Base;
  int rte = -1;
  std::unique_ptr<FromNode> left, right;
  ExprPtr quals;
};

struct SelectQuery {
  std::vector<RangeTableEntry> rtable;
  std::vector<std::unique_ptr<FromNode>> from;  // comma-separated items
  std::vector<TargetEntry> targets;
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  ExprPtr having;
  bool has_aggs = false;
  bool distinct = false;
  std::vector<SortClause> order_by;
  ExprPtr limit, offset;
};

struct InsertQuery {
  const TableDef* table = nullptr;
  // One row of expressions per VALUES row, every column of the table in order
  // (defaults filled in), already coerced to the column types.
  std::vector<std::vector<ExprPtr>> rows;
  std::unique_ptr<SelectQuery> select;   // INSERT ... SELECT (targets coerced, all columns)
  std::vector<TargetEntry> returning;    // Vars refer to rte 0 = the table
};

struct UpdateQuery {
  const TableDef* table = nullptr;
  std::vector<std::pair<int, ExprPtr>> sets;  // column index, new value
  ExprPtr where;
  std::vector<TargetEntry> returning;
};

struct DeleteQuery {
  const TableDef* table = nullptr;
  ExprPtr where;
  std::vector<TargetEntry> returning;
};

}  // namespace pgmicro
