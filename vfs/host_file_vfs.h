// SQLite VFSes whose files live wherever a JS host object puts them: each xRead/xWrite/xSync/...
// is one synchronous call on that object. One C++ half, several JS halves, each registered
// under its own name: "pgmicro-node" (js/node-file-vfs.js: Node's fs, also in Deno and Bun),
// "pgmicro-opfs" (js/opfs-vfs.js: a pool of OPFS FileSystemSyncAccessHandles in a Worker),
// "pgmicro-idb" (js/idb-vfs.js: pages in memory, committed pages written to IndexedDB).
#pragma once
#include <string>

#include <emscripten/val.h>

namespace pgmicro::vfs {

// Registers the VFS `name` (once; later calls with the same name replace the host object).
// host has:
//   open(path, flags) → fd ≥ 0, or a negative errno; flags are SQLITE_OPEN_* bits
//   close(fd), read(fd, Uint8Array, offset) → bytes read, write(fd, Uint8Array, offset) → bytes
//   written, truncate(fd, size), sync(fd), size(fd) → bytes, remove(path, syncDir),
//   exists(path) → bool (a regular file with data), fullPath(path) → absolute path
// Every method returns a negative number instead of throwing (a JS exception must not unwind
// through SQLite's frames); -28 (ENOSPC) from write, truncate or sync is SQLITE_FULL (a full
// disk or an exhausted storage quota).
void register_host_file_vfs(const std::string& name, emscripten::val host);

}  // namespace pgmicro::vfs
