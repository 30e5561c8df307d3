-- DEFERRABLE unique keys: recorded in pg_constraint; deferring them is not supported (0A000)
CREATE TABLE du (i int UNIQUE DEFERRABLE, j int PRIMARY KEY);
SELECT conname, condeferrable, condeferred, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'du'::regclass ORDER BY conname;
INSERT INTO du VALUES (1, 1);
BEGIN;
SET CONSTRAINTS du_pkey IMMEDIATE;
SET CONSTRAINTS du_i_key IMMEDIATE;
COMMIT;
DROP TABLE du;
