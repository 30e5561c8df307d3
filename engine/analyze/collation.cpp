// Collation names, collatable types and PostgreSQL's collation derivation (parse_collate.c's
// rules) over analysed expressions. See collation.h for why every supported collation compares
// by code point.
#include "analyze/collation.h"
#include "analyze/analyzer.h"
#include "analyze/query.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

struct KnownCollation {
  Oid oid;
  const char* name;
};
constexpr KnownCollation kCollations[] = {
    {kDefaultCollation, "default"}, {kCCollation, "C"}, {kPosixCollation, "POSIX"}, {12340, "ucs_basic"}, {12341, "C.utf8"}};

}  // namespace

Oid lookup_collation(const List* names, int location) {
  std::string schema, name;
  int n = list_size(names);
  if (n == 2) schema = node_string(list_at(names, 0));
  if (n >= 3) {
    std::string db = node_string(list_at(names, 0));
    if (n > 3 || db != "postgres")
      throw PgError("0A000", "cross-database references are not implemented: " + db + "." +
                                 node_string(list_at(names, 1)) + "." + node_string(list_at(names, 2)))
          .at(location);
    schema = node_string(list_at(names, 1));
  }
  name = node_string(list_at(names, n - 1));
  std::string shown = schema.empty() ? name : schema + "." + name;
  if (schema.empty() || schema == "pg_catalog") {
    for (auto& c : kCollations)
      if (name == c.name) return c.oid;
    if (name.size() > 6 && name.compare(name.size() - 6, 6, "-x-icu") == 0)
      unsupported("the ICU collation \"" + shown + "\"", location);
  }
  throw PgError(sqlstate::kUndefinedObject, "collation \"" + shown + "\" for encoding \"UTF8\" does not exist").at(location);
}

std::string collation_name(Oid coll) {
  for (auto& c : kCollations)
    if (coll == c.oid) return c.name;
  return std::to_string(coll);
}

Oid type_default_collation(Oid t) {
  if (is_domain_type(t)) t = domain_base_type(t);
  if (Oid e = array_element_type(t)) {
    if (t == oid::kOidVector || t == oid::kInt2Vector) return 0;
    t = e;
    if (is_domain_type(t)) t = domain_base_type(t);
  }
  if (t == oid::kText || t == oid::kVarchar || t == oid::kBpchar) return kDefaultCollation;
  if (t == oid::kName) return kCCollation;
  return 0;
}

void check_collatable(Oid type, int32_t typmod, int location) {
  if (!type_default_collation(type))
    throw PgError(sqlstate::kDatatypeMismatch, "collations are not supported by type " + format_type_name(type, typmod)).at(location);
}

Oid column_collation(const CollateClause* cc, Oid type, int32_t typmod) {
  if (!cc) return 0;
  Oid coll = lookup_collation(cc->collname, cc->location);
  check_collatable(type, typmod, cc->location);
  return coll == type_default_collation(type) ? 0 : coll;
}

ExprPtr transform_collate_clause(Analyzer& a, CollateClause* cc, ExprContext ctx) {
  ExprPtr arg = a.transform_expr(cc->arg, ctx);
  if (arg->type == oid::kUnknown) arg = a.coerce_to(arg, oid::kText, -1, CastContext::Implicit, -1);
  else check_collatable(arg->type, arg->typmod, cc->location);
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = "COLLATE";
  e->templ = "$1";
  e->type = arg->type;
  e->typmod = arg->typmod;
  e->location = cc->location;
  e->collation = lookup_collation(cc->collname, cc->location);
  e->args.push_back(arg);
  return e;
}

namespace {

// The COLLATE clause an explicit collation came from.
const Expr* explicit_source(const Expr& e) {
  if (e.kind == ExprKind::Call && e.name == "COLLATE") return &e;
  for (auto& a : e.args)
    if (a && a->collation == e.collation)
      if (const Expr* s = explicit_source(*a)) return s;
  return nullptr;
}

}  // namespace

void propagate_explicit_collation(Expr& e) {
  if (e.kind == ExprKind::Call && e.name == "COLLATE") return;
  if (e.kind == ExprKind::Var || e.kind == ExprKind::Const || e.kind == ExprKind::Param) return;
  Oid coll = 0;
  for (auto& a : e.args) {
    if (!a || !a->collation) continue;
    if (!coll) coll = a->collation;
    else if (a->collation != coll) {
      const Expr* src = explicit_source(*a);
      throw PgError("42P21", "collation mismatch between explicit collations \"" + collation_name(coll) + "\" and \"" +
                                 collation_name(a->collation) + "\"")
          .at(src ? src->location : a->location);
    }
  }
  if (coll && type_default_collation(e.type)) e.collation = coll;
}

namespace {

// merge_collation_state: fold one argument's collation into the running state.
void merge(ExprCollation& st, const ExprCollation& a, int location) {
  if (a.strength == CollStrength::None) return;
  if (a.strength == CollStrength::Explicit) {
    if (st.strength == CollStrength::Explicit && st.coll != a.coll)
      throw PgError("42P21", "collation mismatch between explicit collations \"" + collation_name(st.coll) + "\" and \"" +
                                 collation_name(a.coll) + "\"")
          .at(location);
    if (st.strength != CollStrength::Explicit) st = a;
    return;
  }
  if (st.strength == CollStrength::Explicit) return;
  if (a.strength == CollStrength::Conflict) {
    if (st.strength != CollStrength::Conflict) st = a;
    return;
  }
  // a is Implicit
  if (st.strength == CollStrength::None) { st = a; return; }
  if (st.strength == CollStrength::Conflict) return;
  if (st.coll == a.coll) return;
  if (st.coll == kDefaultCollation) { st = a; return; }
  if (a.coll == kDefaultCollation) return;
  st.strength = CollStrength::Conflict;
  st.conflict_with = a.coll;
}

ExprCollation implicit(Oid coll) {
  ExprCollation r;
  if (coll) { r.coll = coll; r.strength = CollStrength::Implicit; }
  return r;
}

ExprCollation var_collation(const Expr& e, const SelectQuery* q) {
  Oid dflt = type_default_collation(e.type);
  if (!dflt || !q || e.levelsup != 0 || e.rte < 0 || e.rte >= (int)q->rtable.size()) return implicit(dflt);
  const RangeTableEntry& r = q->rtable[e.rte];
  if (r.table && e.attno >= 0 && e.attno < (int)r.table->columns.size()) {
    Oid c = r.table->columns[e.attno].collation;
    return implicit(c ? c : dflt);
  }
  if (r.is_join && e.attno >= 0 && e.attno < (int)r.column_exprs.size() && r.column_exprs[e.attno])
    return expr_collation(*r.column_exprs[e.attno], q);
  const SelectQuery* sub = r.subquery ? r.subquery.get() : r.cte && r.cte->query ? r.cte->query.get() : nullptr;
  if (sub && e.attno >= 0 && e.attno < (int)sub->targets.size()) {
    Oid c = result_column_collation(*sub, e.attno);
    return implicit(c ? c : dflt);
  }
  return implicit(dflt);
}

}  // namespace

ExprCollation expr_collation(const Expr& e, const SelectQuery* q) {
  if (e.kind == ExprKind::Call && e.name == "COLLATE") {
    if (!e.args.empty()) expr_collation(*e.args[0], q);  // explicit conflicts below
    ExprCollation r;
    r.coll = e.collation;
    r.strength = CollStrength::Explicit;
    return r;
  }
  if (e.kind == ExprKind::Var) return var_collation(e, q);
  if (e.kind == ExprKind::SubLink) {
    if (e.sublink == SubLinkKind::Expr || e.sublink == SubLinkKind::Array) {
      Oid c = e.subquery && !e.subquery->targets.empty() ? result_column_collation(*e.subquery, 0) : 0;
      return implicit(c ? c : type_default_collation(e.type));
    }
    return {};
  }
  ExprCollation st;
  for (auto& a : e.args)
    if (a) merge(st, expr_collation(*a, q), a->location);
  Oid dflt = type_default_collation(e.type);
  if (!dflt) {
    // A non-collatable result (a comparison): the inputs' collation is used, not propagated.
    return {};
  }
  if (st.strength == CollStrength::None) return implicit(dflt);
  return st;
}

Oid result_column_collation(const SelectQuery& q, size_t i) {
  if (q.setop != SetOp::None) {
    ExprCollation st;
    if (q.larg && i < q.larg->targets.size()) merge(st, implicit(result_column_collation(*q.larg, i)), -1);
    if (q.rarg && i < q.rarg->targets.size()) merge(st, implicit(result_column_collation(*q.rarg, i)), -1);
    return st.strength == CollStrength::Conflict ? 0 : st.coll;
  }
  if (!q.values_rows.empty()) {
    ExprCollation st;
    for (auto& row : q.values_rows)
      if (i < row.size() && row[i]) merge(st, expr_collation(*row[i], &q), row[i]->location);
    return st.coll;
  }
  if (i >= q.targets.size() || !q.targets[i].expr) return 0;
  ExprCollation c = expr_collation(*q.targets[i].expr, &q);
  return c.strength == CollStrength::Conflict ? 0 : c.coll;
}

}  // namespace pgmicro
