// WITH queries (common table expressions), including WITH RECURSIVE of the form
// non-recursive-term UNION [ALL] recursive-term: the non-recursive term fixes the column
// types, then the recursive term is analyzed with the CTE visible and coerced to them.
#include <cstring>
#include <functional>
#include <memory>
#include "analyze/search_cycle_star.h"
#include "analyze/analyzer.h"
#include "types/money.h"
#include "types/user_types.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"

namespace pgmicro {


static void set_columns(CteDef& def, const std::vector<TargetEntry>& targets, CommonTableExpr* cte) {
  def.column_names.clear();
  def.column_types.clear();
  def.column_typmods.clear();
  for (auto& t : targets) {
    def.column_names.push_back(t.name);
    def.column_types.push_back(t.expr->type);
    def.column_typmods.push_back(t.expr->typmod);
  }
  int n = list_size(cte->aliascolnames);
  if (n > (int)targets.size())
    throw PgError("42P10", "WITH query \"" + def.name + "\" has " + std::to_string(targets.size()) +
                               " columns available but " + std::to_string(n) + " columns specified")
        .at(cte->location);
  for (int i = 0; i < n; i++) def.column_names[i] = node_string(list_at(cte->aliascolnames, i));
}

void flatten_search_cycle_term(SelectQuery& cte_query);  // analyze_search_cycle.cpp
void check_recursive_cte_shape(CommonTableExpr* cte);     // recursive_cte_check.cpp
void check_recursive_term_aggregates(const SelectQuery& q, const CteDef* self);
std::vector<size_t> check_with_mutual_recursion(WithClause* with);
void check_search_cycle_shape(CommonTableExpr* cte, std::string& ref);

// A WITH query of the recursive term that only renames the recursive query
// (WITH z AS (SELECT * FROM x) SELECT … FROM z …, z read once): the term reads x directly under
// the name z, since SQLite reads the recursive query only in a recursive SELECT's own FROM. The
// raw tree is changed for the analysis of the term and restored by the returned guard.
namespace {
struct RenamedRef {
  RangeVar* rv;
  char* relname;
  Alias* alias;
};
struct AliasInlining {
  std::vector<RenamedRef> renamed;
  std::vector<std::unique_ptr<Alias>> aliases;
  ~AliasInlining() {
    for (auto& r : renamed) {
      r.rv->relname = r.relname;
      r.rv->alias = r.alias;
    }
  }
};

bool reads_only_self(CommonTableExpr* z, const char* self) {
  if (!IsA(z->ctequery, SelectStmt) || list_size(z->aliascolnames) || strcmp(z->ctename, self) == 0) return false;
  auto* s = reinterpret_cast<SelectStmt*>(z->ctequery);
  if (s->op != SETOP_NONE || s->withClause || s->whereClause || s->groupClause || s->havingClause || s->distinctClause ||
      s->windowClause || s->sortClause || s->limitCount || s->limitOffset || s->valuesLists || s->lockingClause ||
      list_size(s->fromClause) != 1 || list_size(s->targetList) != 1)
    return false;
  Node* from = list_at(s->fromClause, 0);
  if (!IsA(from, RangeVar)) return false;
  auto* rv = reinterpret_cast<RangeVar*>(from);
  if (rv->schemaname || rv->catalogname || !rv->relname || strcmp(rv->relname, self) != 0 || rv->alias) return false;
  auto* res = reinterpret_cast<ResTarget*>(list_at(s->targetList, 0));
  if (res->name || !res->val || !IsA(res->val, ColumnRef)) return false;
  auto* cr = reinterpret_cast<ColumnRef*>(res->val);
  return list_size(cr->fields) == 1 && IsA(list_at(cr->fields, 0), A_Star);
}

RangeVar* find_from_ref(Node* n, const char* name) {
  if (!n) return nullptr;
  if (IsA(n, RangeVar)) {
    auto* rv = reinterpret_cast<RangeVar*>(n);
    return !rv->schemaname && !rv->catalogname && rv->relname && strcmp(rv->relname, name) == 0 ? rv : nullptr;
  }
  if (IsA(n, JoinExpr)) {
    auto* j = reinterpret_cast<JoinExpr*>(n);
    if (RangeVar* r = find_from_ref(j->larg, name)) return r;
    return find_from_ref(j->rarg, name);
  }
  return nullptr;
}
}  // namespace

int count_name_refs(Node* n, const char* name);  // recursive_cte_check.cpp

static void inline_renaming_ctes(SelectStmt* rarg, char* self, AliasInlining& out) {
  if (!rarg || rarg->op != SETOP_NONE || !rarg->withClause || rarg->withClause->recursive) return;
  for_each_node(rarg->withClause->ctes, [&](Node* n) {
    auto* z = reinterpret_cast<CommonTableExpr*>(n);
    if (!reads_only_self(z, self)) return;
    WithClause* with = rarg->withClause;
    rarg->withClause = nullptr;
    int refs = count_name_refs(reinterpret_cast<Node*>(rarg), z->ctename);
    rarg->withClause = with;
    if (refs != 1) return;
    RangeVar* rv = nullptr;
    for_each_node(rarg->fromClause, [&](Node* f) { if (!rv) rv = find_from_ref(f, z->ctename); });
    if (!rv) return;
    out.renamed.push_back({rv, rv->relname, rv->alias});
    if (!rv->alias) {
      auto a = std::make_unique<Alias>();
      a->type = T_Alias;
      a->aliasname = z->ctename;
      rv->alias = a.get();
      out.aliases.push_back(std::move(a));
    }
    rv->relname = self;
  });
}

void Analyzer::analyze_with(WithClause* with, SelectQuery& q) {
  // WITH RECURSIVE: each query after the ones it refers to (forward references allowed).
  std::vector<CommonTableExpr*> list;
  for_each_node(with->ctes, [&](Node* n) { list.push_back(reinterpret_cast<CommonTableExpr*>(n)); });
  if (with->recursive) {
    std::vector<CommonTableExpr*> ordered;
    for (size_t i : check_with_mutual_recursion(with)) ordered.push_back(list[i]);
    list = ordered;
  }
  for (size_t item = 0; item < list.size(); item++) try {
    CommonTableExpr* cte = list[item];
    if (cte->ctematerialized != CTEMaterializeDefault) {
      // MATERIALIZED / NOT MATERIALIZED only change the plan, never the result.
    }
    for (auto& other : q.ctes)
      if (other->name == cte->ctename)
        throw PgError(sqlstate::kDuplicateAlias, "WITH query name \"" + std::string(cte->ctename) + "\" specified more than once")
            .at(cte->location);
    auto def = std::make_shared<CteDef>();
    def->name = cte->ctename;
    def->sql_name = next_alias("w");
    def->alias_columns = list_size(cte->aliascolnames) > 0;
    def->materialize = cte->ctematerialized == CTEMaterializeAlways ? 1 : cte->ctematerialized == CTEMaterializeNever ? 2 : 0;
    def->search_cycle = cte->search_clause || cte->cycle_clause;
    if (with->recursive) check_recursive_cte_shape(cte);
    if (!IsA(cte->ctequery, SelectStmt)) {
      analyze_dml_cte(cte, *def);
      ctes_visible_.push_back(def.get());
      q.ctes.push_back(def);
      continue;
    }
    auto* stmt = reinterpret_cast<SelectStmt*>(cte->ctequery);
    if ((cte->search_clause || cte->cycle_clause) && !(with->recursive && stmt->op == SETOP_UNION))
      throw PgError(sqlstate::kSyntaxError, "WITH query is not recursive").at(cte->location);
    int own_columns = -1;
    auto analyze_recursive = [&](SelectStmt* stmt, bool add_columns) {
      def->recursive = true;
      auto sq = std::make_shared<SelectQuery>();
      sq->setop = SetOp::Union;
      sq->setop_all = stmt->all;
      size_t own_mark = ctes_visible_.size();
      if (stmt->withClause) {
        // WITH of the recursive query itself (WITH x AS (...) SELECT ... UNION SELECT ...)
        SelectQuery holder;
        analyze_with(stmt->withClause, holder);
        sq->ctes = holder.ctes;
        sq->recursive_with = stmt->withClause->recursive;
      }
      if (stmt->lockingClause)
        throw PgError(sqlstate::kFeatureNotSupported, "FOR UPDATE/SHARE in a recursive query is not implemented");
      sq->larg = analyze_subquery(stmt->larg, false);
      set_columns(*def, sq->larg->targets, cte);
      if (add_columns) {
        own_columns = (int)def->column_names.size();
        add_search_cycle_columns(cte, *def);
      }
      ctes_visible_.push_back(def.get());
      // SEARCH/CYCLE: the self-reference's * is the query's own columns (both analyses)
      struct StarColumns {
        SearchCycleStar saved = search_cycle_star();
        ~StarColumns() { search_cycle_star() = saved; }
      } star_columns;
      if (own_columns >= 0) search_cycle_star() = {def.get(), (size_t)own_columns};
      AliasInlining inlined;
      inline_renaming_ctes(stmt->rarg, cte->ctename, inlined);
      sq->rarg = analyze_subquery(stmt->rarg, false);
      check_recursive_term_aggregates(*sq->rarg, def.get());
      auto& lt = sq->larg->targets;
      auto& rt = sq->rarg->targets;
      if (lt.size() != rt.size())
        throw PgError(sqlstate::kSyntaxError, "each UNION query must have the same number of columns");
      for (size_t i = 0; i < lt.size(); i++) {
        Oid t = lt[i].expr->type;
        if (t == oid::kUnknown) t = oid::kText;
        ExprPtr c = coerce_to(rt[i].expr, t, -1, CastContext::Implicit, -1);
        // (an anonymous record's typmod names its structure, not a type modifier)
        bool typmod_differs = lt[i].expr->typmod != -1 && rt[i].expr->typmod != lt[i].expr->typmod &&
                              t != oid::kRecord && t != Oid(2287);
        int loc = lt[i].expr->location;
        bool has_star = false;
        for_each_node(stmt->larg->targetList, [&](Node* n) {
          auto* res = reinterpret_cast<ResTarget*>(n);
          has_star |= res->val && IsA(res->val, ColumnRef) && IsA(llast(reinterpret_cast<ColumnRef*>(res->val)->fields), A_Star);
        });
        if (!has_star && stmt->larg->op == SETOP_NONE && (int)i < list_size(stmt->larg->targetList)) {
          auto* res = reinterpret_cast<ResTarget*>(list_at(stmt->larg->targetList, (int)i));
          if (IsA(res, ResTarget) && res->val) loc = expr_location(res->val);
        }
        if (!c || (rt[i].expr->type != t && rt[i].expr->type != oid::kUnknown) || typmod_differs)
          throw PgError(sqlstate::kDatatypeMismatch,
                        "recursive query \"" + def->name + "\" column " + std::to_string(i + 1) + " has type " +
                            format_type_name(t, lt[i].expr->typmod) + " in non-recursive term but type " +
                            format_type_name(select_common_type({lt[i].expr, rt[i].expr}, "UNION"), -1) + " overall",
                        "", "Cast the output of the non-recursive term to the correct type.")
              .at(loc);
        lt[i].expr = finalize_unknown(lt[i].expr);
        rt[i].expr = c;
        if (sq->rarg->setop != SetOp::None) {
          // A UNION as the recursive term: its arms are lowered one by one (lower_with), so each
          // arm's column is coerced.
          std::function<void(SelectQuery&)> leaves = [&](SelectQuery& a) {
            if (a.setop != SetOp::None) {
              leaves(*a.larg);
              leaves(*a.rarg);
            } else if (!a.values_rows.empty()) {
              for (auto& row : a.values_rows)
                if (i < row.size())
                  if (ExprPtr v = coerce_to(row[i], t, -1, CastContext::Implicit, -1)) row[i] = v;
            } else if (i < a.targets.size()) {
              if (ExprPtr v = coerce_to(a.targets[i].expr, t, -1, CastContext::Implicit, -1)) a.targets[i].expr = v;
            }
          };
          leaves(*sq->rarg);
        }
        auto e = std::make_shared<Expr>();
        e->kind = ExprKind::Raw;
        e->templ = "c" + std::to_string(i + 1);
        e->type = t;
        e->typmod = lt[i].expr->typmod;
        sq->targets.push_back({e, lt[i].name});
      }
      // The planner's recursive UNION hashes the rows: money has no hash opclass.
      for (auto& t : sq->targets)
        if (!stmt->all && (domain_base_type(t.expr->type) == oid::kMoney || array_element_type(t.expr->type) == oid::kMoney))
          throw PgError(sqlstate::kFeatureNotSupported, "could not implement recursive UNION",
                        "All column datatypes must be hashable.");
      if (list_size(stmt->sortClause))
        throw PgError(sqlstate::kFeatureNotSupported, "ORDER BY in a recursive query is not implemented")
            .at(expr_location(reinterpret_cast<SortBy*>(list_at(stmt->sortClause, 0))->node));
      if (stmt->limitOffset)
        throw PgError(sqlstate::kFeatureNotSupported, "OFFSET in a recursive query is not implemented").at(expr_location(stmt->limitOffset));
      if (stmt->limitCount)
        throw PgError(sqlstate::kFeatureNotSupported, "LIMIT in a recursive query is not implemented").at(expr_location(stmt->limitCount));
      def->query = sq;
      ctes_visible_.pop_back();
      ctes_visible_.resize(own_mark);
    };
    if (with->recursive && stmt->op == SETOP_UNION) {
      std::string ref;
      if (cte->search_clause || cte->cycle_clause) check_search_cycle_shape(cte, ref);
      analyze_recursive(stmt, cte->search_clause || cte->cycle_clause);
      if (cte->search_clause || cte->cycle_clause) {
        // SEARCH/CYCLE: the checked CTE analysed again as PostgreSQL rewrites it.
        std::string text = search_cycle_query(cte, *def);
        ParsedScript rewritten(text);
        auto* rs = reinterpret_cast<SelectStmt*>(rewritten.statements().at(0).raw->stmt);
        try {
          analyze_recursive(rs, false);
          flatten_search_cycle_term(*def->query);
        } catch (PgError& e) {
          e.error.position = 0;  // a position in the rewritten text means nothing to the user
          throw;
        }
      }
    } else {
      def->query = analyze_subquery(stmt, false);
      set_columns(*def, def->query->targets, cte);
    }
    ctes_visible_.push_back(def.get());
    q.ctes.push_back(def);
  } catch (PgError& e) {
    // parserOpenTable's DETAIL/HINT: a plain WITH item names itself or a later item.
    if (!with->recursive && e.error.sqlstate == sqlstate::kUndefinedTable && e.error.detail.empty())
      for (size_t later = item; later < list.size(); later++)
        if (e.error.message == "relation \"" + std::string(list[later]->ctename) + "\" does not exist") {
          e.error.detail = "There is a WITH item named \"" + std::string(list[later]->ctename) +
                           "\", but it cannot be referenced from this part of the query.";
          e.error.hint = "Use WITH RECURSIVE, or re-order the WITH items to remove forward references.";
          break;
        }
    throw;
  }
}

// WITH of INSERT/UPDATE/DELETE: the WITH list is kept on a holder query whose ctes the
// lowering prints before the statement (SQLite accepts WITH before INSERT/UPDATE/DELETE).
std::shared_ptr<SelectQuery> Analyzer::analyze_dml_with(WithClause* with) {
  auto holder = std::make_shared<SelectQuery>();
  analyze_with(with, *holder);
  holder->recursive_with = with->recursive;
  return holder;
}

}  // namespace pgmicro
