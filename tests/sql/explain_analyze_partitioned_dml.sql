-- EXPLAIN ANALYZE runs the whole DML statement: rows inserted into a partitioned table reach
-- their partitions, UPDATE/DELETE of an inheritance parent reach its children, an UPDATE's
-- SET subquery reads the rows as before the statement. (The plans themselves differ.)
CREATE TABLE pt (a int, b text) PARTITION BY RANGE (a);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES FROM (0) TO (10);
CREATE TABLE pt2 PARTITION OF pt FOR VALUES FROM (10) TO (20);
DO $$ BEGIN EXECUTE 'EXPLAIN ANALYZE INSERT INTO pt VALUES (1, ''a''), (15, ''b'')'; END $$;
SELECT tableoid::regclass, * FROM pt ORDER BY a;
SELECT count(*) FROM ONLY pt;
DO $$ BEGIN EXECUTE 'EXPLAIN ANALYZE UPDATE pt SET b = b || ''!'''; END $$;
DO $$ BEGIN EXECUTE 'EXPLAIN ANALYZE UPDATE pt SET a = a + 10 WHERE a = 1'; END $$;
SELECT tableoid::regclass, * FROM pt ORDER BY a;
CREATE TABLE ip (a int);
CREATE TABLE ic () INHERITS (ip);
INSERT INTO ip VALUES (1);
INSERT INTO ic VALUES (2);
DO $$ BEGIN EXECUTE 'EXPLAIN ANALYZE DELETE FROM ip'; END $$;
SELECT count(*) FROM ip;
CREATE TABLE t (id int, v int);
INSERT INTO t VALUES (1, 1), (2, 2);
DO $$ BEGIN EXECUTE 'EXPLAIN ANALYZE UPDATE t SET v = (SELECT max(v) FROM t b WHERE b.id < t.id)'; END $$;
SELECT * FROM t ORDER BY id;
DROP TABLE pt, ip, t CASCADE;
