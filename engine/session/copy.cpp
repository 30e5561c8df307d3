// COPY table [(columns)] FROM STDIN / TO STDOUT, COPY (query) TO STDOUT, and FROM/TO 'file'
// through a host hook: PostgreSQL 15's options and their errors (copy.c), the text format
// (\N, backslash escapes) and CSV (quotes, escapes, FORCE_QUOTE/FORCE_NOT_NULL/FORCE_NULL,
// HEADER [MATCH]), rows inserted through one compiled INSERT (defaults, checks and triggers as
// for INSERT), errors with PostgreSQL's CONTEXT "COPY t, line n[, column c]: ...".
#include "session/copy.h"
#include <algorithm>
#include <cstring>
#include "analyze/analyzer.h"
#include "analyze/constraint_snapshot.h"
#include "common/error.h"
#include "parse/parser.h"
#include "plpgsql/plpgsql_exec.h"
#include "parse/pg_nodes.h"
#include "types/timezone.h"
#include "types/type_io.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

std::string def_string(DefElem* d) {
  Node* a = d->arg;
  if (!a) throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a parameter");
  if (IsA(a, String)) return strVal(a);
  if (IsA(a, Integer)) return std::to_string(intVal(a));
  if (IsA(a, Float)) return castNode(Float, a)->fval;
  if (IsA(a, Boolean)) return boolVal(a) ? "true" : "false";
  throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a parameter");
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> name_list(DefElem* d, bool& star) {
  std::vector<std::string> out;
  star = false;
  if (d->arg && IsA(d->arg, A_Star)) {
    star = true;
    return out;
  }
  if (d->arg && IsA(d->arg, List)) {
    for_each_node(reinterpret_cast<List*>(d->arg), [&](Node* n) { out.push_back(strVal(n)); });
    return out;
  }
  throw PgError(sqlstate::kInvalidParameterValue, "argument to option \"" + std::string(d->defname) + "\" must be a list of column names")
      .at(d->location);
}

// copy.c's ProcessCopyOptions (text and CSV).
CopyOptions parse_options(List* options, bool is_from) {
  CopyOptions o;
  bool format_seen = false, freeze_seen = false, header_seen = false, encoding_seen = false;
  std::optional<std::string> delim, null_print, quote, escape;
  bool fq_seen = false, fnn_seen = false, fn_seen = false;
  auto redundant = [](DefElem* d) { return PgError(sqlstate::kSyntaxError, "conflicting or redundant options").at(d->location); };
  for_each_node(options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string name = d->defname;
    if (name == "format") {
      if (format_seen) throw redundant(d);
      format_seen = true;
      std::string f = def_string(d);
      if (f == "text") o.csv = false;
      else if (f == "csv") o.csv = true;
      else if (f == "binary") unsupported("COPY (FORMAT binary)");
      else throw PgError(sqlstate::kInvalidParameterValue, "COPY format \"" + f + "\" not recognized").at(d->location);
    } else if (name == "freeze") {
      if (freeze_seen) throw redundant(d);
      freeze_seen = true;
      unsupported("COPY FREEZE");
    } else if (name == "delimiter") {
      if (delim) throw redundant(d);
      delim = def_string(d);
    } else if (name == "null") {
      if (null_print) throw redundant(d);
      null_print = def_string(d);
    } else if (name == "header") {
      if (header_seen) throw redundant(d);
      header_seen = true;
      if (!d->arg) {
        o.header = true;
      } else if (IsA(d->arg, Integer) && (intVal(d->arg) == 0 || intVal(d->arg) == 1)) {
        o.header = intVal(d->arg) == 1;
      } else if (IsA(d->arg, Boolean)) {
        o.header = boolVal(d->arg);
      } else {
        std::string v = lower(def_string(d));
        if (v == "true" || v == "on") o.header = true;
        else if (v == "false" || v == "off") o.header = false;
        else if (v == "match") {
          if (!is_from)
            throw PgError(sqlstate::kFeatureNotSupported, "cannot use \"" + def_string(d) + "\" with HEADER in COPY TO");
          o.header = o.header_match = true;
        } else {
          throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a Boolean value or \"match\"");
        }
      }
    } else if (name == "quote") {
      if (quote) throw redundant(d);
      quote = def_string(d);
    } else if (name == "escape") {
      if (escape) throw redundant(d);
      escape = def_string(d);
    } else if (name == "force_quote") {
      if (fq_seen) throw redundant(d);
      fq_seen = true;
      o.force_quote = name_list(d, o.force_quote_all);
    } else if (name == "force_not_null") {
      if (fnn_seen) throw redundant(d);
      fnn_seen = true;
      bool star;
      o.force_not_null = name_list(d, star);
    } else if (name == "force_null") {
      if (fn_seen) throw redundant(d);
      fn_seen = true;
      bool star;
      o.force_null = name_list(d, star);
    } else if (name == "encoding") {
      if (encoding_seen) throw redundant(d);
      encoding_seen = true;
      std::string e = lower(def_string(d));
      std::string compact;
      for (char c : e) if (c != '-' && c != '_') compact += c;
      if (compact != "utf8" && compact != "unicode" && compact != "sqlascii")
        throw PgError(sqlstate::kInvalidParameterValue, "argument to option \"encoding\" must be a valid encoding name").at(d->location);
    } else {
      throw PgError(sqlstate::kSyntaxError, "option \"" + name + "\" not recognized").at(d->location);
    }
  });
  auto fail = [](const std::string& m) { return PgError(sqlstate::kFeatureNotSupported, m); };
  auto invalid = [](const std::string& m) { return PgError(sqlstate::kInvalidParameterValue, m); };
  if (delim) {
    if (delim->size() != 1) throw fail("COPY delimiter must be a single one-byte character");
    o.delim = (*delim)[0];
  } else {
    o.delim = o.csv ? ',' : '\t';
  }
  o.null_print = null_print ? *null_print : o.csv ? "" : "\\N";
  if (o.csv) {
    o.quote = quote ? (quote->size() == 1 ? (*quote)[0] : 0) : '"';
    o.escape = escape ? (escape->size() == 1 ? (*escape)[0] : 0) : o.quote;
  }
  if (o.delim == '\r' || o.delim == '\n') throw invalid("COPY delimiter cannot be newline or carriage return");
  if (o.null_print.find_first_of("\r\n") != std::string::npos)
    throw invalid("COPY null representation cannot use newline or carriage return");
  if (!o.csv && std::strchr("\\.abcdefghijklmnopqrstuvwxyz0123456789", o.delim))
    throw invalid("COPY delimiter cannot be \"" + std::string(1, o.delim) + "\"");
  if (!o.csv && quote) throw fail("COPY quote available only in CSV mode");
  if (o.csv && quote && quote->size() != 1) throw fail("COPY quote must be a single one-byte character");
  if (o.csv && o.delim == o.quote) throw invalid("COPY delimiter and quote must be different");
  if (!o.csv && escape) throw fail("COPY escape available only in CSV mode");
  if (o.csv && escape && escape->size() != 1) throw fail("COPY escape must be a single one-byte character");
  if (!o.csv && fq_seen) throw fail("COPY force quote available only in CSV mode");
  if (fq_seen && is_from) throw fail("COPY force quote only available using COPY TO");
  if (!o.csv && fnn_seen) throw fail("COPY force not null available only in CSV mode");
  if (fnn_seen && !is_from) throw fail("COPY force not null only available using COPY FROM");
  if (!o.csv && fn_seen) throw fail("COPY force null available only in CSV mode");
  if (fn_seen && !is_from) throw fail("COPY force null only available using COPY FROM");
  if (o.null_print.find(o.delim) != std::string::npos) throw fail("COPY delimiter must not appear in the NULL specification");
  if (o.csv && o.null_print.find(o.quote) != std::string::npos)
    throw fail("CSV quote character must not appear in the NULL specification");
  return o;
}

// The text format's escaping of one value (CopyAttributeOutText).
void out_text(const std::string& v, char delim, std::string& out) {
  for (char c : v) {
    if ((unsigned char)c < 0x20) {
      const char* e = nullptr;
      switch (c) {
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        case '\v': e = "\\v"; break;
        default: break;
      }
      if (e) { out += e; continue; }
      if (c == delim) { out += '\\'; out += c; continue; }
      out += c;
    } else if (c == '\\' || c == delim) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
}

// CSV quoting of one value (CopyAttributeOutCSV).
void out_csv(const std::string& v, const CopyOptions& o, bool force, bool single_column, std::string& out) {
  bool quote = force || v == o.null_print || (single_column && v == "\\.");
  if (!quote)
    for (char c : v)
      if (c == o.delim || c == o.quote || c == '\n' || c == '\r') { quote = true; break; }
  if (!quote) {
    out += v;
    return;
  }
  out += o.quote;
  for (char c : v) {
    if (c == o.quote || c == o.escape) out += o.escape;
    out += c;
  }
  out += o.quote;
}

// PostgreSQL shortens data quoted in a CONTEXT line to 100 bytes (limit_printout_length).
std::string limit_printout(const std::string& s) {
  if (s.size() <= 100) return s;
  size_t n = 100;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  return s.substr(0, n) + "...";
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// One text-format line into fields (CopyReadAttributesText); nullopt = NULL.
std::vector<TextValue> split_text(const std::string& line, const CopyOptions& o) {
  std::vector<TextValue> fields;
  size_t i = 0;
  while (true) {
    std::string raw, val;
    bool saw_escape = false;
    while (i < line.size() && line[i] != o.delim) {
      char c = line[i++];
      raw += c;
      if (c != '\\' || i >= line.size()) {
        val += c;
        continue;
      }
      char e = line[i++];
      raw += e;
      saw_escape = true;
      switch (e) {
        case 'b': val += '\b'; break;
        case 'f': val += '\f'; break;
        case 'n': val += '\n'; break;
        case 'r': val += '\r'; break;
        case 't': val += '\t'; break;
        case 'v': val += '\v'; break;
        case 'x':
          if (i < line.size() && isxdigit((unsigned char)line[i])) {
            int v = hexval(line[i++]);
            if (i < line.size() && isxdigit((unsigned char)line[i])) v = v * 16 + hexval(line[i++]);
            val += static_cast<char>(v);
          } else {
            val += 'x';
          }
          break;
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int k = 0; k < 2 && i < line.size() && line[i] >= '0' && line[i] <= '7'; k++) v = v * 8 + (line[i++] - '0');
            val += static_cast<char>(v);
          } else {
            val += e;
          }
      }
    }
    // The NULL marker is matched against the raw (unescaped) text.
    if (raw == o.null_print && !(saw_escape && raw != o.null_print))
      fields.push_back(std::nullopt);
    else
      fields.push_back(val);
    if (i >= line.size()) break;
    i++;  // the delimiter
  }
  return fields;
}

// One CSV record into fields (CopyReadAttributesCSV); `quoted` says which were quoted.
std::vector<TextValue> split_csv(const std::string& rec, const CopyOptions& o, std::vector<bool>& quoted, bool& unterminated) {
  std::vector<TextValue> fields;
  quoted.clear();
  unterminated = false;
  size_t i = 0;
  while (true) {
    std::string val;
    bool q = false, in_quote = false;
    while (i < rec.size()) {
      char c = rec[i];
      if (in_quote) {
        if (c == o.escape && i + 1 < rec.size() && (rec[i + 1] == o.quote || rec[i + 1] == o.escape) &&
            !(o.escape == o.quote && rec[i + 1] != o.quote)) {
          val += rec[i + 1];
          i += 2;
          continue;
        }
        if (c == o.quote) {
          in_quote = false;
          i++;
          continue;
        }
        val += c;
        i++;
        continue;
      }
      if (c == o.delim) break;
      if (c == o.quote) {
        in_quote = q = true;
        i++;
        continue;
      }
      val += c;
      i++;
    }
    if (in_quote) unterminated = true;
    quoted.push_back(q);
    if (!q && val == o.null_print)
      fields.push_back(std::nullopt);
    else
      fields.push_back(val);
    if (i >= rec.size()) break;
    i++;
  }
  return fields;
}

}  // namespace

void SessionImpl::execute_copy(CopyStmt* stmt, StatementResult& out) {
  if (stmt->is_program) unsupported("COPY TO or FROM PROGRAM");
  CopyOptions opt = parse_options(stmt->options, stmt->is_from);
  bool file = stmt->filename != nullptr;
  if (file && !(stmt->is_from ? copy_files_.read : copy_files_.write)) unsupported("COPY to or from a file");
  if (stmt->whereClause) {
    if (!stmt->is_from) throw PgError(sqlstate::kSyntaxError, "WHERE clause not allowed with COPY TO");
    unsupported("COPY FROM ... WHERE");
  }

  // The relation and its columns.
  const TableDef* t = nullptr;
  std::vector<int> cols;
  if (stmt->relation) {
    RangeVar* rv = stmt->relation;
    std::string schema = rv->schemaname ? rv->schemaname : "";
    t = catalog_.find_table(schema, rv->relname);
    if (!t) {
      if (catalog_.find_view(schema, rv->relname)) {
        if (stmt->is_from)
          throw PgError("42809", "cannot copy to view \"" + std::string(rv->relname) + "\"", "",
                        "To enable copying to a view, provide an INSTEAD OF INSERT trigger.");
        throw PgError("42809", "cannot copy from view \"" + std::string(rv->relname) + "\"", "",
                      "Try the COPY (SELECT ...) TO variant.");
      }
      if (catalog_.find_sequence(schema, rv->relname))
        throw PgError("42809", std::string("cannot copy ") + (stmt->is_from ? "to" : "from") + " sequence \"" + rv->relname + "\"");
      throw PgError(sqlstate::kUndefinedTable,
                    "relation \"" + (schema.empty() ? std::string(rv->relname) : schema + "." + rv->relname) + "\" does not exist");
    }
    if (stmt->attlist) {
      for_each_node(stmt->attlist, [&](Node* n) {
        std::string c = strVal(n);
        int k = t->find_column(c);
        if (k < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + c + "\" of relation \"" + t->name + "\" does not exist");
        for (int prev : cols)
          if (prev == k) throw PgError(sqlstate::kDuplicateColumn, "column \"" + c + "\" specified more than once");
        if (t->columns[k].generated)  // PostgreSQL 15: in either direction
          throw PgError("42P10", "column \"" + c + "\" is a generated column", "Generated columns cannot be used in COPY.");
        cols.push_back(k);
      });
    } else {
      for (size_t k = 0; k < t->columns.size(); k++)
        if (!t->columns[k].generated) cols.push_back((int)k);
    }
  }
  auto column_flags = [&](const std::vector<std::string>& names, const char* what) {
    std::vector<bool> flags(cols.size(), false);
    for (auto& n : names) {
      bool found = false;
      for (size_t i = 0; i < cols.size(); i++)
        if (t->columns[cols[i]].name == n) flags[i] = found = true;
      if (!found) {
        if (t->find_column(n) >= 0)
          throw PgError(sqlstate::kInvalidColumnReference, std::string(what) + " column \"" + n + "\" not referenced by COPY");
        throw PgError(sqlstate::kUndefinedColumn, "column \"" + n + "\" of relation \"" + t->name + "\" does not exist");
      }
    }
    return flags;
  };

  if (!stmt->is_from) {
    // COPY ... TO: the rows of a query in PostgreSQL's text form, then formatted.
    CachedPlan plan;
    std::vector<Oid> no_params;
    std::unique_ptr<ParsedScript> ps;
    Node* query = stmt->query;
    std::vector<std::string> names;
    if (t) {
      std::string sql = "SELECT ";
      for (size_t i = 0; i < cols.size(); i++) {
        sql += (i ? ", " : "") + quote_ident(t->columns[cols[i]].name);
        names.push_back(t->columns[cols[i]].name);
      }
      if (cols.empty()) sql += "NULL";  // a table without columns: empty lines
      sql += " FROM " + (t->temporary() ? std::string("pg_temp") : quote_ident(t->schema)) + "." + quote_ident(t->name);
      ps = std::make_unique<ParsedScript>(sql);
      query = ps->statements().at(0).raw->stmt;
    } else if (!IsA(query, SelectStmt)) {
      unsupported("COPY of an INSERT, UPDATE or DELETE with RETURNING");
    }
    for (Node* s = query; s && IsA(s, SelectStmt); s = reinterpret_cast<Node*>(reinterpret_cast<SelectStmt*>(s)->larg))
      if (reinterpret_cast<SelectStmt*>(s)->intoClause)
        throw PgError(sqlstate::kFeatureNotSupported, "COPY (SELECT INTO) is not supported");
    if (!plan_statement(query, no_params, plan)) unsupported("COPY of this query");
    if (!t)
      for (auto& c : plan.columns) names.push_back(c.name);
    StatementResult rows;
    run_plan(plan, {}, rows);
    std::vector<bool> fq = t ? column_flags(opt.force_quote, "FORCE_QUOTE") : std::vector<bool>(names.size(), false);
    if (opt.force_quote_all) fq.assign(names.size(), true);
    if (!t && !opt.force_quote.empty()) {
      fq.assign(names.size(), false);
      for (auto& n : opt.force_quote)
        for (size_t i = 0; i < names.size(); i++)
          if (names[i] == n) fq[i] = true;
    }
    std::vector<std::string> lines;
    auto emit = [&](const std::vector<TextValue>& row, bool header) {
      std::string line;
      size_t n = t && cols.empty() ? 0 : row.size();
      for (size_t i = 0; i < n; i++) {
        if (i) line += opt.delim;
        if (!row[i]) {
          line += opt.null_print;
        } else if (opt.csv) {
          out_csv(*row[i], opt, !header && fq[i], n == 1, line);
        } else {
          out_text(*row[i], opt.delim, line);
        }
      }
      lines.push_back(line + "\n");
    };
    if (opt.header) {
      std::vector<TextValue> h(names.begin(), names.end());
      emit(h, true);
    }
    for (auto& r : rows.rows) emit(r, false);
    out.command_tag = "COPY " + std::to_string(rows.rows.size());
    if (file) {
      std::string all;
      for (auto& l : lines) all += l;
      std::string err = copy_files_.write(stmt->filename, all);
      if (!err.empty())
        throw PgError(sqlstate::kIoError, "could not open file \"" + std::string(stmt->filename) + "\" for writing: " + err);
      return;
    }
    out.copy_out = true;
    out.copy_data = std::move(lines);
    return;
  }

  // COPY ... FROM: one INSERT with a parameter per data column.
  {
    std::vector<int> defaults;  // the columns COPY leaves to their DEFAULTs
    for (int i = 0; i < (int)t->columns.size(); i++)
      if (std::find(cols.begin(), cols.end(), i) == cols.end()) defaults.push_back(i);
    refuse_constraint_snapshot_reads(catalog_, *t, defaults, "COPY FROM");
  }
  auto st = std::make_unique<CopyInState>();
  st->opt = opt;
  st->table = t->name;
  std::string sql = "INSERT INTO " + (t->temporary() ? std::string("pg_temp") : quote_ident(t->schema)) + "." +
                    quote_ident(t->name) + " (";
  std::string values;
  for (size_t i = 0; i < cols.size(); i++) {
    const ColumnDef& c = t->columns[cols[i]];
    st->columns.push_back(c.name);
    st->types.push_back(c.type);
    st->typmods.push_back(c.typmod);
    sql += (i ? ", " : "") + quote_ident(c.name);
    values += (i ? ", $" : "$") + std::to_string(i + 1);
  }
  sql += ") OVERRIDING SYSTEM VALUE VALUES (" + values + ")";
  if (cols.empty()) sql = "INSERT INTO " + sql.substr(12, sql.find(" (") - 12) + " DEFAULT VALUES";
  st->force_not_null = column_flags(opt.force_not_null, "FORCE_NOT_NULL");
  st->force_null = column_flags(opt.force_null, "FORCE_NULL");
  {
    ParsedScript ps(sql);
    std::vector<Oid> types(cols.size(), oid::kUnknown);
    for (size_t i = 0; i < cols.size(); i++) types[i] = domain_base_type(st->types[i]);
    if (!plan_statement(ps.statements().at(0).raw->stmt, types, st->insert)) unsupported("COPY FROM into this table");
  }
  st->header_pending = opt.header;
  if (file) {
    std::string data;
    std::string err = copy_files_.read(stmt->filename, data);
    if (!err.empty())
      throw PgError(sqlstate::kIoError, "could not open file \"" + std::string(stmt->filename) + "\" for reading: " + err, "",
                    "COPY FROM instructs the PostgreSQL server process to read a file. You may want a client-side facility such as psql's \\copy.");
    copy_rows(*st, data, true);
    if (st->error) throw PgError(*st->error);
    out.command_tag = "COPY " + std::to_string(st->rows);
    return;
  }
  copy_in_ = std::move(st);
  out.copy_in = true;
}

// Splits `data` into records and inserts them; at_end: the last record needs no newline.
void SessionImpl::copy_rows(CopyInState& st, std::string_view data, bool at_end) {
  st.pending.append(data.data(), data.size());
  size_t start = 0;
  while (!st.error && !st.ended) {
    // The end of the next record: a newline outside CSV quotes.
    size_t end = std::string::npos;
    bool in_quote = false;
    for (size_t i = start; i < st.pending.size(); i++) {
      char c = st.pending[i];
      if (st.opt.csv) {
        if (in_quote && c == st.opt.escape && st.opt.escape != st.opt.quote && i + 1 < st.pending.size()) {
          i++;
          continue;
        }
        if (c == st.opt.quote) in_quote = !in_quote;
      }
      if (c == '\n' && !in_quote) {
        end = i;
        break;
      }
    }
    std::string rec;
    if (end == std::string::npos) {
      if (!at_end || start >= st.pending.size()) break;
      rec = st.pending.substr(start);
      start = st.pending.size();
      if (!rec.empty() && rec.back() == '\n') rec.pop_back();  // an unterminated CSV quote
    } else {
      rec = st.pending.substr(start, end - start);
      start = end + 1;
    }
    // Lines counted as PostgreSQL does: a CSV record spanning lines counts them all.
    int64_t first_line = st.line + 1;
    for (char c : rec) if (c == '\n') st.line++;
    st.line++;
    if (!rec.empty() && rec.back() == '\r') rec.pop_back();
    if (rec == "\\.") {
      st.ended = true;
      break;
    }
    auto context_line = [&]() { return "COPY " + st.table + ", line " + std::to_string(first_line); };
    auto fail = [&](Error e, const std::string& context) {
      e.context = context;
      e.position = 0;
      st.error = e;
    };
    std::vector<TextValue> fields;
    std::vector<bool> quoted;
    if (st.opt.csv) {
      bool unterminated = false;
      fields = split_csv(rec, st.opt, quoted, unterminated);
      if (unterminated) {
        fail(Error{"22P04", "unterminated CSV quoted field"}, context_line() + ": \"" + limit_printout(rec + "\n") + "\"");
        break;
      }
    } else {
      fields = split_text(rec, st.opt);
      quoted.assign(fields.size(), false);
    }
    if (st.header_pending) {
      st.header_pending = false;
      if (st.opt.header_match) {
        if (fields.size() != st.columns.size()) {
          fail(Error{"22P04", "wrong number of fields in header line: got " + std::to_string(fields.size()) + ", expected " +
                                  std::to_string(st.columns.size())},
               context_line() + ": \"" + limit_printout(rec) + "\"");
          break;
        }
        for (size_t i = 0; i < fields.size(); i++) {
          if (!fields[i]) {
            fail(Error{"22P04", "column name mismatch in header line field " + std::to_string(i + 1) +
                                    ": got null value (\"" + st.opt.null_print + "\"), expected \"" + st.columns[i] + "\""},
                 context_line() + ": \"" + limit_printout(rec) + "\"");
            break;
          }
          if (*fields[i] != st.columns[i]) {
            fail(Error{"22P04", "column name mismatch in header line field " + std::to_string(i + 1) + ": got \"" +
                                    *fields[i] + "\", expected \"" + st.columns[i] + "\""},
                 context_line() + ": \"" + limit_printout(rec) + "\"");
            break;
          }
        }
      }
      continue;
    }
    // A table without columns takes empty lines.
    if (st.columns.empty() && fields.size() == 1 && fields[0] && fields[0]->empty()) fields.clear();
    if (fields.size() > st.columns.size()) {
      fail(Error{"22P04", "extra data after last expected column"}, context_line() + ": \"" + limit_printout(rec) + "\"");
      break;
    }
    if (fields.size() < st.columns.size()) {
      fail(Error{"22P04", "missing data for column \"" + st.columns[fields.size()] + "\""},
           context_line() + ": \"" + limit_printout(rec) + "\"");
      break;
    }
    bool bad = false;
    for (size_t i = 0; i < fields.size() && !bad; i++) {
      if (st.opt.csv) {
        if (!fields[i] && st.force_not_null[i]) fields[i] = st.opt.null_print;
        else if (fields[i] && quoted[i] && st.force_null[i] && *fields[i] == st.opt.null_print) fields[i] = std::nullopt;
      }
      if (!fields[i]) continue;
      try {
        type_input(st.types[i], st.typmods[i], *fields[i]);
      } catch (PgError& e) {
        fail(e.error, context_line() + ", column " + st.columns[i] + ": \"" + limit_printout(*fields[i]) + "\"");
        bad = true;
      }
    }
    if (bad) break;
    try {
      StatementResult r;
      run_plan(st.insert, fields, r);
      st.rows++;
    } catch (PgError& e) {
      // A unique violation is found when the row is stored, after the line was let go.
      fail(e.error, e.error.sqlstate == sqlstate::kUniqueViolation ? context_line()
                                                                    : context_line() + ": \"" + limit_printout(rec) + "\"");
      break;
    }
  }
  st.pending.erase(0, std::min(start, st.pending.size()));
  if (st.error || st.ended) st.pending.clear();
}

void SessionImpl::copy_send(std::string_view data) {
  if (!copy_in_) return;
  UserTypesScope user_types_scope(&catalog_.user_types());
  set_session_timezone(find_timezone(settings_.get("timezone")));
  try {
    copy_rows(*copy_in_, data, false);
  } catch (PgError& e) {
    if (!copy_in_->error) copy_in_->error = e.error;
  } catch (std::bad_alloc&) {
    if (!copy_in_->error) copy_in_->error = Error{"53200", "out of memory"};
  }
}

StatementResult SessionImpl::finish_copy(std::optional<Error> error) {
  StatementResult r;
  r.notices.swap(runtime_.notices);  // RAISE of the rows' triggers
  std::unique_ptr<CopyInState> st = std::move(copy_in_);
  if (!error) error = st->error;
  if (error) {
    r.error = error;
    if (implicit_open_) rollback_implicit();
    if (status_ == TransactionStatus::InBlock) status_ = TransactionStatus::Failed;
    return r;
  }
  r.command_tag = "COPY " + std::to_string(st->rows);
  if (implicit_open_ && status_ == TransactionStatus::Idle) {
    try {
      commit_implicit();
    } catch (PgError& e) {
      r.error = e.error;
      r.command_tag.clear();
    }
  }
  return r;
}

StatementResult SessionImpl::copy_end() {
  if (!copy_in_) {
    StatementResult r;
    r.error = Error{"08P01", "unexpected message type 0x63 during COPY from stdin"};
    return r;
  }
  UserTypesScope user_types_scope(&catalog_.user_types());
  set_session_timezone(find_timezone(settings_.get("timezone")));
  try {
    copy_rows(*copy_in_, "", true);
    plpgsql::fire_after_row_queue(&runtime_, 0);  // AFTER row triggers of the copied rows
  } catch (PgError& e) {
    if (!copy_in_->error) copy_in_->error = e.error;
  }
  return finish_copy(std::nullopt);
}

StatementResult SessionImpl::copy_fail(const std::string& message) {
  if (!copy_in_) {
    StatementResult r;
    r.error = Error{"08P01", "unexpected message type 0x66 during COPY from stdin"};
    return r;
  }
  return finish_copy(Error{"57014", "COPY from stdin failed: " + message});
}

}  // namespace pgmicro
