-- Defaults that are SQL value functions (CURRENT_DATE, LOCALTIME, ...) are stored and shown as
-- PostgreSQL's keywords and evaluated on each INSERT.
CREATE TABLE d (a int, b date DEFAULT current_date, f time DEFAULT localtime, h timetz DEFAULT current_time);
INSERT INTO d (a) VALUES (1);
SELECT a, b = current_date AS today, f IS NOT NULL AS f_set, h IS NOT NULL AS h_set FROM d;
\d d
DROP TABLE d;
