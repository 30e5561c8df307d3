// Schemas and temporary tables: CREATE SCHEMA (with schema elements), DROP SCHEMA
// [CASCADE], ALTER SCHEMA ... RENAME TO, ALTER TABLE/VIEW/SEQUENCE ... SET SCHEMA, and the
// ON COMMIT actions of temporary tables. A schema is a row of _pgmicro_namespace; its tables
// are SQLite tables named "schema.table" (docs/storage-format.md).
#include <algorithm>
#include <cctype>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "runtime/function_context.h"
#include "session/foreign_keys.h"
#include "session/session_impl.h"
#include "session/view_dependencies.h"

namespace pgmicro {

namespace {

void check_schema_name(const std::string& name) {
  if (name.rfind("pg_", 0) == 0)
    throw PgError("42939", "unacceptable schema name \"" + name + "\"", "The prefix \"pg_\" is reserved for system schemas.");
}

// The RangeVar of a schema element (nullptr for elements without one).
RangeVar* element_relation(Node* n) {
  switch (nodeTag(n)) {
    case T_CreateStmt: return reinterpret_cast<CreateStmt*>(n)->relation;
    case T_ViewStmt: return reinterpret_cast<ViewStmt*>(n)->view;
    case T_IndexStmt: return reinterpret_cast<IndexStmt*>(n)->relation;
    case T_CreateSeqStmt: return reinterpret_cast<CreateSeqStmt*>(n)->sequence;
    default: return nullptr;
  }
}

// PostgreSQL's order for schema elements: sequences, tables, views, indexes, then the rest.
int element_rank(Node* n) {
  switch (nodeTag(n)) {
    case T_CreateSeqStmt: return 0;
    case T_CreateStmt: return 1;
    case T_ViewStmt: return 2;
    case T_IndexStmt: return 3;
    default: return 4;
  }
}

// nextval('old.seq'::regclass) defaults follow their sequence to the new schema name.
std::string move_defaults_sql(const std::string& old_schema, const std::string& new_schema, const std::string& oids) {
  std::string from = "nextval(''" + pg_quote_identifier(old_schema) + ".", to = "nextval(''" + pg_quote_identifier(new_schema) + ".";
  if (new_schema == kPublicSchema) to = "nextval(''";
  return "UPDATE main._pgmicro_attribute SET attdefault = replace(attdefault, '" + from + "', '" + to +
         "') WHERE attrelid IN (" + oids + ");";
}

// The text of each schema element of a CREATE SCHEMA statement: the pieces that start at a
// top-level CREATE or GRANT keyword after the first CREATE (outside quotes, comments and
// parentheses), in the order written. A view keeps its own CREATE VIEW text as definition.
std::vector<std::string> element_texts(const std::string& sql) {
  std::vector<size_t> starts;
  int depth = 0;
  for (size_t i = 0; i < sql.size(); i++) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      for (i++; i < sql.size() && sql[i] != c; i++) {}
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') i++;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t e = sql.find("*/", i + 2);
      i = e == std::string::npos ? sql.size() : e + 1;
    } else if (c == '(') {
      depth++;
    } else if (c == ')') {
      depth--;
    } else if (depth == 0 && std::isalpha(static_cast<unsigned char>(c)) && (i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1])))) {
      size_t e = i;
      while (e < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[e])) || sql[e] == '_')) e++;
      std::string w = sql.substr(i, e - i);
      for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (w == "create" || w == "grant") starts.push_back(i);
      i = e - 1;
    }
  }
  std::vector<std::string> out;
  for (size_t k = 1; k < starts.size(); k++)
    out.push_back(sql.substr(starts[k], (k + 1 < starts.size() ? starts[k + 1] : sql.size()) - starts[k]));
  return out;
}

}  // namespace

void SessionImpl::execute_create_schema(CreateSchemaStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE SCHEMA";
  std::string name;
  if (stmt->schemaname) {
    name = stmt->schemaname;
  } else if (stmt->authrole && stmt->authrole->rolename) {
    name = stmt->authrole->rolename;
  }
  if (stmt->authrole && stmt->authrole->roletype == ROLESPEC_CSTRING && stmt->authrole->rolename &&
      std::string(stmt->authrole->rolename) != "postgres")
    throw PgError(sqlstate::kUndefinedObject, "role \"" + std::string(stmt->authrole->rolename) + "\" does not exist");
  if (name.empty()) name = "postgres";  // CREATE SCHEMA AUTHORIZATION CURRENT_USER
  if (catalog_.find_schema(name) && name != kTempSchema) {
    if (stmt->if_not_exists) {
      out.notices.push_back({"NOTICE", "42P06", "schema \"" + name + "\" already exists, skipping"});
      return;
    }
    throw PgError("42P06", "schema \"" + name + "\" already exists");
  }
  check_schema_name(name);
  Catalog::ensure_catalog_tables(conn_);
  int64_t oid = Catalog::allocate_oid(conn_);
  exec_sql(conn_, "INSERT INTO main._pgmicro_namespace VALUES(" + std::to_string(oid) + ", " + quote_literal(name) + ");");
  bump_schema();
  catalog_.force_reload(conn_);
  // Schema elements, created inside the new schema.
  std::vector<std::pair<Node*, std::string>> elements;
  std::vector<std::string> texts = element_texts(current_stmt_text_);
  for_each_node(stmt->schemaElts, [&](Node* n) {
    size_t i = elements.size();
    elements.push_back({n, i < texts.size() ? texts[i] : std::string()});
  });
  std::stable_sort(elements.begin(), elements.end(), [](auto& a, auto& b) { return element_rank(a.first) < element_rank(b.first); });
  // While the elements are created the new schema is the front of the search path (names in a
  // view's query resolve there first), as PostgreSQL's CreateSchemaCommand does.
  struct RestorePath {
    Catalog& c;
    std::string setting;
    ~RestorePath() { c.set_search_path(setting); }
  } restore{catalog_, settings_.get("search_path")};
  catalog_.set_search_path(pg_quote_identifier(name) + ", " + restore.setting);
  std::string whole = current_stmt_text_;
  struct RestoreText {
    std::string& t;
    std::string saved;
    ~RestoreText() { t = saved; }
  } restore_text{current_stmt_text_, whole};
  for (auto& [n, text] : elements) {
    RangeVar* rv = element_relation(n);
    if (!rv) unsupported("this kind of CREATE SCHEMA element");
    if (rv->schemaname && name != rv->schemaname)
      throw PgError("42P15", "CREATE specifies a schema (" + std::string(rv->schemaname) +
                                 ") different from the one being created (" + name + ")");
    rv->schemaname = const_cast<char*>(name.c_str());
    StatementResult ignored;
    current_stmt_text_ = text;
    execute_utility(n, ignored);
    rv->schemaname = nullptr;
    catalog_.force_reload(conn_);
  }
}

void SessionImpl::execute_drop_schema(DropStmt* stmt, StatementResult& out) {
  out.command_tag = "DROP SCHEMA";
  std::vector<const SchemaDef*> schemas;
  for_each_node(stmt->objects, [&](Node* n) {
    std::string name = node_string(n);
    const SchemaDef* s = catalog_.find_schema(name);
    if (!s) {
      if (stmt->missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "schema \"" + name + "\" does not exist, skipping"});
        return;
      }
      throw PgError("3F000", "schema \"" + name + "\" does not exist");
    }
    if (s->name == kCatalogSchema)
      throw PgError("2BP01", "cannot drop schema pg_catalog because it is required by the database system");
    if (s->name == kPublicSchema) unsupported("DROP SCHEMA public");
    if (s->name == kTempSchema) unsupported("DROP SCHEMA of the temporary schema");
    schemas.push_back(s);
  });
  // What lives in the schemas, in creation (OID) order: PostgreSQL's dependency listing. A
  // foreign key of a table elsewhere follows the table it references.
  struct Member { int64_t oid; std::string what; std::vector<std::string> fks; };
  std::vector<Member> members;
  std::vector<std::string> deps, cascaded;
  std::string sql;
  // A table as PostgreSQL describes it: qualified unless the search path finds it.
  auto q = [](const std::string& n) { return pg_quote_identifier(n); };
  auto visible_name = [&](const TableDef* t) {
    return catalog_.find_table(t->name) == t ? q(t->name) : q(t->schema) + "." + q(t->name);
  };
  for (const SchemaDef* s : schemas) {
    std::vector<Member> mine;
    for (auto& t : catalog_.tables())
      if (t->schema == s->name && !t->plain_sqlite) {
        mine.push_back({t->oid, "table " + q(s->name) + "." + q(t->name), {}});
        sql += drop_table_sql(*t);
        for (auto& [child, fk] : referencing_foreign_keys(catalog_, t->oid)) {
          if (child->schema == s->name) continue;
          mine.back().fks.push_back("constraint " + q(fk->name) + " on table " + visible_name(child));
          sql += "DELETE FROM " + catalog_prefix(child->schema) + "_pgmicro_constraint WHERE oid = " + std::to_string(fk->oid) + ";";
        }
      }
    for (auto* v : catalog_.views_in(s->name)) {
      mine.push_back({v->oid, "view " + q(s->name) + "." + q(v->name), {}});
      sql += drop_view_sql(*v);  // session/view_dependencies.h
    }
    for (auto* seq : catalog_.sequences_in(s->name)) {
      if (seq->owned_by_table && catalog_.find_table_by_oid(seq->owned_by_table) &&
          catalog_.find_table_by_oid(seq->owned_by_table)->schema == s->name)
        continue;  // goes with its table
      mine.push_back({seq->oid, "sequence " + q(s->name) + "." + q(seq->name), {}});
      sql += "DELETE FROM main._pgmicro_sequence WHERE seqrelid = " + std::to_string(seq->oid) + ";DELETE FROM main._pgmicro_class WHERE oid = " +
             std::to_string(seq->oid) + ";DELETE FROM main._pgmicro_description WHERE objoid = " + std::to_string(seq->oid) + ";";
    }
    std::sort(mine.begin(), mine.end(), [](const Member& a, const Member& b) { return a.oid < b.oid; });
    for (auto& m : mine) {
      deps.push_back(m.what + " depends on schema " + q(s->name));
      cascaded.push_back("drop cascades to " + m.what);
      for (auto& fk : m.fks) {
        deps.push_back(fk + " depends on " + m.what);
        cascaded.push_back("drop cascades to " + fk);
      }
    }
    members.insert(members.end(), mine.begin(), mine.end());
    sql += "DELETE FROM main._pgmicro_namespace WHERE oid = " + std::to_string(s->oid) + ";DELETE FROM main._pgmicro_description WHERE objoid = " +
           std::to_string(s->oid) + ";";
  }
  auto lines = [](const std::vector<std::string>& v) {
    std::string r;
    for (auto& l : v) r += (r.empty() ? "" : "\n") + l;
    return r;
  };
  if (!deps.empty() && stmt->behavior != DROP_CASCADE) {
    std::string first = schemas[0]->name;
    for (const SchemaDef* s : schemas)
      if (std::any_of(members.begin(), members.end(), [&](const Member& m) { return m.what.find(" " + q(s->name) + ".") != std::string::npos; })) {
        first = s->name;
        break;
      }
    throw PgError("2BP01", "cannot drop schema " + q(first) + " because other objects depend on it", lines(deps),
                  "Use DROP ... CASCADE to drop the dependent objects too.");
  }
  if (cascaded.size() == 1) out.notices.push_back({"NOTICE", "00000", cascaded[0]});
  if (cascaded.size() > 1)
    out.notices.push_back({"NOTICE", "00000", "drop cascades to " + std::to_string(cascaded.size()) + " other objects", lines(cascaded)});
  if (schemas.empty()) return;
  drop_triggers("");
  exec_sql(conn_, sql);
  bump_schema();
}

std::string SessionImpl::move_indexes_sql(const TableDef& t, const std::string& new_schema) {
  std::string sql;
  for (auto& ix : t.indexes) {
    if (!ix.plain_keys()) unsupported("moving a table with expression or partial indexes to another schema");
    std::string cols;
    for (size_t i = 0; i < ix.columns.size(); i++)
      cols += (i ? ", " : "") + quote_ident(t.columns[ix.columns[i]].name) + (i < ix.descending.size() && ix.descending[i] ? " DESC" : "");
    sql += "DROP INDEX " + sqlite_ref(t.schema, ix.name) + ";CREATE " + (ix.unique ? "UNIQUE " : "") + "INDEX " +
           sqlite_ref(new_schema, ix.name) + " ON " + quote_ident(sqlite_relation_name(new_schema, t.name)) + " (" + cols + ");";
  }
  return sql;
}

void SessionImpl::execute_rename_schema(RenameStmt* stmt, StatementResult& out) {
  out.command_tag = "ALTER SCHEMA";
  std::string old_name = stmt->subname, new_name = stmt->newname;
  const SchemaDef* s = catalog_.find_schema(old_name);
  if (!s || s->name == kTempSchema) throw PgError("3F000", "schema \"" + old_name + "\" does not exist");
  if (s->name == kPublicSchema || s->name == kCatalogSchema) unsupported("renaming schema " + s->name);
  if (catalog_.find_schema(new_name)) throw PgError("42P06", "schema \"" + new_name + "\" already exists");
  check_schema_name(new_name);
  drop_triggers("");
  std::string sql, oids = "0";
  for (auto& t : catalog_.tables()) {
    if (t->schema != s->name) continue;
    // Indexes first (they move by name), then the table keeps its rows under the new name.
    sql += "ALTER TABLE " + t->sqlite_ref() + " RENAME TO " + quote_ident(sqlite_relation_name(new_name, t->name)) + ";";
    TableDef moved_from = *t;
    moved_from.schema = s->name;
    std::string ix = move_indexes_sql(moved_from, new_name);
    // DROP INDEX names the index under the old schema; the table was already renamed, which
    // SQLite's indexes follow, so only the index names change.
    sql += ix;
    oids += "," + std::to_string(t->oid);
  }
  sql += "UPDATE main._pgmicro_class SET nspname = " + quote_literal(new_name) + " WHERE nspname = " + quote_literal(s->name) + ";";
  sql += "UPDATE main._pgmicro_namespace SET nspname = " + quote_literal(new_name) + " WHERE oid = " + std::to_string(s->oid) + ";";
  sql += move_defaults_sql(s->name, new_name, oids);
  exec_sql(conn_, sql);
  bump_schema();
}

void SessionImpl::execute_alter_object_schema(AlterObjectSchemaStmt* stmt, StatementResult& out) {
  ObjectType type = stmt->objectType;
  if (type != OBJECT_TABLE && type != OBJECT_VIEW && type != OBJECT_SEQUENCE) unsupported("ALTER ... SET SCHEMA on this kind of object");
  out.command_tag = type == OBJECT_TABLE ? "ALTER TABLE" : type == OBJECT_VIEW ? "ALTER VIEW" : "ALTER SEQUENCE";
  RangeVar* rv = stmt->relation;
  std::string schema = rv->schemaname ? rv->schemaname : "";
  std::string name = rv->relname, target = stmt->newschema;
  if (!schema.empty() && !catalog_.find_schema(schema)) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "schema \"" + schema + "\" does not exist, skipping"});
      return;
    }
    throw PgError("3F000", "schema \"" + schema + "\" does not exist");
  }
  const TableDef* t = type == OBJECT_TABLE ? catalog_.find_table(schema, name) : nullptr;
  const ViewDef* v = type == OBJECT_VIEW ? catalog_.find_view(schema, name) : nullptr;
  const SequenceDef* q = type == OBJECT_SEQUENCE ? catalog_.find_sequence(schema, name) : nullptr;
  if (!t && !v && !q) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "relation \"" + name + "\" does not exist, skipping"});
      return;
    }
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + (schema.empty() ? "" : schema + ".") + name + "\" does not exist");
  }
  const SchemaDef* to = catalog_.find_schema(target);
  if (!to) throw PgError("3F000", "schema \"" + target + "\" does not exist");
  std::string from = t ? t->schema : v ? v->schema : q->schema;
  if (from == kTempSchema || to->name == kTempSchema) throw PgError("0A000", "cannot move objects into or out of temporary schemas");
  if (to->name == kCatalogSchema) unsupported("moving objects into schema pg_catalog");
  if (t && t->plain_sqlite) unsupported("ALTER TABLE on tables outside the PostgreSQL catalog");
  if (from == to->name) return;
  if (catalog_.relation_exists(to->name, name))
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists in schema \"" + to->name + "\"");
  std::string sql, nsp = quote_literal(to->name);
  if (t) {
    drop_triggers("");
    sql += "ALTER TABLE " + t->sqlite_ref() + " RENAME TO " + quote_ident(sqlite_relation_name(to->name, t->name)) + ";";
    sql += move_indexes_sql(*t, to->name);
    std::string oid = std::to_string(t->oid);
    sql += "UPDATE main._pgmicro_class SET nspname = " + nsp + " WHERE oid = " + oid +
           " OR oid IN (SELECT indexrelid FROM main._pgmicro_index WHERE indrelid = " + oid +
           ") OR oid IN (SELECT seqrelid FROM main._pgmicro_sequence WHERE owned_by_rel = " + oid + ");";
    if (from == kPublicSchema) {
      // nextval('seq') of a public table becomes nextval('schema.seq').
      sql += "UPDATE main._pgmicro_attribute SET attdefault = replace(attdefault, 'nextval(''', 'nextval(''" +
             pg_quote_identifier(to->name) + ".') WHERE attrelid = " + oid + " AND attdefault LIKE 'nextval(''%';";
    } else {
      sql += move_defaults_sql(from, to->name, oid);
    }
  } else {
    sql += "UPDATE main._pgmicro_class SET nspname = " + nsp + " WHERE oid = " + std::to_string(v ? v->oid : q->oid) + ";";
  }
  exec_sql(conn_, sql);
  bump_schema();
}

// DISCARD TEMP drops this session's temporary objects; DISCARD PLANS forgets cached plans;
// DISCARD SEQUENCES forgets currval/lastval; DISCARD ALL does all of it, RESET ALL and
// DEALLOCATE ALL, outside a transaction block only.
void SessionImpl::execute_discard(DiscardStmt* stmt, StatementResult& out) {
  static const char* const tags[] = {"DISCARD ALL", "DISCARD PLANS", "DISCARD SEQUENCES", "DISCARD TEMP"};
  out.command_tag = tags[stmt->target];
  bool all = stmt->target == DISCARD_ALL;
  if (all && status_ != TransactionStatus::Idle) throw PgError("25001", "DISCARD ALL cannot run inside a transaction block");
  if (all || stmt->target == DISCARD_PLANS) plan_cache_.clear();
  if (all || stmt->target == DISCARD_SEQUENCES) {
    runtime_.session_sequence_values.clear();
    runtime_.has_last_sequence_value = false;
  }
  if (all) {
    settings_.reset_all();
    prepared_.clear();
  }
  if ((all || stmt->target == DISCARD_TEMP) && catalog_.temp_schema_exists()) {
    std::string sql;
    for (auto& t : catalog_.tables())
      if (t->temporary()) sql += drop_table_sql(*t);
    sql += "DELETE FROM pgtemp._pgmicro_view; DELETE FROM pgtemp._pgmicro_sequence; DELETE FROM pgtemp._pgmicro_description;"
           "DELETE FROM pgtemp._pgmicro_class;";
    drop_triggers("");
    exec_sql(conn_, sql);
    on_commit_.clear();
    catalog_.force_reload(conn_);
    triggers_dirty_ = true;
  }
}

void SessionImpl::run_on_commit_actions() {
  if (on_commit_.empty()) return;
  if (catalog_.refresh(conn_)) triggers_dirty_ = true;  // the next statement rebuilds the checks
  std::string sql;
  for (auto it = on_commit_.begin(); it != on_commit_.end();) {
    const TableDef* t = catalog_.find_table_by_oid(it->first);
    if (!t) {
      it = on_commit_.erase(it);
      continue;
    }
    char action = it->second;
    ++it;
    if (action == 'd') sql += "DELETE FROM " + t->sqlite_ref() + ";";
    else sql += drop_table_sql(*t);  // erases the entry
  }
  if (!sql.empty()) {
    if (sql.find("DROP TABLE") != std::string::npos) {
      drop_triggers("");
      triggers_dirty_ = true;
    }
    exec_sql(conn_, sql);
  }
}

}  // namespace pgmicro
