// The pgmicro shell: `pgmicro [options] [FILE]` — a psql-like front end on an in-process
// pgmicro database (FILE, default :memory:). Reads statements interactively (libedit line
// editing and history) or from stdin / -f, splits them as psql does, runs each one and
// prints results and errors exactly as psql 15 does, so `pgmicro -X -a -q < x.sql`
// reproduces `psql -X -a -q < x.sql` byte for byte.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "describe.h"
#include "format/psql_format.h"
#include "pgmicro/pgmicro.h"
#include "psql_scan.h"

#ifdef PGMICRO_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

namespace pgmicro::shell {
namespace {

struct Options {
  bool echo_all = false;   // -a
  bool quiet = false;      // -q
  std::string file;        // -f FILE
  std::vector<std::string> commands;  // -c CMD
  std::string database = ":memory:";
  bool list_statements = false;  // --list-statements: print the split input, run nothing
};

void usage(FILE* to) {
  std::fputs(
      "pgmicro is PostgreSQL's SQL dialect running in-process on SQLite.\n\n"
      "Usage:\n  pgmicro [OPTION]... [FILE]\n\n"
      "FILE is the database file (default :memory:, a fresh in-memory database).\n\n"
      "Options:\n"
      "  -a, --echo-all           echo all input from script\n"
      "  -c, --command=COMMAND    run only single command (SQL or internal) and exit\n"
      "  -f, --file=FILENAME      execute commands from file, then exit\n"
      "  -q, --quiet              run quietly (no messages, only query output)\n"
      "  -X, --no-psqlrc          accepted for psql compatibility (there is no startup file)\n"
      "      --list-statements    print the statements and meta-commands of the input as\n"
      "                           psql would split them (each followed by a NUL byte); run nothing\n"
      "  -V, --version            output version information, then exit\n"
      "  -?, --help               show this help, then exit\n",
      to);
}

class Shell {
 public:
  Shell(Options opt, std::unique_ptr<Session> session)
      : opt_(std::move(opt)), session_(std::move(session)) {
    print_.quiet = opt_.quiet;
  }

  // Runs the input of `in`; returns the exit code.
  int run_stream(std::istream& in, bool interactive);
  int run_command_string(const std::string& cmd);

 private:
  void out(const std::string& s) {
    if (s.empty()) return;
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fflush(stdout);
  }
  void err(const std::string& s) {
    if (s.empty()) return;
    std::fflush(stdout);
    std::string text = s;
    if (!opt_.file.empty() && !interactive_)
      text = "pgmicro:" + opt_.file + ":" + std::to_string(lineno_) + ": " + text;
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
  }
  void run_sql(const std::string& sql);
  // Returns false when the shell should quit.
  bool run_meta(const std::string& text);
  std::string prompt() const;
  bool read_line(std::istream& in, bool interactive, std::string& line);

  Options opt_;
  std::unique_ptr<Session> session_;
  PsqlScanner scanner_;
  format::PrintOptions print_;
  bool timing_ = false;
  bool verbose_errors_ = false;  // \set VERBOSITY verbose
  bool interactive_ = false;
  long lineno_ = 0;
  bool had_error_ = false;
};

std::string Shell::prompt() const {
  std::string p = "pgmicro";
  p += scanner_.prompt_char();
  switch (session_->transaction_status()) {
    case TransactionStatus::InBlock: p += '*'; break;
    case TransactionStatus::Failed: p += '!'; break;
    default: break;
  }
  return p + "> ";
}

void Shell::run_sql(const std::string& sql) {
  auto start = std::chrono::steady_clock::now();
  std::vector<StatementResult> results;
  try {
    results = session_->execute(sql);
  } catch (const std::exception& e) {
    err(std::string("ERROR:  internal error: ") + e.what() + "\n");
    had_error_ = true;
    return;
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  for (const auto& r : results) {
    for (const auto& n : r.notices) err(format::format_notice(n, verbose_errors_));
    if (r.error) {
      err(format::format_error(*r.error, sql, verbose_errors_));
      had_error_ = true;
    } else {
      out(format::format_result(r, print_));
    }
  }
  if (timing_) {
    char buf[96];
    if (ms < 1000.0) {
      std::snprintf(buf, sizeof buf, "Time: %.3f ms\n", ms);
    } else {
      double secs = ms / 1000.0;
      int mins = static_cast<int>(secs / 60);
      std::snprintf(buf, sizeof buf, "Time: %.3f ms (%02d:%06.3f)\n", ms, mins, secs - mins * 60);
    }
    out(buf);
  }
}

bool Shell::run_meta(const std::string& text) {
  // "\cmd args": the command word runs to the first space.
  size_t sp = text.find_first_of(" \t");
  std::string cmd = text.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
  std::string args = sp == std::string::npos ? "" : text.substr(sp);
  std::vector<std::string> argv;
  {
    size_t i = 0;
    while (i < args.size()) {
      while (i < args.size() && (args[i] == ' ' || args[i] == '\t')) i++;
      if (i >= args.size()) break;
      std::string a;
      bool quoted = false;
      while (i < args.size() && (quoted || (args[i] != ' ' && args[i] != '\t'))) {
        if (args[i] == '"') quoted = !quoted;
        a += args[i++];
      }
      argv.push_back(a);
    }
  }
  auto on_off = [&](bool& flag, const char* what) {
    if (argv.empty())
      flag = !flag;
    else if (argv[0] == "on" || argv[0] == "true" || argv[0] == "1")
      flag = true;
    else if (argv[0] == "off" || argv[0] == "false" || argv[0] == "0")
      flag = false;
    else {
      err("unrecognized value \"" + argv[0] + "\" for \"\\" + cmd + "\": Boolean expected\n");
      return;
    }
    if (!opt_.quiet) out(std::string(what) + (flag ? " is on.\n" : " is off.\n"));
  };
  if (cmd == "q" || cmd == "quit") return false;
  if (cmd == "?") {
    out("General\n"
        "  \\q                     quit pgmicro\n"
        "  \\?                     show this help\n\n"
        "Query Buffer\n"
        "  \\g                     execute the query buffer\n\n"
        "Informational\n"
        "  \\d                     list tables and sequences\n"
        "  \\d      NAME           describe table or sequence\n"
        "  \\dt     [PATTERN]      list tables\n\n"
        "Formatting\n"
        "  \\x [on|off]            toggle expanded output\n"
        "  \\timing [on|off]       toggle timing of commands\n\n");
  } else if (cmd == "echo") {
    std::string line;
    for (size_t k = 0; k < argv.size(); k++) {
      std::string a = argv[k];
      if (a.size() >= 2 && a.front() == '\'' && a.back() == '\'') a = a.substr(1, a.size() - 2);
      line += (k ? " " : "") + a;
    }
    out(line + "\n");
  } else if (cmd == "set") {
    // Only VERBOSITY has an effect; other variables are accepted and ignored.
    if (argv.size() >= 2 && argv[0] == "VERBOSITY") verbose_errors_ = argv[1] == "verbose";
  } else if (cmd == "timing") {
    on_off(timing_, "Timing");
  } else if (cmd == "x") {
    on_off(print_.expanded, "Expanded display");
  } else if (cmd == "dt" || cmd == "dt+") {
    DescribeOutput d = list_relations(*session_, argv.empty() ? "" : argv[0], true, opt_.quiet);
    out(d.out);
    err(d.err);
  } else if (cmd == "d" || cmd == "d+") {
    DescribeOutput d = argv.empty() ? list_relations(*session_, "", false, opt_.quiet)
                                    : describe_relation(*session_, argv[0], opt_.quiet);
    out(d.out);
    err(d.err);
  } else if (cmd == "g") {
    if (!scanner_.pending().empty()) {
      std::string q = scanner_.pending();
      scanner_.reset_pending();
      run_sql(q);
    }
  } else {
    err("invalid command \\" + cmd + "\nTry \\? for help.\n");
    had_error_ = true;
  }
  return true;
}

bool Shell::read_line(std::istream& in, bool interactive, std::string& line) {
#ifdef PGMICRO_HAVE_LIBEDIT
  if (interactive) {
    char* l = readline(prompt().c_str());
    if (!l) return false;
    line = l;
    std::free(l);
    if (!line.empty()) add_history(line.c_str());
    return true;
  }
#else
  if (interactive) {
    std::fputs(prompt().c_str(), stdout);
    std::fflush(stdout);
  }
#endif
  if (!std::getline(in, line)) return false;
  return true;
}

// --list-statements: the input split as psql splits it, each item followed by '\0'.
int list_statements(std::istream& in) {
  PsqlScanner scanner;
  std::string line;
  while (std::getline(in, line))
    for (const ScanEvent& ev : scanner.scan_line(line)) {
      std::fwrite(ev.text.data(), 1, ev.text.size(), stdout);
      std::fputc('\0', stdout);
    }
  if (!scanner.pending().empty()) {
    std::fwrite(scanner.pending().data(), 1, scanner.pending().size(), stdout);
    std::fputc('\0', stdout);
  }
  return 0;
}

int Shell::run_stream(std::istream& in, bool interactive) {
  interactive_ = interactive;
  std::string line;
  while (read_line(in, interactive, line)) {
    lineno_++;
    if (opt_.echo_all && !interactive) {
      out(line + "\n");
    }
    for (const ScanEvent& ev : scanner_.scan_line(line)) {
      if (ev.kind == ScanEvent::Statement) {
        run_sql(ev.text);
      } else if (!run_meta(ev.text)) {
        return 0;
      }
    }
  }
  if (interactive) {
    out("\\q\n");
    return 0;
  }
  // psql sends a statement left without a semicolon at the end of a script.
  if (!scanner_.pending().empty()) {
    std::string q = scanner_.pending();
    scanner_.reset_pending();
    run_sql(q);
  }
  return 0;
}

int Shell::run_command_string(const std::string& cmd) {
  if (!cmd.empty() && cmd[0] == '\\') {
    run_meta(cmd);
  } else {
    run_sql(cmd);  // psql -c sends the whole string as one query
  }
  return had_error_ ? 1 : 0;
}

}  // namespace
}  // namespace pgmicro::shell

int main(int argc, char** argv) {
  using namespace pgmicro::shell;
  Options opt;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto value = [&](const std::string& longname, std::string& dst) -> bool {
      if (a.rfind(longname + "=", 0) == 0) {
        dst = a.substr(longname.size() + 1);
        return true;
      }
      return false;
    };
    std::string v;
    if (a == "--echo-all") opt.echo_all = true;
    else if (a == "--quiet") opt.quiet = true;
    else if (a == "--no-psqlrc") {}
    else if (a == "--list-statements") opt.list_statements = true;
    else if (a == "--help" || a == "-?") { usage(stdout); return 0; }
    else if (a == "--version" || a == "-V") { std::puts("pgmicro (PostgreSQL 15 dialect)"); return 0; }
    else if (value("--file", v)) opt.file = v;
    else if (value("--command", v)) opt.commands.push_back(v);
    else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (size_t k = 1; k < a.size(); k++) {
        char c = a[k];
        if (c == 'a') opt.echo_all = true;
        else if (c == 'q') opt.quiet = true;
        else if (c == 'X') {}
        else if (c == 'f' || c == 'c') {
          std::string val;
          if (k + 1 < a.size()) val = a.substr(k + 1);
          else if (i + 1 < argc) val = argv[++i];
          else { std::fprintf(stderr, "pgmicro: error: option -%c requires an argument\n", c); return 1; }
          if (c == 'f') opt.file = val; else opt.commands.push_back(val);
          break;
        } else {
          std::fprintf(stderr, "pgmicro: error: invalid option -- '%c'\n"
                               "Try \"pgmicro --help\" for more information.\n", c);
          return 1;
        }
      }
    } else if (a == "--") {
      for (i++; i < argc; i++) positional.push_back(argv[i]);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      std::fprintf(stderr, "pgmicro: error: unrecognized option \"%s\"\n"
                           "Try \"pgmicro --help\" for more information.\n", a.c_str());
      return 1;
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() > 1) {
    std::fprintf(stderr, "pgmicro: error: too many arguments\n");
    return 1;
  }
  if (!positional.empty()) opt.database = positional[0];
  if (opt.list_statements) {
    if (opt.file.empty()) return list_statements(std::cin);
    std::ifstream f(opt.file);
    return f ? list_statements(f) : 1;
  }

  std::shared_ptr<pgmicro::Database> db;
  try {
    db = pgmicro::Database::open(opt.database);
  } catch (const pgmicro::DatabaseOpenError& e) {
    std::fprintf(stderr, "pgmicro: error: could not open database \"%s\": %s\n",
                 opt.database.c_str(), e.error.message.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pgmicro: error: could not open database \"%s\": %s\n",
                 opt.database.c_str(), e.what());
    return 2;
  }
  Shell shell(opt, db->connect());

  if (!opt.commands.empty()) {
    int rc = 0;
    for (const auto& c : opt.commands) rc |= shell.run_command_string(c);
    return rc;
  }
  if (!opt.file.empty()) {
    std::ifstream f(opt.file);
    if (!f) {
      std::fprintf(stderr, "pgmicro: error: %s: %s\n", opt.file.c_str(), std::strerror(errno));
      return 1;
    }
    return shell.run_stream(f, false);
  }
  bool interactive = isatty(0) && isatty(1);
#ifdef PGMICRO_HAVE_LIBEDIT
  std::string history;
  if (interactive) {
    if (const char* home = std::getenv("HOME")) {
      history = std::string(home) + "/.pgmicro_history";
      using_history();
      read_history(history.c_str());
    }
    std::printf("pgmicro (PostgreSQL 15 dialect on SQLite), database %s\n"
                "Type \"\\?\" for help, \"\\q\" to quit.\n\n", opt.database.c_str());
  }
  int rc = shell.run_stream(std::cin, interactive);
  if (interactive && !history.empty()) {
    stifle_history(1000);
    write_history(history.c_str());
  }
  return rc;
#else
  if (interactive)
    std::printf("pgmicro (PostgreSQL 15 dialect on SQLite), database %s\n"
                "Type \"\\?\" for help, \"\\q\" to quit.\n\n", opt.database.c_str());
  return shell.run_stream(std::cin, interactive);
#endif
}
