// A view's stored definition read back: the CREATE VIEW statement (its query, WITH options and
// CHECK OPTION) and the ALTER VIEW statements appended to it later (SET/RESET options, column
// defaults), applied in order. Views keep this text as their whole catalog state, so no
// catalog table changes for reloptions or view column defaults.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include "parse/parser.h"

struct Node;
struct List;
struct ViewStmt;
struct SelectStmt;

namespace pgmicro {

struct ViewDefinition {
  explicit ViewDefinition(const std::string& definition);
  std::unique_ptr<ParsedScript> script;
  ViewStmt* stmt = nullptr;
  char check_option = 0;  // 0 none, 'l' LOCAL, 'c' CASCADED
  std::vector<std::pair<std::string, std::string>> reloptions;  // pg_class.reloptions order
  std::vector<std::pair<std::string, Node*>> column_defaults;   // view column -> raw default expression
  Node* column_default(const std::string& column) const;
  // The text of the appended ALTER statements that set column defaults (kept by CREATE OR
  // REPLACE VIEW, as PostgreSQL keeps pg_attrdef rows).
  std::string default_statements;
};

// Validates WITH (...) options of a view (PostgreSQL's 22023 errors) and merges them into
// `opts` (reset: removes the named ones).
void merge_view_reloptions(List* defs, bool reset, std::vector<std::pair<std::string, std::string>>& opts);

// PostgreSQL's view_query_is_auto_updatable: the DETAIL saying why a view's query is not
// automatically updatable, or "" (analyze_view_update.cpp).
struct SelectQuery;
std::string view_not_updatable_detail(SelectStmt* s, const SelectQuery& q, bool check_cols);

}  // namespace pgmicro
