// The "pgmicro-node" SQLite VFS: database, journal and temp files on the host's file system
// through a JS object whose methods make synchronous system calls (js/node-file-vfs.js: Node's
// fs.openSync/readSync/writeSync/fsyncSync/ftruncateSync/unlinkSync, also in Deno and Bun).
#pragma once
#include <emscripten/val.h>

namespace pgmicro::vfs {

inline constexpr const char* kNodeFileVfsName = "pgmicro-node";

// Registers the VFS (once; later calls replace the host object). host has:
//   open(path, flags) → fd ≥ 0, or a negative errno; flags are SQLITE_OPEN_* bits
//   close(fd), read(fd, Uint8Array, offset) → bytes read, write(fd, Uint8Array, offset) → bytes
//   written, truncate(fd, size), sync(fd), size(fd) → bytes, remove(path, syncDir),
//   exists(path) → bool (a regular file with data), fullPath(path) → absolute path
// Every method returns a negative number instead of throwing (a JS exception must not unwind
// through SQLite's frames).
void register_node_file_vfs(emscripten::val host);

}  // namespace pgmicro::vfs
