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
-- Conditional DO INSTEAD rules ON INSERT (rule-based partitioning): the original INSERT keeps
-- the rows no rule's condition accepts.
CREATE TABLE rs_m (d date, v int, note text DEFAULT 'n');
CREATE TABLE rs_m_old (d date, v int, note text);
CREATE TABLE rs_m_new (d date, v int, note text);
CREATE RULE rs_m_r1 AS ON INSERT TO rs_m WHERE NEW.d < '2020-01-01' DO INSTEAD INSERT INTO rs_m_old VALUES (NEW.*);
CREATE RULE rs_m_r2 AS ON INSERT TO rs_m WHERE NEW.d >= '2021-01-01' DO INSTEAD INSERT INTO rs_m_new VALUES (NEW.d, NEW.v, NEW.note);
INSERT INTO rs_m VALUES ('2019-05-01', 1);
INSERT INTO rs_m VALUES ('2020-05-01', 2);
INSERT INTO rs_m VALUES ('2022-05-01', 3, 'x');
INSERT INTO rs_m VALUES ('2019-01-01', 4), ('2020-02-02', 5), ('2023-03-03', 6);
INSERT INTO rs_m (v, d) SELECT 7, '2018-01-01'::date;
INSERT INTO rs_m (v, d) SELECT * FROM (VALUES (8, date '2020-06-06'), (11, date '2018-02-02')) x;
INSERT INTO rs_m VALUES ('2020-07-07', 9) RETURNING *;
INSERT INTO rs_m VALUES ('2017-07-07', 10) RETURNING *;
SELECT * FROM rs_m ORDER BY v;
SELECT * FROM rs_m_old ORDER BY v;
SELECT * FROM rs_m_new ORDER BY v;
CREATE TABLE rs_n (f1 int);
CREATE RULE rs_n_r AS ON INSERT TO rs_n WHERE f1 < 100 DO INSTEAD NOTHING;
INSERT INTO rs_n VALUES (1);
INSERT INTO rs_n VALUES (1001), (5);
SELECT * FROM rs_n;
-- DEFAULT in a rule action's VALUES is the action target's default; a multi-row VALUES action
-- computes its rows source row by source row.
CREATE TABLE rs_src (f1 int, f2 int DEFAULT 0);
CREATE TABLE rs_log2 (f1 int, f2 int, tag text, id serial, d date);
INSERT INTO rs_src VALUES (1, 2), (11, 12);
CREATE RULE rs_src_upd AS ON UPDATE TO rs_src DO ALSO
  INSERT INTO rs_log2 VALUES (OLD.*, 'old', DEFAULT, '2020-01-01'), (NEW.*, 'new', DEFAULT, NULL);
UPDATE rs_src SET f2 = f2 + 1;
CREATE RULE rs_src_ins AS ON INSERT TO rs_src DO ALSO
  INSERT INTO rs_log2 VALUES (NULL, NULL, '-', DEFAULT), (NEW.*, 'new', DEFAULT);
INSERT INTO rs_src VALUES (22, 23), (33, DEFAULT);
SELECT * FROM rs_log2 ORDER BY id;
-- A view that is SELECT * of a view with rules: the statement acts on the inner view.
CREATE TABLE rs_bt (a int, b text);
CREATE VIEW rs_bv1 AS SELECT * FROM rs_bt;
CREATE VIEW rs_bv2 AS SELECT * FROM rs_bv1;
CREATE RULE rs_bv1_ins AS ON INSERT TO rs_bv1 DO INSTEAD INSERT INTO rs_bt VALUES (NEW.a * 10, NEW.b) RETURNING *;
INSERT INTO rs_bv2 VALUES (1, 'x') RETURNING *;
INSERT INTO rs_bv2 VALUES (2, 'y');
CREATE TABLE rs_blog (a int, b text);
CREATE RULE rs_bv1_upd AS ON UPDATE TO rs_bv1 DO ALSO INSERT INTO rs_blog VALUES (OLD.a, NEW.b);
UPDATE rs_bv2 v SET b = upper(v.b) WHERE v.a = 10 RETURNING *;
SELECT * FROM rs_bt ORDER BY a;
SELECT * FROM rs_blog ORDER BY a;
