-- A set operation whose arm is itself a set operation or VALUES converts that arm's columns
-- to the common type (the order and equality are the common type's).
SELECT 1.1 AS two UNION (SELECT 2 UNION ALL SELECT 2) ORDER BY 1;
SELECT 1.1 AS two UNION ALL (SELECT 2 UNION ALL SELECT 0) ORDER BY 1;
(SELECT 5 UNION SELECT 1) UNION SELECT 1.5 ORDER BY 1;
SELECT 1.5 AS v UNION VALUES (1), (2) ORDER BY 1;
SELECT pg_typeof(x) FROM (SELECT 1.1 AS x UNION (SELECT 2 UNION SELECT 3)) s LIMIT 1;
