// The three engines behind one small interface, so every workload runs the same calls:
//   open() → { exec(sql), prepare(sql) → { run(params), all(params) }, close() }
// pg-micro and PGlite get PostgreSQL SQL with $n parameters; SQLite gets the same statements
// with ? parameters and its own DDL. Prepared statements are prepared once and reused where
// the engine offers that (SQLite's sqlite3_prepare; pg-micro's Statement — which today
// re-parses and re-plans on every call; PGlite's query() has no reusable statement handle).

const pgDDL = [
  'CREATE TABLE users (id serial PRIMARY KEY, name text, email text, age int, created_at timestamp)',
  'CREATE TABLE orders (id serial PRIMARY KEY, user_id int, amount numeric(10,2), status text)',
];
const sqliteDDL = [
  'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INTEGER, created_at TEXT)',
  'CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, amount NUMERIC, status TEXT)',
];

export const engines = {
  'pg-micro': {
    ddl: pgDDL,
    async open() {
      const { connect } = await import('../js/index.js');
      const db = await connect(':memory:', { dates: 'string', int8: 'number' });
      return {
        exec: (s) => db.exec(s),
        prepare(s) {
          const st = db.prepare(s).raw(true);
          return { run: (p) => st.run(p).then((r) => r.changes), all: (p) => st.all(p) };
        },
        close: () => db.close(),
      };
    },
  },
  PGlite: {
    ddl: pgDDL,
    async open() {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create();
      return {
        exec: (s) => db.exec(s),
        prepare(s) {
          return {
            run: (p) => db.query(s, p).then((r) => r.affectedRows ?? 0),
            all: (p) => db.query(s, p, { rowMode: 'array' }).then((r) => r.rows),
          };
        },
        close: () => db.close(),
      };
    },
  },
  'SQLite-WASM': {
    ddl: sqliteDDL,
    async open() {
      const { default: init } = await import('@sqlite.org/sqlite-wasm');
      const sqlite3 = await init();
      const db = new sqlite3.oo1.DB(':memory:');
      const q = (s) => s.replace(/\$\d+/g, '?');
      const stmts = [];
      return {
        exec: async (s) => { db.exec(s); },
        prepare(s) {
          const st = db.prepare(q(s));
          stmts.push(st);
          return {
            async run(p) {
              if (p.length) st.bind(p);
              st.stepReset();
              return db.changes();
            },
            async all(p) {
              if (p.length) st.bind(p);
              const rows = [];
              try { while (st.step()) rows.push(st.get([])); } finally { st.reset(); }
              return rows;
            },
          };
        },
        async close() { for (const st of stmts) st.finalize(); db.close(); },
      };
    },
  },
};
