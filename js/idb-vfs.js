// The JS half of the "pgmicro-idb" SQLite VFS (C++ half: vfs/host_file_vfs.cpp): a database kept
// in IndexedDB. The file's pages live in memory here, all read at open (loadStore); SQLite
// reads and writes them synchronously. When SQLite syncs the database file — the moment a write
// transaction commits — the pages written since the last sync are copied aside; flush() then
// writes them (and the new file size) as ONE IndexedDB transaction with durability 'strict',
// and the query that committed resolves only after it completes (js/shared-db.js awaits it).
// An IndexedDB transaction is atomic, so the stored database is always some committed state;
// the rollback journal therefore stays in memory. Works on the main thread and in Workers.
//
// Layout: IndexedDB database 'pg-micro:<NAME>', object store 'pages' (key: page index, value:
// 4096 bytes) and 'meta' (key 'size': the file's size in bytes).
const PAGE = 4096;
const ENOSPC = -28, ENOENT = -2;

function request(r) {
  return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

// The SQLite path of database `name` (distinct from opfs-vfs.js's: file locks go by path).
export function idbPath(name) { return '/idb/' + name + '.db'; }

async function openIdb(name) {
  const r = indexedDB.open('pg-micro:' + name, 1);
  r.onupgradeneeded = () => {
    r.result.createObjectStore('pages');
    r.result.createObjectStore('meta');
  };
  return request(r);
}

// A growable byte array: one file's content.
class MemFile {
  constructor() { this.bytes = new Uint8Array(0); this.size = 0; }
  reserve(n) {
    if (n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(n, this.bytes.length * 2, PAGE));
    next.set(this.bytes.subarray(0, this.size));
    this.bytes = next;
  }
  read(view, offset) {
    const n = Math.max(0, Math.min(view.length, this.size - offset));
    if (n > 0) view.set(this.bytes.subarray(offset, offset + n));
    return n;
  }
  write(view, offset) {
    const end = offset + view.length;
    this.reserve(end);
    if (offset > this.size) this.bytes.fill(0, this.size, offset);
    this.bytes.set(view, offset);
    if (end > this.size) this.size = end;
    return view.length;
  }
  truncate(size) {
    if (size > this.size) { this.reserve(size); this.bytes.fill(0, this.size, size); }
    this.size = size;
  }
}

// The database NAME's stored content → a store: { file (MemFile of the database), dirty (page
// indexes written since the last sync), pending (snapshots taken at syncs, not yet written),
// idb, name }. data: bytes of a SQLite file to replace the content with (written at once).
export async function openIdbStore(name, data) {
  const idb = await openIdb(name);
  const store = { name, path: idbPath(name), idb, file: new MemFile(), dirty: new Set(), pending: [], failed: null };
  if (data) {
    const bytes = new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer, data.byteOffset ?? 0, data.byteLength);
    store.file.write(bytes, 0);
    store.syncedSize = bytes.length;
    const tx = idb.transaction(['pages', 'meta'], 'readwrite', { durability: 'strict' });
    tx.objectStore('pages').clear();
    for (let i = 0; i * PAGE < bytes.length; i++) tx.objectStore('pages').put(pageCopy(store.file, i), i);
    tx.objectStore('meta').put(bytes.length, 'size');
    await done(tx).catch((e) => { idb.close(); throw storageError(name, e); });
  } else {
    await loadStore(store);
  }
  stores.set(store.path, store);
  return store;
}

// Reads the stored database into store.file: every page, in one read-only transaction of
// getAll()s over ranges of LOAD_CHUNK pages issued together (bench/browser.mjs: for 50 MB,
// faster than one getAll of everything, which Chromium returns as one huge message).
const LOAD_CHUNK = 64;
export async function loadStore(store) {
  const tx = store.idb.transaction(['pages', 'meta'], 'readonly');
  const size = (await request(tx.objectStore('meta').get('size'))) ?? 0;
  const pages = tx.objectStore('pages');
  const file = new MemFile();
  file.reserve(size);
  const count = Math.ceil(size / PAGE);
  const reads = [];
  for (let first = 0; first < count; first += LOAD_CHUNK) {
    const range = IDBKeyRange.bound(first, Math.min(count, first + LOAD_CHUNK) - 1);
    reads.push(Promise.all([request(pages.getAllKeys(range)), request(pages.getAll(range))]).then(([keys, values]) => {
      for (let i = 0; i < keys.length; i++) {
        const at = keys[i] * PAGE;
        file.bytes.set(new Uint8Array(values[i]).subarray(0, Math.min(PAGE, size - at)), at);
      }
    }));
  }
  await Promise.all(reads);
  file.size = size;
  store.file = file;
  store.syncedSize = file.size;
  store.dirty.clear();
  store.pending = [];
}

function pageCopy(file, i) {
  const page = new Uint8Array(PAGE);
  page.set(file.bytes.subarray(i * PAGE, Math.min(file.size, (i + 1) * PAGE)));
  return page.buffer;
}

function storageError(name, e) {
  const quota = e?.name === 'QuotaExceededError';
  const err = new Error(quota
    ? `could not extend file "idb://${name}": No space left on device`
    : `could not write to file "idb://${name}": ${e?.message ?? e}`);
  err.code = quota ? '53100' : '58030';
  err.cause = e;
  return err;
}

// Writes the committed snapshots as one IndexedDB transaction (durability 'strict'); resolves
// when it completes. On failure (an exhausted quota) rejects with an Error whose code is the
// SQLSTATE (53100); the store on disk then still holds the previous committed state.
export async function flushStore(store) {
  if (!store.pending.length) return;
  const batch = store.pending;
  store.pending = [];
  const pages = new Map();
  for (const snap of batch) for (const [i, buf] of snap.pages) pages.set(i, buf);
  const size = batch[batch.length - 1].size;
  const tx = store.idb.transaction(['pages', 'meta'], 'readwrite', { durability: 'strict' });
  const os = tx.objectStore('pages');
  for (const [i, buf] of pages) if (i * PAGE < size) os.put(buf, i);
  os.delete(IDBKeyRange.lowerBound(Math.ceil(size / PAGE)));
  tx.objectStore('meta').put(size, 'size');
  try {
    await done(tx);
  } catch (e) {
    throw storageError(store.name, e);
  }
}

export function closeIdbStore(store) {
  stores.delete(store.path);
  store.idb.close();
}

const stores = new Map();  // SQLite path of the database file → store

// → the host object vfs/host_file_vfs.h describes. The database files are the stores' files;
// any other file (the journal) lives in memory only.
export function idbVfsHost() {
  const others = new Map();  // path → MemFile
  const fds = new Map();     // fd → { file, store? }
  let nextFd = 1;
  return {
    open(path, flags) {
      const store = stores.get(path);
      if (store) { fds.set(nextFd, { file: store.file, store }); return nextFd++; }
      let file = others.get(path);
      if (!file) {
        if (!(flags & 0x4)) return ENOENT;  // SQLITE_OPEN_CREATE
        others.set(path, (file = new MemFile()));
      }
      fds.set(nextFd, { file });
      return nextFd++;
    },
    close(fd) { fds.delete(fd); return 0; },
    read(fd, view, offset) {
      const f = fds.get(fd);
      return (f.store ? f.store.file : f.file).read(view, offset);
    },
    write(fd, view, offset) {
      const f = fds.get(fd);
      const file = f.store ? f.store.file : f.file;
      try { file.write(view, offset); } catch { return ENOSPC; }  // RangeError: no memory for it
      if (f.store) for (let i = Math.floor(offset / PAGE); i * PAGE < offset + view.length; i++) f.store.dirty.add(i);
      return view.length;
    },
    truncate(fd, size) {
      const f = fds.get(fd);
      try { (f.store ? f.store.file : f.file).truncate(size); } catch { return ENOSPC; }
      return 0;
    },
    sync(fd) {
      const { store } = fds.get(fd);
      if (store && (store.dirty.size || store.file.size !== store.syncedSize)) {
        const pages = [];
        for (const i of store.dirty) if (i * PAGE < store.file.size) pages.push([i, pageCopy(store.file, i)]);
        store.pending.push({ size: store.file.size, pages });
        store.dirty.clear();
        store.syncedSize = store.file.size;
      }
      return 0;
    },
    size(fd) {
      const f = fds.get(fd);
      return (f.store ? f.store.file : f.file).size;
    },
    remove(path) { return others.delete(path) ? 0 : ENOENT; },
    exists(path) {
      const s = stores.get(path);
      if (s) return s.file.size > 0;
      return (others.get(path)?.size ?? 0) > 0;
    },
    fullPath(path) { return path; },
  };
}
