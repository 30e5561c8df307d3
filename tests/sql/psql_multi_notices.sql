-- Several statements in one query string ("\;"): psql prints the notices of the next statement
-- before the output of a successful one, as it fetches that result first.
CREATE TABLE pmn_t (a int);
insert into pmn_t values(7)\; commit\; insert into pmn_t values(8)\; select 1/0;
insert into pmn_t values(9)\; rollback\; select 2;
SELECT 1\; COMMIT\; SAVEPOINT sp;
SELECT 1\; ROLLBACK\; SELECT 3\; COMMIT;
DO $$ BEGIN RAISE NOTICE 'first'; END $$\; DO $$ BEGIN RAISE NOTICE 'second'; END $$\; SELECT 4;
SELECT a FROM pmn_t ORDER BY a;
DROP TABLE pmn_t;
