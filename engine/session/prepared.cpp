// PREPARE name [(types)] AS statement, EXECUTE name [(args)], DEALLOCATE [PREPARE] name | ALL:
// SQL-level prepared statements of a session, with PostgreSQL's errors (42P05, 26000, 42601,
// 42804). A statement is analysed when prepared and re-planned when the catalog changes.
#include "analyze/analyzer.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "types/type_io.h"

namespace pgmicro {

int highest_param_number(Node* stmt);                             // describe.cpp
void check_parameter_types_determined(const std::vector<Oid>& types);  // describe.cpp

namespace {

bool preparable(Node* n) {
  return IsA(n, SelectStmt) || IsA(n, InsertStmt) || IsA(n, UpdateStmt) || IsA(n, DeleteStmt);
}

}  // namespace

void SessionImpl::execute_prepare(PrepareStmt* stmt, StatementResult& out) {
  out.command_tag = "PREPARE";
  std::string name = stmt->name;
  if (prepared_.count(name))
    throw PgError("42P05", "prepared statement \"" + name + "\" already exists");
  if (!preparable(stmt->query)) unsupported("PREPARE of statements other than SELECT, INSERT, UPDATE and DELETE");
  PreparedStatement p;
  p.text = current_stmt_text_;
  p.query_string = std::string(current_sql_);
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  for_each_node(stmt->argtypes, [&](Node* n) {
    Oid t;
    int32_t typmod;
    a.resolve_type_name(reinterpret_cast<TypeName*>(n), t, typmod);
    p.declared.push_back(t);
  });
  std::vector<Oid> types = p.declared;
  int hi = highest_param_number(stmt->query);
  if (hi > 65535) throw PgError(sqlstate::kSyntaxError, "there is no parameter $" + std::to_string(hi));
  if ((int)types.size() < hi) types.resize(hi, oid::kUnknown);
  p.declared = types;
  if (!plan_statement(stmt->query, types, p.plan)) unsupported("PREPARE of this statement");
  check_parameter_types_determined(types);  // 42P18, as PostgreSQL's PrepareQuery
  prepared_.emplace(name, std::move(p));
}

void SessionImpl::execute_execute(ExecuteStmt* stmt, StatementResult& out) {
  std::vector<TextValue> args;
  CachedPlan plan = prepared_plan_for(stmt, args);  // a copy: run_plan may re-enter the session's caches
  if (plan.kind == T_InsertStmt || plan.kind == T_UpdateStmt || plan.kind == T_DeleteStmt) {
    // A relation with rules: the statement is rewritten (session/rules.cpp) at each execution.
    const std::string text = prepared_.at(stmt->name).text;
    MemoryContext home = CurrentMemoryContext;
    std::string_view saved = current_sql_;
    bool rewritten = false;
    try {
      ParsedScript ps(text);
      MemoryContextSwitchTo(home);
      current_sql_ = text;
      rewritten = execute_with_rules(reinterpret_cast<PrepareStmt*>(ps.statements().at(0).raw->stmt)->query, args, out);
      MemoryContextSwitchTo(home);
    } catch (...) {
      current_sql_ = saved;
      MemoryContextSwitchTo(home);
      throw;
    }
    current_sql_ = saved;
    MemoryContextSwitchTo(home);
    if (rewritten) return;
  }
  run_plan(plan, args, out);
}

CachedPlan SessionImpl::prepared_plan_for(ExecuteStmt* stmt, std::vector<TextValue>& args) {
  std::string name = stmt->name;
  auto it = prepared_.find(name);
  if (it == prepared_.end()) throw PgError("26000", "prepared statement \"" + name + "\" does not exist");
  PreparedStatement& p = it->second;
  if (p.plan.catalog_generation != catalog_.generation()) {
    // The schema changed: analyse the statement again from its text.
    ParsedScript ps(p.text);
    auto* again = reinterpret_cast<PrepareStmt*>(ps.statements().at(0).raw->stmt);
    std::vector<Oid> types = p.declared;
    CachedPlan plan;
    plan_statement(again->query, types, plan);
    for (size_t i = 0; i < types.size(); i++)
      if (types[i] == oid::kUnknown) plan.param_types[i] = oid::kText;
    bool same = plan.columns.size() == p.plan.columns.size();
    for (size_t i = 0; same && i < plan.columns.size(); i++)
      same = plan.columns[i].name == p.plan.columns[i].name && plan.columns[i].type_oid == p.plan.columns[i].type_oid;
    if (!same) throw PgError(sqlstate::kFeatureNotSupported, "cached plan must not change result type");
    p.plan = std::move(plan);
  }
  const auto& types = p.plan.param_types;
  int given = list_size(stmt->params);
  if (given != (int)types.size())
    throw PgError(sqlstate::kSyntaxError, "wrong number of parameters for prepared statement \"" + name + "\"",
                  "Expected " + std::to_string(types.size()) + " parameters but got " + std::to_string(given) + ".");
  // Arguments: expressions evaluated once, coerced (assignment) to the parameter types, and
  // passed to the plan as text.
  for (int i = 0; i < given; i++) {
    Node* n = list_at(stmt->params, i);
    std::vector<Oid> no_params;
    Analyzer a(catalog_, no_params);
    a.sql_ = current_sql_;
    ExprPtr e = a.transform_expr(n, ExprContext::Values);
    ExprPtr c = a.coerce_to(e, types[i], -1, CastContext::Assignment, expr_location(n));
    if (!c)
      throw PgError(sqlstate::kDatatypeMismatch,
                    "parameter $" + std::to_string(i + 1) + " of type " + format_type_name(e->type, -1) +
                        " cannot be coerced to the expected type " + format_type_name(types[i], -1),
                    "", "You will need to rewrite or cast the expression.")
          .at(expr_location(n));
    StatementResult value;
    value.columns = {{"v", types[i], -1}};
    run_query("SELECT " + lower_standalone_expr(*c), {}, {}, value, true);
    args.push_back(value.rows.at(0).at(0));
  }
  return p.plan;
}

void SessionImpl::execute_deallocate(DeallocateStmt* stmt, StatementResult& out) {
  if (!stmt->name) {
    out.command_tag = "DEALLOCATE ALL";
    prepared_.clear();
    return;
  }
  out.command_tag = "DEALLOCATE";
  if (!prepared_.erase(stmt->name))
    throw PgError("26000", "prepared statement \"" + std::string(stmt->name) + "\" does not exist");
}

}  // namespace pgmicro
