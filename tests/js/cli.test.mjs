// The Node CLI (js/cli.js, package.json "bin": `npx pg-micro`): the engine's psql front end
// through the WASM binding, so its output is the native shell's byte for byte — checked on
// every tests/sql file against tests/expected (psql 15's output, which the native shell
// reproduces) and on meta-commands against the native shell when build/ has one — and a
// database FILE opened in place (the Node file VFS: each commit is durable as it happens).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(root, 'js/cli.js');
const native = path.join(root, 'build/tools/shell/pgmicro');
const hasNative = fs.existsSync(native);

// Runs a command line with stdin from `input`; stdout and stderr merged as 2>&1 merges them.
function sh(command, input = '', cwd = root) {
  const r = spawnSync('sh', ['-c', `${command} 2>&1`], { input, cwd, encoding: 'utf8', timeout: 120000 });
  return { out: r.stdout, code: r.status };
}
const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const jsCli = (args = '') => `${q(process.execPath)} ${q(cli)} ${args}`;

test('every tests/sql file: `pg-micro -X -a -q < FILE` prints tests/expected/FILE.out byte for byte', () => {
  const sqlDir = path.join(root, 'tests/sql');
  const names = fs.readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4)).sort();
  assert.ok(names.length >= 20);
  const differ = [];
  for (const name of names) {
    const { out } = sh(`${jsCli('-X -a -q')} < ${q(name + '.sql')}`, '', sqlDir);
    const expected = fs.readFileSync(path.join(root, 'tests/expected', name + '.out'), 'utf8');
    if (out !== expected) differ.push(name);
  }
  assert.deepEqual(differ, []);
});

test('a pipe without options prints what the native shell prints', () => {
  const { out, code } = sh(`echo "select 1;" | ${jsCli()}`);
  assert.equal(code, 0);
  assert.equal(out, ' ?column? \n----------\n        1\n(1 row)\n\n');
  if (hasNative) assert.equal(out, sh(`echo "select 1;" | ${q(native)}`).out);
});

const META = [
  'create table t (id serial primary key, name varchar(10) not null);',
  'create sequence s;', '\\dt', '\\d', '\\d t', '\\x', 'select 1 as a, 2 as b;', '\\x off',
  '\\?', '\\foo', 'begin;', 'select 1/0;', 'rollback;', '\\timing on', 'select 2;',
  'select 3', '\\g', '\\echo done', '\\q', 'select 4;',
].join('\n') + '\n';

test('meta-commands \\dt \\d \\x \\? \\timing \\g \\echo \\q: same output as the native shell', () => {
  const { out } = sh(jsCli('-q'), META);
  const noTime = (s) => s.replace(/^Time: \d+\.\d{3} ms$/gm, 'Time: X ms');
  assert.match(out, /^Time: \d+\.\d{3} ms$/m);
  assert.ok(out.includes('                List of relations\n Schema | Name | Type  |  Owner   \n'.trimStart()));
  assert.ok(out.includes(' Column |         Type          | Collation | Nullable |            Default            \n'));
  assert.ok(out.includes('-[ RECORD 1 ]\na | 1\nb | 2\n'));
  assert.ok(out.includes('invalid command \\foo\nTry \\? for help.\n'));
  assert.ok(out.includes('ERROR:  division by zero\n'));
  assert.ok(out.includes('done\n') && !out.includes('        4\n'));
  if (hasNative) assert.equal(noTime(out), noTime(sh(q(native) + ' -q', META).out));
});

test('\\dt and \\d on a database without tables: psql\'s "Did not find any relations."', () => {
  const { out } = sh(jsCli(), '\\dt\n\\d\n\\d t\n');
  assert.equal(out, 'Did not find any relations.\nDid not find any relations.\nDid not find any relation named "t".\n');
  if (hasNative) assert.equal(out, sh(q(native), '\\dt\n\\d\n\\d t\n').out);
});

test('-c and -f: exit codes, error prefix pgmicro:FILE:LINE as the native shell', () => {
  const bad = sh(jsCli(`-c ${q('select 1/0')}`));
  assert.deepEqual(bad, { out: 'ERROR:  division by zero\n', code: 1 });
  assert.deepEqual(sh(jsCli(`-c ${q('select 6*7 as v')}`)), { out: ' v  \n----\n 42\n(1 row)\n\n', code: 0 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-cli-'));
  try {
    const f = path.join(dir, 'e.sql');
    fs.writeFileSync(f, 'create table t (a int);\nselect * from nope;\n');
    const r = sh(jsCli(`-f ${q(f)}`));
    assert.deepEqual(r, { out: `CREATE TABLE\npgmicro:${f}:2: ERROR:  relation "nope" does not exist\nLINE 1: select * from nope;\n                      ^\n`, code: 0 });
    if (hasNative) assert.deepEqual(r, sh(`${q(native)} -f ${q(f)}`));
    assert.equal(sh(jsCli('--nope')).code, 1);
    assert.match(sh(jsCli('--help')).out, /^pg-micro is PostgreSQL's SQL dialect/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('FILE: created, reopened, written by commits only, no journal left behind; not a database → exit 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-cli-'));
  const db = path.join(dir, 'app.db');
  try {
    assert.equal(sh(jsCli(q(db)), '').code, 0);
    assert.ok(fs.existsSync(db));  // an empty file is an empty SQLite database
    sh(jsCli(`-q ${q(db)}`), "create table users (id serial primary key, name text);\ninsert into users (name) values ('Alice');\n");
    assert.equal(fs.readFileSync(db).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
    // A transaction left open at the end is rolled back; a rolled back one changes nothing.
    sh(jsCli(`-q ${q(db)}`), "begin;\ninsert into users (name) values ('Ghost');\n");
    sh(jsCli(`-q ${q(db)}`), "begin;\ninsert into users (name) values ('Ghost');\nrollback;\n");
    const before = fs.statSync(db).mtimeMs;
    sh(jsCli(`-q ${q(db)}`), 'select 1;\n');  // read-only: the file is not rewritten
    assert.equal(fs.statSync(db).mtimeMs, before);
    // Committed in a block, and a sequence that continues across runs.
    sh(jsCli(`-q ${q(db)}`), "begin;\ninsert into users (name) values ('Bob');\ncommit;\n");
    const r = sh(jsCli(`-q ${q(db)}`), 'select id, name from users order by id;\n');
    // Sequences are not transactional (PostgreSQL's rule): both Ghosts used up an id.
    assert.equal(r.out, ' id | name  \n----+-------\n  1 | Alice\n  4 | Bob\n(2 rows)\n\n');
    assert.deepEqual(fs.readdirSync(dir), ['app.db']);  // no journal left behind
    if (hasNative) {
      // The native shell reads the file the CLI wrote, and the CLI reads the native shell's.
      assert.equal(sh(`${q(native)} -q ${q(db)}`, 'select id, name from users order by id;\n').out, r.out);
      const nativeDb = path.join(dir, 'native.db');
      sh(`${q(native)} -q ${q(nativeDb)}`, "create table n (v numeric(4,1));\ninsert into n values (2.5);\n");
      assert.equal(sh(jsCli(`-q ${q(nativeDb)}`), 'select v from n;\n').out, '  v  \n-----\n 2.5\n(1 row)\n\n');
    }
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'x'.repeat(5000));
    assert.deepEqual(sh(jsCli(q(junk)), ''),
      { out: `pg-micro: error: could not open database "${junk}": file is not a database\n`, code: 2 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('npx pg-micro: the npm-packed package, installed with npm (offline), runs as its bin', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-npx-'));
  try {
    const run = (cmd, args, input) => spawnSync(cmd, args, { cwd: dir, input, encoding: 'utf8', timeout: 120000 });
    const pack = run('npm', ['pack', path.join(root, 'js'), '--pack-destination', dir, '--silent']);
    assert.equal(pack.status, 0, pack.stderr);
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--silent',
      './' + pack.stdout.trim().split('\n').pop()]);
    assert.equal(install.status, 0, install.stderr);
    const r = run('npx', ['--no-install', 'pg-micro'], 'select 1;\n');
    assert.equal(r.stdout + r.stderr, ' ?column? \n----------\n        1\n(1 row)\n\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader that stops early (| head) ends the CLI quietly', () => {
  const input = Array.from({ length: 3000 }, (_, i) => `select ${i};`).join('\n') + '\n';
  const r = spawnSync('sh', ['-c', `${jsCli()} | head -2`], { input, encoding: 'utf8', timeout: 120000 });
  assert.equal(r.stdout, ' ?column? \n----------\n');
  assert.equal(r.stderr, '');  // no EPIPE stack trace
});

test('package.json names the CLI as the "pg-micro" bin', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'js/package.json'), 'utf8'));
  assert.equal(pkg.bin['pg-micro'], './cli.js');
  assert.ok(pkg.files.includes('cli.js'));
  assert.match(fs.readFileSync(cli, 'utf8'), /^#!\/usr\/bin\/env node\n/);
});
