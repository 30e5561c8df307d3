-- CHECK constraints and DEFAULTs calling a STABLE function that reads their own table: the
-- statements pgmicro allows (one row at a time; DEFAULTs of an INSERT ... VALUES of several rows,
-- computed before any row is written) give PostgreSQL's answers. Statements that write several
-- rows with such a CHECK are refused (tests/unit/constraint_snapshot_test.cpp).
CREATE TABLE cfs_t (a int);
CREATE FUNCTION cfs_cnt() RETURNS bigint STABLE LANGUAGE sql AS 'SELECT count(*) FROM cfs_t';
ALTER TABLE cfs_t ADD CHECK (cfs_cnt() < 2);
INSERT INTO cfs_t VALUES (1);
INSERT INTO cfs_t SELECT 2;
INSERT INTO cfs_t VALUES (3);
SELECT * FROM cfs_t ORDER BY a;
CREATE TABLE cfs_d (a int, b bigint DEFAULT 0);
CREATE FUNCTION cfs_cntd() RETURNS bigint STABLE LANGUAGE sql AS 'SELECT count(*) FROM cfs_d';
ALTER TABLE cfs_d ALTER b SET DEFAULT cfs_cntd();
INSERT INTO cfs_d (a) VALUES (1), (2), (3);
INSERT INTO cfs_d (a) VALUES (4);
INSERT INTO cfs_d (a) SELECT 5;
INSERT INTO cfs_d (a) SELECT * FROM (VALUES (6), (7)) v(x);
COPY cfs_d (a, b) FROM STDIN;
8	80
9	90
\.
SELECT * FROM cfs_d ORDER BY a;
-- an UPDATE by a one-column key writes at most one row
CREATE TABLE cfs_k (id int PRIMARY KEY, n int);
CREATE FUNCTION cfs_cntk() RETURNS bigint STABLE LANGUAGE sql AS 'SELECT count(*) FROM cfs_k WHERE n > 0';
ALTER TABLE cfs_k ADD CHECK (cfs_cntk() < 2);
INSERT INTO cfs_k VALUES (1, 0);
INSERT INTO cfs_k VALUES (2, 0);
INSERT INTO cfs_k VALUES (3, 0);
UPDATE cfs_k SET n = 1 WHERE id = 1;
UPDATE cfs_k SET n = 5 WHERE id = 1;
UPDATE cfs_k SET n = 1 WHERE id = 2;
UPDATE cfs_k SET n = 1 WHERE id = 3 AND n = 0;
SELECT * FROM cfs_k ORDER BY id;
-- a STABLE function reading another table, and a VOLATILE one, in a CHECK
CREATE TABLE cfs_o (a int, CHECK (cfs_cnt() < 5));
INSERT INTO cfs_o VALUES (1), (2), (3);
CREATE TABLE cfs_v (a int);
CREATE FUNCTION cfs_vcnt() RETURNS bigint VOLATILE LANGUAGE sql AS 'SELECT count(*) FROM cfs_v';
ALTER TABLE cfs_v ADD CHECK (cfs_vcnt() < 2);
INSERT INTO cfs_v VALUES (1), (2), (3);
INSERT INTO cfs_v VALUES (1), (2);
SELECT * FROM cfs_v;
DROP TABLE cfs_t, cfs_d, cfs_o, cfs_v, cfs_k;
DROP FUNCTION cfs_cnt(), cfs_cntd(), cfs_vcnt(), cfs_cntk();
