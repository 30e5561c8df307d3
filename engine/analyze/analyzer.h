// The analyzer: raw parse tree (libpg_query C structs) -> typed query tree (query.h).
// Names are resolved against the Catalog; expressions get PostgreSQL types by
// PostgreSQL's rules (unknown literals, implicit casts, operator and function overload
// resolution); errors are PostgreSQL's with positions. One file per statement kind and
// per expression family (see docs/architecture.md).
#pragma once
#include <memory>
#include <string>
#include <vector>
#include "analyze/query.h"
#include "catalog/builtins.h"
#include "catalog/catalog.h"

struct Node;
struct SelectStmt;
struct SortBy;
struct InsertStmt;
struct UpdateStmt;
struct DeleteStmt;
struct TypeName;
struct WithClause;
struct CommonTableExpr;
struct CTECycleClause;
struct JoinExpr;
struct RangeFunction;
struct FuncCall;
struct ResTarget;
struct OnConflictClause;
struct List;
struct RangeVar;

namespace pgmicro {

struct UserOperator;

// Where an expression appears: decides whether aggregates are allowed and how errors read.
enum class ExprContext { SelectTarget, Where, Having, GroupBy, OrderBy, JoinOn, Limit, Offset,
                         Values, UpdateSet, Returning, Default, Check, Generated,
                         IndexExpression, IndexPredicate, PartitionBound };

class Analyzer {
 public:
  Analyzer(Catalog& catalog, std::vector<Oid>& param_types)
      : catalog_(catalog), param_types_(param_types) {}

  // finalize_unknown_targets=false keeps unknown-typed result columns (set-operation arms,
  // whose literals take the type PostgreSQL resolves across the arms).
  std::unique_ptr<SelectQuery> analyze_select(SelectStmt* stmt, bool finalize_unknown_targets = true);
  // Statement text (for positions PostgreSQL reports that the raw tree does not carry).
  std::string_view sql_;
  std::unique_ptr<InsertQuery> analyze_insert(InsertStmt* stmt);
  std::unique_ptr<UpdateQuery> analyze_update(UpdateStmt* stmt);
  std::unique_ptr<DeleteQuery> analyze_delete(DeleteStmt* stmt);
  // UPDATE/DELETE of an inheritance parent run once per table: the table this pass targets.
  const TableDef* dml_target_override = nullptr;
  // Automatically updatable views as INSERT/UPDATE/DELETE targets (analyze_view_update.cpp):
  // the view's chain resolved to its base table (nullptr: rv is not a view).
  std::shared_ptr<struct ViewTarget> view_target(RangeVar* rv, char command);
  std::unique_ptr<InsertQuery> analyze_view_insert(InsertStmt* stmt, ViewTarget& vt);
  std::unique_ptr<UpdateQuery> analyze_view_update(UpdateStmt* stmt, ViewTarget& vt);
  std::unique_ptr<DeleteQuery> analyze_view_delete(DeleteStmt* stmt, ViewTarget& vt);
  const TableDef* insert_target_override_ = nullptr;  // consumed by analyze_insert
  // pg_get_viewdef of a constant view name, printed at analysis time (deparse_view.cpp).
  ExprPtr transform_pg_get_viewdef(FuncCall* fc);

  // Expressions.
  ExprPtr transform_expr(Node* node, ExprContext ctx);
  ExprPtr transform_default(const TableDef& table, int column);
  // A generated column's expression over the table's columns (Vars of rte 0).
  ExprPtr transform_generated(const TableDef& table, int column);
  // Replaces assignments to generated columns by their recomputed values.
  void add_generated_sets(const TableDef& t, std::vector<std::pair<int, ExprPtr>>& sets);
  // Resolves a TypeName to (oid, typmod); throws 42704 for an unknown type.
  void resolve_type_name(TypeName* tn, Oid& type, int32_t& typmod);

  // Coercion (analyze/resolve.cpp).
  ExprPtr coerce_to(ExprPtr e, Oid target, int32_t typmod, CastContext ctx, int location);
  ExprPtr coerce_to_plain(ExprPtr e, Oid target, int32_t typmod, CastContext ctx, int location);  // no element domain checks
  // Assignment to a column: PostgreSQL's 42804 message on failure.
  ExprPtr coerce_to_column(ExprPtr e, const TableDef& t, int col, int location);
  ExprPtr coerce_to_bool(ExprPtr e, const char* construct);
  bool can_coerce(Oid from, Oid to, CastContext ctx) const;
  Oid select_common_type(const std::vector<ExprPtr>& exprs, const char* construct);
  ExprPtr make_operator(const std::string& op, ExprPtr left, ExprPtr right, int location);
  // A CREATE OPERATOR operator applied: a call of its function (analyze_user_operator.cpp).
  ExprPtr user_operator_call(const UserOperator& op, ExprPtr left, ExprPtr right, int location);
  ExprPtr finalize_unknown(ExprPtr e);  // unknown -> text (result columns)

  // Column naming as PostgreSQL's FigureColname.
  static std::string figure_colname(Node* node);

  // Overload resolution among candidate signatures (declared parameter types, possibly
  // polymorphic, and results) for the input types: the chosen index, -1 none, -2 ambiguous;
  // args_out/result_out get the resolved parameter and result types (resolve.cpp).
  int select_signature(const std::vector<std::vector<Oid>>& decl, const std::vector<Oid>& results,
                       const std::vector<Oid>& input, std::vector<Oid>& args_out, Oid& result_out);

  // LANGUAGE sql functions (analyze_sqlfunc.cpp).
  struct UserCall {
    const ProcDef* proc = nullptr;
    std::vector<ExprPtr> args;              // input arguments in parameter order
    Oid result = 0;                         // resolved result type
    std::string scalar_name;                // a single OUT parameter's name (column name)
    std::vector<std::string> column_names;  // several OUT/TABLE columns
    std::vector<Oid> column_types;
    std::vector<Oid> arg_types;             // the body's parameter types
    int body_id = -1;                       // Catalog::body
    int location = -1;
  };
  // Resolves a call of a user function named `name` (false: none of that name, or a built-in
  // of the name fits better — the caller's built-in path applies).
  bool resolve_user_call(const std::string& name, Node* func_call, ExprContext ctx, UserCall& out, char kind = 'f');
  // The call as pg_sql_scalar (rows=false) or pg_sql_rows (one_row: exactly one row, FROM).
  ExprPtr user_call_expr(const UserCall& c, bool rows, bool one_row);
  // The body lowered for these argument types (registered in the catalog); its id.
  int sql_function_body(const ProcDef& p, const std::vector<Oid>& arg_types, Oid result, const std::vector<Oid>& columns);
  // Analyses and lowers the body's statements (CREATE FUNCTION validates with it).
  std::vector<std::string> analyze_sql_body(const ProcDef& p, const std::vector<Oid>& arg_types, Oid result,
                                            const std::vector<Oid>& columns, bool* inlinable = nullptr);
  // In a SQL function body: a parameter referenced by name (nullptr: not one).
  ExprPtr sql_function_param(const std::string& rel, const std::string& col, int location);
  // rel.fname as fname(rel.*) when a user function fits (analyze_func_notation.cpp; nullptr: none).
  ExprPtr row_function_notation(const std::string& rel, const std::string& fname, int location);
  const ProcDef* sql_function_ = nullptr;
  std::vector<std::string> sql_param_names_;
  std::vector<int32_t> sql_param_typmods_;  // PL/pgSQL: typmods of record variables' anonymous types
  // SET (a, b) = (SELECT …): column `colno` (1-based) of the scalar subquery (analyze_dml.cpp).
  ExprPtr multi_assign_subquery(Node* sublink, int ncolumns, int colno);

 private:
  friend struct SelectAnalysis;
  ExprPtr transform_column_ref(Node* node);
  ExprPtr transform_a_expr(Node* node, ExprContext ctx);
  ExprPtr transform_func_call(Node* node, ExprContext ctx);
  ExprPtr transform_type_cast(Node* node, ExprContext ctx);
  ExprPtr transform_const(Node* node);
  ExprPtr transform_case(Node* node, ExprContext ctx);
  // analyze_array.cpp: ARRAY[...] (target_array: the type of an enclosing cast, or 0),
  // subscripts/slices, lhs op ANY/ALL (array).
  ExprPtr transform_array_expr(Node* node, ExprContext ctx, Oid target_array, int32_t target_typmod);
  ExprPtr transform_indirection(Node* node, ExprContext ctx);
  ExprPtr transform_scalar_array_op(Node* node, ExprContext ctx);
  // UPDATE ... SET col[i]... = value (current: an earlier assignment to the same column).
  ExprPtr transform_array_assignment(ResTarget* rt, const TableDef& t, int column, ExprPtr current, ExprPtr value = nullptr);
  bool jsonb_path_named_args(const std::string& name, FuncCall* fc, ExprContext ctx, std::vector<ExprPtr>& args);
  // jsonb subscripts (analyze_jsonb_subscript.cpp)
  ExprPtr jsonb_subscript_expr(Node* n, ExprContext ctx);
  ExprPtr transform_jsonb_subscript(ExprPtr base, List* subs, ExprContext ctx, int location);
  ExprPtr transform_jsonb_subscript_assignment(ResTarget* rt, const TableDef& t, int column, ExprPtr current);
  // analyze_json.cpp: to_json(b), json(b)_build_object/array (nullptr: not one of them), and
  // the json aggregates (false: not one of them).
  ExprPtr to_json_expr(ExprPtr arg, bool jsonb);
  ExprPtr json_key_expr(ExprPtr key);
  ExprPtr transform_json_function(const std::string& name, std::vector<ExprPtr>& args, int location);
  ExprPtr transform_json_variadic(const std::string& name, FuncCall* fc, ExprContext ctx);  // VARIADIC array
  bool transform_json_aggregate(const std::string& name, std::vector<ExprPtr>& args, Expr& e);
  ExprPtr transform_row_to_json(Node* arg, int location);
  bool is_row_reference(Node* arg);  // a bare FROM-item name used as a whole row
  // A polymorphic function's resolved result and element types.
  struct PolyInfo { bool polymorphic = false; Oid result = 0; Oid elem = 0; };
  const FunctionDef* resolve_function(const std::string& name, std::vector<ExprPtr>& args,
                                      bool want_agg, int location, PolyInfo* poly = nullptr,
                                      bool want_srf = false);
  std::unique_ptr<SelectQuery> analyze_select_body(SelectStmt* stmt, bool finalize_unknown_targets);
  std::unique_ptr<SelectQuery> analyze_setop(SelectStmt* stmt);
  std::unique_ptr<SelectQuery> analyze_values(SelectStmt* stmt, bool finalize_unknown_targets);
  // ORDER BY of a set operation or VALUES: result column ordinals and names only.
  void analyze_output_order_by(List* sort_clause, SelectQuery& q, bool setop);
  void analyze_with(WithClause* with, SelectQuery& q);
  std::shared_ptr<SelectQuery> analyze_dml_with(WithClause* with);  // WITH of INSERT/UPDATE/DELETE
  void analyze_dml_cte(CommonTableExpr* cte, CteDef& def);
  std::string search_cycle_query(CommonTableExpr* cte, const CteDef& def);  // analyze_search_cycle.cpp
  void add_search_cycle_columns(CommonTableExpr* cte, CteDef& def);
  Oid cycle_mark(::CTECycleClause* cycle, std::string& mark_value, std::string& mark_default);          // WITH t AS (INSERT ... RETURNING)
 public:
  bool allow_dml_ctes = false;           // set by the session for a top-level statement
  std::vector<DmlCteStep> dml_cte_steps;  // data-modifying WITH queries, in execution order
 private:
  ExprPtr transform_sublink(Node* node, ExprContext ctx);
  ExprPtr transform_limit(Node* n, ExprContext ctx, const char* what);
  ExprPtr transform_window_call(Node* node, ExprContext ctx);
  void check_range_offset_type(Oid column, const ExprPtr& offset);  // analyze_window.cpp
  // CREATE AGGREGATE aggregates (analyze_user_aggregate.cpp).
  bool has_user_aggregate(const std::string& name);
  const ProcDef* find_user_aggregate(const std::string& name, const std::vector<ExprPtr>& args);
 public:
  ExprPtr user_aggregate_call(const ProcDef& agg, std::vector<ExprPtr> args, bool moving, int location);
 private:
  ExprPtr transform_min_max(Node* node, ExprContext ctx);  // GREATEST/LEAST, analyze_minmax.cpp
  ExprPtr transform_ordered_set_agg(Node* node, const std::string& name, ExprContext ctx);  // analyze_ordered_set.cpp
  List* window_clause_ = nullptr;   // WINDOW definitions of the query being analyzed
  bool in_window_ = false;
  bool in_window_spec_ = false;
  bool saw_window_ = false;
  void analyze_on_conflict(OnConflictClause* oc, InsertQuery& q);
  // Analyzes a nested SELECT with the current query as its outer scope.
  std::shared_ptr<SelectQuery> analyze_subquery(SelectStmt* stmt, bool see_current);
 public:
  // A view's query, analyzed from its stored definition (in its own scope).
  std::shared_ptr<SelectQuery> analyze_view(const ViewDef& v);
 private:
  int view_depth_ = 0;
  void analyze_from(List* from, SelectQuery& q);
  std::unique_ptr<FromNode> analyze_from_item(Node* n, SelectQuery& q);
  std::unique_ptr<FromNode> analyze_range_function(RangeFunction* rf, SelectQuery& q);
  std::unique_ptr<FromNode> analyze_json_to_record(RangeFunction* rf, FuncCall* fc, const std::string& name, SelectQuery& q);
  ExprPtr make_srf_call(const std::string& name, std::vector<ExprPtr> args, int location);
  ExprPtr srf_in_select_list(const std::string& name, std::vector<ExprPtr> args, int location,
                             ExprPtr prebuilt = nullptr);
  int srf_in_targets_ = 0;  // set-returning functions in the select list being analyzed
  bool srf_nested_ = false;  // one of them takes another's result as an argument
  void lockstep_srfs(SelectQuery& q, int count);
  void expand_star(SelectQuery& q, const std::string& rel, int location,
                   std::vector<TargetEntry>& out);
  void check_grouping(SelectQuery& q);
  void check_aggregate_level(const Expr& agg, int location);  // analyze_aggregate_level.cpp
  void analyze_using_join(JoinExpr* j, FromNode& fn, SelectQuery& q);
  void add_join_alias_entries(JoinExpr* j, FromNode& fn, SelectQuery& q, size_t first_rte);
  size_t join_alias_floor_ = 0;  // first range-table entry a new FROM item's name can conflict with

  Catalog& catalog_;
  std::vector<Oid>& param_types_;
 public:
  // Scope for column references: the query whose range table is visible (nullptr: none).
  SelectQuery* scope_ = nullptr;
  bool in_aggregate_ = false;
  bool agg_allowed_ = false;
  bool saw_agg_ = false;
  int depth_ = 0;
  std::vector<SelectQuery*> outer_scopes_;    // enclosing queries, innermost last
  std::vector<size_t> lateral_owners_;  // outer_scopes_ indexes of queries whose LATERAL FROM subquery is being analysed
  std::vector<SelectQuery*> invisible_scopes_;  // queries whose FROM items a (non-LATERAL) FROM subquery cannot see
  std::vector<const CteDef*> ctes_visible_;   // WITH queries in scope, innermost last
  int alias_counter_ = 0;
  std::string next_alias(const char* prefix) { return prefix + std::to_string(++alias_counter_); }
  // Builds the one-entry scope an UPDATE/DELETE/INSERT ... RETURNING sees.
  std::unique_ptr<SelectQuery> dml_scope(const TableDef* t, const std::string& alias);
  static constexpr int kMaxExprDepth = 400;
  // While analysing a domain's CHECK: the type of VALUE (the domain's base type), else 0.
  Oid domain_value_type_ = 0;
  int32_t domain_value_typmod_ = -1;
};

// ORDER BY item: direction and PostgreSQL's default NULL placement (expr left empty);
// refuses ORDER BY ... USING.
SortClause sort_direction(SortBy* sb);
// percentile_cont/percentile_disc/mode and the hypothetical-set rank family (analyze_ordered_set.cpp).
bool is_ordered_set_aggregate_name(const std::string& name);

// A domain-typed expression relabelled as its base type (PostgreSQL's getBaseType where
// operators and functions are resolved); other expressions unchanged.
ExprPtr strip_domain(ExprPtr e);

// A template with "$E" replaced by an element type OID (polymorphic built-ins).
std::string instantiate_template(const char* templ, Oid elem);

// A view's analysed query printed as PostgreSQL's pg_get_viewdef does (deparse_view.cpp).
std::string deparse_view_query(const SelectQuery& q, bool pretty);

// Helpers over the raw tree shared by analyzer files.
std::string node_string(Node* n);        // String node value
int expr_location(Node* n);               // exprLocation() for the node kinds we handle

}  // namespace pgmicro
