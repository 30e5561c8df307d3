-- ALTER TABLE ... OF type checks (the table against the composite type), NOT OF,
-- table-only ALTER actions on views, and more ALTER TABLE error details
CREATE TYPE ato_t AS (z inet, x int, y numeric(8,2));
ALTER TYPE ato_t DROP ATTRIBUTE z;
CREATE TABLE ato1 (x int, y bigint);
CREATE TABLE ato2 (x int, y numeric(9,2));
CREATE TABLE ato3 (y numeric(8,2), x int);
CREATE TABLE ato4 (x int);
CREATE TABLE ato5 (x int, y numeric(8,2), z int);
CREATE TABLE ato0 (x int NOT NULL, y numeric(8,2));
CREATE TABLE ato6 () INHERITS (ato0);
ALTER TABLE ato1 OF ato_t;
ALTER TABLE ato2 OF ato_t;
ALTER TABLE ato3 OF ato_t;
ALTER TABLE ato4 OF ato_t;
ALTER TABLE ato5 OF ato_t;
ALTER TABLE ato6 OF ato_t;
ALTER TABLE ato1 OF int4;
ALTER TABLE ato1 OF no_such_type;
ALTER TABLE ato1 NOT OF;
-- views refuse table-only subcommands
CREATE VIEW ato_v AS SELECT x, y FROM ato1;
ALTER TABLE ato_v ALTER COLUMN x DROP NOT NULL;
ALTER TABLE ato_v ALTER COLUMN x SET NOT NULL;
ALTER TABLE ato_v DROP COLUMN y;
ALTER TABLE ato_v ADD CONSTRAINT c CHECK (x > 0);
-- a relation name taken by a key's index is reported before the constraint name
CREATE TABLE ato9 (c int);
ALTER TABLE ato9 ADD UNIQUE (c);
ALTER TABLE ato9 ADD CONSTRAINT ato9_c_key UNIQUE (c);
ALTER TABLE ato9 ADD CONSTRAINT foo CHECK (c > 3);
ALTER TABLE ato9 ADD CONSTRAINT foo UNIQUE (c);
ALTER TABLE ato9 ALTER COLUMN c SET DEFAULT 'wrong';
-- NO INHERIT constraints added by ALTER stay on the parent; renames
CREATE TABLE ato_p (a int, b int);
CREATE TABLE ato_c () INHERITS (ato_p);
ALTER TABLE ato_p ADD CONSTRAINT con2 CHECK (b > 0) NO INHERIT;
SELECT conrelid::regclass, conname, connoinherit FROM pg_constraint WHERE conname = 'con2';
INSERT INTO ato_c VALUES (1, -1);
ALTER TABLE ONLY ato_p RENAME CONSTRAINT con2 TO con2foo;
ALTER TABLE ato_p RENAME CONSTRAINT con2foo TO con2bar;
ALTER TABLE ONLY ato_c RENAME COLUMN a TO aa;
ALTER TABLE ONLY ato_p RENAME COLUMN a TO aa;
ALTER TABLE ONLY ato_p RENAME COLUMN nosuch TO aa;
DROP VIEW ato_v;
DROP TABLE ato0, ato1, ato2, ato3, ato4, ato5, ato6, ato9, ato_p, ato_c;
DROP TYPE ato_t;
