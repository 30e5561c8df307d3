-- Intervals PostgreSQL compares as equal but prints differently ('1 mon' = '30 days' = '720 hours',
-- '1 day' = '24 hours') are one key wherever rows are grouped, de-duplicated, partitioned, ranked
-- or checked for uniqueness (the stored text differs: docs/storage-format.md, interval).
CREATE TABLE iv (i interval, m text);
INSERT INTO iv VALUES ('1 mon', 'a'), ('30 days', 'b'), ('720 hours', 'c'), ('1 day', 'd'), ('24 hours', 'e'),
  ('2 days', 'f'), (NULL, 'g'), (NULL, 'h'), ('-1 day', 'i'), ('-24 hours', 'j');
-- DISTINCT
SELECT count(*) FROM (SELECT DISTINCT i FROM iv) s;
SELECT DISTINCT extract(epoch FROM i) AS e FROM iv ORDER BY 1;
SELECT count(*) FROM (SELECT DISTINCT i, m = 'zz' FROM iv) s;
SELECT count(*) FROM (SELECT DISTINCT i * 1 FROM iv) s;
SELECT DISTINCT extract(epoch FROM i) AS e, count(*) OVER (PARTITION BY i) AS c FROM iv ORDER BY 1;
-- GROUP BY, HAVING, grouping sets
SELECT extract(epoch FROM i) AS e, count(*), string_agg(m, ',' ORDER BY m) FROM iv GROUP BY i ORDER BY 1;
SELECT count(*) FROM (SELECT i + '0 s' FROM iv GROUP BY i + '0 s') s;
SELECT extract(epoch FROM i) AS e FROM iv GROUP BY i HAVING count(*) > 1 ORDER BY 1;
SELECT extract(epoch FROM i) AS e, count(*) FROM iv GROUP BY ROLLUP (i) ORDER BY 1, 2;
-- DISTINCT aggregates
SELECT count(DISTINCT i) FROM iv;
SELECT m < 'd' AS k, count(DISTINCT i) FROM iv GROUP BY 1 ORDER BY 1;
-- DISTINCT ON
SELECT DISTINCT ON (i) extract(epoch FROM i) AS e, m FROM iv ORDER BY i, m;
-- windows: PARTITION BY, ORDER BY peers
SELECT m, count(*) OVER (PARTITION BY i) FROM iv ORDER BY m;
SELECT m, rank() OVER (ORDER BY i), dense_rank() OVER (ORDER BY i) FROM iv ORDER BY m;
SELECT m, count(*) OVER (ORDER BY i RANGE BETWEEN CURRENT ROW AND CURRENT ROW) FROM iv ORDER BY m;
SELECT m, count(*) OVER (ORDER BY i GROUPS BETWEEN CURRENT ROW AND CURRENT ROW) FROM iv ORDER BY m;
-- multi-key ORDER BY: ties on i
SELECT m FROM iv WHERE i > '1 h' ORDER BY i, m;
SELECT m FROM iv WHERE i > '1 h' ORDER BY i DESC, m DESC;
SELECT m FROM iv WHERE i > '1 h' ORDER BY i, m DESC LIMIT 4;
SELECT m FROM iv WHERE i > '1 h' ORDER BY i FETCH FIRST 1 ROW WITH TIES;
-- set operations
SELECT count(*) FROM (SELECT i FROM iv UNION SELECT '30 days'::interval) s;
SELECT count(*) FROM (SELECT interval '1 mon' UNION SELECT interval '30 days') s;
SELECT * FROM (SELECT interval '1 day' INTERSECT SELECT interval '24 hours') s(x) WHERE false;
SELECT count(*) FROM (SELECT interval '1 day' INTERSECT SELECT interval '24 hours') s;
SELECT count(*) FROM (SELECT i FROM iv EXCEPT SELECT '24 hours'::interval) s;
SELECT extract(epoch FROM x) FROM (SELECT i FROM iv WHERE m IN ('a', 'd') EXCEPT SELECT '30 days'::interval) s(x);
-- UNIQUE / PRIMARY KEY constraints and unique indexes
CREATE TABLE ivu (i interval PRIMARY KEY, n int);
INSERT INTO ivu VALUES ('1 mon', 1);
INSERT INTO ivu VALUES ('30 days', 2);
INSERT INTO ivu VALUES ('720 hours', 2);
INSERT INTO ivu VALUES ('1 day', 3), ('24 hours', 4);
INSERT INTO ivu VALUES ('1 mon', 5);
UPDATE ivu SET i = '1 day' WHERE n = 1;
UPDATE ivu SET i = '24 hours' WHERE n = 1;
SELECT i, n FROM ivu ORDER BY n;
CREATE TABLE ivu2 (i interval, j int, UNIQUE (i, j));
INSERT INTO ivu2 VALUES ('1 day', 1), ('24 hours', 2);
INSERT INTO ivu2 VALUES ('24 hours', 1);
INSERT INTO ivu2 VALUES (NULL, 1), (NULL, 1);
SELECT count(*) FROM ivu2;
CREATE TABLE ivu3 (i interval);
INSERT INTO ivu3 VALUES ('1 mon'), ('30 days');
CREATE UNIQUE INDEX ivu3_i ON ivu3 (i);
ALTER TABLE ivu3 ADD UNIQUE (i);
DELETE FROM ivu3 WHERE i::text = '30 days';
CREATE UNIQUE INDEX ivu3_i ON ivu3 (i);
INSERT INTO ivu3 VALUES ('720 hours');
SELECT i FROM ivu3;
-- ON CONFLICT arbitration
INSERT INTO ivu VALUES ('30 days', 10) ON CONFLICT DO NOTHING;
INSERT INTO ivu VALUES ('48 hours', 11) ON CONFLICT (i) DO NOTHING;
INSERT INTO ivu VALUES ('2 days', 12) ON CONFLICT (i) DO NOTHING;
INSERT INTO ivu VALUES ('720 hours', 13) ON CONFLICT (i) DO UPDATE SET n = ivu.n + 100;
SELECT i, n FROM ivu ORDER BY n;
-- foreign keys
CREATE TABLE ivf (i interval REFERENCES ivu (i), k int);
INSERT INTO ivf VALUES ('1 mon', 1), ('30 days', 2), ('720 hours', 3), ('1 day', 4);
INSERT INTO ivf VALUES ('3 days', 5);
SELECT k FROM ivf ORDER BY k;
DELETE FROM ivu WHERE n = 110;
DROP TABLE ivf, ivu, ivu2, ivu3, iv;
