-- CHECK constraints: column and table level, PostgreSQL's generated names, NULL passes,
-- evaluation order by name, UPDATE checks, errors.
CREATE TABLE prod (id integer PRIMARY KEY, price numeric(10,2) CHECK (price > 0), qty integer CHECK (qty >= 0),
  lo integer, hi integer, CHECK (lo <= hi), CONSTRAINT named_one CHECK (qty < 1000), CHECK (id > 0 AND qty IS NOT NULL OR id < 0));
INSERT INTO prod VALUES (1, 9.99, 5, 1, 2);
INSERT INTO prod VALUES (2, 0, 5, 1, 2);
INSERT INTO prod VALUES (3, 1, -1, 1, 2);
INSERT INTO prod VALUES (4, 1, 1, 3, 2);
INSERT INTO prod VALUES (5, 1, 5000, 1, 2);
INSERT INTO prod VALUES (6, NULL, NULL, NULL, 2);
INSERT INTO prod VALUES (7, 1, NULL, 1, 1);
UPDATE prod SET qty = -5 WHERE id = 1;
UPDATE prod SET price = price * 2 WHERE id = 1 RETURNING price;
SELECT * FROM prod ORDER BY id;
CREATE TABLE bad (a integer CHECK (a));
CREATE TABLE bad (a integer CHECK (a + 1));
CREATE TABLE bad (a integer CHECK (count(*) > 0));
CREATE TABLE bad (a integer CHECK (b > 0));
CREATE TABLE two (a integer, b integer, CHECK (a > 0), CHECK (a < 10), CHECK (a <> 5));
INSERT INTO two VALUES (5, 0);
INSERT INTO two VALUES (0, 0);
INSERT INTO two VALUES (20, 0);
CREATE TABLE strs (s text CHECK (length(s) > 2 AND s LIKE 'a%'));
INSERT INTO strs VALUES ('abc'), ('ab');
INSERT INTO strs VALUES ('xyz');
INSERT INTO strs VALUES ('abcd');
SELECT * FROM strs;
BEGIN;
INSERT INTO two VALUES (3, 1);
INSERT INTO two VALUES (-3, 1);
ROLLBACK;
SELECT count(*) FROM two;
