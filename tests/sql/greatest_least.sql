-- GREATEST / LEAST: common type, NULLs ignored.
SELECT greatest(1, 3, 2), least(1, 3, 2), greatest(1, NULL, 2), least(NULL, NULL::int);
SELECT greatest(1, 2.5), least(1.50, 2), greatest(1, 2.5::float8), pg_typeof(greatest(1, 2::bigint));
SELECT greatest('abc', 'abd', 'ab'), least('b'::text, 'a'::varchar), greatest('2020-01-01'::date, '2019-12-31');
SELECT greatest(-0.5, -0.25, NULL), least('10'::numeric, 9.99, 100);
SELECT greatest(1, 'x');
SELECT greatest(interval '1 day', interval '23 hours'), least(timestamp '2020-01-01 10:00', timestamp '2020-01-01 09:00');
CREATE TABLE gl (a int, b int);
INSERT INTO gl VALUES (1, 5), (7, 2), (NULL, 3), (NULL, NULL);
SELECT a, b, greatest(a, b), least(a, b, 4) FROM gl ORDER BY a NULLS LAST, b;
DROP TABLE gl;
