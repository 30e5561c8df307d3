// EXPLAIN's plan tree: SQLite's EXPLAIN QUERY PLAN rows (id/parent/detail) turned into
// PostgreSQL-shaped plan nodes ("Seq Scan on t", "Index Scan using i on t", "Nested Loop",
// "Sort", SubPlans), and their text and JSON renderings. The plan is SQLite's, not
// PostgreSQL's: node names are the nearest PostgreSQL equivalents of SQLite's steps.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct DefElem;

namespace pgmicro {

// One row of SQLite's EXPLAIN QUERY PLAN (or of the complex scan status).
struct SqlitePlanRow {
  int id = 0;
  int parent = 0;
  std::string detail;
};

struct ExplainNode {
  std::string type;         // "Seq Scan", "Index Scan", "Nested Loop", "Sort", "Result", ...
  std::string relation;     // PostgreSQL name of the scanned relation ("on <relation> <alias>")
  std::string alias;        // shown when it differs from relation
  std::string index;        // "using <index>"
  std::string plan_name;    // "SubPlan 1", "InitPlan 1": printed above the node
  std::string relationship; // JSON "Parent Relationship": Outer, Inner, Member, SubPlan, InitPlan
  std::string join_type;    // JSON "Join Type" of a Nested Loop
  std::vector<std::pair<std::string, std::string>> props;  // "Index Cond" -> "(a=?)"
  std::string detail;       // SQLite's own line for this node (VERBOSE, JSON "SQLite Detail")
  int64_t loops = -1, rows = -1;  // EXPLAIN ANALYZE: actual counts when SQLite reported them
  bool executed_known = false;    // ANALYZE: counts were looked up for this node
  std::vector<std::unique_ptr<ExplainNode>> children;
};

// How SQLite's names map back to PostgreSQL's: a SQLite alias ("r1") to {relation, alias},
// a SQLite index name to the PostgreSQL index/constraint name.
struct ExplainRelation {
  std::string relation, alias;
  std::string cte;  // a WITH query: its name in the lowered SQL ("w1")
};
struct ExplainNames {
  std::function<ExplainRelation(const std::string& sqlite_alias)> relation;
  std::function<std::string(const std::string& sqlite_table, const std::string& sqlite_index)> index;
};

// Builds the tree from EXPLAIN QUERY PLAN rows. dml_root: "Insert"/"Update"/"Delete" (+ its
// relation) puts a ModifyTable-like node on top; empty for queries.
std::unique_ptr<ExplainNode> build_explain_tree(const std::vector<SqlitePlanRow>& rows, const ExplainNames& names,
                                                const std::string& dml_root, const std::string& dml_relation);

struct ExplainRenderOptions {
  bool analyze = false;
  bool verbose = false;
};

// PostgreSQL's text layout: one string per line.
void render_explain_text(const ExplainNode& root, const ExplainRenderOptions& opt, std::vector<std::string>& lines);
// PostgreSQL's JSON layout for one node ("Node Type", ..., "Plans"), indented by `indent` spaces.
std::string render_explain_json_node(const ExplainNode& node, const ExplainRenderOptions& opt, int indent);

// A JSON string literal.
std::string explain_json_string(const std::string& s);

// define.c's defGetBoolean: a utility option's Boolean value (EXPLAIN, VACUUM), 42601 otherwise.
bool def_boolean(DefElem* d);

}  // namespace pgmicro
