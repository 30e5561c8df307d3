// The parser stage: SQL text -> libpg_query's raw parse tree (PostgreSQL's own grammar).
// A ParsedScript owns the PostgreSQL memory context the tree lives in; walk the tree only
// while it is alive. The tree is read directly as C structs (parse/pg_nodes.h).
#pragma once
#include <string>
#include <string_view>
#include <vector>

struct RawStmt;
struct MemoryContextData;

namespace pgmicro {

struct ParsedStatement {
  RawStmt* raw;       // the statement's node
  int location;       // byte offset of the statement in the script
  int length;         // byte length (0 = to the end)
};

class ParsedScript {
 public:
  // Parses `sql`; throws PgError 42601 (with position) on a syntax error.
  explicit ParsedScript(const std::string& sql);
  ~ParsedScript();
  ParsedScript(const ParsedScript&) = delete;
  ParsedScript& operator=(const ParsedScript&) = delete;
  const std::vector<ParsedStatement>& statements() const { return statements_; }

 private:
  MemoryContextData* context_ = nullptr;
  std::vector<ParsedStatement> statements_;
};

// Parses a single expression written in PostgreSQL syntax ("SELECT <expr>" internally);
// returns the ParsedScript and the expression node via the out parameter.
}  // namespace pgmicro
