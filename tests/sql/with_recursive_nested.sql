-- WITH RECURSIVE beyond the plain two-term shape: WITH queries inside the recursive term
-- (hoisted) and a recursive term that is itself a UNION, forward references between the items
-- of WITH RECURSIVE, a WITH list on the recursive query itself, inner WITH queries hiding the
-- outer name, and the errors for FOR UPDATE and differing type modifiers.
WITH RECURSIVE outermost(x) AS (
  SELECT 1
  UNION (WITH innermost AS (SELECT 2)
         SELECT * FROM outermost
         UNION SELECT * FROM innermost)
)
SELECT * FROM outermost ORDER BY 1;
WITH RECURSIVE outermost(x) AS (
 SELECT 1
 UNION (WITH innermost1 AS (
  SELECT 2
  UNION (WITH innermost2 AS (SELECT 3)
   SELECT * FROM innermost2))
  SELECT * FROM outermost
  UNION SELECT * FROM innermost1)
 )
 SELECT * FROM outermost ORDER BY 1;
-- a recursive term reading the query twice (refused as PostgreSQL does)
WITH RECURSIVE t(n) AS (
  SELECT 1
  UNION ALL (SELECT n * 10 FROM t WHERE n < 100 UNION ALL SELECT n + 1 FROM t WHERE n < 3)
)
SELECT n FROM t ORDER BY n;
-- arms coerced to the non-recursive term's types
WITH RECURSIVE t(n, s) AS (
  SELECT 1::bigint, 'a'::text
  UNION (SELECT n + 1, s || 'b' FROM t WHERE n < 3 UNION SELECT 10, 'z')
)
SELECT n, s, pg_typeof(n) FROM t ORDER BY n;
-- forward references
WITH RECURSIVE
    x(id) AS (SELECT * FROM y UNION ALL SELECT id+1 FROM x WHERE id < 5),
    y(id) AS (values (1))
 SELECT * FROM x;
WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT * FROM c), c(v) AS (VALUES (7))
SELECT * FROM a;
-- the recursive query's own WITH list
WITH RECURSIVE x(n) AS (
  WITH x1 AS (SELECT 1 AS n)
    SELECT 0
    UNION
    SELECT * FROM x1)
SELECT * FROM x;
WITH RECURSIVE t(j) AS (
    WITH RECURSIVE s(i) AS (
        VALUES (1)
        UNION ALL
        SELECT i+1 FROM s WHERE i < 4
    )
    SELECT i FROM s
    UNION ALL
    SELECT j+1 FROM t WHERE j < 4
)
SELECT j, count(*) FROM t GROUP BY j ORDER BY j;
-- an inner WITH query of the same name hides the outer one: not recursive
WITH RECURSIVE w1(c1) AS
 (WITH w2(c2) AS
  (WITH RECURSIVE w6(c6) AS
      (WITH w6(c6) AS
       (WITH w8(c8) AS (SELECT 1)
        SELECT * FROM w8)
       SELECT * FROM w6)
      SELECT * FROM w6)
  SELECT * FROM w2)
SELECT * FROM w1;
-- errors
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM x FOR UPDATE)
  SELECT * FROM x;
WITH RECURSIVE foo(i) AS
   (SELECT i::numeric(3,0) FROM (VALUES(1),(2)) t(i)
   UNION ALL
   SELECT (i+1)::numeric(10,0) FROM foo WHERE i < 10)
SELECT * FROM foo;
WITH RECURSIVE foo(i) AS
   (SELECT i::numeric(3,0) FROM (VALUES(1),(2)) t(i)
   UNION ALL
   SELECT (i+1)::numeric(3,0) FROM foo WHERE i < 4)
SELECT * FROM foo ORDER BY i;
WITH RECURSIVE mutual AS (SELECT * FROM other), other AS (SELECT * FROM mutual)
SELECT * FROM mutual;
-- a WITH query of the recursive term that only renames the recursive query, read once
CREATE TABLE wrn_dept (id int, parent int, name text);
INSERT INTO wrn_dept VALUES (0, NULL, 'ROOT'), (1, 0, 'A'), (2, 1, 'B');
with recursive q as (
      select * from wrn_dept
    union all
      (with x as (select * from q)
       select * from x)
    )
select * from q limit 7;
with recursive x(a) as
  ((values ('a'), ('b'))
   union all
   (with z as not materialized (select * from x)
    select z.a || z.a as a from z
    where length(z.a || z.a) < 5))
select * from x;
with recursive x(a) as
  ((values ('a'), ('b'))
   union all
   (with z as (select * from x)
    select y.a || 'c' as a from z as y join wrn_dept d on d.id = length(y.a)
    where length(y.a) < 3))
select * from x order by a;
