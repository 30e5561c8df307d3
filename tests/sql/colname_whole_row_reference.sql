-- FigureColname of a whole-row reference: t.* is named after t (its last field name, the
-- "*" ignored), through casts and scalar subqueries.
CREATE TABLE cw (a int);
INSERT INTO cw VALUES (42);
SELECT (c.*)::text FROM cw c;
SELECT (SELECT (c.*)::text) FROM cw c;
SELECT (SELECT c.*::text) FROM cw c;
