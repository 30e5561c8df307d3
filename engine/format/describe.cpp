// \dt and \d over the engine's _pgmicro_* catalog tables (docs/storage-format.md), laid out
// as psql 15's describe.c lays out its pg_catalog queries.
#include "analyze/collation.h"
#include "format/describe.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "format/psql_format.h"

namespace pgmicro::format {
namespace {

struct Relation {
  std::string oid, schema, name, kind;  // kind: "r" table, "S" sequence
};

// Runs one catalog query; on error appends psql's error text to `err` and returns nullopt.
std::optional<StatementResult> query(Session& session, const std::string& sql,
                                     const std::vector<TextValue>& params, std::string& err) {
  std::vector<StatementResult> rs = session.execute(sql, params, Dialect::Postgres);
  if (rs.empty()) return std::nullopt;
  if (rs.back().error) {
    // As psql: the error of its internal query, without a cursor into that query.
    Error e = *rs.back().error;
    e.position = 0;
    err += format::format_error(e, sql);
    return std::nullopt;
  }
  return rs.back();
}

std::string str(const TextValue& v) { return v ? *v : std::string(); }

// format_type, also for user-defined types (enums, domains and their array types), which
// only the session's catalog knows: their names are read from _pgmicro_type.
std::string type_name(Session& session, Oid type, int32_t typmod) {
  std::string s = format_type(type, typmod);
  if (type < 16384 || s != "???") return s;
  std::string err, oid = std::to_string(type);
  auto r = query(session, "SELECT typname, oid = " + oid + " FROM _pgmicro_type WHERE oid = " + oid + " OR typarray = " + oid,
                 {}, err);
  if (r && !r->rows.empty()) return str(r->rows[0][0]) + (str(r->rows[0][1]) == "t" ? "" : "[]");
  return s;
}

// psql pattern → (schema glob, name glob): unquoted parts are folded to lower case,
// '*' matches any sequence, '?' one character, a '.' outside quotes separates the schema.
struct Pattern {
  std::string schema, name;
  bool has_schema = false;
};

Pattern parse_pattern(const std::string& p) {
  Pattern out;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < p.size(); i++) {
    char c = p[i];
    if (c == '"') {
      if (quoted && i + 1 < p.size() && p[i + 1] == '"') {
        cur += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      out.schema = cur;
      out.has_schema = true;
      cur.clear();
    } else {
      cur += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  out.name = cur;
  return out;
}

bool glob_match(const std::string& g, size_t gi, const std::string& s, size_t si) {
  while (gi < g.size()) {
    if (g[gi] == '*') {
      for (size_t k = si; k <= s.size(); k++)
        if (glob_match(g, gi + 1, s, k)) return true;
      return false;
    }
    if (si >= s.size()) return false;
    if (g[gi] != '?' && g[gi] != s[si]) return false;
    gi++;
    si++;
  }
  return si == s.size();
}

bool matches(const Pattern& p, const Relation& r) {
  if (p.has_schema && !glob_match(p.schema, 0, r.schema, 0)) return false;
  return glob_match(p.name, 0, r.name, 0);
}

std::optional<std::vector<Relation>> relations(Session& session, std::string& err) {
  std::string query_err;
  auto r = query(session,
                 "SELECT oid, nspname, relname, relkind FROM _pgmicro_class "
                 "ORDER BY nspname, relname",
                 {}, query_err);
  if (!r) {
    // The catalog tables come with the first CREATE: a database without them has plain SQLite
    // tables at most.
    if (query_err.find("relation \"_pgmicro_class\" does not exist") == std::string::npos) {
      err += query_err;
      return std::nullopt;
    }
    r = StatementResult{};
  }
  std::vector<Relation> out;
  for (const auto& row : r->rows)
    out.push_back({str(row[0]), str(row[1]), str(row[2]), str(row[3])});
  // SQLite tables outside the PostgreSQL catalog (a plain SQLite file, the SQLite dialect's
  // CREATE TABLE) are tables of schema public too; their oid stays empty.
  auto plain = session.execute(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
      "AND name NOT LIKE '\\_pgmicro\\_%' ESCAPE '\\'",
      {}, Dialect::Sqlite);
  if (!plain.empty() && !plain.back().error)
    for (const auto& row : plain.back().rows) {
      bool known = false;
      for (const auto& rel : out) known |= rel.name == str(row[0]);
      if (!known) out.push_back({"", "public", str(row[0]), "r"});
    }
  // psql sorts by schema and name in the C collation (byte order).
  std::stable_sort(out.begin(), out.end(), [](const Relation& a, const Relation& b) {
    return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
  });
  return out;
}

// An identifier as pg_get_indexdef prints it: quoted unless a plain lower-case name.
std::string quote_ident(const std::string& s) {
  bool plain = !s.empty() && (std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_'))
      plain = false;
  if (plain) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// A table outside the PostgreSQL catalog: its columns as the PostgreSQL dialect types them,
// nullability and defaults (SQLite expressions) from SQLite's table_info.
std::string describe_plain_table(Session& session, const Relation& rel, std::string& err) {
  auto shape = query(session, "SELECT * FROM " + quote_ident(rel.name) + " LIMIT 0", {}, err);
  if (!shape) return {};
  auto info = session.execute("SELECT \"notnull\", dflt_value FROM pragma_table_info(?1)", {rel.name}, Dialect::Sqlite);
  format::Table t;
  t.title = "Table \"" + rel.schema + "." + rel.name + "\"";
  t.headers = {"Column", "Type", "Collation", "Nullable", "Default"};
  t.aligns = {'l', 'l', 'l', 'l', 'l'};
  t.default_footer = false;
  for (size_t i = 0; i < shape->columns.size(); i++) {
    const auto& c = shape->columns[i];
    bool not_null = false;
    std::string def;
    if (!info.empty() && !info.back().error && i < info.back().rows.size()) {
      not_null = str(info.back().rows[i][0]) == "1";
      def = str(info.back().rows[i][1]);
    }
    t.cells.push_back({c.name, format_type(c.type_oid, c.typmod), "", not_null ? "not null" : "", def});
  }
  t.footers.push_back("SQLite table outside the PostgreSQL catalog");
  return format::print_table(t, false);
}

// psql's trigger sections: pg_get_triggerdef's text after "CREATE TRIGGER", grouped by
// tgenabled, in name order (the WHEN condition as written).
bool trigger_footers(Session& session, const Relation& rel, const std::vector<std::string>& names,
                     std::vector<std::string>& footers, std::string& err) {
  auto trg = query(session,
                   "SELECT tgname, tgtype, tgenabled, tgqual, tgattr, tgargs, tgfoid::regproc, tgnargs "
                   "FROM pg_catalog.pg_trigger WHERE tgrelid = " + rel.oid + " ORDER BY tgname",
                   {}, err);
  if (!trg) return false;
  std::vector<std::string> sections[4];  // O, D, A, R
  for (const auto& row : trg->rows) {
    int type = std::stoi(str(row[1]));
    std::string events;
    auto add = [&](const std::string& e) { events += (events.empty() ? "" : " OR ") + e; };
    if (type & 4) add("INSERT");
    if (type & 8) add("DELETE");
    if (type & 16) {
      std::string of;
      std::string attrs = str(row[4]);
      size_t p = 0;
      while (p < attrs.size()) {
        size_t q = attrs.find(' ', p);
        if (q == std::string::npos) q = attrs.size();
        int n = std::atoi(attrs.substr(p, q - p).c_str());
        if (n >= 1 && (size_t)n <= names.size()) of += (of.empty() ? "" : ", ") + names[(size_t)n - 1];
        p = q + 1;
      }
      add(of.empty() ? "UPDATE" : "UPDATE OF " + of);
    }
    if (type & 32) add("TRUNCATE");
    std::string hex = str(row[5]), args, cur;
    int nargs = std::atoi(str(row[7]).c_str());
    for (size_t i = 2; i + 1 < hex.size() && nargs > 0; i += 2) {
      char c = (char)std::stoi(hex.substr(i, 2), nullptr, 16);
      if (c) { cur += c; continue; }
      std::string lit = "'";
      for (char ch : cur) lit += ch == '\'' ? std::string("''") : std::string(1, ch);
      args += (args.empty() ? "" : ", ") + lit + "'";
      cur.clear();
    }
    std::string line = "    " + str(row[0]) + ((type & 2) ? " BEFORE " : (type & 64) ? " INSTEAD OF " : " AFTER ") + events +
                       " ON " + rel.name + ((type & 1) ? " FOR EACH ROW" : " FOR EACH STATEMENT");
    if (!str(row[3]).empty()) line += " WHEN (" + str(row[3]) + ")";
    line += " EXECUTE FUNCTION " + str(row[6]) + "(" + args + ")";
    std::string en = str(row[2]);
    sections[en == "D" ? 1 : en == "A" ? 2 : en == "R" ? 3 : 0].push_back(line);
  }
  const char* titles[] = {"Triggers:", "Disabled user triggers:", "Triggers firing always:", "Triggers firing on replica only:"};
  for (int i : {0, 1, 2, 3}) {
    if (sections[i].empty()) continue;
    footers.push_back(titles[i]);
    for (auto& l : sections[i]) footers.push_back(l);
  }
  return true;
}

std::string describe_table(Session& session, const Relation& rel, std::string& err) {
  if (rel.oid.empty()) return describe_plain_table(session, rel, err);
  auto cols = query(session,
                    "SELECT attname, atttypid, atttypmod, attnotnull, attdefault, attidentity, attgenerated, attcollation "
                    "FROM _pgmicro_attribute WHERE attrelid = " + rel.oid + " ORDER BY attnum",
                    {}, err);
  if (!cols) return {};
  auto cons = query(session,
                    "SELECT conname, contype, conkey, consrc, confkey, confupdtype, confdeltype, "
                    "(SELECT relname FROM _pgmicro_class WHERE oid = confrelid) AS confrel, "
                    "(SELECT string_agg(attname, ',' ORDER BY attnum) FROM _pgmicro_attribute WHERE attrelid = confrelid) AS confcols "
                    "FROM _pgmicro_constraint WHERE conrelid = " + rel.oid,
                    {}, err);
  if (!cons) return {};
  auto refs = query(session,
                    "SELECT k.conname, c.relname, k.conkey, k.confkey, k.confupdtype, k.confdeltype, "
                    "(SELECT string_agg(attname, ',' ORDER BY attnum) FROM _pgmicro_attribute WHERE attrelid = k.conrelid) "
                    "FROM _pgmicro_constraint k JOIN _pgmicro_class c ON c.oid = k.conrelid "
                    "WHERE k.contype = 'f' AND k.confrelid = " + rel.oid,
                    {}, err);
  if (!refs) return {};
  auto idxs = query(session,
                    "SELECT c.relname, i.indisunique, i.indkey, i.indoption, i.indexprs, i.indpred "
                    "FROM _pgmicro_index i JOIN _pgmicro_class c ON c.oid = i.indexrelid WHERE i.indrelid = " + rel.oid,
                    {}, err);
  if (!idxs) return {};
  // Partitioning and inheritance (psql's footers around the others): kind, partition of,
  // partition key, parents, number of children.
  auto part = query(session,
                    "SELECT c.relkind, (SELECT i.inhparent::pg_catalog.regclass::pg_catalog.text FROM pg_catalog.pg_inherits i "
                    "WHERE i.inhrelid = c.oid AND c.relispartition), pg_catalog.pg_get_expr(c.relpartbound, c.oid), "
                    "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, "
                    "(SELECT count(*) FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid) "
                    "FROM pg_catalog.pg_class c WHERE c.oid = " + rel.oid,
                    {}, err);
  if (!part) return {};
  auto parents = query(session,
                       "SELECT c.oid::pg_catalog.regclass::pg_catalog.text FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i "
                       "WHERE c.oid = i.inhparent AND i.inhrelid = " + rel.oid + " AND c.relkind != 'p' ORDER BY inhseqno",
                       {}, err);
  if (!parents) return {};
  bool partitioned = !part->rows.empty() && str(part->rows[0][0]) == "p";
  format::Table t;
  t.title = std::string(partitioned ? "Partitioned table" : "Table") + " \"" + rel.schema + "." + rel.name + "\"";
  if (!part->rows.empty()) {
    const auto& pr = part->rows[0];
    if (!str(pr[1]).empty()) t.footers.push_back("Partition of: " + str(pr[1]) + " " + str(pr[2]));
    if (partitioned) t.footers.push_back("Partition key: " + str(pr[3]));
  }
  t.headers = {"Column", "Type", "Collation", "Nullable", "Default"};
  t.aligns = {'l', 'l', 'l', 'l', 'l'};
  t.default_footer = false;
  std::vector<std::string> names;
  for (const auto& row : cols->rows) {
    names.push_back(str(row[0]));
    Oid type = static_cast<Oid>(std::stoul(str(row[1])));
    int32_t typmod = static_cast<int32_t>(std::stol(str(row[2])));
    std::string nn = str(row[3]);
    bool not_null = nn == "1" || nn == "t" || nn == "true";
    // psql shows an identity or generated column's kind instead of its default.
    std::string def = str(row[4]), identity = str(row[5]), generated = str(row[6]);
    if (identity == "a") def = "generated always as identity";
    else if (identity == "d") def = "generated by default as identity";
    else if (generated == "s") {
      // pg_get_expr prints the top-level expression without its parentheses.
      if (def.size() > 1 && def.front() == '(' && def.back() == ')') {
        int depth = 0;
        bool outer = true, quoted = false;
        for (size_t i = 0; i < def.size(); i++) {
          if (def[i] == '\'' || def[i] == '"') quoted = !quoted;
          if (!quoted) depth += def[i] == '(' ? 1 : def[i] == ')' ? -1 : 0;
          if (depth == 0 && i + 1 < def.size()) outer = false;
        }
        if (outer) def = def.substr(1, def.size() - 2);
      }
      def = "generated always as (" + def + ") stored";
    }
    std::string coll = row.size() > 7 ? str(row[7]) : "";
    t.cells.push_back({str(row[0]), type_name(session, type, typmod),
                       coll.empty() || coll == "0" ? "" : collation_name(static_cast<Oid>(std::stoul(coll))),
                       not_null ? "not null" : "", def});
  }
  // Column names of a comma-separated list of 1-based attnums (conkey, indkey).
  auto column_list = [&](const std::string& keys, const std::vector<std::string>& cols) {
    std::vector<std::string> out;
    size_t p = 0;
    while (p < keys.size()) {
      size_t q = keys.find(',', p);
      if (q == std::string::npos) q = keys.size();
      int attnum = std::stoi(keys.substr(p, q - p));
      out.push_back(attnum >= 1 && attnum <= static_cast<int>(cols.size()) ? quote_ident(cols[attnum - 1]) : "");
      p = q + 1;
    }
    return out;
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string r;
    for (const auto& x : v) r += (r.empty() ? "" : ", ") + x;
    return r;
  };
  // pg_get_expr's pretty form drops the outer parentheses of a stored expression.
  auto strip_parens = [](std::string e) {
    if (e.size() > 1 && e.front() == '(' && e.back() == ')') {
      int depth = 0;
      bool outer = true, quoted = false;
      for (size_t i = 0; i < e.size(); i++) {
        if (e[i] == '\'' || e[i] == '"') quoted = !quoted;
        if (!quoted) depth += e[i] == '(' ? 1 : e[i] == ')' ? -1 : 0;
        if (depth == 0 && i + 1 < e.size()) outer = false;
      }
      if (outer) e = e.substr(1, e.size() - 2);
    }
    return e;
  };
  auto split_names = [](const std::string& list) {
    std::vector<std::string> all;
    size_t p = 0;
    while (!list.empty() && p <= list.size()) {
      size_t q = list.find(',', p);
      if (q == std::string::npos) q = list.size();
      all.push_back(list.substr(p, q - p));
      p = q + 1;
    }
    return all;
  };
  // pg_get_constraintdef of a foreign key: FOREIGN KEY (cols) REFERENCES t(cols) [ON UPDATE …] [ON DELETE …]
  auto fk_def = [&](const std::string& conkey, const std::vector<std::string>& cols, const std::string& reftable,
                    const std::string& confkey, const std::vector<std::string>& refcols, const std::string& upd,
                    const std::string& del) {
    auto action = [](const std::string& a) -> std::string {
      return a == "r" ? "RESTRICT" : a == "c" ? "CASCADE" : a == "n" ? "SET NULL" : a == "d" ? "SET DEFAULT" : "";
    };
    std::string def = "FOREIGN KEY (" + join(column_list(conkey, cols)) + ") REFERENCES " + quote_ident(reftable) + "(" +
                      join(column_list(confkey, refcols)) + ")";
    if (!action(upd).empty()) def += " ON UPDATE " + action(upd);
    if (!action(del).empty()) def += " ON DELETE " + action(del);
    return def;
  };
  // Indexes: the primary key first, then by name (psql: ORDER BY indisprimary DESC, relname).
  struct Index { std::string name; bool primary; std::string def; };
  std::vector<Index> idx;
  std::vector<std::string> checks, fkeys;
  for (const auto& row : cons->rows) {
    std::string type = str(row[1]);
    if (type == "p" || type == "u") {
      idx.push_back({str(row[0]), type == "p",
                     std::string(type == "p" ? "PRIMARY KEY" : "UNIQUE CONSTRAINT") + ", btree (" + join(column_list(str(row[2]), names)) + ")"});
    } else if (type == "c") {
      checks.push_back("    \"" + str(row[0]) + "\" CHECK (" + str(row[3]) + ")");
    } else if (type == "f") {
      fkeys.push_back("    \"" + str(row[0]) + "\" " +
                      fk_def(str(row[2]), names, str(row[7]), str(row[4]), split_names(str(row[8])), str(row[5]), str(row[6])));
    }
  }
  std::vector<std::pair<std::string, std::string>> referenced_by;  // (conname, line): psql orders by conname
  for (const auto& row : refs->rows)
    referenced_by.push_back({str(row[0]), "    TABLE \"" + str(row[1]) + "\" CONSTRAINT \"" + str(row[0]) + "\" " +
                                               fk_def(str(row[2]), split_names(str(row[6])), rel.name, str(row[3]), names,
                                                      str(row[4]), str(row[5]))});
  for (const auto& row : idxs->rows) {
    std::vector<std::string> keys = column_list(str(row[2]), names);
    std::string opts = str(row[3]), exprs = str(row[4]);
    size_t e = 0;
    for (size_t k = 0; k < keys.size(); k++) {
      if (keys[k].empty()) {  // an expression key: the next line of indexprs
        size_t nl = exprs.find('\n', e);
        std::string x = exprs.substr(e, nl == std::string::npos ? std::string::npos : nl - e);
        e = nl == std::string::npos ? exprs.size() : nl + 1;
        keys[k] = x.size() > 1 && x.front() == '(' ? x : x.find('(') != std::string::npos && isalpha((unsigned char)x[0]) ? x : "(" + x + ")";
      }
      if (k < opts.size() && opts[k] == 'd') keys[k] += " DESC";
    }
    std::string def = std::string(str(row[1]) == "1" ? "UNIQUE, " : "") + "btree (" + join(keys) + ")";
    if (!str(row[5]).empty()) def += " WHERE " + strip_parens(str(row[5]));
    idx.push_back({str(row[0]), false, def});
  }
  std::sort(idx.begin(), idx.end(), [](const Index& a, const Index& b) {
    return a.primary != b.primary ? a.primary : a.name < b.name;
  });
  if (!idx.empty()) {
    t.footers.push_back("Indexes:");
    for (const auto& ix : idx) t.footers.push_back("    \"" + ix.name + "\" " + ix.def);
  }
  std::sort(checks.begin(), checks.end());
  std::sort(fkeys.begin(), fkeys.end());
  if (!checks.empty()) {
    t.footers.push_back("Check constraints:");
    for (auto& c : checks) t.footers.push_back(c);
  }
  if (!fkeys.empty()) {
    t.footers.push_back("Foreign-key constraints:");
    for (auto& f : fkeys) t.footers.push_back(f);
  }
  std::sort(referenced_by.begin(), referenced_by.end());
  if (!referenced_by.empty()) {
    t.footers.push_back("Referenced by:");
    for (auto& r : referenced_by) t.footers.push_back(r.second);
  }
  if (!trigger_footers(session, rel, names, t.footers, err)) return {};
  for (size_t i = 0; i < parents->rows.size(); i++)
    t.footers.push_back(std::string(i == 0 ? "Inherits: " : "          ") + str(parents->rows[i][0]) +
                        (i + 1 < parents->rows.size() ? "," : ""));
  if (!part->rows.empty()) {
    std::string n = str(part->rows[0][4]);
    if (partitioned)
      t.footers.push_back("Number of partitions: " + n + (n == "0" ? "" : " (Use \\d+ to list them.)"));
    else if (n != "0" && !n.empty())
      t.footers.push_back("Number of child tables: " + n + " (Use \\d+ to list them.)");
  }
  return format::print_table(t, false);
}

std::string describe_sequence(Session& session, const Relation& rel, std::string& err) {
  auto s = query(session,
                 "SELECT seqtypid, seqstart, seqmin, seqmax, seqincrement, owned_by_rel, "
                 "owned_by_att FROM _pgmicro_sequence WHERE seqrelid = " + rel.oid,
                 {}, err);
  if (!s || s->rows.empty()) return {};
  const auto& row = s->rows[0];
  format::Table t;
  t.title = "Sequence \"" + rel.schema + "." + rel.name + "\"";
  t.headers = {"Type", "Start", "Minimum", "Maximum", "Increment", "Cycles?", "Cache"};
  t.aligns = {'l', 'r', 'r', 'r', 'r', 'l', 'r'};
  t.default_footer = false;
  t.cells.push_back({format_type(static_cast<Oid>(std::stoul(str(row[0]))), -1), str(row[1]),
                     str(row[2]), str(row[3]), str(row[4]), "no", "1"});
  std::string owner_rel = str(row[5]);
  if (!owner_rel.empty() && owner_rel != "0") {
    auto owner = query(session,
                       "SELECT c.nspname, c.relname, a.attname FROM _pgmicro_class c "
                       "JOIN _pgmicro_attribute a ON a.attrelid = c.oid "
                       "WHERE c.oid = " + owner_rel + " AND a.attnum = " + str(row[6]),
                       {}, err);
    if (owner && !owner->rows.empty())
      t.footers.push_back("Owned by: " + str(owner->rows[0][0]) + "." + str(owner->rows[0][1]) +
                          "." + str(owner->rows[0][2]));
  }
  return format::print_table(t, false);
}

}  // namespace

DescribeOutput list_relations(Session& session, const std::string& pattern, bool tables_only,
                              bool quiet) {
  DescribeOutput out;
  auto rels = relations(session, out.err);
  if (!rels) return out;
  Pattern p = parse_pattern(pattern);
  format::Table t;
  t.title = "List of relations";
  t.headers = {"Schema", "Name", "Type", "Owner"};
  t.aligns = {'l', 'l', 'l', 'l'};
  for (const auto& r : *rels) {
    if (r.kind != "r" && (tables_only || r.kind != "S")) continue;
    if (!pattern.empty() && !matches(p, r)) continue;
    t.cells.push_back({r.schema, r.name, r.kind == "r" ? "table" : "sequence", "postgres"});
  }
  if (t.cells.empty() && !quiet) {
    out.err = pattern.empty() ? "Did not find any relations.\n"
                              : "Did not find any relation named \"" + pattern + "\".\n";
    return out;
  }
  out.out = format::print_table(t, false);
  return out;
}

DescribeOutput describe_relation(Session& session, const std::string& pattern, bool quiet) {
  DescribeOutput out;
  auto rels = relations(session, out.err);
  if (!rels) return out;
  Pattern p = parse_pattern(pattern);
  bool found = false;
  for (const auto& r : *rels) {
    if (!matches(p, r)) continue;
    found = true;
    if (r.kind == "r")
      out.out += describe_table(session, r, out.err);
    else if (r.kind == "S")
      out.out += describe_sequence(session, r, out.err);
  }
  if (!found && !quiet) out.err = "Did not find any relation named \"" + pattern + "\".\n";
  return out;
}

}  // namespace pgmicro::format
