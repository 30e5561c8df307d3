// SELECT analysis: FROM (tables, inner/left/right/full/cross joins), target list with *
// expansion and PostgreSQL's column naming, WHERE, GROUP BY/HAVING with aggregate checks,
// DISTINCT, ORDER BY (output names, ordinals, expressions; PostgreSQL's NULL order),
// LIMIT/OFFSET.
#include <algorithm>
#include <functional>
#include "analyze/search_cycle_star.h"
#include "analyze/analyze_row.h"
#include "analyze/sequence_relation.h"
#include "analyze/analyzer.h"
#include "catalog/privileges.h"
#include "types/geo.h"
#include "types/record.h"
#include "types/user_types.h"
#include "catalog/system_relations.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "plpgsql/plpgsql_tree.h"

namespace pgmicro {


static void check_no_lateral_reference(const SelectQuery& q, size_t right_start);

// FigureColname: the name PostgreSQL gives a result column without an alias.
static int figure_colname_internal(Node* node, std::string& name) {
  if (!node) return 0;
  switch (nodeTag(node)) {
    case T_ColumnRef: {
      auto* cr = reinterpret_cast<ColumnRef*>(node);
      // the last field name, ignoring "*" (t.* is named t)
      for (int i = list_size(cr->fields) - 1; i >= 0; i--)
        if (IsA(list_at(cr->fields, i), String)) { name = strVal(list_at(cr->fields, i)); return 2; }
      return 0;
    }
    case T_FuncCall: {
      auto* fc = reinterpret_cast<FuncCall*>(node);
      name = node_string(list_at(fc->funcname, list_size(fc->funcname) - 1));
      return 2;
    }
    case T_TypeCast: {
      auto* tc = reinterpret_cast<TypeCast*>(node);
      int s = figure_colname_internal(tc->arg, name);
      if (s <= 1) {
        name = node_string(list_at(tc->typeName->names, list_size(tc->typeName->names) - 1));
        return 1;
      }
      return s;
    }
    case T_CollateClause: return figure_colname_internal(reinterpret_cast<CollateClause*>(node)->arg, name);
    case T_A_Expr: {
      auto* a = reinterpret_cast<A_Expr*>(node);
      if (a->kind == AEXPR_NULLIF) { name = "nullif"; return 2; }
      return 0;
    }
    case T_CaseExpr: {
      auto* c = reinterpret_cast<CaseExpr*>(node);
      int s = figure_colname_internal(reinterpret_cast<Node*>(c->defresult), name);
      if (s <= 1) { name = "case"; return 1; }
      return s;
    }
    case T_CoalesceExpr: name = "coalesce"; return 2;
    case T_A_ArrayExpr: name = "array"; return 2;
    case T_RowExpr: name = "row"; return 2;
    case T_A_Indirection: {
      auto* ind = reinterpret_cast<A_Indirection*>(node);
      if (!ind->indirection) return figure_colname_internal(ind->arg, name);  // rules.cpp's substitution
      Node* last = list_at(ind->indirection, list_size(ind->indirection) - 1);
      if (IsA(last, String)) { name = strVal(last); return 2; }
      return figure_colname_internal(ind->arg, name);
    }
    case T_SubLink:
      switch (reinterpret_cast<SubLink*>(node)->subLinkType) {
        case EXISTS_SUBLINK: name = "exists"; return 2;
        case ARRAY_SUBLINK: name = "array"; return 2;
        case EXPR_SUBLINK: {
          // the subquery's single output column name
          auto* sub = reinterpret_cast<SelectStmt*>(reinterpret_cast<SubLink*>(node)->subselect);
          while (sub && sub->op != SETOP_NONE) sub = sub->larg;  // a set operation's names are its first arm's
          if (sub && sub->valuesLists) { name = "column1"; return 2; }
          if (sub && list_size(sub->targetList) == 1) {
            auto* rt = reinterpret_cast<ResTarget*>(list_at(sub->targetList, 0));
            if (rt->name) { name = rt->name; return 2; }
            return figure_colname_internal(rt->val, name);
          }
          return 0;
        }
        default: return 0;
      }
    case T_SQLValueFunction:
      switch (reinterpret_cast<SQLValueFunction*>(node)->op) {
        case SVFOP_CURRENT_DATE: name = "current_date"; return 2;
        case SVFOP_CURRENT_TIME: case SVFOP_CURRENT_TIME_N: name = "current_time"; return 2;
        case SVFOP_CURRENT_TIMESTAMP: case SVFOP_CURRENT_TIMESTAMP_N: name = "current_timestamp"; return 2;
        case SVFOP_LOCALTIME: case SVFOP_LOCALTIME_N: name = "localtime"; return 2;
        case SVFOP_LOCALTIMESTAMP: case SVFOP_LOCALTIMESTAMP_N: name = "localtimestamp"; return 2;
        case SVFOP_CURRENT_ROLE: name = "current_role"; return 2;
        case SVFOP_CURRENT_USER: name = "current_user"; return 2;
        case SVFOP_USER: name = "user"; return 2;
        case SVFOP_SESSION_USER: name = "session_user"; return 2;
        case SVFOP_CURRENT_CATALOG: name = "current_catalog"; return 2;
        case SVFOP_CURRENT_SCHEMA: name = "current_schema"; return 2;
      }
      return 0;
    case T_GroupingFunc: name = "grouping"; return 2;
    case T_MinMaxExpr: name = reinterpret_cast<MinMaxExpr*>(node)->op == IS_GREATEST ? "greatest" : "least"; return 2;
    default: return 0;
  }
}

std::string Analyzer::figure_colname(Node* node) {
  std::string name;
  if (figure_colname_internal(node, name) > 0) return name;
  return "?column?";
}

std::string RangeTableEntry::column_sql(size_t i) const {
  if (table) return quote_ident(table->columns[i].name);
  if (function) return (int)i < function_columns ? "c" + std::to_string(i + 1) : "ordinality";
  return "c" + std::to_string(i + 1);
}

static void apply_alias_columns(RangeTableEntry& rte, Alias* alias, int location) {
  if (!alias || !alias->colnames) return;
  if (list_size(alias->colnames) > (int)rte.column_names.size())
    throw PgError("42P10", "table \"" + rte.alias + "\" has " + std::to_string(rte.column_names.size()) +
                               " columns available but " + std::to_string(list_size(alias->colnames)) +
                               " columns specified").at(location);
  int i = 0;
  for_each_node(alias->colnames, [&](Node* c) { rte.column_names[i++] = node_string(c); });
}

std::unique_ptr<FromNode> Analyzer::analyze_from_item(Node* n, SelectQuery& q) {
  auto add_rte = [&](RangeTableEntry rte, int location) {
    for (size_t i = join_alias_floor_; i < q.rtable.size(); i++)
      if (q.rtable[i].alias == rte.alias)
        throw PgError(sqlstate::kDuplicateAlias, "table name \"" + rte.alias + "\" specified more than once");
    rte.sql_alias = next_alias("r");
    q.rtable.push_back(std::move(rte));
    auto fn = std::make_unique<FromNode>();
    fn->rte = (int)q.rtable.size() - 1;
    (void)location;
    return fn;
  };
  if (IsA(n, RangeVar)) {
    auto* rv = reinterpret_cast<RangeVar*>(n);
    RangeTableEntry rte;
    if (!rv->schemaname) {
      for (auto it = ctes_visible_.rbegin(); it != ctes_visible_.rend(); ++it) {
        if ((*it)->name != rv->relname) continue;
        if (!(*it)->materialized.empty() && !(*it)->has_returning)
          throw PgError(sqlstate::kFeatureNotSupported, "WITH query \"" + (*it)->name + "\" does not have a RETURNING clause")
              .at(rv->location);
        rte.cte = *it;
        rte.alias = rv->alias ? rv->alias->aliasname : rv->relname;
        rte.column_names = (*it)->column_names;
        rte.column_types = (*it)->column_types;
        rte.column_typmods = (*it)->column_typmods;
        apply_alias_columns(rte, rv->alias, rv->location);
        return add_rte(std::move(rte), rv->location);
      }
    }
    std::string schema = rv->schemaname ? rv->schemaname : "";
    std::string shown = schema.empty() ? std::string(rv->relname) : schema + "." + rv->relname;
    // pg_catalog's relations come first for an unqualified name, after temporary tables.
    const TableDef* t = nullptr;
    if (const SystemRelation* sr = find_system_relation(schema, rv->relname))
      if (!schema.empty() || !catalog_.temp_schema_exists() || !catalog_.find_table("pg_temp", rv->relname)) t = &sr->def;
    if (!t) t = catalog_.find_table(schema, rv->relname);
    if (!t) {
      if (const ViewDef* v = catalog_.find_view(schema, rv->relname)) {
        // Privileges: SELECT on the view, its relations as the view's owner (catalog/privileges.h).
        ViewPrivilegeScope view_scope(catalog_, *v);
        rte.subquery = analyze_view(*v);
        rte.view = v;
        rte.alias = rv->alias ? rv->alias->aliasname : v->name;
        for (size_t i = 0; i < rte.subquery->targets.size(); i++) {
          auto& tg = rte.subquery->targets[i];
          rte.column_names.push_back(i < v->column_names.size() ? v->column_names[i] : tg.name);
          rte.column_types.push_back(tg.expr->type);
          rte.column_typmods.push_back(tg.expr->typmod);
        }
        apply_alias_columns(rte, rv->alias, rv->location);
        return add_rte(std::move(rte), rv->location);
      }
    }
    if (!t && !catalog_.find_view(schema, rv->relname))
      if (const SequenceDef* s = catalog_.find_sequence(schema, rv->relname)) {
        // A sequence reads as its one row (analyze/sequence_relation.cpp).
        rte.subquery = sequence_relation_query(catalog_, *s);
        rte.alias = rv->alias ? rv->alias->aliasname : s->name;
        for (auto& tg : rte.subquery->targets) {
          rte.column_names.push_back(tg.name);
          rte.column_types.push_back(tg.expr->type);
          rte.column_typmods.push_back(-1);
        }
        apply_alias_columns(rte, rv->alias, rv->location);
        return add_rte(std::move(rte), rv->location);
      }
    if (!t) throw PgError(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist").at(rv->location);
    check_select_privilege(catalog_, *t, rv->schemaname ? rv->location : -1);
    rte.table = t;
    if (rv->inh) rte.inh_tables = table_descendants(catalog_, *t);
    rte.alias = rv->alias ? rv->alias->aliasname : t->name;
    for (auto& c : t->columns) {
      rte.column_names.push_back(c.name);
      rte.column_types.push_back(c.type);
      rte.column_typmods.push_back(c.typmod);
    }
    apply_alias_columns(rte, rv->alias, rv->location);
    return add_rte(std::move(rte), rv->location);
  }
  if (IsA(n, RangeSubselect)) {
    auto* rs = reinterpret_cast<RangeSubselect*>(n);
    if (!rs->alias) {
      // The raw tree has no location for the subquery: find its opening parenthesis.
      int pos = -1;
      auto* sub = reinterpret_cast<SelectStmt*>(rs->subquery);
      int inner = list_size(sub->targetList) ? expr_location(list_at(sub->targetList, 0)) : -1;
      for (int i = std::min<int>(inner, (int)sql_.size()) - 1; i >= 0; i--)
        if (sql_[i] == '(') { pos = i; break; }
      throw PgError(sqlstate::kSyntaxError, "subquery in FROM must have an alias", "",
                    "For example, FROM (SELECT ...) [AS] foo.").at(pos);
    }
    RangeTableEntry rte;
    if (rs->lateral) lateral_owners_.push_back(outer_scopes_.size());  // this query, once the subquery sees it
    try {
      rte.subquery = analyze_subquery(reinterpret_cast<SelectStmt*>(rs->subquery), rs->lateral);
    } catch (...) {
      if (rs->lateral) lateral_owners_.pop_back();
      throw;
    }
    if (rs->lateral) lateral_owners_.pop_back();
    rte.lateral = rs->lateral;
    if (rte.lateral && rte.subquery->targets.size() > 100) unsupported("LATERAL subqueries with more than 100 columns");
    rte.alias = rs->alias->aliasname;
    for (auto& t : rte.subquery->targets) {
      rte.column_names.push_back(t.name);
      rte.column_types.push_back(t.expr->type);
      rte.column_typmods.push_back(t.expr->typmod);
    }
    apply_alias_columns(rte, rs->alias, -1);
    return add_rte(std::move(rte), -1);
  }
  if (IsA(n, JoinExpr)) {
    auto* j = reinterpret_cast<JoinExpr*>(n);
    auto fn = std::make_unique<FromNode>();
    size_t left_start = q.rtable.size();
    // Inside an aliased JOIN only its own names can conflict (they are hidden outside it).
    size_t saved_floor = join_alias_floor_;
    struct RestoreFloor { size_t& f; size_t v; ~RestoreFloor() { f = v; } } restore_floor{join_alias_floor_, saved_floor};
    if (j->alias) join_alias_floor_ = left_start;
    fn->left = analyze_from_item(j->larg, q);
    size_t right_start = q.rtable.size();
    fn->right = analyze_from_item(j->rarg, q);
    join_alias_floor_ = saved_floor;
    switch (j->jointype) {
      case JOIN_INNER: fn->kind = j->quals ? JoinKind::Inner : JoinKind::Cross; break;
      case JOIN_LEFT: fn->kind = JoinKind::Left; break;
      case JOIN_RIGHT: fn->kind = JoinKind::Right; break;
      case JOIN_FULL: fn->kind = JoinKind::Full; break;
      default: unsupported("this join type", -1);
    }
    if (fn->kind == JoinKind::Right || fn->kind == JoinKind::Full)
      check_no_lateral_reference(q, right_start);
    if (j->isNatural || list_size(j->usingClause)) {
      analyze_using_join(j, *fn, q);
    } else if (j->quals) {
      agg_allowed_ = false;
      fn->quals = coerce_to_bool(transform_expr(j->quals, ExprContext::JoinOn), "JOIN/ON");
    }
    if (j->join_using_alias || j->alias) add_join_alias_entries(j, *fn, q, left_start);
    return fn;
  }
  if (IsA(n, RangeFunction)) return analyze_range_function(reinterpret_cast<RangeFunction*>(n), q);
  unsupported("this kind of FROM item", -1);
}

// RIGHT/FULL JOIN: the right side's LATERAL items and function calls may not refer to the
// items before it (PostgreSQL's "combining JOIN type must be INNER or LEFT").
static void find_lateral_reference(const Expr& e, int depth, size_t limit, const SelectQuery& q);
static void find_lateral_reference(const SelectQuery& sq, int depth, size_t limit, const SelectQuery& q) {
  auto walk = [&](const ExprPtr& x) { if (x) find_lateral_reference(*x, depth, limit, q); };
  for (auto& t : sq.targets) walk(t.expr);
  walk(sq.where);
  walk(sq.having);
  walk(sq.limit);
  walk(sq.offset);
  for (auto& g : sq.group_by) walk(g);
  for (auto& o : sq.order_by) walk(o.expr);
  for (auto& row : sq.values_rows)
    for (auto& x : row) walk(x);
  for (auto& r : sq.rtable) {
    walk(r.function);
    if (r.subquery) find_lateral_reference(*r.subquery, depth + 1, limit, q);
  }
  std::function<void(const FromNode&)> quals = [&](const FromNode& f) {
    walk(f.quals);
    if (f.left) quals(*f.left);
    if (f.right) quals(*f.right);
  };
  for (auto& f : sq.from) quals(*f);
  if (sq.larg) find_lateral_reference(*sq.larg, depth, limit, q);
  if (sq.rarg) find_lateral_reference(*sq.rarg, depth, limit, q);
  for (auto& c : sq.ctes)
    if (c->query) find_lateral_reference(*c->query, depth + 1, limit, q);
}
static bool lateral_reference_of_dml_target = false;  // check_no_dml_target_reference is walking
static void find_lateral_reference(const Expr& e, int depth, size_t limit, const SelectQuery& q) {
  if (e.kind == ExprKind::Var && e.levelsup == depth && e.rte >= 0 && (size_t)e.rte < limit) {
    std::string rel = q.rtable[(size_t)e.rte].alias;
    if (lateral_reference_of_dml_target)
      throw PgError(sqlstate::kInvalidColumnReference, "invalid reference to FROM-clause entry for table \"" + rel + "\"", "",
                    "There is an entry for table \"" + rel + "\", but it cannot be referenced from this part of the query.")
          .at(e.location);
    throw PgError(sqlstate::kInvalidColumnReference, "invalid reference to FROM-clause entry for table \"" + rel + "\"",
                  "The combining JOIN type must be INNER or LEFT for a LATERAL reference.")
        .at(e.location);
  }
  for (auto& a : e.args) find_lateral_reference(*a, depth, limit, q);
  if (e.compare) find_lateral_reference(*e.compare, depth, limit, q);
  if (e.subquery) find_lateral_reference(*e.subquery, depth + 1, limit, q);
}

static void check_no_lateral_reference(const SelectQuery& q, size_t right_start) {
  for (size_t i = right_start; i < q.rtable.size(); i++) {
    const RangeTableEntry& r = q.rtable[i];
    if (r.function) find_lateral_reference(*r.function, 0, right_start, q);
    if (r.subquery && r.lateral) find_lateral_reference(*r.subquery, 1, right_start, q);
  }
}

// UPDATE ... FROM / DELETE ... USING: LATERAL items and functions may not refer to the target
// (rte 0), as PostgreSQL's check_lateral_ref_ok (used by analyze_dml.cpp).
void check_no_dml_target_reference(const SelectQuery& scope) {
  lateral_reference_of_dml_target = true;
  try {
    check_no_lateral_reference(scope, 1);
  } catch (...) {
    lateral_reference_of_dml_target = false;
    throw;
  }
  lateral_reference_of_dml_target = false;
}

// The output columns of a multi-column set-returning function, or nullptr.
static const char* srf_columns(const std::string& name) {
  for (const auto& f : builtin_functions())
    if (f.returns_set && name == f.name && f.columns) return f.columns;
  return nullptr;
}

ExprPtr Analyzer::make_srf_call(const std::string& name, std::vector<ExprPtr> args, int location) {
  PolyInfo poly;
  const FunctionDef* f = resolve_function(name, args, false, location, &poly, true);
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->type = poly.polymorphic ? poly.result : f->result;
  e->templ = poly.polymorphic ? instantiate_template(f->templ, poly.elem) : f->templ;
  e->args = std::move(args);
  e->location = location;
  return e;
}

// A set-returning function in the select list (one, not under an aggregate): PostgreSQL's
// ProjectSet for a single SRF is a lateral cross join with the function, so it becomes a FROM
// item after the others and the call a reference to its column.
ExprPtr Analyzer::srf_in_select_list(const std::string& name, std::vector<ExprPtr> args, int location, ExprPtr prebuilt) {
  if (!scope_) unsupported("set-returning functions here", location);
  // (one-column ones such as json_array_elements work like any other)
  if (!prebuilt && srf_columns(name) && std::string(srf_columns(name)).find(',') != std::string::npos)
    unsupported(name + "() in the select list (use it in FROM)", location);
  SelectQuery& q = *scope_;
  // An argument using another select-list SRF's result: PostgreSQL evaluates nested SRFs in
  // separate steps.
  std::function<bool(const Expr&)> uses_srf = [&](const Expr& x) {
    if (x.kind == ExprKind::Var && x.levelsup == 0 && q.rtable[x.rte].function && q.rtable[x.rte].alias.empty()) return true;
    for (auto& a : x.args)
      if (uses_srf(*a)) return true;
    return false;
  };
  for (auto& a : args)
    if (uses_srf(*a)) srf_nested_ = true;  // evaluated after the inner one: a lateral join after it
  if (prebuilt)
    for (auto& a : prebuilt->args)
      if (uses_srf(*a)) srf_nested_ = true;
  ExprPtr e = prebuilt ? prebuilt : make_srf_call(name, std::move(args), location);
  srf_in_targets_++;
  RangeTableEntry rte;
  rte.function = e;
  rte.alias = "";
  rte.column_names.push_back(name);
  rte.column_types.push_back(e->type);
  rte.column_typmods.push_back(e->typmod);
  rte.hidden.push_back(true);  // not visible to column references
  rte.sql_alias = next_alias("r");
  q.rtable.push_back(std::move(rte));
  auto fn = std::make_unique<FromNode>();
  fn->rte = (int)q.rtable.size() - 1;
  q.from.push_back(std::move(fn));
  auto v = std::make_shared<Expr>();
  v->kind = ExprKind::Var;
  v->rte = (int)q.rtable.size() - 1;
  v->attno = 0;
  v->type = e->type;
  v->typmod = e->typmod;
  v->name = name;
  v->location = location;
  return v;
}

// Several SRFs in one select list run in lock step (PostgreSQL's ProjectSet): as many rows as
// the longest, the shorter ones padded with NULLs. The SRF items appended to FROM become LEFT
// JOINs on their ordinality against a series 1..max(row counts).
void Analyzer::lockstep_srfs(SelectQuery& q, int count) {
  std::vector<std::unique_ptr<FromNode>> srfs;
  for (int i = 0; i < count; i++) {
    srfs.insert(srfs.begin(), std::move(q.from.back()));
    q.from.pop_back();
  }
  auto renumber = [](const std::string& t, size_t offset) {
    std::string out;
    for (size_t i = 0; i < t.size(); i++) {
      if (t[i] == '$' && i + 1 < t.size() && isdigit((unsigned char)t[i + 1])) {
        size_t j = i + 1;
        int n = 0;
        while (j < t.size() && isdigit((unsigned char)t[j])) n = n * 10 + (t[j++] - '0');
        out += "$" + std::to_string(n + offset);
        i = j - 1;
      } else {
        out += t[i];
      }
    }
    return out;
  };
  auto driver = std::make_shared<Expr>();
  driver->kind = ExprKind::Call;
  driver->type = oid::kInt4;
  driver->name = "lockstep";
  std::string counts;
  for (auto& f : srfs) {
    const Expr& call = *q.rtable[f->rte].function;
    counts += (counts.empty() ? "" : ", ") + std::string("(SELECT count(*) FROM ") + renumber(call.templ, driver->args.size()) + ")";
    for (auto& a : call.args) driver->args.push_back(a);
  }
  driver->templ = "pg_series_int(1, max(" + counts + "), 1)";
  RangeTableEntry rte;
  rte.function = driver;
  rte.column_names.push_back("?lockstep?");
  rte.column_types.push_back(oid::kInt4);
  rte.column_typmods.push_back(-1);
  rte.hidden.push_back(true);
  rte.sql_alias = next_alias("r");
  std::string driver_alias = rte.sql_alias;
  q.rtable.push_back(std::move(rte));
  auto node = std::make_unique<FromNode>();
  node->rte = (int)q.rtable.size() - 1;
  for (auto& f : srfs) {
    auto on = std::make_shared<Expr>();
    on->kind = ExprKind::Raw;
    on->type = oid::kBool;
    on->templ = "(" + q.rtable[f->rte].sql_alias + ".ordinality = " + driver_alias + ".c1)";
    auto join = std::make_unique<FromNode>();
    join->kind = JoinKind::Left;
    join->left = std::move(node);
    join->right = std::move(f);
    join->quals = on;
    node = std::move(join);
  }
  q.from.push_back(std::move(node));
}

// json(b)_to_record(set)(doc) AS alias(col type, ...): the column definition list gives the
// output columns (runtime/table_functions.cpp: pg_json_to_record).
std::unique_ptr<FromNode> Analyzer::analyze_json_to_record(RangeFunction* rf, FuncCall* fc, const std::string& name, SelectQuery& q) {
  if (!list_size(rf->coldeflist))
    throw PgError(sqlstate::kSyntaxError, "a column definition list is required for functions returning \"record\"")
        .at(fc->location);
  if (list_size(fc->args) != 1 || fc->agg_star || fc->func_variadic || list_size(fc->agg_order) || fc->agg_filter || fc->over)
    unsupported(name + "() with these arguments", fc->location);
  bool jsonb = name.rfind("jsonb", 0) == 0, set = name.find("recordset") != std::string::npos;
  bool saved = agg_allowed_;
  agg_allowed_ = false;
  ExprPtr doc;
  try {
    doc = transform_expr(list_at(fc->args, 0), ExprContext::JoinOn);
  } catch (...) {
    agg_allowed_ = saved;
    throw;
  }
  agg_allowed_ = saved;
  Oid want = jsonb ? oid::kJsonb : oid::kJson;
  ExprPtr c = coerce_to(doc, want, -1, CastContext::Implicit, -1);
  if (!c)
    throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + format_type_name(doc->type, -1) + ") does not exist", "",
                  "No function matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  RangeTableEntry rte;
  std::string spec;
  for_each_node(rf->coldeflist, [&](Node* node) {
    auto* cd = reinterpret_cast<::ColumnDef*>(node);
    Oid t;
    int32_t typmod;
    resolve_type_name(cd->typeName, t, typmod);
    for (auto& prev : rte.column_names)
      if (prev == cd->colname)
        throw PgError(sqlstate::kDuplicateColumn, "column \"" + std::string(cd->colname) + "\" specified more than once");
    rte.column_names.push_back(cd->colname);
    rte.column_types.push_back(t);
    rte.column_typmods.push_back(typmod);
    spec += (spec.empty() ? "" : "\n") + std::to_string(t) + " " + std::to_string(typmod) + " " + cd->colname;
  });
  if (rte.column_names.size() > 100) unsupported("column definition lists of more than 100 columns", fc->location);
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->type = oid::kRecord;
  // A NULL document gives json_to_record one row of NULLs (an empty object), json_to_recordset none.
  e->templ = std::string(set ? "pg_json_to_record($1, " : "pg_json_to_record(coalesce($1, '{}'), ") + std::string(jsonb ? "1" : "0") + ", " + quote_literal(spec) + ", " + (set ? "1" : "0") + ")";
  e->args = {c};
  e->location = fc->location;
  rte.function = e;
  rte.function_columns = (int)rte.column_names.size();
  rte.alias = rf->alias ? rf->alias->aliasname : name;
  if (rf->ordinality) {
    rte.column_names.push_back("ordinality");
    rte.column_types.push_back(oid::kInt8);
    rte.column_typmods.push_back(-1);
  }
  for (auto& existing : q.rtable)
    if (existing.alias == rte.alias)
      throw PgError(sqlstate::kDuplicateAlias, "table name \"" + rte.alias + "\" specified more than once");
  rte.sql_alias = next_alias("r");
  q.rtable.push_back(std::move(rte));
  auto fn = std::make_unique<FromNode>();
  fn->rte = (int)q.rtable.size() - 1;
  return fn;
}

// A set-returning function in FROM (implicitly LATERAL: its arguments see the FROM items
// before it): one column named after the function or the alias, plus "ordinality" WITH
// ORDINALITY.
// unnest(a) of an array of a named composite type in FROM yields the type's columns, as
// PostgreSQL expands a function returning a composite: the elements' texts go through
// pg_record_rows (a NULL element is a row of NULLs).
static ExprPtr unnest_composite_rows(const ExprPtr& e, RangeTableEntry& rte) {
  if (e->name != "unnest" || e->args.size() != 1 || !is_named_composite(e->type)) return nullptr;
  const std::vector<RowField>* fields = row_type_fields(e->type, e->typmod);
  if (!fields || fields->empty() || fields->size() > 100) return nullptr;
  for (auto& f : *fields) {
    rte.column_names.push_back(f.name);
    rte.column_types.push_back(f.type);
    rte.column_typmods.push_back(f.typmod);
  }
  rte.function_columns = (int)fields->size();
  auto r = std::make_shared<Expr>(*e);
  r->type = oid::kRecord;
  r->typmod = -1;
  r->templ = "pg_record_rows((SELECT json_group_array(coalesce(c1, '(" + std::string(fields->size() - 1, ',') + ")')) FROM " +
             e->templ + "), " + std::to_string(row_type_id(e->type, e->typmod)) + ", 1)";
  return r;
}

std::unique_ptr<FromNode> Analyzer::analyze_range_function(RangeFunction* rf, SelectQuery& q) {
  if (rf->is_rowsfrom || list_size(rf->functions) != 1) unsupported("ROWS FROM");
  List* item = reinterpret_cast<List*>(list_at(rf->functions, 0));
  Node* call = list_at(item, 0);
  if (!IsA(call, FuncCall)) unsupported("this kind of function in FROM", expr_location(call));
  auto* fc = reinterpret_cast<FuncCall*>(call);
  int n = list_size(fc->funcname);
  std::string name = node_string(list_at(fc->funcname, n - 1));
  bool to_record = name == "json_to_record" || name == "jsonb_to_record" || name == "json_to_recordset" ||
                   name == "jsonb_to_recordset";
  if (to_record && (n == 1 || node_string(list_at(fc->funcname, n - 2)) == "pg_catalog") && catalog_.find_procs(name).empty())
    return analyze_json_to_record(rf, fc, name, q);
  if ((n == 1 || node_string(list_at(fc->funcname, n - 2)) == "pg_catalog") && catalog_.find_procs(name).empty())
    if (auto p = analyze_populate_record(*this, rf, fc, name, q)) return p;  // analyze_populate.cpp
  bool saved = agg_allowed_;
  agg_allowed_ = false;
  std::vector<ExprPtr> args;
  try {
    for_each_node(fc->args, [&](Node* a) { args.push_back(transform_expr(a, ExprContext::JoinOn)); });
  } catch (PgError& e) {
    agg_allowed_ = saved;
    if (e.error.message == "aggregate functions are not allowed in JOIN conditions")
      e.error.message = "aggregate functions are not allowed in functions in FROM";
    throw;
  }
  agg_allowed_ = saved;
  UserCall uc;
  bool user = false;
  if (n == 1 || node_string(list_at(fc->funcname, n - 2)) == "public") {
    agg_allowed_ = false;
    try {
      user = resolve_user_call(name, call, ExprContext::JoinOn, uc);
    } catch (...) {
      agg_allowed_ = saved;
      throw;
    }
    agg_allowed_ = saved;
  }
  if (user) {
    RangeTableEntry rte;
    bool coldefs = false;
    if (uc.result == oid::kRecord && uc.column_types.empty() && list_size(rf->coldeflist)) {
      for_each_node(rf->coldeflist, [&](Node* node) {
        auto* cd = reinterpret_cast<::ColumnDef*>(node);
        Oid t;
        int32_t typmod;
        resolve_type_name(cd->typeName, t, typmod);
        uc.column_names.push_back(cd->colname);
        uc.column_types.push_back(t);
      });
      uc.body_id = sql_function_body(*uc.proc, uc.arg_types, uc.result, uc.column_types);
      coldefs = true;
    }
    std::vector<int32_t> typmods;
    if (uc.column_types.empty() && is_named_composite(uc.result) && !plpgsql::is_plpgsql_definition(uc.proc->definition)) {
      // RETURNS a composite type: one column per field of the type (analyze_sqlfunc.cpp coerces
      // a whole-row final statement into the fields).
      for (const RowField& f : *row_type_fields(uc.result, -1)) {
        uc.column_names.push_back(f.name);
        uc.column_types.push_back(f.type);
        typmods.push_back(f.typmod);
      }
      uc.body_id = sql_function_body(*uc.proc, uc.arg_types, uc.result, uc.column_types);
    }
    if (uc.column_types.empty() && is_named_composite(domain_base_type(uc.result)))  // would need expanding into its fields
      unsupported("functions returning a composite type in FROM", fc->location);
    rte.function = user_call_expr(uc, true, !uc.proc->retset);
    rte.alias = rf->alias ? rf->alias->aliasname : name;
    if (!uc.column_types.empty()) {
      rte.function_columns = (int)uc.column_types.size();
      for (size_t i = 0; i < uc.column_types.size(); i++) {
        rte.column_names.push_back(uc.column_names[i]);
        rte.column_types.push_back(uc.column_types[i]);
        rte.column_typmods.push_back(i < typmods.size() ? typmods[i] : -1);
      }
    } else {
      if (uc.result == oid::kRecord) {
        if (!list_size(rf->coldeflist))
          throw PgError(sqlstate::kSyntaxError, "a column definition list is required for functions returning \"record\"")
              .at(fc->location);
      }
      rte.column_names.push_back(!uc.scalar_name.empty() ? uc.scalar_name
                                 : rf->alias && !list_size(rf->alias->colnames) ? std::string(rf->alias->aliasname) : name);
      rte.column_types.push_back(uc.result);
      rte.column_typmods.push_back(-1);
    }
    if (list_size(rf->coldeflist) && !coldefs)
      throw PgError(sqlstate::kSyntaxError, "a column definition list is only allowed for functions returning \"record\"")
          .at(reinterpret_cast<::ColumnDef*>(list_at(rf->coldeflist, 0))->location);
    if (rf->ordinality) {
      rte.column_names.push_back("ordinality");
      rte.column_types.push_back(oid::kInt8);
      rte.column_typmods.push_back(-1);
    }
    apply_alias_columns(rte, rf->alias, -1);
    for (auto& existing : q.rtable)
      if (existing.alias == rte.alias)
        throw PgError(sqlstate::kDuplicateAlias, "table name \"" + rte.alias + "\" specified more than once");
    rte.sql_alias = next_alias("r");
    q.rtable.push_back(std::move(rte));
    auto fn = std::make_unique<FromNode>();
    fn->rte = (int)q.rtable.size() - 1;
    return fn;
  }
  if (list_size(rf->coldeflist))
    throw PgError(sqlstate::kSyntaxError, "a column definition list is only allowed for functions returning \"record\"")
        .at(reinterpret_cast<::ColumnDef*>(list_at(rf->coldeflist, 0))->location);
  bool srf = false;
  for (const auto& f : builtin_functions()) srf |= f.returns_set && name == f.name;
  if (!srf || (n > 1 && node_string(list_at(fc->funcname, n - 2)) != "pg_catalog")) {
    // A scalar function in FROM yields one row; only set-returning built-ins are supported.
    std::string sig;
    for (size_t i = 0; i < args.size(); i++) sig += (i ? ", " : "") + format_type_name(args[i]->type, -1);
    bool known = false;
    for (const auto& f : builtin_functions()) known |= name == f.name;
    if (known) unsupported("non-set-returning functions in FROM", fc->location);
    throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist", "",
                  "No function matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  }
  ExprPtr e = make_srf_call(name, std::move(args), fc->location);
  RangeTableEntry rte;
  rte.function = e;
  rte.alias = rf->alias ? rf->alias->aliasname : name;
  if (ExprPtr rows = unnest_composite_rows(e, rte)) {  // unnest(composite[]): the element type's columns
    rte.function = rows;
  } else if (const char* cols = srf_columns(name)) {
    // several output columns ("key 25,value 114")
    std::string spec = cols;
    rte.function_columns = 0;
    for (size_t p = 0; p < spec.size();) {
      size_t comma = spec.find(',', p);
      std::string item = spec.substr(p, comma == std::string::npos ? std::string::npos : comma - p);
      size_t sp = item.find(' ');
      rte.column_names.push_back(item.substr(0, sp));
      rte.column_types.push_back((Oid)std::stoul(item.substr(sp + 1)));
      rte.column_typmods.push_back(-1);
      rte.function_columns++;
      p = comma == std::string::npos ? spec.size() : comma + 1;
    }
  } else {
    rte.column_names.push_back(rf->alias && !list_size(rf->alias->colnames) ? std::string(rf->alias->aliasname) : name);
    rte.column_types.push_back(e->type);
    rte.column_typmods.push_back(-1);
  }
  if (rf->ordinality) {
    rte.column_names.push_back("ordinality");
    rte.column_types.push_back(oid::kInt8);
    rte.column_typmods.push_back(-1);
  }
  apply_alias_columns(rte, rf->alias, -1);
  for (auto& existing : q.rtable)
    if (existing.alias == rte.alias)
      throw PgError(sqlstate::kDuplicateAlias, "table name \"" + rte.alias + "\" specified more than once");
  rte.sql_alias = next_alias("r");
  q.rtable.push_back(std::move(rte));
  auto fn = std::make_unique<FromNode>();
  fn->rte = (int)q.rtable.size() - 1;
  return fn;
}

void Analyzer::analyze_from(List* from, SelectQuery& q) {
  for_each_node(from, [&](Node* n) { q.from.push_back(analyze_from_item(n, q)); });
}

// SEARCH/CYCLE: in the recursive term, `*` of the query itself stops before the added columns
// (set by analyze_with.cpp while it analyses that term).
SearchCycleStar& search_cycle_star() {
  thread_local SearchCycleStar limit;
  return limit;
}

// Every column of one range-table entry as Vars (rel.* and the leaves of SELECT *).
static void expand_entry(const SelectQuery& q, int rte, int location, std::vector<TargetEntry>& out, int levelsup = 0) {
  auto& r = q.rtable[rte];
  size_t n = r.column_names.size();
  const SearchCycleStar& star = search_cycle_star();
  if (r.cte && r.cte == star.cte && star.columns < n) n = star.columns;
  for (size_t a = 0; a < n; a++) {
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Var;
    e->levelsup = levelsup;
    e->rte = rte;
    e->attno = (int)a;
    e->type = r.column_types[a];
    e->typmod = r.column_typmods[a];
    e->name = r.column_names[a];
    e->location = location;
    out.push_back({e, r.column_names[a]});
  }
}

// The columns a FROM item contributes to SELECT *: merged USING columns first, then each
// side's remaining columns (PostgreSQL's order).
static void expand_from(const SelectQuery& q, const FromNode& f, int location, std::vector<TargetEntry>& out) {
  if (f.kind == JoinKind::Base) {
    if (q.rtable[f.rte].function && q.rtable[f.rte].alias.empty()) return;  // a select-list SRF
    expand_entry(q, f.rte, location, out);
    return;
  }
  if (f.alias_rte >= 0) {  // (a JOIN b) AS j(x, y): the alias's column names
    auto& a = q.rtable[f.alias_rte];
    for (size_t i = 0; i < a.column_names.size(); i++) out.push_back({a.column_exprs[i], a.column_names[i]});
    return;
  }
  if (f.using_rte < 0) {
    expand_from(q, *f.left, location, out);
    expand_from(q, *f.right, location, out);
    return;
  }
  auto& j = q.rtable[f.using_rte];
  for (size_t a = 0; a < j.column_names.size(); a++) out.push_back({j.column_exprs[a], j.column_names[a]});
  for (const FromNode* side : {f.left.get(), f.right.get()}) {
    std::vector<TargetEntry> cols;
    expand_from(q, *side, location, cols);
    for (auto& c : cols) {
      bool merged = false;
      for (auto& m : j.column_names) merged |= m == c.name;
      if (!merged) out.push_back(c);
    }
  }
}

void Analyzer::analyze_using_join(JoinExpr* j, FromNode& fn, SelectQuery& q) {
  std::vector<TargetEntry> lcols, rcols;
  expand_from(q, *fn.left, -1, lcols);
  expand_from(q, *fn.right, -1, rcols);
  std::vector<std::string> names;
  if (j->isNatural) {
    for (auto& l : lcols)
      for (auto& r : rcols)
        if (l.name == r.name && std::find(names.begin(), names.end(), l.name) == names.end()) names.push_back(l.name);
  } else {
    for_each_node(j->usingClause, [&](Node* n) {
      std::string name = node_string(n);
      if (std::find(names.begin(), names.end(), name) != names.end())
        throw PgError(sqlstate::kDuplicateColumn, "column name \"" + name + "\" appears more than once in USING clause");
      names.push_back(name);
    });
  }
  auto find = [&](std::vector<TargetEntry>& cols, const std::string& name, const char* side) -> ExprPtr {
    ExprPtr hit;
    for (auto& c : cols) {
      if (c.name != name) continue;
      if (hit)
        throw PgError(sqlstate::kAmbiguousColumn, "common column name \"" + name + "\" appears more than once in " + side + " table");
      hit = c.expr;
    }
    if (!hit)
      throw PgError(sqlstate::kUndefinedColumn, "column \"" + name + "\" specified in USING clause does not exist in " + side + " table");
    return hit;
  };
  RangeTableEntry pseudo;
  pseudo.is_join = true;
  pseudo.sql_alias = "";
  std::vector<ExprPtr> quals;
  for (auto& name : names) {
    ExprPtr l = find(lcols, name, "left"), r = find(rcols, name, "right");
    quals.push_back(make_operator("=", l, r, -1));
    // PostgreSQL's buildMergedJoinVar: the column has the sides' common type; an inner join
    // uses whichever side needs no coercion (the left one first), LEFT the left side, RIGHT
    // the right side, FULL COALESCE of both.
    Oid t = select_common_type({l, r}, "JOIN/USING");
    ExprPtr lc = l->type == t ? l : coerce_to(l, t, -1, CastContext::Implicit, -1);
    ExprPtr rc = r->type == t ? r : coerce_to(r, t, -1, CastContext::Implicit, -1);
    ExprPtr merged = lc;
    if (fn.kind == JoinKind::Inner || fn.kind == JoinKind::Cross) merged = l->type == t ? l : r->type == t ? r : lc;
    if (fn.kind == JoinKind::Right) merged = rc;
    if (fn.kind == JoinKind::Full) {
      auto c = std::make_shared<Expr>();
      c->kind = ExprKind::Coalesce;
      c->type = t;
      c->args = {lc, rc};
      merged = c;
    }
    pseudo.column_names.push_back(name);
    pseudo.column_types.push_back(merged->type);
    pseudo.column_typmods.push_back(merged->typmod);
    pseudo.column_exprs.push_back(merged);
    // The sides' own columns are no longer visible unqualified.
    for (const ExprPtr& side : {l, r}) {
      if (side->kind == ExprKind::Var) {
        auto& rte = q.rtable[side->rte];
        if (rte.hidden.size() < rte.column_names.size()) rte.hidden.resize(rte.column_names.size(), false);
        rte.hidden[side->attno] = true;
      }
    }
    // Merged columns of an inner USING join are hidden the same way.
    for (auto& rte : q.rtable) {
      if (!rte.is_join) continue;
      for (size_t a = 0; a < rte.column_names.size(); a++)
        if (rte.column_exprs[a] == l || rte.column_exprs[a] == r) {
          if (rte.hidden.size() < rte.column_names.size()) rte.hidden.resize(rte.column_names.size(), false);
          rte.hidden[a] = true;
        }
    }
  }
  if (fn.kind == JoinKind::Cross) fn.kind = JoinKind::Inner;
  if (quals.size() == 1) fn.quals = quals[0];
  else if (!quals.empty()) {
    auto a = std::make_shared<Expr>();
    a->kind = ExprKind::And;
    a->type = oid::kBool;
    a->args = quals;
    fn.quals = a;
  }
  q.rtable.push_back(std::move(pseudo));
  fn.using_rte = (int)q.rtable.size() - 1;
}

// Aliases of a JOIN: `JOIN ... USING (...) AS u` names the merged columns; `(a JOIN b) AS j` names
// all the join's columns and hides the tables inside it. Each is a pseudo-entry (is_join) whose
// columns are expressions, visible only qualified.
void Analyzer::add_join_alias_entries(JoinExpr* j, FromNode& fn, SelectQuery& q, size_t first_rte) {
  auto add = [&](RangeTableEntry pseudo) {
    for (auto& existing : q.rtable)
      if (existing.alias == pseudo.alias)
        throw PgError(sqlstate::kDuplicateAlias, "table name \"" + pseudo.alias + "\" specified more than once");
    pseudo.is_join = true;
    pseudo.sql_alias = "";
    pseudo.hidden.assign(pseudo.column_names.size(), true);
    q.rtable.push_back(std::move(pseudo));
  };
  if (j->join_using_alias && fn.using_rte >= 0) {
    RangeTableEntry u = q.rtable[fn.using_rte];
    u.alias = j->join_using_alias->aliasname;
    add(std::move(u));
    fn.using_alias_rte = (int)q.rtable.size() - 1;
  }
  if (j->alias) {
    std::vector<TargetEntry> cols;
    expand_from(q, fn, -1, cols);
    // The tables inside are not visible by name any more.
    // Nor are their columns unqualified: the join's own (aliased) columns are (PostgreSQL's
    // transformFromClauseItem makes only the join's namespace item visible).
    for (size_t i = first_rte; i < q.rtable.size(); i++) {
      if (!q.rtable[i].alias.empty()) q.rtable[i].alias.insert(0, "\x01");
      q.rtable[i].hidden.assign(q.rtable[i].column_names.size(), true);
    }
    RangeTableEntry a;
    a.alias = j->alias->aliasname;
    for (auto& c : cols) {
      a.column_names.push_back(c.name);
      a.column_types.push_back(c.expr->type);
      a.column_typmods.push_back(c.expr->typmod);
      a.column_exprs.push_back(c.expr);
    }
    if (list_size(j->alias->colnames) > (int)cols.size())
      throw PgError("42P10", "join expression \"" + a.alias + "\" has " + std::to_string(cols.size()) +
                                 " columns available but " + std::to_string(list_size(j->alias->colnames)) + " columns specified");
    int i = 0;
    for_each_node(j->alias->colnames, [&](Node* c) { a.column_names[i++] = node_string(c); });
    add(std::move(a));
    fn.alias_rte = (int)q.rtable.size() - 1;
    q.rtable.back().hidden.assign(q.rtable.back().column_names.size(), false);
  }
}

void Analyzer::expand_star(SelectQuery& q, const std::string& rel, int location, std::vector<TargetEntry>& out) {
  if (rel.empty()) {
    if (q.rtable.empty())
      throw PgError(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid").at(location);
    for (auto& f : q.from) expand_from(q, *f, location, out);
    return;
  }
  bool found = false;
  for (size_t i = 0; i < q.rtable.size(); i++) {
    auto& r = q.rtable[i];
    if (r.alias != rel || (r.is_join && r.alias.empty())) continue;
    found = true;
    if (r.is_join) {
      for (size_t a = 0; a < r.column_names.size(); a++) out.push_back({r.column_exprs[a], r.column_names[a]});
      continue;
    }
    expand_entry(q, (int)i, location, out);
  }
  // rel.* of an enclosing query (a correlated or LATERAL subquery), innermost first.
  for (size_t level = 1; !found && level <= outer_scopes_.size(); level++) {
    SelectQuery& o = *outer_scopes_[outer_scopes_.size() - level];
    for (size_t i = 0; i < o.rtable.size() && !found; i++)
      if (!o.rtable[i].is_join && o.rtable[i].alias == rel) {
        found = true;
        expand_entry(o, (int)i, location, out, (int)level);
      }
  }
  if (!rel.empty() && !found)
    throw PgError(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + rel + "\"").at(location);
  if (rel.empty() && q.rtable.empty())
    throw PgError(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid").at(location);
}

bool expr_equal(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.type != b.type || a.args.size() != b.args.size()) return false;
  switch (a.kind) {
    case ExprKind::Var: return a.rte == b.rte && a.attno == b.attno && a.levelsup == b.levelsup;
    case ExprKind::SubLink: return false;
    case ExprKind::Raw: return a.templ == b.templ;
    case ExprKind::Const:
      return a.value.kind == b.value.kind && a.value.i == b.value.i && a.value.s == b.value.s &&
             (a.value.r == b.value.r);
    case ExprKind::Param: return a.param_no == b.param_no;
    default: break;
  }
  if (a.templ != b.templ || a.negated != b.negated || a.distinct != b.distinct || a.star != b.star ||
      a.has_else != b.has_else)
    return false;
  for (size_t i = 0; i < a.args.size(); i++)
    if (!expr_equal(*a.args[i], *b.args[i])) return false;
  return true;
}

int ordered_set_direct_count(const Expr& agg);  // analyze_ordered_set.cpp

void Analyzer::check_grouping(SelectQuery& q) {
  // Functionally dependent columns: a table whose primary key is fully grouped.
  std::vector<bool> pk_grouped(q.rtable.size(), false);
  for (size_t r = 0; r < q.rtable.size(); r++) {
    if (!q.rtable[r].table) continue;
    for (auto& c : q.rtable[r].table->constraints) {
      if (c.type != 'p') continue;
      bool all = true;
      for (int col : c.columns) {
        bool hit = false;
        for (auto& g : q.group_by) hit |= g->kind == ExprKind::Var && g->rte == (int)r && g->attno == col;
        all &= hit;
      }
      pk_grouped[r] = all;
    }
  }
  // int4 read as int8 (a USING join's merged column) is a cast in PostgreSQL: grouping by it does
  // not group the plain column.
  auto numeric_widening = [](Oid a, Oid b) {
    auto num = [](Oid t) {
      return t == oid::kInt2 || t == oid::kInt4 || t == oid::kInt8 || t == oid::kFloat4 || t == oid::kFloat8 ||
             t == oid::kNumeric;
    };
    return a != b && num(a) && num(b);
  };
  bool direct_arg = false;  // inside an ordered-set aggregate's direct arguments
  std::function<void(const ExprPtr&, const char*)> check = [&](const ExprPtr& e, const char* where) {
    if (!e) return;
    if (e->kind == ExprKind::Agg) {
      int n = ordered_set_direct_count(*e);
      direct_arg = true;
      for (int i = 0; i < n && i < (int)e->args.size(); i++) check(e->args[i], where);
      direct_arg = false;
      return;
    }
    if (e->kind == ExprKind::Grouping) {
      for (auto& a : e->args) {
        bool found = false;
        for (auto& g : q.group_by) found |= expr_equal(*a, *g);
        if (!found)
          throw PgError(sqlstate::kGroupingError,
                        "arguments to GROUPING must be grouping expressions of the associated query level")
              .at(a->location);
      }
      return;
    }
    for (auto& g : q.group_by)
      if (expr_equal(*e, *g)) return;
    if (e->kind == ExprKind::Var) {
      if (e->levelsup > 0 || pk_grouped[e->rte] || e->attno < 0) return;
      for (auto& g : q.group_by)  // the same column relabelled (varchar read as text)
        if (g->kind == ExprKind::Var && g->levelsup == 0 && g->rte == e->rte && g->attno == e->attno &&
            (!numeric_widening(e->type, g->type) || ((size_t)e->attno < q.rtable[e->rte].column_types.size() && g->type == q.rtable[e->rte].column_types[e->attno])))
          return;
      throw PgError(sqlstate::kGroupingError,
                    "column \"" + q.rtable[e->rte].alias + "." + q.rtable[e->rte].column_names[e->attno] +
                        "\" must appear in the GROUP BY clause or be used in an aggregate function",
                    direct_arg ? "Direct arguments of an ordered-set aggregate must use only grouped columns." : "")
          .at(e->location);
    }
    for (auto& a : e->args) check(a, where);
  };
  for (auto& t : q.targets) check(t.expr, "SELECT");
  check(q.having, "HAVING");
  for (auto& s : q.order_by) check(s.expr, "ORDER BY");
}

std::unique_ptr<SelectQuery> Analyzer::analyze_select_body(SelectStmt* stmt, bool finalize_unknown_targets) {
  if (list_size(stmt->valuesLists)) return analyze_values(stmt, finalize_unknown_targets);
  // A top-level SELECT INTO is CREATE TABLE AS (session.cpp); anywhere else PostgreSQL refuses it.
  if (stmt->intoClause)
    throw PgError(sqlstate::kSyntaxError, "SELECT ... INTO is not allowed here").at(stmt->intoClause->rel->location);
  if (stmt->groupDistinct) unsupported("GROUP BY DISTINCT", -1);
  if (stmt->limitOption == LIMIT_OPTION_WITH_TIES && !list_size(stmt->sortClause))
    throw PgError(sqlstate::kSyntaxError, "WITH TIES cannot be specified without ORDER BY clause");

  auto q = std::make_unique<SelectQuery>();
  struct Restore {
    Analyzer* a; SelectQuery* s; bool allowed, saw, in_agg;
    ~Restore() { a->scope_ = s; a->agg_allowed_ = allowed; a->saw_agg_ = saw; a->in_aggregate_ = in_agg; }
  } restore{this, scope_, agg_allowed_, saw_agg_, in_aggregate_};
  scope_ = q.get();
  in_aggregate_ = false;
  List* saved_windows = window_clause_;
  window_clause_ = stmt->windowClause;
  {
    std::vector<std::string> names;  // WINDOW w AS (...), w AS (...): 42P20
    for_each_node(stmt->windowClause, [&](Node* n) {
      auto* w = reinterpret_cast<WindowDef*>(n);
      if (!w->name) return;
      for (auto& prev : names)
        if (prev == w->name)
          throw PgError(sqlstate::kWindowingError, "window \"" + prev + "\" is already defined").at(w->location);
      names.push_back(w->name);
    });
  }
  struct RestoreWindows { Analyzer* a; List* w; ~RestoreWindows() { a->window_clause_ = w; } } restore_windows{this, saved_windows};

  analyze_from(stmt->fromClause, *q);
  int saved_srf = srf_in_targets_;
  bool saved_nested = srf_nested_;
  srf_in_targets_ = 0;
  srf_nested_ = false;
  struct RestoreSrf {
    Analyzer* a; int v; bool n;
    ~RestoreSrf() { a->srf_in_targets_ = v; a->srf_nested_ = n; }
  } restore_srf{this, saved_srf, saved_nested};
  size_t from_items = q->from.size();

  // Target list.
  agg_allowed_ = true;
  saw_agg_ = false;
  for_each_node(stmt->targetList, [&](Node* n) {
    auto* rt = reinterpret_cast<ResTarget*>(n);
    if (expand_row_star(*this, rt->val, q->targets)) return;  // (x).*: analyze_row.cpp
    if (IsA(rt->val, ColumnRef)) {
      auto* cr = reinterpret_cast<ColumnRef*>(rt->val);
      int nf = list_size(cr->fields);
      if (IsA(list_at(cr->fields, nf - 1), A_Star)) {
        expand_star(*q, nf >= 2 ? node_string(list_at(cr->fields, nf - 2)) : "", cr->location, q->targets);
        return;
      }
    }
    ExprPtr e = transform_expr(rt->val, ExprContext::SelectTarget);
    q->targets.push_back({e, rt->name ? rt->name : figure_colname(rt->val)});
  });
  bool target_aggs = saw_agg_;
  if (srf_in_targets_ > 1 && srf_nested_ && srf_in_targets_ > 2)
    unsupported("nested set-returning functions together with other set-returning functions in the select list");
  if (srf_in_targets_ > 1 && !srf_nested_) lockstep_srfs(*q, srf_in_targets_);

  if (stmt->whereClause) {
    agg_allowed_ = false;
    q->where = coerce_to_bool(transform_expr(stmt->whereClause, ExprContext::Where), "WHERE");
  }

  // GROUP BY: input column names first, then output names, then ordinals.
  agg_allowed_ = false;
  std::function<void(Node*)> add_group_item;
  add_group_item = [&](Node* n) {
    if (IsA(n, A_Const) && IsA(&reinterpret_cast<A_Const*>(n)->val, Integer)) {
      long pos = intVal(&reinterpret_cast<A_Const*>(n)->val);
      if (pos < 1 || pos > (long)q->targets.size())
        throw PgError("42P10", "GROUP BY position " + std::to_string(pos) + " is not in select list")
            .at(reinterpret_cast<A_Const*>(n)->location);
      std::function<const Expr*(const Expr&, ExprKind)> find_kind = [&](const Expr& e, ExprKind k) -> const Expr* {
        if (e.kind == k) return &e;
        for (auto& a : e.args)
          if (const Expr* f = find_kind(*a, k)) return f;
        return nullptr;
      };
      if (find_kind(*q->targets[pos - 1].expr, ExprKind::Agg))
        throw PgError(sqlstate::kGroupingError, "aggregate functions are not allowed in GROUP BY")
            .at(q->targets[pos - 1].expr->location);
      if (const Expr* w = find_kind(*q->targets[pos - 1].expr, ExprKind::Window))
        throw PgError(sqlstate::kWindowingError, "window functions are not allowed in GROUP BY").at(w->location);
      q->group_by.push_back(q->targets[pos - 1].expr);
      return;
    }
    if (IsA(n, ColumnRef) && list_size(reinterpret_cast<ColumnRef*>(n)->fields) == 1) {
      try {
        q->group_by.push_back(transform_expr(n, ExprContext::GroupBy));
        return;
      } catch (PgError& e) {
        if (e.error.sqlstate != sqlstate::kUndefinedColumn) throw;
        std::string name = node_string(list_at(reinterpret_cast<ColumnRef*>(n)->fields, 0));
        for (auto& t : q->targets)
          if (t.name == name) { q->group_by.push_back(t.expr); return; }
        throw;
      }
    }
    q->group_by.push_back(transform_expr(n, ExprContext::GroupBy));
  };
  // One grouping expression, deduplicated: its index in group_by.
  auto group_index = [&](Node* n) {
    size_t before = q->group_by.size();
    add_group_item(n);
    ExprPtr e = q->group_by.back();
    for (size_t i = 0; i < before; i++)
      if (expr_equal(*q->group_by[i], *e)) { q->group_by.pop_back(); return (int)i; }
    return (int)before;
  };
  using Sets = std::vector<std::vector<int>>;
  std::function<Sets(Node*)> expand = [&](Node* n) -> Sets {
    if (!IsA(n, GroupingSet)) return {{group_index(n)}};
    auto* gs = reinterpret_cast<GroupingSet*>(n);
    Sets out;
    switch (gs->kind) {
      case GROUPING_SET_EMPTY: return {{}};
      case GROUPING_SET_SIMPLE: {
        std::vector<int> set;
        for_each_node(gs->content, [&](Node* x) { for (auto& s : expand(x)) set.insert(set.end(), s.begin(), s.end()); });
        return {set};
      }
      case GROUPING_SET_ROLLUP:
      case GROUPING_SET_CUBE: {
        std::vector<std::vector<int>> items;  // each item: its columns
        for_each_node(gs->content, [&](Node* x) {
          std::vector<int> cols;
          for (auto& s : expand(x)) cols.insert(cols.end(), s.begin(), s.end());
          items.push_back(cols);
        });
        if (gs->kind == GROUPING_SET_ROLLUP) {
          for (size_t k = items.size() + 1; k-- > 0;) {
            std::vector<int> set;
            for (size_t i = 0; i < k; i++) set.insert(set.end(), items[i].begin(), items[i].end());
            out.push_back(set);
          }
        } else {
          if (items.size() > 12) unsupported("CUBE with more than 12 elements", gs->location);
          for (size_t mask = (1u << items.size()); mask-- > 0;) {
            std::vector<int> set;
            for (size_t i = 0; i < items.size(); i++)
              if (mask & (1u << (items.size() - 1 - i))) set.insert(set.end(), items[i].begin(), items[i].end());
            out.push_back(set);
          }
        }
        return out;
      }
      case GROUPING_SET_SETS:
        for_each_node(gs->content, [&](Node* x) { for (auto& s : expand(x)) out.push_back(s); });
        return out;
    }
    return out;
  };
  bool has_sets = false;
  for_each_node(stmt->groupClause, [&](Node* n) { has_sets |= IsA(n, GroupingSet); });
  if (!has_sets) {
    try {
      for_each_node(stmt->groupClause, [&](Node* n) {
        add_group_item(n);
        if (is_geo_type(q->group_by.back()->type))  // no btree/hash opclass (types/geo.h)
          throw PgError("42883", "could not identify an equality operator for type " +
                                     format_type_name(q->group_by.back()->type, -1))
              .at(expr_location(n));
      });
    } catch (PgError& err) {
      // PostgreSQL analyses ORDER BY before GROUP BY: an ambiguous column there is reported first.
      if (err.error.sqlstate == sqlstate::kAmbiguousColumn)
        for_each_node(stmt->sortClause, [&](Node* n) {
          Node* x = reinterpret_cast<SortBy*>(n)->node;
          if (IsA(x, A_Const)) return;
          if (IsA(x, ColumnRef) && list_size(reinterpret_cast<ColumnRef*>(x)->fields) == 1 &&
              IsA(list_at(reinterpret_cast<ColumnRef*>(x)->fields, 0), String)) {
            std::string name = node_string(list_at(reinterpret_cast<ColumnRef*>(x)->fields, 0));
            for (auto& t : q->targets)
              if (t.name == name) return;  // an output column
          }
          try {
            transform_expr(x, ExprContext::OrderBy);
          } catch (PgError& e2) {
            if (e2.error.sqlstate == sqlstate::kAmbiguousColumn) throw;
          }
        });
      throw;
    }
  } else {
    // GROUP BY a, ROLLUP(b): the cross product of the items' grouping sets.
    Sets sets = {{}};
    for_each_node(stmt->groupClause, [&](Node* n) {
      Sets item = expand(n), next;
      for (auto& s : sets)
        for (auto& t : item) {
          std::vector<int> u = s;
          for (int x : t)
            if (std::find(u.begin(), u.end(), x) == u.end()) u.push_back(x);
          next.push_back(u);
        }
      if (next.size() > 4096) unsupported("more than 4096 grouping sets", -1);
      sets = std::move(next);
    });
    q->grouping_sets = std::move(sets);
  }

  saw_agg_ = false;
  if (stmt->havingClause) {
    agg_allowed_ = true;
    q->having = coerce_to_bool(transform_expr(stmt->havingClause, ExprContext::Having), "HAVING");
  }
  bool having_aggs = saw_agg_;

  // ORDER BY: output column name, ordinal, or an expression over the input.
  saw_agg_ = false;
  agg_allowed_ = true;
  for_each_node(stmt->sortClause, [&](Node* n) {
    auto* sb = reinterpret_cast<SortBy*>(n);
    SortClause sc = sort_direction(sb);
    Node* x = sb->node;
    if (IsA(x, A_Const) && IsA(&reinterpret_cast<A_Const*>(x)->val, Integer)) {
      long pos = intVal(&reinterpret_cast<A_Const*>(x)->val);
      if (pos < 1 || pos > (long)q->targets.size())
        throw PgError("42P10", "ORDER BY position " + std::to_string(pos) + " is not in select list")
            .at(reinterpret_cast<A_Const*>(x)->location);
      sc.expr = q->targets[pos - 1].expr;
    } else {
      if (IsA(x, ColumnRef) && list_size(reinterpret_cast<ColumnRef*>(x)->fields) == 1 &&
          IsA(list_at(reinterpret_cast<ColumnRef*>(x)->fields, 0), String)) {
        std::string name = node_string(list_at(reinterpret_cast<ColumnRef*>(x)->fields, 0));
        const TargetEntry* match = nullptr;
        for (auto& t : q->targets) {
          if (t.name != name) continue;
          if (match && !expr_equal(*match->expr, *t.expr))
            throw PgError(sqlstate::kAmbiguousColumn, "ORDER BY \"" + name + "\" is ambiguous").at(sb->location);
          match = &t;
        }
        if (match) sc.expr = match->expr;
      }
      if (!sc.expr) sc.expr = finalize_unknown(transform_expr(x, ExprContext::OrderBy));
      bool distinct_on = list_size(stmt->distinctClause) && list_at(stmt->distinctClause, 0) != nullptr;
      if (stmt->distinctClause && !distinct_on) {
        bool in_list = false;
        for (auto& t : q->targets) in_list |= expr_equal(*t.expr, *sc.expr);
        if (!in_list)
          throw PgError("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list")
              .at(expr_location(x));
      }
    }
    auto unorderable = [](Oid t, int32_t typmod) {  // no btree opclass (types/geo.h), also inside a row type
      if (is_geo_type(t)) return true;
      if (!is_named_composite(t)) return false;
      const std::vector<RowField>* f = row_type_fields(t, typmod);
      for (size_t i = 0; f && i < f->size(); i++)
        if (is_geo_type(domain_base_type((*f)[i].type))) return true;
      return false;
    };
    if (unorderable(sc.expr->type, sc.expr->typmod) && sb->sortby_dir != SORTBY_USING)
      throw PgError("42883", "could not identify an ordering operator for type " + format_type_name(sc.expr->type, -1), "",
                    "Use an explicit ordering operator or modify the query.")
          .at(expr_location(x));
    q->order_by.push_back(sc);
  });
  bool order_aggs = saw_agg_;
  agg_allowed_ = false;

  if (stmt->distinctClause) {
    if (list_size(stmt->distinctClause) && list_at(stmt->distinctClause, 0) != nullptr) {
      // DISTINCT ON (exprs): the first row of each group in ORDER BY order; the expressions
      // must match the leading ORDER BY items, as PostgreSQL requires.
      agg_allowed_ = true;
      for_each_node(stmt->distinctClause, [&](Node* n) {
        ExprPtr e;
        if (IsA(n, A_Const) && IsA(&reinterpret_cast<A_Const*>(n)->val, Integer)) {
          long pos = intVal(&reinterpret_cast<A_Const*>(n)->val);
          if (pos < 1 || pos > (long)q->targets.size())
            throw PgError("42P10", "SELECT DISTINCT ON position " + std::to_string(pos) + " is not in select list")
                .at(reinterpret_cast<A_Const*>(n)->location);
          e = q->targets[pos - 1].expr;
        } else {
          if (IsA(n, ColumnRef) && list_size(reinterpret_cast<ColumnRef*>(n)->fields) == 1) {
            std::string name = node_string(list_at(reinterpret_cast<ColumnRef*>(n)->fields, 0));
            for (auto& t : q->targets)
              if (t.name == name && !e) e = t.expr;
          }
          if (!e) e = finalize_unknown(transform_expr(n, ExprContext::OrderBy));
        }
        size_t i = q->distinct_on.size();
        if (i < q->order_by.size() && !expr_equal(*q->order_by[i].expr, *e)) {
          bool later = false;
          for (auto& o : q->order_by) later |= expr_equal(*o.expr, *e);
          (void)later;
          throw PgError("42P10", "SELECT DISTINCT ON expressions must match initial ORDER BY expressions")
              .at(expr_location(n));
        }
        q->distinct_on.push_back(e);
      });
      agg_allowed_ = false;
    } else {
      q->distinct = true;
      for (auto& t : q->targets)
        if (is_geo_type(t.expr->type))  // no btree/hash opclass (types/geo.h)
          throw PgError("42883", "could not identify an equality operator for type " + format_type_name(t.expr->type, -1))
              .at(t.expr->location);
    }
  }

  q->has_aggs = target_aggs || having_aggs || order_aggs;
  if (q->from.size() != from_items && (q->has_aggs || !q->group_by.empty() || q->having || saw_window_))
    unsupported("set-returning functions in the select list of a query with aggregates, GROUP BY or window functions");
  if (q->has_aggs || !q->group_by.empty() || q->having || !q->grouping_sets.empty()) check_grouping(*q);
  if (!q->grouping_sets.empty()) {
    // Lowered as a UNION ALL of one GROUP BY per set: ORDER BY may only sort result columns.
    if (saw_window_) unsupported("window functions with GROUPING SETS, ROLLUP or CUBE");
    // A subquery's outer references to grouping columns would not read as NULL in the
    // branches that group them away.
    std::function<bool(const Expr&)> has_sublink = [&](const Expr& e) {
      if (e.kind == ExprKind::SubLink) return true;
      for (auto& a : e.args) if (has_sublink(*a)) return true;
      return false;
    };
    for (auto& t : q->targets)
      if (has_sublink(*t.expr)) unsupported("subqueries in the select list with GROUPING SETS, ROLLUP or CUBE", t.expr->location);
    if (q->having && has_sublink(*q->having)) unsupported("subqueries in HAVING with GROUPING SETS, ROLLUP or CUBE");
    if (!q->distinct_on.empty()) unsupported("DISTINCT ON with GROUPING SETS, ROLLUP or CUBE");
    for (auto& o : q->order_by) {
      bool in_targets = false;
      for (auto& t : q->targets)
        if (t.expr == o.expr || expr_equal(*t.expr, *o.expr)) { o.expr = t.expr; in_targets = true; break; }
      if (!in_targets) unsupported("ORDER BY expressions that are not in the select list with GROUPING SETS, ROLLUP or CUBE");
    }
  }

  if (finalize_unknown_targets)
    for (auto& t : q->targets) t.expr = finalize_unknown(t.expr);
  // FOR UPDATE/SHARE: SQLite serializes writers, so row locks need no action; PostgreSQL's
  // restrictions still apply.
  for_each_node(stmt->lockingClause, [&](Node* n) {
    auto* lc = reinterpret_cast<LockingClause*>(n);
    const char* what = lc->strength == LCS_FORKEYSHARE ? "KEY SHARE" : lc->strength == LCS_FORSHARE ? "SHARE"
                     : lc->strength == LCS_FORNOKEYUPDATE ? "NO KEY UPDATE" : "UPDATE";
    auto fail = [&](const char* with) {
      throw PgError(sqlstate::kFeatureNotSupported, std::string("FOR ") + what + " is not allowed with " + with);
    };
    if (q->distinct) fail("DISTINCT clause");
    if (!q->group_by.empty()) fail("GROUP BY clause");
    if (q->having) fail("HAVING clause");
    if (q->has_aggs) fail("aggregate functions");
    if (saw_window_) fail("window functions");
    // FOR UPDATE OF name: a FROM item of this query that is not a join (transformLockingClause).
    for_each_node(lc->lockedRels, [&](Node* rn) {
      auto* rv = reinterpret_cast<RangeVar*>(rn);
      if (rv->schemaname) return;
      std::string name = rv->relname;
      const RangeTableEntry* hit = nullptr;
      for (auto& r : q->rtable)
        if (r.alias == name) hit = &r;
      if (!hit)
        throw PgError(sqlstate::kUndefinedTable, "relation \"" + name + "\" in FOR " + what + " clause not found in FROM clause")
            .at(rv->location);
      if (hit->is_join)
        throw PgError(sqlstate::kFeatureNotSupported, std::string("FOR ") + what + " cannot be applied to a join").at(rv->location);
      if (hit->cte)
        throw PgError(sqlstate::kFeatureNotSupported, std::string("FOR ") + what + " cannot be applied to a WITH query")
            .at(rv->location);
    });
  });

  if (stmt->limitOption == LIMIT_OPTION_WITH_TIES) {
    if (q->distinct || !q->distinct_on.empty() || !q->grouping_sets.empty())
      unsupported("FETCH FIRST ... WITH TIES with DISTINCT or GROUPING SETS", -1);
    q->with_ties = true;
  }
  q->limit = transform_limit(stmt->limitCount, ExprContext::Limit, "LIMIT");
  q->offset = transform_limit(stmt->limitOffset, ExprContext::Offset, "OFFSET");
  return q;
}

std::unique_ptr<SelectQuery> Analyzer::analyze_values(SelectStmt* stmt, bool finalize_unknown_targets) {
  auto q = std::make_unique<SelectQuery>();
  size_t width = 0;
  for_each_node(stmt->valuesLists, [&](Node* rown) {
    auto* row = reinterpret_cast<List*>(rown);
    if (!q->values_rows.empty() && (size_t)list_size(row) != width)
      throw PgError(sqlstate::kSyntaxError, "VALUES lists must all be the same length").at(expr_location(list_at(row, 0)));
    width = list_size(row);
    std::vector<ExprPtr> exprs;
    for_each_node(row, [&](Node* n) {
      if (IsA(n, SetToDefault))
        throw PgError(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context").at(expr_location(n));
      exprs.push_back(transform_expr(n, ExprContext::Values));
    });
    q->values_rows.push_back(std::move(exprs));
  });
  for (size_t c = 0; c < width; c++) {
    std::vector<ExprPtr> col;
    for (auto& r : q->values_rows) col.push_back(r[c]);
    bool all_unknown = true;
    for (auto& e : col) all_unknown &= e->type == oid::kUnknown;
    Oid t = all_unknown && !finalize_unknown_targets ? oid::kUnknown : select_common_type(col, "VALUES");
    int32_t typmod = col[0]->typmod;
    for (auto& r : q->values_rows) {
      if (r[c]->typmod != typmod) typmod = -1;
      if (t != oid::kUnknown) r[c] = coerce_to(r[c], t, -1, CastContext::Implicit, -1);
    }
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Raw;
    e->templ = "column" + std::to_string(c + 1);
    e->type = t;
    e->typmod = t == col[0]->type ? typmod : -1;
    q->targets.push_back({e, "column" + std::to_string(c + 1)});
  }
  analyze_output_order_by(stmt->sortClause, *q, false);
  if (stmt->limitOption == LIMIT_OPTION_WITH_TIES) unsupported("FETCH FIRST ... WITH TIES on VALUES", -1);
  q->limit = transform_limit(stmt->limitCount, ExprContext::Limit, "LIMIT");
  q->offset = transform_limit(stmt->limitOffset, ExprContext::Offset, "OFFSET");
  return q;
}

ExprPtr Analyzer::transform_limit(Node* n, ExprContext ctx, const char* what) {
  if (!n) return nullptr;
  if (IsA(n, A_Const) && reinterpret_cast<A_Const*>(n)->isnull) return nullptr;  // LIMIT ALL / NULL
  bool saved = agg_allowed_;
  agg_allowed_ = false;
  ExprPtr e = transform_expr(n, ctx);
  agg_allowed_ = saved;
  ExprPtr c = coerce_to(e, oid::kInt8, -1, CastContext::Assignment, -1);
  if (!c)
    throw PgError(sqlstate::kDatatypeMismatch, std::string("argument of ") + what + " must be type bigint, not type " +
                                                   format_type_name(e->type, -1)).at(e->location);
  return c;
}

std::unique_ptr<SelectQuery> Analyzer::analyze_select(SelectStmt* stmt, bool finalize_unknown_targets) {
  size_t cte_mark = ctes_visible_.size();
  std::vector<std::shared_ptr<CteDef>> ctes;
  bool recursive = false;
  struct Restore {
    Analyzer* a; size_t mark;
    ~Restore() { a->ctes_visible_.resize(mark); }
  } restore{this, cte_mark};
  if (stmt->withClause) {
    recursive = stmt->withClause->recursive;
    SelectQuery holder;
    analyze_with(stmt->withClause, holder);
    ctes = holder.ctes;
  }
  std::unique_ptr<SelectQuery> q = stmt->op != SETOP_NONE ? analyze_setop(stmt) : analyze_select_body(stmt, finalize_unknown_targets);
  q->ctes = std::move(ctes);
  q->recursive_with = recursive;
  return q;
}

std::shared_ptr<SelectQuery> Analyzer::analyze_view(const ViewDef& v) {
  if (++view_depth_ > 32) {
    view_depth_ = 0;
    throw PgError(sqlstate::kInvalidObjectDefinition, "infinite recursion detected in rules for relation \"" + v.name + "\"");
  }
  struct Depth { int& d; ~Depth() { if (d > 0) d--; } } depth{view_depth_};
  ParsedScript ps(v.definition);
  if (ps.statements().empty() || !IsA(ps.statements()[0].raw->stmt, ViewStmt))
    throw PgError(sqlstate::kInternalError, "view \"" + v.name + "\" has an invalid stored definition");
  auto* vs = reinterpret_cast<ViewStmt*>(ps.statements()[0].raw->stmt);
  // Names in the view resolve in the view's own schema first (PostgreSQL binds them when the
  // view is created; the stored text is re-analyzed here).
  Catalog::PathPrefix in_view_schema(catalog_, v.schema);
  std::vector<SelectQuery*> saved_outer;
  saved_outer.swap(outer_scopes_);
  SelectQuery* saved_scope = scope_;
  scope_ = nullptr;
  std::string_view saved_sql = sql_;
  sql_ = v.definition;  // the text the view's locations point into
  struct Restore {
    Analyzer* a; SelectQuery* s; std::vector<SelectQuery*>* o; std::string_view sql;
    ~Restore() { a->scope_ = s; a->outer_scopes_.swap(*o); a->sql_ = sql; }
  } restore{this, saved_scope, &saved_outer, saved_sql};
  try {
    return std::shared_ptr<SelectQuery>(analyze_select(reinterpret_cast<SelectStmt*>(vs->query)));
  } catch (PgError& e) {
    e.error.position = 0;  // positions inside the stored definition mean nothing here
    throw;
  }
}

std::shared_ptr<SelectQuery> Analyzer::analyze_subquery(SelectStmt* stmt, bool see_current) {
  bool pushed = see_current && scope_;
  if (pushed) outer_scopes_.push_back(scope_);
  bool hidden = !see_current && scope_;
  if (hidden) invisible_scopes_.push_back(scope_);  // for PostgreSQL's "cannot be referenced" error
  struct Restore {
    Analyzer* a; bool pushed, hidden;
    ~Restore() {
      if (pushed) a->outer_scopes_.pop_back();
      if (hidden) a->invisible_scopes_.pop_back();
    }
  } restore{this, pushed, hidden};
  return std::shared_ptr<SelectQuery>(analyze_select(stmt));
}

}  // namespace pgmicro
