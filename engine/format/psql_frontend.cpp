// The psql front end without its I/O (see psql_frontend.h); moved here from the native shell
// so that the JS CLI shares it.
#include "format/psql_frontend.h"

#include <cctype>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <exception>
#include <vector>

#include "format/describe.h"
#include "sqlite3.h"

namespace pgmicro::format {

PsqlFrontend::PsqlFrontend(Session& session, FrontendOptions options, Sink sink)
    : session_(session), opt_(std::move(options)), sink_(std::move(sink)) {
  print_.quiet = opt_.quiet;
}

void PsqlFrontend::out(const std::string& s) {
  if (!s.empty()) sink_(false, s);
}

void PsqlFrontend::err(const std::string& s) {
  if (s.empty()) return;
  if (!opt_.file.empty() && !interactive_)
    sink_(true, "pgmicro:" + opt_.file + ":" + std::to_string(lineno_) + ": " + s);
  else
    sink_(true, s);
}

std::string PsqlFrontend::prompt() const {
  if (copy_in_) return ">> ";  // psql's COPY data prompt
  std::string p = "pgmicro";
  if (session_.dialect() == Dialect::Sqlite) p += "(sqlite)";
  p += sqlite_pending_.empty() ? scanner_.prompt_char() : '-';
  switch (session_.transaction_status()) {
    case TransactionStatus::InBlock: p += '*'; break;
    case TransactionStatus::Failed: p += '!'; break;
    default: break;
  }
  return p + "> ";
}

void PsqlFrontend::run_sql(const std::string& sql) {
  auto start = std::chrono::steady_clock::now();
  ran_sql_ = true;
  std::vector<StatementResult> results;
  try {
    results = session_.execute(sql);
  } catch (const std::exception& e) {
    err(std::string("ERROR:  internal error: ") + e.what() + "\n");
    had_error_ = true;
    return;
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  // psql 15 fetches the next result before printing a successful one (to know whether it is the
  // last), so the notices of statement i+1 come before the output of statement i.
  for (size_t i = 0; i < results.size(); i++) {
    if (!results[i].error && i + 1 < results.size()) {
      for (const auto& n : results[i].notices) err(format_notice(n, verbose_errors_));
      results[i].notices.clear();
      for (const auto& n : results[i + 1].notices) err(format_notice(n, verbose_errors_));
      results[i + 1].notices.clear();
    }
    print_result(results[i], sql);
  }
  if (!results.empty() && results.back().copy_in && !results.back().error) {
    copy_in_ = true;  // the next input lines are the data
    copy_sql_ = sql;
    if (interactive_)
      out("Enter data to be copied followed by a newline.\n"
          "End with a backslash and a period on a line by itself, or an EOF signal.\n");
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

void PsqlFrontend::print_result(const StatementResult& r, const std::string& sql) {
  for (const auto& n : r.notices) err(format_notice(n, verbose_errors_));
  if (r.error) {
    err(format_error(*r.error, sql, verbose_errors_));
    had_error_ = true;
    return;
  }
  if (r.copy_in) return;
  if (r.copy_out) {
    std::string data;
    for (auto& l : r.copy_data) data += l;
    out(data);
    return;  // psql prints no "COPY n" after data it wrote to stdout
  }
  out(format_result(r, print_));
}

void PsqlFrontend::end_copy() {
  copy_in_ = false;
  StatementResult r = session_.copy_end();
  print_result(r, copy_sql_);
}

// \copy table [(columns)] | (query) FROM|TO 'file' | stdin | stdout | pstdin | pstdout [options]:
// the COPY runs FROM STDIN / TO STDOUT and the front end moves the data (psql's copy.c).
bool PsqlFrontend::slash_copy(const std::string& args) {
  // The FROM/TO keyword at the top level (outside quotes and parentheses).
  size_t i = 0, kw = std::string::npos, kwlen = 0;
  int depth = 0;
  bool from = false;
  auto word_at = [&](size_t p, const char* w) {
    size_t n = std::strlen(w);
    if (p + n > args.size()) return false;
    for (size_t k = 0; k < n; k++)
      if (std::tolower(static_cast<unsigned char>(args[p + k])) != w[k]) return false;
    bool before = p == 0 || std::isspace(static_cast<unsigned char>(args[p - 1])) || args[p - 1] == ')';
    bool after = p + n == args.size() || std::isspace(static_cast<unsigned char>(args[p + n]));
    return before && after;
  };
  for (; i < args.size(); i++) {
    char c = args[i];
    if (c == '\'' || c == '"') {
      for (i++; i < args.size() && args[i] != c; i++) {}
      continue;
    }
    if (c == '(') depth++;
    if (c == ')') depth--;
    if (depth == 0 && (word_at(i, "from") || word_at(i, "to"))) {
      from = word_at(i, "from");
      kw = i;
      kwlen = from ? 4 : 2;
      break;
    }
  }
  if (kw == std::string::npos) {
    err("\\copy: parse error at end of line\n");
    had_error_ = true;
    return true;
  }
  std::string target = args.substr(0, kw);
  size_t p = kw + kwlen;
  while (p < args.size() && std::isspace(static_cast<unsigned char>(args[p]))) p++;
  std::string file;
  if (p < args.size() && args[p] == '\'') {
    for (p++; p < args.size(); p++) {
      if (args[p] == '\'' && p + 1 < args.size() && args[p + 1] == '\'') { file += '\''; p++; continue; }
      if (args[p] == '\'') { p++; break; }
      file += args[p];
    }
  } else {
    while (p < args.size() && !std::isspace(static_cast<unsigned char>(args[p]))) file += args[p++];
  }
  std::string rest = args.substr(p);
  std::string lowered;
  for (char c : file) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool std_stream = lowered == "stdin" || lowered == "stdout" || lowered == "pstdin" || lowered == "pstdout";
  std::string sql = "COPY " + target + (from ? " FROM STDIN" : " TO STDOUT") + rest;
  if (!std_stream && !(from ? files_.read : files_.write)) {
    err("\\copy: file access is not available in this shell\n");
    had_error_ = true;
    return true;
  }
  std::string data;
  if (from && !std_stream) {
    std::string e = files_.read(file, data);
    if (!e.empty()) {
      err(file + ": " + e + "\n");
      had_error_ = true;
      return true;
    }
  }
  std::vector<StatementResult> results;
  try {
    results = session_.execute(sql);
  } catch (const std::exception& e) {
    err(std::string("ERROR:  internal error: ") + e.what() + "\n");
    had_error_ = true;
    return true;
  }
  ran_sql_ = true;
  if (results.empty()) return true;
  StatementResult& r = results.back();
  if (r.error || (!r.copy_in && !r.copy_out)) {
    print_result(r, sql);
    return true;
  }
  if (r.copy_in) {
    if (std_stream) {  // the data follows in the input, up to "\."
      copy_in_ = true;
      copy_sql_ = sql;
      return true;
    }
    session_.copy_send(data);
    print_result(session_.copy_end(), sql);
    return true;
  }
  if (std_stream) {
    print_result(r, sql);
    return true;
  }
  for (auto& l : r.copy_data) data += l;
  std::string e = files_.write(file, data);
  if (!e.empty()) {
    err(file + ": " + e + "\n");
    had_error_ = true;
    return true;
  }
  r.copy_out = false;
  print_result(r, sql);
  return true;
}

bool PsqlFrontend::run_meta(const std::string& text) {
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
  if (cmd == "copy") return slash_copy(args);
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
        "  \\dialect [postgres|sqlite]  show or set the SQL dialect of this session\n\n"
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
    DescribeOutput d = list_relations(session_, argv.empty() ? "" : argv[0], true, opt_.quiet);
    out(d.out);
    err(d.err);
  } else if (cmd == "d" || cmd == "d+") {
    DescribeOutput d = argv.empty() ? list_relations(session_, "", false, opt_.quiet)
                                    : describe_relation(session_, argv[0], opt_.quiet);
    out(d.out);
    err(d.err);
  } else if (cmd == "dialect") {
    // \dialect [postgres|sqlite]: SET pgmicro.dialect (docs/architecture.md, "Two dialects").
    if (!argv.empty()) {
      std::string value = argv[0];
      std::string q = "'";
      for (char c : value) q += c == '\'' ? std::string("''") : std::string(1, c);
      auto rs = session_.execute("SET pgmicro.dialect = " + q + "'", {}, Dialect::Postgres);
      if (!rs.empty() && rs.back().error) {
        err(format_error(*rs.back().error, "", verbose_errors_));
        had_error_ = true;
        return true;
      }
    }
    if (!opt_.quiet || argv.empty())
      out(std::string("Dialect is ") + (session_.dialect() == Dialect::Sqlite ? "sqlite" : "postgres") + ".\n");
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

bool PsqlFrontend::feed_line(std::string_view line, bool interactive) {
  interactive_ = interactive;
  lineno_++;
  if (copy_in_) {  // COPY FROM STDIN data: not echoed, not scanned
    if (line == "\\.") {
      session_.copy_send("\\.\n");  // psql sends the end marker too (inside a CSV quote it is data)
      end_copy();
    }
    else
      session_.copy_send(std::string(line) + "\n");
    return true;
  }
  // psql's MainLoop ignores an empty line outside quotes and comments (not even echoed).
  if (line.empty() && scanner_.prompt_char() != '\'' && scanner_.prompt_char() != '"' &&
      scanner_.prompt_char() != '$' && scanner_.prompt_char() != '*')
    return true;
  if (opt_.echo_all && !interactive) out(std::string(line) + "\n");
  for (const ScanEvent& ev : scanner_.scan_line(line)) {
    if (ev.kind == ScanEvent::Statement) {
      if (session_.dialect() == Dialect::Sqlite) {
        // SQLite decides where its statements end (a CREATE TRIGGER body holds ';').
        sqlite_pending_ += sqlite_pending_.empty() ? ev.text : "\n" + ev.text;
        if (!sqlite3_complete(sqlite_pending_.c_str())) continue;
        std::string q = std::move(sqlite_pending_);
        sqlite_pending_.clear();
        run_sql(q);
        continue;
      }
      run_sql(ev.text);
    } else if (!run_meta(ev.text)) {
      return false;
    }
  }
  return true;
}

void PsqlFrontend::finish(bool interactive) {
  interactive_ = interactive;
  if (copy_in_) end_copy();  // end of input ends the data, as psql does
  if (interactive) {
    out("\\q\n");
    return;
  }
  // psql sends a statement left without a semicolon at the end of a script.
  if (!scanner_.pending().empty() || !sqlite_pending_.empty()) {
    std::string q = sqlite_pending_.empty() ? scanner_.pending()
                    : scanner_.pending().empty() ? sqlite_pending_ : sqlite_pending_ + "\n" + scanner_.pending();
    sqlite_pending_.clear();
    scanner_.reset_pending();
    run_sql(q);
  }
}

void PsqlFrontend::run_command_string(const std::string& cmd) {
  if (!cmd.empty() && cmd[0] == '\\') {
    run_meta(cmd);
  } else {
    run_sql(cmd);  // psql -c sends the whole string as one query
  }
}

}  // namespace pgmicro::format
