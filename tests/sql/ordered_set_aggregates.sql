-- Ordered-set and hypothetical-set aggregates: WITHIN GROUP (ORDER BY ...).
CREATE TABLE osa (g int, x int, f float8, s text);
INSERT INTO osa VALUES (1, 1, 1.5, 'b'), (1, 2, 2.5, 'a'), (1, 3, NULL, 'b'), (1, 4, 10, 'c'),
  (2, 10, 7, 'z'), (2, NULL, 8, NULL), (2, 30, 9, 'z'), (3, NULL, NULL, NULL);
SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_disc(0.5) WITHIN GROUP (ORDER BY x),
       percentile_cont(0.25) WITHIN GROUP (ORDER BY f), mode() WITHIN GROUP (ORDER BY s)
  FROM osa GROUP BY g ORDER BY g;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x DESC), percentile_disc(0.1) WITHIN GROUP (ORDER BY s DESC) FROM osa;
SELECT percentile_disc(array[0, 0.25, 0.5, 0.75, 1]) WITHIN GROUP (ORDER BY x) FROM osa;
SELECT percentile_cont(array[0, 0.25, 0.5, 0.75, 1]) WITHIN GROUP (ORDER BY x) FROM osa;
SELECT percentile_disc(array[[null, 1, 0.5], [0.75, 0.25, null]]) WITHIN GROUP (ORDER BY s) FROM osa;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FILTER (WHERE g = 1) FROM osa;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM osa WHERE false;
SELECT percentile_cont(NULL) WITHIN GROUP (ORDER BY x) FROM osa;
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY x) FROM osa;
SELECT percentile_disc(-0.1) WITHIN GROUP (ORDER BY x) FROM osa;
SELECT mode() WITHIN GROUP (ORDER BY g), mode() WITHIN GROUP (ORDER BY s DESC) FROM osa;
SELECT rank(3) WITHIN GROUP (ORDER BY x), dense_rank(3) WITHIN GROUP (ORDER BY x),
       percent_rank(3) WITHIN GROUP (ORDER BY x), cume_dist(3) WITHIN GROUP (ORDER BY x) FROM osa;
SELECT rank(3) WITHIN GROUP (ORDER BY x DESC NULLS LAST), cume_dist(NULL::int) WITHIN GROUP (ORDER BY x) FROM osa;
SELECT rank(1, 'b') WITHIN GROUP (ORDER BY g, s), dense_rank(2, 'a') WITHIN GROUP (ORDER BY g DESC, s) FROM osa;
SELECT g, rank(2) WITHIN GROUP (ORDER BY x) FROM osa GROUP BY g ORDER BY g;
SELECT rank(3) WITHIN GROUP (ORDER BY x) FROM (VALUES ('fred'), ('jim')) v(x);
SELECT sum(x) WITHIN GROUP (ORDER BY x) FROM osa;
SELECT percentile_cont(0.5, 0.2) FROM osa;
SELECT percentile_cont(0.5) FROM osa;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) FROM osa;
SELECT g FROM osa WHERE percentile_cont(0.5) WITHIN GROUP (ORDER BY x) > 1;
DROP TABLE osa;
