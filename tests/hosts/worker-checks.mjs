// Checks of pg-micro/worker that only a Worker allows, host-neutral like conformance.mjs:
// an AbortSignal interrupts a running statement when SharedArrayBuffer is available
// (`interruptible`), and without it (a browser page without COOP/COEP) an abort still
// cancels what has not started while a running statement ends normally.
//   const results = await workerChecks(pgWorker, { interruptible })  →  [{ name, ok, error? }]
import { eq, rejects } from './conformance.mjs';

const FOREVER = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r';
const LONG = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 300000) SELECT count(*)::int AS c FROM r';
const later = (ms, fn) => setTimeout(fn, ms);

export async function workerChecks(pg, { interruptible }) {
  const { connect, DatabaseError } = pg;
  const checks = [];
  const check = (name, fn) => checks.push([name, fn]);
  const isCancel = (e) => {
    eq(e instanceof DatabaseError, true, 'instanceof DatabaseError');
    eq([e.code, e.message], ['57014', 'canceling statement due to user request']);
  };

  check('abort-before-start', async () => {
    const db = await connect(':memory:');
    await db.exec('CREATE TABLE t (x int)');
    isCancel(await rejects(db.query('INSERT INTO t VALUES (1)', [], { signal: AbortSignal.abort() })));
    // Waiting behind a long statement: rejected at once, never run.
    const ac = new AbortController();
    const first = db.query(LONG);
    const second = db.query('INSERT INTO t VALUES (2)', [], { signal: ac.signal });
    ac.abort();
    isCancel(await rejects(second));
    eq((await first).rows, [{ c: 300000 }], 'the running statement');
    eq((await db.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 0 }], 'nothing inserted');
    await db.close();
  });

  if (interruptible) {
    check('abort-interrupts-running-statement', async () => {
      const db = await connect(':memory:');
      const ac = new AbortController();
      const start = Date.now();
      later(100, () => ac.abort());
      isCancel(await rejects(db.query(FOREVER, [], { signal: ac.signal })));
      const ms = Date.now() - start;
      if (ms > 5000) throw new Error(`canceled only after ${ms} ms`);
      eq((await db.query('SELECT 1 AS ok')).rows, [{ ok: 1 }], 'usable afterwards');
      await db.close();
    });
  } else {
    check('abort-of-running-statement-without-sharedarraybuffer', async () => {
      const db = await connect(':memory:');
      const ac = new AbortController();
      const p = db.query(LONG, [], { signal: ac.signal });
      later(20, () => ac.abort());
      eq((await p).rows, [{ c: 300000 }], 'the statement ends normally');
      await db.close();
    });
  }

  check('statement-timeout', async () => {
    const db = await connect(':memory:');
    await db.exec("SET statement_timeout = '50ms'");
    const e = await rejects(db.query(FOREVER));
    eq([e.code, e.message], ['57014', 'canceling statement due to statement timeout']);
    await db.exec('RESET statement_timeout');
    eq((await db.query('SELECT 2 AS two')).rows, [{ two: 2 }], 'usable afterwards');
    await db.close();
  });

  const results = [];
  for (const [name, fn] of checks) {
    try { await fn(); results.push({ name, ok: true }); } catch (e) {
      results.push({ name, ok: false, error: String(e?.stack ?? e).split('\n').slice(0, 4).join(' | ') });
    }
  }
  return results;
}
