-- a column default calling currval (stored as PostgreSQL text, re-read at each INSERT)
CREATE SEQUENCE dcv_seq;
CREATE TABLE dcv (x int DEFAULT nextval('dcv_seq'), y text DEFAULT '-NULL-', z int DEFAULT -1 * currval('dcv_seq'), CHECK (x + z = 0));
INSERT INTO dcv (y) VALUES ('Y');
INSERT INTO dcv (x) VALUES (5);
INSERT INTO dcv (y) VALUES ('Z');
SELECT * FROM dcv;
DROP TABLE dcv;
DROP SEQUENCE dcv_seq;
