// psql-compatible text rendering of statement results and errors (pure formatting, no I/O).
// Reproduces psql 15's default output byte for byte: the aligned table format with border 1
// (src/fe_utils/print.c print_aligned_text), expanded mode (\x, print_aligned_vertical),
// command tags, and libpq's error layout including the LINE/caret cursor display
// (fe-protocol3.c reportErrorPosition). The shell, the SQL test runner and later hosts share it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "pgmicro/pgmicro.h"

namespace pgmicro::format {

struct PrintOptions {
  bool expanded = false;  // \x
  bool quiet = false;     // psql -q: no command tags for non-row statements
};

// True for the types psql right-aligns (int2/4/8, float4/8, numeric, oid, xid, cid, money).
bool is_right_aligned_type(Oid type_oid);

// A table as psql prints a query result: aligned (header, rule, rows, "(N rows)", empty
// line) or expanded ("-[ RECORD n ]" blocks). `aligns` holds 'l' or 'r' per column.
// `footer` replaces the default "(N rows)" footer when non-empty (aligned mode only).
struct Table {
  std::string title;                             // printed above the table when non-empty
  std::vector<std::string> headers;
  std::vector<char> aligns;
  std::vector<std::vector<std::string>> cells;   // rows of display strings (NULL → "")
  std::vector<std::string> footers;              // when empty: "(N rows)" in aligned mode
  bool default_footer = true;                    // print "(N rows)" when footers is empty
};
std::string print_table(const Table& table, bool expanded);

// What psql writes to stdout for one successful statement: the table for row-returning
// statements (followed by the command tag unless quiet, for INSERT/UPDATE/DELETE ...
// RETURNING), or the command tag alone (nothing when quiet). Empty for an error result.
std::string format_result(const StatementResult& result, const PrintOptions& options);

// What psql writes to stderr for an error: "ERROR:  message\n", the LINE/caret display when
// the error carries a position into `query` (the statement text sent), then DETAIL and HINT.
// `verbose` (psql's \set VERBOSITY verbose) puts the SQLSTATE before the message; the
// server-only fields psql would add then (LOCATION, SCHEMA NAME...) are not produced.
std::string format_error(const Error& error, std::string_view query, bool verbose = false);

// One NOTICE/WARNING as psql prints it ("NOTICE:  text\n"; verbose: "NOTICE:  00000: text\n"),
// with DETAIL and HINT lines when present.
std::string format_notice(const Notice& notice, bool verbose = false);

// The cursor display alone ("LINE n: ...\n" + caret line); empty when position is out of
// range. `position` is 1-based in characters, as in the ErrorResponse 'P' field.
std::string format_error_position(std::string_view query, int position);

// Display width of a UTF-8 string as psql computes it for alignment (widest line).
int display_width(std::string_view text);

}  // namespace pgmicro::format
