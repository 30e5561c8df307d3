// Runs the conformance script in Chromium (Debian's chromium, driven by playwright-core), in a
// page and in a Worker, both importing js/index.js, and through pg-micro/worker (js/worker.js)
// with tests/hosts/worker-checks.mjs, from a tiny local static server. The page is served
// cross-origin isolated (COOP/COEP headers: SharedArrayBuffer, so an abort interrupts a
// running statement) and once more without them (?plain: the documented fallback).
// Usage: node tests/hosts/chromium.mjs <node_modules dir with playwright-core>
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { report } from './conformance.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const nm = path.resolve(process.argv[2] ?? path.join(root, '.cache/hosts/node_modules'));
const require = createRequire(path.join(nm, 'x.js'));
const pw = await import(pathToFileURL(require.resolve('playwright-core')).href);
const { chromium } = pw.chromium ? pw : pw.default;

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(root, p === '/' ? 'tests/hosts/page.html' : p);
  const ok = (file.startsWith(path.join(root, 'js') + path.sep) || file.startsWith(path.join(root, 'tests/hosts') + path.sep))
    && fs.existsSync(file) && fs.statSync(file).isFile();
  if (!ok) { res.writeHead(404).end(); return; }
  const headers = { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' };
  // Isolated unless the page was asked for ?plain (its worker scripts follow its Referer).
  const plain = req.url.includes('plain') || (req.headers.referer ?? '').includes('plain');
  if (!plain) {
    headers['cross-origin-opener-policy'] = 'same-origin';
    headers['cross-origin-embedder-policy'] = 'require-corp';
  }
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

let browser, code = 0;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const load = async (address) => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(address);
    await page.waitForFunction(() => window.__results, null, { timeout: 90000 }).catch(() => {
      throw new Error('no results after 90 s' + (errors.length ? ': ' + errors.join('; ') : ''));
    });
    const results = await page.evaluate(() => window.__results);
    await page.close();
    return results;
  };
  const isolated = await load(url);
  if (!isolated.interruptible) throw new Error('the page is not cross-origin isolated');
  const plain = await load(url + '?plain');
  if (plain.interruptible) throw new Error('the ?plain page has SharedArrayBuffer');
  const all = [
    ['chromium-page', isolated.page], ['chromium-worker', isolated.worker],
    ['chromium-pg-micro-worker', isolated.viaWorker], ['chromium-pg-micro-worker', isolated.workerChecks],
    ['chromium-pg-micro-worker-no-coop-coep', plain.workerChecks],
  ];
  for (const [host, results] of all) console.log(report(host, results));
  if (all.some(([, results]) => results.some((r) => !r.ok))) code = 1;
} catch (e) {
  console.log(`FAIL: host/chromium/run — ${String(e?.stack ?? e).split('\n').slice(0, 4).join(' | ')}`);
  code = 1;
} finally {
  await browser?.close().catch(() => {});
  server.close();
}
process.exit(code);
