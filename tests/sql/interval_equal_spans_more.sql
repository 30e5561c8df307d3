-- Equal interval spans printed differently, continued: min/max ties, arrays and records of
-- intervals, UPDATE into an equal key (tests/sql/interval_equal_spans.sql has the main matrix).
CREATE TABLE ivm (i interval, m text);
INSERT INTO ivm VALUES ('30 days', 'a'), ('1 mon', 'b'), ('1 day', 'c'), ('24 hours', 'd'), ('720 hours', 'e');
-- min/max keep the later of equal values, as interval_smaller/interval_larger do
SELECT max(i), min(i) FROM ivm;
SELECT max(i), min(i) FROM ivm WHERE m <> 'e';
SELECT max(i) FROM (VALUES ('1 mon'::interval), ('30 days')) v(i);
SELECT max(i) FROM (VALUES ('30 days'::interval), ('1 mon')) v(i);
SELECT min(i) FROM (VALUES ('24 hours'::interval), ('1 day')) v(i);
SELECT min(i) FROM (VALUES ('1 day'::interval), ('24 hours')) v(i);
SELECT m, max(i) OVER (ORDER BY m ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM ivm ORDER BY m;
SELECT m, min(i) OVER (ORDER BY m ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM ivm WHERE m IN ('c', 'd') ORDER BY m;
-- sum/avg(DISTINCT): equal spans count once
SELECT extract(epoch FROM sum(DISTINCT i)) AS s, extract(epoch FROM avg(DISTINCT i)) AS a FROM ivm;
SELECT sum(DISTINCT i), avg(DISTINCT i) FROM (VALUES ('1 day'::interval), ('1 day'), ('2 days'), (NULL)) v(i);
SELECT k, sum(DISTINCT i) FROM (VALUES (1, '1 day'::interval), (1, '1 day'), (2, '2 days')) v(k, i) GROUP BY k ORDER BY k;
SELECT sum(DISTINCT i), avg(DISTINCT i) FROM (VALUES (NULL::interval)) v(i);
SELECT sum(DISTINCT i) FROM (VALUES ('178000000 years'::interval), ('1 year'), ('178000000 years')) v(i);
SELECT sum(DISTINCT i) FROM (VALUES ('178000000 years'::interval), ('100000000 years')) v(i);
-- arrays of intervals
SELECT count(*) FROM (SELECT DISTINCT a FROM (VALUES (ARRAY['1 mon'::interval]), (ARRAY['30 days'::interval]), (ARRAY['1 day'::interval])) v(a)) s;
SELECT count(*) FROM (SELECT a FROM (VALUES (ARRAY['1 mon'::interval, NULL]), (ARRAY['30 days'::interval, NULL])) v(a) GROUP BY a) s;
SELECT count(*) FROM (SELECT ARRAY['1 day'::interval] UNION SELECT ARRAY['24 hours'::interval]) s;
SELECT count(DISTINCT a) FROM (VALUES (ARRAY['1 mon'::interval]), (ARRAY['30 days'::interval])) v(a);
CREATE TABLE iva (a interval[] UNIQUE);
INSERT INTO iva VALUES ('{"1 mon","1 day"}');
INSERT INTO iva VALUES ('{"30 days","24 hours"}');
INSERT INTO iva VALUES ('{"30 days","25 hours"}');
SELECT count(*) FROM iva;
-- records with interval fields
SELECT count(*) FROM (SELECT DISTINCT r FROM (VALUES (ROW('1 mon'::interval, 1)), (ROW('30 days'::interval, 1))) v(r)) s;
CREATE TYPE ivpair AS (i interval, n int);
CREATE TABLE ivr (p ivpair PRIMARY KEY);
INSERT INTO ivr VALUES (ROW('1 day', 1));
INSERT INTO ivr VALUES (ROW('24 hours', 1));
INSERT INTO ivr VALUES (ROW('24 hours', 2));
SELECT count(*) FROM ivr;
SELECT count(*) FROM (SELECT p FROM ivr UNION SELECT ROW('1 day', 2)::ivpair) s;
SELECT count(*) FROM (SELECT DISTINCT r FROM (VALUES (ROW(ARRAY['1 mon'::interval, NULL], 1)), (ROW(ARRAY['30 days'::interval, NULL], 1)), (ROW(ARRAY['31 days'::interval, NULL], 1))) v(r)) s;
CREATE TYPE ivarr AS (a interval[], n int);
CREATE TABLE iar (p ivarr UNIQUE);
INSERT INTO iar VALUES (ROW('{"1 day"}', 1));
INSERT INTO iar VALUES (ROW('{"24 hours"}', 1));
INSERT INTO iar VALUES (ROW('{"24 hours"}', 2));
SELECT count(*) FROM iar GROUP BY (p).a;
DROP TABLE iar;
DROP TYPE ivarr;
-- UPDATE into an equal key
CREATE TABLE ivk (i interval UNIQUE, n int);
INSERT INTO ivk VALUES ('1 mon', 1), ('1 day', 2);
UPDATE ivk SET i = '30 days' WHERE n = 2;
UPDATE ivk SET i = '720 hours' WHERE n = 1;
SELECT i, n FROM ivk ORDER BY n;
-- foreign keys: cascades find the referencing rows by span
CREATE TABLE ivp (i interval PRIMARY KEY);
INSERT INTO ivp VALUES ('1 day'), ('2 days');
CREATE TABLE ivc (i interval REFERENCES ivp ON DELETE CASCADE, k int);
INSERT INTO ivc VALUES ('24 hours', 1), ('1 day', 2), ('48 hours', 3);
DELETE FROM ivp WHERE i = '1 day';
SELECT k FROM ivc ORDER BY k;
-- comparisons in subqueries, joins and lists
CREATE TABLE ivq (i interval, k int);
INSERT INTO ivq VALUES ('1 mon', 1), ('1 day', 2);
SELECT k FROM ivq WHERE i IN (SELECT '30 days'::interval);
SELECT k FROM ivq WHERE i NOT IN (SELECT '30 days'::interval) ORDER BY k;
SELECT k FROM ivq WHERE i = ANY (ARRAY['24 hours'::interval]);
SELECT k FROM ivq WHERE i IN ('24 hours', '720 hours') ORDER BY k;
SELECT a.k, b.k FROM ivq a JOIN ivq b ON a.i = b.i + '0 s' ORDER BY 1;
SELECT k FROM ivq WHERE (i, k) IN (SELECT '30 days'::interval, 1);
SELECT k FROM ivq JOIN (VALUES ('720 hours'::interval)) v(i) USING (i);
-- a referenced key updated to an equal one: cascades follow it, NO ACTION finds it still there
CREATE TABLE ivp2 (i interval PRIMARY KEY);
INSERT INTO ivp2 VALUES ('1 day');
CREATE TABLE ivc2 (i interval REFERENCES ivp2 ON UPDATE CASCADE);
INSERT INTO ivc2 VALUES ('24 hours');
UPDATE ivp2 SET i = '24 hours';
SELECT i FROM ivc2;
CREATE TABLE ivc3 (i interval REFERENCES ivp2);
INSERT INTO ivc3 VALUES ('1 day');
UPDATE ivp2 SET i = '1 day';
SELECT i FROM ivp2;
DELETE FROM ivc3;
DELETE FROM ivp2;
CREATE TABLE nmp (n numeric PRIMARY KEY);
INSERT INTO nmp VALUES (1.5);
CREATE TABLE nmc (n numeric REFERENCES nmp);
INSERT INTO nmc VALUES (1.50);
UPDATE nmp SET n = 1.500;
SELECT n FROM nmp;
DELETE FROM nmp;
DROP TABLE ivq, ivc2, ivc3, ivp2, nmc, nmp;
-- foreign keys over interval[] and numeric[] columns
CREATE TABLE pa (a interval[] PRIMARY KEY);
INSERT INTO pa VALUES ('{"1 mon"}');
CREATE TABLE ca (a interval[] REFERENCES pa);
INSERT INTO ca VALUES ('{"30 days"}');
INSERT INTO ca VALUES ('{"31 days"}');
DELETE FROM pa;
SELECT count(*) FROM ca;
CREATE TABLE pn (a numeric[] PRIMARY KEY);
INSERT INTO pn VALUES ('{1.5}');
CREATE TABLE cn (a numeric[] REFERENCES pn ON DELETE CASCADE);
INSERT INTO cn VALUES ('{1.50}');
DELETE FROM pn;
SELECT count(*) FROM cn;
DROP TABLE ca, pa, cn, pn;
DROP TABLE ivm, iva, ivr, ivk, ivc, ivp;
DROP TYPE ivpair;
