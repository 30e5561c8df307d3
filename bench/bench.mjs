// Runs W0..W7 on every engine in fresh child processes and prints a markdown table of medians
// (also written to bench/results.md). Env: BENCH_RUNS (W1–W7 runs per engine, default 3),
// BENCH_COLD (cold starts per engine, default 5), BENCH_ENGINES (comma list, default all).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const here = new URL('.', import.meta.url).pathname;
const RUNS = +(process.env.BENCH_RUNS ?? 3), COLD = +(process.env.BENCH_COLD ?? 5);
const ALL = ['pg-micro', 'PGlite', 'SQLite-WASM'];
const names = (process.env.BENCH_ENGINES ?? ALL.join(',')).split(',');
const W = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'];
const LABEL = {
  W0: 'W0 cold start (import → first row)', W1: 'W1 2 × CREATE TABLE',
  W2: 'W2 10 000 users + 100 000 orders, 1 txn', W3: 'W3 5 000 PK lookups',
  W4: 'W4 GROUP BY status, count/sum/avg', W5: 'W5 join + filter + group + top 10',
  W6: 'W6 1 000 autocommit inserts', W7: 'W7 UPDATE 10 % + DELETE 5 %',
};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const child = (name, mode) => JSON.parse(execFileSync(process.execPath, [here + 'child.mjs', name, mode],
  { cwd: here, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop());

const res = {}, failed = {};
for (const name of names) {
  try {
    const cold = [], times = Object.fromEntries(W.map((k) => [k, []])), rss = [];
    let checks;
    for (let i = 0; i < COLD; i++) cold.push(child(name, 'cold').ms);
    for (let i = 0; i < RUNS; i++) {
      const r = child(name, 'work');
      for (const k of W) times[k].push(r.times[k]);
      rss.push(r.rssMB); checks = r.checks;
      process.stderr.write(`${name} run ${i + 1}/${RUNS}: ${W.map((k) => `${k} ${r.times[k].toFixed(0)}`).join(', ')} ms\n`);
    }
    const med = { W0: median(cold) };
    for (const k of W) med[k] = median(times[k]);
    med.total = W.reduce((s, k) => s + med[k], 0);
    res[name] = { med, rss: Math.max(...rss), checks };
  } catch (e) {
    failed[name] = String(e.message ?? e).split('\n')[0];
    process.stderr.write(`${name}: cannot run: ${failed[name]}\n`);
  }
}

// Equal work: every engine must give the same row counts and aggregates.
const ran = names.filter((n) => res[n]);
const mismatches = [];
for (const k of W) {
  const vals = new Set(ran.map((n) => JSON.stringify(res[n].checks[k])));
  if (vals.size > 1) mismatches.push(`${k}: ` + ran.map((n) => `${n}=${JSON.stringify(res[n].checks[k])}`).join(' '));
}

const ms = (x) => x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
const ratio = (a, b) => (a / b >= 10 ? (a / b).toFixed(0) : (a / b).toFixed(2)) + '×';
const peers = ran.filter((n) => n !== 'pg-micro');
const hasPm = !!res['pg-micro'];
const head = ['workload (median ms)', ...ran, ...(hasPm ? peers.map((p) => `pg-micro / ${p}`) : [])];
const rows = [];
for (const k of ['W0', ...W, 'total']) {
  rows.push([k === 'total' ? '**W1–W7 total**' : LABEL[k], ...ran.map((n) => ms(res[n].med[k])),
    ...(hasPm ? peers.map((p) => ratio(res['pg-micro'].med[k], res[p].med[k])) : [])]);
}
rows.push(['peak RSS, MB (whole Node process)', ...ran.map((n) => res[n].rss.toFixed(0)),
  ...(hasPm ? peers.map((p) => ratio(res['pg-micro'].rss, res[p].rss)) : [])]);
const table = [head, head.map(() => '---'), ...rows].map((r) => '| ' + r.join(' | ') + ' |').join('\n');

const pkg = (p) => { try { return JSON.parse(fs.readFileSync(here + `node_modules/${p}/package.json`, 'utf8')).version; } catch { return '?'; } };
const out = [
  `# pg-micro benchmark`,
  ``,
  `\`bash bench/run.sh\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}; ` +
  `@electric-sql/pglite ${pkg('@electric-sql/pglite')}, @sqlite.org/sqlite-wasm ${pkg('@sqlite.org/sqlite-wasm')}. ` +
  `Medians of ${COLD} cold starts and ${RUNS} runs of W1–W7, each in a fresh Node process. ` +
  `A ratio above 1× means pg-micro is slower (or bigger).`,
  ``,
  table,
  ``,
  mismatches.length ? `**Results differ between engines** (not equal work):\n\n` + mismatches.map((m) => `- ${m}`).join('\n')
    : `Results agree across engines (row counts and aggregates of W2–W7).`,
  ...Object.entries(failed).map(([n, m]) => `\n${n} could not run here: ${m}`),
  ``,
].join('\n');
console.log(out);
fs.writeFileSync(here + 'results.md', out);
process.exit(mismatches.length ? 1 : 0);
