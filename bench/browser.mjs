// Browser storage figures (issue 7) in Chromium (Debian's chromium via playwright-core, as
// tests/suites/39-browser-storage.sh installs it): the benchmark's W2 (10 000 users + 100 000
// orders in one transaction) and W6 (1 000 autocommit single-row inserts: one durable commit
// each) on ':memory:', 'opfs://' (from a page: the engine in a Worker) and 'idb://' (main
// thread), the statements exactly as bench/child.mjs runs them; W6 again from a second page
// whose statements go to the first page's context; then, for a 50 MB idb://
// database, opening it (one getAll of every page) against reading the same pages one get()
// at a time (what loading them lazily would cost).
// Usage: node bench/browser.mjs [node_modules dir with playwright-core]
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const nm = path.resolve(process.argv[2] ?? path.join(root, '.cache/browser-storage/node_modules'));
const require = createRequire(path.join(nm, 'x.js'));
const pw = await import(pathToFileURL(require.resolve('playwright-core')).href);
const { chromium } = pw.chromium ? pw : pw.default;

const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(root, p === '/' ? 'tests/browser/page.html' : p);
  if (!(file.startsWith(path.join(root, 'js') + path.sep) || file.startsWith(path.join(root, 'tests/browser') + path.sep)) ||
      !fs.existsSync(file)) { res.writeHead(404).end(); return; }
  const type = { '.html': 'text/html', '.wasm': 'application/wasm' }[path.extname(file)] ?? 'text/javascript';
  res.writeHead(200, { 'content-type': type });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-bench-browser-'));
const ctx = await chromium.launchPersistentContext(userDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await ctx.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.ready);
  const rows = [];
  for (const where of (process.env.BENCH_ONLY ?? ':memory:,opfs://bench,idb://bench').split(',').filter(Boolean)) {
    const r = await page.evaluate(async (where) => {
      const N_USERS = 10000, N_ORDERS = 100000, N_SINGLE = 1000;
      const STATUS = ['new', 'paid', 'shipped', 'cancelled', 'refunded'];
      const pad = (n) => String(n).padStart(2, '0');
      const ts = (i) => { const m = i % 1440; return `2024-${pad(1 + (i % 12))}-${pad(1 + (i % 28))} ${pad(m / 60 | 0)}:${pad(m % 60)}:00`; };
      const amount = (j) => { const c = (j * 7919) % 100000; return `${(c / 100) | 0}.${pad(c % 100)}`; };
      const user = (i) => [`user${i}`, `user${i}@example.com`, 18 + (i % 60), ts(i)];
      const db = await window.pg.connect(where, { dates: 'string', int8: 'number' });
      await db.exec('DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS orders');
      await db.exec('CREATE TABLE users (id serial PRIMARY KEY, name text, email text, age int, created_at timestamp)');
      await db.exec('CREATE TABLE orders (id serial PRIMARY KEY, user_id int, amount numeric(10,2), status text)');
      let t = performance.now();
      await db.exec('BEGIN');
      const iu = db.prepare('INSERT INTO users (name, email, age, created_at) VALUES ($1, $2, $3, $4)');
      for (let i = 1; i <= N_USERS; i++) await iu.run(user(i));
      const io = db.prepare('INSERT INTO orders (user_id, amount, status) VALUES ($1, $2, $3)');
      for (let j = 1; j <= N_ORDERS; j++) await io.run([1 + ((j * 31) % N_USERS), amount(j), STATUS[j % 5]]);
      await db.exec('COMMIT');
      const w2 = performance.now() - t;
      t = performance.now();
      for (let i = N_USERS + 1; i <= N_USERS + N_SINGLE; i++) await iu.run(user(i));
      const w6 = performance.now() - t;
      const [{ count }] = (await db.query('SELECT count(*) FROM users')).rows;
      await db.close();
      return { where, w2, w6, users: count };
    }, where);
    rows.push(r);
    console.log(`${r.where.padEnd(13)} W2 ${(r.w2 / 1000).toFixed(2)} s   W6 ${r.w6.toFixed(0)} ms (${(r.w6 / 1000).toFixed(2)} ms/commit)   users ${r.users}`);
  }

  // W6 from a second page: a client whose statements the first page's context runs.
  for (const where of ['opfs://bench2', 'idb://bench2']) {
    const owner = await ctx.newPage();
    await owner.goto(page.url());
    await owner.waitForFunction(() => window.ready);
    await owner.evaluate(async (where) => {
      window.db = await window.pg.connect(where);
      await window.db.exec('DROP TABLE IF EXISTS users; CREATE TABLE users (id serial PRIMARY KEY, name text, email text, age int, created_at timestamp)');
    }, where);
    const ms = await page.evaluate(async (where) => {
      const db = await window.pg.connect(where);
      const iu = db.prepare('INSERT INTO users (name, email, age, created_at) VALUES ($1, $2, $3, $4)');
      const t = performance.now();
      for (let i = 1; i <= 1000; i++) await iu.run([`user${i}`, `user${i}@example.com`, 18 + (i % 60), '2024-01-01 00:00:00']);
      const ms = performance.now() - t;
      await db.close();
      return ms;
    }, where);
    await owner.evaluate(() => window.db.close());
    await owner.close();
    console.log(`${where.padEnd(13)} W6 from a second page (client of the owner): ${ms.toFixed(0)} ms (${(ms / 1000).toFixed(2)} ms/commit)`);
  }

  // What one OPFS flush costs here (a Worker: 4 KiB written + flush(), 200 times).
  const flushMs = await page.evaluate(async () => {
    const src = `onmessage = async () => {
      const dir = await navigator.storage.getDirectory();
      const h = await (await dir.getFileHandle('flush-probe', { create: true })).createSyncAccessHandle();
      const page = new Uint8Array(4096);
      const t = performance.now();
      for (let i = 0; i < 200; i++) { h.write(page, { at: i * 4096 }); h.flush(); }
      const ms = (performance.now() - t) / 200;
      h.close();
      postMessage(ms);
    };`;
    const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    const ms = await new Promise((r) => { w.onmessage = (e) => r(e.data); w.postMessage(0); });
    w.terminate();
    return ms;
  });
  console.log(`opfs: one 4 KiB write + flush() ${flushMs.toFixed(2)} ms`);

  // 50 MB in IndexedDB: load at open vs page by page.
  const load = await page.evaluate(async () => {
    const db = await window.pg.connect('idb://fifty');
    await db.exec('DROP TABLE IF EXISTS blob; CREATE TABLE blob (n int, pad text)');
    await db.exec("INSERT INTO blob SELECT g, repeat('x', 3600) FROM generate_series(1, 14000) g");
    const [{ size }] = (await db.query("SELECT sum(length(pad)) AS size FROM blob")).rows;
    await db.close();
    let t = performance.now();
    const again = await window.pg.connect('idb://fifty');
    const [{ count }] = (await again.query('SELECT count(*) FROM blob')).rows;
    const openAll = performance.now() - t;
    await again.close();
    const idb = await new Promise((res, rej) => { const r = indexedDB.open('pg-micro:fifty'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    t = performance.now();
    const store = idb.transaction('pages').objectStore('pages');
    const all = await req(store.getAll());
    const getAll = performance.now() - t;
    t = performance.now();
    const tx = idb.transaction('pages');
    const os = tx.objectStore('pages');
    await Promise.all(all.map((_, i) => req(os.get(i))));
    const perPage = performance.now() - t;
    const chunked = {};
    for (const chunk of [64, 512, 2048]) {
      t = performance.now();
      const tx2 = idb.transaction('pages');
      const os2 = tx2.objectStore('pages');
      const reads = [];
      for (let first = 0; first < all.length; first += chunk) reads.push(req(os2.getAll(IDBKeyRange.bound(first, first + chunk - 1))));
      await Promise.all(reads);
      chunked[chunk] = performance.now() - t;
    }
    idb.close();
    return { chunked, pages: all.length, mb: (all.length * 4096) / 1048576, size: Number(size), count: Number(count), openAll, getAll, perPage };
  });
  console.log(`idb 50 MB: ${load.pages} pages (${load.mb.toFixed(1)} MB, ${load.count} rows): connect + first query ${load.openAll.toFixed(0)} ms; ` +
    `one getAll ${load.getAll.toFixed(0)} ms; ${load.pages} single get()s ${load.perPage.toFixed(0)} ms; ` +
    Object.entries(load.chunked).map(([k, v]) => `getAll per ${k} pages ${v.toFixed(0)} ms`).join('; '));
} finally {
  await ctx.close();
  server.close();
  fs.rmSync(userDir, { recursive: true, force: true });
}
