// Dependents of a function in stored expression texts (see the header). The texts are parsed and
// their function calls matched by name and argument count; when several routines share both, the
// call cannot be told apart here and nothing is reported for it.
#include "session/function_dependents.h"
#include "catalog/catalog.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"

extern "C" bool raw_expression_tree_walker_impl(Node* node, bool (*walker)(Node*, void*), void* context);

namespace pgmicro {

namespace {

struct CallSearch {
  std::string name;
  int nargs;
  bool found = false;
};

bool call_walker(Node* n, void* ctx) {
  if (!n) return false;
  auto* s = static_cast<CallSearch*>(ctx);
  if (IsA(n, FuncCall)) {
    auto* fc = reinterpret_cast<FuncCall*>(n);
    int k = list_size(fc->funcname);
    Node* last = k ? list_at(fc->funcname, k - 1) : nullptr;
    if (last && IsA(last, String) && strVal(last) == s->name && list_size(fc->args) == s->nargs) s->found = true;
  }
  return raw_expression_tree_walker_impl(n, call_walker, ctx);
}

bool calls(const std::string& expr_text, const std::string& name, int nargs) {
  if (expr_text.empty() || expr_text.find(name) == std::string::npos) return false;
  try {
    ParsedScript ps("SELECT " + expr_text);
    if (ps.statements().empty()) return false;
    auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
    CallSearch s{name, nargs};
    call_walker(reinterpret_cast<Node*>(sel->targetList), &s);
    return s.found;
  } catch (...) {
    return false;
  }
}

}  // namespace

std::vector<std::string> function_dependents(const Catalog& cat, const ProcDef& p, const std::string& signature) {
  std::vector<std::string> out;
  int nargs = (int)p.input_types().size();
  int same = 0;
  for (const ProcDef* q : cat.find_procs(p.name)) same += (int)q->input_types().size() == nargs;
  if (same != 1) return out;
  for (auto& t : cat.tables()) {
    if (t->plain_sqlite) continue;
    for (auto& c : t->columns)
      if (calls(c.default_text, p.name, nargs))
        out.push_back(std::string(c.generated ? "column " + c.name : "default value for column " + c.name) + " of table " + t->name +
                      " depends on function " + signature);
    for (auto& k : t->constraints)
      if (k.type == 'c' && calls(k.check_expr, p.name, nargs))
        out.push_back("constraint " + k.name + " on table " + t->name + " depends on function " + signature);
  }
  return out;
}

}  // namespace pgmicro
