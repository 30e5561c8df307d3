// The psql front end without its I/O: takes input lines, splits them as psql does
// (psql_scan.h), runs statements on a Session and meta-commands (\q \? \d \dt \x \timing \g
// \echo \set VERBOSITY \dialect), and emits what psql 15 writes to stdout and stderr, in order, through
// a sink. The native shell (tools/shell/) and the JS CLI (js/cli.js, through wasm/binding.cpp)
// both drive it, so their output is the same byte for byte.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "format/psql_format.h"
#include "format/psql_scan.h"
#include "pgmicro/pgmicro.h"

namespace pgmicro::format {

struct FrontendOptions {
  bool echo_all = false;  // -a: echo each input line (non-interactive input)
  bool quiet = false;     // -q
  std::string file;       // -f FILE: errors are prefixed "pgmicro:FILE:LINE: " (non-interactive)
};

class PsqlFrontend {
 public:
  // sink(to_stderr, text) receives the output in order.
  using Sink = std::function<void(bool to_stderr, std::string_view text)>;
  PsqlFrontend(Session& session, FrontendOptions options, Sink sink);

  // One input line without its newline; false once \q has been read.
  bool feed_line(std::string_view line, bool interactive);
  // End of input: a statement left without a semicolon is sent (as psql does at the end of a
  // script); interactive input prints "\q".
  void finish(bool interactive);
  // psql -c: a meta-command, or the whole string sent as one query.
  void run_command_string(const std::string& command);

  // The interactive prompt: "pgmicro=> ", with psql's %R continuation character and '*'/'!'
  // inside a transaction block / a failed one.
  std::string prompt() const;
  // File access for \copy ... FROM/TO 'file' (the native shell's; none in the JS CLI): each
  // returns "" on success, else the OS error text.
  struct FileIO {
    std::function<std::string(const std::string& path, std::string& contents)> read;
    std::function<std::string(const std::string& path, const std::string& contents)> write;
  };
  void set_file_io(FileIO io) { files_ = std::move(io); }
  bool had_error() const { return had_error_; }
  // True when SQL ran since the last call (the JS CLI then saves the database file).
  bool take_ran_sql() {
    bool r = ran_sql_;
    ran_sql_ = false;
    return r;
  }

 private:
  void out(const std::string& s);
  void err(const std::string& s);
  void run_sql(const std::string& sql);
  bool run_meta(const std::string& text);  // false when the front end should quit

  Session& session_;
  FrontendOptions opt_;
  Sink sink_;
  PsqlScanner scanner_;
  PrintOptions print_;
  bool timing_ = false;
  bool verbose_errors_ = false;  // \set VERBOSITY verbose
  bool interactive_ = false;
  long lineno_ = 0;
  bool had_error_ = false;
  bool ran_sql_ = false;
  std::string sqlite_pending_;
  // COPY FROM STDIN: the lines after the statement are its data, up to "\." (as psql).
  bool copy_in_ = false;
  std::string copy_sql_;               // the statement, for error positions
  void print_result(const StatementResult& r, const std::string& sql);
  void end_copy();
  bool slash_copy(const std::string& args);  // \copy
  FileIO files_;  // SQLite dialect: statements sqlite3_complete() calls unfinished
};

}  // namespace pgmicro::format
