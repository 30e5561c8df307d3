// The same app through pg-micro/worker: the bundler must also emit the package's Worker
// script (new Worker(new URL('./worker-thread.js', import.meta.url), { type: 'module' })).
import { connect, DatabaseError } from 'pg-micro/worker';

async function run() {
  const db = await connect(':memory:');
  await db.exec('CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT, email TEXT)');
  await db.exec("INSERT INTO users (name, email) VALUES ('Alice', 'alice@example.com')");
  const rows = await db.prepare('SELECT * FROM users').all();
  const e = await db.query('SELECT 1 / 0').catch((err) => err);
  await db.close();
  return { rows, error: [e instanceof DatabaseError, e.code, e.message] };
}

window.__result = run().catch((e) => ({ failed: String(e?.stack ?? e) }));
