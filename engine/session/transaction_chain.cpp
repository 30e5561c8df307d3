// The characteristics of a transaction block (transaction_isolation, transaction_read_only):
// set at BEGIN / START TRANSACTION from their options or the default_* settings, and carried
// into the next block by COMMIT/ROLLBACK AND CHAIN. SQLite transactions are serializable, so
// the isolation level only shows in SHOW; the values end with the block, as SET LOCAL does.
#include <cstring>
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"

namespace pgmicro {

void SessionImpl::start_transaction_settings(const std::string& isolation, const std::string& read_only) {
  settings_.set_config("transaction_isolation", isolation.empty() ? "read committed" : isolation, true);
  settings_.set_config("transaction_read_only", read_only.empty() ? "off" : read_only, true);
  settings_.set_config("transaction_deferrable", settings_.get("default_transaction_deferrable") == "on" ? "on" : "off", true);
  xact_query_run_ = false;
}

// BEGIN / START TRANSACTION: ISOLATION LEVEL and READ ONLY/WRITE from its options, else the defaults.
void SessionImpl::begin_transaction_settings(List* options) {
  std::string iso = settings_.get("default_transaction_isolation"), ro = settings_.get("default_transaction_read_only");
  for_each_node(options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    if (std::strcmp(d->defname, "transaction_isolation") == 0 && d->arg && IsA(d->arg, A_Const))
      iso = reinterpret_cast<A_Const*>(d->arg)->val.sval.sval;
    if (std::strcmp(d->defname, "transaction_read_only") == 0 && d->arg && IsA(d->arg, A_Const))
      ro = reinterpret_cast<A_Const*>(d->arg)->val.ival.ival ? "on" : "off";
  });
  start_transaction_settings(iso, ro);
  for_each_node(options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    if (std::strcmp(d->defname, "transaction_deferrable") == 0 && d->arg && IsA(d->arg, A_Const))
      settings_.set_config("transaction_deferrable", reinterpret_cast<A_Const*>(d->arg)->val.ival.ival ? "on" : "off", true);
  });
}

// A transaction statement inside the implicit block of a multi-statement query string
// (PostgreSQL's TBLOCK_IMPLICIT_INPROGRESS): BEGIN turns the block, with the statements before
// it, into a transaction block; COMMIT/ROLLBACK end it with a WARNING; AND CHAIN is an error.
// Returns false when the statement behaves as outside a block (savepoints: their errors).
bool SessionImpl::implicit_transaction_statement(TransactionStmt* stmt, StatementResult& out) {
  switch (stmt->kind) {
    case TRANS_STMT_BEGIN:
    case TRANS_STMT_START: {
      out.command_tag = stmt->kind == TRANS_STMT_BEGIN ? "BEGIN" : "START TRANSACTION";
      implicit_open_ = false;
      status_ = TransactionStatus::InBlock;
      savepoints_.clear();
      settings_.begin();
      begin_transaction_settings(stmt->options);
      return true;
    }
    case TRANS_STMT_COMMIT:
    case TRANS_STMT_ROLLBACK: {
      bool commit = stmt->kind == TRANS_STMT_COMMIT;
      if (stmt->chain)
        throw PgError("25P01", std::string(commit ? "COMMIT" : "ROLLBACK") + " AND CHAIN can only be used in transaction blocks");
      out.command_tag = commit ? "COMMIT" : "ROLLBACK";
      out.notices.push_back({"WARNING", "25P01", "there is no transaction in progress"});
      if (commit) commit_implicit();
      else rollback_implicit();
      return true;
    }
    default: return false;
  }
}

}  // namespace pgmicro
