-- A partitioned table's UNIQUE/PRIMARY KEY constraints are enforced by each partition's own
-- unique index: ALTER TABLE ... ADD on the parent builds it on the existing partitions, ATTACH
-- PARTITION builds it on the attached table unless it already has one on the same columns.
CREATE TABLE q (a int, b text) PARTITION BY LIST (a);
CREATE TABLE q1 PARTITION OF q FOR VALUES IN (1);
ALTER TABLE q ADD UNIQUE (a);
INSERT INTO q VALUES (1, 'x');
INSERT INTO q VALUES (1, 'y');
ALTER TABLE q ADD PRIMARY KEY (b);
CREATE TABLE q2 (a int, b text);
ALTER TABLE q ATTACH PARTITION q2 FOR VALUES IN (2);
INSERT INTO q VALUES (2, 'x');
INSERT INTO q VALUES (2, 'y');
SELECT conname, contype FROM pg_constraint WHERE conrelid = 'q2'::regclass AND contype IN ('u', 'p') ORDER BY 1;
CREATE TABLE q3 (a int, b text, UNIQUE (a));
ALTER TABLE q ATTACH PARTITION q3 FOR VALUES IN (3);
SELECT conname FROM pg_constraint WHERE conrelid = 'q3'::regclass AND contype IN ('u', 'p') ORDER BY 1;
INSERT INTO q VALUES (3, 'x');
INSERT INTO q VALUES (3, 'y');
CREATE TABLE p (a int, b text, PRIMARY KEY (a, b)) PARTITION BY LIST (a);
CREATE TABLE p1 (a int, b text);
INSERT INTO p1 VALUES (1, 'x'), (1, 'x');
ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1);
CREATE TABLE p2 (a int NOT NULL, b text NOT NULL);
ALTER TABLE p ATTACH PARTITION p2 FOR VALUES IN (2);
INSERT INTO p VALUES (2, 'x');
INSERT INTO p VALUES (2, 'x');
INSERT INTO p VALUES (2, NULL);
SELECT * FROM p ORDER BY 1, 2;
DROP TABLE p, q, p1;
