// The session: one SQLite connection, its catalog and runtime context, PostgreSQL's
// transaction state machine (idle / in block / failed), and statement dispatch.
#pragma once
#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>
#include "analyze/query.h"
#include "catalog/catalog.h"
#include "catalog/privileges.h"
#include "pgmicro/pgmicro.h"
#include "runtime/function_context.h"
#include "session/settings.h"

struct Node;
struct GrantStmt;
struct CreateStmt;
struct CompositeTypeStmt;
struct DropStmt;
struct DefineStmt;
struct CreateCastStmt;
struct CreateOpClassStmt;
struct TransactionStmt;
struct IndexStmt;
struct AlterTableStmt;
struct AlterTableCmd;
struct AlterSeqStmt;
struct RenameStmt;
struct PartitionCmd;
struct ViewStmt;
struct CreateSeqStmt;
struct TruncateStmt;
struct Constraint;
struct ConstraintsSetStmt;
struct PrepareStmt;
struct IntoClause;
struct ExecuteStmt;
struct DeallocateStmt;
struct CreateFunctionStmt;
struct CallStmt;
struct AlterFunctionStmt;
struct ObjectWithArgs;
struct TypeName;
struct RuleStmt;
struct CreateEnumStmt;
struct AlterEnumStmt;
struct CreateDomainStmt;
struct AlterDomainStmt;
struct List;
struct RangeVar;
struct CreateSchemaStmt;
struct AlterObjectSchemaStmt;
struct CommentStmt;
struct CreateOpClassStmt;
struct ReindexStmt;
struct DiscardStmt;
struct ExplainStmt;
struct VacuumStmt;
struct CopyStmt;
struct MergeStmt;
struct DeclareCursorStmt;
struct FetchStmt;
struct ClosePortalStmt;

namespace pgmicro {

struct RuleTarget;  // rules.cpp

class DatabaseImpl;
struct CopyInState;  // copy.cpp

// Functions that read or change the session's state (session_functions.cpp): current_setting,
// set_config, current_schema, current_schemas.
void register_session_functions(sqlite3* db, RuntimeContext* rc);

// A query or DML statement analysed and lowered once: what executing it again needs.
struct CachedPlan {
  int kind = 0;  // NodeTag: T_SelectStmt, T_InsertStmt, T_UpdateStmt, T_DeleteStmt
  std::string lowered;
  std::vector<std::string> more_lowered;  // UPDATE/DELETE of an inheritance parent: one per descendant
  std::vector<char> more_counts;          // per more_lowered: its changes count in the tag (default: not for INSERT)
  std::vector<Column> columns;
  std::vector<Oid> param_types;
  bool returns_rows = false;
  uint64_t catalog_generation = 0;
  std::vector<DmlCteStep> dml_ctes;  // data-modifying WITH queries run first (dml_cte.cpp)
  bool first_uncounted = false;      // the first statement's changes are not in the tag (staging)
  // FOR EACH STATEMENT triggers (statement_triggers.cpp): per modified table (the statement's
  // and its data-modifying WITH queries'), its events (4 INSERT, 8 DELETE, 16 UPDATE, INSERT
  // ON CONFLICT DO UPDATE both 4 and 16) and an UPDATE's SET columns.
  struct TriggerTarget {
    int64_t relid = 0;
    int events = 0;
    std::vector<std::string> update_columns;
  };
  std::vector<TriggerTarget> trigger_targets;
};

class SessionImpl : public Session {
 public:
  SessionImpl(std::shared_ptr<DatabaseImpl> db);
  ~SessionImpl() override;
  std::vector<StatementResult> execute(std::string_view sql, const std::vector<TextValue>& params) override;
  std::vector<StatementResult> execute(std::string_view sql, const std::vector<TextValue>& params,
                                       Dialect dialect) override;
  std::vector<StatementResult> execute_text(std::string_view sql, const std::vector<TextValue>& params, Dialect d);
  // Extended query protocol (describe.cpp): Parse + Describe, and execution with the Parse
  // message's declared parameter types (taken by the script's top-level statements).
  StatementDescription describe(std::string_view sql, const std::vector<Oid>& param_types) override;
  std::vector<StatementResult> execute_with_types(std::string_view sql, const std::vector<TextValue>& params,
                                                  const std::vector<Oid>& param_types) override;
  void describe_statement(Node* stmt, std::vector<Oid>& types, StatementDescription& d);
  void describe_query(Node* stmt, std::vector<Oid>& types, StatementDescription& d);
  std::vector<Oid> declared_param_types_;   // execute_with_types, until execute_postgres takes them
  std::vector<Oid> statement_param_types_;  // ... for the next top-level execute_statement
  const std::vector<Column>* cursor_columns(const std::string& name) const;  // cursor.cpp (null: none)
  int execute_depth_ = 0;
  Dialect dialect() const override;
  TransactionStatus transaction_status() const override { return status_; }
  void interrupt() override;
  void set_cancel_check(std::function<bool()> check) override { cancel_check_ = std::move(check); }
  int64_t last_insert_rowid() const override;
  // COPY (copy.cpp).
  void copy_send(std::string_view data) override;
  StatementResult copy_end() override;
  StatementResult copy_fail(const std::string& message) override;
  bool copy_in_progress() const override { return copy_in_ != nullptr; }
  void set_copy_file_access(CopyFileAccess access) override { copy_files_ = std::move(access); }

 private:
  // follow_session: a SET pgmicro.dialect = 'sqlite' in the script makes the rest of it SQLite.
  std::vector<StatementResult> execute_postgres(std::string_view sql, const std::vector<TextValue>& params,
                                                bool follow_session);
  // A script that switches dialects and does not parse whole: statement by statement
  // (sqlite_dialect.cpp), each in the dialect current when it starts.
  std::vector<StatementResult> execute_piecewise(const std::string& sql, const std::vector<TextValue>& params);
  static bool mentions_dialect_setting(const std::string& sql);
  bool in_piecewise_ = false;  // each piece of execute_piecewise is one statement: never split again
  // The SQLite dialect (sqlite_dialect.cpp). follow_session: a SET pgmicro.dialect = 'postgres'
  // in the script makes the rest of it PostgreSQL.
  std::vector<StatementResult> execute_sqlite(const std::string& sql, const std::vector<TextValue>& params,
                                              bool follow_session);
  void sync_sqlite_transaction();
  void flush_sequences_if_idle();
  // plan (optional): receives the analysed plan of a query/DML statement, for the plan cache.
  void run_plpgsql_utility(const std::string& sql);
  void execute_statement(Node* stmt, const std::vector<TextValue>& params, StatementResult& out,
                         CachedPlan* plan = nullptr);
  // Analyses and lowers a query/DML statement (false for other statements).
  bool plan_statement(Node* stmt, std::vector<Oid>& param_types, CachedPlan& plan);
  void refuse_dml_cte_snapshot_reads(const CachedPlan& plan);  // dml_cte.cpp
  // UPDATE/DELETE of an inheritance parent: the statement for each descendant (dml_inherit.cpp).
  void plan_inherited_dml(Node* stmt, const TableDef* target, std::vector<Oid>& param_types, CachedPlan& plan);
  // INSERT into a partitioned table: rows land in the (always empty) parent, then move to their partitions.
  // leaf_tail: the ON CONFLICT/RETURNING clauses of each leaf's INSERT (an upsert; its rows count).
  void plan_partition_routing(const TableDef* target, bool on_conflict, CachedPlan& plan,
                              const std::function<std::string(const TableDef&)>& leaf_tail = {});
  bool plan_partitioned_upsert(InsertQuery& q, CachedPlan& plan);  // dml_partition_conflict.cpp
  // DECLARE CURSOR / FETCH / MOVE / CLOSE (cursor.cpp); cursors end with their transaction.
  void execute_declare_cursor(DeclareCursorStmt* stmt, StatementResult& out);
  void execute_fetch(FetchStmt* stmt, StatementResult& out);
  void execute_close_cursor(ClosePortalStmt* stmt, StatementResult& out);
  void end_transaction_cursors(bool commit);
  std::map<std::string, std::shared_ptr<struct SessionCursor>> cursors_;
  void execute_utility(Node* stmt, StatementResult& out);
  // PREPARE / EXECUTE / DEALLOCATE (prepared.cpp): statements by name, re-planned when the
  // catalog changes.
  struct PreparedStatement {
    std::string text;             // the whole PREPARE statement (re-parsed after schema changes)
    std::vector<Oid> declared;    // PREPARE name (types)
    std::string query_string;     // the client's whole query string (pg_prepared_statements.statement)
    CachedPlan plan;
  };
  std::map<std::string, PreparedStatement> prepared_;
  void execute_prepare(PrepareStmt* stmt, StatementResult& out);
  // CREATE TABLE AS / SELECT INTO (ddl_create_as.cpp).
  void execute_create_table_as(Node* query, IntoClause* into, bool if_not_exists, bool materialized, StatementResult& out);
  void execute_execute(ExecuteStmt* stmt, StatementResult& out);
  CachedPlan prepared_plan_for(ExecuteStmt* stmt, std::vector<TextValue>& args);  // the plan, arguments evaluated
  void execute_deallocate(DeallocateStmt* stmt, StatementResult& out);
  void run_plan(const CachedPlan& plan, const std::vector<TextValue>& params, StatementResult& out);
  void plan_statement_triggers(Node* stmt, CachedPlan& plan);                // statement_triggers.cpp
  void fire_plan_statement_triggers(const CachedPlan& plan, bool before);   // statement_triggers.cpp
  void run_dml_ctes(const CachedPlan& plan, const std::vector<TextValue>& params);  // dml_cte.cpp
  void drop_dml_cte_tables(const CachedPlan& plan);
  void run_query(const std::string& sql, const std::vector<Oid>& param_types, const std::vector<TextValue>& params,
                 StatementResult& out, bool want_rows);
  void execute_transaction(TransactionStmt* stmt, StatementResult& out);
  void start_transaction_settings(const std::string& isolation, const std::string& read_only);  // transaction_chain.cpp
  void begin_transaction_settings(List* options);
  // read_only_transaction.cpp: SET TRANSACTION / SESSION CHARACTERISTICS, read-only checks.
  bool transaction_is_read_only() const;
  void check_read_only_utility(Node* stmt);
  void check_read_only_plan(const CachedPlan& plan);
  bool set_transaction_characteristics(VariableSetStmt* vs, StatementResult& out);
  bool xact_query_run_ = false;  // the block has run a query (PostgreSQL's FirstSnapshotSet)
  bool implicit_transaction_statement(TransactionStmt* stmt, StatementResult& out);  // transaction_chain.cpp
  void execute_create_table(CreateStmt* stmt, StatementResult& out);
  void execute_drop(DropStmt* stmt, StatementResult& out);
  void ensure_triggers();
  void drop_triggers(const std::string& table);  // "" = every table
  bool triggers_dirty_ = false;
  void execute_alter_table(AlterTableStmt* stmt, StatementResult& out);
  // Inheritance trees (ddl_inherit_alter.cpp): recursion to children, INHERIT / NO INHERIT.
  void execute_alter_table_tree(AlterTableStmt* stmt, StatementResult& out);
  void execute_rename_tree(RenameStmt* stmt, StatementResult& out);
  void alter_inherit(const TableDef& child, RangeVar* parent, bool add);
  void alter_partition(const TableDef& parent, PartitionCmd* cmd, bool attach);
  bool alter_recursing_ = false;
  void add_foreign_key(const TableDef& t, Constraint* c, std::vector<int> cols = {});  // cols: a column constraint's column
  void check_foreign_key_rows(const TableDef& t, const ConstraintDef& fk);  // 23503 for a violating row
  // ALTER TABLE constraint subcommands, no-op subcommands, table rebuilds (ddl_constraint.cpp).
  void alter_add_constraint(const TableDef& t, Constraint* c, StatementResult& out, std::vector<int> column = {});
  void alter_validate_constraint(const TableDef& t, const std::string& name);
  void alter_rename_constraint(RenameStmt* stmt, StatementResult& out);
  void drop_key_constraint(const TableDef& t, const ConstraintDef& c, bool cascade, StatementResult& out);
  void alter_table_noop(const TableDef& t, AlterTableCmd* cmd);
  void rebuild_table(const TableDef& t, const std::vector<std::string>& exprs);
  bool relation_name_taken(const std::string& schema, const std::string& name);
  std::string check_expr_sql(const TableDef& t, Node* expr, std::vector<int>* vars);
  void validate_check_rows(const TableDef& t, const std::string& name, const std::string& expr_sql);
  void create_unique_index_checked(const TableDef& t, const std::string& name, const std::vector<int>& cols, const std::string& sql);
  void alter_column_type(const TableDef& t, AlterTableCmd* cmd);  // ddl_alter_column.cpp
  bool rename_other_relation(RenameStmt* stmt);  // ddl_rename.cpp: indexes, views, sequences
  void execute_rename_relation(RenameStmt* stmt, StatementResult& out);
  void execute_alter_sequence(AlterSeqStmt* stmt, StatementResult& out);  // ddl_alter_sequence.cpp
  bool alter_sequence_persistence(AlterTableStmt* stmt, StatementResult& out);
  bool alter_index_statistics(AlterTableStmt* stmt, StatementResult& out);  // ddl_constraint.cpp
  void apply_sequence_options(const SequenceDef& s, List* options, bool for_identity);
  void alter_identity(const TableDef& t, AlterTableCmd* cmd, StatementResult& out);  // ddl_identity.cpp
  struct IndexExpr { std::string sql, pg_text, name; };  // ddl_index_expr.cpp
  IndexExpr index_expression(const TableDef& t, Node* expr, bool predicate);
  void add_exclusion_constraint(const TableDef& t, Constraint* c, const std::string& cp);  // exclusion_constraints.cpp
  void execute_rename(RenameStmt* stmt, StatementResult& out);
  void execute_view(ViewStmt* stmt, StatementResult& out);
  // rules.cpp: CREATE/DROP RULE and INSERT/UPDATE/DELETE rewritten by rules.
  void execute_create_rule(RuleStmt* stmt, StatementResult& out);
  void execute_drop_rule(DropStmt* stmt, StatementResult& out);
  bool execute_with_rules(Node* stmt, const std::vector<TextValue>& params, StatementResult& out);
  void check_rule_actions(const std::string& text, RuleTarget& t);
  std::vector<Column> rule_relation_columns(const std::string& schema, const std::string& name);
  void run_rule_sql(const std::string& sql, const std::vector<TextValue>& params, StatementResult* result);
  void convert_table_to_view(RuleStmt* stmt, RuleTarget& t, StatementResult& out);
  Node* rule_skip_ = nullptr;  // the original statement running after its rules (not rewritten again)
  int rule_depth_ = 0;
  bool execute_alter_view(AlterTableStmt* stmt, StatementResult& out);  // ddl_view.cpp (false: not a view)
  void execute_create_sequence(CreateSeqStmt* stmt, StatementResult& out);
  // LANGUAGE sql functions and procedures (ddl_function.cpp).
  void execute_create_function(CreateFunctionStmt* stmt, StatementResult& out);
  void execute_drop_function(DropStmt* stmt, StatementResult& out);
  void execute_rename_function(RenameStmt* stmt, StatementResult& out);
  void execute_call(CallStmt* stmt, StatementResult& out);
  void execute_alter_function(AlterFunctionStmt* stmt, StatementResult& out);
  void resolve_function_type(TypeName* tn, Oid& type);
  void execute_create_aggregate(DefineStmt* stmt, StatementResult& out);  // ddl_aggregate.cpp
  void execute_drop_aggregate(DropStmt* stmt, StatementResult& out);
  const ProcDef* find_routine(ObjectWithArgs* owa, char kind, bool missing_ok, StatementResult& out, const char* what);
  // User-defined types (ddl_type.cpp).
  void execute_create_enum(CreateEnumStmt* stmt, StatementResult& out);
  void execute_alter_enum(AlterEnumStmt* stmt, StatementResult& out);
  void execute_create_domain(CreateDomainStmt* stmt, StatementResult& out);
  void execute_alter_domain(AlterDomainStmt* stmt, StatementResult& out);
  void execute_rename_type(RenameStmt* stmt, StatementResult& out);
  void execute_drop_types(DropStmt* stmt, StatementResult& out);
  void execute_create_composite(CompositeTypeStmt* stmt, StatementResult& out);  // ddl_composite.cpp
  bool alter_composite_type(AlterTableStmt* stmt, StatementResult& out);  // ddl_alter_composite.cpp (false: not ALTER TYPE)
  bool rename_composite_attribute(RenameStmt* stmt, StatementResult& out);  // (false: not RENAME ATTRIBUTE)
  // Shell and base types, casts, operators (ddl_base_type.cpp).
  Oid base_type_name(TypeName* tn);
  void execute_define_type(DefineStmt* stmt, StatementResult& out);
  void execute_create_cast(CreateCastStmt* stmt, StatementResult& out);
  void execute_drop_casts(DropStmt* stmt, StatementResult& out);
  void execute_create_operator(DefineStmt* stmt, StatementResult& out);
  void execute_drop_operators(DropStmt* stmt, StatementResult& out);
  const UserType& lookup_user_type(List* names, int location);
  void check_new_type_name(const std::string& name);
  void validate_domain_columns(const UserType& d, const std::string& check_expr_sql, bool not_null);
  void prepare_user_types();  // after a catalog load
  struct TypeDependent {
    std::string object, on;        // "column a of table t" / "type d", and what it depends on
    std::string table, column;     // a column
    const UserType* type = nullptr;  // a domain
    std::string sql;                 // a function, cast or operator: the catalog rows to delete
  };
  void type_dependents(const UserType& t, const std::vector<const UserType*>& skip, std::vector<TypeDependent>& out);
  std::string current_stmt_text_;  // the statement being executed (a view's definition)
  void bump_schema();  // makes every session reload the catalog
  // Roles and privileges (ddl_role.cpp).
  Privileges privileges_;
  bool execute_privilege_statement(Node* stmt, StatementResult& out);
  void check_utility_privileges(Node* stmt);
  void check_dml_privileges(Node* stmt, const TableDef* target);
  void sync_role();
  void sync_role_after_change();
  void set_role_setting(VariableSetStmt* vs, StatementResult& out);
  void execute_grant(GrantStmt* s, StatementResult& out);
  void change_owner(AclClass cls, int64_t oid, const std::string& kind, const std::string& name, int64_t new_owner, bool recursing = false);
  std::string role_dependencies(int64_t role);
  int64_t owner_watermark();
  void record_owners(int64_t watermark);
  void begin_implicit();
  void commit_implicit();
  void rollback_implicit();
  void flush_sequences();
  Error translate_sqlite_error(int rc);
  // Runs internal SQL whose failure is a user-facing error (a trigger's PostgreSQL error).
  void exec_checked(const std::string& sql);

  std::shared_ptr<DatabaseImpl> db_;
  sqlite3* conn_ = nullptr;
  Catalog catalog_;
  RuntimeContext runtime_;
  TransactionStatus status_ = TransactionStatus::Idle;
  bool implicit_open_ = false;
  int64_t triggers_version_ = -2;
  std::vector<std::string> savepoints_;
  std::string_view current_sql_;
  Settings settings_;
  static constexpr size_t kStmtCacheSize = 64;
  std::map<std::string, sqlite3_stmt*> stmt_cache_;  // lowered SQL -> prepared statement (not in use)
  bool timeout_fired_ = false;           // the running statement passed its statement_timeout
  std::function<bool()> cancel_check_;   // set_cancel_check
  sqlite3_stmt* schema_version_stmt_ = nullptr;  // "PRAGMA schema_version", checked before each statement
  // Plan cache: single-statement query/DML scripts by (text, parameter count) -> plan, so a
  // repeated statement skips parsing, analysis and lowering. Emptied when the catalog reloads.
  static constexpr size_t kPlanCacheSize = 256;
  std::map<std::string, CachedPlan> plan_cache_;
  void execute_index(IndexStmt* stmt, StatementResult& out);
  const TableDef* ddl_table(RangeVar* rv);  // ddl_index.cpp
  // Schemas, temporary tables and comments (ddl_schema.cpp, ddl_comment.cpp).
  std::string drop_table_sql(const TableDef& t);
  bool schema_for_drop(const std::string& schema, bool missing_ok, StatementResult& out);
  void execute_create_schema(CreateSchemaStmt* stmt, StatementResult& out);
  void execute_drop_schema(DropStmt* stmt, StatementResult& out);
  void execute_rename_schema(RenameStmt* stmt, StatementResult& out);
  void execute_alter_object_schema(AlterObjectSchemaStmt* stmt, StatementResult& out);
  void execute_comment(CommentStmt* stmt, StatementResult& out);
  void execute_create_opclass(CreateOpClassStmt* stmt, StatementResult& out);  // ddl_opclass.cpp
  void execute_drop_opclass(DropStmt* stmt, StatementResult& out);
  void execute_reindex(ReindexStmt* stmt, StatementResult& out);  // reindex.cpp
  // Moves the SQLite names of a table's indexes (schema rename / SET SCHEMA).
  std::string move_indexes_sql(const TableDef& t, const std::string& new_schema);
  // ON COMMIT DELETE ROWS ('d') / DROP ('D') of this session's temporary tables, run at commit.
  std::map<int64_t, char> on_commit_;
  void run_on_commit_actions();
  // DEFERRABLE constraints (deferred_constraints.cpp): SET CONSTRAINTS, the queued checks
  // (all, or only those constraints), and the end of a transaction's SET CONSTRAINTS modes.
  void execute_set_constraints(ConstraintsSetStmt* stmt, StatementResult& out);
  void check_deferred_constraints(const std::set<int64_t>* only);
  bool deferred_checks_possible() const;
  void end_transaction_constraints();
  void alter_constraint_deferrability(const TableDef& t, Constraint* c);  // ALTER CONSTRAINT ... [NOT] DEFERRABLE
  void execute_discard(DiscardStmt* stmt, StatementResult& out);
  void execute_truncate(TruncateStmt* stmt, StatementResult& out);
  // EXPLAIN (explain.cpp). For EXPLAIN ANALYZE, run_query prepares `analyze_sql_` afresh with
  // SQLite's scan counters on and hands the finished statement to analyze_hook_.
  void execute_explain(ExplainStmt* stmt, StatementResult& out);
  std::string analyze_sql_;
  std::function<void(sqlite3_stmt*)> analyze_hook_;
  // VACUUM / ANALYZE / CHECKPOINT (vacuum.cpp).
  void execute_vacuum(VacuumStmt* stmt, StatementResult& out);
  void execute_checkpoint(StatementResult& out);
  bool multi_statement_ = false;  // the running script has several statements (an implicit block)
  void execute_copy(CopyStmt* stmt, StatementResult& out);
  void execute_merge(MergeStmt* stmt, StatementResult& out);  // merge.cpp
  void copy_rows(CopyInState& st, std::string_view data, bool at_end);
  StatementResult finish_copy(std::optional<Error> error);
  std::unique_ptr<CopyInState> copy_in_;  // COPY FROM STDIN in progress
  CopyFileAccess copy_files_;  // the script being executed (positions index into it)
};

}  // namespace pgmicro
