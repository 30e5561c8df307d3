// The playground (demo/) for real: the built page (demo/dist) served by demo/serve.mjs on a
// local port and driven in Debian's Chromium with playwright-core. Cold load (time to first
// result, fresh profile), every example with its rows checked, an error with its message and
// the editor's marker, a table kept across a reload (OPFS), export opened by Debian's sqlite3,
// import of that file, a share link, 100 000 rows without freezing the page, cancelling a
// long statement, a psql meta-command, EXPLAIN as a tree, the page's weight (gzip). Screenshots
// of the main states land in build/playground-shots/ (git-ignored, per worktree). One PASS:/FAIL: line per case.
// Usage: node tests/playground/run.mjs <node_modules dir with playwright-core> [case regexp]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { EXPECT } from './expect.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const nm = path.resolve(process.argv[2] ?? path.join(root, 'demo/node_modules'));
const only = process.argv[3] ? new RegExp(process.argv[3]) : null;
const require = createRequire(path.join(nm, 'x.js'));
const pw = await import(pathToFileURL(require.resolve('playwright-core')).href);
const { chromium } = pw.chromium ? pw : pw.default;
const { createServer } = await import(pathToFileURL(path.join(root, 'demo/serve.mjs')).href);

const dist = path.join(root, 'demo/dist');
const shots = path.join(root, 'build/playground-shots');
fs.mkdirSync(shots, { recursive: true });
const server = createServer(dist);
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-playground-'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-playground-files-'));

let failed = 0;
async function test(name, fn) {
  if (only && !only.test(name)) return;
  const t0 = Date.now();
  try {
    const note = await fn();
    console.log(`PASS: playground/${name} (${Date.now() - t0} ms)${note ? ` — ${note}` : ''}`);
  } catch (e) {
    failed++;
    console.log(`FAIL: playground/${name} — ${String(e?.stack ?? e).split('\n').slice(0, 4).join(' | ')}`);
  }
}
function assert(cond, what) { if (!cond) throw new Error(what); }
function assertEq(got, want, what) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, want ${w}`);
}

const ctx = await chromium.launchPersistentContext(userDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] ?? await ctx.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('dialog', (d) => d.accept(d.type() === 'prompt' ? d.defaultValue() : undefined));

const setBuffer = (p, text) => p.evaluate((t) => window.playground.editor.setDoc(t), text);
const getBuffer = (p) => p.evaluate(() => window.playground.editor.getDoc());
const run = (p) => p.evaluate(() => window.playground.run());
const ready = (p) => p.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 60000 });

// Every result block: the tag, error fields, column names/types, the current page's cells.
function readResults(p) {
  return p.$$eval('#results .result', (blocks) => blocks.map((b) => ({
    tag: b.querySelector('.tag')?.textContent ?? null,
    count: b.querySelector('.count')?.textContent ?? null,
    error: b.querySelector('.error-message')?.textContent ?? null,
    detail: b.querySelector('.error .detail')?.textContent ?? null,
    hint: b.querySelector('.error .hint')?.textContent ?? null,
    columns: [...b.querySelectorAll('table.rows thead th')].map((th) => [th.querySelector('.col-name').textContent, th.querySelector('.col-type').textContent]),
    rows: [...b.querySelectorAll('table.rows tbody tr')].map((tr) => [...tr.children].map((td) => (td.classList.contains('null') ? null : td.textContent))),
    shell: b.querySelector('pre.shell-output')?.textContent ?? null,
    notices: [...b.querySelectorAll('.notice')].map((n) => n.textContent),
    plan: b.querySelectorAll('.plan-node').length,
    tree: [...b.querySelectorAll('.plan-tree .plan-name')].map((n) => n.textContent),
    extra: [...b.querySelectorAll('.plan-extra')].map((n) => n.textContent),
    records: [...b.querySelectorAll('table.record')].map((t) => [...t.querySelectorAll('tr')].map((tr) => [tr.children[0].textContent, tr.children[1].textContent])),
    pager: b.querySelector('.pager-info')?.textContent ?? null,
  })));
}
const shot = (p, name) => p.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });

// ---- page weight (gzip -9 of what the first load fetches, and of everything)
const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
function weights() {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const first = new Set(['index.html']);
  for (const m of html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)) first.add(m[1]);
  let firstGz = 0;
  for (const f of first) firstGz += gz(path.join(dist, f));
  let allGz = 0, wasmGz = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (!e.name.startsWith('.')) { const g = gz(f); allGz += g; if (f.endsWith('.wasm')) wasmGz += g; }
    }
  };
  walk(dist);
  return { first: [...first], firstGz, allGz, wasmGz };
}

await test('weight', () => {
  const w = weights();
  assert(w.firstGz < 250 * 1024, `first load ${w.firstGz} B gzip is over 250 KB`);
  console.log(`playground weight: first load ${w.firstGz} B gzip -9 (HTML+JS+CSS, before the engine); whole page ${w.allGz} B gzip -9`);
  return `first load (${w.first.join(' + ')}) ${w.firstGz} B gzip -9; whole page ${w.allGz} B gzip -9 (pgmicro.wasm ${w.wasmGz} B)`;
});

// ---- cold load: fresh profile, page open → the welcome SELECT's result shown
await test('cold-load', async () => {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('.cm-content');
  const editorMs = Date.now() - t0;
  const engineWasReady = await page.evaluate(() => document.body.dataset.engine === 'ready');
  await page.click('#run');
  await page.waitForSelector('#results table.rows tbody tr', { timeout: 60000 });
  const firstResultMs = Date.now() - t0;
  const [r] = await readResults(page);
  assertEq(r.rows[0].slice(0, 4), ['hello, world', '42', null, 't'], 'welcome row');
  assertEq(r.columns.map((c) => c.join(':')).slice(0, 3), ['greeting:text', 'answer:integer', 'nothing:text'], 'columns with types');
  const isolated = await page.evaluate(() => crossOriginIsolated);
  console.log(`playground cold load: first result after ${firstResultMs} ms (fresh profile; editor after ${editorMs} ms)`);
  await shot(page, 'light-results');
  return `time to first result ${firstResultMs} ms (editor usable after ${editorMs} ms, engine ${engineWasReady ? 'already' : 'not yet'} ready then); crossOriginIsolated=${isolated}`;
});

// ---- examples
if (page.url() === 'about:blank') await page.goto(url);  // when cold-load was filtered out
const examples = await page.evaluate(() => [...document.querySelectorAll('#examples option')].map((o) => o.value).filter(Boolean));
for (const id of examples) {
  await test(`example/${id}`, async () => {
    await ready(page);
    await page.selectOption('#examples', id);
    await run(page);
    const results = await readResults(page);
    const check = EXPECT[id];
    assert(check, `no expectation for example ${id}`);
    check(results, { assert, assertEq });
    if (id === 'fk-schema') await shot(page, 'error-detail');
    if (id === 'explain') {
      await page.$eval('#results .result:nth-last-child(2)', (e) => e.scrollIntoView({ block: 'start' }));
      await shot(page, 'explain-tree');
    }
    if (id === 'meta') await shot(page, 'meta-commands');
  });
}

// ---- the EXPLAIN tree from PostgreSQL's text format (the parser alone, no engine)
await test('explain-parse', async () => {
  const { parsePlan } = await import(pathToFileURL(path.join(root, 'demo/src/explain.js')).href);
  const { roots, extra } = parsePlan([
    'Sort  (cost=1.1..1.2 rows=3 width=40)',
    '  Sort Key: (count(*)) DESC',
    '  ->  HashAggregate  (cost=1.0..1.1 rows=3 width=40)',
    '        Group Key: category',
    '        ->  Seq Scan on items  (cost=0.00..1.0 rows=3 width=32)',
    '              Filter: (price > \'10\'::numeric)',
    '  ->  Index Scan using items_pkey on items i2  (cost=0.1..8.2 rows=1 width=4)',
    '        Index Cond: (id = 1)',
    'Planning Time: 0.1 ms',
  ]);
  assertEq(roots.length, 1, 'one root');
  const [sort] = roots;
  assertEq(sort.label, 'Sort  (cost=1.1..1.2 rows=3 width=40)', 'root');
  assertEq(sort.props, ['Sort Key: (count(*)) DESC'], 'root props');
  assertEq(sort.children.map((c) => c.label.split('  ')[0]), ['HashAggregate', 'Index Scan using items_pkey on items i2'], 'children');
  assertEq(sort.children[0].props, ['Group Key: category'], 'child props');
  assertEq(sort.children[0].children[0].props, ["Filter: (price > '10'::numeric)"], 'grandchild props');
  assertEq(sort.children[1].props, ['Index Cond: (id = 1)'], 'second child props');
  assertEq(extra, ['Planning Time: 0.1 ms'], 'trailing lines');
});

// ---- an error: message, HINT, the editor's marker at the position, keyboard run
await test('error-marker', async () => {
  await setBuffer(page, 'SELECT 1;\nSELECT length(1, 2) AS x;\nSELECT 3;');
  await page.click('.cm-content');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => !document.body.dataset.running && document.querySelector('#results .error'));
  const results = await readResults(page);
  assertEq(results.length, 2, 'stopped at the error (2 blocks)');
  assert(/function length\(integer, integer\) does not exist/.test(results[1].error), `message: ${results[1].error}`);
  assert(/SQLSTATE 42883/.test(results[1].error), 'SQLSTATE shown');
  assert(/^HINT: No function matches/.test(results[1].hint ?? ''), `hint: ${results[1].hint}`);
  await page.waitForSelector('.cm-lintRange-error');
  const marked = await page.$eval('.cm-lintRange-error', (e) => e.textContent);
  assertEq(marked, 'length', 'marked text');
  await shot(page, 'error-marker');
});

// ---- the selection runs alone and its error is marked at the right place of the buffer
await test('selection-and-positions', async () => {
  await setBuffer(page, "SELECT 'not this';\nSELECT 'ab' || nosuch AS s, 'ü😀' AS t;\nSELECT 'nor this';");
  await page.evaluate(() => {
    const v = window.playground.editor.view;
    const line = v.state.doc.line(2);
    v.dispatch({ selection: { anchor: line.from, head: line.to } });
  });
  await page.click('#run');
  await page.waitForFunction(() => !document.body.dataset.running && document.querySelector('#results .error'));
  const results = await readResults(page);
  assertEq(results.length, 1, 'only the selection ran');
  assert(/column "nosuch" does not exist/.test(results[0].error), `error: ${results[0].error}`);
  await page.waitForSelector('.cm-lintRange-error');
  assertEq(await page.$eval('.cm-lintRange-error', (e) => e.textContent), 'nosuch', 'marked text');
  // Positions count characters (code points), as PostgreSQL's do; the buffer is UTF-16.
  const { splitStatements, positionToOffset } = await import(pathToFileURL(path.join(root, 'demo/src/split.js')).href);
  const buf = "SELECT 1;\n/* c; */ SELECT 'ü😀;' || $q$a;b$q$ || E'x\\';y' || nosuch;\n\\dt\nSELECT 3";
  const pieces = splitStatements(buf);
  assertEq(pieces.map((p) => [p.kind, p.text]), [['sql', 'SELECT 1;'], ['sql', "SELECT 'ü😀;' || $q$a;b$q$ || E'x\\';y' || nosuch;"], ['meta', '\\dt'], ['sql', 'SELECT 3']], 'split');
  const at = positionToOffset(pieces[1], [...pieces[1].text].indexOf('n') + 1);
  assertEq(buf.slice(at, at + 6), 'nosuch', 'code-point position → UTF-16 offset');
});

// ---- OPFS persistence across a reload; the schema panel; click → SELECT
await test('persist-reload', async () => {
  await setBuffer(page, "DROP TABLE IF EXISTS kept;\nCREATE TABLE kept (id int PRIMARY KEY, note text);\nINSERT INTO kept VALUES (1, 'survives reloads');");
  await run(page);
  await page.waitForSelector('#schema [data-table="kept"]');
  await page.reload();
  await ready(page);
  const storage = await page.textContent('#storage');
  assert(storage.startsWith('opfs://'), `storage ${storage}`);
  await page.waitForSelector('#schema [data-table="kept"]', { timeout: 10000 });
  await setBuffer(page, '');
  await page.click('#schema [data-table="kept"]');
  const buf = await getBuffer(page);
  assertEq(buf.trim(), 'SELECT * FROM kept LIMIT 100;', 'inserted SELECT');
  await run(page);
  const [r] = await readResults(page);
  assertEq(r.rows, [['1', 'survives reloads']], 'rows after reload');
  return storage;
});

// ---- export → sqlite3; import the file back
let exported = null;
await test('export-sqlite3', async () => {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-db')]);
  exported = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(exported);
  const r = spawnSync('sqlite3', [exported, 'PRAGMA integrity_check; SELECT id, note FROM kept;'], { encoding: 'utf8' });
  assertEq(r.status, 0, `sqlite3 exit (${r.stderr})`);
  assertEq(r.stdout, 'ok\n1|survives reloads\n', 'sqlite3 output');
  return `${path.basename(exported)} ${fs.statSync(exported).size} B`;
});

await test('import-drop', async () => {
  assert(exported, 'needs the export');
  // A file dropped on the page, as a person drags one from their file manager.
  const bytes = [...fs.readFileSync(exported)];
  await page.evaluate((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], 'main.db', { type: 'application/octet-stream' }));
    document.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await page.waitForFunction(() => document.querySelector('#db').value !== 'main' && document.body.dataset.engine === 'ready', null, { timeout: 30000 });
  const name = await page.$eval('#db', (s) => s.value);
  await page.waitForSelector('#schema [data-table="kept"]');
  await setBuffer(page, 'SELECT note FROM kept;');
  await run(page);
  const [r] = await readResults(page);
  assertEq(r.rows, [['survives reloads']], 'rows of the imported database');
  // the file input (Import .db button) takes the same path
  await page.setInputFiles('#import-file', exported);
  await page.waitForFunction((n) => document.querySelector('#db').value !== n && document.body.dataset.engine === 'ready', name, { timeout: 30000 });
  await page.waitForSelector('#schema [data-table="kept"]');
  await page.selectOption('#db', 'main');
  await ready(page);
  return `imported as "${name}" (drop) and "${await page.evaluate(() => [...document.querySelectorAll('#db option')].map((o) => o.value).pop())}" (file input)`;
});

// ---- New database: an empty one, listed, switching back keeps the others
await test('new-database', async () => {
  const before = await page.$$eval('#db option', (os) => os.map((o) => o.value));
  await page.click('#new-db');   // the prompt is accepted with its suggested name
  await page.waitForFunction((n) => document.querySelectorAll('#db option').length === n + 1 && document.body.dataset.engine === 'ready', before.length, { timeout: 30000 });
  const name = await page.$eval('#db', (s) => s.value);
  assert(!before.includes(name), `new name ${name}`);
  await page.waitForSelector('#schema .muted');
  assert(/No tables yet/.test(await page.textContent('#schema')), 'the new database is empty');
  await page.selectOption('#db', 'main');
  await ready(page);
  await page.waitForSelector('#schema [data-table="kept"]');
  return `created "${name}"`;
});

// ---- Reset empties a database, Delete removes it from the list
await test('reset-delete', async () => {
  await page.selectOption('#db', 'main-2');
  await ready(page);
  await page.waitForSelector('#schema [data-table="kept"]');
  await page.click('#reset-db');  // confirm() accepted
  await page.waitForFunction(() => /No tables yet/.test(document.querySelector('#schema').textContent), null, { timeout: 30000 });
  await page.click('#delete-db');
  await page.waitForFunction(() => ![...document.querySelectorAll('#db option')].some((o) => o.value === 'main-2') && document.body.dataset.engine === 'ready', null, { timeout: 30000 });
  assertEq(await page.$eval('#db', (s) => s.value), 'main', 'back on the first database');
  await page.waitForSelector('#schema [data-table="kept"]');
});

// ---- the schema panel after DDL: schemas, columns with types, indexes, views, sequences, enums
await test('schema-panel', async () => {
  await setBuffer(page, `DROP SCHEMA IF EXISTS app CASCADE;
DROP TYPE IF EXISTS mood;
CREATE SCHEMA app;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE app.things (id bigint PRIMARY KEY, label varchar(20) NOT NULL, feeling mood);
CREATE INDEX things_label ON app.things (label);
CREATE VIEW app.happy AS SELECT * FROM app.things WHERE feeling = 'happy';
CREATE SEQUENCE app.tickets;`);
  await run(page);
  const results = await readResults(page);
  results.forEach((r, i) => assert(!r.error, `statement ${i + 1}: ${r.error}`));
  await page.waitForSelector('#schema [data-table="things"]');
  await page.evaluate(() => document.querySelectorAll('#schema details').forEach((d) => { d.open = true; }));
  const text = await page.$eval('#schema', (e) => e.innerText);
  for (const want of ['app', 'things', 'label character varying(20) not null', 'feeling mood', 'index things_label', 'happy view', 'sequence tickets', 'mood: sad, ok, happy']) {
    assert(text.replace(/\s+/g, ' ').includes(want), `schema panel lacks "${want}": ${text.replace(/\s+/g, ' ')}`);
  }
  await setBuffer(page, '');
  await page.click('#schema [data-table="things"]');
  assertEq((await getBuffer(page)).trim(), 'SELECT * FROM app.things LIMIT 100;', 'qualified SELECT');
  await run(page);
  const [r] = await readResults(page);
  assertEq(r.columns, [['id', 'bigint'], ['label', 'character varying(20)'], ['feeling', 'mood']], 'result column types (user type too)');
  await shot(page, 'schema-panel');
});

// ---- completion of the live schema's tables and columns
await test('completion', async () => {
  await setBuffer(page, '');
  await page.click('.cm-content');
  await page.keyboard.type('SELECT no');
  await page.keyboard.press('Control+Space');
  await page.waitForSelector('.cm-tooltip-autocomplete');
  const cols = await page.$$eval('.cm-tooltip-autocomplete li', (ls) => ls.map((l) => l.textContent));
  await page.keyboard.press('Escape');
  await page.keyboard.type(' FROM ke');
  await page.keyboard.press('Control+Space');
  await page.waitForSelector('.cm-tooltip-autocomplete');
  const tables = await page.$$eval('.cm-tooltip-autocomplete li', (ls) => ls.map((l) => l.textContent));
  await page.keyboard.press('Escape');
  assert(tables.some((t) => t.startsWith('kept')), `tables offered: ${tables.join(', ')}`);
  assert(cols.some((t) => t.startsWith('now')), `functions offered: ${cols.join(', ')}`);
  return `offered ${tables.slice(0, 3).join(', ')}`;
});

// ---- share link
await test('share-link', async () => {
  const text = "-- shared ✓\nSELECT 'ünïcode' AS s, 2 + 2 AS four;";
  await setBuffer(page, text);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#sql='));
  const link = await page.evaluate(() => location.href);
  const other = await ctx.newPage();
  await other.goto(link);
  await other.waitForFunction((t) => window.playground?.editor.getDoc() === t, text, { timeout: 10000 });
  await ready(other);
  await run(other);
  const [r] = await readResults(other);
  assertEq(r.rows, [['ünïcode', '4']], 'shared buffer runs');
  await other.close();
  return `${link.length} characters`;
});

// ---- 100 000 rows: paged, and the page keeps ticking
await test('rows-100k', async () => {
  await setBuffer(page, 'SELECT g AS n, md5(g::text) AS h, CASE WHEN g % 7 = 0 THEN NULL ELSE g * 2 END AS maybe FROM generate_series(1, 100000) AS g;');
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__ticker = setInterval(() => { const t = performance.now(); window.__gaps.push(t - last); last = t; }, 20);
  });
  const t0 = Date.now();
  await run(page);
  const ms = Date.now() - t0;
  const maxGap = await page.evaluate(() => { clearInterval(window.__ticker); return Math.max(...window.__gaps); });
  const [r] = await readResults(page);
  assertEq(r.count.replace(/\s/g, ' '), '100 000 rows', 'row count');
  assertEq(r.rows.length, 100, 'rows in the DOM');
  assertEq(r.pager.replace(/\s/g, ' '), 'rows 1–100 of 100 000', 'pager');
  assertEq(r.rows[6], ['7', '8f14e45fceea167a5a36dedd4bea2543', null], 'row 7 (NULL shown as NULL)');
  await page.click('#results .pager button[title="last page"]');
  const [r2] = await readResults(page);
  assertEq(r2.rows[r2.rows.length - 1][0], '100000', 'last page');
  assert(maxGap < 1000, `the page froze for ${Math.round(maxGap)} ms`);
  return `run + render ${ms} ms, longest main-thread gap ${Math.round(maxGap)} ms`;
});

// ---- cancel a long statement; the page stays usable
await test('cancel', async () => {
  await setBuffer(page, 'SELECT count(*) FROM generate_series(1, 2000000000) AS g;');
  const done = page.evaluate(() => window.playground.run());
  await page.waitForFunction(() => document.body.dataset.running === '1');
  await page.waitForTimeout(700);
  const t0 = Date.now();
  await page.click('#cancel');
  await done;
  const ms = Date.now() - t0;
  const [r] = await readResults(page);
  assert(/canceling statement due to user request/.test(r.error ?? ''), `error: ${r.error}`);
  assert(ms < 5000, `cancel took ${ms} ms`);
  await setBuffer(page, 'SELECT count(*) FROM kept;');
  await run(page);
  const [r2] = await readResults(page);
  assertEq(r2.rows, [['1']], 'usable after the cancel');
  return `cancelled in ${ms} ms (${await page.evaluate(() => crossOriginIsolated) ? 'interrupted in the engine' : 'worker restarted'})`;
});

// ---- a static host without COOP/COEP: no SharedArrayBuffer, so cancelling restarts the engine
// Worker and reopens the database; committed data is kept. Also the IndexedDB backend.
await test('cancel-static-host-idb', async () => {
  const plain = createServer(dist, { isolate: false });
  await new Promise((r) => plain.listen(0, '127.0.0.1', r));
  const p = await ctx.newPage();
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  try {
    await p.goto(`http://127.0.0.1:${plain.address().port}/?storage=idb`);
    await ready(p);
    assertEq(await p.evaluate(() => crossOriginIsolated), false, 'not isolated');
    assertEq(await p.textContent('#storage'), 'idb://main', 'IndexedDB backend');
    await setBuffer(p, "DROP TABLE IF EXISTS safe;\nCREATE TABLE safe (v text);\nINSERT INTO safe VALUES ('committed');");
    await run(p);
    await setBuffer(p, 'SELECT count(*) FROM generate_series(1, 2000000000) AS g;');
    const done = p.evaluate(() => window.playground.run());
    await p.waitForFunction(() => document.body.dataset.running === '1');
    await p.waitForTimeout(500);
    const t0 = Date.now();
    await p.click('#cancel');
    await done;
    const [r] = await readResults(p);
    assert(/canceling statement due to user request/.test(r.error ?? ''), `error: ${r.error}`);
    assert(/engine was restarted/.test(r.detail ?? ''), `detail: ${r.detail}`);
    await ready(p);
    const ms = Date.now() - t0;
    await p.reload();
    await ready(p);
    await setBuffer(p, 'SELECT v FROM safe;');
    await run(p);
    const [r2] = await readResults(p);
    assertEq(r2.rows, [['committed']], 'committed data kept (IndexedDB, after a restart and a reload)');
    return `engine restarted and database reopened in ${ms} ms`;
  } finally {
    await p.close();
    plain.close();
  }
});

// ---- a meta-command through the shell's formatter
await test('meta-dt', async () => {
  await setBuffer(page, '\\dt');
  await run(page);
  const [r] = await readResults(page);
  assert(/List of relations/.test(r.shell ?? ''), `shell output: ${r.shell}`);
  assert(/ public \| kept +\| table \|/.test(r.shell), `kept listed: ${r.shell}`);
});

// ---- themes and a phone-sized screen
await test('screenshots', async () => {
  await setBuffer(page, EXPECT.screenshotSql);
  await run(page);
  await shot(page, 'light');
  await page.click('#theme');
  assertEq(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'dark theme on');
  await shot(page, 'dark');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'phone-dark');
  await page.click('#theme');
  await shot(page, 'phone-light');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `horizontal overflow of ${overflow} px on a phone-sized screen`);
  await page.setViewportSize({ width: 1280, height: 800 });
  // keyboard: Tab reaches the Run button with a visible focus ring
  await page.focus('.skip');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.id);
  assertEq(focused, 'run', 'Tab after the skip link');
  return shots;
});

await test('no-page-errors', () => { assertEq(pageErrors, [], 'page errors'); });

await ctx.close();
server.close();
fs.rmSync(userDir, { recursive: true, force: true });
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
