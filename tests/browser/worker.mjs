// A module Worker for tests/browser/storage.mjs: 'pg-micro' itself (not pg-micro/worker) inside
// a dedicated Worker, where opfs:// opens its pool directly. Answers one message with its rows.
import { connect } from '/js/index.js';

onmessage = async ({ data: path }) => {
  try {
    const db = await connect(path, { int8: 'number' });
    await db.exec('CREATE TABLE IF NOT EXISTS w (id serial PRIMARY KEY, at text)');
    await db.query('INSERT INTO w (at) VALUES ($1)', ['worker']);
    const { rows } = await db.query('SELECT id, at FROM w ORDER BY id', [], { rowMode: 'array' });
    const check = await db.integrityCheck();
    await db.close();
    postMessage({ rows, check });
  } catch (e) {
    postMessage({ error: String(e?.stack ?? e) });
  }
};
