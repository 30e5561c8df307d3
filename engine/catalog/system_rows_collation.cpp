// Rows of pg_collation: the libc collations of a PostgreSQL 15 UTF8 database (initdb in the
// C.UTF-8 locale without ICU rows, which pgmicro refuses; see analyze/collation.h).
#include "catalog/system_relations.h"

namespace pgmicro {

void pg_collation_rows(SystemRows& r) {
  static const struct { int64_t oid; const char* name; char provider; int encoding; const char* locale; } kRows[] = {
      {100, "default", 'd', -1, nullptr}, {950, "C", 'c', -1, "C"}, {951, "POSIX", 'c', -1, "POSIX"},
      {12340, "ucs_basic", 'c', 6, "C"}, {12341, "C.utf8", 'c', 6, "C.utf8"}};
  for (auto& c : kRows) {
    auto& row = r.add()
                    .set_int("oid", c.oid)
                    .set("collname", c.name)
                    .set_int("collnamespace", 11)
                    .set_int("collowner", 10)
                    .set_char("collprovider", c.provider)
                    .set_bool("collisdeterministic", true)
                    .set_int("collencoding", c.encoding);
    if (c.locale) row.set("collcollate", c.locale).set("collctype", c.locale);
  }
}

}  // namespace pgmicro
