// Named arguments and defaults of built-ins declared in pg_proc with parameter names and
// defaults but kept positional in pgmicro's catalog: make_interval(years int4 DEFAULT 0,
// months, weeks, days, hours, mins int4 DEFAULT 0, secs float8 DEFAULT 0.0).
#include "analyze/analyze_named_args.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

bool builtin_named_args(Analyzer& a, const std::string& name, FuncCall* fc, ExprContext ctx, std::vector<ExprPtr>& args) {
  if (name != "make_interval") return false;
  static const char* const kParams[] = {"years", "months", "weeks", "days", "hours", "mins", "secs"};
  const size_t nparams = 7;
  bool named = false;
  for_each_node(fc->args, [&](Node* n) { named |= IsA(n, NamedArgExpr); });
  if (!named && list_size(fc->args) > 0) return false;
  std::vector<ExprPtr> slots(nparams);
  size_t pos = 0;
  bool seen_named = false;
  for_each_node(fc->args, [&](Node* n) {
    if (!IsA(n, NamedArgExpr)) {
      if (seen_named)
        throw PgError(sqlstate::kSyntaxError, "positional argument cannot follow named argument").at(expr_location(n));
      if (pos >= nparams) unsupported("make_interval with more than 7 arguments", fc->location);
      slots[pos++] = a.transform_expr(n, ctx);
      return;
    }
    seen_named = true;
    auto* na = reinterpret_cast<NamedArgExpr*>(n);
    size_t k = 0;
    while (k < nparams && std::string(na->name) != kParams[k]) k++;
    if (k == nparams || slots[k])
      throw PgError(sqlstate::kUndefinedFunction, "function make_interval(" + std::string(na->name) + " => " +
                                                      format_type_name(a.transform_expr(reinterpret_cast<Node*>(na->arg), ctx)->type, -1) +
                                                      ") does not exist", "",
                    "No function matches the given name and argument types. You might need to add explicit type casts.")
          .at(fc->location);
    slots[k] = a.transform_expr(reinterpret_cast<Node*>(na->arg), ctx);
  });
  for (size_t i = 0; i < nparams; i++) {
    if (slots[i]) continue;
    auto c = std::make_shared<Expr>();
    c->kind = ExprKind::Const;
    c->type = i == 6 ? oid::kFloat8 : oid::kInt4;
    c->value = i == 6 ? Datum::real(0.0) : Datum::integer(0);
    slots[i] = c;
  }
  args = std::move(slots);
  return true;
}

}  // namespace pgmicro
