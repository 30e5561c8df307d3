-- Rules combined with other statements: several rules on one event (fired in name order),
-- conditional INSTEAD rules with RETURNING, RETURNING * in rule actions, recursion detected
-- before anything runs, COPY (rules ignored), ON CONFLICT, MERGE and data-modifying WITH.
CREATE TABLE rm (a int, b int);
CREATE TABLE rm_log (op text, a int, b int);
CREATE RULE rm_b AS ON INSERT TO rm DO ALSO INSERT INTO rm_log VALUES ('b', NEW.a, NEW.b);
CREATE RULE rm_a AS ON INSERT TO rm DO ALSO INSERT INTO rm_log VALUES ('a', NEW.a, NEW.b);
CREATE RULE rm_c AS ON INSERT TO rm DO ALSO UPDATE rm_log SET b = b + 1000 WHERE op = 'a';
INSERT INTO rm VALUES (1, 1);
INSERT INTO rm VALUES (2, 2);
SELECT * FROM rm_log ORDER BY op, a;
-- COPY FROM does not fire rules.
COPY rm FROM stdin;
10	10
11	11
\.
SELECT * FROM rm ORDER BY a;
SELECT count(*) FROM rm_log;
-- ON CONFLICT, MERGE, data-modifying WITH.
INSERT INTO rm VALUES (1, 1) ON CONFLICT DO NOTHING;
CREATE RULE rm_upd AS ON UPDATE TO rm DO INSTEAD NOTHING;
MERGE INTO rm USING (SELECT 1 AS a) s ON rm.a = s.a WHEN MATCHED THEN UPDATE SET b = 0;
WITH x AS (UPDATE rm SET b = 5 RETURNING *) SELECT * FROM x;
WITH x AS (UPDATE rm SET b = 5) SELECT 1;
WITH x AS (INSERT INTO rm VALUES (9, 9) RETURNING *) SELECT * FROM x;
CREATE TABLE rm_plain (a int, b int);
CREATE RULE rm_plain_del AS ON DELETE TO rm_plain DO INSTEAD NOTHING;
MERGE INTO rm_plain USING (SELECT 1 AS a) s ON rm_plain.a = s.a WHEN NOT MATCHED THEN INSERT VALUES (1, 1);
-- An INSTEAD rule whose action returns *: the action's own relation's columns.
CREATE TABLE ru (a int, b int);
CREATE RULE ru_del AS ON DELETE TO ru DO INSTEAD UPDATE ru SET b = -1 WHERE a = OLD.a RETURNING *;
INSERT INTO ru VALUES (1, 1), (2, 2);
DELETE FROM ru WHERE a = 1 RETURNING *;
DELETE FROM ru WHERE a = 2 RETURNING a * 10 AS ten, b;
SELECT * FROM ru ORDER BY a;
CREATE TABLE ru_src (k int, note text);
INSERT INTO ru_src VALUES (1, 'one');
CREATE TABLE rf (a int, b int);
CREATE RULE rf_del AS ON DELETE TO rf DO INSTEAD
  UPDATE ru SET b = ru.b + 100 FROM ru_src WHERE ru.a = OLD.a AND ru_src.k = ru.a RETURNING ru.*;
INSERT INTO rf VALUES (1, 0);
DELETE FROM rf RETURNING *;
-- A rule cycle is found before anything runs, whatever the rules' conditions.
CREATE RULE ru_upd AS ON UPDATE TO ru WHERE NEW.b > 100 DO INSTEAD DELETE FROM ru WHERE a = OLD.a;
UPDATE ru SET b = 200 WHERE a = 2 RETURNING *;
UPDATE ru SET b = 20 WHERE a = 2;
WITH x AS (DELETE FROM ru RETURNING *) SELECT * FROM x;
SELECT * FROM ru ORDER BY a;
-- Conditional INSTEAD on UPDATE with an unconditional INSTEAD ... RETURNING on DELETE.
CREATE TABLE rc (a int, b int);
INSERT INTO rc VALUES (1, 1), (2, 2), (3, 3);
CREATE TABLE rc_log (a int, b int);
CREATE RULE rc_upd AS ON UPDATE TO rc WHERE OLD.a = 2 DO INSTEAD INSERT INTO rc_log VALUES (OLD.a, NEW.b);
UPDATE rc SET b = b * 10;
UPDATE rc SET b = 0 RETURNING *;
SELECT * FROM rc ORDER BY a;
SELECT * FROM rc_log ORDER BY a;
CREATE RULE rc_del AS ON DELETE TO rc DO INSTEAD
  INSERT INTO rc_log VALUES (OLD.a, -OLD.b) RETURNING a, b;
DELETE FROM rc WHERE a >= 2 RETURNING *;
SELECT * FROM rc ORDER BY a;
SELECT * FROM rc_log ORDER BY a, b;
