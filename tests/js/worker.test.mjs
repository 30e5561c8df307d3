// pg-micro/worker (js/worker.js): the same API with the engine in a Node worker_threads
// Worker — results, errors with every PostgreSQL field, transactions, statements — and what
// only a Worker allows: the calling thread stays free while a statement runs, and an
// AbortSignal interrupts a running statement (SharedArrayBuffer flag polled by the engine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as pgWorker from '../../js/worker.js';
import { conformance } from '../hosts/conformance.mjs';

const { connect, DatabaseError, Database } = pgWorker;
const FOREVER = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r';
const isCancel = (e) => e instanceof DatabaseError && e.code === '57014' &&
  e.message === 'canceling statement due to user request';

test('the host conformance checks pass through the worker', async () => {
  const results = await conformance(pgWorker);
  for (const r of results) assert.ok(r.ok, `${r.name}: ${r.error}`);
  assert.ok(results.length >= 7);
});

test('API: exec, query, prepare (all/get/run/iterate/columns/raw), sql, transaction, close', async () => {
  const db = await connect(':memory:');
  assert.ok(db instanceof Database);
  await db.exec('CREATE TABLE users (id serial PRIMARY KEY, name text, born date)');
  const ins = db.prepare('INSERT INTO users (name, born) VALUES ($1, $2)');
  assert.deepEqual(await ins.run('Alice', new Date('2000-01-02T00:00:00Z')), { changes: 1, lastInsertRowid: 1 });
  assert.deepEqual(await ins.run(['Bob', null]), { changes: 1, lastInsertRowid: 2 });
  const sel = db.prepare('SELECT id, name, born FROM users WHERE id >= $1 ORDER BY id');
  assert.throws(() => sel.columns(), /known once it has run/);
  assert.deepEqual(await sel.all(1), [
    { id: 1, name: 'Alice', born: new Date('2000-01-02T00:00:00Z') }, { id: 2, name: 'Bob', born: null }]);
  assert.deepEqual(sel.columns(), [
    { name: 'id', type: 'integer', dataTypeID: 23, typmod: -1 },
    { name: 'name', type: 'text', dataTypeID: 25, typmod: -1 },
    { name: 'born', type: 'date', dataTypeID: 1082, typmod: -1 },
  ]);
  assert.deepEqual(await sel.get(2), { id: 2, name: 'Bob', born: null });
  const names = [];
  for await (const r of sel.iterate(1)) names.push(r.name);
  assert.deepEqual(names, ['Alice', 'Bob']);
  assert.deepEqual(await db.prepare('SELECT id, name FROM users ORDER BY id').raw().all(), [[1, 'Alice'], [2, 'Bob']]);
  const q = await db.query('SELECT $1::int8 AS big, $2::numeric(6,2) AS n', [2n ** 60n, '1.5']);
  assert.deepEqual(q, { rows: [{ big: 2n ** 60n, n: '1.50' }],
    fields: [{ name: 'big', dataTypeID: 20 }, { name: 'n', dataTypeID: 1700 }], affectedRows: 0, rowCount: 1, command: 'SELECT' });
  assert.deepEqual((await db.sql`SELECT name FROM users WHERE id = ${2}`).rows, [{ name: 'Bob' }]);
  const multi = await db.exec("UPDATE users SET name = upper(name); SELECT count(*)::int AS n FROM users", { rowMode: 'array' });
  assert.deepEqual(multi.map((r) => [r.command, r.rowCount]), [['UPDATE', 2], ['SELECT', 1]]);
  assert.deepEqual(multi[1].rows, [[2]]);
  // Transactions: commit, rollback on throw; other calls wait.
  await db.transaction(async (tx) => {
    await tx.query("INSERT INTO users (name) VALUES ('Carol')");
    assert.equal(db.inTransaction, true);
  });
  await assert.rejects(db.transaction(async (tx) => {
    await tx.query("INSERT INTO users (name) VALUES ('Dave')");
    throw new Error('boom');
  }), /boom/);
  assert.equal(db.inTransaction, false);
  assert.deepEqual((await db.query('SELECT string_agg(name, \',\' ORDER BY id) AS s FROM users')).rows, [{ s: 'ALICE,BOB,Carol' }]);
  const notices = [];
  const db2 = await connect(':memory:', { onNotice: (n) => notices.push(n.message), int8: 'string', parsers: { 23: (t) => `#${t}` } });
  await db2.exec('DROP TABLE IF EXISTS nothing');
  assert.deepEqual(notices, ['table "nothing" does not exist, skipping']);
  assert.deepEqual((await db2.query('SELECT 1::int4 AS i, 2::int8 AS b')).rows, [{ i: '#1', b: '2' }]);
  await db2.close();
  await db.close();
  assert.equal(db.closed, true);
  await assert.rejects(db.query('SELECT 1'), /closed/);
});

test('errors arrive as DatabaseError with code, message, detail, hint, position, query, params', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE t (id int PRIMARY KEY)');
  await db.query('INSERT INTO t VALUES ($1)', [1]);
  const dup = await db.query('INSERT INTO t VALUES ($1)', [1]).catch((e) => e);
  assert.ok(dup instanceof DatabaseError);
  assert.deepEqual([dup.name, dup.severity, dup.code, dup.message, dup.detail, dup.query, dup.params],
    ['DatabaseError', 'ERROR', '23505', 'duplicate key value violates unique constraint "t_pkey"',
      'Key (id)=(1) already exists.', 'INSERT INTO t VALUES ($1)', [1]]);
  const pos = await db.query('SELECT * FROM nope').catch((e) => e);
  assert.deepEqual([pos.code, pos.message, pos.position], ['42P01', 'relation "nope" does not exist', '15']);
  const hint = await db.query('SELECT no_such_fn(1)').catch((e) => e);
  assert.equal(hint.code, '42883');
  assert.equal(hint.hint, 'No function matches the given name and argument types. You might need to add explicit type casts.');
  assert.deepEqual((await db.query('SELECT 1 AS ok')).rows, [{ ok: 1 }]);
  await db.close();
});

test('the calling thread stays free while a statement runs in the worker', async () => {
  const db = await connect(':memory:');
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 5);
  const start = Date.now();
  const { rows } = await db.query(
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 1500000) SELECT count(*)::int AS c FROM r');
  clearInterval(timer);
  assert.deepEqual(rows, [{ c: 1500000 }]);
  const ms = Date.now() - start;
  assert.ok(ticks >= Math.min(5, ms / 20), `only ${ticks} timer ticks in ${ms} ms`);
  await db.close();
});

test('aborting interrupts a running statement (57014); the database stays usable', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
  for (const call of [
    (signal) => db.query(FOREVER, [], { signal }),
    (signal) => db.exec(FOREVER, { signal }),
    (signal) => db.prepare(FOREVER).all({ signal }),
  ]) {
    const ac = new AbortController();
    const start = Date.now();
    setTimeout(() => ac.abort(), 100);
    await assert.rejects(call(ac.signal), isCancel);
    assert.ok(Date.now() - start < 5000, `canceled after ${Date.now() - start} ms`);
  }
  // Already aborted: rejected without being sent.
  await assert.rejects(db.query('INSERT INTO t VALUES (2)', [], { signal: AbortSignal.abort() }), isCancel);
  // Queued behind a running statement: rejected at once, never runs.
  const running = new AbortController(), queued = new AbortController();
  const first = db.query(FOREVER, [], { signal: running.signal });
  const second = db.query('INSERT INTO t VALUES (3)', [], { signal: queued.signal });
  setTimeout(() => queued.abort(), 50);
  await assert.rejects(second, isCancel);
  running.abort();
  await assert.rejects(first, isCancel);
  // In a transaction: the block fails, transaction() rolls it back and rethrows.
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  await assert.rejects(db.transaction(async (tx) => {
    await tx.query('INSERT INTO t VALUES (4)');
    await tx.query(FOREVER);
  }, { signal: ac.signal }), isCancel);
  assert.equal(db.inTransaction, false);
  assert.deepEqual((await db.query('SELECT x FROM t')).rows, [{ x: 1 }]);
  await db.close();
});

test('statement_timeout through the worker: 57014, database usable afterwards', async () => {
  const db = await connect(':memory:');
  await db.exec("SET statement_timeout = '50ms'");
  const e = await db.query(FOREVER).catch((err) => err);
  assert.ok(e instanceof DatabaseError);
  assert.deepEqual([e.code, e.message], ['57014', 'canceling statement due to statement timeout']);
  await db.exec('RESET statement_timeout');
  assert.deepEqual((await db.query('SELECT 2 AS two')).rows, [{ two: 2 }]);
  await db.close();
});

test('loading options reach the worker; a failed load rejects connect', async () => {
  const fs = await import('node:fs');
  const bytes = fs.readFileSync(new URL('../../js/pgmicro.wasm', import.meta.url));
  const a = await connect(':memory:', { wasmBinary: bytes });
  assert.deepEqual((await a.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  await a.close();
  const b = await connect(':memory:', { wasmModule: await WebAssembly.compile(bytes) });
  assert.deepEqual((await b.query('SELECT 2 AS two')).rows, [{ two: 2 }]);
  await b.close();
  await assert.rejects(connect(':memory:', { wasmUrl: './no-such.wasm' }), /no-such\.wasm/);
});

test('an open database does not keep the process alive (node -e with --input-type=module)', () => {
  const url = new URL('../../js/worker.js', import.meta.url).href;
  const script = `const { connect } = await import(${JSON.stringify(url)});
    const db = await connect(); console.log((await db.query('SELECT 40 + 2 AS v')).rows[0].v);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 20000, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '42\n');
});
