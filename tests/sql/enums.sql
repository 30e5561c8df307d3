-- Enum types: CREATE TYPE AS ENUM, input, order, comparisons, casts, functions, columns,
-- indexes, arrays, ALTER TYPE, DROP TYPE.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
SELECT 'ok'::mood;
SELECT 'meh'::mood;
SELECT 'happy'::mood > 'sad'::mood AS gt, 'ok'::mood = 'ok' AS eq, 'ok'::mood <> 'happy' AS ne;
SELECT 'sad'::mood < 'ok', 'sad'::mood <= 'sad', 'happy'::mood >= 'ok';
SELECT enum_first(NULL::mood), enum_last(NULL::mood), enum_range(NULL::mood);
SELECT enum_range('ok'::mood, NULL), enum_range(NULL, 'ok'::mood), enum_range('sad'::mood, 'ok'::mood);
SELECT 'ok'::mood::text, 'happy'::text::mood;
SELECT 'nope'::text::mood;
SELECT 'ok'::mood = 'ok'::text;
CREATE TABLE person (name text, current_mood mood);
INSERT INTO person VALUES ('Moe', 'happy'), ('Larry', 'sad'), ('Curly', 'ok'), ('Shemp', NULL);
INSERT INTO person VALUES ('Joe', 'angry');
SELECT * FROM person ORDER BY current_mood;
SELECT * FROM person ORDER BY current_mood DESC NULLS LAST;
SELECT * FROM person WHERE current_mood > 'sad' ORDER BY name;
SELECT * FROM person WHERE current_mood = 'ok';
SELECT min(current_mood), max(current_mood) FROM person;
SELECT current_mood, count(*) FROM person GROUP BY current_mood ORDER BY 1;
SELECT name FROM person WHERE current_mood IN ('sad', 'happy') ORDER BY 1;
SELECT name, current_mood::text || '!' AS shout FROM person ORDER BY current_mood;
UPDATE person SET current_mood = 'ok' WHERE name = 'Larry';
UPDATE person SET current_mood = 'glad' WHERE name = 'Larry';
SELECT * FROM person ORDER BY name;
CREATE INDEX person_mood ON person (current_mood);
SELECT name FROM person WHERE current_mood = 'ok' ORDER BY name;
CREATE TABLE moods (m mood PRIMARY KEY);
INSERT INTO moods VALUES ('happy'), ('sad');
INSERT INTO moods VALUES ('sad');
SELECT * FROM moods ORDER BY m;
-- arrays of enums
SELECT ARRAY['sad', 'happy']::mood[];
SELECT '{ok,sad}'::mood[], ('{ok,sad}'::mood[])[2];
SELECT '{ok,bad}'::mood[];
CREATE TABLE diary (day int, moods mood[]);
INSERT INTO diary VALUES (1, '{happy,sad}'), (2, ARRAY['ok']::mood[]), (3, '{}');
SELECT * FROM diary ORDER BY moods;
SELECT day FROM diary WHERE 'sad' = ANY (moods);
SELECT array_agg(current_mood ORDER BY current_mood) FROM person;
SELECT 'ok'::mood = ANY (enum_range(NULL::mood));
-- CASE and COALESCE keep the enum type
SELECT coalesce(current_mood, 'sad') AS m FROM person ORDER BY m;
SELECT CASE WHEN name = 'Moe' THEN current_mood ELSE 'sad' END AS m FROM person ORDER BY 1;
-- ALTER TYPE ... ADD VALUE
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE mood ADD VALUE 'glum' AFTER 'sad';
ALTER TYPE mood ADD VALUE 'content' AFTER 'happy';
SELECT enum_range(NULL::mood);
ALTER TYPE mood ADD VALUE 'ok';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok';
ALTER TYPE mood ADD VALUE 'x' BEFORE 'zzz';
ALTER TYPE mood ADD VALUE 'plutoplutoplutoplutoplutoplutoplutoplutoplutoplutoplutoplutoplutopluto';
SELECT enum_last(NULL::mood);
INSERT INTO person VALUES ('Zed', 'meh'), ('Ann', 'ecstatic'), ('Bo', 'glum');
SELECT * FROM person ORDER BY current_mood, name;
SELECT name FROM person WHERE current_mood BETWEEN 'glum' AND 'ok' ORDER BY 1;
-- RENAME VALUE, RENAME TO
ALTER TYPE mood RENAME VALUE 'meh' TO 'so-so';
ALTER TYPE mood RENAME VALUE 'nothere' TO 'x';
ALTER TYPE mood RENAME VALUE 'ok' TO 'sad';
SELECT enum_range(NULL::mood);
ALTER TYPE mood RENAME TO feeling;
SELECT 'ok'::mood;
SELECT 'ok'::feeling, enum_first(NULL::feeling);
CREATE TYPE feeling AS ENUM ('a');
CREATE TYPE empty_enum AS ENUM ();
SELECT enum_range(NULL::empty_enum);
-- comparisons between different enum types are errors
CREATE TYPE color AS ENUM ('red', 'green');
SELECT 'red'::color = 'ok'::feeling;
-- DROP TYPE
DROP TABLE moods, diary;
DROP TYPE feeling;
DROP TYPE IF EXISTS nosuchtype;
DROP TYPE nosuchtype;
DROP TABLE person;
DROP TYPE feeling;
SELECT 'ok'::feeling;
DROP TYPE color, empty_enum;
-- transactional DDL
BEGIN;
CREATE TYPE tmp_enum AS ENUM ('x', 'y');
SELECT 'y'::tmp_enum;
ROLLBACK;
SELECT 'y'::tmp_enum;
-- foreign keys between enum columns; RENAME VALUE keeps them satisfied
CREATE TYPE rainbow AS ENUM ('red', 'green');
CREATE TYPE bogus AS ENUM ('x');
CREATE TABLE parent_t (id rainbow PRIMARY KEY);
CREATE TABLE child_t (parent rainbow REFERENCES parent_t);
INSERT INTO parent_t VALUES ('red'), ('green');
INSERT INTO child_t VALUES ('red');
CREATE TABLE bogus_child (parent bogus REFERENCES parent_t);
ALTER TYPE rainbow RENAME VALUE 'red' TO 'crimson';
SELECT * FROM child_t;
SELECT * FROM parent_t ORDER BY id DESC;
DELETE FROM parent_t WHERE id = 'crimson';
DROP TABLE child_t, parent_t;
DROP TYPE rainbow, bogus;
-- window min/max, DEFAULT, INSERT … SELECT of literals, \d
CREATE TYPE mood2 AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (id int, m mood2 DEFAULT 'ok');
INSERT INTO t (id) VALUES (1);
INSERT INTO t SELECT 2, 'happy';
INSERT INTO t SELECT 3, 'sad' UNION ALL SELECT 4, 'ok';
INSERT INTO t SELECT 5, 'bad';
SELECT id, m, max(m) OVER (), min(m) OVER (ORDER BY id), rank() OVER (ORDER BY m) FROM t ORDER BY id;
\d t
DROP TABLE t;
DROP TYPE mood2;
