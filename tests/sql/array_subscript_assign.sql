-- Slice assignment (UPDATE … SET a[l:u] = …) and subscripted INSERT / ON CONFLICT targets.
CREATE TABLE asa (id int PRIMARY KEY, a int[], b text[][], c int[]);
INSERT INTO asa (id, a[1:3], b[1:2][1:2]) VALUES (1, '{1,2,3}', '{{a,b},{c,d}}') RETURNING *;
INSERT INTO asa (id, a[2], a[4]) VALUES (2, 20, 40) RETURNING *;
INSERT INTO asa (id, a[2:3], a[1]) VALUES (3, '{1,2}', 7) RETURNING *;
INSERT INTO asa (id, a[1:2]) VALUES (4, NULL) RETURNING *;
INSERT INTO asa (id, a[1][2]) VALUES (5, 5) RETURNING *;
INSERT INTO asa (id, a[2:1]) VALUES (6, '{}') RETURNING *;
INSERT INTO asa (id, a[2:2]) VALUES (7, '{}');
INSERT INTO asa (id, a[2]) VALUES (7, now());
INSERT INTO asa (id, a[1:2]) VALUES (7, now());
INSERT INTO asa (id, a, a[1]) VALUES (7, '{1}', 2);
INSERT INTO asa (id, a[0:2147483647]) VALUES (7, '{}');
UPDATE asa SET a[1:2] = '{10,11}' WHERE id = 1 RETURNING *;
UPDATE asa SET a[0:1] = '{-1,-2}', a[6:7] = '{6,7,8}' WHERE id = 1 RETURNING *;
UPDATE asa SET b[2:2][1:2] = '{x,y}', b[:1][2:] = '{z}' WHERE id = 1 RETURNING b;
UPDATE asa SET a[:2] = '{100,200}' WHERE id = 2 RETURNING a;
UPDATE asa SET a[3:] = '{300,400}' WHERE id = 2 RETURNING a;
UPDATE asa SET a[:] = '{1,2}' WHERE id = 2;
UPDATE asa SET a[:] = '{1,2,3}' WHERE id = 6;
UPDATE asa SET a[NULL:1] = '{1}' WHERE id = 1;
UPDATE asa SET a[1:NULL] = '{1}' WHERE id = 1;
UPDATE asa SET a[3:2] = '{1}' WHERE id = 1;
UPDATE asa SET b[0:1][1:2] = '{p,q,r,s}' WHERE id = 1;
UPDATE asa SET a[1:2] = NULL WHERE id = 2 RETURNING a;
UPDATE asa SET c[1:2] = NULL WHERE id = 2 RETURNING c;
UPDATE asa SET c[-1:0] = ARRAY[9,8,7] WHERE id = 2 RETURNING c;
UPDATE asa SET a[2147483646:2147483647] = array[4,2] WHERE id = 2;
SELECT ('{}'::int[])[1][2][3][4][5][6][7];
SELECT '[-2147483648:-2147483647]={1,2}'::int[];
INSERT INTO asa (id, a[1:2]) VALUES (1, '{6,7,8}') ON CONFLICT (id)
  DO UPDATE SET a[1] = excluded.a[1], a[2] = excluded.a[2], a[5:6] = excluded.a
  RETURNING id, a;
SELECT * FROM asa ORDER BY id;
DROP TABLE asa;
