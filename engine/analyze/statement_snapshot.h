// Which user functions a statement calls may read a given table (statement_snapshot.cpp).
// PostgreSQL runs STABLE/IMMUTABLE functions on the calling statement's snapshot and VOLATILE
// ones on a fresh snapshot per query; pgmicro runs every function body on the same SQLite
// connection, which sees the statement's partial changes. The DML analysis (and the session's
// data-modifying WITH check) uses this to stage or refuse the statements where that differs.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace pgmicro {

class Catalog;
struct TableDef;

// pg_sql_scalar/pg_sql_rows flags bit: the function is STABLE or IMMUTABLE
// (analyze_sqlfunc.cpp's user_call_expr; the runtime ignores it).
constexpr int kSqlCallNonVolatile = 8;

// A call of a user function body found in lowered SQL text: `pg_sql_scalar(body, flags, …`.
struct LoweredUserCall {
  int64_t body = -1;
  int flags = 0;
};
std::vector<LoweredUserCall> lowered_user_calls(const std::string& sql);

// Conservative "may read" test of function bodies against a set of tables: a LANGUAGE sql
// body by its lowered statements (the tables' SQLite references, nested calls followed); a
// PL/pgSQL body by the words of its CREATE text (a table's name, a view or function whose
// own text names it, EXECUTE's dynamic SQL).
class FunctionTableReads {
 public:
  // writes: whether the bodies may modify the tables (INSERT/UPDATE/DELETE of them; in PL/pgSQL
  // text a DML keyword or EXECUTE with the table's name) instead of read them.
  FunctionTableReads(Catalog& cat, const std::vector<const TableDef*>& tables, bool writes = false);
  // The table and its inheritance ancestors (a function reading a parent reads the child).
  static std::vector<const TableDef*> with_ancestors(const Catalog& cat, const TableDef& t);
  bool body_reads(int64_t body);
  bool sql_reads(const std::string& lowered);  // a nested call in lowered SQL reads them
  bool text_reads(const std::string& definition);
  bool sql_reads_via_calls(const std::string& lowered);  // only through the user calls in it

 private:
  Catalog& cat_;
  bool writes_ = false;
  std::vector<std::string> refs_;
  std::set<std::string> names_;
  std::map<int64_t, bool> body_state_;
  std::map<std::string, bool> word_state_;
  bool word_reads(const std::string& word);
};

// A query whose function calls modify a table the query itself reads (in FROM or a subquery, or
// through a STABLE/IMMUTABLE function): PostgreSQL's query and its non-volatile functions keep the
// snapshot from before those changes, here they would see them (a scan could even see its own
// inserts without end). 0A000; called by the session for every planned statement.
void refuse_reads_of_function_writes(Catalog& cat, const std::string& lowered);

}  // namespace pgmicro
