// DO blocks: the anonymous code block compiled with PostgreSQL's PL/pgSQL grammar
// (plpgsql_compile_inline) and run once by the interpreter on the session's connection.
#include "analyze/analyzer.h"
#include "common/error.h"
#include "plpgsql/plpgsql_exec.h"
#include "runtime/function_context.h"
#include "parse/pg_nodes.h"

namespace pgmicro::plpgsql {

void execute_do(DoStmt* stmt, RuntimeContext& rc, StatementResult& out) {
  std::string source, language = "plpgsql";
  bool have_source = false;
  for_each_node(stmt->args, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string opt = d->defname;
    if (opt == "as") {
      source = node_string(d->arg);
      have_source = true;
    } else if (opt == "language") {
      language = node_string(d->arg);
    }
  });
  if (!have_source) throw PgError(sqlstate::kSyntaxError, "no inline code specified");
  if (language != "plpgsql") {
    if (language == "sql") throw PgError(sqlstate::kFeatureNotSupported, "language \"sql\" does not support inline code execution");
    throw PgError(sqlstate::kUndefinedObject, "language \"" + language + "\" does not exist", "",
                  "Use CREATE EXTENSION to load the language into the database.");
  }
  FunctionPtr f = compile_do(source, rc.catalog);
  run_do(*f, &rc);
  out.command_tag = "DO";
}

}  // namespace pgmicro::plpgsql
