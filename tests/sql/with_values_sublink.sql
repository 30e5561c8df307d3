-- One-row VALUES reading an outer column (inside a WITH query of a scalar subquery), and the
-- column name of a scalar subquery over VALUES or a set operation (its first column's name).
CREATE TABLE wv (f1 int);
INSERT INTO wv VALUES (0), (123456), (-5);
select ( with cte(foo) as ( values(f1) )
         select (select foo from cte) )
from wv;
select ( with cte(foo) as ( values(f1) )
          values((select foo from cte)) )
from wv;
SELECT (VALUES (f1 + 1)) FROM wv;
SELECT (SELECT f1 AS x UNION SELECT 2 LIMIT 1) FROM wv;
SELECT * FROM (VALUES (1, 'one')) v ORDER BY 1;
SELECT column1, column2 FROM (VALUES ((SELECT max(f1) FROM wv), 'x')) v;
