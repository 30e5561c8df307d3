-- DROP FUNCTION of a function that a generation expression, a column default or a CHECK
-- constraint calls: 2BP01 with PostgreSQL's DETAIL and HINT.
CREATE FUNCTION fd_twice(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2';
CREATE FUNCTION fd_other(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE TABLE fdg (a int, b int GENERATED ALWAYS AS (fd_twice(a)) STORED);
INSERT INTO fdg (a) VALUES (4);
DROP FUNCTION fd_twice(int);
DROP FUNCTION fd_twice;
SELECT * FROM fdg;
DROP TABLE fdg;
CREATE TABLE fdd (a int DEFAULT fd_twice(21), b int CHECK (fd_other(b, 1) > 0));
DROP FUNCTION fd_twice(int);
DROP FUNCTION fd_other(int, int);
DROP FUNCTION fd_other(int, int) RESTRICT;
INSERT INTO fdd (b) VALUES (5);
SELECT * FROM fdd;
ALTER TABLE fdd ALTER COLUMN a DROP DEFAULT;
DROP FUNCTION fd_twice(int);
ALTER TABLE fdd DROP CONSTRAINT fdd_b_check;
DROP FUNCTION fd_other(int, int);
DROP TABLE fdd;
