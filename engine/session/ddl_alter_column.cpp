// ALTER TABLE ... ALTER COLUMN ... [SET DATA] TYPE t [USING expr]: the new values are the USING
// expression (or the column) coerced to the new type by assignment, as PostgreSQL's rewrite
// does; the default is converted too; the SQLite table is rebuilt with the new declared type
// and the table's CHECK constraints are re-checked over the new values.
#include <functional>
#include "analyze/analyzer.h"
#include "analyze/collation.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "runtime/function_context.h"
#include "types/type_io.h"
#include "types/user_types.h"

namespace pgmicro {

void SessionImpl::alter_column_type(const TableDef& t, AlterTableCmd* cmd) {
  auto* cd = reinterpret_cast<::ColumnDef*>(cmd->def);
  std::string col = cmd->name;
  int idx = t.find_column(col);
  if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + t.name + "\" does not exist");
  const ColumnDef& old = t.columns[idx];
  if (old.generated && cd->raw_default)
    throw PgError("42611", "cannot specify USING when altering type of generated column",
                  "Column \"" + col + "\" is a generated column.");
  if (old.generated) unsupported("changing the type of a generated column");
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  a.sql_ = current_sql_;
  for (size_t g = 0; g < t.columns.size(); g++) {
    if (!t.columns[g].generated) continue;
    std::function<bool(const Expr&)> uses = [&](const Expr& x) {
      if (x.kind == ExprKind::Var && x.levelsup == 0 && x.attno == idx) return true;
      for (auto& arg : x.args)
        if (uses(*arg)) return true;
      return false;
    };
    if (uses(*a.transform_generated(t, (int)g)))
      throw PgError(sqlstate::kFeatureNotSupported, "cannot alter type of a column used by a generated column",
                    "Column \"" + col + "\" is used by generated column \"" + t.columns[g].name + "\".");
  }
  Oid type;
  int32_t typmod = -1;
  a.resolve_type_name(cd->typeName, type, typmod);
  // GetColumnDefCollation: the COLLATE clause's, else the new type's own.
  Oid coll = column_collation(cd->collClause, type, typmod);
  if (old.identity && type != oid::kInt2 && type != oid::kInt4 && type != oid::kInt8)
    throw PgError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
  auto scope = a.dml_scope(&t, "");
  a.scope_ = scope.get();
  ExprPtr e;
  std::unique_ptr<ParsedScript> colref;
  if (cd->raw_default) {
    e = a.transform_expr(cd->raw_default, ExprContext::UpdateSet);
  } else {
    std::string text = "SELECT " + pg_quote_identifier(col);
    colref = std::make_unique<ParsedScript>(text);
    auto* sel = reinterpret_cast<SelectStmt*>(colref->statements()[0].raw->stmt);
    std::string_view saved = a.sql_;
    e = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::UpdateSet);
    a.sql_ = saved;
  }
  std::string tname = format_type_name(type, typmod);
  ExprPtr c = a.coerce_to(e, type, typmod, CastContext::Assignment, -1);
  if (!c) {
    if (cd->raw_default)
      throw PgError(sqlstate::kDatatypeMismatch, "result of USING clause for column \"" + col + "\" cannot be cast automatically to type " + tname,
                    "", "You might need to add an explicit cast.");
    throw PgError(sqlstate::kDatatypeMismatch, "column \"" + col + "\" cannot be cast automatically to type " + tname, "",
                  "You might need to specify \"USING " + pg_quote_identifier(col) + "::" + tname + "\".");
  }
  std::string value_sql = lower_expr_in(*c, scope->rtable);
  a.scope_ = nullptr;
  // The default, converted to the new type.
  std::string default_text = old.default_text;
  if (!default_text.empty() && !old.identity) {
    ParsedScript ps("SELECT " + default_text);
    auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
    ExprPtr d = a.transform_expr(reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val, ExprContext::Default);
    ExprPtr dc = a.coerce_to(d, type, typmod, CastContext::Assignment, -1);
    if (!dc)
      throw PgError(sqlstate::kDatatypeMismatch, "default for column \"" + col + "\" cannot be cast automatically to type " + tname);
    default_text = deparse_expr(*dc);
  }
  const std::string cp = catalog_prefix(t.schema);
  std::string sql = "UPDATE " + cp + "_pgmicro_attribute SET atttypid = " + std::to_string(type) + ", atttypmod = " + std::to_string(typmod) +
                    ", attcollation = " + std::to_string(coll) +
                    ", attdefault = " + (default_text.empty() ? std::string("NULL") : quote_literal(default_text)) +
                    " WHERE attrelid = " + std::to_string(t.oid) + " AND attnum = " + std::to_string(idx + 1) + ";";
  if (old.identity)
    sql += "UPDATE " + cp + "_pgmicro_sequence SET seqtypid = " + std::to_string(type) + " WHERE owned_by_rel = " + std::to_string(t.oid) +
           " AND owned_by_att = " + std::to_string(idx + 1) + ";";
  drop_triggers(t.name);
  int64_t toid = t.oid;  // `t` does not survive the reload
  exec_sql(conn_, sql);
  bump_schema();  // a rolled-back rebuild must leave a version the catalog reloads from
  catalog_.force_reload(conn_);
  prepare_user_types();
  const TableDef* nt = catalog_.find_table_by_oid(toid);
  std::vector<std::string> exprs;
  for (size_t i = 0; i < nt->columns.size(); i++) exprs.push_back((int)i == idx ? value_sql : quote_ident(nt->columns[i].name));
  rebuild_table(*nt, exprs);
  for (auto& k : nt->constraints)
    if (k.type == 'c') alter_validate_constraint(*nt, k.name);
  for (size_t i = 0; i < nt->columns.size(); i++)
    if (nt->columns[i].not_null) {
      std::string q = "SELECT 1 FROM " + nt->sqlite_ref() + " WHERE " + quote_ident(nt->columns[i].name) + " IS NULL LIMIT 1";
      sqlite3_stmt* st = nullptr;
      bool found = false;
      if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) == SQLITE_OK) found = sqlite3_step(st) == SQLITE_ROW;
      sqlite3_finalize(st);
      if (found)
        throw PgError(sqlstate::kNotNullViolation, "column \"" + nt->columns[i].name + "\" of relation \"" + nt->name + "\" contains null values");
    }
}

}  // namespace pgmicro
