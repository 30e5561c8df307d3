// The pgmicro shell: `pgmicro [options] [FILE]` — a psql-like front end on an in-process
// pgmicro database (FILE, default :memory:). Reads statements interactively (libedit line
// editing and history) or from stdin / -f, splits them as psql does, runs each one and
// prints results and errors exactly as psql 15 does, so `pgmicro -X -a -q < x.sql`
// reproduces `psql -X -a -q < x.sql` byte for byte.
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "format/dump.h"
#include "format/psql_frontend.h"
#include "pgmicro/pgmicro.h"

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
      "Usage:\n  pgmicro [OPTION]... [FILE]\n  pgmicro dump FILE        write FILE as a PostgreSQL SQL script (schema + data) to stdout\n\n"
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

// Writes the front end's output: stdout flushed before each stderr write, as psql does.
void write_output(bool to_stderr, std::string_view text) {
  if (to_stderr) std::fflush(stdout);
  std::fwrite(text.data(), 1, text.size(), to_stderr ? stderr : stdout);
  std::fflush(to_stderr ? stderr : stdout);
}

bool read_line(const format::PsqlFrontend& frontend, std::istream& in, bool interactive, std::string& line) {
#ifdef PGMICRO_HAVE_LIBEDIT
  if (interactive) {
    char* l = readline(frontend.prompt().c_str());
    if (!l) return false;
    line = l;
    std::free(l);
    if (!line.empty()) add_history(line.c_str());
    return true;
  }
#else
  if (interactive) {
    std::fputs(frontend.prompt().c_str(), stdout);
    std::fflush(stdout);
  }
#endif
  if (!std::getline(in, line)) return false;
  return true;
}

// Whether a statement is COPY ... FROM STDIN (or \copy ... from stdin), whose data lines
// follow it in the script up to "\.".
bool copy_from_stdin(const std::string& text) {
  std::string l;
  for (char c : text) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t p = l.find_first_not_of(" \t\r\n");
  if (p == std::string::npos) return false;
  if (l.compare(p, 4, "copy") != 0 && l.compare(p, 5, "\\copy") != 0) return false;
  for (const char* w : {"from stdin", "from pstdin"}) {
    size_t f = l.find(w);
    if (f == std::string::npos) continue;
    size_t e = f + std::strlen(w);
    if (e == l.size() || !std::isalnum(static_cast<unsigned char>(l[e]))) return true;
  }
  return false;
}

// Files for COPY FROM/TO 'file' and \copy: the whole file read or written at once.
std::string read_file(const std::string& path, std::string& contents) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::strerror(errno);
  contents.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return "";
}

std::string write_file(const std::string& path, const std::string& contents) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return std::strerror(errno);
  f.write(contents.data(), (std::streamsize)contents.size());
  return f ? "" : std::strerror(errno);
}

// --list-statements: the input split as psql splits it, each item followed by '\0'; a COPY
// FROM STDIN item carries its data lines and the closing "\.". Whether data follows is only
// known when the COPY runs (it may fail first, and psql then reads on as SQL): a data block is
// assumed when a "\." line comes before the next line starting with COPY.
int list_statements(std::istream& in) {
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  auto starts_copy = [](const std::string& l) {
    size_t p = l.find_first_not_of(" \t");
    if (p == std::string::npos) return false;
    std::string w;
    for (size_t i = p; i < l.size() && i < p + 5; i++) w += static_cast<char>(std::tolower(static_cast<unsigned char>(l[i])));
    return w.rfind("copy", 0) == 0 || w.rfind("\\copy", 0) == 0;
  };
  format::PsqlScanner scanner;
  for (size_t k = 0; k < lines.size(); k++) {
    for (const format::ScanEvent& ev : scanner.scan_line(lines[k])) {
      std::string item = ev.text;
      if (copy_from_stdin(ev.text)) {
        size_t end = k + 1;
        while (end < lines.size() && lines[end] != "\\." && !starts_copy(lines[end])) end++;
        if (end < lines.size() && lines[end] == "\\.") {
          for (size_t d = k + 1; d <= end; d++) item += "\n" + lines[d];
          k = end;
        }
      }
      std::fwrite(item.data(), 1, item.size(), stdout);
      std::fputc('\0', stdout);
    }
  }
  if (!scanner.pending().empty()) {
    std::fwrite(scanner.pending().data(), 1, scanner.pending().size(), stdout);
    std::fputc('\0', stdout);
  }
  return 0;
}

// Runs the input of `in` through the front end; returns the exit code.
int run_stream(format::PsqlFrontend& frontend, std::istream& in, bool interactive) {
  std::string line;
  while (read_line(frontend, in, interactive, line)) {
    if (!frontend.feed_line(line, interactive)) return 0;
  }
  frontend.finish(interactive);
  return 0;
}

}  // namespace
}  // namespace pgmicro::shell

// `pgmicro dump FILE`: the database as a SQL script (format/dump.h) on stdout.
static int dump_command(const std::string& path) {
  std::shared_ptr<pgmicro::Database> db;
  try {
    db = pgmicro::Database::open(path);
  } catch (const pgmicro::DatabaseOpenError& e) {
    std::fprintf(stderr, "pgmicro: error: could not open database \"%s\": %s\n", path.c_str(), e.error.message.c_str());
    return 2;
  }
  auto session = db->connect();
  std::string out, err;
  bool ok = pgmicro::format::dump_database(*session, out, err);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fputs(err.c_str(), stderr);
  return ok ? 0 : 1;
}

int main(int argc, char** argv) {
  using namespace pgmicro::shell;
  if (argc >= 2 && std::strcmp(argv[1], "dump") == 0) {
    if (argc != 3) {
      std::fprintf(stderr, "pgmicro: error: usage: pgmicro dump FILE\n");
      return 1;
    }
    return dump_command(argv[2]);
  }
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
  std::unique_ptr<pgmicro::Session> session = db->connect();
  pgmicro::format::FrontendOptions fopt;
  fopt.echo_all = opt.echo_all;
  fopt.quiet = opt.quiet;
  fopt.file = opt.file;
  pgmicro::format::PsqlFrontend frontend(*session, fopt, write_output);
  // The shell may touch files: \copy, and COPY FROM/TO 'file' (PostgreSQL's superuser files).
  frontend.set_file_io({read_file, write_file});
  session->set_copy_file_access({read_file, write_file});

  if (!opt.commands.empty()) {
    for (const auto& c : opt.commands) frontend.run_command_string(c);
    return frontend.had_error() ? 1 : 0;
  }
  if (!opt.file.empty()) {
    std::ifstream f(opt.file);
    if (!f) {
      std::fprintf(stderr, "pgmicro: error: %s: %s\n", opt.file.c_str(), std::strerror(errno));
      return 1;
    }
    return run_stream(frontend, f, false);
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
  int rc = run_stream(frontend, std::cin, interactive);
  if (interactive && !history.empty()) {
    stifle_history(1000);
    write_history(history.c_str());
  }
  return rc;
#else
  if (interactive)
    std::printf("pgmicro (PostgreSQL 15 dialect on SQLite), database %s\n"
                "Type \"\\?\" for help, \"\\q\" to quit.\n\n", opt.database.c_str());
  return run_stream(frontend, std::cin, interactive);
#endif
}
