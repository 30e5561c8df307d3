-- oid and the reg* types: input by name with PostgreSQL's errors, output as names, casts.
CREATE TABLE reg_t (id serial PRIMARY KEY, v text);
CREATE SCHEMA reg_s;
CREATE TABLE reg_s.other (x int);
SELECT 'reg_t'::regclass, 'public.reg_t'::regclass, '"reg_t"'::regclass;
SELECT 'reg_s.other'::regclass, 'pg_class'::regclass, 'pg_class'::regclass::oid;
SELECT 'nonexist'::regclass;
SELECT 'nosch.x'::regclass;
SELECT 'a.b.c'::regclass;
SELECT ''::regclass;
SELECT 'int4'::regtype, 'integer[]'::regtype, 'character varying(3)'::regtype, 'double precision'::regtype, '"char"'::regtype;
SELECT 'nonexist'::regtype;
SELECT 'public'::regnamespace, 'pg_catalog'::regnamespace::oid, 'postgres'::regrole, 'postgres'::regrole::oid;
SELECT 'nonexist'::regnamespace;
SELECT 'nonexist'::regrole;
SELECT 0::regclass, '-'::regtype, 12345678::regclass, 23::regtype, 1043::regtype::text;
SELECT to_regclass('reg_t'), to_regclass('nonexist'), to_regtype('int'), to_regtype('nonexist'), to_regnamespace('reg_s');
CREATE FUNCTION reg_f(int, text) RETURNS int LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION reg_g(int) RETURNS int LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION reg_g(text) RETURNS int LANGUAGE sql AS 'SELECT 1';
SELECT 'reg_f'::regproc, 'reg_f(int,text)'::regprocedure, 'reg_g(integer)'::regprocedure;
SELECT 'reg_g'::regproc;
SELECT 'nonexist'::regproc;
SELECT 'reg_g(bigint)'::regprocedure;
SELECT 'reg_f'::regproc = 'reg_f(int4, text)'::regprocedure;
-- comparisons go through oid
SELECT 'reg_t'::regclass = 'reg_t'::regclass, 1::oid < 2::regclass, pg_typeof(1) = 'integer'::regtype;
SELECT tableoid::regclass, v FROM reg_t;
INSERT INTO reg_t (v) VALUES ('a');
SELECT tableoid::regclass, tableoid::regclass::text, v FROM reg_t;
-- oid arithmetic and casts
SELECT 1::oid, (-1)::int4::oid, 4294967295::oid::int4, 5::int8::oid, 5::oid::int8, '-1'::oid;
SELECT (-1)::int8::oid;
SELECT 4294967296::int8::oid;
SELECT 1::oid + 1;
SELECT pg_typeof('reg_t'::regclass), pg_typeof(1::oid), pg_typeof(tableoid) FROM reg_t;
-- name comparisons with unknown and text
SELECT 'abc'::name < 'abd', 'abc'::name = 'abc', 'abc'::name = 'abc'::text, 'b'::text > 'a'::name;
SELECT relname FROM pg_class WHERE relname = 'reg_t';
-- format_type and SQL value functions
SELECT format_type('int4'::regtype, NULL), format_type(1043, 14), format_type(1700, 655366), format_type(NULL, NULL), format_type(0, NULL);
SELECT current_user, session_user, current_role, user, current_schema, current_catalog = current_database();
SET search_path = reg_s, public;
SELECT current_schema, current_schemas(false), 'other'::regclass, 'reg_t'::regclass;
RESET search_path;
SELECT 'reg_s.other'::regclass;
SELECT pg_get_serial_sequence('reg_t', 'id'), pg_get_serial_sequence('reg_t', 'v');
SELECT pg_get_serial_sequence('nonexist', 'id');
SELECT pg_get_serial_sequence('reg_t', 'nope');
SELECT pg_table_is_visible('reg_t'::regclass), pg_table_is_visible('reg_s.other'::regclass);
COMMENT ON TABLE reg_t IS 'a table';
COMMENT ON COLUMN reg_t.v IS 'a column';
SELECT obj_description('reg_t'::regclass, 'pg_class'), col_description('reg_t'::regclass, 2), col_description('reg_t'::regclass, 1);
DROP FUNCTION reg_f(int, text);
DROP FUNCTION reg_g(int);
DROP FUNCTION reg_g(text);
DROP TABLE reg_t;
DROP TABLE reg_s.other;
DROP SCHEMA reg_s;
