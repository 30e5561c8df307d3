-- ATTACH/DETACH PARTITION and foreign keys: an attached table's rows are checked against the
-- partitioned table's keys, a detached partition keeps them, and a referenced partition cannot
-- be detached while its rows are referenced.
CREATE TABLE pk (a int PRIMARY KEY);
INSERT INTO pk VALUES (1), (2);
CREATE TABLE fk (a int, b int) PARTITION BY RANGE (b);
ALTER TABLE ONLY fk ADD FOREIGN KEY (a) REFERENCES pk;
ALTER TABLE fk ADD FOREIGN KEY (a) REFERENCES pk NOT VALID;
ALTER TABLE fk ADD FOREIGN KEY (a) REFERENCES pk;
CREATE TABLE fk1 (a int, b int);
INSERT INTO fk1 VALUES (3, 5);
ALTER TABLE fk ATTACH PARTITION fk1 FOR VALUES FROM (0) TO (10);
UPDATE fk1 SET a = 1;
ALTER TABLE fk ATTACH PARTITION fk1 FOR VALUES FROM (0) TO (10);
INSERT INTO fk VALUES (4, 6);
ALTER TABLE fk DETACH PARTITION fk1;
SELECT conname, confrelid::regclass FROM pg_constraint WHERE conrelid = 'fk1'::regclass;
INSERT INTO fk1 VALUES (4, 6);
DELETE FROM pk WHERE a = 1;
-- a referenced partitioned table
CREATE TABLE ppk (a int PRIMARY KEY) PARTITION BY LIST (a);
CREATE TABLE ppk1 PARTITION OF ppk FOR VALUES IN (1);
CREATE TABLE ppk2 PARTITION OF ppk FOR VALUES IN (2);
CREATE TABLE rfk (a int REFERENCES ppk);
INSERT INTO ppk VALUES (1), (2);
INSERT INTO rfk VALUES (2);
ALTER TABLE ppk DETACH PARTITION ppk2;
ALTER TABLE ppk DETACH PARTITION ppk1;
CREATE TABLE ppk3 (a int PRIMARY KEY);
CREATE TABLE rfk3 (a int REFERENCES ppk3);
ALTER TABLE ppk ATTACH PARTITION ppk3 FOR VALUES IN (3);
