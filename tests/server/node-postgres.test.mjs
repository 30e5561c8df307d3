// node-postgres (pg, pinned in tests/server/package.json) against `pg-micro FILE --server`:
// parameters of many types, named prepared statements, transactions, errors with their fields,
// concurrent clients (a reader next to an open transaction, a writer that waits for it),
// cancel and statement_timeout, binary results, SCRAM-SHA-256.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, connect, clientConfig, pg } from './server-lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('parameters of many types round-trip (text format)', async () => {
  const c = await connect(server.port);
  try {
    const r = await c.query(
      `SELECT $1::int2 AS i2, $2::int4 AS i4, $3::int8 AS i8, $4::float8 AS f8, $5::numeric AS n, $6::bool AS b,
              $7::text AS t, $8::bytea AS by, $9::date AS d, $10::timestamptz AS tz, $11::uuid AS u,
              $12::jsonb AS j, $13::int4[] AS arr, $14::text AS nul, $15::varchar AS v`,
      [12, 123456, '9007199254740993', 1.5, '12345678901234567890.123', true, 'héllo ☃', Buffer.from([0, 1, 255]),
        '2024-02-29', new Date('2024-01-02T03:04:05.678Z'), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', { a: [1, 2] },
        [1, 2, 3], null, 'x\ty']);
    const row = r.rows[0];
    assert.equal(row.i2, 12);
    assert.equal(row.i4, 123456);
    assert.equal(row.i8, '9007199254740993');
    assert.equal(row.f8, 1.5);
    assert.equal(row.n, '12345678901234567890.123');
    assert.equal(row.b, true);
    assert.equal(row.t, 'héllo ☃');
    assert.deepEqual([...row.by], [0, 1, 255]);
    assert.equal(row.tz.toISOString(), '2024-01-02T03:04:05.678Z');
    assert.equal(row.u, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    assert.deepEqual(row.j, { a: [1, 2] });
    assert.deepEqual(row.arr, [1, 2, 3]);
    assert.equal(row.nul, null);
    assert.equal(row.v, 'x\ty');
    assert.deepEqual(r.fields.map((f) => f.dataTypeID), [21, 23, 20, 701, 1700, 16, 25, 17, 1082, 1184, 2950, 3802, 1007, 25, 1043]);
  } finally { await c.end(); }
});

test('tables, named prepared statements, rowCount and RETURNING', async () => {
  const c = await connect(server.port);
  try {
    await c.query('CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric(8,2), data bytea)');
    for (const [n, p] of [['apple', '1.25'], ['pear', '2.5'], ['fig', null]]) {
      const r = await c.query({ name: 'ins', text: 'INSERT INTO items (name, price) VALUES ($1, $2) RETURNING id, price', values: [n, p] });
      assert.equal(r.rowCount, 1);
      assert.equal(r.command, 'INSERT');
    }
    const sel = { name: 'by_price', text: 'SELECT name FROM items WHERE price > $1 ORDER BY name' };
    assert.deepEqual((await c.query({ ...sel, values: [1] })).rows.map((x) => x.name), ['apple', 'pear']);
    assert.deepEqual((await c.query({ ...sel, values: [2] })).rows.map((x) => x.name), ['pear']);
    const up = await c.query('UPDATE items SET price = price * 2 WHERE price IS NOT NULL');
    assert.equal(up.rowCount, 2);
    assert.equal(up.command, 'UPDATE');
    await c.query('UPDATE items SET data = $1 WHERE name = $2', [Buffer.from('bytes\0here'), 'fig']);
    assert.equal((await c.query("SELECT data FROM items WHERE name = 'fig'")).rows[0].data.toString(), 'bytes\0here');
    const arr = await c.query({ text: 'SELECT id, name FROM items ORDER BY id', rowMode: 'array' });
    assert.deepEqual(arr.rows, [[1, 'apple'], [2, 'pear'], [3, 'fig']]);
    // A Buffer is sent in binary: into a text column it is the text of its bytes, into bytea the bytes.
    await c.query('INSERT INTO items (name, data) VALUES ($1, $2)', [Buffer.from('kiwi'), Buffer.from([0, 255])]);
    assert.deepEqual((await c.query("SELECT name, data FROM items WHERE id = 4")).rows, [{ name: 'kiwi', data: Buffer.from([0, 255]) }]);
  } finally { await c.end(); }
});

test('errors carry SQLSTATE, position, detail and hint; the session stays usable', async () => {
  const c = await connect(server.port);
  try {
    await assert.rejects(c.query('SELECT * FROM no_such_table'), (e) => e.code === '42P01' && e.position === '15' &&
      e.message === 'relation "no_such_table" does not exist' && e.severity === 'ERROR');
    await c.query('CREATE TABLE uq (id int PRIMARY KEY)');
    await c.query('INSERT INTO uq VALUES (1)');
    await assert.rejects(c.query('INSERT INTO uq VALUES ($1)', [1]), (e) => e.code === '23505' &&
      e.detail === 'Key (id)=(1) already exists.');
    await assert.rejects(c.query('SELECT lower(1, 2, 3)'), (e) => e.code === '42883' && /No function matches/.test(e.hint));
    await assert.rejects(c.query('SELEC 1'), (e) => e.code === '42601' && e.position === '1');
    await assert.rejects(c.query('SELECT $1::int', ['x']), (e) => e.code === '22P02');
    assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1);
    const notices = [];
    c.on('notice', (n) => notices.push(n));
    await c.query('DROP TABLE IF EXISTS not_there');
    assert.equal(notices[0]?.code, '00000');
    assert.match(notices[0]?.message ?? '', /does not exist, skipping/);
  } finally { await c.end(); }
});

test('transactions: commit, rollback, failed block', async () => {
  const a = await connect(server.port);
  const b = await connect(server.port);
  try {
    await a.query('CREATE TABLE acct (id int PRIMARY KEY, balance int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO acct VALUES (1, 100)');
    assert.equal((await b.query('SELECT count(*)::int AS n FROM acct')).rows[0].n, 0, 'uncommitted row invisible');
    await a.query('COMMIT');
    assert.equal((await b.query('SELECT count(*)::int AS n FROM acct')).rows[0].n, 1);
    await a.query('BEGIN');
    await a.query('UPDATE acct SET balance = 0');
    await a.query('ROLLBACK');
    assert.equal((await b.query('SELECT balance FROM acct')).rows[0].balance, 100);
    await a.query('BEGIN');
    await assert.rejects(a.query('SELECT 1/0'), (e) => e.code === '22012');
    await assert.rejects(a.query('SELECT 1'), (e) => e.code === '25P02');
    await a.query('ROLLBACK');
    assert.equal((await a.query('SELECT 2 AS two')).rows[0].two, 2);
  } finally { await a.end(); await b.end(); }
});

test('concurrent clients: a reader is not blocked, a writer waits for the open transaction', async () => {
  const [a, reader, writer] = await Promise.all([connect(server.port), connect(server.port), connect(server.port)]);
  try {
    await a.query('CREATE TABLE cc (v int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO cc VALUES (1)');
    assert.equal((await reader.query('SELECT count(*)::int AS n FROM cc')).rows[0].n, 0);
    let done = false;
    const w = writer.query('INSERT INTO cc VALUES (2)').then((r) => { done = true; return r; });
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(done, false, 'the writer waits while the transaction is open');
    assert.equal((await reader.query('SELECT count(*)::int AS n FROM cc')).rows[0].n, 0, 'readers still go on');
    await a.query('COMMIT');
    assert.equal((await w).rowCount, 1);
    assert.deepEqual((await reader.query('SELECT v FROM cc ORDER BY v')).rows.map((r) => r.v), [1, 2]);
    // Two transaction blocks: the second writer waits inside its block and then commits.
    await a.query('BEGIN');
    await a.query('INSERT INTO cc VALUES (3)');
    await writer.query('BEGIN');
    const w2 = writer.query('INSERT INTO cc VALUES (4)');
    await new Promise((r) => setTimeout(r, 200));
    await a.query('COMMIT');
    await w2;
    await writer.query('COMMIT');
    assert.deepEqual((await reader.query('SELECT v FROM cc ORDER BY v')).rows.map((r) => r.v), [1, 2, 3, 4]);
    // Many clients at once, each its own session.
    const many = await Promise.all(Array.from({ length: 8 }, () => connect(server.port)));
    await Promise.all(many.map((c, i) => c.query(`SET application_name = 'c${i}'`)));
    const names = await Promise.all(many.map((c) => c.query('SHOW application_name')));
    assert.deepEqual(names.map((r) => r.rows[0].application_name), many.map((_, i) => `c${i}`));
    await Promise.all(many.map((c, i) => c.query('INSERT INTO cc VALUES ($1)', [100 + i])));
    assert.equal((await reader.query('SELECT count(*)::int AS n FROM cc')).rows[0].n, 12);
    await Promise.all(many.map((c) => c.end()));
  } finally { await a.end(); await reader.end(); await writer.end(); }
});

test('many clients mixing blocks and autocommit writes: every committed row is there, only 40P01 fails', async () => {
  const setup = await connect(server.port);
  await setup.query('CREATE TABLE mix (k int, v int)');
  const clients = await Promise.all(Array.from({ length: 8 }, () => connect(server.port)));
  let committed = 0;
  const errors = [];
  await Promise.all(clients.map(async (c, i) => {
    for (let j = 0; j < 12; j++) {
      try {
        if (j % 3 === 0) {          // write, read, write, commit
          await c.query('BEGIN');
          await c.query('INSERT INTO mix VALUES ($1, $2)', [i, j]);
          await c.query('SELECT count(*) FROM mix');
          await c.query('INSERT INTO mix VALUES ($1, $2)', [i, -j]);
          await c.query('COMMIT');
          committed += 2;
        } else if (j % 3 === 1) {   // read, then write (may be the deadlock victim)
          await c.query('BEGIN');
          await c.query('SELECT count(*) FROM mix');
          await c.query('INSERT INTO mix VALUES ($1, $2)', [i, 1000 + j]);
          await c.query('COMMIT');
          committed += 1;
        } else {
          await c.query('INSERT INTO mix VALUES ($1, $2)', [i, 2000 + j]);
          committed += 1;
        }
      } catch (e) {
        errors.push(e.code);
        await c.query('ROLLBACK');
      }
    }
  }));
  assert.deepEqual([...new Set(errors)].filter((c) => c !== '40P01'), []);
  assert.equal((await setup.query('SELECT count(*)::int AS n FROM mix')).rows[0].n, committed);
  await Promise.all([...clients, setup].map((c) => c.end()));
});

test('cancel (CancelRequest) and statement_timeout', async () => {
  const c = await connect(server.port);
  try {
    const long = 'SELECT count(*) FROM generate_series(1, 300000000) AS g(i) WHERE i % 7 = 3';
    const q = new pg.Query(long);
    const finished = new Promise((resolve) => { q.on('error', resolve); q.on('end', () => resolve(null)); });
    c.query(q);
    await new Promise((r) => setTimeout(r, 300));
    new pg.Client(clientConfig(server.port)).cancel(c, q);
    const err = await finished;
    assert.equal(err?.code, '57014');
    assert.equal(err?.message, 'canceling statement due to user request');
    assert.equal((await c.query('SELECT 3 AS x')).rows[0].x, 3);
    await c.query("SET statement_timeout = '200ms'");
    await assert.rejects(c.query(long), (e) => e.code === '57014' && /statement timeout/.test(e.message));
    // statement_timeout also ends a wait for another connection's lock.
    const holder = await connect(server.port);
    await holder.query('CREATE TABLE IF NOT EXISTS tw (v int)');
    await holder.query('BEGIN');
    await holder.query('INSERT INTO tw VALUES (1)');
    const t0 = Date.now();
    await assert.rejects(c.query('INSERT INTO tw VALUES (2)'), (e) => e.code === '57014' && /statement timeout/.test(e.message));
    assert.ok(Date.now() - t0 < 3000);
    await holder.query('COMMIT');
    await c.query('SET statement_timeout = 0');
    assert.equal((await c.query('INSERT INTO tw VALUES (3)')).rowCount, 1);
    await holder.end();
  } finally { await c.end(); }
});

test('a client that goes away mid-statement: its statement stops, others go on', async () => {
  const a = await connect(server.port);
  a.on('error', () => {});
  a.query('SELECT count(*) FROM generate_series(1, 300000000)').catch(() => {});
  await new Promise((r) => setTimeout(r, 300));
  a.connection.stream.destroy();
  const t0 = Date.now();
  const b = await connect(server.port);
  assert.equal((await b.query('SELECT 1 AS x')).rows[0].x, 1);
  assert.ok(Date.now() - t0 < 5000, 'the abandoned statement was canceled');
  await b.end();
});

test('binary results', async () => {
  const c = await connect(server.port);
  try {
    const r = await c.query({
      text: `SELECT 7::int2 AS a, 70000::int4 AS b, 5000000000::int8 AS c, 1.25::float4 AS d, 2.5::float8 AS e,
                    true AS f, 'txt'::text AS g, '\\x0102'::bytea AS h, date '2000-03-01' AS i,
                    timestamp '2020-05-06 07:08:09.5' AS j, timestamptz '2020-05-06 07:08:09+02' AS k,
                    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS l, 'v'::varchar AS m`,
      binary: true,
    });
    const row = r.rows[0];
    assert.equal(row.a, 7);
    assert.equal(row.b, 70000);
    assert.equal(String(row.c), '5000000000');
    assert.equal(row.d, 1.25);
    assert.equal(row.e, 2.5);
    assert.equal(row.f, true);
    assert.equal(row.g, 'txt');
    assert.deepEqual([...row.h], [1, 2]);
    assert.equal(row.k.toISOString(), '2020-05-06T05:08:09.000Z');
    assert.equal(row.m, 'v');
  } finally { await c.end(); }
});

test('SCRAM-SHA-256 with --password', async () => {
  const s = await startServer(['--password', 's3cret']);
  try {
    const ok = new pg.Client(clientConfig(s.port, { password: 's3cret' }));
    await ok.connect();
    assert.equal((await ok.query('SELECT 1 AS x')).rows[0].x, 1);
    await ok.end();
    const bad = new pg.Client(clientConfig(s.port, { password: 'wrong' }));
    await assert.rejects(bad.connect(), (e) => e.code === '28P01' && e.message === 'password authentication failed for user "postgres"');
  } finally { await s.stop(); }
});
