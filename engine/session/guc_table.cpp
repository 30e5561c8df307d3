// PostgreSQL 15's value rules for configuration parameters (guc.c: parse_bool, parse_int,
// parse_real, convert_to_base_unit, convert_int_from_base_unit, _ShowOption and the
// context checks of set_config_option), over the generated table of guc_table_data.cpp.
#include "session/guc_table.h"
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include "common/error.h"

namespace pgmicro {

namespace {

struct UnitConversion {
  const char* unit;
  double multiplier;  // value in this unit * multiplier = value in the base unit
};

// PostgreSQL's conversion tables, greatest unit first, per base unit.
std::vector<UnitConversion> conversions(const std::string& base) {
  const double k = 1024.0;
  if (base == "B") return {{"TB", k * k * k * k}, {"GB", k * k * k}, {"MB", k * k}, {"kB", k}, {"B", 1}};
  if (base == "kB") return {{"TB", k * k * k}, {"GB", k * k}, {"MB", k}, {"kB", 1}, {"B", 1 / k}};
  if (base == "MB") return {{"TB", k * k}, {"GB", k}, {"MB", 1}, {"kB", 1 / k}, {"B", 1 / (k * k)}};
  if (base == "8kB") return {{"TB", k * k * k / 8}, {"GB", k * k / 8}, {"MB", k / 8}, {"kB", 1.0 / 8}, {"B", 1 / (8 * k)}};
  if (base == "ms") return {{"d", 86400000}, {"h", 3600000}, {"min", 60000}, {"s", 1000}, {"ms", 1}, {"us", 1.0 / 1000}};
  if (base == "s") return {{"d", 86400}, {"h", 3600}, {"min", 60}, {"s", 1}, {"ms", 1.0 / 1000}, {"us", 1.0 / 1000000}};
  if (base == "min") return {{"d", 1440}, {"h", 60}, {"min", 1}, {"s", 1.0 / 60}, {"ms", 1.0 / 60000}, {"us", 1.0 / 60000000}};
  return {};
}

bool is_memory_unit(const std::string& base) { return base == "B" || base == "kB" || base == "MB" || base == "8kB"; }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

PgError invalid_value(const GucDef& g, const std::string& value, const std::string& hint = "") {
  return PgError(sqlstate::kInvalidParameterValue,
                 "invalid value for parameter \"" + std::string(g.name) + "\": \"" + value + "\"", "", hint);
}

// convert_to_base_unit: a unit name (letters, then optional blanks) after the number.
bool to_base_unit(double value, const char* unit, const std::string& base, double& out) {
  std::string name;
  while (*unit && std::isalpha(static_cast<unsigned char>(*unit)) && name.size() < 3) name += *unit++;
  while (std::isspace(static_cast<unsigned char>(*unit))) unit++;
  if (*unit) return false;
  auto table = conversions(base);
  for (size_t i = 0; i < table.size(); i++) {
    if (name != table[i].unit) continue;
    double v = value * table[i].multiplier;
    // A fractional value ("30.1GB") rounds to a multiple of the next smaller unit.
    if (i + 1 < table.size()) v = std::rint(v / table[i + 1].multiplier) * table[i + 1].multiplier;
    out = v;
    return true;
  }
  return false;
}

const char* units_hint(const std::string& base) {
  return is_memory_unit(base) ? "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\"."
                              : "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";
}

// parse_bool: case-insensitive prefixes of true/false/yes/no, on/off, 1/0.
bool parse_bool(const std::string& v, bool& out) {
  std::string l = lower(v);
  auto prefix_of = [&](const char* word, size_t min_len) {
    return l.size() >= min_len && l.size() <= std::strlen(word) && std::strncmp(word, l.c_str(), l.size()) == 0;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || l == "on" || l == "1") { out = true; return true; }
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || l == "0") { out = false; return true; }
  return false;
}

std::string format_real(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string show_int(int64_t v, const std::string& base) {
  if (v > 0 && !base.empty()) {
    for (auto& c : conversions(base)) {
      if (c.multiplier <= 1.0 || v % static_cast<int64_t>(c.multiplier) == 0)
        return std::to_string(static_cast<int64_t>(std::rint(v / c.multiplier))) + c.unit;
    }
  }
  return std::to_string(v);
}

std::string show_real(double v, const std::string& base) {
  if (v > 0 && !base.empty()) {
    for (auto& c : conversions(base)) {
      double r = v / c.multiplier;
      if (std::fabs(std::rint(r) - r) <= std::fabs(r * 1e-8)) return format_real(std::rint(r)) + c.unit;
    }
  }
  return format_real(v);
}

// Locale names pgmicro knows (lc_* parameters are checked against the system's locales).
bool known_locale(const std::string& v) {
  static const char* const names[] = {"", "C", "POSIX", "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8", nullptr};
  for (const char* const* n = names; *n; n++)
    if (v == *n) return true;
  return false;
}

}  // namespace

const GucDef* find_guc(const std::string& name) {
  std::string l = lower(name);
  for (size_t i = 0; i < kGucTableSize; i++)
    if (lower(kGucTable[i].name) == l) return &kGucTable[i];
  return nullptr;
}

std::string guc_set_value(const GucDef& g, const std::string& value) {
  std::string name = g.name;
  switch (g.context) {
    case GucContext::kInternal: throw PgError("55P02", "parameter \"" + name + "\" cannot be changed");
    case GucContext::kPostmaster:
      throw PgError("55P02", "parameter \"" + name + "\" cannot be changed without restarting the server");
    case GucContext::kSighup: throw PgError("55P02", "parameter \"" + name + "\" cannot be changed now");
    case GucContext::kSuperuserBackend:
    case GucContext::kBackend: throw PgError("55P02", "parameter \"" + name + "\" cannot be set after connection start");
    default: break;
  }
  std::string unit = g.unit;
  switch (g.type) {
    case GucType::kBool: {
      bool b;
      if (!parse_bool(value, b))
        throw PgError(sqlstate::kInvalidParameterValue, "parameter \"" + name + "\" requires a Boolean value");
      return b ? "on" : "off";
    }
    case GucType::kInteger: {
      const char* s = value.c_str();
      char* end;
      errno = 0;
      double v = static_cast<double>(std::strtoll(s, &end, 0));
      if (*end == '.' || *end == 'e' || *end == 'E' || errno == ERANGE) {
        errno = 0;
        v = std::strtod(s, &end);
      }
      if (end == s || errno == ERANGE || std::isnan(v)) throw invalid_value(g, value);
      while (std::isspace(static_cast<unsigned char>(*end))) end++;
      if (*end) {
        if (unit.empty()) throw invalid_value(g, value);
        if (!to_base_unit(v, end, unit, v)) throw invalid_value(g, value, units_hint(unit));
      }
      v = std::rint(v);
      if (v > 2147483647.0 || v < -2147483648.0) throw invalid_value(g, value, "Value exceeds integer range.");
      if (v < g.min || v > g.max)
        throw PgError(sqlstate::kInvalidParameterValue,
                      std::to_string(static_cast<int64_t>(v)) + (unit.empty() ? "" : " " + unit) +
                          " is outside the valid range for parameter \"" + name + "\" (" +
                          std::to_string(static_cast<int64_t>(g.min)) + " .. " + std::to_string(static_cast<int64_t>(g.max)) + ")");
      return show_int(static_cast<int64_t>(v), unit);
    }
    case GucType::kReal: {
      const char* s = value.c_str();
      char* end;
      errno = 0;
      double v = std::strtod(s, &end);
      if (end == s || errno == ERANGE || std::isnan(v)) throw invalid_value(g, value);
      while (std::isspace(static_cast<unsigned char>(*end))) end++;
      if (*end) {
        if (unit.empty()) throw invalid_value(g, value);
        if (!to_base_unit(v, end, unit, v)) throw invalid_value(g, value, units_hint(unit));
      }
      if (v < g.min || v > g.max)
        throw PgError(sqlstate::kInvalidParameterValue,
                      format_real(v) + (unit.empty() ? "" : " " + unit) + " is outside the valid range for parameter \"" + name +
                          "\" (" + format_real(g.min) + " .. " + format_real(g.max) + ")");
      return show_real(v, unit);
    }
    case GucType::kEnum: {
      std::string values = g.enum_values, l = lower(value), hint;
      size_t p = 0;
      bool has_on = false;
      while (p <= values.size()) {
        size_t q = values.find(',', p);
        if (q == std::string::npos) q = values.size();
        std::string v = values.substr(p, q - p);
        if (lower(v) == l) return v;
        has_on |= v == "on";
        hint += (hint.empty() ? "" : ", ") + v;
        p = q + 1;
      }
      bool b;
      if (has_on && parse_bool(value, b)) return b ? "on" : "off";  // hidden boolean spellings
      throw invalid_value(g, value, "Available values: " + hint + ".");
    }
    case GucType::kString:
      if (name.rfind("lc_", 0) == 0 && !known_locale(value)) throw invalid_value(g, value);
      return value;
  }
  return value;
}

int64_t guc_int_value(const GucDef& g, const std::string& shown) {
  char* end;
  double v = std::strtod(shown.c_str(), &end);
  if (*end && !to_base_unit(v, end, g.unit, v)) return 0;
  return static_cast<int64_t>(std::rint(v));
}

std::string guc_default_display(const GucDef& g) {
  std::string boot = g.boot_value;
  if (g.type == GucType::kInteger && !boot.empty()) {
    std::string name = g.name;
    bool octal = (name.size() > 5 && name.substr(name.size() - 5) == "_mode") || name == "unix_socket_permissions";
    if (octal) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04lo", std::strtol(boot.c_str(), nullptr, 10));
      return buf;
    }
    return show_int(std::strtoll(boot.c_str(), nullptr, 10), g.unit);
  }
  if (g.type == GucType::kReal && !boot.empty()) return show_real(std::strtod(boot.c_str(), nullptr), g.unit);
  return boot;
}

}  // namespace pgmicro
