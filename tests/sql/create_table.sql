-- CREATE TABLE / DROP TABLE with the types and constraints in scope.
CREATE TABLE all_types (
  a smallint,
  b integer,
  c bigint,
  d text,
  e varchar(10),
  f boolean,
  g real,
  h double precision,
  i numeric(10,2),
  j numeric,
  k date,
  l timestamp
);
INSERT INTO all_types VALUES (1, 2, 3, 'four', 'five', true, 6.5, 7.25, 8.125, 9.0001, '2024-01-15', '2024-01-15 10:30:00');
INSERT INTO all_types VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT * FROM all_types ORDER BY a NULLS LAST;
SELECT a, b, c FROM all_types WHERE a IS NOT NULL;
SELECT i, j FROM all_types WHERE i IS NOT NULL;
SELECT k, l FROM all_types WHERE k IS NOT NULL;
CREATE TABLE int_aliases (a int2, b int4, c int8, d int, e float4, f float8, g bool, h decimal(6,3), i character varying(4));
INSERT INTO int_aliases VALUES (1, 2, 3, 4, 1.5, 2.5, 'yes', 3.14159, 'abcd');
SELECT * FROM int_aliases;
CREATE TABLE serials (id serial, big bigserial, note text);
INSERT INTO serials (note) VALUES ('a'), ('b'), ('c');
SELECT * FROM serials ORDER BY id;
INSERT INTO serials (note) VALUES ('d');
SELECT id, big, note FROM serials ORDER BY id DESC;
CREATE TABLE pk_col (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO pk_col VALUES (1, 'one'), (2, 'two');
SELECT * FROM pk_col ORDER BY id;
CREATE TABLE pk_table (a integer, b integer, c text, PRIMARY KEY (a, b));
INSERT INTO pk_table VALUES (1, 1, 'x'), (1, 2, 'y'), (2, 1, 'z');
SELECT * FROM pk_table ORDER BY a, b;
CREATE TABLE uniq (id integer PRIMARY KEY, code text UNIQUE, x integer, y integer, UNIQUE (x, y));
INSERT INTO uniq VALUES (1, 'a', 1, 1), (2, 'b', 1, 2), (3, NULL, NULL, NULL), (4, NULL, NULL, NULL);
SELECT * FROM uniq ORDER BY id;
CREATE TABLE defaults (
  id serial PRIMARY KEY,
  n integer DEFAULT 42,
  s text DEFAULT 'hello',
  b boolean DEFAULT false,
  r numeric(5,1) DEFAULT 1.25,
  d date DEFAULT '2000-01-01',
  e integer DEFAULT 2 * 3 + 1,
  f text NOT NULL DEFAULT ''
);
INSERT INTO defaults DEFAULT VALUES;
INSERT INTO defaults (n) VALUES (7);
INSERT INTO defaults (s, b) VALUES ('world', true);
SELECT * FROM defaults ORDER BY id;
CREATE TABLE "Quoted Name" ("Mixed Col" integer, plain integer);
INSERT INTO "Quoted Name" VALUES (1, 2);
SELECT "Mixed Col", plain FROM "Quoted Name";
CREATE TABLE UpperCase (ColA integer);
INSERT INTO uppercase (cola) VALUES (5);
SELECT COLA FROM UPPERCASE;
CREATE TABLE pk_col (id integer);
DROP TABLE uppercase;
SELECT * FROM uppercase;
DROP TABLE uppercase;
DROP TABLE IF EXISTS uppercase;
DROP TABLE IF EXISTS pk_table, uniq;
SELECT * FROM pk_table;
DROP TABLE "Quoted Name", int_aliases;
CREATE TABLE empty_table (a integer, b text);
SELECT * FROM empty_table;
SELECT a FROM empty_table WHERE a > 0;
DROP TABLE empty_table;
CREATE TABLE t_vc (v varchar(5));
INSERT INTO t_vc VALUES ('abc');
INSERT INTO t_vc VALUES ('abcde');
INSERT INTO t_vc VALUES ('abcdef');
INSERT INTO t_vc VALUES ('abc   ');
SELECT v, length(v) FROM t_vc ORDER BY v;
CREATE TABLE t_num (n numeric(5,2));
INSERT INTO t_num VALUES (1.005), (2.994), (-1.555), (123.4), (0);
SELECT n FROM t_num ORDER BY n;
INSERT INTO t_num VALUES (1000);
INSERT INTO t_num VALUES (999.999);
SELECT count(*) FROM t_num;
