-- CREATE TABLE AS and SELECT INTO: column names and types (with typmods) from the query,
-- column name lists, WITH NO DATA, IF NOT EXISTS, command tags SELECT n.
CREATE TABLE src (id int PRIMARY KEY, name varchar(10), price numeric(8,2), at date);
INSERT INTO src VALUES (1, 'a', 1.5, '2024-01-01'), (2, 'b', 2.25, '2024-02-01'), (3, 'c', NULL, NULL);
CREATE TABLE c1 AS SELECT * FROM src WHERE id < 3;
\d c1
SELECT * FROM c1 ORDER BY id;
CREATE TABLE c2 (x, y) AS SELECT id * 2, name || '!', 'lit', 1.5 FROM src ORDER BY id;
\d c2
SELECT * FROM c2;
CREATE TABLE c3 AS SELECT count(*) AS n, sum(price) FROM src WITH NO DATA;
\d c3
SELECT * FROM c3;
CREATE TABLE c1 AS SELECT 1;
CREATE TABLE IF NOT EXISTS c1 AS SELECT 1;
CREATE TABLE c4 (a, b, c) AS SELECT 1, 2;
CREATE TABLE c4 AS SELECT 1 AS a, 2 AS a;
CREATE TABLE c4 AS SELECT * FROM nope;
SELECT id, name INTO c5 FROM src WHERE price > 2;
SELECT * FROM c5;
SELECT 1 AS one INTO c6;
SELECT * FROM c6;
INSERT INTO c1 VALUES (9, 'z', 9.99, '2030-01-01');
INSERT INTO c1 VALUES (9, 'toolongvalue', 1, NULL);
SELECT * FROM c1 ORDER BY id;
BEGIN;
CREATE TABLE c7 AS SELECT generate_series(1, 3) AS g;
SELECT * FROM c7;
ROLLBACK;
SELECT * FROM c7;
