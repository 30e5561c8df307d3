-- EXCLUDE constraints: checked on INSERT/UPDATE, validated by ALTER TABLE ADD, deferred to COMMIT.
CREATE TABLE circles (
  c1 CIRCLE,
  c2 TEXT,
  EXCLUDE USING gist
    (c1 WITH &&, (c2::circle) WITH &&)
    WHERE (circle_center(c1) <> '(0,0)')
);
INSERT INTO circles VALUES('<(0,0), 5>', '<(0,0), 5>');
INSERT INTO circles VALUES('<(0,0), 5>', '<(0,0), 4>');
INSERT INTO circles VALUES('<(10,10), 10>', '<(0,0), 5>');
INSERT INTO circles VALUES('<(20,20), 10>', '<(0,0), 4>');
INSERT INTO circles VALUES('<(20,20), 1>', '<(0,0), 5>');
INSERT INTO circles VALUES('<(20,20), 10>', '<(10,10), 5>');
SELECT conname, contype FROM pg_constraint WHERE conrelid = 'circles'::regclass;
ALTER TABLE circles ADD EXCLUDE USING gist
  (c1 WITH &&, (c2::circle) WITH &&);
DROP TABLE circles;
CREATE TABLE ex (a int, b text, EXCLUDE (a WITH =, b WITH =));
INSERT INTO ex VALUES (1, 'x'), (1, 'x'), (2, 'y');
INSERT INTO ex VALUES (1, 'z');
INSERT INTO ex VALUES (NULL, 'z'), (NULL, 'w');
UPDATE ex SET b = 'q' WHERE a = 2;
UPDATE ex SET a = 2, b = 'r' WHERE a = 1;
UPDATE ex SET b = 'x' WHERE a = 1;
SELECT * FROM ex ORDER BY a, b;
ALTER TABLE ex ADD CONSTRAINT ex_a EXCLUDE (a WITH =);
DROP TABLE ex;
CREATE TABLE deferred_excl (
  f1 int,
  f2 int,
  CONSTRAINT deferred_excl_con EXCLUDE (f1 WITH =) INITIALLY DEFERRED
);
INSERT INTO deferred_excl VALUES(1);
INSERT INTO deferred_excl VALUES(2);
INSERT INTO deferred_excl VALUES(1);
BEGIN;
INSERT INTO deferred_excl VALUES(2);
COMMIT;
BEGIN;
INSERT INTO deferred_excl VALUES(3);
INSERT INTO deferred_excl VALUES(3);
COMMIT;
BEGIN;
INSERT INTO deferred_excl VALUES(2, 1);
DELETE FROM deferred_excl WHERE f1 = 2 AND f2 IS NULL;
UPDATE deferred_excl SET f2 = 2 WHERE f1 = 2;
COMMIT;
SELECT * FROM deferred_excl;
ALTER TABLE deferred_excl DROP CONSTRAINT deferred_excl_con;
UPDATE deferred_excl SET f1 = 3;
ALTER TABLE deferred_excl ADD EXCLUDE (f1 WITH =);
DROP TABLE deferred_excl;
