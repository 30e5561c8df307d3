// The Node file backend's journal (issue 7): W2 (bulk inserts in one transaction) and W6
// (single-row autocommit inserts, one fsync'd commit each) of bench/child.mjs on a real file,
// with SQLite's rollback journal (the default: DELETE, synchronous=FULL) and with WAL, which
// the pgmicro-node VFS (no xShm methods) allows only under PRAGMA locking_mode=EXCLUSIVE (the
// wal-index then lives in heap memory). Usage: node bench/file-journal.mjs [users] [orders] [single]
// Since the SQLite dialect refuses journal_mode = WAL on storage without shared memory (a WAL
// file could not be opened again there), the WAL rows report that refusal; the WAL numbers in
// docs/architecture.md were measured with this script at commit 7c684b2, before that guard.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../js/index.js';

const [N_USERS, N_ORDERS, N_SINGLE] = process.argv.slice(2).map(Number);
const users = N_USERS || 10000, orders = N_ORDERS || 100000, single = N_SINGLE || 1000;
const pad = (n) => String(n).padStart(2, '0');
const ts = (i) => { const m = i % 1440; return `2024-${pad(1 + (i % 12))}-${pad(1 + (i % 28))} ${pad(m / 60 | 0)}:${pad(m % 60)}:00`; };
const user = (i) => [`user${i}`, `user${i}@example.com`, 18 + (i % 60), ts(i)];

const MODES = {
  'rollback journal (DELETE, synchronous=FULL)': [],
  'WAL + locking_mode=EXCLUSIVE (synchronous=FULL)': ['PRAGMA locking_mode = EXCLUSIVE', 'PRAGMA journal_mode = WAL'],
  'WAL + locking_mode=EXCLUSIVE, synchronous=NORMAL': ['PRAGMA locking_mode = EXCLUSIVE', 'PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL'],
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgmicro-journal-'));
try {
  for (const [label, pragmas] of Object.entries(MODES)) {
    const file = path.join(dir, `${Object.keys(MODES).indexOf(label)}.db`);
    const db = await connect(file);
    try {
      for (const p of pragmas) await db.exec(p, { dialect: 'sqlite' });
    } catch (e) {
      console.log(`${label}: refused (${e.code}: ${e.message})`);
      await db.close();
      continue;
    }
    const [mode] = await db.exec('PRAGMA journal_mode', { dialect: 'sqlite' });
    await db.exec('CREATE TABLE users (id serial PRIMARY KEY, name text, email text, age int, created_at timestamp)');
    await db.exec('CREATE TABLE orders (id serial PRIMARY KEY, user_id int, amount numeric(10,2), status text)');
    let t = performance.now();
    await db.exec('BEGIN');
    const iu = db.prepare('INSERT INTO users (name, email, age, created_at) VALUES ($1, $2, $3, $4)');
    for (let i = 1; i <= users; i++) await iu.run(user(i));
    const io = db.prepare('INSERT INTO orders (user_id, amount, status) VALUES ($1, $2, $3)');
    for (let j = 1; j <= orders; j++) await io.run([1 + ((j * 31) % users), `${j % 1000}.${pad(j % 100)}`, 'new']);
    await db.exec('COMMIT');
    const w2 = performance.now() - t;
    t = performance.now();
    for (let i = users + 1; i <= users + single; i++) await iu.run(user(i));
    const w6 = performance.now() - t;
    await db.close();
    console.log(`${label}: journal_mode ${mode.rows[0].journal_mode}; W2 ${w2.toFixed(0)} ms; ` +
      `W6 ${w6.toFixed(0)} ms (${(w6 / single).toFixed(2)} ms per commit)`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
