#!/usr/bin/env node
// `npx pg-micro [OPTION]... [FILE]`: the pgmicro shell in Node over the WASM build. The prompt,
// statement splitting, meta-commands (\q \? \dt \d NAME \timing \x) and psql-style output are
// the engine's psql front end (engine/format/psql_frontend.h, the native shell's too) reached
// through the binding's Shell; this file only reads input, writes the chunks it returns to
// stdout/stderr in order, and keeps FILE on disk.
//
// FILE (default: a fresh in-memory database) is a SQLite database file, opened in place through
// the Node file VFS (storage.js, vfs/node_file_vfs.cpp): SQLite's rollback journal makes each
// commit durable as it happens. A transaction still open at the end is rolled back, as psql's.
import fs from 'node:fs';
import readline from 'node:readline';
import { loadModule } from './load.js';
import { openNative } from './storage.js';

const USAGE = `pg-micro is PostgreSQL's SQL dialect running in-process on SQLite (WebAssembly).

Usage:
  pg-micro [OPTION]... [FILE]
  pg-micro dump FILE       write FILE as a PostgreSQL SQL script (schema + data) to stdout

FILE is the database file (default :memory:, a fresh in-memory database).

Options:
  -a, --echo-all           echo all input from script
  -c, --command=COMMAND    run only single command (SQL or internal) and exit
  -f, --file=FILENAME      execute commands from file, then exit
  -q, --quiet              run quietly (no messages, only query output)
  -X, --no-psqlrc          accepted for psql compatibility (there is no startup file)
      --server=HOST:PORT   serve FILE to PostgreSQL clients (psql, drivers) over the wire
                           protocol instead of running the shell (port 0: any free port)
      --password=PASSWORD  require SCRAM-SHA-256 authentication with this password (needed
                           to listen on an address that is not loopback)
  -V, --version            output version information, then exit
  -?, --help               show this help, then exit
`;

function parseArgs(argv) {
  const opt = { echoAll: false, quiet: false, file: '', commands: [], database: ':memory:', server: null, password: null };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const long = (name) => (a.startsWith(name + '=') ? a.slice(name.length + 1) : null);
    let v;
    if (a === '--echo-all') opt.echoAll = true;
    else if (a === '--quiet') opt.quiet = true;
    else if (a === '--no-psqlrc') { /* nothing to skip */ }
    else if (a === '--help' || a === '-?') return { exit: 0, out: USAGE };
    else if (a === '--version' || a === '-V') return { exit: 0, out: 'pg-micro (PostgreSQL 15 dialect)\n' };
    else if ((v = long('--file')) !== null) opt.file = v;
    else if ((v = long('--command')) !== null) opt.commands.push(v);
    else if ((v = long('--server')) !== null) opt.server = v;
    else if ((v = long('--password')) !== null) opt.password = v;
    else if ((a === '--server' || a === '--password') && i + 1 < argv.length) opt[a.slice(2)] = argv[++i];
    else if (a === '--server' || a === '--password') return { exit: 1, err: `pg-micro: error: option ${a} requires an argument\n` };
    else if (a === '--') positional.push(...argv.slice(i + 1)), i = argv.length;
    else if (a.length > 1 && a[0] === '-' && a[1] !== '-') {
      for (let k = 1; k < a.length; k++) {
        const c = a[k];
        if (c === 'a') opt.echoAll = true;
        else if (c === 'q') opt.quiet = true;
        else if (c === 'X') { /* psql compatibility */ }
        else if (c === 'f' || c === 'c') {
          let value;
          if (k + 1 < a.length) value = a.slice(k + 1);
          else if (i + 1 < argv.length) value = argv[++i];
          else return { exit: 1, err: `pg-micro: error: option -${c} requires an argument\n` };
          if (c === 'f') opt.file = value; else opt.commands.push(value);
          break;
        } else {
          return { exit: 1, err: `pg-micro: error: invalid option -- '${c}'\nTry "pg-micro --help" for more information.\n` };
        }
      }
    } else if (a.length > 1 && a[0] === '-' && a !== '-') {
      return { exit: 1, err: `pg-micro: error: unrecognized option "${a}"\nTry "pg-micro --help" for more information.\n` };
    } else positional.push(a);
  }
  if (positional.length > 1) return { exit: 1, err: 'pg-micro: error: too many arguments\n' };
  if (positional.length) opt.database = positional[0];
  return { opt };
}

// Lines of a byte stream as std::getline gives them ('\n' ends a line, '\r' is kept).
async function* lines(stream) {
  let rest = Buffer.alloc(0);
  for await (const chunk of stream) {
    let buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0, nl;
    while ((nl = buf.indexOf(10, start)) !== -1) {
      yield buf.toString('utf8', start, nl);
      start = nl + 1;
    }
    rest = buf.subarray(start);
  }
  if (rest.length) yield rest.toString('utf8');
}

// A reader that went away (`pg-micro < x.sql | head`): stop quietly, as SIGPIPE stops the
// native shell (every commit is already on disk).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
}

// `pg-micro dump FILE`: the database as a SQL script in PostgreSQL's dialect (schema + data,
// one INSERT per row, as pg_dump --inserts) from the engine's dump (engine/format/dump.h).
async function dump(args) {
  if (args.length !== 1) {
    process.stderr.write('pg-micro: error: usage: pg-micro dump FILE\n');
    return 1;
  }
  if (!fs.existsSync(args[0])) {
    process.stderr.write(`pg-micro: error: could not open database "${args[0]}": No such file\n`);
    return 2;
  }
  const Module = await loadModule();
  let db;
  try {
    db = await openNative(Module, args[0]);
  } catch (e) {
    process.stderr.write(`pg-micro: error: could not open database "${args[0]}": ${e?.message ?? e}\n`);
    return 2;
  }
  try {
    const script = db.dump();
    await new Promise((resolve) => process.stdout.write(script, resolve));
    return 0;
  } catch (e) {
    process.stderr.write(`${e?.message ?? e}\n`);
    return 1;
  } finally {
    db.close();
    db.delete();
  }
}

async function main() {
  if (process.argv[2] === 'dump') return dump(process.argv.slice(3));
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed.exit !== undefined) {
    if (parsed.out) process.stdout.write(parsed.out);
    if (parsed.err) process.stderr.write(parsed.err);
    return parsed.exit;
  }
  const { opt } = parsed;
  if (opt.server !== null) return serve(opt);
  if (opt.password !== null) {
    process.stderr.write('pg-micro: error: --password is for --server\n');
    return 1;
  }
  const Module = await loadModule();
  let database;
  try {
    database = await openNative(Module, opt.database);
  } catch (e) {
    const why = String(e?.message ?? e).replace(/^.*could not open database "[^"]*": /, '');
    process.stderr.write(`pg-micro: error: could not open database "${opt.database}": ${why}\n`);
    return 2;
  }
  const db = database;
  try {
    return await runShell(Module, db, opt);
  } finally {
    db.close();  // rolls back a transaction left open, removes the journal
    db.delete();
  }
}

// `pg-micro FILE --server HOST:PORT [--password PW]`: the wire-protocol server (server.js) until
// SIGINT/SIGTERM. The first line on stderr says where it listens (the port, when 0 was asked).
async function serve(opt) {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$|^(\d+)$/.exec(opt.server);
  if (!m) {
    process.stderr.write(`pg-micro: error: --server expects HOST:PORT, not "${opt.server}"\n`);
    return 1;
  }
  const host = m[1] ?? (m[2] || '127.0.0.1');
  const port = Number(m[3] ?? m[4]);
  const { startServer } = await import('./server.js');
  let server;
  try {
    server = await startServer({ path: opt.database, host, port, password: opt.password || undefined });
  } catch (e) {
    process.stderr.write(`${/^pg-micro: /.test(e.message) ? '' : 'pg-micro: error: '}${e.message}\n`);
    return 2;
  }
  const shown = server.address.includes(':') ? `[${server.address}]` : server.address;
  process.stderr.write(`pg-micro: serving ${opt.database} on ${shown}:${server.port}` +
    `${opt.password ? ' (SCRAM-SHA-256)' : ' (trust)'}\n`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

async function runShell(Module, db, opt) {
  const shell = new Module.Shell(db, opt.quiet, opt.echoAll, opt.file);
  // \copy reads and writes files on the client, as psql's does.
  const osError = (e) => ({ ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory' }[e.code] || e.message);
  shell.setFileIO({
    read: (p) => { try { return ['', fs.readFileSync(p, 'utf8')]; } catch (e) { return [osError(e), '']; } },
    write: (p, text) => { try { fs.writeFileSync(p, text); return ''; } catch (e) { return osError(e); } },
  });
  const emit = (chunks) => {
    for (const [toStderr, text] of chunks) (toStderr ? process.stderr : process.stdout).write(text);
  };

  if (opt.commands.length) {
    for (const c of opt.commands) emit(shell.runCommand(c));
    return shell.hadError() ? 1 : 0;
  }
  if (opt.file) {
    let input;
    try {
      input = fs.createReadStream(opt.file);
      await new Promise((resolve, reject) => { input.once('open', resolve); input.once('error', reject); });
    } catch (e) {
      process.stderr.write(`pg-micro: error: ${opt.file}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}\n`);
      return 1;
    }
    for await (const line of lines(input)) {
      emit(shell.feedLine(line, false));
      if (shell.quit) return 0;
    }
    emit(shell.finish(false));
    return 0;
  }
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  if (!interactive) {
    for await (const line of lines(process.stdin)) {
      emit(shell.feedLine(line, false));
      if (shell.quit) return 0;
    }
    emit(shell.finish(false));
    return 0;
  }
  process.stdout.write(`pg-micro (PostgreSQL 15 dialect on SQLite), database ${opt.database}\n` +
    'Type "\\?" for help, "\\q" to quit.\n\n');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true, historySize: 1000 });
  rl.setPrompt(shell.prompt());
  rl.prompt();
  for await (const line of rl) {
    emit(shell.feedLine(line, true));
    if (shell.quit) { rl.close(); return 0; }
    rl.setPrompt(shell.prompt());
    rl.prompt();
  }
  emit(shell.finish(true));
  return 0;
}

main().then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`pg-micro: error: ${e?.stack ?? e}\n`);
  process.exitCode = 2;
});
