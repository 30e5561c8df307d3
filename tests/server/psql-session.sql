-- A psql session run on pg-micro --server and on PostgreSQL 15 (tests/suites/42-server.sh).
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2), added date, tags text[]);
INSERT INTO items VALUES (1, 'apple', 1.25, '2024-01-02', '{red,fruit}'), (2, 'pear', NULL, NULL, '{}');
SELECT * FROM items ORDER BY id;
SELECT name, price * 2 AS double FROM items WHERE price IS NOT NULL;
-- errors: position, detail, hint
SELECT * FROM no_such_table;
INSERT INTO items VALUES (1, 'dup', 0, NULL, NULL);
SELECT lower(1, 2);
SELECT 1/0;
-- transactions
BEGIN;
INSERT INTO items VALUES (3, 'fig', 3.5, '2024-03-04', NULL);
SAVEPOINT s1;
UPDATE items SET price = 0;
ROLLBACK TO SAVEPOINT s1;
SELECT id, price FROM items ORDER BY id;
COMMIT;
BEGIN;
DELETE FROM items;
SELECT count(*) FROM items;
ROLLBACK;
BEGIN;
SELECT 1/0;
SELECT 1;
COMMIT;
SELECT count(*) FROM items;
-- COPY in both directions
\copy items (id, name, price) from 'items-in.tsv'
\copy items to 'items-out.tsv'
\copy (SELECT id, name FROM items ORDER BY id) to stdout with (format csv, header)
COPY items (id, name) FROM STDIN;
10	ten
11	eleven
\.
COPY items (id, name) FROM STDIN WITH (FORMAT csv);
12,"twelve, quoted"
\.
COPY (SELECT id, name, price FROM items WHERE id >= 10 ORDER BY id) TO STDOUT;
COPY items (id, name) FROM STDIN;
13	thirteen
x	bad
\.
\copy items from 'no-such-file.tsv'
BEGIN;
COPY items (id, name) FROM STDIN;
14	fourteen
\.
COPY items (nope) FROM STDIN;
ROLLBACK;
-- a COPY that fails before its data: psql then reads the data as SQL, on both servers
COPY no_such_table FROM STDIN;
1	one
\.
;
SELECT count(*) FROM items;
-- notices, settings, NULL display, empty results
DROP TABLE IF EXISTS not_there;
SET search_path = public;
SHOW search_path;
SELECT NULL::int AS n, '' AS empty, 'x' AS s WHERE false;
SELECT NULL::int AS n, '' AS empty;
CREATE TEMP TABLE tmp AS SELECT g AS v FROM generate_series(1, 3) g;
SELECT sum(v) FROM tmp;
