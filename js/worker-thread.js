// The Worker side of pg-micro/worker: owns the engine (one database per Worker) and answers
// the calling thread's requests (worker.js is the other side). Runs as a browser (module)
// Worker and as a Node worker_threads Worker.
//
// Requests (calling thread → here), each answered by one message with the same id:
//   { id, op: 'open', path, data?, load: { wasmModule?, wasmBinary?, wasmUrl? } }  → { id, ok: true }
//   { id, op: 'export' }  → { id, ok: true, image (ArrayBuffer of a SQLite file, transferred) }
//   { id, op: 'integrity' }  → { id, ok: true, text } (PRAGMA integrity_check: 'ok' or findings)
//   { id, op: 'execute', sql, params, flag?, rowid?, dialect? }
//       → { id, ok: true, batch (ArrayBuffer, transferred), status, lastInsertRowid? }
//       or { id, ok: true, canceled: true } when flag was set before the statement started
//   { id, op: 'formatTypes', columns: [[oid, typmod]] }                → { id, ok: true, typeNames }
//   { id, op: 'close' }                                                    → { id, ok: true }
// and { id, ok: false, error: { name, message, stack } } when a request fails outside SQL.
// flag is an Int32Array on a SharedArrayBuffer: the calling thread stores 1 in it when the
// request's AbortSignal aborts; the engine polls it while the statement runs (setCancelCheck)
// and cancels with 57014.
import { loadModule } from './load.js';
import { executeRaw } from './wire.js';
import { openNative } from './storage.js';
import { SharedDb, browserStorage } from './shared-db.js';

const workerThreads = 'node:worker_threads';  // not a literal import: bundlers must not follow it

let Module = null;
let native = null;
let shared = null;  // an opfs:// or idb:// database (shared-db.js) instead of native

const ownBuffer = (u8) => (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer);

async function handleShared(msg) {
  switch (msg.op) {
    case 'export': return { ok: true, image: ownBuffer(await shared.export()) };
    case 'integrity': return { ok: true, text: await shared.integrityCheck() };
    case 'execute': {
      const { flag } = msg;
      if (flag && Atomics.load(flag, 0) !== 0) return { ok: true, canceled: true };
      const r = await shared.run(msg.sql, msg.params, { rowid: msg.rowid, flag });
      const out = { ok: true, batch: ownBuffer(r.batch), status: r.status };
      if (msg.rowid) out.lastInsertRowid = r.lastInsertRowid;
      return out;
    }
    case 'close':
      await shared.close();
      shared = null;
      return { ok: true };
    default: return null;
  }
}

function handle(msg) {
  if (shared) {
    const r = handleShared(msg);
    if (msg.op !== 'formatTypes') return r;
  }
  switch (msg.op) {
    case 'open':
      return loadModule(msg.load).then(async (M) => {
        Module = M;
        const where = browserStorage(msg.path);
        if (where) shared = await SharedDb.open(Module, where.kind, where.name, msg.data);
        else native = await openNative(Module, msg.path, msg.data);
        return { ok: true };
      });
    case 'export':
      if (!native) throw new Error('pg-micro: the database is closed');
      return { ok: true, image: native.serialize().slice().buffer };
    case 'integrity':
      if (!native) throw new Error('pg-micro: the database is closed');
      return { ok: true, text: native.integrityCheck() };
    case 'execute': {
      if (!native) throw new Error('pg-micro: the database is closed');
      const { flag } = msg;
      if (flag && Atomics.load(flag, 0) !== 0) return { ok: true, canceled: true };
      if (flag) native.setCancelCheck(() => Atomics.load(flag, 0) !== 0);
      let view;
      try {
        view = executeRaw(native, msg.sql, msg.params, msg.dialect);
      } finally {
        if (flag) native.setCancelCheck(null);
      }
      const batch = view.slice().buffer;  // the view is into linear memory: copy it out
      const out = { ok: true, batch, status: native.transactionStatus() };
      if (msg.rowid) out.lastInsertRowid = native.lastInsertRowid();
      return out;
    }
    case 'formatTypes':
      return { ok: true, typeNames: msg.columns.map(([oid, typmod]) => Module.formatType(oid, typmod)) };
    case 'close':
      if (native) { native.close(); native.delete(); native = null; }
      return { ok: true };
    default:
      throw new Error(`pg-micro/worker: unknown request ${msg.op}`);
  }
}

function failure(e) {
  return { ok: false, error: { name: e?.name ?? 'Error', message: String(e?.message ?? e), stack: e?.stack } };
}

// Answers requests in arrival order (the calling thread sends one at a time per database).
function serve(post) {
  let chain = Promise.resolve();
  return (msg) => {
    chain = chain.then(async () => {
      let reply;
      try { reply = await handle(msg); } catch (e) { reply = failure(e); }
      reply.id = msg.id;
      const transfer = reply.batch ?? reply.image;
      post(reply, transfer ? [transfer] : []);
    });
  };
}

if (typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope) {
  const onMessage = serve((m, t) => globalThis.postMessage(m, t));
  globalThis.addEventListener('message', (ev) => onMessage(ev.data));
} else {
  // Node's worker_threads (Bun and Deno provide the module too). No top-level await: bundlers
  // emit workers as classic scripts by default (Vite: iife), where it is a syntax error.
  import(/* @vite-ignore */ workerThreads).then(({ parentPort }) => {
    const onMessage = serve((m, t) => parentPort.postMessage(m, t));
    parentPort.on('message', onMessage);
  });
}
