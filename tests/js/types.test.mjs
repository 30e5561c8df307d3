// Type mapping both ways, as node-postgres/PGlite map them, for every type the engine has
// today: results → JS values, JS parameters → PostgreSQL text, options and parsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, types } from '../../js/index.js';

const db = await connect(':memory:');
const one = async (sqlText, params, d = db) => (await d.query(sqlText, params)).rows[0];

test('integers: int2/int4 → number, int8 → bigint', async () => {
  const r = await one("SELECT 32767::int2 AS a, '-2147483648'::int4 AS b, 9223372036854775807::int8 AS c, '-9223372036854775808'::int8 AS d, 0::int8 AS e");
  assert.deepEqual(r, { a: 32767, b: -2147483648, c: 9223372036854775807n, d: -9223372036854775808n, e: 0n });
  const p = await one('SELECT $1::int2 AS a, $2::int4 AS b, $3::int8 AS c, $4::int8 AS d', [-5, 123456, 9007199254740993n, 42]);
  assert.deepEqual(p, { a: -5, b: 123456, c: 9007199254740993n, d: 42n });
});

test('int8 option: number and string', async () => {
  const n = await connect(':memory:', { int8: 'number' });
  const s = await connect(':memory:', { int8: 'string' });
  assert.deepEqual(await one('SELECT 42::int8 AS v', [], n), { v: 42 });
  assert.deepEqual(await one('SELECT 9223372036854775807::int8 AS v', [], s), { v: '9223372036854775807' });
  await n.close(); await s.close();
});

test('floats: float4/float8 → number, NaN and infinities', async () => {
  const r = await one("SELECT 1.5::float4 AS a, -0.1::float8 AS b, 'NaN'::float8 AS c, 'Infinity'::float8 AS d, '-Infinity'::float4 AS e, 1e300::float8 AS f");
  assert.deepEqual(r, { a: 1.5, b: -0.1, c: NaN, d: Infinity, e: -Infinity, f: 1e300 });
  const p = await one('SELECT $1::float8 AS a, $2::float8 AS b, $3::float8 AS c, $4::float4 AS d', [Math.PI, NaN, -Infinity, 0.25]);
  assert.deepEqual(p, { a: Math.PI, b: NaN, c: -Infinity, d: 0.25 });
});

test('numeric → string, exact', async () => {
  const r = await one("SELECT 12345678901234567890.123456789::numeric AS a, 1.50::numeric(5,2) AS b, $1::numeric AS c, $2::numeric AS d",
    ['-0.000000000000000000001', 3.25]);
  assert.deepEqual(r, { a: '12345678901234567890.123456789', b: '1.50', c: '-0.000000000000000000001', d: '3.25' });
});

test('text, varchar, char: strings, Unicode, empty vs NULL', async () => {
  const r = await one("SELECT 'héllo ☃ 𝄞'::text AS a, 'ab'::varchar(5) AS b, 'x'::char(3) AS c, ''::text AS d, NULL::text AS e, $1::text AS f, $2::varchar AS g",
    ['naïve\n"quoted"\\ 🙂', '']);
  assert.deepEqual(r, { a: 'héllo ☃ 𝄞', b: 'ab', c: 'x  ', d: '', e: null, f: 'naïve\n"quoted"\\ 🙂', g: '' });
  const long = 'ü'.repeat(100000);
  assert.equal((await one('SELECT $1::text AS v', [long])).v, long);
});

test('bool → boolean; true/false parameters', async () => {
  assert.deepEqual(await one('SELECT true AS a, false AS b, NULL::bool AS c, $1::bool AS d, $2::bool AS e', [true, false]),
    { a: true, b: false, c: null, d: true, e: false });
});

test('date/timestamp/timestamptz → Date (timestamp read as UTC); Date parameters', async () => {
  const r = await one("SELECT '2024-02-29'::date AS a, '2024-01-02 03:04:05.678'::timestamp AS b, '2024-01-02 03:04:05+02'::timestamptz AS c, 'infinity'::date AS d, '0044-03-15 BC'::date AS e");
  assert.deepEqual(r.a, new Date('2024-02-29T00:00:00Z'));
  assert.deepEqual(r.b, new Date('2024-01-02T03:04:05.678Z'));
  assert.deepEqual(r.c, new Date('2024-01-02T01:04:05Z'));
  assert.equal(r.d, Infinity);
  const bc = new Date(Date.UTC(2000, 2, 15)); bc.setUTCFullYear(-43);
  assert.deepEqual(r.e, bc);
  const when = new Date('2023-07-08T09:10:11.123Z');
  const p = await one('SELECT $1::timestamptz AS a, $2::timestamp AS b, $3::date AS c', [when, when, new Date('1999-12-31T00:00:00Z')]);
  assert.deepEqual(p, { a: when, b: when, c: new Date('1999-12-31T00:00:00Z') });
  assert.deepEqual(await one('SELECT $1::date AS v', [bc]), { v: bc });
  await assert.rejects(db.query('SELECT $1::date', [new Date(NaN)]), /invalid Date/);
});

test('dates option: string', async () => {
  const s = await connect(':memory:', { dates: 'string' });
  assert.deepEqual(await one("SELECT '2024-01-02'::date AS a, '2024-01-02 03:04:05'::timestamp AS b, '2024-01-02 03:04:05+00'::timestamptz AS c", [], s),
    { a: '2024-01-02', b: '2024-01-02 03:04:05', c: '2024-01-02 03:04:05+00' });
  await s.close();
});

test('bytea ↔ Uint8Array (all 256 byte values; Buffer and ArrayBuffer parameters)', async () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const r = await one("SELECT '\\xdeadBEEF'::bytea AS a, ''::bytea AS b, $1::bytea AS c, $2::bytea AS d, $3::bytea AS e",
    [all, Buffer.from('hi'), new Uint8Array([7, 8]).buffer]);
  assert.deepEqual(r, { a: new Uint8Array([0xde, 0xad, 0xbe, 0xef]), b: new Uint8Array([]), c: all, d: new Uint8Array([104, 105]), e: new Uint8Array([7, 8]) });
});

test('values round-trip through a table of every type', async () => {
  await db.exec(`CREATE TABLE every (i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, n numeric(12,3),
                 t text, v varchar(20), b boolean, d date, ts timestamp, tz timestamptz, by bytea)`);
  const row = {
    i2: -12, i4: 7, i8: -123456789012345n, f4: 2.5, f8: 1 / 3, n: '123456789.125', t: 'text ☃', v: 'var',
    b: true, d: new Date('2020-05-06T00:00:00Z'), ts: new Date('2020-05-06T07:08:09.010Z'),
    tz: new Date('2021-01-01T00:00:00.999Z'), by: new Uint8Array([0, 255, 10]),
  };
  const cols = Object.keys(row);
  await db.query(`INSERT INTO every VALUES (${cols.map((_, i) => '$' + (i + 1)).join(', ')})`, Object.values(row));
  await db.query(`INSERT INTO every VALUES (${cols.map((_, i) => '$' + (i + 1)).join(', ')})`, cols.map(() => null));
  const back = (await db.query('SELECT * FROM every')).rows;
  assert.deepEqual(back[0], row);
  assert.deepEqual(back[1], Object.fromEntries(cols.map((c) => [c, null])));
  assert.deepEqual((await db.query('SELECT * FROM every', [], { rowMode: 'array' })).rows[1], cols.map(() => null));
});

test('parameters: undefined → NULL, objects → JSON text, arrays → array literal, toPostgres', async () => {
  const r = await one('SELECT $1::text IS NULL AS a, $2::text AS b, $3::text AS c, $4::text AS d',
    [undefined, { a: [1, 'x'] }, [1, null, 'a"b', [2]], { toPostgres: () => 'custom' }]);
  assert.deepEqual(r, { a: true, b: '{"a":[1,"x"]}', c: '{"1",NULL,"a\\"b",{"2"}}', d: 'custom' });
  await assert.rejects(db.query('SELECT $1::text', [Symbol('s')]), TypeError);
});

test('json/jsonb OIDs parse as JSON (mapping in place for when the engine has the types)', async () => {
  const { parserFor } = await import('../../js/types.js');
  assert.deepEqual(parserFor(types.JSON, {})('{"a":[1,2]}'), { a: [1, 2] });
  assert.deepEqual(parserFor(types.JSONB, {})('[true]'), [true]);
});

test('parsers option replaces any mapping, e.g. every value as PostgreSQL text', async () => {
  const asText = Object.fromEntries(Object.values(types).map((oid) => [oid, (t) => t]));
  const raw = await connect(':memory:', { parsers: asText });
  const r = await one("SELECT 1::int2 AS a, 2 AS b, 3::int8 AS c, 1.5::float4 AS d, 'NaN'::float8 AS e, 1.50::numeric AS f, true AS g, '2024-01-02'::date AS h, '2024-01-02 03:04:05'::timestamp AS i, '2024-01-02 03:04:05+00'::timestamptz AS j, '\\x01'::bytea AS k, 'x'::varchar AS l",
    [], raw);
  assert.deepEqual(r, { a: '1', b: '2', c: '3', d: '1.5', e: 'NaN', f: '1.50', g: 't', h: '2024-01-02', i: '2024-01-02 03:04:05', j: '2024-01-02 03:04:05+00', k: '\\x01', l: 'x' });
  const custom = await connect(':memory:', { parsers: { [types.INT4]: (t, oid) => `int4:${t}:${oid}` } });
  assert.deepEqual(await one('SELECT 7 AS v, NULL::int AS n', [], custom), { v: 'int4:7:23', n: null });
  await raw.close(); await custom.close();
});
