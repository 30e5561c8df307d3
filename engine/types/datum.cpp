// Datum <-> SQLite values.
#include "types/datum.h"
#include "sqlite3.h"

namespace pgmicro {

Datum Datum::from_sqlite(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: return integer(sqlite3_value_int64(v));
    case SQLITE_FLOAT: return real(sqlite3_value_double(v));
    case SQLITE_TEXT: {
      const unsigned char* p = sqlite3_value_text(v);
      int n = sqlite3_value_bytes(v);
      return text(std::string(reinterpret_cast<const char*>(p), size_t(n)));
    }
    case SQLITE_BLOB: {
      const void* p = sqlite3_value_blob(v);
      int n = sqlite3_value_bytes(v);
      return blob(n ? std::string(static_cast<const char*>(p), size_t(n)) : std::string());
    }
    default: return null();
  }
}

void Datum::to_sqlite_result(sqlite3_context* ctx) const {
  switch (kind) {
    case Kind::Null: sqlite3_result_null(ctx); break;
    case Kind::Int: sqlite3_result_int64(ctx, i); break;
    case Kind::Real: sqlite3_result_double(ctx, r); break;
    case Kind::Text: sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8); break;
    case Kind::Blob: sqlite3_result_blob64(ctx, s.data(), s.size(), SQLITE_TRANSIENT); break;
  }
}

}  // namespace pgmicro
