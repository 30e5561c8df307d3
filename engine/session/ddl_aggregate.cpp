// CREATE AGGREGATE (new and old syntax) and DROP AGGREGATE. An aggregate is a row of
// _pgmicro_proc with prokind 'a' holding its input types, result type and the CREATE
// statement's text; calls re-read the options (analyze/analyze_user_aggregate.cpp). The
// support functions (SQL functions or built-ins) are checked at CREATE for concrete input
// types; COMBINEFUNC, SERIALFUNC, PARALLEL and the like are accepted and have no effect.
#include "analyze/analyzer.h"
#include "analyze/user_aggregate.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"

namespace pgmicro {

void SessionImpl::execute_create_aggregate(DefineStmt* d, StatementResult& out) {
  int n = list_size(d->defnames);
  std::string name = node_string(list_at(d->defnames, n - 1));
  if (n > 1 && node_string(list_at(d->defnames, n - 2)) != "public")
    throw PgError("3F000", "schema \"" + node_string(list_at(d->defnames, n - 2)) + "\" does not exist");
  UserAggregateOptions o = read_aggregate_options(d);
  for (auto& k : o.unrecognized)
    out.notices.push_back({"WARNING", "42601", "aggregate attribute \"" + k + "\" not recognized"});
  if (d->oldstyle && !o.basetype) throw PgError("42P13", "aggregate input type must be specified");
  if (!o.stype) throw PgError("42P13", "aggregate stype must be specified");
  if (o.sfunc.empty()) throw PgError("42P13", "aggregate sfunc must be specified");
  if (!o.msfunc.empty() && (o.minvfunc.empty() || !o.mstype))
    throw PgError("42P13", o.minvfunc.empty() ? "aggregate minvfunc must be specified when msfunc is specified"
                                              : "aggregate mstype must be specified when msfunc is specified");
  ProcDef p;
  p.name = name;
  p.kind = 'a';
  p.volatility = 'i';
  p.definition = current_stmt_text_;
  bool polymorphic = false;
  std::vector<Oid> types;
  for (TypeName* tn : aggregate_arg_types(d, o)) {
    ProcArg a;
    resolve_function_type(tn, a.type);
    polymorphic |= is_polymorphic_type(a.type);
    types.push_back(a.type);
    p.args.push_back(a);
  }
  for (const ProcDef* e : catalog_.find_procs(name))
    if (e->input_types() == types) {
      std::string sig;
      for (size_t i = 0; i < types.size(); i++) sig += (i ? "," : "") + format_type_name(types[i], -1);
      throw PgError(sqlstate::kDuplicateFunction, "function \"" + name + "\" already exists with same argument types");
    }
  Oid stype;
  resolve_function_type(o.stype, stype);
  p.result = stype;
  if (!polymorphic) {
    // Resolve the support functions for the declared types now (PostgreSQL's lookup errors).
    std::vector<Oid> params = types;
    Analyzer a(catalog_, params);
    std::vector<ExprPtr> args;
    for (size_t i = 0; i < types.size(); i++) {
      auto x = std::make_shared<Expr>();
      x->kind = ExprKind::Param;
      x->param_no = int(i + 1);
      x->type = types[i];
      args.push_back(x);
    }
    try {
      p.result = 0;  // the call's type: the final function's result (the state type without one)
      ExprPtr call = a.user_aggregate_call(p, args, false, -1);
      p.result = call->type;
      if (!o.msfunc.empty()) a.user_aggregate_call(p, args, true, -1);
    } catch (PgError& e) {
      e.error.position = 0;
      if (e.error.sqlstate == sqlstate::kUndefinedFunction) e.error.hint.clear();
      throw;
    }
  }
  Catalog::ensure_catalog_tables(conn_);
  std::string stypes, modes, names;
  for (size_t i = 0; i < types.size(); i++) {
    stypes += (i ? "," : "") + std::to_string(types[i]);
    modes += 'i';
    names += i ? "\n" : "";
  }
  int64_t oid = Catalog::allocate_oid(conn_);
  exec_sql(conn_, "INSERT INTO _pgmicro_proc VALUES(" + std::to_string(oid) + ", " + quote_literal(name) + ", 'a', " +
                      quote_literal(stypes) + ", " + quote_literal(modes) + ", " + quote_literal(names) + ", 0, " +
                      std::to_string(p.result) + ", 0, 'i', 0, " + quote_literal(p.definition) + ")");
  bump_schema();
  out.command_tag = "CREATE AGGREGATE";
}

void SessionImpl::execute_drop_aggregate(DropStmt* stmt, StatementResult& out) {
  out.command_tag = "DROP AGGREGATE";
  std::string sql;
  for_each_node(stmt->objects, [&](Node* n) {
    const ProcDef* p = find_routine(reinterpret_cast<ObjectWithArgs*>(n), 'a', stmt->missing_ok, out, "aggregate");
    if (p) sql += "DELETE FROM _pgmicro_proc WHERE oid = " + std::to_string(p->oid) + ";";
  });
  if (!sql.empty()) {
    exec_sql(conn_, sql);
    bump_schema();
  }
}

}  // namespace pgmicro
