-- The money type with lc_monetary = C: int8 cents, cash_in's input spellings and errors,
-- cash_out's '-$1,234.56', comparisons and order, arithmetic, casts, arrays and rows.
SELECT '12.34'::money, '$1,234.56'::money, '-1234.567'::money, '(5.5)'::money, '  $ 7 '::money;
SELECT '0.005'::money, '0.004'::money, '-0.005'::money, '1,2,3.4'::money, '12.'::money, '.5'::money;
SELECT '92233720368547758.07'::money, '-92233720368547758.08'::money;
SELECT '92233720368547758.08'::money;
SELECT '-92233720368547758.09'::money;
SELECT 'abc'::money;
SELECT '12.34x'::money;
SELECT '5-'::money, '5 $'::money, '+5'::money;
SELECT 100::money, (-3)::money, 12345678901::bigint::money, 12.345::numeric::money, 0.005::numeric::money;
SELECT '12.34'::money::numeric, '-0.05'::money::numeric, '1000'::money::text;
SELECT money(5), money(7::bigint), money(1.239);
SELECT '1.50'::money + '2.25'::money, '1.50'::money - '2.25'::money;
SELECT '10.00'::money * 2, 3 * '10.00'::money, '10.00'::money * 1.5::float8, '10.00'::money / 3;
SELECT '10.00'::money / 4::float8, '10.00'::money / '3.00'::money, '10.00'::money * 2::smallint;
SELECT '1'::money / 0;
SELECT '1'::money / '0'::money;
SELECT '92233720368547758.07'::money + '0.01'::money;
SELECT '1'::money < '2'::money, '2'::money = '2.00'::money, '3'::money >= '4'::money;
SELECT cashlarger('1'::money, '2'::money), cashsmaller('1'::money, '2'::money);
CREATE TABLE mt (m money);
INSERT INTO mt VALUES ('3.00'), ('-1.25'), ('1,000.10'), (NULL), ('0');
SELECT m FROM mt ORDER BY m;
SELECT sum(m), min(m), max(m), count(m) FROM mt;
SELECT m FROM mt WHERE m > '0' ORDER BY m DESC;
SELECT array[1::money, '2.5'::money], '{"$1,000.00",3}'::money[];
SELECT row(100::money), row('-7'::money, 'x');
SELECT x FROM (VALUES (100::money), (200::money)) _(x) UNION SELECT x FROM (VALUES (100::money), (300::money)) _(x) ORDER BY 1;
SELECT pg_typeof('1'::money), '1'::money IS NULL;
CREATE TYPE mct AS (f1 money);
SELECT row(5::money)::mct, (row(5::money)::mct).f1;
DROP TYPE mct;
SELECT i, sum(v::money) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)
  FROM (VALUES (1, '1.10'), (2, '2.20'), (3, NULL), (4, NULL)) t(i, v);
WITH RECURSIVE t(n) AS (VALUES (1::money) UNION SELECT n + 1::money FROM t WHERE n < 100::money)
SELECT sum(n), count(*) FROM t;
SELECT array_agg(m ORDER BY m) FROM (VALUES ('2'::money), ('-1')) v(m);
SELECT a FROM (VALUES (array['2'::money]), (array['-1'::money])) v(a) ORDER BY a;
DROP TABLE mt;
