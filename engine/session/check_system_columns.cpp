// The tableoid system column in CHECK expressions, for ChooseConstraintName's column part.
#include "session/check_system_columns.h"
#include <string>
#include "catalog/catalog.h"
#include "parse/pg_nodes.h"

extern "C" bool raw_expression_tree_walker_impl(Node* node, bool (*walker)(Node*, void*), void* context);

namespace pgmicro {

namespace {

struct Walk {
  const TableDef* t;
  bool found = false;
};

bool walker(Node* n, void* ctx) {
  if (!n) return false;
  auto* w = static_cast<Walk*>(ctx);
  if (IsA(n, ColumnRef)) {
    auto* cr = reinterpret_cast<ColumnRef*>(n);
    Node* last = list_at(cr->fields, list_size(cr->fields) - 1);
    if (IsA(last, String) && std::string(strVal(last)) == "tableoid" && w->t->find_column("tableoid") < 0) w->found = true;
    return false;
  }
  return raw_expression_tree_walker_impl(n, walker, ctx);
}

}  // namespace

bool check_mentions_tableoid(Node* expr, const TableDef& t) {
  Walk w{&t};
  walker(expr, &w);
  return w.found;
}

}  // namespace pgmicro
