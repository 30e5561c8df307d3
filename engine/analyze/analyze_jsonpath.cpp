// Named arguments in calls of the SQL/JSON path functions (jsonb_path_exists(target, path,
// vars => ..., silent => ...)) and of jsonb_set, jsonb_set_lax and jsonb_insert: the built-ins
// take positional arguments, so the call's arguments are put in parameter order with the
// defaults filled in.
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

bool Analyzer::jsonb_path_named_args(const std::string& name, FuncCall* fc, ExprContext ctx, std::vector<ExprPtr>& args) {
  struct Param { const char* name; Oid type; const char* default_value; };  // nullptr: required
  static const Param path_fn[] = {{"target", 0, nullptr}, {"path", 0, nullptr}, {"vars", oid::kJsonb, "{}"},
                                  {"silent", oid::kBool, "0"}};
  static const Param set_lax[] = {{"jsonb_in", 0, nullptr}, {"path", 0, nullptr}, {"replacement", 0, nullptr},
                                  {"create_if_missing", oid::kBool, "1"},
                                  {"null_value_treatment", oid::kText, "use_json_null"}};
  static const Param insert[] = {{"jsonb_in", 0, nullptr}, {"path", 0, nullptr}, {"replacement", 0, nullptr},
                                 {"insert_after", oid::kBool, "0"}};
  const Param* params;
  size_t nparams;
  if (name.rfind("jsonb_path_", 0) == 0) params = path_fn, nparams = 4;
  else if (name == "jsonb_set_lax") params = set_lax, nparams = 5;
  else if (name == "jsonb_set") params = set_lax, nparams = 4;
  else if (name == "jsonb_insert") params = insert, nparams = 4;
  else return false;
  bool named = false;
  for_each_node(fc->args, [&](Node* n) { named |= IsA(n, NamedArgExpr); });
  if (!named) return false;
  std::vector<ExprPtr> slots(nparams);
  size_t pos = 0;
  for_each_node(fc->args, [&](Node* n) {
    if (!IsA(n, NamedArgExpr)) {
      if (pos < nparams) slots[pos] = transform_expr(n, ctx);
      pos++;
      return;
    }
    auto* na = reinterpret_cast<NamedArgExpr*>(n);
    int k = -1;
    for (size_t i = 0; i < nparams; i++)
      if (std::string(na->name) == params[i].name) k = int(i);
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
  for (size_t i = 0; i < nparams; i++) {
    if (slots[i] || !params[i].default_value) continue;
    slots[i] = params[i].type == oid::kBool ? constant(oid::kBool, Datum::integer(params[i].default_value[0] == '1'))
                                            : constant(params[i].type, Datum::text(params[i].default_value));
  }
  for (auto& s : slots)
    if (!s) return false;  // a required argument missing: the usual "does not exist"
  args = std::move(slots);
  return true;
}

}  // namespace pgmicro
