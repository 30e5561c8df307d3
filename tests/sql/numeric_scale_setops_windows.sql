-- Set operations over arrays and records holding numerics of different display scale, and
-- min/max (aggregate and window) of equal numerics: the later value, as numeric_smaller does.
SELECT ROW(1.5, 'a'::text) UNION SELECT ROW(1.50, 'a'::text);
SELECT ARRAY[1.5] INTERSECT SELECT ARRAY[1.50];
SELECT count(*) FROM (SELECT ROW(1.5) EXCEPT SELECT ROW(1.50)) s;
SELECT a FROM (VALUES (ARRAY[2.0, 1]), (ARRAY[2, 1.0]), (ARRAY[3.0])) v(a) UNION SELECT ARRAY[3] ORDER BY 1;
SELECT count(*) FROM (SELECT ARRAY[1.5] UNION ALL SELECT ARRAY[1.50] INTERSECT ALL SELECT ARRAY[1.500]) s;
CREATE TABLE w (n numeric, k int);
INSERT INTO w VALUES (1.5, 1), (1.50, 2), (1.500, 3), (0.5, 4), (0.50, 5);
SELECT k, min(n) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
       max(n) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
       max(n) OVER (ORDER BY k ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS mx3,
       min(n) OVER () AS mn
FROM w ORDER BY k;
SELECT k, max(n) OVER (ORDER BY n RANGE BETWEEN 0.5 PRECEDING AND CURRENT ROW) FROM w ORDER BY k;
SELECT k > 2 AS g, min(n), max(n) FROM w GROUP BY 1 ORDER BY 1;
SELECT min(n) FILTER (WHERE k < 3), max(n) FILTER (WHERE k > 1) FROM w;
SELECT max(n), min(n) FROM w WHERE false;
-- DISTINCT aggregates over records, jsonb numbers of different scales
CREATE TABLE rj (n numeric, m text);
INSERT INTO rj VALUES (1.50, 'a'), (1.5, 'a'), (2, 'c');
SELECT count(DISTINCT (n, m)) FROM rj;
SELECT count(*) FROM (SELECT DISTINCT to_jsonb(n) FROM rj) s;
SELECT count(*) FROM (SELECT to_jsonb(n) FROM rj UNION SELECT '1.500'::jsonb) s;
SELECT m, count(*) OVER (PARTITION BY to_jsonb(n)) FROM rj ORDER BY m, 2;
