-- UPDATE writes a new row version at the end of the table, as PostgreSQL's heap does:
-- unordered scans list updated rows after the untouched ones, in processing order.
CREATE TABLE rp (a int PRIMARY KEY, b text);
INSERT INTO rp SELECT g, 'x' FROM generate_series(1, 6) g;
UPDATE rp SET b = 'y' WHERE a IN (2, 4);
SELECT * FROM rp;
UPDATE rp SET b = 'z' FROM (VALUES (1), (3)) v(x) WHERE a = x;
SELECT * FROM rp;
-- ON CONFLICT DO UPDATE moves the conflicting row; DO NOTHING leaves it
INSERT INTO rp VALUES (5, 'c'), (9, 'n') ON CONFLICT (a) DO UPDATE SET b = 'u';
INSERT INTO rp VALUES (6, 'c') ON CONFLICT (a) DO NOTHING;
SELECT * FROM rp;
-- a column named rowid
CREATE TABLE rp_rowid (rowid int, v int);
INSERT INTO rp_rowid VALUES (1, 1), (2, 2), (3, 3);
UPDATE rp_rowid SET v = 10 WHERE rowid = 1;
SELECT * FROM rp_rowid;
-- cascaded and SET NULL updates of referencing rows
CREATE TABLE rp_parent (id int PRIMARY KEY);
CREATE TABLE rp_child (id int, pid int REFERENCES rp_parent ON UPDATE CASCADE ON DELETE SET NULL);
INSERT INTO rp_parent VALUES (1), (2), (3);
INSERT INTO rp_child VALUES (1, 1), (2, 2), (3, 3), (4, 1);
UPDATE rp_parent SET id = 10 WHERE id = 1;
SELECT * FROM rp_child;
DELETE FROM rp_parent WHERE id = 2;
SELECT * FROM rp_child;
-- updatable views
CREATE VIEW rp_view AS SELECT * FROM rp WHERE a < 5;
UPDATE rp_view SET b = 'v' WHERE a = 1;
SELECT * FROM rp;
-- RETURNING sees the updated rows
UPDATE rp SET b = b || '!' WHERE a + 0 > 3 RETURNING *;
SELECT * FROM rp;
-- an UPDATE touching no row leaves the order alone
UPDATE rp SET b = 'none' WHERE a > 100;
SELECT * FROM rp;
DROP VIEW rp_view;
DROP TABLE rp, rp_rowid, rp_child, rp_parent;
