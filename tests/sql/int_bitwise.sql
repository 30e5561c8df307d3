-- Integer bitwise operators, @ and ~, shifts, gcd/lcm and mod() with PostgreSQL's results
-- and range errors.
SELECT 5 & 3, 5 | 3, 5 # 3, ~5, 1 << 4, -16 >> 2, @ (-7);
SELECT 12::int2 & 10::int2, (1::int2 << 14), (1::int2 << 15), ~0::int2;
SELECT 1::int8 << 62, (-1)::int8 >> 63, 255::int8 & 15::int8, ~0::int8;
SELECT 1 << 31, 1 << 32, 1 << 33;
SELECT gcd(12, 18), gcd(-12, 18), gcd(0, 0), lcm(4, 6), lcm(-4, 6), lcm(0, 5);
SELECT gcd(12::int8, 18::int8), lcm(4::int8, 6::int8), gcd(-2147483648, 1);
SELECT gcd(-2147483648, 0);
SELECT gcd(-2147483648, -2147483648);
SELECT lcm(2147483647, 2147483646);
SELECT gcd((-9223372036854775808)::int8, 0::int8);
SELECT mod(7, 3), mod(-7, 3), mod(7::int8, -3::int8), mod(7::int2, 3::int2);
SELECT mod(1, 0);
