// DEFERRABLE constraints: the constraint-attribute clauses of column constraints, SET
// CONSTRAINTS, and the checks queued while a constraint is deferred, run at COMMIT (a failure
// rolls the transaction back) or at SET CONSTRAINTS ... IMMEDIATE.
//
// A deferrable constraint's temp triggers ask pg_constraint_deferred(oid, initdeferred) whether
// it is deferred now (SET CONSTRAINTS of this transaction, else INITIALLY DEFERRED); when it is,
// a violation found by the trigger is queued as a row (conoid, kind) of the TEMP table
// `_pgmicro_deferred_checks` instead of raised. Being a SQLite table, the queue follows ROLLBACK
// and ROLLBACK TO SAVEPOINT for free. At the check the constraint is verified over the whole
// table; the first queued event of a constraint decides how its error is worded.
#include "session/deferred_constraints.h"
#include "session/exclusion_constraints.h"
#include <set>
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/foreign_keys.h"
#include "session/session_impl.h"

namespace pgmicro {

const char* const kDeferredChecksDdl =
    "CREATE TEMP TABLE IF NOT EXISTS _pgmicro_deferred_checks(conoid INTEGER NOT NULL, kind INTEGER NOT NULL);";

void fold_constraint_attributes(List* constraints) {
  // PostgreSQL's transformConstraintAttrs: DEFERRABLE / NOT DEFERRABLE / INITIALLY ... follow
  // the constraint they qualify as separate list items in a column definition.
  Constraint* last = nullptr;
  bool saw_deferrability = false, saw_initially = false;
  for_each_node(constraints, [&](Node* n) {
    auto* c = reinterpret_cast<Constraint*>(n);
    bool supports = last && (last->contype == CONSTR_PRIMARY || last->contype == CONSTR_UNIQUE ||
                             last->contype == CONSTR_EXCLUSION || last->contype == CONSTR_FOREIGN);
    auto misplaced = [&](const char* what) {
      throw PgError(sqlstate::kSyntaxError, std::string("misplaced ") + what + " clause").at(c->location);
    };
    switch (c->contype) {
      case CONSTR_ATTR_DEFERRABLE:
      case CONSTR_ATTR_NOT_DEFERRABLE: {
        bool deferrable = c->contype == CONSTR_ATTR_DEFERRABLE;
        if (!supports) misplaced(deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
        if (saw_deferrability)
          throw PgError(sqlstate::kSyntaxError, "multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed").at(c->location);
        saw_deferrability = true;
        last->deferrable = deferrable;
        if (!deferrable && last->initdeferred)
          throw PgError(sqlstate::kSyntaxError, "constraint declared INITIALLY DEFERRED must be DEFERRABLE").at(c->location);
        break;
      }
      case CONSTR_ATTR_DEFERRED:
      case CONSTR_ATTR_IMMEDIATE: {
        bool deferred = c->contype == CONSTR_ATTR_DEFERRED;
        if (!supports) misplaced(deferred ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE");
        if (saw_initially)
          throw PgError(sqlstate::kSyntaxError, "multiple INITIALLY IMMEDIATE/DEFERRED clauses not allowed").at(c->location);
        saw_initially = true;
        last->initdeferred = deferred;
        if (deferred) {
          if (!saw_deferrability) last->deferrable = true;
          else if (!last->deferrable)
            throw PgError(sqlstate::kSyntaxError, "constraint declared INITIALLY DEFERRED must be DEFERRABLE").at(c->location);
        }
        break;
      }
      default:
        last = c;
        saw_deferrability = saw_initially = false;
        break;
    }
  });
}

void SessionImpl::execute_set_constraints(ConstraintsSetStmt* stmt, StatementResult& out) {
  out.command_tag = "SET CONSTRAINTS";
  if (status_ == TransactionStatus::Idle)
    out.notices.push_back({"WARNING", "25P01", "SET CONSTRAINTS can only be used in transaction blocks"});
  std::set<int64_t> named;
  // A DEFERRABLE unique or primary key is a SQLite unique index, checked at every row.
  auto refuse_key = [&](const ConstraintDef& k) {
    if (stmt->deferred && k.deferrable && (k.type == 'u' || k.type == 'p'))
      unsupported("deferring unique and primary key constraints");
  };
  if (!stmt->constraints) {
    for (auto& t : catalog_.tables())
      for (auto& k : t->constraints) refuse_key(k);
    runtime_.constraints_all_mode = stmt->deferred ? 1 : 0;
    runtime_.constraint_modes.clear();
  } else {
    for_each_node(stmt->constraints, [&](Node* n) {
      auto* rv = reinterpret_cast<RangeVar*>(n);
      std::string cname = rv->relname;
      std::vector<std::string> schemas;
      if (rv->schemaname) {
        if (!catalog_.find_schema(rv->schemaname))
          throw PgError("3F000", "schema \"" + std::string(rv->schemaname) + "\" does not exist");
        schemas.push_back(Catalog::canonical_schema(rv->schemaname));
      } else {
        schemas = catalog_.current_schemas(true);
      }
      bool found = false;
      for (auto& schema : schemas) {
        for (auto& t : catalog_.tables()) {
          if (t->schema != Catalog::canonical_schema(schema)) continue;
          for (auto& k : t->constraints) {
            if (k.name != cname) continue;
            found = true;
            refuse_key(k);
            if (k.deferrable) named.insert(k.oid);
            else if (stmt->deferred)
              throw PgError(sqlstate::kWrongObjectType, "constraint \"" + cname + "\" is not deferrable");
          }
        }
        if (found) break;
      }
      if (!found) throw PgError(sqlstate::kUndefinedObject, "constraint \"" + cname + "\" does not exist");
    });
    for (int64_t oid : named) runtime_.constraint_modes[oid] = stmt->deferred;
  }
  if (!stmt->deferred) check_deferred_constraints(stmt->constraints ? &named : nullptr);
}

void SessionImpl::check_deferred_constraints(const std::set<int64_t>* only) {
  if (!deferred_checks_possible()) return;
  std::vector<std::pair<int64_t, int>> events;
  {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(conn_, "SELECT conoid, kind FROM temp._pgmicro_deferred_checks GROUP BY conoid, kind ORDER BY min(rowid)",
                           -1, &st, nullptr) != SQLITE_OK) {
      sqlite3_finalize(st);
      return;  // no queue on this connection yet
    }
    while (sqlite3_step(st) == SQLITE_ROW) events.emplace_back(sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1));
    sqlite3_finalize(st);
  }
  std::set<int64_t> done;
  for (auto& [conoid, kind] : events) {
    if ((only && !only->count(conoid)) || done.count(conoid)) continue;
    done.insert(conoid);
    for (auto& t : catalog_.tables())
      for (auto& k : t->constraints) {
        if (k.oid != conoid) continue;
        if (k.type == 'f') {
          std::string q = foreign_key_deferred_check(catalog_, *t, k, kind);
          if (!q.empty()) exec_checked(q);
        } else if (k.type == 'x') {
          std::string q = exclusion_validation_sql(catalog_, *t, k, false);
          if (!q.empty()) exec_checked(q);
        }
      }
    exec_sql(conn_, "DELETE FROM temp._pgmicro_deferred_checks WHERE conoid = " + std::to_string(conoid));
  }
  if (!only && !events.empty()) exec_sql(conn_, "DELETE FROM temp._pgmicro_deferred_checks");
}

bool SessionImpl::deferred_checks_possible() const {
  for (auto& t : catalog_.tables())
    for (auto& k : t->constraints)
      if (k.deferrable) return true;
  return false;
}

void SessionImpl::alter_constraint_deferrability(const TableDef& t, Constraint* c) {
  std::string name = c->conname ? c->conname : "";
  const ConstraintDef* found = nullptr;
  for (auto& k : t.constraints)
    if (k.name == name) found = &k;
  if (!found)
    throw PgError(sqlstate::kUndefinedObject, "constraint \"" + name + "\" of relation \"" + t.name + "\" does not exist");
  if (found->type != 'f')
    throw PgError(sqlstate::kWrongObjectType,
                  "constraint \"" + name + "\" of relation \"" + t.name + "\" is not a foreign key constraint");
  if (found->deferrable == c->deferrable && found->initdeferred == c->initdeferred) return;
  drop_triggers(t.name);
  exec_sql(conn_, "UPDATE " + catalog_prefix(t.schema) + "_pgmicro_constraint SET condeferrable = " +
                      (c->deferrable ? "1" : "0") + ", condeferred = " + (c->initdeferred ? "1" : "0") +
                      " WHERE oid = " + std::to_string(found->oid));
  bump_schema();
}

void SessionImpl::end_transaction_constraints() {
  runtime_.constraints_all_mode = -1;
  runtime_.constraint_modes.clear();
}

}  // namespace pgmicro
