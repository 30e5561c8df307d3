-- CREATE FUNCTION ... LANGUAGE sql: scalar, set-returning, RETURNS TABLE, OUT parameters,
-- defaults and named arguments, VARIADIC, polymorphism, void, overloading, DROP / RENAME.
CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2));
INSERT INTO items VALUES (1, 'apple', 1.50), (2, 'pear', 2.25), (3, 'fig', 4.00);

CREATE FUNCTION add(a int, b int DEFAULT 10) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;
SELECT add(1, 2), add(1), add(b => 5, a => 1), add(a := 3);
SELECT add(1, 2) AS three, add(add(1), 1);
CREATE FUNCTION dollar(int, int) RETURNS int LANGUAGE sql AS 'SELECT $1 * $2';
SELECT dollar(6, 7);
SELECT add.a FROM (SELECT 1 AS a) add;

-- the body's columns win over parameters of the same name; qualified parameter names
CREATE FUNCTION price_of(name text) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT price FROM items WHERE items.name = price_of.name
$$;
SELECT price_of('pear'), price_of('none');
CREATE FUNCTION first_item() RETURNS text LANGUAGE sql AS $$ SELECT name FROM items ORDER BY id $$;
SELECT first_item();

-- RETURN and BEGIN ATOMIC bodies
CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql RETURN x * 2;
SELECT twice(21);
CREATE FUNCTION plus_one(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT x + 1;
END;
SELECT plus_one(41);

-- STRICT
CREATE FUNCTION s_len(t text) RETURNS int LANGUAGE sql STRICT AS $$ SELECT coalesce(length(t), -1) $$;
CREATE FUNCTION n_len(t text) RETURNS int LANGUAGE sql AS $$ SELECT coalesce(length(t), -1) $$;
SELECT s_len(NULL), n_len(NULL), s_len('abc');

-- set-returning functions
CREATE FUNCTION upto(n int) RETURNS SETOF int LANGUAGE sql AS $$ SELECT g FROM generate_series(1, n) g $$;
SELECT * FROM upto(3);
SELECT upto(2), 'x' AS x;
SELECT u * 10 FROM upto(2) u;
SELECT * FROM upto(3) WITH ORDINALITY AS t(v, o);
CREATE FUNCTION cheap(maxp numeric) RETURNS TABLE(id int, name text) LANGUAGE sql AS $$
  SELECT id, name FROM items WHERE price <= maxp ORDER BY id
$$;
SELECT * FROM cheap(3);
SELECT c.name FROM cheap(2) AS c;
CREATE FUNCTION stats(OUT lo numeric, OUT hi numeric) LANGUAGE sql AS $$ SELECT min(price), max(price) FROM items $$;
SELECT * FROM stats();
CREATE FUNCTION one_out(x int, OUT doubled int) LANGUAGE sql AS $$ SELECT x * 2 $$;
SELECT one_out(4);
SELECT * FROM one_out(5);
SELECT * FROM twice(8);

-- implicit LATERAL: arguments from earlier FROM items
SELECT i.id, u FROM items i, upto(i.id) u ORDER BY 1, 2;

-- void, and statements with side effects
CREATE TABLE log (msg text);
CREATE FUNCTION note(m text) RETURNS void LANGUAGE sql AS $$ INSERT INTO log VALUES (m) $$;
SELECT note('hello');
SELECT note('again'), 1 AS one;
SELECT * FROM log;
CREATE FUNCTION add_item(n text, p numeric) RETURNS int LANGUAGE sql AS $$
  INSERT INTO items VALUES ((SELECT max(id) + 1 FROM items), n, p) RETURNING id
$$;
SELECT add_item('kiwi', 0.75);
SELECT count(*) FROM items;
CREATE FUNCTION two_steps() RETURNS bigint LANGUAGE sql AS $$
  DELETE FROM log;
  SELECT count(*) FROM log;
$$;
SELECT two_steps();

-- VARIADIC
CREATE FUNCTION total(VARIADIC xs int[]) RETURNS int LANGUAGE sql AS $$ SELECT sum(x)::int FROM unnest(xs) x $$;
SELECT total(1, 2, 3), total(5), total(VARIADIC ARRAY[4, 5]);

-- polymorphic
CREATE FUNCTION same(x anyelement) RETURNS anyelement LANGUAGE sql AS $$ SELECT x $$;
SELECT same(1), same('t'::text), same(2.5);
CREATE FUNCTION first_of(a anyarray) RETURNS anyelement LANGUAGE sql AS $$ SELECT a[1] $$;
SELECT first_of(ARRAY[7, 8]), first_of(ARRAY['p', 'q']);

-- overloading and resolution
CREATE FUNCTION kind(x int) RETURNS text LANGUAGE sql AS $$ SELECT 'int' $$;
CREATE FUNCTION kind(x text) RETURNS text LANGUAGE sql AS $$ SELECT 'text' $$;
CREATE FUNCTION kind(x numeric) RETURNS text LANGUAGE sql AS $$ SELECT 'numeric' $$;
SELECT kind(1), kind('a'), kind(1.5), kind(1::smallint);
SELECT kind(1::bigint);

-- results coerced to the declared type
CREATE FUNCTION as_numeric() RETURNS numeric LANGUAGE sql AS $$ SELECT 1 $$;
SELECT as_numeric(), as_numeric() / 3;

-- errors
SELECT add('x');
SELECT nosuch(1);
SELECT add(c => 1);
CREATE FUNCTION bad1(a int) RETURNS int LANGUAGE sql AS $$ SELECT nosuchcol $$;
CREATE FUNCTION bad2(a int) RETURNS int LANGUAGE sql AS $$ SELECT 'a'::text $$;
CREATE FUNCTION bad3(a int) RETURNS int LANGUAGE sql AS $$ SELECT 1, 2 $$;
CREATE FUNCTION bad4(a int) RETURNS TABLE(x int, y text) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION bad5(a int) RETURNS int LANGUAGE sql AS $$ DELETE FROM log $$;
CREATE FUNCTION bad6(a int DEFAULT 1, b int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION bad7(x int) RETURNS int LANGUAGE sql RETURN x + nosuch;
CREATE FUNCTION add(a int, b int DEFAULT 10) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE OR REPLACE FUNCTION add(a int, b int DEFAULT 10) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;
CREATE OR REPLACE FUNCTION add(a int, b int DEFAULT 20) RETURNS int LANGUAGE sql AS $$ SELECT a - b $$;
SELECT add(1);
SELECT upto(2) FROM items WHERE upto(1) = 1;

-- recursion (bodies checked at call time)
SET check_function_bodies = off;
CREATE FUNCTION fib(n int) RETURNS int LANGUAGE sql AS $$
  SELECT CASE WHEN n < 2 THEN n ELSE fib(n - 1) + fib(n - 2) END
$$;
RESET check_function_bodies;
SELECT fib(12);

-- DROP and RENAME
ALTER FUNCTION twice(int) RENAME TO double_it;
SELECT double_it(4);
SELECT twice(4);
DROP FUNCTION double_it(int);
DROP FUNCTION IF EXISTS double_it(int);
DROP FUNCTION IF EXISTS nosuch;
DROP FUNCTION kind;
DROP FUNCTION kind(int);
DROP FUNCTION kind(text), kind(numeric);
SELECT kind(1);
DROP FUNCTION nosuch(int);

-- procedures
CREATE PROCEDURE add_log(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (m) $$;
CALL add_log('from a procedure');
SELECT * FROM log;
SELECT add_log('x');
CALL add_log();
CALL nosuch(1);
DROP PROCEDURE add_log(text);

-- errors inside bodies carry PostgreSQL's CONTEXT
CREATE FUNCTION div_rows(a int) RETURNS int LANGUAGE sql AS $$ SELECT a / 0 FROM generate_series(1, 2) $$;
SELECT div_rows(1);
CREATE FUNCTION div_second(a int) RETURNS int LANGUAGE sql AS $$ SELECT 1; SELECT a / (a - a) $$;
SELECT div_second(1);
CREATE FUNCTION div_outer(a int) RETURNS int LANGUAGE sql AS $$ SELECT div_rows(a) $$;
SELECT div_outer(1);
SELECT * FROM upto(2) u, LATERAL (SELECT 10 / (u - 1) AS q) l;
