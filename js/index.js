// pg-micro: PostgreSQL's SQL dialect in process, on SQLite, as one WebAssembly module.
//
//   import { connect } from 'pg-micro';
//   const db = await connect(':memory:');
//   await db.exec('CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT)');
//   const rows = await db.prepare('SELECT * FROM users WHERE id = $1').all(1);
//
// The engine is synchronous inside the module; every call here returns a promise and the
// calls on one database run one after another (a transaction holds the database until it
// ends). Values cross the WASM boundary in bulk (wire.js); types.js maps them to JS.
import createPgmicro from './pgmicro.mjs';
import { execute } from './wire.js';
import { types, parserFor, serialize } from './types.js';

export { types };

// ---------------------------------------------------------------------------------------
// Errors

export class DatabaseError extends Error {
  constructor(fields, query, params) {
    super(fields.message);
    this.name = 'DatabaseError';
    this.severity = 'ERROR';
    this.code = fields.code;
    this.detail = fields.detail;
    this.hint = fields.hint;
    // A string, as node-postgres and PGlite give it (1-based character offset in the query).
    this.position = fields.position === undefined ? undefined : String(fields.position);
    this.query = query;
    this.params = params;
  }
}

// ---------------------------------------------------------------------------------------
// Loading the module

const fsModule = 'node:fs/promises';  // not a literal import: bundlers must not follow it
let defaultModule = null;
const modules = new WeakMap();  // wasmModule / wasmBinary → Promise<Module>
const urlModules = new Map();   // wasmUrl string → Promise<Module>

async function instantiateFrom(source, imports) {
  if (source instanceof WebAssembly.Module) {
    return { instance: await WebAssembly.instantiate(source, imports), module: source };
  }
  // Bytes before Response: touching the Response global makes Node 20 load undici (~20 ms).
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) {
    return WebAssembly.instantiate(source, imports);
  }
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new Error(`pg-micro: cannot load ${source.url}: HTTP ${source.status}`);
    if (WebAssembly.instantiateStreaming) {
      try {
        return await WebAssembly.instantiateStreaming(source.clone(), imports);
      } catch {
        // wrong MIME type and the like: fall back to the bytes
      }
    }
    return WebAssembly.instantiate(await source.arrayBuffer(), imports);
  }
  return WebAssembly.instantiate(source, imports);
}

async function wasmSource(options) {
  if (options.wasmModule) return options.wasmModule;
  if (options.wasmBinary) return options.wasmBinary;
  const url = options.wasmUrl ? new URL(String(options.wasmUrl), import.meta.url)
                              : new URL('./pgmicro.wasm', import.meta.url);
  if (url.protocol === 'file:') {
    // Node, Deno, Bun: read the bytes (Node's fetch cannot read a file URL).
    const fs = await import(/* @vite-ignore */ fsModule);
    return fs.readFile(url);
  }
  return fetch(url);
}

function instantiate(options) {
  return new Promise((resolve, reject) => {
    createPgmicro({
      locateFile: (p) => p,  // never consulted for the .wasm: instantiateWasm supplies it
      instantiateWasm(imports, receive) {
        wasmSource(options)
          .then((source) => instantiateFrom(source, imports))
          .then(({ instance, module }) => receive(instance, module), reject);
        return {};
      },
    }).then(resolve, reject);
  });
}

function loadModule(options) {
  const key = options.wasmModule ?? options.wasmBinary;
  if (key) {
    let p = modules.get(key);
    if (!p) modules.set(key, (p = instantiate(options)));
    return p;
  }
  if (options.wasmUrl) {
    const k = String(options.wasmUrl);
    let p = urlModules.get(k);
    if (!p) urlModules.set(k, (p = instantiate(options)));
    return p;
  }
  return (defaultModule ??= instantiate(options).catch((e) => { defaultModule = null; throw e; }));
}

// ---------------------------------------------------------------------------------------
// Shared machinery of a database and a transaction

const freeOnCollect = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((native) => { try { native.close(); native.delete(); } catch { /* already gone */ } })
  : null;

function splitTag(tag) {
  const words = tag.split(' ');
  const last = words[words.length - 1];
  if (words.length > 1 && /^\d+$/.test(last)) {
    const rest = words.slice(0, -1);
    if (rest[0] === 'INSERT' && rest.length === 2) rest.pop();  // INSERT oid count
    return { command: rest.join(' '), count: Number(last) };
  }
  return { command: tag, count: null };
}

const MODIFIES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

function normalizeParams(params) {
  if (params === undefined || params === null) return [];
  if (!Array.isArray(params)) throw new TypeError('pg-micro: params must be an array');
  return params.map(serialize);
}

// The state of one open database; Database and Transaction both run statements through it.
class Core {
  constructor(native, options) {
    this.native = native;
    this.options = options;
    this.closed = false;
    this.parsers = new Map();
    this.queue = Promise.resolve();
  }

  parser(oid) {
    let p = this.parsers.get(oid);
    if (p === undefined) this.parsers.set(oid, (p = parserFor(oid, this.options)));
    return p;
  }

  // Runs sql synchronously; returns the engine's results, throws DatabaseError on an error.
  run(sql, params) {
    if (this.closed) throw new Error('pg-micro: the database is closed');
    if (typeof sql !== 'string') throw new TypeError('pg-micro: SQL must be a string');
    const text = normalizeParams(params);
    const results = execute(this.native, sql, text);
    const onNotice = this.options.onNotice;
    if (onNotice) for (const r of results) for (const n of r.notices) onNotice(n);
    const last = results[results.length - 1];
    if (last?.error) throw new DatabaseError(last.error, sql, params);
    return results;
  }

  // One engine result → { rows, fields, affectedRows, rowCount, command }.
  shape(r, rowMode) {
    const { columns } = r;
    const n = columns.length;
    const parsers = columns.map((c) => this.parser(c.typeOid));
    const rows = new Array(r.rows.length);
    if (rowMode === 'array') {
      for (let i = 0; i < rows.length; i++) {
        const raw = r.rows[i];
        for (let c = 0; c < n; c++) {
          const v = raw[c];
          if (v !== null && parsers[c]) raw[c] = parsers[c](v);
        }
        rows[i] = raw;
      }
    } else {
      const names = columns.map((c) => c.name);
      for (let i = 0; i < rows.length; i++) {
        const raw = r.rows[i];
        const o = {};
        for (let c = 0; c < n; c++) {
          const v = raw[c];
          o[names[c]] = v === null || !parsers[c] ? v : parsers[c](v);
        }
        rows[i] = o;
      }
    }
    const { command, count } = splitTag(r.command);
    return {
      rows,
      fields: columns.map((c) => ({ name: c.name, dataTypeID: c.typeOid })),
      affectedRows: MODIFIES.has(command) ? count ?? 0 : 0,
      rowCount: count,
      command,
    };
  }

  schedule(fn) {
    const p = this.queue.then(fn);
    this.queue = p.then(() => {}, () => {});
    return p;
  }
}

// ---------------------------------------------------------------------------------------
// The query API, common to Database and Transaction

function queryArgs(query, params, options) {
  if (query instanceof SqlQuery) return [query.text, query.values, params ?? {}];
  if (query && typeof query === 'object') {
    return [query.text, query.values ?? params, { rowMode: query.rowMode, ...(options ?? {}) }];
  }
  return [query, params, options ?? {}];
}

class Queryable {
  #core;
  #guard;  // runs a function with the database: queued (Database) or directly (Transaction)
  constructor(core, guard) { this.#core = core; this.#guard = guard; }

  // Runs one or more ';'-separated statements; resolves to one result per statement.
  exec(sql, options = {}) {
    return this.#guard(() => this.#core.run(sql, []).map((r) => this.#core.shape(r, options.rowMode)));
  }

  // One statement (or the last of several) with $1..$n parameters.
  query(query, params, options) {
    const [text, values, opts] = queryArgs(query, params, options);
    return this.#guard(() => {
      const results = this.#core.run(text, values);
      return this.#core.shape(results[results.length - 1], opts.rowMode);
    });
  }

  // Tagged template: db.sql`SELECT * FROM t WHERE id = ${id}` — values become parameters.
  sql(strings, ...values) { return this.query(sql(strings, ...values)); }

  prepare(text) { return new Statement(this.#core, this.#guard, text); }
}

// Seed-style prepared statement. The engine has no separate prepare step yet: each call
// analyzes and runs the SQL text with its parameters.
export class Statement {
  #core; #guard; #columns = null; #raw = false;
  constructor(core, guard, text) {
    if (typeof text !== 'string') throw new TypeError('pg-micro: SQL must be a string');
    this.#core = core; this.#guard = guard; this.source = text;
  }

  #exec(args) {
    // stmt.all(1, 2) and stmt.all([1, 2]) both bind $1 = 1, $2 = 2 (as better-sqlite3 does).
    const params = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    const results = this.#core.run(this.source, params);
    const r = results[results.length - 1];
    this.#columns = r.columns;
    return r;
  }

  // raw(true): rows as arrays instead of objects.
  raw(on = true) { this.#raw = on; return this; }

  all(...args) {
    return this.#guard(() => this.#core.shape(this.#exec(args), this.#raw ? 'array' : 'object').rows);
  }

  get(...args) {
    return this.#guard(() => this.#core.shape(this.#exec(args), this.#raw ? 'array' : 'object').rows[0]);
  }

  run(...args) {
    return this.#guard(() => {
      const { command, count } = splitTag(this.#exec(args).command);
      // lastInsertRowid: the engine does not report SQLite's last insert rowid yet.
      return { changes: MODIFIES.has(command) ? count ?? 0 : 0, lastInsertRowid: undefined };
    });
  }

  async *iterate(...args) {
    const rows = await this.all(...args);
    for (const row of rows) yield row;
  }

  // [{ name, type, dataTypeID, typmod }]. Known once the statement has run; before that a
  // query that only reads (SELECT/VALUES/TABLE) is run once with NULL parameters to learn it.
  columns() {
    if (!this.#columns) {
      if (!/^\s*(select|values|table)\b/i.test(this.source)) {
        throw new Error('pg-micro: columns() of a statement that modifies data is known after it has run');
      }
      const max = Math.max(0, ...[...this.source.matchAll(/\$(\d+)/g)].map((m) => +m[1]));
      this.#exec([new Array(max).fill(null)]);
    }
    return this.#columns.map((c) => ({
      name: c.name, type: this.#core.formatType(c.typeOid, c.typmod), dataTypeID: c.typeOid, typmod: c.typmod,
    }));
  }
}

export class Transaction extends Queryable {
  #core; #state;
  constructor(core, state) {
    const guard = (fn) => {
      if (state.done) return Promise.reject(new Error('pg-micro: the transaction has ended'));
      try { return Promise.resolve(fn()); } catch (e) { return Promise.reject(e); }
    };
    super(core, guard);
    this.#core = core; this.#state = state;
  }

  get closed() { return this.#state.done; }

  // Ends the transaction now by rolling it back; transaction() then resolves normally.
  async rollback() {
    if (this.#state.done) throw new Error('pg-micro: the transaction has ended');
    this.#state.done = true;
    this.#core.run('ROLLBACK');
  }
}

const asyncDispose = Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose');

export class Database extends Queryable {
  #core;
  constructor(core) {
    super(core, (fn) => core.schedule(fn));
    this.#core = core;
  }

  get closed() { return this.#core.closed; }
  get inTransaction() { return !this.#core.closed && this.#core.native.transactionStatus() !== 'I'; }

  // Runs fn(tx) inside BEGIN … COMMIT; rolls back and rethrows if fn throws. Other calls on
  // this database wait until the transaction ends (use tx, not db, inside fn).
  transaction(fn) {
    const core = this.#core;
    return core.schedule(async () => {
      core.run('BEGIN');
      const state = { done: false };
      const tx = new Transaction(core, state);
      let value;
      try {
        value = await fn(tx);
      } catch (e) {
        if (!state.done) {
          state.done = true;
          if (!core.closed) core.run('ROLLBACK');
        }
        throw e;
      }
      if (!state.done) {
        state.done = true;
        const [r] = core.run('COMMIT');
        if (r.command === 'ROLLBACK') {
          throw new DatabaseError({
            code: '25P02',
            message: 'the transaction was aborted by an earlier error and has been rolled back',
          }, 'COMMIT');
        }
      }
      return value;
    });
  }

  // Frees the database's memory; later calls fail.
  close() {
    const core = this.#core;
    return core.schedule(() => {
      if (core.closed) return;
      core.closed = true;
      freeOnCollect?.unregister(core);
      core.native.close();
      core.native.delete();
    });
  }

  [asyncDispose]() { return this.close(); }
}

// ---------------------------------------------------------------------------------------
// sql`...` queries

export class SqlQuery {
  constructor(text, values) { this.text = text; this.values = values; }
}

const RAW = Symbol('pg-micro raw sql');

// sql`SELECT * FROM t WHERE a = ${x} AND b = ${y}` → SqlQuery { text: '... $1 ... $2', values }.
// Nested sql`` fragments are inlined with their parameters renumbered.
export function sql(strings, ...values) {
  let text = strings[0];
  const out = [];
  const add = (v) => {
    if (v instanceof SqlQuery) {
      text += v.text.replace(/\$(\d+)/g, (_, n) => '$' + (out.length + Number(n)));
      out.push(...v.values);
    } else if (v && v[RAW] !== undefined) {
      text += v[RAW];
    } else {
      out.push(v);
      text += '$' + out.length;
    }
  };
  for (let i = 0; i < values.length; i++) {
    add(values[i]);
    text += strings[i + 1];
  }
  return new SqlQuery(text, out);
}

// A quoted identifier for sql``: sql`SELECT * FROM ${identifier(table)}`.
export function identifier(name) { return { [RAW]: '"' + String(name).replace(/"/g, '""') + '"' }; }
// Raw SQL text for sql`` (never pass user input here).
export function raw(text) { return { [RAW]: String(text) }; }

// ---------------------------------------------------------------------------------------
// connect

export async function connect(path = ':memory:', options = {}) {
  if (path !== ':memory:') {
    throw new Error(`pg-micro: only ":memory:" databases are supported so far, not ${JSON.stringify(path)} ` +
      '(file and browser storage come with the storage backends)');
  }
  const Module = await loadModule(options);
  const native = new Module.Database(':memory:');
  const core = new Core(native, {
    int8: options.int8 ?? 'bigint',
    dates: options.dates ?? 'date',
    parsers: options.parsers ?? {},
    onNotice: options.onNotice,
  });
  core.formatType = Module.formatType;
  const db = new Database(core);
  freeOnCollect?.register(core, native, core);  // core: what statements and db share
  return db;
}

export default { connect, sql, identifier, raw, types, DatabaseError };
