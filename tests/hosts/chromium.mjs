// Runs the conformance script in Chromium (Debian's chromium, driven by playwright-core), in a
// page and in a Worker, both importing js/index.js from a tiny local static server.
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
  res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
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
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__results, null, { timeout: 60000 }).catch(() => {
    throw new Error('no results after 60 s' + (errors.length ? ': ' + errors.join('; ') : ''));
  });
  const { page: inPage, worker } = await page.evaluate(() => window.__results);
  console.log(report('chromium-page', inPage));
  console.log(report('chromium-worker', worker));
  if ([...inPage, ...worker].some((r) => !r.ok)) code = 1;
} catch (e) {
  console.log(`FAIL: host/chromium/run — ${String(e?.stack ?? e).split('\n').slice(0, 4).join(' | ')}`);
  code = 1;
} finally {
  await browser?.close().catch(() => {});
  server.close();
}
process.exit(code);
