// Glue between SQLite application-defined functions and PostgreSQL errors: every pg_*
// function body runs inside guarded(), which turns a thrown PgError into a pending error on
// the connection's RuntimeContext (read back by the session after sqlite3_step fails) and
// an SQLite error for the statement. No C++ exception crosses SQLite's C frames.
#pragma once
#include <functional>
#include <map>
#include <new>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>
#include "common/error.h"
#include "sqlite3.h"
#include "types/datum.h"

namespace pgmicro {

class Catalog;
class Settings;
struct SequenceState;

// One per SQLite connection; registered as the user data of every pg_* function.
struct RuntimeContext {
  std::optional<Error> pending_error;
  Catalog* catalog = nullptr;
  sqlite3* db = nullptr;  // the connection (nested statements of SQL functions)
  // Prepared nested statements not in use, by SQL text (runtime/sql_functions.cpp); finalized
  // by finalize_nested_statements before the connection closes.
  std::map<std::string, std::vector<sqlite3_stmt*>> nested_statements;
  size_t nested_statement_count = 0;
  Settings* settings = nullptr;  // the session's settings (current_setting, set_config)
  // Row last seen by a table's check trigger (for a unique violation's DETAIL): the values are
  // copied into reused buffers and turned into PostgreSQL text only when an error needs them.
  std::string last_row_table;
  std::vector<Datum> last_row;
  std::vector<Oid> last_row_types;
  void clear_last_row() {
    last_row.clear();
    last_row_types.clear();
  }
  std::optional<std::string> last_row_text(size_t i) const;  // PostgreSQL text; nullopt for NULL
  // Sequence counters (shared by the database's sessions) and those this session advanced.
  SequenceState* sequences = nullptr;
  std::vector<int64_t> dirty_sequences;  // written back at commit; each oid once
  void mark_sequence_dirty(int64_t oid) {
    for (int64_t o : dirty_sequences)
      if (o == oid) return;
    dirty_sequences.push_back(oid);
  }
  std::map<int64_t, int64_t> session_sequence_values;  // currval per sequence
  int64_t last_sequence_value = 0;                      // lastval
  bool has_last_sequence_value = false;
  int64_t last_sequence_oid = 0;                        // lastval's sequence (its privilege check)
  // Microseconds since the Unix epoch (UTC) when the current transaction and statement
  // started: now()/CURRENT_TIMESTAMP are fixed for the transaction, as in PostgreSQL.
  int64_t transaction_start_us = 0;
  int64_t statement_start_us = 0;
  // Set by the session while a statement runs: 0 to go on, 1 canceled, 2 statement_timeout
  // passed. Polled by functions that can run long inside one call (the regex engine).
  std::function<int()> interrupt_check;
  // User-defined types whose per-type SQL objects (collations, array aggregates) this
  // connection has registered (user_type_functions.cpp).
  std::set<Oid> registered_user_types;
  // pg_prepared_statements (catalog/system_rows_misc.cpp): the session's prepared statements
  // as (name, PREPARE text, parameter types).
  struct PreparedInfo { std::string name, statement; std::vector<Oid> param_types; };
  std::function<std::vector<PreparedInfo>()> prepared_statements;
  // Prepared domain CHECK statements by SQL (finalized by the session before it closes).
  std::map<std::string, sqlite3_stmt*> domain_check_stmts;
  // NOTICE/WARNING messages raised while a statement runs (PL/pgSQL RAISE); the session
  // moves them into the statement's result.
  std::vector<Notice> notices;
  // Runs a utility statement (CREATE, ANALYZE, ...) of PL/pgSQL code through the session.
  std::function<void(const std::string& sql)> run_utility;
  // SET CONSTRAINTS in the current transaction (session/deferred_constraints.cpp): ALL as
  // -1 not set, 0 IMMEDIATE, 1 DEFERRED; then per constraint oid (deferred or not).
  int constraints_all_mode = -1;
  std::map<int64_t, bool> constraint_modes;
};

inline RuntimeContext* runtime_context(sqlite3_context* ctx) {
  return static_cast<RuntimeContext*>(sqlite3_user_data(ctx));
}

inline void report_error(sqlite3_context* ctx, const Error& e) {
  if (auto* rc = runtime_context(ctx)) {
    if (!rc->pending_error) rc->pending_error = e;
  }
  sqlite3_result_error(ctx, e.message.c_str(), -1);
}

template <class F>
inline void guarded(sqlite3_context* ctx, F&& body) {
  try {
    body();
  } catch (const PgError& e) {
    report_error(ctx, e.error);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  }
}

// Registration of each runtime family (one file each under runtime/).
void register_int_functions(sqlite3* db, RuntimeContext* rc);
void register_float_functions(sqlite3* db, RuntimeContext* rc);
void register_math_functions(sqlite3* db, RuntimeContext* rc);
void register_numeric_functions(sqlite3* db, RuntimeContext* rc);
void register_text_functions(sqlite3* db, RuntimeContext* rc);
void register_io_functions(sqlite3* db, RuntimeContext* rc);
void register_aggregate_functions(sqlite3* db, RuntimeContext* rc);
void register_ordered_set_aggregates(sqlite3* db, RuntimeContext* rc);
void register_minmax_functions(sqlite3* db, RuntimeContext* rc);
void register_check_functions(sqlite3* db, RuntimeContext* rc);
void register_exclusion_functions(sqlite3* db, RuntimeContext* rc);  // exclusion_functions.cpp
void register_partition_functions(sqlite3* db, RuntimeContext* rc);  // partition_functions.cpp
void register_dml_functions(sqlite3* db, RuntimeContext* rc);  // dml_functions.cpp
void register_view_check_function(sqlite3* db, RuntimeContext* rc);  // view_check_function.cpp
void register_datetime_functions(sqlite3* db, RuntimeContext* rc);
void register_time_functions(sqlite3* db, RuntimeContext* rc);
void register_array_functions(sqlite3* db, RuntimeContext* rc);
void register_table_functions(sqlite3* db, RuntimeContext* rc);
void register_json_functions(sqlite3* db, RuntimeContext* rc);
void register_regex_functions(sqlite3* db, RuntimeContext* rc);
void register_formatting_functions(sqlite3* db, RuntimeContext* rc);
void register_sql_functions(sqlite3* db, RuntimeContext* rc);
void finalize_nested_statements(RuntimeContext* rc);
void register_user_type_functions(sqlite3* db, RuntimeContext* rc);
void register_system_relations(sqlite3* db, RuntimeContext* rc);  // system_relation_vtab.cpp
void register_catalog_functions(sqlite3* db, RuntimeContext* rc);  // catalog_functions.cpp
// Array collation pg_array_<elem> and array_agg functions for one element type.
void register_array_element_functions(sqlite3* db, RuntimeContext* rc, Oid elem);
// Per-type objects of user-defined types not registered on this connection yet.
class UserTypes;
void register_user_type_objects(sqlite3* db, RuntimeContext* rc, const UserTypes& types);

// timestamp + interval with PostgreSQL's month/day/time steps (datetime_functions.cpp);
// 22008 "timestamp out of range".
struct Interval;
int64_t timestamp_add_interval(int64_t ts, const Interval& iv);
// timestamptz + interval: months and days step in the session's TimeZone (across DST).
int64_t timestamptz_add_interval(int64_t ts, const Interval& iv);
// to_json of one stored value of `type` (json_functions.cpp), appended to out.
struct Datum;
void value_to_json(Oid type, const Datum& d, std::string& out);

// PostgreSQL's quote_identifier (text_functions.cpp): quoted unless a plain lower-case
// identifier that is not a reserved keyword.
std::string pg_quote_identifier(std::string_view s);

void register_privilege_functions(sqlite3* db, RuntimeContext* rc);  // privilege_functions.cpp
// 42501 unless the current role may use the sequence with one of `any_of` (privileges.h bits).
void check_sequence_privilege(RuntimeContext* rc, int64_t seq_oid, uint32_t any_of);

inline void register_all_functions(sqlite3* db, RuntimeContext* rc) {
  register_int_functions(db, rc);
  register_float_functions(db, rc);
  register_math_functions(db, rc);
  register_numeric_functions(db, rc);
  register_text_functions(db, rc);
  register_io_functions(db, rc);
  register_aggregate_functions(db, rc);
  register_ordered_set_aggregates(db, rc);
  register_minmax_functions(db, rc);
  register_check_functions(db, rc);
  register_exclusion_functions(db, rc);
  register_partition_functions(db, rc);
  register_dml_functions(db, rc);
  register_view_check_function(db, rc);
  register_datetime_functions(db, rc);
  register_time_functions(db, rc);
  register_array_functions(db, rc);
  register_table_functions(db, rc);
  register_json_functions(db, rc);
  register_regex_functions(db, rc);
  register_formatting_functions(db, rc);
  register_sql_functions(db, rc);
  register_user_type_functions(db, rc);
  register_system_relations(db, rc);
  register_catalog_functions(db, rc);
  register_privilege_functions(db, rc);
}

}  // namespace pgmicro
