-- ALTER TABLE on partitioned tables and partitions: ONLY refusals, partition-key columns,
-- subcommands refused on a partition, ATTACH checks; DROP COLUMN drops the CHECKs using it
CREATE TABLE apo (a int, b text, c int) PARTITION BY LIST (a);
CREATE TABLE apo_1 (LIKE apo);
ALTER TABLE apo ATTACH PARTITION apo_1 FOR VALUES IN (1);
CREATE TABLE apo_2 PARTITION OF apo FOR VALUES IN (2);
SELECT attname, attislocal, attinhcount FROM pg_attribute WHERE attrelid = 'apo_1'::regclass AND attnum > 0 ORDER BY attnum;
ALTER TABLE ONLY apo DROP COLUMN c;
ALTER TABLE apo_1 ADD COLUMN d text;
ALTER TABLE apo_1 DROP COLUMN b;
ALTER TABLE apo_1 ALTER COLUMN b TYPE varchar;
ALTER TABLE apo ALTER COLUMN a TYPE bigint;
ALTER TABLE apo DROP COLUMN a;
ALTER TABLE ONLY apo ALTER b SET NOT NULL;
ALTER TABLE ONLY apo ADD CONSTRAINT b_chk CHECK (b <> 'zz');
ALTER TABLE apo ALTER b SET NOT NULL;
ALTER TABLE ONLY apo ALTER b DROP NOT NULL;
ALTER TABLE apo_1 ALTER b DROP NOT NULL;
ALTER TABLE apo ADD CONSTRAINT b_chk CHECK (b <> 'zz');
ALTER TABLE ONLY apo DROP CONSTRAINT b_chk;
ALTER TABLE apo ADD CONSTRAINT b_chk2 CHECK (b <> 'yy') NO INHERIT;
ALTER TABLE apo DROP COLUMN c;
SELECT attname FROM pg_attribute WHERE attrelid = 'apo_2'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
-- ATTACH: bound form, check definitions, circularity, not partitioned
CREATE TABLE apo_3 (LIKE apo);
ALTER TABLE apo ATTACH PARTITION apo_3 FOR VALUES FROM (3) TO (4);
ALTER TABLE apo_3 ADD CONSTRAINT b_chk CHECK (b <> 'xx');
ALTER TABLE apo ATTACH PARTITION apo_3 FOR VALUES IN (3);
CREATE TABLE apo_sub PARTITION OF apo FOR VALUES IN (5) PARTITION BY LIST (b);
ALTER TABLE apo_sub ATTACH PARTITION apo FOR VALUES IN ('q');
ALTER TABLE apo ATTACH PARTITION apo FOR VALUES IN (0);
CREATE TABLE apo_plain (a int);
ALTER TABLE apo_plain DETACH PARTITION apo_1;
-- DROP COLUMN takes the CHECK constraints that use it along
CREATE TABLE apo_chk (x int, y int CHECK (y > 0), z int, CONSTRAINT xy CHECK (x < y), CONSTRAINT zz CHECK (z <> 1));
ALTER TABLE apo_chk DROP COLUMN y;
SELECT conname FROM pg_constraint WHERE conrelid = 'apo_chk'::regclass ORDER BY 1;
INSERT INTO apo_chk VALUES (5, 2);
INSERT INTO apo_chk VALUES (5, 1);
SELECT * FROM apo_chk;
DROP TABLE apo, apo_3, apo_plain, apo_chk;
