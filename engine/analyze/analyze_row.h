// Row constructors and composite values in expressions (analyze_row.cpp): ROW(…)/(a, b),
// row comparisons with PostgreSQL's NULL rules, IS [NOT] NULL on rows, field selection,
// whole-row references to FROM items, coercion of row constructors to composite types.
#pragma once
#include <string>
#include "analyze/analyzer.h"

struct RowExpr;
struct A_Expr;
struct SubLink;

namespace pgmicro {

// ROW(a, b) / (a, b): an anonymous record (fields f1…fn).
ExprPtr transform_row_expr(Analyzer& a, RowExpr* row, ExprContext ctx);
// A_Expr forms PostgreSQL gives row semantics (row op row, IS [NOT] DISTINCT FROM between
// rows, row IN (row, …), row op (SELECT …)); nullptr when `node` is not one of them.
ExprPtr transform_row_a_expr(Analyzer& a, A_Expr* node, ExprContext ctx);
// lhs op other where either side is a row value (record_eq/record_cmp, or the pairwise
// expansion when both are constructors); nullptr when neither side is a row.
ExprPtr make_row_operator(Analyzer& a, const std::string& op, ExprPtr l, ExprPtr r, int location);
// The pairwise comparison of field lists (PostgreSQL's make_row_comparison_op).
ExprPtr row_compare_fields(Analyzer& a, const std::string& op, const std::vector<ExprPtr>& l,
                           const std::vector<ExprPtr>& r, int location);
// IS [NOT] NULL on a row value; nullptr if `arg` is not a row.
ExprPtr row_null_test(Analyzer& a, ExprPtr arg, bool negated, int location);
// (x).field; throws PostgreSQL's errors for a missing field or a non-composite base.
ExprPtr row_field_select(Analyzer& a, ExprPtr base, const std::string& field, int location);
// The fields of a row value as expressions (a constructor's arguments, else selections).
std::vector<ExprPtr> row_field_exprs(Analyzer& a, ExprPtr row, int location);
// A FROM item named `rel` used as a whole row (nullptr: no such item in scope).
ExprPtr whole_row_reference(Analyzer& a, const std::string& rel, int location);
// A copy of an expression seen from `by` levels further in (Vars' levelsup raised).
ExprPtr shift_levels(const ExprPtr& e, int by, int location);
// The same as a value: NULL for a null-extended row of an outer join's nullable side.
ExprPtr whole_row_value(Analyzer& a, const std::string& rel, int location);
// Coercion of a row value to a row type (constructor → composite: field by field);
// nullptr when not applicable.
ExprPtr coerce_row(Analyzer& a, ExprPtr e, Oid target, int32_t typmod, CastContext ctx, int location);
// True for a ROW(…) constructor expression (its args are the fields).
bool is_row_constructor(const Expr& e);

}  // namespace pgmicro

struct A_Indirection;
namespace pgmicro {
// (x).f, (x).f.g: nullptr when the indirection has no field names (subscripts only).
ExprPtr transform_field_indirection(Analyzer& a, A_Indirection* ind, ExprContext ctx);
// (x).* in a select list: the fields as target entries (false: not that form).
bool expand_row_star(Analyzer& a, Node* val, std::vector<TargetEntry>& out);
}  // namespace pgmicro
namespace pgmicro {
// A column named `name` in scope, for `name.field` (nullptr: none).
ExprPtr column_for_field(Analyzer& a, const std::string& name, int location);
}  // namespace pgmicro
struct ResTarget;
namespace pgmicro {
// UPDATE … SET c.f = value / INSERT (c.f): the composite `current` with the field replaced.
ExprPtr row_field_assignment(Analyzer& a, ResTarget* rt, const std::string& colname, ExprPtr current, ExprPtr value);
}  // namespace pgmicro
struct RangeFunction;
struct FuncCall;
namespace pgmicro {
// analyze_populate.cpp: json(b)_populate_record(set) in FROM / in expressions (nullptr: not one).
std::unique_ptr<FromNode> analyze_populate_record(Analyzer& a, RangeFunction* rf, FuncCall* fc, const std::string& name,
                                                  SelectQuery& q);
ExprPtr transform_populate_call(Analyzer& a, const std::string& name, std::vector<ExprPtr>& args, int location);
// json(b)_populate_recordset in the select list: the table function call for srf_in_select_list.
ExprPtr populate_set_call(Analyzer& a, const std::string& name, std::vector<ExprPtr>& args, int location);
// json(b)_each(_text) in the select list: a record-valued table function call for srf_in_select_list.
ExprPtr json_each_set_call(Analyzer& a, const std::string& name, std::vector<ExprPtr>& args, int location);
// fname(row) as the row's field fname when no function matches (analyze_func_notation.cpp).
ExprPtr row_projection_call(Analyzer& a, const std::string& fname, const std::vector<ExprPtr>& args, int location);

}  // namespace pgmicro
