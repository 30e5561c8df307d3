-- Multi-column assignments from a sub-SELECT: UPDATE SET (a, b) = (SELECT …) and
-- INSERT … ON CONFLICT DO UPDATE SET (a, b) = (SELECT …), correlated with the target and excluded.
CREATE TABLE ma (a int PRIMARY KEY, b text, c int);
INSERT INTO ma VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30);
UPDATE ma SET (b, c) = (SELECT 'x' || a, a * 100) WHERE a = 1;
UPDATE ma SET (c, b) = (SELECT max(c), min(b) FROM ma m2 WHERE m2.a <> ma.a) WHERE a = 2;
SELECT * FROM ma ORDER BY a;
UPDATE ma SET (b, c) = (SELECT 'none', 0 WHERE false) WHERE a = 3;
SELECT * FROM ma ORDER BY a;
UPDATE ma SET (b, c) = (SELECT b, c FROM ma) WHERE a = 3;
UPDATE ma SET (b, c) = (SELECT 'q') WHERE a = 3;
UPDATE ma SET (b, c) = (ma.*) WHERE a = 3;
WITH src AS (SELECT 1 AS a, 'Foo' AS b)
INSERT INTO ma VALUES (1, 'Bar', 0) ON CONFLICT (a) DO UPDATE SET (b, c) = (SELECT b, 7 FROM src) RETURNING *;
INSERT INTO ma VALUES (1, 'Baz', 0), (3, 'Zaz', 0) ON CONFLICT (a)
  DO UPDATE SET (b, c) = (SELECT b || ', Correlated', i.c + 1 FROM ma i WHERE i.a = ma.a) RETURNING *;
INSERT INTO ma VALUES (1, 'Bat', 0), (3, 'Zot', 0) ON CONFLICT (a)
  DO UPDATE SET (b, c) = (SELECT excluded.b || ', ' || b, a FROM ma i WHERE i.a = excluded.a) RETURNING *;
INSERT INTO ma VALUES (5, 'new', 1) ON CONFLICT (a) DO UPDATE SET (b, c) = (SELECT 'never', 0) RETURNING *;
SELECT * FROM ma ORDER BY a;
DROP TABLE ma;
