-- tableoid in RETURNING of DML on partitioned tables and inheritance parents: the partition
-- or child table the row is in (also for rows an UPDATE moves to another partition).
CREATE TABLE pt (a int, b text) PARTITION BY RANGE (a);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES FROM (0) TO (10);
CREATE TABLE pt2 (b text, a int) PARTITION BY LIST (b);
ALTER TABLE pt ATTACH PARTITION pt2 FOR VALUES FROM (10) TO (20);
CREATE TABLE pt2x PARTITION OF pt2 FOR VALUES IN ('x');
CREATE TABLE pt2d PARTITION OF pt2 DEFAULT;
CREATE TABLE ptd PARTITION OF pt DEFAULT;
INSERT INTO pt VALUES (1,'a'),(11,'x'),(12,'y'),(25,'z') RETURNING tableoid::regclass, *;
INSERT INTO pt VALUES (5,'q') RETURNING tableoid::regclass, a, pt.tableoid = 'pt1'::regclass AS in_pt1;
INSERT INTO pt AS p VALUES (6,'r') RETURNING p.tableoid::regclass, p.a;
INSERT INTO pt2 VALUES ('x', 15) RETURNING tableoid::regclass, a;
INSERT INTO pt VALUES (2,'b') ON CONFLICT DO NOTHING RETURNING tableoid::regclass, a;
INSERT INTO pt SELECT g, 'g' FROM generate_series(8, 11) g RETURNING tableoid::regclass, a, b;
SELECT tableoid::regclass, * FROM pt ORDER BY a, b, tableoid::regclass::text;
-- the row (11, 'x') moves from pt2x to pt2d
UPDATE pt SET b = b || '!' WHERE a IN (1, 2, 11, 12) RETURNING tableoid::regclass, *;
UPDATE pt SET a = a + 10 WHERE a = 1 RETURNING tableoid::regclass, a, b;
UPDATE pt SET a = 3 WHERE a = 25 RETURNING tableoid::regclass, *;
UPDATE pt2 SET b = 'x' WHERE a = 12 RETURNING tableoid::regclass, *;
SELECT tableoid::regclass, * FROM pt ORDER BY a, b, tableoid::regclass::text;
WITH d AS (DELETE FROM ONLY pt1 WHERE a = 99 RETURNING *) SELECT count(*) FROM d;
DELETE FROM pt WHERE a > 10 AND b <> 'x!' RETURNING tableoid::regclass, *;
SELECT tableoid::regclass, * FROM pt ORDER BY a, b, tableoid::regclass::text;
CREATE TABLE ip (a int, b text);
CREATE TABLE ic (c int) INHERITS (ip);
CREATE TABLE ig () INHERITS (ic);
INSERT INTO ip VALUES (1,'p');
INSERT INTO ic VALUES (2,'c',20);
INSERT INTO ig VALUES (3,'g',30);
UPDATE ip SET b = b || '+' RETURNING tableoid::regclass, *;
DELETE FROM ip WHERE a = 3 RETURNING tableoid::regclass, *;
UPDATE ip SET a = a + 100 RETURNING ip.tableoid::regclass, ip.*;
SELECT tableoid::regclass, * FROM ip ORDER BY a;
-- name || unknown (crashed)
SELECT 'a'::name || '-', '-' || 'b'::name;
DROP TABLE pt, ip CASCADE;
