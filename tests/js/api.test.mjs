// pg-micro's JS API (js/index.js) over the WASM build: the seed example, prepared
// statements, query/rowMode, sql``, transactions, several databases, close, loading options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { connect, sql, identifier, DatabaseError, Database } from '../../js/index.js';

test('seed example from the issue', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT, email TEXT)');
  await db.exec("INSERT INTO users (name, email) VALUES ('Alice', 'alice@example.com')");
  const rows = await db.prepare('SELECT * FROM users').all();
  assert.deepEqual(rows, [{ id: 1, name: 'Alice', email: 'alice@example.com' }]);
  await db.close();
});

test('prepare: all/get/run/iterate/columns/raw with parameters', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE t (id serial PRIMARY KEY, name text, n integer)');
  const ins = db.prepare('INSERT INTO t (name, n) VALUES ($1, $2)');
  assert.deepEqual(await ins.run('a', 1), { changes: 1, lastInsertRowid: 1 });
  await ins.run(['b', 2]);  // an array binds its elements, as better-sqlite3 does
  await ins.run('c', null);
  const sel = db.prepare('SELECT id, name, n FROM t WHERE id >= $1 ORDER BY id');
  assert.deepEqual(await sel.all(2), [{ id: 2, name: 'b', n: 2 }, { id: 3, name: 'c', n: null }]);
  assert.deepEqual(await sel.get(3), { id: 3, name: 'c', n: null });
  assert.equal(await sel.get(99), undefined);
  const seen = [];
  for await (const row of sel.iterate(1)) seen.push(row.name);
  assert.deepEqual(seen, ['a', 'b', 'c']);
  assert.deepEqual(sel.columns(), [
    { name: 'id', type: 'integer', dataTypeID: 23, typmod: -1 },
    { name: 'name', type: 'text', dataTypeID: 25, typmod: -1 },
    { name: 'n', type: 'integer', dataTypeID: 23, typmod: -1 },
  ]);
  // columns() before any run: a read-only query is described by running it once.
  const fresh = db.prepare('SELECT name::varchar(10) AS v, n * 2.5 AS x FROM t WHERE id = $1');
  assert.deepEqual(fresh.columns().map((c) => [c.name, c.type]), [['v', 'character varying(10)'], ['x', 'numeric']]);
  assert.throws(() => db.prepare('DELETE FROM t').columns(), /after it has run/);
  assert.deepEqual(await db.prepare('SELECT id, name FROM t ORDER BY id LIMIT 2').raw().all(), [[1, 'a'], [2, 'b']]);
  const upd = await db.prepare('UPDATE t SET n = n + 1 WHERE n IS NOT NULL').run();
  assert.equal(upd.changes, 2);
  assert.equal((await db.prepare('DELETE FROM t').run()).changes, 3);
  assert.equal((await db.prepare('SELECT 1').run()).changes, 0);
  await db.close();
});

test('query: rowMode, fields, affectedRows, command; exec of several statements', async () => {
  const db = await connect(':memory:');
  const res = await db.exec('CREATE TABLE t (a int, b text); INSERT INTO t VALUES (1, $$x$$), (2, NULL); SELECT * FROM t');
  assert.deepEqual(res.map((r) => r.command), ['CREATE TABLE', 'INSERT', 'SELECT']);
  assert.equal(res[1].affectedRows, 2);
  assert.deepEqual(res[2].rows, [{ a: 1, b: 'x' }, { a: 2, b: null }]);
  const o = await db.query('SELECT a, b FROM t WHERE a = $1', [2]);
  assert.deepEqual(o, {
    rows: [{ a: 2, b: null }],
    fields: [{ name: 'a', dataTypeID: 23 }, { name: 'b', dataTypeID: 25 }],
    affectedRows: 0, rowCount: 1, command: 'SELECT',
  });
  const a = await db.query('SELECT a, b FROM t ORDER BY a', [], { rowMode: 'array' });
  assert.deepEqual(a.rows, [[1, 'x'], [2, null]]);
  const cfg = await db.query({ text: 'SELECT $1::int + 1 AS v', values: [41], rowMode: 'array' });
  assert.deepEqual(cfg.rows, [[42]]);
  const u = await db.query('UPDATE t SET b = $1', ['y']);
  assert.deepEqual([u.command, u.affectedRows, u.rowCount, u.rows], ['UPDATE', 2, 2, []]);
  await db.close();
});

test('sql tagged template binds values as parameters (never pasted)', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE t (id int, name text)');
  const evil = "x'); DROP TABLE t; --";
  await db.sql`INSERT INTO t VALUES (${1}, ${evil})`;
  const q = sql`SELECT name FROM ${identifier('t')} WHERE id = ${1} AND name = ${evil}`;
  assert.equal(q.text, 'SELECT name FROM "t" WHERE id = $1 AND name = $2');
  assert.deepEqual(q.values, [1, evil]);
  assert.deepEqual((await db.query(q)).rows, [{ name: evil }]);
  const cond = sql`id = ${1}`;
  const nested = sql`SELECT ${'n'} AS k, name FROM t WHERE ${cond}`;
  assert.equal(nested.text, 'SELECT $1 AS k, name FROM t WHERE id = $2');
  assert.deepEqual((await db.query(nested)).rows, [{ k: 'n', name: evil }]);
  const tagged = await db.sql`SELECT count(*)::int AS c FROM t WHERE id = ${1}`;
  assert.deepEqual(tagged.rows, [{ c: 1 }]);
  await db.close();
});

test('transaction commits, rolls back on throw, tx.rollback(), queues other calls', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE acct (id int PRIMARY KEY, bal int)');
  const v = await db.transaction(async (tx) => {
    await tx.query('INSERT INTO acct VALUES ($1, $2)', [1, 100]);
    await tx.prepare('INSERT INTO acct VALUES ($1, $2)').run(2, 50);
    assert.equal(db.inTransaction, true);
    return 'done';
  });
  assert.equal(v, 'done');
  assert.equal(db.inTransaction, false);
  assert.deepEqual((await db.query('SELECT sum(bal)::int AS s FROM acct')).rows, [{ s: 150 }]);

  await assert.rejects(db.transaction(async (tx) => {
    await tx.query('UPDATE acct SET bal = bal - 10');
    throw new Error('boom');
  }), /boom/);
  assert.deepEqual((await db.query('SELECT sum(bal)::int AS s FROM acct')).rows, [{ s: 150 }]);

  // An SQL error inside: rolled back, DatabaseError rethrown, database usable.
  await assert.rejects(db.transaction(async (tx) => {
    await tx.query('UPDATE acct SET bal = 0');
    await tx.query('INSERT INTO acct VALUES (1, 1)');
  }), (e) => e instanceof DatabaseError && e.code === '23505');
  assert.deepEqual((await db.query('SELECT sum(bal)::int AS s FROM acct')).rows, [{ s: 150 }]);

  // The callback swallows the error: COMMIT of an aborted block rolls back and reports it.
  await assert.rejects(db.transaction(async (tx) => {
    await tx.query('DELETE FROM acct');
    await tx.query('SELECT 1/0').catch(() => {});
  }), (e) => e instanceof DatabaseError && e.code === '25P02');
  assert.equal((await db.query('SELECT count(*)::int AS c FROM acct')).rows[0].c, 2);

  const r = await db.transaction(async (tx) => {
    await tx.query('DELETE FROM acct');
    await tx.rollback();
    await assert.rejects(tx.query('SELECT 1'), /transaction has ended/);
    return 7;
  });
  assert.equal(r, 7);
  assert.equal((await db.query('SELECT count(*)::int AS c FROM acct')).rows[0].c, 2);

  // A db call made while a transaction runs waits for it to end.
  const order = [];
  let release;
  const gate = new Promise((res) => { release = res; });
  const txp = db.transaction(async (tx) => {
    await tx.query('INSERT INTO acct VALUES (3, 1)');
    await gate;
    order.push('tx');
  });
  const outside = db.query('SELECT count(*)::int AS c FROM acct').then((res) => { order.push('outside'); return res; });
  await new Promise((res) => setTimeout(res, 10));
  release();
  await txp;
  assert.equal((await outside).rows[0].c, 3);
  assert.deepEqual(order, ['tx', 'outside']);
  await db.close();
});

test('two databases at once are independent', async () => {
  const [a, b] = await Promise.all([connect(':memory:'), connect(':memory:')]);
  await a.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
  await b.exec('CREATE TABLE t (x text); INSERT INTO t VALUES ($$b$$), ($$c$$)');
  assert.deepEqual((await a.query('SELECT * FROM t')).rows, [{ x: 1 }]);
  assert.deepEqual((await b.query('SELECT * FROM t ORDER BY x')).rows, [{ x: 'b' }, { x: 'c' }]);
  await a.close();
  assert.deepEqual((await b.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 2 }]);
  await b.close();
});

test('close() frees the database; later calls fail; asyncDispose closes', async () => {
  const db = await connect(':memory:');
  assert.ok(db instanceof Database);
  const stmt = db.prepare('SELECT 1 AS one');
  await db.close();
  assert.equal(db.closed, true);
  await assert.rejects(db.query('SELECT 1'), /closed/);
  await assert.rejects(stmt.all(), /closed/);
  await db.close();  // closing twice is harmless
  // What `await using d = await connect(...)` does (that syntax needs a newer Node than 20).
  const d = await connect(':memory:');
  assert.equal(typeof d[Symbol.asyncDispose], 'function');
  assert.deepEqual((await d.query('SELECT 2 AS two')).rows, [{ two: 2 }]);
  await d[Symbol.asyncDispose]();
  assert.equal(d.closed, true);
});

test('close() gives the memory back: 150 databases of 1 MB each opened and closed', async () => {
  const first = await connect(':memory:');
  await first.exec('CREATE TABLE t (x text)');
  const big = 'y'.repeat(100000);
  const rows = Array.from({ length: 10 }, (_, i) => `($${i + 1})`).join(', ');
  const cycle = async () => {
    const db = await connect(':memory:');
    await db.exec('CREATE TABLE big (x text)');
    await db.query(`INSERT INTO big VALUES ${rows}`, new Array(10).fill(big));
    assert.equal((await db.query('SELECT sum(length(x))::int AS n FROM big')).rows[0].n, 1000000);
    await db.close();
  };
  for (let i = 0; i < 10; i++) await cycle();  // let the heap reach its working size
  const before = process.memoryUsage().rss;
  for (let i = 0; i < 150; i++) await cycle();
  const grown = process.memoryUsage().rss - before;
  assert.ok(grown < 60e6, `rss grew by ${(grown / 1e6).toFixed(1)} MB over 150 x 1 MB databases`);
  assert.deepEqual((await first.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 0 }]);
  await first.close();
});

test('connect refuses storage this host does not have, and a file it cannot open, with a clear message', async () => {
  await assert.rejects(connect('idb://app'), /"idb:\/\/app": IndexedDB databases need a browser/);
  await assert.rejects(connect('opfs://app'), /"opfs:\/\/app": OPFS databases need a browser/);
  await assert.rejects(connect('s3://bucket/app'), /"s3:\/\/bucket\/app": unknown storage backend/);
  await assert.rejects(connect('idb://a/b'), /must not contain/);
  await assert.rejects(connect('/nonexistent-dir/x.db'), /cannot open \/nonexistent-dir\/x\.db/);
  await assert.rejects(connect(''), /non-empty string/);
});

test('loading from wasmBinary and from a precompiled wasmModule (edge style)', async () => {
  const bytes = fs.readFileSync(new URL('../../js/pgmicro.wasm', import.meta.url));
  const fromBytes = await connect(':memory:', { wasmBinary: bytes });
  assert.deepEqual((await fromBytes.query('SELECT 1 + 1 AS two')).rows, [{ two: 2 }]);
  const wasmModule = await WebAssembly.compile(bytes);
  const fromModule = await connect(':memory:', { wasmModule });
  assert.deepEqual((await fromModule.query("SELECT 'ok'::text AS s")).rows, [{ s: 'ok' }]);
  const again = await connect(':memory:', { wasmModule });  // same module instance reused
  await again.close(); await fromModule.close(); await fromBytes.close();
});

test('loading over fetch (the browser path), with and without the application/wasm type', async () => {
  const bytes = fs.readFileSync(new URL('../../js/pgmicro.wasm', import.meta.url));
  const server = http.createServer((req, res) => {
    if (req.url === '/missing.wasm') { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': req.url === '/typed.wasm' ? 'application/wasm' : 'application/octet-stream' });
    res.end(bytes);
  });
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    for (const name of ['typed.wasm', 'untyped.wasm']) {
      const db = await connect(':memory:', { wasmUrl: `${base}/${name}` });
      assert.deepEqual((await db.query('SELECT 3 AS v')).rows, [{ v: 3 }]);
      await db.close();
    }
    await assert.rejects(connect(':memory:', { wasmUrl: `${base}/missing.wasm` }), /HTTP 404/);
  } finally {
    server.close();
  }
});

test('onNotice receives notices', async () => {
  const notices = [];
  const db = await connect(':memory:', { onNotice: (n) => notices.push(n) });
  await db.exec('DROP TABLE IF EXISTS nothing_here');
  assert.equal(notices.length, 1);
  assert.equal(notices[0].severity, 'NOTICE');
  assert.equal(notices[0].code, '00000');
  assert.match(notices[0].message, /does not exist, skipping/);
  await db.close();
});
