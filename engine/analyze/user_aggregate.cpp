// read_aggregate_options: CREATE AGGREGATE's DefElem list as DefineAggregate reads it.
#include "analyze/user_aggregate.h"
#include "analyze/analyzer.h"
#include "common/error.h"

namespace pgmicro {

namespace {

// defGetQualifiedName / defGetString of a DefElem argument: the last name part.
std::string def_name(DefElem* d) {
  Node* a = d->arg;
  if (!a) throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a parameter");
  if (IsA(a, TypeName)) {
    auto* tn = reinterpret_cast<TypeName*>(a);
    return node_string(list_at(tn->names, list_size(tn->names) - 1));
  }
  if (IsA(a, List)) return node_string(list_at(reinterpret_cast<List*>(a), list_size(reinterpret_cast<List*>(a)) - 1));
  if (IsA(a, String)) return node_string(a);
  if (IsA(a, Integer)) return std::to_string(intVal(a));
  if (IsA(a, Float)) return reinterpret_cast<Float*>(a)->fval;
  if (IsA(a, Boolean)) return boolVal(a) ? "true" : "false";
  throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a parameter");
}

TypeName* def_type(DefElem* d) {
  if (d->arg && IsA(d->arg, TypeName)) return reinterpret_cast<TypeName*>(d->arg);
  throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a parameter");
}

bool def_bool(DefElem* d) {
  if (!d->arg) return true;
  std::string v = def_name(d);
  return v == "true" || v == "on" || v == "1";
}

}  // namespace

UserAggregateOptions read_aggregate_options(DefineStmt* d) {
  UserAggregateOptions o;
  for_each_node(d->definition, [&](Node* n) {
    auto* e = reinterpret_cast<DefElem*>(n);
    std::string k = e->defname;
    if (k == "sfunc" || k == "sfunc1") o.sfunc = def_name(e);
    else if (k == "stype" || k == "stype1") o.stype = def_type(e);
    else if (k == "finalfunc") o.finalfunc = def_name(e);
    else if (k == "initcond" || k == "initcond1") o.has_initcond = true, o.initcond = def_name(e);
    else if (k == "msfunc") o.msfunc = def_name(e);
    else if (k == "minvfunc") o.minvfunc = def_name(e);
    else if (k == "mstype") o.mstype = def_type(e);
    else if (k == "mfinalfunc") o.mfinalfunc = def_name(e);
    else if (k == "minitcond") o.has_minitcond = true, o.minitcond = def_name(e);
    else if (k == "finalfunc_extra") o.finalfunc_extra = def_bool(e);
    else if (k == "mfinalfunc_extra") o.mfinalfunc_extra = def_bool(e);
    else if (k == "basetype") o.basetype = def_type(e);
    else if (k == "combinefunc" || k == "serialfunc" || k == "deserialfunc" || k == "parallel" || k == "sortop" ||
             k == "finalfunc_modify" || k == "mfinalfunc_modify" || k == "sspace" || k == "msspace")
      return;  // no effect here (no parallel aggregation; state sizes and sort operators unused)
    else if (k == "hypothetical") unsupported("hypothetical-set aggregates");
    else o.unrecognized.push_back(k);
  });
  return o;
}

std::vector<TypeName*> aggregate_arg_types(DefineStmt* d, const UserAggregateOptions& o) {
  std::vector<TypeName*> out;
  if (d->oldstyle) {
    if (o.basetype) {
      std::string n = node_string(list_at(o.basetype->names, list_size(o.basetype->names) - 1));
      if (n != "any") out.push_back(o.basetype);
    }
    return out;
  }
  if (!list_size(d->args)) return out;
  Node* params = list_at(d->args, 0);
  if (list_size(d->args) > 1) {
    Node* nd = list_at(d->args, 1);
    if (nd && IsA(nd, Integer) && intVal(nd) >= 0) unsupported("ordered-set aggregates");
  }
  if (params && IsA(params, List))
    for_each_node(reinterpret_cast<List*>(params), [&](Node* p) {
      auto* fp = reinterpret_cast<FunctionParameter*>(p);
      if (fp->mode == FUNC_PARAM_VARIADIC) unsupported("VARIADIC aggregates");
      out.push_back(fp->argType);
    });
  return out;
}

}  // namespace pgmicro
