// Views reading a relation, for DROP's dependency checks (see the header).
#include "session/view_dependencies.h"
#include <algorithm>
#include <set>
#include "catalog/catalog.h"
#include "catalog/object_names.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"

extern "C" bool raw_expression_tree_walker_impl(Node* node, bool (*walker)(Node*, void*), void* context);

namespace pgmicro {

namespace {

struct Names {
  std::vector<std::pair<std::string, std::string>> relations;  // (schema or "", name)
  std::set<std::string> ctes;
  std::set<std::string> columns;  // last fields of column references ("*" for a star)
};

bool names_walker(Node* n, void* ctx) {
  if (!n) return false;
  auto& out = *static_cast<Names*>(ctx);
  if (IsA(n, RangeVar)) {
    auto* rv = reinterpret_cast<RangeVar*>(n);
    if (rv->relname) out.relations.push_back({rv->schemaname ? rv->schemaname : "", rv->relname});
    return false;
  }
  if (IsA(n, ColumnRef)) {
    auto* cr = reinterpret_cast<ColumnRef*>(n);
    Node* last = list_at(cr->fields, list_size(cr->fields) - 1);
    if (IsA(last, A_Star)) out.columns.insert("*");
    else if (IsA(last, String)) out.columns.insert(strVal(last));
    return false;
  }
  if (IsA(n, CommonTableExpr)) {
    auto* cte = reinterpret_cast<CommonTableExpr*>(n);
    if (cte->ctename) out.ctes.insert(cte->ctename);
  }
  return raw_expression_tree_walker_impl(n, names_walker, ctx);
}

// The OIDs of the relations view `v` reads directly (and the column names it mentions).
std::vector<int64_t> relations_read(const Catalog& catalog, const ViewDef& v, std::set<std::string>* columns = nullptr) {
  std::vector<int64_t> oids;
  MemoryContext home = CurrentMemoryContext;
  try {
    ParsedScript script(v.definition);
    MemoryContextSwitchTo(home);
    auto& st = script.statements();
    if (st.empty() || !IsA(st[0].raw->stmt, ViewStmt)) return oids;
    Names names;
    names_walker(reinterpret_cast<ViewStmt*>(st[0].raw->stmt)->query, &names);
    for (auto& [schema, name] : names.relations) {
      if (schema.empty() && names.ctes.count(name)) continue;
      if (const TableDef* t = catalog.find_table(schema, name)) oids.push_back(t->oid);
      else if (const ViewDef* w = catalog.find_view(schema, name)) oids.push_back(w->oid);
    }
    if (columns) *columns = names.columns;
  } catch (const PgError&) {
    // a stored text that no longer parses reads nothing we can name
  }
  MemoryContextSwitchTo(home);
  return oids;
}

}  // namespace

void collect_dependent_views(Catalog& catalog, int64_t oid, const std::string& what, const std::vector<int64_t>& skip,
                             std::vector<DependentView>& out) {
  std::vector<const ViewDef*> direct;
  for (auto& v : catalog.views()) {
    if (v->oid == oid || std::find(skip.begin(), skip.end(), v->oid) != skip.end()) continue;
    auto reads = relations_read(catalog, *v);
    if (std::find(reads.begin(), reads.end(), oid) != reads.end()) direct.push_back(v.get());
  }
  std::sort(direct.begin(), direct.end(), [](const ViewDef* a, const ViewDef* b) { return a->oid < b->oid; });
  for (const ViewDef* v : direct) {
    bool seen = false;
    for (auto& d : out) seen |= d.view == v;
    if (seen) continue;
    out.push_back({v, what});
    collect_dependent_views(catalog, v->oid, "view " + relation_description_name(catalog, v->oid), skip, out);
  }
}

std::vector<const ViewDef*> views_reading_column(Catalog& catalog, int64_t oid, const std::string& column) {
  std::vector<const ViewDef*> out;
  for (auto& v : catalog.views()) {
    std::set<std::string> columns;
    auto reads = relations_read(catalog, *v, &columns);
    if (std::find(reads.begin(), reads.end(), oid) != reads.end() && (columns.count(column) || columns.count("*")))
      out.push_back(v.get());
  }
  std::sort(out.begin(), out.end(), [](const ViewDef* a, const ViewDef* b) { return a->oid < b->oid; });
  return out;
}

std::string relation_description_name(const Catalog& catalog, int64_t oid) {
  CatalogObjectNames names(catalog);
  auto n = names.name(oid::kRegclass, Oid(oid));
  return n ? *n : std::to_string(oid);
}

std::string drop_view_sql(const ViewDef& v) {
  std::string cp = catalog_prefix(v.schema), oid = std::to_string(v.oid);
  return "DELETE FROM " + cp + "_pgmicro_view WHERE viewrelid = " + oid + ";DELETE FROM " + cp + "_pgmicro_class WHERE oid = " +
         oid + ";DELETE FROM " + cp + "_pgmicro_description WHERE objoid = " + oid + ";";
}

}  // namespace pgmicro
