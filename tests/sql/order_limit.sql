-- ORDER BY ASC/DESC, NULLS FIRST/LAST (PostgreSQL's default: NULLs sort high), LIMIT/OFFSET.
CREATE TABLE scores (id integer PRIMARY KEY, player text, score integer, level numeric(4,1), note text);
INSERT INTO scores VALUES
  (1, 'zed', 50, 1.5, 'b'),
  (2, 'amy', NULL, 2.0, NULL),
  (3, 'Bob', 75, NULL, 'a'),
  (4, 'cat', 50, 3.5, 'c'),
  (5, 'dan', 100, 1.5, NULL),
  (6, 'Eve', NULL, 2.5, 'A'),
  (7, 'fay', 25, 0.5, 'B');
SELECT id, score FROM scores ORDER BY score, id;
SELECT id, score FROM scores ORDER BY score ASC, id;
SELECT id, score FROM scores ORDER BY score DESC, id;
SELECT id, score FROM scores ORDER BY score NULLS FIRST, id;
SELECT id, score FROM scores ORDER BY score ASC NULLS LAST, id;
SELECT id, score FROM scores ORDER BY score DESC NULLS LAST, id;
SELECT id, score FROM scores ORDER BY score DESC NULLS FIRST, id DESC;
SELECT player FROM scores ORDER BY player;
SELECT player FROM scores ORDER BY player DESC;
SELECT note FROM scores ORDER BY note;
SELECT note FROM scores ORDER BY note DESC;
SELECT id, level FROM scores ORDER BY level, id;
SELECT id, level FROM scores ORDER BY level DESC NULLS LAST, id;
SELECT player, score FROM scores ORDER BY 2 DESC NULLS LAST, 1;
SELECT player AS p, score AS s FROM scores ORDER BY s, p;
SELECT player FROM scores ORDER BY score * -1, player;
SELECT player FROM scores ORDER BY length(player) DESC, player;
SELECT player, score FROM scores ORDER BY COALESCE(score, 0), player;
SELECT player FROM scores ORDER BY id LIMIT 3;
SELECT player FROM scores ORDER BY id LIMIT 3 OFFSET 2;
SELECT player FROM scores ORDER BY id OFFSET 5;
SELECT player FROM scores ORDER BY id LIMIT 0;
SELECT player FROM scores ORDER BY id LIMIT 100;
SELECT player FROM scores ORDER BY id OFFSET 100;
SELECT player FROM scores ORDER BY id LIMIT ALL;
SELECT player FROM scores ORDER BY id LIMIT NULL;
SELECT player FROM scores ORDER BY id LIMIT 2 + 1;
SELECT player, score FROM scores WHERE score IS NOT NULL ORDER BY score DESC, player LIMIT 1;
SELECT DISTINCT score FROM scores ORDER BY score;
SELECT DISTINCT score FROM scores ORDER BY score DESC LIMIT 2;
SELECT score, count(*) FROM scores GROUP BY score ORDER BY count(*) DESC, score NULLS FIRST;
SELECT 1 AS x ORDER BY 1;
SELECT player FROM scores ORDER BY id LIMIT -1;
SELECT player FROM scores ORDER BY id OFFSET -1;
SELECT player FROM scores ORDER BY 5;
SELECT player FROM scores ORDER BY nosuch;
