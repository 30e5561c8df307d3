// Row constructors and composite values in expressions (analyze_row.h). A row value is a
// Call: a constructor is pg_row(type id, fields…) named "row" whose args are the fields
// (comparisons between two constructors expand pairwise, as PostgreSQL's RowCompareExpr);
// any other row value (a composite column, a whole-row reference, a subquery's record) is
// compared with pg_record_cmp, PostgreSQL's record_eq/record_cmp.
#include "analyze/analyze_row.h"
#include "analyze/analyze_assign_indirection.h"

#include <functional>
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/record.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

ExprPtr call(const std::string& name, std::string templ, Oid type, int32_t typmod, std::vector<ExprPtr> args, int location) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->templ = std::move(templ);
  e->type = type;
  e->typmod = typmod;
  e->args = std::move(args);
  e->location = location;
  return e;
}

ExprPtr boolop(ExprKind k, std::vector<ExprPtr> args, int location) {
  if (args.size() == 1 && k != ExprKind::Not) return args[0];
  auto e = std::make_shared<Expr>();
  e->kind = k;
  e->type = oid::kBool;
  e->args = std::move(args);
  e->location = location;
  return e;
}

// pg_row(id, $1…$n) over `fields` typed as (type, typmod).
ExprPtr constructor(std::vector<ExprPtr> fields, Oid type, int32_t typmod, const char* name, int location) {
  std::string templ = "pg_row(" + std::to_string(row_type_id(type, typmod));
  for (size_t i = 0; i < fields.size(); i++) templ += ", $" + std::to_string(i + 1);
  return call(name, templ + ")", type, typmod, std::move(fields), location);
}

ExprPtr anonymous_row(std::vector<ExprPtr> fields, std::vector<std::string> names, const char* name, int location) {
  std::vector<RowField> rf;
  for (size_t i = 0; i < fields.size(); i++)
    rf.push_back({i < names.size() ? names[i] : "f" + std::to_string(i + 1),
                  fields[i]->type == oid::kUnknown ? oid::kText : fields[i]->type, fields[i]->typmod});
  int32_t typmod = register_record_type(rf);
  return constructor(std::move(fields), oid::kRecord, typmod, name, location);
}

std::vector<SelectQuery*> visible_scopes(Analyzer& a) {
  std::vector<SelectQuery*> scopes;
  if (a.scope_) scopes.push_back(a.scope_);
  for (auto it = a.outer_scopes_.rbegin(); it != a.outer_scopes_.rend(); ++it) scopes.push_back(*it);
  return scopes;
}

bool is_comparison(const std::string& op) {
  return op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

ExprPtr distinct_pair(Analyzer& a, ExprPtr l, ExprPtr r, bool distinct, int location) {
  ExprPtr eq = a.make_operator("=", l, r, location);
  auto e = std::make_shared<Expr>(*eq);
  if (eq->templ == "($1 = $2)") {
    e->templ = distinct ? "($1 IS NOT $2)" : "($1 IS $2)";
  } else if (eq->kind == ExprKind::Call) {
    e->templ = distinct ? "(CASE WHEN $1 IS NULL OR $2 IS NULL THEN ($1 IS NOT $2) ELSE NOT " + eq->templ + " END)"
                        : "(CASE WHEN $1 IS NULL OR $2 IS NULL THEN ($1 IS $2) ELSE " + eq->templ + " END)";
  } else {
    unsupported("IS DISTINCT FROM between these row fields", location);
  }
  return e;
}

}  // namespace

bool is_row_constructor(const Expr& e) { return e.kind == ExprKind::Call && e.name == "row" && e.templ.rfind("pg_row(", 0) == 0; }

ExprPtr transform_row_expr(Analyzer& a, RowExpr* row, ExprContext ctx) {
  std::vector<ExprPtr> fields;
  for_each_node(row->args, [&](Node* n) {
    if (IsA(n, ColumnRef)) {
      auto* cr = reinterpret_cast<ColumnRef*>(n);
      int k = list_size(cr->fields);
      if (k == 2 && IsA(list_at(cr->fields, 1), A_Star)) {  // ROW(t.*): t's columns
        ExprPtr whole = whole_row_reference(a, node_string(list_at(cr->fields, 0)), cr->location);
        if (!whole) throw PgError(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" +
                                                                 node_string(list_at(cr->fields, 0)) + "\"").at(cr->location);
        for (auto& f : whole->args) fields.push_back(f);
        return;
      }
    }
    fields.push_back(a.transform_expr(n, ctx));  // unknown literals stay unknown (compared as the other side)
  });
  return anonymous_row(std::move(fields), {}, "row", row->location);
}

ExprPtr row_compare_fields(Analyzer& a, const std::string& op, const std::vector<ExprPtr>& l,
                           const std::vector<ExprPtr>& r, int location) {
  if (l.size() != r.size())
    throw PgError(sqlstate::kSyntaxError, "unequal number of entries in row expressions").at(location);
  if (l.empty()) throw PgError(sqlstate::kFeatureNotSupported, "cannot compare rows of zero length").at(location);
  // text_pattern_ops' operators: a btree family whose equality is = and strict forms ~<~ / ~>~
  bool pattern = op == "~<~" || op == "~<=~" || op == "~>=~" || op == "~>~";
  if (!is_comparison(op) && !pattern) {
    a.make_operator(op, l[0], r[0], location);  // "operator does not exist" comes first
    throw PgError(sqlstate::kFeatureNotSupported, "could not determine interpretation of row comparison operator " + op, "",
                  "Row comparison operators must be associated with btree operator families.")
        .at(location);
  }
  auto cmp = [&](const std::string& o, size_t i) {
    ExprPtr c = a.make_operator(o, l[i], r[i], location);
    if (c->type != oid::kBool)
      throw PgError(sqlstate::kDatatypeMismatch, "row comparison operator must yield type boolean, not type " +
                                                     format_type_name(c->type, -1)).at(location);
    return c;
  };
  size_t n = l.size();
  if (op == "=" || op == "<>") {
    std::vector<ExprPtr> parts;
    for (size_t i = 0; i < n; i++) parts.push_back(cmp(op, i));
    return boolop(op == "=" ? ExprKind::And : ExprKind::Or, std::move(parts), location);
  }
  std::string strict = pattern ? "~" + op.substr(1, 1) + "~" : op.substr(0, 1);
  ExprPtr acc = cmp(op, n - 1);
  for (size_t i = n - 1; i-- > 0;)
    acc = boolop(ExprKind::Or, {cmp(strict, i), boolop(ExprKind::And, {cmp("=", i), acc}, location)}, location);
  return acc;
}

std::vector<ExprPtr> row_field_exprs(Analyzer& a, ExprPtr row, int location) {
  if (is_row_constructor(*row) || row->name == "wholerow") return row->args;
  const std::vector<RowField>* fields = row_type_fields(row->type, row->typmod);
  if (!fields) unsupported("expanding a record of unknown structure", location);
  std::vector<ExprPtr> out;
  for (auto& f : *fields) out.push_back(row_field_select(a, row, f.name, location));
  return out;
}

ExprPtr make_row_operator(Analyzer& a, const std::string& op, ExprPtr l, ExprPtr r, int location) {
  if (!l || !r) return nullptr;
  bool lr = is_row_type(l->type), rr = is_row_type(r->type);
  if (!lr && !rr) return nullptr;
  bool image = op.size() > 1 && op[0] == '*' && is_comparison(op.substr(1));  // *=, *<, …: record_image_cmp
  if (!is_comparison(op) && !image) return nullptr;
  // An unknown literal or a constructor takes the other side's composite type.
  // (record = record: an unknown literal is read as record, whose input PostgreSQL refuses)
  if (lr && r->type == oid::kUnknown) r = a.coerce_to(r, oid::kRecord, -1, CastContext::Implicit, -1);
  if (rr && l->type == oid::kUnknown) l = a.coerce_to(l, oid::kRecord, -1, CastContext::Implicit, -1);
  if (!l || !r || !is_row_type(l->type) || !is_row_type(r->type)) return nullptr;
  // record_eq/record_cmp: dissimilar field types are PostgreSQL's run-time 42804
  return call(op, std::string(image ? "(pg_record_image_cmp($1, $2, " : "(pg_record_cmp($1, $2, ") +
                      std::to_string(row_type_id(l->type, l->typmod)) + ", " + std::to_string(row_type_id(r->type, r->typmod)) +
                      ") " + (image ? op.substr(1) : op) + " 0)", oid::kBool, -1, {l, r}, location);
}

ExprPtr transform_row_a_expr(Analyzer& a, A_Expr* ax, ExprContext ctx) {
  bool lrow = ax->lexpr && IsA(ax->lexpr, RowExpr);
  bool rrow = ax->rexpr && IsA(ax->rexpr, RowExpr);
  std::string op = list_size(ax->name) ? node_string(list_at(ax->name, list_size(ax->name) - 1)) : "";
  switch (ax->kind) {
    case AEXPR_OP:
      if (lrow && rrow) {
        ExprPtr l = a.transform_expr(ax->lexpr, ctx), r = a.transform_expr(ax->rexpr, ctx);
        return row_compare_fields(a, op, l->args, r->args, ax->location);
      }
      if (lrow && ax->rexpr && IsA(ax->rexpr, SubLink) &&
          reinterpret_cast<SubLink*>(ax->rexpr)->subLinkType == EXPR_SUBLINK) {
        auto* sl = reinterpret_cast<SubLink*>(ax->rexpr);
        ExprPtr l = a.transform_expr(ax->lexpr, ctx);
        sl->subLinkType = ROWCOMPARE_SUBLINK;  // analyze_sublink.cpp: the subquery's row as a record
        ExprPtr r;
        try {
          r = a.transform_expr(ax->rexpr, ctx);
        } catch (...) {
          sl->subLinkType = EXPR_SUBLINK;
          throw;
        }
        sl->subLinkType = EXPR_SUBLINK;
        const std::vector<RowField>& fields = *row_type_fields(r->type, r->typmod);
        if (fields.size() > l->args.size()) throw PgError(sqlstate::kSyntaxError, "subquery has too many columns").at(ax->location);
        if (fields.size() < l->args.size()) throw PgError(sqlstate::kSyntaxError, "subquery has too few columns").at(ax->location);
        std::vector<ExprPtr> rf;
        for (size_t k = 0; k < fields.size(); k++)
          rf.push_back(call(fields[k].name, "pg_row_field($1, " + std::to_string(row_type_id(r->type, r->typmod)) + ", " +
                                                std::to_string(k) + ")", fields[k].type, fields[k].typmod, {r}, ax->location));
        return row_compare_fields(a, op, l->args, rf, ax->location);
      }
      return nullptr;
    case AEXPR_DISTINCT:
    case AEXPR_NOT_DISTINCT: {
      if (!lrow && !rrow) return nullptr;
      ExprPtr l = a.transform_expr(ax->lexpr, ctx), r = a.transform_expr(ax->rexpr, ctx);
      if (!is_row_type(l->type) || !is_row_type(r->type)) return nullptr;
      std::vector<ExprPtr> lf = row_field_exprs(a, l, ax->location), rf = row_field_exprs(a, r, ax->location);
      if (lf.size() != rf.size())
        throw PgError(sqlstate::kSyntaxError, "unequal number of entries in row expressions").at(ax->location);
      std::vector<ExprPtr> parts;
      for (size_t i = 0; i < lf.size(); i++) parts.push_back(distinct_pair(a, lf[i], rf[i], true, ax->location));
      ExprPtr any = boolop(ExprKind::Or, std::move(parts), ax->location);
      return ax->kind == AEXPR_DISTINCT ? any : boolop(ExprKind::Not, {any}, ax->location);
    }
    case AEXPR_IN: {
      ExprPtr l;
      if (!lrow) {
        if (!ax->lexpr || !(IsA(ax->lexpr, ColumnRef) || IsA(ax->lexpr, A_Indirection) || IsA(ax->lexpr, TypeCast))) return nullptr;
        l = a.transform_expr(ax->lexpr, ctx);
        if (!is_row_type(l->type)) return nullptr;
        // a composite value IN (…): the common type is the composite (unknown literals read as it)
        std::vector<ExprPtr> parts;
        for_each_node(reinterpret_cast<List*>(ax->rexpr), [&](Node* n) {
          ExprPtr r = a.transform_expr(n, ctx);
          if (r->type == oid::kUnknown && is_named_composite(l->type)) r = a.coerce_to(r, l->type, -1, CastContext::Implicit, -1);
          ExprPtr c = make_row_operator(a, op, l, r, ax->location);
          if (!c) throw PgError(sqlstate::kUndefinedFunction, "operator does not exist: " + format_type_name(l->type, -1) + " " +
                                                                  op + " " + format_type_name(r->type, -1)).at(ax->location);
          parts.push_back(c);
        });
        return boolop(op == "=" ? ExprKind::Or : ExprKind::And, std::move(parts), ax->location);
      }
      l = a.transform_expr(ax->lexpr, ctx);
      std::vector<ExprPtr> parts;
      for_each_node(reinterpret_cast<List*>(ax->rexpr), [&](Node* n) {
        ExprPtr r = a.transform_expr(n, ctx);
        ExprPtr c = is_row_constructor(*r) ? row_compare_fields(a, op, l->args, r->args, ax->location)
                                           : make_row_operator(a, op, l, r, ax->location);
        if (!c) throw PgError(sqlstate::kUndefinedFunction, "operator does not exist: record " + op + " " +
                                                                format_type_name(r->type, -1)).at(ax->location);
        parts.push_back(c);
      });
      return boolop(op == "=" ? ExprKind::Or : ExprKind::And, std::move(parts), ax->location);
    }
    default: return nullptr;
  }
}

ExprPtr row_null_test(Analyzer& a, ExprPtr arg, bool negated, int location) {
  if (!is_row_type(arg->type)) return nullptr;
  if (is_row_constructor(*arg) || arg->name == "wholerow") {
    std::vector<ExprPtr> parts;
    for (auto& f : arg->args) {
      auto t = std::make_shared<Expr>();
      t->kind = ExprKind::NullTest;
      t->type = oid::kBool;
      t->negated = negated;
      t->args = {f};
      t->location = location;
      parts.push_back(t);
    }
    if (parts.empty()) return call("isnull", negated ? "1" : "1", oid::kBool, -1, {}, location);
    return boolop(ExprKind::And, std::move(parts), location);
  }
  return call("isnull", "pg_row_isnull($1, " + std::to_string(row_type_id(arg->type, arg->typmod)) + ", " +
                            (negated ? "1" : "0") + ")", oid::kBool, -1, {arg}, location);
}

ExprPtr row_field_select(Analyzer& a, ExprPtr base, const std::string& field, int location) {
  base = strip_domain(base);
  if (!is_row_type(base->type))
    throw PgError(sqlstate::kWrongObjectType, "column notation ." + field + " applied to type " +
                                                  format_type_name(base->type, base->typmod) +
                                                  ", which is not a composite type").at(location);
  const std::vector<RowField>* fields = row_type_fields(base->type, base->typmod);
  if (!fields)
    throw PgError(sqlstate::kUndefinedColumn, "could not identify column \"" + field + "\" in record data type").at(location);
  for (size_t k = 0; k < fields->size(); k++) {
    if ((*fields)[k].name != field) continue;
    if ((is_row_constructor(*base) || base->name == "wholerow") && k < base->args.size()) return base->args[k];
    auto e = call(field, "pg_row_field($1, " + std::to_string(row_type_id(base->type, base->typmod)) + ", " +
                             std::to_string(k) + ")", (*fields)[k].type, (*fields)[k].typmod, {base}, location);
    return e;
  }
  if (base->type == oid::kRecord)
    throw PgError(sqlstate::kUndefinedColumn, "could not identify column \"" + field + "\" in record data type").at(location);
  throw PgError(sqlstate::kUndefinedColumn, "column \"" + field + "\" not found in data type " +
                                                format_type_name(base->type, base->typmod)).at(location);
}

ExprPtr whole_row_reference(Analyzer& a, const std::string& rel, int location) {
  std::vector<SelectQuery*> scopes = visible_scopes(a);
  for (size_t level = 0; level < scopes.size(); level++) {
    auto& rt = scopes[level]->rtable;
    for (size_t r = 0; r < rt.size(); r++) {
      if (rt[r].alias != rel) continue;
      std::vector<ExprPtr> vars;
      if (rt[r].is_join) {  // a join alias (`USING (…) AS u`, `(… JOIN …) AS j`): its columns
        for (auto& c : rt[r].column_exprs) vars.push_back(shift_levels(c, (int)level, location));
        return anonymous_row(std::move(vars), rt[r].column_names, "wholerow", location);
      }
      for (size_t c = 0; c < rt[r].column_names.size(); c++) {
        auto v = std::make_shared<Expr>();
        v->kind = ExprKind::Var;
        v->rte = (int)r;
        v->attno = (int)c;
        v->levelsup = (int)level;
        v->type = rt[r].column_types[c];
        v->typmod = rt[r].column_typmods[c];
        v->name = rt[r].column_names[c];
        v->location = location;
        vars.push_back(v);
      }
      const TableDef* t = rt[r].table;
      if (t && is_named_composite(Oid(t->oid)) && row_type_fields(Oid(t->oid), -1)->size() == vars.size())
        return constructor(std::move(vars), Oid(t->oid), -1, "wholerow", location);
      return anonymous_row(std::move(vars), rt[r].column_names, "wholerow", location);
    }
  }
  return nullptr;
}

namespace {
// Where entry `rte` sits in a FROM tree: -1 absent, 1 on the nullable side of an outer join.
int nullable_side(const FromNode& f, int rte, bool under) {
  if (f.kind == JoinKind::Base) return f.rte == rte ? (under ? 1 : 0) : -1;
  bool l = under || f.kind == JoinKind::Right || f.kind == JoinKind::Full;
  bool r = under || f.kind == JoinKind::Left || f.kind == JoinKind::Full;
  int x = f.left ? nullable_side(*f.left, rte, l) : -1;
  if (x >= 0) return x;
  return f.right ? nullable_side(*f.right, rte, r) : -1;
}
}  // namespace

ExprPtr whole_row_value(Analyzer& a, const std::string& rel, int location) {
  ExprPtr w = whole_row_reference(a, rel, location);
  if (!w || w->args.empty() || w->args[0]->kind != ExprKind::Var) return w;
  // PostgreSQL's whole-row Var of a null-extended row is NULL, not a row of NULLs (count(t.*)
  // over a LEFT JOIN counts matched rows only): the entry's presence marker tells them apart.
  std::vector<SelectQuery*> scopes = visible_scopes(a);
  int level = w->args[0]->levelsup, r = w->args[0]->rte;
  if (level >= (int)scopes.size()) return w;
  SelectQuery* q = scopes[level];
  RangeTableEntry& rte = q->rtable[r];
  // Functions in FROM may read their siblings (not wrappable); a LATERAL subquery carries the
  // marker as its column n+1 (at most pg_sql_rows' 100 columns).
  if (rte.is_join || rte.function || (rte.lateral && (!rte.subquery || rte.column_names.size() >= 100))) return w;
  bool nullable = false;
  for (auto& f : q->from) {
    int x = nullable_side(*f, r, false);
    if (x >= 0) { nullable = x == 1; break; }
  }
  if (!nullable) return w;
  rte.presence_marker = true;
  auto marker = std::make_shared<Expr>();
  marker->kind = ExprKind::Var;
  marker->rte = r;
  marker->attno = RangeTableEntry::kPresenceAttno;
  marker->levelsup = level;
  marker->type = oid::kInt4;
  marker->name = "_pgmicro_present";
  marker->location = location;
  auto test = std::make_shared<Expr>();
  test->kind = ExprKind::NullTest;
  test->type = oid::kBool;
  test->args = {marker};
  test->location = location;
  auto null = std::make_shared<Expr>();
  null->kind = ExprKind::Const;
  null->type = w->type;
  null->typmod = w->typmod;
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Case;
  e->name = "nullable_wholerow";
  e->type = w->type;
  e->typmod = w->typmod;
  e->location = location;
  e->has_else = true;
  e->args = {test, null, w};
  return e;
}

ExprPtr coerce_row(Analyzer& a, ExprPtr e, Oid target, int32_t typmod, CastContext ctx, int location) {
  if (target == oid::kRecord && is_row_type(e->type)) return e;
  if (!is_named_composite(target) || !(is_row_constructor(*e) || e->name == "wholerow")) return nullptr;
  const std::vector<RowField>& fields = *row_type_fields(target, -1);
  std::string what = "cannot cast type " + format_type_name(e->type, -1) + " to " + format_type_name(target, -1);
  int loc = location >= 0 ? location : e->location;
  if (e->args.size() < fields.size()) throw PgError(sqlstate::kCannotCoerce, what, "Input has too few columns.").at(loc);
  if (e->args.size() > fields.size()) throw PgError(sqlstate::kCannotCoerce, what, "Input has too many columns.").at(loc);
  std::vector<ExprPtr> out;
  for (size_t i = 0; i < fields.size(); i++) {
    ExprPtr c = a.coerce_to(e->args[i], fields[i].type, fields[i].typmod, ctx, -1);
    if (!c)
      throw PgError(sqlstate::kCannotCoerce, what,
                    "Cannot cast type " + format_type_name(e->args[i]->type, -1) + " to " +
                        format_type_name(fields[i].type, fields[i].typmod) + " in column " + std::to_string(i + 1) + ".")
          .at(loc);
    out.push_back(c);
  }
  return constructor(std::move(out), target, -1, "row", e->location);
}

}  // namespace pgmicro

namespace pgmicro {

ExprPtr transform_field_indirection(Analyzer& a, A_Indirection* ind, ExprContext ctx) {
  bool fields = false, indices = false;
  for_each_node(ind->indirection, [&](Node* n) {
    if (IsA(n, String) || IsA(n, A_Star)) fields = true;
    else indices = true;
  });
  if (!fields) return nullptr;
  ExprPtr base = a.transform_expr(ind->arg, ctx);
  int loc = expr_location(ind->arg);
  std::vector<ExprPtr> subs;  // pending subscripts (x[i][j].f): applied before the next field
  auto apply_subs = [&]() {
    if (subs.empty()) return;
    base = strip_domain(base);
    Oid elem = array_element_type(base->type);
    if (!elem)
      throw PgError(sqlstate::kDatatypeMismatch, "cannot subscript type " + format_type_name(base->type, -1) +
                                                     " because it does not support subscripting").at(loc);
    std::vector<ExprPtr> args = {base};
    std::string templ = "pg_array_subscript($1, " + std::to_string(elem);
    for (auto& x : subs) {
      args.push_back(x);
      templ += ", $" + std::to_string(args.size());
    }
    base = call("subscript", templ + ")", elem, base->typmod, std::move(args), loc);
    subs.clear();
  };
  for_each_node(ind->indirection, [&](Node* n) {
    if (IsA(n, A_Star))
      throw PgError(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here").at(loc);
    if (IsA(n, A_Indices)) {
      auto* ai = reinterpret_cast<A_Indices*>(n);
      if (ai->is_slice) unsupported("slices mixed with field selection", loc);
      ExprPtr x = a.coerce_to(a.transform_expr(ai->uidx, ctx), oid::kInt4, -1, CastContext::Assignment, -1);
      if (!x) throw PgError(sqlstate::kDatatypeMismatch, "array subscript must have type integer").at(expr_location(ai->uidx));
      subs.push_back(x);
      return;
    }
    apply_subs();
    base = row_field_select(a, base, node_string(n), loc);
  });
  apply_subs();
  return base;
}

bool expand_row_star(Analyzer& a, Node* val, std::vector<TargetEntry>& out) {
  if (!IsA(val, A_Indirection)) return false;
  auto* ind = reinterpret_cast<A_Indirection*>(val);
  int n = list_size(ind->indirection);
  if (!n || !IsA(list_at(ind->indirection, n - 1), A_Star)) return false;
  ExprPtr base = strip_domain(a.transform_expr(ind->arg, ExprContext::SelectTarget));
  int loc = expr_location(ind->arg);
  for (int i = 0; i + 1 < n; i++) {
    Node* f = list_at(ind->indirection, i);
    if (!IsA(f, String)) unsupported("subscripts before .*", loc);
    base = row_field_select(a, base, node_string(f), loc);
  }
  if (!is_row_type(base->type))
    throw PgError(sqlstate::kWrongObjectType, "type " + format_type_name(base->type, base->typmod) +
                                                  " is not composite").at(loc);
  const std::vector<RowField>* fields = row_type_fields(base->type, base->typmod);
  if (!fields) throw PgError(sqlstate::kFeatureNotSupported, "record type has not been registered").at(loc);
  std::vector<ExprPtr> exprs = row_field_exprs(a, base, loc);
  for (size_t i = 0; i < exprs.size(); i++) out.push_back({exprs[i], (*fields)[i].name});
  return true;
}

}  // namespace pgmicro

namespace pgmicro {

ExprPtr column_for_field(Analyzer& a, const std::string& name, int location) {
  std::vector<SelectQuery*> scopes = visible_scopes(a);
  for (size_t level = 0; level < scopes.size(); level++) {
    auto& rt = scopes[level]->rtable;
    for (size_t r = 0; r < rt.size(); r++) {
      if (rt[r].is_join) continue;
      for (size_t c = 0; c < rt[r].column_names.size(); c++) {
        if (rt[r].column_names[c] != name || (c < rt[r].hidden.size() && rt[r].hidden[c])) continue;
        auto v = std::make_shared<Expr>();
        v->kind = ExprKind::Var;
        v->rte = (int)r;
        v->attno = (int)c;
        v->levelsup = (int)level;
        v->type = rt[r].column_types[c];
        v->typmod = rt[r].column_typmods[c];
        v->name = name;
        v->location = location;
        return v;
      }
    }
  }
  return nullptr;
}

}  // namespace pgmicro

namespace pgmicro {

// SET c.f[.g…] = value: c with field f replaced (pg_row_set), nested levels inside out.
ExprPtr row_field_assignment(Analyzer& a, ResTarget* rt, const std::string& colname, ExprPtr current, ExprPtr value) {
  std::vector<std::string> path;
  for_each_node(rt->indirection, [&](Node* n) {
    if (IsA(n, A_Indices) && path.empty()) return;  // a[i].f: the caller selected the element
    path.push_back(IsA(n, String) ? node_string(n) : std::string());
  });
  std::function<ExprPtr(ExprPtr, size_t, const std::string&)> assign = [&](ExprPtr cur, size_t i, const std::string& owner) -> ExprPtr {
    if (path[i].empty()) return assign_indirection(a, rt, owner, cur, cur->type, cur->typmod, i, value);  // c.f[i]…
    Oid t = domain_base_type(cur->type);
    if (!is_named_composite(t))
      throw PgError(sqlstate::kDatatypeMismatch, "cannot assign to field \"" + path[i] + "\" of column \"" + owner +
                                                     "\" because its type " + format_type_name(t, -1) +
                                                     " is not a composite type").at(rt->location);
    const std::vector<RowField>& fields = *row_type_fields(t, -1);
    size_t k = 0;
    while (k < fields.size() && fields[k].name != path[i]) k++;
    if (k == fields.size())
      throw PgError(sqlstate::kUndefinedColumn, "cannot assign to field \"" + path[i] + "\" of column \"" + owner +
                                                    "\" because there is no such column in data type " +
                                                    format_type_name(t, -1)).at(rt->location);
    ExprPtr v;
    if (i + 1 < path.size()) {
      ExprPtr sub = call(path[i], "pg_row_field($1, " + std::to_string(t) + ", " + std::to_string(k) + ")", fields[k].type,
                         fields[k].typmod, {cur}, rt->location);
      v = assign(sub, i + 1, path[i]);
    } else {
      v = a.coerce_to(value, fields[k].type, fields[k].typmod, CastContext::Assignment, -1);
      if (!v)
        throw PgError(sqlstate::kDatatypeMismatch, "subfield \"" + path[i] + "\" is of type " +
                                                       format_type_name(fields[k].type, fields[k].typmod) +
                                                       " but expression is of type " + format_type_name(value->type, -1), "",
                      "You will need to rewrite or cast the expression.").at(rt->location);
    }
    return call("field assignment", "pg_row_set($1, " + std::to_string(t) + ", " + std::to_string(k) + ", $2)", t, -1,
                {cur, v}, rt->location);
  };
  return assign(current, 0, colname);
}

}  // namespace pgmicro
