// Database: the opened file (or in-memory database) that sessions connect to. Sessions on
// an in-memory database share it through SQLite's memdb VFS under a unique name.
#include <atomic>
#include "catalog/catalog.h"
#include "common/error.h"
#include "session/database_impl.h"
#include "session/session_impl.h"

namespace pgmicro {

static std::atomic<int> g_memdb_counter{0};

DatabaseImpl::DatabaseImpl(const std::string& path) : path_(path) {
  if (path == ":memory:" || path.empty()) {
    uri_ = "file:/pgmicro-mem-" + std::to_string(++g_memdb_counter) + "?vfs=memdb";
  } else {
    uri_ = path;
  }
  // Keep one connection open for the database's lifetime (an in-memory database lives
  // as long as a connection to it does) and validate the file now.
  keeper_ = open_connection();
}

DatabaseImpl::~DatabaseImpl() { sqlite3_close_v2(keeper_); }

sqlite3* DatabaseImpl::open_connection() {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  int rc = sqlite3_open_v2(uri_.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    Error e;
    e.sqlstate = sqlstate::kIoError;
    e.message = "could not open database \"" + path_ + "\": " + msg;
    throw DatabaseOpenError{e};
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  // Validate that the file is a database (a non-database file fails here).
  char* err = nullptr;
  if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    sqlite3_close_v2(db);
    Error e;
    e.sqlstate = sqlstate::kIoError;
    e.message = "could not open database \"" + path_ + "\": " + msg;
    throw DatabaseOpenError{e};
  }
  return db;
}

std::unique_ptr<Session> DatabaseImpl::connect() {
  return std::make_unique<SessionImpl>(shared_from_this());
}

std::shared_ptr<Database> Database::open(const std::string& path) {
  return std::make_shared<DatabaseImpl>(path);
}

}  // namespace pgmicro
