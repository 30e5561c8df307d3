// `pg-micro dump FILE` (js/cli.js) and `pgmicro dump FILE` (tools/shell) over a schema with
// several types, constraints, a foreign key, sequences, serial and identity columns, generated
// columns, indexes and a view (tests/storage/dump-schema.sql): the script (a) loads into the
// real PostgreSQL 15 with psql and (b) loads into a fresh pgmicro database, and in both the
// check script (tests/storage/dump-check.sql: contents, view, sequence positions, constraints
// still enforced) prints what it prints on the database the dump was taken from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shell = path.join(root, 'build/tools/shell/pgmicro');
const cli = path.join(root, 'js/cli.js');
const schema = fs.readFileSync(path.join(root, 'tests/storage/dump-schema.sql'), 'utf8');
const check = fs.readFileSync(path.join(root, 'tests/storage/dump-check.sql'), 'utf8');

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  assert.equal(r.error, undefined, String(r.error));
  return r;
}

// The PostgreSQL 15 test cluster (tools/pg15-cluster.sh; the suite starts it).
function pgArgs() {
  const r = run('bash', [path.join(root, 'tools/pg15-cluster.sh'), 'psql-args']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split(/\s+/);
}
const psql = '/usr/lib/postgresql/15/bin/psql';

test('dump: loads into PostgreSQL 15 and into a fresh pgmicro database with the same contents', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-dump-'));
  const pgdb = `pgmicro_dump_${process.pid}`;
  const args = pgArgs();
  try {
    const source = path.join(dir, 'source.db');
    let r = run(shell, ['-X', '-q', source], schema);
    assert.equal(r.stderr, '');
    // The check's output on the database the dump is taken from (a copy: the check writes).
    fs.copyFileSync(source, path.join(dir, 'probe.db'));
    const expected = run(shell, ['-X', '-q', path.join(dir, 'probe.db')], check);
    assert.match(expected.stdout, /Ann O'Neil/);

    const dumped = run('node', [cli, 'dump', source]);
    assert.equal(dumped.status, 0, dumped.stderr);
    const script = dumped.stdout;
    assert.match(script, /^CREATE TABLE "orders" \(/m);
    assert.match(script, /OVERRIDING SYSTEM VALUE/);
    const native = run(shell, ['dump', source]);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(native.stdout, script, 'the native shell and the JS CLI dump the same script');

    // (a) PostgreSQL 15.
    r = run(psql, [...args, '-X', '-q', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${pgdb}`, '-c', `CREATE DATABASE ${pgdb} TEMPLATE template0`]);
    assert.equal(r.status, 0, r.stderr);
    r = run(psql, [...args, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', pgdb], script);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const onPg = run(psql, [...args, '-X', '-q', '-d', pgdb], check);
    assert.equal(onPg.stdout, expected.stdout);
    assert.equal(onPg.stderr, expected.stderr);

    // (b) a fresh pgmicro database, through the JS CLI.
    const copy = path.join(dir, 'copy.db');
    r = run('node', [cli, '-X', '-q', copy], script);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    // Dumping the copy gives the same script again.
    assert.equal(run(shell, ['dump', copy]).stdout, script);
    const onCopy = run(shell, ['-X', '-q', copy], check);
    assert.equal(onCopy.stdout, expected.stdout);
    assert.equal(onCopy.stderr, expected.stderr);
    // And sqlite3 still reads the file the dump made.
    assert.equal(run('sqlite3', [copy, 'PRAGMA integrity_check; SELECT count(*) FROM customers;']).stdout, 'ok\n2\n');
  } finally {
    run(psql, [...args, '-X', '-q', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${pgdb}`]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('dump: a plain SQLite file (no PostgreSQL catalog) dumps its tables with the types the PostgreSQL dialect gives them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-dump-'));
  try {
    const file = path.join(dir, 'plain.db');
    let r = run('sqlite3', [file, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, w REAL, b BLOB); " +
      "INSERT INTO t VALUES (1, 'it''s', 0.1, x'00ff'), (2, 'b', NULL, NULL);"]);
    assert.equal(r.status, 0, r.stderr);
    r = run('node', [cli, 'dump', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /CREATE TABLE "t" \(\n {4}"id" integer,\n {4}"name" text NOT NULL,\n {4}"w" double precision,\n {4}"b" bytea,\n {4}PRIMARY KEY \("id"\)\n\);/);
    assert.match(r.stdout, /INSERT INTO "t" \("id", "name", "w", "b"\) VALUES \('1', 'it''s', '0\.1', '\\x00ff'\);/);
    const copy = path.join(dir, 'copy.db');
    const load = run(shell, ['-X', '-q', copy], r.stdout);
    assert.equal(load.stderr, '');
    assert.equal(run(shell, ['-X', '-q', '-c', 'SELECT name, w, b FROM t ORDER BY id', copy]).stdout,
      " name |  w  |   b    \n------+-----+--------\n it's | 0.1 | \\x00ff\n b    |     | \n(2 rows)\n\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('dump: a database with objects the dump cannot write yet is refused, not dumped without them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-dump-'));
  try {
    const source = path.join(dir, 'source.db');
    const r = run(shell, ['-X', '-q', source], "CREATE TYPE mood AS ENUM ('ok'); CREATE TABLE t (m mood);");
    assert.equal(r.stderr, '');
    const native = run(shell, ['dump', source]);
    assert.notEqual(native.status, 0);
    assert.match(native.stderr, /cannot write yet \(user-defined types\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
