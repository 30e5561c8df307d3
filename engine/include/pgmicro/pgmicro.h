// pgmicro public C++ API: open a database, open sessions on it, execute PostgreSQL SQL.
// This is the one header hosts (shell, WASM binding, tests) include; everything else in
// engine/ is internal.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro {

using Oid = uint32_t;

// A PostgreSQL error as the server reports it (ErrorResponse fields).
struct Error {
  std::string sqlstate;  // five characters, e.g. "42P01"
  std::string message;
  std::string detail;    // empty when absent
  std::string hint;      // empty when absent
  int position = 0;      // 1-based character position in the statement string, 0 when absent
  std::string context;   // CONTEXT line(s) (e.g. "JSON data, line 1: ..."), empty when absent
};

// A NoticeResponse: severity "NOTICE" or "WARNING", SQLSTATE and message.
struct Notice {
  std::string severity;
  std::string sqlstate;
  std::string message;
  std::string detail;
  std::string hint;
};

struct Column {
  std::string name;
  Oid type_oid = 0;
  int32_t typmod = -1;
  // RowDescription's origin of a column taken straight from a table or view (also through
  // subqueries, WITH queries and joins): the relation's OID and the column's attribute number;
  // 0 and 0 for computed columns.
  Oid table_oid = 0;
  int16_t column_number = 0;
};

// A value in PostgreSQL's text output format; nullopt is SQL NULL.
using TextValue = std::optional<std::string>;

struct StatementResult {
  bool returns_rows = false;          // a row description exists (SELECT, ... RETURNING)
  std::vector<Column> columns;
  std::vector<std::vector<TextValue>> rows;
  std::string command_tag;            // "SELECT 3", "INSERT 0 2", "CREATE TABLE", ...
  std::optional<Error> error;         // set when the statement failed; later ones did not run
  std::vector<Notice> notices;        // NOTICE/WARNING messages raised while running
  // COPY ... FROM STDIN: the session now expects the data (CopyInResponse): send it with
  // Session::copy_send() and finish with copy_end() or copy_fail(); the COPY's own result (tag
  // "COPY n" or its error) comes from those. Statements after the COPY in the same execute()
  // call are not run (an error says so).
  bool copy_in = false;
  // COPY ... TO STDOUT: the data, one line per element with its newline (CopyData messages),
  // printed before the tag "COPY n".
  bool copy_out = false;
  std::vector<std::string> copy_data;
};

// What Parse + Describe (statement) of the extended query protocol report for one statement,
// without executing it: ParameterDescription (param_types, one per $n: the declared type or
// the one inferred from its use) and RowDescription (returns_rows, columns) or NoData.
// error: what PostgreSQL raises at Parse time (42601 syntax or several statements, 42P01,
// 42703, 42883, 42P18 "could not determine data type of parameter $n", ...).
struct StatementDescription {
  std::vector<Oid> param_types;
  bool returns_rows = false;
  std::vector<Column> columns;
  std::optional<Error> error;
};

// Host file access for COPY ... FROM/TO 'file' (server-side files, which PostgreSQL allows
// superusers). Without it such a COPY fails with 0A000; the engine itself opens no file.
// Each function returns an empty string on success, else the OS error text ("No such file
// or directory").
struct CopyFileAccess {
  std::function<std::string(const std::string& path, std::string& contents)> read;
  std::function<std::string(const std::string& path, const std::string& contents)> write;
};

enum class TransactionStatus { Idle, InBlock, Failed };  // 'I', 'T', 'E' of ReadyForQuery

// The SQL dialect a statement is written in. Sqlite: the text goes to SQLite on the session's
// connection (docs/architecture.md, "Two dialects"); Session: the session's pgmicro.dialect.
enum class Dialect { Session, Postgres, Sqlite };

class Session;

// How Database::open reaches the file.
struct OpenOptions {
  // Name of a registered SQLite VFS for a file path (empty: SQLite's default VFS). Hosts
  // without a POSIX file system register their own (vfs/, e.g. Node's fs under WASM).
  std::string vfs;
};

class Database {
 public:
  // path: ":memory:" or a file path. Throws pgmicro::Error-carrying exception DatabaseOpenError.
  static std::shared_ptr<Database> open(const std::string& path);
  static std::shared_ptr<Database> open(const std::string& path, const OpenOptions& options);
  // An in-memory database whose initial content is `image`, the bytes of a SQLite database
  // file (empty: a fresh database). Throws DatabaseOpenError when it is not a database. With
  // serialize(), how a host without a file system keeps a database in a file of its own.
  static std::shared_ptr<Database> open_image(std::string_view image);
  virtual ~Database() = default;
  virtual std::unique_ptr<Session> connect() = 0;
  virtual const std::string& path() const = 0;
  // The database's committed content as the bytes of a SQLite database file.
  virtual std::string serialize() = 0;
};

class Session {
 public:
  virtual ~Session() = default;
  // Executes one or more ';'-separated statements (simple query protocol semantics:
  // execution stops at the first error; several statements outside an explicit
  // transaction block run as one implicit transaction). $1..$n take params.
  virtual std::vector<StatementResult> execute(std::string_view sql,
                                               const std::vector<TextValue>& params = {}) = 0;
  // The same in a given dialect (Dialect::Session: the session's SET pgmicro.dialect).
  virtual std::vector<StatementResult> execute(std::string_view sql, const std::vector<TextValue>& params,
                                               Dialect dialect) = 0;
  // Parse + Describe of one statement of the PostgreSQL dialect (docs/architecture.md,
  // "Statement description"): param_types are the Parse message's declared types (0 =
  // unspecified); nothing runs and nothing changes. Utility statements describe as NoData
  // with the declared parameters, except SHOW, EXPLAIN and EXECUTE (their rows' columns).
  virtual StatementDescription describe(std::string_view sql, const std::vector<Oid>& param_types = {}) = 0;
  // execute() with the Parse message's declared parameter types (0 = unspecified, inferred as
  // execute() does): Bind's text values are read as those types and the statement is analysed
  // with them (a parameter declared int4 compared with text is 42883, as in PostgreSQL).
  virtual std::vector<StatementResult> execute_with_types(std::string_view sql, const std::vector<TextValue>& params,
                                                          const std::vector<Oid>& param_types) = 0;
  // The session's dialect (SET pgmicro.dialect = 'postgres' | 'sqlite'): Postgres or Sqlite.
  virtual Dialect dialect() const = 0;
  virtual TransactionStatus transaction_status() const = 0;
  // Cancels the statement running on this session (callable from another thread); it fails
  // with 57014 "canceling statement due to user request" and the session stays usable.
  // statement_timeout (SET statement_timeout) cancels with "... due to statement timeout".
  virtual void interrupt() = 0;
  // Installs a function polled while a statement runs (every 1000 SQLite VM steps); when it
  // returns true the statement is canceled as interrupt() cancels it. For hosts that cannot
  // call interrupt() from another thread (WASM without threads: a flag in shared memory).
  // An empty function removes it.
  virtual void set_cancel_check(std::function<bool()> check) = 0;
  // The SQLite rowid of the last row an INSERT added on this session (0 before any); the
  // seed API's `lastInsertRowid`. PostgreSQL has no equivalent; RETURNING is the portable way.
  virtual int64_t last_insert_rowid() const = 0;
  // COPY FROM STDIN data after a result with copy_in: any chunking (lines may be split across
  // calls). A row that fails stops the COPY; the rest of the data is ignored and copy_end()
  // reports the error.
  virtual void copy_send(std::string_view data) = 0;
  // End of the data: the COPY's result ("COPY n", or its error with CONTEXT "COPY t, line n").
  virtual StatementResult copy_end() = 0;
  // The client gives up (psql: \copy failing to read): error 57014 "COPY from stdin failed: ...".
  virtual StatementResult copy_fail(const std::string& message) = 0;
  // True between a copy_in result and copy_end()/copy_fail().
  virtual bool copy_in_progress() const = 0;
  // File access for COPY FROM/TO 'file' (the native shell sets one).
  virtual void set_copy_file_access(CopyFileAccess access) = 0;
};

// Thrown by Database::open.
struct DatabaseOpenError {
  Error error;
};

// Type name as format_type() prints it ("integer", "character varying(10)", ...).
std::string format_type(Oid type_oid, int32_t typmod);

}  // namespace pgmicro
