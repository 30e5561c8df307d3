// Splits input into statements and backslash commands the way psql's lexer (psqlscan.l)
// does: a statement ends at a semicolon outside quotes, dollar quotes, comments and
// parentheses; whitespace and "--" comments before a statement are dropped; source lines
// of one statement are joined with '\n'; a backslash outside quotes starts a meta-command
// that runs to the end of the line (or to a "\\" separator).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro::format {

struct ScanEvent {
  enum Kind { Statement, MetaCommand } kind;
  std::string text;  // Statement: the query text (with its ';'); MetaCommand: "\cmd args"
};

class PsqlScanner {
 public:
  // Scans one input line (without its newline); returns the statements completed and the
  // meta-commands met on it, in order.
  std::vector<ScanEvent> scan_line(std::string_view line);
  // The pending (unterminated) statement text; psql sends it at end of input.
  const std::string& pending() const { return buf_; }
  void reset_pending() { buf_.clear(); }
  // psql's %R prompt character: '=' ready, '-' continuation, '\'' '"' '$' '*' '(' inside
  // a literal, identifier, dollar quote, comment or parenthesis.
  char prompt_char() const;

 private:
  enum State { Initial, Quote, EQuote, DQuote, Dollar, Comment };
  State state_ = Initial;
  int comment_depth_ = 0;
  int paren_depth_ = 0;
  // psql's BEGIN ATOMIC ... END tracking (psqlscan.l): in a statement starting CREATE [OR
  // REPLACE] FUNCTION/PROCEDURE, BEGIN and (inside one) CASE open a block that END closes, outside
  // parentheses; a ';' inside a block does not end the statement. identifiers_ keeps the first
  // letters of the statement's first words when they are CREATE/OR/REPLACE/FUNCTION/PROCEDURE.
  int identifier_count_ = 0;
  char identifiers_[4] = {0, 0, 0, 0};
  int begin_depth_ = 0;
  std::string dollar_tag_;
  std::string buf_;
};

}  // namespace pgmicro::format
