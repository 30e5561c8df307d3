// PostgreSQL 15's configuration parameters as data (guc_table_data.cpp, generated from
// pg_settings by tools/gen-guc-table.sh) and PostgreSQL's rules for them: value parsing and
// validation per type (bool, integer with units, real, enum, string), SHOW's display form
// (integers in the largest exact unit: 4096 kB -> "4MB"), and which contexts SET may change.
// Parameters pgmicro gives a meaning to (TimeZone, DateStyle, statement_timeout, ...) are
// handled in settings.cpp; the others are accepted, validated and shown, with no effect
// (planner knobs, memory and cost settings of a server pgmicro does not have).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace pgmicro {

enum class GucType { kBool, kInteger, kReal, kEnum, kString };
enum class GucContext { kInternal, kPostmaster, kSighup, kSuperuserBackend, kBackend, kSuperuser, kUser };

struct GucDef {
  const char* name;       // canonical spelling (SHOW's column name)
  GucType type;
  GucContext context;
  const char* unit;       // integers/reals: base unit ("kB", "8kB", "ms", "s", "min") or ""
  double min, max;
  const char* enum_values;  // enums: comma-separated (what the HINT lists)
  const char* boot_value;   // in base units, as pg_settings.boot_val
  const char* description;  // pg_settings.short_desc (SHOW ALL)
};

extern const GucDef kGucTable[];
extern const size_t kGucTableSize;

// The parameter by case-insensitive name, or nullptr.
const GucDef* find_guc(const std::string& name);
// Validates a SET value and returns it in SHOW's form; throws PgError as PostgreSQL does
// (22023 invalid value / out of range / requires a Boolean value, 55P02 for parameters that
// cannot be changed in a session).
std::string guc_set_value(const GucDef& g, const std::string& value);
// An integer parameter's value in its base unit, from SHOW's form ("1h" -> 3600000 for ms).
int64_t guc_int_value(const GucDef& g, const std::string& shown);
// The boot value in SHOW's form.
std::string guc_default_display(const GucDef& g);

}  // namespace pgmicro
