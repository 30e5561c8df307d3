// A database as a SQL script in PostgreSQL's dialect, as `pg_dump --inserts` writes one:
// sequences, tables (columns, defaults, identity/generated columns, PRIMARY KEY/UNIQUE/CHECK),
// one INSERT per row, sequence positions (setval), indexes, foreign keys, views. Read through
// SQL on the _pgmicro_* catalog tables (docs/storage-format.md); tables outside the PostgreSQL
// catalog (plain SQLite tables) are written with the types the PostgreSQL dialect gives them.
// The script loads into PostgreSQL 15 with psql and into a fresh pgmicro database.
#include "format/dump.h"

#include <map>
#include <set>
#include <vector>


namespace pgmicro::format {
namespace {

struct Query {
  Session& session;
  std::string& err;
  // Rows of a query (the catalog tables are read in the SQLite dialect, the data in
  // PostgreSQL's); nullopt (and err set) on an error.
  std::optional<StatementResult> run(const std::string& sql, Dialect dialect = Dialect::Sqlite) {
    std::vector<StatementResult> rs = session.execute(sql, {}, dialect);
    if (rs.empty()) return std::nullopt;
    if (rs.back().error) {
      err += "pgmicro dump: query failed: " + rs.back().error->message + "\nquery was: " + sql + "\n";
      return std::nullopt;
    }
    return rs.back();
  }
};

std::string str(const TextValue& v) { return v ? *v : std::string(); }

// An identifier as PostgreSQL reads it back: always double-quoted (no keyword list needed).
std::string ident(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string literal(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::vector<int> keys(const std::string& list) {  // "1,3" -> {1, 3}
  std::vector<int> out;
  size_t p = 0;
  while (p < list.size()) {
    size_t q = list.find(',', p);
    if (q == std::string::npos) q = list.size();
    out.push_back(std::stoi(list.substr(p, q - p)));
    p = q + 1;
  }
  return out;
}

struct DumpColumn {
  int num = 0;
  std::string name, type, def;
  bool not_null = false;
  char identity = 0, generated = 0;
};

// A relation name as the script writes it: qualified outside the public schema.
std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() || schema == "public" ? ident(name) : ident(schema) + "." + ident(name);
}

// A relation name as regclass input reads it: quoted only where needed.
std::string regclass_text(const std::string& schema, const std::string& name) {
  auto part = [](const std::string& n) {
    bool plain = !n.empty() && !(n[0] >= '0' && n[0] <= '9');
    for (char c : n) plain &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    return plain ? n : ident(n);
  };
  return schema.empty() || schema == "public" ? part(name) : part(schema) + "." + part(name);
}

struct DumpTable {
  std::string oid, name;
  bool plain = false;
  std::vector<DumpColumn> columns;
  std::string schema = "public";
  std::string ref() const { return plain ? ident(name) : qualified(schema, name); }
  // The SQLite table's name (docs/storage-format.md: "schema.name" outside public).
  std::string sqlite_name() const { return plain || schema == "public" ? name : schema + "." + name; }
  std::string column_list(const std::vector<int>& nums) const {
    std::string out;
    for (int n : nums)
      for (auto& c : columns)
        if (c.num == n) out += (out.empty() ? "" : ", ") + ident(c.name);
    return out;
  }
};

struct Sequence {
  std::string oid, name, type;
  std::string start, increment, min, max, last, called, owner_rel, owner_att;
  std::string schema = "public";
  std::string text() const { return schema == "public" ? name : schema + "." + name; }  // regclass text
};

std::string fk_action(const std::string& a) {
  if (a == "r") return "RESTRICT";
  if (a == "c") return "CASCADE";
  if (a == "n") return "SET NULL";
  if (a == "d") return "SET DEFAULT";
  return "";
}

}  // namespace

bool dump_database(Session& session, std::string& out, std::string& err) {
  Query q{session, err};
  out = "--\n-- pgmicro database dump (PostgreSQL 15 dialect)\n--\n\n"
        "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n\n";
  std::vector<DumpTable> tables;
  std::map<std::string, Sequence> sequences;  // by oid
  std::vector<std::pair<std::string, std::string>> views;
  std::string indexes_sql, fk_sql;
  std::map<std::string, std::string> table_name;  // oid -> name
  std::map<std::string, std::string> constraint_sql;  // table name -> table constraints
  // Does the file have a PostgreSQL catalog at all (a plain SQLite file has none)?
  auto has = q.run("SELECT count(*) FROM sqlite_schema WHERE name = '_pgmicro_class'");
  if (!has) return false;
  if (str(has->rows.at(0).at(0)) != "0") {
    // Objects the script cannot write yet: refused rather than left out.
    static const std::pair<const char*, const char*> kNotWritten[] = {
        {"_pgmicro_type", "user-defined types"}, {"_pgmicro_proc", "functions and procedures"},
        {"_pgmicro_inherits", "inheritance and partitioned tables"}, {"_pgmicro_partitioned_table", "partitioned tables"},
        {"_pgmicro_rule", "rules"}, {"_pgmicro_trigger", "triggers"}, {"_pgmicro_operator", "operators"},
        {"_pgmicro_cast", "casts"}};
    std::string missing;
    for (auto& [table, what] : kNotWritten) {
      auto exists = q.run(std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + table + "'");
      if (!exists) return false;
      if (str(exists->rows.at(0).at(0)) == "0") continue;
      auto rows = q.run(std::string("SELECT EXISTS (SELECT 1 FROM ") + table + ")");
      if (!rows) return false;
      if (str(rows->rows.at(0).at(0)) == "1") missing += (missing.empty() ? "" : ", ") + std::string(what);
    }
    if (!missing.empty()) {
      err += "pgmicro dump: the database has objects the dump cannot write yet (" + missing + ")\n";
      return false;
    }
    auto has_ns = q.run("SELECT count(*) FROM sqlite_schema WHERE name = '_pgmicro_namespace'");
    if (!has_ns) return false;
    if (str(has_ns->rows.at(0).at(0)) != "0") {
      auto ns = q.run("SELECT nspname FROM _pgmicro_namespace WHERE nspname <> 'public' ORDER BY oid");
      if (!ns) return false;
      for (auto& row : ns->rows) out += "CREATE SCHEMA " + ident(str(row[0])) + ";\n";
      if (!ns->rows.empty()) out += "\n";
    }
    auto rel = q.run("SELECT oid, relname, relkind, nspname FROM _pgmicro_class ORDER BY oid");
    if (!rel) return false;
    for (auto& row : rel->rows) {
      if (str(row[2]) == "r") {
        tables.push_back({str(row[0]), str(row[1]), false, {}});
        if (!str(row[3]).empty()) tables.back().schema = str(row[3]);
      }
      table_name[str(row[0])] = str(row[1]);
    }
    auto att = q.run("SELECT attrelid, attnum, attname, atttypid, atttypmod, attnotnull, attdefault, attidentity, "
                     "attgenerated FROM _pgmicro_attribute ORDER BY attrelid, attnum");
    if (!att) return false;
    for (auto& row : att->rows)
      for (auto& t : tables)
        if (t.oid == str(row[0])) {
          DumpColumn c;
          c.num = std::stoi(str(row[1]));
          c.name = str(row[2]);
          c.type = format_type(static_cast<Oid>(std::stoll(str(row[3]))), std::stoi(str(row[4])));
          c.not_null = str(row[5]) == "1";
          c.def = str(row[6]);
          c.identity = str(row[7]).empty() ? 0 : str(row[7])[0];
          c.generated = str(row[8]).empty() ? 0 : str(row[8])[0];
          t.columns.push_back(std::move(c));
        }
    auto seq = q.run("SELECT s.seqrelid, c.relname, s.seqtypid, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, "
                     "s.last_value, s.is_called, s.owned_by_rel, s.owned_by_att, c.nspname FROM _pgmicro_sequence s "
                     "JOIN _pgmicro_class c ON c.oid = s.seqrelid ORDER BY s.seqrelid");
    if (!seq) return false;
    for (auto& row : seq->rows) {
      Sequence s{str(row[0]), str(row[1]), format_type(static_cast<Oid>(std::stoll(str(row[2]))), -1),
                 str(row[3]), str(row[4]), str(row[5]), str(row[6]), str(row[7]), str(row[8]), str(row[9]), str(row[10])};
      if (!str(row[11]).empty()) s.schema = str(row[11]);
      sequences[s.oid] = s;
    }
    auto con = q.run("SELECT conrelid, conname, contype, conkey, consrc, confrelid, confkey, confupdtype, confdeltype "
                     "FROM _pgmicro_constraint ORDER BY conrelid, oid");
    if (!con) return false;
    for (auto& row : con->rows) {
      std::string rel = str(row[0]), type = str(row[2]);
      const DumpTable* t = nullptr;
      for (auto& x : tables)
        if (x.oid == rel) t = &x;
      if (!t) continue;
      std::string name = "CONSTRAINT " + ident(str(row[1]));
      if (type == "p" || type == "u") {
        constraint_sql[t->oid] += ",\n    " + name + (type == "p" ? " PRIMARY KEY (" : " UNIQUE (") + t->column_list(keys(str(row[3]))) + ")";
      } else if (type == "c") {
        constraint_sql[t->oid] += ",\n    " + name + " CHECK (" + str(row[4]) + ")";
      } else if (type == "f") {
        const DumpTable* ref = nullptr;
        for (auto& x : tables)
          if (x.oid == str(row[5])) ref = &x;
        if (!ref) continue;
        fk_sql += "ALTER TABLE " + t->ref() + " ADD " + name + " FOREIGN KEY (" + t->column_list(keys(str(row[3]))) +
                  ") REFERENCES " + ref->ref() + "(" + ref->column_list(keys(str(row[6]))) + ")";
        if (str(row[4]) == "MATCH FULL") fk_sql += " MATCH FULL";
        if (auto a = fk_action(str(row[7])); !a.empty()) fk_sql += " ON UPDATE " + a;
        if (auto a = fk_action(str(row[8])); !a.empty()) fk_sql += " ON DELETE " + a;
        fk_sql += ";\n";
      }
    }
    auto idx = q.run("SELECT c.relname, i.indrelid, i.indisunique, i.indkey, i.indoption, i.indexprs, i.indpred FROM _pgmicro_index i "
                     "JOIN _pgmicro_class c ON c.oid = i.indexrelid ORDER BY i.indexrelid");
    if (!idx) return false;
    for (auto& row : idx->rows) {
      const DumpTable* t = nullptr;
      for (auto& x : tables)
        if (x.oid == str(row[1])) t = &x;
      if (!t) continue;
      std::vector<int> k = keys(str(row[3]));
      std::string opts = str(row[4]), cols, exprs = str(row[5]), pred = str(row[6]);
      size_t e = 0;  // expression keys (indkey 0): one line each of indexprs
      for (size_t i = 0; i < k.size(); i++) {
        std::string key;
        if (k[i] == 0) {
          size_t nl = exprs.find('\n', e);
          key = "(" + exprs.substr(e, nl == std::string::npos ? std::string::npos : nl - e) + ")";
          e = nl == std::string::npos ? exprs.size() : nl + 1;
        } else {
          key = t->column_list({k[i]});
        }
        cols += (i ? ", " : "") + key + (i < opts.size() && opts[i] == 'd' ? " DESC" : "");
      }
      indexes_sql += std::string("CREATE ") + (str(row[2]) == "1" ? "UNIQUE " : "") + "INDEX " + ident(str(row[0])) +
                     " ON " + t->ref() + " (" + cols + ")" + (pred.empty() ? "" : " WHERE " + pred) + ";\n";
    }
    auto vw = q.run("SELECT c.nspname, v.definition FROM _pgmicro_view v JOIN _pgmicro_class c ON c.oid = v.viewrelid "
                    "ORDER BY v.viewrelid");
    if (!vw) return false;
    for (auto& row : vw->rows) views.push_back({str(row[0]), str(row[1])});
  }
  // Plain SQLite tables: the types the PostgreSQL dialect reads them with.
  {
    auto plain = q.run("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                       "AND name NOT LIKE '\\_pgmicro\\_%' ESCAPE '\\' ORDER BY rowid");
    if (!plain) return false;
    for (auto& row : plain->rows) {
      std::string name = str(row[0]);
      bool known = false;
      for (auto& t : tables) known |= t.sqlite_name() == name;
      if (known) continue;
      auto shape = q.run("SELECT * FROM " + ident(name) + " LIMIT 0", Dialect::Postgres);
      if (!shape) return false;
      auto nn = q.run("SELECT \"notnull\" FROM pragma_table_info(" + literal(name) + ")");
      DumpTable t{"", name, true, {}};
      int n = 0;
      for (auto& c : shape->columns) {
        DumpColumn col;
        col.num = ++n;
        col.name = c.name;
        col.type = format_type(c.type_oid, c.typmod);
        col.not_null = nn && n - 1 < (int)nn->rows.size() && str(nn->rows[n - 1][0]) == "1";
        t.columns.push_back(std::move(col));
      }
      // The SQLite table's PRIMARY KEY and UNIQUE constraints (not its other indexes).
      auto pk = q.run("SELECT name FROM pragma_table_info(" + literal(name) + ") WHERE pk > 0 ORDER BY pk");
      if (pk && !pk->rows.empty()) {
        std::string cols;
        for (auto& r : pk->rows) cols += (cols.empty() ? "" : ", ") + ident(str(r[0]));
        constraint_sql[name] += ",\n    PRIMARY KEY (" + cols + ")";
      }
      auto uniques = q.run("SELECT name FROM pragma_index_list(" + literal(name) + ") WHERE origin = 'u' ORDER BY seq DESC");
      for (auto& u : uniques ? uniques->rows : std::vector<std::vector<TextValue>>{}) {
        auto cols = q.run("SELECT name FROM pragma_index_info(" + literal(str(u[0])) + ") ORDER BY seqno");
        if (!cols || cols->rows.empty()) continue;
        std::string list;
        for (auto& r : cols->rows) list += (list.empty() ? "" : ", ") + ident(str(r[0]));
        constraint_sql[name] += ",\n    UNIQUE (" + list + ")";
      }
      tables.push_back(std::move(t));
    }
  }
  // Sequences of serial columns become `serial` again (with the same sequence name); identity
  // sequences come back with their column; the rest are CREATE SEQUENCE.
  std::set<std::string> owned;  // sequence oids created by a column
  std::map<std::pair<std::string, int>, const Sequence*> owner;  // (table oid, attnum) -> sequence
  for (auto& [oid, s] : sequences)
    if (!s.owner_rel.empty() && s.owner_rel != "0") owner[{s.owner_rel, std::stoi(s.owner_att)}] = &s;
  std::string seq_sql;
  std::map<std::string, std::string> setvals;  // by schema and name: the same order whatever the OIDs
  for (auto& [oid, s] : sequences) {
    bool by_column = false;
    if (auto it = owner.find({s.owner_rel, s.owner_att.empty() ? 0 : std::stoi(s.owner_att)}); it != owner.end()) {
      for (auto& t : tables)
        if (t.oid == s.owner_rel)
          for (auto& c : t.columns)
            if (c.num == std::stoi(s.owner_att)) {
              bool serial = c.identity == 0 && c.def == "nextval('" + s.text() + "'::regclass)" &&
                            s.name == t.name + "_" + c.name + "_seq" && s.start == "1" && s.increment == "1";
              by_column = serial || c.identity != 0;
            }
    }
    if (by_column) {
      owned.insert(oid);
    } else {
      seq_sql += "CREATE SEQUENCE " + qualified(s.schema, s.name) + " AS " + s.type + " START WITH " + s.start + " INCREMENT BY " +
                 s.increment + " MINVALUE " + s.min + " MAXVALUE " + s.max + ";\n";
    }
    if (!s.last.empty())
      setvals[s.schema + '\x01' + s.name] = "SELECT pg_catalog.setval(" + literal(regclass_text(s.schema, s.name)) + ", " + s.last + ", " +
                    (s.called == "1" ? "true" : "false") + ");\n";
  }
  out += seq_sql.empty() ? "" : seq_sql + "\n";
  for (auto& t : tables) {
    out += "CREATE TABLE " + t.ref() + " (";
    bool first = true;
    for (auto& c : t.columns) {
      out += first ? "\n    " : ",\n    ";
      first = false;
      out += ident(c.name) + " ";
      auto own = owner.find({t.oid, c.num});
      const Sequence* s = own == owner.end() ? nullptr : own->second;
      if (s && owned.count(s->oid) && c.identity == 0) {
        out += c.type == "bigint" ? "bigserial" : c.type == "smallint" ? "smallserial" : "serial";
        continue;
      }
      out += c.type;
      if (c.identity) {
        out += std::string(" GENERATED ") + (c.identity == 'a' ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY";
        if (s) out += " (START WITH " + s->start + " INCREMENT BY " + s->increment + ")";
      } else if (c.generated == 's') {
        out += " GENERATED ALWAYS AS (" + c.def + ") STORED";
      } else if (!c.def.empty()) {
        out += " DEFAULT " + c.def;
      }
      if (c.not_null && !c.identity) out += " NOT NULL";
    }
    out += constraint_sql[t.oid.empty() ? t.name : t.oid];
    out += "\n);\n\n";
  }
  // Data: one INSERT per row (generated columns are computed again on load).
  for (auto& t : tables) {
    std::vector<const DumpColumn*> cols;
    bool always = false;
    for (auto& c : t.columns)
      if (c.generated != 's') {
        cols.push_back(&c);
        always |= c.identity == 'a';
      }
    if (cols.empty()) continue;
    std::string list, select;
    for (auto* c : cols) {
      list += (list.empty() ? "" : ", ") + ident(c->name);
    }
    auto rows = q.run("SELECT " + list + " FROM ONLY " + t.ref(), Dialect::Postgres);
    if (!rows) return false;
    std::string head = "INSERT INTO " + t.ref() + " (" + list + ")" + (always ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (";
    for (auto& row : rows->rows) {
      out += head;
      for (size_t i = 0; i < row.size(); i++) out += (i ? ", " : "") + (row[i] ? literal(*row[i]) : std::string("NULL"));
      out += ");\n";
    }
    if (!rows->rows.empty()) out += "\n";
  }
  for (auto& [key, line] : setvals) out += line;
  out += setvals.empty() ? "" : "\n";
  out += indexes_sql.empty() ? "" : indexes_sql + "\n";
  out += fk_sql.empty() ? "" : fk_sql + "\n";
  for (auto& [view_schema, def] : views) {
    (void)view_schema;  // the CREATE VIEW text carries its own qualification
    std::string d = def;
    while (!d.empty() && (d.back() == ';' || d.back() == ' ' || d.back() == '\n')) d.pop_back();
    out += d + ";\n";  // the stored CREATE VIEW text, names as written
  }
  out += "\n-- dump complete\n";
  return true;
}

}  // namespace pgmicro::format
