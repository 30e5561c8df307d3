// Rough WASM timing (used to choose -Oz vs -O2, see CMakeLists.txt). Not a test.
// Usage: node tests/wasm/bench.mjs build-wasm/wasm/pgmicro.mjs
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const mjs = path.resolve(process.argv[2] ?? 'build-wasm/wasm/pgmicro.mjs');
const { default: c } = await import(pathToFileURL(mjs).href);
let t = performance.now();
const M = await c({ wasmBinary: fs.readFileSync(mjs.replace(/mjs$/, 'wasm')) });
const inst = performance.now() - t;
const { execute } = await import(new URL('../../js/wire.js', import.meta.url).href);
const db = new M.Database(':memory:');
const ex = (s) => { const r = execute(db, s); const e = r.find((x) => x.error); if (e) throw new Error(JSON.stringify(e.error)); return r; };
ex('CREATE TABLE t (id serial PRIMARY KEY, a integer, b text, c numeric(10,2))');
t = performance.now();
for (let i = 0; i < 200; i++) {
  const vals = []; for (let j = 0; j < 100; j++) vals.push(`(${i * 100 + j}, 'name ${j}', ${j}.25)`);
  ex('INSERT INTO t (a, b, c) VALUES ' + vals.join(','));
}
const ins = performance.now() - t;
t = performance.now();
for (let i = 0; i < 50; i++) ex('SELECT a % 10 AS k, count(*), sum(a), avg(c) FROM t GROUP BY 1 ORDER BY 1');
const agg = performance.now() - t;
t = performance.now();
for (let i = 0; i < 2000; i++) ex(`SELECT b FROM t WHERE id = ${i + 1}`);
const pt = performance.now() - t;
t = performance.now();
for (let i = 0; i < 5; i++) ex('SELECT * FROM t ORDER BY a DESC LIMIT 5000');
const scan = performance.now() - t;
console.log(`instantiate ${inst.toFixed(0)} ms; 20k-row insert ${ins.toFixed(0)} ms; 50 group-by ${agg.toFixed(0)} ms; 2000 point selects ${pt.toFixed(0)} ms; 5x5000-row select ${scan.toFixed(0)} ms`);
