-- sum/avg(interval) as window functions over moving frames (rows leaving the frame are
-- subtracted, as PostgreSQL's interval_mi / interval_accum_inv do).
SELECT i, AVG(v::interval) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)
  FROM (VALUES (1, '1 sec'), (2, '2 sec'), (3, NULL), (4, NULL)) t(i, v);
SELECT i, SUM(v::interval) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)
  FROM (VALUES (1, '1 sec'), (2, '2 sec'), (3, NULL), (4, NULL)) t(i, v);
SELECT i, sum(v) OVER w, avg(v) OVER w
  FROM (VALUES (1, '1 mon 2 days'::interval), (2, '3 hours'), (3, '-1 day'), (4, '10 min')) t(i, v)
  WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING);
SELECT sum(v), avg(v) FROM (VALUES ('1 day'::interval), ('12 hours')) t(v);
