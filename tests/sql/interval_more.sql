-- make_interval with named arguments and defaults; interval * factor cascading; the
-- interval typmod applied on casts of non-constant values; extract(epoch) past int64 µs.
select make_interval(years := 2);
select make_interval(years := 1, months := 6);
select make_interval(years := 1, months := -1, weeks := 5, days := -7, hours := 25, mins := -180);
select make_interval() = make_interval(years := 0, months := 0, weeks := 0, days := 0, mins := 0, secs := 0.0) as true;
select make_interval(hours := -2, mins := -10, secs := -25.3);
select make_interval(1, 2, secs := 3.5);
select make_interval(years := 'inf'::float::int);
CREATE TABLE ivm (span interval);
INSERT INTO ivm VALUES ('41 mon 12 days 360:00'), ('-41 mon -12 days +360:00'), ('-12 days'),
  ('9 mon -27 days 12:34:56'), ('-3 years 482 days 76:54:32.189'), ('4 mon'), ('14 mon'), ('999 mon 999 days');
SELECT span * 0.3 AS product FROM ivm;
SELECT span * 8.2 AS product FROM ivm;
SELECT span / 10 AS quotient FROM ivm;
SELECT span, span::interval day to minute AS minutes, (span + interval '1 month')::interval month::interval year AS years,
  span::interval(0) AS p0 FROM ivm;
DROP TABLE ivm;
SELECT extract(epoch from interval '1000000000 days'), extract(epoch from interval '-1000000000 days -5 sec');
