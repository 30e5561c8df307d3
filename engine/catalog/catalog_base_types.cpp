// Base types, casts and operators in the persistent catalog (catalog_base_types.h). The
// tables appear with the first CREATE TYPE (shell or base), CREATE CAST or CREATE OPERATOR
// of a file; files without them keep their catalog unchanged.
#include "catalog/catalog_base_types.h"
#include "catalog/catalog.h"
#include "catalog/catalog_query.h"
#include "common/error.h"
#include "types/base_types.h"

namespace pgmicro {

namespace {
using Query = CatalogQuery;  // catalog/catalog_query.h

bool has_table(sqlite3* db) {
  Query q(db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name='_pgmicro_cast'");
  return q.step();
}
}  // namespace

void ensure_base_type_tables(sqlite3* db) {
  Catalog::ensure_type_tables(db);
  if (has_table(db)) return;
  exec_sql(db,
           "CREATE TABLE _pgmicro_base_type(typid INTEGER PRIMARY KEY, typinput INTEGER NOT NULL,"
           " typoutput INTEGER NOT NULL, iotype INTEGER NOT NULL);"
           "CREATE TABLE _pgmicro_cast(oid INTEGER PRIMARY KEY, castsource INTEGER NOT NULL, casttarget INTEGER NOT NULL,"
           " castfunc INTEGER NOT NULL DEFAULT 0, castcontext TEXT NOT NULL, castmethod TEXT NOT NULL,"
           " UNIQUE(castsource, casttarget));"
           "CREATE TABLE _pgmicro_operator(oid INTEGER PRIMARY KEY, oprname TEXT NOT NULL, oprleft INTEGER NOT NULL,"
           " oprright INTEGER NOT NULL, oprresult INTEGER NOT NULL, oprcode INTEGER NOT NULL, oprcodename TEXT NOT NULL,"
           " oprcom TEXT, oprnegate TEXT, oprcanmerge INTEGER NOT NULL DEFAULT 0, oprcanhash INTEGER NOT NULL DEFAULT 0);");
}

void load_base_type_rows(sqlite3* db, UserTypes& types) {
  if (!has_table(db)) return;
  {
    Query q(db, "SELECT typid, iotype FROM _pgmicro_base_type");
    while (q.step())
      if (auto* t = const_cast<UserType*>(types.find(Oid(q.i(0))))) t->io_type = Oid(q.i(1));
  }
  auto physical = [&](Oid t) {
    const UserType* u = types.find(t);
    return u && u->kind == 'b' ? u->base : t;
  };
  {
    Query q(db, "SELECT oid, castsource, casttarget, castcontext, castmethod FROM _pgmicro_cast ORDER BY oid");
    while (q.step()) {
      UserCast& c = types.casts.emplace_back();
      c.oid = q.i(0);
      c.def.source = Oid(q.i(1));
      c.def.target = Oid(q.i(2));
      std::string ctx = q.t(3), method = q.t(4);
      c.def.context = ctx == "i" ? CastContext::Implicit : ctx == "a" ? CastContext::Assignment : CastContext::Explicit;
      c.method = method.empty() ? 'b' : method[0];
      Oid s = physical(c.def.source), t = physical(c.def.target);
      if (c.method == 'i')
        c.templ = "pg_in(pg_out($1, " + std::to_string(c.def.source) + "), " + std::to_string(c.def.target) + ", -1)";
      else if (s == t)
        c.templ = "$1";
      else
        c.templ = "pg_reinterpret($1, " + std::to_string(s) + ", " + std::to_string(t) + ")";
      c.def.templ = c.templ.c_str();
    }
  }
  {
    Query q(db, "SELECT oid, oprname, oprleft, oprright, oprresult, oprcode, oprcodename, oprcom, oprnegate,"
                " oprcanmerge, oprcanhash FROM _pgmicro_operator ORDER BY oid");
    while (q.step()) {
      UserOperator& o = types.operators.emplace_back();
      o.oid = q.i(0);
      o.name = q.t(1);
      o.def.name = o.name.c_str();
      o.def.left = Oid(q.i(2));
      o.def.right = Oid(q.i(3));
      o.def.result = Oid(q.i(4));
      o.def.templ = "";
      o.proc = q.i(5);
      o.proc_name = q.t(6);
      o.commutator = q.t(7);
      o.negator = q.t(8);
      o.merges = q.i(9) != 0;
      o.hashes = q.i(10) != 0;
    }
  }
  if (Query(db, "SELECT 1 FROM main.sqlite_schema WHERE type='table' AND name='_pgmicro_opclass'").step()) {
    // Operator classes live in session/ddl_opclass.cpp's table; its rowid serves as the OID here.
    Query q(db, "SELECT rowid, opcname, amname, opcintype, opcdefault FROM main._pgmicro_opclass ORDER BY rowid");
    while (q.step()) {
      UserOpClass& o = types.opclasses.emplace_back();
      o.oid = q.i(0);
      o.name = q.t(1);
      o.method = q.t(2);
      o.type = Oid(q.i(3));
      o.is_default = q.i(4) != 0;
    }
  }
}

}  // namespace pgmicro
