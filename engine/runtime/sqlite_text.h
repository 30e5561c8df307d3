// Text crossing SQLite's function interface, shared by the runtime function files: an argument's
// text (NULL reads as empty) and a text result (copied, UTF-8).
#pragma once
#include <string>
#include "sqlite3.h"

namespace pgmicro {

inline std::string text_of(sqlite3_value* v) {
  const char* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return std::string(p ? p : "", size_t(sqlite3_value_bytes(v)));
}

inline void result_text(sqlite3_context* ctx, const std::string& s) {
  sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace pgmicro
