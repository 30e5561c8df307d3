-- WITH queries of UPDATE/DELETE on an inheritance parent or partitioned table are evaluated
-- once for the statement (volatile ones too), on the rows before any table of the tree changes.
CREATE TABLE parent ( id int, val text );
CREATE TABLE child1 ( ) INHERITS ( parent );
CREATE TABLE child2 ( ) INHERITS ( parent );
INSERT INTO parent VALUES ( 1, 'p1' );
INSERT INTO child1 VALUES ( 11, 'c11' ),( 12, 'c12' );
INSERT INTO child2 VALUES ( 23, 'c21' ),( 24, 'c22' );
WITH rcte AS ( SELECT sum(id) AS totalid FROM parent )
UPDATE parent SET id = id + totalid FROM rcte;
SELECT * FROM parent ORDER BY id;
WITH rcte AS ( SELECT max(id) AS m FROM parent )
UPDATE parent SET id = id - (SELECT m FROM rcte) RETURNING tableoid::regclass, *;
CREATE SEQUENCE s;
WITH r AS (SELECT nextval('s') AS n) UPDATE parent SET val = val || (SELECT n FROM r);
SELECT * FROM parent ORDER BY id;
WITH a AS (SELECT nextval('s') AS n), b AS (SELECT n * 10 AS m FROM a) UPDATE parent SET val = (SELECT n || '/' || m FROM a, b);
SELECT * FROM parent ORDER BY id;
WITH m AS (SELECT min(id) AS x FROM parent) DELETE FROM parent WHERE id = (SELECT x FROM m) RETURNING *;
WITH m AS (SELECT min(id) AS x FROM parent) DELETE FROM parent USING m WHERE id = m.x;
SELECT * FROM parent ORDER BY id;
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 3) UPDATE parent SET id = id + (SELECT sum(n) FROM g);
SELECT * FROM parent ORDER BY id;
CREATE TABLE pt (a int, b int) PARTITION BY LIST (a);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES IN (1);
CREATE TABLE pt2 PARTITION OF pt FOR VALUES IN (2);
INSERT INTO pt VALUES (1, 10), (2, 20);
WITH v AS (SELECT nextval('s') AS n) UPDATE pt SET b = (SELECT n FROM v);
SELECT * FROM pt ORDER BY a;
WITH v AS (SELECT nextval('s') AS n) UPDATE pt SET a = 3 - a, b = (SELECT n FROM v) RETURNING tableoid::regclass, *;
SELECT tableoid::regclass, * FROM pt ORDER BY a;
PREPARE p(int) AS WITH v AS (SELECT $1 + nextval('s') AS n) UPDATE pt SET b = (SELECT n FROM v);
EXECUTE p(100);
EXECUTE p(1000);
SELECT * FROM pt ORDER BY a;
DROP TABLE parent, pt CASCADE;
