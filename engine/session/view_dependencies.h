// Views that read a relation — what PostgreSQL records in pg_depend for a view's rule — so that
// DROP TABLE and DROP VIEW refuse with 2BP01 while views read what they drop, or with CASCADE
// drop those views too, with PostgreSQL's DETAIL and NOTICE lines. A view's relations are the
// relation names of its stored query (FROM items, subqueries, WITH queries; WITH names skipped),
// resolved as they are when the view is used.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace pgmicro {

class Catalog;
struct ViewDef;

struct DependentView {
  const ViewDef* view;
  std::string on;  // what it depends on, as PostgreSQL names it: "table t", "view v"
};

// Appends the views reading relation `oid` (described as `what`), then, depth first, the views
// reading those, in creation order; views whose OID is in `skip` (being dropped anyway) and
// views already in `out` are left out.
void collect_dependent_views(Catalog& catalog, int64_t oid, const std::string& what, const std::vector<int64_t>& skip,
                             std::vector<DependentView>& out);

// The views reading column `column` of the relation `oid` directly: by name anywhere in their
// query (a same-named column of another relation counts too) or through a `*`.
std::vector<const ViewDef*> views_reading_column(Catalog& catalog, int64_t oid, const std::string& column);

// A relation's name as PostgreSQL's object descriptions print it: qualified when not visible on
// the search path (regclass output).
std::string relation_description_name(const Catalog& catalog, int64_t oid);

// The SQL deleting view `v` and its catalog rows.
std::string drop_view_sql(const ViewDef& v);

}  // namespace pgmicro
