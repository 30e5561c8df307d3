-- ON CONFLICT arbiter inference: unique indexes, expression keys, partial indexes with WHERE,
-- ON CONSTRAINT, rows proposed twice (21000), EXCLUDED edge cases, partitioned targets.
CREATE TABLE fruit (key int4, name text, a bigint, CONSTRAINT fruit_key_check CHECK (key > 0));
CREATE UNIQUE INDEX fruit_key ON fruit (key);
CREATE UNIQUE INDEX fruit_lower ON fruit (lower(name)) WHERE name LIKE '%berry';
CREATE UNIQUE INDEX fruit_coalesce ON fruit (coalesce(a, 0));
INSERT INTO fruit VALUES (1, 'Apple', 1) ON CONFLICT (key) DO UPDATE SET name = excluded.name;
INSERT INTO fruit VALUES (1, 'Apricot', 2) ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING *;
INSERT INTO fruit VALUES (1, 'Avocado', 3) ON CONFLICT (key, key, key) DO UPDATE SET name = excluded.name || '!';
INSERT INTO fruit AS f VALUES (1, 'Banana', 4) ON CONFLICT (key) DO UPDATE SET name = f.name || '+' || excluded.name RETURNING name;
INSERT INTO fruit VALUES (2, 'Blackberry', 5) ON CONFLICT (lower(name)) WHERE name LIKE '%berry' DO NOTHING;
INSERT INTO fruit VALUES (3, 'BLACKBERRY', 6) ON CONFLICT (lower(name)) WHERE name LIKE '%berry' AND key > 0 DO UPDATE SET a = excluded.a;
INSERT INTO fruit VALUES (4, 'Cherry', 6) ON CONFLICT (coalesce(a, 0)) DO NOTHING;
SELECT * FROM fruit ORDER BY key;
-- no arbiter: a partial index needs a WHERE implying its predicate; other sets do not match
INSERT INTO fruit VALUES (5, 'Elderberry', 7) ON CONFLICT (lower(name)) DO NOTHING;
INSERT INTO fruit VALUES (5, 'Elderberry', 7) ON CONFLICT (lower(name)) WHERE name LIKE '%berry' OR key = 5 DO NOTHING;
INSERT INTO fruit VALUES (5, 'Fig', 7) ON CONFLICT (name) DO NOTHING;
INSERT INTO fruit VALUES (5, 'Fig', 7) ON CONFLICT (key, name) DO NOTHING;
INSERT INTO fruit VALUES (5, 'Fig', 7) ON CONFLICT (upper(name)) DO NOTHING;
INSERT INTO fruit VALUES (5, 'Fig', 7) ON CONFLICT (key DESC) DO NOTHING;
INSERT INTO fruit VALUES (5, 'Fig', 7) ON CONFLICT (key) DO UPDATE SET name = excluded.nosuchcolumn;
INSERT INTO fruit VALUES (5, 'Fig', 7) ON CONFLICT (nosuchcolumn) DO NOTHING;
INSERT INTO fruit VALUES (5, 'Fig', 7) ON CONFLICT ON CONSTRAINT fruit_key_check DO NOTHING;
-- a conflict on another unique index than the arbiter is an error
INSERT INTO fruit VALUES (1, 'Fig', 99) ON CONFLICT (coalesce(a, 0)) DO UPDATE SET name = excluded.name;
-- rows proposed twice for the same key
INSERT INTO fruit VALUES (7, 'Grape', 10), (7, 'Guava', 11) ON CONFLICT (key) DO UPDATE SET name = excluded.name;
INSERT INTO fruit VALUES (7, 'Grape', 10), (7, 'Guava', 11) ON CONFLICT (key) DO NOTHING;
INSERT INTO fruit SELECT 1, 'x' || g, 20 + g FROM generate_series(1, 2) g ON CONFLICT (key) DO UPDATE SET name = excluded.name;
-- multiple-column assignment, whole rows, RETURNING cannot see EXCLUDED
INSERT INTO fruit VALUES (7, 'Kiwi', 12) ON CONFLICT (key) DO UPDATE SET (name, a) = (excluded.name, excluded.a + 100) RETURNING *;
INSERT INTO fruit AS f VALUES (7, 'Kiwi', 112) ON CONFLICT (key) DO UPDATE SET name = 'same' WHERE f.* = excluded.* RETURNING *;
INSERT INTO fruit AS f VALUES (7, 'Lime', 112) ON CONFLICT (key) DO UPDATE SET name = excluded.*::text RETURNING *;
INSERT INTO fruit VALUES (7, 'Lime', 1) ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING excluded.name;
INSERT INTO fruit VALUES (7, 'Lime', 1) ON CONFLICT (key) DO UPDATE SET name = name;
SELECT * FROM fruit ORDER BY key;
-- a table named excluded
CREATE TABLE excluded (key int PRIMARY KEY, data text);
INSERT INTO excluded VALUES (1, '1');
INSERT INTO excluded VALUES (1, '2') ON CONFLICT (key) DO UPDATE SET data = excluded.data RETURNING *;
INSERT INTO excluded AS target VALUES (1, '2') ON CONFLICT (key) DO UPDATE SET data = excluded.data RETURNING *;
INSERT INTO excluded AS target VALUES (1, '3') ON CONFLICT (key) DO UPDATE SET data = target.data || 'x' RETURNING *;
-- partitioned tables: each partition's own unique index is the arbiter
CREATE TABLE parted (a int UNIQUE, b text) PARTITION BY LIST (a);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES IN (1, 2);
CREATE TABLE parted_2 PARTITION OF parted FOR VALUES IN (3, 4);
INSERT INTO parted VALUES (1, 'a'), (3, 'c') ON CONFLICT DO NOTHING;
INSERT INTO parted VALUES (1, 'b'), (2, 'b'), (3, 'b') ON CONFLICT (a) DO NOTHING RETURNING *;
INSERT INTO parted VALUES (1, 'x'), (4, 'x') ON CONFLICT (a) DO UPDATE SET b = parted.b || excluded.b RETURNING *;
INSERT INTO parted VALUES (1, 'y'), (3, 'y') ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE parted.b = 'ax';
INSERT INTO parted VALUES (2, 'z'), (2, 'z') ON CONFLICT (a) DO UPDATE SET b = excluded.b;
INSERT INTO parted VALUES (9, 'z') ON CONFLICT (a) DO NOTHING;
SELECT * FROM parted ORDER BY a;
TRUNCATE parted;
SELECT count(*) FROM parted;
