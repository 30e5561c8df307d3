// What depends on a LANGUAGE sql function that DROP FUNCTION removes: column generation
// expressions, column defaults and CHECK constraints calling it (function_dependents.cpp).
#pragma once
#include <string>
#include <vector>

namespace pgmicro {

class Catalog;
struct ProcDef;

// PostgreSQL's DETAIL lines ("column c of table t depends on function f(integer)", …), one per
// dependent, for the calls of `p` (by name and argument count) in the stored expression texts.
std::vector<std::string> function_dependents(const Catalog& cat, const ProcDef& p, const std::string& signature);

}  // namespace pgmicro
