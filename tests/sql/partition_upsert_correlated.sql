-- INSERT ... ON CONFLICT DO UPDATE into a partitioned table whose SET subqueries refer to the
-- target row: each leaf's upsert reads the leaf's row (leaves with other column orders too).
CREATE TABLE puc (a int PRIMARY KEY, b text) PARTITION BY LIST (a);
CREATE TABLE puc_1 PARTITION OF puc FOR VALUES IN (1);
CREATE TABLE puc_2 (b text, a int PRIMARY KEY);
ALTER TABLE puc ATTACH PARTITION puc_2 FOR VALUES IN (2);
INSERT INTO puc VALUES (1, 'Boo'), (2, 'Zoo');
INSERT INTO puc VALUES (1, 'Bar') ON CONFLICT (a) DO UPDATE SET b = (SELECT puc.b || 'x') RETURNING *;
WITH aaa AS (SELECT 1 AS ctea, ' Foo' AS cteb) INSERT INTO puc
  VALUES (1, 'Bar'), (2, 'Baz') ON CONFLICT (a)
  DO UPDATE SET (b, a) = (SELECT puc.b || cteb, puc.a FROM aaa) RETURNING *;
INSERT INTO puc VALUES (2, 'Q') ON CONFLICT (a)
  DO UPDATE SET b = (SELECT count(*)::text FROM puc p WHERE p.b < puc.b) || excluded.b RETURNING *;
SELECT tableoid::regclass, * FROM puc ORDER BY a;
DROP TABLE puc;
