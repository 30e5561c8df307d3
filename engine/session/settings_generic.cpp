// Settings beyond the parameters settings.cpp gives a meaning to: every other PostgreSQL 15
// parameter (accepted, validated and shown through guc_table.h, with no effect), customised
// options ("myapp.user_id" placeholders), SHOW ALL, current_setting() and set_config().
#include <cctype>
#include <cstring>
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "runtime/function_context.h"
#include "session/guc_table.h"
#include "session/settings.h"

namespace pgmicro {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// PostgreSQL 15's valid_custom_variable_name: two or more identifiers separated by dots.
bool valid_custom_name(const std::string& name) {
  bool saw_sep = false, name_start = true;
  for (unsigned char c : name) {
    if (c == '.') {
      if (name_start) return false;
      saw_sep = true;
      name_start = true;
    } else if (std::isalpha(c) || c == '_' || c >= 0x80) {
      name_start = false;
    } else if (!name_start && (std::isdigit(c) || c == '$')) {
    } else {
      return false;
    }
  }
  return !name_start && saw_sep;
}

}  // namespace

std::string Settings::quoted_list_text(VariableSetStmt* stmt) {
  std::string out;
  for_each_node(stmt->args, [&](Node* n) {
    if (!out.empty()) out += ", ";
    if (!IsA(n, A_Const)) unsupported("this SET value");
    Node* v = reinterpret_cast<Node*>(&reinterpret_cast<A_Const*>(n)->val);
    if (IsA(v, String)) out += pg_quote_identifier(strVal(v));
    else if (IsA(v, Integer)) out += std::to_string(intVal(v));
    else if (IsA(v, Float)) out += castNode(Float, v)->fval;
    else unsupported("this SET value");
  });
  return out;
}

bool Settings::has_own_rules(const std::string& key) {
  static const char* const keys[] = {"extra_float_digits", "statement_timeout", "lock_timeout",
                                     "idle_in_transaction_session_timeout", "client_min_messages",
                                     "search_path", "application_name", "pgmicro.dialect", nullptr};
  for (const char* const* k = keys; *k; k++)
    if (key == *k) return true;
  return false;
}

void Settings::set_generic(const std::string& name, const std::optional<std::string>& value, bool is_local,
                           bool in_transaction) {
  std::string key = lower(name), shown;
  if (const GucDef* g = find_guc(name)) {
    shown = value ? guc_set_value(*g, *value) : (guc_set_value(*g, g->boot_value), guc_default_display(*g));
  } else if (name.find('.') != std::string::npos) {
    if (!valid_custom_name(name))
      throw PgError("42602", "invalid configuration parameter name \"" + name + "\"",
                    "Custom parameter names must be two or more simple identifiers separated by dots.");
    placeholders_.emplace(key, name);
    shown = value ? *value : "";
  } else {
    throw PgError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + name + "\"");
  }
  if (is_local) {
    if (!in_transaction) return;
    if (!before_local_.count(key)) {
      // A parameter never set so far is restored to its default, not to an empty value.
      auto current = generic_value(name);
      before_local_[key] = current ? current->second : get(key);
    }
  }
  values_[key] = shown;
}

std::optional<std::pair<std::string, std::string>> Settings::generic_value(const std::string& name) const {
  std::string key = lower(name);
  auto it = values_.find(key);
  if (const GucDef* g = find_guc(name)) return std::make_pair(std::string(g->name), it != values_.end() ? it->second : guc_default_display(*g));
  auto ph = placeholders_.find(key);
  if (ph == placeholders_.end()) return std::nullopt;
  return std::make_pair(ph->second, it != values_.end() ? it->second : std::string());
}

std::vector<std::vector<std::string>> Settings::show_all() const {
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < kGucTableSize; i++) {
    const GucDef& g = kGucTable[i];
    rows.push_back({g.name, show(g.name).second, g.description});
  }
  return rows;
}

std::optional<std::string> Settings::current_setting(const std::string& name, bool missing_ok) const {
  try {
    return show(name).second;
  } catch (const PgError& e) {
    if (missing_ok && e.error.sqlstate == sqlstate::kUndefinedObject) return std::nullopt;
    throw;
  }
}

std::string Settings::set_config(const std::string& name, const std::optional<std::string>& value, bool is_local) {
  set(name, value, is_local, true);
  return show(name).second;
}

void Settings::end_implicit() {
  if (at_begin_) return;
  for (auto& [k, v] : before_local_) values_[k] = v;
  before_local_.clear();
}

}  // namespace pgmicro
