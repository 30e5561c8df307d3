// reg* input and output over a session's Catalog (types/reg_types.h): relation, type,
// function, schema and role names to OIDs with PostgreSQL's errors, and back (qualified
// when the object is not visible on the search path, as regclassout does).
#pragma once
#include "catalog/catalog.h"
#include "types/reg_types.h"

namespace pgmicro {

class CatalogObjectNames : public ObjectNameResolver {
 public:
  explicit CatalogObjectNames(const Catalog& c) : c_(c) {}
  std::optional<Oid> lookup(Oid regtype, std::string_view text, bool missing_ok) const override;
  std::optional<std::string> name(Oid regtype, Oid value) const override;

 private:
  const Catalog& c_;
};

// The session's resolver for the thread while alive (next to UserTypesScope).
class CatalogNamesScope {
 public:
  explicit CatalogNamesScope(const Catalog& c) : names_(c), scope_(&names_) {}
 private:
  CatalogObjectNames names_;
  ObjectNamesScope scope_;
};

// A relation's OID by possibly qualified name (regclass input), 0 when absent; throws 3F000
// for a missing schema.
int64_t relation_oid_by_name(const Catalog& c, const std::string& schema, const std::string& name);

}  // namespace pgmicro
