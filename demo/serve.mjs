#!/usr/bin/env node
// A small static file server for the built playground (demo/dist): correct MIME types
// (application/wasm for streaming compilation), and the COOP/COEP headers that make the page
// cross-origin isolated, so a running statement can be cancelled through a SharedArrayBuffer
// (any static host serves the folder too; cancelling then restarts the engine Worker).
// Usage: node demo/serve.mjs [DIR]   (PORT=8080, HOST=127.0.0.1 by default)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, 'dist'));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json', '.db': 'application/vnd.sqlite3',
};

// isolate: false leaves out COOP/COEP, as a plain static host would (tests use it).
export function createServer(dir = root, { isolate = true } = {}) {
  const isolation = isolate ? {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  } : {};
  return http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir + path.sep) && file !== dir) { res.writeHead(403).end(); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n'); return; }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': rel.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...isolation,
      });
      if (req.method === 'HEAD') { res.end(); return; }
      fs.createReadStream(file).pipe(res);
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve.mjs: ${root}/index.html is missing (build the playground: cd demo && npx vite build)`);
    process.exit(1);
  }
  createServer(root).listen(port, host, () => {
    console.log(`pgmicro playground: http://localhost:${port}/  (serving ${root}; Ctrl+C stops)`);
  });
}
