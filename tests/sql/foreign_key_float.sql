-- Foreign keys between real and double precision columns: equality by value, as PostgreSQL's =.
CREATE TABLE fpk (a float8, b real, PRIMARY KEY (a, b));
CREATE TABLE ffk (x float8, y real, FOREIGN KEY (x, y) REFERENCES fpk ON UPDATE CASCADE ON DELETE CASCADE);
INSERT INTO fpk VALUES (1.5, 2.5), ('NaN', 'Infinity'), (0, 0);
INSERT INTO ffk VALUES (1.5, 2.5), ('NaN', 'Infinity'), (0, 0);
INSERT INTO ffk VALUES (1.25, 2.5);
INSERT INTO ffk VALUES ('NaN', '-Infinity');
UPDATE fpk SET a = 3.75 WHERE a = 1.5;
SELECT * FROM ffk ORDER BY x;
DELETE FROM fpk WHERE a = 'NaN';
SELECT * FROM ffk ORDER BY x;
CREATE TABLE ffk2 (x float4 REFERENCES fpk (a));
CREATE TABLE ffk3 (x text REFERENCES fpk (a));
