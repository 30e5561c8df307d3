-- UPDATE ... SET (a, b) = (x, y): row-valued assignments.
CREATE TABLE uma (a int, b int, c text DEFAULT 'dflt');
INSERT INTO uma VALUES (1, 10, 'x'), (2, 20, 'y');
UPDATE uma SET (c, b, a) = ('bugle', b + 11, DEFAULT) WHERE c = 'x' RETURNING *;
UPDATE uma SET (c, b) = ('car', a + b), a = a + 1 WHERE a = 2 RETURNING *;
UPDATE uma SET (c, b) = ('car', a + b), b = a + 1 WHERE a = 3;
UPDATE uma SET (a, b) = (1, 2, 3);
UPDATE uma SET (a, b) = (b, a) RETURNING *;
UPDATE uma SET (a, zz) = (1, 2);
SELECT * FROM uma ORDER BY b;
DROP TABLE uma;
-- SET (a, b) = (SELECT ...)
CREATE TABLE umb (a int, b int, c text);
INSERT INTO umb VALUES (1, 10, 'x'), (2, 20, 'y'), (3, 30, 'z');
UPDATE umb SET (b, c) = (SELECT a * 100, c || '!' FROM umb i WHERE i.a = umb.a + 1) RETURNING *;
UPDATE umb SET (b, a) = (SELECT 7, 8) WHERE a = 1 RETURNING *;
UPDATE umb SET (b, a) = (SELECT a + 1, b FROM umb);
UPDATE umb SET (b, a) = (SELECT 1);
UPDATE umb SET (b, a) = (SELECT 1, 2, 3);
UPDATE umb SET (b, c) = (SELECT 5, 'w' WHERE false) WHERE a = 2 RETURNING *;
SELECT * FROM umb ORDER BY a;
DROP TABLE umb;
