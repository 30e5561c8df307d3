// The Examples menu: scripts that show what the engine does, each self-contained (it creates
// what it uses, under its own names, and can run again: DROP … IF EXISTS first).
export const EXAMPLES = [
  {
    id: 'welcome',
    title: 'Welcome',
    sql: `-- pgmicro: PostgreSQL's SQL dialect on SQLite, running in your browser.
-- Ctrl/Cmd+Enter runs the buffer (or the selection). Try \\dt, \\d users, \\x.
SELECT 'hello, ' || 'world' AS greeting, 6 * 7 AS answer, NULL::text AS nothing, now()::date = current_date AS today;
`,
  },
  {
    id: 'users-events',
    title: 'Users and events',
    sql: `DROP TABLE IF EXISTS events;
DROP TABLE IF EXISTS users;
CREATE TABLE users (
  id    serial PRIMARY KEY,
  name  text NOT NULL,
  email text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE events (
  id      bigserial PRIMARY KEY,
  user_id int NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind    text NOT NULL CHECK (kind IN ('login', 'view', 'purchase')),
  amount  numeric(10, 2),
  at      timestamptz NOT NULL
);
CREATE INDEX events_user_kind ON events (user_id, kind);
INSERT INTO users (name, email) VALUES
  ('Alice', 'alice@example.com'), ('Bob', 'bob@example.com'), ('Carol', NULL);
INSERT INTO events (user_id, kind, amount, at) VALUES
  (1, 'login', NULL, '2024-05-01 09:00+00'),
  (1, 'purchase', 19.99, '2024-05-01 09:05+00'),
  (2, 'view', NULL, '2024-05-02 12:00+00'),
  (2, 'purchase', 5.00, '2024-05-02 12:01+00'),
  (1, 'purchase', 42.50, '2024-05-03 18:30+00');
SELECT u.name, count(e.id) AS events, sum(e.amount) AS spent,
       max(e.at) FILTER (WHERE e.kind = 'purchase') AS last_purchase
FROM users u LEFT JOIN events e ON e.user_id = u.id
GROUP BY u.id, u.name
ORDER BY spent DESC NULLS LAST;
`,
  },
  {
    id: 'json',
    title: 'JSON and jsonb',
    sql: `SELECT '{"name": "pgmicro", "tags": ["sql", "wasm"], "stars": 5}'::jsonb AS doc;
SELECT d->>'name' AS name, d->'tags'->>0 AS first_tag, jsonb_array_length(d->'tags') AS tags,
       d @> '{"stars": 5}' AS five_stars
FROM (SELECT '{"name": "pgmicro", "tags": ["sql", "wasm"], "stars": 5}'::jsonb AS d) s;
SELECT key, value FROM jsonb_each('{"a": 1, "b": [true, null], "c": {"d": "e"}}') ORDER BY key;
SELECT jsonb_build_object('id', 1, 'list', jsonb_build_array(1, 'two', NULL)) AS built;
`,
  },
  {
    id: 'arrays',
    title: 'Arrays',
    sql: `SELECT ARRAY[3, 1, 2] AS a, (ARRAY[3, 1, 2])[1] AS first, array_length(ARRAY[3, 1, 2], 1) AS len,
       ARRAY[1, 2] || ARRAY[3] AS cat, ARRAY[1, 2, 3] @> ARRAY[2] AS contains;
SELECT x, ord FROM unnest(ARRAY['a', 'b', 'c']) WITH ORDINALITY AS t(x, ord);
SELECT n % 3 AS bucket, array_agg(n ORDER BY n) AS members
FROM generate_series(1, 10) AS n GROUP BY 1 ORDER BY 1;
`,
  },
  {
    id: 'window',
    title: 'Window functions',
    sql: `SELECT region, seller, amount,
       rank() OVER (PARTITION BY region ORDER BY amount DESC) AS rank_in_region,
       sum(amount) OVER (PARTITION BY region) AS region_total,
       amount - lag(amount) OVER (ORDER BY amount) AS diff_from_previous
FROM (VALUES ('north', 'ann', 120), ('north', 'bo', 90), ('south', 'cy', 200),
             ('south', 'di', 200), ('south', 'ed', 50)) AS sales(region, seller, amount)
ORDER BY region, rank_in_region, seller;
`,
  },
  {
    id: 'recursive',
    title: 'Recursive CTE',
    sql: `-- Fibonacci numbers
WITH RECURSIVE fib(n, a, b) AS (
  SELECT 1, 0::numeric, 1::numeric
  UNION ALL
  SELECT n + 1, b, a + b FROM fib WHERE n < 10
)
SELECT n, a AS fib FROM fib;
-- An org chart walked from the top
WITH RECURSIVE staff(id, name, boss) AS (
  VALUES (1, 'Ada', NULL), (2, 'Brian', 1), (3, 'Chen', 1), (4, 'Dana', 2)
), tree AS (
  SELECT id, name, 0 AS depth, name AS path FROM staff WHERE boss IS NULL
  UNION ALL
  SELECT s.id, s.name, t.depth + 1, t.path || ' > ' || s.name
  FROM staff s JOIN tree t ON s.boss = t.id
)
SELECT repeat('  ', depth) || name AS who, path FROM tree ORDER BY path;
`,
  },
  {
    id: 'upsert',
    title: 'Upsert (ON CONFLICT)',
    sql: `DROP TABLE IF EXISTS counters;
CREATE TABLE counters (name text PRIMARY KEY, hits int NOT NULL DEFAULT 1);
INSERT INTO counters (name) VALUES ('home'), ('about');
INSERT INTO counters (name) VALUES ('home'), ('blog')
  ON CONFLICT (name) DO UPDATE SET hits = counters.hits + 1
  RETURNING name, hits;
INSERT INTO counters (name) VALUES ('about') ON CONFLICT DO NOTHING;
SELECT * FROM counters ORDER BY name;
`,
  },
  {
    id: 'fk-schema',
    title: 'A small schema with foreign keys',
    sql: `DROP TABLE IF EXISTS order_items;
DROP TABLE IF EXISTS orders;
DROP TABLE IF EXISTS products;
DROP TABLE IF EXISTS customers;
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE products (id int PRIMARY KEY, title text NOT NULL, price numeric(8, 2) NOT NULL CHECK (price > 0));
CREATE TABLE orders (
  id int PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers,
  placed date NOT NULL DEFAULT '2024-06-01'
);
CREATE TABLE order_items (
  order_id int REFERENCES orders ON DELETE CASCADE,
  product_id int REFERENCES products,
  qty int NOT NULL DEFAULT 1,
  PRIMARY KEY (order_id, product_id)
);
CREATE VIEW order_totals AS
  SELECT o.id, c.name, sum(p.price * i.qty) AS total
  FROM orders o JOIN customers c ON c.id = o.customer_id
  JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
  GROUP BY o.id, c.name;
INSERT INTO customers VALUES (1, 'Ann'), (2, 'Ben');
INSERT INTO products VALUES (10, 'Tea', 4.50), (11, 'Cake', 3.25);
INSERT INTO orders (id, customer_id) VALUES (100, 1), (101, 2);
INSERT INTO order_items VALUES (100, 10, 2), (100, 11, 1), (101, 11, 4);
SELECT * FROM order_totals ORDER BY id;
-- This one fails: customer 3 does not exist.
INSERT INTO orders (id, customer_id) VALUES (102, 3);
`,
  },
  {
    id: 'explain',
    title: 'EXPLAIN',
    sql: `DROP TABLE IF EXISTS items;
DROP TABLE IF EXISTS categories;
CREATE TABLE categories (id int PRIMARY KEY, name text UNIQUE);
CREATE TABLE items (id int PRIMARY KEY, category_id int REFERENCES categories, price numeric);
CREATE INDEX items_category ON items (category_id);
EXPLAIN SELECT c.name, count(*) FROM items i JOIN categories c ON c.id = i.category_id
WHERE i.price > 10 GROUP BY c.name ORDER BY 2 DESC;
EXPLAIN ANALYZE SELECT count(*) FROM items;
`,
  },
  {
    id: 'meta',
    title: 'psql meta-commands',
    sql: `DROP TABLE IF EXISTS notes;
CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, tags text[]);
INSERT INTO notes (body, tags) VALUES ('try \\d+ notes', '{psql,meta}');
\\dt
\\d notes
\\x
SELECT * FROM notes;
\\x
`,
  },
];
