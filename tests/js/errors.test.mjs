// DatabaseError: PostgreSQL's fields (code, message, detail, hint, position) as node-postgres gives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, DatabaseError } from '../../js/index.js';

const db = await connect(':memory:');

async function error(promise) {
  try { await promise; } catch (e) { return e; }
  assert.fail('expected an error');
}

test('42P01 undefined table, with position', async () => {
  const e = await error(db.query('SELECT * FROM no_such_table'));
  assert.ok(e instanceof DatabaseError);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'DatabaseError');
  assert.equal(e.severity, 'ERROR');
  assert.equal(e.code, '42P01');
  assert.equal(e.message, 'relation "no_such_table" does not exist');
  assert.equal(e.position, '15');
  assert.equal(e.detail, undefined);
  assert.equal(e.query, 'SELECT * FROM no_such_table');
});

test('23505 unique violation, with detail', async () => {
  await db.exec('CREATE TABLE u (id int PRIMARY KEY, e text UNIQUE)');
  await db.query('INSERT INTO u VALUES ($1, $2)', [1, 'a@x']);
  const e = await error(db.query('INSERT INTO u VALUES ($1, $2)', [1, 'b@x']));
  assert.equal(e.code, '23505');
  assert.equal(e.message, 'duplicate key value violates unique constraint "u_pkey"');
  assert.equal(e.detail, 'Key (id)=(1) already exists.');
  assert.deepEqual(e.params, [1, 'b@x']);
  const e2 = await error(db.prepare('INSERT INTO u VALUES ($1, $2)').run(2, 'a@x'));
  assert.equal(e2.code, '23505');
  assert.equal(e2.detail, 'Key (e)=(a@x) already exists.');
});

test('hint, syntax error position, data errors', async () => {
  const h = await error(db.query("SELECT 'a'::text + 1"));
  assert.equal(h.code, '42883');
  assert.match(h.hint, /explicit type casts/);
  assert.ok(Number(h.position) > 0);
  const s = await error(db.exec('SELEC 1'));
  assert.equal(s.code, '42601');
  assert.equal(s.message, 'syntax error at or near "SELEC"');
  assert.equal(s.position, '1');
  assert.equal((await error(db.query('SELECT 1/0'))).code, '22012');
  assert.equal((await error(db.query('SELECT $1::int', ['x']))).code, '22P02');
  assert.equal((await error(db.query('INSERT INTO u (e) VALUES ($1)', ['z']))).code, '23502');
});

test('an error stops a batch; the database stays usable', async () => {
  const e = await error(db.exec("INSERT INTO u VALUES (10, 'p'); SELECT 1/0; INSERT INTO u VALUES (11, 'q')"));
  assert.equal(e.code, '22012');
  // The batch was one implicit transaction: nothing of it stays.
  assert.deepEqual((await db.query('SELECT id FROM u WHERE id >= 10')).rows, []);
  assert.deepEqual((await db.query('SELECT 1 AS ok')).rows, [{ ok: 1 }]);
});

test('aborted transaction block: 25P02 until ROLLBACK', async () => {
  await db.exec('BEGIN');
  await error(db.query('SELECT 1/0'));
  assert.equal((await error(db.query('SELECT 1'))).code, '25P02');
  await db.exec('ROLLBACK');
  assert.equal(db.inTransaction, false);
});
