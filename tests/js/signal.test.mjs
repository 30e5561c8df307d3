// AbortSignal on every query method ({ signal }) and statement_timeout through the JS API.
// On the calling thread's engine a signal is honoured until the statement starts (a running
// statement cannot be interrupted there: nothing else runs meanwhile); pg-micro/worker can
// also interrupt a running one (worker.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, sql, DatabaseError } from '../../js/index.js';

const isCancel = (e) => e instanceof DatabaseError && e.code === '57014' &&
  e.message === 'canceling statement due to user request';

test('an already-aborted signal rejects every method with 57014 and runs nothing', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE t (x int)');
  const signal = AbortSignal.abort();
  const ins = 'INSERT INTO t VALUES (1)';
  await assert.rejects(db.exec(ins, { signal }), isCancel);
  await assert.rejects(db.query(ins, [], { signal }), isCancel);
  await assert.rejects(db.query({ text: ins, signal }), isCancel);
  await assert.rejects(db.query(sql`INSERT INTO t VALUES (${2})`, { signal }), isCancel);
  const stmt = db.prepare('INSERT INTO t VALUES ($1) RETURNING x');
  await assert.rejects(stmt.run(3, { signal }), isCancel);
  await assert.rejects(stmt.run([3], { signal }), isCancel);
  await assert.rejects(stmt.all(3, { signal }), isCancel);
  await assert.rejects(stmt.get(3, { signal }), isCancel);
  await assert.rejects((async () => { for await (const r of stmt.iterate(3, { signal })) void r; })(), isCancel);
  let ran = false;
  await assert.rejects(db.transaction(async () => { ran = true; }, { signal }), isCancel);
  assert.equal(ran, false);
  assert.equal(db.inTransaction, false);
  assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 0 }]);
  // A signal that has not aborted changes nothing.
  const live = new AbortController().signal;
  assert.deepEqual(await stmt.all(4, { signal: live }), [{ x: 4 }]);
  assert.deepEqual((await db.query('SELECT x FROM t', [], { signal: live })).rows, [{ x: 4 }]);
  // { signal } as the last argument is options, not a parameter; other objects are parameters.
  assert.deepEqual(await db.prepare('SELECT $1::text AS j').get({ a: 1 }), { j: '{"a":1}' });
  await assert.rejects(db.query('SELECT 1', [], { signal: 'nope' }), TypeError);
  await db.close();
});

test('aborting a call waiting its turn rejects it at once; it never runs', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE t (x int)');
  let release;
  const gate = new Promise((r) => { release = r; });
  const tx = db.transaction(async (t) => { await t.query('INSERT INTO t VALUES (1)'); await gate; });
  const ac = new AbortController();
  const queued = db.query('INSERT INTO t VALUES (2)', [], { signal: ac.signal });
  const after = db.query('SELECT count(*)::int AS n FROM t');
  ac.abort();
  await assert.rejects(queued, isCancel);  // while the transaction still holds the database
  release();
  await tx;
  assert.deepEqual((await after).rows, [{ n: 1 }]);
  await db.close();
});

test('a transaction signal applies to its statements', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE t (x int)');
  const ac = new AbortController();
  await assert.rejects(db.transaction(async (tx) => {
    await tx.query('INSERT INTO t VALUES (1)');
    ac.abort();
    await tx.query('INSERT INTO t VALUES (2)');  // inherits the transaction's signal
  }, { signal: ac.signal }), isCancel);
  assert.equal(db.inTransaction, false);
  assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 0 }]);
  await db.close();
});

test('statement_timeout cancels with 57014 and the database stays usable', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
  await db.exec("SET statement_timeout = '50ms'");
  const start = Date.now();
  const e = await db.query('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r')
    .then(() => null, (err) => err);
  assert.ok(e instanceof DatabaseError, String(e));
  assert.deepEqual([e.code, e.message], ['57014', 'canceling statement due to statement timeout']);
  assert.ok(Date.now() - start < 5000, `took ${Date.now() - start} ms`);
  assert.deepEqual((await db.query('SELECT x FROM t')).rows, [{ x: 1 }]);
  // Inside a transaction block the timeout aborts the block, as in PostgreSQL.
  await assert.rejects(db.transaction(async (tx) => {
    await tx.query('INSERT INTO t VALUES (2)');
    await tx.query('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r');
  }), (err) => err.code === '57014');
  await db.exec('RESET statement_timeout');
  assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 1 }]);
  await db.close();
});
