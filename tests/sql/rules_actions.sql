-- Rule actions: SELECT, multi-row VALUES, OLD/NEW in an action's WITH, the statement's WITH,
-- data-modifying WITH on relations with rules
CREATE TABLE ra_t (i int);
CREATE TABLE ra_t2 (i int);
CREATE TABLE ra_log (a int, b text);
INSERT INTO ra_t VALUES (1), (2), (3);
INSERT INTO ra_t2 VALUES (10), (20);
CREATE RULE ra_t_ins AS ON INSERT TO ra_t DO INSTEAD INSERT INTO ra_t2 VALUES (new.i);
WITH d AS (DELETE FROM ra_t RETURNING *) INSERT INTO ra_t SELECT * FROM d;
SELECT * FROM ra_t ORDER BY i;
SELECT * FROM ra_t2 ORDER BY i;
WITH s AS (SELECT 7 AS x) INSERT INTO ra_t SELECT x FROM s;
SELECT * FROM ra_t2 ORDER BY i;
CREATE OR REPLACE RULE ra_t_ins AS ON INSERT TO ra_t DO INSTEAD INSERT INTO ra_t2 SELECT new.i;
WITH d AS (DELETE FROM ra_t2 RETURNING *) INSERT INTO ra_t SELECT * FROM d;
DROP RULE ra_t_ins ON ra_t;
-- a SELECT action gives the statement's rows
CREATE RULE ra_t_sel AS ON INSERT TO ra_t DO INSTEAD SELECT new.i * 100 AS hundred, i FROM ra_t2 ORDER BY 1, 2;
INSERT INTO ra_t VALUES (1), (2);
SELECT count(*) FROM ra_t;
DROP RULE ra_t_sel ON ra_t;
-- several VALUES rows in an action
CREATE RULE ra_t_ins2 AS ON INSERT TO ra_t DO ALSO
  INSERT INTO ra_log VALUES (0, 'fixed'), (new.i, 'new');
INSERT INTO ra_t VALUES (5), (6);
SELECT * FROM ra_log ORDER BY a, b;
SELECT * FROM ra_t ORDER BY i;
-- data-modifying WITH on a relation with rules
WITH w AS (INSERT INTO ra_t VALUES (9)) SELECT 1;
CREATE RULE ra_t2_del AS ON DELETE TO ra_t2 DO INSTEAD NOTHING;
WITH w AS (DELETE FROM ra_t2) SELECT 1;
CREATE OR REPLACE RULE ra_t2_del AS ON DELETE TO ra_t2 WHERE old.i > 5 DO INSTEAD DELETE FROM ra_log;
WITH w AS (DELETE FROM ra_t2) SELECT 1;
CREATE OR REPLACE RULE ra_t2_del AS ON DELETE TO ra_t2 DO INSTEAD (DELETE FROM ra_log; DELETE FROM ra_log);
WITH w AS (DELETE FROM ra_t2) SELECT 1;
-- OLD/NEW may not appear in an action's WITH
CREATE RULE ra_bad AS ON UPDATE TO ra_t DO INSTEAD
  WITH x AS (SELECT old.*) UPDATE ra_t2 SET i = x.i FROM x;
CREATE RULE ra_bad AS ON UPDATE TO ra_t DO INSTEAD
  WITH x AS (SELECT new.i) UPDATE ra_t2 SET i = x.i FROM x;
DROP TABLE ra_t, ra_t2, ra_log;
