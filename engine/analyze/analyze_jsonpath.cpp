// Named arguments in calls of the SQL/JSON path functions (jsonb_path_exists(target, path,
// vars => ..., silent => ...)): the built-ins take positional arguments, so the call's
// arguments are put in parameter order with the defaults ('{}' and false) filled in.
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

bool Analyzer::jsonb_path_named_args(const std::string& name, FuncCall* fc, ExprContext ctx, std::vector<ExprPtr>& args) {
  if (name.rfind("jsonb_path_", 0) != 0) return false;
  bool named = false;
  for_each_node(fc->args, [&](Node* n) { named |= IsA(n, NamedArgExpr); });
  if (!named) return false;
  static const char* params[] = {"target", "path", "vars", "silent"};
  std::vector<ExprPtr> slots(4);
  size_t pos = 0;
  for_each_node(fc->args, [&](Node* n) {
    if (!IsA(n, NamedArgExpr)) {
      if (pos < 4) slots[pos] = transform_expr(n, ctx);
      pos++;
      return;
    }
    auto* na = reinterpret_cast<NamedArgExpr*>(n);
    int k = -1;
    for (int i = 0; i < 4; i++)
      if (std::string(na->name) == params[i]) k = i;
    if (k < 0 || slots[size_t(k)])
      throw PgError(sqlstate::kUndefinedFunction, "function " + name + " with argument \"" + na->name + "\" does not exist", "",
                    "No function matches the given name and argument types. You might need to add explicit type casts.")
          .at(fc->location);
    slots[size_t(k)] = transform_expr(reinterpret_cast<Node*>(na->arg), ctx);
  });
  auto constant = [](Oid type, Datum v) {
    auto c = std::make_shared<Expr>();
    c->kind = ExprKind::Const;
    c->type = type;
    c->value = std::move(v);
    return c;
  };
  if (!slots[2]) slots[2] = constant(oid::kJsonb, Datum::text("{}"));
  if (!slots[3]) slots[3] = constant(oid::kBool, Datum::integer(0));
  for (auto& s : slots)
    if (!s) return false;  // target or path missing: the usual "does not exist"
  args = std::move(slots);
  return true;
}

}  // namespace pgmicro
