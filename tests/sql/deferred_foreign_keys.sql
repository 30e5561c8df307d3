-- DEFERRABLE foreign keys, SET CONSTRAINTS, checks at COMMIT
CREATE TABLE dpk (id int PRIMARY KEY, v text);
CREATE TABLE dfk (id int PRIMARY KEY, ref int REFERENCES dpk DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE dfk2 (id int, ref int, CONSTRAINT dfk2_ref FOREIGN KEY (ref) REFERENCES dpk DEFERRABLE);
SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE conrelid IN ('dfk'::regclass, 'dfk2'::regclass) ORDER BY conname;
-- deferred: the row can come before its referenced row
BEGIN;
INSERT INTO dfk VALUES (1, 10);
INSERT INTO dpk VALUES (10, 'ten');
COMMIT;
SELECT * FROM dfk;
-- a violation at COMMIT rolls back
BEGIN;
INSERT INTO dfk VALUES (2, 20);
INSERT INTO dpk VALUES (30, 'thirty');
COMMIT;
SELECT * FROM dpk ORDER BY id;
-- outside a block the statement's own transaction checks
INSERT INTO dfk VALUES (3, 99);
-- deleting a referenced row: NO ACTION is deferred too
BEGIN;
DELETE FROM dpk WHERE id = 10;
INSERT INTO dpk VALUES (10, 'ten again');
COMMIT;
BEGIN;
DELETE FROM dpk WHERE id = 10;
COMMIT;
-- DEFERRABLE INITIALLY IMMEDIATE: checked at once unless SET CONSTRAINTS
INSERT INTO dfk2 VALUES (1, 50);
BEGIN;
SET CONSTRAINTS dfk2_ref DEFERRED;
INSERT INTO dfk2 VALUES (1, 50);
INSERT INTO dpk VALUES (50, 'fifty');
COMMIT;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO dfk2 VALUES (2, 60);
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO dfk2 VALUES (2, 60);
INSERT INTO dpk VALUES (60, 'sixty');
SET CONSTRAINTS ALL IMMEDIATE;
COMMIT;
-- savepoints drop the queued checks they undo
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
SAVEPOINT s1;
INSERT INTO dfk2 VALUES (3, 70);
ROLLBACK TO SAVEPOINT s1;
COMMIT;
SELECT * FROM dfk2 ORDER BY id;
-- errors
SET CONSTRAINTS dfk2_ref DEFERRED;
BEGIN;
SET CONSTRAINTS no_such_constraint DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS dpk_pkey DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS dpk_pkey IMMEDIATE;
ROLLBACK;
CREATE TABLE dbad (a int REFERENCES dpk NOT DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE dbad (a int CHECK (a > 0) DEFERRABLE);
CREATE TABLE dbad (a int REFERENCES dpk DEFERRABLE DEFERRABLE);
CREATE TABLE dbad (a int REFERENCES dpk INITIALLY DEFERRED INITIALLY IMMEDIATE);
DROP TABLE dfk, dfk2, dpk;
-- ON DELETE SET NULL / SET DEFAULT (columns)
CREATE TABLE spk (tid int, id int, PRIMARY KEY (tid, id));
CREATE TABLE sfk (tid int, id int, foo int, FOREIGN KEY (tid, id) REFERENCES spk ON DELETE SET NULL (bar));
CREATE TABLE sfk (tid int, id int, foo int, FOREIGN KEY (tid, id) REFERENCES spk ON DELETE SET NULL (foo));
CREATE TABLE sfk (tid int, a int, b int DEFAULT 0,
  FOREIGN KEY (tid, a) REFERENCES spk ON DELETE SET NULL (a),
  FOREIGN KEY (tid, b) REFERENCES spk ON DELETE SET DEFAULT (b, b) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO spk VALUES (1, 0), (1, 1), (1, 2);
INSERT INTO sfk VALUES (1, 1, 2);
DELETE FROM spk WHERE id = 1;
DELETE FROM spk WHERE id = 2;
SELECT * FROM sfk;
SELECT pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conrelid = 'sfk'::regclass ORDER BY oid;
-- ALTER CONSTRAINT
ALTER TABLE sfk ALTER CONSTRAINT sfk_tid_b_fkey NOT DEFERRABLE;
ALTER TABLE sfk ALTER CONSTRAINT sfk_tid_a_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE sfk ALTER CONSTRAINT no_such DEFERRABLE;
ALTER TABLE spk ALTER CONSTRAINT spk_pkey DEFERRABLE;
SELECT conname, condeferrable, condeferred, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('sfk'::regclass, 'spk'::regclass) ORDER BY conname;
CREATE TABLE cdef (a int CHECK (a > 0) NO INHERIT, b text UNIQUE, c int NOT NULL, CONSTRAINT cdef_c CHECK (c <> 3 AND a < 100));
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'cdef'::regclass ORDER BY conname;
SELECT pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conname = 'cdef_a_check';
SELECT pg_get_constraintdef(0);
DROP TABLE cdef, sfk, spk;
