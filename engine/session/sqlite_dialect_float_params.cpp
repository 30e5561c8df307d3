// Numbers for SQLite-dialect parameters meeting PostgreSQL float columns (see the header). The
// parameters arrive as text; binding a canonical number as INTEGER/REAL changes nothing for
// TEXT-affinity columns (SQLite converts it back to the same text) and gives a float column, which
// has no affinity, the number it would have got from REAL affinity.
#include "session/sqlite_dialect_float_params.h"
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include "catalog/catalog.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

bool float_type(Oid type) {
  Oid base = domain_base_type(type);
  return base == oid::kFloat4 || base == oid::kFloat8;
}

// SQLite's own text for a REAL (what a TEXT-affinity column would store).
std::string sqlite_real_text(sqlite3* conn, double v) {
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(conn, "SELECT CAST(?1 AS TEXT)", -1, &st, nullptr) != SQLITE_OK) return out;
  sqlite3_bind_double(st, 1, v);
  if (sqlite3_step(st) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

}  // namespace

bool touches_float_column(const Catalog& cat, int action, const char* a, const char* b) {
  if (!a || (action != SQLITE_READ && action != SQLITE_UPDATE && action != SQLITE_INSERT)) return false;
  const TableDef* t = cat.find_table(a);
  if (!t || t->plain_sqlite) return false;
  if (action == SQLITE_INSERT) {
    for (auto& c : t->columns)
      if (float_type(c.type)) return true;
    return false;
  }
  int i = b ? t->find_column(b) : -1;
  return i >= 0 && float_type(t->columns[(size_t)i].type);
}

void bind_dialect_param(sqlite3* conn, sqlite3_stmt* st, int i, const std::string& text, bool numbers) {
  if (numbers && !text.empty() && text.size() < 40) {
    const char* s = text.c_str();
    bool digits = true;
    for (size_t k = s[0] == '-' ? 1 : 0; k < text.size(); k++) digits &= text[k] >= '0' && text[k] <= '9';
    size_t first = s[0] == '-' ? 1 : 0;
    if (digits && text.size() > first && (text[first] != '0' || text.size() == first + 1) && text != "-0") {
      errno = 0;
      long long v = std::strtoll(s, nullptr, 10);
      if (errno == 0) {
        sqlite3_bind_int64(st, i, v);
        return;
      }
    } else if (!digits) {
      char* end = nullptr;
      errno = 0;
      double v = std::strtod(s, &end);
      if (end && *end == '\0' && errno == 0 && std::isfinite(v) && std::strpbrk(s, "xXnNiI") == nullptr &&
          sqlite_real_text(conn, v) == text) {
        sqlite3_bind_double(st, i, v);
        return;
      }
    }
  }
  sqlite3_bind_text(st, i, text.data(), (int)text.size(), SQLITE_TRANSIENT);
}

}  // namespace pgmicro
