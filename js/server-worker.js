// The engine thread of the wire-protocol server (server-engine.js starts it): one WASM module,
// one binding Database (its own engine session) per client connection, all on the same file
// through the "pgmicro-server" VFS — the Node file VFS (node-file-vfs.js) plus a note of which
// connection writes to the rollback journal, i.e. holds SQLite's RESERVED lock (server.js uses
// it to order commits). File locks between the connections are the module's in-process lock
// table (vfs/file_locks.cpp). Statements run to their end here while the main thread keeps
// serving sockets; a CancelRequest sets the connection's slot in a shared Int32Array, which the
// engine polls through the binding's cancel check.
//
// COPY FROM STDIN / TO STDOUT: the binding's execute() does not stream COPY data yet, so these
// run through the binding's Shell (the psql front end) as `\copy … 'file'` with the file I/O
// answered from memory: the engine's own COPY code parses and formats the data.
import { parentPort, workerData } from 'node:worker_threads';
import { loadModule } from './load.js';
import { execute, executeWithTypes, describe } from './wire.js';
import { nodeFileVfsHost } from './node-file-vfs.js';

const VFS = 'pgmicro-server';
const cancelFlags = new Int32Array(workerData.cancelFlags);
const conns = new Map();  // connection id → { db, slot, wrote, shell, copyIn, copyOut }
let current = null;       // the connection whose statement is running

const Module = await loadModule();
const base = await nodeFileVfsHost();
const journals = new Set();
Module.registerHostFileVfs(VFS, {
  ...base,
  open(name, flags) {
    const fd = base.open(name, flags);
    if (fd >= 0 && typeof name === 'string' && name.endsWith('-journal')) journals.add(fd);
    return fd;
  },
  close(fd) { journals.delete(fd); return base.close(fd); },
  write(fd, view, offset) {
    if (current && journals.has(fd)) current.wrote = true;
    return base.write(fd, view, offset);
  },
});

function conn(id) {
  const c = conns.get(id);
  if (!c) throw new Error(`pg-micro server: no engine session ${id}`);
  return c;
}

function state(c) {
  const status = c.db.transactionStatus();
  if (status === 'I') c.wrote = false;
  return { status, wrote: c.wrote };
}

function shellOf(c) {
  if (!c.shell) {
    c.shell = new Module.Shell(c.db, false, false, '');
    c.shell.setFileIO({
      read: () => ['', c.copyIn ?? ''],
      write: (_path, text) => { c.copyOut = text; return ''; },
    });
    c.shell.runCommand('\\set VERBOSITY verbose');
  }
  return c.shell;
}

// The Shell's output of one \copy → { tag } or { error }, with notices, parsed from psql's
// text ("COPY n"; "ERROR:  SQLSTATE: message" with DETAIL/HINT/CONTEXT lines).
function shellResult(chunks) {
  const out = chunks.filter(([err]) => !err).map(([, t]) => t).join('');
  const err = chunks.filter(([e]) => e).map(([, t]) => t).join('');
  const notices = [];
  let error = null, last = null;
  for (const line of err.split('\n')) {
    const m = /^(ERROR|WARNING|NOTICE|INFO|LOG|DEBUG):  (?:([0-9A-Z]{5}): )?(.*)$/.exec(line);
    if (m) {
      last = { severity: m[1], code: m[2] ?? (m[1] === 'ERROR' ? 'XX000' : '00000'), message: m[3] };
      if (m[1] === 'ERROR') error = last; else notices.push(last);
      continue;
    }
    const f = /^(DETAIL|HINT|CONTEXT):  (.*)$/.exec(line);
    if (f && last) last[{ DETAIL: 'detail', HINT: 'hint', CONTEXT: 'context' }[f[1]]] = f[2];
    else if (line && !/^LINE \d+: |^\s*\^$/.test(line) && !last) error = { code: 'XX000', message: line };
  }
  const tag = /^(COPY \d+)$/m.exec(out);
  if (!error && !tag) error = { code: 'XX000', message: `unexpected COPY result: ${out || err}` };
  return { tag: error ? null : tag[1], error, notices };
}

const ops = {
  open({ id, path, slot }) {
    const db = new Module.Database(path, VFS);
    db.setCancelCheck(() => Atomics.load(cancelFlags, slot) !== 0);
    // No busy wait inside the engine: a sleep here would stop every connection (one thread),
    // and the lock's holder could not run to release it. server.js waits instead.
    const [r] = execute(db, 'PRAGMA busy_timeout = 0', [], 'sqlite');
    if (r?.error) throw new Error(r.error.message);
    conns.set(id, { db, slot, wrote: false, shell: null, copyIn: null, copyOut: null });
    return {};
  },
  // paramTypes (the extended protocol's parameter type OIDs): executeWithTypes, in the
  // session's dialect.
  exec({ id, sql, params, dialect, paramTypes }) {
    const c = conn(id);
    current = c;
    try {
      const results = paramTypes ? executeWithTypes(c.db, sql, params ?? [], paramTypes) : execute(c.db, sql, params ?? [], dialect);
      return { results, ...state(c) };
    } finally {
      current = null;
    }
  },
  // Parse + Describe of one statement without running it (wire.js describe()).
  describe({ id, sql, paramTypes }) {
    const c = conn(id);
    current = c;
    try {
      return { description: describe(c.db, sql, paramTypes ?? []), ...state(c) };
    } finally {
      current = null;
    }
  },
  // target/rest: the COPY statement around FROM STDIN / TO STDOUT; data: the rows sent.
  copyIn({ id, target, rest, data }) {
    const c = conn(id);
    current = c;
    c.copyIn = data;
    try {
      const r = shellResult(shellOf(c).runCommand(`\\copy ${target} from 'pgmicro-copy-data' ${rest}`));
      return { ...r, ...state(c) };
    } finally {
      current = null;
      c.copyIn = null;
    }
  },
  copyOut({ id, target, rest }) {
    const c = conn(id);
    current = c;
    c.copyOut = null;
    try {
      const r = shellResult(shellOf(c).runCommand(`\\copy ${target} to 'pgmicro-copy-data' ${rest}`));
      return { ...r, data: r.error ? null : c.copyOut ?? '', ...state(c) };
    } finally {
      current = null;
      c.copyOut = null;
    }
  },
  close({ id }) {
    const c = conns.get(id);
    if (!c) return {};
    conns.delete(id);
    try { c.shell?.delete(); } catch { /* already gone */ }
    c.db.close();
    c.db.delete();
    return {};
  },
};

parentPort.on('message', ({ seq, op, args }) => {
  let reply;
  try {
    reply = { seq, result: ops[op](args) };
  } catch (e) {
    reply = { seq, error: String(e?.message ?? e) };
  }
  parentPort.postMessage(reply);
});
parentPort.postMessage({ ready: true });
