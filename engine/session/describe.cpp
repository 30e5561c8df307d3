// Parse + Describe of the extended query protocol (Session::describe): one statement's
// parameter types (declared, else inferred by the analyzer as PREPARE infers them) and its
// result columns, or NoData, without running it; and execution with declared parameter types
// (Session::execute_with_types).
#include <algorithm>
#include <chrono>
#include "analyze/analyzer.h"
#include "catalog/object_names.h"
#include "common/error.h"
#include "common/utf8.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "types/interval.h"
#include "types/json.h"
#include "types/timezone.h"
#include "types/type_families.h"
#include "types/type_io.h"
#include "types/user_types.h"

extern "C" bool raw_expression_tree_walker_impl(Node* node, bool (*walker)(Node*, void*), void* context);

namespace pgmicro {

bool dml_has_rules(Catalog& cat, sqlite3* db, Node* stmt);  // rules.cpp

namespace {

bool max_param_walker(Node* n, void* ctx) {
  if (!n) return false;
  if (IsA(n, ParamRef)) {
    int& hi = *static_cast<int*>(ctx);
    hi = std::max(hi, reinterpret_cast<ParamRef*>(n)->number);
    return false;
  }
  return raw_expression_tree_walker_impl(n, max_param_walker, ctx);
}

bool is_query(Node* n) {
  return n && (IsA(n, SelectStmt) || IsA(n, InsertStmt) || IsA(n, UpdateStmt) || IsA(n, DeleteStmt));
}

// EXPLAIN's result column type: json for FORMAT JSON, xml for FORMAT XML, else text.
Oid explain_column_type(ExplainStmt* e) {
  Oid t = oid::kText;
  for_each_node(e->options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    if (std::string(d->defname) != "format" || !d->arg || !IsA(d->arg, String)) return;
    std::string f = strVal(d->arg);
    t = f == "json" ? oid::kJson : f == "xml" ? Oid(142) : oid::kText;
  });
  return t;
}

}  // namespace

// The highest $n a query statement references (PostgreSQL counts the parameters so).
int highest_param_number(Node* stmt) {
  int hi = 0;
  if (is_query(stmt)) max_param_walker(stmt, &hi);
  return hi;
}

// PostgreSQL's check after parse analysis: every parameter's type is known (declared, or
// deduced from its use; a parameter no context types is 42P18).
void check_parameter_types_determined(const std::vector<Oid>& types) {
  for (size_t i = 0; i < types.size(); i++)
    if (types[i] == oid::kUnknown || types[i] == 0)
      throw PgError(sqlstate::kIndeterminateDatatype, "could not determine data type of parameter $" + std::to_string(i + 1));
}

std::vector<StatementResult> SessionImpl::execute_with_types(std::string_view sql, const std::vector<TextValue>& params,
                                                             const std::vector<Oid>& param_types) {
  struct Restore {
    std::vector<Oid>& slot;
    ~Restore() { slot.clear(); }
  } restore{declared_param_types_};
  declared_param_types_ = param_types;
  return execute(sql, params, Dialect::Session);
}

// A query statement's parameter types and result columns (types grows to the highest $n).
void SessionImpl::describe_query(Node* stmt, std::vector<Oid>& types, StatementDescription& d) {
  int hi = highest_param_number(stmt);
  if (hi > 65535) {
    // PostgreSQL allows up to INT_MAX / sizeof(Oid) parameters; the protocol describes 65535.
    if (hi > 536870911) throw PgError(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(hi));
    size_t i = 0;
    while (i < types.size() && types[i] != oid::kUnknown) i++;
    throw PgError(sqlstate::kIndeterminateDatatype, "could not determine data type of parameter $" + std::to_string(i + 1));
  }
  if ((int)types.size() < hi) types.resize(hi, oid::kUnknown);
  CachedPlan plan;
  try {
    plan_statement(stmt, types, plan);
  } catch (PgError&) {
    // A relation with rules: the rewritten statement runs (rules.cpp) even when the
    // statement itself could not (a view that is not updatable).
    if (IsA(stmt, SelectStmt) || !dml_has_rules(catalog_, conn_, stmt)) throw;
    List* returning = IsA(stmt, InsertStmt)   ? reinterpret_cast<InsertStmt*>(stmt)->returningList
                      : IsA(stmt, UpdateStmt) ? reinterpret_cast<UpdateStmt*>(stmt)->returningList
                                              : reinterpret_cast<DeleteStmt*>(stmt)->returningList;
    if (list_size(returning)) unsupported("describing RETURNING of a statement rewritten by INSTEAD rules");
    for (auto& t : types)
      if (t == oid::kUnknown) t = oid::kText;
    return;
  }
  d.returns_rows = plan.returns_rows;
  d.columns = plan.columns;
}

void SessionImpl::describe_statement(Node* stmt, std::vector<Oid>& types, StatementDescription& d) {
  switch (nodeTag(stmt)) {
    case T_SelectStmt: {
      auto* s = reinterpret_cast<SelectStmt*>(stmt);
      if (IntoClause* into = s->intoClause) {  // SELECT INTO: CREATE TABLE AS, no rows
        s->intoClause = nullptr;
        StatementDescription inner;
        try {
          describe_query(stmt, types, inner);
        } catch (...) {
          s->intoClause = into;
          throw;
        }
        s->intoClause = into;
        return;
      }
      return describe_query(stmt, types, d);
    }
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt: return describe_query(stmt, types, d);
    case T_CreateTableAsStmt: {
      StatementDescription inner;
      if (auto* c = reinterpret_cast<CreateTableAsStmt*>(stmt); is_query(c->query)) describe_query(c->query, types, inner);
      return;
    }
    case T_DeclareCursorStmt: {
      StatementDescription inner;
      if (auto* c = reinterpret_cast<DeclareCursorStmt*>(stmt); is_query(c->query)) describe_query(c->query, types, inner);
      return;
    }
    case T_ExplainStmt: {
      auto* e = reinterpret_cast<ExplainStmt*>(stmt);
      StatementDescription inner;
      if (is_query(e->query)) describe_query(e->query, types, inner);
      d.returns_rows = true;
      d.columns = {{"QUERY PLAN", explain_column_type(e), -1}};
      return;
    }
    case T_VariableShowStmt: {
      std::string name = reinterpret_cast<VariableShowStmt*>(stmt)->name;
      d.returns_rows = true;
      if (name == "all") {
        d.columns = {{"name", oid::kText, -1}, {"setting", oid::kText, -1}, {"description", oid::kText, -1}};
      } else {
        d.columns = {{settings_.show(name).first, oid::kText, -1}};
      }
      return;
    }
    case T_ExecuteStmt: {
      auto it = prepared_.find(reinterpret_cast<ExecuteStmt*>(stmt)->name);
      if (it == prepared_.end()) return;  // PostgreSQL: NoData here, the error at execution
      d.returns_rows = it->second.plan.returns_rows;
      d.columns = it->second.plan.columns;
      return;
    }
    case T_FetchStmt: {
      auto* f = reinterpret_cast<FetchStmt*>(stmt);
      if (f->ismove || !f->portalname) return;
      if (const std::vector<Column>* cols = cursor_columns(f->portalname)) {
        d.returns_rows = true;
        d.columns = *cols;
      }
      return;
    }
    case T_MergeStmt: {
      // MERGE runs as INSERT/UPDATE/DELETE statements built at execution (merge.cpp), which
      // type the parameters there: undeclared ones are described as text.
      int hi = 0;
      max_param_walker(stmt, &hi);
      if (hi > 65535) throw PgError(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(hi));
      if ((int)types.size() < hi) types.resize(hi, oid::kUnknown);
      for (auto& t : types)
        if (t == oid::kUnknown) t = oid::kText;
      return;
    }
    default: return;  // utility statements: NoData
  }
}

StatementDescription SessionImpl::describe(std::string_view sql_view, const std::vector<Oid>& param_types) {
  StatementDescription d;
  UserTypesScope user_types_scope(&catalog_.user_types());
  CatalogNamesScope names_scope(catalog_);
  std::string sql(sql_view);
  // current_sql_ points into `sql` only while this call runs.
  struct RestoreSql {
    SessionImpl* s;
    ~RestoreSql() {
      s->current_sql_ = {};
      s->current_stmt_text_.clear();
    }
  } restore_sql{this};
  try {
    if (sql.find('\0') != std::string::npos) throw PgError("22021", "invalid byte sequence for encoding \"UTF8\": 0x00");
    if (dialect() == Dialect::Sqlite)
      unsupported("describing statements of the SQLite dialect (SET pgmicro.dialect = 'sqlite')");
    ParsedScript script(sql);
    const auto& statements = script.statements();
    if (statements.size() > 1)
      throw PgError(sqlstate::kSyntaxError, "cannot insert multiple commands into a prepared statement");
    std::vector<Oid> types(param_types);
    for (auto& t : types)
      if (t == 0) t = oid::kUnknown;
    if (statements.empty()) {  // an empty query: EmptyQueryResponse at execution
      check_parameter_types_determined(types);
      d.param_types = types;
      return d;
    }
    Node* node = statements[0].raw->stmt;
    if (status_ == TransactionStatus::Failed) {
      auto* ts = IsA(node, TransactionStmt) ? reinterpret_cast<TransactionStmt*>(node) : nullptr;
      if (!ts || (ts->kind != TRANS_STMT_COMMIT && ts->kind != TRANS_STMT_ROLLBACK && ts->kind != TRANS_STMT_ROLLBACK_TO &&
                  ts->kind != TRANS_STMT_PREPARE && ts->kind != TRANS_STMT_COMMIT_PREPARED &&
                  ts->kind != TRANS_STMT_ROLLBACK_PREPARED))
        throw PgError(sqlstate::kInFailedTransaction,
                      "current transaction is aborted, commands ignored until end of transaction block");
    }
    // The catalog and the settings analysis depends on, as execute() makes them current.
    if (!schema_version_stmt_)
      sqlite3_prepare_v3(conn_, "PRAGMA schema_version", -1, SQLITE_PREPARE_PERSISTENT, &schema_version_stmt_, nullptr);
    if (catalog_.refresh(conn_, schema_version_stmt_)) {
      prepare_user_types();
      triggers_dirty_ = true;  // the next execute() re-creates the triggers
    }
    catalog_.set_search_path(settings_.get("search_path"));
    sync_role();
    set_session_timezone(find_timezone(settings_.get("timezone")));
    set_max_stack_depth_setting(settings_.get("max_stack_depth"));
    set_session_interval_style(interval_style_setting(settings_.get("intervalstyle")));
    set_extra_float_digits(std::atoi(settings_.get("extra_float_digits").c_str()));
    set_bytea_output_escape(settings_.get("bytea_output") == "escape");
    {
      const std::string ds = settings_.get("datestyle");
      set_date_order(ds.find("DMY") != std::string::npos   ? DateOrder::DMY
                     : ds.find("YMD") != std::string::npos ? DateOrder::YMD
                                                           : DateOrder::MDY);
    }
    int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    set_datetime_input_now(status_ == TransactionStatus::Idle ? now : runtime_.transaction_start_us);
    current_sql_ = sql;
    current_stmt_text_ = sql;
    describe_statement(node, types, d);
    check_parameter_types_determined(types);
    d.param_types = types;
  } catch (PgError& e) {
    d = StatementDescription{};
    d.error = e.error;
    if (d.error->position > 1) d.error->position = utf8_position(sql, d.error->position);
  } catch (std::bad_alloc&) {
    d = StatementDescription{};
    d.error = Error{"53200", "out of memory"};
  }
  return d;
}

}  // namespace pgmicro
