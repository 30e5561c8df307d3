// A tiny app using pg-micro with no configuration: the bundler must ship pgmicro.wasm (found
// through new URL('./pgmicro.wasm', import.meta.url) inside the package) and the page runs
// the seed example. run.mjs reads window.__result.
import { connect, DatabaseError } from 'pg-micro';

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
