// Function calls and subqueries in INSERT/UPDATE/DELETE/MERGE that read the table being
// modified. PostgreSQL gives a STABLE/IMMUTABLE function the statement's snapshot (it never sees
// the statement's own changes) and a VOLATILE one a fresh snapshot per query (it sees the rows
// changed so far, in the executor's row-by-row order); a subquery uses the statement's snapshot.
// Every function body here runs on the statement's SQLite connection, which shows the partial
// changes; SQLite evaluates an UPDATE/DELETE's WHERE and an INSERT's rows before changing any row,
// but an UPDATE's SET per row after the rows before were written. So:
//  - a STABLE/IMMUTABLE function reading the target in UPDATE SET/WHERE/FROM, DELETE WHERE/USING
//    or RETURNING (entries over unassigned columns), or a SET subquery reading the target per row:
//    the statement is staged — a step run first (a DmlCteStep, session/dml_cte.cpp) keeps each
//    target row's rowid and values in a temp table `_pgmicro_snapN`, and the statement then only
//    copies them (`rowid IN (…)`, `(SELECT cK … WHERE c1 = t.rowid)`);
//  - such a function in other RETURNING entries, INSERT's RETURNING or ON CONFLICT DO UPDATE, a
//    DO UPDATE subquery reading other rows than the conflicting one, a VOLATILE function reading
//    the target in an UPDATE/DELETE's WHERE/FROM/USING or in an INSERT of several rows, reads of
//    the target in a MERGE run as several statements, and staging where no step can run (inside
//    functions, WITH, views, inheritance passes): 0A000.
// Statements calling no user function that may read the target are left alone (no cost).
#include <functional>
#include "analyze/analyze_dml.h"
#include "analyze/constraint_snapshot.h"
#include "analyze/statement_snapshot.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"

namespace pgmicro {

namespace {

struct CallReads {
  bool stable = false, volatile_ = false;
};

CallReads reads_in(FunctionTableReads& r, const std::string& sql) {
  CallReads out;
  for (const LoweredUserCall& c : lowered_user_calls(sql))
    if ((c.flags & kSqlCallNonVolatile) ? !out.stable : !out.volatile_)
      if (r.body_reads(c.body)) ((c.flags & kSqlCallNonVolatile) ? out.stable : out.volatile_) = true;
  return out;
}

std::string returning_sql(const std::vector<TargetEntry>& returning, const std::vector<RangeTableEntry>& rtable) {
  std::string s;
  for (auto& te : returning) s += lower_expr_in(*te.expr, rtable) + ";";
  return s;
}

const char* kStableFeature = "a STABLE or IMMUTABLE function reading the table being modified";

ExprPtr raw(const ExprPtr& like, const std::string& sql) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Raw;
  e->type = like ? like->type : oid::kBool;
  e->typmod = like ? like->typmod : -1;
  e->templ = sql;
  return e;
}

// The staging step: target rowid + exprs over the statement's FROM/USING and WHERE.
std::string add_step(Analyzer& a, const TableDef& t, const std::vector<std::unique_ptr<FromNode>>& from,
                     const std::vector<RangeTableEntry>& rtable, const ExprPtr& where, const std::vector<ExprPtr>& exprs) {
  std::string table = "_pgmicro_snap" + std::to_string(a.dml_cte_steps.size() + 1);
  DmlCteStep step;
  std::vector<RangeTableEntry> rt = rtable;  // the target as u0, as with FROM/USING
  rt[0].dml_target = false;
  rt[0].sql_alias = "u0";
  step.sql = lower_returning_source(t, from, rt, where, exprs);
  step.table = table;
  step.ncols = exprs.size() + 1;
  a.dml_cte_steps.push_back(step);
  return table;
}

// `SELECT … FROM target i WHERE i.key = target.key (or excluded.key) [AND …]` with a one-column
// PRIMARY KEY/UNIQUE key: the subquery reads the conflicting row only.
bool reads_conflict_row_only(const SelectQuery& sub, const TableDef& t, const std::string& sql) {
  std::string ref = t.sqlite_ref() + " AS ";
  if (sub.rtable.size() != 1 || sub.rtable[0].table != &t || !sub.where || sql.find(ref) != sql.rfind(ref)) return false;
  auto unique_column = [&](int col) {
    for (auto& c : t.constraints)
      if ((c.type == 'p' || c.type == 'u') && c.columns.size() == 1 && c.columns[0] == col) return true;
    return false;
  };
  std::function<bool(const ExprPtr&)> pins = [&](const ExprPtr& e) {
    if (e->kind == ExprKind::And) {
      for (auto& x : e->args)
        if (pins(x)) return true;
      return false;
    }
    if (e->kind != ExprKind::Call || e->name != "=" || e->args.size() != 2) return false;
    const Expr& l = *e->args[0];
    const Expr& r = *e->args[1];
    if (l.kind != ExprKind::Var || r.kind != ExprKind::Var) return false;
    const Expr& inner = l.levelsup == 0 ? l : r;
    const Expr& outer = l.levelsup == 0 ? r : l;
    return inner.levelsup == 0 && inner.rte == 0 && outer.levelsup == 1 && (outer.rte == 0 || outer.rte == 1) &&
           inner.attno == outer.attno && unique_column(inner.attno);
  };
  return pins(sub.where);
}

// `key = constant` (or a conjunction with one) over a one-column PRIMARY KEY/UNIQUE column of t.
bool pins_one_row(const Expr& e, const TableDef& t) {
  if (e.kind == ExprKind::And) {
    for (auto& x : e.args)
      if (x && pins_one_row(*x, t)) return true;
    return false;
  }
  if (e.kind != ExprKind::Call || e.name != "=" || e.args.size() != 2 || !e.args[0] || !e.args[1]) return false;
  const Expr& l = *e.args[0];
  const Expr& r = *e.args[1];
  const Expr& var = l.kind == ExprKind::Var ? l : r;
  const Expr& value = l.kind == ExprKind::Var ? r : l;
  if (var.kind != ExprKind::Var || var.levelsup != 0 || var.rte != 0) return false;
  if (value.kind != ExprKind::Const && value.kind != ExprKind::Param) return false;
  for (auto& c : t.constraints)
    if ((c.type == 'p' || c.type == 'u') && c.columns.size() == 1 && c.columns[0] == var.attno) return true;
  return false;
}

}  // namespace

// RETURNING entries calling a STABLE/IMMUTABLE function that reads the target: their values are
// computed by the staging step (the statement's snapshot). Only entries whose row references are
// columns the statement does not assign (UPDATE; old = new) and without subqueries can be; an
// entry also calling a VOLATILE function reading the target cannot (0A000).
static std::vector<size_t> returning_to_stage(FunctionTableReads& r, const std::vector<TargetEntry>& returning,
                                              const std::vector<RangeTableEntry>& rtable,
                                              const std::vector<std::pair<int, ExprPtr>>* sets) {
  std::vector<size_t> out;
  for (size_t i = 0; i < returning.size(); i++) {
    CallReads c = reads_in(r, lower_expr_in(*returning[i].expr, rtable));
    if (!c.stable) continue;
    if (c.volatile_) unsupported(std::string(kStableFeature) + " in RETURNING together with a VOLATILE one reading it");
    bool ok = true;
    std::function<void(const Expr&)> walk = [&](const Expr& e) {
      if (e.kind == ExprKind::SubLink || e.kind == ExprKind::Raw) ok = false;
      if (e.kind == ExprKind::Var && e.levelsup == 0 && sets)
        for (auto& s : *sets)
          if (e.rte == 0 && s.first == e.attno) ok = false;
      for (auto& x : e.args)
        if (x) walk(*x);
    };
    walk(*returning[i].expr);
    if (!ok) unsupported(std::string(kStableFeature) + " in RETURNING over assigned columns or subqueries");
    out.push_back(i);
  }
  return out;
}

bool& snapshot_checks_suspended() {
  static thread_local bool suspended = false;
  return suspended;
}

bool& snapshot_merge_several() {
  static thread_local bool several = false;
  return several;
}

// One of several statements of a MERGE (session/merge.cpp): PostgreSQL runs all its actions on
// one snapshot, here each statement sees the ones before, so expressions reading the target
// (a subquery, or a function of any volatility that may read it) are refused.
static void refuse_merge_reads(Catalog& cat, const TableDef& t, const std::string& sql) {
  if (!snapshot_merge_several()) return;
  std::vector<const TableDef*> tables = FunctionTableReads::with_ancestors(cat, t);
  bool reads = false;
  for (const TableDef* x : tables)
    if (sql.find(x->sqlite_ref() + " AS ") != std::string::npos) reads = true;
  if (!reads && sql.find("pg_sql_") != std::string::npos) {
    FunctionTableReads r(cat, tables);
    reads = r.sql_reads_via_calls(sql);
  }
  if (reads) unsupported("MERGE with several actions whose expressions read the target table");
}

// SET expressions with a subquery reading the target that refers to the row being updated:
// SQLite evaluates it per row after the rows before were written (an uncorrelated one runs once,
// before any change). With FROM every target reference reads u0, so any such subquery counts.
static bool sets_read_target(const UpdateQuery& q, const std::vector<const TableDef*>& tables) {
  std::string sql;
  for (auto& s : q.sets) sql += lower_expr_in(*s.second, q.rtable) + ";";
  for (const TableDef* t : tables) {
    std::string ref = t->sqlite_ref();
    if (sql.find(ref + " AS ") != std::string::npos &&
        (!q.from.empty() || sql.find(q.table->sqlite_ref() + ".") != std::string::npos))
      return true;
  }
  return false;
}

void snapshot_update(Analyzer& a, Catalog& cat, UpdateQuery& q, bool inherited, bool through_view) {
  if (snapshot_checks_suspended()) return;
  if (snapshot_merge_several()) {
    std::string sql;
    for (auto& s : q.sets) sql += lower_expr_in(*s.second, q.rtable) + ";";
    if (q.where) sql += lower_expr_in(*q.where, q.rtable);
    refuse_merge_reads(cat, *q.table, sql);
  }
  // An UPDATE of at most one row (WHERE pins a one-column key to a constant) sees no row it wrote.
  if (!(q.from.empty() && !inherited && q.where && pins_one_row(*q.where, *q.table)))
    refuse_constraint_snapshot_reads(cat, *q.table, {}, "an UPDATE that may write several rows");
  std::vector<ExprPtr> sets;
  for (auto& s : q.sets) sets.push_back(s.second);
  std::vector<const TableDef*> tables = FunctionTableReads::with_ancestors(cat, *q.table);
  std::string source = lower_returning_source(*q.table, q.from, q.rtable, q.where, sets);
  std::string ret = returning_sql(q.returning, q.rtable);
  bool subquery = sets_read_target(q, tables);
  CallReads all;
  std::vector<size_t> staged_ret;
  if (source.find("pg_sql_") != std::string::npos || ret.find("pg_sql_") != std::string::npos) {
    FunctionTableReads r(cat, tables);
    staged_ret = returning_to_stage(r, q.returning, q.rtable, &q.sets);
    all = reads_in(r, source);
    if (all.volatile_ && reads_in(r, lower_returning_source(*q.table, q.from, q.rtable, q.where, {})).volatile_)
      unsupported("a VOLATILE function reading the table being modified in UPDATE's WHERE or FROM");
  }
  if (!all.stable && !subquery && staged_ret.empty()) return;
  const std::string what = all.stable || !staged_ret.empty()
                               ? std::string(kStableFeature)
                               : "a subquery in UPDATE SET reading the table being updated for each row";
  if (all.volatile_) unsupported(what + " together with a VOLATILE function reading it");
  // A SET subquery alone, where no step can be staged: the statement reads a copy of the table
  // taken before it runs instead (session/dml_snapshot_reads.cpp).
  if (!all.stable && staged_ret.empty() && !through_view && a.allow_dml_ctes && (q.with || inherited)) return;
  if (!a.allow_dml_ctes || q.with || inherited) unsupported(what + " in UPDATE here");
  if (!staged_ret.empty() && !q.from.empty()) unsupported(what + " in RETURNING of UPDATE ... FROM");
  std::vector<ExprPtr> exprs = sets;
  for (size_t i : staged_ret) exprs.push_back(q.returning[i].expr);
  std::string table = add_step(a, *q.table, q.from, q.rtable, q.where, exprs);
  std::string row = quote_ident(sqlite_relation_name(q.table->schema, q.table->name)) + ".rowid";
  for (size_t i = 0; i < q.sets.size(); i++)
    q.sets[i].second = raw(q.sets[i].second, "(SELECT c" + std::to_string(i + 2) + " FROM temp." + table + " WHERE c1 = " + row + ")");
  q.where = raw(nullptr, row + " IN (SELECT c1 FROM temp." + table + ")");
  if (!staged_ret.empty()) {  // RETURNING sees the moved row: its old rowid through pg_moved_from
    if (q.move_rows) q.record_moves = true;
    std::string old_row = q.move_rows ? "pg_moved_from(" + quote_literal(q.table->sqlite_ref()) + ", " + row + ")" : row;
    for (size_t k = 0; k < staged_ret.size(); k++) {
      TargetEntry& te = q.returning[staged_ret[k]];
      te.expr = raw(te.expr, "(SELECT c" + std::to_string(q.sets.size() + 2 + k) + " FROM temp." + table + " WHERE c1 = " + old_row + ")");
    }
  }
  if (!q.from.empty()) {  // the FROM items were read by the step; RETURNING of them has its own
    q.from.clear();
    q.rtable[0].dml_target = true;
    q.rtable[0].sql_alias = q.table->sqlite_ref();
  }
}

void snapshot_delete(Analyzer& a, Catalog& cat, DeleteQuery& q, bool inherited) {
  if (snapshot_checks_suspended()) return;
  if (snapshot_merge_several() && q.where) refuse_merge_reads(cat, *q.table, lower_expr_in(*q.where, q.rtable));
  std::string source = lower_returning_source(*q.table, q.using_, q.rtable, q.where, {});
  std::string ret = returning_sql(q.returning, q.rtable);
  if (source.find("pg_sql_") == std::string::npos && ret.find("pg_sql_") == std::string::npos) return;
  FunctionTableReads r(cat, FunctionTableReads::with_ancestors(cat, *q.table));
  std::vector<size_t> staged_ret = returning_to_stage(r, q.returning, q.rtable, nullptr);
  CallReads all = reads_in(r, source);
  if (all.volatile_) unsupported("a VOLATILE function reading the table being modified in DELETE's WHERE or USING");
  if (!all.stable && staged_ret.empty()) return;
  if (!a.allow_dml_ctes || q.with || inherited) unsupported(std::string(kStableFeature) + " in DELETE here");
  if (!staged_ret.empty() && !q.using_.empty()) unsupported(std::string(kStableFeature) + " in RETURNING of DELETE ... USING");
  std::vector<ExprPtr> exprs;
  for (size_t i : staged_ret) exprs.push_back(q.returning[i].expr);
  std::string table = add_step(a, *q.table, q.using_, q.rtable, q.where, exprs);
  std::string row = quote_ident(sqlite_relation_name(q.table->schema, q.table->name)) + ".rowid";
  q.where = raw(nullptr, row + " IN (SELECT c1 FROM temp." + table + ")");
  for (size_t k = 0; k < staged_ret.size(); k++) {
    TargetEntry& te = q.returning[staged_ret[k]];
    te.expr = raw(te.expr, "(SELECT c" + std::to_string(2 + k) + " FROM temp." + table + " WHERE c1 = " + row + ")");
  }
  if (!q.using_.empty()) {
    q.using_.clear();
    q.rtable[0].dml_target = true;
    q.rtable[0].sql_alias = q.table->sqlite_ref();
  }
}

void snapshot_insert(Catalog& cat, InsertQuery& q) {
  if (snapshot_checks_suspended()) return;
  // VALUES rows (possibly many) are only lowered again when an expression may call a function
  // or read a table.
  std::function<bool(const Expr&)> suspicious = [&](const Expr& e) {
    if (e.kind == ExprKind::SubLink || e.templ.find("pg_sql_") != std::string::npos) return true;
    for (auto& x : e.args)
      if (x && suspicious(*x)) return true;
    return false;
  };
  bool several = q.rows.size() > 1 ||
                 (q.select && (q.select->setop != SetOp::None || !q.select->from.empty() || q.select->values_rows.size() > 1));
  if (several) refuse_constraint_snapshot_reads(cat, *q.table, {}, "an INSERT of several rows");
  bool lower_source = q.select != nullptr;
  for (size_t r = 0; r < q.rows.size() && !lower_source; r++)
    for (auto& e : q.rows[r])
      if (e && suspicious(*e)) lower_source = true;
  for (auto& e : q.generated)
    if (e && suspicious(*e)) lower_source = true;
  std::string source;
  if (lower_source) {
    std::vector<TargetEntry> returning;
    returning.swap(q.returning);
    source = lower_insert(q);
    returning.swap(q.returning);
  }
  refuse_merge_reads(cat, *q.table, source);
  std::string ret = returning_sql(q.returning, q.rtable);
  std::vector<const TableDef*> tables = FunctionTableReads::with_ancestors(cat, *q.table);
  std::string conflict;
  for (auto& s : q.conflict_sets) conflict += lower_expr_in(*s.second, q.rtable) + ";";
  if (q.conflict_where) conflict += lower_expr_in(*q.conflict_where, q.rtable);
  // DO UPDATE runs when its row conflicts, after the rows before were written; PostgreSQL's
  // subqueries there see the statement's snapshot. A subquery reading only the conflicting row
  // (by a key) sees the same row either way: PostgreSQL refuses a row affected twice.
  std::vector<ExprPtr> conflict_exprs;
  for (auto& s : q.conflict_sets) conflict_exprs.push_back(s.second);
  if (q.conflict_where) conflict_exprs.push_back(q.conflict_where);
  std::function<void(const ExprPtr&)> check = [&](const ExprPtr& e) {
    if (e->kind == ExprKind::SubLink && e->subquery) {
      std::string sql = lower_expr_in(*e, q.rtable);
      for (const TableDef* t : tables)
        if (sql.find(t->sqlite_ref() + " AS ") != std::string::npos && !reads_conflict_row_only(*e->subquery, *q.table, sql))
          unsupported("a subquery in ON CONFLICT DO UPDATE reading the table being inserted into");
      return;
    }
    for (auto& x : e->args) check(x);
  };
  for (auto& e : conflict_exprs) check(e);
  if (source.find("pg_sql_") == std::string::npos && ret.find("pg_sql_") == std::string::npos &&
      conflict.find("pg_sql_") == std::string::npos)
    return;
  FunctionTableReads r(cat, tables);
  if (reads_in(r, ret).stable) unsupported(std::string(kStableFeature) + " in RETURNING");
  if (reads_in(r, conflict).stable) unsupported(std::string(kStableFeature) + " in ON CONFLICT DO UPDATE");
  // SQLite computes every row to insert first: PostgreSQL's STABLE result; a VOLATILE function
  // would see the rows inserted before in PostgreSQL.
  if (several && reads_in(r, source).volatile_)
    unsupported("a VOLATILE function reading the table being modified in an INSERT of several rows");
}

}  // namespace pgmicro
