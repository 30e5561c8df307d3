// The query API shared by 'pg-micro' (the engine on the calling thread, index.js) and
// 'pg-micro/worker' (the engine in a Worker, worker.js): Database, Transaction, Statement,
// DatabaseError, the sql`` tag. Both drive an engine object:
//   execute(sql, textParams, { signal, rowid, types, dialect }) → { results, lastInsertRowid? } (or a
//     promise of it; { canceled: true } when a signal canceled it before it started), where
//     results is wire.js's decoded batch; `types` asks that formatType() know the last
//     result's column types afterwards;
//   formatType(oid, typmod) → format_type() text, synchronously;
//   status → the transaction status 'I' | 'T' | 'E' after the last call; export() → Uint8Array
//     (a SQLite file image, or a promise of it); integrityCheck() → 'ok' or SQLite's findings
//     (or a promise of it); close().
// index.js's engine also has executeSync for Statement.columns().
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

// What an aborted AbortSignal makes of a statement, as PostgreSQL words a cancel request.
export function canceled(query, params) {
  return new DatabaseError({ code: '57014', message: 'canceling statement due to user request' }, query, params);
}

// ---------------------------------------------------------------------------------------
// Shared machinery of a database and a transaction

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

// SQLite's rowid as better-sqlite3 gives it: a number, a bigint beyond ±(2^53 - 1).
export function rowid(text) {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

function isSignal(v) {
  return v && typeof v === 'object' && typeof v.aborted === 'boolean' && typeof v.addEventListener === 'function';
}

// The state of one open database; Database, Transaction and Statement run statements through it.
export class Core {
  constructor(engine, options) {
    this.engine = engine;
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

  #check(sql, signal) {
    if (this.closed) throw new Error('pg-micro: the database is closed');
    if (typeof sql !== 'string') throw new TypeError('pg-micro: SQL must be a string');
    if (signal !== undefined && signal !== null && !isSignal(signal)) throw new TypeError('pg-micro: signal must be an AbortSignal');
  }

  #finish(out, sql, params) {
    const onNotice = this.options.onNotice;
    if (onNotice) for (const r of out.results) for (const n of r.notices) onNotice(n);
    const last = out.results[out.results.length - 1];
    if (last?.error) throw new DatabaseError(last.error, sql, params);
    return out;
  }

  // Runs sql; resolves to the engine's output ({ results, lastInsertRowid? }),
  // rejects with DatabaseError on an error (57014 when `signal` aborts it).
  async run(sql, params, opts = {}) {
    this.#check(sql, opts.signal);
    if (opts.signal?.aborted) throw canceled(sql, params);
    const out = await this.engine.execute(sql, normalizeParams(params), opts);
    if (out.canceled) throw canceled(sql, params);
    return this.#finish(out, sql, params);
  }

  // The same, synchronously (index.js's engine only).
  runSync(sql, params, opts = {}) {
    this.#check(sql);
    return this.#finish(this.engine.executeSync(sql, normalizeParams(params), opts), sql, params);
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

  // Runs fn(signal) after every call scheduled before it. An aborted signal rejects at once
  // (with 57014) while the call waits its turn, and the call then never runs.
  schedule(fn, signal) {
    if (signal !== undefined && signal !== null && !isSignal(signal)) {
      return Promise.reject(new TypeError('pg-micro: signal must be an AbortSignal'));
    }
    if (signal?.aborted) return Promise.reject(canceled());
    let started = false;
    const turn = this.queue.then(() => {
      if (signal?.aborted) return undefined;  // already rejected: never runs
      started = true;
      return fn(signal);
    });
    this.queue = turn.then(() => {}, () => {});
    if (!signal) return turn;
    return new Promise((resolve, reject) => {
      const onAbort = () => { if (!started) reject(canceled()); };
      signal.addEventListener('abort', onAbort, { once: true });
      turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}

// ---------------------------------------------------------------------------------------
// The query API, common to Database and Transaction

function queryArgs(query, params, options) {
  if (query instanceof SqlQuery) {
    // db.query(sql`...`, { signal, rowMode })
    return [query.text, query.values, (Array.isArray(params) ? options : params) ?? {}];
  }
  if (query && typeof query === 'object') {
    return [query.text, query.values ?? params,
      { rowMode: query.rowMode, signal: query.signal, dialect: query.dialect, ...(options ?? {}) }];
  }
  return [query, params, options ?? {}];
}

// stmt.all(1, 2), stmt.all([1, 2]), stmt.all(1, 2, { signal }), stmt.all([1, 2], { signal }).
function statementArgs(args) {
  let options = {};
  const last = args[args.length - 1];
  if (last && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype
      && Object.keys(last).length === 1 && 'signal' in last && (last.signal == null || isSignal(last.signal))) {
    options = last;
    args = args.slice(0, -1);
  }
  const params = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  return [params, options];
}

export class Queryable {
  #core;
  #guard;  // (fn, signal) → runs fn(signal) with the database: queued (Database) or directly (Transaction)
  constructor(core, guard) { this.#core = core; this.#guard = guard; }

  // Runs one or more ';'-separated statements; resolves to one result per statement.
  // options.dialect: 'sqlite' runs them as SQLite SQL, 'postgres' as PostgreSQL (default: the
  // session's SET pgmicro.dialect, itself 'postgres' by default).
  exec(sql, options = {}) {
    return this.#guard(async (signal) => {
      const { results } = await this.#core.run(sql, [], { signal, dialect: options.dialect });
      return results.map((r) => this.#core.shape(r, options.rowMode));
    }, options.signal);
  }

  // One statement (or the last of several) with $1..$n parameters.
  query(query, params, options) {
    const [text, values, opts] = queryArgs(query, params, options);
    return this.#guard(async (signal) => {
      const { results } = await this.#core.run(text, values, { signal, dialect: opts.dialect });
      return this.#core.shape(results[results.length - 1], opts.rowMode);
    }, opts.signal);
  }

  // Tagged template: db.sql`SELECT * FROM t WHERE id = ${id}` — values become parameters.
  sql(strings, ...values) { return this.query(sql(strings, ...values)); }

  // options.dialect as for exec().
  prepare(text, options = {}) { return new Statement(this.#core, this.#guard, text, options.dialect); }
}

// Seed-style prepared statement. The engine has no separate prepare step yet: each call
// analyzes and runs the SQL text with its parameters.
export class Statement {
  #core; #guard; #columns = null; #raw = false; #dialect;
  constructor(core, guard, text, dialect) {
    if (typeof text !== 'string') throw new TypeError('pg-micro: SQL must be a string');
    this.#core = core; this.#guard = guard; this.source = text; this.#dialect = dialect;
  }

  #learn(out) {
    const r = out.results[out.results.length - 1];
    this.#columns = r.columns;
    return r;
  }

  #call(args, fn, opts = {}) {
    const [params, options] = statementArgs(args);
    return this.#guard(async (signal) => {
      const out = await this.#core.run(this.source, params, { signal, types: true, dialect: this.#dialect, ...opts });
      return fn(this.#learn(out), out);
    }, options.signal);
  }

  // raw(true): rows as arrays instead of objects.
  raw(on = true) { this.#raw = on; return this; }

  all(...args) {
    return this.#call(args, (r) => this.#core.shape(r, this.#raw ? 'array' : 'object').rows);
  }

  get(...args) {
    return this.#call(args, (r) => this.#core.shape(r, this.#raw ? 'array' : 'object').rows[0]);
  }

  // { changes, lastInsertRowid }: rows the statement inserted, updated or deleted, and the
  // SQLite rowid of the last row inserted on this database (a number, a bigint beyond 2^53).
  run(...args) {
    return this.#call(args, (r, out) => {
      const { command, count } = splitTag(r.command);
      return { changes: MODIFIES.has(command) ? count ?? 0 : 0, lastInsertRowid: rowid(out.lastInsertRowid) };
    }, { rowid: true });
  }

  async *iterate(...args) {
    const rows = await this.all(...args);
    for (const row of rows) yield row;
  }

  // [{ name, type, dataTypeID, typmod }]. Known once the statement has run; before that (on
  // the calling thread's engine only) a query that only reads (SELECT/VALUES/TABLE) is run
  // once with NULL parameters to learn it.
  columns() {
    if (!this.#columns) {
      if (!this.#core.engine.executeSync) {
        throw new Error('pg-micro: columns() of a statement is known once it has run (pg-micro/worker, opfs:// and idb:// run statements asynchronously)');
      }
      if (!/^\s*(select|values|table)\b/i.test(this.source)) {
        throw new Error('pg-micro: columns() of a statement that modifies data is known after it has run');
      }
      const max = Math.max(0, ...[...this.source.matchAll(/\$(\d+)/g)].map((m) => +m[1]));
      this.#learn(this.#core.runSync(this.source, new Array(max).fill(null), { types: true, dialect: this.#dialect }));
    }
    const { engine } = this.#core;
    return this.#columns.map((c) => ({
      name: c.name, type: engine.formatType(c.typeOid, c.typmod), dataTypeID: c.typeOid, typmod: c.typmod,
    }));
  }
}

export class Transaction extends Queryable {
  #core; #state;
  constructor(core, state) {
    // A statement without its own signal uses the transaction's.
    const guard = (fn, signal) => {
      if (state.done) return Promise.reject(new Error('pg-micro: the transaction has ended'));
      const s = signal ?? state.signal;
      if (s?.aborted) return Promise.reject(canceled());
      try { return Promise.resolve(fn(s)); } catch (e) { return Promise.reject(e); }
    };
    super(core, guard);
    this.#core = core; this.#state = state;
  }

  get closed() { return this.#state.done; }

  // Ends the transaction now by rolling it back; transaction() then resolves normally.
  async rollback() {
    if (this.#state.done) throw new Error('pg-micro: the transaction has ended');
    this.#state.done = true;
    await this.#core.run('ROLLBACK');
  }
}

const asyncDispose = Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose');

export class Database extends Queryable {
  #core;
  constructor(core) {
    super(core, (fn, signal) => core.schedule(fn, signal));
    this.#core = core;
  }

  get closed() { return this.#core.closed; }
  get inTransaction() { return !this.#core.closed && this.#core.engine.status !== 'I'; }

  // Runs fn(tx) inside BEGIN … COMMIT; rolls back and rethrows if fn throws. Other calls on
  // this database wait until the transaction ends (use tx, not db, inside fn). options.signal
  // cancels it before it starts, and is the signal of tx's statements that have none.
  transaction(fn, options = {}) {
    const core = this.#core;
    return core.schedule(async (signal) => {
      await core.run('BEGIN');
      const state = { done: false, signal };
      const tx = new Transaction(core, state);
      let value;
      try {
        value = await fn(tx);
      } catch (e) {
        if (!state.done) {
          state.done = true;
          if (!core.closed) await core.run('ROLLBACK');
        }
        throw e;
      }
      if (!state.done) {
        state.done = true;
        const { results: [r] } = await core.run('COMMIT');
        if (r.command === 'ROLLBACK') {
          throw new DatabaseError({
            code: '25P02',
            message: 'the transaction was aborted by an earlier error and has been rolled back',
          }, 'COMMIT');
        }
      }
      return value;
    }, options.signal);
  }

  // The database as the bytes of a standard SQLite database file (sqlite3_serialize): what
  // has committed. Refused while a transaction block is open (export after COMMIT).
  export() {
    const core = this.#core;
    return core.schedule(async () => {
      if (core.closed) throw new Error('pg-micro: the database is closed');
      if (core.engine.status !== 'I') throw new Error('pg-micro: export() inside a transaction block; commit or roll back first');
      return core.engine.export();
    });
  }

  // PRAGMA integrity_check of the stored database, on a connection of its own: 'ok' when it is
  // sound, else SQLite's findings one per line. Refused inside a transaction block.
  integrityCheck() {
    const core = this.#core;
    return core.schedule(async () => {
      if (core.closed) throw new Error('pg-micro: the database is closed');
      if (core.engine.status !== 'I') throw new Error('pg-micro: integrityCheck() inside a transaction block; commit or roll back first');
      return core.engine.integrityCheck();
    });
  }

  // Frees the database (and, for pg-micro/worker, ends its Worker); later calls fail.
  close() {
    const core = this.#core;
    return core.schedule(async () => {
      if (core.closed) return;
      core.closed = true;
      await core.engine.close();
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

// The options connect() keeps on the calling thread (JS value mapping and notices).
export function coreOptions(options) {
  return {
    int8: options.int8 ?? 'bigint',
    dates: options.dates ?? 'date',
    parsers: options.parsers ?? {},
    onNotice: options.onNotice,
  };
}
