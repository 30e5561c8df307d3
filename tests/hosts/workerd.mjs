// Runs the conformance script inside Cloudflare's workerd through miniflare's API (no
// network: it answers on 127.0.0.1). Usage: node tests/hosts/workerd.mjs <node_modules dir>
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { report } from './conformance.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const nm = path.resolve(process.argv[2] ?? path.join(root, '.cache/hosts/node_modules'));
const require = createRequire(path.join(nm, 'x.js'));
const { Miniflare } = await import(pathToFileURL(require.resolve('miniflare')).href);

const mf = new Miniflare({
  // The modules listed by hand: miniflare's import walker refuses index.js's dynamic
  // import('node:fs/promises') (a variable specifier, only taken on file: URLs).
  modules: [
    ['ESModule', 'tests/hosts/workerd-worker.mjs'], ['ESModule', 'tests/hosts/conformance.mjs'],
    ['ESModule', 'js/index.js'], ['ESModule', 'js/api.js'], ['ESModule', 'js/load.js'],
    ['ESModule', 'js/wire.js'], ['ESModule', 'js/types.js'], ['ESModule', 'js/storage.js'],
    ['ESModule', 'js/node-file-vfs.js'], ['ESModule', 'js/shared-db.js'], ['ESModule', 'js/opfs-vfs.js'],
    ['ESModule', 'js/idb-vfs.js'], ['ESModule', 'js/worker.js'],
    ['ESModule', 'js/pgmicro.mjs'], ['CompiledWasm', 'js/pgmicro.wasm'],
  ].map(([type, p]) => ({ type, path: path.join(root, p) })),
  modulesRoot: root,
  compatibilityDate: '2026-04-01',
  host: '127.0.0.1',
  port: 0,  // any free port
});
let code = 0;
try {
  const res = await mf.dispatchFetch('http://localhost/');
  const text = await res.text();
  let results;
  try { results = JSON.parse(text); } catch { throw new Error(`worker answered ${res.status}: ${text.slice(0, 500)}`); }
  console.log(report('workerd', results));
  if (results.some((r) => !r.ok)) code = 1;
} catch (e) {
  console.log(`FAIL: host/workerd/run — ${String(e?.stack ?? e).split('\n').slice(0, 4).join(' | ')}`);
  code = 1;
} finally {
  await mf.dispose().catch(() => {});
}
process.exit(code);
