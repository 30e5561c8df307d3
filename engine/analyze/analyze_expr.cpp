// Expression analysis: constants, column references, operators (A_Expr), boolean
// connectives, NULL tests, CASE, COALESCE, casts and parameters. Function calls and
// aggregates are in analyze_func.cpp; coercion and overload resolution in resolve.cpp.
#include <cstring>
#include "analyze/analyze_row.h"
#include "analyze/analyzer.h"
#include "analyze/column_hint.h"
#include "analyze/collation.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/type_io.h"
#include "types/interval.h"

namespace pgmicro {

std::string node_string(Node* n) {
  if (n && IsA(n, String)) return strVal(n);
  return "";
}

int expr_location(Node* n) {
  if (!n) return -1;
  switch (nodeTag(n)) {
    case T_A_Const: return reinterpret_cast<A_Const*>(n)->location;
    case T_A_ArrayExpr: return reinterpret_cast<A_ArrayExpr*>(n)->location;
    case T_A_Indirection: return expr_location(reinterpret_cast<A_Indirection*>(n)->arg);
    case T_ColumnRef: return reinterpret_cast<ColumnRef*>(n)->location;
    case T_ParamRef: return reinterpret_cast<ParamRef*>(n)->location;
    case T_A_Expr: {
      auto* a = reinterpret_cast<A_Expr*>(n);
      int l = expr_location(a->lexpr);
      return l >= 0 ? l : a->location;
    }
    case T_FuncCall: return reinterpret_cast<FuncCall*>(n)->location;
    case T_TypeCast: {
      auto* t = reinterpret_cast<TypeCast*>(n);
      int l = expr_location(t->arg);
      return l >= 0 && l < t->location ? l : t->location;
    }
    case T_BoolExpr: {
      auto* b = reinterpret_cast<BoolExpr*>(n);
      int l = list_size(b->args) ? expr_location(list_at(b->args, 0)) : -1;
      return l >= 0 && l < b->location ? l : b->location;
    }
    case T_NullTest: {
      int l = expr_location(reinterpret_cast<Node*>(reinterpret_cast<NullTest*>(n)->arg));
      return l >= 0 ? l : reinterpret_cast<NullTest*>(n)->location;
    }
    case T_CaseExpr: return reinterpret_cast<CaseExpr*>(n)->location;
    case T_CoalesceExpr: return reinterpret_cast<CoalesceExpr*>(n)->location;
    case T_ResTarget: return reinterpret_cast<ResTarget*>(n)->location;
    case T_SetToDefault: return reinterpret_cast<SetToDefault*>(n)->location;
    case T_BooleanTest: {
      int l = expr_location(reinterpret_cast<Node*>(reinterpret_cast<BooleanTest*>(n)->arg));
      return l >= 0 ? l : reinterpret_cast<BooleanTest*>(n)->location;
    }
    case T_SubLink: return reinterpret_cast<SubLink*>(n)->location;
    case T_RowExpr: return reinterpret_cast<RowExpr*>(n)->location;
    default: return -1;
  }
}

static ExprPtr make_const(Oid type, Datum v, int location) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Const;
  e->type = type;
  e->value = std::move(v);
  e->location = location;
  return e;
}

ExprPtr Analyzer::transform_const(Node* node) {
  auto* c = reinterpret_cast<A_Const*>(node);
  if (c->isnull) return make_const(oid::kUnknown, Datum::null(), c->location);
  Node* v = reinterpret_cast<Node*>(&c->val);
  switch (nodeTag(v)) {
    case T_Integer: return make_const(oid::kInt4, Datum::integer(intVal(v)), c->location);
    case T_Float: {
      const char* s = castNode(Float, v)->fval;
      // An integer literal too large for int4 arrives as Float: int8 if it fits.
      bool integral = *s != 0;
      for (const char* p = s; *p; p++)
        if (!(isdigit((unsigned char)*p) || (p == s && (*p == '-' || *p == '+')))) integral = false;
      if (integral) {
        errno = 0;
        char* end;
        long long x = strtoll(s, &end, 10);
        if (errno == 0 && *end == 0)
          return make_const(x >= INT32_MIN && x <= INT32_MAX ? oid::kInt4 : oid::kInt8, Datum::integer(x), c->location);
      }
      return make_const(oid::kNumeric, type_input(oid::kNumeric, -1, s), c->location);
    }
    case T_Boolean: return make_const(oid::kBool, Datum::integer(boolVal(v) ? 1 : 0), c->location);
    case T_String: return make_const(oid::kUnknown, Datum::text(strVal(v)), c->location);
    case T_BitString: unsupported("bit string constants", c->location);
    default: unsupported("this kind of constant", c->location);
  }
}

// A copy of an expression from an outer scope's point of view (Vars' levelsup raised).
ExprPtr shift_levels(const ExprPtr& e, int by, int location) {
  auto c = std::make_shared<Expr>(*e);
  if (c->kind == ExprKind::Var) c->levelsup += by;
  if (location >= 0) c->location = location;
  for (auto& a : c->args) a = shift_levels(a, by, -1);
  return c;
}

// `JOIN … USING (…) AS u`'s entry: a name, not a range-table entry PostgreSQL's errorMissingRTE finds.
static bool using_alias_in(const FromNode& f, int rte) {
  if (f.using_alias_rte == rte) return true;
  return (f.left && using_alias_in(*f.left, rte)) || (f.right && using_alias_in(*f.right, rte));
}
static bool is_using_alias_entry(const SelectQuery& q, int rte) {
  for (auto& f : q.from)
    if (using_alias_in(*f, rte)) return true;
  return false;
}

ExprPtr partition_routed_tableoid(Catalog& cat, std::vector<Oid>& params, const TableDef& root, int rte, int levelsup,
                                  int location);  // partition_tableoid.cpp

ExprPtr Analyzer::transform_column_ref(Node* node) {
  // The range tables PostgreSQL's errorMissingColumn searches, innermost first.
  auto hint_scopes = [&] {
    std::vector<const SelectQuery*> s;
    if (scope_) s.push_back(scope_);
    for (auto it = outer_scopes_.rbegin(); it != outer_scopes_.rend(); ++it) s.push_back(*it);
    for (auto it = invisible_scopes_.rbegin(); it != invisible_scopes_.rend(); ++it) s.push_back(*it);
    return s;
  };
  auto* cr = reinterpret_cast<ColumnRef*>(node);
  int n = list_size(cr->fields);
  std::string rel, col, schema;
  if (n == 1) {
    col = node_string(list_at(cr->fields, 0));
  } else if (n == 2) {
    rel = node_string(list_at(cr->fields, 0));
    col = node_string(list_at(cr->fields, 1));
  } else if (n == 3) {
    // schema.table.column: the FROM item that is that table under its own name.
    schema = Catalog::canonical_schema(node_string(list_at(cr->fields, 0)));
    rel = node_string(list_at(cr->fields, 1));
    col = node_string(list_at(cr->fields, 2));
  } else {
    unsupported("column references qualified with a database name", cr->location);
  }
  if (IsA(list_at(cr->fields, n - 1), A_Star)) {
    // t.* inside an expression is t's whole row (PostgreSQL's transformWholeRowRef).
    if (n == 2) {
      if (ExprPtr w = whole_row_value(*this, rel, cr->location)) return w;
      // param.* in a SQL function body: the composite parameter's value (sql_fn_post_column_ref)
      if (ExprPtr p = sql_function_param("", rel, cr->location)) return p;
      throw PgError(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + rel + "\"").at(cr->location);
    }
    if (n == 3)  // function.param.*
      if (ExprPtr p = sql_function_param(node_string(list_at(cr->fields, 0)), rel, cr->location)) return p;
    throw PgError(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here").at(cr->location);
  }
  if (domain_value_type_ && n == 1 && col == "value") {
    // VALUE in a domain's CHECK: the value being checked, a column of the check's subquery.
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Raw;
    e->templ = "_pgmicro_value";
    e->type = domain_value_type_;
    e->typmod = domain_value_typmod_;
    e->location = cr->location;
    return e;
  }
  auto make_var = [&](const RangeTableEntry& r, int rte, int att, int levelsup) {
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Var;
    e->rte = rte;
    e->attno = att;
    e->levelsup = levelsup;
    e->type = r.column_types[att];
    e->typmod = r.column_typmods[att];
    e->name = r.column_names[att];
    e->location = cr->location;
    return e;
  };
  // The tableoid system column of a table: its OID, or the row's table for an inheritance tree;
  // for rows written through a partitioned table, the leaf routing picks (partition_tableoid.cpp).
  auto tableoid = [&](const RangeTableEntry& r, int rte, int level) {
    if (r.dml_target && r.table && r.table->partition_strategy)
      return partition_routed_tableoid(catalog_, param_types_, *r.table, rte, level, cr->location);
    auto e = std::make_shared<Expr>();
    e->type = oid::kOid;
    e->location = cr->location;
    if (!r.inh_tables.empty()) {
      e->kind = ExprKind::Raw;
      e->templ = r.sql_alias + ".tableoid";
    } else {
      e->kind = ExprKind::Const;
      e->value = Datum::integer(r.table->oid);
    }
    return e;
  };
  // Innermost scope first, then the enclosing queries.
  std::vector<SelectQuery*> scopes;
  if (scope_) scopes.push_back(scope_);
  for (auto it = outer_scopes_.rbegin(); it != outer_scopes_.rend(); ++it) scopes.push_back(*it);
  if (!rel.empty()) {
    for (size_t level = 0; level < scopes.size(); level++) {
      auto& rt = scopes[level]->rtable;
      for (size_t i = 0; i < rt.size(); i++) {
        if (rt[i].alias != rel) continue;
        if (!schema.empty() && (!rt[i].table || rt[i].table->schema != schema || rt[i].table->name != rel)) continue;
        for (size_t a = 0; a < rt[i].column_names.size(); a++)
          if (rt[i].column_names[a] == col)
            return rt[i].is_join ? shift_levels(rt[i].column_exprs[a], (int)level, cr->location)
                                 : make_var(rt[i], (int)i, (int)a, (int)level);
        if (col == "tableoid" && rt[i].table) return tableoid(rt[i], (int)i, (int)level);
        if (n == 2)  // rel.f as f(rel): analyze_func_notation.cpp
          if (ExprPtr f = row_function_notation(rel, col, cr->location)) return f;
        throw PgError(sqlstate::kUndefinedColumn, "column " + rel + "." + col + " does not exist", "",
                      missing_column_hint(hint_scopes(), rel, col))
            .at(cr->location);
      }
    }
    // Referring to a table by its name when it has an alias gets PostgreSQL's hint.
    for (auto* sc : scopes)
      for (size_t i = 0; i < sc->rtable.size(); i++)
        if (sc->rtable[i].alias == "\x01" + rel && !is_using_alias_entry(*sc, (int)i))  // a table inside an aliased JOIN
          throw PgError(sqlstate::kUndefinedTable, "invalid reference to FROM-clause entry for table \"" + rel + "\"", "",
                        "There is an entry for table \"" + rel + "\", but it cannot be referenced from this part of the query.")
              .at(cr->location);
    for (auto* sc : scopes)
      for (auto& r : sc->rtable)
        if (r.table && r.table->name == rel && r.alias[0] != '\x01')
          throw PgError(sqlstate::kUndefinedTable,
                        "invalid reference to FROM-clause entry for table \"" + rel + "\"", "",
                        "Perhaps you meant to reference the table alias \"" + r.alias + "\".")
              .at(cr->location);
    if (ExprPtr p = sql_function_param(rel, col, cr->location)) return p;
    if (n == 2)  // param.field in a SQL function body (analyze_row.cpp)
      if (ExprPtr p = sql_function_param("", rel, cr->location)) return row_field_select(*this, p, col, cr->location);
    for (auto* sc : invisible_scopes_)
      for (auto& r : sc->rtable)
        if (r.alias == rel)
          throw PgError(sqlstate::kUndefinedTable, "invalid reference to FROM-clause entry for table \"" + rel + "\"", "",
                        "There is an entry for table \"" + rel + "\", but it cannot be referenced from this part of the query.")
              .at(cr->location);
    throw PgError(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + rel + "\"").at(cr->location);
  }
  for (size_t level = 0; level < scopes.size(); level++) {
    auto& rt = scopes[level]->rtable;
    int found_rte = -1, found_att = -1;
    for (size_t i = 0; i < rt.size(); i++) {
      for (size_t a = 0; a < rt[i].column_names.size(); a++) {
        if (rt[i].column_names[a] != col) continue;
        if (a < rt[i].hidden.size() && rt[i].hidden[a]) continue;
        if (found_rte >= 0)
          throw PgError(sqlstate::kAmbiguousColumn, "column reference \"" + col + "\" is ambiguous").at(cr->location);
        found_rte = (int)i;
        found_att = (int)a;
      }
    }
    if (found_rte < 0 && col == "tableoid") {
      const RangeTableEntry* sys = nullptr;
      int sys_rte = -1;
      for (size_t i = 0; i < rt.size(); i++)
        if (rt[i].table) {
          if (sys) throw PgError(sqlstate::kAmbiguousColumn, "column reference \"" + col + "\" is ambiguous").at(cr->location);
          sys = &rt[i];
          sys_rte = (int)i;
        }
      if (sys) return tableoid(*sys, sys_rte, (int)level);
    }
    if (found_rte >= 0) {
      if (rt[found_rte].is_join) return shift_levels(rt[found_rte].column_exprs[found_att], (int)level, cr->location);
      return make_var(rt[found_rte], found_rte, found_att, (int)level);
    }
  }
  if (ExprPtr p = sql_function_param("", col, cr->location)) return p;
  // A whole-row reference to a function returning a scalar is that scalar.
  for (size_t level = 0; level < scopes.size(); level++) {
    auto& rt = scopes[level]->rtable;
    for (size_t i = 0; i < rt.size(); i++)
      if (rt[i].function && rt[i].function_columns == 1 && rt[i].alias == col && !rt[i].column_names.empty())
        return make_var(rt[i], (int)i, 0, (int)level);
  }
  if (ExprPtr w = whole_row_value(*this, col, cr->location)) return w;
  throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" does not exist", "", missing_column_hint(hint_scopes(), "", col))
      .at(cr->location);
}

static ExprPtr make_bool(ExprKind k, std::vector<ExprPtr> args, int location) {
  auto e = std::make_shared<Expr>();
  e->kind = k;
  e->type = oid::kBool;
  e->args = std::move(args);
  e->location = location;
  return e;
}

ExprPtr Analyzer::transform_a_expr(Node* node, ExprContext ctx) {
  auto* a = reinterpret_cast<A_Expr*>(node);
  std::string op = list_size(a->name) ? node_string(list_at(a->name, list_size(a->name) - 1)) : "";
  auto sub = [&](Node* n) { return n ? transform_expr(n, ctx) : nullptr; };
  if (ExprPtr r = transform_row_a_expr(*this, a, ctx)) return r;
  switch (a->kind) {
    case AEXPR_OP: {
      ExprPtr l = sub(a->lexpr);
      ExprPtr r = sub(a->rexpr);
      if (!r) unsupported("postfix operators", a->location);
      return make_operator(op, l, r, a->location);
    }
    case AEXPR_LIKE:
    case AEXPR_ILIKE:
    case AEXPR_SIMILAR:  // x ~ / !~ similar_to_escape(pattern [, escape]), as the grammar builds it
      return make_operator(op, sub(a->lexpr), sub(a->rexpr), a->location);
    case AEXPR_DISTINCT:
    case AEXPR_NOT_DISTINCT: {
      // Resolve "=" for the types, then compare with SQLite's IS / IS NOT (same semantics
      // on identical storage types).
      ExprPtr eq = make_operator("=", sub(a->lexpr), sub(a->rexpr), a->location);
      std::string t = eq->templ;
      bool native = t == "($1 = $2)";
      auto e = std::make_shared<Expr>(*eq);
      if (native) {
        e->templ = a->kind == AEXPR_DISTINCT ? "($1 IS NOT $2)" : "($1 IS $2)";
      } else {
        std::string inner = t;
        e->templ = a->kind == AEXPR_DISTINCT
                       ? "(CASE WHEN $1 IS NULL OR $2 IS NULL THEN ($1 IS NOT $2) ELSE NOT " + inner + " END)"
                       : "(CASE WHEN $1 IS NULL OR $2 IS NULL THEN ($1 IS $2) ELSE " + inner + " END)";
      }
      return e;
    }
    case AEXPR_NULLIF: {
      ExprPtr l = sub(a->lexpr), r = sub(a->rexpr);
      ExprPtr eq = make_operator("=", l, r, a->location);
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::Call;
      e->name = "nullif";
      e->type = eq->args[0]->type;
      e->typmod = eq->args[0]->typmod;
      e->args = {eq->args[0], eq};
      e->templ = "(CASE WHEN $2 THEN NULL ELSE $1 END)";
      e->location = a->location;
      return e;
    }
    case AEXPR_IN: {
      ExprPtr l = sub(a->lexpr);
      if (!IsA(a->rexpr, List)) unsupported("IN with a subquery", a->location);
      std::vector<ExprPtr> ors;
      bool not_in = op == "<>";
      for_each_node(reinterpret_cast<List*>(a->rexpr), [&](Node* n) {
        ors.push_back(make_operator(not_in ? "<>" : "=", l, transform_expr(n, ctx), a->location));
      });
      if (ors.size() == 1) return ors[0];
      // Native comparisons with the left side unchanged: SQLite's IN, which evaluates the left
      // side once (it may be volatile) with the same NULL semantics.
      bool native = true;
      for (auto& o : ors)
        native &= o->kind == ExprKind::Call && o->templ == (not_in ? "($1 <> $2)" : "($1 = $2)") && o->args[0] == ors[0]->args[0];
      if (native) {
        auto e = std::make_shared<Expr>();
        e->kind = ExprKind::Call;
        e->type = oid::kBool;
        e->location = a->location;
        e->args.push_back(ors[0]->args[0]);
        std::string list;
        for (auto& o : ors) {
          e->args.push_back(o->args[1]);
          list += (list.empty() ? "$" : ", $") + std::to_string(e->args.size());
        }
        e->templ = std::string("($1 ") + (not_in ? "NOT IN (" : "IN (") + list + "))";
        e->name = not_in ? "not in" : "in";
        return e;
      }
      return make_bool(not_in ? ExprKind::And : ExprKind::Or, std::move(ors), a->location);
    }
    case AEXPR_BETWEEN:
    case AEXPR_NOT_BETWEEN: {
      auto* lst = reinterpret_cast<List*>(a->rexpr);
      ExprPtr x = sub(a->lexpr);
      ExprPtr lo = transform_expr(list_at(lst, 0), ctx), hi = transform_expr(list_at(lst, 1), ctx);
      if (a->kind == AEXPR_BETWEEN)
        return make_bool(ExprKind::And, {make_operator(">=", x, lo, a->location), make_operator("<=", x, hi, a->location)}, a->location);
      return make_bool(ExprKind::Or, {make_operator("<", x, lo, a->location), make_operator(">", x, hi, a->location)}, a->location);
    }
    case AEXPR_OP_ANY:
    case AEXPR_OP_ALL: return transform_scalar_array_op(node, ctx);
    default: unsupported("BETWEEN SYMMETRIC", a->location);
  }
}

// True for the type name unknown or pg_catalog.unknown (no typmods, no array bounds).
static bool is_unknown_type_name(TypeName* tn) {
  int n = list_size(tn->names);
  if (n < 1 || n > 2 || list_size(tn->arrayBounds) || list_size(tn->typmods) || tn->pct_type || tn->setof) return false;
  if (n == 2 && node_string(list_at(tn->names, 0)) != "pg_catalog") return false;
  return node_string(list_at(tn->names, n - 1)) == "unknown";
}

ExprPtr Analyzer::transform_type_cast(Node* node, ExprContext ctx) {
  auto* tc = reinterpret_cast<TypeCast*>(node);
  Oid target;
  int32_t typmod;
  TypeName* tn = tc->typeName;
  if (list_size(tn->names) == 1 && !list_size(tn->arrayBounds) && !list_size(tn->typmods) && !tn->pct_type &&
      node_string(list_at(tn->names, 0)) == "record") {
    target = oid::kRecord;  // x::record (a row value stays itself; analyze_row.cpp)
    typmod = -1;
  } else if (is_unknown_type_name(tn)) {
    // 'foo'::unknown: an untyped literal (or NULL) stays untyped; nothing else casts to unknown.
    ExprPtr arg = transform_expr(tc->arg, ctx);
    if (arg->type == oid::kUnknown) return arg;
    throw PgError(sqlstate::kCannotCoerce, "cannot cast type " + format_type_name(arg->type, -1) + " to unknown")
        .at(tc->location);
  } else {
    resolve_type_name(tc->typeName, target, typmod);
  }
  // ARRAY[...]::type[] resolves the constructor's elements to the cast's element type.
  if (IsA(tc->arg, A_ArrayExpr) && is_array_type(target)) return transform_array_expr(tc->arg, ctx, target, typmod);
  ExprPtr arg = transform_expr(tc->arg, ctx);
  int loc = tc->location;
  if (arg->kind == ExprKind::Const && arg->type == oid::kUnknown) {
    auto c = coerce_to(arg, target, typmod, CastContext::Explicit, -1);
    c->location = expr_location(tc->arg) >= 0 ? expr_location(tc->arg) : loc;
    return c;
  }
  ExprPtr r = coerce_to(arg, target, typmod, CastContext::Explicit, loc);
  if (!r)
    throw PgError(sqlstate::kCannotCoerce, "cannot cast type " + format_type_name(arg->type, -1) +
                                               " to " + format_type_name(target, -1))
        .at(loc);
  return r;
}

void Analyzer::resolve_type_name(TypeName* tn, Oid& type, int32_t& typmod) {
  if (tn->setof || tn->pct_type) unsupported("this type reference", tn->location);
  if (list_size(tn->arrayBounds)) {
    // int[], integer ARRAY, int[3][3]: the array type of the element (bounds are ignored, as
    // in PostgreSQL); the typmod is the element's.
    List* bounds = tn->arrayBounds;
    tn->arrayBounds = nullptr;
    struct Restore { TypeName* t; List* b; ~Restore() { t->arrayBounds = b; } } restore{tn, bounds};
    resolve_type_name(tn, type, typmod);
    Oid arr = array_type_of(type);
    if (!arr)
      throw PgError(sqlstate::kUndefinedObject, "could not find array type for data type " + format_type_name(type, -1))
          .at(tn->location);
    type = arr;
    return;
  }
  std::string name;
  int n = list_size(tn->names);
  std::string schema = n > 1 ? node_string(list_at(tn->names, n - 2)) : "";
  name = node_string(list_at(tn->names, n - 1));
  const TypeInfo* ti = nullptr;
  if (schema.empty() || schema == "pg_catalog") ti = find_type_by_name(name);
  // The keywords CHAR/CHARACTER arrive as pg_catalog.bpchar; a bare "char" is the one-byte type.
  if (name == "char" && (schema.empty() || schema == "pg_catalog")) ti = find_type(oid::kChar);
  // The grammar maps float(p) to float4/float8 itself; "serial" is only valid in CREATE TABLE.
  if (!ti || ti->oid == oid::kUnknown || ti->oid == oid::kRecord)
    throw PgError(sqlstate::kUndefinedObject, "type \"" + (schema.empty() ? name : schema + "." + name) + "\" does not exist")
        .at(tn->location);
  type = ti->oid;
  typmod = -1;
  std::vector<long> mods;
  for_each_node(tn->typmods, [&](Node* m) {
    if (IsA(m, A_Const) && IsA(&reinterpret_cast<A_Const*>(m)->val, Integer))
      mods.push_back(intVal(&reinterpret_cast<A_Const*>(m)->val));
    else
      throw PgError(sqlstate::kSyntaxError, "type modifiers must be simple constants or identifiers").at(tn->location);
  });
  if (mods.empty()) {
    if (type == oid::kBpchar && !(schema == "pg_catalog" && name == "bpchar")) typmod = 1 + 4;  // char = char(1)
    return;
  }
  switch (type) {
    case oid::kVarchar:
    case oid::kBpchar:
      if (mods.size() != 1) throw PgError(sqlstate::kSyntaxError, "invalid type modifier").at(tn->location);
      if (mods[0] < 1)
        throw PgError(sqlstate::kInvalidParameterValue,
                      std::string("length for type ") + (type == oid::kVarchar ? "varchar" : "char") + " must be at least 1")
            .at(tn->location);
      if (mods[0] > 10485760)
        throw PgError(sqlstate::kInvalidParameterValue,
                      std::string("length for type ") + (type == oid::kVarchar ? "varchar" : "char") + " cannot exceed 10485760")
            .at(tn->location);
      typmod = (int32_t)mods[0] + 4;
      break;
    case oid::kNumeric: {
      if (mods.size() > 2) throw PgError(sqlstate::kInvalidParameterValue, "invalid NUMERIC type modifier").at(tn->location);
      long p = mods[0], s = mods.size() > 1 ? mods[1] : 0;
      if (p < 1 || p > 1000)
        throw PgError(sqlstate::kInvalidParameterValue,
                      "NUMERIC precision " + std::to_string(p) + " must be between 1 and 1000").at(tn->location);
      if (s < -1000 || s > 1000)
        throw PgError(sqlstate::kInvalidParameterValue,
                      "NUMERIC scale " + std::to_string(s) + " must be between -1000 and 1000").at(tn->location);
      typmod = make_numeric_typmod((int)p, (int)s);
      break;
    }
    case oid::kTimestamp:
    case oid::kTimestamptz:
    case oid::kTime:
    case oid::kTimetz:
      if (mods.size() != 1 || mods[0] < 0)
        throw PgError(sqlstate::kInvalidParameterValue, "invalid type modifier").at(tn->location);
      typmod = (int32_t)std::min<long>(mods[0], 6);
      break;
    case oid::kInterval:
      typmod = interval_typmod_from_mods(mods, tn->location);
      break;
    default:
      throw PgError(sqlstate::kSyntaxError, "type modifier is not allowed for type \"" +
                                                std::string(find_type(type)->typname) + "\"")
          .at(tn->location);
  }
}

ExprPtr Analyzer::transform_case(Node* node, ExprContext ctx) {
  auto* c = reinterpret_cast<CaseExpr*>(node);
  ExprPtr arg = c->arg ? transform_expr(reinterpret_cast<Node*>(c->arg), ctx) : nullptr;
  std::vector<ExprPtr> conds, results;
  for_each_node(c->args, [&](Node* n) {
    auto* w = reinterpret_cast<CaseWhen*>(n);
    ExprPtr cond;
    if (arg)
      cond = make_operator("=", arg, transform_expr(reinterpret_cast<Node*>(w->expr), ctx), w->location);
    else
      cond = coerce_to_bool(transform_expr(reinterpret_cast<Node*>(w->expr), ctx), "CASE/WHEN");
    conds.push_back(cond);
    results.push_back(transform_expr(reinterpret_cast<Node*>(w->result), ctx));
  });
  ExprPtr def = c->defresult ? transform_expr(reinterpret_cast<Node*>(c->defresult), ctx) : nullptr;
  // PostgreSQL resolves the ELSE result first, then the WHEN results.
  std::vector<ExprPtr> all;
  if (def) all.push_back(def);
  all.insert(all.end(), results.begin(), results.end());
  Oid t = select_common_type(all, "CASE");
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Case;
  e->type = t;
  e->location = c->location;
  for (size_t i = 0; i < conds.size(); i++) {
    e->args.push_back(conds[i]);
    e->args.push_back(coerce_to(results[i], t, -1, CastContext::Implicit, -1));
  }
  if (def) {
    e->args.push_back(coerce_to(def, t, -1, CastContext::Implicit, -1));
    e->has_else = true;
  }
  return e;
}

ExprPtr Analyzer::transform_expr(Node* node, ExprContext ctx) {
  if (!node) return nullptr;
  // The engine's own recursion (analysis, lowering, SQLite's parser) needs a bound that
  // PostgreSQL's grammar does not impose on left-deep operator chains.
  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& x) : d(x) {
      if (++d > kMaxExprDepth)
        throw PgError(sqlstate::kStatementTooComplex, "stack depth limit exceeded", "",
                      "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after "
                      "ensuring the platform's stack depth limit is adequate.");
    }
    ~DepthGuard() { --d; }
  } guard(depth_);
  switch (nodeTag(node)) {
    case T_A_Const: return transform_const(node);
    case T_ColumnRef: return transform_column_ref(node);
    case T_A_Expr: {
      ExprPtr r = transform_a_expr(node, ctx);
      if (r) propagate_explicit_collation(*r);
      return r;
    }
    case T_FuncCall: {
      ExprPtr r = transform_func_call(node, ctx);
      if (r) propagate_explicit_collation(*r);
      return r;
    }
    case T_TypeCast: return transform_type_cast(node, ctx);
    case T_CaseExpr: return transform_case(node, ctx);
    case T_ParamRef: {
      auto* p = reinterpret_cast<ParamRef*>(node);
      if (p->number < 1 || p->number > (int)param_types_.size())
        throw PgError(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(p->number)).at(p->location);
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::Param;
      e->param_no = p->number;
      e->type = param_types_[p->number - 1] ? param_types_[p->number - 1] : oid::kUnknown;
      e->location = p->location;
      return e;
    }
    case T_BoolExpr: {
      auto* b = reinterpret_cast<BoolExpr*>(node);
      const char* what = b->boolop == AND_EXPR ? "AND" : b->boolop == OR_EXPR ? "OR" : "NOT";
      std::vector<ExprPtr> args;
      for_each_node(b->args, [&](Node* n) { args.push_back(coerce_to_bool(transform_expr(n, ctx), what)); });
      ExprKind k = b->boolop == AND_EXPR ? ExprKind::And : b->boolop == OR_EXPR ? ExprKind::Or : ExprKind::Not;
      return make_bool(k, std::move(args), b->location);
    }
    case T_NullTest: {
      auto* nt = reinterpret_cast<NullTest*>(node);
      ExprPtr arg = transform_expr(reinterpret_cast<Node*>(nt->arg), ctx);
      if (ExprPtr r = row_null_test(*this, arg, nt->nulltesttype == IS_NOT_NULL, nt->location)) return r;
      auto e = make_bool(ExprKind::NullTest, {arg}, nt->location);
      e->negated = nt->nulltesttype == IS_NOT_NULL;
      return e;
    }
    case T_BooleanTest: {
      auto* bt = reinterpret_cast<BooleanTest*>(node);
      static const char* names[] = {"IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE", "IS UNKNOWN", "IS NOT UNKNOWN"};
      ExprPtr arg = coerce_to_bool(transform_expr(reinterpret_cast<Node*>(bt->arg), ctx), names[bt->booltesttype]);
      static const char* templ[] = {"($1 IS TRUE)", "($1 IS NOT TRUE)", "($1 IS FALSE)", "($1 IS NOT FALSE)",
                                    "($1 IS NULL)", "($1 IS NOT NULL)"};
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::Call;
      e->type = oid::kBool;
      e->templ = templ[bt->booltesttype];
      e->args = {arg};
      e->location = bt->location;
      return e;
    }
    case T_CoalesceExpr: {
      auto* c = reinterpret_cast<CoalesceExpr*>(node);
      std::vector<ExprPtr> args;
      for_each_node(c->args, [&](Node* n) { args.push_back(transform_expr(n, ctx)); });
      Oid t = select_common_type(args, "COALESCE");
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::Coalesce;
      e->type = t;
      e->location = c->location;
      for (auto& a : args) e->args.push_back(coerce_to(a, t, -1, CastContext::Implicit, -1));
      return e;
    }
    case T_SubLink: return transform_sublink(node, ctx);
    case T_A_ArrayExpr: return transform_array_expr(node, ctx, 0, -1);
    case T_RowExpr: return transform_row_expr(*this, reinterpret_cast<RowExpr*>(node), ctx);
    case T_SQLValueFunction: {
      // CURRENT_DATE / CURRENT_TIMESTAMP / LOCALTIMESTAMP as calls (fixed for the transaction).
      auto* svf = reinterpret_cast<SQLValueFunction*>(node);
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::Call;
      e->location = svf->location;
      switch (svf->op) {
        case SVFOP_CURRENT_DATE: e->type = oid::kDate; e->templ = "pg_current_date()"; e->name = "current_date"; break;
        case SVFOP_CURRENT_TIMESTAMP: e->type = oid::kTimestamptz; e->templ = "pg_now()"; e->name = "now"; break;
        case SVFOP_LOCALTIMESTAMP: e->type = oid::kTimestamp; e->templ = "pg_localtimestamp()"; e->name = "localtimestamp"; break;
        // With a precision, and the time-of-day ones: pg_current_dt(kind, precision) rounds the
        // transaction start (kinds as builtins_datetime.cpp: 1 timestamp, 2 timestamptz,
        // 4 time, 5 timetz).
        case SVFOP_CURRENT_TIMESTAMP_N: e->type = oid::kTimestamptz; e->templ = "pg_current_dt(2, " + std::to_string(svf->typmod) + ")"; e->name = "now"; break;
        case SVFOP_LOCALTIMESTAMP_N: e->type = oid::kTimestamp; e->templ = "pg_current_dt(1, " + std::to_string(svf->typmod) + ")"; e->name = "localtimestamp"; break;
        case SVFOP_CURRENT_TIME:
        case SVFOP_CURRENT_TIME_N: e->type = oid::kTimetz; e->templ = "pg_current_dt(5, " + std::to_string(svf->typmod) + ")"; e->name = "current_time"; break;
        case SVFOP_LOCALTIME:
        case SVFOP_LOCALTIME_N: e->type = oid::kTime; e->templ = "pg_current_dt(4, " + std::to_string(svf->typmod) + ")"; e->name = "localtime"; break;
        // The session's roles (catalog/privileges.h) and one database "postgres".
        case SVFOP_CURRENT_ROLE: e->type = oid::kName; e->templ = "pg_current_user()"; e->name = "current_role"; break;
        case SVFOP_CURRENT_USER: e->type = oid::kName; e->templ = "pg_current_user()"; e->name = "current_user"; break;
        case SVFOP_USER: e->type = oid::kName; e->templ = "pg_current_user()"; e->name = "user"; break;
        case SVFOP_SESSION_USER: e->type = oid::kName; e->templ = "pg_session_user()"; e->name = "session_user"; break;
        case SVFOP_CURRENT_CATALOG: e->type = oid::kName; e->templ = "'postgres'"; e->name = "current_catalog"; break;
        case SVFOP_CURRENT_SCHEMA: e->type = oid::kName; e->templ = "pg_current_schema()"; e->name = "current_schema"; break;
        default: unsupported("this SQL value function", svf->location);
      }
      if (svf->typmod >= 0) e->typmod = std::min(svf->typmod, 6);
      return e;
    }
    case T_A_Indirection: return transform_indirection(node, ctx);
    case T_GroupingFunc: {
      // GROUPING(a, b): checked against GROUP BY with the aggregates (check_grouping).
      auto* gf = reinterpret_cast<GroupingFunc*>(node);
      if (ctx != ExprContext::SelectTarget && ctx != ExprContext::Having && ctx != ExprContext::OrderBy)
        throw PgError(sqlstate::kGroupingError, "grouping operations are not allowed in " +
                                                    std::string(ctx == ExprContext::Where ? "WHERE" : ctx == ExprContext::GroupBy ? "GROUP BY" : "this context"))
            .at(gf->location);
      if (list_size(gf->args) > 31)
        throw PgError("54023", "GROUPING must have fewer than 32 arguments").at(gf->location);
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::Grouping;
      e->type = oid::kInt4;
      e->location = gf->location;
      for_each_node(gf->args, [&](Node* a) { e->args.push_back(transform_expr(a, ctx)); });
      return e;
    }
    case T_CollateClause: return transform_collate_clause(*this, reinterpret_cast<CollateClause*>(node), ctx);
    case T_MinMaxExpr: return transform_min_max(node, ctx);
    case T_SetToDefault:
      throw PgError(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context").at(reinterpret_cast<SetToDefault*>(node)->location);
    default: unsupported("this kind of expression", expr_location(node));
  }
}

}  // namespace pgmicro
