-- foreign key definition errors: system columns, numeric types, column lists of ON UPDATE
CREATE TABLE fpk (id int PRIMARY KEY, n numeric UNIQUE);
CREATE TABLE ffk (a int, FOREIGN KEY (tableoid) REFERENCES fpk);
CREATE TABLE ffk (a oid, FOREIGN KEY (a) REFERENCES fpk (ctid));
CREATE TABLE ffk (a numeric REFERENCES fpk);
CREATE TABLE ffk (a float8 REFERENCES fpk (n));
CREATE TABLE ffk (a int, b int, FOREIGN KEY (a, b) REFERENCES fpk ON UPDATE SET NULL (b));
DROP TABLE fpk;
