// MERGE (PostgreSQL 15), lowered onto the session's own DELETE/UPDATE/INSERT statements built as
// raw parse trees around the MERGE's own expression nodes. The join is evaluated once, before
// any action: the source rows are first materialised in a temp table together with a flag
// "some target row matches" (EXISTS over the ON condition). Then, in one statement (one
// transaction / savepoint scope): the DELETE clauses, one UPDATE for all UPDATE clauses (a CASE
// per assigned column when there are several), and the INSERT clauses in order. A row takes the
// first WHEN clause of its kind whose condition is true: clause k's filter is "c_k IS TRUE AND
// NOT c_j IS TRUE" for every earlier clause j. A target row acted on by more than one source row
// raises 21000 before anything changes.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>
#include "analyze/analyze_dml.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/parser.h"
#include "session/rule_checks.h"
#include "session/session_impl.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

namespace {

char* dup(const std::string& s) { return pstrdup(s.c_str()); }

BoolExpr* makeBoolExpr(BoolExprType op, List* args, int location) {
  auto* b = makeNode(BoolExpr);
  b->boolop = op;
  b->args = args;
  b->location = location;
  return b;
}

RangeVar* makeRangeVar(char* schema, char* rel, int location) {
  auto* r = makeNode(RangeVar);
  r->schemaname = schema;
  r->relname = rel;
  r->inh = true;
  r->relpersistence = 'p';
  r->location = location;
  return r;
}

Alias* makeAlias(char* name, List* colnames) {
  auto* a = makeNode(Alias);
  a->aliasname = name;
  a->colnames = colnames;
  return a;
}

Node* count_star() {
  auto* f = makeNode(FuncCall);
  f->funcname = list_make1(makeString(pstrdup("count")));
  f->agg_star = true;
  f->funcformat = COERCE_EXPLICIT_CALL;
  f->location = -1;
  return reinterpret_cast<Node*>(f);
}

Node* column_ref(const std::string& rel, const std::string& name) {
  auto* c = makeNode(ColumnRef);
  c->fields = list_make2(makeString(dup(rel)), makeString(dup(name)));
  c->location = -1;
  return reinterpret_cast<Node*>(c);
}

Node* star_ref(const std::string& rel) {
  auto* c = makeNode(ColumnRef);
  c->fields = list_make2(makeString(dup(rel)), makeNode(A_Star));
  c->location = -1;
  return reinterpret_cast<Node*>(c);
}

Node* int_const(int v) {
  auto* c = makeNode(A_Const);
  c->val.ival.type = T_Integer;
  c->val.ival.ival = v;
  c->location = -1;
  return reinterpret_cast<Node*>(c);
}

Node* true_const() {
  auto* c = makeNode(A_Const);
  c->val.boolval.type = T_Boolean;
  c->val.boolval.boolval = true;
  c->location = -1;
  return reinterpret_cast<Node*>(c);
}

Node* is_true(Node* e) {
  auto* b = makeNode(BooleanTest);
  b->arg = reinterpret_cast<::Expr*>(e);
  b->booltesttype = IS_TRUE;
  b->location = -1;
  return reinterpret_cast<Node*>(b);
}

Node* not_of(Node* e) { return reinterpret_cast<Node*>(makeBoolExpr(NOT_EXPR, list_make1(e), -1)); }

// AND of the non-null parts (nullptr when none).
Node* and_of(const std::vector<Node*>& parts) {
  List* l = NIL;
  for (Node* p : parts)
    if (p) l = lappend(l, p);
  if (!l) return nullptr;
  if (list_length(l) == 1) return static_cast<Node*>(linitial(l));
  return reinterpret_cast<Node*>(makeBoolExpr(AND_EXPR, l, -1));
}

Node* or_of(const std::vector<Node*>& parts) {
  List* l = NIL;
  for (Node* p : parts) l = lappend(l, p ? p : true_const());
  if (list_length(l) == 1) return static_cast<Node*>(linitial(l));
  return reinterpret_cast<Node*>(makeBoolExpr(OR_EXPR, l, -1));
}

ResTarget* res_target(const char* name, Node* val) {
  auto* r = makeNode(ResTarget);
  r->name = name ? pstrdup(name) : nullptr;
  r->val = val;
  r->location = -1;
  return r;
}

SelectStmt* select_of(List* targets, List* from, Node* where) {
  auto* s = makeNode(SelectStmt);
  s->targetList = targets;
  s->fromClause = from;
  s->whereClause = where;
  s->limitOption = LIMIT_OPTION_DEFAULT;
  s->op = SETOP_NONE;
  return s;
}

RangeVar* aliased(const std::string& schema, const std::string& rel, const std::string& alias) {
  RangeVar* r = makeRangeVar(schema.empty() ? nullptr : dup(schema), dup(rel), -1);
  r->alias = makeAlias(dup(alias), NIL);
  return r;
}

int64_t tag_count(const std::string& tag) {
  size_t sp = tag.rfind(' ');
  return sp == std::string::npos ? 0 : std::atoll(tag.c_str() + sp + 1);
}

}  // namespace

void SessionImpl::execute_merge(MergeStmt* stmt, StatementResult& out) {
  // WITH: every statement of the lowering gets the MERGE's WITH clause (its queries are read-only).
  WithClause* with = stmt->withClause;
  if (with && with->recursive) throw PgError(sqlstate::kSyntaxError, "WITH RECURSIVE is not supported for MERGE statement");
  if (with)
    for_each_node(with->ctes, [&](Node* n) {
      Node* q = reinterpret_cast<CommonTableExpr*>(n)->ctequery;
      if (!q || !IsA(q, SelectStmt))
        throw PgError(sqlstate::kFeatureNotSupported, "data-modifying statements in WITH of MERGE are not supported by pgmicro yet");
    });
  if (stmt->returningList) throw PgError(sqlstate::kSyntaxError, "syntax error at or near \"RETURNING\"");
  RangeVar* target = stmt->relation;
  const std::string tschema = target->schemaname ? target->schemaname : "";
  const std::string tname = target->alias ? target->alias->aliasname : target->relname;
  if (!catalog_.find_table(tschema, target->relname) && catalog_.find_view(tschema, target->relname)) {
    PgError e(sqlstate::kFeatureNotSupported, std::string("cannot execute MERGE on relation \"") + target->relname + "\"");
    e.error.detail = "This operation is not supported for views.";
    throw e;
  }
  if (const TableDef* tt = catalog_.find_table(tschema, target->relname); tt && relation_has_rules(conn_, tt->oid, 0)) {
    PgError e(sqlstate::kFeatureNotSupported, std::string("cannot execute MERGE on relation \"") + target->relname + "\"");
    e.error.detail = "MERGE is not supported for relations with rules.";
    throw e;
  }
  std::string sname;
  Node* source = stmt->sourceRelation;
  if (IsA(source, RangeVar)) {
    auto* rv = reinterpret_cast<RangeVar*>(source);
    sname = rv->alias ? rv->alias->aliasname : rv->relname;
  } else if (IsA(source, RangeSubselect)) {
    auto* sub = reinterpret_cast<RangeSubselect*>(source);
    if (!sub->alias) throw PgError(sqlstate::kSyntaxError, "subquery in FROM must have an alias");
    sname = sub->alias->aliasname;
  } else {
    throw PgError(sqlstate::kFeatureNotSupported, "MERGE with a join or function as its source is not supported by pgmicro yet");
  }

  // The WHEN clauses by kind, each with its "this clause is the one taken" filter.
  struct Clause {
    MergeWhenClause* when;
    Node* chosen;
  };
  std::vector<Clause> matched, not_matched;
  {
    std::vector<Node*> earlier_m, earlier_n;
    bool unconditional_m = false, unconditional_n = false;
    for_each_node(stmt->mergeWhenClauses, [&](Node* n) {
      auto* w = reinterpret_cast<MergeWhenClause*>(n);
      if (w->matchKind == MERGE_WHEN_NOT_MATCHED_BY_SOURCE)
        throw PgError(sqlstate::kSyntaxError, "syntax error at or near \"BY\"");
      bool is_matched = w->matchKind == MERGE_WHEN_MATCHED;
      bool& unconditional = is_matched ? unconditional_m : unconditional_n;
      if (unconditional)
        throw PgError(sqlstate::kSyntaxError, "unreachable WHEN clause specified after unconditional WHEN clause");
      std::vector<Node*>& earlier = is_matched ? earlier_m : earlier_n;
      std::vector<Node*> parts;
      if (w->condition) parts.push_back(is_true(w->condition));
      for (Node* c : earlier) parts.push_back(not_of(is_true(c)));
      (is_matched ? matched : not_matched).push_back({w, and_of(parts)});
      if (w->condition) earlier.push_back(w->condition);
      else unconditional = true;
    });
  }

  static int merge_serial = 0;
  const std::string tmp = "pg_merge_source_" + std::to_string(++merge_serial);
  // Nested statements may leave PostgreSQL's current memory context at the top context; the
  // nodes built between them belong with this statement's parse tree.
  MemoryContext home = CurrentMemoryContext;
  auto run = [&](Node* n) {
    StatementResult r;
    execute_statement(n, {}, r);
    MemoryContextSwitchTo(home);
    for (auto& x : r.notices) out.notices.push_back(std::move(x));
    return r;
  };
  auto refresh_catalog = [&]() {
    if (catalog_.refresh(conn_, schema_version_stmt_)) {
      prepare_user_types();
      ensure_triggers();
    }
  };
  auto tmp_from = [&]() { return list_make1(aliased("", tmp, sname)); };

  // 1. The source rows and whether a target row matches each.
  {
    auto* exists = makeNode(SubLink);
    exists->subLinkType = EXISTS_SUBLINK;
    exists->subselect = reinterpret_cast<Node*>(
        select_of(list_make1(res_target(nullptr, int_const(1))), list_make1(target), stmt->joinCondition));
    exists->location = -1;
    SelectStmt* q = select_of(list_make2(res_target(nullptr, star_ref(sname)),
                                         res_target("pg_merge_matched", reinterpret_cast<Node*>(exists))),
                              list_make1(source), nullptr);
    auto* into = makeNode(IntoClause);
    into->rel = makeRangeVar(nullptr, dup(tmp), -1);
    into->rel->relpersistence = 't';
    into->onCommit = ONCOMMIT_NOOP;
    StatementResult r;
    q->withClause = with;
    execute_create_table_as(reinterpret_cast<Node*>(q), into, false, false, r);
    MemoryContextSwitchTo(home);
    refresh_catalog();
  }

  int64_t affected = 0;
  // Several action statements: none may read the target (analyze/analyze_dml_snapshot.cpp).
  int statements = 0;
  bool any_update = false;
  for (auto& c : matched) {
    if (c.when->commandType == CMD_DELETE) statements++;
    if (c.when->commandType == CMD_UPDATE) any_update = true;
  }
  for (auto& c : not_matched)
    if (c.when->commandType == CMD_INSERT) statements++;
  statements += any_update ? 1 : 0;
  struct MergeSeveral {
    bool saved = snapshot_merge_several();
    explicit MergeSeveral(bool on) { if (on) snapshot_merge_several() = true; }
    ~MergeSeveral() { snapshot_merge_several() = saved; }
  } merge_several{statements > 1};
  std::vector<Node*> acting;  // filters of the clauses that change the target row
  for (auto& c : matched)
    if (c.when->commandType == CMD_UPDATE || c.when->commandType == CMD_DELETE) acting.push_back(c.chosen);

  // 2. A target row may be changed by one source row only.
  if (!acting.empty()) {
    Node* act = or_of(acting);
    Node* cnt = count_star();
    SelectStmt* pairs = select_of(list_make1(res_target(nullptr, cnt)),
                                  list_make2(target, linitial(tmp_from())), and_of({stmt->joinCondition, act}));
    auto* exists = makeNode(SubLink);
    exists->subLinkType = EXISTS_SUBLINK;
    exists->subselect = reinterpret_cast<Node*>(
        select_of(list_make1(res_target(nullptr, int_const(1))), tmp_from(), and_of({stmt->joinCondition, act})));
    exists->location = -1;
    SelectStmt* rows = select_of(list_make1(res_target(nullptr, cnt)), list_make1(target),
                                 reinterpret_cast<Node*>(exists));
    pairs->withClause = with;
    rows->withClause = with;
    StatementResult a = run(reinterpret_cast<Node*>(pairs));
    StatementResult b = run(reinterpret_cast<Node*>(rows));
    if (!a.rows.empty() && !b.rows.empty() && a.rows[0][0] != b.rows[0][0]) {
      PgError e(sqlstate::kCardinalityViolation, "MERGE command cannot affect row a second time");
      e.error.hint = "Ensure that not more than one source row matches any one target row.";
      throw e;
    }
  }

  // 3. DELETE clauses.
  for (auto& c : matched) {
    if (c.when->commandType != CMD_DELETE) continue;
    auto* d = makeNode(DeleteStmt);
    d->relation = target;
    d->usingClause = tmp_from();
    d->whereClause = and_of({stmt->joinCondition, c.chosen});
    d->withClause = with;
    affected += tag_count(run(reinterpret_cast<Node*>(d)).command_tag);
  }

  // 4. One UPDATE for every UPDATE clause.
  std::vector<Clause*> updates;
  for (auto& c : matched)
    if (c.when->commandType == CMD_UPDATE) updates.push_back(&c);
  if (!updates.empty()) {
    auto* u = makeNode(UpdateStmt);
    u->relation = target;
    u->fromClause = tmp_from();
    u->withClause = with;
    if (updates.size() == 1) {
      u->targetList = updates[0]->when->targetList;
      u->whereClause = and_of({stmt->joinCondition, updates[0]->chosen});
    } else {
      std::vector<std::string> columns;
      for (Clause* c : updates)
        for_each_node(c->when->targetList, [&](Node* n) {
          auto* rt = reinterpret_cast<ResTarget*>(n);
          if (rt->indirection || !rt->val || IsA(rt->val, SetToDefault) || IsA(rt->val, MultiAssignRef))
            throw PgError(sqlstate::kFeatureNotSupported,
                          "MERGE with several UPDATE actions assigning DEFAULT, subscripts, fields or column lists is not supported by pgmicro yet");
          if (std::find(columns.begin(), columns.end(), rt->name) == columns.end()) columns.push_back(rt->name);
        });
      List* targets = NIL;
      for (const std::string& col : columns) {
        auto* ce = makeNode(CaseExpr);
        ce->location = -1;
        for (Clause* c : updates)
          for_each_node(c->when->targetList, [&](Node* n) {
            auto* rt = reinterpret_cast<ResTarget*>(n);
            if (col != rt->name) return;
            auto* w = makeNode(CaseWhen);
            w->expr = reinterpret_cast<::Expr*>(c->chosen ? c->chosen : true_const());
            w->result = reinterpret_cast<::Expr*>(rt->val);
            w->location = -1;
            ce->args = lappend(ce->args, w);
          });
        ce->defresult = reinterpret_cast<::Expr*>(column_ref(tname, col));
        targets = lappend(targets, res_target(col.c_str(), reinterpret_cast<Node*>(ce)));
      }
      u->targetList = targets;
      std::vector<Node*> chosen;
      for (Clause* c : updates) chosen.push_back(c->chosen);
      u->whereClause = and_of({stmt->joinCondition, or_of(chosen)});
    }
    affected += tag_count(run(reinterpret_cast<Node*>(u)).command_tag);
  }

  // 5. INSERT clauses, in order.
  for (auto& c : not_matched) {
    if (c.when->commandType != CMD_INSERT) continue;
    List* cols = NIL;
    List* values = NIL;
    std::vector<ResTarget*> named;
    for_each_node(c.when->targetList, [&](Node* n) { named.push_back(reinterpret_cast<ResTarget*>(n)); });
    int i = 0;
    for_each_node(c.when->values, [&](Node* v) {
      int k = i++;
      if (IsA(v, SetToDefault)) {
        if (named.empty())
          throw PgError(sqlstate::kFeatureNotSupported, "DEFAULT in a MERGE INSERT without a column list is not supported by pgmicro yet");
        return;  // the column keeps its default
      }
      if (k < int(named.size())) cols = lappend(cols, named[k]);
      values = lappend(values, res_target(nullptr, v));
    });
    if (!c.when->values) cols = NIL;  // INSERT DEFAULT VALUES
    else if (named.size() > 0 && list_length(c.when->values) != int(named.size()))
      throw PgError(sqlstate::kSyntaxError, list_length(c.when->values) > int(named.size())
                                                ? "INSERT has more expressions than target columns"
                                                : "INSERT has more target columns than expressions");
    auto* ins = makeNode(InsertStmt);
    ins->relation = target;
    ins->cols = cols;
    ins->override = c.when->override;
    ins->withClause = with;
    ins->selectStmt = reinterpret_cast<Node*>(
        select_of(values, tmp_from(), and_of({not_of(column_ref(sname, "pg_merge_matched")), c.chosen})));
    affected += tag_count(run(reinterpret_cast<Node*>(ins)).command_tag);
  }

  // 6. Drop the materialised source.
  {
    auto* d = makeNode(DropStmt);
    d->objects = list_make1(list_make1(makeString(dup(tmp))));
    d->removeType = OBJECT_TABLE;
    d->behavior = DROP_RESTRICT;
    run(reinterpret_cast<Node*>(d));
    refresh_catalog();
  }
  out.command_tag = "MERGE " + std::to_string(affected);
}

}  // namespace pgmicro
