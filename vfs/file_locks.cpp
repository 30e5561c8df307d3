// In-process lock table for SQLite's lock levels (file_locks.h), following the unix VFS's
// rules: SHARED is refused while someone holds PENDING or EXCLUSIVE; one RESERVED holder;
// EXCLUSIVE takes PENDING first (no new readers) and succeeds once it is the only reader.
#include "file_locks.h"

#include <map>

#include <sqlite3.h>

namespace pgmicro::vfs {

struct FileLock::Shared {
  int refs = 0;
  int readers = 0;         // handles at SHARED or above
  bool reserved = false;   // a handle at RESERVED or above
  bool pending = false;    // a handle at PENDING or above
  bool exclusive = false;  // a handle at EXCLUSIVE
};

namespace {
std::map<std::string, FileLock::Shared*>& table() {
  static std::map<std::string, FileLock::Shared*> t;
  return t;
}
}  // namespace

FileLock::FileLock(std::string key) : key_(std::move(key)) {
  auto& s = table()[key_];
  if (!s) s = new Shared;
  ++s->refs;
  shared_ = s;
}

FileLock::~FileLock() {
  unlock(SQLITE_LOCK_NONE);
  if (--shared_->refs == 0) {
    table().erase(key_);
    delete shared_;
  }
}

int FileLock::lock(int level) {
  Shared& s = *shared_;
  if (level_ >= level) return SQLITE_OK;
  switch (level) {
    case SQLITE_LOCK_SHARED:
      if (s.pending || s.exclusive) return SQLITE_BUSY;
      ++s.readers;
      level_ = SQLITE_LOCK_SHARED;
      return SQLITE_OK;
    case SQLITE_LOCK_RESERVED:
      if (level_ != SQLITE_LOCK_SHARED || s.reserved) return SQLITE_BUSY;
      s.reserved = true;
      level_ = SQLITE_LOCK_RESERVED;
      return SQLITE_OK;
    case SQLITE_LOCK_EXCLUSIVE:
      if (level_ < SQLITE_LOCK_SHARED) return SQLITE_BUSY;
      if (level_ < SQLITE_LOCK_PENDING) {
        if (s.pending || (level_ < SQLITE_LOCK_RESERVED && s.reserved)) return SQLITE_BUSY;
        s.pending = true;
        if (level_ < SQLITE_LOCK_RESERVED) s.reserved = true;
        level_ = SQLITE_LOCK_PENDING;
      }
      if (s.readers > 1) return SQLITE_BUSY;  // stays PENDING: readers drain, none enter
      s.exclusive = true;
      level_ = SQLITE_LOCK_EXCLUSIVE;
      return SQLITE_OK;
    default:
      return SQLITE_BUSY;
  }
}

int FileLock::unlock(int level) {
  Shared& s = *shared_;
  if (level_ <= level) return SQLITE_OK;
  if (level_ >= SQLITE_LOCK_RESERVED) s.reserved = false;
  if (level_ >= SQLITE_LOCK_PENDING) s.pending = false;
  if (level_ == SQLITE_LOCK_EXCLUSIVE) s.exclusive = false;
  if (level == SQLITE_LOCK_NONE && level_ >= SQLITE_LOCK_SHARED) --s.readers;
  level_ = level;
  return SQLITE_OK;
}

bool FileLock::reserved() const { return shared_->reserved || shared_->pending || shared_->exclusive; }

}  // namespace pgmicro::vfs
