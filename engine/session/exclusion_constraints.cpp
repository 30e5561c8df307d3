// EXCLUDE constraints: EXCLUDE [USING am] (elem WITH op, ...) [WHERE (pred)] [DEFERRABLE ...].
//
// No access method is built: the constraint is a pg_constraint row (contype 'x') whose consrc
// holds its elements, one per line after the access method and the predicate:
//   am \n predicate-text \n op \t key-label \t key-type \t element-text ...
// Enforcement is part of the table's BEFORE INSERT/UPDATE temp trigger (session.cpp
// ensure_triggers): a scan of the table for another row for which every `NEW.elem op row.elem`
// is true (and both rows satisfy the predicate) raises 23P01 through pg_exclusion_violation
// (runtime/exclusion_functions.cpp). The operators are PostgreSQL's own, evaluated exactly, so
// the answer is the one an index would give. ALTER TABLE ADD checks the existing rows first.
#include <sstream>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/deferred_constraints.h"
#include "session/exclusion_constraints.h"
#include "session/session_impl.h"

namespace pgmicro {

namespace {

struct ExclusionElement {
  std::string op, label, text;
  Oid type = 0;
};

struct ExclusionSpec {
  std::string am, predicate;
  std::vector<ExclusionElement> elems;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) { out.push_back(cur); cur.clear(); }
    else cur += c;
  }
  out.push_back(cur);
  return out;
}

ExclusionSpec decode(const std::string& src) {
  ExclusionSpec s;
  auto lines = split(src, '\n');
  if (lines.size() < 2) return s;
  s.am = lines[0];
  s.predicate = lines[1];
  for (size_t i = 2; i < lines.size(); i++) {
    auto f = split(lines[i], '\t');
    if (f.size() < 4) continue;
    s.elems.push_back({f[0], f[1], f[3], (Oid)std::stoll(f[2])});
  }
  return s;
}

void retarget_vars(Expr& e, int rte) {
  if (e.kind == ExprKind::Var && e.levelsup == 0) e.rte = rte;
  for (auto& a : e.args)
    if (a) retarget_vars(*a, rte);
}

ExprPtr analyze_text(Analyzer& a, const std::string& text) {
  ParsedScript ps("SELECT " + text);
  auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
  return a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Check);
}

// The SQL condition "row `other` conflicts with row `mine`" (both SQLite aliases) plus the
// lowered key values of both rows.
struct ConflictSql {
  std::string cond;
  std::vector<std::string> mine_keys, other_keys;
};

ConflictSql conflict_sql(Catalog& cat, const TableDef& t, const ExclusionSpec& s, const std::string& mine,
                         const std::string& other) {
  std::vector<Oid> no_params;
  Analyzer a(cat, no_params);
  auto scope = a.dml_scope(&t, "");
  scope->rtable[0].sql_alias = mine;
  scope->rtable[0].dml_target = false;
  a.scope_ = scope.get();
  std::vector<ExprPtr> conds;
  ConflictSql out;
  std::vector<ExprPtr> mine_keys, other_keys;
  for (auto& el : s.elems) {
    ExprPtr l = analyze_text(a, el.text);
    ExprPtr r = analyze_text(a, el.text);
    retarget_vars(*r, 1);
    mine_keys.push_back(l);
    other_keys.push_back(r);
    conds.push_back(a.make_operator(el.op, l, r, -1));
  }
  ExprPtr pm, po;
  if (!s.predicate.empty()) {
    pm = analyze_text(a, s.predicate);
    po = analyze_text(a, s.predicate);
    retarget_vars(*po, 1);
  }
  a.scope_ = nullptr;
  std::vector<RangeTableEntry> rt = scope->rtable;
  rt.push_back(rt[0]);
  rt[1].sql_alias = other;
  for (auto& c : conds) out.cond += (out.cond.empty() ? "" : " AND ") + std::string("(") + lower_expr_in(*c, rt) + ") IS TRUE";
  if (pm) out.cond += " AND (" + lower_expr_in(*pm, rt) + ") IS TRUE AND (" + lower_expr_in(*po, rt) + ") IS TRUE";
  for (auto& k : mine_keys) out.mine_keys.push_back(lower_expr_in(*k, rt));
  for (auto& k : other_keys) out.other_keys.push_back(lower_expr_in(*k, rt));
  return out;
}

std::string violation_call(const ConstraintDef& c, const ConflictSql& cs) {
  std::string call = "pg_exclusion_violation(" + std::to_string(c.oid);
  for (auto& k : cs.mine_keys) call += ", " + k;
  for (auto& k : cs.other_keys) call += ", " + k;
  return call + ")";
}

}  // namespace

std::string exclusion_trigger_sql(Catalog& cat, const TableDef& t, bool update) {
  std::string sql;
  for (auto& c : t.constraints) {
    if (c.type != 'x') continue;
    ExclusionSpec s = decode(c.check_expr);
    if (s.elems.empty()) continue;
    ConflictSql cs = conflict_sql(cat, t, s, "NEW", "_pgmicro_excl");
    std::string self = update ? " AND _pgmicro_excl.rowid IS NOT OLD.rowid" : "";
    std::string found = "FROM " + t.sqlite_ref() + " AS _pgmicro_excl WHERE " + cs.cond + self;
    if (c.deferrable) {
      // Deferred: queue a re-check of the whole table (kind 3) instead of raising.
      sql += " INSERT INTO _pgmicro_deferred_checks SELECT " + std::to_string(c.oid) + ", 3 WHERE pg_constraint_deferred(" +
             std::to_string(c.oid) + ", " + (c.initdeferred ? "1" : "0") + ") AND EXISTS (SELECT 1 " + found + ");";
      sql += " SELECT " + violation_call(c, cs) + " " + found + " AND NOT pg_constraint_deferred(" + std::to_string(c.oid) + ", " +
             (c.initdeferred ? "1" : "0") + ") LIMIT 1;";
    } else {
      sql += " SELECT " + violation_call(c, cs) + " " + found + " LIMIT 1;";
    }
  }
  return sql;
}

// The whole-table check (ALTER TABLE ADD, and deferred checks at COMMIT): a query that raises
// through pg_exclusion_violation when two rows conflict (at COMMIT the later row is reported as
// the new one, for ALTER TABLE ADD the earlier).
std::string exclusion_validation_sql(Catalog& cat, const TableDef& t, const ConstraintDef& c, bool existing_rows) {
  ExclusionSpec s = decode(c.check_expr);
  if (s.elems.empty()) return "";
  ConflictSql cs = conflict_sql(cat, t, s, "_pgmicro_a", "_pgmicro_b");
  std::string call = violation_call(c, cs);
  if (existing_rows) call.insert(call.find('(') + 1, "-");
  return "SELECT " + call + " FROM " + t.sqlite_ref() + " AS _pgmicro_b JOIN " + t.sqlite_ref() +
         " AS _pgmicro_a ON _pgmicro_a.rowid " + (existing_rows ? "<" : ">") + " _pgmicro_b.rowid AND " + cs.cond + " LIMIT 1";
}

void SessionImpl::add_exclusion_constraint(const TableDef& t, Constraint* c, const std::string& cp) {
  if (t.partition_strategy)
    throw PgError(sqlstate::kFeatureNotSupported, "exclusion constraints are not supported on partitioned tables").at(c->location);
  std::string am = c->access_method ? c->access_method : "btree";
  if (am != "btree" && am != "gist" && am != "hash" && am != "spgist") {
    if (am == "gin") unsupported("exclusion constraints using gin", c->location);
    throw PgError(sqlstate::kUndefinedObject, "access method \"" + am + "\" does not exist");
  }
  if (list_size(c->including)) unsupported("INCLUDE in exclusion constraints", c->location);
  std::string enc;
  std::vector<std::string> name_parts;
  std::vector<int> cols;
  std::vector<Oid> no_params;
  for_each_node(c->exclusions, [&](Node* n) {
    List* pair = reinterpret_cast<List*>(n);
    auto* ie = reinterpret_cast<IndexElem*>(list_at(pair, 0));
    List* opname = reinterpret_cast<List*>(list_at(pair, 1));
    if (list_size(ie->collation) || list_size(ie->opclass)) unsupported("operator classes or collations in exclusion constraints", c->location);
    std::string op = node_string(list_at(opname, list_size(opname) - 1));
    ExclusionElement el;
    el.op = op;
    if (ie->name) {
      int idx = t.find_column(ie->name);
      if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(ie->name) + "\" named in key does not exist").at(c->location);
      el.text = quote_ident(ie->name);
      el.label = pg_quote_identifier(ie->name);
      el.type = t.columns[idx].type;
      name_parts.push_back(ie->name);
      cols.push_back(idx);
    } else {
      IndexExpr ix = index_expression(t, ie->expr, false);
      el.text = ix.pg_text;
      el.label = "(" + ix.pg_text + ")";
      // PostgreSQL's FigureColname looks through a cast: (c2::circle) names "c2".
      Node* inner = ie->expr;
      while (inner && IsA(inner, TypeCast)) inner = reinterpret_cast<TypeCast*>(inner)->arg;
      if (inner && IsA(inner, ColumnRef)) {
        List* f = reinterpret_cast<ColumnRef*>(inner)->fields;
        name_parts.push_back(node_string(list_at(f, list_size(f) - 1)));
      } else {
        name_parts.push_back(ix.name);
      }
      Analyzer a(catalog_, no_params);
      auto scope = a.dml_scope(&t, "");
      a.scope_ = scope.get();
      el.type = analyze_text(a, el.text)->type;
    }
    if (el.text.find('\n') != std::string::npos || el.text.find('\t') != std::string::npos)
      unsupported("this exclusion constraint element", c->location);
    enc += "\n" + op + "\t" + el.label + "\t" + std::to_string(el.type) + "\t" + el.text;
    // The operator must exist for the type and give boolean (PostgreSQL's 42809/42883).
    Analyzer a(catalog_, no_params);
    auto scope = a.dml_scope(&t, "");
    a.scope_ = scope.get();
    ExprPtr l = analyze_text(a, el.text), r = analyze_text(a, el.text);
    ExprPtr e = a.make_operator(op, l, r, -1);
    if (e->type != oid::kBool) throw PgError("42809", "operator " + op + " is not commutative", "",
                                             "Only commutative operators can be used in exclusion constraints.").at(c->location);
  });
  std::string pred;
  if (c->where_clause) {
    IndexExpr p = index_expression(t, c->where_clause, true);
    pred = p.pg_text;
    if (pred.find('\n') != std::string::npos) unsupported("this exclusion constraint predicate", c->location);
  }
  std::string src = am + "\n" + pred + enc;
  std::string name = c->conname ? c->conname : "";
  if (name.empty()) {
    std::string base = t.name;
    for (auto& p : name_parts) base += "_" + p;
    base += "_excl";
    if (base.size() > 63) base.resize(63);
    name = base;
    auto taken = [&](const std::string& n) {
      for (auto& k : t.constraints)
        if (k.name == n) return true;
      return relation_name_taken(t.schema, n);
    };
    for (int i = 1; taken(name); i++) name = base.substr(0, 63 - std::to_string(i).size()) + std::to_string(i);
  } else {
    for (auto& k : t.constraints)
      if (k.name == name)
        throw PgError(sqlstate::kDuplicateObject, "constraint \"" + name + "\" for relation \"" + t.name + "\" already exists");
    if (relation_name_taken(t.schema, name)) throw PgError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
  ConstraintDef k;
  k.oid = Catalog::allocate_oid(conn_);
  k.name = name;
  k.type = 'x';
  k.check_expr = src;
  k.columns = cols;
  // The existing rows are checked with the constraint visible to pg_exclusion_violation.
  auto& live = const_cast<TableDef&>(t).constraints;
  live.push_back(k);
  try {
    std::string check = exclusion_validation_sql(catalog_, t, k, true);
    if (!check.empty()) exec_checked(check);
  } catch (...) {
    live.pop_back();
    throw;
  }
  live.pop_back();
  std::string keys;
  for (size_t i = 0; i < cols.size(); i++) keys += (i ? "," : "") + std::to_string(cols[i] + 1);
  drop_triggers(t.name);
  exec_sql(conn_, "INSERT INTO " + cp + "_pgmicro_constraint(oid, conrelid, conname, contype, conkey, consrc, condeferrable, condeferred) VALUES(" +
                      std::to_string(k.oid) + ", " + std::to_string(t.oid) + ", " + quote_literal(name) + ", 'x', " + quote_literal(keys) +
                      ", " + quote_literal(src) + ", " + (c->deferrable ? "1" : "0") + ", " + (c->initdeferred ? "1" : "0") + ");");
  bump_schema();
}

}  // namespace pgmicro
