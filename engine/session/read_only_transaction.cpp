// Read-only transactions and SET TRANSACTION / SET SESSION CHARACTERISTICS.
//
// SET TRANSACTION sets transaction_isolation, transaction_read_only and transaction_deferrable
// for the block (SET LOCAL), with PostgreSQL's 25001 checks: read-write mode cannot come back
// inside a savepoint or after the block's first query, isolation and deferrability only before
// it. SET SESSION CHARACTERISTICS AS TRANSACTION sets the default_* parameters.
// While the transaction is read-only (the block's transaction_read_only, outside a block
// default_transaction_read_only), INSERT/UPDATE/DELETE of a permanent table and the utility
// statements PostgreSQL classifies as not read-only fail with 25006 "cannot execute X in a
// read-only transaction"; temporary tables stay writable.
#include <cstring>
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"

namespace pgmicro {

namespace {

[[noreturn]] void read_only_error(const std::string& what) {
  throw PgError("25006", "cannot execute " + what + " in a read-only transaction");
}

std::string object_word(ObjectType t) {
  switch (t) {
    case OBJECT_TABLE: return "TABLE";
    case OBJECT_VIEW: return "VIEW";
    case OBJECT_MATVIEW: return "MATERIALIZED VIEW";
    case OBJECT_INDEX: return "INDEX";
    case OBJECT_SEQUENCE: return "SEQUENCE";
    case OBJECT_SCHEMA: return "SCHEMA";
    case OBJECT_FUNCTION: return "FUNCTION";
    case OBJECT_PROCEDURE: return "PROCEDURE";
    case OBJECT_AGGREGATE: return "AGGREGATE";
    case OBJECT_TYPE: return "TYPE";
    case OBJECT_DOMAIN: return "DOMAIN";
    case OBJECT_TRIGGER: return "TRIGGER";
    case OBJECT_RULE: return "RULE";
    case OBJECT_OPERATOR: return "OPERATOR";
    case OBJECT_CAST: return "CAST";
    case OBJECT_COLLATION: return "COLLATION";
    case OBJECT_EXTENSION: return "EXTENSION";
    case OBJECT_OPCLASS: return "OPERATOR CLASS";
    case OBJECT_OPFAMILY: return "OPERATOR FAMILY";
    default: return "";
  }
}

// PostgreSQL's command tag of a utility statement that is not read-only; "" for the statements
// a read-only transaction may run.
std::string writing_command(Node* stmt) {
  switch (nodeTag(stmt)) {
    case T_CreateStmt: return "CREATE TABLE";
    case T_CreateTableAsStmt:
      return reinterpret_cast<CreateTableAsStmt*>(stmt)->objtype == OBJECT_MATVIEW ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS";
    case T_SelectStmt: return reinterpret_cast<SelectStmt*>(stmt)->intoClause ? "SELECT INTO" : "";
    case T_DropStmt: {
      std::string w = object_word(reinterpret_cast<DropStmt*>(stmt)->removeType);
      return w.empty() ? "DROP" : "DROP " + w;
    }
    case T_AlterTableStmt: {
      std::string w = object_word(reinterpret_cast<AlterTableStmt*>(stmt)->objtype);
      return "ALTER " + (w.empty() ? std::string("TABLE") : w);
    }
    case T_IndexStmt: return "CREATE INDEX";
    case T_ViewStmt: return "CREATE VIEW";
    case T_CreateSeqStmt: return "CREATE SEQUENCE";
    case T_AlterSeqStmt: return "ALTER SEQUENCE";
    case T_CreateSchemaStmt: return "CREATE SCHEMA";
    case T_CreateFunctionStmt:
      return reinterpret_cast<CreateFunctionStmt*>(stmt)->is_procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
    case T_AlterFunctionStmt: return "ALTER FUNCTION";
    case T_TruncateStmt: return "TRUNCATE TABLE";
    case T_CommentStmt: return "COMMENT";
    case T_RenameStmt: {
      std::string w = object_word(reinterpret_cast<RenameStmt*>(stmt)->renameType);
      return "ALTER " + (w.empty() ? std::string("TABLE") : w);
    }
    case T_CreateTrigStmt: return "CREATE TRIGGER";
    case T_RuleStmt: return "CREATE RULE";
    case T_CreateDomainStmt: return "CREATE DOMAIN";
    case T_CompositeTypeStmt: case T_CreateEnumStmt: case T_CreateRangeStmt: return "CREATE TYPE";
    case T_DefineStmt: {
      std::string w = object_word(reinterpret_cast<DefineStmt*>(stmt)->kind);
      return "CREATE " + (w.empty() ? std::string("TYPE") : w);
    }
    case T_GrantStmt: return reinterpret_cast<GrantStmt*>(stmt)->is_grant ? "GRANT" : "REVOKE";
    case T_GrantRoleStmt: return reinterpret_cast<GrantRoleStmt*>(stmt)->is_grant ? "GRANT ROLE" : "REVOKE ROLE";
    case T_CreateRoleStmt: return "CREATE ROLE";
    case T_AlterRoleStmt: return "ALTER ROLE";
    case T_DropRoleStmt: return "DROP ROLE";
    case T_AlterOwnerStmt: return "ALTER";
    case T_AlterObjectSchemaStmt: return "ALTER";
    case T_AlterEnumStmt: return "ALTER TYPE";
    case T_AlterDomainStmt: return "ALTER DOMAIN";
    case T_CreateCastStmt: return "CREATE CAST";
    case T_CreateOpClassStmt: return "CREATE OPERATOR CLASS";
    case T_ReindexStmt: return "REINDEX";
    case T_ClusterStmt: return "CLUSTER";
    case T_RefreshMatViewStmt: return "REFRESH MATERIALIZED VIEW";
    case T_AlterDefaultPrivilegesStmt: return "ALTER DEFAULT PRIVILEGES";
    case T_CreatePolicyStmt: return "CREATE POLICY";
    case T_CreateStatsStmt: return "CREATE STATISTICS";
    case T_CreateExtensionStmt: return "CREATE EXTENSION";
    default: return "";
  }
}

}  // namespace

bool SessionImpl::transaction_is_read_only() const {
  const char* name = status_ == TransactionStatus::Idle || implicit_open_ ? "default_transaction_read_only" : "transaction_read_only";
  // SET TRANSACTION READ ONLY in the implicit block of a multi-statement string lasts to its end.
  if (implicit_open_ && multi_statement_ && settings_.get("transaction_read_only") == "on") return true;
  return settings_.get(name) == "on";
}

void SessionImpl::check_read_only_utility(Node* stmt) {
  if (!IsA(stmt, TransactionStmt) && !IsA(stmt, VariableSetStmt) && !IsA(stmt, VariableShowStmt)) xact_query_run_ = true;
  if (!transaction_is_read_only()) return;
  std::string what = writing_command(stmt);
  if (!what.empty()) read_only_error(what);
}

void SessionImpl::check_read_only_plan(const CachedPlan& plan) {
  if (!transaction_is_read_only()) return;
  for (auto& target : plan.trigger_targets) {
    const TableDef* t = catalog_.find_table_by_oid(target.relid);
    if (!t || t->temporary()) continue;
    read_only_error(plan.kind == T_InsertStmt ? "INSERT" : plan.kind == T_UpdateStmt ? "UPDATE"
                    : plan.kind == T_DeleteStmt ? "DELETE" : "SELECT");
  }
}

bool SessionImpl::set_transaction_characteristics(VariableSetStmt* vs, StatementResult& out) {
  std::string name = vs->name ? vs->name : "";
  bool block = status_ != TransactionStatus::Idle && !implicit_open_;
  auto check = [&](const std::string& param, const std::string& value) {
    if (!block) return;
    bool sub = !savepoints_.empty();
    if (param == "transaction_read_only" && value == "off" && settings_.get("transaction_read_only") == "on") {
      if (sub) throw PgError("25001", "cannot set transaction read-write mode inside a read-only transaction");
      if (xact_query_run_) throw PgError("25001", "transaction read-write mode must be set before any query");
    }
    if (param == "transaction_isolation" && value != settings_.get("transaction_isolation")) {
      if (xact_query_run_) throw PgError("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any query");
      if (sub) throw PgError("25001", "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
    }
    if (param == "transaction_deferrable") {
      if (sub) throw PgError("25001", "SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction");
      if (xact_query_run_) throw PgError("25001", "SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
    }
  };
  if (vs->kind == VAR_SET_VALUE && (name == "transaction_read_only" || name == "transaction_isolation" || name == "transaction_deferrable")) {
    // SET transaction_read_only = ...: the same checks, then the ordinary SET.
    if (list_size(vs->args) == 1) {
      std::string v;
      Node* arg = list_at(vs->args, 0);
      if (IsA(arg, A_Const)) {
        auto* c = reinterpret_cast<A_Const*>(arg);
        if (IsA(&c->val, String)) v = c->val.sval.sval;
        else if (IsA(&c->val, Boolean)) v = c->val.boolval.boolval ? "on" : "off";
        else if (IsA(&c->val, Integer)) v = c->val.ival.ival ? "on" : "off";
      }
      for (auto& ch : v) ch = (char)std::tolower((unsigned char)ch);
      if (name != "transaction_isolation") v = v == "true" || v == "on" || v == "yes" || v == "1" ? "on" : v == "" ? "" : "off";
      if (!v.empty()) check(name, v);
    }
    return false;
  }
  if (vs->kind != VAR_SET_MULTI || (name != "TRANSACTION" && name != "SESSION CHARACTERISTICS")) return false;
  bool session = name == "SESSION CHARACTERISTICS";
  out.command_tag = "SET";
  // The implicit block of a multi-statement string is a transaction block for SET TRANSACTION
  // (PostgreSQL's TBLOCK_IMPLICIT_INPROGRESS): no warning, the values last to the block's end.
  if (!session && !block && !(implicit_open_ && multi_statement_)) {
    out.notices.push_back({"WARNING", "25P01", "SET TRANSACTION can only be used in transaction blocks"});
    return true;
  }
  std::vector<std::pair<std::string, std::string>> sets;
  for_each_node(vs->args, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    if (!d->arg || !IsA(d->arg, A_Const)) return;
    auto* c = reinterpret_cast<A_Const*>(d->arg);
    std::string param = d->defname, value;
    if (param == "transaction_isolation") value = IsA(&c->val, String) ? c->val.sval.sval : "";
    else value = c->val.ival.ival ? "on" : "off";
    if (value.empty()) return;
    if (!session) check(param, value);
    sets.emplace_back(session ? "default_" + param : param, value);
  });
  for (auto& [param, value] : sets) settings_.set_config(param, value, !session);
  return true;
}

}  // namespace pgmicro
