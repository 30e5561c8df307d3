// Views keep the columns a `*` gave them at CREATE VIEW, as PostgreSQL stores a view's expanded
// target list. pgmicro stores a view as its CREATE VIEW text and analyses it at each use, so an
// ALTER TABLE ... ADD COLUMN would widen a view over `SELECT *`. Before such an ALTER, the views
// whose text has a `*` are printed with their columns expanded (deparse_view.cpp); after it, a
// view whose column list changed gets that printed form as its stored definition, or, when its
// query could not be printed, the ALTER fails with 0A000.
#pragma once
#include <string>
#include <vector>

struct sqlite3;

namespace pgmicro {

class Catalog;

struct StarViews {
  struct Entry {
    int64_t oid = 0;
    std::string schema, name;
    size_t columns = 0;
    std::string definition;  // the CREATE VIEW text with `*` expanded; empty when not printable
  };
  std::vector<Entry> entries;
};

// The views whose stored text has a `*`, with their current columns expanded.
StarViews snapshot_star_views(Catalog& catalog);

// After the catalog changed: views of `before` whose column count changed get their expanded
// definition (0A000 when it could not be printed). Returns whether a definition was rewritten.
bool freeze_widened_views(Catalog& catalog, sqlite3* conn, const StarViews& before);

}  // namespace pgmicro
