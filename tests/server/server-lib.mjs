// Shared by the wire-protocol server tests (suite 42-server.sh): starts `pg-micro FILE --server
// 127.0.0.1:0` as a child process over a fresh temporary file and reads the port it chose.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// node-postgres, installed by the suite (npm_pinned) into the git-ignored build/server-npm.
export const pg = createRequire(path.join(root, 'build/server-npm/'))('pg');

// → { port, file, dir, stop() }; extra: more CLI arguments (--password …).
export async function startServer(extra = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-server-'));
  const file = path.join(dir, 'test.db');
  const child = spawn(process.execPath, [path.join(root, 'js/cli.js'), file, '--server', '127.0.0.1:0', ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const port = await new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      const m = / on 127\.0\.0\.1:(\d+) /.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return {
    port, file, dir, child,
    stderr: () => err,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function clientConfig(port, extra = {}) {
  return { host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ...extra };
}

export async function connect(port, extra) {
  const c = new pg.Client(clientConfig(port, extra));
  await c.connect();
  return c;
}
