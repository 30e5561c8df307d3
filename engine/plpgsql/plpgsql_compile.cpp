// PL/pgSQL bodies parsed by PostgreSQL's own PL/pgSQL grammar (libpg_query's copy of
// pl_gram.y / pl_scanner.c / pl_comp.c): the compile steps plpgsql_compile performs (namespace,
// parameters, FOUND, NEW/OLD and the TG_ variables of trigger functions, then
// plpgsql_yyparse) run inside a libpg_query memory context, and the resulting
// PLpgSQL_function is copied into plpgsql_tree.h's structs before the context is freed.
// Types are not resolved here (the grammar keeps declared type names as text); the
// interpreter resolves them at the first call.
#include <cstring>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/parser.h"
#include "plpgsql/plpgsql_tree.h"
#include "plpgsql/plpgsql_composite_decls.h"
#include "types/record.h"
extern "C" {
#include "postgres.h"
#include "plpgsql.h"
}
#include "parse/pg_nodes.h"

namespace pgmicro::plpgsql {

namespace {

struct CompileRequest {
  const char* source = nullptr;
  const char* name = nullptr;
  bool trigger = false;
  Oid rettype = 0;
  bool retset = false;
  bool procedure = false;
  int nargs = 0;
  const char* const* argnames = nullptr;  // nullptr entries: unnamed
  const bool* argrec = nullptr;            // composite parameters
  const char* argmodes = nullptr;
};

const char* const kTriggerVars[] = {"tg_name", "tg_when", "tg_level", "tg_op", "tg_relid", "tg_relname",
                                    "tg_table_name", "tg_table_schema", "tg_nargs", "tg_argv"};

// Plain C: PG_TRY's longjmp must not cross C++ objects with destructors.
::PLpgSQL_function* raw_compile(const CompileRequest* rq, ::ErrorData** error) {
  ::PLpgSQL_function* volatile fn = nullptr;
  ::MemoryContext cxt = CurrentMemoryContext;
  PG_TRY();
  {
    plpgsql_scanner_init(rq->source);
    plpgsql_error_funcname = const_cast<char*>(rq->name);
    plpgsql_check_syntax = true;
    ::PLpgSQL_function* f = static_cast<::PLpgSQL_function*>(palloc0(sizeof(::PLpgSQL_function)));
    plpgsql_curr_compile = f;
    plpgsql_compile_tmp_cxt = CurrentMemoryContext;
    f->fn_signature = pstrdup(rq->name);
    f->fn_is_trigger = rq->trigger ? PLPGSQL_DML_TRIGGER : PLPGSQL_NOT_TRIGGER;
    f->fn_cxt = CurrentMemoryContext;
    f->out_param_varno = -1;
    f->resolve_option = PLPGSQL_RESOLVE_ERROR;
    plpgsql_ns_init();
    plpgsql_ns_push(rq->name, PLPGSQL_LABEL_BLOCK);
    plpgsql_DumpExecTree = false;
    plpgsql_start_datums();
    for (int i = 0; i < rq->nargs; i++) {
      char buf[32];
      snprintf(buf, sizeof(buf), "$%d", i + 1);
      ::PLpgSQL_type* t = static_cast<::PLpgSQL_type*>(palloc0(sizeof(::PLpgSQL_type)));
      t->ttype = rq->argrec[i] ? PLPGSQL_TTYPE_REC : PLPGSQL_TTYPE_SCALAR;
      t->typoid = rq->argrec[i] ? 2249 : 25;
      t->typname = pstrdup("x");
      const char* nm = rq->argnames[i] ? rq->argnames[i] : buf;
      ::PLpgSQL_variable* v = plpgsql_build_variable(nm, 0, t, false);
      char m = rq->argmodes[i];
      if (m == 'o' || m == 'b' || m == 't') f->out_param_varno = v->dno;
      ::PLpgSQL_nsitem_type it = v->dtype == PLPGSQL_DTYPE_VAR ? PLPGSQL_NSTYPE_VAR : PLPGSQL_NSTYPE_REC;
      if (m != 'o' && m != 't') plpgsql_ns_additem(it, v->dno, buf);
      if (rq->argnames[i]) plpgsql_ns_additem(it, v->dno, rq->argnames[i]);
    }
    f->fn_rettype = rq->rettype;
    f->fn_retset = rq->retset;
    f->fn_prokind = rq->procedure ? 'p' : 'f';
    ::PLpgSQL_variable* found =
        plpgsql_build_variable("found", 0, plpgsql_build_datatype(16, -1, 0, nullptr), true);
    f->found_varno = found->dno;
    if (rq->trigger) {
      f->new_varno = plpgsql_build_record("new", 0, nullptr, 2249, true)->dno;
      f->old_varno = plpgsql_build_record("old", 0, nullptr, 2249, true)->dno;
      for (const char* tv : kTriggerVars)
        plpgsql_build_variable(tv, 0, plpgsql_build_datatype(25, -1, 0, nullptr), true);
    }
    if (plpgsql_yyparse() != 0) ereport(ERROR, (errmsg_internal("plpgsql parser failed")));
    f->action = plpgsql_parse_result;
    plpgsql_scanner_finish();
    plpgsql_finish_datums(f);
    plpgsql_error_funcname = nullptr;
    plpgsql_check_syntax = false;
    fn = f;
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    *error = CopyErrorData();
    FlushErrorState();
    plpgsql_error_funcname = nullptr;
    plpgsql_check_syntax = false;
    fn = nullptr;
  }
  PG_END_TRY();
  return fn;
}

::PLpgSQL_function* raw_compile_inline(const char* source, ::ErrorData** error) {
  ::PLpgSQL_function* volatile fn = nullptr;
  ::MemoryContext cxt = CurrentMemoryContext;
  PG_TRY();
  {
    fn = plpgsql_compile_inline(const_cast<char*>(source));
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    *error = CopyErrorData();
    FlushErrorState();
    fn = nullptr;
  }
  PG_END_TRY();
  return fn;
}

std::string sqlstate_text(int code) {
  std::string s(5, '0');
  for (int i = 0; i < 5; i++) s[i] = static_cast<char>(((code >> (6 * i)) & 0x3F) + '0');
  return s;
}

struct Converter {
  ::PLpgSQL_function* fn;
  Function& out;

  PlExprPtr expr(::PLpgSQL_expr* e) {
    if (!e) return nullptr;
    auto x = std::make_shared<PlExpr>();
    x->query = e->query ? e->query : "";
    x->mode = static_cast<int>(e->parseMode);
    for (::PLpgSQL_nsitem* n = e->ns; n; n = n->prev)
      if (n->itemtype == PLPGSQL_NSTYPE_VAR || n->itemtype == PLPGSQL_NSTYPE_REC) x->visible.push_back({n->name, n->itemno});
    return x;
  }

  StmtList list(List* l) {
    StmtList r;
    for_each_node(l, [&](Node* n) { r.push_back(stmt(reinterpret_cast<::PLpgSQL_stmt*>(n))); });
    return r;
  }

  int target(::PLpgSQL_variable* v) { return v ? v->dno : -1; }

  StmtPtr stmt(::PLpgSQL_stmt* s) {
    auto r = std::make_shared<Stmt>();
    r->lineno = s->lineno;
    switch (s->cmd_type) {
      case PLPGSQL_STMT_BLOCK: {
        auto* b = reinterpret_cast<::PLpgSQL_stmt_block*>(s);
        r->kind = StmtKind::Block;
        r->label = b->label ? b->label : "";
        r->body = list(b->body);
        for (int i = 0; i < b->n_initvars; i++) r->initvars.push_back(b->initvarnos[i]);
        if (b->exceptions) {
          r->has_exceptions = true;
          r->sqlstate_var = b->exceptions->sqlstate_varno;
          r->sqlerrm_var = b->exceptions->sqlerrm_varno;
          for_each_node(b->exceptions->exc_list, [&](Node* n) {
            auto* ex = reinterpret_cast<::PLpgSQL_exception*>(n);
            Handler h;
            h.lineno = ex->lineno;
            for (::PLpgSQL_condition* c = ex->conditions; c; c = c->next)
              h.conditions.push_back({c->sqlerrstate == 0 ? "OTHERS" : sqlstate_text(c->sqlerrstate),
                                      c->condname ? c->condname : ""});
            h.body = list(ex->action);
            r->handlers.push_back(std::move(h));
          });
        }
        break;
      }
      case PLPGSQL_STMT_ASSIGN: {
        auto* a = reinterpret_cast<::PLpgSQL_stmt_assign*>(s);
        r->kind = StmtKind::Assign;
        r->varno = a->varno;
        r->expr = expr(a->expr);
        break;
      }
      case PLPGSQL_STMT_IF: {
        auto* i = reinterpret_cast<::PLpgSQL_stmt_if*>(s);
        r->kind = StmtKind::If;
        r->whens.push_back({expr(i->cond), list(i->then_body)});
        for_each_node(i->elsif_list, [&](Node* n) {
          auto* e = reinterpret_cast<::PLpgSQL_if_elsif*>(n);
          r->whens.push_back({expr(e->cond), list(e->stmts)});
        });
        r->else_body = list(i->else_body);
        break;
      }
      case PLPGSQL_STMT_CASE: {
        auto* c = reinterpret_cast<::PLpgSQL_stmt_case*>(s);
        r->kind = StmtKind::Case;
        r->expr = expr(c->t_expr);
        r->varno = c->t_varno;
        for_each_node(c->case_when_list, [&](Node* n) {
          auto* w = reinterpret_cast<::PLpgSQL_case_when*>(n);
          r->whens.push_back({expr(w->expr), list(w->stmts)});
        });
        r->flag = c->have_else;
        r->else_body = list(c->else_stmts);
        break;
      }
      case PLPGSQL_STMT_LOOP: {
        auto* l = reinterpret_cast<::PLpgSQL_stmt_loop*>(s);
        r->kind = StmtKind::Loop;
        r->label = l->label ? l->label : "";
        r->body = list(l->body);
        break;
      }
      case PLPGSQL_STMT_WHILE: {
        auto* w = reinterpret_cast<::PLpgSQL_stmt_while*>(s);
        r->kind = StmtKind::While;
        r->label = w->label ? w->label : "";
        r->expr = expr(w->cond);
        r->body = list(w->body);
        break;
      }
      case PLPGSQL_STMT_FORI: {
        auto* f = reinterpret_cast<::PLpgSQL_stmt_fori*>(s);
        r->kind = StmtKind::ForI;
        r->label = f->label ? f->label : "";
        r->varno = f->var->dno;
        r->expr = expr(f->lower);
        r->expr2 = expr(f->upper);
        r->expr3 = expr(f->step);
        r->flag = f->reverse != 0;
        r->body = list(f->body);
        break;
      }
      case PLPGSQL_STMT_FORS: {
        auto* f = reinterpret_cast<::PLpgSQL_stmt_fors*>(s);
        r->kind = StmtKind::ForS;
        r->label = f->label ? f->label : "";
        r->varno = target(f->var);
        r->expr = expr(f->query);
        r->body = list(f->body);
        break;
      }
      case PLPGSQL_STMT_DYNFORS: {
        auto* f = reinterpret_cast<::PLpgSQL_stmt_dynfors*>(s);
        r->kind = StmtKind::DynForS;
        r->label = f->label ? f->label : "";
        r->varno = target(f->var);
        r->expr = expr(f->query);
        for_each_node(f->params, [&](Node* n) { r->params.push_back(expr(reinterpret_cast<::PLpgSQL_expr*>(n))); });
        r->body = list(f->body);
        break;
      }
      case PLPGSQL_STMT_FOREACH_A: {
        auto* f = reinterpret_cast<::PLpgSQL_stmt_foreach_a*>(s);
        r->kind = StmtKind::ForEachA;
        r->label = f->label ? f->label : "";
        r->varno = f->varno;
        r->expr = expr(f->expr);
        r->body = list(f->body);
        if (f->slice) { r->kind = StmtKind::Unsupported; r->what = "FOREACH ... SLICE"; }
        break;
      }
      case PLPGSQL_STMT_EXIT: {
        auto* e = reinterpret_cast<::PLpgSQL_stmt_exit*>(s);
        r->kind = StmtKind::Exit;
        r->flag = e->is_exit;
        r->label = e->label ? e->label : "";
        r->expr = expr(e->cond);
        break;
      }
      case PLPGSQL_STMT_RETURN: {
        auto* e = reinterpret_cast<::PLpgSQL_stmt_return*>(s);
        r->kind = StmtKind::Return;
        r->expr = expr(e->expr);
        r->varno = e->retvarno;
        break;
      }
      case PLPGSQL_STMT_RETURN_NEXT: {
        auto* e = reinterpret_cast<::PLpgSQL_stmt_return_next*>(s);
        r->kind = StmtKind::ReturnNext;
        r->expr = expr(e->expr);
        r->varno = e->retvarno;
        break;
      }
      case PLPGSQL_STMT_RETURN_QUERY: {
        auto* e = reinterpret_cast<::PLpgSQL_stmt_return_query*>(s);
        r->kind = StmtKind::ReturnQuery;
        r->expr = expr(e->query);
        r->expr2 = expr(e->dynquery);
        for_each_node(e->params, [&](Node* n) { r->params.push_back(expr(reinterpret_cast<::PLpgSQL_expr*>(n))); });
        break;
      }
      case PLPGSQL_STMT_RAISE: {
        auto* e = reinterpret_cast<::PLpgSQL_stmt_raise*>(s);
        r->kind = StmtKind::Raise;
        r->elog_level = e->elog_level;
        r->condname = e->condname ? e->condname : "";
        r->message = e->message ? e->message : "";
        r->flag = e->message != nullptr;
        for_each_node(e->params, [&](Node* n) { r->params.push_back(expr(reinterpret_cast<::PLpgSQL_expr*>(n))); });
        for_each_node(e->options, [&](Node* n) {
          auto* o = reinterpret_cast<::PLpgSQL_raise_option*>(n);
          r->options.push_back({static_cast<int>(o->opt_type), expr(o->expr)});
        });
        break;
      }
      case PLPGSQL_STMT_ASSERT: {
        auto* e = reinterpret_cast<::PLpgSQL_stmt_assert*>(s);
        r->kind = StmtKind::Assert;
        r->expr = expr(e->cond);
        r->expr2 = expr(e->message);
        break;
      }
      case PLPGSQL_STMT_EXECSQL: {
        auto* e = reinterpret_cast<::PLpgSQL_stmt_execsql*>(s);
        r->kind = StmtKind::ExecSql;
        r->expr = expr(e->sqlstmt);
        r->into = e->into;
        r->flag = e->strict;
        r->varno = target(e->target);
        break;
      }
      case PLPGSQL_STMT_DYNEXECUTE: {
        auto* e = reinterpret_cast<::PLpgSQL_stmt_dynexecute*>(s);
        r->kind = StmtKind::DynExecute;
        r->expr = expr(e->query);
        r->into = e->into;
        r->flag = e->strict;
        r->varno = target(e->target);
        for_each_node(e->params, [&](Node* n) { r->params.push_back(expr(reinterpret_cast<::PLpgSQL_expr*>(n))); });
        break;
      }
      case PLPGSQL_STMT_GETDIAG: {
        auto* g = reinterpret_cast<::PLpgSQL_stmt_getdiag*>(s);
        r->kind = StmtKind::GetDiag;
        r->flag = g->is_stacked;
        for_each_node(g->diag_items, [&](Node* n) {
          auto* d = reinterpret_cast<::PLpgSQL_diag_item*>(n);
          r->diag.push_back({static_cast<int>(d->kind), d->target});
        });
        break;
      }
      case PLPGSQL_STMT_PERFORM: {
        auto* p = reinterpret_cast<::PLpgSQL_stmt_perform*>(s);
        r->kind = StmtKind::Perform;
        r->expr = expr(p->expr);
        break;
      }
      case PLPGSQL_STMT_CALL: {
        auto* c = reinterpret_cast<::PLpgSQL_stmt_call*>(s);
        r->kind = StmtKind::Unsupported;
        r->what = c->is_call ? "CALL in PL/pgSQL" : "DO in PL/pgSQL";
        break;
      }
      case PLPGSQL_STMT_OPEN: r->what = "OPEN"; break;
      case PLPGSQL_STMT_FETCH: r->what = "FETCH"; break;
      case PLPGSQL_STMT_CLOSE: r->what = "CLOSE"; break;
      case PLPGSQL_STMT_FORC: r->what = "FOR over a cursor"; break;
      case PLPGSQL_STMT_COMMIT: r->what = "COMMIT in PL/pgSQL"; break;
      case PLPGSQL_STMT_ROLLBACK: r->what = "ROLLBACK in PL/pgSQL"; break;
      default: r->what = "this PL/pgSQL statement"; break;
    }
    return r;
  }

  void datums() {
    for (int i = 0; i < fn->ndatums; i++) {
      ::PLpgSQL_datum* d = fn->datums[i];
      Var v;
      switch (d->dtype) {
        case PLPGSQL_DTYPE_VAR:
        case PLPGSQL_DTYPE_PROMISE: {
          auto* x = reinterpret_cast<::PLpgSQL_var*>(d);
          v.kind = VarKind::Var;
          v.name = x->refname ? x->refname : "";
          v.type_text = x->datatype && x->datatype->typname ? x->datatype->typname : "";
          v.is_const = x->isconst;
          v.not_null = x->notnull;
          v.lineno = x->lineno;
          v.default_val = expr(x->default_val);
          if (x->cursor_explicit_expr) v.type_text = "\x01cursor";
          break;
        }
        case PLPGSQL_DTYPE_REC: {
          auto* x = reinterpret_cast<::PLpgSQL_rec*>(d);
          v.kind = VarKind::Rec;
          v.name = x->refname ? x->refname : "";
          v.type_text = x->datatype && x->datatype->typname ? x->datatype->typname : "record";
          v.is_const = x->isconst;
          v.not_null = x->notnull;
          v.default_val = expr(x->default_val);
          break;
        }
        case PLPGSQL_DTYPE_ROW: {
          auto* x = reinterpret_cast<::PLpgSQL_row*>(d);
          v.kind = VarKind::Row;
          v.name = x->refname ? x->refname : "";
          for (int k = 0; k < x->nfields; k++) v.fields.push_back(x->varnos[k]);
          break;
        }
        case PLPGSQL_DTYPE_RECFIELD: {
          auto* x = reinterpret_cast<::PLpgSQL_recfield*>(d);
          v.kind = VarKind::RecField;
          v.parent = x->recparentno;
          v.field = x->fieldname ? x->fieldname : "";
          break;
        }
      }
      out.datums.push_back(std::move(v));
    }
  }
};

[[noreturn]] void throw_compile_error(::ErrorData* ed, const std::string& name) {
  PgError e(ed->sqlerrcode ? sqlstate_text(ed->sqlerrcode) : std::string(sqlstate::kSyntaxError),
            ed->message ? ed->message : "PL/pgSQL syntax error");
  if (ed->detail) e.error.detail = ed->detail;
  if (ed->hint) e.error.hint = ed->hint;
  if (!name.empty() && ed->internalpos <= 0) e.error.context = "compilation of PL/pgSQL function \"" + name + "\" near line " +
                                       std::to_string(plpgsql_latest_lineno());
  // The position inside the body, made statement-relative by the caller.
  e.error.position = ed->internalpos > 0 ? -ed->internalpos : 0;
  // ed lives in the memory context freed by the caller
  throw e;
}

void finish(Function& f, ::PLpgSQL_function* fn) {
  Converter c{fn, f};
  c.datums();
  f.found_dno = fn->found_varno;
  f.new_dno = f.is_trigger ? fn->new_varno : -1;
  f.old_dno = f.is_trigger ? fn->old_varno : -1;
  f.action = c.stmt(reinterpret_cast<::PLpgSQL_stmt*>(fn->action));
}

struct ContextGuard {
  MemoryContext ctx;
  ContextGuard() : ctx(pg_query_enter_memory_context()) {}
  ~ContextGuard() { pg_query_exit_memory_context(ctx); }
};

CreateFunctionStmt* definition_stmt(const ParsedScript& ps) {
  if (ps.statements().empty() || !IsA(ps.statements()[0].raw->stmt, CreateFunctionStmt))
    throw PgError(sqlstate::kInternalError, "bad stored function definition");
  return reinterpret_cast<CreateFunctionStmt*>(ps.statements()[0].raw->stmt);
}

std::string body_of(CreateFunctionStmt* cf, std::string* language) {
  std::string body;
  for_each_node(cf->options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string opt = d->defname;
    if (opt == "language" && language) *language = node_string(d->arg);
    if (opt != "as") return;
    if (d->arg && IsA(d->arg, List) && list_size(reinterpret_cast<List*>(d->arg)) >= 1)
      body = node_string(list_at(reinterpret_cast<List*>(d->arg), 0));
    else if (d->arg && IsA(d->arg, String))
      body = node_string(d->arg);
  });
  return body;
}

}  // namespace

bool is_plpgsql_definition(const std::string& definition) {
  ParsedScript ps(definition);
  std::string language;
  body_of(definition_stmt(ps), &language);
  return language == "plpgsql";
}

// Puts the declared type text back on the record datums of composite-typed declarations.
static void restore_composite_decls(Function& f, ::PLpgSQL_function* fn, const std::vector<CompositeDecl>& decls) {
  for (int i = 0; i < fn->ndatums && i < (int)f.datums.size(); i++) {
    if (fn->datums[i]->dtype != PLPGSQL_DTYPE_REC) continue;
    auto* x = reinterpret_cast<::PLpgSQL_rec*>(fn->datums[i]);
    for (auto& d : decls)
      if (x->refname && d.name == x->refname && d.lineno == x->lineno) f.datums[(size_t)i].type_text = d.type_text;
  }
}

FunctionPtr compile_function(const ProcDef& p, const Catalog* cat) {
  auto f = std::make_shared<Function>();
  f->name = p.name;
  f->result = p.result;
  f->retset = p.retset;
  f->is_trigger = p.result == kTriggerType;
  {
    ParsedScript ps(p.definition);
    f->source = body_of(definition_stmt(ps), nullptr);
  }
  std::string sig;
  for (auto& a : p.args)
    if (a.is_input()) sig += (sig.empty() ? "" : ",") + format_type_name(a.type, -1);
  f->signature = p.name + "(" + sig + ")";
  std::vector<const char*> names;
  std::unique_ptr<bool[]> rec(new bool[p.args.size() + 1]);
  std::string modes;
  for (size_t i = 0; i < p.args.size(); i++) {
    names.push_back(p.args[i].name.empty() ? nullptr : p.args[i].name.c_str());
    rec[i] = is_row_type(p.args[i].type);
    modes += p.args[i].mode;
  }
  std::vector<CompositeDecl> decls;
  std::string marked = cat ? mark_composite_declarations(f->source, *cat, decls) : f->source;
  CompileRequest rq;
  rq.source = marked.c_str();
  rq.name = f->name.c_str();
  rq.trigger = f->is_trigger;
  rq.rettype = p.result;
  rq.retset = p.retset;
  rq.procedure = p.kind == 'p';
  rq.nargs = (int)p.args.size();
  rq.argnames = names.data();
  rq.argrec = rec.get();
  rq.argmodes = modes.c_str();
  ContextGuard guard;
  ::ErrorData* ed = nullptr;
  ::PLpgSQL_function* fn = raw_compile(&rq, &ed);
  if (!fn) throw_compile_error(ed, f->name);
  // Parameters are the first datums, in declaration order.
  for (size_t i = 0; i < p.args.size(); i++) {
    if (p.args[i].is_input()) f->arg_dnos.push_back((int)i);
    if (p.args[i].mode == 'o' || p.args[i].mode == 'b' || p.args[i].mode == 't') {
      f->out_dnos.push_back((int)i);
      f->out_types.push_back(p.args[i].type);
    }
  }
  finish(*f, fn);
  restore_composite_decls(*f, fn, decls);
  for (size_t i = 0; i < p.args.size(); i++) {
    f->datums[i].resolved = true;
    f->datums[i].type = p.args[i].type;
  }
  return f;
}

FunctionPtr compile_do(const std::string& source, const Catalog* cat) {
  auto f = std::make_shared<Function>();
  f->name = "inline_code_block";
  f->result = oid::kVoid;
  f->is_do = true;
  f->source = source;
  ContextGuard guard;
  ::ErrorData* ed = nullptr;
  std::vector<CompositeDecl> decls;
  std::string marked = cat ? mark_composite_declarations(f->source, *cat, decls) : f->source;
  ::PLpgSQL_function* fn = raw_compile_inline(marked.c_str(), &ed);
  if (!fn) throw_compile_error(ed, "");
  finish(*f, fn);
  restore_composite_decls(*f, fn, decls);
  return f;
}

}  // namespace pgmicro::plpgsql

namespace pgmicro::plpgsql {
namespace {
int raw_condition(const char* name) {
  volatile int code = -1;
  ::MemoryContext cxt = CurrentMemoryContext;
  PG_TRY();
  {
    code = plpgsql_recognize_err_condition(name, true);
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    FlushErrorState();
    code = -1;
  }
  PG_END_TRY();
  return code;
}
}  // namespace

std::string condition_sqlstate(const std::string& name) {
  std::string lower = name;
  for (auto& c : lower) c = (char)std::tolower((unsigned char)c);
  ContextGuard guard;
  int code = raw_condition(lower.c_str());
  if (code < 0) {
    if (name.size() == 5) {
      bool ok = true;
      for (char c : name) ok &= (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
      if (ok) return name;
    }
    throw PgError(sqlstate::kUndefinedObject, "unrecognized exception condition \"" + name + "\"");
  }
  return sqlstate_text(code);
}

}  // namespace pgmicro::plpgsql

namespace pgmicro::plpgsql {

FunctionPtr compile_for_call(const ProcDef& p, const std::vector<Oid>& arg_types, Oid result,
                             const std::vector<Oid>& columns, const Catalog* cat) {
  FunctionPtr f = compile_function(p, cat);
  for (size_t i = 0; i < f->arg_dnos.size() && i < arg_types.size(); i++) {
    f->datums[(size_t)f->arg_dnos[i]].type = arg_types[i];
  }
  if (result && result != oid::kRecord) f->result = result;
  if (!columns.empty()) f->out_types = columns;
  return f;
}

}  // namespace pgmicro::plpgsql
