// stmt.run() → { changes, lastInsertRowid }: the change count from the command tag and
// SQLite's last insert rowid on the database (a number, a bigint beyond 2^53).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../js/index.js';
import { rowid } from '../../js/api.js';

test('run() reports changes and the last inserted rowid', async () => {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE users (id serial PRIMARY KEY, name text)');
  const ins = db.prepare('INSERT INTO users (name) VALUES ($1)');
  assert.deepEqual(await ins.run('Alice'), { changes: 1, lastInsertRowid: 1 });
  assert.deepEqual(await ins.run('Bob'), { changes: 1, lastInsertRowid: 2 });
  // Several rows: the rowid of the last one.
  const many = await db.prepare("INSERT INTO users (name) VALUES ('u1'), ('u2'), ('u3'), ('u4'), ('u5')").run();
  assert.deepEqual(many, { changes: 5, lastInsertRowid: 7 });
  // Statements that insert nothing leave it where it was (as SQLite and better-sqlite3 do).
  assert.deepEqual(await db.prepare('UPDATE users SET name = upper(name) WHERE id <= $1').run(2),
    { changes: 2, lastInsertRowid: 7 });
  assert.deepEqual(await db.prepare('DELETE FROM users WHERE id > $1').run(5), { changes: 2, lastInsertRowid: 7 });
  assert.deepEqual(await db.prepare('SELECT 1').run(), { changes: 0, lastInsertRowid: 7 });
  // It follows SQLite's rowid, not the serial column: the UPDATE moved rows 1 and 2 to the
  // table's end (rowids 8 and 9, as PostgreSQL's heap places new row versions), so the next row
  // gets rowid 10 while id continues at 8.
  const r = await db.prepare('INSERT INTO users (name) VALUES ($1) RETURNING id').run('Carol');
  assert.deepEqual(r, { changes: 1, lastInsertRowid: 10 });
  assert.deepEqual(await db.prepare('SELECT id FROM users WHERE name = $1').get('Carol'), { id: 8 });
  // Per database.
  const other = await connect(':memory:');
  await other.exec('CREATE TABLE t (x int)');
  assert.equal((await other.prepare('INSERT INTO t VALUES (1)').run()).lastInsertRowid, 1);
  await other.close();
  await db.close();
});

test('lastInsertRowid is a number up to 2^53 - 1 and a bigint beyond', () => {
  assert.equal(rowid('0'), 0);
  assert.equal(rowid('9007199254740991'), 9007199254740991);
  assert.equal(rowid('9007199254740992'), 9007199254740992n);
  assert.equal(rowid('9223372036854775807'), 9223372036854775807n);
  assert.equal(rowid('-9007199254740991'), -9007199254740991);
  assert.equal(rowid('-9223372036854775808'), -9223372036854775808n);
});
