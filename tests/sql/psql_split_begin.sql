-- psql's statement splitting: BEGIN ... END only holds back a ';' inside CREATE [OR REPLACE]
-- FUNCTION/PROCEDURE; "\;" joins statements into one query string.
CREATE TABLE psb_t (a int);
select 1\; begin\; insert into psb_t values(5);
commit;
select 2\; BEGIN\; insert into psb_t values(6);
rollback;
SELECT a, CASE WHEN a > 5 THEN 'big' ELSE 'small' END FROM psb_t;
BEGIN;
SELECT count(*) FROM psb_t;
END;
CREATE FUNCTION psb_f(x int) RETURNS text LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 'pos' ELSE 'other' END;
END;
CREATE OR REPLACE FUNCTION psb_f(x int) RETURNS text LANGUAGE sql
BEGIN ATOMIC
  SELECT 'v2';
  SELECT CASE WHEN x > 0 THEN 'pos' ELSE 'other' END;
END;
SELECT psb_f(1), psb_f(-1);
DROP FUNCTION psb_f(int);
DROP TABLE psb_t;
