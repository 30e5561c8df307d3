// The CommonJS entries: require('pg-micro') and require('pg-micro/worker') resolve through
// package.json "exports" to index.cjs / worker.cjs, whose async connect() opens a database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../js', import.meta.url));

test("require('pg-micro') and require('pg-micro/worker') give an async connect", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-cjs-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(pkg, path.join(dir, 'node_modules', 'pg-micro'), 'dir');
    fs.writeFileSync(path.join(dir, 'app.cjs'), `
      const { connect, load } = require('pg-micro');
      const worker = require('pg-micro/worker');
      (async () => {
        const db = await connect(':memory:');
        await db.exec('CREATE TABLE t (id serial PRIMARY KEY, v text)');
        const r = await db.prepare('INSERT INTO t (v) VALUES ($1)').run('x');
        const { rows } = await db.sql\`SELECT id, v FROM t WHERE v = \${'x'}\`;
        const { DatabaseError } = await load();
        const e = await db.query('SELECT * FROM missing').catch((err) => err);
        await db.close();
        const w = await worker.connect();
        const { rows: [wr] } = await w.query('SELECT 6 * 7 AS v');
        await w.close();
        console.log(JSON.stringify({ r, rows, isDbError: e instanceof DatabaseError, code: e.code, wv: wr.v }));
      })();
    `);
    const out = spawnSync(process.execPath, ['app.cjs'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), {
      r: { changes: 1, lastInsertRowid: 1 }, rows: [{ id: 1, v: 'x' }], isDbError: true, code: '42P01', wv: 42,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
