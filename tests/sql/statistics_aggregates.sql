-- Statistics aggregates: variance/stddev over integers, numeric and floats (result types and
-- numeric scales), the regression family, bit_and/bit_or/bit_xor, the float8[] transition
-- functions, and the same aggregates as window functions with moving frames.
CREATE TABLE st (a int2, b real, c numeric, d int8, e float8);
INSERT INTO st VALUES (56, 7.8, 1.5, 10, 1e10), (100, 99.097, 2.25, 20, 1e10 + 1),
  (0, 0.09561, 3, NULL, -3), (42, 324.78, NULL, 40, 0.5);
SELECT var_pop(a), var_samp(a), variance(a), stddev_pop(a), stddev_samp(a), stddev(a) FROM st;
SELECT var_pop(b), var_samp(b), stddev_pop(b), stddev_samp(b) FROM st;
SELECT var_pop(c), var_samp(c), stddev_pop(c), stddev_samp(c) FROM st;
SELECT var_pop(d), var_samp(d), stddev(d), var_pop(e), var_samp(e), stddev(e) FROM st;
SELECT pg_typeof(var_pop(a)), pg_typeof(var_pop(b)), pg_typeof(stddev(d)), pg_typeof(variance(e)) FROM st;
SELECT var_pop(c), var_samp(c) FROM st WHERE a = 56;
SELECT var_pop(c), var_samp(c) FROM st WHERE false;
SELECT var_pop(x), var_samp(x), stddev_pop(x)
  FROM (VALUES ('1'::numeric), ('infinity')) v(x);
SELECT var_pop('nan'::numeric), var_samp('nan'::numeric), var_pop('inf'::float8), stddev_samp('inf'::float4);
SELECT var_pop(x::float8), var_samp(x::float8)
  FROM (VALUES (100000003), (100000004), (100000006), (100000007)) v(x);
SELECT var_pop(1e308::float8) FROM generate_series(1, 2);
SELECT variance(x) FROM (VALUES (1.1), (2.22), (3.333)) v(x);
-- regression aggregates: Y is the first argument
SELECT regr_count(b, a), regr_sxx(b, a), regr_syy(b, a), regr_sxy(b, a) FROM st;
SELECT regr_avgx(b, a), regr_avgy(b, a), regr_r2(b, a) FROM st;
SELECT regr_slope(b, a), regr_intercept(b, a), covar_pop(b, a), covar_samp(b, a), corr(b, a) FROM st;
SELECT regr_count(e, d), corr(e, d), covar_samp(e, d) FROM st;
SELECT regr_count(1, 2), regr_slope(1, 2) FROM st WHERE false;
SELECT corr(1, x), regr_r2(1, x), regr_slope(x, 1) FROM generate_series(1, 3) x;
SELECT covar_pop(1::float8, 'inf'::float8), covar_samp(3::float8, 'nan'::float8);
-- bitwise aggregates
SELECT bit_and(x), bit_or(x), bit_xor(x) FROM (VALUES (1), (3), (7), (NULL)) t(x);
SELECT bit_and(a), bit_or(d), bit_xor(d), pg_typeof(bit_or(a)) FROM st;
SELECT bit_and(x) FROM (VALUES (1)) t(x) WHERE false;
-- transition functions
SELECT float8_accum('{4,140,2900}'::float8[], 100);
SELECT float4_accum('{0,0,0}'::float8[], 2.5::float4);
SELECT float8_regr_accum('{4,140,2900,1290,83075,15050}'::float8[], 200, 100);
SELECT float8_combine('{3,60,200}'::float8[], '{0,0,0}'::float8[]);
SELECT float8_combine('{3,60,200}'::float8[], '{2,180,200}'::float8[]);
SELECT float8_regr_combine('{3,60,200,750,20000,2000}'::float8[], '{2,180,200,740,57800,-3400}'::float8[]);
SELECT float8_accum('{1,2}'::float8[], 3);
SELECT booland_statefunc(true, false), boolor_statefunc(false, true), booland_statefunc(NULL, true) IS NULL;
-- as window functions
SELECT i, var_pop(n::numeric) OVER w, var_samp(n::int) OVER w, stddev(n::int8) OVER w,
       stddev_pop(n::float8) OVER w
  FROM (VALUES (1, 600), (2, 470), (3, 170), (4, 430), (5, 300)) r(i, n)
  WINDOW w AS (ORDER BY i ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING);
SELECT i, var_samp(x) OVER w, regr_count(x, i) OVER w, covar_pop(x, i) OVER w, bit_or(i) OVER w
  FROM (VALUES (1, 1.5), (2, 2.25), (3, 3), (4, NULL), (5, 10.125)) r(i, x)
  WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING);
DROP TABLE st;
