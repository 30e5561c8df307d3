-- Subqueries in RETURNING (and in an UPDATE's SET) read the tables as before the statement,
-- for one table and for inheritance trees.
CREATE TABLE p (id int, v int);
CREATE TABLE c1 () INHERITS (p);
INSERT INTO p VALUES (1, 10), (2, 20);
INSERT INTO c1 VALUES (3, 30), (4, 40);
CREATE TABLE t (id int, v int);
INSERT INTO t VALUES (1, 10), (2, 20);
BEGIN;
DELETE FROM t WHERE id = 1 RETURNING (SELECT count(*) FROM t);
UPDATE t SET v = v + 1 RETURNING (SELECT sum(v) FROM t);
INSERT INTO t VALUES (5, 5) RETURNING (SELECT count(*) FROM t);
ROLLBACK;
BEGIN;
DELETE FROM p WHERE id IN (1, 3) RETURNING id, (SELECT count(*) FROM p);
UPDATE p SET v = v + 1 RETURNING id, (SELECT sum(v) FROM p);
ROLLBACK;
BEGIN;
UPDATE c1 SET v = (SELECT sum(v) FROM p);
SELECT * FROM p ORDER BY id;
ROLLBACK;
DROP TABLE p, t CASCADE;
CREATE TABLE u (id int, v int);
INSERT INTO u VALUES (1, 10), (2, 20), (3, 30);
UPDATE u SET v = q.v + 1 FROM u q WHERE q.id = u.id + 1 RETURNING u.*, (SELECT sum(v) FROM u);
INSERT INTO u SELECT id + 10, v FROM u RETURNING id, (SELECT count(*) FROM u);
SELECT * FROM u ORDER BY id;
DROP TABLE u;
