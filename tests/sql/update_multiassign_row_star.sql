-- UPDATE SET (a, b) = ROW(x.*, ...): x.* expands to x's columns, as in PostgreSQL's multiple-column
-- UPDATE items; the count and the column types are checked after the expansion.
CREATE TABLE ut (a int, b int, c text);
INSERT INTO ut VALUES (21, 5, 'x'), (3, 4, 'y');
UPDATE ut SET (a,b) = ROW(v.*) FROM (VALUES(21, 100)) AS v(i, j) WHERE ut.a = v.i RETURNING *;
UPDATE ut SET (a,b,c) = ROW(v.*, 'z') FROM (VALUES(3, 7)) AS v(i, j) WHERE ut.a = v.i RETURNING *;
UPDATE ut SET (a,b) = ROW(v.*, 1) FROM (VALUES(3, 7)) AS v(i, j) WHERE ut.a = v.i;
UPDATE ut SET (a,b) = ROW(s.*) FROM ut s WHERE false;
UPDATE ut SET (b,a) = ROW(v.*) FROM (VALUES('1', 2.5)) AS v(i, j) WHERE ut.a = 21 RETURNING *;
SELECT * FROM ut ORDER BY a;
DROP TABLE ut;
