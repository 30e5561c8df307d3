-- date/time: timestamptz comparisons and casts, interval I/O and arithmetic,
-- extract/date_part/date_trunc, age/justify_*, make_*, current-time functions (TimeZone UTC)
SELECT timestamptz '2024-01-05 10:00:00+02' AS t1, timestamptz '2024-01-05 10:00:00.5Z' AS t2;
SELECT timestamptz '2024-01-05 10:00:00+00' < timestamptz '2024-01-05 10:00:00.5+00' AS lt,
       timestamptz '2024-01-05 12:00:00+02' = timestamptz '2024-01-05 10:00:00Z' AS eq;
SELECT date '2024-01-05' < timestamp '2024-01-05 00:00:01' AS a, date '2024-01-05' = timestamp '2024-01-05' AS b,
       timestamp '2024-01-05 10:00' = timestamptz '2024-01-05 10:00+00' AS c, date '2024-01-06' > timestamptz '2024-01-05 23:00Z' AS d;
SELECT timestamptz '2024-01-05 23:59:59.5+00'::date AS d, timestamptz '2024-01-05 23:59:59.5+00'::timestamp AS ts,
       timestamp '2024-01-05 01:02:03'::timestamptz AS tz, date '2024-01-05'::timestamptz AS dz;
CREATE TABLE ev (id int, at timestamptz, d date, span interval);
INSERT INTO ev VALUES (1, '2024-03-01 12:00:00+00', '2024-03-01', '1 day'),
  (2, '2023-12-31 23:59:59.999+00', '2023-12-31', '25 hours'),
  (3, '2024-03-01 12:00:00.25+00', '2024-02-29', '1 mon'),
  (4, 'infinity', 'infinity', '-1 day'), (5, '-infinity', '-infinity', '29 days 23:59:59'),
  (6, NULL, NULL, NULL);
SELECT id, at, d, span FROM ev ORDER BY at, id;
SELECT id, span FROM ev ORDER BY span, id;
SELECT id FROM ev WHERE at > '2024-01-01' ORDER BY id;
SELECT id FROM ev WHERE span >= interval '1 day' ORDER BY id;
SELECT max(at) AS mx, min(at) AS mn FROM ev WHERE at < 'infinity' AND at > '-infinity';
-- interval input and output
SELECT interval '1 day 2 hours' AS a, interval '3 mons' AS b, interval '1 year 2 months 3 days 04:05:06.789' AS c;
SELECT interval '-1 day' AS a, interval '-1 days +02:00:00' AS b, interval '0' AS c, interval '00:00:00' AS d;
SELECT interval 'P1Y2M3DT4H5M6S' AS a, interval 'PT1.5S' AS b, interval 'P2W' AS c;
SELECT interval '@ 1 hour ago' AS a, interval '1 day ago' AS b, interval '1.5 days' AS c, interval '1.5 months' AS d;
SELECT interval '1.5 years' AS a, interval '2 weeks' AS b, interval '1 decade' AS c, interval '1 century' AS d;
SELECT interval '90 minutes' AS a, interval '100 hours' AS b, interval '-1:30' AS c, interval '1 day -01:00:00' AS e;
SELECT interval '3 seconds 500 milliseconds' AS a, interval '10 microseconds' AS b, interval '5' AS c;
SELECT interval '1 mon -1 day' AS a, interval '-1 year -2 mons' AS b, interval '1 millennium' AS c;
SELECT interval 'garbage';
SELECT interval '1 fortnight';
SELECT '2 days'::interval::text AS t, '01:00:00'::interval AS i;
-- interval comparisons
SELECT interval '1 mon' = interval '30 days' AS a, interval '1 day' = interval '24 hours' AS b,
       interval '1 year' > interval '360 days' AS c, interval '-1 day' < interval '0' AS d,
       interval '1 day' <> interval '1 day 00:00:01' AS e;
-- interval arithmetic
SELECT interval '1 day' + interval '2 hours' AS a, interval '1 mon' - interval '1 day' AS b, - interval '1 day 02:00' AS c;
SELECT interval '1 day' * 2 AS a, interval '1 mon' * 1.5 AS b, interval '1 hour' / 4 AS c, 3 * interval '20 minutes' AS d;
SELECT interval '1 mon' / 3 AS a, interval '1 day' * 0.3 AS b, interval '1 year' / 7 AS c;
SELECT interval '1 day' / 0;
-- timestamp arithmetic
SELECT timestamp '2024-01-31 10:00' + interval '1 mon' AS a, timestamp '2024-03-31' - interval '1 mon' AS b,
       timestamp '2024-02-28 23:00' + interval '1 day 2 hours' AS c;
SELECT timestamptz '2024-01-01 00:00+00' + interval '36 hours' AS a, interval '1 year' + timestamptz '2024-02-29 00:00+00' AS b,
       timestamptz '2024-01-01 00:00+00' - interval '1 sec' AS c;
SELECT date '2024-01-31' + interval '1 mon' AS a, date '2024-03-01' - interval '1 day' AS b, interval '2 hours' + date '2024-01-01' AS c;
SELECT timestamp '2024-01-03 12:00' - timestamp '2024-01-01 00:00' AS a, timestamp '2024-01-01' - timestamp '2024-01-03 12:00' AS b,
       timestamptz '2024-03-01 00:00+00' - timestamptz '2024-02-01 00:00+00' AS c;
SELECT date '2024-03-01' - date '2024-02-01' AS days;
SELECT timestamp 'infinity' + interval '1 day' AS a, timestamp '-infinity' - interval '1 year' AS b;
SELECT id, at + span AS later FROM ev WHERE id < 4 ORDER BY id;
-- justify and age
SELECT justify_days(interval '35 days') AS a, justify_hours(interval '27 hours') AS b,
       justify_interval(interval '1 mon -1 hour') AS c, justify_days(interval '-35 days') AS d;
SELECT justify_hours(interval '-27 hours') AS a, justify_interval(interval '-1 mon 40 days 30 hours') AS b;
SELECT age(timestamp '2024-03-15 10:00', timestamp '2023-01-20 12:30') AS a,
       age(timestamp '2023-01-20', timestamp '2024-03-15') AS b,
       age(timestamptz '2024-03-01 00:00+00', timestamptz '2024-01-31 00:00+00') AS c;
SELECT age(timestamp '2001-04-10', timestamp '1957-06-13') AS a;
-- extract and date_part
SELECT extract(year FROM timestamp '2024-02-29 13:45:06.789') AS y, extract(month FROM timestamp '2024-02-29 13:45:06.789') AS m,
       extract(day FROM timestamp '2024-02-29 13:45:06.789') AS d, extract(hour FROM timestamp '2024-02-29 13:45:06.789') AS h,
       extract(minute FROM timestamp '2024-02-29 13:45:06.789') AS mi, extract(second FROM timestamp '2024-02-29 13:45:06.789') AS s;
SELECT extract(milliseconds FROM timestamp '2024-02-29 13:45:06.789') AS ms, extract(microseconds FROM timestamp '2024-02-29 13:45:06.789') AS us,
       extract(epoch FROM timestamp '2024-02-29 13:45:06.789') AS ep, extract(dow FROM timestamp '2024-02-29') AS dow,
       extract(isodow FROM timestamp '2024-03-03') AS isodow, extract(doy FROM timestamp '2024-12-31') AS doy;
SELECT extract(week FROM timestamp '2024-12-30') AS w, extract(quarter FROM timestamp '2024-08-01') AS q,
       extract(century FROM timestamp '2000-12-31') AS c, extract(decade FROM timestamp '2024-01-01') AS dec,
       extract(millennium FROM timestamp '2001-01-01') AS mil, extract(isoyear FROM timestamp '2021-01-01') AS iy;
SELECT extract(year FROM date '2024-06-15') AS y, extract(epoch FROM date '2024-06-15') AS ep, extract(julian FROM date '2024-06-15') AS j,
       extract(dow FROM date '2024-06-15') AS dow, extract(week FROM date '2024-06-15') AS w;
SELECT extract(hour FROM date '2024-06-15');
SELECT extract(epoch FROM timestamptz '2024-01-01 00:00:00+00') AS ep, extract(timezone FROM timestamptz '2024-01-01 00:00:00+00') AS tz,
       extract(hour FROM timestamptz '2024-01-01 05:30:00+02') AS h;
SELECT extract(year FROM interval '1 year 14 mons') AS y, extract(month FROM interval '1 year 14 mons') AS m,
       extract(day FROM interval '40 days') AS d, extract(hour FROM interval '30 hours 15 minutes') AS h,
       extract(second FROM interval '1 min 2.5 sec') AS s, extract(epoch FROM interval '1 day 1 hour') AS ep;
SELECT extract(epoch FROM interval '1 year 1 mon') AS ep, extract(milliseconds FROM interval '2.5 seconds') AS ms;
SELECT extract(dow FROM interval '1 day');
SELECT extract(fortnight FROM timestamp '2024-01-01');
SELECT date_part('year', timestamp '2024-02-29 13:45:06.789') AS y, date_part('second', timestamp '2024-02-29 13:45:06.789') AS s,
       date_part('epoch', timestamp '2024-02-29 13:45:06.789') AS ep, date_part('day', date '2024-06-15') AS d,
       date_part('hour', date '2024-06-15') AS h, date_part('epoch', interval '1 day 0.5 sec') AS iep;
SELECT date_part('doy', timestamptz '2024-03-01 00:00+00') AS doy, date_part('milliseconds', interval '1.25 sec') AS ms,
       date_part('julian', timestamp '2024-01-01 12:00') AS j;
-- date_trunc
SELECT date_trunc('year', timestamp '2024-08-17 13:45:06.789') AS y, date_trunc('quarter', timestamp '2024-08-17 13:45:06.789') AS q,
       date_trunc('month', timestamp '2024-08-17 13:45:06.789') AS m, date_trunc('week', timestamp '2024-08-17 13:45:06.789') AS w;
SELECT date_trunc('day', timestamp '2024-08-17 13:45:06.789') AS d, date_trunc('hour', timestamp '2024-08-17 13:45:06.789') AS h,
       date_trunc('minute', timestamp '2024-08-17 13:45:06.789') AS mi, date_trunc('second', timestamp '2024-08-17 13:45:06.789') AS s,
       date_trunc('milliseconds', timestamp '2024-08-17 13:45:06.789123') AS ms;
SELECT date_trunc('decade', timestamp '2024-08-17') AS dec, date_trunc('century', timestamp '2024-08-17') AS c,
       date_trunc('millennium', timestamp '2024-08-17') AS mil, date_trunc('week', timestamp '2021-01-02') AS w;
SELECT date_trunc('day', timestamptz '2024-08-17 13:45:06+00') AS d, date_trunc('month', date '2024-08-17') AS dm;
SELECT date_trunc('hour', interval '1 year 2 mons 3 days 04:05:06.789') AS h, date_trunc('year', interval '1 year 2 mons 3 days') AS y,
       date_trunc('quarter', interval '1 year 5 mons') AS q;
SELECT date_trunc('week', interval '10 days');
SELECT date_trunc('fortnight', timestamp '2024-01-01');
-- make_*
SELECT make_date(2024, 2, 29) AS a, make_date(-44, 3, 15) AS b;
SELECT make_date(2023, 2, 29);
SELECT make_timestamp(2024, 1, 5, 10, 30, 15.5) AS a, make_timestamp(2024, 1, 5, 0, 0, 0) AS b;
SELECT make_interval(1, 2, 3, 4, 5, 6, 7.5) AS a, make_interval(0, 0, 0, 0, 36) AS b, make_interval(2) AS c;
-- current time: fixed for the transaction
SELECT now() = now() AS same, now() IS NOT NULL AS nn, CURRENT_DATE = now()::date AS cd,
       CURRENT_TIMESTAMP = now() AS ct, LOCALTIMESTAMP = now()::timestamp AS lt, transaction_timestamp() = now() AS tt;
SELECT statement_timestamp() >= now() AS st, clock_timestamp() >= now() AS ck, CURRENT_DATE <= now() AS d;
BEGIN;
SELECT now() = statement_timestamp() AS same_in_first;
SELECT CURRENT_TIMESTAMP = transaction_timestamp() AS same;
COMMIT;
SELECT age(timestamp '2000-01-01') > interval '20 years' AS old;
SELECT interval '1 year' * 0.3333333 AS a, interval '1 mon 3 days' * 0.77 AS b, interval '5 mons' / 3.3 AS c, interval '-1 year' / 7 AS d;
SELECT extract(epoch FROM interval '-2 years 5 mons 3 days') AS a, date_part('epoch', interval '1 year 1 mon') AS b;
SELECT timestamp '2024-01-05 10:00' AT TIME ZONE 'UTC' AS z;
SELECT '2024-01-05'::date - interval '1 hour' AS a, timestamp '2024-01-05' + interval '1.5 days' AS b;
SELECT interval '1 day' > interval '23:59:59.999999' AS a, interval '1 mon' > interval '29 days 23:59:59' AS b;
SELECT (timestamptz '2024-01-05 10:00+00')::text AS t, (interval '1 day 3 hours')::text AS i;
SELECT timestamptz '2024-01-05 10:00:00+00' BETWEEN date '2024-01-05' AND date '2024-01-06' AS btw;
SELECT timestamptz '2024-01-05 10:00+03' AT TIME ZONE 'utc' AS a, timestamp '2024-01-05 10:00' AT TIME ZONE 'GMT' AS b;
SELECT extract(year FROM timestamp '0044-03-15 BC') AS y, extract(century FROM date '0044-03-15 BC') AS c,
       date_trunc('century', timestamp '0044-03-15 BC') AS tc, date_part('decade', timestamp '0001-01-01 BC') AS dec;
SELECT timestamp '2024-01-05 10:00:00.123456' - timestamp '2024-01-05 10:00' AS a, interval '1 hour 30 minutes' * 1.5 AS b;
SELECT interval '123:45:06' AS a, interval '-00:00:01.5' AS b, interval '1 year -1 day +1 hour' AS c;
SELECT make_interval(0, 0, 0, 0, 0, 0, 0.000001) AS a, justify_interval(interval '50 days 30 hours') AS b;
SELECT extract(second FROM timestamptz '2024-01-05 10:00:59.999999+00') AS s, extract(microseconds FROM interval '-1.5 sec') AS us;
SELECT date_trunc('Year', timestamptz '2024-08-17 13:45+00') AS y, date_part('Month', date '2024-08-17') AS m;
SELECT sum(span) AS total, avg(span) AS mean, max(span) AS mx, min(span) AS mn, count(span) AS n FROM ev;
SELECT sum(span) AS s FROM ev WHERE id > 100;
SELECT avg(x) AS a FROM (VALUES (interval '1 mon'), (interval '1 day'), (interval '1 hour')) v(x);
UPDATE ev SET span = span * 2 WHERE id = 1 RETURNING id, span;
SELECT id, span, at::date AS day FROM ev WHERE span BETWEEN interval '1 day' AND interval '30 days' ORDER BY span DESC, id;
SELECT timestamp '9999-12-31' + interval '1000000 years';
SELECT date '2024-01-01' + interval '1 day' = timestamp '2024-01-02' AS a, timestamp '2024-01-01' - date '2023-12-31' AS b;
SELECT CAST('1 hour' AS interval) + CAST('2024-01-01 10:00' AS timestamp) AS a;
-- interval fields that overflow: 22015, not undefined behaviour
SELECT interval '99999999999 hours';
SELECT interval '9999999999999999 seconds';
SELECT interval '3000000000 days';
SELECT interval '2562047788 hours';
SELECT interval '9999999999:00';
SELECT interval '2562047787 hours 3000000000000 seconds';
SELECT interval 'P99999999999999H';
