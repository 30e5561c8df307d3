-- float8's mathematical library (float.c): power, roots, logarithms, trigonometry in radians
-- and degrees, hyperbolic functions, rounding, and their errors.
-- (||/ 64, not 27: glibc's cbrt(27) is 3.0000000000000004, musl's in the WASM build is 3.)
SELECT power(2::float8, 10), 2::float8 ^ 0.5, pow(-8::float8, 3), |/ 16::float8, ||/ 64::float8, @ (-3.5::float8);
SELECT power('NaN'::float8, 0), power(1::float8, 'NaN'), power(0::float8, 'Infinity'), power(2::float8, '-Infinity');
SELECT power('-Infinity'::float8, 3), power('-Infinity'::float8, 2), power('-Infinity'::float8, -3);
SELECT power(0::float8, -1);
SELECT power(-8::float8, 1/3::float8);
SELECT power(10::float8, 400);
SELECT power(10::float8, -400);
SELECT sqrt(-1::float8);
SELECT exp(1::float8), exp('-Infinity'::float8), ln(10::float8), log(1000::float8), log10(0.001::float8);
SELECT exp(1000::float8);
SELECT ln(0::float8);
SELECT log(-1::float8);
SELECT sin(1), cos(1), tan(1), cot(1), asin(0.5), acos(0.5), atan(1), atan2(1, 2);
SELECT asin(2::float8);
SELECT sind(x), cosd(x), tand(x), cotd(x) FROM (VALUES (0), (30), (45), (60), (90), (135), (180), (270), (-30), (390)) v(x);
SELECT asind(x), acosd(x), atand(x) FROM (VALUES (-1), (-0.5), (0), (0.5), (1)) v(x);
SELECT atan2d(1, 1), degrees(pi()), radians(180), pi();
SELECT sinh(1), cosh(1), tanh(1), asinh(1), acosh(2), atanh(0.5), atanh(1::float8);
SELECT acosh(0.5::float8);
SELECT atanh(2::float8);
SELECT ceil(-1.5::float8), ceiling(1.2::float8), floor(-1.5::float8), trunc(-1.7::float8), sign(-2::float8), sign(0::float8);
SELECT float4send(1.5::float4), float8send(-2.25::float8), float4send('NaN'), int2send(1::int2), int4send(-2), int8send(3);
SELECT random() BETWEEN 0 AND 1 AS in_range;
SELECT '42'::float4 / 'Infinity'::float4, 42::float8 / 'Infinity'::float8, '-1'::float8 / 'Infinity';
SELECT 1e-300::float8 / 1e300::float8;
