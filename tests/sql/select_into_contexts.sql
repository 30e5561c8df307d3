-- SELECT INTO where PostgreSQL refuses it: subqueries, INSERT ... SELECT, DECLARE CURSOR,
-- COPY (query) and views.
CREATE TABLE sic (a int);
SELECT * FROM (SELECT 1 INTO sic_f) bar;
INSERT INTO sic SELECT 1 INTO sic_f;
DECLARE sic_c CURSOR FOR SELECT 1 INTO sic;
COPY (SELECT 1 INTO sic_f UNION SELECT 2) TO stdout;
CREATE VIEW sic_v AS SELECT 1 INTO sic;
CREATE VIEW sic_v AS SELECT nope INTO sic;
SELECT 1 AS x INTO sic_ok;
SELECT * FROM sic_ok;
DROP TABLE sic, sic_ok;
