-- COLLATE in column definitions, expressions, ORDER BY, LIKE, ALTER COLUMN TYPE, views;
-- pg_attribute.attcollation, pg_collation, \d's Collation column, derivation errors.
CREATE TABLE coll_t (a int, b text COLLATE "C", c varchar(10) COLLATE "POSIX", d text, e name, f text COLLATE "default", g text COLLATE ucs_basic);
\d coll_t
SELECT attname, attcollation FROM pg_attribute WHERE attrelid = 'coll_t'::regclass AND attnum > 0 ORDER BY attnum;
SELECT oid, collname, collprovider, collencoding, collcollate FROM pg_collation WHERE collprovider <> 'i' ORDER BY oid;
INSERT INTO coll_t VALUES (1, 'b', 'B', 'a', 'n', 'x', 'y'), (2, 'B', 'a', 'é', 'm', 'X', 'Y'), (3, 'a', 'b', 'Z', 'o', 'z', 'z');
SELECT b FROM coll_t ORDER BY b;
SELECT d FROM coll_t ORDER BY d COLLATE "C";
SELECT d COLLATE "POSIX" AS d FROM coll_t ORDER BY 1 DESC;
SELECT 'a' COLLATE "C" < 'b' COLLATE "C";
SELECT 'a' COLLATE "C" < 'B';
SELECT b < d FROM coll_t ORDER BY a;
SELECT max(b COLLATE "C"), min(d COLLATE "POSIX") FROM coll_t;
-- errors
SELECT 'a' COLLATE "C" < 'b' COLLATE "POSIX";
SELECT 1 COLLATE "C";
SELECT 'a' COLLATE "en_US";
SELECT 'a' COLLATE public."C";
SELECT 'a' COLLATE pg_catalog."C";
CREATE TABLE coll_bad (a int COLLATE "C");
CREATE TABLE coll_bad (a text COLLATE "nope");
-- LIKE, CREATE TABLE AS, ALTER COLUMN TYPE, ADD COLUMN
CREATE TABLE coll_like (LIKE coll_t);
\d coll_like
CREATE TABLE coll_ctas AS SELECT b, d COLLATE "C" AS d2, d FROM coll_t;
\d coll_ctas
ALTER TABLE coll_t ALTER COLUMN d TYPE text COLLATE "POSIX";
ALTER TABLE coll_t ALTER COLUMN b TYPE varchar(5);
ALTER TABLE coll_t ADD COLUMN h text COLLATE "C";
ALTER TABLE coll_t ADD COLUMN i int COLLATE "C";
\d coll_t
SELECT * FROM coll_t ORDER BY a;
-- inheritance
CREATE TABLE coll_parent (a int, c text COLLATE "C");
CREATE TABLE coll_child (c text COLLATE "POSIX") INHERITS (coll_parent);
CREATE TABLE coll_child (c text COLLATE "C") INHERITS (coll_parent);
SELECT attname, attcollation, attinhcount FROM pg_attribute WHERE attrelid = 'coll_child'::regclass AND attnum > 0 ORDER BY attnum;
-- views
CREATE VIEW coll_v AS SELECT a, b, d COLLATE "C" AS d FROM coll_t;
SELECT pg_get_viewdef('coll_v');
SELECT pg_get_viewdef('coll_v', true);
DROP VIEW coll_v;
DROP TABLE coll_child, coll_parent, coll_ctas, coll_like, coll_t;
