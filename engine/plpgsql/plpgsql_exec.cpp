// The PL/pgSQL interpreter: runs a compiled Function (plpgsql_tree.h) statement by statement.
// Every expression and SQL statement of the body is analysed by pgmicro's analyzer as
// PostgreSQL runs them (a SELECT of the expression), with the variables visible at that point
// as parameters $1..$n (the function's arguments first, so $n works), lowered once, and run as
// a nested SQLite statement on the session's connection with the variables' current values
// bound. Values stay in their storage encoding. Errors get PostgreSQL's CONTEXT line
// ("PL/pgSQL function f(integer) line 3 at RETURN"); RAISE NOTICE/WARNING go to the
// RuntimeContext's notices, which the session attaches to the statement's result.
#include "plpgsql/plpgsql_exec.h"
#include <cstring>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "runtime/function_context.h"
#include "types/record.h"
#include "types/type_io.h"
#include "types/user_types.h"
#include "parse/pg_nodes.h"

namespace pgmicro {
void refuse_rules_in_plpgsql(Catalog& cat, sqlite3* db, Node* stmt);  // session/rules.cpp
}

namespace pgmicro::plpgsql {

namespace {

constexpr int kLevelInfo = 17, kLevelNotice = 18, kLevelWarning = 19, kLevelError = 21;

// Parses `text` in a libpg_query parse mode inside its own memory context.
struct ModeParse {
  MemoryContext ctx = nullptr;
  List* tree = nullptr;
  ModeParse(const std::string& text, int mode) {
    ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError r = pg_query_raw_parse(text.c_str(), mode);
    if (r.stderr_buffer) free(r.stderr_buffer);
    if (r.error) {
      PgError e(sqlstate::kSyntaxError, r.error->message);
      pg_query_free_error(r.error);
      pg_query_exit_memory_context(ctx);
      ctx = nullptr;
      throw e;
    }
    tree = r.tree;
  }
  ~ModeParse() {
    if (ctx) pg_query_exit_memory_context(ctx);
  }
  Node* first() const {
    if (!tree || list_size(tree) == 0) return nullptr;
    Node* n = list_at(tree, 0);
    if (IsA(n, RawStmt)) return reinterpret_cast<RawStmt*>(n)->stmt;
    return n;
  }
};

struct ControlExit {
  bool is_exit;
  std::string label;
};
struct ControlReturn {};

}  // namespace

class Exec {
 public:
  Exec(Function& f, sqlite3* db, RuntimeContext* rc) : f_(f), db_(db), rc_(rc), cat_(*rc->catalog) {
    vals_.resize(f.datums.size());
    proc_.name = f.name;
  }

  Function& f_;
  sqlite3* db_;
  RuntimeContext* rc_;
  Catalog& cat_;
  ProcDef proc_;  // stands for the function in the analyzer's parameter lookup
  std::vector<Value> vals_;
  Value result_;
  std::vector<std::vector<pgmicro::Datum>> rows_;
  int64_t row_count_ = 0;
  int line_ = 0;
  std::string at_ = "";
  std::vector<Error> handling_;  // errors being handled (RAISE; and GET STACKED DIAGNOSTICS)
  int savepoint_seq_ = 0;

  // --- types ---------------------------------------------------------------

  void resolve_var(int dno) {
    Var& v = f_.datums[(size_t)dno];
    if (v.resolved) return;
    v.resolved = true;
    if (v.kind != VarKind::Var && v.kind != VarKind::Rec) return;
    std::string t = v.type_text;
    if (t == "\x01cursor") unsupported("cursor variables");
    auto lower = [](std::string s) {
      for (auto& c : s) c = (char)std::tolower((unsigned char)c);
      return s;
    };
    std::string lt = lower(t);
    while (!lt.empty() && std::isspace((unsigned char)lt.back())) lt.pop_back(), t.pop_back();
    auto suffix = [&](const char* s) {
      size_t n = std::strlen(s);
      return lt.size() > n && lt.compare(lt.size() - n, n, s) == 0;
    };
    if (suffix("%type") || suffix("%rowtype")) {
      bool row = suffix("%rowtype");
      std::string base = lt.substr(0, lt.rfind('%'));
      while (!base.empty() && std::isspace((unsigned char)base.back())) base.pop_back();
      if (row) {
        const TableDef* td = cat_.find_table(base);
        if (!td) throw PgError("42P01", "relation \"" + base + "\" does not exist");
        v.type = (Oid)td->oid;
        return;
      }
      size_t dot = base.find('.');
      if (dot == std::string::npos) {
        for (size_t i = 0; i < f_.datums.size(); i++)
          if (f_.datums[i].name == base && (int)i != dno && f_.datums[i].kind == VarKind::Var) {
            resolve_var((int)i);
            v.type = f_.datums[i].type;
            v.typmod = f_.datums[i].typmod;
            return;
          }
        throw PgError(sqlstate::kUndefinedObject, "variable \"" + base + "\" does not exist");
      }
      const TableDef* td = cat_.find_table(base.substr(0, dot));
      if (td) {
        int c = td->find_column(base.substr(dot + 1));
        if (c >= 0) {
          v.type = td->columns[(size_t)c].type;
          v.typmod = td->columns[(size_t)c].typmod;
          return;
        }
      }
      throw PgError(sqlstate::kUndefinedObject, "type \"" + t + "\" does not exist");
    }
    if (lt == "record") {
      v.type = oid::kRecord;
      return;
    }
    ModeParse mp(t, PG_QUERY_PARSE_TYPE_NAME);
    Node* n = mp.first();
    if (!n || !IsA(n, TypeName)) throw PgError(sqlstate::kSyntaxError, "invalid type name \"" + t + "\"");
    std::vector<Oid> none;
    Analyzer a(cat_, none);
    a.resolve_type_name(reinterpret_cast<TypeName*>(n), v.type, v.typmod);
  }

  // --- analysis ---------------------------------------------------------------

  Oid datum_type(int dno, int32_t* typmod) {
    Var& v = f_.datums[(size_t)dno];
    resolve_var(dno);
    if (v.kind == VarKind::Rec) {
      const Value& cur = vals_[(size_t)dno];
      if (v.type == oid::kRecord && cur.type) {
        *typmod = cur.typmod;
        return cur.type;
      }
    }
    *typmod = v.typmod;
    return v.type;
  }

  enum class Purpose { Expr, Stmt, Assign };

  // Analyses the expression/statement (again when a record variable's type moved).
  void analyse(PlExpr& x, Purpose purpose, Oid target = 0, int32_t target_typmod = -1) {
    // Parameters: the arguments, then the visible variables (innermost first wins a name).
    std::vector<int> dnos;
    std::vector<std::string> names;
    std::map<std::string, int> by_name;
    for (auto& [name, dno] : x.visible)
      if (!by_name.count(name)) by_name[name] = dno;
    for (int d : f_.arg_dnos) {
      dnos.push_back(d);
      const std::string& nm = f_.datums[(size_t)d].name;
      auto it = by_name.find(nm);
      names.push_back(it != by_name.end() && it->second == d ? nm : "");
    }
    for (auto& [name, dno] : by_name) {
      if (f_.datums[(size_t)dno].kind == VarKind::Row || f_.datums[(size_t)dno].kind == VarKind::RecField) continue;
      bool is_arg = false;
      for (int d : f_.arg_dnos) is_arg |= d == dno;
      if (is_arg) continue;
      dnos.push_back(dno);
      names.push_back(name);
    }
    std::vector<Oid> types;
    std::vector<int32_t> typmods;
    for (int d : dnos) {
      int32_t tm = -1;
      Oid t = datum_type(d, &tm);
      if (t == oid::kRecord && f_.datums[(size_t)d].kind == VarKind::Rec) t = oid::kRecord;
      types.push_back(t);
      typmods.push_back(tm);
    }
    if (x.analysed && types == x.param_types && typmods == x.param_typmods) return;
    std::string text;
    int mode = 0;
    if (purpose == Purpose::Expr || (purpose == Purpose::Assign && x.mode == 2)) {
      text = "SELECT " + x.query;
    } else if (purpose == Purpose::Assign) {
      text = x.query;
      mode = x.mode;
    } else {
      text = x.query;
    }
    std::vector<Oid> param_types = types;
    Analyzer a(cat_, param_types);
    a.sql_ = text;
    a.sql_function_ = &proc_;
    a.sql_param_names_ = names;
    a.sql_param_typmods_ = typmods;
    ModeParse mp(text, mode);
    Node* n = mp.first();
    if (!n) throw PgError(sqlstate::kSyntaxError, "empty query in PL/pgSQL");
    std::string lowered;
    x.result_types.clear();
    x.result_typmods.clear();
    x.result_names.clear();
    x.is_dml = false;
    std::vector<TargetEntry>* targets = nullptr;
    std::unique_ptr<SelectQuery> sq;
    std::unique_ptr<InsertQuery> iq;
    std::unique_ptr<UpdateQuery> uq;
    std::unique_ptr<DeleteQuery> dq;
    PLAssignStmt* subscripted = nullptr;  // x[i] := v
    if (IsA(n, PLAssignStmt)) {
      auto* as = reinterpret_cast<PLAssignStmt*>(n);
      bool indices = as->nnames == 1 && list_size(as->indirection) > 0;
      for_each_node(as->indirection, [&](Node* i) {
        indices &= IsA(i, A_Indices) && !reinterpret_cast<A_Indices*>(i)->is_slice;
      });
      if (indices) subscripted = as;
      else if (list_size(as->indirection) > 0 && !(as->nnames == 2 && list_size(as->indirection) == 1))
        unsupported("assignment to array slices or nested fields in PL/pgSQL");
      n = reinterpret_cast<Node*>(as->val);
    }
    statement_trigger_target(cat_, n, x.trigger_relid, x.trigger_events, x.update_columns);
    refuse_rules_in_plpgsql(cat_, db_, n);  // session/rules.cpp
    switch (nodeTag(n)) {
      case T_SelectStmt:
        if (reinterpret_cast<SelectStmt*>(n)->intoClause) unsupported("SELECT INTO a table in PL/pgSQL");
        sq = a.analyze_select(reinterpret_cast<SelectStmt*>(n));
        targets = &sq->targets;
        break;
      case T_InsertStmt:
        iq = a.analyze_insert(reinterpret_cast<InsertStmt*>(n));
        targets = iq->returning.empty() ? nullptr : &iq->returning;
        x.is_dml = true;
        break;
      case T_UpdateStmt:
        uq = a.analyze_update(reinterpret_cast<UpdateStmt*>(n));
        targets = uq->returning.empty() ? nullptr : &uq->returning;
        x.is_dml = true;
        break;
      case T_DeleteStmt:
        dq = a.analyze_delete(reinterpret_cast<DeleteStmt*>(n));
        targets = dq->returning.empty() ? nullptr : &dq->returning;
        x.is_dml = true;
        break;
      default:
        if (purpose != Purpose::Stmt || !rc_->run_utility) unsupported("this kind of statement in PL/pgSQL functions");
        x.utility = true;
        x.analysed = true;
        x.param_types = types;
        x.param_typmods = typmods;
        x.returns_rows = false;
        return;
    }
    if (subscripted && sq && target) {
      if (targets->size() != 1)
        throw PgError(sqlstate::kSyntaxError, "query \"" + text + "\" returned " + std::to_string(targets->size()) + " columns");
      ExprPtr cur = a.sql_function_param("", subscripted->name, -1);
      if (!cur) throw PgError(sqlstate::kUndefinedObject, "variable \"" + std::string(subscripted->name) + "\" does not exist");
      int32_t arr_typmod = target_typmod;
      Oid arr = domain_base_type(target, &arr_typmod);
      Oid elem = array_element_type(arr);
      if (!elem)
        throw PgError(sqlstate::kDatatypeMismatch, "cannot subscript type " + format_type_name(target, -1) +
                                                       " because it does not support subscripting");
      ExprPtr value = a.finalize_unknown((*targets)[0].expr);
      ExprPtr v = a.coerce_to(value, elem, arr_typmod, CastContext::Assignment, -1);
      if (!v)
        throw PgError(sqlstate::kDatatypeMismatch, "subscripted assignment to \"" + std::string(subscripted->name) +
                                                       "\" requires type " + format_type_name(elem, -1) +
                                                       " but expression is of type " + format_type_name(value->type, -1),
                      "", "You will need to rewrite or cast the expression.");
      std::vector<ExprPtr> args = {cur, v};
      std::string templ = "pg_array_set($1, " + std::to_string(elem) + ", $2";
      for_each_node(subscripted->indirection, [&](Node* i) {
        ExprPtr x = a.transform_expr(reinterpret_cast<A_Indices*>(i)->uidx, ExprContext::SelectTarget);
        ExprPtr c = a.coerce_to(x, oid::kInt4, -1, CastContext::Assignment, -1);
        if (!c) throw PgError(sqlstate::kDatatypeMismatch, "array subscript must have type integer");
        args.push_back(c);
        templ += ", $" + std::to_string(args.size());
      });
      auto e = std::make_shared<pgmicro::Expr>();
      e->kind = ExprKind::Call;
      e->name = "array element assignment";
      e->type = arr;
      e->typmod = arr_typmod;
      e->templ = templ + ")";
      e->args = std::move(args);
      ExprPtr r = e;
      if (arr != target) r = a.coerce_to(r, target, target_typmod, CastContext::Assignment, -1);
      (*targets)[0].expr = r;
    }
    if (targets && target && purpose != Purpose::Stmt) {
      if (targets->size() != 1)
        throw PgError(sqlstate::kSyntaxError, "query \"" + text + "\" returned " + std::to_string(targets->size()) + " columns");
      ExprPtr e = a.finalize_unknown((*targets)[0].expr);
      if (e->type != target || (target_typmod >= 0 && e->typmod != target_typmod)) {
        ExprPtr c = a.coerce_to(e, target, target_typmod, CastContext::Assignment, -1);
        if (!c) c = a.coerce_to(e, target, target_typmod, CastContext::Explicit, -1);
        if (!c) {
          ExprPtr t = a.coerce_to(e, oid::kText, -1, CastContext::Explicit, -1);
          if (t) c = a.coerce_to(t, target, target_typmod, CastContext::Explicit, -1);
        }
        if (!c)
          throw PgError(sqlstate::kDatatypeMismatch, "cannot cast type " + format_type_name(e->type, -1) + " to " +
                                                          format_type_name(target, -1));
        e = c;
      }
      (*targets)[0].expr = e;
    } else if (targets) {
      for (auto& t : *targets) t.expr = a.finalize_unknown(t.expr);
    }
    if (targets)
      for (auto& t : *targets) {
        x.result_types.push_back(t.expr->type);
        x.result_typmods.push_back(t.expr->typmod);
        x.result_names.push_back(t.name);
      }
    lowered = sq ? lower_select(*sq) : iq ? lower_insert(*iq) : uq ? lower_update(*uq) : lower_delete(*dq);
    x.returns_rows = targets != nullptr;
    x.lowered = lowered;
    x.param_dnos = dnos;
    x.param_types = types;
    x.param_typmods = typmods;
    x.analysed = true;
  }

  // --- running ----------------------------------------------------------------

  sqlite3_stmt* take_statement(const std::string& sql) {
    auto it = rc_->nested_statements.find(sql);
    if (it != rc_->nested_statements.end() && !it->second.empty()) {
      sqlite3_stmt* st = it->second.back();
      it->second.pop_back();
      rc_->nested_statement_count--;
      if (it->second.empty()) rc_->nested_statements.erase(it);
      return st;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), (int)sql.size(), &st, nullptr) != SQLITE_OK) {
      if (st) sqlite3_finalize(st);
      failure(SQLITE_ERROR);
    }
    return st;
  }
  void give_back(sqlite3_stmt* st, const std::string& sql) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc_->nested_statement_count < 64) {
      rc_->nested_statements[sql].push_back(st);
      rc_->nested_statement_count++;
    } else {
      sqlite3_finalize(st);
    }
  }

  // A utility statement through the session; refused while a data-modifying statement runs on
  // the connection (SQLite would abort that statement when the schema changes under it).
  void utility(const std::string& sql) {
    for (sqlite3_stmt* st = sqlite3_next_stmt(db_, nullptr); st; st = sqlite3_next_stmt(db_, st))
      if (sqlite3_stmt_busy(st) && !sqlite3_stmt_readonly(st))
        unsupported("utility statements in PL/pgSQL code called from a data-modifying statement");
    rc_->run_utility(sql);
  }

  [[noreturn]] void failure(int code) {
    if (rc_->pending_error) {
      Error e = *rc_->pending_error;
      rc_->pending_error.reset();
      throw PgError(e);
    }
    if (code == SQLITE_INTERRUPT) throw PgError("57014", "canceling statement due to user request");
    std::string msg = sqlite3_errmsg(db_);
    if (msg.find("UNIQUE constraint failed") != std::string::npos)
      throw PgError("23505", "duplicate key value violates unique constraint");
    throw PgError(sqlstate::kInternalError, "PL/pgSQL statement: " + msg);
  }

  static void bind(sqlite3_stmt* st, int idx, const pgmicro::Datum& d) {
    switch (d.kind) {
      case pgmicro::Datum::Kind::Null: sqlite3_bind_null(st, idx); break;
      case pgmicro::Datum::Kind::Int: sqlite3_bind_int64(st, idx, d.i); break;
      case pgmicro::Datum::Kind::Real: sqlite3_bind_double(st, idx, d.r); break;
      case pgmicro::Datum::Kind::Text: sqlite3_bind_text(st, idx, d.s.data(), (int)d.s.size(), SQLITE_TRANSIENT); break;
      case pgmicro::Datum::Kind::Blob: sqlite3_bind_blob(st, idx, d.s.data(), (int)d.s.size(), SQLITE_TRANSIENT); break;
    }
  }

  // Runs the analysed statement; `row` is called per result row (false: stop). Returns rows seen.
  template <class F>
  int64_t run(PlExpr& x, F&& row) {
    if (x.utility) {
      utility(x.query);
      return 0;
    }
    sqlite3_stmt* st = take_statement(x.lowered);
    struct Back { Exec* e; sqlite3_stmt* st; const std::string sql; ~Back() { e->give_back(st, sql); } } back{this, st, x.lowered};
    int n = sqlite3_bind_parameter_count(st);
    for (int i = 0; i < n && i < (int)x.param_dnos.size(); i++) bind(st, i + 1, vals_[(size_t)x.param_dnos[(size_t)i]].d);
    int64_t count = 0;
    int code;
    bool more = true;
    size_t after_mark = after_row_queue_mark();
    for (int bit : {4, 16, 8})
      if (x.trigger_events & bit) fire_statement_triggers(rc_, x.trigger_relid, bit, true, &x.update_columns);
    int64_t outer_replaced = take_replaced_rows();
    struct Restore { int64_t n, m; ~Restore() { add_replaced_rows(n); add_rewritten_rows(m); } } restore{outer_replaced, take_rewritten_rows()};
    while ((code = sqlite3_step(st)) == SQLITE_ROW) {
      count++;
      if (more) more = row(st);
    }
    if (code != SQLITE_DONE) failure(code);
    if (rc_->pending_error) failure(SQLITE_ERROR);
    int64_t replaced = take_replaced_rows();
    if (take_rewritten_rows() && x.is_dml && x.result_types.size())
      unsupported("RETURNING with BEFORE triggers that return a modified row");
    if (replaced && x.is_dml && x.result_types.size()) unsupported("RETURNING with BEFORE triggers that return a modified row");
    if (x.is_dml) count = sqlite3_changes64(db_) + replaced;
    fire_after_row_queue(rc_, after_mark);
    for (int bit : {8, 16, 4})
      if (x.trigger_events & bit) fire_statement_triggers(rc_, x.trigger_relid, bit, false, &x.update_columns);
    return count;
  }

  // The value of a scalar expression (coerced to target when given).
  Value eval(PlExpr& x, Oid target = 0, int32_t typmod = -1) {
    analyse(x, Purpose::Expr, target, typmod);
    if (x.result_types.size() != 1)
      throw PgError(sqlstate::kSyntaxError, "query \"SELECT " + x.query + "\" returned " +
                                                std::to_string(x.result_types.size()) + " columns");
    Value v;
    v.type = x.result_types[0];
    v.typmod = x.result_typmods[0];
    int64_t n = run(x, [&](sqlite3_stmt* st) {
      v.d = pgmicro::Datum::from_sqlite(sqlite3_column_value(st, 0));
      return false;
    });
    if (n > 1)
      throw PgError("21000", "query \"SELECT " + x.query + "\" returned more than one row");
    return v;
  }

  bool eval_bool(PlExpr& x) {
    Value v = eval(x, oid::kBool);
    if (v.d.is_null()) return false;
    return v.d.kind == pgmicro::Datum::Kind::Int ? v.d.i != 0 : v.d.r != 0;
  }

  std::string text_of(const Value& v) {
    if (v.d.is_null()) return "";
    return type_output(v.type, v.d);
  }

  // --- assignment -------------------------------------------------------------

  void check_not_null(int dno, const Value& v) {
    Var& var = f_.datums[(size_t)dno];
    if (var.not_null && v.d.is_null())
      throw PgError("22004", "null value cannot be assigned to variable \"" + var.name + "\" declared NOT NULL");
  }

  void assign_value(int dno, Value v) {
    Var& var = f_.datums[(size_t)dno];
    if (var.kind == VarKind::RecField) {
      assign_field(var.parent, var.field, std::move(v));
      return;
    }
    if (var.kind == VarKind::Row) unsupported("assignment to a row variable");
    check_not_null(dno, v);
    vals_[(size_t)dno] = std::move(v);
  }

  void assign_field(int rec, const std::string& field, Value v) {
    Value& r = vals_[(size_t)rec];
    if (!r.type) throw PgError("55000", "record \"" + f_.datums[(size_t)rec].name + "\" is not assigned yet",
                               "The tuple structure of a not-yet-assigned record is indeterminate.");
    const std::vector<RowField>* fields = row_type_fields(r.type, r.typmod);
    if (!fields) unsupported("fields of this record");
    size_t k = 0;
    for (; k < fields->size(); k++)
      if ((*fields)[k].name == field) break;
    if (k == fields->size())
      throw PgError(sqlstate::kUndefinedColumn, "record \"" + f_.datums[(size_t)rec].name + "\" has no field \"" + field + "\"");
    std::vector<pgmicro::Datum> values = r.d.is_null() ? std::vector<pgmicro::Datum>(fields->size())
                                                       : record_values(*fields, r.d.s);
    values[k] = std::move(v.d);
    r.d = pgmicro::Datum::blob(record_storage(*fields, values));
    if (r.d.kind == pgmicro::Datum::Kind::Blob) {
      // record_storage returns the storage text; keep the kind SQLite uses for records.
      r.d.kind = pgmicro::Datum::Kind::Text;
    }
  }

  Oid target_type(int dno, int32_t* typmod) {
    Var& var = f_.datums[(size_t)dno];
    if (var.kind == VarKind::RecField) {
      Value& r = vals_[(size_t)var.parent];
      if (!r.type) throw PgError("55000", "record \"" + f_.datums[(size_t)var.parent].name + "\" is not assigned yet",
                                 "The tuple structure of a not-yet-assigned record is indeterminate.");
      const std::vector<RowField>* fields = row_type_fields(r.type, r.typmod);
      if (fields)
        for (auto& fl : *fields)
          if (fl.name == var.field) {
            *typmod = fl.typmod;
            return fl.type;
          }
      throw PgError(sqlstate::kUndefinedColumn, "record \"" + f_.datums[(size_t)var.parent].name + "\" has no field \"" + var.field + "\"");
    }
    if (var.kind == VarKind::Rec) {
      resolve_var(dno);
      *typmod = -1;
      return var.type == oid::kRecord ? 0 : var.type;
    }
    return datum_type(dno, typmod);
  }

  // Stores a result row into an INTO/loop target (a variable, a row of variables or a record).
  void store_row(int target, sqlite3_stmt* st, const PlExpr& x) {
    Var& var = f_.datums[(size_t)target];
    int ncols = (int)x.result_types.size();
    auto column = [&](int i) {
      Value v;
      v.type = x.result_types[(size_t)i];
      v.typmod = x.result_typmods[(size_t)i];
      v.d = st ? pgmicro::Datum::from_sqlite(sqlite3_column_value(st, i)) : pgmicro::Datum::null();
      return v;
    };
    if (var.kind == VarKind::Row) {
      for (size_t k = 0; k < var.fields.size(); k++) {
        Value v = (int)k < ncols ? column((int)k) : Value{};
        int32_t tm = -1;
        Oid t = target_type(var.fields[k], &tm);
        assign_value(var.fields[k], convert(v, t, tm));
      }
      return;
    }
    if (var.kind == VarKind::Rec) {
      resolve_var(target);
      Oid rt = var.type;
      if (ncols == 1 && is_row_type(x.result_types[0]) && (rt == oid::kRecord || rt == x.result_types[0])) {
        vals_[(size_t)target] = column(0);
        return;
      }
      std::vector<RowField> fields;
      std::vector<pgmicro::Datum> values;
      const std::vector<RowField>* decl = rt != oid::kRecord ? row_type_fields(rt, -1) : nullptr;
      for (int i = 0; i < ncols; i++) {
        RowField fl;
        fl.name = x.result_names[(size_t)i];
        fl.type = x.result_types[(size_t)i];
        fl.typmod = x.result_typmods[(size_t)i];
        fields.push_back(fl);
        values.push_back(column(i).d);
      }
      Value r;
      if (decl) {
        std::vector<pgmicro::Datum> dv(decl->size());
        for (size_t k = 0; k < decl->size() && (int)k < ncols; k++)
          dv[k] = convert(column((int)k), (*decl)[k].type, (*decl)[k].typmod).d;
        r.type = rt;
        r.d = st ? pgmicro::Datum::text(record_storage(*decl, dv)) : pgmicro::Datum::null();
      } else {
        r.type = oid::kRecord;
        r.typmod = register_record_type(fields);
        r.d = st ? pgmicro::Datum::text(record_storage(fields, values)) : pgmicro::Datum::null();
      }
      vals_[(size_t)target] = r;
      return;
    }
    int32_t tm = -1;
    Oid t = target_type(target, &tm);
    assign_value(target, convert(ncols > 0 ? column(0) : Value{}, t, tm));
  }

  // PostgreSQL's assignment cast of a value (domain checks included), run through SQLite.
  std::map<std::string, std::shared_ptr<PlExpr>> casts_;
  Value cast_value(const Value& v, Oid t, int32_t typmod) {
    std::string key = std::to_string(v.type) + ":" + std::to_string(v.typmod) + ":" + std::to_string(t) + ":" + std::to_string(typmod);
    auto& x = casts_[key];
    if (!x) {
      x = std::make_shared<PlExpr>();
      std::vector<Oid> param_types{v.type};
      Analyzer a(cat_, param_types);
      std::string text = "SELECT $1";
      a.sql_ = text;
      ModeParse mp(text, 0);
      auto q = a.analyze_select(reinterpret_cast<SelectStmt*>(mp.first()));
      ExprPtr e = q->targets[0].expr;
      e->typmod = v.typmod;
      ExprPtr c = a.coerce_to(e, t, typmod, CastContext::Assignment, -1);
      if (!c) c = a.coerce_to(e, t, typmod, CastContext::Explicit, -1);
      if (!c) {
        ExprPtr tx = a.coerce_to(e, oid::kText, -1, CastContext::Explicit, -1);
        if (tx) c = a.coerce_to(tx, t, typmod, CastContext::Explicit, -1);
      }
      if (!c) throw PgError(sqlstate::kDatatypeMismatch, "cannot cast type " + format_type_name(v.type, -1) + " to " + format_type_name(t, -1));
      q->targets[0].expr = c;
      x->lowered = lower_select(*q);
      x->result_types = {t};
      x->result_typmods = {typmod};
      x->analysed = true;
    }
    size_t slot = vals_.size();
    vals_.push_back(v);
    struct Trim { std::vector<Value>& vs; size_t n; ~Trim() { vs.resize(n); } } trim{vals_, slot};
    x->param_dnos = {(int)slot};
    Value r;
    r.type = t;
    r.typmod = typmod;
    run(*x, [&](sqlite3_stmt* st) {
      r.d = pgmicro::Datum::from_sqlite(sqlite3_column_value(st, 0));
      return false;
    });
    return r;
  }

  // Converts a value to a variable's type (PostgreSQL's assignment cast, else via text).
  Value convert(const Value& v, Oid t, int32_t typmod) {
    if (!t || v.type == t || v.d.is_null()) {
      Value r = v;
      if (t) r.type = t;
      if (t && typmod >= 0 && !v.d.is_null()) r.d = apply_typmod(t, typmod, v.d, false);
      return r;
    }
    return cast_value(v, t, typmod);
  }

  // --- statements ---------------------------------------------------------------

  void exec_list(const StmtList& l) {
    for (auto& s : l) exec(*s);
  }

  void set_found(bool b) {
    if (f_.found_dno >= 0) {
      Value v;
      v.type = oid::kBool;
      v.d = pgmicro::Datum::integer(b ? 1 : 0);
      vals_[(size_t)f_.found_dno] = v;
    }
  }

  void init_var(int dno) {
    Var& v = f_.datums[(size_t)dno];
    if (v.kind == VarKind::Row || v.kind == VarKind::RecField) return;
    line_ = v.lineno;
    resolve_var(dno);
    Value val;
    if (v.kind == VarKind::Var) val.type = v.type, val.typmod = v.typmod;
    if (v.kind == VarKind::Rec && v.type != oid::kRecord) val.type = v.type;
    if (v.default_val) {
      Value d = eval(*v.default_val, v.kind == VarKind::Var ? v.type : 0, v.typmod);
      if (v.kind == VarKind::Var) d = convert(d, v.type, v.typmod);
      val = d;
    } else if (v.kind == VarKind::Var && v.type) {
      // A domain with NOT NULL or CHECK constraints sees the NULL too.
      val.d = pgmicro::Datum::null();
      const UserType* dom = find_user_type(v.type);
      bool constrained = false;
      for (const UserType* d = dom; d && d->kind == 'd'; d = find_user_type(d->base))
        constrained |= d->not_null || !d->constraints.empty();
      if (constrained) {  // the NULL coerced to the domain: pg_domain_check's errors
        Value null_base;
        null_base.type = domain_base_type(v.type);
        cast_value(null_base, v.type, v.typmod);
      }
    }
    if (v.not_null && val.d.is_null())
      throw PgError("22004", "null value cannot be assigned to variable \"" + v.name + "\" declared NOT NULL");
    vals_[(size_t)dno] = val;
  }

  bool handler_matches(const Handler& h, const Error& e) {
    for (auto& [code, name] : h.conditions) {
      if (code == "OTHERS") {
        if (e.sqlstate != "57014" && e.sqlstate != "P0004") return true;
        continue;
      }
      if (code == e.sqlstate) return true;
      if (code.size() == 5 && code.compare(2, 3, "000") == 0 && e.sqlstate.compare(0, 2, code, 0, 2) == 0) return true;
    }
    return false;
  }

  void init_vars(const Stmt& s) {
    std::string saved = at_;
    at_ = "\x01init";
    for (int d : s.initvars) init_var(d);
    at_ = saved;
  }

  void exec_block(const Stmt& s) {
    if (!s.has_exceptions) {
      init_vars(s);
      exec_list(s.body);
      return;
    }
    std::string sp = "_pgmicro_pl" + std::to_string(++savepoint_seq_) + "_" + std::to_string((intptr_t)this);
    // SQLite opens no savepoint inside a data-modifying statement: the block then runs without
    // one, and an error after it changed rows is refused rather than half rolled back.
    bool have_sp = try_sql_text("SAVEPOINT \"" + sp + "\"");
    int64_t changes_before = sqlite3_total_changes64(db_);
    try {
      try {
        init_vars(s);
        exec_list(s.body);
      } catch (ControlReturn&) {
        if (have_sp) exec_sql_text("RELEASE \"" + sp + "\"");
        throw;
      } catch (ControlExit&) {
        if (have_sp) exec_sql_text("RELEASE \"" + sp + "\"");
        throw;
      }
      if (have_sp) exec_sql_text("RELEASE \"" + sp + "\"");
    } catch (PgError& e) {
      rc_->pending_error.reset();
      if (have_sp) {
        exec_sql_text("ROLLBACK TO \"" + sp + "\"");
        exec_sql_text("RELEASE \"" + sp + "\"");
      } else if (sqlite3_total_changes64(db_) != changes_before) {
        unsupported("rolling back an exception block's changes inside a data-modifying statement");
      }
      for (auto& h : s.handlers) {
        if (!handler_matches(h, e.error)) continue;
        if (s.sqlstate_var >= 0) vals_[(size_t)s.sqlstate_var] = text_value(e.error.sqlstate);
        if (s.sqlerrm_var >= 0) vals_[(size_t)s.sqlerrm_var] = text_value(e.error.message);
        handling_.push_back(e.error);
        struct Pop { std::vector<Error>& v; ~Pop() { v.pop_back(); } } pop{handling_};
        exec_list(h.body);
        return;
      }
      throw;
    }
  }

  void exec_sql_text(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "";
      sqlite3_free(err);
      throw PgError(sqlstate::kInternalError, "PL/pgSQL subtransaction: " + m);
    }
  }

  bool try_sql_text(const std::string& sql) {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  }

  static Value text_value(const std::string& s) {
    Value v;
    v.type = oid::kText;
    v.d = pgmicro::Datum::text(s);
    return v;
  }

  bool loop_body(const Stmt& s) {  // false: leave the loop
    try {
      exec_list(s.body);
    } catch (ControlExit& c) {
      if (!c.label.empty() && c.label != s.label) throw;
      return !c.is_exit;
    }
    return true;
  }

  void exec(const Stmt& s) {
    line_ = s.lineno;
    switch (s.kind) {
      case StmtKind::Block:
        at_ = "statement block";
        if (!s.label.empty()) {
          try {
            exec_block(s);
          } catch (ControlExit& c) {
            if (!c.is_exit || c.label != s.label) throw;
          }
        } else {
          exec_block(s);
        }
        return;
      case StmtKind::Assign: {
        at_ = "assignment";
        int32_t tm = -1;
        Oid t = target_type(s.varno, &tm);
        Var& var = f_.datums[(size_t)s.varno];
        if (var.is_const) throw PgError("22005", "variable \"" + var.name + "\" is declared CONSTANT");
        analyse(*s.expr, Purpose::Assign, t, tm);
        Value v;
        v.type = s.expr->result_types.empty() ? t : s.expr->result_types[0];
        v.typmod = s.expr->result_typmods.empty() ? tm : s.expr->result_typmods[0];
        int64_t n = run(*s.expr, [&](sqlite3_stmt* st) {
          v.d = pgmicro::Datum::from_sqlite(sqlite3_column_value(st, 0));
          return false;
        });
        if (n > 1) throw PgError("21000", "query \"" + s.expr->query + "\" returned more than one row");
        assign_value(s.varno, t ? convert(v, t, tm) : v);
        return;
      }
      case StmtKind::If:
        at_ = "IF";
        for (auto& [cond, body] : s.whens)
          if (eval_bool(*cond)) {
            exec_list(body);
            return;
          }
        exec_list(s.else_body);
        return;
      case StmtKind::Case: {
        at_ = "CASE";
        if (s.expr) {
          Value t = eval(*s.expr);
          vals_[(size_t)s.varno] = t;
          f_.datums[(size_t)s.varno].resolved = true;
          f_.datums[(size_t)s.varno].type = t.type;
        }
        for (auto& [cond, body] : s.whens)
          if (eval_bool(*cond)) {
            exec_list(body);
            return;
          }
        if (!s.flag) throw PgError("20000", "case not found", "", "CASE statement is missing ELSE part.");
        exec_list(s.else_body);
        return;
      }
      case StmtKind::Loop:
        at_ = "LOOP";
        while (loop_body(s)) interrupt();
        return;
      case StmtKind::While:
        at_ = "WHILE";
        while (eval_bool(*s.expr) && loop_body(s)) interrupt();
        return;
      case StmtKind::ForI: {
        at_ = "FOR with integer loop variable";
        Value lo = eval(*s.expr, oid::kInt4), hi = eval(*s.expr2, oid::kInt4);
        if (lo.d.is_null()) throw PgError("22004", "lower bound of FOR loop cannot be null");
        if (hi.d.is_null()) throw PgError("22004", "upper bound of FOR loop cannot be null");
        int64_t step = 1;
        if (s.expr3) {
          Value st = eval(*s.expr3, oid::kInt4);
          if (st.d.is_null()) throw PgError("22004", "BY value of FOR loop cannot be null");
          step = st.d.i;
          if (step <= 0) throw PgError("22023", "BY value of FOR loop must be greater than zero");
        }
        bool any = false;
        for (int64_t i = lo.d.i; s.flag ? i >= hi.d.i : i <= hi.d.i; i += s.flag ? -step : step) {
          any = true;
          Value v;
          v.type = oid::kInt4;
          v.d = pgmicro::Datum::integer(i);
          vals_[(size_t)s.varno] = v;
          f_.datums[(size_t)s.varno].resolved = true;
          f_.datums[(size_t)s.varno].type = oid::kInt4;
          interrupt();
          if (!loop_body(s)) break;
        }
        set_found(any);
        return;
      }
      case StmtKind::ForS: {
        at_ = "FOR over SELECT rows";
        analyse(*s.expr, Purpose::Stmt);
        if (s.expr->utility) unsupported("FOR over EXPLAIN or another utility statement in PL/pgSQL");
        // Rows are read first (the body may run statements on the same tables).
        std::vector<std::vector<pgmicro::Datum>> rows;
        run(*s.expr, [&](sqlite3_stmt* st) {
          std::vector<pgmicro::Datum> r;
          for (size_t i = 0; i < s.expr->result_types.size(); i++) r.push_back(pgmicro::Datum::from_sqlite(sqlite3_column_value(st, (int)i)));
          rows.push_back(std::move(r));
          return true;
        });
        PlExpr shape = *s.expr;
        for (auto& r : rows) {
          store_values(s.varno, shape, r);
          interrupt();
          if (!loop_body(s)) break;
        }
        set_found(!rows.empty());
        return;
      }
      case StmtKind::Exit:
        at_ = s.flag ? "EXIT" : "CONTINUE";
        if (s.expr && !eval_bool(*s.expr)) return;
        throw ControlExit{s.flag, s.label};
      case StmtKind::Return:
        at_ = "RETURN";
        if (f_.retset) throw ControlReturn{};
        if (s.expr) {
          if (!f_.out_types.empty() && f_.out_types.size() > 1) unsupported("RETURN of several OUT parameters");
          Oid t = f_.result == oid::kVoid ? 0 : f_.result;
          if (f_.is_trigger) {
            result_ = eval(*s.expr);
            throw ControlReturn{};
          }
          Value v = eval(*s.expr);
          if (is_row_type(t)) {
            // A value of the declared composite type itself (or NULL) is returned as it is.
            if (t == oid::kRecord || (v.type != t && !v.d.is_null()))
              unsupported("PL/pgSQL functions returning composite types");
            v.type = t;
            result_ = v;
            throw ControlReturn{};
          }
          if (t && (v.type != t || f_.result_typmod >= 0)) {
            at_ = "\x01" "cast";
            v = cast_value(v, t, f_.result_typmod);
          }
          result_ = v;
        } else if (s.varno >= 0 && f_.out_dnos.size() == 1) {
          result_ = vals_[(size_t)f_.out_dnos[0]];
        }
        throw ControlReturn{};
      case StmtKind::ReturnNext: {
        at_ = "RETURN NEXT";
        if (!f_.retset) throw PgError(sqlstate::kSyntaxError, "cannot use RETURN NEXT in a non-SETOF function");
        std::vector<pgmicro::Datum> row;
        if (s.expr) {
          if (!f_.out_types.empty() && f_.out_types.size() > 1) unsupported("RETURN NEXT of a row");
          Oid t = f_.out_types.size() == 1 ? f_.out_types[0] : f_.result;
          if (is_row_type(t)) unsupported("RETURN NEXT of composite values");
          row.push_back(convert(eval(*s.expr, t), t, -1).d);
        } else {
          for (int d : f_.out_dnos) row.push_back(vals_[(size_t)d].d);
        }
        rows_.push_back(std::move(row));
        return;
      }
      case StmtKind::ReturnQuery: {
        at_ = "RETURN QUERY";
        if (!f_.retset) throw PgError(sqlstate::kSyntaxError, "cannot use RETURN QUERY in a non-SETOF function");
        if (!s.expr) unsupported("RETURN QUERY EXECUTE");
        analyse(*s.expr, Purpose::Stmt);
        if (s.expr->utility) unsupported("RETURN QUERY of EXPLAIN or another utility statement in PL/pgSQL");
        size_t want = f_.out_types.size() > 1 ? f_.out_types.size() : 1;
        if (s.expr->result_types.size() != want)
          throw PgError(sqlstate::kDatatypeMismatch, "structure of query does not match function result type",
                        "Number of returned columns (" + std::to_string(s.expr->result_types.size()) +
                            ") does not match expected column count (" + std::to_string(want) + ").");
        int64_t n = run(*s.expr, [&](sqlite3_stmt* st) {
          std::vector<pgmicro::Datum> r;
          for (size_t i = 0; i < want; i++) {
            Value v;
            v.type = s.expr->result_types[i];
            v.d = pgmicro::Datum::from_sqlite(sqlite3_column_value(st, (int)i));
            Oid t = f_.out_types.size() > 1 ? f_.out_types[i] : f_.out_types.size() == 1 ? f_.out_types[0] : f_.result;
            r.push_back(convert(v, t, -1).d);
          }
          rows_.push_back(std::move(r));
          return true;
        });
        row_count_ = n;
        set_found(n > 0);
        return;
      }
      case StmtKind::Raise:
        at_ = "RAISE";
        exec_raise(s);
        return;
      case StmtKind::Assert: {
        at_ = "ASSERT";
        if (eval_bool_null_false(*s.expr)) return;
        std::string msg = "assertion failed";
        if (s.expr2) {
          Value m = eval(*s.expr2);
          if (m.d.is_null()) throw PgError("22004", "null value cannot be used as ASSERT message");  // not PG text
          msg = text_of(m);
        }
        throw PgError("P0004", msg);
      }
      case StmtKind::Perform: {
        at_ = "PERFORM";
        analyse(*s.expr, Purpose::Stmt);
        int64_t n = run(*s.expr, [](sqlite3_stmt*) { return true; });
        set_found(n > 0);
        row_count_ = n;
        return;
      }
      case StmtKind::ExecSql:
        at_ = "SQL statement";
        exec_sql_stmt(s);
        return;
      case StmtKind::DynExecute:
        at_ = "EXECUTE";
        exec_dynamic(s);
        return;
      case StmtKind::GetDiag:
        at_ = "GET DIAGNOSTICS";
        for (auto& [kind, target] : s.diag) {
          Value v;
          if (kind == 0) {  // ROW_COUNT
            v.type = 20;
            v.d = pgmicro::Datum::integer(row_count_);
          } else if (s.flag && !handling_.empty()) {
            const Error& e = handling_.back();
            std::string t = kind == 6 ? e.sqlstate : kind == 10 ? e.message : kind == 4 ? e.detail : kind == 5 ? e.hint
                          : kind == 3 ? e.context : "";
            v = text_value(t);
          } else if (s.flag) {
            throw PgError("0Z002", "GET STACKED DIAGNOSTICS cannot be used outside an exception handler");
          } else {
            unsupported("this GET DIAGNOSTICS item");
          }
          int32_t tm = -1;
          Oid t = target_type(target, &tm);
          assign_value(target, convert(v, t, tm));
        }
        return;
      default:
        at_ = s.what.empty() ? "statement" : s.what;
        unsupported(s.what.empty() ? "this PL/pgSQL statement" : s.what);
    }
  }

  bool eval_bool_null_false(PlExpr& x) {
    Value v = eval(x, oid::kBool);
    return !v.d.is_null() && v.d.i != 0;
  }

  void interrupt() {
    if (rc_->interrupt_check && rc_->interrupt_check())
      throw PgError("57014", "canceling statement due to user request");
  }

  void store_values(int target, const PlExpr& shape, const std::vector<pgmicro::Datum>& row) {
    // A throwaway statement-free store: reuse store_row's conversions through a fake row.
    Var& var = f_.datums[(size_t)target];
    auto column = [&](size_t i) {
      Value v;
      v.type = shape.result_types[i];
      v.typmod = shape.result_typmods[i];
      v.d = i < row.size() ? row[i] : pgmicro::Datum::null();
      return v;
    };
    if (var.kind == VarKind::Row) {
      for (size_t k = 0; k < var.fields.size(); k++) {
        int32_t tm = -1;
        Oid t = target_type(var.fields[k], &tm);
        assign_value(var.fields[k], convert(k < row.size() ? column(k) : Value{}, t, tm));
      }
      return;
    }
    if (var.kind == VarKind::Rec) {
      resolve_var(target);
      std::vector<RowField> fields;
      for (size_t i = 0; i < shape.result_types.size(); i++) {
        RowField fl;
        fl.name = shape.result_names[i];
        fl.type = shape.result_types[i];
        fl.typmod = shape.result_typmods[i];
        fields.push_back(fl);
      }
      const std::vector<RowField>* decl = var.type != oid::kRecord ? row_type_fields(var.type, -1) : nullptr;
      Value r;
      if (decl) {
        std::vector<pgmicro::Datum> dv(decl->size());
        for (size_t k = 0; k < decl->size() && k < row.size(); k++)
          dv[k] = convert(column(k), (*decl)[k].type, (*decl)[k].typmod).d;
        r.type = var.type;
        r.d = pgmicro::Datum::text(record_storage(*decl, dv));
      } else {
        r.type = oid::kRecord;
        r.typmod = register_record_type(fields);
        r.d = pgmicro::Datum::text(record_storage(fields, row));
      }
      vals_[(size_t)target] = r;
      return;
    }
    int32_t tm = -1;
    Oid t = target_type(target, &tm);
    assign_value(target, convert(row.empty() ? Value{} : column(0), t, tm));
  }

  void exec_sql_stmt(const Stmt& s) {
    analyse(*s.expr, Purpose::Stmt);
    if (!s.into) {
      int64_t n = run(*s.expr, [](sqlite3_stmt*) { return true; });
      row_count_ = n;
      set_found(n > 0);
      return;
    }
    if (!s.expr->returns_rows) throw PgError(sqlstate::kSyntaxError, "INTO used with a command that cannot return data");
    bool got = false;
    std::vector<pgmicro::Datum> first;
    int64_t n = run(*s.expr, [&](sqlite3_stmt* st) {
      if (!got) {
        for (size_t i = 0; i < s.expr->result_types.size(); i++) first.push_back(pgmicro::Datum::from_sqlite(sqlite3_column_value(st, (int)i)));
        got = true;
      }
      return s.flag || s.expr->is_dml;  // STRICT counts every row
    });
    if (s.flag) {
      if (n == 0) throw PgError("P0002", "query returned no rows");
      if (n > 1) throw PgError("P0003", "query returned more than one row", "",
                               "Make sure the query returns a single row, or use LIMIT 1.");
    } else if (s.expr->is_dml && n > 1) {
      throw PgError("P0003", "query returned more than one row");
    }
    row_count_ = n;
    set_found(got);
    if (got) {
      store_values(s.varno, *s.expr, first);
    } else {
      std::vector<pgmicro::Datum> nulls(s.expr->result_types.size());
      store_values(s.varno, *s.expr, nulls);
    }
  }

  void exec_dynamic(const Stmt& s) {
    Value q = eval(*s.expr);
    if (q.d.is_null()) throw PgError("22004", "query string argument of EXECUTE is null");
    // The USING values become this statement's $1..$n.
    auto x = std::make_shared<PlExpr>();
    x->query = text_of(q);
    std::vector<Value> args;
    for (auto& p : s.params) args.push_back(eval(*p));
    std::vector<Oid> types;
    for (auto& a : args) types.push_back(a.type);
    std::vector<Oid> param_types = types;
    Analyzer a(cat_, param_types);
    a.sql_ = x->query;
    ModeParse mp(x->query, 0);
    Node* n = mp.first();
    if (!n) return;
    std::unique_ptr<SelectQuery> sq;
    std::unique_ptr<InsertQuery> iq;
    std::unique_ptr<UpdateQuery> uq;
    std::unique_ptr<DeleteQuery> dq;
    std::vector<TargetEntry>* targets = nullptr;
    statement_trigger_target(cat_, n, x->trigger_relid, x->trigger_events, x->update_columns);
    refuse_rules_in_plpgsql(cat_, db_, n);  // session/rules.cpp
    switch (nodeTag(n)) {
      case T_SelectStmt: sq = a.analyze_select(reinterpret_cast<SelectStmt*>(n)); targets = &sq->targets; break;
      case T_InsertStmt: iq = a.analyze_insert(reinterpret_cast<InsertStmt*>(n)); targets = iq->returning.empty() ? nullptr : &iq->returning; x->is_dml = true; break;
      case T_UpdateStmt: uq = a.analyze_update(reinterpret_cast<UpdateStmt*>(n)); targets = uq->returning.empty() ? nullptr : &uq->returning; x->is_dml = true; break;
      case T_DeleteStmt: dq = a.analyze_delete(reinterpret_cast<DeleteStmt*>(n)); targets = dq->returning.empty() ? nullptr : &dq->returning; x->is_dml = true; break;
      default:
        if (!rc_->run_utility || s.into) unsupported("EXECUTE of this kind of statement in PL/pgSQL");
        utility(x->query);
        row_count_ = 0;
        return;
    }
    if (targets)
      for (auto& t : *targets) {
        t.expr = a.finalize_unknown(t.expr);
        x->result_types.push_back(t.expr->type);
        x->result_typmods.push_back(t.expr->typmod);
        x->result_names.push_back(t.name);
      }
    x->lowered = sq ? lower_select(*sq) : iq ? lower_insert(*iq) : uq ? lower_update(*uq) : lower_delete(*dq);
    x->returns_rows = targets != nullptr;
    // Bind the USING values through temporary datum slots.
    size_t base = vals_.size();
    for (auto& v : args) {
      vals_.push_back(v);
      x->param_dnos.push_back((int)(vals_.size() - 1));
    }
    struct Trim { std::vector<Value>& v; size_t n; ~Trim() { v.resize(n); } } trim{vals_, base};
    if (s.kind == StmtKind::DynExecute && s.into) {
      std::vector<pgmicro::Datum> first;
      bool got = false;
      int64_t cnt = run(*x, [&](sqlite3_stmt* st) {
        if (!got) {
          for (size_t i = 0; i < x->result_types.size(); i++) first.push_back(pgmicro::Datum::from_sqlite(sqlite3_column_value(st, (int)i)));
          got = true;
        }
        return true;
      });
      if (s.flag && cnt == 0) throw PgError("P0002", "query returned no rows");
      if (s.flag && cnt > 1) throw PgError("P0003", "query returned more than one row");
      row_count_ = cnt;
      set_found(got);
      if (!got) first.assign(x->result_types.size(), pgmicro::Datum::null());
      trim.n = vals_.size();  // keep slots until stored
      store_values(s.varno, *x, first);
      trim.n = base;
      return;
    }
    int64_t cnt = run(*x, [](sqlite3_stmt*) { return true; });
    row_count_ = cnt;
  }

  void exec_raise(const Stmt& s) {
    if (!s.flag && s.condname.empty() && s.options.empty()) {  // RAISE; re-throws
      if (handling_.empty()) throw PgError("0Z002", "RAISE without parameters cannot be used outside an exception handler");
      throw PgError(handling_.back());
    }
    Error e;
    e.sqlstate = s.elog_level >= kLevelError ? "P0001" : "00000";
    if (!s.condname.empty()) {
      e.sqlstate = condition_sqlstate(s.condname);
      e.message = s.condname;
    }
    if (s.flag) {
      std::string msg;
      size_t p = 0;
      const std::string& fmt = s.message;
      for (size_t i = 0; i < fmt.size(); i++) {
        if (fmt[i] == '%') {
          if (i + 1 < fmt.size() && fmt[i + 1] == '%') {
            msg += '%';
            i++;
            continue;
          }
          if (p >= s.params.size()) throw PgError(sqlstate::kSyntaxError, "too few parameters specified for RAISE");
          Value v = eval(*s.params[p++]);
          msg += v.d.is_null() ? "<NULL>" : text_of(v);
        } else {
          msg += fmt[i];
        }
      }
      if (p < s.params.size()) throw PgError(sqlstate::kSyntaxError, "too many parameters specified for RAISE");
      e.message = msg;
    }
    for (auto& [kind, x] : s.options) {
      Value v = eval(*x);
      if (v.d.is_null()) {
        static const char* names[] = {"ERRCODE", "MESSAGE", "DETAIL", "HINT", "COLUMN", "CONSTRAINT", "DATATYPE", "TABLE", "SCHEMA"};
        throw PgError("22004", std::string("RAISE option cannot be null"));
        (void)names;
      }
      std::string t = text_of(v);
      switch (kind) {
        case 0: e.sqlstate = condition_sqlstate(t); break;
        case 1: e.message = t; break;
        case 2: e.detail = t; break;
        case 3: e.hint = t; break;
        default: break;
      }
    }
    if (e.message.empty()) e.message = s.condname.empty() ? e.sqlstate : s.condname;
    if (s.elog_level >= kLevelError) throw PgError(e);
    if (s.elog_level < kLevelInfo) return;  // DEBUG/LOG: not sent to the client by default
    Notice n;
    n.severity = s.elog_level == kLevelInfo ? "INFO" : s.elog_level == kLevelNotice ? "NOTICE" : "WARNING";
    n.sqlstate = e.sqlstate == "P0001" ? "00000" : e.sqlstate;
    if (s.elog_level == kLevelWarning && n.sqlstate == "00000") n.sqlstate = "01000";
    n.message = e.message;
    n.detail = e.detail;
    n.hint = e.hint;
    rc_->notices.push_back(n);
  }

  std::string context_line() const {
    std::string fn = f_.is_do ? "inline_code_block" : f_.signature;
    std::string s = "PL/pgSQL function " + fn + " line " + std::to_string(line_) + " at " + at_;
    if (at_ == "\x01init")
      s = "PL/pgSQL function " + fn + " line " + std::to_string(line_) + " during statement block local variable initialization";
    if (at_ == "\x01" "cast") s = "PL/pgSQL function " + fn + " while casting return value to function's return type";
    return s;
  }

  void run_body() {
    // Arguments are set by the caller; other datums start NULL, FOUND false.
    set_found(false);
    try {
      exec(*f_.action);
    } catch (ControlReturn&) {
      return;
    } catch (ControlExit& c) {
      if (c.label.empty()) throw PgError(sqlstate::kSyntaxError, "control reached end of function without RETURN");
      throw PgError(sqlstate::kSyntaxError, "label \"" + c.label + "\" does not exist");
    }
    if (f_.result != oid::kVoid && !f_.retset && f_.out_dnos.empty() && !f_.is_do && !f_.is_trigger) {
      at_ = "";
      throw PgError("2F005", "control reached end of function without RETURN");
    }
    if (f_.out_dnos.size() == 1 && !f_.retset) result_ = vals_[(size_t)f_.out_dnos[0]];
    if (f_.is_trigger) throw PgError("2F005", "control reached end of trigger procedure without RETURN");
  }
};

namespace {

thread_local int g_depth = 0;

void with_context(Exec& ex, PgError& e) {
  std::string line = ex.context_line();
  if (ex.at_.empty()) line = "PL/pgSQL function " + ex.f_.signature;
  e.error.context = e.error.context.empty() ? line : e.error.context + "\n" + line;
  e.error.position = 0;
}

}  // namespace

std::optional<pgmicro::Datum> call_function(Function& f, RuntimeContext* rc, const std::vector<Value>& args,
                                            std::vector<std::vector<pgmicro::Datum>>* rows) {
  if (++g_depth > 200) {
    --g_depth;
    throw PgError("54001", "stack depth limit exceeded", "",
                  "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring "
                  "the platform's stack depth limit is adequate.");
  }
  struct Depth { ~Depth() { --g_depth; } } depth;
  Exec ex(f, rc->db, rc);
  for (size_t i = 0; i < args.size() && i < f.arg_dnos.size(); i++) ex.vals_[(size_t)f.arg_dnos[i]] = args[i];
  for (size_t i = 0; i < f.out_dnos.size(); i++) {
    Value& v = ex.vals_[(size_t)f.out_dnos[i]];
    if (!v.type) v.type = f.datums[(size_t)f.out_dnos[i]].type;
  }
  try {
    ex.run_body();
  } catch (PgError& e) {
    with_context(ex, e);
    throw;
  }
  if (rows) *rows = std::move(ex.rows_);
  if (f.result == oid::kVoid) return pgmicro::Datum::text("");
  return ex.result_.d;
}

std::optional<Value> fire_trigger(Function& f, RuntimeContext* rc, const TriggerCall& call) {
  if (++g_depth > 200) {
    --g_depth;
    throw PgError("54001", "stack depth limit exceeded");
  }
  struct Depth { ~Depth() { --g_depth; } } depth;
  Exec ex(f, rc->db, rc);
  if (f.new_dno >= 0) ex.vals_[(size_t)f.new_dno] = call.new_row;
  if (f.old_dno >= 0) ex.vals_[(size_t)f.old_dno] = call.old_row;
  for (size_t i = 0; i < f.datums.size(); i++) {
    Var& v = f.datums[i];
    if (v.kind != VarKind::Var || v.name.compare(0, 3, "tg_") != 0) continue;
    Value val;
    auto text = [&](Oid t, const std::string& s) {
      val.type = t;
      val.d = pgmicro::Datum::text(s);
    };
    if (v.name == "tg_name") text(oid::kName, call.name);
    else if (v.name == "tg_when") text(oid::kText, call.when);
    else if (v.name == "tg_level") text(oid::kText, call.level);
    else if (v.name == "tg_op") text(oid::kText, call.op);
    else if (v.name == "tg_relname" || v.name == "tg_table_name") text(oid::kName, call.table_name);
    else if (v.name == "tg_table_schema") text(oid::kName, call.table_schema);
    else if (v.name == "tg_relid") { val.type = oid::kOid; val.d = pgmicro::Datum::integer(call.relid); }
    else if (v.name == "tg_nargs") { val.type = oid::kInt4; val.d = pgmicro::Datum::integer((int64_t)call.args.size()); }
    else if (v.name == "tg_argv") {
      std::string arr = "[0:" + std::to_string((int)call.args.size() - 1) + "]={";
      for (size_t k = 0; k < call.args.size(); k++) {
        std::string a;
        for (char c : call.args[k]) {
          if (c == '"' || c == '\\') a += '\\';
          a += c;
        }
        arr += (k ? ",\"" : "\"") + a + "\"";
      }
      val.type = oid::kTextArray;
      if (!call.args.empty()) val.d = type_input(oid::kTextArray, -1, arr + "}");
    } else continue;
    v.resolved = true;
    v.type = val.type;
    ex.vals_[i] = val;
  }
  try {
    ex.run_body();
  } catch (PgError& e) {
    with_context(ex, e);
    throw;
  }
  return ex.result_;
}

void run_do(Function& f, RuntimeContext* rc) {
  Exec ex(f, rc->db, rc);
  try {
    ex.run_body();
  } catch (PgError& e) {
    with_context(ex, e);
    throw;
  }
}

}  // namespace pgmicro::plpgsql
