-- PREPARE without declared types: parameter types inferred from their use, as the extended
-- protocol's Parse infers them (pg_prepared_statements.parameter_types), and 42P18 for a
-- parameter nothing determines.
CREATE DOMAIN posint AS int4 CHECK (VALUE > 0);
CREATE TABLE t (id int4 PRIMARY KEY, name text, price numeric(10,2), tags text[], v varchar(20), ts timestamptz, qty posint);
CREATE TABLE u (id bigint, t_id int4, note text, flag boolean);
CREATE VIEW tv AS SELECT id, name, price * 2 AS dbl FROM t;
PREPARE p01 AS SELECT $1 + 1;
PREPARE p02 AS SELECT * FROM t WHERE name = $1;
PREPARE p03 AS SELECT id, name AS n FROM t WHERE id = $1 AND v = $2;
PREPARE p04 AS SELECT x.id FROM (SELECT * FROM u) x WHERE x.t_id > $1;
PREPARE p05 AS SELECT tv.id FROM tv WHERE tv.dbl > $1;
PREPARE p06 AS SELECT t.id, u.note FROM t JOIN u ON u.t_id = t.id WHERE u.id > $1;
PREPARE p07 AS SELECT * FROM t ORDER BY id LIMIT $1 OFFSET $2;
PREPARE p08 AS SELECT * FROM t ORDER BY $1;
PREPARE p09 AS SELECT count(*) FROM t GROUP BY name HAVING count(*) > $1;
PREPARE p10 AS SELECT $1::int8, $2::text, CAST($3 AS date), $4::varchar(5), $5::numeric(8,3);
PREPARE p11 AS SELECT length($1), lower($2), substr($3, $4), coalesce($5, 5);
PREPARE p12 AS SELECT generate_series(1, $1);
PREPARE p13 AS SELECT now() - $1;
PREPARE p14 AS SELECT $1 || 'x', $2 LIKE 'a%', $3 BETWEEN 1 AND 10;
PREPARE p15 AS SELECT id FROM t WHERE id IN ($1, $2) OR id = ANY($3);
PREPARE p16 AS SELECT * FROM t WHERE tags @> $1;
PREPARE p17 AS SELECT $1;
PREPARE p18 AS SELECT $1 = $2;
PREPARE p19 AS SELECT CASE WHEN $1 THEN 'a' ELSE $2 END;
PREPARE p20 AS SELECT EXISTS (SELECT 1 FROM u WHERE u.t_id = $1);
PREPARE p21 AS SELECT (SELECT max(id) FROM t) + $1;
PREPARE p22 AS SELECT $1 UNION SELECT 2;
PREPARE p23 AS VALUES ($1, 1), ('a', $2);
PREPARE p24 AS WITH c AS (SELECT id, name FROM t WHERE price > $1) SELECT * FROM c WHERE id = $2;
PREPARE p25 AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < $1) SELECT n FROM r;
PREPARE p26 AS INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7);
PREPARE p27 AS INSERT INTO u (note, id) VALUES ($1, $2) RETURNING *;
PREPARE p28 AS INSERT INTO t (id) SELECT $1;
PREPARE p29 AS INSERT INTO t (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = $3 RETURNING id;
PREPARE p30 AS UPDATE t SET price = $1 WHERE id = $2 RETURNING id, price * 2 AS dbl;
PREPARE p31 AS UPDATE t SET v = $1, tags = $2 WHERE name LIKE $3;
PREPARE p32 AS UPDATE u SET note = $1 FROM t WHERE t.id = u.t_id AND t.name = $2 RETURNING u.id, t.name;
PREPARE p33 AS DELETE FROM t WHERE ts < $1 RETURNING *;
PREPARE p34 AS DELETE FROM u WHERE flag = $1;
PREPARE p35 AS SELECT row_number() OVER (ORDER BY id) FROM t LIMIT $1;
PREPARE p36 (int8) AS SELECT * FROM t WHERE id = $1 AND name = $2;
PREPARE p37 (text, int) AS SELECT $1 || $2 || $3;
SELECT name, parameter_types FROM pg_prepared_statements ORDER BY name;
-- Parameters nothing determines, and conflicting uses.
PREPARE e1 AS SELECT 1 WHERE $1 IS NULL;
PREPARE e2 AS SELECT $2::int;
PREPARE e4 AS SELECT $1 = 1 AND $1 = 'a'::text;
PREPARE e5 (int) AS SELECT * FROM t WHERE name = $1;
SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'e%';
-- Types PREPARE inferred are the ones EXECUTE's arguments are coerced to.
INSERT INTO t (id, name, qty) VALUES (1, 'one', 5);
EXECUTE p02('one');
EXECUTE p36(1, 'one');
EXECUTE p37('a', 1, 'b');
DEALLOCATE ALL;
