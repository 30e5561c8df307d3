-- Window frame offsets given by parameters: SQL function arguments and PREPARE parameters.
CREATE TABLE wpo (u int, f int);
INSERT INTO wpo SELECT g, g % 4 FROM generate_series(0, 9) g;
CREATE FUNCTION wpo_rows(x int) RETURNS TABLE (a int, b int, c int) LANGUAGE SQL
AS $$ SELECT sum(u) over (order by u rows between x preceding and x following), u, f FROM wpo $$;
SELECT * FROM wpo_rows(2);
CREATE FUNCTION wpo_atomic(x int) RETURNS TABLE (a int, b int, c int) LANGUAGE SQL
BEGIN ATOMIC SELECT sum(u) over (order by u rows between x preceding and x following), u, f FROM wpo; END;
SELECT * FROM wpo_atomic(1);
CREATE FUNCTION wpo_unbounded(unbounded int) RETURNS TABLE (a int, b int, c int) LANGUAGE SQL
AS $$ SELECT sum(u) over (order by u rows between unbounded preceding and unbounded following), u, f FROM wpo $$;
SELECT * FROM wpo_unbounded(1);
PREPARE wpo_p(int) AS SELECT u, sum(u) over (order by u rows between $1 preceding and current row) FROM wpo;
EXECUTE wpo_p(1);
EXECUTE wpo_p(3);
EXECUTE wpo_p(-1);
PREPARE wpo_g(bigint) AS SELECT u, sum(u) over (order by f groups between current row and $1 following) FROM wpo ORDER BY u;
EXECUTE wpo_g(1);
DEALLOCATE wpo_p;
DEALLOCATE wpo_g;
DROP FUNCTION wpo_rows, wpo_atomic, wpo_unbounded;
DROP TABLE wpo;
