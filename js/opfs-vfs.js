// The JS half of the "pgmicro-opfs" SQLite VFS (C++ half: vfs/host_file_vfs.cpp): a database in
// the Origin Private File System as a pool of FileSystemSyncAccessHandles, all opened up front
// (opening one is asynchronous; SQLite's file calls are not), so every read, write, truncate
// and flush is synchronous. The design SQLite's "opfs-sahpool" and wa-sqlite's
// AccessHandlePoolVFS use. Only in dedicated Workers (where createSyncAccessHandle exists);
// needs no COOP/COEP headers.
//
// Per database NAME, the folder pg-micro/<NAME> holds SLOTS files. Each starts with a HEADER of
// 4096 bytes — magic, the SQLite path it holds (empty: free), a checksum — and then the bytes
// of that file. SQLite's files take a slot when created and give it back when deleted (the
// header is cleared, then the data truncated). The rollback journal keeps its slot: deleting
// it — SQLite's commit point — zeroes its first bytes and flushes (journal_mode=PERSIST's way),
// and a journal starting with 0 is no journal. A torn header fails its checksum and reads as a
// free slot; a crash before the zeroing leaves a hot journal that SQLite rolls back: either way
// a committed state.
// The pool is used by one context at a time (js/shared-db.js holds the database's Web Lock).
const HEADER = 4096;
const SLOTS = 4;          // the database, its journal, and room to spare
const PATH_MAX = 512;
const JOURNAL_KEEP = 4 * 1024 * 1024;  // an ended journal up to this size keeps its bytes
const MAGIC = 0x53474d50; // 'PMGS'
const ENOSPC = -28, EIO = -5, ENOENT = -2, EMFILE = -24;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function checksum(bytes) {  // FNV-1a over the header's first bytes
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

function readHeader(handle) {
  const buf = new Uint8Array(12 + PATH_MAX + 4);
  if (handle.read(buf, { at: 0 }) < buf.length) return '';
  const dv = new DataView(buf.buffer);
  const len = dv.getUint32(4, true);
  if (dv.getUint32(0, true) !== MAGIC || len > PATH_MAX) return '';
  if (dv.getUint32(12 + PATH_MAX, true) !== checksum(buf.subarray(0, 12 + PATH_MAX))) return '';
  return decoder.decode(buf.subarray(12, 12 + len));
}

function writeHeader(handle, path) {
  const buf = new Uint8Array(12 + PATH_MAX + 4);
  const name = encoder.encode(path);
  if (name.length > PATH_MAX) throw new Error('pg-micro: OPFS path too long');
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, name.length, true);
  buf.set(name, 12);
  dv.setUint32(12 + PATH_MAX, checksum(buf.subarray(0, 12 + PATH_MAX)), true);
  handle.write(buf, { at: 0 });
  handle.flush();
}

function isQuota(e) { return e?.name === 'QuotaExceededError'; }

// createSyncAccessHandle fails while another context still holds the file (a tab that is
// closing releases its handles a moment after its Web Lock): retry for a few seconds.
async function accessHandle(dir, name) {
  const file = await dir.getFileHandle(name, { create: true });
  for (let wait = 20; ; wait *= 2) {
    try {
      return await file.createSyncAccessHandle();
    } catch (e) {
      if (e?.name !== 'NoModificationAllowedError' || wait > 3000) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

function opfsAvailable() {
  return typeof FileSystemSyncAccessHandle === 'function' && typeof navigator === 'object' &&
    typeof navigator.storage?.getDirectory === 'function';
}

// The SQLite path of database `name` (its journal adds '-journal'). Distinct from idb-vfs.js's:
// SQLite's in-process file locks (vfs/file_locks.cpp) go by path.
export function opfsPath(name) { return '/opfs/' + name + '.db'; }

// The pools of the databases open in this context, by SQLite path of their database file.
const pools = new Map();

// Opens database `name`'s pool (creating its folder and slot files). data: bytes of a SQLite
// database file to replace the content with (its journal is dropped).
export async function openOpfsPool(name, data) {
  if (!opfsAvailable()) throw new Error('pg-micro: OPFS needs a dedicated Worker (FileSystemSyncAccessHandle)');
  const root = await navigator.storage.getDirectory();
  const top = await root.getDirectoryHandle('pg-micro', { create: true });
  const dir = await top.getDirectoryHandle(encodeURIComponent(name), { create: true });
  const slots = [];
  try {
    for (let i = 0; i < SLOTS; i++) {
      const handle = await accessHandle(dir, `slot-${i}`);
      slots.push({ handle, path: readHeader(handle) });
    }
  } catch (e) {
    for (const s of slots) s.handle.close();
    throw e;
  }
  const pool = { name, main: opfsPath(name), slots };
  if (data) {
    const bytes = new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer, data.byteOffset ?? 0, data.byteLength);
    try {
      for (const s of slots) {
        if (s.path) { writeHeader(s.handle, ''); s.path = ''; }
        s.handle.truncate(HEADER);
      }
      writeHeader(slots[0].handle, pool.main);
      slots[0].path = pool.main;
      if (slots[0].handle.write(bytes, { at: HEADER }) !== bytes.length) throw new Error('short write');
      slots[0].handle.flush();
    } catch (e) {
      for (const s of slots) s.handle.close();
      if (isQuota(e)) throw new Error(`pg-micro: could not write opfs://${name}: No space left on device (storage quota)`);
      throw e;
    }
  }
  pools.set(pool.main, pool);
  return pool;
}

export function closeOpfsPool(pool) {
  pools.delete(pool.main);
  for (const s of pool.slots) { try { s.handle.close(); } catch { /* already closed */ } }
}

function poolOf(path) {
  for (const [main, pool] of pools) if (path === main || path.startsWith(main + '-')) return pool;
  return null;
}

// → the host object vfs/host_file_vfs.h describes, over every open pool.
export function opfsVfsHost() {
  const fds = new Map();  // fd → slot
  let nextFd = 1;
  const find = (path) => poolOf(path)?.slots.find((s) => s.path === path) ?? null;
  return {
    open(path, flags) {
      try {
        let slot = find(path);
        if (!slot) {
          if (!(flags & 0x4)) return ENOENT;       // SQLITE_OPEN_CREATE
          const pool = poolOf(path);
          slot = pool?.slots.find((s) => !s.path);
          if (!slot) return EMFILE;
          slot.handle.truncate(HEADER);
          writeHeader(slot.handle, path);
          slot.path = path;
        }
        const fd = nextFd++;
        fds.set(fd, slot);
        return fd;
      } catch (e) { return isQuota(e) ? ENOSPC : EIO; }
    },
    close(fd) { fds.delete(fd); return 0; },
    read(fd, view, offset) {
      try { return fds.get(fd).handle.read(view, { at: HEADER + offset }); } catch { return EIO; }
    },
    write(fd, view, offset) {
      try { return fds.get(fd).handle.write(view, { at: HEADER + offset }); } catch (e) { return isQuota(e) ? ENOSPC : EIO; }
    },
    truncate(fd, size) {
      try { fds.get(fd).handle.truncate(HEADER + size); return 0; } catch (e) { return isQuota(e) ? ENOSPC : EIO; }
    },
    sync(fd) {
      try { fds.get(fd).handle.flush(); return 0; } catch (e) { return isQuota(e) ? ENOSPC : EIO; }
    },
    size(fd) {
      try { return Math.max(0, fds.get(fd).handle.getSize() - HEADER); } catch { return EIO; }
    },
    remove(path) {
      const slot = find(path);
      if (!slot) return ENOENT;
      try {
        if (path.endsWith('-journal')) {
          // The journal keeps its slot and its size (growing a file and flushing the growth
          // costs about twice a flush within it): zeroing its first bytes ends it, as SQLite's
          // journal_mode=PERSIST does — a journal whose first byte is 0 is not hot, and SQLite
          // ignores what follows a new journal's records (their checksums use a new nonce).
          // A journal grown past JOURNAL_KEEP is truncated instead.
          if (slot.handle.getSize() > HEADER + JOURNAL_KEEP) slot.handle.truncate(HEADER);
          else slot.handle.write(new Uint8Array(32), { at: HEADER });
          slot.handle.flush();
          return 0;
        }
        writeHeader(slot.handle, '');  // flushed: the file is gone from here on
        slot.path = '';
        slot.handle.truncate(HEADER);
        slot.handle.flush();
        return 0;
      } catch { return EIO; }
    },
    exists(path) {
      const slot = find(path);
      if (!slot) return false;
      try {
        if (slot.handle.getSize() <= HEADER) return false;
        const first = new Uint8Array(1);
        slot.handle.read(first, { at: HEADER });
        return first[0] !== 0;  // an ended journal (above) is no journal
      } catch { return false; }
    },
    fullPath(path) { return path; },
  };
}
