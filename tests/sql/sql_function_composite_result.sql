-- A LANGUAGE sql function declared to return a composite type whose final SELECT returns the
-- fields as columns (check_sql_fn_retval builds the row, coercing field by field).
CREATE TYPE sfc_key AS (id int);
CREATE TYPE sfc_pair AS (a int, b text);
CREATE TABLE sfc_price (id int, active bool, price numeric);
INSERT INTO sfc_price VALUES (1, false, 42), (10, false, 100);
CREATE FUNCTION sfc_key_of(sfc_price) RETURNS sfc_key AS $$ SELECT $1.id $$ LANGUAGE SQL;
CREATE FUNCTION sfc_pair_of(int) RETURNS sfc_pair AS $$ SELECT $1, 'n' || $1 $$ LANGUAGE SQL;
CREATE FUNCTION sfc_pair_short(int2) RETURNS sfc_pair AS $$ SELECT $1 + 1, $1 $$ LANGUAGE SQL;
CREATE FUNCTION sfc_bad1(int) RETURNS sfc_pair AS $$ SELECT $1 $$ LANGUAGE SQL;
CREATE FUNCTION sfc_bad2(int) RETURNS sfc_pair AS $$ SELECT $1, 'x', 3 $$ LANGUAGE SQL;
CREATE FUNCTION sfc_bad3(int) RETURNS sfc_pair AS $$ SELECT now(), 'x' $$ LANGUAGE SQL;
SELECT sfc_key_of(p), (sfc_key_of(p)).id FROM sfc_price p ORDER BY p.id;
SELECT sfc_pair_of(7), (sfc_pair_of(8)).b, sfc_pair_short(3::int2);
SELECT * FROM sfc_price WHERE sfc_key_of(sfc_price) = row(10)::sfc_key;
DROP FUNCTION sfc_key_of(sfc_price);
DROP TABLE sfc_price;
DROP FUNCTION sfc_pair_of(int);
DROP FUNCTION sfc_pair_short(int2);
DROP TYPE sfc_pair;
DROP TYPE sfc_key;
