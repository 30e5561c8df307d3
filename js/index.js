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
import { execute } from './wire.js';
import { openNative } from './storage.js';
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

  close() {
    freeOnCollect?.unregister(this);
    this.native.close();
    this.native.delete();
  }
}

// Opens a database: ':memory:' (in memory; options.data = bytes of a SQLite file to start
// from) or a file path (Node, Deno, Bun: a SQLite database file on disk; storage.js).
export async function connect(path = ':memory:', options = {}) {
  const Module = await loadModule(options);
  const native = await openNative(Module, path, options.data);
  const engine = new LocalEngine(native, Module);
  freeOnCollect?.register(engine, native, engine);
  return new Database(new Core(engine, coreOptions(options)));
}

export default { connect, sql, identifier, raw, types, DatabaseError };
