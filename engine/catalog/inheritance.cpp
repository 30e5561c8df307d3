// Table inheritance and partitioning in the catalog (see inheritance.h). Rows:
//   _pgmicro_inherits(inhrelid, inhparent, inhseqno, partbound)  pg_inherits (+ relpartbound)
//   _pgmicro_attinh(attrelid, attname, attinhcount, attislocal)  only for inherited columns
//   _pgmicro_coninh(conoid, coninhcount, conislocal, connoinherit)  only when not the default
//   _pgmicro_partitioned_table(partrelid, partstrat, partkey)     pg_partitioned_table
// A table's rows live in the catalog of the table's own schema (main. or pgtemp.).
#include "catalog/inheritance.h"
#include <algorithm>
#include <deque>
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
    Q st(db, "SELECT inhrelid, inhparent, partbound FROM " + p + "_pgmicro_inherits ORDER BY inhrelid, inhseqno");
    while (st.step())
      if (TableDef* t = find(st.i(0))) {
        t->parents.push_back(st.i(1));
        if (sqlite3_column_type(st.s, 2) != SQLITE_NULL) t->partition_bound = st.t(2);
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
  for (auto& t : tables) std::sort(t->children.begin(), t->children.end());
}

std::vector<const TableDef*> table_descendants(const Catalog& cat, const TableDef& t) {
  std::vector<const TableDef*> out;
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
