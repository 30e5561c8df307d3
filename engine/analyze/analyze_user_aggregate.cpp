// Calls of CREATE AGGREGATE aggregates. The transition, inverse and final functions are
// resolved for the call's argument types by analysing "SELECT f($1, ...)" with typed
// parameters and lowering it to one SQLite statement; the call becomes
//   pg_user_agg(spec, initial state, args...)
// (runtime/user_aggregates.cpp), spec holding the mode (P plain, M moving: msfunc/minvfunc,
// chosen for window frames whose head can move, as PostgreSQL does), the statements and the
// functions' strictness. Polymorphic parameters (anyelement...) take the actual types.
#include "analyze/analyzer.h"
#include "analyze/user_aggregate.h"
#include "catalog/builtins.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

std::string quoted_name(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

const ProcDef* Analyzer::find_user_aggregate(const std::string& name, const std::vector<ExprPtr>& args) {
  const ProcDef* found = nullptr;
  for (const ProcDef* p : catalog_.find_procs(name)) {
    if (p->kind != 'a') continue;
    std::vector<Oid> types = p->input_types();
    if (types.size() != args.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < types.size() && ok; i++)
      ok = is_polymorphic_type(types[i]) || args[i]->type == types[i] ||
           coerce_to(args[i], types[i], -1, CastContext::Implicit, -1) != nullptr;
    if (ok && !found) found = p;
  }
  return found;
}

bool Analyzer::has_user_aggregate(const std::string& name) {
  for (const ProcDef* p : catalog_.find_procs(name))
    if (p->kind == 'a') return true;
  return false;
}

// "SELECT fn($1, ...)" for these parameter types, lowered; its result type in `result`.
static std::string lower_state_call(Catalog& catalog, const std::string& fn, const std::vector<Oid>& types, Oid& result) {
  std::string sql = "SELECT " + quoted_name(fn) + "(";
  for (size_t i = 0; i < types.size(); i++) sql += (i ? ", $" : "$") + std::to_string(i + 1);
  sql += ")";
  std::vector<Oid> params = types;
  Analyzer a(catalog, params);
  a.sql_ = sql;
  ParsedScript ps(sql);
  auto q = a.analyze_select(reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt));
  result = q->targets[0].expr->type;
  return lower_select(*q);
}

static bool function_is_strict(Catalog& catalog, const std::string& fn, size_t nargs) {
  for (const ProcDef* p : catalog.find_procs(fn))
    if (p->kind == 'f' && p->input_types().size() == nargs) return p->strict;
  return true;  // built-in state functions are strict
}

ExprPtr Analyzer::user_aggregate_call(const ProcDef& agg, std::vector<ExprPtr> args, bool moving, int location) {
  ParsedScript def(agg.definition);
  auto* d = reinterpret_cast<DefineStmt*>(def.statements()[0].raw->stmt);
  UserAggregateOptions o = read_aggregate_options(d);
  std::vector<Oid> declared = agg.input_types();
  std::vector<Oid> types;
  for (size_t i = 0; i < args.size(); i++) {
    args[i] = finalize_unknown(args[i]);
    if (!is_polymorphic_type(declared[i]) && args[i]->type != declared[i])
      args[i] = coerce_to(args[i], declared[i], -1, CastContext::Implicit, -1);
    types.push_back(args[i]->type);
  }
  moving = moving && !o.msfunc.empty() && !o.minvfunc.empty();
  auto resolve_type = [&](TypeName* tn) {
    Oid t;
    int32_t typmod;
    resolve_type_name(tn, t, typmod);
    return t;
  };
  Oid stype = resolve_type(moving && o.mstype ? o.mstype : o.stype);
  if (is_polymorphic_type(stype) && !types.empty()) stype = types[0];
  std::vector<Oid> trans_types{stype};
  trans_types.insert(trans_types.end(), types.begin(), types.end());
  const std::string& sfunc = moving ? o.msfunc : o.sfunc;
  Oid r;
  std::string trans = lower_state_call(catalog_, sfunc, trans_types, r);
  std::string inv;
  if (moving) inv = lower_state_call(catalog_, o.minvfunc, trans_types, r);
  const std::string& ffunc = moving ? o.mfinalfunc : o.finalfunc;
  bool extra = moving ? o.mfinalfunc_extra : o.finalfunc_extra;
  Oid result = stype;
  std::string fin;
  if (!ffunc.empty()) {
    std::vector<Oid> ftypes{stype};
    if (extra) ftypes.insert(ftypes.end(), types.begin(), types.end());
    fin = lower_state_call(catalog_, ffunc, ftypes, result);
    if (extra) unsupported("FINALFUNC_EXTRA", location);
  } else if (moving && !o.finalfunc.empty()) {
    // no mfinalfunc: the moving state is the result; PostgreSQL requires matching types
  }
  if (!moving && agg.result && !is_polymorphic_type(agg.result)) result = agg.result;
  const char sep = '\x1f';
  std::string spec = std::string(moving ? "M" : "P") + sep + trans + sep +
                     (function_is_strict(catalog_, sfunc, trans_types.size()) ? "1" : "0") + sep + inv + sep +
                     (moving && function_is_strict(catalog_, o.minvfunc, trans_types.size()) ? "1" : "0") + sep + fin + sep +
                     (!ffunc.empty() && function_is_strict(catalog_, ffunc, 1 + (extra ? types.size() : 0)) ? "1" : "0");
  auto spec_c = std::make_shared<Expr>();
  spec_c->kind = ExprKind::Const;
  spec_c->type = oid::kText;
  spec_c->value = Datum::text(spec);
  auto init = std::make_shared<Expr>();
  init->kind = ExprKind::Const;
  init->type = stype;
  bool has_init = moving ? o.has_minitcond : o.has_initcond;
  init->value = has_init ? type_input(stype, -1, moving ? o.minitcond : o.initcond) : Datum::null();
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Agg;
  e->name = agg.name;
  e->type = result;
  e->location = location;
  e->args = {spec_c, init};
  std::string t = "pg_user_agg($1, $2";
  for (size_t i = 0; i < args.size(); i++) {
    e->args.push_back(args[i]);
    t += ", $" + std::to_string(i + 3);
  }
  e->templ = t + ")";
  return e;
}

}  // namespace pgmicro
