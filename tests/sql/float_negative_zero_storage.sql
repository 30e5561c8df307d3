-- -0 stored in real/double precision columns reads back as -0 (storage format 10: the columns
-- have no SQLite affinity), and still equals 0 in comparisons, keys, DISTINCT and GROUP BY.
CREATE TABLE nz (id int PRIMARY KEY, r real, d double precision, ra real[], da float8[]);
INSERT INTO nz VALUES
  (1, '-0', '-0', '{-0,0,1.5}', '{-0,-1.5}'),
  (2, 0, 0, '{0}', '{0}'),
  (3, -0.0, -0, NULL, NULL),
  (4, 1, 1, '{1}', '{1}'),
  (5, 1.5, 1.5, NULL, NULL),
  (6, -1, -1, NULL, NULL),
  (7, 'NaN', '-Infinity', NULL, NULL);
INSERT INTO nz VALUES (8, '-0'::float4 * 1, 0 * -1.0::float8, ARRAY['-0'::real], ARRAY[-0.0::float8 * -1]);
SELECT * FROM nz ORDER BY id;
SELECT id, r, d, d::text AS t, -d AS neg, d * 2 AS twice FROM nz WHERE d = 0 ORDER BY id;
SELECT id FROM nz WHERE d = '-0' AND r = 0 ORDER BY id;
SELECT id FROM nz WHERE d < 1.2 AND d > -0.5 ORDER BY id;
-- integers written into float columns compare and sort numerically
SELECT id, d FROM nz WHERE d >= 1 ORDER BY d DESC, id;
SELECT id, r, d FROM nz ORDER BY d, id;
SELECT id, r FROM nz ORDER BY r DESC, id;
SELECT count(DISTINCT d) AS distinct_d, count(DISTINCT r) AS distinct_r FROM nz;
SELECT d = 0 AS zero, count(*) FROM nz WHERE d BETWEEN -1 AND 1 GROUP BY d = 0 ORDER BY 1;
SELECT count(*) AS groups, sum(n) AS rows FROM (SELECT d, count(*) AS n FROM nz WHERE d = 0 GROUP BY d) s;
SELECT count(*) AS distinct_zeros FROM (SELECT DISTINCT r FROM nz WHERE r = 0) s;
SELECT sum(d), min(d) = 0 AS min_zero, max(r) = 0 AS max_zero FROM nz WHERE d = 0;
SELECT ra, da, ra[1] AS ra1, da[1] AS da1 FROM nz WHERE id IN (1, 8) ORDER BY id;
-- records holding -0, stored in a composite column
CREATE TYPE fpair AS (a real, b double precision);
CREATE TABLE nzrec (id int, p fpair);
INSERT INTO nzrec VALUES (1, ROW('-0', '-0')), (2, '(-0,0)'), (3, ROW(0, 0));
SELECT id, p, (p).a, (p).b FROM nzrec ORDER BY id;
SELECT id FROM nzrec WHERE p = ROW(0, 0)::fpair ORDER BY id;
-- indexes: -0 and 0 are one key
CREATE TABLE nzu (d double precision UNIQUE, r real);
CREATE INDEX nzu_r ON nzu (r);
INSERT INTO nzu VALUES ('-0', '-0');
INSERT INTO nzu VALUES (0, 0);
INSERT INTO nzu VALUES (1, 0), (2, 1);
SELECT d, r FROM nzu WHERE r = 0 ORDER BY d;
SELECT d FROM nzu WHERE d = 0;
INSERT INTO nzu VALUES (0, 5) ON CONFLICT (d) DO UPDATE SET r = excluded.r RETURNING d, r;
SELECT * FROM nzu ORDER BY d;
-- UPDATE round trips
UPDATE nz SET d = -d, r = -r WHERE id IN (2, 4) RETURNING id, r, d;
UPDATE nz SET d = d * -1 WHERE id = 1 RETURNING id, d;
SELECT id, r, d FROM nz WHERE id IN (1, 2, 4) ORDER BY id;
-- COPY round trip
CREATE TABLE nzc (r real, d double precision);
COPY nzc FROM STDIN;
-0	-0
0	0
2	3
\.
COPY nzc TO STDOUT;
COPY (SELECT r, d FROM nz WHERE id IN (1, 2) ORDER BY id) TO STDOUT (FORMAT csv);
-- INSERT ... SELECT, also over a set operation, keeps -0 and stores integers as floats
CREATE TABLE nzs AS SELECT r, d FROM nz WHERE id IN (1, 3);
INSERT INTO nzs SELECT '-0', 1 UNION ALL SELECT 2, '-0';
SELECT * FROM nzs ORDER BY d, r, r::text;
SELECT d FROM nzs WHERE d > 0.5;
-- a domain over double precision
CREATE DOMAIN nzdom AS double precision;
CREATE TABLE nzd (v nzdom);
INSERT INTO nzd VALUES ('-0'), (2);
SELECT v, v = 0 AS is_zero FROM nzd ORDER BY v;
