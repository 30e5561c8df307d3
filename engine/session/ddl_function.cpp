// CREATE [OR REPLACE] FUNCTION / PROCEDURE ... LANGUAGE sql, DROP FUNCTION / PROCEDURE,
// ALTER FUNCTION ... RENAME TO, and CALL. Functions are rows of _pgmicro_proc holding the
// signature and the CREATE statement's text (body and defaults are re-parsed where the
// function is called, see analyze/analyze_sqlfunc.cpp). The body is validated at CREATE time
// (check_function_bodies) by analysing it for the declared parameter types.
#include <algorithm>
#include "session/function_dependents.h"
#include "analyze/analyze_dml.h"
#include "analyze/analyzer.h"
#include "types/base_types.h"
#include "types/user_types.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "plpgsql/plpgsql_tree.h"
#include "session/rule_checks.h"
#include "session/session_impl.h"

namespace pgmicro {

std::string sql_function_body_text(CreateFunctionStmt* cf);

namespace {

std::string signature_text(const std::string& name, const std::vector<Oid>& types) {
  std::string s = name + "(";
  for (size_t i = 0; i < types.size(); i++) s += (i ? "," : "") + format_type_name(types[i], -1);
  return s + ")";
}

// A TypeName as PostgreSQL's NameListToString prints it in DROP ... IF EXISTS notices.
std::string type_name_text(TypeName* tn) {
  std::string s;
  for_each_node(tn->names, [&](Node* n) { s += (s.empty() ? "" : ".") + node_string(n); });
  for (int i = 0; i < list_size(tn->arrayBounds); i++) s += "[]";
  return s;
}

// Syntax errors of a PL/pgSQL body at CREATE FUNCTION, positioned in the statement.
void plpgsql_validate(const ProcDef& p, CreateFunctionStmt* cf, const Catalog& cat) {
  try {
    plpgsql::compile_function(p, &cat);
  } catch (PgError& e) {
    if (e.error.position < 0) {
      std::string body = sql_function_body_text(cf);
      size_t at = p.definition.find(body);
      // The grammar's position counts characters of the body; the CREATE statement's text
      // holds the body after its opening quote.
      e.error.position = at != std::string::npos && !body.empty() ? (int)at + -e.error.position : 0;
    }
    throw;
  }
}

}  // namespace

void SessionImpl::resolve_function_type(TypeName* tn, Oid& type) {
  int n = list_size(tn->names);
  std::string name = node_string(list_at(tn->names, n - 1));
  bool setof = tn->setof;
  tn->setof = false;
  struct Restore { TypeName* t; bool s; ~Restore() { t->setof = s; } } restore{tn, setof};
  bool catalog_name = n == 1 || (n == 2 && node_string(list_at(tn->names, 0)) == "pg_catalog");
  if (catalog_name && !list_size(tn->arrayBounds)) {
    // Pseudo-types a function may declare.
    static const std::pair<const char*, Oid> kPseudo[] = {
        {"record", oid::kRecord}, {"void", oid::kVoid}, {"anyelement", oid::kAnyElement},
        {"anyarray", oid::kAnyArray}, {"anynonarray", oid::kAnyNonArray},
        {"anycompatible", oid::kAnyCompatible}, {"anycompatiblearray", oid::kAnyCompatibleArray},
        {"trigger", plpgsql::kTriggerType}, {"cstring", 2275}};
    for (auto& [pname, poid] : kPseudo)
      if (name == pname) { type = poid; return; }
  }
  if (n == 1 && !list_size(tn->arrayBounds) && catalog_.find_view(name))
    unsupported("view row types as function parameters or results", tn->location);
  std::vector<Oid> none;
  Analyzer a(catalog_, none);
  a.sql_ = current_sql_;
  int32_t typmod;
  a.resolve_type_name(tn, type, typmod);
}

void SessionImpl::execute_create_function(CreateFunctionStmt* cf, StatementResult& out) {
  bool procedure = cf->is_procedure;
  out.command_tag = procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
  int n = list_size(cf->funcname);
  std::string name = node_string(list_at(cf->funcname, n - 1));
  if (n > 1) {
    std::string schema = node_string(list_at(cf->funcname, n - 2));
    if (schema != "public") throw PgError("3F000", "schema \"" + schema + "\" does not exist");
  }
  ProcDef p;
  p.name = name;
  p.kind = procedure ? 'p' : 'f';
  std::string language;
  bool have_body = cf->sql_body != nullptr;
  std::vector<std::string> seen_options;
  for_each_node(cf->options, [&](Node* o) {
    auto* d = reinterpret_cast<DefElem*>(o);
    std::string opt = d->defname;
    if (opt != "set") {  // each option once (errorConflictingDefElem); SET may repeat
      if (std::find(seen_options.begin(), seen_options.end(), opt) != seen_options.end())
        throw PgError(sqlstate::kSyntaxError, "conflicting or redundant options").at(d->location);
      seen_options.push_back(opt);
    }
    if (opt == "language") language = node_string(d->arg);
    else if (opt == "as") have_body = true;
    else if (opt == "volatility") {
      std::string v = node_string(d->arg);
      p.volatility = v == "immutable" ? 'i' : v == "stable" ? 's' : 'v';
    } else if (opt == "strict") {
      p.strict = intVal(d->arg) != 0;
    } else if (opt == "security" || opt == "parallel" || opt == "cost" || opt == "rows" || opt == "leakproof") {
      // planner hints, and SECURITY DEFINER/INVOKER (one user, every privilege): no effect here
    } else if (opt == "window") {
      if (intVal(d->arg)) p.kind = 'w';
    } else {
      unsupported("function option " + opt);
    }
  });
  if (language.empty()) {
    if (!cf->sql_body) throw PgError(sqlstate::kInvalidFunctionDefinition, "no language specified");
    language = "sql";
  }
  bool plpgsql = language == "plpgsql";
  bool internal = language == "internal";  // PostgreSQL's built-ins by name (types/base_types.h)
  std::string internal_missing;
  if (language != "sql" && !plpgsql && !internal) {
    if (language == "c")
      unsupported("LANGUAGE " + language);
    throw PgError(sqlstate::kUndefinedObject, "language \"" + language + "\" does not exist", "",
                  "Use CREATE EXTENSION to load the language into the database.");
  }
  if (!have_body) throw PgError(sqlstate::kInvalidFunctionDefinition, "no function body specified");
  for_each_node(cf->options, [&](Node* o) {  // AS 'obj_file', 'link_symbol' is for LANGUAGE C only
    auto* d = reinterpret_cast<DefElem*>(o);
    if (std::string(d->defname) == "as" && IsA(d->arg, List) && list_size(reinterpret_cast<List*>(d->arg)) > 1)
      throw PgError(sqlstate::kInvalidFunctionDefinition, "only one AS item needed for language \"" + language + "\"");
  });
  if (internal) {
    std::string src;
    for_each_node(cf->options, [&](Node* o) {
      auto* d = reinterpret_cast<DefElem*>(o);
      if (std::string(d->defname) == "as" && IsA(d->arg, List) && list_size(reinterpret_cast<List*>(d->arg)))
        src = node_string(list_at(reinterpret_cast<List*>(d->arg), 0));
    });
    if (!find_internal_function(src)) internal_missing = src;  // the error follows the shell-type notices
  }
  if (cf->sql_body && !sql_function_body_text(cf).empty())
    throw PgError(sqlstate::kInvalidFunctionDefinition, "duplicate function body specified");
  // Parameters.
  bool seen_default = false, seen_variadic = false;
  std::vector<Oid> out_types;
  for_each_node(cf->parameters, [&](Node* node) {
    auto* fp = reinterpret_cast<FunctionParameter*>(node);
    ProcArg a;
    a.name = fp->name ? fp->name : "";
    a.mode = fp->mode == FUNC_PARAM_DEFAULT ? 'i' : static_cast<char>(fp->mode);
    resolve_function_type(fp->argType, a.type);
    if (procedure && a.mode == 't') unsupported("RETURNS TABLE in procedures");
    if (a.mode == 'o' || a.mode == 't') {
      if (fp->defexpr) throw PgError(sqlstate::kInvalidFunctionDefinition, "only input parameters can have default values");
      out_types.push_back(a.type);
    } else {
      if (seen_variadic) throw PgError(sqlstate::kInvalidFunctionDefinition, "VARIADIC parameter must be the last input parameter");
      if (a.mode == 'b') out_types.push_back(a.type);
      if (a.mode == 'v') {
        seen_variadic = true;
        if (!array_element_type(a.type) && a.type != oid::kAnyArray)
          throw PgError(sqlstate::kInvalidFunctionDefinition, "VARIADIC parameter must be an array");
      }
      if (fp->defexpr) seen_default = a.has_default = true;
      else if (seen_default)
        throw PgError(sqlstate::kInvalidFunctionDefinition, "input parameters after one with a default value must also have defaults");
    }
    if (!a.name.empty())
      for (auto& prev : p.args)
        if (prev.name == a.name && (prev.is_input() == a.is_input() || (prev.mode == 'b' || a.mode == 'b')))
          throw PgError(sqlstate::kInvalidFunctionDefinition, "parameter name \"" + a.name + "\" used more than once");
    p.args.push_back(std::move(a));
  });
  if ((int)p.args.size() > 100) throw PgError("54023", "functions cannot have more than 100 arguments");
  // Result type.
  if (procedure) {
    p.result = oid::kVoid;
    if (!out_types.empty()) unsupported("OUT parameters in procedures");
  } else if (cf->returnType) {
    p.retset = cf->returnType->setof;
    resolve_function_type(cf->returnType, p.result);
    if (!out_types.empty()) {
      Oid expect = out_types.size() == 1 ? out_types[0] : oid::kRecord;
      if (p.result != expect)
        throw PgError(sqlstate::kInvalidFunctionDefinition,
                      "function result type must be " + format_type_name(expect, -1) + " because of OUT parameters");
    }
  } else {
    if (out_types.empty()) throw PgError(sqlstate::kInvalidFunctionDefinition, "function result type must be specified");
    p.result = out_types.size() == 1 ? out_types[0] : oid::kRecord;
  }
  // Shell types (CREATE TYPE name;): PostgreSQL's notices, or its errors for SQL functions.
  for (auto& a : p.args)
    if (a.is_input() && is_shell_type(a.type)) {
      if (language == "sql")
        throw PgError(sqlstate::kInvalidFunctionDefinition, "SQL function cannot accept shell type " + format_type_name(a.type, -1));
      out.notices.push_back({"NOTICE", "42809", "argument type " + format_type_name(a.type, -1) + " is only a shell"});
    }
  if (is_shell_type(p.result)) {
    if (language == "sql")
      throw PgError(sqlstate::kInvalidFunctionDefinition, "SQL function cannot return shell type " + format_type_name(p.result, -1));
    out.notices.push_back({"NOTICE", "42809", "return type " + format_type_name(p.result, -1) + " is only a shell"});
  }
  if (!internal_missing.empty())
    throw PgError(sqlstate::kUndefinedFunction, "there is no built-in function named \"" + internal_missing + "\"");
  std::vector<Oid> in_types = p.input_types();
  bool poly_in = false, poly_any = false;
  for (Oid t : in_types) poly_in |= is_polymorphic_type(t);
  for (auto& a : p.args) poly_any |= is_polymorphic_type(a.type);
  if ((is_polymorphic_type(p.result) || poly_any) && !poly_in)
    throw PgError(sqlstate::kInvalidFunctionDefinition, "cannot determine result data type", 
                  "A result of type " + format_type_name(is_polymorphic_type(p.result) ? p.result : oid::kAnyElement, -1) +
                      " requires at least one input of type anyelement, anyarray, anynonarray, anyenum, anyrange, or anymultirange.");
  if (poly_in && cf->sql_body)
    throw PgError(sqlstate::kInvalidFunctionDefinition, "SQL function with unquoted function body cannot have polymorphic arguments");
  p.definition = current_stmt_text_;
  // An existing function with the same input types.
  const ProcDef* existing = nullptr;
  for (const ProcDef* e : catalog_.find_procs(name))
    if (e->input_types() == in_types) existing = e;
  if (existing && !cf->replace)
    throw PgError(sqlstate::kDuplicateFunction, std::string(existing->kind == 'p' ? "procedure" : "function") + " \"" + name +
                                                    "\" already exists with same argument types");
  if (existing) {
    if (existing->kind != p.kind)
      throw PgError(sqlstate::kWrongObjectType, "cannot change routine kind",
                    "\"" + name + "\" is a " + (existing->kind == 'p' ? "procedure" : "function") + ".");
    if (existing->result != p.result || existing->retset != p.retset)
      throw PgError(sqlstate::kInvalidFunctionDefinition, "cannot change return type of existing function", "",
                    "Use DROP FUNCTION " + signature_text(name, in_types) + " first.");
  }
  if (p.kind == 'w') unsupported("WINDOW functions in LANGUAGE sql");
  if (p.result == plpgsql::kTriggerType && !plpgsql)
    throw PgError(sqlstate::kInvalidFunctionDefinition, "SQL functions cannot return type trigger");
  if (internal) {
    // nothing to validate beyond the built-in's name
  } else if (plpgsql) {
    plpgsql_validate(p, cf, catalog_);  // PostgreSQL's PL/pgSQL grammar (syntax only, as plpgsql_validator)
  } else
  // Validation: the body analysed for the declared types (polymorphic bodies are checked when called).
  if (settings_.get("check_function_bodies") != "off" && !poly_in) {
    std::vector<Oid> cols;
    Oid result = p.result;
    if (!out_types.empty() && out_types.size() > 1) cols = out_types;
    if (out_types.size() == 1) result = out_types[0];
    std::vector<Oid> none;
    Analyzer a(catalog_, none);
    a.sql_ = current_sql_;
    RuleChecksOff validating;  // session/rule_checks.h: rules are refused when the body runs
    // Snapshot refusals (analyze/analyze_dml_snapshot.cpp) wait for a call: CREATE runs nothing.
    SnapshotChecksSuspended suspend_snapshot;
    try {
      if (p.result == oid::kRecord && cols.empty()) {
        // RETURNS record / SETOF record: the columns come from the call's column definition list.
      } else {
        a.analyze_sql_body(p, in_types, result, cols);
      }
    } catch (PgError& e) {
      // Positions inside an AS string are reported in the CREATE statement, as PostgreSQL does.
      if (e.error.position > 0 && !cf->sql_body) {
        std::vector<Oid> no;
        ParsedScript ps(p.definition);
        std::string body = sql_function_body_text(reinterpret_cast<CreateFunctionStmt*>(ps.statements()[0].raw->stmt));
        size_t at = current_sql_.find(body, current_sql_.find(current_stmt_text_));
        if (at != std::string::npos && !body.empty()) e.error.position += (int)at;
        else e.error.position = 0;
      } else if (e.error.position > 0 && cf->sql_body) {
        // BEGIN ATOMIC / RETURN: positions are already in the statement text; make them script-relative
        size_t at = current_sql_.find(current_stmt_text_);
        if (at != std::string::npos) e.error.position += (int)at;
      }
      if (e.error.sqlstate == sqlstate::kInvalidFunctionDefinition && e.error.context.empty())
        e.error.context = "SQL function \"" + name + "\"";
      throw;
    }
  }
  Catalog::ensure_catalog_tables(conn_);
  std::string types, modes, names;
  int ndefaults = 0;
  for (size_t i = 0; i < p.args.size(); i++) {
    types += (i ? "," : "") + std::to_string(p.args[i].type);
    modes += p.args[i].mode;
    names += (i ? "\n" : "") + p.args[i].name;
    ndefaults += p.args[i].has_default;
  }
  std::string values = quote_literal(name) + ", " + quote_literal(std::string(1, p.kind)) + ", " + quote_literal(types) + ", " +
                       quote_literal(modes) + ", " + quote_literal(names) + ", " + std::to_string(ndefaults) + ", " +
                       std::to_string(p.result) + ", " + (p.retset ? "1" : "0") + ", " +
                       quote_literal(std::string(1, p.volatility)) + ", " + (p.strict ? "1" : "0") + ", " +
                       quote_literal(p.definition);
  if (existing) {
    exec_sql(conn_, "DELETE FROM _pgmicro_proc WHERE oid = " + std::to_string(existing->oid) + ";INSERT INTO _pgmicro_proc VALUES(" +
                        std::to_string(existing->oid) + ", " + values + ")");
  } else {
    int64_t oid = Catalog::allocate_oid(conn_);
    exec_sql(conn_, "INSERT INTO _pgmicro_proc VALUES(" + std::to_string(oid) + ", " + values + ")");
  }
  bump_schema();
}

// The function an ObjectWithArgs names (nullptr: none; kind 'f' or 'p').
const ProcDef* SessionImpl::find_routine(ObjectWithArgs* owa, char kind, bool missing_ok, StatementResult& out,
                                         const char* what) {
  int n = list_size(owa->objname);
  std::string name = node_string(list_at(owa->objname, n - 1));
  if (n > 1) {
    std::string schema = node_string(list_at(owa->objname, n - 2));
    if (schema != "public") {
      if (missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "schema \"" + schema + "\" does not exist, skipping"});
        return nullptr;
      }
      throw PgError("3F000", "schema \"" + schema + "\" does not exist");
    }
  }
  std::vector<const ProcDef*> procs;
  for (const ProcDef* p : catalog_.find_procs(name))
    if (p->kind == kind) procs.push_back(p);
  if (owa->args_unspecified) {
    if (procs.size() > 1)
      throw PgError(sqlstate::kAmbiguousFunction, std::string(what) + " name \"" + name + "\" is not unique", "",
                    "Specify the argument list to select the " + std::string(what) + " unambiguously.");
    if (procs.empty()) {
      if (missing_ok) {
        out.notices.push_back({"NOTICE", "00000", std::string(what) + " " + name + "() does not exist, skipping"});
        return nullptr;
      }
      throw PgError(sqlstate::kUndefinedFunction, "could not find a " + std::string(what) + " named \"" + name + "\"");
    }
    return procs[0];
  }
  std::vector<Oid> types;
  std::string shown;
  for_each_node(owa->objfuncargs, [&](Node* node) {
    auto* fp = reinterpret_cast<FunctionParameter*>(node);
    if (fp->mode == FUNC_PARAM_OUT || fp->mode == FUNC_PARAM_TABLE) return;
    Oid t;
    resolve_function_type(fp->argType, t);
    types.push_back(t);
    shown += (shown.empty() ? "" : ",") + type_name_text(fp->argType);
  });
  for (const ProcDef* p : procs)
    if (p->input_types() == types) return p;
  if (missing_ok) {
    out.notices.push_back({"NOTICE", "00000", std::string(what) + " " + name + "(" + shown + ") does not exist, skipping"});
    return nullptr;
  }
  throw PgError(sqlstate::kUndefinedFunction, std::string(what) + " " + signature_text(name, types) + " does not exist");
}

void SessionImpl::execute_drop_function(DropStmt* stmt, StatementResult& out) {
  bool procedure = stmt->removeType == OBJECT_PROCEDURE;
  out.command_tag = procedure ? "DROP PROCEDURE" : "DROP FUNCTION";
  std::string sql;
  for_each_node(stmt->objects, [&](Node* n) {
    const ProcDef* p = find_routine(reinterpret_cast<ObjectWithArgs*>(n), procedure ? 'p' : 'f', stmt->missing_ok, out,
                                    procedure ? "procedure" : "function");
    if (!p) return;
    // Generation expressions, defaults and CHECKs calling it (PostgreSQL's dependencies: 2BP01).
    std::string sig = signature_text(p->name, p->input_types());
    std::vector<std::string> deps = function_dependents(catalog_, *p, sig);
    if (!deps.empty()) {
      if (stmt->behavior == DROP_CASCADE) unsupported("DROP FUNCTION ... CASCADE of a function used by columns or constraints");
      std::string detail;
      for (auto& d : deps) detail += (detail.empty() ? "" : "\n") + d;
      throw PgError("2BP01", "cannot drop function " + sig + " because other objects depend on it", detail,
                    "Use DROP ... CASCADE to drop the dependent objects too.");
    }
    sql += "DELETE FROM _pgmicro_proc WHERE oid = " + std::to_string(p->oid) + ";";
  });
  if (!sql.empty()) {
    exec_sql(conn_, sql);
    bump_schema();
  }
}

void SessionImpl::execute_rename_function(RenameStmt* stmt, StatementResult& out) {
  bool procedure = stmt->renameType == OBJECT_PROCEDURE;
  out.command_tag = procedure ? "ALTER PROCEDURE" : "ALTER FUNCTION";
  const ProcDef* p = find_routine(reinterpret_cast<ObjectWithArgs*>(stmt->object), procedure ? 'p' : 'f', false, out,
                                  procedure ? "procedure" : "function");
  std::string newname = stmt->newname;
  for (const ProcDef* e : catalog_.find_procs(newname))
    if (e->input_types() == p->input_types())
      throw PgError(sqlstate::kDuplicateFunction, std::string(e->kind == 'p' ? "procedure " : "function ") +
                                                      signature_text(newname, p->input_types()) + " already exists in schema \"public\"");
  exec_sql(conn_, "UPDATE _pgmicro_proc SET proname = " + quote_literal(newname) + " WHERE oid = " + std::to_string(p->oid));
  bump_schema();
}

// ALTER FUNCTION / PROCEDURE f(args) action...: volatility and strictness are kept; the other
// attributes (COST, ROWS, PARALLEL, LEAKPROOF, SECURITY) have no effect here.
void SessionImpl::execute_alter_function(AlterFunctionStmt* stmt, StatementResult& out) {
  bool procedure = stmt->objtype == OBJECT_PROCEDURE;
  out.command_tag = procedure ? "ALTER PROCEDURE" : "ALTER FUNCTION";
  const ProcDef* p = find_routine(stmt->func, procedure ? 'p' : 'f', false, out, procedure ? "procedure" : "function");
  char volatility = p->volatility;
  bool strict = p->strict;
  for_each_node(stmt->actions, [&](Node* o) {
    auto* d = reinterpret_cast<DefElem*>(o);
    std::string opt = d->defname;
    if (opt == "volatility") {
      std::string v = node_string(d->arg);
      volatility = v == "immutable" ? 'i' : v == "stable" ? 's' : 'v';
    } else if (opt == "strict") {
      strict = intVal(d->arg) != 0;
    } else if (opt != "security" && opt != "parallel" && opt != "cost" && opt != "rows" && opt != "leakproof") {
      unsupported("ALTER FUNCTION ... " + opt);
    }
  });
  // SECURITY, LEAKPROOF, PARALLEL, COST and ROWS are read back from the stored CREATE text
  // (catalog/system_rows_types.cpp, first occurrence wins): written in front of its first option.
  std::string added;
  for_each_node(stmt->actions, [&](Node* o) {
    auto* d = reinterpret_cast<DefElem*>(o);
    std::string opt = d->defname;
    if (opt == "security") added += intVal(d->arg) ? "SECURITY DEFINER " : "SECURITY INVOKER ";
    else if (opt == "leakproof") added += intVal(d->arg) ? "LEAKPROOF " : "NOT LEAKPROOF ";
    else if (opt == "parallel") added += "PARALLEL " + node_string(d->arg) + " ";
    else if ((opt == "cost" || opt == "rows") && (IsA(d->arg, Integer) || IsA(d->arg, Float))) {
      if (opt == "rows" && !p->retset)
        throw PgError(sqlstate::kInvalidParameterValue, "ROWS is not applicable when function does not return a set");
      if ((IsA(d->arg, Integer) ? double(intVal(d->arg)) : atof(strVal(d->arg))) <= 0)
        throw PgError(sqlstate::kInvalidParameterValue, opt == "cost" ? "COST must be positive" : "ROWS must be positive");
      added += (opt == "cost" ? "COST " : "ROWS ") + (IsA(d->arg, Integer) ? std::to_string(intVal(d->arg)) : std::string(strVal(d->arg))) + " ";
    }
  });
  std::string definition = p->definition;
  if (!added.empty()) {
    try {
      ParsedScript ps(definition);
      if (!ps.statements().empty() && IsA(ps.statements()[0].raw->stmt, CreateFunctionStmt)) {
        auto* cf = reinterpret_cast<CreateFunctionStmt*>(ps.statements()[0].raw->stmt);
        int at = -1;
        for_each_node(cf->options, [&](Node* o) {
          int l = reinterpret_cast<DefElem*>(o)->location;
          if (l >= 0 && (at < 0 || l < at)) at = l;
        });
        if (at >= 0 && size_t(at) <= definition.size()) definition.insert(size_t(at), added);
      }
    } catch (const PgError&) {
    }
  }
  exec_sql(conn_, "UPDATE _pgmicro_proc SET provolatile = " + quote_literal(std::string(1, volatility)) +
                      ", proisstrict = " + (strict ? "1" : "0") + ", definition = " + quote_literal(definition) +
                      " WHERE oid = " + std::to_string(p->oid));
  bump_schema();
}

// CALL proc(args): the procedure's body run through pg_sql_scalar.
void SessionImpl::execute_call(CallStmt* stmt, StatementResult& out) {
  FuncCall* fc = stmt->funccall;
  int n = list_size(fc->funcname);
  std::string name = node_string(list_at(fc->funcname, n - 1));
  std::vector<Oid> param_types;
  Analyzer a(catalog_, param_types);
  a.sql_ = current_sql_;
  Analyzer::UserCall uc;
  bool found = false;
  bool any_proc = false;
  for (const ProcDef* p : catalog_.find_procs(name)) any_proc |= p->kind == 'p';
  if (any_proc) found = a.resolve_user_call(name, reinterpret_cast<Node*>(fc), ExprContext::Values, uc, 'p');
  if (!found) {
    std::string sig;
    for_each_node(fc->args, [&](Node* x) {
      ExprPtr e = a.transform_expr(x, ExprContext::Values);
      sig += (sig.empty() ? "" : ", ") + format_type_name(e->type, -1);
    });
    throw PgError(sqlstate::kUndefinedFunction, "procedure " + name + "(" + sig + ") does not exist", "",
                  "No procedure matches the given name and argument types. You might need to add explicit type casts.")
        .at(fc->location);
  }
  SelectQuery q;
  q.targets.push_back({a.user_call_expr(uc, false, false), "call"});
  StatementResult ignored;
  std::vector<TextValue> no_params;
  ignored.columns.push_back({"call", oid::kVoid, -1});
  run_query(lower_select(q), param_types, no_params, ignored, false);
  out.command_tag = "CALL";
}

}  // namespace pgmicro
