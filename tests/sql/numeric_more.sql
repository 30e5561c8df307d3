-- numeric: round/trunc scale limits of PostgreSQL 15 (up to the digits a numeric can hold),
-- a negative base to a huge integral power, numeric_inc.
SELECT round(4.4e131071, -131071) = 4e131071;
SELECT round(4.5e131071, -131071) = 5e131071;
SELECT round(4.5e131071, -131072);
SELECT round(5.5e131071, -131072);
SELECT round(5.5e131071, -131073);
SELECT round(5.5e131071, -1000000);
SELECT round(5e-16383, 1000000) = 5e-16383;
SELECT round(5e-16383, 16383) = 5e-16383;
SELECT round(5e-16383, 16382) = 1e-16382;
SELECT round(5e-16383, 16381) = 0;
SELECT trunc(9.9e131071, -131071) = 9e131071;
SELECT trunc(9.9e131071, -131072);
SELECT trunc(9.9e131071, -131073);
SELECT trunc(9.9e131071, -1000000);
SELECT trunc(5e-16383, 1000000) = 5e-16383;
SELECT trunc(5e-16383, 16383) = 5e-16383;
SELECT trunc(5e-16383, 16382) = 0;
SELECT round(1234.5678, 3000) = 1234.5678, scale(round(1.5, 3000));
select (-1.0) ^ 2147483648, (-1.0) ^ 1000000000000000, (-1.0) ^ 1000000000000001, (-1.5) ^ 2147483647.0 > 0;
WITH v(x) AS (VALUES('0'::numeric),('1'),('-1'),('4.2'),('-7.777'),('inf'),('-inf'),('nan'))
SELECT x, numeric_inc(x) AS inc FROM v;
