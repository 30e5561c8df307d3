-- Data-modifying statements in WITH: INSERT/UPDATE/DELETE ... RETURNING run once, their rows
-- visible to the statement through the WITH query.
CREATE TABLE wd (a int PRIMARY KEY, b text);
INSERT INTO wd VALUES (1, 'a'), (2, 'b'), (3, 'c');
WITH t AS (DELETE FROM wd WHERE a <= 2 RETURNING *) SELECT * FROM t ORDER BY a;
SELECT * FROM wd;
WITH t AS (INSERT INTO wd VALUES (5, 'e'), (6, 'f') RETURNING a * 10 AS x) SELECT sum(x) FROM t;
WITH t AS (UPDATE wd SET b = b || '!' WHERE a > 3 RETURNING *) INSERT INTO wd SELECT a + 100, b FROM t RETURNING *;
WITH t AS (DELETE FROM wd WHERE a = 106) SELECT 1;
WITH t AS (DELETE FROM wd WHERE a = 105) SELECT * FROM t;
SELECT * FROM wd ORDER BY a;
WITH t(k, v) AS (DELETE FROM wd WHERE a = 6 RETURNING a, b), u AS (SELECT k + 1 AS k2 FROM t) SELECT * FROM t, u;
SELECT * FROM (WITH t AS (DELETE FROM wd RETURNING *) SELECT * FROM t) s;
WITH t AS (INSERT INTO wd VALUES (3, 'dup') RETURNING *) SELECT * FROM t;
SELECT * FROM wd ORDER BY a;
DROP TABLE wd;
