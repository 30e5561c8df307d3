// Rows of pg_type (built-in types, enums, domains, composite and table row types and their
// arrays), pg_enum and pg_proc (LANGUAGE sql functions and procedures; their attributes
// read back from the CREATE statement kept in the catalog). Built-in functions have no
// pg_proc rows yet: pgmicro's built-ins carry no PostgreSQL OIDs.
#include <algorithm>
#include "catalog/system_relations.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "types/array.h"
#include "types/reg_types.h"
#include "types/user_types.h"

namespace pgmicro {

std::string sql_function_body_text(CreateFunctionStmt* cf);  // session/ddl_function.cpp
std::string node_string(Node* n);                           // analyze/analyze_expr.cpp

TypeLayout type_layout(Oid t) {
  if (const UserType* u = find_user_type(t)) {
    if (u->kind == 'e') return {4, true, 'i', 'p'};
    if (u->kind == 'c') return {-1, false, 'd', 'x'};
    return type_layout(u->base);
  }
  if (Oid e = array_element_type(t)) {
    if (t == oid::kOidVector || t == oid::kInt2Vector) return {-1, false, 'i', 'p'};
    TypeLayout el = type_layout(e);
    return {-1, false, el.align == 'd' ? 'd' : 'i', 'x'};
  }
  switch (t) {
    case oid::kBool:
    case oid::kChar: return {1, true, 'c', 'p'};
    case oid::kName: return {64, false, 'c', 'p'};
    case oid::kInt2: return {2, true, 's', 'p'};
    case oid::kInt8:
    case oid::kFloat8:
    case oid::kTimestamp:
    case oid::kTimestamptz:
    case oid::kTime: return {8, true, 'd', 'p'};
    case oid::kInterval: return {16, false, 'd', 'p'};
    case oid::kTimetz: return {12, false, 'd', 'p'};
    case oid::kUuid: return {16, false, 'c', 'p'};
    case oid::kUnknown: return {-2, false, 'c', 'p'};
    case oid::kNumeric: return {-1, false, 'i', 'm'};
    case oid::kRecord:
    case oid::kAnyArray:
    case oid::kAnyCompatibleArray: return {-1, false, 'd', 'x'};
    default: break;
  }
  const TypeInfo* i = find_type(t);
  if (i && i->typlen > 0) return {i->typlen, i->typlen <= 8, 'i', 'p'};
  return {-1, false, 'i', 'x'};
}

namespace {

int64_t type_collation(Oid t) {
  if (t == oid::kText || t == oid::kVarchar || t == oid::kBpchar) return 100;
  if (t == oid::kName) return 950;
  return 0;
}

void type_row(SystemRows& r, Oid oid, const std::string& name, int64_t nsp, char typtype, char category, bool preferred,
              int64_t relid, Oid elem, Oid array, Oid layout_of) {
  TypeLayout l = type_layout(layout_of);
  r.add()
      .set_int("oid", oid)
      .set("typname", name)
      .set_int("typnamespace", nsp)
      .set_int("typowner", kBootstrapSuperuserOid)
      .set_int("typlen", l.len)
      .set_bool("typbyval", l.byval)
      .set_char("typtype", typtype)
      .set_char("typcategory", category)
      .set_bool("typispreferred", preferred)
      .set_bool("typisdefined", true)
      .set_char("typdelim", ',')
      .set_int("typrelid", relid)
      .set_int("typsubscript", 0)
      .set_int("typelem", elem)
      .set_int("typarray", array)
      .set_int("typinput", 0)
      .set_int("typoutput", 0)
      .set_int("typreceive", 0)
      .set_int("typsend", 0)
      .set_int("typmodin", 0)
      .set_int("typmodout", 0)
      .set_int("typanalyze", 0)
      .set_char("typalign", l.align)
      .set_char("typstorage", l.storage)
      .set_bool("typnotnull", false)
      .set_int("typbasetype", 0)
      .set_int("typtypmod", -1)
      .set_int("typndims", 0)
      .set_int("typcollation", type_collation(elem ? elem : oid));
}

}  // namespace

void pg_type_rows(SystemRows& r) {
  for (const TypeInfo* t = builtin_types_begin(); t != builtin_types_end(); ++t) {
    char typtype = t->category == 'P' ? 'p' : 'b';
    Oid elem = t->elem;
    type_row(r, t->oid, t->typname, kCatalogSchemaOid, typtype, t->category, t->preferred, 0, elem,
             elem ? 0 : array_type_of(t->oid), t->oid);
  }
  for (auto& [o, u] : r.catalog.user_types().all()) {
    char category = u->kind == 'e' ? 'E' : u->kind == 'c' ? 'C' : u->info.category;
    type_row(r, o, u->name, kPublicSchemaOid, u->kind, category, false, u->kind == 'c' ? u->relid : 0, 0, u->array_oid, o);
    if (u->kind == 'c') r.set_int("typrelid", u->relid ? u->relid : kCompositeRelationOidBase + o);
    if (u->kind == 'd') {
      r.set_int("typbasetype", u->base).set_int("typtypmod", u->base_typmod).set_bool("typnotnull", u->not_null)
          .set_int("typcollation", type_collation(u->base));
      if (!u->default_text.empty()) r.set("typdefault", u->default_text);
    }
    if (u->array_oid)
      type_row(r, u->array_oid, u->array_name, kPublicSchemaOid, 'b', 'A', false, 0, o, 0, u->array_oid);
  }
}

void pg_enum_rows(SystemRows& r) {
  for (auto& [o, u] : r.catalog.user_types().all()) {
    if (u->kind != 'e') continue;
    for (auto& l : u->labels)
      r.add().set_int("enumtypid", o).set("enumsortorder", Datum::real(l.sort_order)).set("enumlabel", l.label);
  }
}

void pg_proc_rows(SystemRows& r) {
  for (auto& p : r.catalog.procs()) {
    std::vector<int64_t> input;
    std::vector<int64_t> all;
    std::vector<std::string> modes, names;
    bool any_out = false, any_name = false;
    Oid variadic = 0;
    int ndefaults = 0;
    for (auto& a : p->args) {
      if (a.is_input()) input.push_back(a.type);
      all.push_back(a.type);
      modes.push_back(std::string(1, a.mode));
      names.push_back(a.name);
      any_out |= a.mode != 'i';
      any_name |= !a.name.empty();
      if (a.mode == 'v') variadic = array_element_type(a.type) ? array_element_type(a.type) : a.type;
      if (a.has_default) ndefaults++;
    }
    // Attributes the catalog does not keep: read back from the CREATE statement.
    bool secdef = false, leakproof = false;
    int64_t lang = 14;  // sql
    double cost = 100, rows = p->retset ? 1000 : 0;
    char parallel = 'u';
    std::string src;
    std::vector<std::string> config;
    try {
      ParsedScript ps(p->definition);
      if (!ps.statements().empty() && IsA(ps.statements()[0].raw->stmt, CreateFunctionStmt)) {
        auto* cf = reinterpret_cast<CreateFunctionStmt*>(ps.statements()[0].raw->stmt);
        std::vector<std::string> seen;  // ALTER FUNCTION writes its options in front: the first wins
        for_each_node(cf->options, [&](Node* o) {
          auto* d = reinterpret_cast<DefElem*>(o);
          std::string opt = d->defname;
          if (std::find(seen.begin(), seen.end(), opt) != seen.end()) return;
          seen.push_back(opt);
          if (opt == "language") lang = node_string(d->arg) == "plpgsql" ? kPlpgsqlLanguageOid : 14;
          else if (opt == "security") secdef = intVal(d->arg) != 0;
          else if (opt == "leakproof") leakproof = intVal(d->arg) != 0;
          else if (opt == "parallel") {
            std::string v = node_string(d->arg);
            parallel = v == "safe" ? 's' : v == "restricted" ? 'r' : 'u';
          } else if (opt == "cost" || opt == "rows") {
            double v = IsA(d->arg, Integer) ? intVal(d->arg) : IsA(d->arg, Float) ? atof(strVal(d->arg)) : 0;
            (opt == "cost" ? cost : rows) = v;
          }
        });
        if (!cf->sql_body) src = sql_function_body_text(cf);
      }
    } catch (const PgError&) {
    }
    r.add()
        .set_int("oid", p->oid)
        .set("proname", p->name)
        .set_int("pronamespace", kPublicSchemaOid)
        .set_int("proowner", kBootstrapSuperuserOid)
        .set_int("prolang", lang)
        .set("procost", Datum::real(cost))
        .set("prorows", Datum::real(rows))
        .set_int("provariadic", variadic)
        .set_int("prosupport", 0)
        .set_char("prokind", p->kind)
        .set_bool("prosecdef", secdef)
        .set_bool("proleakproof", leakproof)
        .set_bool("proisstrict", p->strict)
        .set_bool("proretset", p->retset)
        .set_char("provolatile", p->volatility)
        .set_char("proparallel", parallel)
        .set_int("pronargs", (int64_t)input.size())
        .set_int("pronargdefaults", ndefaults)
        .set_int("prorettype", p->result)
        .set_vector("proargtypes", oid::kOid, input)
        .set("prosrc", src);
    if (any_out) r.set_int_array("proallargtypes", all).set_text_array("proargmodes", modes);
    if (any_name) r.set_text_array("proargnames", names);
    if (!config.empty()) r.set_text_array("proconfig", config);
  }
}

}  // namespace pgmicro
