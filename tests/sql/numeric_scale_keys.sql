-- Equal numerics of different display scale (1.5, 1.50) are one key wherever rows are grouped,
-- de-duplicated, partitioned or ranked (the stored forms differ: docs/storage-format.md).
CREATE TABLE ns (n numeric, m text);
INSERT INTO ns VALUES (1.50, 'a'), (1.5, 'b'), (2, 'c'), (2.0, 'd'), (NULL, 'e'), (NULL, 'f'), (-0.10, 'g'), (-0.1, 'h');
-- DISTINCT
SELECT count(*) FROM (SELECT DISTINCT n FROM ns) s;
SELECT DISTINCT n::float8 AS v FROM ns ORDER BY 1;
SELECT DISTINCT trim_scale(n) AS t FROM ns ORDER BY 1;
SELECT count(*) FROM (SELECT DISTINCT n, m = 'zz' FROM ns) s;
SELECT count(*) FROM (SELECT DISTINCT n * 1 FROM ns) s;
SELECT DISTINCT n::float8 AS v, count(*) OVER (PARTITION BY n) AS c FROM ns ORDER BY 1;
SELECT DISTINCT max(m) OVER (PARTITION BY n)::text AS mx FROM ns ORDER BY 1;
-- GROUP BY, HAVING, expressions
SELECT n::float8 AS v, count(*), string_agg(m, ',' ORDER BY m) FROM ns GROUP BY n ORDER BY 1;
SELECT count(*) FROM (SELECT n + 0 FROM ns GROUP BY n + 0) s;
SELECT n::float8 AS v FROM ns GROUP BY n HAVING count(*) > 1 ORDER BY 1;
-- GROUPING SETS / ROLLUP / CUBE
SELECT n::float8 AS v, count(*) FROM ns GROUP BY ROLLUP (n) ORDER BY 1, 2;
SELECT n::float8 AS v, m = 'a' AS is_a, count(*) FROM ns GROUP BY GROUPING SETS ((n), (m = 'a')) ORDER BY 1, 2, 3;
SELECT count(*) FROM (SELECT DISTINCT n FROM ns GROUP BY CUBE (n, m)) s;
-- DISTINCT aggregates
SELECT count(DISTINCT n), sum(DISTINCT n)::float8 AS s, avg(DISTINCT n)::float8 AS a FROM ns;
SELECT m < 'c' AS k, count(DISTINCT n) FROM ns GROUP BY 1 ORDER BY 1;
SELECT sum(DISTINCT x), avg(DISTINCT x) FROM (VALUES (1.50), (2.50), (1.5)) v(x) WHERE x <> 1.5;
-- DISTINCT ON
SELECT DISTINCT ON (n) n::float8 AS v, m FROM ns ORDER BY n, m;
-- windows: PARTITION BY, ORDER BY peers (rank, RANGE, GROUPS)
SELECT m, count(*) OVER (PARTITION BY n) FROM ns ORDER BY m;
SELECT m, rank() OVER (ORDER BY n), dense_rank() OVER (ORDER BY n) FROM ns ORDER BY m;
SELECT m, count(*) OVER (ORDER BY n RANGE BETWEEN CURRENT ROW AND CURRENT ROW) FROM ns ORDER BY m;
SELECT m, count(*) OVER (ORDER BY n GROUPS BETWEEN CURRENT ROW AND CURRENT ROW) FROM ns ORDER BY m;
SELECT m, string_agg(m, ',') OVER (ORDER BY n, m DESC RANGE UNBOUNDED PRECEDING) FROM ns WHERE n > 1 ORDER BY m;
-- multi-key ORDER BY: a tie on n
SELECT m FROM ns WHERE n > 1 ORDER BY n, m;
SELECT m FROM ns WHERE n > 1 ORDER BY n DESC, m DESC;
SELECT n::float8 AS v, m FROM ns WHERE n > 1 ORDER BY n, m LIMIT 3;
SELECT x FROM (VALUES (1.50, 'a'), (1.5, 'b')) v(n, x) ORDER BY n, x DESC;
SELECT x FROM (SELECT 1.50 AS n, 'a' AS x UNION ALL SELECT 1.5, 'b') s ORDER BY n, x DESC;
SELECT n::float8, x FROM (SELECT 1.50 AS n, 'a' AS x UNION SELECT 1.5, 'b') s ORDER BY n, x DESC;
SELECT m FROM ns WHERE n > 1 ORDER BY n FETCH FIRST 1 ROW WITH TIES;
-- min/max of equal values keep the last one, as numeric_smaller/numeric_larger do
CREATE TABLE mm (n numeric);
INSERT INTO mm VALUES (1.5), (1.50), (1.500);
SELECT min(n), max(n) FROM mm;
DELETE FROM mm;
INSERT INTO mm VALUES (1.500), (1.50), (1.5);
SELECT min(n), max(n) FROM mm;
-- domains, arrays and records holding numerics
CREATE DOMAIN dnum AS numeric;
CREATE TABLE dn (n dnum);
INSERT INTO dn VALUES (3.0), (3.00), (3);
SELECT count(DISTINCT n), count(*) FILTER (WHERE n = 3) FROM dn;
SELECT count(*) FROM (SELECT DISTINCT n FROM dn) s;
SELECT count(*) FROM (SELECT DISTINCT a FROM (VALUES (ARRAY[1.5, 2]), (ARRAY[1.50, 2.0])) v(a)) s;
SELECT count(*) FROM (SELECT a FROM (VALUES (ARRAY[1.5]), (ARRAY[1.50]), (ARRAY[-0.5]), (ARRAY[-0.50])) v(a) GROUP BY a) s;
SELECT count(DISTINCT a) FROM (VALUES (ARRAY[1.5]), (ARRAY[1.50])) v(a);
SELECT count(*) FROM (SELECT DISTINCT r FROM (VALUES (ROW(1.5, 'x'::text)), (ROW(1.50, 'x'::text))) v(r)) s;
CREATE TYPE npair AS (a numeric, b text);
CREATE TABLE rp (p npair);
INSERT INTO rp VALUES (ROW(1.5, '1.50')), (ROW(1.50, '1.50')), (ROW(1.5, '1.5'));
SELECT count(*) FROM (SELECT DISTINCT p FROM rp) s;
SELECT (p).b, count(*) FROM rp GROUP BY p ORDER BY 1;
-- numeric(p,s) columns hold one scale: unchanged
CREATE TABLE fixed (n numeric(6,2));
INSERT INTO fixed VALUES (1.5), (1.50), (2);
SELECT DISTINCT n FROM fixed ORDER BY 1;
-- ORDER BY inside aggregates: a tie on the numeric key
SELECT string_agg(m, ',' ORDER BY n, m DESC) FROM ns WHERE n > 1;
SELECT array_agg(m ORDER BY n DESC, m) FROM ns WHERE n > 0;
-- the value shown for a group of equal numerics is its first row's
CREATE TABLE rep (n numeric, m text);
INSERT INTO rep VALUES (1.50, 'a'), (1.5, 'b'), (2, 'c'), (2.0, 'd'), (2.00, 'e');
SELECT n FROM rep GROUP BY n ORDER BY n;
SELECT DISTINCT n FROM rep ORDER BY n;
SELECT n + 1 AS p FROM rep GROUP BY n ORDER BY 1;
SELECT DISTINCT ON (n) n, m FROM rep ORDER BY n;
SELECT n FROM rep UNION SELECT 2.000 ORDER BY 1;
