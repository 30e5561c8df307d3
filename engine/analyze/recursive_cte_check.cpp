// WITH RECURSIVE's shape checks that come before analysis (parse_cte.c's checkWellFormedRecursion,
// first part): a query that refers to itself must be non-recursive-term UNION [ALL]
// recursive-term, and the non-recursive term must not refer to it. Self-references are found
// in the raw tree by name (an unqualified RangeVar naming the WITH query).
#include <cstring>
#include <string>
#include <vector>
#include "analyze/query.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
extern "C" {
#include "nodes/nodeFuncs.h"
}

namespace pgmicro {

namespace {

// checkWellFormedRecursionWalker's contexts: where a self-reference may not appear.
enum class Ctx { Ok, NonRecursiveTerm, Sublink, OuterJoin, Intersect, Except };

struct Walk {
  const char* name;
  Ctx ctx = Ctx::Ok;
  int count = 0;
  bool shadowed = false;
};

bool walk(Node* node, void* context);

void walk_in(Node* node, Walk& w, Ctx ctx) {
  Ctx saved = w.ctx;
  w.ctx = ctx;
  walk(node, &w);
  w.ctx = saved;
}

void self_reference(Walk& w, int location) {
  std::string n = w.name;
  const char* where = nullptr;
  switch (w.ctx) {
    case Ctx::Ok: break;
    case Ctx::NonRecursiveTerm: where = "its non-recursive term"; break;
    case Ctx::Sublink: where = "a subquery"; break;
    case Ctx::OuterJoin: where = "an outer join"; break;
    case Ctx::Intersect: where = "INTERSECT"; break;
    case Ctx::Except: where = "EXCEPT"; break;
  }
  if (where)
    throw PgError("42P19", "recursive reference to query \"" + n + "\" must not appear within " + where).at(location);
  if (w.count > 0) throw PgError("42P19", "recursive reference to query \"" + n + "\" must not appear more than once").at(location);
  w.count++;
}

bool walk(Node* node, void* context) {
  if (!node) return false;
  auto& w = *static_cast<Walk*>(context);
  switch (nodeTag(node)) {
    case T_RangeVar: {
      auto* rv = reinterpret_cast<RangeVar*>(node);
      if (!w.shadowed && !rv->schemaname && !rv->catalogname && rv->relname && std::strcmp(rv->relname, w.name) == 0)
        self_reference(w, rv->location);
      return false;
    }
    case T_SelectStmt: {
      auto* s = reinterpret_cast<SelectStmt*>(node);
      bool saved_shadow = w.shadowed;
      if (s->withClause) {
        // An inner WITH query of the same name hides the outer one (inside its own scope).
        for_each_node(s->withClause->ctes, [&](Node* c) {
          auto* cte = reinterpret_cast<CommonTableExpr*>(c);
          if (std::strcmp(cte->ctename, w.name) == 0) w.shadowed = true;
          walk(cte->ctequery, &w);
        });
      }
      switch (s->op) {
        case SETOP_NONE: {
          struct Restore {
            SelectStmt* s;
            WithClause* with;
            ~Restore() { s->withClause = with; }
          } restore{s, s->withClause};
          s->withClause = nullptr;  // walked above
          raw_expression_tree_walker(node, walk, context);
          break;
        }
        case SETOP_UNION:
          walk(reinterpret_cast<Node*>(s->larg), context);
          walk(reinterpret_cast<Node*>(s->rarg), context);
          break;
        case SETOP_INTERSECT: {  // INTERSECT ALL: both sides; INTERSECT: neither
          Ctx c = s->all ? Ctx::Intersect : w.ctx;
          walk_in(reinterpret_cast<Node*>(s->larg), w, c);
          walk_in(reinterpret_cast<Node*>(s->rarg), w, c);
          break;
        }
        case SETOP_EXCEPT:  // EXCEPT ALL: both sides; EXCEPT: the right one
          walk_in(reinterpret_cast<Node*>(s->larg), w, s->all ? Ctx::Except : w.ctx);
          walk_in(reinterpret_cast<Node*>(s->rarg), w, Ctx::Except);
          break;
      }
      w.shadowed = saved_shadow;
      return false;
    }
    case T_JoinExpr: {
      auto* j = reinterpret_cast<JoinExpr*>(node);
      Ctx l = w.ctx, r = w.ctx;
      if (j->jointype == JOIN_LEFT) r = Ctx::OuterJoin;
      else if (j->jointype == JOIN_RIGHT) l = Ctx::OuterJoin;
      else if (j->jointype == JOIN_FULL) l = r = Ctx::OuterJoin;
      walk_in(j->larg, w, l);
      walk_in(j->rarg, w, r);
      walk(j->quals, context);
      return false;
    }
    case T_SubLink: {
      auto* sl = reinterpret_cast<SubLink*>(node);
      walk(sl->testexpr, context);
      walk_in(sl->subselect, w, Ctx::Sublink);
      return false;
    }
    default:
      return raw_expression_tree_walker(node, walk, context);
  }
}

bool find_self_refs(Node* node, void* context) {
  if (!node) return false;
  auto* w = static_cast<Walk*>(context);
  if (IsA(node, RangeVar)) {
    auto* rv = reinterpret_cast<RangeVar*>(node);
    if (!rv->schemaname && !rv->catalogname && rv->relname && std::strcmp(rv->relname, w->name) == 0) w->count++;
    return false;
  }
  if (IsA(node, SelectStmt) && reinterpret_cast<SelectStmt*>(node)->withClause) {
    // An inner WITH query of the same name hides the outer one: in the body, in the WITH
    // queries after it, and (WITH RECURSIVE) in all of them.
    auto* s = reinterpret_cast<SelectStmt*>(node);
    WithClause* with = s->withClause;
    bool hidden = false;
    if (with->recursive)
      for_each_node(with->ctes, [&](Node* c) { hidden |= std::strcmp(reinterpret_cast<CommonTableExpr*>(c)->ctename, w->name) == 0; });
    if (hidden) return false;
    for_each_node(with->ctes, [&](Node* c) {
      auto* cte = reinterpret_cast<CommonTableExpr*>(c);
      if (!hidden) find_self_refs(cte->ctequery, context);
      hidden |= std::strcmp(cte->ctename, w->name) == 0;
    });
    if (hidden) return false;
    s->withClause = nullptr;
    bool r = raw_expression_tree_walker(node, find_self_refs, context);
    s->withClause = with;
    return r;
  }
  return raw_expression_tree_walker(node, find_self_refs, context);
}

}  // namespace

// References to a relation name in a raw tree (inner WITH queries of that name hide it).
int count_name_refs(Node* n, const char* name) {
  Walk w{name};
  find_self_refs(n, &w);
  return w.count;
}

void check_recursive_cte_shape(CommonTableExpr* cte) {
  if (!cte->ctequery) return;
  Walk all{cte->ctename};
  find_self_refs(cte->ctequery, &all);
  if (all.count == 0) return;
  if (!IsA(cte->ctequery, SelectStmt))
    throw PgError("42P19", "recursive query \"" + std::string(cte->ctename) + "\" must not contain data-modifying statements")
        .at(cte->location);
  auto* stmt = reinterpret_cast<SelectStmt*>(cte->ctequery);
  if (stmt->op != SETOP_UNION)
    throw PgError("42P19", "recursive query \"" + std::string(cte->ctename) +
                               "\" does not have the form non-recursive-term UNION [ALL] recursive-term")
        .at(cte->location);
  Walk w{cte->ctename};
  if (stmt->withClause)  // the UNION's own WITH queries count as subqueries
    for_each_node(stmt->withClause->ctes, [&](Node* c) {
      walk_in(reinterpret_cast<CommonTableExpr*>(c)->ctequery, w, Ctx::Sublink);
    });
  walk_in(reinterpret_cast<Node*>(stmt->larg), w, Ctx::NonRecursiveTerm);
  walk_in(reinterpret_cast<Node*>(stmt->rarg), w, Ctx::Ok);
}

// makeDependencyGraph/TopologicalSort: WITH RECURSIVE items that depend on one another in a
// cycle (beyond an item's reference to itself) are refused as PostgreSQL refuses them; the
// others are analysed in an order where each item comes after the items it refers to (an item
// may refer to a later one). Returns the items' indexes in that order.
std::vector<size_t> check_with_mutual_recursion(WithClause* with) {
  std::vector<CommonTableExpr*> ctes;
  for_each_node(with->ctes, [&](Node* n) { ctes.push_back(reinterpret_cast<CommonTableExpr*>(n)); });
  size_t n = ctes.size();
  std::vector<size_t> order;
  std::vector<std::vector<bool>> dep(n, std::vector<bool>(n, false));
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      if (i == j) continue;
      Walk w{ctes[j]->ctename};
      find_self_refs(ctes[i]->ctequery, &w);
      dep[i][j] = w.count > 0;
    }
  std::vector<bool> done(n, false);
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t i = 0; i < n && !progress; i++) {
      if (done[i]) continue;
      bool ready = true;
      for (size_t j = 0; j < n; j++)
        if (dep[i][j] && !done[j]) ready = false;
      if (ready) {
        done[i] = progress = true;
        order.push_back(i);
      }
    }
  }
  for (size_t i = 0; i < n; i++)
    if (!done[i])
      throw PgError(sqlstate::kFeatureNotSupported, "mutual recursion between WITH items is not implemented").at(ctes[i]->location);
  return order;
}

// parseCheckAggregates: no aggregate in a SELECT of the recursive term that reads the query itself.
static const Expr* find_agg(const Expr* e) {
  if (!e) return nullptr;
  if (e->kind == ExprKind::Agg) return e;
  for (auto& a : e->args)
    if (const Expr* f = find_agg(a.get())) return f;
  return nullptr;
}

void check_recursive_term_aggregates(const SelectQuery& q, const CteDef* self) {
  if (q.larg) check_recursive_term_aggregates(*q.larg, self);
  if (q.rarg) check_recursive_term_aggregates(*q.rarg, self);
  if (!q.has_aggs) return;
  bool reads_self = false;
  for (auto& r : q.rtable) reads_self |= r.cte == self;
  if (!reads_self) return;
  const Expr* agg = nullptr;
  for (auto& t : q.targets)
    if (!agg) agg = find_agg(t.expr.get());
  if (!agg) agg = find_agg(q.having.get());
  throw PgError("42P19", "aggregate functions are not allowed in a recursive query's recursive term").at(agg ? agg->location : -1);
}

}  // namespace pgmicro
