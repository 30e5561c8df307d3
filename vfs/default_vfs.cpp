// install_default_vfs (default_vfs.h): a copy of SQLite's built-in VFS under another name,
// registered as the default, whose xRandomness is getentropy().
#include "default_vfs.h"

#include <algorithm>
#include <cstddef>

#include <sqlite3.h>
#include <unistd.h>  // getentropy

namespace pgmicro::vfs {
namespace {

int x_randomness(sqlite3_vfs*, int n, char* out) {
  for (int done = 0; done < n; done += 256) {
    if (getentropy(out + done, size_t(std::min(256, n - done))) != 0) return done;
  }
  return n;
}

}  // namespace

void install_default_vfs() {
  static sqlite3_vfs vfs;
  static bool installed = false;
  if (installed) return;
  installed = true;
  sqlite3_initialize();
  vfs = *sqlite3_vfs_find(nullptr);
  vfs.zName = "pgmicro-default";
  vfs.xRandomness = x_randomness;
  sqlite3_vfs_register(&vfs, 1);
}

}  // namespace pgmicro::vfs
