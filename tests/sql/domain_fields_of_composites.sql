-- Records read from text (record_in) check the constraints of their domain fields, also in
-- nested composites (PostgreSQL's record_in calls each field's domain input).
CREATE DOMAIN dpos AS int CHECK (VALUE > 0);
CREATE TYPE cpos AS (x dpos, y text);
CREATE TYPE outer_c AS (c cpos, n int);
CREATE TABLE tc (c cpos, o outer_c);
SELECT ('(' || -3 || ',z)')::cpos;
SELECT ('(' || 3 || ',z)')::cpos;
SELECT ('(' || '' || ',z)')::cpos;
SELECT ROW(-5, 'a')::cpos;
INSERT INTO tc SELECT t::cpos, NULL FROM (VALUES ('(-5,a)')) v(t);
INSERT INTO tc SELECT '(5,a)', t::outer_c FROM (VALUES ('("(-1,b)",2)')) v(t);
INSERT INTO tc SELECT '(5,a)', t::outer_c FROM (VALUES ('("(1,b)",2)')) v(t);
SELECT * FROM tc;
UPDATE tc SET c = (SELECT '(0,q)'::text)::cpos;
SELECT * FROM tc;
-- ALTER DOMAIN ADD CONSTRAINT / SET NOT NULL while columns of containers of the domain exist
ALTER DOMAIN dpos ADD CONSTRAINT dpos_small CHECK (VALUE < 100);
ALTER DOMAIN dpos SET NOT NULL;
DROP TABLE tc;
CREATE TABLE ta (a dpos[]);
ALTER DOMAIN dpos ADD CONSTRAINT dpos_small CHECK (VALUE < 100);
DROP TABLE ta;
CREATE DOMAIN dposarr AS dpos[];
CREATE TABLE td (a dposarr, b dpos);
INSERT INTO td VALUES ('{1}', 200);
ALTER DOMAIN dpos ADD CONSTRAINT dpos_small CHECK (VALUE < 100);
DROP TABLE td;
CREATE TABLE tp (b dpos);
INSERT INTO tp VALUES (200);
ALTER DOMAIN dpos ADD CONSTRAINT dpos_small CHECK (VALUE < 100);
DELETE FROM tp;
ALTER DOMAIN dpos ADD CONSTRAINT dpos_small CHECK (VALUE < 100);
INSERT INTO tp VALUES (200);
