// Runs PostgreSQL 15's regression scripts on a real PostgreSQL 15 and on pgmicro, statement by
// statement, and reports per script how many statements give identical output. See README.md.
// Invoked by tests/suites/60-regress.sh, which fetches the scripts and starts the cluster.
//
// node harness.mjs --bin PGMICRO --regress DIR --out DIR [--results FILE] [NAME...]
// Environment: PG_PSQL, PG_ARGS (psql binary and connection options), REGRESS_SHOW (mismatches
// shown per script, default 0), REGRESS_STMT_TIMEOUT (statement_timeout, default 5s),
// REGRESS_SCRIPT_TIMEOUT (seconds a pgmicro run may take before it counts as a hang, default 60),
// REGRESS_JOBS (scripts run at once, default 2).
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitScript } from './split.mjs';

export const GROUPS = [
  ['issue 6 (queries, DML, DDL)', ['select', 'select_distinct', 'select_distinct_on', 'select_having',
    'select_implicit', 'select_into', 'subselect', 'union', 'join', 'aggregates', 'window', 'with',
    'insert', 'insert_conflict', 'update', 'delete', 'returning', 'limit', 'case', 'sequence',
    'identity', 'create_table', 'create_view', 'constraints', 'foreign_key', 'transactions',
    'namespace', 'prepare', 'alter_table', 'create_index', 'generated', 'create_function_sql']],
  ['issue 5 (types)', ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'boolean', 'text',
    'varchar', 'char', 'strings', 'regex', 'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval',
    'arrays', 'json', 'jsonb', 'jsonpath', 'jsonb_jsonpath', 'uuid', 'enum', 'domain', 'rowtypes', 'expressions']],
];

// ---- arguments ---------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = { names: [] };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a.startsWith('--')) opt[a.slice(2)] = argv[++i];
  else opt.names.push(a);
}
const BIN = opt.bin;
const REGRESS = opt.regress;  // holds sql/ and data/
const OUT = opt.out;
const PSQL = process.env.PG_PSQL || '/usr/lib/postgresql/15/bin/psql';
const PG_ARGS = (process.env.PG_ARGS || '-h 127.0.0.1 -p 54329 -U postgres').split(/\s+/).filter(Boolean);
const SHOW = Number(process.env.REGRESS_SHOW || 0);
const STMT_TIMEOUT = process.env.REGRESS_STMT_TIMEOUT || '5s';
const SCRIPT_TIMEOUT = Number(process.env.REGRESS_SCRIPT_TIMEOUT || 60) * 1000;
const JOBS = Number(process.env.REGRESS_JOBS || 2);
const MAX_RESTARTS = 5;
const RUN_ID = `rg${process.pid}`;
const DATA_DIR = join(REGRESS, 'data');
const ENV = { PG_ABS_SRCDIR: REGRESS, PG_ABS_BUILDDIR: REGRESS, PG_LIBDIR: '/nonexistent-pg-regress-lib', PG_DLSUFFIX: '.so' };
const names = opt.names.length ? opt.names : GROUPS.flatMap(([, n]) => n);
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const work = join(scratch, `pgmicro-regress-${process.pid}`);
mkdirSync(work, { recursive: true });
mkdirSync(OUT, { recursive: true });
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// psql's verbose-only fields that the server fills and pgmicro does not (as 25-differential.sh).
const SERVER_ONLY = /^(LOCATION|SCHEMA NAME|TABLE NAME|COLUMN NAME|DATATYPE NAME|CONSTRAINT NAME):  /;
const MARK = '@@@regress-stmt';
const END = '@@@regress-end';

// ---- running a process -------------------------------------------------------------------------
let outSeq = 0;
function run(cmd, args, { input, env, timeoutMs } = {}) {
  return new Promise((resolve) => {
    // stdout and stderr share one file descriptor, as with 2>&1, so their order is kept.
    const outFile = join(work, `out-${++outSeq}.txt`);
    const fd = openSync(outFile, 'w');
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['pipe', fd, fd] });
    closeSync(fd);
    let timedOut = false;
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs) : null;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const out = readFileSync(outFile, 'utf8');
      rmSync(outFile, { force: true });
      resolve({ code, signal, timedOut, out });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

const psql = (db, input, extraEnv = {}) => run(PSQL, [...PG_ARGS, '-X', '-d', db], {
  input, env: { PGOPTIONS: `-c statement_timeout=${STMT_TIMEOUT}`, ...extraEnv },
});
const psqlAdmin = (sql) => run(PSQL, [...PG_ARGS, '-X', '-q', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql]);

// ---- scripts with markers ----------------------------------------------------------------------
// The text run on both sides: statement i is preceded by a marker; `exclude` holds statements left
// out (pgmicro crashed on them in an earlier attempt).
function markedScript(items, exclude = new Set()) {
  const parts = ['\\set VERBOSITY verbose', `SET statement_timeout = '${STMT_TIMEOUT}';`];
  items.forEach((it, i) => {
    if (it.kind !== 'sql') return;
    parts.push(`\\echo ${MARK} ${i}`);
    if (!exclude.has(i)) parts.push(...it.texts);
  });
  parts.push(`\\echo ${END}`);
  return parts.join('\n') + '\n';
}

// Output split at the markers: Map index → text, and whether the end marker was reached.
function chunks(out, dropServerOnly) {
  const map = new Map();
  let cur = null;
  let ended = false;
  let last = null;
  const lines = out.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const m = /^@@@regress-stmt (\d+)$/.exec(line);
    if (m) { cur = Number(m[1]); last = cur; map.set(cur, ''); continue; }
    if (line === END) { ended = true; cur = null; continue; }
    if (cur === null) continue;
    if (dropServerOnly && SERVER_ONLY.test(line)) continue;
    map.set(cur, map.get(cur) + line + '\n');
  }
  return { map, ended, last };
}

const SANITIZER = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|ThreadSanitizer/;

// Runs the items on pgmicro from a copy of the setup database; after a crash or hang at a
// statement, runs the script again without that statement (earlier statements replayed) so the
// rest is still measured.
async function runPgmicro(name, items, setupDb) {
  const outputs = new Map();
  const exclude = new Set();
  const incidents = [];
  let raw = '';
  for (let attempt = 0; ; attempt++) {
    const db = join(work, `${name}.db`);
    rmSync(db, { force: true });
    if (setupDb) copyFileSync(setupDb, db);
    const r = await run(BIN, ['-X', db], { input: markedScript(items, exclude), timeoutMs: SCRIPT_TIMEOUT });
    raw += (attempt ? `\n===== attempt ${attempt + 1} =====\n` : '') + r.out;
    const { map, ended, last } = chunks(r.out, false);
    const sanitizer = SANITIZER.test(r.out);
    if (sanitizer) incidents.push('sanitizer report');
    for (const [i, text] of map) if (!outputs.has(i) && !exclude.has(i) && (ended || i !== last)) outputs.set(i, text);
    if (ended && r.code !== null && r.code <= 1 && !r.signal) break;
    if (ended) { incidents.push(`exit ${r.signal ?? r.code} at the end`); break; }
    const what = r.timedOut ? `hang (killed after ${SCRIPT_TIMEOUT / 1000} s)` : `crash (${r.signal ?? 'exit ' + r.code})`;
    if (last === null) { incidents.push(`${what} before the first statement`); break; }
    incidents.push(`${what} at statement ${last} (line ${items[last].line})`);
    outputs.set(last, (map.get(last) ?? '') + `[pgmicro ${what}]\n`);
    exclude.add(last);
    if (attempt + 1 >= MAX_RESTARTS) break;
  }
  rmSync(join(work, `${name}.db`), { force: true });
  return { outputs, incidents, raw };
}

async function runPostgres(name, items, template) {
  const db = `${RUN_ID}_${name}`.toLowerCase();
  await psqlAdmin(`DROP DATABASE IF EXISTS "${db}"`);
  const c = await psqlAdmin(`CREATE DATABASE "${db}" TEMPLATE "${template}"`);
  if (c.code !== 0) throw new Error(`cannot create database ${db}: ${c.out}`);
  const r = await psql(db, markedScript(items));
  await psqlAdmin(`DROP DATABASE IF EXISTS "${db}"`);
  const { map, ended } = chunks(r.out, true);
  if (!ended) throw new Error(`psql did not finish ${name} (exit ${r.code}): ${r.out.slice(-500)}`);
  return { outputs: map, raw: r.out };
}

const sortedLines = (s) => s.split('\n').sort().join('\n');

function compare(items, pg, us) {
  const res = { statements: 0, identical: 0, reordered: 0, skipped: 0, meta: 0, mismatches: [] };
  items.forEach((it, i) => {
    if (it.kind === 'meta') { res.meta++; res.skipped++; return; }
    if (it.kind === 'skip') { res.skipped++; return; }
    res.statements++;
    const a = pg.get(i) ?? '';
    const b = us.get(i);
    if (b !== undefined && a === b) res.identical++;
    else {
      if (b !== undefined && sortedLines(a) === sortedLines(b)) res.reordered++;
      res.mismatches.push({ i, pg: a, us: b ?? '[no output: pgmicro never reached this statement]\n' });
    }
  });
  return res;
}

// ---- the setup (test_setup.sql, adapted) -------------------------------------------------------
// VACUUM [ANALYZE] is skipped (maintenance, no effect on results); CREATE TABLE x AS SELECT *
// FROM y becomes CREATE TABLE x (y's column list) + INSERT INTO x SELECT * FROM y.
function setupItems() {
  const items = splitScript(readFileSync(join(REGRESS, 'sql', 'test_setup.sql'), 'utf8'), { env: ENV, dataDir: DATA_DIR });
  const defs = new Map();
  for (const [k, it] of items.entries()) {
    if (it.kind !== 'sql') continue;
    const ct = /^\s*create\s+table\s+(\w+)\s*(\((?:.|\n)*\))\s*;\s*$/i.exec(it.sql);
    if (ct) defs.set(ct[1].toLowerCase(), ct[2]);
    if (/^\s*vacuum\b/i.test(it.sql)) {
      items[k] = { kind: 'skip', text: it.sql, line: it.line, reason: 'VACUUM (setup adaptation)' };
      continue;
    }
    const ctas = /^\s*create\s+table\s+(\w+)\s+as\s+select\s+\*\s+from\s+(\w+)\s*;\s*$/i.exec(it.sql);
    if (ctas && defs.has(ctas[2].toLowerCase())) {
      it.texts = [`CREATE TABLE ${ctas[1]} ${defs.get(ctas[2].toLowerCase())};`, `INSERT INTO ${ctas[1]} SELECT * FROM ${ctas[2]};`];
      it.note = 'CREATE TABLE AS as CREATE TABLE + INSERT … SELECT';
    }
  }
  return items;
}

// The btree indexes create_index.sql builds on the setup tables (written without operator class
// names, which select the default ones anyway). In PostgreSQL's schedule every script after
// create_index's group finds them, so those scripts get them here too; the others do not.
const SETUP_INDEXES = `CREATE INDEX onek_unique1 ON onek (unique1);
CREATE INDEX onek_unique2 ON onek (unique2);
CREATE INDEX onek_hundred ON onek (hundred);
CREATE INDEX onek_stringu1 ON onek (stringu1);
CREATE INDEX tenk1_unique1 ON tenk1 (unique1);
CREATE INDEX tenk1_unique2 ON tenk1 (unique2);
CREATE INDEX tenk1_hundred ON tenk1 (hundred);
CREATE INDEX tenk1_thous_tenthous ON tenk1 (thousand, tenthous);
CREATE INDEX tenk2_unique1 ON tenk2 (unique1);
CREATE INDEX tenk2_unique2 ON tenk2 (unique2);
CREATE INDEX tenk2_hundred ON tenk2 (hundred);
`;

// Scripts that parallel_schedule runs in a group after create_index's.
function afterCreateIndex() {
  const groups = readFileSync(join(REGRESS, 'parallel_schedule'), 'utf8').split('\n')
    .filter((l) => /^test:/.test(l)).map((l) => l.replace(/^test:\s*/, '').trim().split(/\s+/));
  const at = groups.findIndex((g) => g.includes('create_index'));
  return new Set(groups.slice(at + 1).flat());
}

function describeItem(it) {
  return (it.sql ?? it.text ?? '').split(REGRESS + '/').join('…/').replace(/\s+/g, ' ').trim().slice(0, 160);
}

function showMismatches(items, res, n) {
  const lines = [];
  for (const m of res.mismatches.slice(0, n)) {
    lines.push(`  statement (line ${items[m.i].line}): ${describeItem(items[m.i])}`);
    lines.push('    postgres:', ...m.pg.split('\n').slice(0, 8).filter((l, k, a) => l || k < a.length - 1).map((l) => `      | ${l}`));
    lines.push('    pgmicro:', ...m.us.split('\n').slice(0, 8).filter((l, k, a) => l || k < a.length - 1).map((l) => `      | ${l}`));
  }
  if (res.mismatches.length > n && n > 0) lines.push(`  ... ${res.mismatches.length - n} more`);
  return lines.join('\n');
}

// The first line pgmicro printed for a mismatching statement, with literals and names blurred,
// so that the most frequent causes can be counted.
function blur(text) {
  const line = text.split('\n').find((l) => /^(ERROR|WARNING|NOTICE):/.test(l)) ?? '(different result)';
  const m = /^(\w+:  (?:[0-9A-Z]{5}: )?)(.*)$/.exec(line) ?? ['', '', line];
  return (m[1] + m[2].replace(/"[^"]*"/g, '"…"').replace(/\b\d+\b/g, 'N')).slice(0, 120);
}

// ---- main --------------------------------------------------------------------------------------
async function main() {
  const t0 = Date.now();
  // Setup once per side: template databases on PostgreSQL, database files for pgmicro — one
  // after test_setup.sql, one after test_setup.sql and the create_index indexes.
  const setup = setupItems();
  const indexes = splitScript(SETUP_INDEXES, { env: ENV });
  const template = `${RUN_ID}_setup`;
  const templateIdx = `${RUN_ID}_setup_idx`;
  const setupDb = join(work, 'setup.db');
  const setupIdxDb = join(work, 'setup-idx.db');
  const indexed = afterCreateIndex();
  for (const t of [template, templateIdx]) await psqlAdmin(`DROP DATABASE IF EXISTS "${t}"`);
  await psqlAdmin(`CREATE DATABASE "${template}" TEMPLATE template0`);
  const [pgSetup, usSetup] = await Promise.all([
    psql(template, markedScript(setup)),
    run(BIN, ['-X', setupDb], { input: markedScript(setup), timeoutMs: SCRIPT_TIMEOUT * 2 }),
  ]);
  await psqlAdmin(`CREATE DATABASE "${templateIdx}" TEMPLATE "${template}"`);
  copyFileSync(setupDb, setupIdxDb);
  const [pgIdx, usIdx] = await Promise.all([
    psql(templateIdx, markedScript(indexes)),
    run(BIN, ['-X', setupIdxDb], { input: markedScript(indexes), timeoutMs: SCRIPT_TIMEOUT }),
  ]);
  writeFileSync(join(OUT, 'test_setup.pg'), pgSetup.out + pgIdx.out);
  writeFileSync(join(OUT, 'test_setup.us'), usSetup.out + usIdx.out);
  const setupRes = compare(setup, chunks(pgSetup.out, true).map, chunks(usSetup.out, false).map);
  const idxRes = compare(indexes, chunks(pgIdx.out, true).map, chunks(usIdx.out, false).map);
  const setupOk = [usSetup, usIdx].every((r) => chunks(r.out, false).ended && !r.signal && !SANITIZER.test(r.out));
  console.log(`${setupOk ? 'PASS' : 'FAIL'}: regress/test_setup (setup: ${setupRes.identical}/${setupRes.statements} identical, ${setupRes.skipped} skipped; ` +
    `indexes: ${idxRes.identical}/${idxRes.statements} identical; ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (SHOW) console.log(showMismatches(setup, setupRes, SHOW));

  const results = new Map();
  const queue = [...names];
  let failures = 0;
  async function worker() {
    while (queue.length) {
      const name = queue.shift();
      const t = Date.now();
      const file = join(REGRESS, 'sql', `${name}.sql`);
      const items = splitScript(readFileSync(file, 'utf8'), { env: ENV, dataDir: DATA_DIR });
      const idx = indexed.has(name);
      const [pg, us] = await Promise.all([runPostgres(name, items, idx ? templateIdx : template),
        runPgmicro(name, items, idx ? setupIdxDb : setupDb)]);
      writeFileSync(join(OUT, `${name}.pg`), pg.raw);
      writeFileSync(join(OUT, `${name}.us`), us.raw);
      writeFileSync(join(OUT, `${name}.sql`), markedScript(items)); // statement N's text, for reading
      const res = compare(items, pg.outputs, us.outputs);
      res.incidents = us.incidents;
      res.seconds = (Date.now() - t) / 1000;
      res.items = items;
      res.indexed = idx;
      res.timeouts = [pg.raw, us.raw].map((o) => (o.match(/^ERROR:  57014: canceling statement due to statement timeout$/gm) ?? []).length);
      results.set(name, res);
      const pct = res.statements ? (100 * res.identical / res.statements).toFixed(1) : '100.0';
      const ok = us.incidents.length === 0;
      if (!ok) failures++;
      console.log(`${ok ? 'PASS' : 'FAIL'}: regress/${name} (${res.identical}/${res.statements} identical, ${pct}%` +
        `${ok ? '' : '; pgmicro ' + us.incidents.join('; ')})`);
      if (SHOW) { const s = showMismatches(items, res, SHOW); if (s) console.log(s); }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, JOBS) }, worker));
  for (const t of [templateIdx, template]) await psqlAdmin(`DROP DATABASE IF EXISTS "${t}"`);
  const seconds = (Date.now() - t0) / 1000;

  // ---- the table -------------------------------------------------------------------------------
  const pct = (a, b) => (b ? (100 * a / b).toFixed(1) : '—');
  const md = [];
  md.push('| script | statements | identical | % | skipped | same rows, other order |');
  md.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  const totals = [];
  for (const [group, list] of GROUPS) {
    const t = { statements: 0, identical: 0, skipped: 0, reordered: 0, scripts: 0 };
    for (const n of list) {
      const r = results.get(n);
      if (!r) continue;
      t.scripts++;
      for (const k of ['statements', 'identical', 'skipped', 'reordered']) t[k] += r[k];
      md.push(`| ${n}${r.incidents.length ? ' ⚠' : ''} | ${r.statements} | ${r.identical} | ${pct(r.identical, r.statements)} | ${r.skipped} | ${r.reordered} |`);
    }
    if (t.scripts) {
      md.push(`| **${group}: ${t.scripts} scripts** | **${t.statements}** | **${t.identical}** | **${pct(t.identical, t.statements)}** | **${t.skipped}** | **${t.reordered}** |`);
      totals.push([group, t]);
    }
  }
  const all = { statements: 0, identical: 0, skipped: 0, reordered: 0 };
  for (const [, t] of totals) for (const k of Object.keys(all)) all[k] += t[k];
  md.push(`| **all** | **${all.statements}** | **${all.identical}** | **${pct(all.identical, all.statements)}** | **${all.skipped}** | **${all.reordered}** |`);
  console.log('');
  console.log(md.join('\n'));
  console.log('');
  for (const [group, t] of totals)
    console.log(`total ${group}: ${t.identical}/${t.statements} identical (${pct(t.identical, t.statements)}%), ${t.skipped} skipped`);
  console.log(`total: ${all.identical}/${all.statements} identical (${pct(all.identical, all.statements)}%); ${seconds.toFixed(0)} s`);

  if (opt.results) {
    const doc = [];
    doc.push('# PostgreSQL 15 regression scripts: pgmicro vs PostgreSQL 15');
    doc.push('');
    doc.push(`Written by \`tests/suites/60-regress.sh\` (method: [README.md](README.md)). Scripts from Debian bookworm's`);
    doc.push(`postgresql-15 ${opt.pgver ?? ''} source package; server: ${opt.server ?? 'PostgreSQL 15'}; pgmicro at commit ${opt.commit ?? '?'};`);
    doc.push(`run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${seconds.toFixed(0)} s.`);
    doc.push('');
    doc.push('"identical": the statement\'s whole psql output (rows, column names, command tag, or error with');
    doc.push('SQLSTATE, message, DETAIL, HINT, position; NOTICEs) is byte-identical on both sides. "skipped":');
    doc.push('psql meta-commands and statements run on neither side. "same rows, other order": not identical,');
    doc.push('but the same output lines in another order (a query without ORDER BY). ⚠: pgmicro crashed or hung.');
    doc.push('');
    doc.push(`Setup (test_setup.sql, adapted, run once per side and copied for every script): ${setupRes.identical} of ${setupRes.statements} statements identical, ${setupRes.skipped} skipped;`);
    doc.push(`the create_index indexes: ${idxRes.identical} of ${idxRes.statements} identical.`);
    doc.push('');
    doc.push(...md);
    doc.push('');
    doc.push(`Scripts that also had the create_index indexes on onek, tenk1, tenk2 (they run after create_index in`);
    doc.push(`parallel_schedule): ${[...results].filter(([, r]) => r.indexed).map(([n]) => n).join(', ') || 'none'}.`);
    doc.push('');
    const to = [...results].filter(([, r]) => r.timeouts[0] + r.timeouts[1]);
    doc.push(`Statements canceled by statement_timeout = ${STMT_TIMEOUT}: ` + (to.length
      ? to.map(([n, r]) => `${n} (PostgreSQL ${r.timeouts[0]}, pgmicro ${r.timeouts[1]})`).join(', ') : 'none') + '.');
    doc.push('');
    const incidents = [...results].filter(([, r]) => r.incidents.length);
    if (incidents.length) {
      doc.push('## Crashes and hangs');
      doc.push('');
      for (const [n, r] of incidents) doc.push(`- ${n}: ${r.incidents.join('; ')}`);
      doc.push('');
    }
    // What pgmicro printed for the statements that differ, most frequent first.
    const counts = new Map();
    for (const [, r] of results) for (const m of r.mismatches) {
      const k = blur(m.us);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    doc.push('## Most frequent pgmicro outputs among the differing statements');
    doc.push('');
    doc.push('| statements | pgmicro printed (first ERROR/NOTICE line; quoted names and numbers blurred) |');
    doc.push('| ---: | --- |');
    for (const [k, c] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25))
      doc.push(`| ${c} | \`${k.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
    doc.push('');
    doc.push('## Setup statements that differ');
    doc.push('');
    for (const m of setupRes.mismatches)
      doc.push(`- line ${setup[m.i].line}: \`${describeItem(setup[m.i]).slice(0, 90).replace(/`/g, "'")}\` — pgmicro: ${blur(m.us).replace(/`/g, "'")}`);
    doc.push('');
    writeFileSync(opt.results, doc.join('\n'));
  }
  return failures;
}

main().then((f) => process.exit(f ? 1 : 0), (e) => { console.error(`FAIL: regress (${e.stack})`); process.exit(1); });
