-- Time zones: SET/SHOW TimeZone in every form PostgreSQL accepts, timestamptz input with zone
-- names, abbreviations and offsets, output in the session zone (LMT offsets with seconds),
-- DST gaps and overlaps, conversions, arithmetic across DST, extract, date_trunc, AT TIME ZONE
SET TimeZone = 'UTC';
SHOW TimeZone;
SET TIME ZONE 'america/new_york';
SHOW TimeZone;
SHOW time zone;
SELECT timestamptz '2024-07-01 12:00+00' AS summer, timestamptz '2024-01-15 12:00+00' AS winter;
-- local input: a time in the spring-forward gap moves forward, an ambiguous one takes DST's end
SELECT timestamptz '2024-03-10 02:30' AS gap, timestamptz '2024-11-03 01:30' AS overlap,
       timestamptz '2024-03-10 01:59:59' AS before_gap, timestamptz '2024-11-03 02:00' AS after_overlap;
SELECT timestamptz '2024-03-10 02:30 America/New_York' AS named, timestamptz '2024-01-01 10:00 EST' AS est,
       timestamptz '2024-07-01 10:00 PDT' AS pdt, timestamptz '2024-01-01 10:00 +05:30' AS plus0530,
       timestamptz '2024-01-01 10:00Z' AS zulu, timestamptz '2024-01-01T10:00:00-03' AS iso;
SELECT timestamptz '2024-07-01 10:00 Europe/Berlin' AS berlin, timestamptz '2024-07-01 10:00 Asia/Kolkata' AS kolkata,
       timestamptz '2024-01-01 10:00 UTC+3' AS posix_utc_plus3, timestamptz '2024-01-01 10:00 EST5EDT' AS est5edt,
       timestamptz '2024-07-01 10:00 MSK' AS msk_dynamic, timestamptz '2012-07-01 10:00 MSK' AS msk_2012;
SELECT timestamptz '1800-01-01 00:00' AS lmt, timestamptz '1883-11-18 17:00' AS lmt_end, timestamptz '2300-07-01 12:00' AS rule_extrapolated;
SELECT timestamptz 'infinity' AS inf, timestamptz '-infinity' AS ninf, timestamptz 'epoch' AS epoch;
SELECT timestamptz '2024-01-01 10:00 Foo/Bar';
SELECT timestamptz '2024-01-01 10:00 foo';
-- timestamp ignores a zone; conversions use the session zone
SELECT timestamp '2024-01-01 10:00 America/Los_Angeles' AS ts, date '2024-07-01'::timestamptz AS date_tz,
       timestamptz '2024-07-01 02:00+00'::date AS tz_date, timestamptz '2024-07-01 02:00+00'::timestamp AS tz_ts,
       timestamp '2024-07-01 02:00'::timestamptz AS ts_tz;
SELECT timestamp '2024-07-01 02:00' = timestamptz '2024-07-01 06:00+00' AS eq,
       date '2024-07-01' < timestamptz '2024-07-01 03:59+00' AS lt;
-- arithmetic: days are added in local time (23- and 25-hour days), hours in absolute time
SELECT timestamptz '2024-03-09 12:00' + interval '1 day' AS plus_day, timestamptz '2024-03-09 12:00' + interval '24 hours' AS plus_24h,
       timestamptz '2024-11-02 12:00' + interval '1 day' AS fall_day, timestamptz '2024-02-10 12:00' + interval '1 month' AS plus_month,
       timestamptz '2024-03-11 12:00' - interval '1 day' AS minus_day;
SELECT timestamptz '2024-03-11 00:00' - timestamptz '2024-03-10 00:00' AS diff,
       age(timestamptz '2024-03-11 00:00', timestamptz '2024-03-10 00:00') AS age;
SELECT * FROM generate_series(timestamptz '2024-03-09', timestamptz '2024-03-12', interval '1 day');
SELECT * FROM generate_series(timestamptz '2024-11-03 00:00', timestamptz '2024-11-03 03:00', interval '30 minutes');
-- extract, date_trunc
SELECT extract(timezone FROM timestamptz '2024-07-01 12:00+00') AS tz, extract(timezone_hour FROM timestamptz '2024-07-01 12:00+00') AS tzh,
       extract(timezone_minute FROM timestamptz '2024-07-01 12:00+00') AS tzm, extract(hour FROM timestamptz '2024-07-01 12:00+00') AS hour,
       extract(epoch FROM timestamptz '2024-07-01 12:00+00') AS epoch, date_part('day', timestamptz '2024-07-01 02:00+00') AS day;
SELECT date_trunc('day', timestamptz '2024-03-10 12:00') AS day, date_trunc('hour', timestamptz '2024-11-03 01:30-05') AS hour,
       date_trunc('month', timestamptz '2024-03-10 12:00') AS month, date_trunc('week', timestamptz '2024-03-10 12:00') AS week;
SELECT date_trunc('day', timestamptz '2024-07-01 23:30+00', 'Asia/Tokyo') AS tokyo_day,
       date_trunc('day', timestamptz '2024-07-01 23:30+00', 'UTC') AS utc_day,
       date_trunc('hour', timestamptz '2024-07-01 23:30+00', 'Asia/Kolkata') AS kolkata_hour,
       date_trunc('day', timestamptz '2024-07-01 23:30+00', 'EST') AS est_day;
SELECT date_trunc('day', timestamptz '2024-07-01 23:30+00', 'Nowhere/Zone');
-- AT TIME ZONE in both directions, with names, abbreviations, POSIX specs and intervals
SELECT timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'America/Los_Angeles' AS la,
       timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'Asia/Kathmandu' AS ktm,
       timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'EST' AS est,
       timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'UTC+3' AS posix,
       timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'MSK' AS msk;
SELECT timestamp '2024-07-01 12:00' AT TIME ZONE 'Asia/Tokyo' AS tokyo, timestamp '2024-03-10 02:30' AT TIME ZONE 'America/Chicago' AS gap,
       timestamp '2024-07-01 12:00' AT TIME ZONE 'cet' AS cet, timezone('Europe/London', timestamp '2024-07-01 12:00') AS fn;
SELECT timestamptz '2024-07-01 12:00+00' AT TIME ZONE interval '+05:30' AS iv1, timestamp '2024-07-01 12:00' AT TIME ZONE interval '-08:00' AS iv2,
       timestamptz 'infinity' AT TIME ZONE 'Asia/Tokyo' AS inf;
SELECT timestamptz '2024-07-01 12:00+00' AT TIME ZONE interval '1 day';
SELECT timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'Mars/Olympus';
-- other SET forms
SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE;
SHOW TimeZone;
SELECT timestamptz '2024-07-01 12:00+00' AS t;
SET TIME ZONE -8;
SHOW TimeZone;
SELECT timestamptz '2024-07-01 12:00+00' AS t;
SET TIME ZONE 5.5;
SHOW TimeZone;
SET TimeZone = 'utc+3';
SHOW TimeZone;
SELECT timestamptz '2024-07-01 12:00+00' AS t;
SET TimeZone = '<+03>-3';
SHOW TimeZone;
SELECT timestamptz '2024-07-01 12:00+00' AS t;
SET TimeZone = 'EST5EDT';
SHOW TimeZone;
SELECT timestamptz '2024-07-01 12:00+00' AS t;
SET TimeZone = 'FOO+3BAR,M3.2.0,M11.1.0';
SHOW TimeZone;
SELECT timestamptz '2024-07-01 12:00+00' AS summer, timestamptz '2024-01-01 12:00+00' AS winter;
SET TimeZone = 'Australia/Lord_Howe';
SELECT timestamptz '2024-01-01 12:00+00' AS half_hour_dst, timestamptz '2024-07-01 12:00+00' AS standard;
SET TimeZone = 'Asia/Kolkata';
SELECT timestamptz '1900-01-01 00:00+00' AS lmt_seconds, timestamptz '2024-07-01 12:00+00' AS ist;
SET TIME ZONE 'foo';
SET TIME ZONE 'Europe/Londonx';
SET TIME ZONE INTERVAL '1 day';
SET TIME ZONE INTERVAL '1 month';
SHOW TimeZone;
-- transactional behaviour, LOCAL and DEFAULT
BEGIN;
SET LOCAL TIME ZONE 'Pacific/Auckland';
SHOW TimeZone;
COMMIT;
SHOW TimeZone;
BEGIN;
SET TIME ZONE 'Pacific/Chatham';
SELECT timestamptz '2024-07-01 12:00+00' AS chatham;
ROLLBACK;
SHOW TimeZone;
SET TIME ZONE LOCAL;
SHOW TimeZone;
SET TIME ZONE 'Europe/Paris';
SET TIME ZONE DEFAULT;
SHOW TimeZone;
SET TIME ZONE 'Europe/Paris';
RESET TimeZone;
SHOW TimeZone;
-- stored values are instants: their output follows the session zone
CREATE TABLE events (id int, at timestamptz);
INSERT INTO events VALUES (1, '2024-03-31 00:30+00'), (2, '2024-03-31 01:30+00'), (3, '2024-10-27 00:30+00'), (4, '2024-10-27 01:30+00');
SET TIME ZONE 'Europe/Paris';
SELECT id, at, at AT TIME ZONE 'UTC' AS utc, extract(timezone_hour FROM at) AS tzh FROM events ORDER BY at;
INSERT INTO events VALUES (5, '2024-07-01 12:00');
SET TIME ZONE 'UTC';
SELECT id, at FROM events ORDER BY id;
SELECT count(*) FROM events WHERE at > '2024-06-01 00:00 Europe/Paris';
-- date_bin and zone offsets after a date
SELECT date_bin('15 minutes', timestamptz '2024-07-01 12:07:30+00', timestamptz '2001-01-01') AS b1,
       date_bin('1 day', timestamp '2024-07-01 12:07:30', timestamp '2001-01-01 06:00') AS b2,
       date_bin('1 hour', timestamptz '1999-12-31 23:30+00', timestamptz '2000-01-01 00:15+00') AS before_origin,
       timestamptz '2001-01-01+11' AS date_zone, timestamptz 'Jan 5 2024 -5' AS month_zone;
SELECT date_bin('1 month', timestamp '2024-07-01', timestamp '2001-01-01');
SELECT date_bin('0 days', timestamptz '2024-07-01', timestamptz '2001-01-01');
-- zoneinfo's other spellings: posixrules, posix/…, right/… (leap seconds, refused)
SET TIME ZONE 'posixrules';
SHOW TimeZone;
SET TIME ZONE 'posix/Europe/Paris';
SHOW TimeZone;
SELECT timestamptz '2024-07-01 12:00+00' AS paris;
SET TIME ZONE 'right/UTC';
SET TIME ZONE 'Factory';
SELECT timestamptz '2024-07-01 12:00+00' AS factory;
SET TIME ZONE 'Etc/GMT+12';
SELECT timestamptz '2024-07-01 12:00+00' AS gmt_plus_12;
