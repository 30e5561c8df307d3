-- INSERT: column lists, multi-row VALUES, DEFAULT, RETURNING, type coercion.
CREATE TABLE items (
  id serial PRIMARY KEY,
  name text NOT NULL,
  qty integer DEFAULT 0,
  price numeric(8,2),
  active boolean DEFAULT true
);
INSERT INTO items (name, qty, price) VALUES ('apple', 10, 0.5);
INSERT INTO items (name, qty, price) VALUES ('banana', 20, 0.25), ('cherry', 200, 3), ('date', 5, 7.777);
INSERT INTO items (name) VALUES ('elderberry');
INSERT INTO items (name, qty, price, active) VALUES ('fig', DEFAULT, 2.5, DEFAULT);
INSERT INTO items (name, qty, price, active) VALUES ('grape', 7, DEFAULT, false);
INSERT INTO items VALUES (DEFAULT, 'honeydew', 1, 4.5, true);
SELECT * FROM items ORDER BY id;
INSERT INTO items (name, qty) VALUES ('kiwi', 3) RETURNING id;
INSERT INTO items (name, qty) VALUES ('lemon', 4), ('mango', 5) RETURNING id, name, qty * 2 AS double_qty;
INSERT INTO items (name) VALUES ('nectarine') RETURNING *;
INSERT INTO items (name, price) VALUES ('orange', 1.234) RETURNING name, price, active;
SELECT count(*) FROM items;
INSERT INTO items (qty, name) VALUES (11, 'papaya');
SELECT id, name, qty FROM items WHERE name = 'papaya';
INSERT INTO items (name, qty) VALUES ('quince', '12');
INSERT INTO items (name, qty) VALUES ('raspberry', 12.6);
INSERT INTO items (name, qty) VALUES ('strawberry', 2 + 3 * 4);
SELECT name, qty FROM items WHERE id > 14 ORDER BY id;
INSERT INTO items (id, name) VALUES (100, 'explicit id');
SELECT id, name FROM items WHERE id >= 100;
INSERT INTO items (name) VALUES (NULL);
INSERT INTO items (name, qty) VALUES ('x', 'many');
INSERT INTO items (name, nosuch) VALUES ('x', 1);
INSERT INTO nosuch (a) VALUES (1);
INSERT INTO items (name, qty) VALUES ('x', 1, 2);
INSERT INTO items (name, qty) VALUES ('x');
INSERT INTO items (id, name) VALUES (1, 'duplicate');
INSERT INTO items (name, qty) VALUES ('big', 2147483648);
INSERT INTO items (name, price) VALUES ('expensive', 1000000);
SELECT count(*) FROM items;
CREATE TABLE pairs (a integer, b text);
INSERT INTO pairs VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO pairs (b) VALUES ('no a');
INSERT INTO pairs (a) VALUES (4);
INSERT INTO pairs VALUES (5);
SELECT * FROM pairs ORDER BY a NULLS FIRST;
INSERT INTO pairs VALUES (6, 'six') RETURNING a + 1 AS next, upper(b) AS shout;
CREATE TABLE flags (f boolean, t text);
INSERT INTO flags VALUES (true, 'true'), (false, 'false'), ('t', 't'), ('no', 'no'), ('1', '1'), (NULL, 'null');
SELECT f, t FROM flags ORDER BY t;
INSERT INTO flags VALUES ('maybe', 'bad');
CREATE TABLE nums (i integer, s smallint, b bigint, r real, d double precision, n numeric);
INSERT INTO nums VALUES (1, 2, 3, 4.5, 6.25, 7.125);
INSERT INTO nums VALUES (-2147483648, -32768, -9223372036854775808, -1.5, -0.001, -123.456);
INSERT INTO nums VALUES (2147483647, 32767, 9223372036854775807, 1e10, 1e-10, 1e20);
INSERT INTO nums (s) VALUES (32768);
INSERT INTO nums (b) VALUES (9223372036854775808);
SELECT * FROM nums ORDER BY i;
CREATE TABLE dates (d date, ts timestamp);
INSERT INTO dates VALUES ('2024-02-29', '2024-02-29 23:59:59'), ('1999-12-31', '1999-12-31 00:00:00'), ('2000-01-01', '2000-01-01 12:00:00.5');
SELECT * FROM dates ORDER BY d;
INSERT INTO dates (d) VALUES ('2023-02-29');
INSERT INTO dates (d) VALUES ('not a date');
SELECT count(*) FROM dates;
