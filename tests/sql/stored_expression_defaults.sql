-- Column defaults whose stored text holds COALESCE, AND/OR/NOT, IS [NOT] NULL, CASE, NULLIF,
-- GREATEST/LEAST: the default is re-read from that text, so it must give the same values.
CREATE TABLE sed (
  id int,
  x int DEFAULT coalesce(NULL, 3),
  y bool DEFAULT (true AND false),
  z int DEFAULT nullif(1, 2),
  w text DEFAULT greatest('a', 'b'),
  v bool DEFAULT (NOT (1 < 2 OR 2 > 3)),
  u int DEFAULT CASE WHEN 1 > 0 THEN 1 ELSE 2 END,
  s bool DEFAULT (NULL::int IS NULL),
  r int DEFAULT least(1, 2, 3),
  q bool DEFAULT (1 IS NOT NULL),
  p int DEFAULT CASE 1 WHEN 1 THEN 5 END,
  n int DEFAULT nullif(4, 4)
);
INSERT INTO sed (id) VALUES (1);
SELECT * FROM sed;
ALTER TABLE sed ADD COLUMN m text DEFAULT coalesce(NULL, 'added');
ALTER TABLE sed ALTER COLUMN id SET DEFAULT CASE WHEN true AND NOT false THEN 7 END;
INSERT INTO sed DEFAULT VALUES;
SELECT * FROM sed ORDER BY id;
-- a partial index whose predicate has AND/OR/IS NULL, used by ON CONFLICT inference
CREATE TABLE sed_u (a int, b int, c text);
CREATE UNIQUE INDEX sed_u_b ON sed_u (b) WHERE a > 0 AND b < 5 OR c IS NULL;
INSERT INTO sed_u VALUES (1, 2, 'x'), (1, 2, 'y') ON CONFLICT (b) WHERE a > 0 AND b < 5 OR c IS NULL DO NOTHING;
SELECT * FROM sed_u;
DROP TABLE sed, sed_u;
