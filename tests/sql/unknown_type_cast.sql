-- 'literal'::unknown keeps the literal untyped; other values cannot be cast to unknown.
select pg_typeof('foo'::unknown), pg_typeof(null::unknown);
select 'foo'::unknown;
select 'foo'::unknown || 'bar';
select pg_catalog.unknown 'x';
select 1::unknown;
CREATE VIEW unknown_cast_v AS
  SELECT 42 as i, 'foo' as u, 'foo'::unknown as u2, null as n;
SELECT * FROM unknown_cast_v;
SELECT pg_typeof(u), pg_typeof(u2), pg_typeof(n) FROM unknown_cast_v;
DROP VIEW unknown_cast_v;
