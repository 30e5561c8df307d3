-- interval typmods (fields and precision) and PostgreSQL's interval input (DecodeInterval):
-- fields read right to left, SQL-standard forms, ISO 8601 alternative formats.
SELECT interval '999' second, interval '999' minute, interval '999' hour, interval '999' day, interval '999' month;
SELECT interval '1' year, interval '1-2' year to month, interval '1 2' day to hour, interval '1 2:03:04' day to minute;
SELECT interval '1 2:03' minute to second, interval '1 2:03:04' hour to second, interval '1 +2:03' day to second;
SELECT interval(2) '1 day 01:02:03.456789', interval '01:02:03.456789' second(3), '1.5 seconds'::interval(0);
SELECT '1 year 2 months 3 days 4 hours'::interval year to month, '1 year 2 months 3 days 4 hours 5 min'::interval day to hour;
SELECT interval '1 2' day to minute;
SELECT interval '123 11' day;
SELECT interval(-1) '1 day';
CREATE TABLE iv_t (a interval hour to minute, b interval(1));
INSERT INTO iv_t VALUES ('1 day 02:03:04.56', '00:00:01.26'), ('-3:04:05', '-1.25 seconds');
SELECT * FROM iv_t;
DROP TABLE iv_t;
SELECT interval '4 millenniums 5 centuries 4 decades 1 year 4 months 4 days 17 minutes 31 seconds';
SELECT interval '1 day 2:03:04', interval '-1 +02:03', interval '2:03.5', interval '@ 1 hour ago', interval '.5 weeks';
SELECT interval 'P0002-10-15T10:30:20', interval 'P00021015T103020', interval 'P1Y2M3DT4H5M6S', interval 'PT1.5H', interval 'P0.5Y';
SELECT interval '2147483647 years';
SELECT interval '2147483648 days';
SELECT interval '1 hour 02:03';
SELECT interval 'P99999999999999H';
SELECT interval '153722867280.912930117 minutes';
