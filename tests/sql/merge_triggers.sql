-- MERGE honours row triggers, foreign keys, identity/generated columns, OVERRIDING and WITH.
CREATE TABLE parent (id integer PRIMARY KEY);
INSERT INTO parent VALUES (1), (2);
CREATE TABLE acct (id integer GENERATED ALWAYS AS IDENTITY, pid integer REFERENCES parent, amount numeric,
  doubled numeric GENERATED ALWAYS AS (amount * 2) STORED);
CREATE FUNCTION acct_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE NOTICE '% % old=%', TG_WHEN, TG_OP, OLD;
    RETURN OLD;
  ELSIF TG_OP = 'UPDATE' THEN
    RAISE NOTICE '% % old=% new=% % %', TG_WHEN, TG_OP, OLD.amount, NEW.id, NEW.pid, NEW.amount;
  ELSE
    RAISE NOTICE '% % new=% % %', TG_WHEN, TG_OP, NEW.id, NEW.pid, NEW.amount;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER acct_before BEFORE INSERT OR UPDATE OR DELETE ON acct FOR EACH ROW EXECUTE FUNCTION acct_log();
MERGE INTO acct a USING (VALUES (1, 10.5)) s(pid, amount) ON a.pid = s.pid
  WHEN NOT MATCHED THEN INSERT (pid, amount) VALUES (s.pid, s.amount);
MERGE INTO acct a USING (VALUES (2, 20)) s(pid, amount) ON a.pid = s.pid
  WHEN NOT MATCHED THEN INSERT (pid, amount) VALUES (s.pid, s.amount);
MERGE INTO acct a USING (VALUES (1, 1)) s(pid, amount) ON a.pid = s.pid
  WHEN MATCHED THEN UPDATE SET amount = a.amount + s.amount;
MERGE INTO acct a USING (VALUES (2, 0)) s(pid, amount) ON a.pid = s.pid
  WHEN MATCHED THEN DELETE;
SELECT * FROM acct ORDER BY id;
-- foreign key violation
MERGE INTO acct a USING (VALUES (3, 1)) s(pid, amount) ON a.pid = s.pid
  WHEN NOT MATCHED THEN INSERT (pid, amount) VALUES (s.pid, s.amount);
-- identity: OVERRIDING SYSTEM VALUE, and the error without it
MERGE INTO acct a USING (VALUES (2, 5)) s(pid, amount) ON a.pid = s.pid
  WHEN NOT MATCHED THEN INSERT (id, pid, amount) OVERRIDING SYSTEM VALUE VALUES (100, s.pid, s.amount);
MERGE INTO acct a USING (VALUES (1, 5)) s(pid, amount) ON a.pid = s.pid AND false
  WHEN NOT MATCHED THEN INSERT (id, pid, amount) VALUES (101, s.pid, s.amount);
SELECT * FROM acct ORDER BY id;
DROP TRIGGER acct_before ON acct;
-- WITH feeding the source and the actions
CREATE TABLE m AS SELECT i AS k, (i || ' v')::text v FROM generate_series(1, 16, 3) i;
WITH src AS (SELECT 15 a, 'cte val' b)
MERGE INTO m USING (SELECT * FROM src) o ON m.k = o.a
  WHEN MATCHED THEN UPDATE SET v = (SELECT b || ' merge update' FROM src)
  WHEN NOT MATCHED THEN INSERT VALUES (o.a, o.b);
WITH src AS (SELECT 0 a, 'cte val' b)
MERGE INTO m USING (SELECT * FROM src) o ON m.k = o.a
  WHEN MATCHED THEN UPDATE SET v = (SELECT b || ' merge update' FROM src)
  WHEN NOT MATCHED THEN INSERT VALUES (o.a, o.b);
SELECT * FROM m ORDER BY k;
-- unsupported targets and statements
MERGE INTO m USING m o ON m.k = o.k WHEN MATCHED THEN UPDATE SET k = o.k, nosuch = 1;
MERGE INTO m USING m o ON m.k = o.k WHEN MATCHED THEN UPDATE SET v = o.nosuch;
SELECT count(*) FROM m;
WITH RECURSIVE src AS (SELECT 1 a)
MERGE INTO m USING src o ON m.k = o.a WHEN MATCHED THEN DELETE;
