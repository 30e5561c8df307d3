// CatalogQuery: a prepared statement over the catalog tables that throws PostgreSQL's internal
// error when it cannot be prepared; rows read as int64 (`i`) and text (`t`, "" for NULL).
#pragma once
#include <sqlite3.h>
#include <cstdint>
#include <string>
#include "common/error.h"

namespace pgmicro {

struct CatalogQuery {
  sqlite3_stmt* s = nullptr;
  CatalogQuery(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
      throw PgError(sqlstate::kInternalError, std::string("catalog: ") + sqlite3_errmsg(db));
  }
  CatalogQuery(const CatalogQuery&) = delete;
  CatalogQuery& operator=(const CatalogQuery&) = delete;
  ~CatalogQuery() { sqlite3_finalize(s); }
  bool step() { return sqlite3_step(s) == SQLITE_ROW; }
  int64_t i(int c) { return sqlite3_column_int64(s, c); }
  std::string t(int c) {
    auto* p = sqlite3_column_text(s, c);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
};

}  // namespace pgmicro
