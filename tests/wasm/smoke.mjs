// WASM smoke test (Node 20): loads the ES module build with wasmBinary read through fs
// (Node cannot fetch a file path), opens :memory:, runs real statements through the bulk
// input/result-batch format (js/wire.js), checks the results.
// Usage: node tests/wasm/smoke.mjs [path/to/pgmicro.mjs]   Prints PASS:/FAIL: lines.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mjs = path.resolve(process.argv[2] ?? path.join(root, 'build-wasm/wasm/pgmicro.mjs'));
const wasmPath = mjs.replace(/\.mjs$/, '.wasm');

let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`PASS: wasm/${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL: wasm/${name}`);
    console.log(String(e?.stack ?? e).split('\n').slice(0, 8).map((l) => '    ' + l).join('\n'));
  }
}

let Module, db;
await check('load', async () => {
  const { default: createPgmicro } = await import(pathToFileURL(mjs).href);
  const t0 = performance.now();
  Module = await createPgmicro({ wasmBinary: fs.readFileSync(wasmPath) });
  const ms = performance.now() - t0;
  console.log(`    instantiated in ${ms.toFixed(1)} ms`);
  assert.equal(typeof Module.Database, 'function');
});
if (!Module) { console.log('FAIL: wasm/remaining (module did not load)'); process.exit(1); }

await check('open-memory', () => {
  db = new Module.Database(':memory:');
  assert.equal(db.transactionStatus(), 'I');
});

const { execute } = await import(pathToFileURL(path.join(root, 'js/wire.js')).href);
const one = (sql, params) => {
  const rs = execute(db, sql, params);
  assert.ok(Array.isArray(rs), 'execute returns an array');
  return rs;
};

await check('create-insert-select', () => {
  let rs = one('CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT, email TEXT, n integer)');
  assert.equal(rs.length, 1);
  assert.equal(rs[0].error, null);
  assert.equal(rs[0].command, 'CREATE TABLE');
  rs = one("INSERT INTO users (name, email, n) VALUES ('ann', 'ann@example.com', 7), ('bob', NULL, -3)");
  assert.equal(rs[0].error, null);
  assert.equal(rs[0].command, 'INSERT 0 2');
  rs = one('SELECT id, name, email, n * 2 AS twice FROM users ORDER BY id');
  const r = rs[0];
  assert.equal(r.error, null);
  assert.equal(r.command, 'SELECT 2');
  assert.deepEqual(r.columns.map((c) => [c.name, c.typeOid]),
    [['id', 23], ['name', 25], ['email', 25], ['twice', 23]]);
  assert.deepEqual(r.rows, [['1', 'ann', 'ann@example.com', '14'], ['2', 'bob', null, '-6']]);
});

await check('multi-statement-and-types', () => {
  const rs = one("SELECT 1 AS a; SELECT 'héllo ☃'::text AS s, true AS b, 7 / 2 AS q");
  assert.equal(rs.length, 2);
  assert.deepEqual(rs[0].rows, [['1']]);
  assert.deepEqual(rs[1].rows, [['héllo ☃', 't', '3']]);
  assert.deepEqual(rs[1].columns.map((c) => c.typeOid), [25, 16, 23]);
});

await check('params', () => {
  const rs = one('SELECT name FROM users WHERE n > $1::integer ORDER BY id', ['0']);
  assert.equal(rs[0].error, null, JSON.stringify(rs[0].error));
  assert.deepEqual(rs[0].rows, [['ann']]);
});

await check('error-undefined-table', () => {
  const rs = one('SELECT * FROM no_such_table');
  assert.equal(rs.length, 1);
  const e = rs[0].error;
  assert.ok(e, 'error is set');
  assert.equal(e.code, '42P01');
  assert.equal(e.message, 'relation "no_such_table" does not exist');
  assert.equal(e.position, 15);
});

await check('error-division-by-zero', () => {
  const e = one('SELECT 1 / 0')[0].error;
  assert.equal(e?.code, '22012');
  assert.equal(e.message, 'division by zero');
});

await check('error-syntax-stops-batch', () => {
  const rs = one("INSERT INTO users (name) VALUES ('carl'); SELEC 1; SELECT 2");
  const last = rs[rs.length - 1];
  assert.equal(last.error?.code, '42601');
  assert.match(last.error.message, /syntax error at or near "SELEC"/);
  assert.ok(!rs.some((r) => r.command === 'SELECT 1' && r.rows?.[0]?.[0] === '2'), 'stopped at the error');
});

await check('error-unique-detail', () => {
  const e = one("INSERT INTO users (id, name) VALUES (1, 'dup')")[0].error;
  assert.equal(e?.code, '23505');
  assert.equal(e.detail, 'Key (id)=(1) already exists.');
});

await check('transaction-aborted-block', () => {
  one('BEGIN');
  assert.equal(db.transactionStatus(), 'T');
  one('SELECT 1/0');
  assert.equal(db.transactionStatus(), 'E');
  assert.equal(one('SELECT 1')[0].error?.code, '25P02');
  one('ROLLBACK');
  assert.equal(db.transactionStatus(), 'I');
  assert.deepEqual(one('SELECT count(*) FROM users')[0].rows, [['2']]);
});

const { describe, executeWithTypes } = await import(pathToFileURL(path.join(root, 'js/wire.js')).href);

await check('describe', () => {
  let d = describe(db, 'SELECT id, n + 1 AS m FROM users WHERE name = $1 LIMIT $2');
  assert.equal(d.error, null, JSON.stringify(d.error));
  assert.deepEqual(d.paramTypes, [25, 20]);
  assert.equal(d.returnsRows, true);
  assert.deepEqual(d.columns.map((c) => [c.name, c.typeOid, c.typmod, c.tableOid !== 0, c.columnNumber]),
    [['id', 23, -1, true, 1], ['m', 23, -1, false, 0]]);
  d = describe(db, 'INSERT INTO users (name, n) VALUES ($1, $2)', [0, 20]);
  assert.deepEqual([d.paramTypes, d.returnsRows, d.columns], [[25, 20], false, []]);
  d = describe(db, 'SELECT 1; SELECT 2');
  assert.equal(d.error?.code, '42601');
  assert.equal(d.error.message, 'cannot insert multiple commands into a prepared statement');
  d = describe(db, 'SELECT nope FROM users');
  assert.deepEqual([d.error?.code, d.error?.position], ['42703', 8]);
  assert.equal(one('SELECT count(*) FROM users')[0].rows[0][0], '2');  // nothing ran
});

await check('execute-with-types', () => {
  let rs = executeWithTypes(db, 'SELECT name FROM users WHERE n = $1', ['7'], [20]);
  assert.equal(rs[0].error, null, JSON.stringify(rs[0].error));
  assert.deepEqual(rs[0].rows, [['ann']]);
  assert.ok(rs[0].columns[0].tableOid > 0);
  assert.equal(rs[0].columns[0].columnNumber, 2);
  rs = executeWithTypes(db, 'SELECT name FROM users WHERE name = $1', ['7'], [23]);
  assert.equal(rs[0].error?.code, '42883');
});

await check('close', () => {
  db.close();
  assert.throws(() => execute(db, 'SELECT 1'), /closed/);
  db.delete();
});

process.exit(failed ? 1 : 0);
