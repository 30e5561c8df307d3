-- Generated columns and inheritance (PostgreSQL 15's MergeAttributes /
-- MergeAttributesIntoExisting): a child column merged with a generated parent column stays
-- unadorned; parents must agree on generation; ALTER TABLE INHERIT needs the same expression.
CREATE TABLE gp0 (a int PRIMARY KEY, b int GENERATED ALWAYS AS (55) STORED);
CREATE TABLE gp1 (a int PRIMARY KEY, b int GENERATED ALWAYS AS (a * 2) STORED);
CREATE TABLE gc1 () INHERITS (gp1);
INSERT INTO gc1 VALUES (4);
SELECT * FROM gc1;
CREATE TABLE gcx (x int, b int GENERATED ALWAYS AS (a * 22) STORED) INHERITS (gp1);
CREATE TABLE gcx (x int, b int DEFAULT 10) INHERITS (gp1);
CREATE TABLE gcx (x int, b int GENERATED ALWAYS AS IDENTITY) INHERITS (gp1);
CREATE TABLE gcx (x int, b int) INHERITS (gp1);
INSERT INTO gcx (a, x) VALUES (3, 1);
SELECT * FROM gcx;
-- a generated child column over a plain parent column is allowed
CREATE TABLE gplain (a int, b int);
CREATE TABLE gcg (b int GENERATED ALWAYS AS (a + 1) STORED) INHERITS (gplain);
INSERT INTO gcg (a) VALUES (10);
SELECT * FROM gcg;
SELECT * FROM gplain;
-- ALTER TABLE INHERIT
CREATE TABLE gxx_1 (a int NOT NULL, b int);
ALTER TABLE gxx_1 INHERIT gp1;
CREATE TABLE gxx_2 (a int NOT NULL, b int GENERATED ALWAYS AS (a * 22) STORED);
ALTER TABLE gxx_2 INHERIT gp1;
CREATE TABLE gxx_3 (a int NOT NULL, b int GENERATED ALWAYS AS (a * 2) STORED);
ALTER TABLE gxx_3 INHERIT gp1;
CREATE TABLE gxx_4 (b int GENERATED ALWAYS AS (a * 2) STORED, a int NOT NULL);
ALTER TABLE gxx_4 INHERIT gp1;
-- several parents
CREATE TABLE gy (x int, b int);
CREATE TABLE gc2 () INHERITS (gp1, gy);
DROP TABLE gy;
CREATE TABLE gy (x int, b int GENERATED ALWAYS AS (x * 22) STORED);
CREATE TABLE gc2 () INHERITS (gp1, gy);
DROP TABLE gy;
CREATE TABLE gy (x int, b int DEFAULT 55);
CREATE TABLE gc2 () INHERITS (gp0, gy);
DROP TABLE gy;
CREATE TABLE gy (x int, b int GENERATED ALWAYS AS (a * 2) STORED, a int);
CREATE TABLE gc3 () INHERITS (gp1, gy);
INSERT INTO gc3 (a, x) VALUES (7, 0);
SELECT * FROM gc3;
