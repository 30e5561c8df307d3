-- WITH RECURSIVE … SEARCH DEPTH/BREADTH FIRST BY … SET … and CYCLE … SET … USING …
CREATE TABLE graph (f int, t int, label text);
INSERT INTO graph VALUES (1, 2, 'arc 1 -> 2'), (1, 3, 'arc 1 -> 3'), (2, 3, 'arc 2 -> 3'),
  (1, 4, 'arc 1 -> 4'), (4, 5, 'arc 4 -> 5'), (5, 1, 'arc 5 -> 1');
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g WHERE f = 1
  UNION ALL
  SELECT g.* FROM graph g, sg WHERE g.f = sg.t AND g.f <> 5
) SEARCH DEPTH FIRST BY f, t SET seq
SELECT * FROM sg ORDER BY seq;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g WHERE f = 1
  UNION DISTINCT
  SELECT g.* FROM graph g, sg WHERE g.f = sg.t AND g.f <> 5
) SEARCH BREADTH FIRST BY f, t SET seq
SELECT * FROM sg ORDER BY seq;
WITH RECURSIVE test AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM test)
  SEARCH DEPTH FIRST BY x SET y
SELECT * FROM test LIMIT 4;
WITH RECURSIVE test AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM test)
  SEARCH BREADTH FIRST BY x SET y
SELECT * FROM test LIMIT 4;
-- cycles
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g
  UNION ALL
  SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) CYCLE f, t SET is_cycle USING path
SELECT * FROM sg WHERE is_cycle ORDER BY path;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g
  UNION ALL
  SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) CYCLE f, t SET is_cycle TO 'Y' DEFAULT 'N' USING path
SELECT count(*), is_cycle FROM sg GROUP BY is_cycle ORDER BY 2;
WITH RECURSIVE test AS (
  SELECT 0 AS x
  UNION ALL
  SELECT (x + 1) % 10 FROM test WHERE NOT is_cycle
) CYCLE x SET is_cycle USING path
SELECT * FROM test ORDER BY path;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g
  UNION ALL
  SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) SEARCH DEPTH FIRST BY f, t SET seq
  CYCLE f, t SET is_cycle USING path
SELECT f, t, seq, is_cycle FROM sg WHERE f = 5 ORDER BY seq;
-- errors
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g UNION ALL SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) SEARCH DEPTH FIRST BY foo, tar SET seq
SELECT * FROM sg;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g UNION ALL SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) SEARCH DEPTH FIRST BY f, t SET label
SELECT * FROM sg;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g UNION ALL SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) SEARCH DEPTH FIRST BY f, t, f SET seq
SELECT * FROM sg;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g UNION ALL SELECT * FROM graph g UNION ALL SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) SEARCH DEPTH FIRST BY f, t SET seq
SELECT * FROM sg;
WITH RECURSIVE x(col) AS (
  SELECT 1 UNION (WITH x AS (SELECT * FROM x) SELECT * FROM x)
) SEARCH DEPTH FIRST BY col SET seq
SELECT * FROM x;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g UNION ALL SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) CYCLE f, t SET is_cycle TO true DEFAULT 55 USING path
SELECT * FROM sg;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g UNION ALL SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) CYCLE f, t SET foo TO true DEFAULT false USING foo
SELECT * FROM sg;
WITH RECURSIVE sg(f, t, label) AS (
  SELECT * FROM graph g UNION ALL SELECT g.* FROM graph g, sg WHERE g.f = sg.t
) SEARCH DEPTH FIRST BY f, t SET foo
  CYCLE f, t SET foo TO true DEFAULT false USING path
SELECT * FROM sg;
WITH sg AS (SELECT 1 AS x) SEARCH DEPTH FIRST BY x SET seq SELECT * FROM sg;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t ORDER BY 1) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t LIMIT 10) SELECT * FROM t;
DROP TABLE graph;
