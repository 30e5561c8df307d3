-- Aliases on JOIN expressions: JOIN ... USING (...) AS alias and (a JOIN b) AS alias.
CREATE TABLE ja1 (x int, y text);
CREATE TABLE ja2 (x int, z text);
INSERT INTO ja1 VALUES (1, 'a'), (2, 'b');
INSERT INTO ja2 VALUES (1, 'p'), (3, 'q');
SELECT * FROM ja1 JOIN ja2 USING (x) AS u;
SELECT u.x, ja1.y, u.* FROM ja1 JOIN ja2 USING (x) AS u;
SELECT u.* FROM ja1 FULL JOIN ja2 USING (x) AS u ORDER BY 1;
SELECT u.x FROM ja1 JOIN ja2 USING (x) AS u WHERE ja1.y = 'a';
SELECT j.* FROM (ja1 JOIN ja2 USING (x)) AS j;
SELECT * FROM (ja1 JOIN ja2 USING (x)) j;
SELECT j.x, j.z FROM (ja1 LEFT JOIN ja2 ON ja1.x = ja2.x) AS j(a, b, x, z) ORDER BY j.a;
SELECT x, y FROM (ja1 JOIN ja2 USING (x)) AS j;
SELECT ja1.x FROM (ja1 JOIN ja2 USING (x)) AS j;
SELECT * FROM (ja1 JOIN ja2 USING (x)) AS j, ja1 WHERE j.x = ja1.x;
SELECT * FROM ja1 JOIN ja2 USING (x) AS ja1;
SELECT * FROM (ja1 JOIN ja2 USING (x)) AS j(a, b, c, d);
DROP TABLE ja1, ja2;
