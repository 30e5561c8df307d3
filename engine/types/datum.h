// Datum: one value in its SQLite storage encoding (docs/storage-format.md), as the
// analyzer holds constants and the runtime exchanges values with SQLite.
#pragma once
#include <cstdint>
#include <string>

struct sqlite3_value;
struct sqlite3_context;

namespace pgmicro {

struct Datum {
  enum class Kind : uint8_t { Null, Int, Real, Text, Blob };
  Kind kind = Kind::Null;
  int64_t i = 0;
  double r = 0;
  std::string s;  // Text (UTF-8) or Blob bytes

  static Datum null() { return {}; }
  static Datum integer(int64_t v) { Datum d; d.kind = Kind::Int; d.i = v; return d; }
  static Datum real(double v) { Datum d; d.kind = Kind::Real; d.r = v; return d; }
  static Datum text(std::string v) { Datum d; d.kind = Kind::Text; d.s = std::move(v); return d; }
  static Datum blob(std::string v) { Datum d; d.kind = Kind::Blob; d.s = std::move(v); return d; }
  bool is_null() const { return kind == Kind::Null; }

  static Datum from_sqlite(sqlite3_value* v);
  void to_sqlite_result(sqlite3_context* ctx) const;
};

}  // namespace pgmicro
