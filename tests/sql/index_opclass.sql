-- default-like operator classes in index keys are accepted
CREATE TABLE ioc (a int, t text, v varchar(10));
CREATE INDEX ioc_a ON ioc USING btree (a int4_ops);
CREATE UNIQUE INDEX ioc_t ON ioc (t text_pattern_ops);
CREATE INDEX ioc_v ON ioc (v varchar_pattern_ops, (a + 1) int4_ops) WHERE a > 0;
INSERT INTO ioc VALUES (1, 'x', 'y'), (2, 'y', 'z');
INSERT INTO ioc VALUES (3, 'x', 'w');
SELECT * FROM ioc WHERE t LIKE 'x%';
DROP TABLE ioc;
