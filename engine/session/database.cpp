// Database: the opened file (or in-memory database) that sessions connect to. Sessions on
// an in-memory database share it through SQLite's memdb VFS under a unique name.
#include <atomic>
#include <cstring>
#include "catalog/catalog.h"
#include "common/error.h"
#include "session/database_impl.h"
#include "session/session_impl.h"

namespace pgmicro {

static std::atomic<int> g_memdb_counter{0};

DatabaseImpl::DatabaseImpl(const std::string& path, const OpenOptions& options) : path_(path) {
  if (path == ":memory:" || path.empty()) {
    uri_ = "file:/pgmicro-mem-" + std::to_string(++g_memdb_counter) + "?vfs=memdb";
  } else {
    uri_ = path;
    vfs_ = options.vfs;
  }
  // Keep one connection open for the database's lifetime (an in-memory database lives
  // as long as a connection to it does) and validate the file now.
  keeper_ = open_connection();
}

DatabaseImpl::~DatabaseImpl() { sqlite3_close_v2(keeper_); }

sqlite3* DatabaseImpl::open_connection() {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  int rc = sqlite3_open_v2(uri_.c_str(), &db, flags, vfs_.empty() ? nullptr : vfs_.c_str());
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

std::shared_ptr<Database> Database::open(const std::string& path, const OpenOptions& options) {
  return std::make_shared<DatabaseImpl>(path, options);
}

std::shared_ptr<Database> Database::open_image(std::string_view image) {
  auto db = std::make_shared<DatabaseImpl>(":memory:");
  if (!image.empty()) db->load_image(image);
  return db;
}

// The image is deserialized into a private connection and copied page by page into this
// database with the backup API (sqlite3_deserialize would detach the keeper from the memdb
// store the sessions share).
void DatabaseImpl::load_image(std::string_view image) {
  auto fail = [&](const std::string& why) {
    Error e;
    e.sqlstate = sqlstate::kIoError;
    e.message = "could not open database \"" + path_ + "\": " + why;
    throw DatabaseOpenError{e};
  };
  if (image.size() < 100 || image.compare(0, 16, std::string_view("SQLite format 3\0", 16)) != 0)
    fail("file is not a database");
  auto* bytes = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
  if (!bytes) fail("out of memory");
  std::memcpy(bytes, image.data(), image.size());
  // A WAL-mode file's main file holds its checkpointed content; memdb reads it in rollback mode.
  if (bytes[18] == 2) bytes[18] = 1;
  if (bytes[19] == 2) bytes[19] = 1;
  // The destination is in memory: its page size must be the file's (set while still empty).
  unsigned page_size = unsigned(bytes[16]) << 8 | bytes[17];
  std::string pragma = "PRAGMA page_size = " + std::to_string(page_size == 1 ? 65536u : page_size);
  sqlite3* src = nullptr;
  if (sqlite3_open_v2(":memory:", &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(src);
    sqlite3_free(bytes);
    fail("out of memory");
  }
  int rc = sqlite3_deserialize(src, "main", bytes, (sqlite3_int64)image.size(), (sqlite3_int64)image.size(),
                               SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  if (rc == SQLITE_OK) sqlite3_exec(keeper_, pragma.c_str(), nullptr, nullptr, nullptr);
  std::string why;
  if (rc == SQLITE_OK) {
    sqlite3_backup* backup = sqlite3_backup_init(keeper_, "main", src, "main");
    if (!backup) {
      why = sqlite3_errmsg(keeper_);
    } else {
      rc = sqlite3_backup_step(backup, -1);
      if (rc != SQLITE_DONE) why = sqlite3_errstr(rc);
      sqlite3_backup_finish(backup);
    }
  } else {
    why = sqlite3_errstr(rc);
  }
  sqlite3_close_v2(src);
  if (!why.empty()) fail(why);
  char* err = nullptr;
  if (sqlite3_exec(keeper_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, &err) != SQLITE_OK) {
    why = err ? err : "unknown error";
    sqlite3_free(err);
    fail(why);
  }
}

std::string DatabaseImpl::serialize() {
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(keeper_, "main", &size, 0);
  if (!bytes) return {};  // an empty database
  std::string out(reinterpret_cast<char*>(bytes), size_t(size));
  sqlite3_free(bytes);
  return out;
}

}  // namespace pgmicro
