// The page's side of the engine Worker (engine-worker.js): starts it in the background, sends
// requests one at a time and cancels a running statement.
//
// Cancelling: on a cross-origin isolated page (demo/serve.mjs sends COOP/COEP headers) the
// request carries an Int32Array on a SharedArrayBuffer that the engine polls while the statement
// runs (the binding's setCancelCheck, as pg-micro/worker does): the statement ends with 57014
// and the Worker stays. Where SharedArrayBuffer is missing (a static host without those
// headers) the Worker is terminated and a new one reopens the same persistent database: what
// was committed is safe, the running statement (and an open transaction block) is lost.
import { lazyResults } from './batch.js';

export class EngineClient {
  constructor() {
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.current = null;   // { name, kind }
    this.running = null;   // { flag, reject } of the request in flight that can be cancelled
    this.onRestart = null;
  }

  static canInterrupt() {
    return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
  }

  // Starts the Worker (and with it the download and compilation of the engine) now.
  warm() { if (!this.worker) this.#start(); }

  #start() {
    const w = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' });
    w.addEventListener('message', (ev) => {
      const m = ev.data;
      if (m.ready) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m); else p.reject(new Error(m.error));
    });
    w.addEventListener('error', (ev) => {
      const e = new Error(`engine worker failed: ${ev.message ?? 'error'}`);
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    this.worker = w;
  }

  #request(msg) {
    if (!this.worker) this.#start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  // Opens a database (closing the one open): kind 'opfs' | 'idb' | 'memory'; data = bytes of a
  // SQLite file to start from (an empty Uint8Array starts an empty database).
  async open(name, kind, data) {
    this.current = { name, kind };
    return this.#request({ op: 'open', name, kind, data });
  }

  // Runs one statement → { results (batch.js's lazy results), ms, status }. Cancellable with cancel().
  async run(sql) {
    const flag = EngineClient.canInterrupt() ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const r = await this.#cancellable(this.#request({ op: 'run', sql, flag }), flag);
    return { results: lazyResults(new Uint8Array(r.batch), r.typeNames), ms: r.ms, status: r.status };
  }

  async meta(line) { return this.#cancellable(this.#request({ op: 'meta', line }), null); }

  async schema() { return (await this.#request({ op: 'schema' })).schema; }

  async export() { return new Uint8Array((await this.#request({ op: 'export' })).image); }

  async close() { if (this.worker) await this.#request({ op: 'close' }); }

  #cancellable(p, flag) {
    return new Promise((resolve, reject) => {
      const entry = { flag, reject };
      this.running = entry;
      p.then(resolve, reject).finally(() => { if (this.running === entry) this.running = null; });
    });
  }

  get busy() { return this.running !== null; }

  // Cancels the statement in flight. Returns 'interrupted' (the engine stopped it) or
  // 'restarted' (the Worker was replaced and the database reopened).
  async cancel() {
    const r = this.running;
    if (!r) return null;
    if (r.flag) {
      Atomics.store(r.flag, 0, 1);
      return 'interrupted';
    }
    this.running = null;
    this.worker.terminate();
    this.worker = null;
    const err = new Error('canceling statement due to user request');
    err.code = '57014';
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    r.reject(err);
    const { name, kind } = this.current;
    await this.open(name, kind);
    this.onRestart?.();
    return 'restarted';
  }
}
