-- ALTER TABLE errors as PostgreSQL reports them: system column names, system catalogs,
-- constraint errors without a position, inherited CHECK renames, ALTER INDEX's tag
CREATE TABLE ame (a int);
ALTER TABLE ame ADD COLUMN xmin integer;
ALTER TABLE ame ADD COLUMN ctid text;
ALTER TABLE ame DROP COLUMN xmin;
ALTER TABLE ame DROP COLUMN cmax;
ALTER TABLE pg_class ALTER COLUMN relname DROP NOT NULL;
ALTER TABLE pg_class DROP COLUMN relname;
ALTER TABLE ame ADD CONSTRAINT c1 CHECK (b > 3);
ALTER TABLE ame ADD CONSTRAINT c2 UNIQUE (b);
ALTER TABLE ame ADD PRIMARY KEY (b);
ALTER TABLE ame ADD COLUMN c int CHECK (d > 0);
CREATE INDEX ame_idx ON ame (a);
ALTER INDEX ame RENAME TO ame2;
ALTER INDEX ame_idx RENAME TO ame_idx2;
ALTER TABLE ame2 RENAME TO ame;
-- inherited CHECK constraints are renamed through the tree
CREATE TABLE ame_p (a int CONSTRAINT con1 CHECK (a > 0));
CREATE TABLE ame_c (b int) INHERITS (ame_p);
ALTER TABLE ame_c RENAME CONSTRAINT con1 TO con1foo;
ALTER TABLE ONLY ame_p RENAME CONSTRAINT con1 TO con1foo;
ALTER TABLE ame_p RENAME CONSTRAINT con1 TO con1foo;
SELECT conrelid::regclass, conname FROM pg_constraint WHERE conrelid IN ('ame_p'::regclass, 'ame_c'::regclass) ORDER BY 1, 2;
INSERT INTO ame_c VALUES (-1, 1);
CREATE TABLE ame_part (a int) PARTITION BY RANGE (a);
ALTER TABLE ame_part ADD EXCLUDE USING gist (a WITH =);
ALTER INDEX ame_idx2 ALTER COLUMN 0 SET STATISTICS 100;
DROP TABLE ame, ame_p, ame_c, ame_part;
-- a foreign key constraint has no index: its name is free for one
CREATE TABLE ame_pk (id int PRIMARY KEY);
CREATE TABLE ame_fk (id int CONSTRAINT ame_fk_fk REFERENCES ame_pk);
CREATE INDEX ame_fk_fk ON ame_fk (id);
SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'ame_fk'::regclass;
INSERT INTO ame_fk VALUES (1);
DROP TABLE ame_fk, ame_pk;
