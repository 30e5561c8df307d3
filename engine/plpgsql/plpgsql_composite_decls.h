// Composite-typed PL/pgSQL variable declarations made record datums before compiling
// (plpgsql_composite_decls.cpp).
#pragma once
#include <string>
#include <vector>

namespace pgmicro {
class Catalog;
}

namespace pgmicro::plpgsql {

struct CompositeDecl {
  std::string name;       // the variable (as the grammar names it)
  int lineno = 0;         // its line in the body
  std::string type_text;  // the declared type as written
};

// The body with the type text of each composite-typed declaration overwritten (same length) so
// that the grammar compiles the variable as a record; decls receives what was overwritten.
std::string mark_composite_declarations(const std::string& source, const Catalog& cat,
                                        std::vector<CompositeDecl>& decls);

}  // namespace pgmicro::plpgsql
