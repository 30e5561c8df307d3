// Browser storage (issue 7) for real in Chromium (Debian's chromium driven by playwright-core):
// opfs:// and idb:// databases survive a reload, a page closed in the middle of a large
// transaction, a crashed renderer and a killed browser with their last committed state and a
// sound file (db.integrityCheck()); two pages share one database (and one takes over when the
// other goes); export() opens in Debian's sqlite3 and a sqlite3-made file imports; an exhausted
// quota fails with 53100 and loses nothing committed. One PASS:/FAIL: line per case.
// Usage: node tests/browser/storage.mjs <node_modules dir with playwright-core>
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const nm = path.resolve(process.argv[2] ?? path.join(root, '.cache/hosts/node_modules'));
const only = process.argv[3] ? new RegExp(process.argv[3]) : null;
const require = createRequire(path.join(nm, 'x.js'));
const pw = await import(pathToFileURL(require.resolve('playwright-core')).href);
const { chromium } = pw.chromium ? pw : pw.default;

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(root, p === '/' ? 'tests/browser/page.html' : p);
  const ok = (file.startsWith(path.join(root, 'js') + path.sep) || file.startsWith(path.join(root, 'tests/browser') + path.sep))
    && fs.existsSync(file) && fs.statSync(file).isFile();
  if (!ok) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const url = origin + '/';

const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-browser-'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-browser-files-'));
let ctx = null;

async function launch() {
  ctx = await chromium.launchPersistentContext(userDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function open() {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.ready, null, { timeout: 30000 });
  return page;
}

// The chromium processes of this run (their command line names our profile folder).
function browserPids() {
  const pids = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(userDir)) pids.push(Number(d));
    } catch { /* gone */ }
  }
  return pids;
}

function sqlite3(file, sql) {
  const r = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout;
}

function assertEq(got, want, what) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, want ${w}`);
}

let failed = 0;
async function check(name, fn) {
  if (only && !only.test(name)) return;
  const t = Date.now();
  try {
    await fn();
    console.log(`PASS: browser-storage/${name} (${Date.now() - t} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL: browser-storage/${name} — ${String(e?.stack ?? e).split('\n').slice(0, 3).join(' | ')}`);
  }
}

// In the page: connect(path) (kept in window.dbs[key]) and run SQL; rows as arrays.
const q = (page, key, sql, params = []) => page.evaluate(async ([key, sql, params]) =>
  (await window.dbs[key].query(sql, params, { rowMode: 'array' })).rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v))),
[key, sql, params]);
const connect = (page, key, p, dataB64) => page.evaluate(async ([key, p, dataB64]) => {
  window.dbs[key] = await window.pg.connect(p, { int8: 'number', ...(dataB64 ? { data: window.unb64(dataB64) } : {}) });
}, [key, p, dataB64]);
const integrity = (page, key) => page.evaluate((key) => window.dbs[key].integrityCheck(), key);
const closeDb = (page, key) => page.evaluate((key) => window.dbs[key].close(), key);

// In the page: commits `committed` rows one by one, then opens a transaction and inserts 4 MB
// per statement, 30 times, and leaves it open (pages spill to the file meanwhile).
function startWriter(page, p, committed) {
  return page.evaluate(async ([p, committed]) => {
    const db = await window.pg.connect(p);
    window.dbs.w = db;
    await db.exec('CREATE TABLE IF NOT EXISTS log (n int PRIMARY KEY, pad text); CREATE TABLE IF NOT EXISTS big (n int, pad text)');
    const [{ m }] = (await db.query('SELECT coalesce(max(n), 0) AS m FROM log')).rows;
    for (let n = m + 1; n <= m + committed; n++) {
      await db.query("INSERT INTO log VALUES ($1, repeat('x', 500))", [n]);
      window.acked = n;
    }
    window.big = 0;
    (async () => {
      await db.exec('BEGIN');
      for (let i = 0; i < 30; i++) {
        await db.query("INSERT INTO big SELECT g, repeat('y', 2000) FROM generate_series($1::int, $1::int + 1999) g", [i * 2000]);
        window.big = i + 1;
      }
    })();
    return window.acked;
  }, [p, committed]);
}

async function afterCrash(p, acked, how) {
  const page = await open();
  await connect(page, 'r', p);
  assertEq(await q(page, 'r', 'SELECT count(*), max(n) FROM log'), [[acked, acked]], `${how}: committed rows`);
  assertEq(await q(page, 'r', 'SELECT count(*) FROM big'), [[0]], `${how}: rows of the unfinished transaction`);
  assertEq(await integrity(page, 'r'), 'ok', `${how}: integrity_check`);
  // and the database still takes writes
  await q(page, 'r', "INSERT INTO log VALUES ($1, 'after')", [acked + 1]);
  assertEq(await q(page, 'r', 'SELECT count(*) FROM log'), [[acked + 1]], `${how}: write after reopening`);
  await closeDb(page, 'r');
  await page.close();
  return acked + 1;
}

try {
  await launch();

  for (const kind of ['opfs', 'idb']) {
    await check(`${kind}/reload-keeps-data`, async () => {
      const page = await open();
      const p = `${kind}://reload`;
      await connect(page, 'a', p);
      await q(page, 'a', 'CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL, at date)');
      await q(page, 'a', "INSERT INTO t (name, at) VALUES ('ada', '2024-02-29'), ('bob', '2023-01-01')");
      await page.reload();
      await page.waitForFunction(() => window.ready);
      await connect(page, 'a', p);
      assertEq(await q(page, 'a', 'SELECT id, name, at::text FROM t ORDER BY id'),
        [[1, 'ada', '2024-02-29'], [2, 'bob', '2023-01-01']], 'rows after reload');
      await q(page, 'a', "INSERT INTO t (name) VALUES ('cy')");
      assertEq(await q(page, 'a', 'SELECT max(id) FROM t'), [[3]], 'serial continues');
      assertEq(await integrity(page, 'a'), 'ok', 'integrity_check');
      await closeDb(page, 'a');
      await page.close();
    });
  }

  const progress = async (page) => {
    await page.waitForFunction(() => window.big >= 3, null, { timeout: 60000, polling: 100 });
    return page.evaluate(() => window.acked);
  };

  for (const kind of ['opfs', 'idb']) {
    const p = `${kind}://crash`;
    let acked = 0;
    await check(`${kind}/page-closed-mid-transaction`, async () => {
      const page = await open();
      acked = await startWriter(page, p, 100);
      await progress(page);
      await page.close({ runBeforeUnload: false });
      acked = await afterCrash(p, acked, 'page closed');
    });
    await check(`${kind}/renderer-crash-mid-transaction`, async () => {
      const page = await open();
      acked = await startWriter(page, p, 50);
      await progress(page);
      const cdp = await ctx.newCDPSession(page);
      await Promise.race([cdp.send('Page.crash').catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
      await page.close().catch(() => {});
      acked = await afterCrash(p, acked, 'renderer crashed');
    });
    await check(`${kind}/browser-killed-mid-transaction`, async () => {
      const page = await open();
      acked = await startWriter(page, p, 50);
      await progress(page);
      const pids = browserPids();
      if (!pids.length) throw new Error('no chromium process found');
      for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
      await ctx.close().catch(() => {});
      await launch();
      acked = await afterCrash(p, acked, 'browser killed');
    });
  }

  for (const kind of ['opfs', 'idb']) {
    await check(`${kind}/browser-killed-during-autocommit-writes`, async () => {
      const page = await open();
      await page.evaluate(async (p) => {
        const db = await window.pg.connect(p);
        await db.exec('CREATE TABLE IF NOT EXISTS a (n int PRIMARY KEY)');
        window.acked = 0;
        (async () => { for (let n = 1; ; n++) { await db.query('INSERT INTO a VALUES ($1)', [n]); window.acked = n; } })();
      }, `${kind}://autocommit`);
      await page.waitForFunction(() => window.acked >= 40, null, { timeout: 60000, polling: 50 });
      const acked = await page.evaluate(() => window.acked);
      for (const pid of browserPids()) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
      await ctx.close().catch(() => {});
      await launch();
      const again = await open();
      await connect(again, 'a', `${kind}://autocommit`);
      const [[count, max]] = await q(again, 'a', 'SELECT count(*), max(n) FROM a');
      if (count < acked || count !== max) throw new Error(`${count} rows (max ${max}) after ${acked} acknowledged commits`);
      assertEq(await integrity(again, 'a'), 'ok', 'integrity_check');
      await closeDb(again, 'a');
      await again.close();
    });
  }

  await check('opfs/pg-micro-inside-a-worker', async () => {
    const page = await open();
    const run = () => page.evaluate(() => new Promise((resolve) => {
      const w = new Worker('/tests/browser/worker.mjs', { type: 'module' });
      w.onmessage = (e) => { w.terminate(); resolve(e.data); };
      w.onerror = (e) => resolve({ error: e.message });
      w.postMessage('opfs://inworker');
    }));
    const first = await run();
    if (first.error) throw new Error(first.error);
    const second = await run();
    if (second.error) throw new Error(second.error);
    assertEq(second, { rows: [[1, 'worker'], [2, 'worker']], check: 'ok' }, 'rows from two Workers in turn');
    // The page (through its own Worker) reads what they wrote.
    await connect(page, 'w', 'opfs://inworker');
    assertEq(await q(page, 'w', 'SELECT count(*) FROM w'), [[2]], 'page reads it');
    await closeDb(page, 'w');
    await page.close();
  });

  await check('idb/pg-micro-worker-and-page-share-it', async () => {
    const page = await open();
    await page.evaluate(async () => {
      window.dbs.viaWorker = await window.pgw.connect('idb://viaworker', { int8: 'number' });
      await window.dbs.viaWorker.exec("CREATE TABLE IF NOT EXISTS v (id int PRIMARY KEY, who text); INSERT INTO v VALUES (1, 'worker')");
    });
    await connect(page, 'here', 'idb://viaworker');  // a client of the Worker, which owns it
    await q(page, 'here', "INSERT INTO v VALUES (2, 'page')");
    assertEq(await q(page, 'viaWorker', 'SELECT id, who FROM v ORDER BY id'), [[1, 'worker'], [2, 'page']], 'worker reads both');
    await closeDb(page, 'viaWorker');  // the page takes over
    await q(page, 'here', "INSERT INTO v VALUES (3, 'page')");
    assertEq(await q(page, 'here', 'SELECT count(*) FROM v'), [[3]], 'after the worker closed');
    await closeDb(page, 'here');
    await page.close();
  });

  for (const kind of ['opfs', 'idb']) {
    await check(`${kind}/two-pages-share-one-database`, async () => {
      const p = `${kind}://shared`;
      const a = await open(), b = await open();
      await connect(a, 'd', p);
      await q(a, 'd', 'CREATE TABLE IF NOT EXISTS s (id serial PRIMARY KEY, who text)');
      await connect(b, 'd', p);
      await q(a, 'd', "INSERT INTO s (who) VALUES ('a')");
      await q(b, 'd', "INSERT INTO s (who) VALUES ('b')");
      assertEq(await q(a, 'd', 'SELECT who FROM s ORDER BY id'), [['a'], ['b']], 'a reads both');
      assertEq(await q(b, 'd', 'SELECT who FROM s ORDER BY id'), [['a'], ['b']], 'b reads both');
      // b's open transaction block holds the database: a's write waits for its COMMIT.
      await q(b, 'd', 'BEGIN');
      await q(b, 'd', "INSERT INTO s (who) VALUES ('b2')");
      await a.evaluate(() => { window.late = window.dbs.d.query("INSERT INTO s (who) VALUES ('a2')").then(() => 'done'); window.lateDone = false; window.late.then(() => { window.lateDone = true; }); });
      await new Promise((r) => setTimeout(r, 300));
      assertEq(await a.evaluate(() => window.lateDone), false, "a's write waits for b's transaction");
      await q(b, 'd', 'COMMIT');
      assertEq(await a.evaluate(() => window.late), 'done', "a's write after b's COMMIT");
      assertEq(await q(b, 'd', 'SELECT who FROM s ORDER BY id'), [['a'], ['b'], ['b2'], ['a2']], 'order of commits');
      // A reader's transaction that is abandoned (its page closes) is rolled back by the owner.
      await q(b, 'd', 'BEGIN');
      await q(b, 'd', "INSERT INTO s (who) VALUES ('lost')");
      await b.close({ runBeforeUnload: false });
      await q(a, 'd', "INSERT INTO s (who) VALUES ('a3')");
      assertEq(await q(a, 'd', "SELECT count(*) FROM s WHERE who = 'lost'"), [[0]], 'abandoned block rolled back');
      // The owner goes away: the other page takes over.
      const c = await open();
      await connect(c, 'd', p);
      await a.close({ runBeforeUnload: false });
      await q(c, 'd', "INSERT INTO s (who) VALUES ('c')");
      assertEq(await q(c, 'd', 'SELECT who FROM s ORDER BY id'), [['a'], ['b'], ['b2'], ['a2'], ['a3'], ['c']], 'after takeover');
      assertEq(await integrity(c, 'd'), 'ok', 'integrity_check');
      await closeDb(c, 'd');
      await c.close();
    });
  }

  for (const kind of ['opfs', 'idb']) {
    await check(`${kind}/owner-closes-with-a-client-statement-queued`, async () => {
      const p = `${kind}://handover`;
      const a = await open(), b = await open();
      await connect(a, 'h', p);
      await q(a, 'h', 'CREATE TABLE IF NOT EXISTS h (who text)');
      await connect(b, 'h', p);
      await q(a, 'h', 'BEGIN');
      await q(a, 'h', "INSERT INTO h VALUES ('a-uncommitted')");
      await b.evaluate(() => { window.queued = window.dbs.h.query("INSERT INTO h VALUES ('b')").then(() => 'done', (e) => 'error: ' + e.message); });
      await new Promise((r) => setTimeout(r, 300));
      await closeDb(a, 'h');  // rolls back its block; b's statement goes to the next owner: b
      assertEq(await b.evaluate(() => window.queued), 'done', "b's queued statement");
      assertEq(await q(b, 'h', 'SELECT who FROM h'), [['b']], 'rows');
      await closeDb(b, 'h');
      await a.close(); await b.close();
    });
  }

  for (const kind of ['opfs', 'idb']) {
    await check(`${kind}/export-opens-in-sqlite3`, async () => {
      const page = await open();
      await connect(page, 'e', `${kind}://export`);
      await q(page, 'e', 'CREATE TABLE e (id int PRIMARY KEY, name text, n numeric(6,2), at timestamp)');
      await q(page, 'e', "INSERT INTO e VALUES (1, 'x', 1.5, '2024-01-02 03:04:05'), (2, 'y', NULL, NULL)");
      const b64 = await page.evaluate(async () => window.b64(await window.dbs.e.export()));
      await closeDb(page, 'e');
      await page.close();
      const file = path.join(tmp, `${kind}-export.db`);
      fs.writeFileSync(file, Buffer.from(b64, 'base64'));
      assertEq(sqlite3(file, 'SELECT id, name, at FROM e ORDER BY id; PRAGMA integrity_check;'),
        '1|x|2024-01-02 03:04:05\n2|y|\nok\n', 'sqlite3 reads the export');
    });
    await check(`${kind}/import-sqlite3-file`, async () => {
      const file = path.join(tmp, `${kind}-made.db`);
      fs.rmSync(file, { force: true });
      // Page sizes other than the default 4096, one smaller and one larger.
      sqlite3(file, `PRAGMA page_size = ${kind === 'idb' ? 1024 : 65536}; ` +
        "CREATE TABLE people (id integer PRIMARY KEY, name text, born date); " +
        "INSERT INTO people VALUES (1, 'Ada', '1815-12-10'), (2, 'Alan', '1912-06-23');");
      const page = await open();
      await connect(page, 'i', `${kind}://import`, fs.readFileSync(file).toString('base64'));
      assertEq(await q(page, 'i', "SELECT name, born + 1 FROM people WHERE born > '1900-01-01'").then((r) => r.map(([n, d]) => [n, String(d instanceof Date ? d.toISOString().slice(0, 10) : d)])),
        [['Alan', '1912-06-24']], 'query in the PostgreSQL dialect');
      await q(page, 'i', "INSERT INTO people (id, name) VALUES (3, 'Grace')");
      await closeDb(page, 'i');
      await page.reload();
      await page.waitForFunction(() => window.ready);
      await connect(page, 'i', `${kind}://import`);
      assertEq(await q(page, 'i', 'SELECT count(*) FROM people'), [[3]], 'imported database is stored');
      assertEq(await integrity(page, 'i'), 'ok', 'integrity_check');
      await closeDb(page, 'i');
      const bad = await page.evaluate((p) => window.pg.connect(p, { data: new Uint8Array(600).fill(7) }).then(() => 'opened', (e) => e.message), `${kind}://import`);
      if (!/not a SQLite database file/.test(bad)) throw new Error(`bytes that are not a database: ${bad}`);
      await connect(page, 'i', `${kind}://import`);
      assertEq(await q(page, 'i', 'SELECT count(*) FROM people'), [[3]], 'untouched by refused data');
      await closeDb(page, 'i');
      await page.close();
    });
  }

  for (const kind of ['opfs', 'idb']) {
    await check(`${kind}/quota-exhausted-53100`, async () => {
      const page = await open();
      const cdp = await ctx.newCDPSession(page);
      const p = `${kind}://quota`;
      await connect(page, 'f', p);
      await q(page, 'f', 'CREATE TABLE IF NOT EXISTS f (n int, pad text)');
      await q(page, 'f', "INSERT INTO f SELECT g, repeat('z', 1000) FROM generate_series(1, 100) g");
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 4 * 1024 * 1024 });
      const err = await page.evaluate(async () => {
        const db = window.dbs.f;
        // Random text (IndexedDB compresses what it stores: repeated bytes would fit any quota).
        const random = () => {
          const b = new Uint8Array(250000);
          for (let i = 0; i < b.length; i += 65536) crypto.getRandomValues(b.subarray(i, i + 65536));
          return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
        };
        for (let i = 1; i <= 200; i++) {
          const pad = random();
          try {
            await db.query('INSERT INTO f SELECT g, substr($1, (g - 1) * 1000 + 1, 1000) FROM generate_series(1, 500) g', [pad]);
          } catch (e) { return { code: e.code, message: e.message, at: i }; }
        }
        return null;
      });
      if (!err) throw new Error('no error after 100 MB of inserts under a 4 MB quota');
      assertEq(err.code, '53100', `SQLSTATE (${err.message})`);
      if (!/could not extend file/.test(err.message)) throw new Error(`message: ${err.message}`);
      const want = 100 + (err.at - 1) * 500;
      assertEq(await q(page, 'f', 'SELECT count(*) FROM f'), [[want]], 'rows after the failure');
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await closeDb(page, 'f');
      await page.close();
      const again = await open();
      await connect(again, 'f', p);
      assertEq(await q(again, 'f', 'SELECT count(*) FROM f'), [[want]], 'committed rows after reopening');
      assertEq(await integrity(again, 'f'), 'ok', 'integrity_check');
      await closeDb(again, 'f');
      await again.close();
    });
  }
} catch (e) {
  failed++;
  console.log(`FAIL: browser-storage/run — ${String(e?.stack ?? e).split('\n').slice(0, 4).join(' | ')}`);
} finally {
  await ctx?.close().catch(() => {});
  for (const pid of browserPids()) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  server.close();
  fs.rmSync(userDir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
