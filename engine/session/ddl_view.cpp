// ALTER VIEW (and ALTER TABLE naming a view): SET/RESET (check_option, security_barrier,
// security_invoker) and ALTER COLUMN … SET/DROP DEFAULT. The statement is validated and then
// appended to the view's stored definition, which analyze/view_definition.cpp reads back.
#include "analyze/analyzer.h"
#include "analyze/view_definition.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"

namespace pgmicro {

bool SessionImpl::execute_alter_view(AlterTableStmt* stmt, StatementResult& out) {
  if (!stmt->relation || !stmt->relation->relname) return false;
  std::string schema = stmt->relation->schemaname ? stmt->relation->schemaname : "";
  if (catalog_.find_table(schema, stmt->relation->relname)) return false;
  const ViewDef* v = catalog_.find_view(schema, stmt->relation->relname);
  if (!v) return false;
  ViewDefinition def(v->definition);
  auto reloptions = def.reloptions;
  for_each_node(stmt->cmds, [&](Node* n) {
    auto* cmd = reinterpret_cast<AlterTableCmd*>(n);
    switch (cmd->subtype) {
      case AT_SetRelOptions:
      case AT_ResetRelOptions:
        merge_view_reloptions(reinterpret_cast<List*>(cmd->def), cmd->subtype == AT_ResetRelOptions, reloptions);
        break;
      case AT_ColumnDefault: {
        bool found = false;
        for (auto& c : v->column_names) found |= c == cmd->name;
        if (!found)
          throw PgError(sqlstate::kUndefinedColumn,
                        "column \"" + std::string(cmd->name) + "\" of relation \"" + v->name + "\" does not exist");
        if (cmd->def) {
          // The default must be a valid expression without column references.
          std::vector<Oid> no_params;
          Analyzer a(catalog_, no_params);
          a.sql_ = current_sql_;
          a.transform_expr(cmd->def, ExprContext::Default);
        }
        break;
      }
      default: {
        // PostgreSQL's ATSimplePermissions refusal of table-only subcommands.
        const char* action = cmd->subtype == AT_AddColumn ? "ADD COLUMN" : cmd->subtype == AT_DropColumn ? "DROP COLUMN"
                             : cmd->subtype == AT_SetNotNull ? "ALTER COLUMN ... SET NOT NULL"
                             : cmd->subtype == AT_DropNotNull ? "ALTER COLUMN ... DROP NOT NULL"
                             : cmd->subtype == AT_AddConstraint ? "ADD CONSTRAINT"
                             : cmd->subtype == AT_DropConstraint ? "DROP CONSTRAINT"
                             : cmd->subtype == AT_AlterColumnType ? "ALTER COLUMN ... SET DATA TYPE" : nullptr;
        if (action)
          throw PgError(sqlstate::kWrongObjectType, std::string("ALTER action ") + action + " cannot be performed on relation \"" + v->name + "\"",
                        "This operation is not supported for views.");
        unsupported("this ALTER VIEW subcommand");
      }
    }
  });
  bool check_option = false;
  for (auto& o : reloptions) check_option |= o.first == "check_option";
  if (check_option && !def.check_option) {
    std::vector<Oid> no_params;
    Analyzer a(catalog_, no_params);
    auto q = a.analyze_view(*v);
    std::string why = view_not_updatable_detail(reinterpret_cast<SelectStmt*>(def.stmt->query), *q, true);
    if (!why.empty())
      throw PgError(sqlstate::kFeatureNotSupported, "WITH CHECK OPTION is supported only on automatically updatable views", "", why);
  }
  std::string text = current_stmt_text_;
  while (!text.empty() && (text.back() == ';' || isspace((unsigned char)text.back()))) text.pop_back();
  std::string definition = v->definition;
  while (!definition.empty() && (definition.back() == ';' || isspace((unsigned char)definition.back()))) definition.pop_back();
  definition += ";\n" + text;
  exec_sql(conn_, "UPDATE " + catalog_prefix(v->schema) + "_pgmicro_view SET definition = " + quote_literal(definition) +
                      " WHERE viewrelid = " + std::to_string(v->oid) + ";");
  bump_schema();
  out.command_tag = stmt->objtype == OBJECT_VIEW ? "ALTER VIEW" : "ALTER TABLE";
  return true;
}

}  // namespace pgmicro
