-- Rules where the statement arrives other than as a plain INSERT/UPDATE/DELETE: PREPARE /
-- EXECUTE, an ALSO rule's SELECT action, actions whose subqueries read NEW/OLD, unqualified
-- columns in a rule's WHERE.
CREATE TABLE rs (a int, b text);
CREATE TABLE rs_log (a int, b text);
CREATE RULE rs_ins AS ON INSERT TO rs DO ALSO INSERT INTO rs_log VALUES (NEW.a, NEW.b || '!');
CREATE RULE rs_upd AS ON UPDATE TO rs DO ALSO INSERT INTO rs_log VALUES (OLD.a, NEW.b);
PREPARE rs_p(int, text) AS INSERT INTO rs VALUES ($1, $2);
EXECUTE rs_p(5, 'x');
EXECUTE rs_p(6, 'y');
PREPARE rs_u(text, int) AS UPDATE rs SET b = $1 WHERE a = $2;
EXECUTE rs_u('z', 5);
PREPARE rs_q AS INSERT INTO rs VALUES (7, 'q') RETURNING *;
EXECUTE rs_q;
SELECT * FROM rs ORDER BY a;
SELECT * FROM rs_log ORDER BY a, b;
-- A SELECT action's rows are the statement's result.
CREATE TABLE rs_sel (x int);
INSERT INTO rs_sel VALUES (7), (8);
CREATE RULE rs_sel_del AS ON DELETE TO rs_sel DO ALSO SELECT * FROM rs_sel WHERE x = OLD.x;
DELETE FROM rs_sel WHERE x = 7;
SELECT * FROM rs_sel;
-- Subqueries in an action's FROM read NEW / OLD.
CREATE TABLE rule_t1 (a int, b text DEFAULT 'xxx', c int);
CREATE VIEW rule_v1 AS SELECT * FROM rule_t1;
CREATE RULE v1_ins AS ON INSERT TO rule_v1
  DO ALSO INSERT INTO rule_t1
  SELECT * FROM (SELECT a + 10 FROM rule_t1 WHERE a = NEW.a) tt;
CREATE RULE v1_upd AS ON UPDATE TO rule_v1
  DO ALSO UPDATE rule_t1 t
  SET c = tt.a * 10
  FROM (SELECT a FROM rule_t1 WHERE a = OLD.a) tt WHERE t.a = tt.a;
INSERT INTO rule_v1 VALUES (1, 'a'), (2, 'b');
UPDATE rule_v1 SET b = upper(b);
SELECT * FROM rule_t1 ORDER BY a;
-- Unqualified columns in the WHERE: NEW's ON INSERT, OLD's ON DELETE, ambiguous ON UPDATE.
CREATE TABLE rs_foo (f1 int);
CREATE TABLE rs_foo2 (f1 int);
CREATE RULE rs_foo_del AS ON DELETE TO rs_foo WHERE f1 < 100 DO INSTEAD INSERT INTO rs_foo2 VALUES (OLD.f1 * 2);
CREATE RULE rs_foo_ins AS ON INSERT TO rs_foo WHERE f1 > 100 DO ALSO INSERT INTO rs_foo2 VALUES (NEW.f1);
INSERT INTO rs_foo VALUES (2), (1001);
DELETE FROM rs_foo;
SELECT * FROM rs_foo ORDER BY f1;
SELECT * FROM rs_foo2 ORDER BY f1;
CREATE RULE rs_foo_upd AS ON UPDATE TO rs_foo WHERE f1 < 100 DO INSTEAD NOTHING;
CREATE RULE rs_foo_upd AS ON UPDATE TO rs_foo WHERE EXISTS (SELECT 1 FROM rs_foo2 WHERE f1 = NEW.f1) DO INSTEAD NOTHING;
UPDATE rs_foo SET f1 = 2;
SELECT * FROM rs_foo ORDER BY f1;
