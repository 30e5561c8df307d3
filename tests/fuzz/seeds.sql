-- Extra seed statements for fuzz_session (the suite also splits tests/sql/*.sql on ';').
CREATE TABLE t (id serial PRIMARY KEY, a integer NOT NULL DEFAULT 0, b text UNIQUE, c numeric(10,2), d date, e timestamp, f boolean, g bigint, h smallint, i real, j double precision, k varchar(5));
INSERT INTO t (a, b, c, d, e, f) VALUES (1, 'x', 1.25, '2024-02-29', '2024-01-01 10:00:00', true), (2, NULL, -3.5, NULL, NULL, false) RETURNING *;
INSERT INTO t DEFAULT VALUES;
SELECT a, count(*), sum(a), avg(c), min(b), max(d) FROM t WHERE a > 0 GROUP BY a HAVING count(*) > 0 ORDER BY 1 DESC NULLS LAST LIMIT 10 OFFSET 1;
SELECT DISTINCT t1.a, t2.b FROM t t1 LEFT JOIN t t2 ON t1.id = t2.a JOIN t t3 USING (id) ORDER BY t2.b NULLS FIRST;
UPDATE t SET a = a + 1, b = b || 'y' WHERE id = 1 RETURNING id, a;
DELETE FROM t WHERE f IS NOT TRUE;
SELECT 2147483647 + 1;
SELECT 7 / 0;
SELECT 7 / 2, 7.0 / 2, -7 % 3, 1 = '1', CAST('12' AS integer), '1.5'::numeric(3,1), 1::text = 'a';
BEGIN; SELECT 1/0; SELECT 1; ROLLBACK;
SELECT $1::integer + $2;
DROP TABLE IF EXISTS t;
SELECT * FROM (SELECT 1 AS x) s WHERE x IN (1, 2) AND x BETWEEN 0 AND 3 AND x IS NOT NULL;
SELECT CASE WHEN true THEN 'a' ELSE NULL END, COALESCE(NULL, 2), NULLIF(1, 1);
SELECT 'abc' ~ '(a|ab)(c|bcd)(d*)', 'ABC' ~* '^[[:alpha:]]+$', regexp_match('foo123', '(?<=o)\d+(?!9)'), regexp_replace('abcabc', '(b)(c)', '\2\1\&', 'g');
SELECT regexp_matches('a1b22', '([a-z])(\d+)', 'g'), regexp_split_to_array('a, b ,c', '\s*,\s*'), regexp_count('aaa', 'a*?', 1, 'i'), regexp_instr('abc', '(b)', 1, 1, 1, 'n', 1), regexp_substr('abc', '[bc]+', 2);
SELECT 'abc' SIMILAR TO '%(b|x)_' ESCAPE '#', substring('foobar' similar '%#"o_b#"%' escape '#'), substring('xabcx' from '(a+)?b'), regexp_match('abab', '^(ab)\1$', 'x');
