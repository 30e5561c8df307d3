// Checks split.mjs against psql itself: runs each script through `psql -e` (which echoes every
// query it sends) on a scratch database of the test cluster and checks that every statement the
// splitter produced (COPY conversions aside) appears verbatim, in order, in what psql sent.
// Usage: node tests/regress/check-split.mjs REGRESS_DIR NAME...   (the cluster must be running)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { splitScript } from './split.mjs';

const [R, ...names] = process.argv.slice(2);
const P = ['-h', '127.0.0.1', '-p', process.env.PG15_PORT || '54329', '-U', 'postgres', '-X'];
const psql = '/usr/lib/postgresql/15/bin/psql';
const env = { PG_ABS_SRCDIR: R, PG_LIBDIR: '/nonexistent-pg-regress-lib', PG_DLSUFFIX: '.so' };
let failed = 0;
for (const name of names) {
  execFileSync(psql, [...P, '-q', '-d', 'postgres', '-c', 'DROP DATABASE IF EXISTS regress_split_check',
    '-c', 'CREATE DATABASE regress_split_check TEMPLATE template0'], { stdio: 'ignore' });
  const out = execFileSync(psql, [...P, '-e', '-d', 'regress_split_check', '-f', `${R}/sql/${name}.sql`], {
    env: { ...process.env, ...env, PGOPTIONS: '-c statement_timeout=5s' }, maxBuffer: 1e9,
    stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const items = splitScript(readFileSync(`${R}/sql/${name}.sql`, 'utf8'), { env, dataDir: `${R}/data` });
  let pos = 0; let ok = 0; let bad = 0;
  for (const it of items) {
    if (it.kind !== 'sql' || it.note) continue;
    const t = it.texts[0].replace(/\\;/g, ';');
    const k = out.indexOf(t, pos);
    if (k < 0) { if (bad++ < 3) console.log(`  not sent by psql (line ${it.line}): ${JSON.stringify(t.slice(0, 120))}`); }
    else { ok++; pos = k + t.length; }
  }
  if (bad) failed++;
  console.log(`${bad ? 'FAIL' : 'PASS'}: split/${name} (${ok} statements as psql sent them${bad ? `, ${bad} not` : ''})`);
}
execFileSync(psql, [...P, '-q', '-d', 'postgres', '-c', 'DROP DATABASE IF EXISTS regress_split_check'], { stdio: 'ignore' });
process.exit(failed ? 1 : 0);
