// The host-object SQLite VFSes (host_file_vfs.h): each xRead/xWrite/xSync/... is one
// synchronous call into the JS host object registered under the VFS's name. File locks are
// in-process (file_locks.h): another process (Node) or tab (OPFS, IndexedDB: js/shared-db.js
// makes one context the owner) must not write the file while it is open here. Files SQLite
// opens without a name (temp files) live in memory. No xShm methods: the journal is SQLite's
// rollback journal (WAL needs shared memory).
#include "host_file_vfs.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "default_vfs.h"
#include "file_locks.h"

using emscripten::val;

namespace pgmicro::vfs {
namespace {

constexpr int kNoSpace = -28;  // ENOSPC

struct HostFile {
  sqlite3_file base;
  val* host;                   // the VFS's host object (HostVfs::host)
  int fd;                      // -1: an anonymous file held in `memory`
  FileLock* lock;              // main database files only
  std::string* path;           // for delete-on-close
  std::vector<unsigned char>* memory;
  bool delete_on_close;
};

HostFile& self(sqlite3_file* f) { return *reinterpret_cast<HostFile*>(f); }

val bytes(void* p, int n) { return val(emscripten::typed_memory_view(size_t(n), static_cast<unsigned char*>(p))); }

int x_close(sqlite3_file* f) {
  HostFile& hf = self(f);
  int rc = SQLITE_OK;
  if (hf.fd >= 0 && hf.host->call<int>("close", hf.fd) < 0) rc = SQLITE_IOERR_CLOSE;
  if (hf.delete_on_close && hf.path) hf.host->call<int>("remove", *hf.path, false);
  delete hf.lock;
  delete hf.path;
  delete hf.memory;
  hf.lock = nullptr;
  hf.path = nullptr;
  hf.memory = nullptr;
  return rc;
}

int x_read(sqlite3_file* f, void* buf, int amt, sqlite3_int64 offset) {
  HostFile& hf = self(f);
  int got;
  if (hf.memory) {
    auto& m = *hf.memory;
    got = offset >= sqlite3_int64(m.size()) ? 0 : int(std::min<sqlite3_int64>(amt, m.size() - offset));
    if (got > 0) std::memcpy(buf, m.data() + offset, size_t(got));
  } else {
    got = hf.host->call<int>("read", hf.fd, bytes(buf, amt), double(offset));
    if (got < 0) return SQLITE_IOERR_READ;
  }
  if (got < amt) {
    std::memset(static_cast<char*>(buf) + got, 0, size_t(amt - got));
    return SQLITE_IOERR_SHORT_READ;
  }
  return SQLITE_OK;
}

int x_write(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 offset) {
  HostFile& hf = self(f);
  if (hf.memory) {
    auto& m = *hf.memory;
    if (size_t(offset) + size_t(amt) > m.size()) m.resize(size_t(offset) + size_t(amt));
    std::memcpy(m.data() + offset, buf, size_t(amt));
    return SQLITE_OK;
  }
  int put = hf.host->call<int>("write", hf.fd, bytes(const_cast<void*>(buf), amt), double(offset));
  if (put == kNoSpace) return SQLITE_FULL;
  return put == amt ? SQLITE_OK : SQLITE_IOERR_WRITE;
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  HostFile& hf = self(f);
  if (hf.memory) {
    if (size_t(size) < hf.memory->size()) hf.memory->resize(size_t(size));
    return SQLITE_OK;
  }
  int rc = hf.host->call<int>("truncate", hf.fd, double(size));
  if (rc == kNoSpace) return SQLITE_FULL;
  return rc < 0 ? SQLITE_IOERR_TRUNCATE : SQLITE_OK;
}

int x_sync(sqlite3_file* f, int flags) {
  HostFile& hf = self(f);
  if (hf.memory) return SQLITE_OK;
  int rc = hf.host->call<int>("sync", hf.fd);
  if (rc == kNoSpace) return SQLITE_FULL;
  return rc < 0 ? SQLITE_IOERR_FSYNC : SQLITE_OK;
}

int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  HostFile& hf = self(f);
  if (hf.memory) {
    *size = sqlite3_int64(hf.memory->size());
    return SQLITE_OK;
  }
  double n = hf.host->call<double>("size", hf.fd);
  if (n < 0) return SQLITE_IOERR_FSTAT;
  *size = sqlite3_int64(n);
  return SQLITE_OK;
}

int x_lock(sqlite3_file* f, int level) {
  HostFile& hf = self(f);
  return hf.lock ? hf.lock->lock(level) : SQLITE_OK;
}

int x_unlock(sqlite3_file* f, int level) {
  HostFile& hf = self(f);
  return hf.lock ? hf.lock->unlock(level) : SQLITE_OK;
}

int x_check_reserved_lock(sqlite3_file* f, int* out) {
  HostFile& hf = self(f);
  *out = hf.lock && hf.lock->reserved() ? 1 : 0;
  return SQLITE_OK;
}

int x_file_control(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int x_sector_size(sqlite3_file*) { return 4096; }
int x_device_characteristics(sqlite3_file*) { return 0; }

const sqlite3_io_methods kIoMethods = {
    1,  // iVersion: no xShm*, no xFetch
    x_close, x_read, x_write, x_truncate, x_sync, x_file_size, x_lock, x_unlock,
    x_check_reserved_lock, x_file_control, x_sector_size, x_device_characteristics,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};

val* host_of(sqlite3_vfs* vfs) { return static_cast<val*>(vfs->pAppData); }

int x_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  HostFile& hf = self(f);
  hf = HostFile{};
  hf.fd = -1;
  hf.host = host_of(vfs);
  if (!name) {
    hf.memory = new std::vector<unsigned char>();
  } else {
    int fd = hf.host->call<int>("open", std::string(name), flags);
    if (fd < 0 && (flags & SQLITE_OPEN_READWRITE)) {
      // A read-only file (or folder): open it read-only, as the unix VFS does.
      int ro = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
      fd = hf.host->call<int>("open", std::string(name), ro);
      if (fd >= 0) flags = ro;
    }
    if (fd < 0) return SQLITE_CANTOPEN;
    hf.fd = fd;
    if (flags & SQLITE_OPEN_MAIN_DB) hf.lock = new FileLock(name);
    if (flags & SQLITE_OPEN_DELETEONCLOSE) {
      hf.delete_on_close = true;
      hf.path = new std::string(name);
    }
  }
  if (out_flags) *out_flags = flags;
  hf.base.pMethods = &kIoMethods;
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  int rc = host_of(vfs)->call<int>("remove", std::string(name), sync_dir != 0);
  if (rc == -2) return SQLITE_IOERR_DELETE_NOENT;  // ENOENT
  return rc < 0 ? SQLITE_IOERR_DELETE : SQLITE_OK;
}

int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  *out = host_of(vfs)->call<bool>("exists", std::string(name)) ? 1 : 0;
  return SQLITE_OK;
}

int x_full_pathname(sqlite3_vfs* vfs, const char* name, int n_out, char* out) {
  std::string full = host_of(vfs)->call<std::string>("fullPath", std::string(name));
  if (full.empty() || int(full.size()) >= n_out) return SQLITE_CANTOPEN;
  std::memcpy(out, full.c_str(), full.size() + 1);
  return SQLITE_OK;
}

// Randomness, sleeping and the clock come from the default VFS (default_vfs.h).
sqlite3_vfs* base_vfs() {
  static sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  return base;
}
int x_randomness(sqlite3_vfs*, int n, char* out) { return base_vfs()->xRandomness(base_vfs(), n, out); }
int x_sleep(sqlite3_vfs*, int us) { return base_vfs()->xSleep(base_vfs(), us); }
int x_current_time(sqlite3_vfs*, double* t) { return base_vfs()->xCurrentTime(base_vfs(), t); }
int x_get_last_error(sqlite3_vfs*, int, char*) { return 0; }
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* t) {
  return base_vfs()->xCurrentTimeInt64(base_vfs(), t);
}

}  // namespace

// One registered VFS: SQLite keeps the pointer, so entries are never freed.
struct HostVfs {
  sqlite3_vfs vfs;
  std::string name;
  val host;
};

void register_host_file_vfs(const std::string& name, val host) {
  static std::map<std::string, HostVfs*> registered;
  auto it = registered.find(name);
  if (it != registered.end()) {
    it->second->host = std::move(host);
    return;
  }
  install_default_vfs();
  base_vfs();
  auto* h = new HostVfs{{}, name, std::move(host)};
  h->vfs = sqlite3_vfs{
      2, sizeof(HostFile), 4096, nullptr, h->name.c_str(), &h->host,
      x_open, x_delete, x_access, x_full_pathname,
      nullptr, nullptr, nullptr, nullptr,  // no loadable extensions
      x_randomness, x_sleep, x_current_time, x_get_last_error, x_current_time_int64,
      nullptr, nullptr, nullptr};
  registered.emplace(name, h);
  sqlite3_vfs_register(&h->vfs, 0);
}

}  // namespace pgmicro::vfs
