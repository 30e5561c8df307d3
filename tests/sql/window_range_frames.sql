-- RANGE frames SQLite cannot express, computed per row by pg_range_frame with PostgreSQL's
-- in_range rules: numeric ORDER BY columns (with infinities and NaN), month and day offsets on
-- date/timestamp/timestamptz, infinite float offsets; NULL keys, DESC, EXCLUDE; the functions
-- first_value, last_value, nth_value, count, sum of integers, min and max.
SET TimeZone = 'UTC';
CREATE TEMP TABLE rf (id int, n numeric, f float8, d date, ts timestamp, tz timestamptz, v int);
INSERT INTO rf VALUES
  (0, '-Infinity', '-Infinity', '-infinity', '-infinity', '-infinity', 5),
  (1, -3, -3, '2000-01-31', '2000-01-31 10:00', '2000-01-31 10:00+00', 1),
  (2, -1, -1, '2000-02-29', '2000-02-29 10:00', '2000-02-29 10:00+00', 2),
  (3, 0, 0, '2000-03-31', '2000-03-31 10:00', '2000-03-31 10:00+00', 3),
  (4, 1.1, 1.1, '2000-04-30', '2000-04-30 10:00', '2000-04-30 10:00+00', NULL),
  (5, 1.12, 1.12, '2000-04-30', '2000-04-30 10:00', '2000-04-30 10:00+00', 4),
  (6, 2, 2, '2001-01-01', '2001-01-01 00:00', '2001-01-01 00:00+00', 6),
  (7, 100, 100, '2002-06-15', '2002-06-15 12:00', '2002-06-15 12:00+00', 7),
  (8, 'Infinity', 'Infinity', 'infinity', 'infinity', 'infinity', 8),
  (9, 'NaN', 'NaN', NULL, NULL, NULL, 9);
-- numeric
SELECT id, n, first_value(id) OVER w, last_value(id) OVER w, count(*) OVER w, sum(v) OVER w
  FROM rf WINDOW w AS (ORDER BY n RANGE BETWEEN 1 PRECEDING AND 1.1 FOLLOWING) ORDER BY id;
SELECT id, n, first_value(id) OVER w, last_value(id) OVER w
  FROM rf WINDOW w AS (ORDER BY n RANGE BETWEEN 'inf' PRECEDING AND 'inf' FOLLOWING) ORDER BY id;
SELECT id, n, first_value(id) OVER w, last_value(id) OVER w
  FROM rf WINDOW w AS (ORDER BY n DESC RANGE BETWEEN 1.5 PRECEDING AND CURRENT ROW) ORDER BY id;
SELECT id, n, min(n) OVER w, max(n) OVER w, nth_value(id, 2) OVER w
  FROM rf WINDOW w AS (ORDER BY n RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW) ORDER BY id;
-- infinite float offsets
SELECT id, f, first_value(id) OVER w, last_value(id) OVER w
  FROM rf WINDOW w AS (ORDER BY f RANGE BETWEEN 'inf' PRECEDING AND 'inf' FOLLOWING) ORDER BY id;
SELECT id, f, first_value(id) OVER w, last_value(id) OVER w
  FROM rf WINDOW w AS (ORDER BY f RANGE BETWEEN 'inf' FOLLOWING AND 'inf' FOLLOWING) ORDER BY id;
-- months on date, timestamp, timestamptz; NULL keys
SELECT id, d, first_value(id) OVER w, last_value(id) OVER w, count(v) OVER w
  FROM rf WINDOW w AS (ORDER BY d RANGE BETWEEN '1 month' PRECEDING AND '1 month' FOLLOWING) ORDER BY id;
SELECT id, d, sum(v) OVER w, max(d) OVER w
  FROM rf WINDOW w AS (ORDER BY d DESC NULLS LAST RANGE BETWEEN '1 year' PRECEDING AND '1 mon' FOLLOWING EXCLUDE GROUP) ORDER BY id;
SELECT id, ts, first_value(id) OVER w, last_value(id) OVER w
  FROM rf WINDOW w AS (ORDER BY ts NULLS FIRST RANGE BETWEEN '1 year' PRECEDING AND '1 day' FOLLOWING) ORDER BY id;
SELECT id, tz, first_value(id) OVER w, last_value(id) OVER w, min(tz) OVER w
  FROM rf WINDOW w AS (ORDER BY tz RANGE BETWEEN '2 days' PRECEDING AND '1 mon 1 day' FOLLOWING EXCLUDE TIES) ORDER BY id;
-- errors: negative offsets, functions the computed frame does not cover
SELECT id, sum(v) OVER (ORDER BY n RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM rf;
SELECT id, sum(v) OVER (ORDER BY d RANGE BETWEEN '-1 month' PRECEDING AND CURRENT ROW) FROM rf;
CREATE TEMP VIEW rfv AS
  SELECT id, first_value(id) OVER (ORDER BY d RANGE BETWEEN '1 month' PRECEDING AND '2 mons' FOLLOWING) FROM rf;
SELECT pg_get_viewdef('rfv');
SELECT * FROM rfv ORDER BY id;
-- ntile of NULL is NULL
SELECT ntile(NULL) OVER (ORDER BY id), id FROM rf ORDER BY id LIMIT 2;
-- an offset type no in_range takes: reported at the cast's argument
SELECT id, first_value(id) OVER (ORDER BY n RANGE BETWEEN 1 PRECEDING AND 1.1::float8 FOLLOWING) FROM rf;
