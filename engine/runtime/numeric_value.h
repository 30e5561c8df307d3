// Numeric values crossing SQLite's function interface, shared by the numeric, maths, aggregate and
// formatting functions: reading an argument (the order-preserving BLOB encoding of types/numeric.h,
// or INTEGER/REAL/TEXT written by a plain SQLite tool) and returning a numeric result.
#pragma once
#include <string>
#include <string_view>
#include "sqlite3.h"
#include "types/numeric.h"

namespace pgmicro {

inline Numeric numeric_arg(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_BLOB: {
      const char* p = static_cast<const char*>(sqlite3_value_blob(v));
      return Numeric::decode(std::string_view(p ? p : "", size_t(sqlite3_value_bytes(v))));
    }
    case SQLITE_INTEGER: return Numeric::from_int64(sqlite3_value_int64(v));
    case SQLITE_FLOAT: return Numeric::from_double(sqlite3_value_double(v));
    default: {
      const char* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
      return Numeric::parse(std::string_view(p ? p : "", size_t(sqlite3_value_bytes(v))));
    }
  }
}

inline void numeric_result(sqlite3_context* ctx, const Numeric& n) {
  std::string b = n.encode();
  sqlite3_result_blob64(ctx, b.data(), b.size(), SQLITE_TRANSIENT);
}

}  // namespace pgmicro
