// COMMENT ON TABLE/VIEW/INDEX/SEQUENCE/COLUMN/SCHEMA/CONSTRAINT [ON DOMAIN]/TYPE/DOMAIN/
// FUNCTION/PROCEDURE ... IS 'text' | NULL:
// rows of _pgmicro_description (objoid, objsubid = column number or 0), in the database of
// the object (main, or pgtemp for temporary objects). '' and NULL remove the comment.
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "catalog/object_names.h"
#include "catalog/system_relations.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"

namespace pgmicro {

void SessionImpl::execute_comment(CommentStmt* stmt, StatementResult& out) {
  out.command_tag = "COMMENT";
  int64_t oid = 0;
  int subid = 0;
  std::string schema = kPublicSchema;
  std::vector<std::string> names;
  switch (stmt->objtype) {
    case OBJECT_SCHEMA: names.push_back(node_string(stmt->object)); break;
    case OBJECT_TABLE: case OBJECT_VIEW: case OBJECT_SEQUENCE: case OBJECT_INDEX: case OBJECT_COLUMN: case OBJECT_TABCONSTRAINT:
      // The object is a list of names (other kinds carry other node shapes).
      if (!stmt->object || !IsA(stmt->object, List)) unsupported("COMMENT ON this kind of object");
      for_each_node(reinterpret_cast<List*>(stmt->object), [&](Node* n) { names.push_back(node_string(n)); });
      if (names.empty()) unsupported("COMMENT ON this kind of object");
      break;
    case OBJECT_DOMCONSTRAINT: break;  // (TypeName, constraint name), resolved below
    case OBJECT_TYPE: case OBJECT_DOMAIN: case OBJECT_FUNCTION: case OBJECT_PROCEDURE: break;  // resolved below
    default: unsupported("COMMENT ON this kind of object");
  }
  // A relation named by names[0 .. count-1] (schema-qualified when count is 2).
  auto relation_name = [&](size_t count, std::string& sch, std::string& rel) {
    if (count == 0) throw PgError(sqlstate::kSyntaxError, "the name of the relation is missing");
    if (count > 2) unsupported("cross-database references");
    sch = count == 2 ? names[0] : "";
    rel = names[count - 1];
    if (!sch.empty() && !catalog_.find_schema(sch)) throw PgError("3F000", "schema \"" + sch + "\" does not exist");
  };
  auto shown = [](const std::string& sch, const std::string& rel) { return sch.empty() ? rel : sch + "." + rel; };
  switch (stmt->objtype) {
    case OBJECT_SCHEMA: {
      const SchemaDef* s = catalog_.find_schema(names[0]);
      if (!s) throw PgError("3F000", "schema \"" + names[0] + "\" does not exist");
      if (s->name == kTempSchema) unsupported("COMMENT ON the temporary schema");
      oid = s->oid;
      schema = kPublicSchema;  // schema comments live in the file
      break;
    }
    case OBJECT_TABLE:
    case OBJECT_VIEW:
    case OBJECT_SEQUENCE:
    case OBJECT_INDEX: {
      std::string sch, rel;
      relation_name(names.size(), sch, rel);
      const TableDef* t = catalog_.find_table(sch, rel);
      const ViewDef* v = catalog_.find_view(sch, rel);
      const SequenceDef* q = catalog_.find_sequence(sch, rel);
      auto [it, ix] = catalog_.find_index(sch, rel);
      if (!t && !v && !q && !ix && stmt->objtype == OBJECT_INDEX) {
        // the index behind a PRIMARY KEY/UNIQUE constraint (catalog/system_relations.h)
        int64_t o = relation_oid_by_name(catalog_, sch, rel);
        const TableDef* owner = nullptr;
        for (auto& tb : catalog_.tables())
          for (auto& k : tb->constraints)
            if ((k.type == 'p' || k.type == 'u') && kConstraintIndexOidBase + k.oid == o) owner = tb.get();
        if (owner) {
          oid = o;
          schema = owner->schema;
          break;
        }
      }
      if (!t && !v && !q && !ix) throw PgError(sqlstate::kUndefinedTable, "relation \"" + shown(sch, rel) + "\" does not exist");
      const char* kind = stmt->objtype == OBJECT_TABLE ? "a table" : stmt->objtype == OBJECT_VIEW ? "a view"
                       : stmt->objtype == OBJECT_SEQUENCE ? "a sequence" : "an index";
      bool ok = (stmt->objtype == OBJECT_TABLE && t) || (stmt->objtype == OBJECT_VIEW && v) ||
                (stmt->objtype == OBJECT_SEQUENCE && q) || (stmt->objtype == OBJECT_INDEX && ix);
      if (!ok) throw PgError(sqlstate::kWrongObjectType, "\"" + rel + "\" is not " + kind);
      if (t) { oid = t->oid; schema = t->schema; }
      if (v) { oid = v->oid; schema = v->schema; }
      if (q) { oid = q->oid; schema = q->schema; }
      if (ix && stmt->objtype == OBJECT_INDEX) { oid = ix->oid; schema = it->schema; }
      if (t && t->plain_sqlite) unsupported("COMMENT ON tables outside the PostgreSQL catalog");
      break;
    }
    case OBJECT_COLUMN: {
      if (names.size() < 2) throw PgError(sqlstate::kSyntaxError, "column name must be qualified");
      std::string sch, rel, col = names.back();
      relation_name(names.size() - 1, sch, rel);
      const TableDef* t = catalog_.find_table(sch, rel);
      const ViewDef* v = t ? nullptr : catalog_.find_view(sch, rel);
      if (!t && !v) throw PgError(sqlstate::kUndefinedTable, "relation \"" + shown(sch, rel) + "\" does not exist");
      if (t && t->plain_sqlite) unsupported("COMMENT ON tables outside the PostgreSQL catalog");
      int idx = -1;
      if (t) idx = t->find_column(col);
      if (v)
        for (size_t i = 0; i < v->column_names.size(); i++)
          if (v->column_names[i] == col) idx = (int)i;
      if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + shown(sch, rel) + "\" does not exist");
      oid = t ? t->oid : v->oid;
      schema = t ? t->schema : v->schema;
      subid = idx + 1;
      break;
    }
    case OBJECT_TABCONSTRAINT: {
      std::string sch, rel, con = names.back();
      relation_name(names.size() - 1, sch, rel);
      const TableDef* t = catalog_.find_table(sch, rel);
      if (!t) throw PgError(sqlstate::kUndefinedTable, "relation \"" + shown(sch, rel) + "\" does not exist");
      for (auto& c : t->constraints)
        if (c.name == con) oid = c.oid;
      if (!oid) throw PgError(sqlstate::kUndefinedObject, "constraint \"" + con + "\" for table \"" + rel + "\" does not exist");
      schema = t->schema;
      break;
    }
    case OBJECT_DOMCONSTRAINT: {
      auto* l = reinterpret_cast<List*>(stmt->object);
      if (!l || list_size(l) != 2) unsupported("COMMENT ON this kind of object");
      auto* tn = reinterpret_cast<TypeName*>(list_at(l, 0));
      std::string con = node_string(list_at(l, 1));
      std::vector<Oid> no_params;
      Analyzer a(catalog_, no_params);
      Oid type = 0;
      int32_t typmod = -1;
      a.resolve_type_name(tn, type, typmod);
      std::string written;  // TypeNameToString
      for_each_node(tn->names, [&](Node* n) { written += (written.empty() ? "" : ".") + node_string(n); });
      const UserType* u = catalog_.user_types().find(type);
      if (!u || u->kind != 'd') throw PgError(sqlstate::kWrongObjectType, "\"" + written + "\" is not a domain");
      for (auto& c : u->constraints)
        if (c.name == con) oid = c.oid;
      if (!oid)
        throw PgError(sqlstate::kUndefinedObject,
                      "constraint \"" + con + "\" for domain " + written + " does not exist");
      break;
    }
    case OBJECT_TYPE:
    case OBJECT_DOMAIN: {
      if (!stmt->object || !IsA(stmt->object, TypeName)) unsupported("COMMENT ON this kind of object");
      auto* tn = reinterpret_cast<TypeName*>(stmt->object);
      std::vector<Oid> no_params;
      Analyzer a(catalog_, no_params);
      Oid type = 0;
      int32_t typmod = -1;
      a.resolve_type_name(tn, type, typmod);
      const UserType* u = catalog_.user_types().find(type);
      if (!u) unsupported("COMMENT ON a built-in type");
      if (stmt->objtype == OBJECT_DOMAIN && u->kind != 'd') {
        std::string written;
        for_each_node(tn->names, [&](Node* n) { written += (written.empty() ? "" : ".") + node_string(n); });
        throw PgError(sqlstate::kWrongObjectType, "\"" + written + "\" is not a domain");
      }
      oid = u->relid ? u->relid : u->oid;  // a table's row type: PostgreSQL comments the type
      if (u->relid) unsupported("COMMENT ON the row type of a table");
      break;
    }
    case OBJECT_FUNCTION:
    case OBJECT_PROCEDURE: {
      StatementResult ignored;
      bool proc = stmt->objtype == OBJECT_PROCEDURE;
      const ProcDef* p = find_routine(reinterpret_cast<ObjectWithArgs*>(stmt->object), proc ? 'p' : 'f', false, ignored,
                                      proc ? "procedure" : "function");
      if (!p) unsupported("COMMENT ON this kind of object");
      oid = p->oid;
      break;
    }
    default: unsupported("COMMENT ON this kind of object");
  }
  Catalog::ensure_catalog_tables(conn_);
  std::string table = catalog_prefix(schema) + "_pgmicro_description";
  std::string key = std::to_string(oid) + ", " + std::to_string(subid);
  std::string sql = "DELETE FROM " + table + " WHERE objoid = " + std::to_string(oid) + " AND objsubid = " + std::to_string(subid) + ";";
  if (stmt->comment && *stmt->comment) sql += "INSERT INTO " + table + " VALUES(" + key + ", " + quote_literal(stmt->comment) + ");";
  exec_sql(conn_, sql);
  bump_schema();
}

}  // namespace pgmicro
