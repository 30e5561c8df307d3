-- NEW.x in rule actions for columns the statement does not give: PostgreSQL substitutes the
-- column's default (once per reference, so a volatile default is evaluated each time), a
-- generated column's expression over NEW, and a one-row VALUES' volatile expression.
CREATE SEQUENCE rnv_seq;
CREATE TABLE rnv (id int DEFAULT nextval('rnv_seq'), a int, c text DEFAULT 'dflt',
                  g int GENERATED ALWAYS AS (a * 2) STORED);
CREATE TABLE rnv_log (op text, x int, y int, c text, g int);
CREATE RULE rnv_ins AS ON INSERT TO rnv DO ALSO
  INSERT INTO rnv_log VALUES ('ins', NEW.id, NEW.id, NEW.c, NEW.g);
INSERT INTO rnv (a) VALUES (1), (2);
INSERT INTO rnv VALUES (DEFAULT, 5);
INSERT INTO rnv SELECT 100, 7;
INSERT INTO rnv VALUES (nextval('rnv_seq'), 8, 'given');
INSERT INTO rnv VALUES (DEFAULT, 9), (50, 10);
INSERT INTO rnv (a, c) VALUES (11, DEFAULT);
SELECT * FROM rnv ORDER BY a;
SELECT * FROM rnv_log ORDER BY x, y;
-- UPDATE: NEW of an unassigned generated column follows the assigned ones.
CREATE RULE rnv_upd AS ON UPDATE TO rnv DO ALSO
  INSERT INTO rnv_log VALUES ('upd', OLD.g, NEW.g, NEW.c, NEW.id);
DELETE FROM rnv_log;
UPDATE rnv SET a = a + 1 WHERE a < 3;
UPDATE rnv SET c = DEFAULT WHERE a = 8;
UPDATE rnv SET id = DEFAULT WHERE a = 9;
SELECT * FROM rnv ORDER BY a;
SELECT op, x, y, c FROM rnv_log ORDER BY x, y;
-- A conditional INSTEAD rule whose qual reads NEW of a generated column or of an assigned one.
CREATE TABLE rnv_g (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
CREATE RULE rnv_g_q AS ON UPDATE TO rnv_g WHERE NEW.b > 100 DO INSTEAD NOTHING;
INSERT INTO rnv_g VALUES (1), (60);
UPDATE rnv_g SET a = a + 1;
SELECT * FROM rnv_g ORDER BY a;
CREATE TABLE rnv_h (a int, b int);
CREATE RULE rnv_h_q AS ON UPDATE TO rnv_h WHERE NEW.b > 100 DO INSTEAD NOTHING;
INSERT INTO rnv_h VALUES (1, 1), (60, 60);
UPDATE rnv_h SET b = b * 2;
SELECT * FROM rnv_h ORDER BY a;
-- A view's column default (ALTER VIEW ... SET DEFAULT) stands for NEW of an omitted column.
CREATE TABLE rnv_base (a int, b text);
CREATE VIEW rnv_v AS SELECT * FROM rnv_base;
ALTER VIEW rnv_v ALTER COLUMN b SET DEFAULT 'view default';
CREATE RULE rnv_v_ins AS ON INSERT TO rnv_v DO INSTEAD INSERT INTO rnv_base VALUES (NEW.a, NEW.b);
INSERT INTO rnv_v (a) VALUES (1);
INSERT INTO rnv_v VALUES (2, 'given');
SELECT * FROM rnv_base ORDER BY a;
