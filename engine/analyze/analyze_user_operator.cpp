// CREATE OPERATOR operators in expressions: once make_operator (resolve.cpp) has chosen one
// by PostgreSQL's operator rules, the operands are coerced to its argument types and the
// operator becomes a call of its function (a LANGUAGE sql or plpgsql function, run as
// pg_sql_scalar), as PostgreSQL's OpExpr calls oprcode.
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "types/user_types.h"

namespace pgmicro {

ExprPtr Analyzer::user_operator_call(const UserOperator& op, ExprPtr left, ExprPtr right, int location) {
  const ProcDef* proc = nullptr;
  for (const ProcDef* p : catalog_.find_procs(op.proc_name))
    if (p->oid == op.proc) proc = p;
  if (!proc) throw PgError(sqlstate::kUndefinedFunction, "cache lookup failed for function " + std::to_string(op.proc));
  std::vector<Oid> in = proc->input_types();
  std::vector<ExprPtr> operands;
  if (left) operands.push_back(left);
  operands.push_back(right);
  if (in.size() != operands.size()) unsupported("operator " + op.name + " whose function takes other arguments", location);
  UserCall c;
  c.proc = proc;
  for (size_t i = 0; i < operands.size(); i++) {
    ExprPtr a = coerce_to(operands[i], in[i], -1, CastContext::Implicit, -1);
    if (!a) unsupported("operator " + op.name + " on these argument types", location);
    c.args.push_back(a);
  }
  if (is_polymorphic_type(proc->result)) unsupported("operators of polymorphic functions", location);
  c.result = proc->result;
  c.arg_types = in;
  c.body_id = sql_function_body(*proc, in, c.result, {});
  c.location = location;
  return user_call_expr(c, false, false);
}

}  // namespace pgmicro
