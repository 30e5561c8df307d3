// The wire protocol byte by byte against `pg-micro FILE --server`, with a raw socket: SSL and
// GSSENC requests, startup options and ParameterStatus, the extended protocol (Describe of a
// statement, row limits with PortalSuspended, errors skipping to Sync, binary parameters and
// results; Parse's analysis: inferred parameter types, table columns, errors before Bind),
// EmptyQueryResponse, and malformed or oversized messages closing only their own connection
// with a FATAL error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer, connect, root } from './server-lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

// A raw connection: send(bytes), and messages read as { type, body }.
class Raw {
  static async open(port) {
    const r = new Raw();
    r.sock = net.connect(port, '127.0.0.1');
    r.buf = Buffer.alloc(0);
    r.waiters = [];
    r.closed = false;
    r.sock.on('data', (d) => { r.buf = Buffer.concat([r.buf, d]); r.wake(); });
    r.sock.on('close', () => { r.closed = true; r.wake(); });
    r.sock.on('error', () => {});
    await new Promise((res) => r.sock.once('connect', res));
    return r;
  }
  wake() { const w = this.waiters; this.waiters = []; w.forEach((f) => f()); }
  send(b) { this.sock.write(b); }
  async bytes(n) {
    while (this.buf.length < n) {
      if (this.closed) return null;
      await new Promise((res) => this.waiters.push(res));
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
  async message() {
    const head = await this.bytes(5);
    if (!head) return null;
    const body = await this.bytes(head.readInt32BE(1) - 4);
    return { type: String.fromCharCode(head[0]), body };
  }
  // Messages up to and including ReadyForQuery (or the connection's end).
  async untilReady() {
    const out = [];
    for (;;) {
      const m = await this.message();
      if (!m) return out;
      out.push(m);
      if (m.type === 'Z') return out;
    }
  }
  async startup(params = {}) {
    this.send(startupPacket({ user: 'postgres', database: 'postgres', ...params }));
    return this.untilReady();
  }
  close() { this.sock.destroy(); }
}

const cstr = (s) => Buffer.from(s + '\0');
const i16 = (v) => { const b = Buffer.alloc(2); b.writeInt16BE(v); return b; };
const i32 = (v) => { const b = Buffer.alloc(4); b.writeInt32BE(v); return b; };
function msg(type, ...parts) {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type), i32(body.length + 4), body]);
}
function startupPacket(params) {
  const body = Buffer.concat([i32(196608), ...Object.entries(params).flatMap(([k, v]) => [cstr(k), cstr(v)]), Buffer.from([0])]);
  return Buffer.concat([i32(body.length + 4), body]);
}
const query = (sql) => msg('Q', cstr(sql));
const parse = (name, sql, types = []) => msg('P', cstr(name), cstr(sql), i16(types.length), ...types.map(i32));
function bind(portal, stmt, params, { paramFormats = [], resultFormats = [] } = {}) {
  return msg('B', cstr(portal), cstr(stmt), i16(paramFormats.length), ...paramFormats.map(i16), i16(params.length),
    ...params.flatMap((p) => (p === null ? [i32(-1)] : [i32(p.length), p])), i16(resultFormats.length), ...resultFormats.map(i16));
}
const describe = (kind, name) => msg('D', Buffer.from(kind), cstr(name));
const execute = (portal, max = 0) => msg('E', cstr(portal), i32(max));
const sync = () => msg('S');

// Fields of an ErrorResponse / NoticeResponse.
function fields(body) {
  const out = {};
  let i = 0;
  while (body[i]) {
    const end = body.indexOf(0, i + 1);
    out[String.fromCharCode(body[i])] = body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  return out;
}
function dataRow(body) {
  const n = body.readInt16BE(0);
  const vals = [];
  let p = 2;
  for (let k = 0; k < n; k++) {
    const len = body.readInt32BE(p); p += 4;
    vals.push(len < 0 ? null : body.subarray(p, p + len)); p += Math.max(len, 0);
  }
  return vals;
}
const types = (ms) => ms.map((m) => m.type).join('');

test('SSLRequest and GSSENCRequest are answered N; startup reports PostgreSQL 15 parameters', async () => {
  const r = await Raw.open(server.port);
  r.send(Buffer.concat([i32(8), i32(80877103)]));
  assert.equal((await r.bytes(1)).toString(), 'N');
  r.send(Buffer.concat([i32(8), i32(80877104)]));
  assert.equal((await r.bytes(1)).toString(), 'N');
  const ms = await r.startup({ application_name: 'rawtest', options: '-c search_path=public --DateStyle=ISO,\\ MDY' });
  assert.equal(ms[0].type, 'R');
  assert.equal(ms[0].body.readInt32BE(0), 0);
  const status = Object.fromEntries(ms.filter((m) => m.type === 'S').map((m) => m.body.toString().split('\0').slice(0, 2)));
  assert.match(status.server_version, /^15\./);
  assert.equal(status.server_encoding, 'UTF8');
  assert.equal(status.client_encoding, 'UTF8');
  assert.equal(status.application_name, 'rawtest');
  assert.equal(status.DateStyle, 'ISO, MDY');
  assert.equal(status.integer_datetimes, 'on');
  assert.equal(status.standard_conforming_strings, 'on');
  assert.equal(status.TimeZone, 'UTC');
  assert.equal(status.is_superuser, 'on');
  assert.equal(status.session_authorization, 'postgres');
  assert.equal(status.IntervalStyle, 'postgres');
  assert.ok(ms.some((m) => m.type === 'K'));
  assert.equal(ms.at(-1).body.toString(), 'I');
  r.send(query('SHOW search_path'));
  const sp = await r.untilReady();
  assert.equal(dataRow(sp.find((m) => m.type === 'D').body)[0].toString(), 'public');
  // SET of a reported parameter sends ParameterStatus again.
  r.send(query("SET application_name = 'renamed'"));
  const set = await r.untilReady();
  assert.equal(types(set), 'CSZ');
  assert.equal(set[1].body.toString(), 'application_name\0renamed\0');
  // Empty queries.
  r.send(query(' ; '));
  assert.equal(types(await r.untilReady()), 'IZ');
  r.close();
});

test('startup errors: unknown database, bad setting', async () => {
  const r = await Raw.open(server.port);
  const ms = await r.startup({ database: 'nosuch' });
  const e = fields(ms.find((m) => m.type === 'E').body);
  assert.equal(e.S, 'FATAL');
  assert.equal(e.C, '3D000');
  assert.equal(e.M, 'database "nosuch" does not exist');
  const r2 = await Raw.open(server.port);
  const ms2 = await r2.startup({ options: '-c no_such_setting=1' });
  assert.equal(fields(ms2.find((m) => m.type === 'E').body).C, '42704');
});

test('simple query: several statements, notices, error fields, transaction status', async () => {
  const r = await Raw.open(server.port);
  await r.startup();
  r.send(query('CREATE TABLE sq (a int); INSERT INTO sq VALUES (1), (2); SELECT a FROM sq ORDER BY a; DROP TABLE IF EXISTS nothing_here'));
  const ms = await r.untilReady();
  assert.equal(types(ms), 'CCTDDCNCZ');
  assert.equal(fields(ms.find((m) => m.type === 'N').body).S, 'NOTICE');
  r.send(query('BEGIN; SELECT a FROM nosuch'));
  const err = await r.untilReady();
  assert.equal(types(err), 'CEZ');
  const f = fields(err[1].body);
  assert.deepEqual([f.S, f.V, f.C, f.M, f.P], ['ERROR', 'ERROR', '42P01', 'relation "nosuch" does not exist', '22']);
  assert.equal(err.at(-1).body.toString(), 'E');
  r.send(query('ROLLBACK'));
  assert.equal((await r.untilReady()).at(-1).body.toString(), 'I');
  r.close();
});

test('extended protocol: Describe statement, row limits, errors skip to Sync, Close', async () => {
  const r = await Raw.open(server.port);
  await r.startup();
  r.send(query('CREATE TABLE ext (id int, name text); INSERT INTO ext SELECT g, \'n\' || g FROM generate_series(1, 5) g'));
  await r.untilReady();
  r.send(Buffer.concat([parse('s1', 'SELECT id, name FROM ext WHERE id > $1 ORDER BY id', [23]), describe('S', 's1'), sync()]));
  const d = await r.untilReady();
  assert.equal(types(d), '1tTZ');
  assert.equal(d[1].body.readInt16BE(0), 1);
  assert.equal(d[1].body.readUInt32BE(2), 23);
  r.send(Buffer.concat([bind('p1', 's1', [Buffer.from('1')]), execute('p1', 2), execute('p1', 2), execute('p1', 2), sync()]));
  const rows = await r.untilReady();
  assert.equal(types(rows), '2DDsDDsCZ');  // 4 rows: the second fetch fills its limit
  assert.equal(rows.find((m) => m.type === 'C').body.toString(), 'SELECT 0\0');
  // An error skips everything up to Sync.
  r.send(Buffer.concat([parse('', 'SELECT 1/0'), bind('', '', []), execute(''), parse('', 'SELECT 1'), bind('', '', []), execute(''), sync()]));
  const e = await r.untilReady();
  assert.equal(types(e), '12EZ');
  assert.equal(fields(e[2].body).C, '22012');
  // Named statement already exists; Close; then it is gone.
  r.send(Buffer.concat([parse('s1', 'SELECT 2'), sync()]));
  assert.equal(fields((await r.untilReady())[0].body).C, '42P05');
  r.send(Buffer.concat([msg('C', Buffer.from('S'), cstr('s1')), bind('', 's1', [Buffer.from('1')]), sync()]));
  const c = await r.untilReady();
  assert.equal(types(c), '3EZ');
  assert.equal(fields(c[1].body).C, '26000');
  // Several commands in one prepared statement.
  r.send(Buffer.concat([parse('', 'SELECT 1; SELECT 2'), sync()]));
  assert.equal(fields((await r.untilReady())[0].body).C, '42601');
  r.close();
});

// RowDescription's fields: { name, tableOid, columnNumber, typeOid }.
function rowFields(body) {
  const out = [];
  let p = 2;
  for (let k = 0; k < body.readInt16BE(0); k++) {
    const end = body.indexOf(0, p);
    const name = body.toString('utf8', p, end);
    p = end + 1;
    out.push({ name, tableOid: body.readUInt32BE(p), columnNumber: body.readInt16BE(p + 4), typeOid: body.readUInt32BE(p + 6) });
    p += 18;
  }
  return out;
}
const paramDescription = (body) => Array.from({ length: body.readInt16BE(0) }, (_, i) => body.readUInt32BE(2 + 4 * i));

test('Parse analyses the statement: inferred parameter types, RETURNING, table columns, errors before Bind', async () => {
  const r = await Raw.open(server.port);
  await r.startup();
  r.send(query("CREATE TABLE pt (id int, name text, data bytea); SELECT 'pt'::regclass::oid"));
  const created = await r.untilReady();
  const ptOid = Number(dataRow(created.find((m) => m.type === 'D').body)[0].toString());
  for (const [sql, want] of [['SELECT $1 + 1', [23]], ['SELECT id FROM pt WHERE name = $1', [25]],
    ['INSERT INTO pt VALUES ($1, $2)', [23, 25]], ['SELECT $1::int8 AS a, $2', [20, 25]]]) {
    r.send(Buffer.concat([parse('', sql), describe('S', ''), sync()]));
    const ms = await r.untilReady();
    assert.equal(ms[1]?.type, 't', `${sql}: ${ms.filter((m) => m.type === 'E').map((m) => fields(m.body).M)}`);
    assert.deepEqual(paramDescription(ms[1].body), want, sql);
  }
  // INSERT … RETURNING described before it runs; binary parameters of unspecified type are
  // read as the inferred types (int4, text, bytea), not as bytea.
  r.send(Buffer.concat([parse('ins', "INSERT INTO pt VALUES ($1, $2, $3) RETURNING id, name, name || '!' AS n"), describe('S', 'ins'), sync()]));
  const d = await r.untilReady();
  assert.equal(types(d), '1tTZ');
  assert.deepEqual(paramDescription(d[1].body), [23, 25, 17]);
  assert.deepEqual(rowFields(d[2].body), [
    { name: 'id', tableOid: ptOid, columnNumber: 1, typeOid: 23 },
    { name: 'name', tableOid: ptOid, columnNumber: 2, typeOid: 25 },
    { name: 'n', tableOid: 0, columnNumber: 0, typeOid: 25 }]);
  const id = Buffer.alloc(4);
  id.writeInt32BE(7);
  r.send(Buffer.concat([bind('', 'ins', [id, Buffer.from('héllo'), Buffer.from([0, 1, 255])], { paramFormats: [1] }), execute(''), sync()]));
  const ins = await r.untilReady();
  assert.equal(types(ins), '2DCZ', ins.filter((m) => m.type === 'E').map((m) => fields(m.body).M).join());
  assert.deepEqual(dataRow(ins[1].body).map(String), ['7', 'héllo', 'héllo!']);
  r.send(query('SELECT name, data FROM pt'));
  assert.deepEqual(dataRow((await r.untilReady())[1].body).map(String), ['héllo', '\\x0001ff']);
  // Table OID and column number in the portal's RowDescription too.
  r.send(Buffer.concat([parse('', 'SELECT data, id + 1 AS next FROM pt'), bind('', '', []), describe('P', ''), execute(''), sync()]));
  const sel = await r.untilReady();
  assert.equal(types(sel), '12TDCZ');
  assert.deepEqual(rowFields(sel[2].body), [
    { name: 'data', tableOid: ptOid, columnNumber: 3, typeOid: 17 },
    { name: 'next', tableOid: 0, columnNumber: 0, typeOid: 23 }]);
  // A parse or analysis error is the answer to Parse: nothing after it runs until Sync.
  r.send(Buffer.concat([parse('', 'SELECT * FROM missing_table'), bind('', '', []), execute(''), sync()]));
  const e = await r.untilReady();
  assert.equal(types(e), 'EZ');
  assert.equal(fields(e[0].body).C, '42P01');
  assert.equal(fields(e[0].body).P, '15');
  r.send(Buffer.concat([parse('', 'SELEC 1'), describe('S', ''), sync()]));
  const syn = await r.untilReady();
  assert.equal(types(syn), 'EZ');
  assert.equal(fields(syn[0].body).C, '42601');
  // A named statement bound again is analysed again: another result shape is refused at Bind
  // (as PostgreSQL's revalidation does), a dropped table is the Bind's error.
  r.send(Buffer.concat([parse('star', 'SELECT * FROM pt'), bind('', 'star', []), execute(''), sync()]));
  assert.equal(types(await r.untilReady()), '12DCZ');
  r.send(query('ALTER TABLE pt ADD extra int'));
  await r.untilReady();
  r.send(Buffer.concat([bind('', 'star', []), execute(''), sync()]));
  const changed = await r.untilReady();
  assert.equal(types(changed), 'EZ');
  assert.equal(fields(changed[0].body).M, 'cached plan must not change result type');
  r.send(query('DROP TABLE pt'));
  await r.untilReady();
  r.send(Buffer.concat([bind('', 'star', []), execute(''), sync()]));
  assert.equal(fields((await r.untilReady())[0].body).C, '42P01');
  r.close();
});

test('binary parameters and results of the common types', async () => {
  const r = await Raw.open(server.port);
  await r.startup();
  const cases = [
    [23, (b) => b.writeInt32BE(-42), 4, '-42'],
    [20, (b) => b.writeBigInt64BE(-9007199254740993n), 8, '-9007199254740993'],
    [21, (b) => b.writeInt16BE(7), 2, '7'],
    [701, (b) => b.writeDoubleBE(0.1), 8, '0.1'],
    [700, (b) => b.writeFloatBE(1.5), 4, '1.5'],
    [16, (b) => { b[0] = 1; }, 1, 'true'],
    [1082, (b) => b.writeInt32BE(-1), 4, '1999-12-31'],
    [1114, (b) => b.writeBigInt64BE(86400000001n), 8, '2000-01-02 00:00:00.000001'],
    [1184, (b) => b.writeBigInt64BE(0n), 8, '2000-01-01 00:00:00+00'],
  ];
  for (const [oid, fill, size, text] of cases) {
    const b = Buffer.alloc(size);
    fill(b);
    const name = { 23: 'int4', 20: 'int8', 21: 'int2', 701: 'float8', 700: 'float4', 16: 'bool', 1082: 'date', 1114: 'timestamp', 1184: 'timestamptz' }[oid];
    r.send(Buffer.concat([parse('', `SELECT $1::${name} AS v, $1::text AS t`, [oid]), bind('', '', [b], { paramFormats: [1], resultFormats: [1, 0] }),
      describe('P', ''), execute(''), sync()]));
    const ms = await r.untilReady();
    assert.equal(types(ms), '12TDCZ', `type ${oid}: ${ms.filter((m) => m.type === 'E').map((m) => fields(m.body).M)}`);
    const [v, t] = dataRow(ms[3].body);
    assert.equal(t.toString(), text, `type ${oid} as text`);
    assert.deepEqual(v, b, `type ${oid} binary result`);
  }
  const more = [
    ['uuid', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc999c0b4ef8bb6d6bb9bd380a11'],
    ['numeric', '-12345.678', '0003000140000003000109291a7c'],
    ['numeric', '0.00', '0000000000000002'],
    ['bytea', '\\x00ff', '00ff'],
    ['text', 'héllo', Buffer.from('héllo').toString('hex')],
  ];
  for (const [type, text, hex] of more) {
    r.send(Buffer.concat([parse('', `SELECT $1::${type} AS v`), bind('', '', [Buffer.from(text)], { resultFormats: [1] }), execute(''), sync()]));
    const ms = await r.untilReady();
    assert.equal(types(ms), '12DCZ', `${type}: ${ms.filter((m) => m.type === 'E').map((m) => fields(m.body).M)}`);
    assert.equal(dataRow(ms[2].body)[0].toString('hex'), hex, type);
    // and back: the binary value as a parameter gives the same text
    const oid = { uuid: 2950, numeric: 1700, bytea: 17, text: 25 }[type];
    r.send(Buffer.concat([parse('', 'SELECT $1::text AS t', [oid]), bind('', '', [Buffer.from(hex, 'hex')], { paramFormats: [1] }), execute(''), sync()]));
    const back = await r.untilReady();
    assert.equal(dataRow(back[2].body)[0].toString(), text, `${type} binary parameter`);
  }
  r.close();
});

test('malformed and oversized messages close only their own connection', async () => {
  const keep = await connect(server.port);
  const bad = async (bytes, code) => {
    const r = await Raw.open(server.port);
    await r.startup();
    r.send(bytes);
    const ms = await r.untilReady();
    const e = ms.find((m) => m.type === 'E');
    assert.ok(e, 'an ErrorResponse');
    assert.equal(fields(e.body).S, 'FATAL');
    if (code) assert.equal(fields(e.body).C, code);
    assert.equal(r.closed || (await r.message()) === null, true, 'connection closed');
  };
  await bad(msg('?', Buffer.from('xx')), '08P01');                                    // unknown type
  await bad(Buffer.concat([Buffer.from('Q'), i32(0x7ffffff0)]));                         // oversized
  await bad(Buffer.concat([Buffer.from('Q'), i32(2)]), '08P01');                        // length < 4
  await bad(msg('B', cstr(''), cstr(''), i16(5)), '08P01');                              // truncated Bind
  await bad(msg('Q', Buffer.from('SELECT 1')), '08P01');                                 // unterminated string
  await bad(msg('P', cstr(''), cstr('SELECT 1'), i16(0), Buffer.from('junk')), '08P01'); // trailing bytes
  // A bad startup packet length: closed.
  const r = await Raw.open(server.port);
  r.send(Buffer.concat([i32(3), i32(0)]));
  await r.untilReady();
  assert.equal(r.closed, true);
  // The other client is unaffected.
  assert.equal((await keep.query('SELECT 42 AS x')).rows[0].x, 42);
  await keep.end();
});

test('a deadlock between two blocks fails one of them with 40P01; cancel ends a wait', async () => {
  const [a, b, c] = await Promise.all([connect(server.port), connect(server.port), connect(server.port)]);
  try {
    await a.query('CREATE TABLE dl (v int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO dl VALUES (1)');   // a holds the write lock
    await b.query('BEGIN');
    await b.query('SELECT count(*) FROM dl');     // b reads: a's commit must wait for b
    const bWrite = b.query('INSERT INTO dl VALUES (2)').then(() => null, (e) => e);
    await new Promise((res) => setTimeout(res, 150));
    const aCommit = a.query('COMMIT');
    const e = await bWrite;
    assert.equal(e?.code, '40P01');
    await assert.rejects(b.query('SELECT 1'), (x) => x.code === '25P02');
    await b.query('ROLLBACK');
    await aCommit;
    assert.equal((await b.query('SELECT count(*)::int AS n FROM dl')).rows[0].n, 1);
    // A waiting writer is canceled.
    await a.query('BEGIN');
    await a.query('INSERT INTO dl VALUES (3)');
    const q = c.query('INSERT INTO dl VALUES (4)').then(() => null, (x) => x);
    await new Promise((res) => setTimeout(res, 150));
    await new Promise((res) => {
      const s = net.connect(server.port, '127.0.0.1', () => s.end(Buffer.concat([i32(16), i32(80877102), i32(c.processID), i32(c.secretKey)])));
      s.on('close', res);
    });
    assert.equal((await q)?.code, '57014');
    await a.query('COMMIT');
    assert.deepEqual((await c.query('SELECT v FROM dl ORDER BY v')).rows.map((x) => x.v), [1, 3]);
  } finally { await a.end(); await b.end(); await c.end(); }
});

test('the CLI refuses a non-loopback address without --password, and a file it cannot open', () => {
  const cli = path.join(root, 'js/cli.js');
  const open = spawnSync(process.execPath, [cli, path.join(server.dir, 'x.db'), '--server', '0.0.0.0:0'], { encoding: 'utf8', timeout: 60000 });
  assert.equal(open.status, 2);
  assert.match(open.stderr, /refusing to listen on 0\.0\.0\.0 without --password/);
  const bad = spawnSync(process.execPath, [cli, '/nonexistent-dir/x.db', '--server', '127.0.0.1:0'], { encoding: 'utf8', timeout: 60000 });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /could not open database/);
  const mem = spawnSync(process.execPath, [cli, '--server', '127.0.0.1:0'], { encoding: 'utf8', timeout: 60000 });
  assert.equal(mem.status, 2);
  assert.match(mem.stderr, /needs a database FILE/);
});
