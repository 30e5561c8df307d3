-- Data-modifying WITH queries that read one another (a later one reading an earlier one's
-- RETURNING rows, or forward references under WITH RECURSIVE), one updating a table that a later
-- one only inserts into, and WITH queries read by ON CONFLICT DO UPDATE of a partitioned table.
CREATE TABLE y (a int);
INSERT INTO y SELECT generate_series(1, 3);
CREATE TABLE yy (a int);
WITH RECURSIVE t1 AS (
  INSERT INTO y SELECT * FROM y RETURNING *
), t2 AS (
  INSERT INTO yy SELECT * FROM t1 RETURNING *
)
SELECT 1;
SELECT * FROM y ORDER BY a;
SELECT * FROM yy ORDER BY a;
WITH RECURSIVE t1 AS (
  INSERT INTO yy SELECT * FROM t2 RETURNING *
), t2 AS (
  INSERT INTO y SELECT * FROM y RETURNING *
)
SELECT count(*) FROM t1;
SELECT count(*) FROM y;
SELECT count(*) FROM yy;
TRUNCATE y;
INSERT INTO y SELECT generate_series(1, 10);
WITH RECURSIVE t AS (
	INSERT INTO y
		SELECT a+5 FROM t2 WHERE a > 5
	RETURNING *
), t2 AS (
	UPDATE y SET a=a-11 RETURNING *
)
SELECT * FROM t
UNION ALL
SELECT * FROM t2;
SELECT * FROM y ORDER BY a;
CREATE TABLE up (a int PRIMARY KEY, b text) PARTITION BY LIST (a);
CREATE TABLE up_1 PARTITION OF up FOR VALUES IN (1);
CREATE TABLE up_2 PARTITION OF up FOR VALUES IN (2);
INSERT INTO up VALUES (1, 'Boo'), (2, 'Zoo');
WITH aaa AS (SELECT 1 AS a, 'Foo' AS b) INSERT INTO up
  VALUES (1, 'Bar') ON CONFLICT(a)
  DO UPDATE SET (b, a) = (SELECT b, a FROM aaa) RETURNING *;
WITH aaa AS (SELECT 'Moo' AS b) INSERT INTO up
  VALUES (1, 'Baz'), (2, 'Bar') ON CONFLICT(a)
  DO UPDATE SET b = (SELECT b FROM aaa) RETURNING *;
SELECT * FROM up ORDER BY a;
