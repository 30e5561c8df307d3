-- time and timetz: input/output, typmods, '24:00:00', ordering (timetz by UTC time, then
-- zone), arithmetic, casts, extract/date_part, make_time, AT TIME ZONE, CURRENT_TIME/LOCALTIME
SET TimeZone = 'UTC';
SELECT time '10:00' AS a, time '10:00:00.123456' AS b, time(3) '10:00:00.123456' AS c, time '24:00' AS d,
       time '23:59:60' AS e, time 'allballs' AS f, time '10:00 pm' AS g, time '12:00 am' AS h,
       time '2024-01-01 10:00+03' AS i, time '101112' AS j;
SELECT timetz '10:00+05:30' AS a, timetz '10:00' AS b, timetz '2024-07-01 10:00 America/New_York' AS c,
       timetz '10:00 PST' AS d, timetz(0) '10:00:00.5-03' AS e, timetz '10:00:00-04:56:02' AS f, timetz '24:00+01' AS g;
SELECT time 'x';
SELECT timetz 'x';
SELECT time '25:00';
SELECT time '24:00:01';
SELECT time '10:60';
SELECT time '13:00 pm';
SELECT timetz '10:00 America/New_York';
SELECT timetz '10:00+16';
SELECT time 'infinity';
SELECT time(6) '10:00:00.1234567' AS six, time(0) '23:59:59.6' AS rounds_to_24;
-- arithmetic
SELECT time '10:00' + interval '15 hours' AS wrap, time '10:00' - interval '11 hours' AS back,
       interval '1 hour' + time '23:30' AS iv_first, time '10:00' + interval '1 day 2 hours' AS days_ignored;
SELECT time '10:00' - time '12:30:15.5' AS diff, date '2024-01-01' + time '10:00' AS ts, time '10:00' + date '2024-01-01' AS ts2,
       date 'infinity' + time '10:00' AS inf;
SELECT date '2024-01-01' + timetz '10:00+02' AS tstz, timetz '23:00+02' + interval '2 hours' AS tz_wrap,
       timetz '01:00-03' - interval '2 hours' AS tz_back;
-- casts
SELECT timestamp '2024-01-01 10:11:12.5'::time AS from_ts, timestamptz '2024-01-01 10:11:12+00'::time AS from_tstz,
       timestamptz '2024-01-01 10:11:12+00'::timetz AS tstz_timetz, timestamp 'infinity'::time AS inf;
SELECT interval '26 hours'::time AS a, interval '-1 hour'::time AS b, time '10:00'::interval AS c,
       timetz '10:00+03'::time AS d, time '10:00'::timetz AS e;
SELECT '10:00'::time::text AS t1, '10:00+02'::timetz::text AS t2, '10:00:00.5'::text::time AS t3, cast('10:00' AS time(0)) AS t4;
SELECT '{10:00,11:00}'::time[] AS times, '{10:00+01,NULL}'::timetz[] AS timetzs;
-- comparisons and order
SELECT time '10:00' < time '11:00' AS lt, time '10:00' = '10:00:00' AS eq, time '24:00' > time '23:59:59.999999' AS gt24,
       timetz '10:00+02' = timetz '08:00+00' AS same_instant_eq, timetz '10:00+02' > timetz '08:00+00' AS zone_order,
       timetz '10:00+02' < timetz '09:00+00' AS utc_order;
CREATE TABLE tt (a time(2), b timetz, c time);
INSERT INTO tt VALUES ('10:00:00.123', '10:00+02', '10:00'), ('09:00', '09:00+01', '00:00'),
  ('11:00', '08:00-01', '23:59:59.999999'), ('24:00', '10:00+03', '24:00'), (NULL, '07:00+00', NULL);
SELECT * FROM tt ORDER BY a;
SELECT * FROM tt ORDER BY b;
SELECT b, b < '09:30+01' AS lt, b = '10:00+02' AS eq FROM tt ORDER BY b DESC;
SELECT min(a), max(a), min(b), max(b), min(c), max(c) FROM tt;
SELECT a, count(*) FROM tt GROUP BY a ORDER BY a;
UPDATE tt SET a = a + interval '30 minutes' WHERE a < '10:00';
SELECT a FROM tt ORDER BY a NULLS FIRST;
\d tt
-- extract / date_part
SELECT extract(hour FROM time '10:11:12.5') AS h, extract(minute FROM time '10:11:12.5') AS m,
       extract(second FROM time '10:11:12.5') AS s, extract(milliseconds FROM time '10:11:12.5') AS ms,
       extract(microseconds FROM time '10:11:12.5') AS us, extract(epoch FROM time '10:11:12.5') AS epoch,
       extract(hour FROM time '24:00') AS h24;
SELECT date_part('hour', time '10:11:12') AS h, date_part('second', time '10:11:12.25') AS s, date_part('epoch', time '01:00') AS e;
SELECT extract(timezone FROM timetz '10:00+05:30') AS tz, extract(timezone_hour FROM timetz '10:00-05:30') AS tzh,
       extract(timezone_minute FROM timetz '10:00-05:30') AS tzm, extract(epoch FROM timetz '10:00+01') AS epoch,
       date_part('timezone', timetz '10:00-08') AS dp;
SELECT extract(day FROM time '10:00');
SELECT extract(timezone FROM time '10:00');
SELECT extract(foo FROM time '10:00');
SELECT extract(year FROM timetz '10:00+01');
-- make_time
SELECT make_time(10, 11, 12.5) AS a, make_time(24, 0, 0) AS b, make_time(0, 0, 59.999999) AS c;
SELECT make_time(25, 0, 0);
SELECT make_time(10, 60, 0);
SELECT make_time(24, 0, 0.5);
-- AT TIME ZONE on timetz (a zone with a history takes its current offset; a fixed one is fixed)
SELECT timetz '10:00+02' AT TIME ZONE 'UTC' AS utc, timetz '10:00+02' AT TIME ZONE 'EST' AS est,
       timetz '10:00+02' AT TIME ZONE interval '-03:00' AS iv, timetz '23:00-02' AT TIME ZONE 'Asia/Kolkata' AS wrap,
       time '10:00' AT TIME ZONE 'UTC' AS from_time, timezone('Etc/GMT-3', timetz '10:00+00') AS fn;
SELECT timetz '10:00+02' AT TIME ZONE 'Nowhere';
SELECT timetz '10:00+02' AT TIME ZONE interval '1 day';
-- the session zone: timetz input without a zone, time -> timetz, timestamptz -> time
SET TimeZone = 'Asia/Tokyo';
SELECT timetz '10:00' AS tokyo, time '10:00'::timetz AS cast_tokyo, timestamptz '2024-01-01 10:00+00'::time AS local_time,
       timestamptz '2024-01-01 10:00+00'::timetz AS local_timetz;
SET TimeZone = 'America/New_York';
SELECT timetz '2024-01-15 10:00' AS winter, timetz '2024-07-15 10:00' AS summer, timetz '10:00 EST' AS est;
SET TimeZone = 'UTC';
-- current time functions (values change; types and precision do not)
SELECT localtime IS NOT NULL AS lt, current_time IS NOT NULL AS ct, localtime(0) IS NOT NULL AS lt0,
       current_timestamp(2) IS NOT NULL AS cts2, localtimestamp(1) IS NOT NULL AS lts1;
SELECT extract(microseconds FROM localtime(0)) % 1000000 AS lt0_us, extract(microseconds FROM current_time(1)) % 100000 AS ct1_us,
       extract(microseconds FROM current_timestamp(0)) % 1000000 AS cts0_us, extract(microseconds FROM localtimestamp(3)) % 1000 AS lts3_us;
SELECT current_time::time = localtime AS same_start, current_timestamp::time = localtime AS same_start2;
CREATE TABLE nowt AS SELECT localtime AS lt, current_time AS ct, localtime(2) AS lt2;
\d nowt
