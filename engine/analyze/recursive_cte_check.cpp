// WITH RECURSIVE's shape checks that come before analysis (parse_cte.c's checkWellFormedRecursion,
// first part): a query that refers to itself must be non-recursive-term UNION [ALL]
// recursive-term, and the non-recursive term must not refer to it. Self-references are found
// in the raw tree by name (an unqualified RangeVar naming the WITH query).
#include <cstring>
#include <string>
#include "common/error.h"
#include "parse/pg_nodes.h"
extern "C" {
#include "nodes/nodeFuncs.h"
}

namespace pgmicro {

namespace {

struct SelfRefs {
  const char* name;
  int first_location = -1;
  int count = 0;
};

bool find_self_refs(Node* node, void* context) {
  if (!node) return false;
  auto* refs = static_cast<SelfRefs*>(context);
  if (IsA(node, RangeVar)) {
    auto* rv = reinterpret_cast<RangeVar*>(node);
    if (!rv->schemaname && !rv->catalogname && rv->relname && std::strcmp(rv->relname, refs->name) == 0) {
      if (refs->first_location < 0) refs->first_location = rv->location;
      refs->count++;
    }
    return false;
  }
  return raw_expression_tree_walker(node, find_self_refs, context);
}

}  // namespace

void check_recursive_cte_shape(CommonTableExpr* cte) {
  if (!cte->ctequery || !IsA(cte->ctequery, SelectStmt)) return;
  auto* stmt = reinterpret_cast<SelectStmt*>(cte->ctequery);
  SelfRefs all{cte->ctename};
  find_self_refs(cte->ctequery, &all);
  if (all.count == 0) return;
  if (stmt->op != SETOP_UNION)
    throw PgError("42P19", "recursive query \"" + std::string(cte->ctename) +
                               "\" does not have the form non-recursive-term UNION [ALL] recursive-term")
        .at(cte->location);
  SelfRefs left{cte->ctename};
  find_self_refs(reinterpret_cast<Node*>(stmt->larg), &left);
  if (left.count)
    throw PgError("42P19", "recursive reference to query \"" + std::string(cte->ctename) + "\" must not appear within its non-recursive term")
        .at(left.first_location);
}

}  // namespace pgmicro
