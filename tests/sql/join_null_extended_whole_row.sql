-- A whole-row reference to the nullable side of an outer join is NULL on the rows the join
-- pads (PostgreSQL's whole-row Var), not a row of NULLs: count(t.*) counts the matched rows,
-- while a real row whose columns are all NULL still counts.
CREATE TABLE wl (k int, v text);
CREATE TABLE wr (k int, w text);
INSERT INTO wl VALUES (1, 'a'), (2, 'b'), (3, 'c'), (NULL, 'd');
INSERT INTO wr VALUES (1, 'x'), (1, 'y'), (3, NULL), (NULL, NULL);
SELECT l.k, count(r.*) AS c_star, count(r) AS c_row, count(r.w) AS c_col
  FROM wl l LEFT JOIN wr r ON l.k = r.k GROUP BY l.k ORDER BY l.k;
SELECT l.k, count(r.*) FROM wl l LEFT JOIN (SELECT * FROM wr) r ON l.k = r.k GROUP BY l.k ORDER BY 1;
SELECT l.k, count(r.*) FROM wl l LEFT JOIN (SELECT * FROM wr OFFSET 0) r ON l.k = r.k GROUP BY l.k ORDER BY 1;
SELECT l.k, count(r.*) FROM wl l
  LEFT JOIN (SELECT k, CASE WHEN k = 1 THEN 1 ELSE k END AS w FROM wr) r ON l.k = r.k
  GROUP BY l.k ORDER BY 1;
-- the all-NULL row of wr matches nothing, but it is a row: count(*) of a full join sees it
SELECT count(r.*) AS r_rows, count(l.*) AS l_rows, count(*) FROM wl l FULL JOIN wr r ON l.k = r.k;
SELECT r, r IS NULL AS isnull, r.* FROM wl l LEFT JOIN wr r ON l.k = r.k ORDER BY l.v, r.w;
SELECT l.v, r FROM wr r RIGHT JOIN wl l ON l.k = r.k ORDER BY l.v, r.w;
WITH c AS (SELECT * FROM wr)
SELECT l.k, count(c.*) FROM wl l LEFT JOIN c ON l.k = c.k GROUP BY l.k ORDER BY 1;
-- a whole row of a table whose columns are all NULL is not NULL
SELECT count(r.*) FROM wr r;
-- inside the join's own ON clause and in an inner join the row is a real one
SELECT count(r.*) FROM wl l JOIN wr r ON l.k = r.k;
SELECT l.v, (SELECT r) AS sub, (SELECT r IS NULL) AS sub_null FROM wl l LEFT JOIN wr r ON l.k = r.k ORDER BY 1, 2;
-- LATERAL subqueries, JSON of the row, a view
SELECT l.v, r FROM wl l LEFT JOIN LATERAL (SELECT * FROM wr WHERE wr.k = l.k) r ON true ORDER BY 1, 2;
SELECT l.v, r FROM wl l LEFT JOIN LATERAL (SELECT * FROM wr) r ON r.k = l.k ORDER BY 1, 2;
SELECT l.v, row_to_json(r), to_json(r) FROM wl l LEFT JOIN wr r ON l.k = r.k ORDER BY 1, 2::text;
SELECT json_agg(r ORDER BY r.w) FROM wl l LEFT JOIN wr r ON l.k = r.k;
CREATE VIEW wv AS SELECT l.v, count(r.*) AS n FROM wl l LEFT JOIN wr r ON l.k = r.k GROUP BY l.v;
SELECT * FROM wv ORDER BY v;
SELECT pg_get_viewdef('wv');
