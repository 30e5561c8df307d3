// The host conformance script: the seed example plus a few type, error and API
// checks, through pg-micro's public API only. It imports nothing, so every host (Node, Deno,
// Bun, workerd, a browser page, a Worker) runs the very same file; the caller passes the
// package's exports and the options connect() needs there (e.g. { wasmModule } on workerd).
//   const results = await conformance(pgmicro, options)  →  [{ name, ok, error? }]
// Each check compares with exact expected values, so hosts that pass agree on every result.

function same(a, b) {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
  }
  return false;
}
const show = (v) => { try { return JSON.stringify(v, (_, x) => typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? [...x] : x); } catch { return String(v); } };
export function eq(actual, expected, what = 'value') {
  if (!same(actual, expected)) throw new Error(`${what}: got ${show(actual)}, expected ${show(expected)}`);
}
export async function rejects(promise) {
  try { await promise; } catch (e) { return e; }
  throw new Error('expected an error');
}

export async function conformance(pg, options = {}) {
  const { connect, sql, DatabaseError } = pg;
  const checks = [];
  const check = (name, fn) => checks.push([name, fn]);

  check('seed-example', async () => {
    const db = await connect(':memory:', options);
    await db.exec('CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT, email TEXT)');
    await db.exec("INSERT INTO users (name, email) VALUES ('Alice', 'alice@example.com')");
    const rows = await db.prepare('SELECT * FROM users').all();
    eq(rows, [{ id: 1, name: 'Alice', email: 'alice@example.com' }], 'rows');
    await db.close();
    eq(db.closed, true, 'closed');
  });

  check('types-out', async () => {
    const db = await connect(':memory:', options);
    const { rows: [r] } = await db.query(
      "SELECT 7::int4 AS i, 9007199254740993::int8 AS b, 1.50::numeric(5,2) AS n, 0.25::float8 AS f, true AS t, " +
      "'\\x00ff'::bytea AS y, '2024-02-29'::date AS d, " +
      "'2024-01-02 03:04:05.678'::timestamp AS ts, NULL::text AS z, 'héllo ☃'::text AS s");
    eq(r, { i: 7, b: 9007199254740993n, n: '1.50', f: 0.25, t: true, y: new Uint8Array([0, 255]),
      d: new Date('2024-02-29T00:00:00Z'), ts: new Date('2024-01-02T03:04:05.678Z'), z: null, s: 'héllo ☃' });
    await db.close();
  });

  check('time-zones', async () => {  // the compiled zone table gives every host the same answers
    const db = await connect(':memory:', options);
    await db.exec("SET TIME ZONE 'America/New_York'");
    const { rows: [r] } = await db.query(
      "SELECT '2024-03-10 02:30'::timestamptz::text AS gap, '2024-07-01 12:00+00'::timestamptz::text AS summer, " +
      "('2024-03-09 12:00'::timestamptz + interval '1 day')::text AS dst_day, " +
      "('2024-07-01 12:00+00'::timestamptz AT TIME ZONE 'Asia/Kathmandu')::text AS ktm, " +
      "'1800-01-01'::timestamptz::text AS lmt, '2300-07-01 12:00+00'::timestamptz::text AS rule, " +
      "timetz '10:00+05:30'::text AS tz, (time '23:30' + interval '1 hour')::text AS t");
    eq(r, { gap: '2024-03-10 03:30:00-04', summer: '2024-07-01 08:00:00-04', dst_day: '2024-03-10 12:00:00-04',
      ktm: '2024-07-01 17:45:00', lmt: '1800-01-01 00:00:00-04:56:02', rule: '2300-07-01 08:00:00-04',
      tz: '10:00:00+05:30', t: '00:30:00' });
    await db.close();
  });

  check('types-in', async () => {
    const db = await connect(':memory:', options);
    const when = new Date('2023-07-08T09:10:11.123Z');
    const { rows: [r] } = await db.query(
      'SELECT $1::int8 AS b, $2::bool AS t, $3::timestamptz AS w, $4::bytea AS y, $5::numeric AS n, $6::text AS s',
      [42n, false, when, new Uint8Array([1, 2]), 3.25, null]);
    eq(r, { b: 42n, t: false, w: when, y: new Uint8Array([1, 2]), n: '3.25', s: null });
    await db.close();
  });

  check('types-json-arrays', async () => {
    const db = await connect(':memory:', options);
    const { rows: [r] } = await db.query(
      "SELECT '{\"b\": [1, 2.5, null], \"a\": \"x\"}'::jsonb AS j, '[1, {\"k\": true}]'::json AS js, " +
      "ARRAY[1, 2, NULL]::int4[] AS ai, ARRAY['a', 'b c', NULL, '\"q\"'] AS at, '{{1,2},{3,4}}'::int8[] AS a2, " +
      "ARRAY[true, false] AS ab, '{}'::text[] AS ae");
    eq(r, { j: { a: 'x', b: [1, 2.5, null] }, js: [1, { k: true }], ai: [1, 2, null], at: ['a', 'b c', null, '"q"'],
      a2: [[1n, 2n], [3n, 4n]], ab: [true, false], ae: [] });
    const { rows: [p] } = await db.query('SELECT $1::jsonb AS j, $2::int4[] AS a, $3::text[] AS t, cardinality($2::int4[]) AS n',
      [{ x: [1, 'two'] }, [5, 6, 7], ['p', null, 'r,s']]);
    eq(p, { j: { x: [1, 'two'] }, a: [5, 6, 7], t: ['p', null, 'r,s'], n: 3 });
    await db.close();
  });

  check('parsers-text', async () => {
    const text = (s) => s;
    const db = await connect(':memory:', { ...options, parsers: { 16: text, 20: text, 23: text, 1082: text } });
    const { rows } = await db.query("SELECT 1::int4 AS i, 2::int8 AS b, true AS t, '2024-01-02'::date AS d", [], { rowMode: 'array' });
    eq(rows, [['1', '2', 't', '2024-01-02']]);
    await db.close();
  });

  check('errors', async () => {
    const db = await connect(':memory:', options);
    const e1 = await rejects(db.query('SELECT * FROM no_such_table'));
    eq(e1 instanceof DatabaseError, true, 'instanceof DatabaseError');
    eq([e1.code, e1.message, e1.position], ['42P01', 'relation "no_such_table" does not exist', '15']);
    const e2 = await rejects(db.query('SELECT 1 / $1::int4', [0]));
    eq([e2.code, e2.message], ['22012', 'division by zero']);
    const e3 = await rejects(db.exec('SELEC 1'));
    eq(e3.code, '42601', 'syntax error code');
    eq((await db.query('SELECT 2 AS ok')).rows, [{ ok: 2 }], 'usable after errors');
    await db.close();
  });

  check('transaction-and-sql-template', async () => {
    const db = await connect(':memory:', options);
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, v text)');
    await db.transaction(async (tx) => { await tx.query('INSERT INTO t VALUES ($1, $2)', [1, 'kept']); });
    await rejects(db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES ($1, $2)', [2, 'rolled back']);
      throw new Error('abort');
    }));
    const v = "it's; DROP TABLE t; --";
    await db.sql`INSERT INTO t VALUES (${3}, ${v})`;
    const r = await db.query(sql`SELECT id, v FROM t WHERE id >= ${1} ORDER BY id`);
    eq(r.rows, [{ id: 1, v: 'kept' }, { id: 3, v }], 'rows');
    eq([r.command, r.rowCount], ['SELECT', 2], 'command');
    await db.close();
  });

  check('independent-databases', async () => {
    const a = await connect(':memory:', options), b = await connect(':memory:', options);
    await a.exec('CREATE TABLE only_a (x int)');
    eq((await rejects(b.query('SELECT * FROM only_a'))).code, '42P01', 'b cannot see a');
    await a.close();
    eq((await b.query('SELECT 1 AS x')).rows, [{ x: 1 }], 'b after a closed');
    await b.close();
  });

  const results = [];
  for (const [name, fn] of checks) {
    try { await fn(); results.push({ name, ok: true }); } catch (e) {
      results.push({ name, ok: false, error: String(e?.stack ?? e).split('\n').slice(0, 4).join(' | ') });
    }
  }
  return results;
}

// "PASS: host/<host>/<check>" / "FAIL: ..." lines.
export function report(host, results) {
  return results.map((r) => `${r.ok ? 'PASS' : 'FAIL'}: host/${host}/${r.name}${r.ok ? '' : ' — ' + r.error}`).join('\n');
}
