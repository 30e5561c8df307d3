// User-defined types in the persistent catalog: _pgmicro_type (enums and domains),
// _pgmicro_enum (labels and float sort orders) and _pgmicro_domain_constraint (domain
// CHECKs). The tables are created by the first CREATE TYPE/DOMAIN of a file, so files
// without user types keep the catalog tables of format_version 3 unchanged.
#include "catalog/catalog.h"
#include "catalog/catalog_base_types.h"
#include "catalog/catalog_query.h"
#include "common/error.h"

namespace pgmicro {

namespace {
using Query = CatalogQuery;  // catalog/catalog_query.h
}  // namespace

bool Catalog::has_type_tables(sqlite3* db) {
  Query q(db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name='_pgmicro_type'");
  return q.step();
}

void Catalog::ensure_type_tables(sqlite3* db) {
  ensure_catalog_tables(db);
  if (has_type_tables(db)) return;
  exec_sql(db,
           "CREATE TABLE _pgmicro_type(oid INTEGER PRIMARY KEY, typname TEXT NOT NULL UNIQUE,"
           " typtype TEXT NOT NULL, typarray INTEGER NOT NULL, typbasetype INTEGER NOT NULL DEFAULT 0,"
           " typtypmod INTEGER NOT NULL DEFAULT -1, typnotnull INTEGER NOT NULL DEFAULT 0, typdefault TEXT);"
           "CREATE TABLE _pgmicro_enum(enumtypid INTEGER NOT NULL, enumsortorder REAL NOT NULL,"
           " enumlabel TEXT NOT NULL, PRIMARY KEY(enumtypid, enumlabel));"
           "CREATE TABLE _pgmicro_domain_constraint(oid INTEGER PRIMARY KEY, contypid INTEGER NOT NULL,"
           " conname TEXT NOT NULL, consrc TEXT NOT NULL, convalidated INTEGER NOT NULL DEFAULT 1);");
}

void Catalog::load_user_types(sqlite3* db) {
  types_.clear();
  load_composite_types(db);
}

void Catalog::load_composite_types(sqlite3* db) {
  if (has_type_tables(db)) load_type_rows(db);
  // Composite attributes (the table appears with the first CREATE TYPE … AS (…)).
  if (Query e(db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name='_pgmicro_type_attribute'"); e.step()) {
    Query q(db, "SELECT typrelid, attname, atttypid, atttypmod FROM _pgmicro_type_attribute ORDER BY typrelid, attnum");
    while (q.step()) {
      auto* t = const_cast<UserType*>(types_.find(static_cast<Oid>(q.i(0))));
      if (t) t->fields.push_back({q.t(1), static_cast<Oid>(q.i(2)), static_cast<int32_t>(q.i(3))});
    }
  }
  // Every table's row type: a composite named after it, OID = the table's OID (both come
  // from one OID counter), its array type at a derived OID (kRowArrayOidBase + OID).
  for (auto& tp : tables_) {
    const TableDef& tab = *tp;
    if (tab.oid <= 0 || types_.find(static_cast<Oid>(tab.oid)) || types_.find_by_name(tab.name)) continue;
    UserType& t = types_.add(static_cast<Oid>(tab.oid), static_cast<Oid>(kRowArrayOidBase + tab.oid), 'c', tab.name, 0);
    t.relid = tab.oid;
    for (auto& c : tab.columns) t.fields.push_back({c.name, c.type, c.typmod});
  }
}

void Catalog::load_type_rows(sqlite3* db) {
  // Domains over domains need their base loaded first: oids grow with creation order, and
  // a domain's base always exists before it.
  {
    Query q(db, "SELECT oid, typname, typtype, typarray, typbasetype, typtypmod, typnotnull, typdefault "
                "FROM _pgmicro_type ORDER BY oid");
    while (q.step()) {
      std::string kind = q.t(2);
      UserType& t = types_.add(static_cast<Oid>(q.i(0)), static_cast<Oid>(q.i(3)), kind.empty() ? 'e' : kind[0],
                               q.t(1), static_cast<Oid>(q.i(4)));
      t.base_typmod = static_cast<int32_t>(q.i(5));
      t.not_null = q.i(6) != 0;
      t.default_text = q.t(7);
    }
  }
  {
    Query q(db, "SELECT enumtypid, enumsortorder, enumlabel FROM _pgmicro_enum ORDER BY enumtypid, enumsortorder");
    while (q.step()) {
      auto* t = const_cast<UserType*>(types_.find(static_cast<Oid>(q.i(0))));
      if (t) t->labels.push_back({q.t(2), static_cast<float>(sqlite3_column_double(q.s, 1))});
    }
  }
  {
    Query q(db, "SELECT oid, contypid, conname, consrc, convalidated FROM _pgmicro_domain_constraint "
                "ORDER BY contypid, conname");
    while (q.step()) {
      auto* t = const_cast<UserType*>(types_.find(static_cast<Oid>(q.i(1))));
      if (!t) continue;
      DomainConstraint c;
      c.oid = q.i(0);
      c.name = q.t(2);
      c.check_src = q.t(3);
      c.validated = q.i(4) != 0;
      t->constraints.push_back(std::move(c));
    }
  }
  load_base_type_rows(db, types_);  // catalog_base_types.cpp
}

const UserType* Catalog::find_user_type_by_name(const std::string& name) const {
  return types_.find_by_name(name);
}

}  // namespace pgmicro
