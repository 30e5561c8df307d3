-- row_to_json of a table's whole row keeps the table's column names even when the FROM item
-- renames the columns (the row is of the table's row type); a subquery's row takes the alias's.
CREATE TABLE rtj (q1 int, q2 text);
INSERT INTO rtj VALUES (1, 'a'), (2, NULL);
SELECT row_to_json(i) FROM rtj i(x, y) ORDER BY 1::text;
SELECT row_to_json(i) FROM rtj i(x) ORDER BY 1::text;
SELECT row_to_json(i), i.x FROM rtj AS i(x, y) WHERE i.x = 1;
SELECT row_to_json(q) FROM (SELECT q1, q2 FROM rtj) q(a, b) ORDER BY 1::text;
DROP TABLE rtj;
