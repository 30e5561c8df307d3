-- pg_catalog relations and information_schema views over the live schema.
CREATE TABLE cat_p (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x', CHECK (name <> ''));
CREATE TABLE cat_c (id int REFERENCES cat_p, n numeric(10,2), v varchar(5) UNIQUE);
CREATE INDEX cat_c_n ON cat_c (n DESC);
CREATE VIEW cat_v AS SELECT id FROM cat_p;
CREATE SEQUENCE cat_seq START 5;
CREATE TYPE cat_enum AS ENUM ('a', 'b', 'c');
ALTER TYPE cat_enum ADD VALUE 'a0' BEFORE 'b';
CREATE DOMAIN cat_dom AS int CHECK (VALUE > 0);
CREATE SCHEMA cat_s;
CREATE TABLE cat_s.t (x int);
SELECT relname, relkind, relnatts, relchecks, relhasindex, relpersistence, relhastriggers
  FROM pg_class WHERE relname LIKE 'cat%' ORDER BY relname;
SELECT oid::int8, relname, relkind FROM pg_class WHERE relname IN ('pg_class', 'pg_type', 'pg_proc') ORDER BY 1;
SELECT count(*) FROM pg_class WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'cat_s');
SELECT nspname FROM pg_namespace WHERE nspname IN ('public', 'pg_catalog', 'cat_s', 'information_schema') ORDER BY 1;
SELECT attname, atttypid::regtype, attnum, attnotnull, atthasdef, atttypmod
  FROM pg_attribute WHERE attrelid = 'cat_c'::regclass AND attnum > 0 ORDER BY attnum;
SELECT attname, attnum FROM pg_attribute WHERE attrelid = 'cat_p'::regclass ORDER BY attnum;
SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
  WHERE c.relname IN ('cat_p', 'cat_c') AND a.attnum > 0 ORDER BY c.relname, a.attnum;
SELECT conname, contype, conrelid::regclass, confrelid::regclass, conkey, confkey
  FROM pg_constraint WHERE conrelid IN ('cat_p'::regclass, 'cat_c'::regclass) ORDER BY conname;
SELECT conname, contype FROM pg_constraint WHERE contypid = 'cat_dom'::regtype;
SELECT indexrelid::regclass, indrelid::regclass, indisunique, indisprimary, indkey, indoption
  FROM pg_index WHERE indrelid IN ('cat_p'::regclass, 'cat_c'::regclass) ORDER BY 1::text;
SELECT enumlabel, enumsortorder FROM pg_enum WHERE enumtypid = 'cat_enum'::regtype ORDER BY enumsortorder;
SELECT typname, typtype, typcategory, typlen, typbasetype::regtype, typelem::regtype
  FROM pg_type WHERE typname IN ('int4', '_int4', 'text', 'cat_enum', '_cat_enum', 'cat_dom') ORDER BY typname;
SELECT * FROM pg_enum WHERE NOT EXISTS (SELECT 1 FROM pg_type WHERE pg_type.oid = enumtypid);
SELECT schemaname, tablename, tableowner, hasindexes, hastriggers FROM pg_tables WHERE tablename LIKE 'cat%' ORDER BY 2;
SELECT schemaname, viewname FROM pg_views WHERE viewname = 'cat_v';
SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'cat%' ORDER BY indexname;
SELECT sequencename, data_type, start_value, increment_by, max_value, last_value FROM pg_sequences WHERE sequencename = 'cat_seq';
SELECT seqtypid::regtype, seqstart, seqincrement, seqcycle FROM pg_sequence WHERE seqrelid = 'cat_seq'::regclass;
SELECT datname FROM pg_database WHERE datname = 'postgres';
SELECT rolname, rolsuper FROM pg_roles WHERE rolname = 'postgres';
SELECT amname FROM pg_am WHERE amtype = 'i' ORDER BY oid;
CREATE FUNCTION cat_f(a int, b text DEFAULT 'x') RETURNS int LANGUAGE sql STABLE STRICT SECURITY DEFINER AS 'SELECT a';
SELECT proname, pronargs, pronargdefaults, prorettype::regtype, proargtypes, proargtypes::regtype[], proargnames,
       provolatile, proisstrict, prosecdef, prokind, prosrc
  FROM pg_proc WHERE oid = 'cat_f'::regproc;
COMMENT ON TABLE cat_p IS 'parent';
SELECT description FROM pg_description WHERE objoid = 'cat_p'::regclass;
SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'cat%' ORDER BY 2;
SELECT column_name, ordinal_position, data_type, is_nullable, character_maximum_length, numeric_precision, numeric_scale, column_default
  FROM information_schema.columns WHERE table_name = 'cat_c' OR table_name = 'cat_p' ORDER BY table_name, ordinal_position;
SELECT sequence_name, data_type, start_value, increment FROM information_schema.sequences WHERE sequence_name = 'cat_seq';
SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'cat_s';
DROP FUNCTION cat_f;
DROP VIEW cat_v;
DROP TABLE cat_c;
DROP TABLE cat_p;
DROP TABLE cat_s.t;
DROP SCHEMA cat_s;
DROP SEQUENCE cat_seq;
DROP TYPE cat_enum;
DROP DOMAIN cat_dom;
CREATE TABLE cm_t (id int PRIMARY KEY, v int UNIQUE);
COMMENT ON INDEX cm_t_pkey IS 'the key';
COMMENT ON INDEX cm_t_v_key IS 'unique v';
SELECT indexrelid::regclass::text AS index, obj_description(indexrelid, 'pg_class') FROM pg_index WHERE indrelid = 'cm_t'::regclass ORDER BY 1;
COMMENT ON INDEX cm_t_pkey IS NULL;
SELECT indexrelid::regclass::text AS index, obj_description(indexrelid, 'pg_class') FROM pg_index WHERE indrelid = 'cm_t'::regclass ORDER BY 1;
COMMENT ON INDEX nonexist_idx IS 'x';
DROP TABLE cm_t;
