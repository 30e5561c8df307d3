-- A one-argument call named after a type is a cast (PostgreSQL's function-style casts).
SELECT date(now())::text = current_date::text;
SELECT float8(5::int8), int4(5.7::numeric), text(42), date('2020-01-02'), int8(3), float8('1.5');
SELECT int2(70000);
SELECT float8(ARRAY[1]);
SELECT int4('abc');
SELECT bool(1), bool('yes'), varchar(12.5), timestamptz('2020-01-01 10:00+00') = '2020-01-01 10:00+00';
SELECT oid(5::int8), int8(4294967295::oid), float4(1);
SELECT pg_typeof(float8(1::int2)), pg_typeof(text(1.5));
