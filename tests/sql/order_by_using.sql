-- ORDER BY ... USING < / > (the btree order), and random() in [0, 1).
CREATE TABLE obu (a int, b text);
INSERT INTO obu VALUES (1, 'x'), (2, 'y'), (NULL, 'z'), (3, NULL), (2, 'a');
SELECT * FROM obu ORDER BY a USING <, b USING >;
SELECT * FROM obu ORDER BY a USING > NULLS LAST, b USING <;
SELECT DISTINCT ON (a) a, b FROM obu ORDER BY a USING >, b USING <;
SELECT DISTINCT ON (a, b) a, b FROM obu ORDER BY a USING <, b DESC;
SELECT DISTINCT ON (b) a, b FROM obu ORDER BY a USING <;
SELECT * FROM obu ORDER BY a USING <=;
SELECT count(*) FROM (SELECT random() AS r FROM generate_series(1, 100)) s WHERE r >= 0 AND r < 1;
SELECT pg_typeof(random());
DROP TABLE obu;
