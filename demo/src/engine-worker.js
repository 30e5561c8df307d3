// The playground's engine Worker: owns one pgmicro database (opfs://NAME, idb://NAME or, where
// the browser has neither, :memory:) and answers the page's requests (engine-client.js is the
// other side). Built on the pg-micro package's own pieces (js/): load.js loads the module,
// shared-db.js opens browser-stored databases (Web Lock owner, other tabs become clients),
// wire.js runs SQL and decodes result batches; the binding's Shell (the psql front end shared
// with the native shell and `npx pg-micro`) runs meta-commands such as \d, \dt, \d+ t, \x.
//
// Requests { id, op, ... } → replies { id, ok, ... } (or { id, ok: false, error }):
//   open { name, kind: 'opfs'|'idb'|'memory', data? }  → { kind, owner }
//   run { sql, flag? }  → { batch (ArrayBuffer, transferred; batch.js reads it), typeNames
//                          (format_type text per result and column), ms, status }
//   meta { line }       → { chunks: [[toStderr, text]], ms }
//   schema              → { schema } (see readSchema)
//   export              → { image (ArrayBuffer, transferred) }
//   close
import { loadModule } from '../../js/load.js';
import { executeRaw } from '../../js/wire.js';
import { openNative } from '../../js/storage.js';
import { SharedDb } from '../../js/shared-db.js';
import { readSchema, typeNamer } from './schema-query.js';
import { scanBatch } from './batch.js';

// The module starts loading (fetch + compile of pgmicro.wasm) as soon as the Worker runs, before
// the page asks for a database.
const modulePromise = loadModule();
modulePromise.catch(() => {});  // reported by the first open
let Module = null;
let shared = null;   // SharedDb for opfs:// and idb://
let memory = null;   // a binding Database for :memory:
let shell = null;    // Module.Shell over the owner's binding Database

// The binding Database this context runs on directly (when it owns the storage).
function nativeDb() {
  if (memory) return memory;
  return shared?.local?.native ?? null;
}

// format_type() text of every result column (the page cannot ask the module itself).
function typeNames(batch) {
  const cache = new Map();
  const db = nativeDb();
  const name = db ? typeNamer(db, Module) : (oid, typmod) => Module.formatType(oid, typmod);
  return scanBatch(batch).map((r) => r.columns.map((c) => {
    const k = `${c.typeOid}:${c.typmod}`;
    if (!cache.has(k)) cache.set(k, name(c.typeOid, c.typmod));
    return cache.get(k);
  }));
}

async function runSql(sql, flag) {
  const t0 = performance.now();
  let batch, status;
  if (shared) {
    const r = await shared.run(sql, [], { flag });
    batch = r.batch; status = r.status;
  } else {
    if (flag) memory.setCancelCheck(() => Atomics.load(flag, 0) !== 0);
    try { batch = executeRaw(memory, sql, []).slice(); } finally { if (flag) memory.setCancelCheck(null); }
    status = memory.transactionStatus();
  }
  const ms = performance.now() - t0;
  const own = batch.byteOffset === 0 && batch.byteLength === batch.buffer.byteLength ? batch : batch.slice();
  return { batch: own.buffer, typeNames: typeNames(own), ms, status };
}

async function open({ name, kind, data }) {
  Module = await modulePromise;
  await close();
  if (kind === 'memory') {
    memory = await openNative(Module, ':memory:', data);
  } else {
    shared = await SharedDb.open(Module, kind, name, data);
  }
  return { kind, owner: !!nativeDb() };
}

async function close() {
  if (shell) { shell.delete(); shell = null; }
  if (shared) { await shared.close(); shared = null; }
  if (memory) { memory.close(); memory.delete(); memory = null; }
}

function meta(line) {
  const db = nativeDb();
  if (!db) return { chunks: [[true, 'meta-commands need the database open in this tab (it is open in another tab)\n']], ms: 0 };
  shell ??= new Module.Shell(db, false, false, '');
  const t0 = performance.now();
  const chunks = shell.feedLine(line, false);
  return { chunks, ms: performance.now() - t0 };
}

async function handle(m) {
  switch (m.op) {
    case 'open': return open(m);
    case 'run': return runSql(m.sql, m.flag);
    case 'meta': return meta(m.line);
    case 'schema': {
      const db = nativeDb();
      return { schema: db ? readSchema(db, Module) : null };
    }
    case 'export': {
      const image = shared ? await shared.export() : memory.serialize().slice();
      const buf = image.byteOffset === 0 && image.byteLength === image.buffer.byteLength ? image.buffer : image.slice().buffer;
      return { image: buf };
    }
    case 'close': await close(); return {};
    default: throw new Error(`unknown request ${m.op}`);
  }
}

let chain = Promise.resolve();
self.addEventListener('message', (ev) => {
  const m = ev.data;
  chain = chain.then(async () => {
    let reply;
    try { reply = { ok: true, ...(await handle(m)) }; } catch (e) { reply = { ok: false, error: String(e?.message ?? e) }; }
    reply.id = m.id;
    const transfer = reply.image ?? reply.batch;
    self.postMessage(reply, transfer ? [transfer] : []);
  });
});
self.postMessage({ ready: true });
