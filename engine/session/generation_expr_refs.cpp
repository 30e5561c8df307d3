// Whole-row and system-column references in GENERATED ALWAYS AS (expr) STORED (see the header).
#include "session/generation_expr_refs.h"
#include <string>
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

extern "C" bool raw_expression_tree_walker_impl(Node* node, bool (*walker)(Node*, void*), void* context);

namespace pgmicro {

namespace {

bool refs_walker(Node* n, void* ctx) {
  if (!n) return false;
  const TableDef& t = *static_cast<const TableDef*>(ctx);
  if (IsA(n, ColumnRef)) {
    auto* cr = reinterpret_cast<ColumnRef*>(n);
    int k = list_size(cr->fields);
    Node* last = list_at(cr->fields, k - 1);
    bool star = IsA(last, A_Star);
    std::string first = IsA(list_at(cr->fields, 0), String) ? strVal(list_at(cr->fields, 0)) : "";
    // t, t.*: the row of the table itself
    bool whole_row = (k == 1 && !star && first == t.name && t.find_column(first) < 0) || (k == 2 && star && first == t.name);
    if (whole_row)
      throw PgError("42P17", "cannot use whole-row variable in column generation expression",
                    "This would cause the generated column to depend on its own value.")
          .at(cr->location);
    std::string col = !star && IsA(last, String) ? strVal(last) : "";
    if (k <= 2 && t.find_column(col) < 0 && (k == 1 || first == t.name))
      for (const char* sys : {"ctid", "xmin", "cmin", "xmax", "cmax"})
        if (col == sys)
          throw PgError("42P10", "cannot use system column \"" + col + "\" in column generation expression").at(cr->location);
    return false;
  }
  return raw_expression_tree_walker_impl(n, refs_walker, ctx);
}

}  // namespace

void check_generation_expr_refs(Node* expr, const TableDef& t) { refs_walker(expr, const_cast<TableDef*>(&t)); }

}  // namespace pgmicro
