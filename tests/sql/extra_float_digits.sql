-- extra_float_digits <= 0: float8out/float4out print DBL_DIG/FLT_DIG + extra_float_digits digits.
SET extra_float_digits = 0;
SELECT 1.1752011936438014::float8, sqrt(2::float8), 1e200::float8 / 3, 0.1::float4 * 3, 'NaN'::float8, '-Infinity'::float4, 1/3::float4;
SET extra_float_digits = -3;
SELECT sqrt(2::float8), 2::float4 / 3, 123456789::float8;
SET extra_float_digits = -15;
SELECT sqrt(2::float8), 123456789::float8;
SET extra_float_digits = -16;
RESET extra_float_digits;
SELECT sqrt(2::float8), 2::float4 / 3;
