// Reading a view's stored definition text: see view_definition.h.
#include "analyze/view_definition.h"
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

static std::string option_value(DefElem* d) {
  Node* a = d->arg;
  if (!a) return "true";
  if (IsA(a, String)) return strVal(a);
  if (IsA(a, Integer)) return std::to_string(intVal(a));
  if (IsA(a, Float)) return castNode(Float, a)->fval;
  if (IsA(a, Boolean)) return boolVal(a) ? "true" : "false";
  if (IsA(a, TypeName)) {
    auto* tn = reinterpret_cast<TypeName*>(a);
    return node_string(list_at(tn->names, list_size(tn->names) - 1));
  }
  return "";
}

static bool reloption_bool(const std::string& v) {
  std::string s;
  for (char c : v) s += char(tolower((unsigned char)c));
  // PostgreSQL's parse_bool: unique prefixes of true/false/yes/no, on/off, 1/0.
  auto prefix = [&](const char* w) { return !s.empty() && std::string(w).compare(0, s.size(), s) == 0; };
  if (prefix("true") || prefix("yes") || s == "on" || s == "1") return true;
  if (prefix("false") || prefix("no") || s == "off" || s == "of" || s == "0") return true;
  return false;
}

void merge_view_reloptions(List* defs, bool reset, std::vector<std::pair<std::string, std::string>>& opts) {
  for_each_node(defs, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string name = d->defname;
    if (d->defnamespace) throw PgError("22023", "unrecognized parameter namespace \"" + std::string(d->defnamespace) + "\"");
    if (name != "check_option" && name != "security_barrier" && name != "security_invoker")
      throw PgError("22023", "unrecognized parameter \"" + name + "\"");
    std::string value;
    if (!reset) {
      value = option_value(d);
      if (name == "check_option") {
        std::string l;
        for (char c : value) l += char(tolower((unsigned char)c));
        if (l != "local" && l != "cascaded")
          throw PgError("22023", "invalid value for enum option \"check_option\": " + value,
                        "Valid values are \"local\" and \"cascaded\".");
      } else if (!reloption_bool(value)) {
        throw PgError("22023", "invalid value for boolean option \"" + name + "\": " + value);
      }
    }
    bool found = false;
    for (size_t i = 0; i < opts.size(); i++)
      if (opts[i].first == name) {
        if (reset) opts.erase(opts.begin() + (long)i);
        else opts[i].second = value;
        found = true;
        break;
      }
    if (!found && !reset) opts.push_back({name, value});
  });
}

ViewDefinition::ViewDefinition(const std::string& definition) : script(std::make_unique<ParsedScript>(definition)) {
  auto& st = script->statements();
  if (st.empty() || !IsA(st[0].raw->stmt, ViewStmt)) throw PgError(sqlstate::kInternalError, "view has an invalid stored definition");
  stmt = reinterpret_cast<ViewStmt*>(st[0].raw->stmt);
  merge_view_reloptions(stmt->options, false, reloptions);
  if (stmt->withCheckOption != NO_CHECK_OPTION) {
    std::string v = stmt->withCheckOption == LOCAL_CHECK_OPTION ? "local" : "cascaded";
    bool found = false;
    for (auto& o : reloptions)
      if (o.first == "check_option") { o.second = v; found = true; }
    if (!found) reloptions.push_back({"check_option", v});
  }
  for (size_t i = 1; i < st.size(); i++) {
    if (!IsA(st[i].raw->stmt, AlterTableStmt)) continue;
    auto* at = reinterpret_cast<AlterTableStmt*>(st[i].raw->stmt);
    bool defaults = false;
    for_each_node(at->cmds, [&](Node* n) {
      auto* cmd = reinterpret_cast<AlterTableCmd*>(n);
      if (cmd->subtype == AT_SetRelOptions || cmd->subtype == AT_ResetRelOptions)
        merge_view_reloptions(reinterpret_cast<List*>(cmd->def), cmd->subtype == AT_ResetRelOptions, reloptions);
      if (cmd->subtype == AT_ColumnDefault) {
        column_defaults.push_back({cmd->name, cmd->def});
        defaults = true;
      }
    });
    if (defaults) {
      int loc = st[i].location, len = st[i].length;
      default_statements += ";\n" + (len ? definition.substr(loc, len) : definition.substr(loc));
    }
  }
  for (auto& o : reloptions)
    if (o.first == "check_option") {
      std::string l;
      for (char c : o.second) l += char(tolower((unsigned char)c));
      check_option = l == "local" ? 'l' : 'c';
    }
}

Node* ViewDefinition::column_default(const std::string& column) const {
  Node* out = nullptr;
  for (auto& d : column_defaults)
    if (d.first == column) out = d.second;
  return out;
}

}  // namespace pgmicro
