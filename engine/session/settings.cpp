// Settings: the table of supported parameters and SET/SHOW/RESET semantics.
#include "session/settings.h"
#include <cctype>
#include <cstring>
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/interval.h"
#include "types/timezone.h"
#include "session/guc_table.h"

namespace pgmicro {

namespace {

struct Param {
  const char* name;          // canonical (SHOW column name)
  const char* default_value;
  // Values pgmicro can honour; nullptr = any.
  const char* const* allowed;
};

const char* const kDateStyle[] = {"ISO, MDY", "ISO", "iso", "ISO,MDY", "iso, mdy", "MDY", "mdy", nullptr};
const char* const kUtf8[] = {"UTF8", "utf8", "UTF-8", "utf-8", "unicode", "UNICODE", nullptr};
const char* const kOn[] = {"on", "ON", "true", "1", nullptr};
const char* const kIntervalStyle[] = {"postgres", "postgres_verbose", "sql_standard", "iso_8601", nullptr};
const char* const kDialect[] = {"postgres", "sqlite", nullptr};
const char* const kBool[] = {"on", "off", "true", "false", "yes", "no", "1", "0", nullptr};

const Param kParams[] = {
    {"application_name", "", nullptr},
    {"client_encoding", "UTF8", kUtf8},
    {"client_min_messages", "notice", nullptr},
    {"DateStyle", "ISO, MDY", kDateStyle},
    {"default_transaction_isolation", "read committed", nullptr},
    {"extra_float_digits", "1", nullptr},
    {"IntervalStyle", "postgres", kIntervalStyle},
    {"lock_timeout", "0", nullptr},
    {"idle_in_transaction_session_timeout", "0", nullptr},
    {"search_path", "\"$user\", public", nullptr},
    {"server_encoding", "UTF8", kUtf8},
    {"server_version", "15.0", nullptr},
    {"server_version_num", "150000", nullptr},
    {"standard_conforming_strings", "on", kOn},
    {"statement_timeout", "0", nullptr},
    {"TimeZone", "UTC", nullptr},  // checked by timezone_setting()
    {"default_text_search_config", "pg_catalog.english", nullptr},  // initdb's choice for the C locale
    {"timezone_abbreviations", "Default", nullptr},
    {"integer_datetimes", "on", kOn},
    {"is_superuser", "on", nullptr},
    {"max_identifier_length", "63", nullptr},
    {"transaction_isolation", "read committed", nullptr},
    {"synchronous_commit", "on", nullptr},
    {"row_security", "on", nullptr},
    {"role", "none", nullptr},                      // SET ROLE (session/ddl_role.cpp checks the name)
    {"session_authorization", "postgres", nullptr},  // SET SESSION AUTHORIZATION
    {"check_function_bodies", "on", nullptr},
    {"jit", "on", nullptr},
    {"work_mem", "4MB", nullptr},
    {"pgmicro.dialect", "postgres", kDialect},
    {"pgmicro.explain_lowered", "off", kBool},  // EXPLAIN adds "SQLite: <lowered SQL>"
};
const char* const kReadOnly[] = {"server_encoding", "server_version", "server_version_num", "integer_datetimes",
                                 "is_superuser", "max_identifier_length", nullptr};

std::string lower(std::string s);

// DateStyle: output style (only ISO is implemented) and field order, each kept from the old
// value when the new one names only the other. PostgreSQL's check_datestyle.
std::string datestyle_value(const std::string& v, const std::string& old) {
  std::string style = old.find("ISO") != std::string::npos ? "ISO" : "ISO";
  std::string order = old.find("DMY") != std::string::npos ? "DMY" : old.find("YMD") != std::string::npos ? "YMD" : "MDY";
  std::string tok;
  auto flush = [&] {
    if (tok.empty()) return;
    std::string t = lower(tok);
    tok.clear();
    if (t == "iso") style = "ISO";
    else if (t == "ymd") order = "YMD";
    else if (t == "dmy" || t == "euro" || t == "european") order = "DMY";
    else if (t == "mdy" || t == "us" || t == "noneuro" || t == "noneuropean") order = "MDY";
    else if (t == "postgres" || t == "sql" || t == "german") unsupported("DateStyle other than ISO");
    else if (t == "default") style = "ISO", order = "MDY";
    else throw PgError(sqlstate::kInvalidParameterValue, "invalid value for parameter \"DateStyle\": \"" + v + "\"",
                       "Unrecognized key word: \"" + t + "\".");
  };
  for (char c : v) {
    if (c == ',' || c == ' ') flush();
    else tok += c;
  }
  flush();
  return style + ", " + order;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const Param* find_param(const std::string& name) {
  std::string l = lower(name);
  if (l == "time zone") l = "timezone";
  for (auto& p : kParams)
    if (lower(p.name) == l) return &p;
  return nullptr;
}

// The value text of SET's argument list, as PostgreSQL flattens it (lists joined by ", ").
std::string arg_text(List* args) {
  std::string out;
  for_each_node(args, [&](Node* n) {
    if (!out.empty()) out += ", ";
    if (IsA(n, A_Const)) {
      auto* c = reinterpret_cast<A_Const*>(n);
      Node* v = reinterpret_cast<Node*>(&c->val);
      if (IsA(v, Integer)) out += std::to_string(intVal(v));
      else if (IsA(v, Float)) out += castNode(Float, v)->fval;
      else if (IsA(v, String)) out += strVal(v);
      else if (IsA(v, Boolean)) out += boolVal(v) ? "on" : "off";
    } else if (IsA(n, TypeCast)) {
      // SET TIME ZONE INTERVAL '...' [HOUR TO MINUTE]: PostgreSQL passes on "INTERVAL '<output>'".
      auto* tc = reinterpret_cast<TypeCast*>(n);
      Node* v = tc->arg && IsA(tc->arg, A_Const) ? reinterpret_cast<Node*>(&reinterpret_cast<A_Const*>(tc->arg)->val) : nullptr;
      if (!v || !IsA(v, String)) unsupported("SET with this value");
      Interval iv = parse_interval(strVal(v));
      // A field qualifier (HOUR TO MINUTE) only changes 'hh:mm' input by dropping seconds;
      // other inputs it reinterprets ('5' HOUR), which is not implemented here.
      if (tc->typeName && tc->typeName->typmods &&
          (std::strchr(strVal(v), ':') == nullptr || iv.time % 60000000 != 0 || iv.month || iv.day))
        unsupported("SET TIME ZONE INTERVAL with this field qualifier");
      out += "INTERVAL '" + interval_to_string(iv) + "'";
    }
  });
  return out;
}

}  // namespace

Settings::Settings() {
  for (auto& p : kParams) values_[lower(p.name)] = p.default_value;
}

void Settings::reset_all() {
  for (auto it = values_.begin(); it != values_.end();) it = find_param(it->first) ? std::next(it) : values_.erase(it);
  for (auto& p : kParams)
    if (std::string(p.name) != "role" && std::string(p.name) != "session_authorization")  // GUC_NO_RESET_ALL
      values_[lower(p.name)] = p.default_value;
}

std::string Settings::get(const std::string& name) const {
  auto it = values_.find(lower(name));
  return it == values_.end() ? "" : it->second;
}

void Settings::apply(VariableSetStmt* stmt, bool in_transaction) {
  if (stmt->kind == VAR_SET_MULTI) return;  // SET TRANSACTION ... / SET SESSION CHARACTERISTICS: accepted
  if (stmt->kind == VAR_RESET_ALL) {
    reset_all();
    return;
  }
  if (stmt->kind == VAR_SET_CURRENT) unsupported("SET ... FROM CURRENT");
  std::string name = stmt->name ? stmt->name : "";
  std::optional<std::string> value;
  if (stmt->kind == VAR_SET_VALUE) value = lower(name) == "search_path" ? quoted_list_text(stmt) : arg_text(stmt->args);
  set(name, value, stmt->is_local, in_transaction);
}

void Settings::set(const std::string& name, std::optional<std::string> new_value, bool is_local, bool in_transaction) {
  const Param* p = find_param(name);
  if (!p) return set_generic(name, new_value, is_local, in_transaction);
  for (const char* const* r = kReadOnly; *r; r++)
    if (lower(*r) == lower(p->name))
      throw PgError("55P02", "parameter \"" + lower(p->name) + "\" cannot be changed");
  std::string key = lower(p->name);
  std::string value = p->default_value;
  if (new_value) {
    value = *new_value;
    if (p->allowed) {
      bool ok = false;
      for (const char* const* a = p->allowed; *a; a++) ok |= value == *a || lower(value) == lower(*a);
      if (!ok && key == "datestyle") ok = !datestyle_value(value, p->default_value).empty();
      if (!ok) {
        if (key == "intervalstyle")
          throw PgError(sqlstate::kInvalidParameterValue, "invalid value for parameter \"intervalstyle\": \"" + value + "\"",
                        "", "Available values: postgres, postgres_verbose, sql_standard, iso_8601.");
        if (key == "standard_conforming_strings") unsupported("standard_conforming_strings = off");
        if (key == "pgmicro.explain_lowered")
          throw PgError(sqlstate::kInvalidParameterValue, "parameter \"" + key + "\" requires a Boolean value");
        if (key == "pgmicro.dialect")
          throw PgError(sqlstate::kInvalidParameterValue, "invalid value for parameter \"pgmicro.dialect\": \"" + value + "\"",
                        "", "Available values: postgres, sqlite.");
        throw PgError(sqlstate::kInvalidParameterValue, "invalid value for parameter \"" + key + "\": \"" + value + "\"");
      }
      value = key == "pgmicro.dialect" || key == "intervalstyle" ? lower(value) : p->default_value;  // normalised spelling
      if (key == "pgmicro.explain_lowered") {
        std::string l = lower(*new_value);
        value = l == "on" || l == "true" || l == "yes" || l == "1" ? "on" : "off";
      }
    }
    if (key == "timezone") value = timezone_setting(value)->name;
    if (key == "datestyle") value = datestyle_value(*new_value, values_.count(key) ? values_[key] : p->default_value);
    if (key == "extra_float_digits" || key == "statement_timeout" || key == "lock_timeout" ||
        key == "idle_in_transaction_session_timeout")
      value = guc_set_value(*find_guc(key), value);  // milliseconds with PostgreSQL's units
    if (key == "client_min_messages") {
      static const char* levels[] = {"debug5", "debug4", "debug3", "debug2", "debug1", "debug", "log", "notice", "warning", "error", nullptr};
      bool ok = false;
      for (const char** l = levels; *l; l++) ok |= lower(value) == *l;
      if (!ok) throw PgError(sqlstate::kInvalidParameterValue, "invalid value for parameter \"client_min_messages\": \"" + value + "\"",
                             "", "Available values: debug5, debug4, debug3, debug2, debug1, log, notice, warning, error.");
      value = lower(value);
    }
    if (!p->allowed && !has_own_rules(key))
      if (const GucDef* g = find_guc(key)) value = guc_set_value(*g, value);
  }
  if (is_local) {
    if (!in_transaction) return;  // PostgreSQL warns and does nothing outside a block
    if (!before_local_.count(key)) before_local_[key] = values_[key];
  }
  values_[key] = value;
}

std::pair<std::string, std::string> Settings::show(const std::string& name) const {
  const Param* p = find_param(name);
  if (!p) {
    auto v = generic_value(name);
    if (!v) throw PgError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + name + "\"");
    return *v;
  }
  std::string col = p->name;
  if (lower(name) == "time zone") col = "TimeZone";
  return {col, values_.at(lower(p->name))};
}

void Settings::begin() {
  at_begin_ = values_;
  before_local_.clear();
}

void Settings::commit() {
  for (auto& [k, v] : before_local_) values_[k] = v;
  before_local_.clear();
  at_begin_.reset();
}

void Settings::rollback() {
  if (at_begin_) values_ = *at_begin_;
  before_local_.clear();
  at_begin_.reset();
}

}  // namespace pgmicro
