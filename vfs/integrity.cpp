// PRAGMA integrity_check on a private read-only connection (integrity.h).
#include "integrity.h"

#include <cstring>

#include <sqlite3.h>

namespace pgmicro::vfs {
namespace {

std::string run_check(sqlite3* db) {
  std::string out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) != SQLITE_OK)
    return std::string("error: ") + sqlite3_errmsg(db);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!out.empty()) out += '\n';
    const unsigned char* t = sqlite3_column_text(st, 0);
    out += t ? reinterpret_cast<const char*>(t) : "";
  }
  if (rc != SQLITE_DONE) out = std::string("error: ") + sqlite3_errmsg(db);
  sqlite3_finalize(st);
  return out;
}

}  // namespace

std::string integrity_check_file(const std::string& path, const std::string& vfs) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, vfs.empty() ? nullptr : vfs.c_str());
  std::string out = rc == SQLITE_OK ? run_check(db) : std::string("error: ") + sqlite3_errstr(rc);
  sqlite3_close(db);
  return out;
}

std::string integrity_check_image(const std::string& image) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "error: out of memory";
  }
  auto n = sqlite3_int64(image.size());
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(image.size() ? image.size() : 1));
  if (!copy) {
    sqlite3_close(db);
    return "error: out of memory";
  }
  std::memcpy(copy, image.data(), image.size());
  int rc = sqlite3_deserialize(db, "main", copy, n, n, SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  std::string out = rc == SQLITE_OK ? run_check(db) : std::string("error: ") + sqlite3_errstr(rc);
  sqlite3_close(db);
  return out;
}

}  // namespace pgmicro::vfs
