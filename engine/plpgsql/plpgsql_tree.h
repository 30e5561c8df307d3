// PL/pgSQL functions as pgmicro holds them: the statement tree PostgreSQL's own PL/pgSQL
// grammar (libpg_query's pl_gram) produced, copied out of its memory context into plain C++
// structs (plpgsql_compile.cpp), plus the per-expression analysis cache the interpreter
// (plpgsql_exec.cpp) fills on first use.
#pragma once
#include <memory>
#include <string>
#include <vector>
#include "types/datum.h"
#include "types/types.h"

struct sqlite3;

namespace pgmicro {
class Catalog;
struct RuntimeContext;
struct ProcDef;
}

namespace pgmicro::plpgsql {

constexpr Oid kTriggerType = 2279;  // the trigger pseudo-type

// An SQL expression or statement of the body, with the variables visible where it appears.
struct PlExpr {
  std::string query;  // verbatim text (expression, assignment "x := ...", or a statement)
  int mode = 0;       // libpg_query parse mode (0 statement, 2 expression, 3-5 assignment)
  std::vector<std::pair<std::string, int>> visible;  // (name, datum number), innermost first
  // Analysis cache: lowered SQLite statement, the datums bound as ?1..?n, result types.
  bool analysed = false;
  std::string lowered;
  std::vector<int> param_dnos;
  std::vector<Oid> param_types;  // types the analysis used (re-analysed when a record's type moves)
  std::vector<int32_t> param_typmods;
  std::vector<Oid> result_types;
  std::vector<int32_t> result_typmods;
  std::vector<std::string> result_names;
  bool returns_rows = true;  // SELECT or DML ... RETURNING
  bool is_dml = false;
  bool utility = false;  // run through the session as a statement of its own
  // FOR EACH STATEMENT triggers of a DML statement: its table, events (4/8/16) and SET columns.
  int64_t trigger_relid = 0;
  int trigger_events = 0;
  std::vector<std::string> update_columns;
};
using PlExprPtr = std::shared_ptr<PlExpr>;

enum class VarKind { Var, Row, Rec, RecField };

struct Var {
  VarKind kind = VarKind::Var;
  std::string name;
  std::string type_text;  // declared type as written ("integer", "t%ROWTYPE", "record")
  bool is_const = false, not_null = false;
  int lineno = 0;
  PlExprPtr default_val;
  std::vector<int> fields;               // Row: the member datums
  int parent = -1;                       // RecField: the record datum
  std::string field;                     // RecField: field name
  // Resolved at first use.
  bool resolved = false;
  Oid type = 0;
  int32_t typmod = -1;
};

enum class StmtKind {
  Block, Assign, If, Case, Loop, While, ForI, ForS, ForEachA, Exit, Return, ReturnNext, ReturnQuery,
  Raise, Assert, ExecSql, DynExecute, DynForS, GetDiag, Perform, Call, Unsupported
};

struct Stmt;
using StmtPtr = std::shared_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

struct Handler {
  std::vector<std::pair<std::string, std::string>> conditions;  // (sqlstate or "OTHERS", name)
  StmtList body;
  int lineno = 0;
};

struct Stmt {
  StmtKind kind = StmtKind::Unsupported;
  int lineno = 0;
  std::string what;  // unsupported construct's name
  std::string label;
  StmtList body, else_body;
  std::vector<std::pair<PlExprPtr, StmtList>> whens;  // IF/ELSIF or CASE WHEN
  PlExprPtr expr, expr2, expr3;  // cond / value / lower,upper,step / query
  std::vector<PlExprPtr> params;  // RAISE parameters, USING expressions
  int varno = -1;              // assignment / loop / INTO / CASE test target
  bool flag = false;           // reverse, is_exit, strict, is_stacked, have_else
  bool into = false;
  std::vector<int> initvars;   // Block: declared datums
  std::vector<Handler> handlers;
  bool has_exceptions = false;
  int sqlstate_var = -1, sqlerrm_var = -1;
  // RAISE
  int elog_level = 0;
  std::string condname, message;
  std::vector<std::pair<int, PlExprPtr>> options;
  // GET DIAGNOSTICS (kind, target)
  std::vector<std::pair<int, int>> diag;
};

struct Function {
  std::string name;        // function name (CONTEXT lines)
  std::string signature;   // "f(integer,text)"
  std::vector<Var> datums;
  std::vector<int> arg_dnos;  // input arguments in order
  std::vector<int> out_dnos;  // OUT/INOUT/TABLE parameters in order
  int found_dno = -1;
  int new_dno = -1, old_dno = -1;  // trigger functions
  bool is_trigger = false;
  StmtPtr action;
  Oid result = 0;
  int32_t result_typmod = -1;
  bool retset = false;
  std::vector<Oid> out_types;  // several OUT columns (a record result)
  std::string source;          // the body text
  bool is_do = false;
};
using FunctionPtr = std::shared_ptr<Function>;

// Compiles a CREATE FUNCTION (definition text) or DO body with PostgreSQL's PL/pgSQL grammar;
// throws PgError on syntax errors. arg types come from the catalog's ProcDef.
// With a catalog, composite-typed variables are records (plpgsql_composite_decls.h).
FunctionPtr compile_function(const ProcDef& p, const Catalog* cat = nullptr);
FunctionPtr compile_do(const std::string& source, const Catalog* cat = nullptr);
// compile_function for one call signature (resolved argument types, result, OUT columns).
FunctionPtr compile_for_call(const ProcDef& p, const std::vector<Oid>& arg_types, Oid result,
                             const std::vector<Oid>& columns, const Catalog* cat = nullptr);

// Whether a stored function definition is LANGUAGE plpgsql.
bool is_plpgsql_definition(const std::string& definition);

}  // namespace pgmicro::plpgsql
