// ALTER TABLE: ADD COLUMN [IF NOT EXISTS] (type, NOT NULL, DEFAULT, serial, identity; existing rows get
// the default), DROP COLUMN [IF EXISTS], ALTER COLUMN SET/DROP DEFAULT, SET/DROP NOT NULL,
// RENAME COLUMN, RENAME TO. Each subcommand changes the SQLite table and the _pgmicro_*
// catalog in the statement's transaction.
#include <algorithm>
#include <functional>
#include "analyze/collation.h"
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "catalog/system_relations.h"
#include "common/error.h"
#include "runtime/function_context.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/deferred_constraints.h"
#include "session/foreign_keys.h"
#include "session/sequence_options.h"
#include "session/typed_tables.h"
#include "types/type_io.h"
#include "session/rule_checks.h"
#include "session/session_impl.h"
#include "session/view_dependencies.h"
#include "session/view_star_freeze.h"

namespace pgmicro {

std::string stored_default_text(const ExprPtr& e, const ExprPtr& c);  // ddl.cpp

std::string analyze_generation_expr(Analyzer& a, const TableDef& t, int column, Node* node);  // ddl.cpp

// DROP COLUMN of a column views read: 2BP01, or with CASCADE the views are dropped (below).
bool drop_views_reading_column(Catalog& catalog_, sqlite3* conn_, const TableDef& t, const std::string& col, bool cascade,
                               StatementResult& out);

void SessionImpl::bump_schema() {
  // Catalog-only changes still move SQLite's schema_version, which every session watches.
  exec_sql(conn_, "CREATE TABLE _pgmicro_bump(x); DROP TABLE _pgmicro_bump;");
}

namespace {

std::string keys_text(const std::vector<int>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++) s += (i ? "," : "") + std::to_string(cols[i] + 1);
  return s;
}

bool is_system_column_name(const std::string& n) {
  return n == "tableoid" || n == "cmax" || n == "xmax" || n == "cmin" || n == "xmin" || n == "ctid";
}

bool has_nulls(sqlite3* db, const TableDef& t, const std::string& col) {
  std::string q = "SELECT 1 FROM " + t.sqlite_ref() + " WHERE " + quote_ident(col) + " IS NULL LIMIT 1";
  sqlite3_stmt* st = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK) found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

}  // namespace

void SessionImpl::execute_alter_table(AlterTableStmt* stmt, StatementResult& out) {
  if (alter_sequence_persistence(stmt, out) || alter_index_statistics(stmt, out)) return;
  if (stmt->objtype != OBJECT_TABLE) unsupported("ALTER on this kind of object");
  out.command_tag = "ALTER TABLE";
  std::string tname = stmt->relation->relname;
  std::string tschema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  if (stmt->missing_ok && !tschema.empty() && !catalog_.find_schema(tschema)) {
    out.notices.push_back({"NOTICE", "00000", "schema \"" + tschema + "\" does not exist, skipping"});
    return;
  }
  if (stmt->missing_ok && !catalog_.find_table(tschema, tname)) {
    out.notices.push_back({"NOTICE", "00000", "relation \"" + tname + "\" does not exist, skipping"});
    return;
  }
  if (!catalog_.find_table(tschema, tname))
    if (const SystemRelation* sr = find_system_relation(tschema, tname); sr && sr->relkind == 'r')
      throw PgError("42501", "permission denied: \"" + tname + "\" is a system catalog");
  tschema = ddl_table(stmt->relation)->schema;
  // Views over `SELECT *` keep their columns (session/view_star_freeze.h).
  bool adds_columns = false;
  for_each_node(stmt->cmds, [&](Node* n) { adds_columns |= reinterpret_cast<AlterTableCmd*>(n)->subtype == AT_AddColumn; });
  StarViews star_views;
  if (adds_columns) star_views = snapshot_star_views(catalog_);
  for_each_node(stmt->cmds, [&](Node* n) {
    auto* cmd = reinterpret_cast<AlterTableCmd*>(n);
    catalog_.force_reload(conn_);
    prepare_user_types();
    const TableDef* t = catalog_.find_table(tschema, tname);
    const std::string cp = catalog_prefix(t->schema);
    if (t->plain_sqlite) unsupported("ALTER TABLE on tables outside the PostgreSQL catalog");
    std::string oid = std::to_string(t->oid);
    std::vector<Oid> no_params;
    Analyzer a(catalog_, no_params);
    a.sql_ = current_sql_;
    switch (cmd->subtype) {
      case AT_AddColumn: {
        auto* cd = reinterpret_cast<::ColumnDef*>(cmd->def);
        std::string col = cd->colname;
        if (is_system_column_name(col))
          throw PgError(sqlstate::kDuplicateColumn, "column name \"" + col + "\" conflicts with a system column name");
        if (t->find_column(col) >= 0) {
          if (cmd->missing_ok) {
            out.notices.push_back({"NOTICE", "42701", "column \"" + col + "\" of relation \"" + tname + "\" already exists, skipping"});
            return;
          }
          throw PgError(sqlstate::kDuplicateColumn, "column \"" + col + "\" of relation \"" + tname + "\" already exists");
        }
        Oid type;
        int32_t typmod = -1;
        bool not_null = false, serial = false;
        std::string last = node_string(list_at(cd->typeName->names, list_size(cd->typeName->names) - 1));
        if (list_size(cd->typeName->names) == 1 && (last == "serial" || last == "bigserial" || last == "smallserial" ||
                                                    last == "serial4" || last == "serial8" || last == "serial2")) {
          type = last == "bigserial" || last == "serial8" ? oid::kInt8 : last == "smallserial" || last == "serial2" ? oid::kInt2 : oid::kInt4;
          serial = not_null = true;
        } else {
          a.resolve_type_name(cd->typeName, type, typmod);
        }
        Oid coll = column_collation(cd->collClause, type, typmod);
        Node* def = cd->raw_default;
        Constraint* identity = nullptr;
        Constraint* generated = nullptr;  // GENERATED ALWAYS AS (expr) STORED
        std::vector<Constraint*> column_constraints;  // CHECK, UNIQUE, PRIMARY KEY, REFERENCES: added after the column
        fold_constraint_attributes(cd->constraints);
        for_each_node(cd->constraints, [&](Node* cn) {
          auto* c = reinterpret_cast<Constraint*>(cn);
          if (c->contype == CONSTR_NOTNULL) not_null = true;
          else if (c->contype == CONSTR_NULL) {}
          else if (c->contype == CONSTR_DEFAULT) def = c->raw_expr;
          else if (c->contype == CONSTR_IDENTITY) {
            if (identity)
              throw PgError(sqlstate::kSyntaxError, "multiple identity specifications for column \"" + col + "\" of table \"" +
                                                        tname + "\"").at(c->location);
            identity = c;
            not_null = true;
          } else if (c->contype == CONSTR_CHECK || c->contype == CONSTR_UNIQUE || c->contype == CONSTR_PRIMARY ||
                     c->contype == CONSTR_FOREIGN) {
            column_constraints.push_back(c);
          } else if (c->contype == CONSTR_GENERATED) {
            if (generated)
              throw PgError(sqlstate::kSyntaxError, "multiple generation clauses specified for column \"" + col +
                                                        "\" of table \"" + tname + "\"").at(c->location);
            generated = c;
          } else if (c->contype != CONSTR_ATTR_DEFERRABLE && c->contype != CONSTR_ATTR_NOT_DEFERRABLE &&
                     c->contype != CONSTR_ATTR_IMMEDIATE && c->contype != CONSTR_ATTR_DEFERRED) {
            unsupported("constraints in ALTER TABLE ... ADD COLUMN", c->location);
          }
          if (identity && (def || serial))
            throw PgError(sqlstate::kSyntaxError, "both default and identity specified for column \"" + col + "\" of table \"" +
                                                      tname + "\"").at(serial ? -1 : c->location);
        });
        if (generated && (def || serial))
          throw PgError(sqlstate::kSyntaxError, "both default and generation expression specified for column \"" + col +
                                                    "\" of table \"" + tname + "\"").at(serial ? -1 : generated->location);
        if (generated && identity)
          throw PgError(sqlstate::kSyntaxError, "both identity and generation expression specified for column \"" + col +
                                                    "\" of table \"" + tname + "\"").at(generated->location);
        std::string generation_text;
        if (generated) {
          // Analysed over the table with the new column (no error position, as PostgreSQL's
          // ALTER TABLE has none for it).
          TableDef shape = *t;
          ::pgmicro::ColumnDef nc;
          nc.name = col;
          nc.type = type;
          nc.typmod = typmod;
          nc.generated = 's';
          shape.columns.push_back(nc);
          try {
            generation_text = analyze_generation_expr(a, shape, (int)shape.columns.size() - 1, generated->raw_expr);
          } catch (PgError& e) {
            e.error.position = 0;
            throw;
          }
        }
        if (identity && type != oid::kInt2 && type != oid::kInt4 && type != oid::kInt8)
          throw PgError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
        std::string default_text;
        if (def) {
          ExprPtr e = a.transform_expr(def, ExprContext::Default);
          ExprPtr c = a.coerce_to(e, type, typmod, CastContext::Assignment, -1);
          if (!c)
            throw PgError(sqlstate::kDatatypeMismatch, "column \"" + col + "\" is of type " + format_type_name(type, -1) +
                                                           " but default expression is of type " + format_type_name(e->type, -1),
                          "", "You will need to rewrite or cast the expression.").at(expr_location(def));
          default_text = stored_default_text(e, c);
          // A non-null default rewrites the rows: refused while another table's column stores
          // this table's row type (PostgreSQL's find_composite_type_dependencies).
          if (!(c->kind == ExprKind::Const && c->value.is_null()))
            for (auto& other : catalog_.tables())
              for (auto& oc : other->columns)
                if (t->oid > 0 && oc.type == Oid(t->oid))
                  throw PgError(sqlstate::kFeatureNotSupported, "cannot alter table \"" + t->name + "\" because column \"" +
                                                                    other->name + "." + oc.name + "\" uses its row type");
        }
        int attnum = (int)t->columns.size() + 1;
        std::string sql;
        if (serial) {
          std::string seqname = tname + "_" + col + "_seq";
          if (catalog_.relation_exists(t->schema, seqname)) throw PgError(sqlstate::kDuplicateTable, "relation \"" + seqname + "\" already exists");
          int64_t soid = Catalog::allocate_oid(conn_);
          int64_t maxv = type == oid::kInt2 ? 32767 : type == oid::kInt4 ? 2147483647 : INT64_MAX;
          sql += "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(soid) + ", " + quote_literal(t->schema) + ", " + quote_literal(seqname) + ", 'S');";
          sql += "INSERT INTO " + cp + "_pgmicro_sequence(seqrelid, seqtypid, seqstart, seqincrement, seqmin, seqmax, last_value, is_called, owned_by_rel, owned_by_att) VALUES(" + std::to_string(soid) + ", " + std::to_string(type) + ", 1, 1, 1, " +
                 std::to_string(maxv) + ", 1, 0, " + oid + ", " + std::to_string(attnum) + ");";
          default_text = "nextval(" + quote_literal(t->schema == kPublicSchema || t->temporary() ? seqname : pg_quote_identifier(t->schema) + "." + seqname) + "::regclass)";
        }
        if (identity) {
          SequenceOptions o = parse_sequence_options(catalog_, identity->options, type, true);
          std::string seqname = o.name;
          if (seqname.empty()) {
            std::string base = tname + "_" + col + "_seq";
            seqname = base;
            for (int i = 1; catalog_.relation_exists(t->schema, seqname); i++) seqname = base + std::to_string(i);
          }
          if (catalog_.relation_exists(t->schema, seqname)) throw PgError(sqlstate::kDuplicateTable, "relation \"" + seqname + "\" already exists");
          int64_t soid = Catalog::allocate_oid(conn_);
          sql += "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(soid) + ", " + quote_literal(t->schema) + ", " + quote_literal(seqname) + ", 'S');";
          sql += sequence_catalog_row(soid, o, t->oid, attnum, cp);
          default_text = "nextval(" + quote_literal(t->schema == kPublicSchema || t->temporary() ? seqname : pg_quote_identifier(t->schema) + "." + seqname) + "::regclass)";
        }
        drop_triggers(tname);
        std::string decl = sqlite_column_type(type, typmod);
        sql += "ALTER TABLE " + t->sqlite_ref() + " ADD COLUMN " + quote_ident(col) + " " + decl + ";";
        sql += "INSERT INTO " + cp + "_pgmicro_attribute VALUES(" + oid + ", " + std::to_string(attnum) + ", " + quote_literal(col) + ", " +
               std::to_string(type) + ", " + std::to_string(typmod) + ", " + (not_null ? "1" : "0") + ", " +
               (generated ? quote_literal(generation_text) : default_text.empty() ? "NULL" : quote_literal(default_text)) + ", " +
               quote_literal(identity ? std::string(1, identity->generated_when) : "") + ", " +
               (generated ? "'s'" : "''") + ", " + std::to_string(coll) + ");";
        exec_sql(conn_, sql);
        catalog_.force_reload(conn_);
        prepare_user_types();
        t = catalog_.find_table(tschema, tname);
        if (generated) {
          // Existing rows get the computed value.
          UpdateQuery uq;
          uq.table = t;
          auto scope = a.dml_scope(t, "");
          uq.rtable = scope->rtable;
          uq.sets.push_back({attnum - 1, a.transform_generated(*t, attnum - 1)});
          runtime_.pending_error.reset();
          int rc = sqlite3_exec(conn_, lower_update(uq).c_str(), nullptr, nullptr, nullptr);
          if (rc != SQLITE_OK) throw PgError(translate_sqlite_error(rc));
        } else if (!default_text.empty() || is_domain_type(type)) {
          // Existing rows take the default (a domain's: its default and checks), evaluated per
          // row as PostgreSQL does.
          UpdateQuery uq;
          uq.table = t;
          auto scope = a.dml_scope(t, "");
          uq.rtable = scope->rtable;
          uq.sets.push_back({attnum - 1, a.transform_default(*t, attnum - 1)});
          runtime_.pending_error.reset();
          int rc = sqlite3_exec(conn_, lower_update(uq).c_str(), nullptr, nullptr, nullptr);
          if (rc != SQLITE_OK) throw PgError(translate_sqlite_error(rc));
        }
        if (not_null && has_nulls(conn_, *t, col))
          throw PgError(sqlstate::kNotNullViolation, "column \"" + col + "\" of relation \"" + tname + "\" contains null values");
        for (Constraint* c : column_constraints) {
          catalog_.force_reload(conn_);
          t = catalog_.find_table(tschema, tname);
          if (c->contype == CONSTR_FOREIGN) add_foreign_key(*t, c, {attnum - 1});
          else alter_add_constraint(*t, c, out, {attnum - 1});
        }
        return;
      }
      case AT_DropColumn: {
        std::string col = cmd->name;
        int idx = t->find_column(col);
        if (idx < 0 && is_system_column_name(col)) throw PgError(sqlstate::kFeatureNotSupported, "cannot drop system column \"" + col + "\"");
        if (idx < 0) {
          if (cmd->missing_ok) {
            out.notices.push_back({"NOTICE", "00000", "column \"" + col + "\" of relation \"" + tname + "\" does not exist, skipping"});
            return;
          }
          throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + tname + "\" does not exist");
        }
        if (drop_views_reading_column(catalog_, conn_, *t, col, cmd->behavior == DROP_CASCADE, out)) bump_schema();
        // Generated columns computed from it depend on it (a normal dependency: 2BP01; CASCADE
        // drops them first).
        std::string dependents;
        std::vector<std::string> dependent_columns;
        for (size_t g = 0; g < t->columns.size(); g++) {
          if (!t->columns[g].generated || (int)g == idx) continue;
          std::function<bool(const Expr&)> uses = [&](const Expr& x) {
            if (x.kind == ExprKind::Var && x.levelsup == 0 && x.attno == idx) return true;
            for (auto& arg : x.args)
              if (uses(*arg)) return true;
            return false;
          };
          if (!uses(*a.transform_generated(*t, (int)g))) continue;
          dependents += (dependents.empty() ? "" : "\n") + std::string("column ") + t->columns[g].name + " of table " + tname +
                        " depends on column " + col + " of table " + tname;
          dependent_columns.push_back(t->columns[g].name);
        }
        if (!dependents.empty()) {
          if (cmd->behavior != DROP_CASCADE)
            throw PgError("2BP01", "cannot drop column " + col + " of table " + tname + " because other objects depend on it",
                          dependents, "Use DROP ... CASCADE to drop the dependent objects too.");
          if (!t->parents.empty() || !t->children.empty())
            unsupported("DROP COLUMN ... CASCADE of a column used by a generated column in an inheritance tree");
          std::string listed;
          for (auto& d : dependent_columns) listed += (listed.empty() ? "" : "\n") + std::string("drop cascades to column ") + d + " of table " + tname;
          if (dependent_columns.size() == 1) out.notices.push_back({"NOTICE", "00000", listed});
          else out.notices.push_back({"NOTICE", "00000", "drop cascades to " + std::to_string(dependent_columns.size()) + " other objects", listed});
          std::string_view saved = current_sql_;
          // `t` does not survive the first nested ALTER (it reloads the catalog).
          const std::string target = pg_quote_identifier(t->temporary() ? std::string("pg_temp") : t->schema) + "." + pg_quote_identifier(tname);
          for (auto& d : dependent_columns) {
            std::string text = "ALTER TABLE " + target + " DROP COLUMN " + pg_quote_identifier(d);
            ParsedScript parsed(text);
            current_sql_ = text;
            StatementResult ignored;
            try {
              execute_alter_table(reinterpret_cast<AlterTableStmt*>(parsed.statements().at(0).raw->stmt), ignored);
            } catch (...) {
              current_sql_ = saved;
              throw;
            }
            current_sql_ = saved;
          }
          catalog_.force_reload(conn_);
          prepare_user_types();
          t = catalog_.find_table(tschema, tname);
          idx = t->find_column(col);
        }
        // CHECK constraints using the column go with it (PostgreSQL's automatic dependency).
        std::vector<int64_t> dropped_checks;
        for (auto& c : t->constraints) {
          if (c.type == 'c' && c.check_expr.find(col) != std::string::npos) {
            std::vector<int> vars;
            std::string text = "SELECT " + c.check_expr;
            ParsedScript ps(text);
            auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
            std::string_view saved = current_sql_;
            current_sql_ = text;
            try {
              check_expr_sql(*t, reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, &vars);
            } catch (...) {
              current_sql_ = saved;
              throw;
            }
            current_sql_ = saved;
            if (std::find(vars.begin(), vars.end(), idx) != vars.end()) dropped_checks.push_back(c.oid);
            continue;
          }
          if (std::find(c.columns.begin(), c.columns.end(), idx) != c.columns.end())
            unsupported("dropping a column used by constraint \"" + c.name + "\"");
        }
        for (auto& ix : t->indexes)
          if (std::find(ix.columns.begin(), ix.columns.end(), idx) != ix.columns.end())
            unsupported("dropping a column used by index \"" + ix.name + "\"");
        auto referencing = referencing_foreign_keys(catalog_, t->oid);
        for (auto& [child, fk] : referencing)
          if (std::find(fk->ref_columns.begin(), fk->ref_columns.end(), idx) != fk->ref_columns.end())
            unsupported("dropping a column referenced by foreign key constraint \"" + fk->name + "\"");
        if (t->columns.size() == 1) unsupported("dropping the last column of a table");
        drop_triggers(tname);
        std::string num = std::to_string(idx + 1);
        std::string sql;
        for (int64_t coid : dropped_checks)
          sql += "DELETE FROM " + cp + "_pgmicro_constraint WHERE oid = " + std::to_string(coid) + ";DELETE FROM " + cp +
                 "_pgmicro_coninh WHERE conoid = " + std::to_string(coid) + ";";
        sql += "ALTER TABLE " + t->sqlite_ref() + " DROP COLUMN " + quote_ident(col) + ";";
        sql += "DELETE FROM " + cp + "_pgmicro_attribute WHERE attrelid = " + oid + " AND attnum = " + num + ";";
        sql += "UPDATE " + cp + "_pgmicro_attribute SET attnum = -(attnum - 1) WHERE attrelid = " + oid + " AND attnum > " + num + ";";
        sql += "UPDATE " + cp + "_pgmicro_attribute SET attnum = -attnum WHERE attrelid = " + oid + " AND attnum < 0;";
        sql += "DELETE FROM " + cp + "_pgmicro_class WHERE oid IN (SELECT seqrelid FROM " + cp + "_pgmicro_sequence WHERE owned_by_rel = " + oid +
               " AND owned_by_att = " + num + ");";
        sql += "DELETE FROM " + cp + "_pgmicro_sequence WHERE owned_by_rel = " + oid + " AND owned_by_att = " + num + ";";
        sql += "UPDATE " + cp + "_pgmicro_sequence SET owned_by_att = owned_by_att - 1 WHERE owned_by_rel = " + oid + " AND owned_by_att > " + num + ";";
        auto shift = [&](std::vector<int> cols) {
          for (auto& c : cols)
            if (c > idx) c--;
          return keys_text(cols);
        };
        for (auto& c : t->constraints)
          if (c.type != 'c')
            sql += "UPDATE " + cp + "_pgmicro_constraint SET conkey = '" + shift(c.columns) + "' WHERE oid = " + std::to_string(c.oid) + ";";
        for (auto& [child, fk] : referencing)
          sql += "UPDATE " + cp + "_pgmicro_constraint SET confkey = '" + shift(fk->ref_columns) + "' WHERE oid = " + std::to_string(fk->oid) + ";";
        for (auto& ix : t->indexes)
          sql += "UPDATE " + cp + "_pgmicro_index SET indkey = '" + shift(ix.columns) + "' WHERE indexrelid = " + std::to_string(ix.oid) + ";";
        exec_sql(conn_, sql);
        return;
      }
      case AT_ColumnDefault: {
        int idx = t->find_column(cmd->name);
        if (idx < 0)
          throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(cmd->name) + "\" of relation \"" + tname + "\" does not exist");
        std::string text;
        if (t->columns[idx].identity)
          throw PgError(sqlstate::kSyntaxError, "column \"" + std::string(cmd->name) + "\" of relation \"" + tname + "\" is an identity column",
                        "", cmd->def ? "" : "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.");
        if (t->columns[idx].generated)
          throw PgError(sqlstate::kSyntaxError, "column \"" + std::string(cmd->name) + "\" of relation \"" + tname + "\" is a generated column",
                        "", cmd->def ? "" : "Use ALTER TABLE ... ALTER COLUMN ... DROP EXPRESSION instead.");
        if (cmd->def) {
          const ColumnDef& c = t->columns[idx];
          ExprPtr e, cc;
          try {
            e = a.transform_expr(cmd->def, ExprContext::Default);
            cc = a.coerce_to(e, c.type, c.typmod, CastContext::Assignment, -1);
          } catch (PgError& err) {
            err.error.position = 0;  // PostgreSQL's cookDefault has no statement text
            throw;
          }
          if (!cc)
            throw PgError(sqlstate::kDatatypeMismatch, "column \"" + c.name + "\" is of type " + format_type_name(c.type, -1) +
                                                           " but default expression is of type " + format_type_name(e->type, -1),
                          "", "You will need to rewrite or cast the expression.").at(expr_location(cmd->def));
          text = deparse_expr(*cc);
        }
        exec_sql(conn_, "UPDATE " + cp + "_pgmicro_attribute SET attdefault = " + (text.empty() ? std::string("NULL") : quote_literal(text)) +
                            " WHERE attrelid = " + oid + " AND attnum = " + std::to_string(idx + 1));
        bump_schema();
        return;
      }
      case AT_SetNotNull:
      case AT_DropNotNull: {
        int idx = t->find_column(cmd->name);
        if (idx < 0)
          throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(cmd->name) + "\" of relation \"" + tname + "\" does not exist");
        bool set = cmd->subtype == AT_SetNotNull;
        if (set && has_nulls(conn_, *t, cmd->name))
          throw PgError(sqlstate::kNotNullViolation, "column \"" + std::string(cmd->name) + "\" of relation \"" + tname + "\" contains null values");
        if (!set && t->columns[idx].identity)
          throw PgError(sqlstate::kSyntaxError, "column \"" + std::string(cmd->name) + "\" of relation \"" + tname + "\" is an identity column");
        if (!set)
          for (auto& c : t->constraints)
            if (c.type == 'p' && std::find(c.columns.begin(), c.columns.end(), idx) != c.columns.end())
              throw PgError(sqlstate::kInvalidTableDefinition, "column \"" + std::string(cmd->name) + "\" is in a primary key");
        exec_sql(conn_, std::string("UPDATE " + cp + "_pgmicro_attribute SET attnotnull = ") + (set ? "1" : "0") + " WHERE attrelid = " + oid +
                            " AND attnum = " + std::to_string(idx + 1));
        bump_schema();
        return;
      }
      case AT_AddConstraint: {
        auto* c = reinterpret_cast<Constraint*>(cmd->def);
        if (c->contype != CONSTR_FOREIGN) return alter_add_constraint(*t, c, out);
        if (t->partition_strategy && (!stmt->relation->inh || c->skip_validation)) {
          const std::string ref = c->pktable && c->pktable->relname ? c->pktable->relname : "";
          if (!stmt->relation->inh)
            throw PgError(sqlstate::kWrongObjectType, "cannot use ONLY for foreign key on partitioned table \"" + t->name +
                                                          "\" referencing relation \"" + ref + "\"");
          throw PgError(sqlstate::kWrongObjectType,
                        "cannot add NOT VALID foreign key on partitioned table \"" + t->name + "\" referencing relation \"" + ref + "\"",
                        "This feature is not yet supported on partitioned tables.");
        }
        return add_foreign_key(*t, c);
      }
      case AT_ValidateConstraint: return alter_validate_constraint(*t, cmd->name);
      case AT_AlterConstraint: return alter_constraint_deferrability(*t, reinterpret_cast<Constraint*>(cmd->def));
      case AT_AddIdentity: case AT_SetIdentity: case AT_DropIdentity: return alter_identity(*t, cmd, out);
      case AT_AlterColumnType:
        if (auto used = views_reading_column(catalog_, t->oid, cmd->name); !used.empty())
          throw PgError(sqlstate::kFeatureNotSupported, "cannot alter type of a column used by a view or rule",
                        "rule _RETURN on view " + relation_description_name(catalog_, used[0]->oid) + " depends on column \"" +
                            std::string(cmd->name) + "\"");
        return alter_column_type(*t, cmd);
      case AT_SetStatistics: case AT_SetStorage: case AT_SetOptions: case AT_ResetOptions: case AT_SetCompression:
      case AT_ClusterOn: case AT_DropCluster: case AT_SetRelOptions: case AT_ResetRelOptions: case AT_ReplicaIdentity:
      case AT_DropOids: case AT_SetLogged: case AT_SetUnLogged: {
        return alter_table_noop(*t, cmd);
      }
      case AT_DropConstraint: {
        std::string name = cmd->name;
        const ConstraintDef* found = nullptr;
        for (auto& c : t->constraints)
          if (c.name == name) found = &c;
        if (!found) {
          if (cmd->missing_ok) {
            out.notices.push_back({"NOTICE", "00000", "constraint \"" + name + "\" of relation \"" + tname + "\" does not exist, skipping"});
            return;
          }
          throw PgError(sqlstate::kUndefinedObject, "constraint \"" + name + "\" of relation \"" + tname + "\" does not exist");
        }
        if (found->type == 'p' || found->type == 'u') return drop_key_constraint(*t, *found, cmd->behavior == DROP_CASCADE, out);
        drop_triggers(tname);
        exec_sql(conn_, "DELETE FROM " + cp + "_pgmicro_constraint WHERE oid = " + std::to_string(found->oid));
        bump_schema();
        return;
      }
      case AT_DropExpression: {
        int idx = t->find_column(cmd->name);
        std::string col = cmd->name;
        if (idx < 0)
          throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + tname + "\" does not exist");
        if (!stmt->relation->inh && !t->children.empty())
          throw PgError(sqlstate::kFeatureNotSupported, "ALTER TABLE / DROP EXPRESSION must be applied to child tables too");
        if (t->columns[idx].inhcount > 0)
          throw PgError("42P16", "cannot drop generation expression from inherited column");
        if (!t->columns[idx].generated) {
          std::string m = "column \"" + col + "\" of relation \"" + tname + "\" is not a stored generated column";
          if (!cmd->missing_ok) throw PgError("55000", m);
          out.notices.push_back({"NOTICE", "00000", m + ", skipping"});
          return;
        }
        // The column keeps its stored values as an ordinary column, here and in the descendants.
        std::string sql;
        std::vector<const TableDef*> todo{t};
        while (!todo.empty()) {
          const TableDef* x = todo.back();
          todo.pop_back();
          sql += "UPDATE " + catalog_prefix(x->schema) + "_pgmicro_attribute SET attgenerated = '', attdefault = NULL WHERE attrelid = " +
                 std::to_string(x->oid) + " AND attname = " + quote_literal(col) + ";";
          for (int64_t child : x->children)
            if (const TableDef* ct = catalog_.find_table_by_oid(child)) todo.push_back(ct);
        }
        exec_sql(conn_, sql);
        bump_schema();
        return;
      }
      case AT_AddOf: return alter_table_of(catalog_, *t, reinterpret_cast<TypeName*>(cmd->def), a);
      case AT_DropOf: throw PgError(sqlstate::kWrongObjectType, "\"" + t->name + "\" is not a typed table");  // none is typed
      case AT_EnableRule:
      case AT_EnableAlwaysRule:
      case AT_EnableReplicaRule:
      case AT_DisableRule:  // session/rules.cpp
        set_rule_enabled(conn_, t->oid, t->schema, t->name, cmd->name,
                         cmd->subtype == AT_EnableRule ? 'O' : cmd->subtype == AT_EnableAlwaysRule ? 'A' : cmd->subtype == AT_EnableReplicaRule ? 'R' : 'D');
        bump_schema();
        return;
      default: unsupported("this ALTER TABLE subcommand");
    }
  });
  if (adds_columns) {
    catalog_.force_reload(conn_);
    if (freeze_widened_views(catalog_, conn_, star_views)) bump_schema();
  }
}

// ALTER TABLE ... ADD [CONSTRAINT name] FOREIGN KEY: existing rows must satisfy it.
void SessionImpl::add_foreign_key(const TableDef& t, Constraint* c, std::vector<int> cols) {
  std::vector<std::string> taken;
  for (auto& k : t.constraints) taken.push_back(k.name);
  ConstraintDef fk = resolve_foreign_key(catalog_, t, c, cols, nullptr, 0, taken);
  for (auto& k : t.constraints)
    if (k.name == fk.name)
      throw PgError(sqlstate::kDuplicateObject, "constraint \"" + fk.name + "\" for relation \"" + t.name + "\" already exists");
  if (!c->skip_validation) check_foreign_key_rows(t, fk);
  fk.oid = Catalog::allocate_oid(conn_);
  drop_triggers(t.name);
  exec_sql(conn_, foreign_key_catalog_row(fk, t.oid, catalog_prefix(t.schema)));
  bump_schema();
}

void SessionImpl::check_foreign_key_rows(const TableDef& t, const ConstraintDef& fk) {
  const TableDef* parent = catalog_.find_table_by_oid(fk.ref_table_oid);
  std::string q = foreign_key_violation_query(catalog_, t, fk);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) != SQLITE_OK) throw PgError(translate_sqlite_error(SQLITE_ERROR));
  if (sqlite3_step(st) == SQLITE_ROW) {
    std::string names, values;
    bool any_null = false;
    for (size_t i = 0; i < fk.columns.size(); i++) {
      const ColumnDef& col = t.columns[fk.columns[i]];
      names += (i ? ", " : "") + col.name;
      if (i) values += ", ";
      sqlite3_value* v = sqlite3_column_value(st, (int)i);
      if (sqlite3_value_type(v) == SQLITE_NULL) { values += "null"; any_null = true; }
      else type_output(col.type, v, values);
    }
    const TableDef* acting = catalog_.find_table_by_oid(sqlite3_column_int64(st, (int)fk.columns.size()));
    sqlite3_finalize(st);
    throw PgError(sqlstate::kForeignKeyViolation,
                  "insert or update on table \"" + (acting ? acting : &t)->name + "\" violates foreign key constraint \"" + fk.name + "\"",
                  any_null ? "MATCH FULL does not allow mixing of null and nonnull key values."
                           : "Key (" + names + ")=(" + values + ") is not present in table \"" + parent->name + "\".");
  }
  sqlite3_finalize(st);
}

void SessionImpl::execute_rename(RenameStmt* stmt, StatementResult& out) {
  if (stmt->renameType == OBJECT_FUNCTION || stmt->renameType == OBJECT_PROCEDURE) return execute_rename_function(stmt, out);
  if (stmt->renameType == OBJECT_TYPE || stmt->renameType == OBJECT_DOMAIN || stmt->renameType == OBJECT_DOMCONSTRAINT)
    return execute_rename_type(stmt, out);
  if (stmt->renameType == OBJECT_SCHEMA) return execute_rename_schema(stmt, out);
  if (stmt->renameType == OBJECT_TABCONSTRAINT) return alter_rename_constraint(stmt, out);
  if (rename_other_relation(stmt)) return execute_rename_relation(stmt, out);
  if (stmt->renameType != OBJECT_TABLE && stmt->renameType != OBJECT_COLUMN) unsupported("ALTER ... RENAME on this kind of object");
  out.command_tag = "ALTER TABLE";
  std::string tname = stmt->relation->relname;
  std::string tschema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  if (!tschema.empty() && !catalog_.find_schema(tschema)) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "schema \"" + tschema + "\" does not exist, skipping"});
      return;
    }
    throw PgError("3F000", "schema \"" + tschema + "\" does not exist");
  }
  const TableDef* t = catalog_.find_table(tschema, tname);
  if (!t) {
    if (stmt->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", "relation \"" + tname + "\" does not exist, skipping"});
      return;
    }
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + tname + "\" does not exist");
  }
  if (t->plain_sqlite) unsupported("ALTER TABLE on tables outside the PostgreSQL catalog");
  std::string oid = std::to_string(t->oid);
  const std::string cp = catalog_prefix(t->schema);
  std::string newname = stmt->newname;
  // Views keep reading a renamed table or column in PostgreSQL (by OID and attnum); a view here
  // is its query text, which would then name what no longer exists.
  if (stmt->renameType == OBJECT_TABLE) {
    std::vector<DependentView> readers;
    collect_dependent_views(catalog_, t->oid, "table " + tname, {}, readers);
    if (!readers.empty())
      unsupported("renaming a table that view \"" + readers[0].view->name + "\" reads");
  } else if (auto used = views_reading_column(catalog_, t->oid, stmt->subname); !used.empty()) {
    unsupported("renaming a column that view \"" + used[0]->name + "\" reads");
  }
  drop_triggers(tname);
  if (stmt->renameType == OBJECT_TABLE) {
    if (catalog_.relation_exists(t->schema, newname))
      throw PgError(sqlstate::kDuplicateTable, "relation \"" + newname + "\" already exists");
    exec_sql(conn_, "ALTER TABLE " + t->sqlite_ref() + " RENAME TO " + quote_ident(sqlite_relation_name(t->schema, newname)) +
                        ";UPDATE " + cp + "_pgmicro_class SET relname = " + quote_literal(newname) + " WHERE oid = " + oid + ";");
    return;
  }
  std::string col = stmt->subname;
  int idx = t->find_column(col);
  if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" does not exist");
  if (t->find_column(newname) >= 0)
    throw PgError(sqlstate::kDuplicateColumn, "column \"" + newname + "\" of relation \"" + tname + "\" already exists");
  for (auto& c : t->constraints)
    if (c.type == 'c' && c.check_expr.find(col) != std::string::npos)
      unsupported("renaming a column used by CHECK constraint \"" + c.name + "\"");
  exec_sql(conn_, "ALTER TABLE " + t->sqlite_ref() + " RENAME COLUMN " + quote_ident(col) + " TO " + quote_ident(newname) +
                      ";UPDATE " + cp + "_pgmicro_attribute SET attname = " + quote_literal(newname) + " WHERE attrelid = " + oid +
                      " AND attnum = " + std::to_string(idx + 1) + ";");
}

}  // namespace pgmicro

namespace pgmicro {

// DROP COLUMN of a column views read: 2BP01 listing them (and the views reading those), or with
// CASCADE the views are dropped first, with PostgreSQL's NOTICE.
bool drop_views_reading_column(Catalog& catalog_, sqlite3* conn_, const TableDef& t, const std::string& col, bool cascade,
                               StatementResult& out) {
  std::vector<const ViewDef*> direct = views_reading_column(catalog_, t.oid, col);
  if (direct.empty()) return false;
  std::string tname = relation_description_name(catalog_, t.oid);
  std::vector<DependentView> all;
  for (const ViewDef* v : direct) {
    bool seen = false;
    for (auto& d : all) seen |= d.view == v;
    if (seen) continue;
    all.push_back({v, "column " + col + " of table " + tname});
    collect_dependent_views(catalog_, v->oid, "view " + relation_description_name(catalog_, v->oid), {}, all);
  }
  std::string detail, notice, sql;
  for (auto& d : all) {
    std::string name = relation_description_name(catalog_, d.view->oid);
    detail += (detail.empty() ? "" : "\n") + ("view " + name + " depends on " + d.on);
    notice += (notice.empty() ? "" : "\n") + ("drop cascades to view " + name);
    sql += drop_view_sql(*d.view);
  }
  if (!cascade)
    throw PgError("2BP01", "cannot drop column " + col + " of table " + t.name + " because other objects depend on it", detail,
                  "Use DROP ... CASCADE to drop the dependent objects too.");
  if (all.size() == 1) out.notices.push_back({"NOTICE", "00000", notice});
  else out.notices.push_back({"NOTICE", "00000", "drop cascades to " + std::to_string(all.size()) + " other objects", notice});
  exec_sql(conn_, sql);
  return true;
}

}  // namespace pgmicro
