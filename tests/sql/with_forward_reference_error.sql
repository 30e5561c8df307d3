-- A plain WITH item that names itself or a later item: 42P01 with PostgreSQL's DETAIL and HINT.
WITH outermost(x) AS (
  SELECT 1
  UNION (WITH innermost as (SELECT 2)
         SELECT * FROM outermost  -- fail
         UNION SELECT * FROM innermost)
)
SELECT * FROM outermost ORDER BY 1;
WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a;
WITH a AS (SELECT * FROM nosuch) SELECT * FROM a;
