-- CREATE RULE on views and tables: INSERT/UPDATE/DELETE rewritten by DO INSTEAD / DO ALSO rules
CREATE TABLE rd_base (id int PRIMARY KEY, name text, qty int DEFAULT 0);
CREATE TABLE rd_log (op text, id int, name text);
INSERT INTO rd_base VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30);
CREATE VIEW rd_v AS SELECT id, name FROM rd_base;
-- INSTEAD rules with RETURNING
CREATE RULE rd_v_ins AS ON INSERT TO rd_v DO INSTEAD
  INSERT INTO rd_base VALUES (new.id, new.name, 99) RETURNING id, name;
CREATE RULE rd_v_upd AS ON UPDATE TO rd_v DO INSTEAD
  UPDATE rd_base SET id = new.id, name = new.name WHERE id = old.id RETURNING id, name;
CREATE RULE rd_v_del AS ON DELETE TO rd_v DO INSTEAD
  DELETE FROM rd_base WHERE id = old.id RETURNING id, name;
INSERT INTO rd_v VALUES (4, 'four');
INSERT INTO rd_v VALUES (5, 'five'), (6, 'six') RETURNING *, id * 10 AS x;
INSERT INTO rd_v (name, id) SELECT name || '!', id + 10 FROM rd_base WHERE id < 3 RETURNING rd_v.name;
UPDATE rd_v SET name = upper(name) WHERE id IN (1, 2) RETURNING *;
UPDATE rd_v v SET id = v.id + 100 WHERE v.name = 'four';
DELETE FROM rd_v WHERE id > 10 RETURNING name;
SELECT * FROM rd_base ORDER BY id;
-- a RETURNING statement needs an INSTEAD rule with RETURNING
CREATE RULE rd_v_ins2 AS ON INSERT TO rd_v DO INSTEAD NOTHING;
INSERT INTO rd_v VALUES (7, 'seven') RETURNING *;
DROP RULE rd_v_ins ON rd_v;
INSERT INTO rd_v VALUES (7, 'seven') RETURNING *;
INSERT INTO rd_v VALUES (7, 'seven');
SELECT count(*) FROM rd_base;
-- DO ALSO rules on a table: the original statement runs too
CREATE RULE rd_base_log_ins AS ON INSERT TO rd_base DO ALSO
  INSERT INTO rd_log VALUES ('ins', new.id, new.name);
CREATE RULE rd_base_log_upd AS ON UPDATE TO rd_base DO ALSO
  INSERT INTO rd_log VALUES ('upd', old.id, old.name || '->' || new.name);
CREATE RULE rd_base_log_del AS ON DELETE TO rd_base WHERE old.qty > 25 DO ALSO
  INSERT INTO rd_log VALUES ('del', old.id, old.name);
INSERT INTO rd_base VALUES (50, 'fifty', 5), (51, 'fifty-one', 6);
UPDATE rd_base SET name = name || '+' WHERE id >= 50;
UPDATE rd_base SET qty = qty + 1 WHERE id = 1 RETURNING id, qty;
DELETE FROM rd_base WHERE id IN (3, 50);
SELECT * FROM rd_log ORDER BY op, id;
SELECT * FROM rd_base ORDER BY id;
-- conditional INSTEAD rule: rows the condition takes go to the action, the others stay
CREATE TABLE rd_t (a int, b text);
CREATE TABLE rd_arch (a int, b text);
INSERT INTO rd_t VALUES (1, 'x'), (2, 'y'), (3, 'z');
CREATE RULE rd_t_del AS ON DELETE TO rd_t WHERE old.a >= 2 DO INSTEAD
  INSERT INTO rd_arch VALUES (old.a, old.b);
DELETE FROM rd_t;
SELECT * FROM rd_t ORDER BY a;
SELECT * FROM rd_arch ORDER BY a;
-- several actions, NOTHING
CREATE VIEW rd_tv AS SELECT a, b FROM rd_t;
CREATE RULE rd_tv_ins AS ON INSERT TO rd_tv DO INSTEAD (
  INSERT INTO rd_t VALUES (new.a, new.b);
  INSERT INTO rd_arch VALUES (new.a * 100, 'copy of ' || new.b)
);
INSERT INTO rd_tv VALUES (7, 'q'), (8, 'r');
SELECT * FROM rd_t ORDER BY a;
SELECT * FROM rd_arch ORDER BY a;
CREATE RULE rd_tv_upd AS ON UPDATE TO rd_tv DO INSTEAD NOTHING;
UPDATE rd_tv SET b = 'never';
SELECT * FROM rd_t ORDER BY a;
-- errors
CREATE RULE rd_tv_upd AS ON UPDATE TO rd_tv DO INSTEAD NOTHING;
CREATE RULE rd_bad AS ON INSERT TO rd_tv DO INSTEAD INSERT INTO rd_t VALUES (old.a, 'x');
CREATE RULE rd_bad AS ON DELETE TO rd_tv DO INSTEAD INSERT INTO rd_t VALUES (new.a, 'x');
CREATE RULE rd_bad AS ON INSERT TO rd_tv DO INSTEAD INSERT INTO rd_t VALUES (new.zz, 'x');
CREATE RULE rd_bad AS ON INSERT TO rd_tv DO ALSO INSERT INTO rd_t VALUES (new.a, 'x') RETURNING *;
CREATE RULE rd_bad AS ON INSERT TO rd_tv WHERE new.a > 0 DO INSTEAD INSERT INTO rd_t VALUES (new.a, 'x') RETURNING *;
CREATE RULE rd_bad AS ON INSERT TO rd_tv DO INSTEAD INSERT INTO rd_t VALUES (new.a, 'x') RETURNING b, a;
CREATE RULE rd_bad AS ON INSERT TO rd_tv DO INSTEAD INSERT INTO rd_t VALUES (new.a, 'x') RETURNING a;
CREATE RULE rd_bad AS ON INSERT TO rd_missing DO INSTEAD NOTHING;
DROP RULE rd_nope ON rd_tv;
DROP RULE IF EXISTS rd_nope ON rd_tv;
DROP RULE rd_tv_upd ON rd_tv;
DROP VIEW rd_tv;
DROP VIEW rd_v;
DROP TABLE rd_base, rd_log, rd_t, rd_arch;
