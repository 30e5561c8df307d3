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
