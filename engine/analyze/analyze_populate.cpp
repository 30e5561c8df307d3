// json(b)_populate_record(set)(base, doc): in FROM, the composite type's fields as columns
// (pg_record_rows over pg_populate_record, runtime/populate_functions.cpp); in the select
// list, json(b)_populate_record as a composite value.
#include "analyze/analyze_row.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/record.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {
bool populate_name(const std::string& name, bool& jsonb, bool& set) {
  if (name != "json_populate_record" && name != "jsonb_populate_record" && name != "json_populate_recordset" &&
      name != "jsonb_populate_recordset")
    return false;
  jsonb = name[4] == 'b';
  set = name.find("recordset") != std::string::npos;
  return true;
}

ExprPtr populate_expr(Analyzer& a, const std::string& name, std::vector<ExprPtr> args, int location, bool jsonb, bool set) {
  if (args.size() != 2 && args.size() != 3) unsupported(name + "() with these arguments", location);
  ExprPtr base = args[0];
  Oid t = domain_base_type(base->type);
  int64_t id = row_type_id(t, base->typmod);
  if (t == oid::kRecord && base->typmod < 0)
    throw PgError(sqlstate::kFeatureNotSupported, "could not determine row type for result of " + name, "",
                  "Provide a non-null record argument, or call the function in the FROM clause using a column definition list.");
  if (!is_named_composite(t) && !(t == oid::kRecord && base->typmod >= 0))
    throw PgError(sqlstate::kDatatypeMismatch, "first argument of " + name + " must be a row type");
  if (args.size() == 3 && !(args[2]->kind == ExprKind::Const && !args[2]->value.is_null()))
    unsupported(name + "() with a use_json_as_text argument", location);
  ExprPtr doc = a.coerce_to(args[1], jsonb ? oid::kJsonb : oid::kJson, -1, CastContext::Implicit, -1);
  if (!doc)
    throw PgError(sqlstate::kUndefinedFunction, "function " + name + "(" + format_type_name(base->type, -1) + ", " +
                                                    format_type_name(args[1]->type, -1) + ") does not exist", "",
                  "No function matches the given name and argument types. You might need to add explicit type casts.")
        .at(location);
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->type = t;
  e->typmod = t == oid::kRecord ? base->typmod : -1;
  e->templ = "pg_populate_record($1, " + std::to_string(id) + ", $2, " + (jsonb ? "1" : "0") + ", " + (set ? "1" : "0") + ")";
  e->args = {base, doc};
  e->location = location;
  return e;
}
}  // namespace

ExprPtr populate_set_call(Analyzer& a, const std::string& name, std::vector<ExprPtr>& args, int location) {
  bool jsonb, set;
  if (!populate_name(name, jsonb, set) || !set) return nullptr;
  ExprPtr rec = populate_expr(a, name, args, location, jsonb, true);
  auto e = std::make_shared<Expr>(*rec);
  if (is_domain_type(args[0]->type)) {  // a domain over the composite: each record checked
    rec->templ.insert(rec->templ.size() - 1, ", " + std::to_string(args[0]->type));
    e->type = args[0]->type;
  }
  // one column: each record as a whole (pg_record_rows mode 2)
  e->templ = "pg_record_rows(" + rec->templ + ", " + std::to_string(row_type_id(rec->type, rec->typmod)) + ", 2)";
  return e;
}

// json(b)_each(_text)(doc) in the select list: records (key, value) of an anonymous record
// type (runtime/json_each_records.cpp), one per row through pg_record_rows.
ExprPtr json_each_set_call(Analyzer& a, const std::string& name, std::vector<ExprPtr>& args, int location) {
  if (name != "json_each" && name != "jsonb_each" && name != "json_each_text" && name != "jsonb_each_text") return nullptr;
  if (args.size() != 1) return nullptr;
  bool jsonb = name[4] == 'b', as_text = name.size() > 5 && name.compare(name.size() - 5, 5, "_text") == 0;
  ExprPtr doc = a.coerce_to(args[0], jsonb ? oid::kJsonb : oid::kJson, -1, CastContext::Implicit, -1);
  if (!doc) return nullptr;
  std::vector<RowField> fields(2);
  fields[0].name = "key";
  fields[0].type = oid::kText;
  fields[1].name = "value";
  fields[1].type = as_text ? oid::kText : jsonb ? oid::kJsonb : oid::kJson;
  int32_t typmod = register_record_type(fields);
  std::string id = std::to_string(row_type_id(oid::kRecord, typmod));
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->type = oid::kRecord;
  e->typmod = typmod;
  e->templ = "pg_record_rows(pg_json_each_records($1, " + std::string(jsonb ? "1" : "0") + ", " + (as_text ? "1" : "0") +
             ", " + id + "), " + id + ", 2)";
  e->args = {doc};
  e->location = location;
  return e;
}

ExprPtr transform_populate_call(Analyzer& a, const std::string& name, std::vector<ExprPtr>& args, int location) {
  bool jsonb, set;
  if (!populate_name(name, jsonb, set)) return nullptr;
  if (set) return nullptr;
  ExprPtr e = populate_expr(a, name, args, location, jsonb, false);
  if (is_domain_type(args[0]->type)) {  // a domain over the composite: its checks
    e->templ = "pg_domain_check(" + e->templ + ", " + std::to_string(args[0]->type) + ")";
    e->type = args[0]->type;
  }
  return e;
}

std::unique_ptr<FromNode> analyze_populate_record(Analyzer& a, RangeFunction* rf, FuncCall* fc, const std::string& name,
                                                  SelectQuery& q) {
  bool jsonb, set;
  if (!populate_name(name, jsonb, set)) return nullptr;
  if (fc->agg_star || fc->func_variadic || list_size(fc->agg_order) || fc->agg_filter || fc->over)
    unsupported(name + "() with these arguments", fc->location);
  std::vector<ExprPtr> args;
  bool saved = a.agg_allowed_;
  a.agg_allowed_ = false;
  try {
    for_each_node(fc->args, [&](Node* n) { args.push_back(a.transform_expr(n, ExprContext::JoinOn)); });
  } catch (...) {
    a.agg_allowed_ = saved;
    throw;
  }
  a.agg_allowed_ = saved;
  if (!args.empty() && args[0]->type == oid::kRecord) {
    // null::record AS (x int, …): the column definition list is the structure
    if (!list_size(rf->coldeflist))
      throw PgError(sqlstate::kSyntaxError, "a column definition list is required for functions returning \"record\"")
          .at(fc->location);
    std::vector<RowField> rfields;
    for_each_node(rf->coldeflist, [&](Node* node) {
      auto* cd = reinterpret_cast<::ColumnDef*>(node);
      RowField f;
      f.name = cd->colname;
      a.resolve_type_name(cd->typeName, f.type, f.typmod);
      rfields.push_back(f);
    });
    if (const std::vector<RowField>* given = row_type_fields(oid::kRecord, args[0]->typmod)) {
      // a record base of a known structure must match the column definition list (tupledesc_match)
      auto mismatch = [](const std::string& detail) {
        throw PgError(sqlstate::kDatatypeMismatch, "function return row and query-specified return row do not match", detail);
      };
      if (given->size() != rfields.size())
        mismatch("Returned row contains " + std::to_string(given->size()) + " attribute" + (given->size() == 1 ? "" : "s") +
                 ", but query expects " + std::to_string(rfields.size()) + ".");
      for (size_t i = 0; i < rfields.size(); i++)
        if ((*given)[i].type != rfields[i].type)
          mismatch("Returned type " + format_type_name((*given)[i].type, -1) + " at ordinal position " + std::to_string(i + 1) +
                   ", but query expects " + format_type_name(rfields[i].type, -1) + ".");
    }
    if (!(args[0]->kind == ExprKind::Const && args[0]->value.is_null()))
      unsupported(name + "() with a non-NULL base of type record", fc->location);
    auto c = std::make_shared<Expr>(*args[0]);
    c->typmod = register_record_type(rfields);
    args[0] = c;
  } else if (list_size(rf->coldeflist)) {
    throw PgError(sqlstate::kSyntaxError, "a column definition list is redundant for a function returning a named composite type")
        .at(reinterpret_cast<::ColumnDef*>(list_at(rf->coldeflist, 0))->location);
  }
  ExprPtr rec = populate_expr(a, name, args, fc->location, jsonb, set);
  const std::vector<RowField>& fields = *row_type_fields(rec->type, rec->typmod);
  if (fields.size() > 100) unsupported("composite types of more than 100 fields in FROM", fc->location);
  RangeTableEntry rte;
  for (auto& f : fields) {
    rte.column_names.push_back(f.name);
    rte.column_types.push_back(f.type);
    rte.column_typmods.push_back(f.typmod);
  }
  auto e = std::make_shared<Expr>(*rec);
  e->type = oid::kRecord;
  // a NULL base and document: json_populate_record gives one row of NULLs
  std::string inner = set ? rec->templ : "coalesce(" + rec->templ + ", '(" + std::string(fields.empty() ? 0 : fields.size() - 1, ',') + ")')";
  e->templ = "pg_record_rows(" + inner + ", " + std::to_string(row_type_id(rec->type, rec->typmod)) + ", " + (set ? "1" : "0") + ")";
  rte.function = e;
  rte.function_columns = (int)fields.size();
  rte.alias = rf->alias ? rf->alias->aliasname : name;
  if (rf->alias && list_size(rf->alias->colnames)) {
    int i = 0;
    for_each_node(rf->alias->colnames, [&](Node* n) {
      if (i < (int)rte.column_names.size()) rte.column_names[i] = node_string(n);
      i++;
    });
  }
  if (rf->ordinality) {
    rte.column_names.push_back("ordinality");
    rte.column_types.push_back(oid::kInt8);
    rte.column_typmods.push_back(-1);
  }
  for (auto& existing : q.rtable)
    if (existing.alias == rte.alias)
      throw PgError(sqlstate::kDuplicateAlias, "table name \"" + rte.alias + "\" specified more than once");
  rte.sql_alias = a.next_alias("r");
  q.rtable.push_back(std::move(rte));
  auto fn = std::make_unique<FromNode>();
  fn->rte = (int)q.rtable.size() - 1;
  return fn;
}

}  // namespace pgmicro
