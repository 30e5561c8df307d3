// Keeps `SELECT *` views at the columns they had when created (session/view_star_freeze.h).
#include "session/view_star_freeze.h"
#include "analyze/analyzer.h"
#include "analyze/view_definition.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

namespace {

// The view's query printed with `*` expanded, as a CREATE VIEW statement keeping its column
// names, options (check_option included) and the ALTER VIEW ... SET DEFAULT statements after it.
std::string expanded_definition(Catalog& catalog, const ViewDef& v, size_t& columns) {
  std::vector<Oid> no_params;
  Analyzer a(catalog, no_params);
  auto q = a.analyze_view(v);
  columns = q->targets.size();
  for (size_t i = 0; i < q->targets.size() && i < v.column_names.size(); i++) q->targets[i].name = v.column_names[i];
  std::string query = deparse_view_query(*q, false);
  while (!query.empty() && (query.back() == ';' || isspace((unsigned char)query.back()))) query.pop_back();
  ViewDefinition def(v.definition);
  std::string text = std::string("CREATE ") + (def.stmt->view->relpersistence == 't' ? "TEMP " : "") +
                     "VIEW " + (v.schema == "public" || def.stmt->view->relpersistence == 't' ? "" : quote_ident(v.schema) + ".") +
                     quote_ident(v.name) + " (";
  for (size_t i = 0; i < q->targets.size(); i++) text += (i ? ", " : "") + quote_ident(q->targets[i].name);
  text += ")";
  if (!def.reloptions.empty()) {
    text += " WITH (";
    for (size_t i = 0; i < def.reloptions.size(); i++)
      text += (i ? ", " : "") + def.reloptions[i].first + " = " + quote_literal(def.reloptions[i].second);
    text += ")";
  }
  return text + " AS\n" + query + def.default_statements;
}

}  // namespace

StarViews snapshot_star_views(Catalog& catalog) {
  StarViews out;
  for (auto& v : catalog.views()) {
    if (v->definition.find('*') == std::string::npos) continue;
    StarViews::Entry e{v->oid, v->schema, v->name, 0, ""};
    try {
      e.definition = expanded_definition(catalog, *v, e.columns);
    } catch (const PgError&) {
      try {  // not printable: the column count still tells whether the ALTER widened it
        std::vector<Oid> no_params;
        Analyzer a(catalog, no_params);
        e.columns = a.analyze_view(*v)->targets.size();
      } catch (const PgError&) {
        continue;  // a view that does not analyse now is not widened by the ALTER either
      }
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

bool freeze_widened_views(Catalog& catalog, sqlite3* conn, const StarViews& before) {
  bool changed = false;
  for (auto& e : before.entries) {
    const ViewDef* v = nullptr;
    for (auto& x : catalog.views())
      if (x->oid == e.oid) v = x.get();
    if (!v) continue;
    size_t now = 0;
    try {
      std::vector<Oid> no_params;
      Analyzer a(catalog, no_params);
      now = a.analyze_view(*v)->targets.size();
    } catch (const PgError&) {
      continue;
    }
    if (now == e.columns) continue;
    if (e.definition.empty())
      unsupported("adding columns to a table that view \"" + e.name + "\" reads through *, where pgmicro cannot keep the view's columns");
    exec_sql(conn, "UPDATE " + catalog_prefix(e.schema) + "_pgmicro_view SET definition = " + quote_literal(e.definition) +
                       " WHERE viewrelid = " + std::to_string(e.oid) + ";");
    changed = true;
  }
  return changed;
}

}  // namespace pgmicro
