// A browser-stored database (opfs://NAME, idb://NAME) shared by every tab and worker of the
// origin that opens it. One context owns it — the one holding the Web Lock 'pg-micro:<kind>:
// <NAME>' — and runs every statement on its engine; the others are clients that send their
// statements to the owner over a BroadcastChannel of the same name and get the result batch
// back. Every client also queues for the lock, so when the owner goes away (tab closed,
// worker ended, crash: the browser releases its locks) the first client in line opens the
// storage and becomes the owner.
//
// The owner runs one statement at a time. A party (the owner's own caller, or a client) whose
// statement leaves a transaction block open holds the engine until its block ends; the others'
// statements wait. If a client dies inside a block (its liveness lock 'pg-micro:<kind>:<NAME>:
// client:<id>' is then released), the owner rolls the block back.
//
// Messages on the channel: { t: 'req', cid, id, op, sql?, params?, rowid? } (client → owner;
// op 'execute' | 'export' | 'integrity'), { t: 'ack', cid, id } (owner, on receipt),
// { t: 'res', cid, id, ok, batch?, status?, lastInsertRowid?, image?, text?, error? } (owner),
// { t: 'owner' } (a new owner is ready: clients resend what no owner acknowledged and fail
// what the previous owner acknowledged but did not answer — it may or may not have committed).
import { executeRaw, errorBatch } from './wire.js';

const hasLocks = () => typeof navigator === 'object' && typeof navigator.locks?.request === 'function';

function randomId() {
  const b = new Uint8Array(8);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// A path 'opfs://NAME' or 'idb://NAME' → { kind, name }, or null for other paths.
export function browserStorage(path) {
  const m = /^(opfs|idb):\/\/(.+)$/.exec(path);
  if (!m) return null;
  if (/[\0/\\]/.test(m[2]) || m[2] === '.' || m[2] === '..' || m[2].length > 200) {
    throw new Error(`pg-micro: ${JSON.stringify(path)}: a database name must not contain '/', '\\' or NUL, nor be '.' or '..'`);
  }
  return { kind: m[1], name: m[2] };
}

// The engine of the owner: the binding Database on the backend's VFS, plus what the backend
// does after a statement (IndexedDB: write the committed pages).
async function openLocal(Module, kind, name, data) {
  if (kind === 'opfs') {
    const { opfsVfsHost, openOpfsPool, closeOpfsPool, opfsPath } = await import('./opfs-vfs.js');
    const vfs = Module.registerHostFileVfs('pgmicro-opfs', sharedHost(Module, 'opfs', opfsVfsHost));
    const pool = await openOpfsPool(name, data);
    let native;
    try { native = new Module.Database(opfsPath(name), vfs); } catch (e) { closeOpfsPool(pool); throw e; }
    return {
      native,
      afterStatement: async () => {},
      close() { native.close(); native.delete(); closeOpfsPool(pool); },
    };
  }
  const { idbVfsHost, openIdbStore, closeIdbStore, flushStore, loadStore, idbPath } = await import('./idb-vfs.js');
  const vfs = Module.registerHostFileVfs('pgmicro-idb', sharedHost(Module, 'idb', idbVfsHost));
  const store = await openIdbStore(name, data);
  const local = {
    native: null,
    // Writes what committed; if IndexedDB refuses it (quota), the database returns to what is
    // stored — the last state written — and the statement fails with the error.
    async afterStatement() {
      if (!store.pending.length) return null;
      try {
        await flushStore(store);
        return null;
      } catch (e) {
        local.native.close(); local.native.delete();
        await loadStore(store);
        local.native = new Module.Database(idbPath(name), vfs);
        return e;
      }
    },
    close() { local.native.close(); local.native.delete(); closeIdbStore(store); },
  };
  try { local.native = new Module.Database(idbPath(name), vfs); } catch (e) { closeIdbStore(store); throw e; }
  return local;
}

// One host object per module and backend (it serves every database of that backend).
const hosts = new WeakMap();
function sharedHost(Module, kind, make) {
  let m = hosts.get(Module);
  if (!m) hosts.set(Module, (m = {}));
  return (m[kind] ??= make());
}

export class SharedDb {
  constructor(Module, kind, name) {
    this.Module = Module;
    this.kind = kind;
    this.name = name;
    this.lockName = `pg-micro:${kind}:${name}`;
    this.cid = randomId();
    this.mode = 'client';
    this.local = null;
    this.status = 'I';
    this.closed = false;
    this.failure = null;
    // owner side
    this.jobs = [];          // { party, fn, resolve, reject }
    this.pumping = false;
    this.holder = null;      // the party whose transaction block is open
    this.seen = new Map();   // cid → highest request id taken (a client's ids increase)
    this.watched = new Set();
    // client side
    this.pending = new Map();  // id → { msg, acked, resolve, reject }
    this.nextId = 1;
    this.stop = null;          // releases this context's locks
    this.abort = typeof AbortController === 'function' ? new AbortController() : null;
  }

  // Opens (as owner or client) the database; data: bytes to start from (only when no other
  // context has it open).
  static async open(Module, kind, name, data) {
    if (kind === 'idb' && typeof indexedDB !== 'object') {
      throw new Error(`pg-micro: "idb://${name}": IndexedDB databases need a browser`);
    }
    if (kind === 'opfs' && typeof FileSystemSyncAccessHandle !== 'function') {
      throw new Error(`pg-micro: "opfs://${name}": OPFS databases need a browser's dedicated Worker (FileSystemSyncAccessHandle)`);
    }
    if (data !== undefined && data !== null) data = checkImage(data, `${kind}://${name}`);
    const db = new SharedDb(Module, kind, name);
    if (!hasLocks()) {
      // No Web Locks (no coordination possible): this context uses the storage alone.
      await db.#becomeOwner(data);
      return db;
    }
    const released = new Promise((resolve) => { db.stop = resolve; });
    // Held for this context's lifetime: the owner watches it to roll back an abandoned block.
    await new Promise((granted) => {
      navigator.locks.request(`${db.lockName}:client:${db.cid}`, () => { granted(); return released; });
    });
    db.channel = new BroadcastChannel(db.lockName);
    db.channel.onmessage = (ev) => db.#receive(ev.data);
    const owner = await new Promise((resolve, reject) => {
      navigator.locks.request(db.lockName, { ifAvailable: true }, async (lock) => {
        if (!lock) { resolve(false); return undefined; }
        try { await db.#becomeOwner(data); } catch (e) { reject(e); return undefined; }
        resolve(true);
        return released;
      }).catch(reject);
    }).catch((e) => { db.#release(); throw e; });
    if (!owner) {
      if (data !== undefined && data !== null) {
        db.#release();
        throw new Error(`pg-micro: ${kind}://${name} is open in another tab or worker; options.data can only start a database no other context has open`);
      }
      db.#queueForOwnership(released);
    }
    return db;
  }

  get isOwner() { return this.mode === 'owner'; }

  async #becomeOwner(data) {
    this.local = await openLocal(this.Module, this.kind, this.name, data);
    this.mode = 'owner';
    this.channel?.postMessage({ t: 'owner' });
    // What this context had sent: unanswered but taken by the previous owner → failed; never
    // taken → run here.
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      if (p.acked) p.reject(ownerGone());
      else this.#runOwn(p.msg).then(p.resolve, p.reject);
    }
  }

  #queueForOwnership(released) {
    const options = this.abort ? { signal: this.abort.signal } : {};
    navigator.locks.request(this.lockName, options, async () => {
      if (this.closed) return undefined;
      try {
        await this.#becomeOwner();
      } catch (e) {
        this.#fail(e);
        return undefined;
      }
      return released;
    }).catch(() => { /* aborted at close */ });
  }

  #fail(e) {
    this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  // ---- owner side

  #submit(party, fn) {
    return new Promise((resolve, reject) => {
      this.jobs.push({ party, fn, resolve, reject });
      this.#pump();
    });
  }

  async #pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const i = this.jobs.findIndex((j) => this.holder === null || j.party === this.holder);
        if (i < 0) break;
        const [job] = this.jobs.splice(i, 1);
        try { job.resolve(await job.fn()); } catch (e) { job.reject(e); }
      }
    } finally {
      this.pumping = false;
    }
  }

  // Runs one statement batch for `party` on the owner's engine.
  async #execute(party, sql, params, rowid, flag) {
    if (!this.local) throw new Error('pg-micro: the database is closed');
    const { native } = this.local;
    if (flag) native.setCancelCheck(() => Atomics.load(flag, 0) !== 0);
    let batch;
    try {
      batch = executeRaw(native, sql, params).slice();
    } finally {
      if (flag) native.setCancelCheck(null);
    }
    let status = native.transactionStatus();
    const lastInsertRowid = rowid ? native.lastInsertRowid() : undefined;
    const failed = await this.local.afterStatement();
    if (failed) {
      batch = errorBatch(failed.code ?? '58030', failed.message);
      status = 'I';
    }
    this.holder = status === 'I' ? null : party;
    if (this.holder && party !== 'own') this.#watch(party);
    return { batch, status, lastInsertRowid };
  }

  // Rolls back the block of a client that went away while holding it.
  #watch(cid) {
    if (this.watched.has(cid) || !hasLocks()) return;
    this.watched.add(cid);
    navigator.locks.request(`${this.lockName}:client:${cid}`, () => {
      this.watched.delete(cid);
      this.seen.delete(cid);
      if (this.holder === cid && this.local) {
        this.#submit(cid, () => this.#execute(cid, 'ROLLBACK', [], false)).catch(() => {});
      }
    }).catch(() => {});
  }

  #serve(m) {
    if ((this.seen.get(m.cid) ?? 0) >= m.id) return;  // a resent request this owner took
    this.seen.set(m.cid, m.id);
    this.channel.postMessage({ t: 'ack', cid: m.cid, id: m.id });
    this.#submit(m.cid, () => {
      // This owner closed while the request waited: the client sends it to the next owner.
      if (!this.local) return { retry: true };
      return this.#answer(m.cid, m);
    }).then(
      (reply) => this.channel?.postMessage({ t: 'res', cid: m.cid, id: m.id, ok: true, ...reply }),
      (e) => this.channel?.postMessage({ t: 'res', cid: m.cid, id: m.id, ok: false, error: String(e?.message ?? e) }));
  }

  async #answer(party, m) {
    switch (m.op) {
      case 'execute': return this.#execute(party, m.sql, m.params, m.rowid, m.flag);
      case 'export': return { image: this.local.native.serialize().slice() };
      case 'integrity': return { text: this.local.native.integrityCheck() };
      default: throw new Error(`pg-micro: unknown request ${m.op}`);
    }
  }

  #runOwn(msg) { return this.#submit('own', () => this.#answer('own', msg)); }

  // ---- client side

  #receive(m) {
    if (m.t === 'req') { if (this.mode === 'owner' && this.local) this.#serve(m); return; }
    if (m.t === 'owner') {
      if (this.mode !== 'client') return;
      for (const [id, p] of this.pending) {
        if (p.acked) { this.pending.delete(id); p.reject(ownerGone()); } else this.channel.postMessage(p.msg);
      }
      return;
    }
    if (m.cid !== this.cid) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.t === 'ack') { p.acked = true; return; }
    if (m.retry) { p.acked = false; return; }  // resent when the next owner announces itself
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m); else p.reject(new Error(m.error));
  }

  #request(msg) {
    if (this.failure) return Promise.reject(this.failure);
    if (this.mode === 'owner') return this.#runOwn(msg);
    const id = this.nextId++;
    const full = { t: 'req', cid: this.cid, id, ...msg };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { msg: full, acked: false, resolve, reject });
      this.channel.postMessage(full);
    });
  }

  // → { batch (Uint8Array, its own buffer), status, lastInsertRowid? }. flag (an Int32Array on a
  // SharedArrayBuffer) cancels a running statement, when this context is the owner.
  async run(sql, params, { rowid = false, flag = null } = {}) {
    if (this.closed) throw new Error('pg-micro: the database is closed');
    const msg = { op: 'execute', sql, params, rowid };
    const reply = this.mode === 'owner'
      ? await this.#submit('own', () => this.#execute('own', sql, params, rowid, flag))
      : await this.#request(msg);
    this.status = reply.status;
    return reply;
  }

  async export() { return new Uint8Array((await this.#request({ op: 'export' })).image); }
  async integrityCheck() { return (await this.#request({ op: 'integrity' })).text; }

  #release() {
    this.abort?.abort();
    this.stop?.();
    this.channel?.close();
    this.channel = null;
  }

  // Closes this context's side; an owner closes the storage first, and the next context in
  // line for the lock takes it over.
  async close() {
    if (this.closed) return;
    this.closed = true;
    if (this.local) {
      await this.#submit(this.holder ?? 'own', async () => {
        if (this.holder !== null) executeRaw(this.local.native, 'ROLLBACK', []);
        this.local.close();
        this.local = null;
        this.holder = null;
      });
      // Client requests still queued here are answered { retry } (in #serve) before the lock
      // is released, so they go to the next owner.
      await new Promise((r) => setTimeout(r, 0));
    }
    this.#fail(new Error('pg-micro: the database is closed'));
    this.#release();
  }
}

// options.data → a Uint8Array that starts like a SQLite database file (or is empty: a new
// database), checked before it replaces what the storage holds.
function checkImage(data, where) {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  if (!bytes) throw new TypeError('pg-micro: options.data must be a Uint8Array');
  const magic = 'SQLite format 3\0';
  const ok = bytes.length === 0 || (bytes.length >= 512 && [...magic].every((c, i) => bytes[i] === c.charCodeAt(0)));
  if (!ok) throw new Error(`pg-micro: cannot open ${where}: options.data is not a SQLite database file`);
  return bytes;
}

function ownerGone() {
  return new Error('pg-micro: the context that owned the database went away while running this statement; it may or may not have committed');
}
