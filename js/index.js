// pg-micro: PostgreSQL's SQL dialect in process, on SQLite, as one WebAssembly module.
//
//   import { connect } from 'pg-micro';
//   const db = await connect(':memory:');
//   await db.exec('CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT)');
//   const rows = await db.prepare('SELECT * FROM users WHERE id = $1').all(1);
//
// The engine runs here, on the calling thread (pg-micro/worker runs it in a Worker). It is
// synchronous inside the module; every call here returns a promise and the calls on one
// database run one after another (a transaction holds the database until it ends). Values
// cross the WASM boundary in bulk (wire.js); types.js maps them to JS; api.js is the API.
import { loadModule } from './load.js';
import { execute, decode } from './wire.js';
import { openNative } from './storage.js';
import { SharedDb, browserStorage } from './shared-db.js';
import { Core, Database, DatabaseError, coreOptions, sql, identifier, raw, types } from './api.js';

export { Database, DatabaseError, Statement, Transaction, SqlQuery, sql, identifier, raw, types } from './api.js';

const freeOnCollect = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((native) => { try { native.close(); native.delete(); } catch { /* already gone */ } })
  : null;

// The engine on this thread: a binding Database (wasm/binding.cpp) in the shared module.
class LocalEngine {
  constructor(native, Module) { this.native = native; this.Module = Module; }

  get status() { return this.native.transactionStatus(); }

  executeSync(sql, params, opts) {
    const results = execute(this.native, sql, params, opts.dialect);
    const out = { results };
    if (opts.rowid) out.lastInsertRowid = this.native.lastInsertRowid();
    return out;
  }

  formatType(oid, typmod) { return this.Module.formatType(oid, typmod); }

  // The statement runs to its end here (nothing else runs on this thread meanwhile), so an
  // AbortSignal is honoured up to the moment it starts; pg-micro/worker can interrupt it.
  execute(sql, params, opts) { return this.executeSync(sql, params, opts); }

  // The database as the bytes of a SQLite database file (a copy).
  export() { return this.native.serialize().slice(); }

  integrityCheck() { return this.native.integrityCheck(); }

  close() {
    freeOnCollect?.unregister(this);
    this.native.close();
    this.native.delete();
  }
}

// A browser-stored database (opfs://, idb://) shared with other tabs and workers
// (shared-db.js): this context owns it or sends its statements to the context that does.
class SharedEngine {
  constructor(shared, Module) { this.shared = shared; this.Module = Module; }
  get status() { return this.shared.status; }
  async execute(sql, params, opts) {
    const r = await this.shared.run(sql, params, { rowid: opts.rowid });
    return { results: decode(r.batch), lastInsertRowid: r.lastInsertRowid };
  }
  formatType(oid, typmod) { return this.Module.formatType(oid, typmod); }
  export() { return this.shared.export(); }
  integrityCheck() { return this.shared.integrityCheck(); }
  close() { return this.shared.close(); }
}

// Opens a database: ':memory:' (in memory; options.data = bytes of a SQLite file to start
// from), a file path (Node, Deno, Bun: a SQLite database file on disk; storage.js),
// 'opfs://NAME' (browsers: the Origin Private File System; on a page, the engine runs in a
// Worker — pg-micro/worker — since only Workers may access OPFS synchronously) or
// 'idb://NAME' (browsers: IndexedDB). options.data also starts an opfs:// or idb:// database
// from those bytes (replacing what it held).
export async function connect(path = ':memory:', options = {}) {
  const where = typeof path === 'string' ? browserStorage(path) : null;
  if (where?.kind === 'opfs' && typeof FileSystemSyncAccessHandle !== 'function') {
    if (typeof navigator !== 'object' || typeof navigator.storage?.getDirectory !== 'function') {
      throw new Error(`pg-micro: ${JSON.stringify(path)}: OPFS databases need a browser (Origin Private File System)`);
    }
    const worker = await import('./worker.js');
    return worker.connect(path, options);
  }
  const Module = await loadModule(options);
  if (where) {
    if (where.kind === 'idb' && typeof indexedDB !== 'object') {
      throw new Error(`pg-micro: ${JSON.stringify(path)}: IndexedDB databases need a browser`);
    }
    const shared = await SharedDb.open(Module, where.kind, where.name, options.data);
    return new Database(new Core(new SharedEngine(shared, Module), coreOptions(options)));
  }
  const native = await openNative(Module, path, options.data);
  const engine = new LocalEngine(native, Module);
  freeOnCollect?.register(engine, native, engine);
  return new Database(new Core(engine, coreOptions(options)));
}

export default { connect, sql, identifier, raw, types, DatabaseError };
