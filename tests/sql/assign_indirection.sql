-- Assignment through mixed subscripts and fields: INSERT (c.f[i], a[i].f), INSERT … SELECT
-- with such targets, DEFAULT errors, domains checked once per statement.
CREATE TYPE ai_comp AS (if1 int, if2 text[]);
CREATE DOMAIN ai_nnarray AS int[] CHECK (value IS NULL OR (value[1] IS NOT NULL AND value[2] IS NOT NULL));
CREATE TABLE ai (f1 int, f2 int[], f3 ai_comp, f4 ai_comp[], f5 ai_nnarray);
INSERT INTO ai (f2[1], f2[2]) VALUES (1, 2), (3, 4);
INSERT INTO ai (f2[1], f2[2]) SELECT 7, 8;
INSERT INTO ai (f2[1], f2[2]) VALUES (1, DEFAULT);
INSERT INTO ai (f3.if1, f3.if2) VALUES (1, DEFAULT);
INSERT INTO ai (f3.if1, f3.if2) SELECT 3, '{baz,quux}';
INSERT INTO ai (f3.if2[1], f3.if2[2]) VALUES ('foo', 'bar'), ('baz', 'quux');
INSERT INTO ai (f3.if2[1], f3.if2[2]) SELECT 'bear', 'beer';
INSERT INTO ai (f4[1].if2[1], f4[1].if2[2]) VALUES ('foo', 'bar');
INSERT INTO ai (f4[1].if1, f4[1].if2[2]) SELECT 5, 'beer';
INSERT INTO ai (f4[1:2].if1) VALUES (1);
INSERT INTO ai (f3.nope) VALUES (1);
INSERT INTO ai (f1[1]) VALUES (1);
INSERT INTO ai (f1.x) VALUES (1);
INSERT INTO ai (f3.if1) VALUES (now());
INSERT INTO ai (f5[1], f5[2]) VALUES (1, 2);
INSERT INTO ai (f5[1]) VALUES (1);
SELECT * FROM ai ORDER BY f1, f2, f3::text, f4::text;
UPDATE ai SET f5[2] = NULL WHERE f5 IS NOT NULL;
UPDATE ai SET f5[3] = 3, f5[1:2] = '{10,20}' WHERE f5 IS NOT NULL RETURNING f5;
UPDATE ai SET f4[1].if2[2] = 'x', f4[1].if1 = 9 WHERE f4 IS NOT NULL RETURNING f4;
UPDATE ai SET f3.if2[1:2] = '{p,q}' WHERE f3 IS NOT NULL RETURNING f3;
DROP TABLE ai;
DROP DOMAIN ai_nnarray;
DROP TYPE ai_comp;
