// One engine in one fresh process. Usage: node child.mjs <engine> cold | work
//   cold: import → open → first row of SELECT 1; prints { ms }.
//   work: W1..W7 on a fresh database; prints { times, checks, rssMB }.
const t0 = performance.now();
const [name, mode] = process.argv.slice(2);
const { engines } = await import('./engines.mjs');
const e = engines[name];
const db = await e.open();

if (mode === 'cold') {
  const rows = await db.prepare('SELECT 1').all([]);
  const ms = performance.now() - t0;
  if (rows.length !== 1) throw new Error('no first row');
  console.log(JSON.stringify({ ms }));
  process.exit(0);
}

const N_USERS = 10000, N_ORDERS = 100000, N_LOOKUPS = 5000, N_SINGLE = 1000;
const STATUS = ['new', 'paid', 'shipped', 'cancelled', 'refunded'];
const pad = (n) => String(n).padStart(2, '0');
const ts = (i) => { const m = i % 1440; return `2024-${pad(1 + (i % 12))}-${pad(1 + (i % 28))} ${pad(m / 60 | 0)}:${pad(m % 60)}:00`; };
const amount = (j) => { const c = (j * 7919) % 100000; return `${(c / 100) | 0}.${pad(c % 100)}`; };
const user = (i) => [`user${i}`, `user${i}@example.com`, 18 + (i % 60), ts(i)];
const r2 = (x) => Math.round(Number(x) * 100) / 100;

const times = {}, checks = {};
async function w(key, fn) {
  const t = performance.now();
  checks[key] = await fn();
  times[key] = performance.now() - t;
}

await w('W1', async () => { for (const s of e.ddl) await db.exec(s); return 2; });

await w('W2', async () => {
  await db.exec('BEGIN');
  const iu = db.prepare('INSERT INTO users (name, email, age, created_at) VALUES ($1, $2, $3, $4)');
  for (let i = 1; i <= N_USERS; i++) await iu.run(user(i));
  const io = db.prepare('INSERT INTO orders (user_id, amount, status) VALUES ($1, $2, $3)');
  for (let j = 1; j <= N_ORDERS; j++) await io.run([1 + ((j * 31) % N_USERS), amount(j), STATUS[j % 5]]);
  await db.exec('COMMIT');
  const [[u]] = await db.prepare('SELECT count(*) FROM users').all([]);
  const [[o, s]] = await db.prepare('SELECT count(*), sum(amount) FROM orders').all([]);
  return `${u} users, ${o} orders, sum ${r2(s)}`;
});

await w('W3', async () => {
  const st = db.prepare('SELECT id, name, email, age FROM users WHERE id = $1');
  let found = 0, ages = 0;
  for (let k = 0; k < N_LOOKUPS; k++) {
    const rows = await st.all([1 + ((k * 7) % N_USERS)]);
    found += rows.length; ages += Number(rows[0][3]);
  }
  return `${found} found, age sum ${ages}`;
});

await w('W4', async () => {
  const rows = await db.prepare(
    'SELECT status, count(*), sum(amount), avg(amount) FROM orders GROUP BY status ORDER BY status').all([]);
  return rows.map((r) => `${r[0]}:${Number(r[1])}/${r2(r[2])}/${r2(r[3])}`).join(' ');
});

await w('W5', async () => {
  const rows = await db.prepare(
    `SELECT u.id, u.name, count(*) AS n, sum(o.amount) AS total
       FROM users u JOIN orders o ON o.user_id = u.id
      WHERE o.status <> 'cancelled' AND u.age BETWEEN 25 AND 45
      GROUP BY u.id, u.name ORDER BY total DESC, u.id LIMIT 10`).all([]);
  return rows.map((r) => `${r[0]}:${Number(r[2])}/${r2(r[3])}`).join(' ');
});

await w('W6', async () => {
  const iu = db.prepare('INSERT INTO users (name, email, age, created_at) VALUES ($1, $2, $3, $4)');
  let n = 0;
  for (let i = N_USERS + 1; i <= N_USERS + N_SINGLE; i++) n += Number(await iu.run(user(i)));
  return n;
});

await w('W7', async () => {
  const up = await db.prepare(`UPDATE orders SET status = 'archived' WHERE id BETWEEN $1 AND $2`).run([1, N_ORDERS / 10]);
  const del = await db.prepare('DELETE FROM orders WHERE id > $1').run([N_ORDERS * 0.95]);
  const [[o, s]] = await db.prepare('SELECT count(*), sum(amount) FROM orders').all([]);
  return `updated ${up}, deleted ${del}, ${o} orders left, sum ${r2(s)}`;
});

await db.close();
const rssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ times, checks, rssMB, total: performance.now() - t0 }));
process.exit(0);
