// CREATE RULE / DROP RULE on tables and views, and the rewrite of INSERT/UPDATE/DELETE on a
// relation with rules (PostgreSQL's query rewriter, RewriteQuery/fireRules). A rule is a row
// of _pgmicro_rule (in the relation's SQLite database, so a temporary view's rules go with
// it) keeping the text of its CREATE RULE statement, parsed again each time it is used.
//
// The rewrite is set-wise, per rule action: the rows the original statement would work on
// (INSERT: its new rows; UPDATE: each target row's old values and new values; DELETE: the old
// values) are computed into a temporary table `pg_rule_src_N` just before each action (so each
// action sees the state the earlier ones left, as each rewritten query does in PostgreSQL), and
// the action joins it: NEW.x / OLD.x become columns of that table, the rule's WHERE is ANDed to
// the action. INSERT actions with VALUES become INSERT … SELECT over the table. ON INSERT rules'
// actions run after the original statement, ON UPDATE/DELETE ones before it; an unconditional
// INSTEAD rule suppresses the original, a conditional one adds "(qual) IS NOT TRUE" to it.
// The statement's RETURNING is computed over the rows the INSTEAD rule's RETURNING gives,
// kept in a second temporary table shaped like the relation. ON SELECT rules and other action
// kinds are 0A000.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>
#include "analyze/analyzer.h"
#include "analyze/view_definition.h"
#include "catalog/builtins.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/parser.h"
#include "session/rule_checks.h"
#include "session/session_impl.h"
#include "types/types.h"
#include "parse/pg_nodes.h"

extern "C" bool raw_expression_tree_walker_impl(Node* node, bool (*walker)(Node*, void*), void* context);

namespace pgmicro {

// The relation a rule or a rewritten statement names.
struct RuleTarget {
  int64_t oid = 0;
  std::string schema, name;
  bool is_view = false;
  std::vector<Column> columns;
};

namespace {

constexpr const char* kRuleColumns =
    "(oid INTEGER PRIMARY KEY, rulename TEXT, ev_class INTEGER, ev_type INTEGER, is_instead INTEGER, definition TEXT)";

struct RuleRow {
  int64_t oid = 0;
  std::string name;
  int64_t relid = 0;
  int event = 0;  // CmdType: 2 UPDATE, 3 INSERT, 4 DELETE
  bool instead = false;
  std::string definition;
  char enabled = 'O';  // pg_rewrite.ev_enabled: O origin/local, R replica, A always, D disabled
};

char* dup(const std::string& s) { return pstrdup(s.c_str()); }

bool table_exists(sqlite3* db, const std::string& dbname) {
  sqlite3_stmt* st = nullptr;
  bool found = false;
  std::string q = "SELECT 1 FROM " + dbname + ".sqlite_schema WHERE name = '_pgmicro_rule'";
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK) found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

std::string text_at(sqlite3_stmt* st, int i) {
  const unsigned char* t = sqlite3_column_text(st, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

// Rules of relation `relid` (every event when event is 0), in name order.
std::vector<RuleRow> load_rules(sqlite3* db, int64_t relid, int event) {
  std::vector<RuleRow> out;
  for (const char* dbname : {"main", "pgtemp"}) {
    if (!table_exists(db, dbname)) continue;
    std::string q = std::string("SELECT oid, rulename, ev_class, ev_type, is_instead, definition FROM ") + dbname +
                    "._pgmicro_rule WHERE ev_class = " + std::to_string(relid);
    if (event) q += " AND ev_type = " + std::to_string(event);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
    while (sqlite3_step(st) == SQLITE_ROW) {
      RuleRow r;
      r.oid = sqlite3_column_int64(st, 0);
      r.name = text_at(st, 1);
      r.relid = sqlite3_column_int64(st, 2);
      r.event = sqlite3_column_int(st, 3);
      r.instead = sqlite3_column_int(st, 4) != 0;
      r.definition = text_at(st, 5);
      out.push_back(std::move(r));
    }
    sqlite3_finalize(st);
    // ALTER TABLE … ENABLE/DISABLE RULE states (set_rule_enabled).
    std::string sq = std::string("SELECT 1 FROM ") + dbname + ".sqlite_schema WHERE name = '_pgmicro_rule_state'";
    bool states = false;
    if (sqlite3_prepare_v2(db, sq.c_str(), -1, &st, nullptr) == SQLITE_OK) states = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!states) continue;
    for (RuleRow& r : out) {
      std::string q2 = std::string("SELECT ev_enabled FROM ") + dbname + "._pgmicro_rule_state WHERE oid = " + std::to_string(r.oid);
      if (sqlite3_prepare_v2(db, q2.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        std::string e = text_at(st, 0);
        if (!e.empty()) r.enabled = e[0];
      }
      sqlite3_finalize(st);
    }
  }
  std::sort(out.begin(), out.end(), [](const RuleRow& a, const RuleRow& b) { return a.name < b.name; });
  return out;
}

// Whether a rule fires under session_replication_role (RuleLockIsEnabled … matchLocks).
bool rule_fires(const RuleRow& r, const std::string& role) {
  switch (r.enabled) {
    case 'D': return false;
    case 'A': return true;
    case 'R': return role == "replica";
    default: return role != "replica";
  }
}

const char* event_name(int event) {
  switch (event) {
    case CMD_INSERT: return "INSERT";
    case CMD_UPDATE: return "UPDATE";
    case CMD_DELETE: return "DELETE";
    default: return "SELECT";
  }
}

Node* column_ref2(const std::string& rel, const std::string& name) {
  auto* c = makeNode(ColumnRef);
  c->fields = list_make2(makeString(dup(rel)), makeString(dup(name)));
  c->location = -1;
  return reinterpret_cast<Node*>(c);
}

ResTarget* res_target(const char* name, Node* val) {
  auto* r = makeNode(ResTarget);
  r->name = name ? pstrdup(name) : nullptr;
  r->val = val;
  r->location = -1;
  return r;
}

RangeVar* range_var(const std::string& schema, const std::string& name, const std::string& alias) {
  auto* r = makeNode(RangeVar);
  r->schemaname = schema.empty() ? nullptr : dup(schema);
  r->relname = dup(name);
  r->inh = true;
  r->relpersistence = 'p';
  r->location = -1;
  if (!alias.empty()) {
    auto* a = makeNode(Alias);
    a->aliasname = dup(alias);
    r->alias = a;
  }
  return r;
}

Node* and_of(Node* a, Node* b) {
  if (!a) return b;
  if (!b) return a;
  auto* e = makeNode(BoolExpr);
  e->boolop = AND_EXPR;
  e->args = list_make2(a, b);
  e->location = -1;
  return reinterpret_cast<Node*>(e);
}

Node* is_not_true(Node* a) {
  auto* t = makeNode(BooleanTest);
  t->arg = reinterpret_cast<::Expr*>(a);
  t->booltesttype = IS_NOT_TRUE;
  t->location = -1;
  return reinterpret_cast<Node*>(t);
}

// NEW/OLD references of a rule action (or qual) replaced by columns of the source table
// `src`: NEW.x -> src.n_i, OLD.x -> src.o_i; NEW.* / OLD.* in target lists, VALUES rows,
// RETURNING lists and ROW() expanded to every column.
struct Replace {
  const RuleTarget* target = nullptr;
  std::string src;           // the source table's alias; "" = substitute `old_rel` / `new_subst`
  int event = 0;
  bool used = false;         // some NEW/OLD reference was seen
  std::string old_rel;       // substitution into the original statement: OLD.x -> old_rel.x
  // NEW.x replaced by a copy of new_subst[i] (when set) instead of the source column: the
  // expression PostgreSQL's rewriter substitutes, evaluated once per reference (a column's
  // default, a volatile value, an UPDATE's SET expression in the original's qual); new_bare[i]:
  // its bare column names are NEW's (a generation expression). new_refused[i]: NEW.x is 0A000.
  std::vector<Node*> new_subst;
  std::vector<char> new_bare;
  std::vector<std::string> new_refused;
};

int column_index(const Replace& r, const std::string& col) {
  for (size_t i = 0; i < r.target->columns.size(); i++)
    if (r.target->columns[i].name == col) return (int)i;
  return -1;
}

bool is_new_old(Node* n, bool* star, std::string* which) {
  if (!n || !IsA(n, ColumnRef)) return false;
  auto* c = reinterpret_cast<ColumnRef*>(n);
  if (list_size(c->fields) < 2 || !IsA(list_at(c->fields, 0), String)) return false;
  std::string q = strVal(list_at(c->fields, 0));
  if (q != "new" && q != "old") return false;
  if (which) *which = q;
  if (star) *star = IsA(list_at(c->fields, 1), A_Star);
  return true;
}

void check_side(Replace& r, const std::string& which, int) {
  if (which == "old" && r.event == CMD_INSERT)
    throw PgError(sqlstate::kInvalidObjectDefinition, "ON INSERT rule cannot use OLD");
  if (which == "new" && r.event == CMD_DELETE)
    throw PgError(sqlstate::kInvalidObjectDefinition, "ON DELETE rule cannot use NEW");
}

bool replace_walker(Node* n, void* ctx);

// A generation expression's bare column names made NEW's.
bool prefix_new_walker(Node* n, void* ctx) {
  if (!n) return false;
  if (IsA(n, ColumnRef)) {
    auto* c = reinterpret_cast<ColumnRef*>(n);
    if (list_size(c->fields) == 1 && IsA(list_at(c->fields, 0), String) &&
        column_index(*static_cast<Replace*>(ctx), strVal(list_at(c->fields, 0))) >= 0)
      c->fields = list_make2(makeString(pstrdup("new")), list_at(c->fields, 0));
    return false;
  }
  return raw_expression_tree_walker_impl(n, prefix_new_walker, ctx);
}

// What NEW.x / OLD.x stand for: a source-table column, the original's own column, or (NEW)
// an expression substituted per reference, wrapped in an A_Indirection without indirection.
Node* replacement(Replace& r, const std::string& which, int i, int location) {
  const size_t k = (size_t)i;
  if (which == "new" && k < r.new_refused.size() && !r.new_refused[k].empty()) unsupported(r.new_refused[k], location);
  if (which == "new" && k < r.new_subst.size() && r.new_subst[k]) {
    Node* e = static_cast<Node*>(copyObjectImpl(r.new_subst[k]));
    if (k < r.new_bare.size() && r.new_bare[k]) {
      raw_expression_tree_walker_impl(e, prefix_new_walker, &r);
      if (IsA(e, ColumnRef)) prefix_new_walker(e, &r);
      replace_walker(e, &r);
    }
    auto* w = makeNode(A_Indirection);
    w->arg = e;
    return reinterpret_cast<Node*>(w);
  }
  if (!r.src.empty()) return column_ref2(r.src, (which == "new" ? "n_" : "o_") + std::to_string(i + 1));
  return column_ref2(r.old_rel, r.target->columns[k].name);
}

// Expands NEW.* / OLD.* elements of a list (bare or as unnamed ResTargets).
List* expand_stars(Replace& r, List* l) {
  bool any = false;
  for_each_node(l, [&](Node* n) {
    Node* v = n && IsA(n, ResTarget) && !reinterpret_cast<ResTarget*>(n)->name ? reinterpret_cast<ResTarget*>(n)->val : n;
    bool star = false;
    if (is_new_old(v, &star, nullptr) && star) any = true;
  });
  if (!any) return l;
  List* out = NIL;
  for_each_node(l, [&](Node* n) {
    bool wrapped = n && IsA(n, ResTarget) && !reinterpret_cast<ResTarget*>(n)->name;
    Node* v = wrapped ? reinterpret_cast<ResTarget*>(n)->val : n;
    bool star = false;
    std::string which;
    if (is_new_old(v, &star, &which) && star) {
      check_side(r, which, reinterpret_cast<ColumnRef*>(v)->location);
      r.used = true;
      for (size_t i = 0; i < r.target->columns.size(); i++) {
        Node* e = replacement(r, which, (int)i, reinterpret_cast<ColumnRef*>(v)->location);
        out = lappend(out, wrapped ? reinterpret_cast<Node*>(res_target(nullptr, e)) : e);
      }
      return;
    }
    out = lappend(out, n);
  });
  return out;
}

// RETURNING * of a rule action: the action's own relations' columns, spelled `rel.*`, since the
// rewrite joins the source table into the action.
List* qualify_star(List* returning, RangeVar* target, List* from) {
  List* out = NIL;
  auto star_of = [](const char* name) {
    auto* c = makeNode(ColumnRef);
    c->fields = list_make2(makeString(pstrdup(name)), makeNode(A_Star));
    c->location = -1;
    return res_target(nullptr, reinterpret_cast<Node*>(c));
  };
  for_each_node(returning, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    auto* c = rt->val && IsA(rt->val, ColumnRef) ? reinterpret_cast<ColumnRef*>(rt->val) : nullptr;
    if (!c || list_size(c->fields) != 1 || !IsA(list_at(c->fields, 0), A_Star)) {
      out = lappend(out, n);
      return;
    }
    out = lappend(out, star_of(target->alias ? target->alias->aliasname : target->relname));
    for_each_node(from, [&](Node* f) {
      if (IsA(f, RangeVar)) {
        auto* rv = reinterpret_cast<RangeVar*>(f);
        out = lappend(out, star_of(rv->alias ? rv->alias->aliasname : rv->relname));
      } else if (IsA(f, RangeSubselect) && reinterpret_cast<RangeSubselect*>(f)->alias) {
        out = lappend(out, star_of(reinterpret_cast<RangeSubselect*>(f)->alias->aliasname));
      } else {
        unsupported("RETURNING * in a rule action whose FROM has joins or functions", c->location);
      }
    });
  });
  return out;
}

bool replace_walker(Node* n, void* ctx) {
  if (!n) return false;
  auto& r = *static_cast<Replace*>(ctx);
  switch (nodeTag(n)) {
    case T_SelectStmt: {
      auto* s = reinterpret_cast<SelectStmt*>(n);
      s->targetList = expand_stars(r, s->targetList);
      List* rows = NIL;
      for_each_node(s->valuesLists, [&](Node* row) { rows = lappend(rows, expand_stars(r, reinterpret_cast<List*>(row))); });
      s->valuesLists = rows;
      break;
    }
    case T_InsertStmt: {
      auto* s = reinterpret_cast<InsertStmt*>(n);
      s->returningList = qualify_star(expand_stars(r, s->returningList), s->relation, NIL);
      break;
    }
    case T_UpdateStmt: {
      auto* s = reinterpret_cast<UpdateStmt*>(n);
      s->returningList = qualify_star(expand_stars(r, s->returningList), s->relation, s->fromClause);
      break;
    }
    case T_DeleteStmt: {
      auto* s = reinterpret_cast<DeleteStmt*>(n);
      s->returningList = qualify_star(expand_stars(r, s->returningList), s->relation, s->usingClause);
      break;
    }
    case T_RowExpr: {
      auto* s = reinterpret_cast<RowExpr*>(n);
      s->args = expand_stars(r, s->args);
      break;
    }
    case T_ColumnRef: {
      auto* c = reinterpret_cast<ColumnRef*>(n);
      bool star = false;
      std::string which;
      if (!is_new_old(n, &star, &which)) {
        if (list_size(c->fields) == 1 && IsA(list_at(c->fields, 0), String)) {
          std::string only = strVal(list_at(c->fields, 0));
          if (only == "new" || only == "old") unsupported("whole-row references to NEW or OLD in rules", c->location);
        }
        return false;
      }
      check_side(r, which, c->location);
      if (star) unsupported("NEW.* or OLD.* in this place of a rule", c->location);
      std::string col = strVal(list_at(c->fields, 1));
      int i = column_index(r, col);
      if (i < 0) throw PgError(sqlstate::kUndefinedColumn, "column " + which + "." + col + " does not exist").at(c->location);
      r.used = true;
      Node* e = replacement(r, which, i, c->location);
      if (IsA(e, A_Indirection)) {
        // The ColumnRef becomes, in place, the substituted expression with NEW.x's field selections.
        static_assert(sizeof(A_Indirection) <= sizeof(ColumnRef), "in-place node change");
        List* rest = NIL;
        for (int k = 2; k < list_size(c->fields); k++) rest = lappend(rest, list_at(c->fields, k));
        Node* arg = reinterpret_cast<A_Indirection*>(e)->arg;
        auto* ind = reinterpret_cast<A_Indirection*>(c);
        ind->type = T_A_Indirection;
        ind->arg = arg;
        ind->indirection = rest;
        return false;
      }
      List* f = reinterpret_cast<ColumnRef*>(e)->fields;
      for (int k = 2; k < list_size(c->fields); k++) f = lappend(f, list_at(c->fields, k));
      c->fields = f;
      return false;
    }
    default: break;
  }
  return raw_expression_tree_walker_impl(n, replace_walker, ctx);
}

bool find_new_old(Node* n, void* ctx) {
  if (!n) return false;
  if (IsA(n, ColumnRef)) {
    auto* c = reinterpret_cast<ColumnRef*>(n);
    if (list_size(c->fields) >= 1 && IsA(list_at(c->fields, 0), String)) {
      std::string q = strVal(list_at(c->fields, 0));
      if ((q == "new" || q == "old") && (list_size(c->fields) > 1 || true)) {
        *static_cast<std::string*>(ctx) = q;
        return true;
      }
    }
    return false;
  }
  return raw_expression_tree_walker_impl(n, find_new_old, ctx);
}

// Whether a raw expression may be volatile: it calls a volatile built-in or a user function
// that is not IMMUTABLE/STABLE (by name: any overload counts).
struct VolatileSearch {
  const Catalog* cat;
  bool found = false;
};

bool volatile_walker(Node* x, void* p) {
  auto& c = *static_cast<VolatileSearch*>(p);
  if (!x) return false;
  if (IsA(x, FuncCall)) {
    std::string name = strVal(llast(reinterpret_cast<FuncCall*>(x)->funcname));
    for (const FunctionDef& d : builtin_functions())
      if (d.is_volatile && name == d.name) c.found = true;
    for (const ProcDef* proc : c.cat->find_procs(name))
      if (proc->volatility == 'v') c.found = true;
    if (c.found) return true;
  }
  return raw_expression_tree_walker_impl(x, volatile_walker, p);
}

bool volatile_raw_expr(const Catalog& cat, Node* n) {
  VolatileSearch v{&cat};
  volatile_walker(n, &v);
  return v.found;
}

bool param_walker(Node* x, void* p) {
  if (!x) return false;
  if (IsA(x, ParamRef)) return *static_cast<bool*>(p) = true;
  return raw_expression_tree_walker_impl(x, param_walker, p);
}

bool has_param_ref(Node* n) {
  bool found = false;
  param_walker(n, &found);
  return found;
}

WithClause* statement_with(Node* n) {
  switch (nodeTag(n)) {
    case T_InsertStmt: return reinterpret_cast<InsertStmt*>(n)->withClause;
    case T_UpdateStmt: return reinterpret_cast<UpdateStmt*>(n)->withClause;
    case T_DeleteStmt: return reinterpret_cast<DeleteStmt*>(n)->withClause;
    case T_SelectStmt: return reinterpret_cast<SelectStmt*>(n)->withClause;
    default: return nullptr;
  }
}

void replace_refs(Replace& r, Node* n) {
  if (!n) return;
  if (WithClause* w = statement_with(n))
    for_each_node(w->ctes, [&](Node* c) {
      std::string which;
      if (find_new_old(reinterpret_cast<CommonTableExpr*>(c)->ctequery, &which))
        throw PgError(sqlstate::kFeatureNotSupported, "cannot refer to " + std::string(which == "new" ? "NEW" : "OLD") + " within WITH query");
    });
  replace_walker(n, &r);
}

// A rule's WHERE sees the relation's columns unqualified as NEW's (ON INSERT) or OLD's (ON
// DELETE); ON UPDATE they are ambiguous (transformRuleStmt's namespace). Not inside subqueries,
// whose own relations come first.
bool qual_bare_walker(Node* n, void* ctx) {
  if (!n) return false;
  auto& r = *static_cast<Replace*>(ctx);
  if (IsA(n, SubLink)) return qual_bare_walker(reinterpret_cast<SubLink*>(n)->testexpr, ctx);
  if (IsA(n, ColumnRef)) {
    auto* c = reinterpret_cast<ColumnRef*>(n);
    if (list_size(c->fields) != 1 || !IsA(list_at(c->fields, 0), String)) return false;
    std::string name = strVal(list_at(c->fields, 0));
    if (column_index(r, name) < 0) return false;
    if (r.event == CMD_UPDATE)
      throw PgError("42702", "column reference \"" + name + "\" is ambiguous").at(c->location);
    c->fields = list_make2(makeString(pstrdup(r.event == CMD_INSERT ? "new" : "old")), list_at(c->fields, 0));
    return false;
  }
  return raw_expression_tree_walker_impl(n, qual_bare_walker, ctx);
}

void replace_qual_refs(Replace& r, Node* qual) {
  qual_bare_walker(qual, &r);
  replace_refs(r, qual);
}

bool has_dml_cte(WithClause* w) {
  bool dml = false;
  if (w)
    for_each_node(w->ctes, [&](Node* c) {
      Node* q = reinterpret_cast<CommonTableExpr*>(c)->ctequery;
      dml |= q && !IsA(q, SelectStmt);
    });
  return dml;
}

int64_t tag_count(const std::string& tag) {
  size_t sp = tag.rfind(' ');
  return sp == std::string::npos ? 0 : std::atoll(tag.c_str() + sp + 1);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

// Resolves the relation of a RangeVar to a table or view.
static bool resolve_rule_target(Catalog& cat, RangeVar* rv, RuleTarget& t) {
  std::string schema = rv->schemaname ? rv->schemaname : "";
  if (const ViewDef* v = cat.find_view(schema, rv->relname)) {
    t.oid = v->oid;
    t.schema = v->schema;
    t.name = v->name;
    t.is_view = true;
    return true;
  }
  if (const TableDef* tb = cat.find_table(schema, rv->relname)) {
    if (tb->plain_sqlite) return false;
    t.oid = tb->oid;
    t.schema = tb->schema;
    t.name = tb->name;
    return true;
  }
  return false;
}

void SessionImpl::execute_create_rule(RuleStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE RULE";
  RuleTarget t;
  if (!resolve_rule_target(catalog_, stmt->relation, t)) {
    std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
    if (catalog_.find_sequence(schema, stmt->relation->relname))
      throw PgError(sqlstate::kWrongObjectType, "relation \"" + std::string(stmt->relation->relname) + "\" cannot have rules",
                    "This operation is not supported for sequences.");
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + std::string(stmt->relation->relname) + "\" does not exist");
  }
  if (stmt->event == CMD_SELECT) return convert_table_to_view(stmt, t, out);
  std::string name = stmt->rulename;
  if (name == "_RETURN") unsupported("a rule named _RETURN");
  // The action kinds pgmicro rewrites; RETURNING restrictions (DefineQueryRewrite).
  bool seen_returning = false;
  for_each_node(stmt->actions, [&](Node* a) {
    List* returning = NIL;
    switch (nodeTag(a)) {
      case T_InsertStmt: returning = reinterpret_cast<InsertStmt*>(a)->returningList; break;
      case T_UpdateStmt: returning = reinterpret_cast<UpdateStmt*>(a)->returningList; break;
      case T_DeleteStmt: returning = reinterpret_cast<DeleteStmt*>(a)->returningList; break;
      case T_SelectStmt: break;
      case T_NotifyStmt: break;  // stored; a statement that would run it is refused (0A000)
      default: unsupported("rule actions other than INSERT, UPDATE, DELETE, SELECT, NOTIFY or NOTHING");
    }
    if (!returning) return;
    if (seen_returning) throw PgError(sqlstate::kFeatureNotSupported, "cannot have multiple RETURNING lists in a rule");
    seen_returning = true;
    if (stmt->whereClause) throw PgError(sqlstate::kFeatureNotSupported, "RETURNING lists are not supported in conditional rules");
    if (!stmt->instead) throw PgError(sqlstate::kFeatureNotSupported, "RETURNING lists are not supported in non-INSTEAD rules");
  });
  for (const RuleRow& r : load_rules(conn_, t.oid, 0))
    if (r.name == name && !stmt->replace)
      throw PgError(sqlstate::kDuplicateObject, "rule \"" + name + "\" for relation \"" + t.name + "\" already exists");
  // Checks that need the actions analysed: NEW/OLD references, RETURNING's shape.
  std::string text = current_stmt_text_;
  check_rule_actions(text, t);
  const std::string db = sqlite_database(t.schema);
  exec_sql(conn_, "CREATE TABLE IF NOT EXISTS " + db + "._pgmicro_rule" + kRuleColumns);
  for (const RuleRow& r : load_rules(conn_, t.oid, 0))
    if (r.name == name) exec_sql(conn_, "DELETE FROM " + db + "._pgmicro_rule WHERE oid = " + std::to_string(r.oid));
  int64_t oid = Catalog::allocate_oid(conn_);
  exec_sql(conn_, "INSERT INTO " + db + "._pgmicro_rule VALUES(" + std::to_string(oid) + ", " + quote_literal(name) + ", " +
                      std::to_string(t.oid) + ", " + std::to_string((int)stmt->event) + ", " + (stmt->instead ? "1" : "0") +
                      ", " + quote_literal(text) + ")");
  bump_schema();
}

void SessionImpl::execute_drop_rule(DropStmt* stmt, StatementResult& out) {
  out.command_tag = "DROP RULE";
  for_each_node(stmt->objects, [&](Node* o) {
    auto* l = reinterpret_cast<List*>(o);
    int n = list_size(l);
    std::string name = strVal(list_at(l, n - 1));
    auto* rv = makeNode(RangeVar);
    rv->relname = strVal(list_at(l, n - 2));
    rv->schemaname = n > 2 ? strVal(list_at(l, n - 3)) : nullptr;
    rv->location = -1;
    RuleTarget t;
    if (!resolve_rule_target(catalog_, rv, t)) {
      if (stmt->missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "relation \"" + std::string(rv->relname) + "\" does not exist, skipping"});
        return;
      }
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + std::string(rv->relname) + "\" does not exist");
    }
    for (const RuleRow& r : load_rules(conn_, t.oid, 0))
      if (r.name == name) {
        exec_sql(conn_, "DELETE FROM " + sqlite_database(t.schema) + "._pgmicro_rule WHERE oid = " + std::to_string(r.oid));
        bump_schema();
        return;
      }
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "rule \"" + name + "\" for relation \"" + t.name + "\" does not exist, skipping"});
      return;
    }
    throw PgError(sqlstate::kUndefinedObject, "rule \"" + name + "\" for relation \"" + t.name + "\" does not exist");
  });
}

// ---------------------------------------------------------------------------------------------
// The rewrite.

namespace {

// A parsed rule (its tree lives as long as `script`).
struct ParsedRule {
  RuleRow row;
  std::unique_ptr<ParsedScript> script;
  RuleStmt* stmt = nullptr;
};

ParsedRule parse_rule(const RuleRow& row) {
  ParsedRule p;
  p.row = row;
  p.script = std::make_unique<ParsedScript>(row.definition);
  p.stmt = reinterpret_cast<RuleStmt*>(p.script->statements()[0].raw->stmt);
  return p;
}

List* action_returning(Node* a) {
  switch (nodeTag(a)) {
    case T_InsertStmt: return reinterpret_cast<InsertStmt*>(a)->returningList;
    case T_UpdateStmt: return reinterpret_cast<UpdateStmt*>(a)->returningList;
    case T_DeleteStmt: return reinterpret_cast<DeleteStmt*>(a)->returningList;
    default: return NIL;
  }
}

void set_action_returning(Node* a, List* l) {
  switch (nodeTag(a)) {
    case T_InsertStmt: reinterpret_cast<InsertStmt*>(a)->returningList = l; break;
    case T_UpdateStmt: reinterpret_cast<UpdateStmt*>(a)->returningList = l; break;
    case T_DeleteStmt: reinterpret_cast<DeleteStmt*>(a)->returningList = l; break;
    default: break;
  }
}

bool refers_to_walker(Node* n, void* ctx) {
  if (!n) return false;
  if (IsA(n, ColumnRef)) {
    auto* c = reinterpret_cast<ColumnRef*>(n);
    return list_size(c->fields) > 1 && IsA(list_at(c->fields, 0), String) &&
           *static_cast<const std::string*>(ctx) == strVal(list_at(c->fields, 0));
  }
  return raw_expression_tree_walker_impl(n, refers_to_walker, ctx);
}

// The action's FROM list with the source table first: a subquery reading NEW/OLD (now the
// source table's columns) becomes LATERAL, as PostgreSQL's rule actions see NEW/OLD anywhere.
List* with_source(List* from, RangeVar* src) {
  std::string name = src->alias ? src->alias->aliasname : src->relname;
  List* out = list_make1(src);
  for_each_node(from, [&](Node* f) {
    if (IsA(f, RangeSubselect) && refers_to_walker(reinterpret_cast<RangeSubselect*>(f)->subquery, &name))
      reinterpret_cast<RangeSubselect*>(f)->lateral = true;
    out = lappend(out, f);
  });
  return out;
}

// SELECT * of an INSERT ... SELECT action: its own FROM items' columns (`x.*`), not the source's.
void qualify_select_star(SelectStmt* sel) {
  List* targets = NIL;
  for_each_node(sel->targetList, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    auto* c = rt->val && IsA(rt->val, ColumnRef) ? reinterpret_cast<ColumnRef*>(rt->val) : nullptr;
    if (!c || list_size(c->fields) != 1 || !IsA(list_at(c->fields, 0), A_Star)) {
      targets = lappend(targets, n);
      return;
    }
    for_each_node(sel->fromClause, [&](Node* f) {
      const char* name = nullptr;
      if (IsA(f, RangeVar)) name = reinterpret_cast<RangeVar*>(f)->alias ? reinterpret_cast<RangeVar*>(f)->alias->aliasname : reinterpret_cast<RangeVar*>(f)->relname;
      else if (IsA(f, RangeSubselect) && reinterpret_cast<RangeSubselect*>(f)->alias) name = reinterpret_cast<RangeSubselect*>(f)->alias->aliasname;
      else unsupported("SELECT * in a rule action whose FROM has joins or functions", c->location);
      auto* star = makeNode(ColumnRef);
      star->fields = list_make2(makeString(pstrdup(name)), makeNode(A_Star));
      star->location = c->location;
      targets = lappend(targets, res_target(nullptr, reinterpret_cast<Node*>(star)));
    });
  });
  sel->targetList = targets;
}

// Joins the source table into a rule action and ANDs the rule's qual: the rewritten action.
Node* join_source(Node* action, Node* qual, RangeVar* src) {
  switch (nodeTag(action)) {
    case T_InsertStmt: {
      auto* ins = reinterpret_cast<InsertStmt*>(action);
      auto* sel = reinterpret_cast<SelectStmt*>(ins->selectStmt);
      if (!sel) unsupported("INSERT ... DEFAULT VALUES as a rule action");
      if (sel->valuesLists) {
        // One VALUES row becomes a SELECT over the source table; several a LATERAL VALUES list
        // joined to each source row (the rows of each source row in turn, as PostgreSQL's join
        // of the original's relation with the VALUES list computes them).
        for_each_node(sel->valuesLists, [&](Node* row) {
          for_each_node(reinterpret_cast<List*>(row), [&](Node* v) {
            if (IsA(v, SetToDefault)) unsupported("DEFAULT in a rule action's VALUES");
          });
        });
        auto* one = makeNode(SelectStmt);
        one->limitOption = LIMIT_OPTION_DEFAULT;
        one->op = SETOP_NONE;
        one->whereClause = qual;
        one->withClause = sel->withClause;
        if (list_size(sel->valuesLists) == 1) {
          for_each_node(reinterpret_cast<List*>(list_at(sel->valuesLists, 0)), [&](Node* v) {
            one->targetList = lappend(one->targetList, res_target(nullptr, v));
          });
          one->fromClause = list_make1(src);
        } else {
          auto* vals = makeNode(SelectStmt);
          vals->valuesLists = sel->valuesLists;
          vals->limitOption = LIMIT_OPTION_DEFAULT;
          vals->op = SETOP_NONE;
          auto* sub = makeNode(RangeSubselect);
          sub->lateral = true;
          sub->subquery = reinterpret_cast<Node*>(vals);
          sub->alias = makeNode(Alias);
          sub->alias->aliasname = pstrdup("pg_rule_values");
          auto* star = makeNode(ColumnRef);
          star->fields = list_make2(makeString(pstrdup("pg_rule_values")), makeNode(A_Star));
          star->location = -1;
          one->targetList = list_make1(res_target(nullptr, reinterpret_cast<Node*>(star)));
          one->fromClause = list_make2(src, sub);
        }
        ins->selectStmt = reinterpret_cast<Node*>(one);
        return action;
      }
      if (sel->op != SETOP_NONE)
        throw PgError(sqlstate::kFeatureNotSupported, "conditional UNION/INTERSECT/EXCEPT statements are not implemented");
      qualify_select_star(sel);
      sel->fromClause = with_source(sel->fromClause, src);
      sel->whereClause = and_of(sel->whereClause, qual);
      return action;
    }
    case T_UpdateStmt: {
      auto* u = reinterpret_cast<UpdateStmt*>(action);
      u->fromClause = with_source(u->fromClause, src);
      u->whereClause = and_of(u->whereClause, qual);
      return action;
    }
    case T_DeleteStmt: {
      auto* d = reinterpret_cast<DeleteStmt*>(action);
      d->usingClause = with_source(d->usingClause, src);
      d->whereClause = and_of(d->whereClause, qual);
      return action;
    }
    case T_SelectStmt: {
      auto* sel = reinterpret_cast<SelectStmt*>(action);
      if (sel->op != SETOP_NONE || sel->valuesLists)
        throw PgError(sqlstate::kFeatureNotSupported, "conditional UNION/INTERSECT/EXCEPT statements are not implemented");
      qualify_select_star(sel);
      sel->fromClause = with_source(sel->fromClause, src);
      sel->whereClause = and_of(sel->whereClause, qual);
      return action;
    }
    default: unsupported("rule actions other than INSERT, UPDATE, DELETE or NOTHING");
  }
}

RangeVar* dml_relation(Node* stmt) {
  switch (nodeTag(stmt)) {
    case T_InsertStmt: return reinterpret_cast<InsertStmt*>(stmt)->relation;
    case T_UpdateStmt: return reinterpret_cast<UpdateStmt*>(stmt)->relation;
    case T_DeleteStmt: return reinterpret_cast<DeleteStmt*>(stmt)->relation;
    default: return nullptr;
  }
}

// DEFAULT in an INSERT action's VALUES: the action's target column default (or NULL), as the
// rewritten action's VALUES would compute it; untyped literals of a multi-row VALUES cast to
// the column types. `keep` holds the parsed expressions.
void resolve_action_defaults(Catalog& cat, Node* action, std::vector<std::unique_ptr<ParsedScript>>& keep) {
  if (!IsA(action, InsertStmt)) return;
  auto* ins = reinterpret_cast<InsertStmt*>(action);
  auto* sel = reinterpret_cast<SelectStmt*>(ins->selectStmt);
  if (!sel || !sel->valuesLists) return;
  const TableDef* table = nullptr;
  MemoryContext home = CurrentMemoryContext;
  for_each_node(sel->valuesLists, [&](Node* row) {
    auto* l = reinterpret_cast<List*>(row);
    for (int p = 0; p < list_size(l); p++) {
      Node* v = list_at(l, p);
      auto* lit = IsA(v, A_Const) && list_size(sel->valuesLists) > 1 ? reinterpret_cast<A_Const*>(v) : nullptr;
      if (lit && !lit->isnull && !IsA(&lit->val, String)) lit = nullptr;
      if (!IsA(v, SetToDefault) && !lit) continue;
      if (!table) table = cat.find_table(ins->relation->schemaname ? ins->relation->schemaname : "", ins->relation->relname);
      if (!table && lit) continue;
      if (!table) unsupported("DEFAULT in the VALUES of a rule action on this relation");
      int col = p;
      if (ins->cols) {
        if (p >= list_size(ins->cols)) return;  // the analyzer reports the mismatch
        if (reinterpret_cast<ResTarget*>(list_at(ins->cols, p))->indirection) continue;  // a subscript or field
        std::string name = reinterpret_cast<ResTarget*>(list_at(ins->cols, p))->name;
        col = -1;
        for (size_t k = 0; k < table->columns.size(); k++)
          if (table->columns[k].name == name) col = (int)k;
        if (col < 0) return;
      }
      if (col >= (int)table->columns.size()) return;
      const ColumnDef& c = table->columns[(size_t)col];
      if (lit) {
        // A multi-row VALUES list is read as a subquery, where an untyped literal would be text:
        // cast to the column's type (without its typmod, which the INSERT then checks).
        keep.push_back(std::make_unique<ParsedScript>("SELECT CAST(NULL AS " + format_type_name(c.type, -1) + ")"));
        MemoryContextSwitchTo(home);
        auto* s = reinterpret_cast<SelectStmt*>(keep.back()->statements()[0].raw->stmt);
        auto* tc = reinterpret_cast<TypeCast*>(reinterpret_cast<ResTarget*>(list_at(s->targetList, 0))->val);
        tc->arg = v;
        l->elements[p].ptr_value = tc;
        continue;
      }
      if (c.generated) unsupported("DEFAULT for a generated column in a rule action's VALUES");
      std::string text = c.default_text;
      for (const UserType* d = cat.user_types().find(c.type); text.empty() && d && d->kind == 'd'; d = cat.user_types().find(d->base))
        text = d->default_text;
      keep.push_back(std::make_unique<ParsedScript>("SELECT CAST((" + (text.empty() ? std::string("NULL") : text) + ") AS " +
                                                    format_type_name(c.type, c.typmod) + ")"));
      MemoryContextSwitchTo(home);
      auto* s = reinterpret_cast<SelectStmt*>(keep.back()->statements()[0].raw->stmt);
      l->elements[p].ptr_value = reinterpret_cast<ResTarget*>(list_at(s->targetList, 0))->val;
    }
  });
}

}  // namespace

// PostgreSQL's RewriteQuery refuses, before running anything, a rule action that would fire
// the rules of a (relation, event) already being rewritten, whatever the rules' conditions.
static void check_rule_recursion(Catalog& cat, sqlite3* db, int64_t relid, int event, std::vector<std::pair<int64_t, int>>& stack) {
  stack.push_back({relid, event});
  for (const RuleRow& r : load_rules(db, relid, event)) {
    if (r.enabled == 'D') continue;
    ParsedRule p = parse_rule(r);
    for_each_node(p.stmt->actions, [&](Node* a) {
      RangeVar* rv = dml_relation(a);
      RuleTarget t;
      if (!rv || !resolve_rule_target(cat, rv, t)) return;
      const int ev = IsA(a, InsertStmt) ? CMD_INSERT : IsA(a, UpdateStmt) ? CMD_UPDATE : CMD_DELETE;
      if (load_rules(db, t.oid, ev).empty()) return;
      for (auto& s : stack)
        if (s.first == t.oid && s.second == ev)
          throw PgError(sqlstate::kInvalidObjectDefinition, "infinite recursion detected in rules for relation \"" + t.name + "\"");
      if (stack.size() < 64) check_rule_recursion(cat, db, t.oid, ev, stack);
    });
  }
  stack.pop_back();
}

// The relation's output columns (names and types), as SELECT * gives them.
std::vector<Column> SessionImpl::rule_relation_columns(const std::string& schema, const std::string& name) {
  ParsedScript ps("SELECT * FROM " + quote_ident(schema) + "." + quote_ident(name));
  std::vector<Oid> types;
  CachedPlan plan;
  std::string_view saved = current_sql_;
  plan_statement(ps.statements()[0].raw->stmt, types, plan);
  current_sql_ = saved;
  return plan.columns;
}

// Runs SQL text built by the rewrite (temporary tables).
void SessionImpl::run_rule_sql(const std::string& sql, const std::vector<TextValue>& params, StatementResult* result) {
  MemoryContext home = CurrentMemoryContext;
  ParsedScript ps(sql);
  std::string_view saved = current_sql_;
  current_sql_ = sql;
  try {
    for (auto& st : ps.statements()) {
      StatementResult r;
      execute_statement(st.raw->stmt, params, r, nullptr);
      if (result) *result = std::move(r);
    }
  } catch (...) {
    current_sql_ = saved;
    MemoryContextSwitchTo(home);
    throw;
  }
  current_sql_ = saved;
  MemoryContextSwitchTo(home);
  if (catalog_.refresh(conn_, schema_version_stmt_)) {
    prepare_user_types();
    ensure_triggers();
  }
}

// CREATE RULE's checks that need the actions analysed: each action is rewritten over an empty
// source table and planned (not run); the RETURNING list must match the relation's columns.
void SessionImpl::check_rule_actions(const std::string& text, RuleTarget& t) {
  RuleChecksOff planning_only;
  MemoryContext home = CurrentMemoryContext;
  t.columns = rule_relation_columns(t.schema, t.name);
  MemoryContextSwitchTo(home);
  ParsedRule probe = parse_rule(RuleRow{0, "", t.oid, 0, false, text});
  MemoryContextSwitchTo(home);
  const int event = probe.stmt->event;
  static int serial = 0;
  const std::string src = "pg_rule_check_" + std::to_string(++serial);
  std::string cols;
  auto add = [&](const char* prefix) {
    for (size_t i = 0; i < t.columns.size(); i++)
      cols += (cols.empty() ? "" : ", ") + quote_ident(t.columns[i].name) + " AS " + prefix + std::to_string(i + 1);
  };
  if (event != CMD_INSERT) add("o_");
  if (event != CMD_DELETE) add("n_");
  if (cols.empty()) cols = "1 AS x";
  run_rule_sql("CREATE TEMP TABLE " + src + " AS SELECT " + cols + " FROM " + quote_ident(t.schema) + "." + quote_ident(t.name) +
                   " WITH NO DATA",
               {}, nullptr);
  auto finish = [&]() { run_rule_sql("DROP TABLE pg_temp." + src, {}, nullptr); };
  try {
    int nactions = list_size(probe.stmt->actions);
    for (int k = 0; k <= nactions; k++) {
      ParsedRule fresh = parse_rule(RuleRow{0, "", t.oid, 0, false, text});
      MemoryContextSwitchTo(home);
      Replace rep;
      rep.target = &t;
      rep.event = event;
      rep.src = src;
      if (k == nactions) {  // the qual alone
        replace_qual_refs(rep, fresh.stmt->whereClause);
        break;
      }
      Node* action = list_at(fresh.stmt->actions, k);
      if (IsA(action, NotifyStmt)) continue;
      replace_refs(rep, action);
      replace_qual_refs(rep, fresh.stmt->whereClause);
      List* returning = action_returning(action);
      std::vector<std::unique_ptr<ParsedScript>> defaults;
      resolve_action_defaults(catalog_, action, defaults);
      action = join_source(action, fresh.stmt->whereClause, range_var("pg_temp", src, src));
      std::vector<Oid> types;
      CachedPlan plan;
      std::string_view saved = current_sql_;
      current_sql_ = text;
      try {
        plan_statement(action, types, plan);
      } catch (PgError& e) {
        current_sql_ = saved;
        MemoryContextSwitchTo(home);
        if (e.error.sqlstate == "55000") continue;  // a view made updatable later (by a rule)
        throw;
      }
      current_sql_ = saved;
      MemoryContextSwitchTo(home);
      if (!returning) continue;
      // checkRuleResultList: the RETURNING list must have the relation's columns and types.
      for (size_t i = 0; i < plan.columns.size(); i++) {
        if (i >= t.columns.size()) throw PgError(sqlstate::kInvalidObjectDefinition, "RETURNING list has too many entries");
        const Column& c = plan.columns[i];
        const Column& want = t.columns[i];
        if (c.type_oid != want.type_oid)
          throw PgError(sqlstate::kInvalidObjectDefinition,
                        "RETURNING list's entry " + std::to_string(i + 1) + " has different type from column \"" + want.name + "\"",
                        "RETURNING list entry has type " + format_type_name(c.type_oid, -1) + ", but column has type " +
                            format_type_name(want.type_oid, -1) + ".");
        if (want.typmod >= 0 && c.typmod != want.typmod)
          throw PgError(sqlstate::kInvalidObjectDefinition,
                        "RETURNING list's entry " + std::to_string(i + 1) + " has different size from column \"" + want.name + "\"",
                        "RETURNING list entry has type " + format_type_name(c.type_oid, c.typmod) + ", but column has type " +
                            format_type_name(want.type_oid, want.typmod) + ".");
      }
      if (plan.columns.size() < t.columns.size())
        throw PgError(sqlstate::kInvalidObjectDefinition, "RETURNING list has too few entries");
    }
  } catch (...) {
    MemoryContextSwitchTo(home);
    finish();
    throw;
  }
  finish();
}

bool SessionImpl::execute_with_rules(Node* stmt, const std::vector<TextValue>& params, StatementResult& out) {
  RangeVar* rv = dml_relation(stmt);
  if (!rv || stmt == rule_skip_) return false;
  RuleTarget t;
  if (!resolve_rule_target(catalog_, rv, t)) return false;
  const int event = IsA(stmt, InsertStmt) ? CMD_INSERT : IsA(stmt, UpdateStmt) ? CMD_UPDATE : CMD_DELETE;
  std::vector<RuleRow> rows = load_rules(conn_, t.oid, event);
  {
    const std::string role = settings_.get("session_replication_role");
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const RuleRow& r) { return !rule_fires(r, role); }), rows.end());
  }
  if (rows.empty() && t.is_view && !(event == CMD_INSERT && reinterpret_cast<InsertStmt*>(stmt)->onConflictClause)) {
    // A view that is exactly `SELECT * FROM inner_view` over a view with rules for the event:
    // the statement is the same statement on the inner view (rewriteTargetView), whose rules
    // apply; the outer name stays as the alias. Other views over views with rules are 0A000
    // (analyze_view_update.cpp).
    if (const ViewDef* v = catalog_.find_view(t.schema, t.name)) {
      MemoryContext home = CurrentMemoryContext;
      struct Restore {
        MemoryContext h;
        ~Restore() { MemoryContextSwitchTo(h); }
      } restore{home};  // runs after `def` is gone
      ViewDefinition def(v->definition);
      MemoryContextSwitchTo(home);
      auto* s = def.stmt && def.stmt->query && IsA(def.stmt->query, SelectStmt) ? reinterpret_cast<SelectStmt*>(def.stmt->query) : nullptr;
      bool star = s && s->op == SETOP_NONE && !s->whereClause && !s->groupClause && !s->havingClause && !s->distinctClause &&
                  !s->sortClause && !s->limitCount && !s->limitOffset && !s->withClause && !s->valuesLists && !s->windowClause &&
                  list_size(s->fromClause) == 1 && IsA(list_at(s->fromClause, 0), RangeVar) && list_size(s->targetList) == 1 &&
                  !def.check_option && def.column_defaults.empty() && !def.stmt->aliases;
      if (star) {
        auto* rt = reinterpret_cast<ResTarget*>(list_at(s->targetList, 0));
        auto* c = rt->val && IsA(rt->val, ColumnRef) ? reinterpret_cast<ColumnRef*>(rt->val) : nullptr;
        star = c && list_size(c->fields) == 1 && IsA(list_at(c->fields, 0), A_Star);
      }
      const ViewDef* inner = nullptr;
      if (star) {
        auto* brv = reinterpret_cast<RangeVar*>(list_at(s->fromClause, 0));
        Catalog::PathPrefix in_view_schema(catalog_, v->schema);
        inner = catalog_.find_view(brv->schemaname ? brv->schemaname : "", brv->relname);
      }
      if (inner) {
        const std::string role = settings_.get("session_replication_role");
        bool fires = false;
        for (const RuleRow& r : load_rules(conn_, inner->oid, event)) fires |= rule_fires(r, role);
        if (fires) {
          if (!rv->alias) {
            rv->alias = makeNode(Alias);
            rv->alias->aliasname = pstrdup(rv->relname);
          }
          rv->relname = pstrdup(inner->name.c_str());
          rv->schemaname = pstrdup(inner->schema.c_str());
          return execute_with_rules(stmt, params, out);
        }
      }
    }
  }
  if (rows.empty()) {
    // ON CONFLICT DO UPDATE also looks at UPDATE rules.
    if (event == CMD_INSERT && reinterpret_cast<InsertStmt*>(stmt)->onConflictClause && !load_rules(conn_, t.oid, CMD_UPDATE).empty())
      throw PgError(sqlstate::kFeatureNotSupported, "INSERT with ON CONFLICT clause cannot be used with table that has INSERT or UPDATE rules");
    return false;
  }
  if (event == CMD_INSERT && reinterpret_cast<InsertStmt*>(stmt)->onConflictClause)
    throw PgError(sqlstate::kFeatureNotSupported, "INSERT with ON CONFLICT clause cannot be used with table that has INSERT or UPDATE rules");
  if (rule_depth_ == 0) {
    std::vector<std::pair<int64_t, int>> stack;
    check_rule_recursion(catalog_, conn_, t.oid, event, stack);
  }
  if (rule_depth_ > 16)
    throw PgError(sqlstate::kInvalidObjectDefinition, "infinite recursion detected in rules for relation \"" + t.name + "\"");
  struct Depth {
    int& d;
    explicit Depth(int& x) : d(x) { ++d; }
    ~Depth() { --d; }
  } depth(rule_depth_);
  MemoryContext home = CurrentMemoryContext;
  t.columns = rule_relation_columns(t.schema, t.name);
  MemoryContextSwitchTo(home);
  const size_t ncol = t.columns.size();

  List* orig_returning = nullptr;
  WithClause* with = nullptr;
  Alias* alias = rv->alias;
  switch (event) {
    case CMD_INSERT: orig_returning = reinterpret_cast<InsertStmt*>(stmt)->returningList; with = reinterpret_cast<InsertStmt*>(stmt)->withClause; break;
    case CMD_UPDATE: orig_returning = reinterpret_cast<UpdateStmt*>(stmt)->returningList; with = reinterpret_cast<UpdateStmt*>(stmt)->withClause; break;
    default: orig_returning = reinterpret_cast<DeleteStmt*>(stmt)->returningList; with = reinterpret_cast<DeleteStmt*>(stmt)->withClause; break;
  }
  const bool dml_with = has_dml_cte(with);
  const std::string target_ref = alias ? alias->aliasname : t.name;

  std::vector<ParsedRule> rules;
  for (const RuleRow& r : rows) rules.push_back(parse_rule(r));
  MemoryContextSwitchTo(home);
  bool instead = false, any_instead = false;
  int returning_rules = 0;
  for (auto& r : rules) {
    if (r.row.instead) {
      any_instead = true;
      if (!r.stmt->whereClause) instead = true;
    }
    bool has = false;
    for_each_node(r.stmt->actions, [&](Node* a) { has |= action_returning(a) != NIL; });
    if (has && orig_returning) returning_rules++;
  }
  if (orig_returning && any_instead && returning_rules == 0) {
    PgError e(sqlstate::kFeatureNotSupported, std::string("cannot perform ") + event_name(event) + " RETURNING on relation \"" + t.name + "\"");
    e.error.hint = std::string("You need an unconditional ON ") + event_name(event) + " DO INSTEAD rule with a RETURNING clause.";
    throw e;
  }
  if (returning_rules > 1) throw PgError(sqlstate::kFeatureNotSupported, "cannot have RETURNING lists in multiple rules");
  if (dml_with) {
    // The data-modifying WITH runs once, when the source rows are computed (rewriteRuleAction).
    for (auto& r : rules)
      for_each_node(r.stmt->actions, [&](Node* a) {
        if (IsA(a, InsertStmt) && reinterpret_cast<InsertStmt*>(a)->selectStmt &&
            !reinterpret_cast<SelectStmt*>(reinterpret_cast<InsertStmt*>(a)->selectStmt)->valuesLists)
          throw PgError(sqlstate::kFeatureNotSupported,
                        "INSERT...SELECT rule actions are not supported for queries having data-modifying statements in WITH");
      });
    if (!instead) unsupported("data-modifying WITH on a statement whose relation has DO ALSO rules");
  }
  bool filled_once = false;

  // What NEW.x stands for when it is no plain source column (PostgreSQL substitutes the
  // original's target-list expression for each reference): a generated column's expression
  // over NEW, the default of a column the INSERT does not give (or gives as DEFAULT), a
  // volatile value of a one-row VALUES; an UPDATE's SET DEFAULT; a volatile SET expression
  // (pgmicro computes NEW once per row: 0A000 when referenced).
  std::vector<std::unique_ptr<ParsedScript>> parsed;  // the trees of the substituted expressions
  const TableDef* table = t.is_view ? nullptr : catalog_.find_table_by_oid(t.oid);
  std::unique_ptr<ViewDefinition> view_def;
  if (t.is_view)
    if (const ViewDef* v = catalog_.find_view(t.schema, t.name)) view_def = std::make_unique<ViewDefinition>(v->definition);
  MemoryContextSwitchTo(home);
  const ColumnDef* none = nullptr;
  auto table_column = [&](size_t i) -> const ColumnDef* {
    if (table)
      for (const ColumnDef& c : table->columns)
        if (c.name == t.columns[i].name) return &c;
    return none;
  };
  // CAST((text) AS column type), parsed; `arg` replaces the cast's argument when given.
  auto cast_node = [&](size_t i, const std::string& text, Node* arg) -> Node* {
    parsed.push_back(std::make_unique<ParsedScript>("SELECT CAST((" + text + ") AS " +
                                                    format_type_name(t.columns[i].type_oid, t.columns[i].typmod) + ")"));
    MemoryContextSwitchTo(home);
    auto* sel = reinterpret_cast<SelectStmt*>(parsed.back()->statements()[0].raw->stmt);
    Node* e = reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val;
    if (arg) reinterpret_cast<TypeCast*>(e)->arg = arg;
    return e;
  };
  auto null_of = [&](size_t i) -> Node* { return cast_node(i, "NULL", nullptr); };
  // The column's default (nullptr: none, NULL). Read now: running statements reloads the catalog.
  auto read_default = [&](size_t i) -> Node* {
    if (view_def) {
      Node* d = view_def->column_default(t.columns[i].name);
      return d ? cast_node(i, "NULL", d) : nullptr;
    }
    const ColumnDef* c = table_column(i);
    if (!c || c->generated) return nullptr;
    std::string text = c->default_text;  // a domain's default when the column has none
    for (const UserType* d = catalog_.user_types().find(c->type); text.empty() && d && d->kind == 'd';
         d = catalog_.user_types().find(d->base))
      text = d->default_text;
    return text.empty() ? nullptr : cast_node(i, text, nullptr);
  };
  std::vector<Node*> defaults(ncol, nullptr), generations(ncol, nullptr);
  for (size_t i = 0; i < ncol; i++) {
    defaults[i] = read_default(i);
    const ColumnDef* c = table_column(i);
    if (c && c->generated) generations[i] = cast_node(i, c->default_text, nullptr);
  }
  table = nullptr;
  // A fresh copy each time: a tree is used once.
  auto default_of = [&](size_t i) -> Node* { return defaults[i] ? static_cast<Node*>(copyObjectImpl(defaults[i])) : nullptr; };
  auto generation_of = [&](size_t i) -> Node* { return generations[i]; };
  Replace rep_template;
  rep_template.new_subst.assign(ncol, nullptr);
  rep_template.new_bare.assign(ncol, 0);
  rep_template.new_refused.assign(ncol, "");
  auto update_column = [&](ResTarget* rt) -> int {
    if (rt->indirection || !rt->val || IsA(rt->val, MultiAssignRef))
      unsupported("UPDATE with subscripts, fields or column lists on a relation with rules", rt->location);
    for (size_t k = 0; k < ncol; k++)
      if (t.columns[k].name == rt->name) return (int)k;
    throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(rt->name) + "\" of relation \"" + t.name + "\" does not exist")
        .at(rt->location);
  };
  // INSERT: the column each value position fills; the original's rows (the original statement
  // itself may be given a filter by conditional INSTEAD rules).
  Node* const insert_select = event == CMD_INSERT ? reinterpret_cast<InsertStmt*>(stmt)->selectStmt : nullptr;
  std::vector<int> insert_pos;
  SelectStmt* one_row = nullptr;  // a single-row VALUES
  if (event == CMD_INSERT) {
    auto* o = reinterpret_cast<InsertStmt*>(stmt);
    if (o->cols) {
      for_each_node(o->cols, [&](Node* c) {
        auto* rt = reinterpret_cast<ResTarget*>(c);
        if (rt->indirection) unsupported("INSERT with subscripts or fields into a relation with rules", rt->location);
        int i = -1;
        for (size_t k = 0; k < ncol; k++)
          if (t.columns[k].name == rt->name) i = (int)k;
        if (i < 0)
          throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(rt->name) + "\" of relation \"" + t.name + "\" does not exist")
              .at(rt->location);
        insert_pos.push_back(i);
      });
    } else if (o->selectStmt) {
      // VALUES / SELECT with fewer columns fill the first ones, as INSERT without a list.
      auto* s = reinterpret_cast<SelectStmt*>(o->selectStmt);
      SelectStmt* first = s;
      while (first->op != SETOP_NONE && first->larg) first = first->larg;
      int width = s->valuesLists ? list_size(reinterpret_cast<List*>(list_at(s->valuesLists, 0))) : list_size(first->targetList);
      bool has_star = false;
      for_each_node(first->targetList, [&](Node* n) {
        auto* rt = reinterpret_cast<ResTarget*>(n);
        if (rt->val && IsA(rt->val, ColumnRef) && IsA(llast(reinterpret_cast<ColumnRef*>(rt->val)->fields), A_Star)) has_star = true;
      });
      if (has_star) width = (int)ncol;
      if (width > (int)ncol) throw PgError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
      for (int k = 0; k < width; k++) insert_pos.push_back(k);
    }
    if (o->selectStmt && reinterpret_cast<SelectStmt*>(o->selectStmt)->valuesLists &&
        list_size(reinterpret_cast<SelectStmt*>(o->selectStmt)->valuesLists) == 1)
      one_row = reinterpret_cast<SelectStmt*>(o->selectStmt);
    std::vector<char> given(ncol, 0);
    for (size_t p = 0; p < insert_pos.size(); p++) {
      const size_t i = (size_t)insert_pos[p];
      given[i] = 1;
      if (!one_row) continue;
      Node* v = list_at(reinterpret_cast<List*>(list_at(one_row->valuesLists, 0)), (int)p);
      if (IsA(v, SetToDefault)) given[i] = 0;
      else if (volatile_raw_expr(catalog_, v)) {
        if (has_param_ref(v)) unsupported("a volatile VALUES expression with parameters referenced as NEW in rules");
        rep_template.new_subst[i] = v;
      }
    }
    for (size_t i = 0; i < ncol; i++)
      if (!given[i]) rep_template.new_subst[i] = default_of(i);
  } else if (event == CMD_UPDATE) {
    for_each_node(reinterpret_cast<UpdateStmt*>(stmt)->targetList, [&](Node* n) {
      auto* rt = reinterpret_cast<ResTarget*>(n);
      const size_t i = (size_t)update_column(rt);
      if (IsA(rt->val, SetToDefault)) {
        Node* d = default_of(i);
        rep_template.new_subst[i] = d ? d : null_of(i);
      } else if (volatile_raw_expr(catalog_, rt->val)) {
        rep_template.new_refused[i] = "NEW of a column assigned a volatile expression in rules";
      }
    });
  }
  if (event != CMD_DELETE)
    for (size_t i = 0; i < ncol; i++)
      if (Node* g = generation_of(i)) {
        rep_template.new_subst[i] = g;
        rep_template.new_bare[i] = 1;
      }
  // The fill's VALUES: DEFAULT becomes the column's default (evaluated per row, as the action's
  // rescan of PostgreSQL's VALUES list does); values substituted per reference are not computed.
  auto prepare_insert_values = [&]() {
    auto* o = reinterpret_cast<InsertStmt*>(stmt);
    auto* s = o->selectStmt ? reinterpret_cast<SelectStmt*>(o->selectStmt) : nullptr;
    if (!s || !s->valuesLists) return;
    for_each_node(s->valuesLists, [&](Node* row) {
      auto* l = reinterpret_cast<List*>(row);
      for (int p = 0; p < list_size(l) && p < (int)insert_pos.size(); p++) {
        const size_t i = (size_t)insert_pos[p];
        Node* v = list_at(l, p);
        if (one_row && (IsA(v, SetToDefault) || rep_template.new_subst[i])) l->elements[p].ptr_value = null_of(i);
        else if (!one_row && IsA(v, SetToDefault)) {
          Node* d = default_of(i);
          if (d) l->elements[p].ptr_value = d;
        }
      }
    });
  };

  static int serial = 0;
  const std::string src = "pg_rule_src_" + std::to_string(++serial);
  const std::string ret = "pg_rule_ret_" + std::to_string(serial);
  const std::string rel = quote_ident(t.schema) + "." + quote_ident(t.name);
  bool src_made = false, ret_made = false;

  // The source table: n_i (INSERT, UPDATE) and o_i (UPDATE, DELETE) shaped like the relation.
  auto make_source = [&]() {
    if (src_made) return;
    std::string cols;
    auto add = [&](const char* prefix) {
      for (size_t i = 0; i < ncol; i++)
        cols += (cols.empty() ? "" : ", ") + quote_ident(t.columns[i].name) + " AS " + prefix + std::to_string(i + 1);
    };
    if (event != CMD_INSERT) add("o_");
    if (event != CMD_DELETE) add("n_");
    run_rule_sql("CREATE TEMP TABLE " + src + " AS SELECT " + cols + " FROM " + rel + " WITH NO DATA", {}, nullptr);
    src_made = true;
  };
  // Fills the source table with the original statement's rows (again before each action).
  auto fill_source = [&]() {
    make_source();
    if (dml_with && filled_once) return;
    filled_once = true;
    run_rule_sql("DELETE FROM pg_temp." + src, {}, nullptr);
    Node* fill = nullptr;
    if (event == CMD_INSERT) {
      auto* o = reinterpret_cast<InsertStmt*>(stmt);
      auto* ins = makeNode(InsertStmt);
      ins->relation = range_var("pg_temp", src, "");
      ins->override = o->override;
      List* cols = NIL;
      for (int i : insert_pos) cols = lappend(cols, res_target(("n_" + std::to_string(i + 1)).c_str(), nullptr));
      prepare_insert_values();
      ins->cols = insert_select ? cols : NIL;
      ins->selectStmt = insert_select;
      ins->withClause = with;
      fill = reinterpret_cast<Node*>(ins);
    } else {
      List* targets = NIL;
      for (size_t i = 0; i < ncol; i++) targets = lappend(targets, res_target(nullptr, column_ref2(target_ref, t.columns[i].name)));
      List* from = NIL;
      RangeVar* self = range_var(t.schema, t.name, target_ref == t.name ? "" : target_ref);
      self->inh = rv->inh;
      from = lappend(from, self);
      Node* where = nullptr;
      if (event == CMD_UPDATE) {
        auto* u = reinterpret_cast<UpdateStmt*>(stmt);
        std::vector<Node*> news(ncol, nullptr);
        for_each_node(u->targetList, [&](Node* n) {
          auto* rt = reinterpret_cast<ResTarget*>(n);
          int i = update_column(rt);
          // A value substituted per NEW reference is not computed here (a volatile one would advance).
          news[(size_t)i] = rep_template.new_subst[(size_t)i] || !rep_template.new_refused[(size_t)i].empty() ? null_of(i) : rt->val;
        });
        for (size_t i = 0; i < ncol; i++)
          targets = lappend(targets, res_target(nullptr, news[i] ? news[i] : column_ref2(target_ref, t.columns[i].name)));
        for_each_node(u->fromClause, [&](Node* f) { from = lappend(from, f); });
        where = u->whereClause;
      } else {
        auto* d = reinterpret_cast<DeleteStmt*>(stmt);
        for_each_node(d->usingClause, [&](Node* f) { from = lappend(from, f); });
        where = d->whereClause;
      }
      auto* sel = makeNode(SelectStmt);
      sel->targetList = targets;
      sel->fromClause = from;
      sel->whereClause = where;
      sel->limitOption = LIMIT_OPTION_DEFAULT;
      sel->op = SETOP_NONE;
      auto* ins = makeNode(InsertStmt);
      ins->relation = range_var("pg_temp", src, "");
      ins->selectStmt = reinterpret_cast<Node*>(sel);
      ins->override = OVERRIDING_NOT_SET;
      ins->withClause = with;
      fill = reinterpret_cast<Node*>(ins);
    }
    StatementResult r;
    execute_statement(fill, params, r, nullptr);
    MemoryContextSwitchTo(home);
  };
  bool orig_has_quals = false;
  if (event == CMD_UPDATE) {
    auto* u = reinterpret_cast<UpdateStmt*>(stmt);
    orig_has_quals = u->whereClause || u->fromClause;
  } else if (event == CMD_DELETE) {
    auto* d = reinterpret_cast<DeleteStmt*>(stmt);
    orig_has_quals = d->whereClause || d->usingClause;
  }

  int64_t tag_n = 0;
  bool tag_set = false;
  std::vector<std::vector<TextValue>> returned;
  std::vector<Column> returned_columns;

  auto run_actions = [&]() {
    for (auto& pr : rules) {
      int nactions = list_size(pr.stmt->actions);
      for (int k = 0; k < nactions; k++) {
        // A fresh tree for each action: the rewrite changes it in place.
        ParsedRule fresh = parse_rule(pr.row);
        MemoryContextSwitchTo(home);
        Node* action = list_at(fresh.stmt->actions, k);
        if (IsA(action, NotifyStmt)) unsupported("NOTIFY rule actions");
        Node* qual = fresh.stmt->whereClause;
        if (!orig_returning) set_action_returning(action, NIL);
        Replace rep = rep_template;
        rep.target = &t;
        rep.event = event;
        rep.src = src;
        replace_refs(rep, action);
        replace_qual_refs(rep, qual);
        std::vector<std::unique_ptr<ParsedScript>> defaults;
        resolve_action_defaults(catalog_, action, defaults);
        bool join = event == CMD_INSERT || rep.used || orig_has_quals;
        if (join) {
          fill_source();
          action = join_source(action, qual, range_var("pg_temp", src, src));
        } else if (qual) {
          action = join_source(action, qual, range_var("pg_temp", src, src));
          fill_source();
        }
        StatementResult r;
        std::string_view saved = current_sql_;
        current_sql_ = fresh.row.definition;
        try {
          execute_statement(action, {}, r, nullptr);
        } catch (...) {
          current_sql_ = saved;
          MemoryContextSwitchTo(home);
          throw;
        }
        current_sql_ = saved;
        MemoryContextSwitchTo(home);
        for (auto& x : r.notices) out.notices.push_back(std::move(x));
        if (IsA(action, SelectStmt)) {
          out.returns_rows = true;
          out.columns = r.columns;
          out.rows = std::move(r.rows);
          continue;
        }
        if (action_returning(action) && orig_returning) {
          returned = std::move(r.rows);
          returned_columns = r.columns;
        }
        int kind = IsA(action, InsertStmt) ? CMD_INSERT : IsA(action, UpdateStmt) ? CMD_UPDATE : CMD_DELETE;
        if (instead && pr.row.instead && kind == event) {
          tag_n = tag_count(r.command_tag);
          tag_set = true;
        }
      }
    }
  };

  // The original INSERT limited to the rows no conditional INSTEAD rule's qual accepts
  // (PostgreSQL adds "NOT qual" with NEW replaced by the inserted values): one VALUES row
  // becomes SELECT values WHERE …; other rows are read through a subquery.
  auto filter_insert = [&](const std::vector<Node*>& conds) {
    auto* o = reinterpret_cast<InsertStmt*>(stmt);
    auto* s = insert_select ? reinterpret_cast<SelectStmt*>(insert_select) : nullptr;
    if (!s) unsupported("INSERT ... DEFAULT VALUES on a relation with conditional DO INSTEAD rules");
    Replace rep = rep_template;
    rep.target = &t;
    rep.event = event;
    for (size_t i = 0; i < ncol; i++)
      if (!rep.new_subst[i] && std::find(insert_pos.begin(), insert_pos.end(), (int)i) == insert_pos.end())
        rep.new_subst[i] = null_of(i);
    auto* sel = makeNode(SelectStmt);
    sel->limitOption = LIMIT_OPTION_DEFAULT;
    sel->op = SETOP_NONE;
    if (one_row) {
      List* row = reinterpret_cast<List*>(list_at(s->valuesLists, 0));
      for (int p = 0; p < list_size(row); p++) {
        Node* v = list_at(row, p);
        if (IsA(v, SetToDefault)) unsupported("DEFAULT in an INSERT on a relation with conditional DO INSTEAD rules");
        if (p < (int)insert_pos.size()) rep.new_subst[(size_t)insert_pos[p]] = v;
        sel->targetList = lappend(sel->targetList, res_target(nullptr, v));
      }
    } else {
      const std::string alias = "pg_rule_new";
      rep.src = alias;
      auto* sub = makeNode(RangeSubselect);
      sub->subquery = insert_select;
      sub->alias = makeNode(Alias);
      sub->alias->aliasname = pstrdup(alias.c_str());
      for (int i : insert_pos) {
        std::string n = "n_" + std::to_string(i + 1);
        sub->alias->colnames = lappend(sub->alias->colnames, makeString(pstrdup(n.c_str())));
        sel->targetList = lappend(sel->targetList, res_target(nullptr, column_ref2(alias, n)));
      }
      // In a subquery, VALUES would resolve untyped literals to text: they are cast to the
      // column's type first (without its typmod, which the INSERT's assignment then checks).
      if (s->valuesLists)
        for_each_node(s->valuesLists, [&](Node* row) {
          auto* l = reinterpret_cast<List*>(row);
          for (int p = 0; p < list_size(l) && p < (int)insert_pos.size(); p++) {
            Node* v = list_at(l, p);
            if (IsA(v, SetToDefault)) unsupported("DEFAULT in an INSERT on a relation with conditional DO INSTEAD rules");
            auto* c = IsA(v, A_Const) ? reinterpret_cast<A_Const*>(v) : nullptr;
            if (c && (c->isnull || IsA(&c->val, String))) {
              const Column& col = t.columns[(size_t)insert_pos[p]];
              parsed.push_back(std::make_unique<ParsedScript>("SELECT CAST(NULL AS " + format_type_name(col.type_oid, -1) + ")"));
              MemoryContextSwitchTo(home);
              auto* cs = reinterpret_cast<SelectStmt*>(parsed.back()->statements()[0].raw->stmt);
              auto* tc = reinterpret_cast<TypeCast*>(reinterpret_cast<ResTarget*>(list_at(cs->targetList, 0))->val);
              tc->arg = v;
              l->elements[p].ptr_value = tc;
            }
          }
        });
      sel->fromClause = list_make1(sub);
    }
    for (Node* q : conds) {
      Replace r = rep;
      replace_qual_refs(r, q);
      sel->whereClause = and_of(sel->whereClause, is_not_true(q));
    }
    o->selectStmt = reinterpret_cast<Node*>(sel);
  };

  auto run_original = [&]() {
    // Conditional INSTEAD rules: the original keeps the rows none of their quals accept.
    Node* node = stmt;
    std::vector<ParsedRule> quals;  // their trees stay alive until the statement has run
    std::vector<Node*> insert_quals;
    for (auto& pr : rules) {
      if (!pr.row.instead || !pr.stmt->whereClause) continue;
      quals.push_back(parse_rule(pr.row));
      MemoryContextSwitchTo(home);
      Node* qual = quals.back().stmt->whereClause;
      Replace rep = rep_template;
      rep.target = &t;
      rep.event = event;
      rep.old_rel = target_ref;
      if (event == CMD_INSERT) {
        insert_quals.push_back(qual);
        continue;
      }
      if (event == CMD_UPDATE) {
        // NEW.x of an assigned column: its SET expression, evaluated in the original's own scope.
        for_each_node(reinterpret_cast<UpdateStmt*>(stmt)->targetList, [&](Node* n) {
          auto* rt = reinterpret_cast<ResTarget*>(n);
          const size_t k = (size_t)update_column(rt);
          rep.new_refused[k].clear();
          if (!IsA(rt->val, SetToDefault)) rep.new_subst[k] = rt->val;
        });
      }
      replace_qual_refs(rep, qual);
      if (event == CMD_UPDATE) {
        auto* u = reinterpret_cast<UpdateStmt*>(stmt);
        u->whereClause = and_of(u->whereClause, is_not_true(qual));
      } else {
        auto* d = reinterpret_cast<DeleteStmt*>(stmt);
        d->whereClause = and_of(d->whereClause, is_not_true(qual));
      }
    }
    if (!insert_quals.empty()) filter_insert(insert_quals);
    Node* saved_skip = rule_skip_;
    rule_skip_ = node;
    StatementResult r;
    try {
      execute_statement(node, params, r, nullptr);
    } catch (...) {
      rule_skip_ = saved_skip;
      MemoryContextSwitchTo(home);
      throw;
    }
    rule_skip_ = saved_skip;
    MemoryContextSwitchTo(home);
    for (auto& x : r.notices) out.notices.push_back(std::move(x));
    if (r.returns_rows || !out.returns_rows) {  // else: the rows of an ALSO rule's SELECT action
      out.returns_rows = r.returns_rows;
      out.columns = r.columns;
      out.rows = std::move(r.rows);
    }
    tag_n = tag_count(r.command_tag);
    tag_set = true;
  };

  if (event == CMD_INSERT) {
    if (!instead) run_original();
    run_actions();
  } else {
    run_actions();
    if (!instead) run_original();
  }

  if (instead && orig_returning) {
    // The statement's RETURNING over the rule's RETURNING rows, which stand for the relation.
    run_rule_sql("CREATE TEMP TABLE " + ret + " AS SELECT * FROM " + rel + " WITH NO DATA", {}, nullptr);
    ret_made = true;
    if (!returned.empty()) {
      std::string ins = "INSERT INTO pg_temp." + ret + " VALUES(";
      for (size_t i = 0; i < ncol; i++) ins += (i ? ", $" : "$") + std::to_string(i + 1);
      ins += ")";
      for (auto& row : returned) {
        std::vector<TextValue> vals(row.begin(), row.end());
        vals.resize(ncol);
        run_rule_sql(ins, vals, nullptr);
      }
    }
    auto* sel = makeNode(SelectStmt);
    sel->targetList = orig_returning;
    sel->fromClause = list_make1(range_var("pg_temp", ret, target_ref));
    sel->limitOption = LIMIT_OPTION_DEFAULT;
    sel->op = SETOP_NONE;
    StatementResult r;
    execute_statement(reinterpret_cast<Node*>(sel), {}, r, nullptr);
    MemoryContextSwitchTo(home);
    out.returns_rows = true;
    out.columns = r.columns;
    out.rows = std::move(r.rows);
  }
  if (src_made) run_rule_sql("DROP TABLE pg_temp." + src, {}, nullptr);
  if (ret_made) run_rule_sql("DROP TABLE pg_temp." + ret, {}, nullptr);
  if (!tag_set) tag_n = 0;
  switch (event) {
    case CMD_INSERT: out.command_tag = "INSERT 0 " + std::to_string(tag_n); break;
    case CMD_UPDATE: out.command_tag = "UPDATE " + std::to_string(tag_n); break;
    default: out.command_tag = "DELETE " + std::to_string(tag_n); break;
  }
  return true;
}

}  // namespace pgmicro

namespace pgmicro {

// A data-modifying WITH query whose relation has rules for its event: PostgreSQL rewrites it
// only for a single unconditional DO INSTEAD action (pgmicro does not: 0A000) and refuses the
// other rule kinds with these errors.
void refuse_rules_in_dml_with(Catalog& cat, sqlite3* db, Node* stmt) {
  WithClause* with = statement_with(stmt);
  if (!with) return;
  for_each_node(with->ctes, [&](Node* c) {
    Node* q = reinterpret_cast<CommonTableExpr*>(c)->ctequery;
    RangeVar* rv = q ? dml_relation(q) : nullptr;
    if (!rv) return;
    RuleTarget t;
    if (!resolve_rule_target(cat, rv, t)) return;
    const int event = IsA(q, InsertStmt) ? CMD_INSERT : IsA(q, UpdateStmt) ? CMD_UPDATE : CMD_DELETE;
    std::vector<RuleRow> rows = load_rules(db, t.oid, event);
    if (rows.empty()) return;
    std::vector<std::pair<int64_t, int>> stack;
    check_rule_recursion(cat, db, t.oid, event, stack);
    bool also = false, conditional = false, notify = false;
    int actions = 0;
    // The WITH query is rewritten first (its RETURNING needs an INSTEAD rule's RETURNING).
    if (List* returning = action_returning(q)) {
      (void)returning;
      bool any_instead = false, rule_returning = false;
      for (const RuleRow& r : rows) {
        ParsedRule p = parse_rule(r);
        any_instead |= r.instead;
        for_each_node(p.stmt->actions, [&](Node* a) { rule_returning |= action_returning(a) != NIL; });
      }
      if (any_instead && !rule_returning) {
        PgError e(sqlstate::kFeatureNotSupported, std::string("cannot perform ") + event_name(event) + " RETURNING on relation \"" + t.name + "\"");
        e.error.hint = std::string("You need an unconditional ON ") + event_name(event) + " DO INSTEAD rule with a RETURNING clause.";
        throw e;
      }
    }
    for (const RuleRow& r : rows) {
      ParsedRule p = parse_rule(r);
      if (!r.instead) also = true;
      else if (p.stmt->whereClause) {
        if (!p.stmt->actions) unsupported("conditional DO INSTEAD NOTHING rules on the relation of a data-modifying WITH query");
        conditional = true;
      } else {
        actions += list_size(p.stmt->actions);
        for_each_node(p.stmt->actions, [&](Node* a) { notify |= IsA(a, NotifyStmt); });
      }
    }
    const char* what = also ? "DO ALSO rules" : conditional ? "conditional DO INSTEAD rules"
                       : actions == 0 ? "DO INSTEAD NOTHING rules" : actions > 1 ? "multi-statement DO INSTEAD rules"
                       : notify ? "DO INSTEAD NOTIFY rules" : nullptr;
    if (what) throw PgError(sqlstate::kFeatureNotSupported, std::string(what) + " are not supported for data-modifying statements in WITH");
    unsupported("DO INSTEAD rules on the relation of a data-modifying WITH query");
  });
}

}  // namespace pgmicro

namespace pgmicro {

// CREATE RULE "_RETURN" AS ON SELECT TO t DO INSTEAD SELECT …: PostgreSQL 15 turns the empty
// table t into a view with that query (DefineQueryRewrite); other ON SELECT rules are 0A000.
void SessionImpl::convert_table_to_view(RuleStmt* stmt, RuleTarget& t, StatementResult& out) {
  std::string name = stmt->rulename;
  if (t.is_view) {
    if (name == "_RETURN" && !stmt->replace)
      throw PgError("55000", "\"" + t.name + "\" is already a view");
    unsupported("ON SELECT rules on views");
  }
  if (list_size(stmt->actions) != 1 || !IsA(list_at(stmt->actions, 0), SelectStmt) || !stmt->instead)
    throw PgError(sqlstate::kFeatureNotSupported, "rules on SELECT must have action INSTEAD SELECT");
  if (stmt->whereClause) throw PgError(sqlstate::kFeatureNotSupported, "rules on SELECT must not have a WHERE");
  const TableDef* table = catalog_.find_table_by_oid(t.oid);
  if (!table) unsupported("ON SELECT rules on this relation");
  if (name != "_RETURN")
    throw PgError(sqlstate::kInvalidObjectDefinition, "view rule for \"" + t.name + "\" must be named \"_RETURN\"");
  {
    StatementResult r;
    run_rule_sql("SELECT 1 FROM " + quote_ident(t.schema) + "." + quote_ident(t.name) + " LIMIT 1", {}, &r);
    if (!r.rows.empty())
      throw PgError("55000", "could not convert table \"" + t.name + "\" to a view because it is not empty");
  }
  if (!table->indexes.empty() || !table->constraints.empty() || !table->parents.empty() || !table->children.empty() ||
      table->partition_strategy)
    unsupported("converting a table with indexes, constraints or inheritance to a view");
  // The action's text: what follows "DO [INSTEAD]".
  const std::string text = current_stmt_text_;
  std::string lower = text;
  for (char& ch : lower) ch = (char)std::tolower((unsigned char)ch);
  size_t at = lower.find(" do ");
  if (at == std::string::npos) unsupported("this ON SELECT rule");
  size_t b = at + 4;
  while (b < text.size() && std::isspace((unsigned char)text[b])) b++;
  if (lower.compare(b, 7, "instead") == 0) b += 7;
  std::string query = text.substr(b);
  while (!query.empty() && (std::isspace((unsigned char)query.back()) || query.back() == ';')) query.pop_back();
  size_t f = query.find_first_not_of(" \t\r\n");
  query = f == std::string::npos ? "" : query.substr(f);
  if (query.size() > 1 && query.front() == '(' && query.back() == ')') query = query.substr(1, query.size() - 2);
  // The query's columns must be the table's (checkRuleResultList).
  std::vector<Column> cols;
  {
    ParsedScript ps(query);
    std::vector<Oid> types;
    CachedPlan plan;
    std::string_view saved = current_sql_;
    current_sql_ = query;
    try {
      plan_statement(ps.statements()[0].raw->stmt, types, plan);
    } catch (...) {
      current_sql_ = saved;
      throw;
    }
    current_sql_ = saved;
    cols = plan.columns;
  }
  t.columns = rule_relation_columns(t.schema, t.name);
  for (size_t i = 0; i < cols.size(); i++) {
    if (i >= t.columns.size()) throw PgError(sqlstate::kInvalidObjectDefinition, "SELECT rule's target list has too many entries");
    if (cols[i].name != t.columns[i].name)
      throw PgError(sqlstate::kInvalidObjectDefinition,
                    "SELECT rule's target entry " + std::to_string(i + 1) + " has different column name from column \"" + t.columns[i].name + "\"",
                    "SELECT target entry is named \"" + cols[i].name + "\".");
    if (cols[i].type_oid != t.columns[i].type_oid)
      throw PgError(sqlstate::kInvalidObjectDefinition,
                    "SELECT rule's target entry " + std::to_string(i + 1) + " has different type from column \"" + t.columns[i].name + "\"",
                    "SELECT target entry has type " + format_type_name(cols[i].type_oid, -1) + ", but column has type " +
                        format_type_name(t.columns[i].type_oid, -1) + ".");
  }
  if (cols.size() < t.columns.size()) throw PgError(sqlstate::kInvalidObjectDefinition, "SELECT rule's target list has too few entries");
  std::string names;
  for (auto& c : t.columns) names += (names.empty() ? "" : ", ") + quote_ident(c.name);
  const std::string rel = quote_ident(t.schema) + "." + quote_ident(t.name);
  run_rule_sql("DROP TABLE " + rel, {}, nullptr);
  current_stmt_text_ = "CREATE VIEW " + rel + " (" + names + ") AS " + query;
  std::string view_sql = current_stmt_text_;
  run_rule_sql(view_sql, {}, nullptr);
  out.notices.clear();
  out.command_tag = "CREATE RULE";
}

}  // namespace pgmicro

namespace pgmicro {

// Whether relation `relid` has rules for `event` (CmdType); for the analyzer, which refuses
// DML through an automatically updatable view on a relation with rules (analyze_view_update.cpp).
static int& rule_checks_off() {
  static thread_local int off = 0;
  return off;
}
RuleChecksOff::RuleChecksOff() { ++rule_checks_off(); }
RuleChecksOff::~RuleChecksOff() { --rule_checks_off(); }

bool relation_has_rules(sqlite3* db, int64_t relid, int event) {
  return db && !rule_checks_off() && !load_rules(db, relid, event).empty();
}

// PL/pgSQL and LANGUAGE sql bodies run their statements without the session's rewrite: a DML
// statement on a relation with rules for its event is refused there rather than run without them.
static void refuse_rules_unrewritten(Catalog& cat, sqlite3* db, Node* stmt, const char* where) {
  refuse_rules_in_dml_with(cat, db, stmt);
  RangeVar* rv = dml_relation(stmt);
  if (!rv) return;
  RuleTarget t;
  if (!resolve_rule_target(cat, rv, t)) return;
  const int event = IsA(stmt, InsertStmt) ? CMD_INSERT : IsA(stmt, UpdateStmt) ? CMD_UPDATE : CMD_DELETE;
  bool rules = !load_rules(db, t.oid, event).empty();
  if (event == CMD_INSERT && reinterpret_cast<InsertStmt*>(stmt)->onConflictClause) rules |= !load_rules(db, t.oid, CMD_UPDATE).empty();
  if (rules) unsupported(std::string("INSERT/UPDATE/DELETE on a relation with rules in ") + where);
}

void refuse_rules_in_plpgsql(Catalog& cat, sqlite3* db, Node* stmt) { refuse_rules_unrewritten(cat, db, stmt, "PL/pgSQL"); }

// ALTER TABLE … ENABLE [REPLICA | ALWAYS] / DISABLE RULE name: the rule's ev_enabled state in
// _pgmicro_rule_state (next to _pgmicro_rule, created on first use).
void set_rule_enabled(sqlite3* db, int64_t relid, const std::string& schema, const std::string& relname, const std::string& rule, char state) {
  for (const RuleRow& r : load_rules(db, relid, 0))
    if (r.name == rule) {
      const std::string dbname = sqlite_database(schema);
      exec_sql(db, "CREATE TABLE IF NOT EXISTS " + dbname + "._pgmicro_rule_state (oid INTEGER PRIMARY KEY, ev_enabled TEXT)");
      exec_sql(db, "INSERT OR REPLACE INTO " + dbname + "._pgmicro_rule_state VALUES(" + std::to_string(r.oid) + ", '" +
                       std::string(1, state) + "')");
      return;
    }
  throw PgError(sqlstate::kUndefinedObject, "rule \"" + rule + "\" for relation \"" + relname + "\" does not exist");
}

void refuse_rules_in_explain(Catalog& cat, sqlite3* db, Node* stmt) { refuse_rules_unrewritten(cat, db, stmt, "EXPLAIN"); }

void refuse_rules_in_sql_function(Catalog& cat, sqlite3* db, Node* stmt) {
  if (db && !rule_checks_off()) refuse_rules_unrewritten(cat, db, stmt, "SQL functions");
}

}  // namespace pgmicro

namespace pgmicro {

// Whether a DML statement's relation has rules for its event (Session::describe, describe.cpp).
bool dml_has_rules(Catalog& cat, sqlite3* db, Node* stmt) {
  RangeVar* rv = dml_relation(stmt);
  if (!rv) return false;
  RuleTarget t;
  if (!resolve_rule_target(cat, rv, t)) return false;
  const int event = IsA(stmt, InsertStmt) ? CMD_INSERT : IsA(stmt, UpdateStmt) ? CMD_UPDATE : CMD_DELETE;
  return !load_rules(db, t.oid, event).empty();
}

}  // namespace pgmicro
