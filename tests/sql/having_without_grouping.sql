-- HAVING on a query without GROUP BY or aggregates (PostgreSQL's single group, which does not
-- read the rows), and GROUP BY/ORDER BY ambiguity reported at ORDER BY as PostgreSQL does.
CREATE TABLE hwg (a int, b int);
INSERT INTO hwg VALUES (0, 1), (1, 2);
SELECT 1 AS one FROM hwg HAVING 1 > 2;
SELECT 1 AS one FROM hwg HAVING 1 < 2;
SELECT 1 AS one FROM hwg WHERE 1/a = 1 HAVING 1 < 2;
SELECT 1 AS one, 'x' AS two FROM hwg WHERE false HAVING true;
SELECT FROM hwg HAVING true;
SELECT a FROM hwg HAVING true;
SELECT 1 AS one FROM hwg HAVING a > 1;
SELECT count(*) FROM hwg x, hwg y WHERE x.a = y.a GROUP BY b ORDER BY b;
SELECT count(*) FROM hwg x, hwg y WHERE x.a = y.a GROUP BY b/2 ORDER BY b/2;
SELECT x.b AS b, count(*) FROM hwg x, hwg y GROUP BY b ORDER BY b;
DROP TABLE hwg;
