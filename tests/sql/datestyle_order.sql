-- DateStyle's field order (MDY, DMY, YMD) for ambiguous numeric dates; output stays ISO.
SHOW DateStyle;
SET DateStyle TO ymd;
SHOW DateStyle;
SELECT date '99-01-08', date '99-Jan-08', date '08-Jan-1999', date 'Jan-08-1999', date '1999-01-08', date '1999/01/08';
SET DateStyle = 'ISO, DMY';
SHOW DateStyle;
SELECT date '18/1/1999', date '1/2/2000', date '08-Jan-99', timestamp '10/11/2012 10:00';
SET DateStyle = euro;
SHOW DateStyle;
SET DateStyle = 'bogus';
SET DateStyle = MDY;
SELECT date '1/8/1999', date '01/02/03';
RESET DateStyle;
SHOW DateStyle;
