-- SELECT DISTINCT ON: first row per group in ORDER BY order.
CREATE TABLE r (id integer PRIMARY KEY, grp text, score integer, at date);
INSERT INTO r VALUES (1, 'a', 5, '2024-01-01'), (2, 'a', 9, '2024-01-02'), (3, 'b', 7, '2024-01-01'),
  (4, 'b', 7, '2024-01-03'), (5, NULL, 1, '2024-01-01'), (6, 'c', NULL, '2024-01-05');
SELECT DISTINCT ON (grp) grp, id, score FROM r ORDER BY grp, score DESC;
SELECT DISTINCT ON (grp) grp, id FROM r ORDER BY grp, score DESC NULLS LAST, id;
SELECT DISTINCT ON (grp) * FROM r ORDER BY grp, at DESC;
SELECT DISTINCT ON (1) grp, score FROM r ORDER BY 1, 2;
SELECT DISTINCT ON (grp, score) grp, score, id FROM r ORDER BY grp, score, id DESC;
SELECT DISTINCT ON (grp) grp, id FROM r ORDER BY grp, id LIMIT 2;
SELECT DISTINCT ON (grp) grp, id FROM r ORDER BY score;
SELECT count(*) FROM (SELECT DISTINCT ON (grp) grp FROM r ORDER BY grp) s;
