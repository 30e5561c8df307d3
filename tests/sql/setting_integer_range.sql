-- Integer settings: PostgreSQL's parse (integer range before the parameter's range, hex, spaces)
SET extra_float_digits = 4294967297;
SET extra_float_digits = 'abc';
SET extra_float_digits = 5;
SET extra_float_digits = 2;
SHOW extra_float_digits;
SET extra_float_digits = ' 1 ';
SHOW extra_float_digits;
SET extra_float_digits = '0x2';
SHOW extra_float_digits;select 0.1::float8;
SET statement_timeout = 3000000000;
RESET extra_float_digits;
