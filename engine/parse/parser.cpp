// libpg_query wrapper: enters a memory context, runs pg_query_raw_parse, maps parse errors
// to PostgreSQL errors with positions.
#include "parse/parser.h"
#include <cstdlib>
#include <cstring>
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

static const char* parse_error_sqlstate(const char* msg) {
  // Almost every raw-parser error is a syntax error; a few carry their own codes.
  if (std::strstr(msg, "is out of range")) return sqlstate::kNumericValueOutOfRange;
  if (std::strstr(msg, "exceeds the maximum")) return sqlstate::kProgramLimitExceeded;
  if (std::strstr(msg, "is not supported")) return sqlstate::kFeatureNotSupported;
  if (std::strstr(msg, "unrecognized partitioning strategy")) return "22023";  // PostgreSQL 15: transformPartitionSpec
  if (std::strstr(msg, "column number must be in range")) return "22023";  // gram.y: ALTER INDEX ... ALTER COLUMN n
  if (std::strstr(msg, "is only supported for ON DELETE actions")) return sqlstate::kFeatureNotSupported;
  if (std::strstr(msg, "unsafe use of string constant")) return sqlstate::kFeatureNotSupported;
  return sqlstate::kSyntaxError;
}

ParsedScript::ParsedScript(const std::string& sql) {
  context_ = reinterpret_cast<MemoryContextData*>(pg_query_enter_memory_context());
  PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql.c_str(), 0);
  if (r.stderr_buffer) free(r.stderr_buffer);
  if (r.error) {
    PgError e(parse_error_sqlstate(r.error->message), r.error->message);
    e.error.position = r.error->cursorpos;
    if (std::strcmp(r.error->message, "invalid Unicode escape") == 0) {
      // The scanner's hint (libpg_query drops it): E'' strings take \u/\U (22025), U&'' strings
      // \XXXX/\+XXXXXX (42601). The position is the escape's backslash.
      size_t at = r.error->cursorpos > 0 ? size_t(r.error->cursorpos - 1) : 0;
      bool e_string = at + 1 < sql.size() && sql[at] == '\\' && (sql[at + 1] == 'u' || sql[at + 1] == 'U');
      if (e_string) {
        e.error.sqlstate = "22025";
        e.error.hint = "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.";
      } else {
        e.error.hint = "Unicode escapes must be \\XXXX or \\+XXXXXX.";
      }
    }
    pg_query_free_error(r.error);
    pg_query_exit_memory_context(reinterpret_cast<MemoryContext>(context_));
    context_ = nullptr;
    throw e;
  }
  for_each_node(r.tree, [&](Node* n) {
    auto* raw = reinterpret_cast<RawStmt*>(n);
    statements_.push_back({raw, raw->stmt_location, raw->stmt_len});
  });
}

ParsedScript::~ParsedScript() {
  if (context_) pg_query_exit_memory_context(reinterpret_cast<MemoryContext>(context_));
}

}  // namespace pgmicro
