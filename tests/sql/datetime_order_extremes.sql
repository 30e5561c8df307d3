-- date, timestamp and timestamptz order outside years 1-9999: BC years, years past 9999 and
-- the infinities compare, sort, index, group and deduplicate as PostgreSQL orders them.
SET TimeZone = 'UTC';
CREATE TABLE dx (id int, d date, ts timestamp, tz timestamptz);
INSERT INTO dx VALUES
  (1, '0044-03-15 BC', '0044-03-15 10:00 BC', '0044-03-15 10:00+00 BC'),
  (2, '0045-03-15 BC', '0045-03-15 10:00 BC', '0045-03-15 10:00+00 BC'),
  (3, '0001-01-01', '0001-01-01', '0001-01-01 00:00+00'),
  (4, '0001-12-31 BC', '0001-12-31 23:59:59.5 BC', '0001-12-31 23:59:59.5+00 BC'),
  (5, '10000-01-01', '10000-01-01', '10000-01-01 00:00+00'),
  (6, '9999-12-31', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00'),
  (7, 'infinity', 'infinity', 'infinity'),
  (8, '-infinity', '-infinity', '-infinity'),
  (9, '4713-01-01 BC', '4713-01-01 BC', '4713-01-01 00:00+00 BC'),
  (10, '5874897-12-31', '294276-12-31 23:59:59.999999', '294276-12-31 23:59:59.999999+00'),
  (11, '99999-06-30', '99999-06-30 12:00', '99999-06-30 12:00+00'),
  (12, '2020-02-29', '2020-02-29 12:34:56.789', '2020-02-29 12:34:56.789+00'),
  (13, '0001-01-01 BC', '0001-01-01 12:00 BC', '0001-01-01 12:00+00 BC'),
  (14, '0100-01-01 BC', '0100-01-01 00:00:00.25 BC', '0100-01-01 00:00:00.25+00 BC'),
  (15, NULL, NULL, NULL);
SELECT id, d FROM dx ORDER BY d, id;
SELECT id, ts FROM dx ORDER BY ts DESC, id;
SELECT id, tz FROM dx ORDER BY tz NULLS FIRST, id;
SELECT min(d), max(d), min(ts), max(ts), min(tz), max(tz) FROM dx;
SELECT min(d), max(d), min(ts), max(ts) FROM dx WHERE d <> 'infinity' AND d <> '-infinity';
SELECT id FROM dx WHERE d < '0001-01-01' ORDER BY id;
SELECT id FROM dx WHERE ts > '9999-12-31' ORDER BY id;
SELECT id FROM dx WHERE tz BETWEEN '0100-01-01 BC' AND '10000-01-01' ORDER BY id;
SELECT id FROM dx WHERE d BETWEEN '0045-01-01 BC' AND '0044-12-31 BC' ORDER BY id;
SELECT date '0044-03-15 BC' < date '0001-01-01', date '10000-01-01' > date '9999-12-31',
       timestamp '0001-12-31 23:59:59 BC' < timestamp '0001-01-01 00:00',
       timestamptz '12000-01-01 00:00+00' > timestamptz '9999-12-31 23:00+00',
       date '4713-01-01 BC' > date '-infinity', date '5874897-12-31' < date 'infinity';
-- comparisons across types
SELECT id FROM dx WHERE d < ts ORDER BY id;
SELECT id FROM dx WHERE ts::date = d ORDER BY id;
SELECT a.id, b.id FROM dx a JOIN dx b ON a.d < b.d WHERE a.id IN (1, 2, 9) AND b.id IN (1, 3, 5) ORDER BY 1, 2;
SELECT id FROM dx WHERE d > date '0044-03-15 BC' - 1 AND d < date '0044-03-15 BC' + 1;
SELECT id, d + 1 AS next, ts + interval '1 day' AS later FROM dx WHERE id IN (1, 4, 5, 13) ORDER BY next;
SELECT id, date '0001-01-01' - d AS days FROM dx WHERE id IN (1, 4, 5, 13) ORDER BY days;
-- an index lookup and a unique constraint
CREATE INDEX dx_d ON dx (d);
CREATE INDEX dx_ts ON dx (ts);
SELECT id FROM dx WHERE d = '0044-03-15 BC';
SELECT id FROM dx WHERE d >= '10000-01-01' ORDER BY d;
SELECT id FROM dx WHERE ts <= '0001-01-01 00:00:00' ORDER BY ts;
CREATE TABLE du (d date UNIQUE, ts timestamp UNIQUE);
INSERT INTO du VALUES ('0044-03-15 BC', '10000-01-01');
INSERT INTO du VALUES ('0044-03-15 BC', '2000-01-01');
INSERT INTO du VALUES ('2000-01-01', '10000-01-01 00:00:00');
INSERT INTO du VALUES ('0044-03-15', '9999-01-01');
SELECT * FROM du ORDER BY d;
-- DISTINCT and GROUP BY
INSERT INTO dx SELECT id + 100, d, ts, tz FROM dx WHERE id IN (1, 5, 9);
SELECT DISTINCT d FROM dx ORDER BY d;
SELECT ts, count(*) FROM dx GROUP BY ts ORDER BY ts;
SELECT tz, count(*) FROM dx GROUP BY tz HAVING count(*) > 1 ORDER BY tz;
SELECT count(DISTINCT d), count(DISTINCT ts), count(DISTINCT tz) FROM dx;
-- window ordering and RANGE offsets
SELECT id, d, rank() OVER (ORDER BY d) FROM dx WHERE id < 100 AND d IS NOT NULL ORDER BY d;
SELECT id, count(*) OVER (ORDER BY ts RANGE BETWEEN interval '36500 days' PRECEDING AND CURRENT ROW)
  FROM dx WHERE id IN (1, 2, 4, 3, 13, 14) ORDER BY ts, id;
-- in a time zone other than UTC
SET TimeZone = 'America/New_York';
SELECT id, tz FROM dx WHERE id < 100 ORDER BY tz, id;
SELECT id FROM dx WHERE tz < '0001-01-01 00:00' ORDER BY id;
RESET TimeZone;
-- round trips through text, arrays and records
SELECT d::text::date = d AS d_ok, ts::text::timestamp = ts AS ts_ok, tz::text::timestamptz = tz AS tz_ok, count(*)
  FROM dx WHERE d IS NOT NULL GROUP BY 1, 2, 3;
SELECT array_agg(d ORDER BY d) FROM dx WHERE id < 100;
SELECT max(ARRAY[d]), min(ARRAY[ts]) FROM dx;
SELECT generate_series(timestamp '0002-01-01 BC', timestamp '0002-01-01', interval '1 year');
DROP TABLE dx, du;
