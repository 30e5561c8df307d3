// Table inheritance and partitioning in the catalog (see inheritance.h). Rows:
//   _pgmicro_inherits(inhrelid, inhparent, inhseqno, partbound)  pg_inherits (+ relpartbound)
//   _pgmicro_attinh(attrelid, attname, attinhcount, attislocal)  only for inherited columns
//   _pgmicro_coninh(conoid, coninhcount, conislocal, connoinherit)  only when not the default
//   _pgmicro_partitioned_table(partrelid, partstrat, partkey)     pg_partitioned_table
// A table's rows live in the catalog of the table's own schema (main. or pgtemp.).
#include "catalog/inheritance.h"
#include <algorithm>
#include <deque>
#include <functional>
#include "catalog/catalog.h"
#include "common/error.h"

namespace pgmicro {

std::string inheritance_catalog_ddl(const std::string& p) {
  return "CREATE TABLE IF NOT EXISTS " + p + "_pgmicro_inherits(inhrelid INTEGER NOT NULL, inhparent INTEGER NOT NULL,"
         " inhseqno INTEGER NOT NULL, partbound TEXT, PRIMARY KEY(inhrelid, inhparent));"
         "CREATE TABLE IF NOT EXISTS " + p + "_pgmicro_attinh(attrelid INTEGER NOT NULL, attname TEXT NOT NULL,"
         " attinhcount INTEGER NOT NULL, attislocal INTEGER NOT NULL, PRIMARY KEY(attrelid, attname));"
         "CREATE TABLE IF NOT EXISTS " + p + "_pgmicro_coninh(conoid INTEGER PRIMARY KEY, coninhcount INTEGER NOT NULL,"
         " conislocal INTEGER NOT NULL, connoinherit INTEGER NOT NULL);"
         "CREATE TABLE IF NOT EXISTS " + p + "_pgmicro_partitioned_table(partrelid INTEGER PRIMARY KEY,"
         " partstrat TEXT NOT NULL, partkey TEXT NOT NULL);";
}

namespace {
struct Q {
  sqlite3_stmt* s = nullptr;
  Q(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) s = nullptr;  // older temp catalog
  }
  ~Q() { sqlite3_finalize(s); }
  bool step() { return s && sqlite3_step(s) == SQLITE_ROW; }
  int64_t i(int c) { return sqlite3_column_int64(s, c); }
  std::string t(int c) {
    auto* p = sqlite3_column_text(s, c);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
};
}  // namespace

void load_inheritance(sqlite3* db, const std::string& p, const std::map<int64_t, TableDef*>& by_oid) {
  auto find = [&](int64_t oid) -> TableDef* {
    auto it = by_oid.find(oid);
    return it == by_oid.end() ? nullptr : it->second;
  };
  {
    Q st(db, "SELECT inhrelid, inhparent, partbound, inhseqno FROM " + p + "_pgmicro_inherits ORDER BY inhrelid, inhseqno");
    while (st.step())
      if (TableDef* t = find(st.i(0))) {
        t->parents.push_back(st.i(1));
        // A partition has one parent; its inhseqno is its place in the parent's bound order.
        if (sqlite3_column_type(st.s, 2) != SQLITE_NULL) {
          t->partition_bound = st.t(2);
          t->partition_rank = (int)st.i(3);
        }
      }
  }
  {
    Q st(db, "SELECT attrelid, attname, attinhcount, attislocal FROM " + p + "_pgmicro_attinh");
    while (st.step())
      if (TableDef* t = find(st.i(0))) {
        int c = t->find_column(st.t(1));
        if (c < 0) continue;
        t->columns[c].inhcount = (int)st.i(2);
        t->columns[c].is_local = st.i(3) != 0;
      }
  }
  {
    std::map<int64_t, ConstraintDef*> cons;
    for (auto& [oid, t] : by_oid)
      for (auto& c : t->constraints) cons[c.oid] = &c;
    Q st(db, "SELECT conoid, coninhcount, conislocal, connoinherit FROM " + p + "_pgmicro_coninh");
    while (st.step()) {
      auto it = cons.find(st.i(0));
      if (it == cons.end()) continue;
      it->second->inhcount = (int)st.i(1);
      it->second->is_local = st.i(2) != 0;
      it->second->no_inherit = st.i(3) != 0;
    }
  }
  {
    Q st(db, "SELECT partrelid, partstrat, partkey FROM " + p + "_pgmicro_partitioned_table");
    while (st.step())
      if (TableDef* t = find(st.i(0))) {
        std::string s = st.t(1);
        t->partition_strategy = s.empty() ? 0 : s[0];
        t->partition_key = st.t(2);
      }
  }
}

void link_inheritance(std::vector<std::unique_ptr<TableDef>>& tables) {
  std::map<int64_t, TableDef*> by_oid;
  for (auto& t : tables) {
    t->children.clear();
    if (t->oid) by_oid[t->oid] = t.get();
  }
  for (auto& t : tables)
    for (int64_t p : t->parents) {
      auto it = by_oid.find(p);
      if (it != by_oid.end()) it->second->children.push_back(t->oid);
    }
  for (auto& t : tables) {
    if (t->partition_strategy) {
      // Partitions in bound order (PostgreSQL's PartitionDesc), the default last.
      std::stable_sort(t->children.begin(), t->children.end(), [&](int64_t a, int64_t b) {
        return by_oid[a]->partition_rank < by_oid[b]->partition_rank;
      });
    } else {
      std::sort(t->children.begin(), t->children.end());
    }
  }
  // A partition's constraint (its bound and its ancestors'), checked on rows written to it
  // directly, as an in-memory CHECK constraint named kPartitionConstraintName.
  for (auto& t : tables) {
    if (t->partition_bound.empty() || t->parents.empty()) continue;
    std::string cond;
    for (TableDef* cur = t.get(); cur && !cur->partition_bound.empty() && !cur->parents.empty();) {
      auto it = by_oid.find(cur->parents[0]);
      if (it == by_oid.end()) break;
      TableDef* parent = it->second;
      std::vector<const TableDef*> siblings;
      for (int64_t c : parent->children) siblings.push_back(by_oid[c]);
      std::string c = partition_condition(*parent, decode_bound(cur->partition_bound), siblings);
      cond = cond.empty() ? c : "(" + c + ") AND (" + cond + ")";
      cur = parent;
    }
    if (cond.empty()) continue;
    ConstraintDef pc;
    pc.type = 'c';
    pc.name = kPartitionConstraintName;
    pc.check_expr = cond;
    t->constraints.push_back(std::move(pc));
  }
}

std::string encode_bound(const PartitionBound& b) {
  auto list = [](const std::vector<BoundDatum>& v) {
    std::string s;
    for (size_t i = 0; i < v.size(); i++) s += (i ? "\x1f" : "") + std::string(1, v[i].kind) + v[i].text;
    return s;
  };
  return std::string(1, b.kind) + "\x1e" + list(b.lower) + "\x1e" + list(b.upper) + "\x1e" + list(b.values);
}

PartitionBound decode_bound(const std::string& s) {
  PartitionBound b;
  if (s.empty()) return b;
  b.kind = s[0];
  std::vector<std::string> parts;
  size_t p = 2;
  for (int i = 0; i < 3; i++) {
    size_t q = s.find('\x1e', p);
    if (q == std::string::npos) q = s.size();
    parts.push_back(p <= s.size() ? s.substr(p, q - p) : "");
    p = q + 1;
  }
  auto list = [](const std::string& x) {
    std::vector<BoundDatum> v;
    if (x.empty()) return v;
    size_t p = 0;
    while (p <= x.size()) {
      size_t q = x.find('\x1f', p);
      if (q == std::string::npos) q = x.size();
      BoundDatum d;
      d.kind = x[p];
      d.text = x.substr(p + 1, q - p - 1);
      v.push_back(std::move(d));
      p = q + 1;
    }
    return v;
  };
  b.lower = list(parts[0]);
  b.upper = list(parts[1]);
  b.values = list(parts[2]);
  return b;
}

std::vector<PartitionKey> partition_keys(const TableDef& t) {
  std::vector<PartitionKey> keys;
  size_t p = 0;
  while (p < t.partition_key.size()) {
    size_t q = t.partition_key.find('\n', p);
    if (q == std::string::npos) q = t.partition_key.size();
    std::string line = t.partition_key.substr(p, q - p);
    p = q + 1;
    PartitionKey k;
    size_t h = line.find("\t\x02");
    if (h != std::string::npos) {
      k.hash_function = line.substr(h + 2);
      line.resize(h);
    }
    size_t a = line.find('\t'), b = a == std::string::npos ? a : line.find('\t', a + 1),
           c = b == std::string::npos ? b : line.find('\t', b + 1);
    if (c == std::string::npos) continue;
    k.type = (Oid)std::stoul(line.substr(0, a));
    k.typmod = std::stoi(line.substr(a + 1, b - a - 1));
    k.display = line.substr(b + 1, c - b - 1);
    k.expr = line.substr(c + 1);
    keys.push_back(std::move(k));
  }
  return keys;
}

std::string encode_partition_key(const PartitionKey& k) {
  return std::to_string(k.type) + "\t" + std::to_string(k.typmod) + "\t" + k.display + "\t" + k.expr +
         (k.hash_function.empty() ? "" : "\t\x02" + k.hash_function);
}

std::vector<std::string> partition_key_columns(const TableDef& t) {
  std::vector<std::string> cols;
  for (auto& k : partition_keys(t)) cols.push_back(k.display);
  return cols;
}

std::string bound_literal(const BoundDatum& d, Oid type, int32_t typmod) {
  if (d.kind == 'N') return "NULL";
  return quote_literal(d.text) + "::" + format_type_name(type, typmod);
}

std::string partition_condition(const TableDef& parent, const PartitionBound& b, const std::vector<const TableDef*>& siblings) {
  std::vector<std::string> keys, hash_functions;
  std::vector<Oid> types;
  std::vector<int32_t> typmods;
  for (auto& k : partition_keys(parent)) {
    keys.push_back(k.expr);
    hash_functions.push_back(k.hash_function.empty() ? "pg_catalog.pg_partition_hash" : k.hash_function);
    types.push_back(k.type);
    typmods.push_back(k.typmod);
  }
  if (keys.empty()) return "false";
  if (b.kind == 'd') {
    std::string any;
    for (auto* s : siblings) {
      if (s->partition_bound.empty()) continue;
      PartitionBound sb = decode_bound(s->partition_bound);
      if (sb.kind == 'd') continue;
      any += (any.empty() ? "" : " OR ") + ("(" + partition_condition(parent, sb, siblings) + ")");
    }
    return any.empty() ? "true" : "NOT coalesce(" + any + ", false)";
  }
  std::string k0 = keys[0];
  if (b.kind == 'h') {
    // PostgreSQL's satisfies_hash_partition: each key hashed by its type's extended hash
    // function with HASH_PARTITION_SEED, the hashes combined, modulo the modulus.
    if (b.values.size() != 2) return "false";
    std::string args = b.values[0].text + ", " + b.values[1].text;
    for (size_t i = 0; i < keys.size(); i++) args += ", " + hash_functions[i] + "(" + keys[i] + ", 8816678312871386365)";
    return "pg_catalog.pg_hash_partition_match(" + args + ")";
  }
  if (b.kind == 'l') {
    std::string in;
    bool has_null = false;
    for (auto& d : b.values) {
      if (d.kind == 'N') { has_null = true; continue; }
      in += (in.empty() ? "" : ", ") + bound_literal(d, types[0], typmods[0]);
    }
    std::string c = in.empty() ? "false" : "(" + k0 + " IS NOT NULL AND " + k0 + " IN (" + in + "))";
    return has_null ? "(" + k0 + " IS NULL OR " + c + ")" : c;
  }
  if (b.kind == 'r') {
    std::function<std::string(size_t)> ge = [&](size_t i) -> std::string {
      if (i >= keys.size() || i >= b.lower.size()) return "true";
      const BoundDatum& d = b.lower[i];
      if (d.kind == 'm') return "true";
      if (d.kind == 'M') return "false";
      std::string k = keys[i], lit = bound_literal(d, types[i], typmods[i]);
      std::string rest = ge(i + 1);
      return "(" + k + " > " + lit + (rest == "false" ? "" : " OR (" + k + " = " + lit + (rest == "true" ? "" : " AND " + rest) + ")") + ")";
    };
    std::function<std::string(size_t)> lt = [&](size_t i) -> std::string {
      if (i >= keys.size() || i >= b.upper.size()) return "false";
      const BoundDatum& d = b.upper[i];
      if (d.kind == 'M') return "true";
      if (d.kind == 'm') return "false";
      std::string k = keys[i], lit = bound_literal(d, types[i], typmods[i]);
      std::string rest = lt(i + 1);
      return "(" + k + " < " + lit + (rest == "false" ? "" : " OR (" + k + " = " + lit + (rest == "true" ? "" : " AND " + rest) + ")") + ")";
    };
    std::string c;
    for (auto& k : keys) c += k + " IS NOT NULL AND ";
    return "(" + c + ge(0) + " AND " + lt(0) + ")";
  }
  return "false";
}

std::vector<const TableDef*> partitions_of(const Catalog& cat, const TableDef& parent) {
  std::vector<const TableDef*> out;
  for (int64_t c : parent.children)
    if (const TableDef* t = cat.find_table_by_oid(c)) out.push_back(t);
  return out;
}

std::vector<const TableDef*> table_descendants(const Catalog& cat, const TableDef& t) {
  std::vector<const TableDef*> out;
  if (t.partition_strategy) {
    // A partition tree expands depth first in bound order (PostgreSQL's expand_partitioned_rtentry).
    std::function<void(const TableDef&)> walk = [&](const TableDef& p) {
      for (int64_t c : p.children)
        if (const TableDef* ct = cat.find_table_by_oid(c)) {
          out.push_back(ct);
          if (ct->partition_strategy) walk(*ct);
        }
    };
    walk(t);
    return out;
  }
  std::deque<const TableDef*> todo{&t};
  while (!todo.empty()) {
    const TableDef* cur = todo.front();
    todo.pop_front();
    for (int64_t c : cur->children) {
      const TableDef* ct = cat.find_table_by_oid(c);
      if (!ct || ct == &t || std::find(out.begin(), out.end(), ct) != out.end()) continue;
      out.push_back(ct);
      todo.push_back(ct);
    }
  }
  return out;
}

std::string inheritance_union_sql(const TableDef& parent, const std::vector<const TableDef*>& descendants) {
  std::string sql;
  auto arm = [&](const TableDef& t) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += "SELECT ";
    for (auto& c : parent.columns) sql += quote_ident(c.name) + ", ";
    sql += std::to_string(t.oid) + " AS tableoid FROM " + t.sqlite_ref();
  };
  if (!parent.partition_strategy) arm(parent);
  for (auto* d : descendants)
    if (!d->partition_strategy) arm(*d);
  if (sql.empty()) {
    sql = "SELECT ";
    for (auto& c : parent.columns) sql += "NULL AS " + quote_ident(c.name) + ", ";
    sql += "NULL AS tableoid WHERE 0";
  }
  return sql;
}

std::string inheritance_drop_sql(const TableDef& t) {
  std::string oid = std::to_string(t.oid), cp = catalog_prefix(t.schema);
  return "DELETE FROM " + cp + "_pgmicro_inherits WHERE inhrelid = " + oid + ";DELETE FROM " + cp +
         "_pgmicro_attinh WHERE attrelid = " + oid + ";DELETE FROM " + cp + "_pgmicro_coninh WHERE conoid IN (SELECT oid FROM " + cp +
         "_pgmicro_constraint WHERE conrelid = " + oid + ");DELETE FROM " + cp + "_pgmicro_partitioned_table WHERE partrelid = " + oid + ";";
}

}  // namespace pgmicro
