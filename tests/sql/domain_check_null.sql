-- A domain's CHECK constraints see NULL values too (PostgreSQL's CoerceToDomain): CHECK (VALUE
-- IS NOT NULL) rejects NULL wherever a value is coerced to the domain; CHECK (VALUE > 0) lets it pass.
CREATE DOMAIN dnn AS int CHECK (VALUE IS NOT NULL);
CREATE DOMAIN dpos AS int CHECK (VALUE > 0);
SELECT NULL::dnn;
SELECT (NULL::int)::dnn;
SELECT x::dnn FROM (VALUES (NULL::int)) v(x);
SELECT x::dpos FROM (VALUES (NULL::int)) v(x);
SELECT x::dnn FROM (VALUES (1), (2)) v(x);
CREATE TABLE dn (a int, b dnn, c dpos);
INSERT INTO dn VALUES (1, NULL, 1);
INSERT INTO dn (a, c) VALUES (1, 1);
INSERT INTO dn VALUES (1, 2, NULL);
UPDATE dn SET b = NULL;
UPDATE dn SET b = b + 1, c = NULL RETURNING *;
-- a generated column of the domain type
CREATE TABLE dng (a int, b dnn GENERATED ALWAYS AS (a * 2) STORED);
INSERT INTO dng (a) VALUES (NULL);
INSERT INTO dng (a) VALUES (4);
UPDATE dng SET a = NULL;
SELECT * FROM dng;
-- arrays of the domain
SELECT ARRAY[1, NULL]::dnn[];
SELECT ARRAY[1, NULL]::dpos[];
-- PL/pgSQL variables of the domain start as NULL coerced to it
DO $$ DECLARE x dnn; BEGIN RAISE NOTICE 'x=%', x; END $$;
DO $$ DECLARE x dpos; BEGIN RAISE NOTICE 'x=%', x; END $$;
DO $$ DECLARE x dnn := 1; BEGIN x := NULL; RAISE NOTICE 'x=%', x; END $$;
CREATE FUNCTION fdn(p dnn) RETURNS int LANGUAGE sql AS 'SELECT p';
SELECT fdn(NULL);
SELECT fdn(3);
