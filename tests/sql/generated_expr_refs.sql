-- Column generation expressions may not reference the table's whole row or system columns
-- other than tableoid.
CREATE TABLE ge1 (a int PRIMARY KEY, b int GENERATED ALWAYS AS (num_nulls(ge1)) STORED);
CREATE TABLE ge2 (a int PRIMARY KEY, b text GENERATED ALWAYS AS (ge2.*::text) STORED);
CREATE TABLE ge3 (a int PRIMARY KEY, b bool GENERATED ALWAYS AS (xmin <> 37) STORED);
CREATE TABLE ge4 (a int PRIMARY KEY, b bool GENERATED ALWAYS AS (ge4.ctid IS NULL) STORED);
CREATE TABLE ge5 (a int PRIMARY KEY, xmin_col int, b int GENERATED ALWAYS AS (a + xmin_col) STORED);
INSERT INTO ge5 (a, xmin_col) VALUES (1, 2);
SELECT * FROM ge5;
ALTER TABLE ge5 ADD COLUMN c int GENERATED ALWAYS AS (cmax) STORED;
ALTER TABLE ge5 ADD COLUMN c int GENERATED ALWAYS AS (a * 3) STORED;
SELECT * FROM ge5;
