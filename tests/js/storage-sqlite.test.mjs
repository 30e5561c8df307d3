// Plain SQLite files and the SQLite dialect: a file Debian's sqlite3 made (INTEGER, TEXT, REAL,
// BLOB, NUMERIC, VARCHAR(20), DATETIME, BOOLEAN and untyped columns) queried and changed in the
// PostgreSQL dialect through the native shell and through Node, read back by sqlite3; the
// SQLite dialect through the JS API ({ dialect: 'sqlite' }, SET pgmicro.dialect) and through
// `\dialect` in both shells (the same bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect } from '../../js/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shell = path.join(root, 'build/tools/shell/pgmicro');
const cli = path.join(root, 'js/cli.js');
const run = (cmd, args, input) => spawnSync(cmd, args, { input, encoding: 'utf8' });
const sqlite3 = (file, sql) => {
  const r = run('sqlite3', [file, sql]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

function makePlainFile(dir) {
  const file = path.join(dir, 'shop.db');
  sqlite3(file, `
    CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, image BLOB, weight NUMERIC,
                          sku VARCHAR(20), added DATETIME, active BOOLEAN, extra);
    CREATE TABLE sale (id INTEGER PRIMARY KEY AUTOINCREMENT, product_id INTEGER REFERENCES product(id), qty INTEGER);
    INSERT INTO product VALUES (1, 'pen', 1.5, x'89504e47', 0.02, 'P-1', '2024-01-02 10:00:00', 1, 'x'),
                               (2, 'ink', 0.25, NULL, 1, 'I-2', '2024-02-03 11:30:00', 0, 42),
                               (3, 'pad', 3, NULL, NULL, NULL, NULL, 1, NULL);
    INSERT INTO sale (product_id, qty) VALUES (1, 3), (1, 2), (2, 10), (3, 1);`);
  return file;
}

test('a sqlite3-made file: the PostgreSQL dialect in the native shell (queries, DML, \\d), then sqlite3 reads it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-plain-'));
  try {
    const file = makePlainFile(dir);
    const r = run(shell, ['-X', '-q', file], `
\\d product
SELECT p.name, sum(s.qty) AS sold, sum(s.qty * p.price) AS revenue
  FROM product p JOIN sale s ON s.product_id = p.id GROUP BY p.name ORDER BY revenue DESC;
SELECT name, added + interval '1 day' AS next_day, NOT active AS inactive, length(image), weight * 100 AS w
  FROM product WHERE price > 0.5 ORDER BY added NULLS FIRST;
INSERT INTO product (id, name, price, added, active) VALUES (4, 'clip', 0.1, '2024-05-06 07:08:09', false);
UPDATE product SET price = price * 2 WHERE sku LIKE 'P-%';
DELETE FROM sale WHERE qty > 5;
SELECT count(*), min(added), max(price) FROM product;
`);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `                        Table "public.product"
 Column |            Type             | Collation | Nullable | Default 
--------+-----------------------------+-----------+----------+---------
 id     | integer                     |           |          | 
 name   | text                        |           | not null | 
 price  | double precision            |           |          | 
 image  | bytea                       |           |          | 
 weight | double precision            |           |          | 
 sku    | character varying           |           |          | 
 added  | timestamp without time zone |           |          | 
 active | boolean                     |           |          | 
 extra  | text                        |           |          | 
SQLite table outside the PostgreSQL catalog

 name | sold | revenue 
------+------+---------
 pen  |    5 |     7.5
 pad  |    1 |       3
 ink  |   10 |     2.5
(3 rows)

 name |      next_day       | inactive | length | w 
------+---------------------+----------+--------+---
 pad  |                     | f        |        |  
 pen  | 2024-01-03 10:00:00 | f        |      4 | 2
(2 rows)

 count |         min         | max 
-------+---------------------+-----
     4 | 2024-01-02 10:00:00 |   3
(1 row)

`);
    assert.equal(sqlite3(file, 'SELECT id, name, price, typeof(price), added, active FROM product ORDER BY id; ' +
      'SELECT count(*) FROM sale; PRAGMA integrity_check;'),
    '1|pen|3.0|real|2024-01-02 10:00:00|1\n2|ink|0.25|real|2024-02-03 11:30:00|0\n3|pad|3.0|real||1\n' +
      '4|clip|0.1|real|2024-05-06 07:08:09|0\n3\nok\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a sqlite3-made file through Node: typed JS values, both dialects on one connection, catalog DDL refused', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-plain-'));
  try {
    const file = makePlainFile(dir);
    const db = await connect(file);
    const { rows } = await db.query('SELECT id, name, price, image, added, active FROM product WHERE id = $1', [1]);
    assert.deepEqual(rows, [{ id: 1, name: 'pen', price: 1.5, image: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      added: new Date('2024-01-02T10:00:00Z'), active: true }]);
    // The SQLite dialect per call: SQLite syntax and functions, values as SQLite returned them.
    const [made] = await db.exec('CREATE TABLE note (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT, at INTEGER DEFAULT (unixepoch()))',
      { dialect: 'sqlite' });
    assert.equal(made.command, 'CREATE TABLE');
    const ins = await db.query('INSERT INTO note (body) VALUES (?), (?) RETURNING id, typeof(at) AS t', ['a', 'b'], { dialect: 'sqlite' });
    assert.deepEqual(ins.rows, [{ id: 1, t: 'integer' }, { id: 2, t: 'integer' }]);
    assert.equal(ins.command, 'INSERT');
    const st = db.prepare("SELECT group_concat(body, '+') AS g, 2.5 * 2 AS f, x'ff' AS b FROM note WHERE id >= ?", { dialect: 'sqlite' });
    assert.deepEqual(await st.get(1), { g: 'a+b', f: 5, b: new Uint8Array([255]) });
    // ... and the table is visible to the PostgreSQL dialect, typed from its declared types.
    assert.deepEqual((await db.query('SELECT body, at > 0 AS later FROM note ORDER BY id')).rows,
      [{ body: 'a', later: true }, { body: 'b', later: true }]);
    // PostgreSQL-catalog tables cannot change shape from the SQLite dialect.
    await db.exec('CREATE TABLE pg_made (id int PRIMARY KEY, v text)');
    await assert.rejects(db.exec('DROP TABLE pg_made', { dialect: 'sqlite' }), { code: '0A000', message: /cannot drop table "pg_made" in the SQLite dialect/ });
    await assert.rejects(db.exec('x', { dialect: 'mysql' }), /dialect must be 'postgres' or 'sqlite'/);
    // WAL would make the file unopenable through the pgmicro-node VFS (no shared memory).
    await assert.rejects(db.exec('PRAGMA journal_mode = WAL', { dialect: 'sqlite' }), { code: '0A000', message: /journal_mode = WAL is not supported/ });
    assert.deepEqual((await db.query('PRAGMA journal_mode', [], { dialect: 'sqlite' })).rows, [{ journal_mode: 'delete' }]);
    // The session setting, and a transaction across both dialects.
    await db.exec("SET pgmicro.dialect = 'sqlite'");
    await db.exec('BEGIN; INSERT INTO pg_made VALUES (1, printf(\'%03d\', 7));');
    await db.exec("INSERT INTO pg_made VALUES (2, 'two')", { dialect: 'postgres' });
    await db.exec('COMMIT');
    assert.deepEqual((await db.query('SELECT v FROM pg_made ORDER BY id')).rows, [{ v: '007' }, { v: 'two' }]);
    await db.exec('RESET pgmicro.dialect');
    assert.deepEqual((await db.query('SELECT v::text || $1 AS v FROM pg_made WHERE id = 1', ['!'])).rows, [{ v: '007!' }]);
    await db.close();
    assert.equal(sqlite3(file, 'SELECT body FROM note ORDER BY id; SELECT v FROM pg_made ORDER BY id; PRAGMA integrity_check;'),
      'a\nb\n007\ntwo\nok\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('\\dialect in the native shell and in npx pg-micro: the same output', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-plain-'));
  try {
    const script = `\\dialect
CREATE TABLE t (id serial PRIMARY KEY, v text);
\\dialect sqlite
CREATE TABLE log (id INTEGER PRIMARY KEY AUTOINCREMENT, msg TEXT);
CREATE TRIGGER t_log AFTER INSERT ON log BEGIN
  UPDATE log SET msg = upper(msg) WHERE id = NEW.id;
END;
INSERT INTO log (msg) VALUES ('hi'), ('there');
SELECT id, msg, typeof(id) FROM log;
DROP TABLE t;
\\dialect postgres
SELECT string_agg(msg, ' ' ORDER BY id DESC) FROM log;
\\dialect mysql
`;
    const outs = [];
    for (const [cmd, args] of [[shell, ['-X', path.join(dir, 'a.db')]], ['node', [cli, '-X', path.join(dir, 'b.db')]]]) {
      const r = run(cmd, args, script);
      outs.push(r.stdout + '\n--stderr--\n' + r.stderr);
    }
    assert.equal(outs[1], outs[0]);
    assert.equal(outs[0], `Dialect is postgres.
CREATE TABLE
Dialect is sqlite.
CREATE TABLE
CREATE TRIGGER
INSERT 0 2
 id |  msg  | typeof(id) 
----+-------+------------
  1 | HI    | integer
  2 | THERE | integer
(2 rows)

Dialect is postgres.
 string_agg 
------------
 THERE HI
(1 row)


--stderr--
ERROR:  cannot drop table "t" in the SQLite dialect
DETAIL:  "t" is managed by the PostgreSQL catalog; changing it through SQLite would leave the catalog out of step.
HINT:  Use the PostgreSQL dialect (SET pgmicro.dialect = 'postgres') for DDL on it.
ERROR:  invalid value for parameter "pgmicro.dialect": "mysql"
HINT:  Available values: postgres, sqlite.
`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('pg-micro/worker: { dialect } crosses to the Worker; the session setting too', async () => {
  const { connect: connectWorker } = await import('../../js/worker.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-plain-'));
  try {
    const file = makePlainFile(dir);
    const db = await connectWorker(file);
    assert.deepEqual((await db.query("SELECT name, typeof(price) AS t FROM product WHERE id = ?", [2], { dialect: 'sqlite' })).rows,
      [{ name: 'ink', t: 'real' }]);
    const st = db.prepare('SELECT count(*) AS n FROM sale WHERE qty >= ?1', { dialect: 'sqlite' });
    assert.deepEqual(await st.all(2), [{ n: 3 }]);
    await db.exec("SET pgmicro.dialect = 'sqlite'");
    assert.deepEqual((await db.query('SELECT sqlite_version() IS NOT NULL AS ok')).rows, [{ ok: 1 }]);
    assert.deepEqual((await db.query('SELECT 1::int AS one', [], { dialect: 'postgres' })).rows, [{ one: 1 }]);
    await db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
