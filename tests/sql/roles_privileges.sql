-- Roles and privileges: CREATE/ALTER/DROP ROLE, role membership, GRANT/REVOKE on tables,
-- sequences and schemas stored as ACLs (relacl, nspacl), SET ROLE / SET SESSION
-- AUTHORIZATION with current_user/session_user, and the checks statements make for a role
-- that is not a superuser (42501 errors), ownership (ALTER ... OWNER TO, must be owner).
CREATE ROLE pgm_roles_a LOGIN;
CREATE USER pgm_roles_b CREATEDB;
CREATE GROUP pgm_roles_g;
CREATE ROLE pgm_roles_a;
CREATE ROLE pg_roles_bad;
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolconnlimit
  FROM pg_roles WHERE rolname LIKE 'pgm_roles%' ORDER BY rolname;
SELECT usename, usecreatedb, usesuper FROM pg_user WHERE usename LIKE 'pgm_roles%' ORDER BY 1;
ALTER ROLE pgm_roles_a CREATEROLE NOLOGIN CONNECTION LIMIT 3;
SELECT rolname, rolcreaterole, rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname = 'pgm_roles_a';
ALTER ROLE pgm_roles_nosuch LOGIN;
GRANT pgm_roles_g TO pgm_roles_a;
GRANT pgm_roles_g TO pgm_roles_a;
SELECT r.rolname AS role, m.rolname AS member, admin_option
  FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
  WHERE r.rolname LIKE 'pgm_roles%' ORDER BY 1, 2;
SELECT pg_has_role('pgm_roles_a', 'pgm_roles_g', 'MEMBER'), pg_has_role('pgm_roles_b', 'pgm_roles_g', 'MEMBER');
GRANT pgm_roles_a TO pgm_roles_g;

-- Privileges on a table
CREATE TABLE pgm_roles_t (a int, b text);
INSERT INTO pgm_roles_t VALUES (1, 'one');
SELECT relacl FROM pg_class WHERE relname = 'pgm_roles_t';
SET ROLE pgm_roles_b;
SELECT current_user, session_user;
SELECT * FROM pgm_roles_t;
INSERT INTO pgm_roles_t VALUES (2, 'two');
RESET ROLE;
SELECT current_user;
GRANT SELECT, INSERT ON pgm_roles_t TO pgm_roles_b;
GRANT UPDATE ON TABLE pgm_roles_t TO pgm_roles_g;
SELECT relacl FROM pg_class WHERE relname = 'pgm_roles_t';
SELECT has_table_privilege('pgm_roles_b', 'pgm_roles_t', 'SELECT'),
       has_table_privilege('pgm_roles_b', 'pgm_roles_t', 'UPDATE'),
       has_table_privilege('pgm_roles_a', 'pgm_roles_t', 'UPDATE');
SET SESSION AUTHORIZATION pgm_roles_b;
SELECT current_user, session_user;
SELECT * FROM pgm_roles_t;
INSERT INTO pgm_roles_t VALUES (2, 'two');
UPDATE pgm_roles_t SET b = 'x';
DELETE FROM pgm_roles_t;
DROP TABLE pgm_roles_t;
ALTER TABLE pgm_roles_t ADD COLUMN c int;
SELECT has_table_privilege('pgm_roles_t', 'INSERT'), has_table_privilege('pgm_roles_t', 'DELETE');
RESET SESSION AUTHORIZATION;
SET ROLE pgm_roles_a;
UPDATE pgm_roles_t SET b = 'upd' WHERE a = 1;
UPDATE pgm_roles_t SET b = 'upd';
RESET ROLE;
REVOKE INSERT ON pgm_roles_t FROM pgm_roles_b;
REVOKE ALL ON pgm_roles_t FROM pgm_roles_g;
SELECT relacl FROM pg_class WHERE relname = 'pgm_roles_t';
SELECT * FROM pgm_roles_t ORDER BY a;

-- SET LOCAL in a transaction block ends with it
BEGIN;
SET LOCAL SESSION AUTHORIZATION pgm_roles_b;
SELECT current_user;
ROLLBACK;
SELECT current_user;

-- Sequences
CREATE SEQUENCE pgm_roles_s;
GRANT USAGE ON SEQUENCE pgm_roles_s TO pgm_roles_b;
SET ROLE pgm_roles_b;
SELECT nextval('pgm_roles_s');
SELECT currval('pgm_roles_s');
SELECT setval('pgm_roles_s', 10);
ALTER SEQUENCE pgm_roles_s RESTART;
RESET ROLE;
GRANT INSERT ON pgm_roles_s TO pgm_roles_b;
GRANT INSERT ON SEQUENCE pgm_roles_s TO pgm_roles_b;
SELECT relacl FROM pg_class WHERE relname = 'pgm_roles_s';

-- Ownership
ALTER TABLE pgm_roles_t OWNER TO pgm_roles_a;
SELECT relowner::regrole, relacl FROM pg_class WHERE relname = 'pgm_roles_t';
SET ROLE pgm_roles_a;
ALTER TABLE pgm_roles_t ADD COLUMN c int;
INSERT INTO pgm_roles_t VALUES (3, 'three', 3);
SELECT * FROM pgm_roles_t ORDER BY a;
RESET ROLE;
DROP ROLE pgm_roles_a;

-- Schemas
CREATE SCHEMA pgm_roles_sch;
CREATE TABLE pgm_roles_sch.t (x int);
SET ROLE pgm_roles_b;
SELECT * FROM pgm_roles_sch.t;
CREATE TABLE pgm_roles_sch.u (x int);
RESET ROLE;
GRANT USAGE, CREATE ON SCHEMA pgm_roles_sch TO pgm_roles_b;
SELECT nspacl FROM pg_namespace WHERE nspname = 'pgm_roles_sch';
SELECT has_schema_privilege('pgm_roles_b', 'pgm_roles_sch', 'CREATE');
SET ROLE pgm_roles_b;
SELECT * FROM pgm_roles_sch.t;
CREATE TABLE pgm_roles_sch.u (x int);
INSERT INTO pgm_roles_sch.u VALUES (1);
SELECT * FROM pgm_roles_sch.u;
RESET ROLE;
SELECT relname, relowner::regrole FROM pg_class WHERE relname = 'u';
SET ROLE pgm_roles_nosuch;
DROP ROLE pgm_roles_b;

-- Clean up
DROP SCHEMA pgm_roles_sch CASCADE;
DROP TABLE pgm_roles_t;
DROP SEQUENCE pgm_roles_s;
DROP ROLE pgm_roles_a, pgm_roles_b, pgm_roles_g;
DROP ROLE pgm_roles_a;
DROP ROLE IF EXISTS pgm_roles_a;
SELECT count(*) FROM pg_roles WHERE rolname LIKE 'pgm_roles%';
