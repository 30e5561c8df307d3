-- IntervalStyle: postgres, postgres_verbose, sql_standard and iso_8601 output, and
-- sql_standard's leading sign on input.
CREATE TABLE ivs (v interval);
INSERT INTO ivs VALUES ('0'), ('1 year 2 months'), ('-1 year -2 months'), ('3 days 04:05:06.789'),
  ('-3 days -04:05:06'), ('1 year -2 days +03:04:05'), ('-00:00:01.5'), ('1 second'), ('10 days ago'),
  ('-178956970 years -8 mons -2147483648 days -2562047788:00:54.775807');
SET IntervalStyle = postgres_verbose;
SHOW IntervalStyle;
SELECT v FROM ivs;
SET IntervalStyle TO sql_standard;
SELECT v FROM ivs;
SELECT interval '-1 2:03:04', interval '-1 +2:03:04', interval '-1-2';
SET IntervalStyle = 'ISO_8601';
SHOW IntervalStyle;
SELECT v FROM ivs;
SET IntervalStyle = bogus;
RESET IntervalStyle;
SELECT v FROM ivs;
DROP TABLE ivs;
