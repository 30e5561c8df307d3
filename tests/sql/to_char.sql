-- to_char for timestamps, timestamptz, intervals and numbers (PostgreSQL 15's formatting.c).
SET TimeZone = 'UTC';
CREATE TABLE ts (d timestamp);
INSERT INTO ts VALUES ('1997-02-10 17:32:01.4'), ('2000-01-01 00:00:00'), ('1999-12-31 23:59:59.999999'),
  ('2024-02-29 12:00:00.5'), ('0044-03-15 10:00:00 BC'), ('2008-12-29 01:02:03'), ('2010-01-03 13:14:15.012'),
  ('1900-12-31 11:59:59'), ('2001-01-01 12:00:00'), ('9876-06-07 08:09:10');
SELECT d, to_char(d, 'DAY Day day DY Dy dy MONTH Month month MON Mon mon') FROM ts ORDER BY d;
SELECT to_char(d, 'FMDAY FMDay FMday FMMONTH FMMonth FMmonth') FROM ts ORDER BY d;
SELECT to_char(d, 'Y,YYY YYYY YYY YY Y CC Q MM WW W DDD DD D J') FROM ts ORDER BY d;
SELECT to_char(d, 'FMY,YYY FMYYYY FMYYY FMYY FMY FMCC FMQ FMMM FMWW FMW FMDDD FMDD FMD FMJ') FROM ts ORDER BY d;
SELECT to_char(d, 'IYYY IYY IY I IW IDDD ID') FROM ts ORDER BY d;
SELECT to_char(d, 'HH HH12 HH24 MI SS SSSS SSSSS AM am PM pm A.M. a.m. P.M. p.m.') FROM ts ORDER BY d;
SELECT to_char(d, 'MS US FF1 FF2 FF3 FF4 FF5 FF6') FROM ts ORDER BY d;
SELECT to_char(d, 'BC bc AD ad B.C. b.c. A.D. a.d. RM rm FMRM FMrm') FROM ts ORDER BY d;
SELECT to_char(d, 'DDth DDTH FMDDth HH24th MIth SSTH Yth Jth Qth Wth IWth CCth') FROM ts ORDER BY d;
SELECT to_char(d, 'TZ tz OF TZH TZM') FROM ts ORDER BY d LIMIT 2;
SELECT to_char(d, '"HH:MI:SS is" HH:MI:SS "\"quoted\"" \"x\" "back\\slash"') FROM ts ORDER BY d LIMIT 3;
SELECT to_char(d, 'YYYYMMDDHH24MISS'), to_char(d, 'YYYY-MM-DD"T"HH24:MI:SS.FF3'), to_char(d, 'SPFXTMMonth TMDay TMmon TMdy') FROM ts ORDER BY d;
SELECT to_char(d, 'FMHH12:MI:SS am') FROM ts ORDER BY d;
SELECT to_char(d, ''), to_char(d, 'FM'), to_char(d, 'x') FROM ts LIMIT 1;
SELECT to_char(timestamp 'infinity', 'YYYY'), to_char(NULL::timestamp, 'YYYY'), to_char(d, NULL) FROM ts LIMIT 1;
-- timestamptz (TimeZone UTC)
SELECT to_char(timestamptz '2020-06-15 22:30:45.5+02', 'YYYY-MM-DD HH24:MI:SS.MS TZ tz OF FMOF TZH:TZM');
SELECT to_char(timestamptz '2020-06-15 22:30:45+00', 'Day, DD Month YYYY HH12:MI AM');
SELECT to_char(date '2021-11-05', 'DD/MM/YYYY Dy'), to_char(date '2021-11-05', 'TZ');
-- intervals
SELECT to_char(interval '1 year 2 mons 3 days 04:05:06.789', 'YYYY MM DD HH24 MI SS MS US');
SELECT to_char(interval '15 hours 2 minutes', 'HH HH12 HH24 MI SSSS');
SELECT to_char(interval '-3 hours -4 minutes -5 seconds', 'HH24:MI:SS HH12');
SELECT to_char(interval '14 months', 'Y YY YYY YYYY MM RM rm CC'), to_char(interval '12 months', 'RM'), to_char(interval '-3 months', 'RM');
SELECT to_char(interval '400 days', 'DDD DD WW'), to_char(interval '0', 'RM|Q|MM');
SELECT to_char(interval '1 day', 'Day');
SELECT to_char(interval '1 day', 'D');
SELECT to_char(interval '1 day', 'TZ');
SELECT to_char(interval '2 years', 'AD');
SELECT to_char(interval '2 years', 'Mon');
-- numbers
SELECT to_char(n, '999'), to_char(n, '000'), to_char(n, 'FM999'), to_char(n, 'S999'), to_char(n, '999S'),
       to_char(n, '999MI'), to_char(n, '999PL'), to_char(n, 'SG999'), to_char(n, '999PR'), to_char(n, 'FM999PR')
  FROM (VALUES (0), (1), (-1), (12), (-12), (999), (-999), (1000), (-1000)) v(n);
SELECT to_char(n, '9,999'), to_char(n, '9G999'), to_char(n, 'FM9,999'), to_char(n, '0,000'), to_char(n, 'L9999'),
       to_char(n, '9999th'), to_char(n, 'FM9999TH'), to_char(n, 'RN'), to_char(n, 'FMrn'), to_char(n, '99V99')
  FROM (VALUES (1), (2), (3), (4), (11), (12), (13), (21), (22), (23), (101), (1234), (-5), (3999), (4000)) v(n);
SELECT to_char(n, '9999.99'), to_char(n, 'FM9999.99'), to_char(n, '0000.00'), to_char(n, 'FM0000.00'),
       to_char(n, '9999.00'), to_char(n, 'FM9999.09'), to_char(n, '.99'), to_char(n, '9.9EEEE'), to_char(n, 'FM9.999')
  FROM (VALUES (0::numeric), (0.5), (-0.5), (1.005), (12.345), (-12.345), (999.999), (1234.5), (12345.678), (0.001)) v(n);
SELECT to_char(n, '9999.99'), to_char(n, 'FM9999.99'), to_char(n, 'S9.999EEEE'), to_char(n, '99999'), to_char(n, 'FMRN')
  FROM (VALUES (0::float8), (0.5), (-0.5), (1.005), (123.456), (-1e10), (1e20), (1.23456789012345678), ('NaN'), ('Infinity'), ('-Infinity')) v(n);
SELECT to_char(n, '9999.99'), to_char(n, 'FM9999.999999'), to_char(n, '9.99EEEE'), to_char(n, '9V9')
  FROM (VALUES (0::float4), (0.5), (-0.25), (123.456), (1.2345678), ('NaN')) v(n);
SELECT to_char(n, '9999999999999999999'), to_char(n, 'S9999999999999999999'), to_char(n, '9.999EEEE'), to_char(n, 'RN'), to_char(n, '9V9')
  FROM (VALUES (0::int8), (9223372036854775807), (-9223372036854775807), (123456789012)) v(n);
SELECT to_char(n, '999999999999999999999999.999999'), to_char(n, '9.9999EEEE'), to_char(n, 'FM9V999'), to_char(n, 'RN')
  FROM (VALUES (0::numeric), (123456789012345678901234.123456789), (-0.0000001234), ('NaN'), ('Infinity'), ('-Infinity'), (9.99)) v(n);
SELECT to_char(123456789, '9V99'), to_char(12.5::numeric, '9V9'), to_char(1.5, '"x"9.9EEEE'), to_char(2::smallint, '99');
SELECT to_char(123.456, '999D999'), to_char(-123.456, '999.999MI'), to_char(-123.456, 'FM999.999MI'), to_char(-123.456, 'FMPR999.999');
SELECT to_char(42, ''), to_char(42, 'FM'), to_char(42, 'abc'), to_char(42, '"Value: "999'), to_char(7, 'SG'), to_char(7, 'B999'), to_char(7, 'C9');
SELECT to_char(1, '9.9.9');
SELECT to_char(1, '9V9.9');
SELECT to_char(1, 'S9S');
SELECT to_char(1, 'S9MI');
SELECT to_char(1, '9PR9');
SELECT to_char(1, '9EEEE9');
SELECT to_char(1, 'FM9EEEE');
SELECT to_char(1, '9EEEEEEEE');
SELECT 1 AS after_errors;
