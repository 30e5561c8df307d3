// oid and reg* text input/output (reg_types.h): numbers as oidin/oidout, names through the
// thread's ObjectNameResolver (catalog/object_names.cpp).
#include "types/reg_types.h"
#include <cctype>
#include "common/error.h"

namespace pgmicro {

uint32_t parse_oid(std::string_view text);  // int.cpp

namespace {
thread_local const ObjectNameResolver* g_names = nullptr;
}

ObjectNamesScope::ObjectNamesScope(const ObjectNameResolver* r) : saved_(g_names) { g_names = r; }
ObjectNamesScope::~ObjectNamesScope() { g_names = saved_; }
const ObjectNameResolver* current_object_names() { return g_names; }

bool is_oid_type(Oid t) {
  switch (t) {
    case oid::kOid:
    case oid::kRegproc:
    case oid::kRegprocedure:
    case oid::kRegoper:
    case oid::kRegoperator:
    case oid::kRegclass:
    case oid::kRegtype:
    case oid::kRegnamespace:
    case oid::kRegrole: return true;
    default: return false;
  }
}

std::vector<std::string> split_qualified_name(std::string_view s) {
  std::vector<std::string> parts;
  size_t i = 0, n = s.size();
  auto bad = [] { throw PgError("42602", "invalid name syntax"); };
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (i < n && space(s[i])) i++;
  if (i == n) bad();
  for (;;) {
    std::string part;
    if (s[i] == '"') {
      i++;
      for (;;) {
        if (i >= n) bad();
        if (s[i] == '"') {
          if (i + 1 < n && s[i + 1] == '"') { part += '"'; i += 2; continue; }
          i++;
          break;
        }
        part += s[i++];
      }
      if (part.empty()) bad();
    } else {
      size_t start = i;
      while (i < n && s[i] != '.' && !space(s[i])) {
        char c = s[i++];
        part += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
      }
      if (i == start) bad();
    }
    parts.push_back(std::move(part));
    while (i < n && space(s[i])) i++;
    if (i == n) break;
    if (s[i] != '.') bad();
    i++;
    while (i < n && space(s[i])) i++;
    if (i == n) bad();
  }
  return parts;
}

std::optional<Oid> oid_type_input(Oid type, std::string_view text, bool missing_ok) {
  // A number is taken as the OID itself (regclassin and friends first try oidin).
  size_t i = 0;
  while (i < text.size() && std::isspace((unsigned char)text[i])) i++;
  bool numeric = i < text.size() && (std::isdigit((unsigned char)text[i]) ||
                                     ((text[i] == '-' || text[i] == '+') && type == oid::kOid));
  if (type == oid::kOid || (numeric && std::isdigit((unsigned char)text[i]))) return parse_oid(text);
  if (text == "-") return Oid(0);
  if (const ObjectNameResolver* r = g_names) return r->lookup(type, text, missing_ok);
  throw PgError(sqlstate::kFeatureNotSupported, "input of type " + format_type_name(type, -1) + " by name is not supported here");
}

void oid_type_output(Oid type, int64_t value, std::string& out) {
  if (type != oid::kOid) {
    if (value == 0) {
      out += '-';
      return;
    }
    if (const ObjectNameResolver* r = g_names)
      if (auto n = r->name(type, Oid(value))) {
        out += *n;
        return;
      }
    if (type == oid::kRegtype) {
      if (find_type(Oid(value))) {
        out += format_type_name(Oid(value), -1);
        return;
      }
    }
  }
  out += std::to_string(value);
}

}  // namespace pgmicro
