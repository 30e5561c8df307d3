-- Generated (STORED) columns in row triggers: a PL/pgSQL BEFORE trigger sees NEW.gen as NULL
-- (INSERT and UPDATE), assignments to it are ignored and the column is computed after the
-- BEFORE triggers from the row they return; OLD.gen and AFTER triggers see the stored values.
CREATE TABLE tg (a int PRIMARY KEY, b int GENERATED ALWAYS AS (a * 2) STORED, c text);
CREATE FUNCTION tg_show() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tg_op IN ('UPDATE', 'DELETE') THEN
    RAISE NOTICE '% % %: old = % (b %)', TG_NAME, TG_WHEN, TG_OP, OLD, OLD.b;
  END IF;
  IF tg_op IN ('INSERT', 'UPDATE') THEN
    RAISE NOTICE '% % %: new = % (b is null: %)', TG_NAME, TG_WHEN, TG_OP, NEW, NEW.b IS NULL;
  END IF;
  IF tg_op = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_1_before BEFORE INSERT OR UPDATE OR DELETE ON tg FOR EACH ROW EXECUTE FUNCTION tg_show();
CREATE TRIGGER tg_9_after AFTER INSERT OR UPDATE OR DELETE ON tg FOR EACH ROW EXECUTE FUNCTION tg_show();
INSERT INTO tg (a, c) VALUES (1, 'x'), (2, 'y');
UPDATE tg SET a = a + 10 WHERE a = 1;
UPDATE tg SET c = 'z' WHERE a = 2;
DELETE FROM tg WHERE a = 2;
SELECT * FROM tg ORDER BY a;
-- a BEFORE trigger that changes the row and assigns the generated column
CREATE FUNCTION tg_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.a := NEW.a + 100;
  NEW.b := -1;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_5_change BEFORE INSERT OR UPDATE ON tg FOR EACH ROW EXECUTE FUNCTION tg_change();
INSERT INTO tg (a, c) VALUES (3, 'w');
UPDATE tg SET c = 'v' WHERE a = 11;
SELECT * FROM tg ORDER BY a;
-- only the generated column assigned: ignored
CREATE FUNCTION tg_only_b() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.b := 1000;
  RETURN NEW;
END $$;
DROP TRIGGER tg_5_change ON tg;
CREATE TRIGGER tg_5_only_b BEFORE INSERT OR UPDATE ON tg FOR EACH ROW EXECUTE FUNCTION tg_only_b();
INSERT INTO tg (a, c) VALUES (4, 'u');
UPDATE tg SET a = 5 WHERE a = 4;
SELECT * FROM tg ORDER BY a;
-- a CHECK on the generated column holds for the recomputed value
DROP TRIGGER tg_1_before ON tg;
DROP TRIGGER tg_9_after ON tg;
DROP TRIGGER tg_5_only_b ON tg;
ALTER TABLE tg ADD CONSTRAINT tg_b_small CHECK (b < 1000);
CREATE TRIGGER tg_5_change BEFORE INSERT OR UPDATE ON tg FOR EACH ROW EXECUTE FUNCTION tg_change();
INSERT INTO tg (a, c) VALUES (6, 't');
INSERT INTO tg (a, c) VALUES (400, 'too big');
UPDATE tg SET a = 450 WHERE a = 106;
SELECT * FROM tg ORDER BY a;
-- partitions and inheritance children
CREATE TABLE pp (a int, b int GENERATED ALWAYS AS (a * 2) STORED) PARTITION BY RANGE (a);
CREATE TABLE pp1 PARTITION OF pp FOR VALUES FROM (0) TO (1000);
CREATE FUNCTION ppf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'new=%', NEW; NEW.a := NEW.a + 1; RETURN NEW; END $$;
CREATE TRIGGER ppt BEFORE INSERT OR UPDATE ON pp FOR EACH ROW EXECUTE FUNCTION ppf();
INSERT INTO pp (a) VALUES (1), (5);
UPDATE pp SET a = a + 10 WHERE a = 2;
SELECT * FROM pp ORDER BY a;
CREATE TABLE ip (a int, b int GENERATED ALWAYS AS (a * 3) STORED);
CREATE TABLE ic () INHERITS (ip);
CREATE TRIGGER ict BEFORE INSERT OR UPDATE ON ic FOR EACH ROW EXECUTE FUNCTION ppf();
INSERT INTO ic (a) VALUES (1);
UPDATE ip SET a = 7;
SELECT * FROM ip;
INSERT INTO pp (a) VALUES (3) ON CONFLICT DO NOTHING;
SELECT * FROM pp ORDER BY a;
