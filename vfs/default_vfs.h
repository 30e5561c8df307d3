// The WASM module's default SQLite VFS: SQLite's built-in one with randomness from
// getentropy() (crypto.getRandomValues). The built-in one reads /dev/urandom, and without a
// file system (-sFILESYSTEM=0) its open() loops forever — on the first sqlite3_randomness()
// call (a journal nonce, gen_random_uuid()), which seeds from the default VFS.
#pragma once

namespace pgmicro::vfs {

void install_default_vfs();  // idempotent; call before any SQLite use

}  // namespace pgmicro::vfs
