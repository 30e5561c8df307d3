// Calls whose JSON conversion depends on the argument types: to_json(b), json(b)_build_object,
// json(b)_build_array and the json aggregates. Each argument becomes pg_to_json(value, type)
// (runtime/json_functions.cpp), keys their text output; the json operators and the other json
// functions are ordinary built-ins (catalog/builtins_json.cpp).
#include "analyze/analyzer.h"
#include "analyze/analyze_row.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/record.h"

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
  if (arg->type == array_type_of(oid::kRecord) && arg->typmod >= 0)  // record[] of a known structure
    return json_call(jsonb ? "to_jsonb" : "to_json", "pg_record_array_to_json($1, " + std::to_string(row_type_id(oid::kRecord, arg->typmod)) +
                     (jsonb ? ", 1)" : ", 0)"), jsonb ? oid::kJsonb : oid::kJson, {arg}, arg->location);
  if (is_row_type(arg->type))  // records: types/record.h, runtime/record_functions.cpp
    return json_call(jsonb ? "to_jsonb" : "to_json", "pg_record_to_json($1, " + std::to_string(row_type_id(arg->type, arg->typmod)) +
                     (jsonb ? ", 1)" : ", 0)"), jsonb ? oid::kJsonb : oid::kJson, {arg}, arg->location);
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
  if (name == "array_to_json") {
    // array_to_json(anyarray [, pretty]): to_json of the array; pretty puts each top-level
    // element on its own line.
    if (args.empty() || args.size() > 2 || !array_element_type(args[0]->type)) return nullptr;
    ExprPtr e = to_json_expr(args[0], false);
    e->location = location;
    if (args.size() == 1) return e;
    ExprPtr flag = coerce_to(args[1], oid::kBool, -1, CastContext::Implicit, -1);
    if (!flag) return nullptr;
    return json_call(name, "pg_json_array_pretty($1, $2)", oid::kJson, {e, flag}, location);
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

// json(b)_build_object/array(VARIADIC array): the array's elements are the arguments.
ExprPtr Analyzer::transform_json_variadic(const std::string& name, FuncCall* fc, ExprContext ctx) {
  bool object = name == "json_build_object" || name == "jsonb_build_object";
  bool array = name == "json_build_array" || name == "jsonb_build_array";
  if ((!object && !array) || list_size(fc->args) != 1) return nullptr;
  ExprPtr arr = transform_expr(list_at(fc->args, 0), ctx);
  Oid elem = array_element_type(arr->type);
  if (!elem)
    throw PgError(sqlstate::kDatatypeMismatch, "VARIADIC argument must be an array").at(expr_location(list_at(fc->args, 0)));
  bool jsonb = name[4] == 'b';
  std::string t = std::string("pg_json_build_variadic(") + (jsonb ? "1, " : "0, ") + (object ? "1" : "0") + ", $1, " +
                  std::to_string(elem) + ")";
  return json_call(name, t, jsonb ? oid::kJsonb : oid::kJson, {arr}, fc->location);
}

// row_to_json(alias): a FROM item's row as {"col":value,...} (whole-row references are
// supported here only).
ExprPtr Analyzer::transform_row_to_json(Node* arg, int location) {
  if (arg && !is_row_reference(arg) && !(IsA(arg, ColumnRef) && IsA(llast(reinterpret_cast<ColumnRef*>(arg)->fields), A_Star))) {
    ExprPtr v = transform_expr(arg, ExprContext::SelectTarget);  // any composite value: analyze_row.cpp
    if (!is_row_type(v->type))
      throw PgError(sqlstate::kUndefinedFunction, "function row_to_json(" + format_type_name(v->type, v->typmod) +
                                                      ") does not exist", "",
                    "No function matches the given name and argument types. You might need to add explicit type casts.")
          .at(location);
    ExprPtr e = to_json_expr(v, false);
    e->name = "row_to_json";
    e->location = location;
    return e;
  }
  if (!arg || !IsA(arg, ColumnRef)) unsupported("row_to_json of anything but a FROM item's row", location);
  auto* cr = reinterpret_cast<ColumnRef*>(arg);
  int n = list_size(cr->fields);
  std::string rel = node_string(list_at(cr->fields, n == 2 && IsA(list_at(cr->fields, 1), A_Star) ? 0 : n - 1));
  if (n > 2 || (n == 2 && !IsA(list_at(cr->fields, 1), A_Star)))
    unsupported("row_to_json of anything but a FROM item's row", location);
  std::vector<SelectQuery*> scopes;
  if (scope_) scopes.push_back(scope_);
  for (auto it = outer_scopes_.rbegin(); it != outer_scopes_.rend(); ++it) scopes.push_back(*it);
  for (size_t level = 0; level < scopes.size(); level++) {
    auto& rt = scopes[level]->rtable;
    for (size_t r = 0; r < rt.size(); r++) {
      if (rt[r].alias != rel) continue;
      if (n == 1) {  // a column of that name takes precedence, as in PostgreSQL
        for (auto& c : rt[r].column_names)
          if (c == rel) unsupported("row_to_json of a scalar", location);
      }
      std::string templ = "pg_json_build_object(2";
      std::vector<ExprPtr> args;
      // a table's row is of its row type: the table's column names, not the alias's
      const TableDef* tbl = rt[r].table;
      bool own_names = tbl && tbl->columns.size() == rt[r].column_names.size();
      for (size_t a = 0; a < rt[r].column_names.size(); a++) {
        auto key = std::make_shared<Expr>();
        key->kind = ExprKind::Const;
        key->type = oid::kText;
        key->value = Datum::text(own_names ? tbl->columns[a].name : rt[r].column_names[a]);
        if (rt[r].is_join) {  // a join alias: its column expressions
          args.push_back(key);
          args.push_back(to_json_expr(shift_levels(rt[r].column_exprs[a], (int)level, location), false));
          templ += ", $" + std::to_string(args.size() - 1) + ", $" + std::to_string(args.size());
          continue;
        }
        auto var = std::make_shared<Expr>();
        var->kind = ExprKind::Var;
        var->rte = (int)r;
        var->attno = (int)a;
        var->levelsup = (int)level;
        var->type = rt[r].column_types[a];
        var->typmod = rt[r].column_typmods[a];
        var->name = rt[r].column_names[a];
        args.push_back(key);
        args.push_back(to_json_expr(var, false));
        templ += ", $" + std::to_string(args.size() - 1) + ", $" + std::to_string(args.size());
      }
      ExprPtr obj = json_call("row_to_json", templ + ")", oid::kJson, std::move(args), location);
      // NULL for the padding rows of an outer join's nullable side, as the whole-row value
      ExprPtr w = rt[r].is_join ? nullptr : whole_row_value(*this, rel, location);
      if (!w || w->kind != ExprKind::Case) return obj;
      auto e = std::make_shared<Expr>(*w);
      e->type = oid::kJson;
      e->typmod = -1;
      e->name = "row_to_json";
      auto null = std::make_shared<Expr>();
      null->kind = ExprKind::Const;
      null->type = oid::kJson;
      e->args = {w->args[0], null, obj};
      return e;
    }
  }
  unsupported("row_to_json of anything but a FROM item's row", location);
}

bool Analyzer::is_row_reference(Node* arg) {
  if (!arg || !IsA(arg, ColumnRef)) return false;
  auto* cr = reinterpret_cast<ColumnRef*>(arg);
  if (list_size(cr->fields) != 1 || !IsA(list_at(cr->fields, 0), String)) return false;
  std::string rel = node_string(list_at(cr->fields, 0));
  std::vector<SelectQuery*> scopes;
  if (scope_) scopes.push_back(scope_);
  for (auto* s : outer_scopes_) scopes.push_back(s);
  for (auto* sc : scopes)
    for (auto& r : sc->rtable) {
      if (r.is_join) continue;
      for (auto& c : r.column_names)
        if (c == rel) return false;  // a column of that name wins
    }
  for (auto* sc : scopes)
    for (auto& r : sc->rtable)
      if (!r.is_join && r.alias == rel) return true;
  return false;
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
    // json_agg puts "\n " before each array or row after the first (PostgreSQL's layout)
    bool structured = is_array_type(args[0]->type) || args[0]->name == "record" || is_row_type(args[0]->type);
    e.args = {to_json_expr(args[0], false)};
    e.templ = jsonb ? "pg_jsonb_agg($1)" : structured ? "pg_json_agg_nl($1)" : "pg_json_agg($1)";
  }
  return true;
}

}  // namespace pgmicro
