// Name <-> OID lookups behind the reg* types (object_names.h), following regproc.c:
// regclassin/out, regtypein/out, regprocin/out, regprocedurein/out, regnamespacein/out,
// regrolein/out. Operators carry no OIDs in pgmicro (regoper/regoperator input is 0A000).
#include "catalog/object_names.h"
#include "catalog/privileges.h"
#include <algorithm>
#include "catalog/system_relations.h"
#include "common/error.h"
#include "runtime/function_context.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (auto& p : parts) s += (s.empty() ? "" : ".") + p;
  return s;
}

int64_t find_relation(const Catalog& c, const std::string& schema, const std::string& name) {
  if (schema.empty()) {
    if (const TableDef* t = c.find_table("pg_temp", name); t && c.temp_schema_exists()) return t->oid;
  }
  if (schema.empty() || schema == kCatalogSchema || schema == kInformationSchema)
    if (const SystemRelation* s = find_system_relation(schema, name)) return s->def.oid;
  if (schema == kInformationSchema) return 0;
  if (const TableDef* t = c.find_table(schema, name); t && !t->plain_sqlite) return t->oid;
  if (const ViewDef* v = c.find_view(schema, name)) return v->oid;
  if (const SequenceDef* s = c.find_sequence(schema, name)) return s->oid;
  if (auto [t, ix] = c.find_index(schema, name); ix) return ix->oid;
  // constraint indexes
  for (auto& t : c.tables()) {
    if (!schema.empty() && t->schema != Catalog::canonical_schema(schema)) continue;
    for (auto& k : t->constraints)
      if ((k.type == 'p' || k.type == 'u') && k.name == name) {
        if (schema.empty() && c.find_table("", t->name) != t.get()) continue;
        return kConstraintIndexOidBase + k.oid;
      }
  }
  // the relation of a composite type (CREATE TYPE AS)
  if (schema.empty() || Catalog::canonical_schema(schema) == kPublicSchema)
    for (auto& [toid, u] : c.user_types().all())
      if (u->kind == 'c' && !u->relid && u->name == name) return kCompositeRelationOidBase + toid;
  return 0;
}

bool schema_exists(const Catalog& c, const std::string& s) {
  return c.find_schema(s) || s == kInformationSchema || s == "pg_toast";
}

// regtypein's parseTypeString, for the forms written in practice: SQL names with optional
// typmods and [] suffixes, optionally qualified and quoted.
Oid parse_type_text(std::string_view text, bool missing_ok) {
  std::string s;
  bool quoted = false;
  for (char ch : text) {
    if (ch == '"') { quoted = !quoted; continue; }
    s += quoted ? ch : (char)std::tolower((unsigned char)ch);
  }
  // drop typmods "(...)"
  std::string t;
  int depth = 0;
  for (char ch : s) {
    if (ch == '(') depth++;
    else if (ch == ')') depth--;
    else if (depth == 0) t += ch;
  }
  auto trim = [](std::string& x) {
    while (!x.empty() && x.back() == ' ') x.pop_back();
    size_t i = 0;
    while (i < x.size() && x[i] == ' ') i++;
    x.erase(0, i);
  };
  trim(t);
  int dims = 0;
  for (;;) {
    trim(t);
    if (t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0) t.resize(t.size() - 2), dims++;
    else break;
  }
  std::string name = t;
  if (name.rfind("pg_catalog.", 0) == 0) name = name.substr(11);
  else if (name.rfind("public.", 0) == 0) name = name.substr(7);
  // collapse inner runs of spaces
  std::string n;
  for (char ch : name)
    if (!(ch == ' ' && !n.empty() && n.back() == ' ')) n += ch;
  // "char" (quoted) is the one-byte type; bare char is character.
  const TypeInfo* ti = n == "char" && text.find('"') != std::string_view::npos ? find_type(oid::kChar) : find_type_by_name(n);
  Oid o = ti ? ti->oid : 0;
  if (ti && dims > 0) o = array_type_of(o);
  if (!o) {
    if (missing_ok) return 0;
    throw PgError(sqlstate::kUndefinedObject, "type \"" + std::string(text) + "\" does not exist");
  }
  return o;
}

std::string signature(const ProcDef& p) {
  std::string s = pg_quote_identifier(p.name) + "(";
  bool first = true;
  for (Oid t : p.input_types()) {
    if (!first) s += ",";
    first = false;
    s += format_type_name(t, -1);
  }
  return s + ")";
}

}  // namespace

int64_t relation_oid_by_name(const Catalog& c, const std::string& schema, const std::string& name) {
  if (!schema.empty() && !schema_exists(c, schema))
    throw PgError("3F000", "schema \"" + schema + "\" does not exist");
  return find_relation(c, schema, name);
}

std::optional<Oid> CatalogObjectNames::lookup(Oid regtype, std::string_view text, bool missing_ok) const {
  switch (regtype) {
    case oid::kRegclass: {
      auto parts = split_qualified_name(text);
      if (parts.size() > 3)
        throw PgError(sqlstate::kSyntaxError, "improper relation name (too many dotted names): " + joined(parts));
      if (parts.size() == 3)
        throw PgError(sqlstate::kFeatureNotSupported, "cross-database references are not implemented: \"" + joined(parts) + "\"");
      std::string schema = parts.size() == 2 ? parts[0] : "";
      if (!schema.empty() && !schema_exists(c_, schema)) {
        if (missing_ok) return std::nullopt;
        throw PgError("3F000", "schema \"" + schema + "\" does not exist");
      }
      if (int64_t o = find_relation(c_, schema, parts.back())) return Oid(o);
      if (missing_ok) return std::nullopt;
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + joined(parts) + "\" does not exist");
    }
    case oid::kRegtype: {
      Oid o = parse_type_text(text, missing_ok);
      if (!o) return std::nullopt;
      return o;
    }
    case oid::kRegproc:
    case oid::kRegprocedure: {
      std::string t(text);
      size_t paren = t.find('(');
      if (regtype == oid::kRegprocedure && paren == std::string::npos)
        throw PgError(sqlstate::kInvalidTextRepresentation, "expected a left parenthesis");
      auto parts = split_qualified_name(regtype == oid::kRegproc ? t : t.substr(0, paren));
      std::string name = parts.back();
      std::vector<const ProcDef*> procs;
      for (const ProcDef* p : c_.find_procs(name)) procs.push_back(p);
      if (regtype == oid::kRegproc) {
        if (procs.size() == 1) return Oid(procs[0]->oid);
        if (missing_ok) return std::nullopt;
        if (procs.size() > 1)
          throw PgError(sqlstate::kAmbiguousFunction, "more than one function named \"" + joined(parts) + "\"");
        throw PgError(sqlstate::kUndefinedFunction, "function \"" + t + "\" does not exist");
      }
      // argument types
      std::vector<Oid> args;
      size_t close = t.rfind(')');
      if (close == std::string::npos || close < paren) throw PgError(sqlstate::kInvalidTextRepresentation, "expected a right parenthesis");
      std::string inner = t.substr(paren + 1, close - paren - 1);
      size_t p = 0;
      int depth = 0;
      std::string cur;
      for (; p <= inner.size(); p++) {
        char ch = p < inner.size() ? inner[p] : ',';
        if (ch == '(') depth++;
        if (ch == ')') depth--;
        if (ch == ',' && depth == 0) {
          std::string a = cur;
          while (!a.empty() && a.back() == ' ') a.pop_back();
          if (!a.empty() || p < inner.size()) {
            Oid o = parse_type_text(a, missing_ok);
            if (!o) return std::nullopt;
            args.push_back(o);
          }
          cur.clear();
        } else {
          cur += ch;
        }
      }
      for (const ProcDef* pr : procs)
        if (pr->input_types() == args) return Oid(pr->oid);
      if (missing_ok) return std::nullopt;
      throw PgError(sqlstate::kUndefinedFunction, "function \"" + t + "\" does not exist");
    }
    case oid::kRegnamespace: {
      auto parts = split_qualified_name(text);
      if (parts.size() != 1) throw PgError("42601", "invalid name syntax");
      if (parts[0] == kInformationSchema) return Oid(kInformationSchemaOid);
      if (parts[0] == "pg_toast") return Oid(kToastSchemaOid);
      if (c_.find_schema(parts[0])) return Oid(schema_oid(c_, Catalog::canonical_schema(parts[0])));
      if (missing_ok) return std::nullopt;
      throw PgError("3F000", "schema \"" + parts[0] + "\" does not exist");
    }
    case oid::kRegrole: {
      auto parts = split_qualified_name(text);
      if (parts.size() != 1) throw PgError("42601", "invalid name syntax");
      if (parts[0] == "postgres") return Oid(kBootstrapSuperuserOid);
      if (c_.privileges && c_.privileges->db)
        if (auto r = find_role(c_.privileges->db, parts[0])) return Oid(r->oid);
      if (missing_ok) return std::nullopt;
      throw PgError(sqlstate::kUndefinedObject, "role \"" + parts[0] + "\" does not exist");
    }
    default:
      throw PgError(sqlstate::kFeatureNotSupported, "input of type " + format_type_name(regtype, -1) + " by name is not supported by pgmicro yet");
  }
}

std::optional<std::string> CatalogObjectNames::name(Oid regtype, Oid value) const {
  switch (regtype) {
    case oid::kRegclass: {
      for (const RelationRef& r : all_relations(c_)) {
        if (r.oid != value) continue;
        bool visible = r.schema == kTempSchema || find_relation(c_, "", r.name) == r.oid;
        return visible ? pg_quote_identifier(r.name) : pg_quote_identifier(r.schema) + "." + pg_quote_identifier(r.name);
      }
      return std::nullopt;
    }
    case oid::kRegtype:
      if (find_type(value)) return format_type_name(value, -1);
      return std::nullopt;
    case oid::kRegproc:
    case oid::kRegprocedure:
      for (auto& p : c_.procs())
        if (p->oid == value) return regtype == oid::kRegproc ? pg_quote_identifier(p->name) : signature(*p);
      return std::nullopt;
    case oid::kRegnamespace:
      if (value == kInformationSchemaOid) return std::string(kInformationSchema);
      if (value == kToastSchemaOid) return std::string("pg_toast");
      if (value == kTempSchemaOid && c_.temp_schema_exists()) return std::string(kTempSchema);
      for (auto& s : c_.schemas())
        if (s.oid == value && s.oid > 0) return pg_quote_identifier(s.name);
      return std::nullopt;
    case oid::kRegrole:
      if (value == kBootstrapSuperuserOid) return std::string("postgres");
      if (c_.privileges && c_.privileges->db)
        if (auto r = find_role(c_.privileges->db, (int64_t)value)) return pg_quote_identifier(r->name);
      return std::nullopt;
    default: return std::nullopt;
  }
}

}  // namespace pgmicro
