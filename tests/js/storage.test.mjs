// Storage: file databases through the Node file VFS (vfs/node_file_vfs.cpp + js/node-file-vfs.js)
// read and written by Debian's sqlite3 in turn, a kill -9 in the middle of a write loop losing
// no acknowledged row, and export() / connect(':memory:', { data }) (sqlite3_serialize /
// sqlite3_deserialize) against files sqlite3 made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect } from '../../js/index.js';

const indexUrl = new URL('../../js/index.js', import.meta.url).href;
const sqlite3 = (file, sql) => {
  const r = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-storage-'));

test('file: pg-micro writes, sqlite3 reads and writes, pg-micro reads back in the PostgreSQL dialect', async () => {
  const dir = tmp();
  const file = path.join(dir, 'app.db');
  try {
    let db = await connect(file);
    await db.exec('CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL, d date)');
    await db.exec("INSERT INTO t (name, d) VALUES ('a', '2020-01-02'), ('b', '2021-03-04')");
    await db.close();
    assert.deepEqual(fs.readdirSync(dir), ['app.db']);
    assert.equal(sqlite3(file, 'SELECT id, name, d FROM t ORDER BY id; PRAGMA integrity_check;'),
      '1|a|2020-01-02\n2|b|2021-03-04\nok\n');
    sqlite3(file, "INSERT INTO t VALUES (3, 'c', '2022-05-06')");
    db = await connect(file);
    const { rows } = await db.query("SELECT id, name, d + 1 AS next FROM t WHERE d > '2020-06-01' ORDER BY id",
      [], { rowMode: 'array' });
    assert.deepEqual(rows.map(([id, name, next]) => [id, name, next.toISOString().slice(0, 10)]),
      [[2, 'b', '2021-03-05'], [3, 'c', '2022-05-07']]);
    await assert.rejects(db.exec("INSERT INTO t (name) VALUES (NULL)"), { code: '23502' });
    await db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('file: kill -9 in the middle of a write loop keeps every acknowledged row; integrity_check ok', async () => {
  const dir = tmp();
  const file = path.join(dir, 'crash.db');
  try {
    const setup = await connect(file);
    await setup.exec('CREATE TABLE log (n integer PRIMARY KEY, pad text)');
    await setup.close();
    const script = `
      const { connect } = await import(${JSON.stringify(indexUrl)});
      const db = await connect(${JSON.stringify(file)});
      for (let n = 1; ; n++) {
        await db.query('INSERT INTO log VALUES ($1, repeat(\\'x\\', 3000))', [n]);
        process.stdout.write(n + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0, buf = '';
    await new Promise((resolve) => {
      child.stdout.on('data', (chunk) => {
        buf += chunk;
        const lines = buf.split('\n');
        buf = lines.pop();
        for (const l of lines) acked = Number(l);
        if (acked >= 150 && child.exitCode === null) { child.kill('SIGKILL'); }
      });
      child.on('exit', resolve);
    });
    assert.ok(acked >= 150);
    const db = await connect(file);
    const { rows: [r] } = await db.query('SELECT count(*)::int AS c, max(n) AS m FROM log');
    assert.ok(r.m >= acked, `acknowledged ${acked}, found max ${r.m}`);
    assert.equal(r.c, r.m);
    await db.close();
    assert.equal(sqlite3(file, 'PRAGMA integrity_check;'), 'ok\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('export() is a SQLite file sqlite3 opens; a file sqlite3 made opens with { data } and as a file', async () => {
  const dir = tmp();
  try {
    const mem = await connect(':memory:');
    await mem.exec("CREATE TABLE p (id int PRIMARY KEY, price numeric(6,2), tags text[]); INSERT INTO p VALUES (1, 9.5, '{a,b}')");
    const image = await mem.export();
    assert.ok(image instanceof Uint8Array);
    await mem.close();
    const exported = path.join(dir, 'exported.db');
    fs.writeFileSync(exported, image);
    assert.equal(sqlite3(exported, "SELECT id, json_extract(tags, '$[1]') FROM p; PRAGMA integrity_check;"), '1|b\nok\n');
    const back = await connect(':memory:', { data: image });
    assert.deepEqual((await back.query('SELECT price * 2 AS p2, tags[2] AS t FROM p')).rows, [{ p2: '19.00', t: 'b' }]);
    await back.close();

    const plain = path.join(dir, 'plain.db');
    sqlite3(plain, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, price REAL); " +
      "INSERT INTO items VALUES (1, 'pen', 3, 1.5), (2, 'ink', 10, 0.25);");
    const fromBytes = await connect(':memory:', { data: fs.readFileSync(plain) });
    const q = 'SELECT name, qty * price AS total FROM items WHERE qty > $1 ORDER BY name';
    assert.deepEqual((await fromBytes.query(q, [1])).rows, [{ name: 'ink', total: 2.5 }, { name: 'pen', total: 4.5 }]);
    await assert.rejects(fromBytes.query("SELECT qty + 'x' FROM items"), { code: '22P02' });
    await fromBytes.close();
    const asFile = await connect(plain);
    assert.deepEqual((await asFile.query(q, [1])).rows, [{ name: 'ink', total: 2.5 }, { name: 'pen', total: 4.5 }]);
    await asFile.close();
    await assert.rejects(connect(':memory:', { data: new Uint8Array(200) }), /not a database/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('pg-micro/worker: a file database opened in the Worker; export() from it', async () => {
  const { connect: connectWorker } = await import('../../js/worker.js');
  const dir = tmp();
  const file = path.join(dir, 'w.db');
  try {
    const db = await connectWorker(file);
    await db.exec("CREATE TABLE k (v text); INSERT INTO k VALUES ('w')");
    const image = await db.export();
    await db.close();
    assert.equal(sqlite3(file, 'SELECT v FROM k;'), 'w\n');
    const back = await connect(':memory:', { data: image });
    assert.deepEqual((await back.query('SELECT v FROM k')).rows, [{ v: 'w' }]);
    await back.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('integrityCheck(): ok on memory, file and pg-micro/worker databases; a damaged file reports its damage', async () => {
  const { connect: connectWorker } = await import('../../js/worker.js');
  const dir = tmp();
  const file = path.join(dir, 'i.db');
  try {
    const mem = await connect(':memory:');
    await mem.exec("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, repeat('v', 100) FROM generate_series(1, 500) g");
    assert.equal(await mem.integrityCheck(), 'ok');
    await mem.exec('BEGIN');
    await assert.rejects(mem.integrityCheck(), /inside a transaction block/);
    await mem.exec('ROLLBACK');
    const image = await mem.export();
    await mem.close();
    fs.writeFileSync(file, image);
    const onFile = await connect(file);
    assert.equal(await onFile.integrityCheck(), 'ok');
    await onFile.close();
    const viaWorker = await connectWorker(file);
    assert.equal(await viaWorker.integrityCheck(), 'ok');
    await viaWorker.close();
    // Scribble over a page in the middle of the table's b-tree.
    const bytes = fs.readFileSync(file);
    bytes.fill(0x55, 4096 * 5 + 8, 4096 * 5 + 1000);
    fs.writeFileSync(file, bytes);
    const damaged = await connect(file);
    assert.notEqual(await damaged.integrityCheck(), 'ok');
    await damaged.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
