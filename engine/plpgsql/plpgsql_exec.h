// Entry points of the PL/pgSQL interpreter (plpgsql_exec.cpp): a function call with its
// argument values, and a DO block.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "plpgsql/plpgsql_tree.h"
#include "pgmicro/pgmicro.h"

struct DoStmt;
struct Node;
struct CreateTrigStmt;
struct DropStmt;
struct AlterTableCmd;
struct RenameStmt;
namespace pgmicro { struct TableDef; }

namespace pgmicro::plpgsql {

// A variable's value: its type and its storage-encoded datum.
struct Value {
  Oid type = 0;
  int32_t typmod = -1;
  pgmicro::Datum d;
};

// Runs the function; the result datum (NULL as a null Datum). For set-returning functions
// `rows` receives the rows (one datum per column).
std::optional<pgmicro::Datum> call_function(Function& f, RuntimeContext* rc, const std::vector<Value>& args,
                                            std::vector<std::vector<pgmicro::Datum>>* rows);
void run_do(Function& f, RuntimeContext* rc);
// One firing of a row trigger (plpgsql_trigger.cpp).
struct TriggerCall {
  Value new_row, old_row;  // NULL datums where the event has none
  std::string name, when, level, op, table_name, table_schema, when_clause;
  int64_t relid = 0;
  std::vector<std::string> args;
};
// Runs a trigger function; the row it returned (nullopt: the WHEN condition was false).
std::optional<Value> fire_trigger(Function& f, RuntimeContext* rc, const TriggerCall& call);

// CREATE TRIGGER / DROP TRIGGER, the session's SQLite TEMP triggers for one table, and the
// pg_trigger_row SQL function (plpgsql_trigger.cpp).
void execute_create_trigger(CreateTrigStmt* stmt, Catalog& cat, sqlite3* db, std::string_view sql, StatementResult& out);
void execute_drop_trigger(DropStmt* stmt, Catalog& cat, sqlite3* db, StatementResult& out);
std::string user_triggers_sql(const Catalog& cat, sqlite3* db, const TableDef& t);
void register_trigger_functions(sqlite3* db, RuntimeContext* rc);
// FOR EACH STATEMENT triggers of a table for one event (4 INSERT, 8 DELETE, 16 UPDATE,
// 32 TRUNCATE), BEFORE or AFTER the statement; update_columns: the UPDATE's SET columns
// (for UPDATE OF), null when unknown.
void fire_statement_triggers(RuntimeContext* rc, int64_t relid, int event_bit, bool before,
                             const std::vector<std::string>* update_columns = nullptr);
// Rows that BEFORE INSERT triggers replaced by a modified row since the last call (the
// statement's count adds them: SQLite counts the skipped original rows out).
int64_t take_replaced_rows();
void add_replaced_rows(int64_t n);
// Rows BEFORE UPDATE triggers modified (rewritten after SQLite's write) since the last call.
int64_t take_rewritten_rows();
void add_rewritten_rows(int64_t n);
// AFTER row triggers are queued until the end of their query: the queue's length now, and the
// firing of what was queued after a mark (in queue order); clear drops all (a new statement).
size_t after_row_queue_mark();
void fire_after_row_queue(RuntimeContext* rc, size_t mark);
void clear_after_row_queue();
// The table, events and SET columns of a DML statement's FOR EACH STATEMENT triggers (events 0:
// none), for DML run by PL/pgSQL.
void statement_trigger_target(const Catalog& cat, Node* n, int64_t& relid, int& events, std::vector<std::string>& cols);
// While one exists, row triggers do not fire (TRUNCATE empties tables with DELETE).
struct SuppressRowTriggers {
  SuppressRowTriggers();
  ~SuppressRowTriggers();
};

// ALTER TABLE … ENABLE/DISABLE TRIGGER (false: not such a subcommand), ALTER TRIGGER … RENAME
// TO (plpgsql_trigger_alter.cpp).
bool alter_table_trigger(const Catalog& cat, const TableDef& t, AlterTableCmd* cmd, sqlite3* db);
void execute_rename_trigger(RenameStmt* stmt, const Catalog& cat, sqlite3* db, StatementResult& out);
bool trigger_table_exists_for_rows(sqlite3* db);

// DO [LANGUAGE plpgsql] '...' (plpgsql_do.cpp).
void execute_do(DoStmt* stmt, RuntimeContext& rc, StatementResult& out);

// SQLSTATE of a condition name (division_by_zero) or a five-character code; throws 42704.
std::string condition_sqlstate(const std::string& name);

}  // namespace pgmicro::plpgsql
