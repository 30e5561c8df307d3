// SQLite's five lock levels (NONE, SHARED, RESERVED, PENDING, EXCLUSIVE) between the
// connections of this process that open the same database file: what the unix VFS does with
// its per-inode lock table, for VFSes whose host offers no advisory file locks (Node's fs).
// Single-threaded (the WASM module has no threads).
#pragma once
#include <string>

namespace pgmicro::vfs {

class FileLock {
 public:
  explicit FileLock(std::string key);  // key: the file's full path
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  int level() const { return level_; }
  int lock(int level);     // SQLITE_OK or SQLITE_BUSY (xLock)
  int unlock(int level);   // SQLITE_OK (xUnlock: to SHARED or NONE)
  bool reserved() const;   // xCheckReservedLock: some connection holds RESERVED or above

  struct Shared;  // the state of one file, shared by its handles (file_locks.cpp)

 private:
  std::string key_;
  Shared* shared_;
  int level_ = 0;  // SQLITE_LOCK_NONE
};

}  // namespace pgmicro::vfs
