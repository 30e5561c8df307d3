-- A WITH query holding a volatile function is evaluated once: all its readers see the same rows.
SELECT count(*) FROM (
  WITH q1(x) AS (SELECT random() FROM generate_series(1, 5))
    SELECT * FROM q1
  UNION
    SELECT * FROM q1
) ss;
WITH q1(x) AS (SELECT random()) SELECT a.x = b.x FROM q1 a, q1 b;
CREATE SEQUENCE wvo_seq;
WITH s(v) AS (SELECT nextval('wvo_seq') FROM generate_series(1, 3))
SELECT (SELECT sum(v) FROM s), (SELECT max(v) FROM s), (SELECT count(*) FROM s);
SELECT currval('wvo_seq');
