-- An aggregate over only an outer FROM item's columns inside a LATERAL subquery belongs to
-- the outer query, inside its own FROM clause: 42803. Aggregates over the subquery's own
-- rows (with outer columns as parameters) are fine.
CREATE TABLE la (x int);
CREATE TABLE lb (y int);
INSERT INTO la VALUES (1), (2);
INSERT INTO lb VALUES (10), (20);
SELECT 1 FROM la a, LATERAL (SELECT max(a.x) FROM lb b) ss;
SELECT 1 FROM la a, LATERAL (SELECT count(*) FILTER (WHERE a.x > 0) FROM lb b) ss;
SELECT a.x, ss.* FROM la a, LATERAL (SELECT max(b.y + a.x) AS m, count(*) AS c FROM lb b) ss ORDER BY 1;
SELECT a.x, ss.* FROM la a, LATERAL (SELECT (SELECT sum(b.y) FROM lb b WHERE b.y > a.x) AS s) ss ORDER BY 1;
