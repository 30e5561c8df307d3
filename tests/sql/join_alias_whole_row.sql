-- Whole-row references to JOIN aliases: `JOIN … USING (…) AS x` names the merged columns and
-- `(… JOIN …) AS j` all the join's columns; x.* in ROW() and row_to_json() reads them. An
-- alias hidden by an outer join alias is missing, with no hint (it is not a range-table entry).
CREATE TABLE ja (i int, t text);
CREATE TABLE jb (i int, k int);
INSERT INTO ja VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO jb VALUES (1, -1), (2, 2), (2, 4);
SELECT ROW(x.*) FROM ja JOIN jb USING (i) AS x WHERE ja.t = 'one';
SELECT row_to_json(x.*) FROM ja JOIN jb USING (i) AS x ORDER BY jb.k;
SELECT x FROM ja JOIN jb USING (i) AS x ORDER BY jb.k;
SELECT row_to_json(j) FROM (ja JOIN jb USING (i)) AS j ORDER BY j.k;
SELECT j.* FROM (ja JOIN jb USING (i)) AS j ORDER BY j.k;
SELECT * FROM (ja JOIN jb USING (i) AS x) AS xx WHERE x.i = 1;
SELECT * FROM (ja JOIN jb ON ja.i = jb.i) AS xx WHERE ja.i = 1;
