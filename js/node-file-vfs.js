// The JS half of the "pgmicro-node" SQLite VFS (C++ half: vfs/node_file_vfs.cpp): the
// synchronous file calls SQLite's pager makes, on Node's fs (Deno and Bun provide node:fs too).
// Every method returns a negative errno instead of throwing: an exception must not unwind
// through SQLite's frames inside the module.
const fsName = 'node:fs';      // not literal imports: bundlers for browsers must not follow them
const pathName = 'node:path';

const OPEN_READONLY = 0x1, OPEN_READWRITE = 0x2, OPEN_CREATE = 0x4, OPEN_EXCLUSIVE = 0x10;

function errno(e) {
  return typeof e?.errno === 'number' && e.errno < 0 ? e.errno : -5;  // -EIO when unknown
}

// → the host object vfs/node_file_vfs.h describes.
export async function nodeFileVfsHost() {
  const fs = await import(/* @vite-ignore */ fsName);
  const path = await import(/* @vite-ignore */ pathName);
  const { O_RDONLY, O_RDWR, O_CREAT, O_EXCL } = fs.constants;
  return {
    open(name, flags) {
      try {
        let mode = flags & OPEN_READWRITE ? O_RDWR : O_RDONLY;
        if (flags & OPEN_CREATE) mode |= O_CREAT;
        if (flags & OPEN_EXCLUSIVE) mode |= O_EXCL;
        if (!(flags & (OPEN_READWRITE | OPEN_READONLY))) mode = O_RDONLY;
        return fs.openSync(name, mode, 0o644);
      } catch (e) { return errno(e); }
    },
    close(fd) {
      try { fs.closeSync(fd); return 0; } catch (e) { return errno(e); }
    },
    read(fd, view, offset) {
      try {
        let got = 0;
        while (got < view.length) {
          const n = fs.readSync(fd, view, got, view.length - got, offset + got);
          if (n === 0) break;  // end of file
          got += n;
        }
        return got;
      } catch (e) { return errno(e); }
    },
    write(fd, view, offset) {
      try {
        let put = 0;
        while (put < view.length) put += fs.writeSync(fd, view, put, view.length - put, offset + put);
        return put;
      } catch (e) { return errno(e); }
    },
    truncate(fd, size) {
      try { fs.ftruncateSync(fd, size); return 0; } catch (e) { return errno(e); }
    },
    sync(fd) {
      try { fs.fsyncSync(fd); return 0; } catch (e) { return errno(e); }
    },
    size(fd) {
      try { return fs.fstatSync(fd).size; } catch (e) { return errno(e); }
    },
    remove(name, syncDir) {
      try {
        fs.unlinkSync(name);
      } catch (e) { return errno(e); }
      if (syncDir) {
        // The deleted journal is what commits a transaction: make the unlink durable.
        try {
          const dir = fs.openSync(path.dirname(name), O_RDONLY);
          try { fs.fsyncSync(dir); } finally { fs.closeSync(dir); }
        } catch { /* not supported for folders on this system */ }
      }
      return 0;
    },
    exists(name) {
      try {
        const st = fs.statSync(name);
        return !st.isFile() || st.size > 0;  // an empty journal is no journal (as the unix VFS)
      } catch { return false; }
    },
    fullPath(name) {
      try { return path.resolve(name); } catch { return ''; }
    },
  };
}
