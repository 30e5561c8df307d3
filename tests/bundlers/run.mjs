// Zero-config bundling: the package as npm would install it (npm pack of js/, extracted into
// a scratch app's node_modules/pg-micro) is bundled with Vite and with esbuild, and each
// built page is served on 127.0.0.1 and run in Chromium (Debian's chromium, driven by
// playwright-core), which must show the seed example's rows and a DatabaseError.
// Vite: no configuration about pg-micro at all (pgmicro.wasm and the pg-micro/worker Worker
// script are emitted from their new URL(..., import.meta.url) references). esbuild bundles
// the JS and leaves new URL('./pgmicro.wasm', import.meta.url) alone, so the .wasm is copied
// next to the bundle, and for pg-micro/worker the package's worker-thread.js is a second
// entry point (as the README says).
// Usage: node tests/bundlers/run.mjs <node_modules dir with vite, esbuild, playwright-core>
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const nm = path.resolve(process.argv[2] ?? path.join(root, '.cache/bundlers/node_modules'));
const require = createRequire(path.join(nm, 'x.js'));
const pw = await import(pathToFileURL(require.resolve('playwright-core')).href);
const { chromium } = pw.chromium ? pw : pw.default;

let failed = false;
const pass = (name) => console.log(`PASS: bundlers/${name}`);
const fail = (name, why) => { failed = true; console.log(`FAIL: bundlers/${name} — ${String(why).split('\n').slice(0, 12).join('\n    ')}`); };
const run = (cmd, args, cwd) => spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 300000, env: { ...process.env, NO_COLOR: '1' } });

// The scratch app with pg-micro installed from its npm pack tarball.
const app = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-bundlers-'));
fs.cpSync(path.join(root, 'tests/bundlers/app'), app, { recursive: true });
const packed = run('npm', ['pack', path.join(root, 'js'), '--pack-destination', app, '--silent'], app);
const tarball = packed.stdout.trim().split('\n').pop();
if (packed.status !== 0 || !tarball) {
  fail('pack', packed.stderr || packed.stdout);
  process.exit(1);
}
const pkgDir = path.join(app, 'node_modules/pg-micro');
fs.mkdirSync(pkgDir, { recursive: true });
const untar = run('tar', ['-xzf', path.join(app, tarball), '-C', pkgDir, '--strip-components=1'], app);
if (untar.status !== 0) { fail('pack', untar.stderr); process.exit(1); }
pass(`pack (${fs.readdirSync(pkgDir).sort().join(' ')})`);

const builds = [];  // [name, dist dir, pages]
{
  const r = run(path.join(nm, '.bin/vite'), ['build'], app);
  const dist = path.join(app, 'dist-vite');
  if (r.status !== 0) fail('vite/build', r.stderr + r.stdout);
  else {
    const assets = fs.readdirSync(path.join(dist, 'assets'));
    const wasm = assets.filter((f) => f.endsWith('.wasm'));
    if (wasm.length === 0) fail('vite/build', `no .wasm asset emitted: ${assets.join(' ')}`);
    else {
      pass(`vite/build (assets: ${assets.join(' ')})`);
      builds.push(['vite', dist, ['index.html', 'worker.html']]);
    }
  }
}
{
  const dist = path.join(app, 'dist-esbuild');
  const r = run(path.join(nm, '.bin/esbuild'),
    ['main.js', '--bundle', '--format=esm', '--platform=browser', `--outdir=${dist}`, '--log-level=error'], app);
  if (r.status !== 0) fail('esbuild/build', r.stderr + r.stdout);
  else {
    fs.copyFileSync(path.join(app, 'index.html'), path.join(dist, 'index.html'));
    fs.copyFileSync(path.join(pkgDir, 'pgmicro.wasm'), path.join(dist, 'pgmicro.wasm'));
    pass('esbuild/build');
    builds.push(['esbuild', dist, ['index.html']]);
  }
}
{
  // pg-micro/worker with esbuild: the package's worker-thread.js as a second entry point, so
  // it lands next to the bundle where new URL('./worker-thread.js', import.meta.url) looks.
  const dist = path.join(app, 'dist-esbuild-worker');
  const r = run(path.join(nm, '.bin/esbuild'),
    ['worker-main.js', 'worker-thread=node_modules/pg-micro/worker-thread.js', '--bundle', '--format=esm',
      '--platform=browser', `--outdir=${dist}`, '--log-level=error'], app);
  if (r.status !== 0) fail('esbuild/worker-build', r.stderr + r.stdout);
  else {
    fs.copyFileSync(path.join(app, 'worker.html'), path.join(dist, 'worker.html'));
    fs.copyFileSync(path.join(pkgDir, 'pgmicro.wasm'), path.join(dist, 'pgmicro.wasm'));
    pass('esbuild/worker-build');
    builds.push(['esbuild', dist, ['worker.html']]);
  }
}

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const serve = (dir) => {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(dir, p === '/' ? 'index.html' : p);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
};

const expected = JSON.stringify({
  rows: [{ id: 1, name: 'Alice', email: 'alice@example.com' }],
  error: [true, '22012', 'division by zero'],
});
let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  for (const [name, dist, pages] of builds) {
    const server = await serve(dist);
    try {
      for (const page of pages) {
        const tab = await browser.newPage();
        const errors = [];
        tab.on('pageerror', (e) => errors.push(String(e)));
        tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        try {
          await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
          await tab.waitForFunction(() => window.__result, null, { timeout: 60000 });
          const got = JSON.stringify(await tab.evaluate(() => window.__result));
          if (got === expected) pass(`${name}/${page}`);
          else fail(`${name}/${page}`, `got ${got}${errors.length ? '; ' + errors.join('; ') : ''}`);
        } catch (e) {
          fail(`${name}/${page}`, `${e.message}${errors.length ? '; ' + errors.join('; ') : ''}`);
        } finally {
          await tab.close();
        }
      }
    } finally {
      server.close();
    }
  }
} catch (e) {
  fail('chromium', e?.stack ?? e);
} finally {
  await browser?.close().catch(() => {});
  fs.rmSync(app, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
