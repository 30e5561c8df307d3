-- Date/time input and arithmetic details: Julian day input ('J2451187'), concatenated dates
-- with long years, two-digit-year conflicts with a month word, date - date and date + n
-- with BC years, make_timestamptz's numeric zones (ISO sign), 'now' = the transaction's start.
SET TimeZone = 'America/New_York';
select date 'J2451187', date 'J 2451187', 'J2451187 04:05'::timestamp, date 'julian 0';
select date 'J2451187 2000-01-01';
select date '99 08 Jan';
select date '99 Jan 08';
select date '08 Jan 99', date 'Jan 08 99', date '12 Jan 08';
select '100000312 23:58:48 IST'::timestamptz, '1000000312 23:58:48 IST'::timestamptz, '20000312'::date;
select '2040-04-10 BC'::date - '2000-01-01'::date, '0001-01-01'::date - 1, '9999-12-31'::date + 1, 'infinity'::date + 1;
select 'infinity'::date - '2000-01-01'::date;
select '5874897-12-31'::date + 1;
SELECT make_timestamptz(1973, 07, 15, 08, 15, 55.33, '+2'), make_timestamptz(1973, 07, 15, 08, 15, 55.33, '-2');
SELECT make_timestamptz(1973, 07, 15, 08, 15, 55.33, '+2') = '1973-07-15 08:15:55.33+02'::timestamptz;
WITH tzs (tz) AS (VALUES ('+1'), ('+1:'), ('+1:0'), ('+100'), ('+1:00'), ('+01:00'), ('+10'), ('+1000'), ('+10:'),
    ('+10:0'), ('+10:00'), ('+10:00:'), ('+10:00:1'), ('+10:00:01'), ('+10:00:10'), ('-0130'), ('UTC'), ('EST'))
  SELECT make_timestamptz(2010, 2, 27, 3, 45, 00, tz), tz FROM tzs;
SELECT make_timestamptz(1973, 07, 15, 08, 15, 55.33, '2');
SELECT make_timestamptz(2014, 12, 10, 10, 10, 10, '+16');
SELECT make_timestamptz(2014, 12, 10, 10, 10, 10, '-16');
SELECT make_timestamptz(2014, 12, 10, 10, 10, 10, '+10:60');
CREATE TABLE dti (d1 timestamp(2) with time zone);
BEGIN;
INSERT INTO dti VALUES ('now');
SELECT pg_sleep(0.01);
INSERT INTO dti VALUES ('now');
SELECT count(*) AS two FROM dti WHERE d1 = timestamp(2) with time zone 'now';
COMMIT;
INSERT INTO dti VALUES ('now');
SELECT count(d1) AS three, count(DISTINCT d1) AS two FROM dti;
DROP TABLE dti;
