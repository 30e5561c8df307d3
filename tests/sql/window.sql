-- Window functions: ranking, offsets, value functions, aggregates OVER windows, frames,
-- named windows, errors.
CREATE TABLE s (id integer PRIMARY KEY, grp text, v integer, amt numeric(8,2));
INSERT INTO s VALUES (1, 'a', 10, 1.50), (2, 'a', 20, 2.25), (3, 'a', 20, NULL), (4, 'b', 5, 10),
  (5, 'b', NULL, 3.33), (6, 'c', 7, 0.01);
SELECT id, row_number() OVER (ORDER BY id) FROM s ORDER BY id;
SELECT id, grp, v, rank() OVER w, dense_rank() OVER w, percent_rank() OVER w, cume_dist() OVER w
  FROM s WINDOW w AS (PARTITION BY grp ORDER BY v) ORDER BY id;
SELECT id, ntile(3) OVER (ORDER BY id) FROM s ORDER BY id;
SELECT id, lag(v) OVER (ORDER BY id), lead(v, 2) OVER (ORDER BY id), lag(v, 1, -1) OVER (ORDER BY id) FROM s ORDER BY id;
SELECT id, first_value(v) OVER (PARTITION BY grp ORDER BY id), last_value(v) OVER (PARTITION BY grp ORDER BY id),
  nth_value(v, 2) OVER (PARTITION BY grp ORDER BY id) FROM s ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id), count(*) OVER (), count(v) OVER (PARTITION BY grp) FROM s ORDER BY id;
SELECT id, avg(v) OVER (PARTITION BY grp), sum(amt) OVER (PARTITION BY grp ORDER BY id), max(amt) OVER (PARTITION BY grp) FROM s ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM s ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM s ORDER BY id;
SELECT id, v, sum(id) OVER (ORDER BY v RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) FROM s ORDER BY id;
SELECT id, v, count(*) OVER (ORDER BY v GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM s ORDER BY id;
SELECT id, v, sum(v) OVER (ORDER BY v RANGE UNBOUNDED PRECEDING) FROM s ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS 2 PRECEDING) FROM s ORDER BY id;
SELECT grp, sum(v), rank() OVER (ORDER BY sum(v) DESC NULLS LAST) FROM s GROUP BY grp ORDER BY grp;
SELECT id, row_number() OVER (ORDER BY v DESC, id) AS rn FROM s ORDER BY rn;
SELECT id FROM s ORDER BY row_number() OVER (ORDER BY id DESC);
SELECT id, sum(v) OVER (w ORDER BY id) FROM s WINDOW w AS (PARTITION BY grp) ORDER BY id;
SELECT id FROM s WHERE row_number() OVER () > 1;
SELECT row_number() OVER (ORDER BY sum(v) OVER ()) FROM s;
SELECT id, sum(v) OVER nope FROM s;
SELECT id, lower(grp) OVER () FROM s;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM s;
SELECT DISTINCT grp, count(*) OVER (PARTITION BY grp) FROM s ORDER BY grp;
SELECT * FROM (SELECT id, grp, row_number() OVER (PARTITION BY grp ORDER BY v DESC NULLS LAST) AS r FROM s) t WHERE r = 1 ORDER BY grp;
