// Calls of LANGUAGE sql functions (catalog ProcDef): PostgreSQL's candidate matching with
// named arguments (a => 1, a := 1), defaults and VARIADIC expansion, overload resolution
// together with the built-ins of the same name, and the function body analysed for the
// resolved argument types and lowered to SQLite statements that the runtime runs as nested
// statements (runtime/sql_functions.cpp): pg_sql_scalar for a scalar call, pg_sql_rows for a
// set-returning one (in FROM, or in the select list as a ProjectSet).
#include <functional>
#include "analyze/analyzer.h"
#include "catalog/privileges.h"
#include "session/rule_checks.h"
#include "analyze/statement_snapshot.h"
#include "types/base_types.h"
#include "types/record.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "plpgsql/plpgsql_tree.h"
#include "parse/pg_nodes.h"

namespace pgmicro {


namespace {

CreateFunctionStmt* definition_stmt(const ParsedScript& ps) {
  if (ps.statements().empty() || !IsA(ps.statements()[0].raw->stmt, CreateFunctionStmt))
    throw PgError(sqlstate::kInternalError, "bad stored function definition");
  return reinterpret_cast<CreateFunctionStmt*>(ps.statements()[0].raw->stmt);
}

std::string type_signature(const std::vector<Oid>& types, const std::vector<std::string>& names = {}) {
  std::string s;
  for (size_t i = 0; i < types.size(); i++) {
    if (i) s += ", ";
    if (i < names.size() && !names[i].empty()) s += names[i] + " => ";
    s += format_type_name(types[i], -1);
  }
  return s;
}

}  // namespace

// The body text of a function (the AS string), or empty for a BEGIN ATOMIC / RETURN body.
std::string sql_function_body_text(CreateFunctionStmt* cf) {
  std::string body;
  for_each_node(cf->options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    if (std::string(d->defname) != "as") return;
    if (d->arg && IsA(d->arg, List) && list_size(reinterpret_cast<List*>(d->arg)) >= 1)
      body = node_string(list_at(reinterpret_cast<List*>(d->arg), 0));
    else if (d->arg && IsA(d->arg, String))
      body = node_string(d->arg);
  });
  return body;
}

int Analyzer::sql_function_body(const ProcDef& p, const std::vector<Oid>& arg_types, Oid result,
                                const std::vector<Oid>& columns) {
  std::string key = std::to_string(p.oid) + ":";
  for (Oid t : arg_types) key += std::to_string(t) + ",";
  key += ":";
  for (Oid t : columns) key += std::to_string(t) + ",";  // RETURNS record: a column definition list
  if (!internal_function_source(p.definition).empty())  // types/base_types.h: only as type I/O functions
    unsupported("calls of the LANGUAGE internal function " + p.name);
  bool fresh = false;
  int id = catalog_.body_id(key, fresh);
  if (!fresh) return id;  // analysed already, or being analysed (a recursive call)
  try {
    if (plpgsql::is_plpgsql_definition(p.definition)) {  // run by the interpreter (engine/plpgsql/)
      LoweredBody* b = catalog_.body(id);
      b->plpgsql = plpgsql::compile_for_call(p, arg_types, result, columns, &catalog_);
      b->function_name = p.name;
      b->ready = true;
      return id;
    }
    bool inlinable = false;
    std::vector<std::string> stmts = analyze_sql_body(p, arg_types, result, columns, &inlinable);
    LoweredBody* b = catalog_.body(id);
    b->inlinable = inlinable;
    b->function_name = p.name;
    b->statements = std::move(stmts);
    b->ready = true;
  } catch (...) {
    catalog_.forget_body(key);
    throw;
  }
  return id;
}

std::vector<std::string> Analyzer::analyze_sql_body(const ProcDef& p, const std::vector<Oid>& arg_types, Oid result,
                                                    const std::vector<Oid>& columns, bool* inlinable) {
  ParsedScript def(p.definition);
  CreateFunctionStmt* cf = definition_stmt(def);
  std::vector<std::string> names;
  for (auto& a : p.args)
    if (a.is_input()) names.push_back(a.name);
  // The statements of the body: a RETURN expression, BEGIN ATOMIC ... END, or the AS string.
  std::unique_ptr<ParsedScript> body_script;
  std::vector<Node*> stmts;
  Node* return_expr = nullptr;
  std::string body_text;
  if (cf->sql_body) {
    if (IsA(cf->sql_body, ReturnStmt)) {
      return_expr = reinterpret_cast<ReturnStmt*>(cf->sql_body)->returnval;
    } else if (IsA(cf->sql_body, List)) {
      for_each_node(reinterpret_cast<List*>(cf->sql_body), [&](Node* inner) {
        if (inner && IsA(inner, List)) for_each_node(reinterpret_cast<List*>(inner), [&](Node* s) { if (s) stmts.push_back(s); });
        else if (inner) stmts.push_back(inner);
      });
    }
    body_text = p.definition;
  } else {
    body_text = sql_function_body_text(cf);
    body_script = std::make_unique<ParsedScript>(body_text);
    for (auto& s : body_script->statements())
      if (s.raw && s.raw->stmt) stmts.push_back(s.raw->stmt);
  }
  auto mismatch = [&](const std::string& detail) {
    std::string rt = p.retset && columns.empty() ? format_type_name(result, -1)
                   : !columns.empty() ? "record" : format_type_name(result, -1);
    throw PgError(sqlstate::kInvalidFunctionDefinition,
                  "return type mismatch in function declared to return " + rt, detail);
  };
  bool is_void = result == oid::kVoid && columns.empty();
  // Coerces the final statement's result columns to the declared result.
  auto coerce_result = [&](Analyzer& a, std::vector<TargetEntry>& targets) {
    if (is_void) return;
    if (columns.empty()) {
      ExprPtr c;
      if (targets.size() == 1) {
        ExprPtr e = a.finalize_unknown(targets[0].expr);
        c = e->type == result ? e : a.coerce_to(e, result, -1, CastContext::Assignment, -1);
        if (!c && !is_named_composite(result)) mismatch("Actual return type is " + format_type_name(e->type, -1) + ".");
      } else if (!is_named_composite(result)) {
        mismatch("Final statement must return exactly one column.");
      }
      if (!c) {  // a composite result from the columns, field by field (check_sql_fn_retval)
        const std::vector<RowField>& fields = *row_type_fields(result, -1);
        if (targets.size() > fields.size()) mismatch("Final statement returns too many columns.");
        if (targets.size() < fields.size()) mismatch("Final statement returns too few columns.");
        std::vector<ExprPtr> args;
        std::string templ = "pg_row(" + std::to_string(row_type_id(result, -1));
        for (size_t i = 0; i < fields.size(); i++) {
          ExprPtr e = a.finalize_unknown(targets[i].expr);
          ExprPtr f = e->type == fields[i].type ? e : a.coerce_to(e, fields[i].type, fields[i].typmod, CastContext::Assignment, -1);
          if (!f)
            mismatch("Final statement returns " + format_type_name(e->type, -1) + " instead of " +
                     format_type_name(fields[i].type, fields[i].typmod) + " at column " + std::to_string(i + 1) + ".");
          args.push_back(f);
          templ += ", $" + std::to_string(i + 1);
        }
        c = std::make_shared<Expr>();
        c->kind = ExprKind::Call;
        c->name = "row";
        c->templ = templ + ")";
        c->type = result;
        c->typmod = -1;
        c->args = std::move(args);
        targets.resize(1);
        targets[0].name = "?column?";
      }
      targets[0].expr = c;
      return;
    }
    if (targets.size() == 1 && is_named_composite(result)) {
      // A composite-returning function in FROM (its columns are the type's fields) whose final
      // statement returns the whole row: the row's fields (check_sql_fn_retval's one-column case).
      ExprPtr e = a.finalize_unknown(targets[0].expr);
      ExprPtr row = e->type == result ? e : a.coerce_to(e, result, -1, CastContext::Assignment, -1);
      bool whole = row && !(columns.size() == 1 && a.coerce_to(e, columns[0], -1, CastContext::Assignment, -1));
      if (whole) {
        const std::vector<RowField>& fields = *row_type_fields(result, -1);
        std::vector<TargetEntry> expanded;
        for (size_t k = 0; k < fields.size(); k++) {
          auto f = std::make_shared<Expr>();
          f->kind = ExprKind::Call;
          f->name = fields[k].name;
          f->templ = "pg_row_field($1, " + std::to_string(row_type_id(result, -1)) + ", " + std::to_string(k) + ")";
          f->type = fields[k].type;
          f->typmod = fields[k].typmod;
          f->args = {row};
          expanded.push_back({f, fields[k].name});
        }
        targets = std::move(expanded);
      }
    }
    if (targets.size() > columns.size()) mismatch("Final statement returns too many columns.");
    if (targets.size() < columns.size()) mismatch("Final statement returns too few columns.");
    for (size_t i = 0; i < columns.size(); i++) {
      ExprPtr e = a.finalize_unknown(targets[i].expr);
      ExprPtr c = e->type == columns[i] ? e : a.coerce_to(e, columns[i], -1, CastContext::Assignment, -1);
      if (!c)
        mismatch("Final statement returns " + format_type_name(e->type, -1) + " instead of " +
                 format_type_name(columns[i], -1) + " at column " + std::to_string(i + 1) + ".");
      targets[i].expr = c;
    }
  };
  std::vector<std::string> out;
  std::vector<Oid> param_types = arg_types;
  if (return_expr) {
    Analyzer a(catalog_, param_types);
    a.sql_ = body_text;
    a.sql_function_ = &p;
    a.sql_param_names_ = names;
    SelectQuery q;
    a.scope_ = &q;
    q.targets.push_back({a.transform_expr(return_expr, ExprContext::SelectTarget), "?column?"});
    a.scope_ = nullptr;
    coerce_result(a, q.targets);
    out.push_back(lower_select(q));
    if (inlinable) *inlinable = !p.retset && !is_void;
    return out;
  }
  if (stmts.empty() && !is_void) mismatch("Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
  for (size_t i = 0; i < stmts.size(); i++) {
    Node* s = stmts[i];
    bool last = i + 1 == stmts.size();
    Analyzer a(catalog_, param_types);
    a.sql_ = body_text;
    a.sql_function_ = &p;
    a.sql_param_names_ = names;
    std::vector<TargetEntry>* targets = nullptr;
    std::string sql;
    std::unique_ptr<SelectQuery> sq;
    std::unique_ptr<InsertQuery> iq;
    std::unique_ptr<UpdateQuery> uq;
    std::unique_ptr<DeleteQuery> dq;
    // DML on a relation with rules is 0A000 (not in CREATE FUNCTION's validation): the body is
    // lowered into the caller's statement, where no rule rewrite happens.
    if ((IsA(s, InsertStmt) || IsA(s, UpdateStmt) || IsA(s, DeleteStmt)))
      refuse_rules_in_sql_function(catalog_, catalog_.privileges ? catalog_.privileges->db : nullptr, s);
    switch (nodeTag(s)) {
      case T_ReturnStmt: {  // RETURN inside BEGIN ATOMIC: SELECT expr
        sq = std::make_unique<SelectQuery>();
        a.scope_ = sq.get();
        sq->targets.push_back({a.transform_expr(reinterpret_cast<ReturnStmt*>(s)->returnval, ExprContext::SelectTarget), "?column?"});
        a.scope_ = nullptr;
        targets = &sq->targets;
        break;
      }
      case T_SelectStmt:
        if (reinterpret_cast<SelectStmt*>(s)->intoClause) unsupported("SELECT INTO in SQL functions");
        sq = a.analyze_select(reinterpret_cast<SelectStmt*>(s));
        targets = &sq->targets;
        break;
      case T_InsertStmt:
        iq = a.analyze_insert(reinterpret_cast<InsertStmt*>(s));
        if (!iq->returning.empty()) targets = &iq->returning;
        break;
      case T_UpdateStmt:
        uq = a.analyze_update(reinterpret_cast<UpdateStmt*>(s));
        if (!uq->returning.empty()) targets = &uq->returning;
        break;
      case T_DeleteStmt:
        dq = a.analyze_delete(reinterpret_cast<DeleteStmt*>(s));
        if (!dq->returning.empty()) targets = &dq->returning;
        break;
      default:
        unsupported("this kind of statement in SQL functions");
    }
    if (last && !is_void) {
      if (!targets) mismatch("Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
      coerce_result(a, *targets);
    }
    sql = sq ? lower_select(*sq) : iq ? lower_insert(*iq) : uq ? lower_update(*uq) : lower_delete(*dq);
    out.push_back(sql);
  }
  if (inlinable && stmts.size() == 1 && IsA(stmts[0], SelectStmt) && !p.retset && !is_void) {
    auto* sel = reinterpret_cast<SelectStmt*>(stmts[0]);
    *inlinable = sel->op == SETOP_NONE && !sel->fromClause && !sel->whereClause && !sel->groupClause &&
                 !sel->havingClause && !sel->sortClause && !sel->limitCount && !sel->limitOffset && !sel->withClause &&
                 !sel->distinctClause && !sel->valuesLists && list_size(sel->targetList) == 1;
  }
  return out;
}

// A name in a SQL function body that is no column: the function's parameter of that name
// (optionally qualified by the function's name), as PostgreSQL's sql_fn_post_column_ref.
ExprPtr Analyzer::sql_function_param(const std::string& rel, const std::string& col, int location) {
  if (!sql_function_) return nullptr;
  if (!rel.empty() && rel != sql_function_->name) return nullptr;
  for (size_t i = 0; i < sql_param_names_.size(); i++) {
    if (sql_param_names_[i].empty() || sql_param_names_[i] != col) continue;
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Param;
    e->param_no = (int)i + 1;
    e->type = i < param_types_.size() ? param_types_[i] : oid::kUnknown;
    if (i < sql_param_typmods_.size()) e->typmod = sql_param_typmods_[i];
    e->location = location;
    return e;
  }
  return nullptr;
}

bool Analyzer::resolve_user_call(const std::string& name, Node* call_node, ExprContext ctx, UserCall& out, char kind) {
  auto procs = catalog_.find_procs(name);
  if (procs.empty()) return false;
  auto* fc = reinterpret_cast<FuncCall*>(call_node);
  // The call's arguments: positional, then named.
  std::vector<ExprPtr> args;
  std::vector<std::string> arg_names;
  for_each_node(fc->args, [&](Node* n) {
    if (IsA(n, NamedArgExpr)) {
      auto* na = reinterpret_cast<NamedArgExpr*>(n);
      for (auto& prev : arg_names)
        if (prev == na->name)
          throw PgError(sqlstate::kSyntaxError, "argument name \"" + std::string(na->name) + "\" used more than once")
              .at(na->location);
      arg_names.push_back(na->name);
      args.push_back(transform_expr(reinterpret_cast<Node*>(na->arg), ctx));
    } else {
      if (!arg_names.empty())
        throw PgError(sqlstate::kSyntaxError, "positional argument cannot follow named argument").at(expr_location(n));
      args.push_back(transform_expr(n, ctx));
    }
  });
  size_t npos = args.size() - arg_names.size();
  // Candidate signatures in call-argument order.
  struct Shape {
    const ProcDef* proc;
    std::vector<int> param_of_arg;  // call argument -> input parameter (-1: a variadic element)
    bool expanded = false;
  };
  std::vector<Shape> shapes;
  std::vector<std::vector<Oid>> decl;
  std::vector<Oid> results;
  for (const ProcDef* p : procs) {
    if (p->kind != kind) continue;
    std::vector<const ProcArg*> in;
    for (auto& a : p->args)
      if (a.is_input()) in.push_back(&a);
    size_t ndef = 0;
    for (auto* a : in) ndef += a->has_default;
    bool variadic = !in.empty() && in.back()->mode == 'v';
    Shape sh{p, {}, false};
    std::vector<Oid> types;
    if (!arg_names.empty()) {
      if (variadic && !fc->func_variadic) continue;
      if (npos > in.size()) continue;
      std::vector<bool> given(in.size(), false);
      bool ok = true;
      for (size_t i = 0; i < npos; i++) { sh.param_of_arg.push_back((int)i); given[i] = true; }
      for (auto& nm : arg_names) {
        int found = -1;
        for (size_t k = 0; k < in.size(); k++)
          if (in[k]->name == nm) found = (int)k;
        if (found < 0 || given[found]) { ok = false; break; }
        given[found] = true;
        sh.param_of_arg.push_back(found);
      }
      for (size_t k = 0; k < in.size() && ok; k++) ok = given[k] || in[k]->has_default;
      if (!ok) continue;
      for (int k : sh.param_of_arg) types.push_back(in[k]->type);
    } else if (fc->func_variadic) {
      if (!variadic || args.size() != in.size()) continue;
      for (size_t i = 0; i < args.size(); i++) { sh.param_of_arg.push_back((int)i); types.push_back(in[i]->type); }
    } else {
      size_t fixed = variadic ? in.size() - 1 : in.size();
      if (variadic && args.size() >= in.size()) {
        Oid elem = in.back()->type == oid::kAnyArray ? oid::kAnyElement : array_element_type(in.back()->type);
        sh.expanded = true;
        for (size_t i = 0; i < args.size(); i++) {
          sh.param_of_arg.push_back(i < fixed ? (int)i : -1);
          types.push_back(i < fixed ? in[i]->type : elem);
        }
      } else {
        if (args.size() > in.size() || args.size() + ndef < in.size()) continue;
        if (variadic && args.size() == in.size()) continue;
        for (size_t i = 0; i < args.size(); i++) { sh.param_of_arg.push_back((int)i); types.push_back(in[i]->type); }
      }
    }
    shapes.push_back(sh);
    decl.push_back(types);
    results.push_back(p->result);
  }
  // Built-ins of the same name compete (and win a tie: pg_catalog comes first in the path).
  size_t builtin_start = decl.size();
  if (arg_names.empty() && !fc->func_variadic && kind == 'f') {
    for (const auto& f : builtin_functions()) {
      if (name != f.name || f.is_agg || f.variadic_any || f.nargs != (int)args.size()) continue;
      std::vector<Oid> t(f.args, f.args + f.nargs);
      bool dup = false;
      for (size_t k = 0; k < builtin_start; k++)
        if (decl[k] == t) { decl[k].assign(t.size(), oid::kRecord + 1); dup = true; }  // shadowed
      (void)dup;
      decl.push_back(t);
      results.push_back(f.result);
    }
  }
  std::vector<Oid> input;
  for (auto& a : args) input.push_back(a->type);
  std::vector<Oid> resolved;
  Oid result = 0;
  int k = decl.empty() ? -1 : select_signature(decl, results, input, resolved, result);
  if (k >= (int)builtin_start) return false;  // a built-in: the ordinary path resolves it
  std::string sig = name + "(" + type_signature(input, [&] {
    std::vector<std::string> n(npos);
    n.insert(n.end(), arg_names.begin(), arg_names.end());
    return n;
  }()) + ")";
  if (k == -2)
    throw PgError(sqlstate::kAmbiguousFunction, "function " + sig + " is not unique", "",
                  "Could not choose a best candidate function. You might need to add explicit type casts.")
        .at(fc->location);
  if (k < 0 && kind == 'f' && arg_names.empty()) {
    // A procedure of that signature: PostgreSQL's "is a procedure".
    for (const ProcDef* p : procs) {
      if (p->kind != 'p') continue;
      std::vector<Oid> in = p->input_types();
      if (in.size() != args.size()) continue;
      bool fits = true;
      for (size_t i = 0; i < in.size() && fits; i++) fits = can_coerce(args[i]->type, in[i], CastContext::Implicit);
      if (fits)
        throw PgError(sqlstate::kWrongObjectType, name + "(" + type_signature(input) + ") is a procedure", "",
                      "To call a procedure, use CALL.")
            .at(fc->location);
    }
  }
  if (k < 0) {
    bool builtin_named = false;
    for (const auto& f : builtin_functions()) builtin_named |= name == f.name;
    if (builtin_named && arg_names.empty() && kind == 'f') return false;  // the built-ins' own errors
    const char* what = kind == 'p' ? "procedure" : "function";
    throw PgError(sqlstate::kUndefinedFunction, std::string(what) + " " + sig + " does not exist", "",
                  std::string("No ") + what + " matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  }
  const Shape& sh = shapes[(size_t)k];
  const ProcDef& p = *sh.proc;
  std::vector<const ProcArg*> in;
  for (auto& a : p.args)
    if (a.is_input()) in.push_back(&a);
  for (size_t i = 0; i < args.size(); i++) {
    ExprPtr c = coerce_to(args[i], resolved[i], -1, CastContext::Implicit, -1);
    if (!c) throw PgError(sqlstate::kUndefinedFunction, "function " + sig + " does not exist").at(fc->location);
    args[i] = c;
  }
  // Arguments in parameter order: defaults fill the gaps; expanded VARIADIC elements form an array.
  std::vector<ExprPtr> final_args(in.size());
  std::vector<ExprPtr> variadic_elems;
  Oid variadic_elem = 0;
  for (size_t i = 0; i < args.size(); i++) {
    if (sh.param_of_arg[i] < 0) {
      variadic_elems.push_back(args[i]);
      variadic_elem = resolved[i];
    } else {
      final_args[(size_t)sh.param_of_arg[i]] = args[i];
    }
  }
  if (sh.expanded) {
    Oid arr = array_type_of(variadic_elem);
    if (!arr) unsupported("VARIADIC arguments of type " + format_type_name(variadic_elem, -1));
    std::string t = "pg_array_build(" + std::to_string(variadic_elem);
    for (size_t i = 0; i < variadic_elems.size(); i++) t += ", $" + std::to_string(i + 1);
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Call;
    e->name = "array";
    e->type = arr;
    e->templ = t + ")";
    e->args = variadic_elems;
    final_args.back() = e;
  }
  bool need_defaults = false;
  for (auto& a : final_args) need_defaults |= !a;
  if (need_defaults) {
    ParsedScript def(p.definition);
    CreateFunctionStmt* cf = definition_stmt(def);
    size_t k2 = 0;
    for_each_node(cf->parameters, [&](Node* n) {
      auto* fp = reinterpret_cast<FunctionParameter*>(n);
      if (fp->mode == FUNC_PARAM_OUT || fp->mode == FUNC_PARAM_TABLE) return;
      size_t idx = k2++;
      if (idx >= final_args.size() || final_args[idx] || !fp->defexpr) return;
      std::vector<Oid> none;
      Analyzer d(catalog_, none);
      d.sql_ = p.definition;
      ExprPtr e = d.transform_expr(fp->defexpr, ExprContext::Default);
      Oid target = in[idx]->type;
      if (is_polymorphic_type(target)) target = e->type == oid::kUnknown ? oid::kText : e->type;
      ExprPtr c = coerce_to(e, target, -1, CastContext::Assignment, -1);
      final_args[idx] = c ? c : e;
    });
  }
  std::vector<Oid> types;
  for (size_t i = 0; i < final_args.size(); i++) {
    if (!final_args[i]) throw PgError(sqlstate::kUndefinedFunction, "function " + sig + " does not exist").at(fc->location);
    types.push_back(final_args[i]->type);
  }
  // Result: a polymorphic declared result takes the resolved type; OUT/TABLE parameters are columns.
  out = UserCall{};
  out.proc = &p;
  out.args = std::move(final_args);
  out.result = p.result == oid::kRecord || !is_polymorphic_type(p.result) ? p.result : result;
  if (!out.result && p.result) throw PgError(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown");
  for (auto& a : p.args)
    if (a.mode == 'o' || a.mode == 'b' || a.mode == 't') {
      out.column_names.push_back(a.name.empty() ? "column" + std::to_string(out.column_names.size() + 1) : a.name);
      out.column_types.push_back(a.type);
    }
  if (out.column_types.size() == 1) {  // one OUT parameter: a scalar of its type
    out.result = out.column_types[0];
    if (!p.retset) out.scalar_name = out.column_names[0];
    out.column_types.clear();
    out.column_names.clear();
  }
  for (Oid t : out.column_types)
    if (is_polymorphic_type(t)) unsupported("polymorphic OUT parameters", fc->location);
  out.arg_types = types;
  // RETURNS record without OUT parameters: the columns come from the call's column definition list.
  if (!(out.result == oid::kRecord && out.column_types.empty()))
    out.body_id = sql_function_body(p, types, out.result, out.column_types);
  out.location = fc->location;
  return true;
}

ExprPtr Analyzer::user_call_expr(const UserCall& c, bool rows, bool one_row) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = c.proc->name;
  e->type = c.column_types.empty() ? c.result : oid::kRecord;
  int flags = (c.proc->strict ? 1 : 0) | (one_row ? 2 : 0) | (c.result == oid::kVoid ? 4 : 0) |
              (c.proc->volatility != 'v' ? kSqlCallNonVolatile : 0);
  std::string t = std::string(rows ? "pg_sql_rows(" : "pg_sql_scalar(") + std::to_string(c.body_id) + ", " + std::to_string(flags);
  for (size_t i = 0; i < c.args.size(); i++) t += ", $" + std::to_string(i + 1);
  e->templ = t + ")";
  e->args = c.args;
  e->volatile_ = c.proc->volatility == 'v';
  e->location = c.location;
  return e;
}

}  // namespace pgmicro
