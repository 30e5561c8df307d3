-- Small built-ins: sha224/sha384/sha512, booleq/boolne, isfinite, trim_array,
-- generate_subscripts, bytea hex input errors (22023).
SELECT sha224(''), sha224('The quick brown fox jumps over the lazy dog');
SELECT sha256('abc'), sha384(''), sha384('abc');
SELECT sha512(''), sha512('abc'), sha512(NULL);
SELECT sha512(repeat('a', 200)::bytea), sha384(repeat('b', 111)::bytea), sha224(repeat('c', 55)::bytea);
SELECT E'\\xDeAdBeE'::bytea;
SELECT E'\\xDeAdBeEx'::bytea;
SELECT booleq(true, true), booleq(true, false), boolne(false, true), boolne(NULL, true);
SELECT isfinite('infinity'::date), isfinite('-infinity'::date), isfinite('2020-01-01'::date), isfinite(NULL::date);
SELECT isfinite('infinity'::timestamp), isfinite('2020-01-01'::timestamptz), isfinite('1 day'::interval);
SELECT trim_array(ARRAY[1, 2, 3], 1), trim_array(ARRAY[1, 2, 3], 3), trim_array('[0:2]={1,2,3}'::int[], 1);
SELECT trim_array(ARRAY[[1, 2], [3, 4], [5, 6]], 2), trim_array(ARRAY[]::int[], 0);
SELECT trim_array(ARRAY[1, 2, 3], -1);
SELECT trim_array(ARRAY[1, 2, 3], 10);
SELECT trim_array(ARRAY[]::int[], 1);
SELECT * FROM generate_subscripts('[2:4]={a,b,c}'::text[], 1) AS s;
SELECT * FROM generate_subscripts(ARRAY[[1, 2, 3], [4, 5, 6]], 2, true) AS s;
SELECT * FROM generate_subscripts(ARRAY[1, 2], 2) AS s;
SELECT a[s] FROM (SELECT ARRAY[10, 20, 30] AS a) t, generate_subscripts(a, 1) AS s;
