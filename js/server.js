// `pg-micro FILE --server HOST:PORT`: a PostgreSQL wire-protocol 3.0 server over the engine, so
// psql, node-postgres and other PostgreSQL clients can use a pgmicro database file. This file
// holds the connections and their sessions: startup (SSL/GSSENC refused with 'N', parameters,
// trust or SCRAM-SHA-256 authentication, ParameterStatus, BackendKeyData), the simple and
// extended query protocols, COPY FROM STDIN / TO STDOUT, CancelRequest, and the waiting of a
// writer that meets another connection's lock. Framing and message encoding are pg-protocol.js,
// binary values pg-binary.js, SCRAM scram.js, SQL scanning pg-sql-scan.js; the engine runs in a
// worker thread (server-engine.js, server-worker.js), one engine session per connection.
import net from 'node:net';
import crypto from 'node:crypto';
import nodePath from 'node:path';
import * as P from './pg-protocol.js';
import { textToBinary, binaryToText, BINARY_TYPES } from './pg-binary.js';
import { ScramExchange, ScramError, scramVerifier } from './scram.js';
import { splitStatements, maxParam, topLevelWords } from './pg-sql-scan.js';
import { EngineHost } from './server-engine.js';

// The settings PostgreSQL 15 reports with ParameterStatus (GUC_REPORT), in its order.
const REPORTED = ['application_name', 'client_encoding', 'DateStyle', 'integer_datetimes', 'IntervalStyle',
  'is_superuser', 'server_encoding', 'server_version', 'session_authorization',
  'standard_conforming_strings', 'TimeZone'];
const SETTINGS_SQL = 'SELECT ' + REPORTED.map((n) => `pg_catalog.current_setting('${n}')`).join(', ');
const POSTGRES_DIALECT = 'postgres';
const TX_CONTROL = new Set(['begin', 'start', 'commit', 'end', 'rollback', 'abort', 'savepoint', 'release', 'prepare']);
const LOCK_SAVEPOINT = 'pgmicro_server_lock_wait';
const DEFAULT_MAX_MESSAGE = 64 << 20;

// An error to send as ErrorResponse: { code, message, detail?, hint?, position? }.
class SqlError extends Error {
  constructor(code, message, fields = {}) {
    super(message);
    this.fields = { code, message, ...fields };
  }
}

export function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}

// options: { path, host, port, password?, maxMessage?, log? } → Promise<{ address, port, close() }>.
export async function startServer(options) {
  const server = new PgServer(options);
  await server.start();
  return server;
}

class PgServer {
  constructor({ path, host = '127.0.0.1', port = 5432, password, maxMessage = DEFAULT_MAX_MESSAGE, log = () => {} }) {
    if (!path || path === ':memory:') throw new Error('pg-micro: --server needs a database FILE (each connection opens it)');
    if (!password && !isLoopback(host)) {
      throw new Error(`pg-micro: refusing to listen on ${host} without --password (trust authentication is for loopback addresses only)`);
    }
    this.path = nodePath.resolve(path);
    this.host = host;
    this.requestedPort = port;
    this.verifier = password ? scramVerifier(password) : null;
    this.maxMessage = maxMessage;
    this.log = log;
    this.conns = new Map();  // backend PID → Connection
    this.waiters = [];       // connections waiting for another one's transaction to end
    this.txEnds = 0;         // transactions ended so far (a wait begun after one ended returns at once)
    this.nextPid = 1000 + crypto.randomInt(30000);
    this.databases = new Set(['postgres', nodePath.basename(this.path).replace(/\.[^.]*$/, '')]);
  }

  async start() {
    this.engine = new EngineHost();
    await this.engine.ready;
    // The file must open (and is created when missing) before clients are told to come.
    try {
      await this.engine.call('open', { id: 0, path: this.path, slot: 0 });
      await this.engine.call('close', { id: 0 });
    } catch (e) {
      await this.engine.terminate();
      throw new Error(`pg-micro: could not open database "${this.path}": ${e.message}`);
    }
    this.net = net.createServer((socket) => new Connection(this, socket));
    await new Promise((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(this.requestedPort, this.host, () => { this.net.off('error', reject); resolve(); });
    });
    const a = this.net.address();
    this.address = a.address;
    this.port = a.port;
  }

  async close() {
    await new Promise((resolve) => {
      this.net.close(() => resolve());
      for (const c of this.conns.values()) c.socket.destroy();
    });
    await this.engine.terminate();
  }

  cancelRequest(pid, key) {
    const c = this.conns.get(pid);
    if (c && c.key === key) c.cancel();
  }

  othersInTransaction(conn) {
    for (const c of this.conns.values()) if (c !== conn && c.status !== 'I') return true;
    return false;
  }
  // Another connection holds SQLite's RESERVED lock (it wrote in its open transaction).
  otherWriter(conn) {
    for (const c of this.conns.values()) if (c !== conn && c.status !== 'I' && c.wrote) return true;
    return false;
  }

  // A transaction ended or a connection went away: every waiter tries again.
  wake() {
    this.txEnds++;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) { w.conn.waiter = null; w.resolve(); }
  }

  // w waits; when every connection holding a transaction is now waiting, none can proceed:
  // PostgreSQL's deadlock error goes to a waiter that is not committing.
  wait(w) {
    this.waiters.push(w);
    w.conn.waiter = w;
    const holders = [...this.conns.values()].filter((c) => c.status !== 'I');
    if (w.conn.status === 'I' || holders.length < 2 || !holders.every((c) => c.waiter)) return;
    const victims = holders.filter((c) => !c.waiter.isCommit);
    for (const c of victims.length ? victims : [w.conn]) {
      c.failWait(new SqlError('40P01', 'deadlock detected',
        { detail: `Process ${c.pid} waits for a lock held by another transaction of this database file.`, hint: 'See server log for query details.' }));
    }
  }
}

class Connection {
  constructor(server, socket) {
    this.server = server;
    this.socket = socket;
    this.engine = server.engine;
    this.pid = server.nextPid++;
    this.key = crypto.randomInt(0x7fffffff);
    this.reader = new P.MessageReader(server.maxMessage);
    this.out = [];
    this.outSize = 0;
    this.phase = 'startup';  // → auth → ready
    this.status = 'I';
    this.wrote = false;
    this.statements = new Map();
    this.portals = new Map();
    this.skipToSync = false;
    this.reported = {};
    this.settingsDirty = false;
    this.pendingGroups = [];
    this.copyIn = null;
    this.waiter = null;
    this.aborted = false;     // a block the server aborted (withLockWait)
    this.ownEnds = 0;         // transactions of this connection ended (see waitForLock)
    this.cleanBegin = null;   // the BEGIN of a block that has done nothing else yet
    this.running = false;
    this.closed = false;
    this.opened = false;
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      this.reader.push(chunk);
      if (this.reader.size > server.maxMessage + (1 << 20)) socket.pause();
      this.pump();
    });
    socket.on('error', () => {});
    socket.on('close', () => this.cleanup());
  }

  // ---- output ----
  send(buf) {
    this.out.push(buf);
    this.outSize += buf.length;
    if (this.outSize > (1 << 20)) this.flush();
  }
  flush() {
    if (!this.out.length || this.closed) { this.out = []; this.outSize = 0; return; }
    this.socket.write(this.out.length === 1 ? this.out[0] : Buffer.concat(this.out));
    this.out = [];
    this.outSize = 0;
  }
  sendError(e) {
    if (e instanceof SqlError) this.send(P.errorResponse(e.fields));
    else if (e?.code && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) this.send(P.errorResponse({ code: e.code, message: e.message }));
    else this.send(P.errorResponse({ code: 'XX000', message: String(e?.message ?? e) }));
  }
  sendNotices(notices) {
    for (const n of notices ?? []) {
      this.send(P.noticeResponse({ severity: n.severity || 'NOTICE', code: n.code || '00000', message: n.message, detail: n.detail, hint: n.hint }));
    }
  }
  fatal(e) {
    if (this.closed) return;
    const f = e instanceof SqlError ? e.fields : { code: e?.code && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : '08P01', message: String(e?.message ?? e) };
    this.send(P.errorResponse({ ...f, severity: 'FATAL' }));
    this.flush();
    this.socket.end();
    this.closed = true;
    this.cleanup();
  }

  // ---- input loop: one message at a time, in order ----
  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        let m;
        try {
          m = this.reader.next();
        } catch (e) {
          this.fatal(e);
          break;
        }
        if (!m) break;
        try {
          await this.handle(m);
        } catch (e) {
          if (e instanceof P.ProtocolError || e instanceof SqlError) this.fatal(e);
          else this.fatal(new SqlError('XX000', `internal error: ${e?.message ?? e}`));
        }
      }
      this.flush();
      if (this.socket.isPaused() && this.reader.size <= this.server.maxMessage) this.socket.resume();
    } finally {
      this.pumping = false;
    }
  }

  async handle({ type, body }) {
    if (type === null) return this.startup(body);
    if (this.phase === 'auth') {
      if (type !== 'p') throw new P.ProtocolError(`expected SASL response, got message type ${type.charCodeAt(0)}`);
      return this.saslResponse(body);
    }
    if (type === 'X') { this.closed = true; this.socket.end(); return undefined; }
    if (this.copyIn) return this.copyMessage(type, body);
    if (this.skipToSync && type !== 'S') return undefined;
    const c = new P.Cursor(body);
    switch (type) {
      case 'Q': { const sql = c.cstring(); c.end(); return this.simpleQuery(sql); }
      case 'P': return this.guard(() => this.parse(c));
      case 'B': return this.guard(() => this.bind(c));
      case 'D': return this.guard(() => this.describe(c));
      case 'E': return this.guard(() => this.execute(c));
      case 'C': return this.guard(() => this.closeMessage(c));
      case 'H': c.end(); this.flush(); return undefined;
      case 'S': c.end(); return this.sync();
      case 'd': case 'c': case 'f': return undefined;  // COPY messages after a failed COPY: ignored
      default: throw new P.ProtocolError(`invalid frontend message type ${type.charCodeAt(0)}`);
    }
  }

  // Extended-protocol messages: an error is reported and everything up to Sync is skipped.
  async guard(fn) {
    try {
      await fn();
    } catch (e) {
      if (e instanceof P.ProtocolError) throw e;
      this.sendError(e);
      this.skipToSync = true;
    }
  }

  // ---- startup and authentication ----
  async startup(body) {
    const c = new P.Cursor(body);
    const code = c.int32();
    if (code === P.SSL_REQUEST || code === P.GSSENC_REQUEST) {
      this.flush();
      this.socket.write('N');
      return;
    }
    if (code === P.CANCEL_REQUEST) {
      const pid = c.int32(), key = c.int32();
      this.server.cancelRequest(pid, key);
      this.closed = true;
      this.socket.end();
      return;
    }
    const major = code >> 16, minor = code & 0xffff;
    if (major !== 3) {
      throw new SqlError('0A000', `unsupported frontend protocol ${major}.${minor}: server supports 3.0 to 3.0`);
    }
    const params = {};
    const unrecognized = [];
    for (;;) {
      const name = c.cstring();
      if (name === '') break;
      const value = c.cstring();
      if (name.startsWith('_pq_.')) unrecognized.push(name); else params[name] = value;
    }
    this.reader.startup = false;
    if (minor > 0 || unrecognized.length) this.send(P.negotiateProtocolVersion(0, unrecognized));
    this.params = params;
    if (!params.user) throw new SqlError('28000', 'no PostgreSQL user name specified in startup packet');
    this.user = params.user;
    this.database = params.database || params.user;
    if (this.server.verifier) {
      this.phase = 'auth';
      this.send(P.authSasl(['SCRAM-SHA-256']));
      return;
    }
    await this.finishStartup();
  }

  async saslResponse(body) {
    const c = new P.Cursor(body);
    const fail = () => { throw new SqlError('28P01', `password authentication failed for user "${this.user}"`); };
    try {
      if (!this.scram) {
        const mechanism = c.cstring();
        const len = c.int32();
        const data = c.bytes(len < 0 ? 0 : len).toString('utf8');
        c.end();
        if (mechanism !== 'SCRAM-SHA-256') throw new P.ProtocolError('client selected an invalid SASL authentication mechanism');
        this.scram = new ScramExchange(this.server.verifier);
        this.send(P.authSaslContinue(this.scram.first(data)));
        return;
      }
      const final = this.scram.final(c.rest().toString('utf8'));
      this.send(P.authSaslFinal(final));
    } catch (e) {
      if (e instanceof ScramError) fail();
      throw e;
    }
    this.phase = 'startup';
    await this.finishStartup();
  }

  async finishStartup() {
    this.slot = this.engine.takeSlot();
    if (this.slot === undefined) throw new SqlError('53300', 'sorry, too many clients already');
    this.server.conns.set(this.pid, this);
    this.opening = true;
    try {
      await this.engine.call('open', { id: this.pid, path: this.server.path, slot: this.slot });
    } catch (e) {
      this.opening = false;
      this.cleanup();
      throw new SqlError('58030', `could not open database file "${this.server.path}": ${e.message}`);
    }
    this.opening = false;
    this.opened = true;
    if (this.closed) return this.cleanup();  // the client left while its session was opening
    const internal = async (sql, params) => {
      const r = (await this.exec(sql, params, POSTGRES_DIALECT)).results.at(-1);
      if (r?.error) throw new SqlError(r.error.code, r.error.message, { detail: r.error.detail, hint: r.error.hint });
      return r;
    };
    if (this.user !== 'postgres') {
      const r = await internal('SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = $1', [this.user]);
      if (!r.rows.length) throw new SqlError('28000', `role "${this.user}" does not exist`);
      if (r.rows[0][0] !== 't') throw new SqlError('28000', `role "${this.user}" is not permitted to log in`);
      await internal(`SET SESSION AUTHORIZATION "${this.user.replace(/"/g, '""')}"`, []);
    }
    if (!this.server.databases.has(this.database)) throw new SqlError('3D000', `database "${this.database}" does not exist`);
    this.send(P.authOk());
    // Startup settings: other parameters are GUCs, then options' -c name=value / --name=value.
    const settings = [];
    for (const [name, value] of Object.entries(this.params)) {
      if (['user', 'database', 'options', 'replication', 'fallback_application_name'].includes(name)) continue;
      // SQL_ASCII (libpq's "auto" under the C locale) passes bytes through unconverted, which is
      // what a UTF8 client encoding does here; other encodings are refused by the engine.
      settings.push([name, name === 'client_encoding' && /^sql_ascii$/i.test(value) ? 'UTF8' : value]);
    }
    if (this.params.fallback_application_name && this.params.application_name === undefined) {
      settings.push(['application_name', this.params.fallback_application_name]);
    }
    settings.push(...parseOptions(this.params.options ?? ''));
    for (const [name, value] of settings) await internal('SELECT pg_catalog.set_config($1, $2, false)', [name, value]);
    await this.reportParameters(true);
    this.send(P.backendKeyData(this.pid, this.key));
    this.phase = 'ready';
    this.send(P.readyForQuery(this.status));
  }

  // ---- engine calls ----
  // paramTypes: the extended protocol's parameter type OIDs (executeWithTypes).
  async exec(sql, params = [], dialect, paramTypes) {
    this.engine.clearCancel(this.slot);
    this.running = true;
    let r;
    try {
      r = await this.engine.call('exec', { id: this.pid, sql, params, dialect, paramTypes });
    } finally {
      this.running = false;
    }
    this.setState(r);
    return r;
  }

  setState(r) {
    const was = this.status;
    this.status = r.status;
    this.wrote = r.wrote && r.status !== 'I';
    for (const x of r.results ?? []) if (/^(SET|RESET|DISCARD|COMMIT|ROLLBACK)\b/.test(x.command)) this.settingsDirty = true;
    if (was !== 'I' && r.status === 'I') { this.settingsDirty = true; this.ownEnds++; this.server.wake(); }
  }

  cancel() {
    if (this.waiter) this.failWait(new SqlError('57014', 'canceling statement due to user request'));
    else if (this.running) this.engine.cancel(this.slot);
  }

  failWait(e) {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    this.server.waiters = this.server.waiters.filter((x) => x !== w);
    w.reject(e);
  }

  // Waits for the next transaction end after the moment gen (server.txEnds) was read.
  // Own ends (this connection's ROLLBACK before waiting) do not count.
  waitForLock(isCommit, [gen, own]) {
    if (this.server.txEnds - gen > this.ownEnds - own) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer = null;
      if (this.deadline) {
        // statement_timeout also ends a wait, as it cancels PostgreSQL's lock waits.
        timer = setTimeout(() => this.failWait(new SqlError('57014', 'canceling statement due to statement timeout')),
          Math.max(0, this.deadline - Date.now()));
      }
      const done = (f) => (v) => { if (timer) clearTimeout(timer); f(v); };
      this.server.wait({ conn: this, resolve: done(resolve), reject: done(reject), isCommit });
    });
  }

  // The statement's deadline from statement_timeout (0: none), read when it first has to wait.
  async readDeadline(started) {
    if (this.deadline !== undefined) return;
    this.deadline = 0;
    const [r] = (await this.exec("SELECT pg_catalog.current_setting('statement_timeout')", [], POSTGRES_DIALECT)).results;
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?$/.exec(r?.rows?.[0]?.[0] ?? '');
    const ms = m ? Number(m[1]) * { ms: 1, s: 1000, min: 60000, h: 3600000, d: 86400000 }[m[2] ?? 'ms'] : 0;
    if (ms > 0) this.deadline = started + ms;
  }

  // After a write met a lock: the next transaction end, then for as long as another connection
  // holds the write lock (retrying while it waits to commit would keep it from committing).
  async waitForWriter(gen) {
    await this.readDeadline(this.started);
    await this.waitForLock(false, gen);
    while (this.server.otherWriter(this)) await this.waitForLock(false, [this.server.txEnds, this.ownEnds]);
  }

  // Runs attempt() (→ results with .error) so that a write meeting another connection's lock
  // waits for that transaction to end and tries again: in autocommit the failed statement was
  // rolled back whole; in a transaction block that has done nothing yet since its BEGIN, the
  // block is rolled back (giving up its SQLite locks), begun again after the wait and the
  // statement retried; in a block that has, the attempt runs under a savepoint when another
  // connection holds the write lock. A COMMIT of a transaction that wrote waits until no other
  // connection has a transaction open (SQLite's commit needs every reader gone, and a refused
  // commit would roll the transaction back). A wait that is canceled or is a deadlock fails
  // the statement and, inside a block, aborts the block as PostgreSQL does (the server then
  // answers 25P02 until ROLLBACK, see abortedAnswer).
  async withLockWait(stmts, attempt) {
    if (this.aborted) return this.abortedAnswer(stmts);
    this.started = Date.now();
    this.deadline = undefined;
    const txControl = stmts.some((s) => TX_CONTROL.has(s.keywords[0]));
    const commits = stmts.some((s) => s.keywords[0] === 'commit' || s.keywords[0] === 'end' ||
      (s.keywords[0] === 'prepare' && s.keywords[1] === 'transaction'));
    const onlyBegin = stmts.length > 0 && stmts.every((s) => s.keywords[0] === 'begin' ||
      (s.keywords[0] === 'start' && s.keywords[1] === 'transaction'));
    let rebegin = null;  // the BEGIN to run again after a wait
    try {
      for (;;) {
        if (rebegin) {
          await this.exec(rebegin, [], POSTGRES_DIALECT);
          rebegin = null;
        }
        const gen = [this.server.txEnds, this.ownEnds];
        if (this.status === 'T' && commits && (this.wrote || stmts.length > 1) && this.server.othersInTransaction(this)) {
          await this.readDeadline(this.started);
          await this.waitForLock(true, gen);
          continue;
        }
        const clean = this.status === 'T' && this.cleanBegin && !txControl;
        const wrap = this.status === 'T' && !clean && !txControl && this.server.otherWriter(this);
        if (wrap) await this.exec(`SAVEPOINT ${LOCK_SAVEPOINT}`, [], POSTGRES_DIALECT);
        const before = this.status;
        const results = await attempt();
        const locked = results.some((x) => x.error?.code === '55P03' && /database is locked/.test(x.error.message));
        if (locked && clean) {
          rebegin = this.cleanBegin;
          await this.exec('ROLLBACK', [], POSTGRES_DIALECT);
          await this.waitForWriter(gen);
          continue;
        }
        if (locked && (wrap || (before === 'I' && this.status === 'I'))) {
          if (wrap) await this.exec(`ROLLBACK TO SAVEPOINT ${LOCK_SAVEPOINT}; RELEASE SAVEPOINT ${LOCK_SAVEPOINT}`, [], POSTGRES_DIALECT);
          await this.waitForWriter(gen);
          continue;
        }
        if (wrap && this.status === 'T') await this.exec(`RELEASE SAVEPOINT ${LOCK_SAVEPOINT}`, [], POSTGRES_DIALECT);
        // A block just begun by this query has done nothing yet; any other statement ends that.
        this.cleanBegin = before === 'I' && this.status === 'T' && onlyBegin ? stmts.map((s) => s.text).join(';') : null;
        return results;
      }
    } catch (e) {
      if (rebegin || this.status !== 'I') {
        if (this.status !== 'I') await this.exec('ROLLBACK', [], POSTGRES_DIALECT);
        this.aborted = true;
        this.cleanBegin = null;
      }
      throw e;
    }
  }

  // A block the server aborted (a canceled wait, a deadlock): 25P02 until it ends; COMMIT ends
  // it as ROLLBACK, as in PostgreSQL.
  abortedAnswer(stmts) {
    const ok = (command) => ({ columns: [], rows: [], returnsRows: false, command, notices: [], error: null });
    const kw = stmts[0]?.keywords[0];
    if (['rollback', 'abort', 'commit', 'end'].includes(kw) && stmts[0].keywords[1] !== 'to') {
      this.aborted = false;
      this.settingsDirty = true;
      return [ok('ROLLBACK')];
    }
    return [{ ...ok(''), error: { code: '25P02', message: 'current transaction is aborted, commands ignored until end of transaction block' } }];
  }

  async run(sql, params, stmts = splitStatements(sql), paramTypes) {
    return this.withLockWait(stmts, async () => (await this.exec(sql, params, undefined, paramTypes)).results);
  }

  async reportParameters(all) {
    if (this.status === 'E') return;
    this.settingsDirty = false;
    const r = (await this.exec(SETTINGS_SQL, [], POSTGRES_DIALECT)).results[0];
    if (!r || r.error) return;
    REPORTED.forEach((name, i) => {
      const value = r.rows[0][i] ?? '';
      if (all || this.reported[name] !== value) this.send(P.parameterStatus(name, value));
      this.reported[name] = value;
    });
  }

  async readyForQuery() {
    if (this.settingsDirty) await this.reportParameters(false);
    this.send(P.readyForQuery(this.aborted ? 'E' : this.status));
  }

  // ---- simple query ----
  async simpleQuery(sql) {
    const stmts = splitStatements(sql);
    if (!stmts.length) {
      this.send(P.emptyQueryResponse());
      return this.readyForQuery();
    }
    if (!stmts.some(isCopy)) {
      await this.runAndSend(sql, stmts);
      return this.readyForQuery();
    }
    // COPY FROM STDIN / TO STDOUT go their own way: the statements around them run in groups.
    const groups = [];
    for (const s of stmts) {
      if (isCopy(s)) groups.push({ copy: true, text: s.text, stmts: [s] });
      else if (groups.length && !groups.at(-1).copy) { groups.at(-1).stmts.push(s); groups.at(-1).text += ';' + s.text; }
      else groups.push({ copy: false, text: s.text, stmts: [s] });
    }
    this.pendingGroups = groups;
    return this.continueQuery();
  }

  async continueQuery() {
    while (this.pendingGroups.length) {
      const g = this.pendingGroups.shift();
      const ok = g.copy ? await this.copyStatement(g) : await this.runAndSend(g.text, g.stmts);
      if (ok === 'copy-in') return;  // the data follows
      if (!ok) break;
    }
    this.pendingGroups = [];
    await this.readyForQuery();
  }

  // Runs statements and sends their results; false after an error.
  async runAndSend(sql, stmts) {
    let results;
    try {
      results = await this.run(sql, [], stmts);
    } catch (e) {
      this.sendError(e);
      return false;
    }
    for (const r of results) {
      this.sendNotices(r.notices);
      if (r.error) {
        this.send(P.errorResponse(r.error));
        return false;
      }
      if (r.returnsRows) {
        this.send(P.rowDescription(r.columns, []));
        for (const row of r.rows) this.send(P.dataRow(row.map((v) => (v === null ? null : Buffer.from(v, 'utf8')))));
      }
      this.send(P.commandComplete(r.command));
    }
    return true;
  }

  // ---- COPY ----
  async copyStatement(g) {
    const parts = copyParts(g.text);
    if (!parts) return this.runAndSend(g.text, g.stmts);  // COPY to/from a file: the engine answers
    if (parts.from) {
      // The statement is checked before CopyInResponse (as PostgreSQL fails a COPY into a missing
      // table before asking for data): run through execute(), a valid COPY FROM STDIN stops at
      // the binding's "not supported" error; under a savepoint inside a block, which it aborts.
      if (this.aborted) { this.sendError(new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block')); return false; }
      const inBlock = this.status === 'T';
      if (inBlock) await this.exec('SAVEPOINT pgmicro_server_copy_check', [], POSTGRES_DIALECT);
      const [check] = (await this.exec(`COPY ${parts.target} FROM STDIN ${parts.rest}`)).results;
      if (inBlock) await this.exec('ROLLBACK TO SAVEPOINT pgmicro_server_copy_check; RELEASE SAVEPOINT pgmicro_server_copy_check', [], POSTGRES_DIALECT);
      if (check?.error && !(check.error.code === '0A000' && /COPY FROM STDIN is not supported/.test(check.error.message))) {
        this.sendNotices(check.notices);
        this.send(P.errorResponse(check.error));
        return false;
      }
      this.copyIn = { ...parts, chunks: [], stmts: g.stmts };
      this.send(P.copyInResponse(0));
      return 'copy-in';
    }
    let r;
    try {
      [r] = await this.withLockWait(g.stmts, async () => {
        this.running = true;
        this.engine.clearCancel(this.slot);
        try {
          const x = await this.engine.call('copyOut', { id: this.pid, target: parts.target, rest: parts.rest });
          this.setState(x);
          return [x];
        } finally { this.running = false; }
      });
    } catch (e) {
      this.sendError(e);
      return false;
    }
    this.sendNotices(r.notices);
    if (r.error) { this.send(P.errorResponse(r.error)); return false; }
    this.send(P.copyOutResponse(0));
    const data = Buffer.from(r.data, 'utf8');
    for (let i = 0; i < data.length; i += 65536) this.send(P.copyData(data.subarray(i, i + 65536)));
    this.send(P.copyDone());
    this.send(P.commandComplete(r.tag));
    return true;
  }

  async copyMessage(type, body) {
    const cp = this.copyIn;
    if (type === 'd') { cp.chunks.push(body); return; }
    if (type === 'H' || type === 'S') return;  // ignored during COPY, as PostgreSQL does
    this.copyIn = null;
    if (type === 'f') {
      const c = new P.Cursor(body);
      this.send(P.errorResponse({ code: '57014', message: `COPY from stdin failed: ${c.cstring()}` }));
    } else if (type !== 'c') {
      this.send(P.errorResponse({ code: '08P01', message: `unexpected message type 0x${type.charCodeAt(0).toString(16).padStart(2, '0')} during COPY from stdin` }));
    } else {
      const data = Buffer.concat(cp.chunks).toString('utf8');
      let r;
      try {
        [r] = await this.withLockWait(cp.stmts, async () => {
          this.running = true;
          this.engine.clearCancel(this.slot);
          try {
            const x = await this.engine.call('copyIn', { id: this.pid, target: cp.target, rest: cp.rest, data });
            this.setState(x);
            return [x];
          } finally { this.running = false; }
        });
      } catch (e) {
        this.sendError(e);
        r = null;
      }
      if (r) {
        this.sendNotices(r.notices);
        if (r.error) this.send(P.errorResponse(r.error));
        else {
          this.send(P.commandComplete(r.tag));
          return this.continueQuery();
        }
      }
    }
    this.pendingGroups = [];
    return this.readyForQuery();
  }

  // ---- extended query ----
  // Parse analyses the statement as PostgreSQL does (the engine's describe: parse and analysis
  // errors are reported here, before Bind) and keeps its description: the parameter types
  // (declared, or inferred where unspecified) and the result columns (null: NoData).
  async parse(c) {
    const name = c.cstring(), sql = c.cstring();
    const n = c.int16();
    const types = [];
    for (let i = 0; i < n; i++) types.push(c.uint32());
    c.end();
    const stmts = splitStatements(sql);
    if (stmts.length > 1) throw new SqlError('42601', 'cannot insert multiple commands into a prepared statement');
    let paramTypes, columns = null, described = false;
    if (stmts.length && !isCopy(stmts[0])) {
      if (this.aborted && !TX_CONTROL.has(stmts[0].keywords[0])) {
        throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
      }
      const d = await this.describeSql(sql, types);
      if (d.error) throw new SqlError(d.error.code, d.error.message, { detail: d.error.detail, hint: d.error.hint, position: d.error.position });
      paramTypes = d.paramTypes;
      columns = d.returnsRows ? d.columns : null;
      described = true;
    } else {
      // Empty, or COPY (refused at Execute): the declared types, unspecified ones as text.
      paramTypes = Array.from({ length: Math.max(types.length, maxParam(sql)) }, (_, i) => types[i] || 25);
    }
    if (name && this.statements.has(name)) throw new SqlError('42P05', `prepared statement "${name}" already exists`);
    this.statements.set(name, { sql, types, stmts, paramTypes, columns, described, fresh: true, nparams: paramTypes.length });
    this.send(P.parseComplete());
  }

  async describeSql(sql, paramTypes) {
    this.engine.clearCancel(this.slot);
    this.running = true;
    let r;
    try {
      r = await this.engine.call('describe', { id: this.pid, sql, paramTypes });
    } finally {
      this.running = false;
    }
    this.setState(r);
    return r.description;
  }

  async bind(c) {
    const portalName = c.cstring(), stmtName = c.cstring();
    const nf = c.int16();
    const formats = [];
    for (let i = 0; i < nf; i++) formats.push(c.int16());
    const np = c.int16();
    const raw = [];
    for (let i = 0; i < np; i++) {
      const len = c.int32();
      raw.push(len === -1 ? null : c.bytes(len));
    }
    const nr = c.int16();
    const resultFormats = [];
    for (let i = 0; i < nr; i++) resultFormats.push(c.int16());
    c.end();
    const stmt = this.statements.get(stmtName);
    if (!stmt) {
      throw new SqlError('26000', stmtName ? `prepared statement "${stmtName}" does not exist` : 'unnamed prepared statement does not exist');
    }
    if (portalName && this.portals.has(portalName)) throw new SqlError('42P03', `cursor "${portalName}" already exists`);
    if (nf > 1 && nf !== np) throw new P.ProtocolError(`bind message has ${nf} parameter formats but ${np} parameters`);
    if (np !== stmt.nparams) {
      throw new SqlError('08P01', `bind message supplies ${np} parameters, but prepared statement "${stmtName}" requires ${stmt.nparams}`);
    }
    const params = raw.map((b, i) => {
      if (b === null) return null;
      const format = nf === 0 ? 0 : nf === 1 ? formats[0] : formats[i];
      if (format === 0) return b.toString('utf8');
      if (format !== 1) throw new P.ProtocolError(`unsupported format code: ${format}`);
      // A binary value is read as the parameter's type: declared at Parse, or inferred there.
      return binaryToText(stmt.paramTypes[i], b);
    });
    for (const f of resultFormats) if (f !== 0 && f !== 1) throw new P.ProtocolError(`unsupported format code: ${f}`);
    if (stmt.described && !stmt.fresh && !this.aborted) await this.revalidate(stmt);
    stmt.fresh = false;
    this.portals.set(portalName, { stmt, params, resultFormats, result: undefined, index: 0 });
    this.send(P.bindComplete());
  }

  formatsFor(portal, columns) {
    const f = portal.resultFormats;
    return columns.map((_, i) => (f.length === 0 ? 0 : f.length === 1 ? f[0] : f[i] ?? 0));
  }

  // Runs a bound portal once (at Describe or Execute) and keeps its result for Execute.
  async runPortal(portal) {
    if (portal.result !== undefined) return portal.result;
    const { stmt } = portal;
    if (stmt.stmts.some(isCopy)) throw new SqlError('0A000', 'COPY FROM STDIN / TO STDOUT through the extended query protocol is not supported');
    const results = stmt.stmts.length
      ? await this.run(stmt.sql, portal.params, stmt.stmts, stmt.described ? stmt.paramTypes : undefined) : [];
    portal.result = results.at(-1) ?? null;
    if (portal.result) this.sendNotices(portal.result.notices);
    if (portal.result?.error) {
      const e = portal.result.error;
      portal.result = undefined;
      throw new SqlError(e.code, e.message, { detail: e.detail, hint: e.hint, position: e.position });
    }
    return portal.result;
  }

  // A statement bound again (the schema may have changed since Parse) is described again first:
  // an analysis error is its error, and other result columns than those Describe announced are
  // PostgreSQL's "cached plan must not change result type" rather than rows of another shape.
  async revalidate(stmt) {
    const d = await this.describeSql(stmt.sql, stmt.paramTypes);
    if (d.error) throw new SqlError(d.error.code, d.error.message, { detail: d.error.detail, hint: d.error.hint, position: d.error.position });
    const cols = d.returnsRows ? d.columns : null;
    const same = (a, b) => a === b || (a && b && a.length === b.length && a.every((c, i) => c.typeOid === b[i].typeOid && c.typmod === b[i].typmod));
    if (!same(cols, stmt.columns)) throw new SqlError('0A000', 'cached plan must not change result type');
  }

  // Describe answers from the statement's description made at Parse; nothing runs.
  async describe(c) {
    const kind = String.fromCharCode(c.byte());
    const name = c.cstring();
    c.end();
    if (kind === 'S') {
      const stmt = this.statements.get(name);
      if (!stmt) throw new SqlError('26000', name ? `prepared statement "${name}" does not exist` : 'unnamed prepared statement does not exist');
      this.send(P.parameterDescription(stmt.paramTypes));
      this.send(stmt.columns ? P.rowDescription(stmt.columns, []) : P.noData());
      return;
    }
    if (kind !== 'P') throw new P.ProtocolError(`invalid DESCRIBE message subtype ${kind.charCodeAt(0)}`);
    const portal = this.portals.get(name);
    if (!portal) throw new SqlError('34000', `portal "${name}" does not exist`);
    if (portal.stmt.stmts.some(isCopy)) await this.runPortal(portal);  // refused there (0A000)
    const columns = portal.stmt.columns;
    if (columns) {
      const formats = this.formatsFor(portal, columns);
      columns.forEach((col, i) => {
        if (formats[i] === 1 && !BINARY_TYPES.has(col.typeOid)) {
          throw new SqlError('0A000', `binary format for column "${col.name}" (type OID ${col.typeOid}) is not supported`);
        }
      });
      this.send(P.rowDescription(columns, formats));
    } else this.send(P.noData());
  }

  async execute(c) {
    const name = c.cstring();
    const maxRows = c.int32();
    c.end();
    const portal = this.portals.get(name);
    if (!portal) throw new SqlError('34000', `portal "${name}" does not exist`);
    const r = await this.runPortal(portal);
    if (!r) { this.send(P.emptyQueryResponse()); return; }
    if (!r.returnsRows) {
      if (portal.index === 0) this.send(P.commandComplete(r.command));
      else this.send(P.commandComplete(r.command.replace(/\d+$/, '0')));
      portal.index = 1;
      return;
    }
    const formats = this.formatsFor(portal, r.columns);
    const end = maxRows > 0 ? Math.min(r.rows.length, portal.index + maxRows) : r.rows.length;
    const start = portal.index;
    for (let i = start; i < end; i++) {
      this.send(P.dataRow(r.rows[i].map((v, k) => {
        if (v === null) return null;
        return formats[k] === 1 ? textToBinary(r.columns[k].typeOid, v) : Buffer.from(v, 'utf8');
      })));
    }
    portal.index = end;
    // As PostgreSQL: a fetch that filled its row limit leaves the portal suspended, even when
    // no row is left (the next Execute completes it with 0 rows).
    if (maxRows > 0 && end - start === maxRows) this.send(P.portalSuspended());
    else this.send(P.commandComplete(/^SELECT \d+$/.test(r.command) ? `SELECT ${end - start}` : r.command));
  }

  closeMessage(c) {
    const kind = String.fromCharCode(c.byte());
    const name = c.cstring();
    c.end();
    if (kind === 'S') this.statements.delete(name);
    else if (kind === 'P') this.portals.delete(name);
    else throw new P.ProtocolError(`invalid CLOSE message subtype ${kind.charCodeAt(0)}`);
    this.send(P.closeComplete());
  }

  async sync() {
    this.skipToSync = false;
    // Portals end with their transaction; the unnamed one with the next Bind.
    if (this.status === 'I') this.portals.clear();
    await this.readyForQuery();
  }

  async cleanup() {
    this.closed = true;
    if (this.cleaned || this.opening) return;  // opening: finishStartup comes back here
    this.cleaned = true;
    if (this.running) this.engine.cancel(this.slot);  // the client is gone: stop its statement
    this.failWait(new SqlError('57P01', 'terminating connection'));
    this.server.conns.delete(this.pid);
    if (this.opened) {
      this.opened = false;
      try { await this.engine.call('close', { id: this.pid }); } catch { /* engine gone */ }
    }
    if (this.slot !== undefined) { this.engine.releaseSlot(this.slot); this.slot = undefined; }
    this.server.wake();
  }
}

function isCopy(s) { return s.keywords[0] === 'copy'; }

// COPY target FROM STDIN … / COPY target TO STDOUT … → { from, target, rest } (one line each,
// for the Shell's \copy), or null for COPY to or from a file.
function copyParts(text) {
  const words = topLevelWords(text);
  const i = words.findIndex((w, k) => k > 0 && (w.word === 'from' || w.word === 'to'));
  if (i < 0 || !words[i + 1]) return null;
  const from = words[i].word === 'from';
  if (words[i + 1].word !== (from ? 'stdin' : 'stdout')) return null;
  const oneLine = (s) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return { from, target: oneLine(text.slice(words[0].end, words[i].start)), rest: oneLine(text.slice(words[i + 1].end)) };
}

// The startup packet's options: -c name=value, --name=value (backslash escapes a space).
function parseOptions(options) {
  const args = [];
  let cur = '', any = false;
  for (let i = 0; i < options.length; i++) {
    const ch = options[i];
    if (ch === '\\' && i + 1 < options.length) { cur += options[++i]; any = true; } else if (/\s/.test(ch)) { if (any) args.push(cur); cur = ''; any = false; } else { cur += ch; any = true; }
  }
  if (any) args.push(cur);
  const out = [];
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    if (a === '-c' && i + 1 < args.length) a = args[++i];
    else if (a.startsWith('-c')) a = a.slice(2);
    else if (a.startsWith('--')) a = a.slice(2);
    else throw new SqlError('42601', `invalid command-line argument for server process: ${a}`, { hint: 'Try "postgres --help" for more information.' });
    const eq = a.indexOf('=');
    if (eq < 0) throw new SqlError('42601', `-c ${a} requires a value`);
    out.push([a.slice(0, eq).replace(/-/g, '_'), a.slice(eq + 1)]);
  }
  return out;
}
