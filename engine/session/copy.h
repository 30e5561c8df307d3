// COPY's options (PostgreSQL 15's text and CSV formats) and the state of a COPY FROM STDIN
// between Session::execute() and copy_end(): the compiled INSERT its rows run through.
#pragma once
#include <optional>
#include <string>
#include <vector>
#include "pgmicro/pgmicro.h"
#include "session/session_impl.h"

namespace pgmicro {

struct CopyOptions {
  bool csv = false;
  char delim = '\t';
  std::string null_print = "\\N";
  bool header = false, header_match = false;
  char quote = '"', escape = '"';
  bool force_quote_all = false;
  std::vector<std::string> force_quote, force_not_null, force_null;  // column names
};

struct CopyInState {
  CopyOptions opt;
  std::string table;                 // PostgreSQL name, for CONTEXT lines
  std::vector<std::string> columns;  // the columns the data holds, in order
  std::vector<Oid> types;
  std::vector<int32_t> typmods;
  std::vector<bool> force_not_null, force_null;  // per data column
  CachedPlan insert;                 // INSERT INTO t (columns) VALUES ($1, ...)
  std::string pending;               // data not yet ending in a newline (or inside a CSV quote)
  int64_t line = 0;                  // lines read so far
  int64_t rows = 0;                  // rows inserted
  bool header_pending = false;
  bool ended = false;                // "\." seen: the rest is ignored
  std::optional<Error> error;        // the first failure; later data is ignored
};

}  // namespace pgmicro
