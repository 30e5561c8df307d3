-- ALTER TYPE on composite types: ADD / DROP [IF EXISTS] / ALTER ATTRIBUTE ... TYPE, RENAME ATTRIBUTE,
-- and the refusal when a table column stores the type
CREATE TYPE act AS (a int);
ALTER TYPE act_missing ADD ATTRIBUTE b text;
ALTER TYPE act ADD ATTRIBUTE b text;
ALTER TYPE act ADD ATTRIBUTE b text;
SELECT '(1,x)'::act, ('(1,x)'::act).b;
ALTER TYPE act ALTER ATTRIBUTE b SET DATA TYPE varchar(3);
ALTER TYPE act ALTER ATTRIBUTE b TYPE integer;
SELECT row(1, 2)::act;
ALTER TYPE act DROP ATTRIBUTE b;
ALTER TYPE act DROP ATTRIBUTE c;
ALTER TYPE act DROP ATTRIBUTE IF EXISTS c;
ALTER TYPE act DROP ATTRIBUTE a, ADD ATTRIBUTE d boolean;
SELECT '(t)'::act;
ALTER TYPE act RENAME ATTRIBUTE a TO aa;
ALTER TYPE act RENAME ATTRIBUTE d TO dd;
SELECT ('(f)'::act).dd;
ALTER TYPE act ADD ATTRIBUTE self act;
CREATE TYPE act2 AS (x int, y text);
CREATE TABLE act_tbl (k int, v act2);
ALTER TYPE act2 ALTER ATTRIBUTE y TYPE varchar;
ALTER TYPE act2 RENAME ATTRIBUTE y TO z;
INSERT INTO act_tbl VALUES (1, '(2,q)');
SELECT (v).z FROM act_tbl;
CREATE TABLE act_plain (a int);
ALTER TYPE act_plain ADD ATTRIBUTE b int;
DROP TABLE act_tbl, act_plain;
DROP TYPE act, act2;
