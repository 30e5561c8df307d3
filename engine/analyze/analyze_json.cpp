// Calls whose JSON conversion depends on the argument types: to_json(b), json(b)_build_object,
// json(b)_build_array and the json aggregates. Each argument becomes pg_to_json(value, type)
// (runtime/json_functions.cpp), keys their text output; the json operators and the other json
// functions are ordinary built-ins (catalog/builtins_json.cpp).
#include "analyze/analyzer.h"
#include "common/error.h"

namespace pgmicro {

static ExprPtr json_call(const std::string& name, std::string templ, Oid type, std::vector<ExprPtr> args, int location) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->templ = std::move(templ);
  e->type = type;
  e->args = std::move(args);
  e->location = location;
  return e;
}

ExprPtr Analyzer::to_json_expr(ExprPtr arg, bool jsonb) {
  arg = finalize_unknown(arg);
  std::string t = std::string(jsonb ? "pg_to_jsonb($1, " : "pg_to_json($1, ") + std::to_string(arg->type) + ")";
  return json_call(jsonb ? "to_jsonb" : "to_json", t, jsonb ? oid::kJsonb : oid::kJson, {arg}, arg->location);
}

ExprPtr Analyzer::json_key_expr(ExprPtr key) {
  key = finalize_unknown(key);
  Oid t = key->type;
  if (is_array_type(t) || t == oid::kJson || t == oid::kJsonb || t == oid::kRecord)
    throw PgError(sqlstate::kInvalidParameterValue, "key value must be scalar, not array, composite, or json");
  if (t == oid::kText || t == oid::kVarchar || t == oid::kName) return key;
  std::string templ = "pg_out($1, " + std::to_string(t) + ")";
  return json_call("text", templ, oid::kText, {key}, key->location);
}

ExprPtr Analyzer::transform_json_function(const std::string& name, std::vector<ExprPtr>& args, int location) {
  bool jsonb = name.rfind("jsonb", 0) == 0 || name == "to_jsonb";
  Oid rtype = jsonb ? oid::kJsonb : oid::kJson;
  if (name == "to_json" || name == "to_jsonb") {
    if (args.size() != 1) return nullptr;
    ExprPtr e = to_json_expr(args[0], jsonb);
    e->location = location;
    return e;
  }
  bool object = name == "json_build_object" || name == "jsonb_build_object";
  bool array = name == "json_build_array" || name == "jsonb_build_array";
  if (!object && !array) return nullptr;
  if (object && args.size() % 2)
    throw PgError(sqlstate::kInvalidParameterValue, "argument list must have even number of elements", "",
                  "The arguments of " + name + "() must consist of alternating keys and values.");
  std::string templ = std::string(object ? "pg_json_build_object(" : "pg_json_build_array(") + (jsonb ? "1" : "0");
  std::vector<ExprPtr> conv;
  for (size_t i = 0; i < args.size(); i++) {
    conv.push_back(object && i % 2 == 0 ? json_key_expr(args[i]) : to_json_expr(args[i], false));
    templ += ", $" + std::to_string(i + 1);
  }
  if (args.size() > 900) throw PgError(sqlstate::kProgramLimitExceeded, "cannot pass more than 100 arguments to a function");
  return json_call(name, templ + ")", rtype, std::move(conv), location);
}

bool Analyzer::transform_json_aggregate(const std::string& name, std::vector<ExprPtr>& args, Expr& e) {
  bool object = name == "json_object_agg" || name == "jsonb_object_agg";
  if (name != "json_agg" && name != "jsonb_agg" && !object) return false;
  bool jsonb = name[4] == 'b';
  if (args.size() != (object ? 2u : 1u)) return false;
  e.type = jsonb ? oid::kJsonb : oid::kJson;
  if (object) {
    e.args = {json_key_expr(args[0]), to_json_expr(args[1], false)};
    e.templ = jsonb ? "pg_jsonb_object_agg($1, $2)" : "pg_json_object_agg($1, $2)";
  } else {
    e.args = {to_json_expr(args[0], false)};
    e.templ = jsonb ? "pg_jsonb_agg($1)" : "pg_json_agg($1)";
  }
  return true;
}

}  // namespace pgmicro
