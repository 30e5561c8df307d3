// pg-micro/worker: the same API as 'pg-micro', with the engine inside a dedicated Worker (a
// browser module Worker, or a Node worker_threads Worker) so long statements never block the
// calling thread, and an AbortSignal can interrupt a statement while it runs.
//
//   import { connect } from 'pg-micro/worker';
//   const db = await connect(':memory:');         // starts one Worker for this database
//   await db.query('SELECT ...', [], { signal });  // abort → DatabaseError 57014
//   await db.close();                              // ends the Worker
//
// This side keeps the API (api.js: queueing, transactions, JS value mapping, parsers,
// onNotice, DatabaseError); the Worker (worker-thread.js) runs SQL and sends back the
// undecoded result batch, which is decoded here (wire.js). One request is in flight at a
// time per database. Interrupting a running statement needs SharedArrayBuffer (always in
// Node, Deno and Bun; in browsers only on cross-origin isolated pages — COOP/COEP headers):
// without it an abort still cancels every statement that has not started, and a running one
// ends normally.
import { decode } from './wire.js';
import { Core, Database, DatabaseError, coreOptions, sql, identifier, raw, types } from './api.js';

const workerThreads = 'node:worker_threads';  // not a literal import: bundlers must not follow it

export { Database, DatabaseError, Statement, Transaction, SqlQuery, sql, identifier, raw, types } from './api.js';

const canInterrupt = typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false;

// A Worker running worker-thread.js behind one small interface.
async function startWorker() {
  if (typeof Worker === 'function') {
    // Browsers, Deno, Bun. This exact form lets bundlers (Vite, webpack) emit the worker.
    const w = new Worker(new URL('./worker-thread.js', import.meta.url), { type: 'module' });
    return {
      post: (m) => w.postMessage(m),
      listen(onMessage, onFailure) {
        w.addEventListener('message', (ev) => onMessage(ev.data));
        w.addEventListener('error', (ev) => {
          ev.preventDefault?.();
          onFailure(new Error(`pg-micro/worker: the worker failed: ${ev.message ?? 'error'}`));
        });
      },
      ref() {}, unref() {},
      terminate: () => w.terminate(),
    };
  }
  const { Worker: NodeWorker } = await import(/* @vite-ignore */ workerThreads);
  // The worker inherits Node's flags except --input-type, which it refuses (`node -e` scripts).
  const execArgv = process.execArgv.filter((a, i, all) => !a.startsWith('--input-type') && all[i - 1] !== '--input-type');
  const w = new NodeWorker(new URL('./worker-thread.js', import.meta.url), { execArgv });
  return {
    post: (m) => w.postMessage(m),
    listen(onMessage, onFailure) {
      w.on('message', onMessage);
      w.on('error', (e) => onFailure(e));
      w.on('exit', (code) => onFailure(new Error(`pg-micro/worker: the worker exited (code ${code})`)));
    },
    // Idle workers do not keep Node's process alive (a database left open does not hang it).
    ref: () => w.ref(), unref: () => w.unref(),
    terminate: () => w.terminate(),
  };
}

// The engine seen from this thread: requests to the Worker, answers decoded here.
class RemoteEngine {
  constructor(port) {
    this.port = port;
    this.pending = new Map();
    this.nextId = 1;
    this.status = 'I';
    this.typeNameCache = new Map();  // "oid:typmod" → format_type text
    this.failure = null;
    port.listen((m) => this.#receive(m), (e) => this.#fail(e));
  }

  request(msg) {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.port.ref();
      this.port.post({ ...msg, id });
    });
  }

  #receive(m) {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.port.unref();
    if (m.ok) return p.resolve(m);
    const e = new Error(m.error.message);
    e.name = m.error.name;
    if (m.error.stack) e.stack = m.error.stack;
    p.reject(e);
  }

  #fail(e) {
    if (this.failure) return;
    this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    this.port.unref();
  }

  async execute(sql, params, opts) {
    const { signal } = opts;
    let flag = null, onAbort = null;
    if (signal && canInterrupt) {
      flag = new Int32Array(new SharedArrayBuffer(4));
      onAbort = () => Atomics.store(flag, 0, 1);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    let reply;
    try {
      reply = await this.request({ op: 'execute', sql, params, flag, rowid: !!opts.rowid, dialect: opts.dialect });
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
    if (reply.canceled) return { canceled: true };
    this.status = reply.status;
    const results = decode(new Uint8Array(reply.batch));
    if (opts.types) await this.#learnTypes(results[results.length - 1].columns);
    return { results, lastInsertRowid: reply.lastInsertRowid };
  }

  // format_type() names are asked of the Worker once per (type, typmod), after a statement
  // whose columns() may be wanted; formatType() then answers synchronously.
  async #learnTypes(columns) {
    const missing = columns.filter((c) => !this.typeNameCache.has(`${c.typeOid}:${c.typmod}`));
    if (!missing.length) return;
    const { typeNames } = await this.request({ op: 'formatTypes', columns: missing.map((c) => [c.typeOid, c.typmod]) });
    missing.forEach((c, i) => this.typeNameCache.set(`${c.typeOid}:${c.typmod}`, typeNames[i]));
  }

  formatType(oid, typmod) { return this.typeNameCache.get(`${oid}:${typmod}`); }

  async export() { return new Uint8Array((await this.request({ op: 'export' })).image); }

  async integrityCheck() { return (await this.request({ op: 'integrity' })).text; }

  async close() {
    try {
      await this.request({ op: 'close' });
    } finally {
      this.#fail(new Error('pg-micro: the database is closed'));
      await this.port.terminate();
    }
  }
}

// Opens a database in a new Worker: ':memory:' or a file path, as 'pg-micro' does (the Worker
// opens it). Options as for 'pg-micro'; wasmModule / wasmBinary / wasmUrl are passed to the
// Worker (a relative wasmUrl is resolved against this file, as 'pg-micro' resolves it).
export async function connect(path = ':memory:', options = {}) {
  const port = await startWorker();
  const engine = new RemoteEngine(port);
  const load = {};
  if (options.wasmModule) load.wasmModule = options.wasmModule;
  if (options.wasmBinary) load.wasmBinary = options.wasmBinary;
  if (options.wasmUrl) load.wasmUrl = new URL(String(options.wasmUrl), import.meta.url).href;
  try {
    await engine.request({ op: 'open', path, data: options.data, load });
  } catch (e) {
    await port.terminate();
    throw e;
  }
  return new Database(new Core(engine, coreOptions(options)));
}

export default { connect, sql, identifier, raw, types, DatabaseError };
