-- RETURNING of UPDATE ... FROM / DELETE ... USING reading the other tables, RETURNING * there,
-- RETURNING * of a parent whose children have more columns, zero-column INTERSECT/EXCEPT ALL, FOR UPDATE with set operations.
CREATE TABLE rf (f1 int, f2 text, f3 int);
INSERT INTO rf VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30);
CREATE TABLE src (k int, label text);
INSERT INTO src VALUES (1, 'one'), (2, 'two'), (2, 'deux'), (9, 'nine');
UPDATE rf SET f3 = f3 * 2 FROM src s WHERE rf.f1 = s.k AND s.label <> 'deux' RETURNING rf.*, s.label, s.k + rf.f3 AS sum;
UPDATE rf SET f3 = f3 + 1 FROM src WHERE rf.f1 = src.k AND src.k = 1 RETURNING *;
DELETE FROM rf USING src s WHERE rf.f1 = s.k AND s.k = 1 RETURNING rf.f2, s.label;
DELETE FROM rf USING src WHERE rf.f1 = src.k AND src.label <> 'deux' RETURNING *;
SELECT * FROM rf ORDER BY f1;
CREATE TABLE rp (f1 int, f2 text);
CREATE TABLE rc (fc int) INHERITS (rp);
INSERT INTO rp VALUES (1, 'parent');
INSERT INTO rc VALUES (2, 'child', 99);
UPDATE rp SET f2 = f2 || '!' RETURNING *;
DELETE FROM rp WHERE f1 = 2 RETURNING *;
SELECT FROM generate_series(1, 5) INTERSECT ALL SELECT FROM generate_series(1, 3);
SELECT FROM generate_series(1, 5) EXCEPT ALL SELECT FROM generate_series(1, 3);
SELECT 1 UNION SELECT 2 FOR SHARE;
SELECT 1 EXCEPT ALL SELECT 2 FOR NO KEY UPDATE;
