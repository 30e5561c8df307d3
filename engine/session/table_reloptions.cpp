// Table storage parameters validated as PostgreSQL's reloptions.c (see table_reloptions.h).
#include "session/table_reloptions.h"
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include "common/error.h"
#include "analyze/analyzer.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

namespace {

enum class Kind { Bool, Int, Real, Enum };

struct RelOption {
  const char* name;
  Kind kind;
  double min, max;
  bool heap, toast;
};

const RelOption kOptions[] = {
    {"autovacuum_enabled", Kind::Bool, 0, 0, true, true},
    {"user_catalog_table", Kind::Bool, 0, 0, true, false},
    {"vacuum_truncate", Kind::Bool, 0, 0, true, true},
    {"fillfactor", Kind::Int, 10, 100, true, false},
    {"toast_tuple_target", Kind::Int, 128, 8160, true, false},
    {"autovacuum_vacuum_threshold", Kind::Int, 0, 2147483647, true, true},
    {"autovacuum_vacuum_insert_threshold", Kind::Int, -1, 2147483647, true, true},
    {"autovacuum_analyze_threshold", Kind::Int, 0, 2147483647, true, false},
    {"autovacuum_vacuum_cost_limit", Kind::Int, 1, 10000, true, true},
    {"autovacuum_freeze_min_age", Kind::Int, 0, 1000000000, true, true},
    {"autovacuum_freeze_max_age", Kind::Int, 100000, 2000000000, true, true},
    {"autovacuum_freeze_table_age", Kind::Int, 0, 2000000000, true, true},
    {"autovacuum_multixact_freeze_min_age", Kind::Int, 0, 1000000000, true, true},
    {"autovacuum_multixact_freeze_max_age", Kind::Int, 10000, 2000000000, true, true},
    {"autovacuum_multixact_freeze_table_age", Kind::Int, 0, 2000000000, true, true},
    {"log_autovacuum_min_duration", Kind::Int, -1, 2147483647, true, true},
    {"parallel_workers", Kind::Int, 0, 1024, true, false},
    {"autovacuum_vacuum_cost_delay", Kind::Real, 0, 100, true, true},
    {"autovacuum_vacuum_scale_factor", Kind::Real, 0, 100, true, true},
    {"autovacuum_vacuum_insert_scale_factor", Kind::Real, 0, 100, true, true},
    {"autovacuum_analyze_scale_factor", Kind::Real, 0, 100, true, false},
    {"vacuum_index_cleanup", Kind::Enum, 0, 0, true, true},
};

std::string option_text(DefElem* d) {
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

std::string lower(std::string s) {
  for (auto& c : s) c = (char)std::tolower((unsigned char)c);
  return s;
}

// PostgreSQL's parse_bool.
bool parse_bool(const std::string& v, bool& out) {
  std::string s = lower(v);
  auto prefix = [&](const char* w) { return !s.empty() && std::string(w).compare(0, s.size(), s) == 0; };
  if (prefix("true") || prefix("yes") || s == "on" || s == "1") { out = true; return true; }
  if (prefix("false") || prefix("no") || s == "off" || s == "of" || s == "0") { out = false; return true; }
  return false;
}

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace((unsigned char)s[a])) a++;
  while (b > a && std::isspace((unsigned char)s[b - 1])) b--;
  return s.substr(a, b - a);
}

void check_value(const RelOption& o, const std::string& value) {
  const std::string name = o.name;
  switch (o.kind) {
    case Kind::Bool: {
      bool b;
      if (!parse_bool(value, b)) throw PgError("22023", "invalid value for boolean option \"" + name + "\": " + value);
      return;
    }
    case Kind::Int: {
      std::string v = trim(value);
      char* end = nullptr;
      errno = 0;
      long long x = v.empty() ? 0 : std::strtoll(v.c_str(), &end, 0);
      if (v.empty() || *end || errno || x < -2147483648LL || x > 2147483647LL)
        throw PgError("22023", "invalid value for integer option \"" + name + "\": " + value);
      if (x < o.min || x > o.max)
        throw PgError("22023", "value " + value + " out of bounds for option \"" + name + "\"",
                      "Valid values are between \"" + std::to_string((long long)o.min) + "\" and \"" + std::to_string((long long)o.max) + "\".");
      return;
    }
    case Kind::Real: {
      std::string v = trim(value);
      char* end = nullptr;
      double x = v.empty() ? 0 : std::strtod(v.c_str(), &end);
      if (v.empty() || *end || std::isnan(x)) throw PgError("22023", "invalid value for floating point option \"" + name + "\": " + value);
      if (x < o.min || x > o.max) {
        char lo[64], hi[64];
        std::snprintf(lo, sizeof lo, "%f", o.min);
        std::snprintf(hi, sizeof hi, "%f", o.max);
        throw PgError("22023", "value " + value + " out of bounds for option \"" + name + "\"",
                      "Valid values are between \"" + std::string(lo) + "\" and \"" + hi + "\".");
      }
      return;
    }
    case Kind::Enum: {
      std::string v = lower(value);
      bool b;
      if (v != "auto" && !parse_bool(v, b))
        throw PgError("22023", "invalid value for enum option \"" + name + "\": " + value, "Valid values are \"on\", \"off\", and \"auto\".");
      return;
    }
  }
}

}  // namespace

void validate_table_reloptions(List* defs, bool reset, bool create) {
  std::set<std::string> seen;
  for_each_node(defs, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string ns = d->defnamespace ? d->defnamespace : "";
    std::string name = d->defname ? d->defname : "";
    if (reset && d->arg) throw PgError(sqlstate::kSyntaxError, "RESET must not include values for parameters");
    if (create && ns.empty() && name == "oids") {
      bool b = true;
      if (!d->arg || (parse_bool(option_text(d), b) && b)) throw PgError(sqlstate::kFeatureNotSupported, "tables declared WITH OIDS are not supported");
      return;
    }
    if (!ns.empty() && ns != "toast") throw PgError("22023", "unrecognized parameter namespace \"" + ns + "\"");
    const RelOption* found = nullptr;
    for (auto& o : kOptions)
      if (name == o.name && (ns.empty() ? o.heap : o.toast)) found = &o;
    if (!found) throw PgError("22023", "unrecognized parameter \"" + name + "\"");
    if (reset) return;
    std::string key = ns + "." + name;
    if (!seen.insert(key).second) throw PgError("22023", "parameter \"" + name + "\" specified more than once");
    check_value(*found, option_text(d));
  });
}

}  // namespace pgmicro
