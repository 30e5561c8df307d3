-- pg_get_viewdef: views printed as PostgreSQL's ruleutils prints them (pretty and not).
CREATE TABLE vd_t (a int, b text, c numeric(10,2), d varchar(10));
CREATE TABLE vd_u (a int, e int);
CREATE VIEW vd1 AS SELECT a, b AS bee, a + 1 AS a1, c * 2 FROM vd_t WHERE a > 0 AND b = 'x' OR d IS NULL;
SELECT pg_get_viewdef('vd1');
SELECT pg_get_viewdef('vd1', true);
CREATE VIEW vd2 AS SELECT t.a, u.e FROM vd_t t JOIN vd_u u ON t.a = u.a LEFT JOIN vd_u u2 ON u2.e = t.a ORDER BY t.a DESC;
SELECT pg_get_viewdef('vd2');
SELECT pg_get_viewdef('vd2', true);
CREATE VIEW vd3 AS SELECT * FROM vd_t JOIN vd_u USING (a);
SELECT pg_get_viewdef('vd3', true);
CREATE VIEW vd4 AS SELECT a, count(*) AS n, sum(e) FROM vd_u GROUP BY a HAVING count(*) > 1;
SELECT pg_get_viewdef('vd4', true);
CREATE VIEW vd5 AS SELECT i, sum(i) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s
  FROM generate_series(1, 10) i;
SELECT pg_get_viewdef('vd5');
CREATE VIEW vd6 AS SELECT vd1.a, vd1.bee FROM vd1, vd_u WHERE vd1.a = vd_u.e;
SELECT pg_get_viewdef('vd6', true);
CREATE VIEW vd7 AS SELECT 1 AS one, 'txt'::text AS t, 2.5 AS n, -3 AS neg, a - (e - 1) AS m, (a - e) - 1 AS m2 FROM vd_u;
SELECT pg_get_viewdef('vd7', true);
SELECT pg_get_viewdef('vd7');
SELECT pg_get_viewdef('vd_t');
SELECT pg_get_viewdef('no_such_view');
CREATE VIEW vd8 AS SELECT * FROM vd_t JOIN vd_u USING (a) AS x;
SELECT pg_get_viewdef('vd8', true);
CREATE VIEW vd9 AS SELECT * FROM (vd_t JOIN vd_u USING (a)) AS y;
SELECT pg_get_viewdef('vd9', true);
SELECT pg_get_viewdef('vd9');
