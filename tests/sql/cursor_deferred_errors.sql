-- A cursor's run-time error is raised by the FETCH that reads past the rows made before it; the
-- cursor then cannot run again. Cursors declared after a savepoint end with ROLLBACK TO it.
CREATE TABLE cde_t (a int);
INSERT INTO cde_t VALUES (1),(2),(3);
BEGIN;
DECLARE c CURSOR FOR SELECT 10/(3-a) FROM cde_t;
SAVEPOINT two;
FETCH 1 FROM c;
FETCH 1 FROM c;
FETCH 1 FROM c;
ROLLBACK TO SAVEPOINT two;
FETCH 10 FROM c;
ROLLBACK TO SAVEPOINT two;
RELEASE SAVEPOINT two;
FETCH 10 FROM c;
MOVE 1 IN c;
CLOSE c;
COMMIT;
-- sorted: the error comes with the first FETCH
BEGIN;
DECLARE c CURSOR FOR SELECT 10/(3-a) FROM cde_t ORDER BY 1;
FETCH 1 FROM c;
ROLLBACK;
-- a failing query's changes are undone
CREATE FUNCTION cde_ins(x int) RETURNS int LANGUAGE plpgsql AS
$$ BEGIN INSERT INTO cde_t VALUES (100); RETURN 1/x; END $$;
BEGIN;
DECLARE ok CURSOR FOR SELECT a FROM cde_t ORDER BY a;
DECLARE bad CURSOR FOR SELECT cde_ins(0);
FETCH ok;
SAVEPOINT s1;
FETCH ok;
FETCH bad;
ROLLBACK TO s1;
FETCH ok;
FETCH bad;
ROLLBACK TO s1;
SELECT count(*) FROM cde_t;
COMMIT;
-- cursors and savepoints
BEGIN;
SAVEPOINT x;
DECLARE foo CURSOR FOR SELECT * FROM cde_t;
FETCH FROM foo;
ROLLBACK TO x;
FETCH FROM foo;
COMMIT;
BEGIN;
SAVEPOINT x;
DECLARE foo CURSOR FOR SELECT * FROM cde_t;
RELEASE x;
SAVEPOINT y;
DECLARE d CURSOR FOR SELECT * FROM cde_t;
ROLLBACK TO y;
FETCH 1 FROM foo;
FETCH 1 FROM d;
ROLLBACK;
-- scrollable: rows before the error can be read again; the end cannot be reached
BEGIN;
DECLARE s SCROLL CURSOR FOR SELECT 6/(a-3) FROM cde_t;
FETCH 2 FROM s;
FETCH BACKWARD 1 FROM s;
FETCH ABSOLUTE 2 FROM s;
FETCH LAST FROM s;
ROLLBACK;
DROP FUNCTION cde_ins(int);
DROP TABLE cde_t;
