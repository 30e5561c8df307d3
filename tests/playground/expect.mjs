// What each example of the playground (demo/src/examples.js) must show, checked by run.mjs
// on the rendered result blocks ({ tag, count, error, detail, hint, columns: [[name, type]],
// rows (the current page's cells, NULL as null), shell, plan, pager }).
const last = (rs) => rs[rs.length - 1];
const noErrors = (rs, { assert }) => rs.forEach((r, i) => assert(!r.error, `statement ${i + 1} failed: ${r.error}`));

export const EXPECT = {
  screenshotSql: "SELECT n, n * n AS square, CASE WHEN n % 2 = 0 THEN NULL ELSE 'odd' END AS parity, now() - interval '1 day' * n AS earlier\nFROM generate_series(1, 12) AS n;",

  welcome(rs, { assertEq }) {
    assertEq(rs.length, 1, 'results');
    assertEq(rs[0].rows, [['hello, world', '42', null, 't']], 'rows');
    assertEq(rs[0].tag, 'SELECT 1', 'tag');
  },
  'users-events'(rs, t) {
    noErrors(rs, t);
    // a fresh profile: the DROPs find nothing and say so
    t.assertEq(rs[0].notices, ['NOTICE: table "events" does not exist, skipping'], 'NOTICE shown');
    t.assertEq(rs.map((r) => r.tag), ['DROP TABLE', 'DROP TABLE', 'CREATE TABLE', 'CREATE TABLE', 'CREATE INDEX', 'INSERT 0 3', 'INSERT 0 5', 'SELECT 3'], 'tags');
    t.assertEq(last(rs).columns, [['name', 'text'], ['events', 'bigint'], ['spent', 'numeric'], ['last_purchase', 'timestamp with time zone']], 'columns');
    t.assertEq(last(rs).rows, [['Alice', '3', '62.49', '2024-05-03 18:30:00+00'], ['Bob', '2', '5.00', '2024-05-02 12:01:00+00'], ['Carol', '0', null, null]], 'rows');
  },
  json(rs, t) {
    noErrors(rs, t);
    t.assertEq(rs[0].rows, [['{"name": "pgmicro", "tags": ["sql", "wasm"], "stars": 5}']], 'jsonb normalised');
    t.assertEq(rs[1].rows, [['pgmicro', 'sql', '2', 't']], 'operators');
    t.assertEq(rs[2].rows, [['a', '1'], ['b', '[true, null]'], ['c', '{"d": "e"}']], 'jsonb_each');
    t.assertEq(rs[3].rows, [['{"id": 1, "list": [1, "two", null]}']], 'jsonb_build_object');
  },
  arrays(rs, t) {
    noErrors(rs, t);
    t.assertEq(rs[0].rows, [['{3,1,2}', '3', '3', '{1,2,3}', 't']], 'array operators');
    t.assertEq(rs[0].columns[0], ['a', 'integer[]'], 'array type');
    t.assertEq(rs[1].rows, [['a', '1'], ['b', '2'], ['c', '3']], 'unnest WITH ORDINALITY');
    t.assertEq(rs[2].rows, [['0', '{3,6,9}'], ['1', '{1,4,7,10}'], ['2', '{2,5,8}']], 'array_agg');
  },
  window(rs, t) {
    noErrors(rs, t);
    t.assertEq(rs[0].rows, [['north', 'ann', '120', '1', '210', '30'], ['north', 'bo', '90', '2', '210', '40'],
      ['south', 'cy', '200', '1', '450', '80'], ['south', 'di', '200', '1', '450', '0'], ['south', 'ed', '50', '3', '450', null]], 'rows');
  },
  recursive(rs, t) {
    noErrors(rs, t);
    t.assertEq(rs[0].rows.map((r) => r[1]), ['0', '1', '1', '2', '3', '5', '8', '13', '21', '34'], 'fibonacci');
    t.assertEq(rs[1].rows, [['Ada', 'Ada'], ['  Brian', 'Ada > Brian'], ['    Dana', 'Ada > Brian > Dana'], ['  Chen', 'Ada > Chen']], 'org chart');
  },
  upsert(rs, t) {
    noErrors(rs, t);
    t.assertEq(rs[3].rows, [['home', '2'], ['blog', '1']], 'RETURNING');
    t.assertEq(rs[4].tag, 'INSERT 0 0', 'DO NOTHING');
    t.assertEq(last(rs).rows, [['about', '1'], ['blog', '1'], ['home', '2']], 'rows');
  },
  'fk-schema'(rs, t) {
    noErrors(rs.slice(0, -1), t);
    t.assertEq(rs[rs.length - 2].rows, [['100', 'Ann', '12.25'], ['101', 'Ben', '13.00']], 'view rows');
    const e = last(rs);
    t.assertEq(e.error, 'ERROR: insert or update on table "orders" violates foreign key constraint "orders_customer_id_fkey" (SQLSTATE 23503)', 'error');
    t.assertEq(e.detail, 'DETAIL: Key (customer_id)=(3) is not present in table "customers".', 'detail');
  },
  explain(rs, t) {
    noErrors(rs, t);
    const [plan, analyze] = rs.slice(-2);
    t.assert(plan.plan >= 3, `EXPLAIN rendered as a tree (${plan.plan} nodes)`);
    t.assertEq(plan.tree[0], 'Sort', 'root node');
    t.assert(plan.tree.some((n) => /Scan/.test(n)), `a scan node: ${plan.tree.join(' / ')}`);
    t.assert(analyze.plan >= 1 && /^Aggregate/.test(analyze.tree[0]), `EXPLAIN ANALYZE tree: ${analyze.tree.join(' / ')}`);
    t.assert(analyze.extra.some((e) => /^Execution Time: /.test(e)), `Execution Time line: ${analyze.extra}`);
  },
  meta(rs, t) {
    noErrors(rs, t);
    const shell = rs.filter((r) => r.shell !== null).map((r) => r.shell);
    t.assert(/List of relations/.test(shell[0]) && / public \| notes +\| table \|/.test(shell[0]), `\\dt: ${shell[0]}`);
    t.assert(/Table "public\.notes"/.test(shell[1]) && /"notes_pkey" PRIMARY KEY, btree \(id\)/.test(shell[1]), `\\d notes: ${shell[1]}`);
    t.assertEq(shell[2].trim(), 'Expanded display is on.', '\\x');
    t.assertEq(shell[3].trim(), 'Expanded display is off.', '\\x again');
    const select = rs.find((r) => r.tag === 'SELECT 1');
    t.assertEq(select.records, [[['id', '1'], ['body', 'try \\d+ notes'], ['tags', '{psql,meta}']]], 'expanded record');
  },
};
