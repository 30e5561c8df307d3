-- RETURNING of FROM/USING columns in UPDATE/DELETE of an inheritance parent, and UPDATE … FROM
-- … RETURNING moving its rows to the table's end like any UPDATE.
CREATE TEMP TABLE rf (f1 serial, f2 text, f3 int DEFAULT 42);
CREATE TEMP TABLE rf_child (fc int) INHERITS (rf);
INSERT INTO rf (f2) VALUES ('one'), ('two');
INSERT INTO rf_child VALUES (123, 'child', 999, -123);
CREATE TEMP TABLE rf_src (q1 int8, q2 int8);
INSERT INTO rf_src VALUES (4567890123456789, 123), (7, 1);
UPDATE rf SET f3 = f3 * 2 FROM rf_src s WHERE rf.f1 = s.q2 RETURNING *;
SELECT * FROM rf;
SELECT * FROM rf_child;
UPDATE rf SET f3 = f3 + 1 FROM rf_src s WHERE rf.f1 = s.q2 RETURNING rf.f1, s.q1;
SELECT * FROM rf;
UPDATE ONLY rf SET f2 = f2 || '!' FROM rf_src s WHERE s.q1 = 7 RETURNING rf.*, s.q2;
SELECT * FROM rf;
DELETE FROM rf USING rf_src s WHERE rf.f1 = s.q2 RETURNING *;
SELECT * FROM rf;
SELECT * FROM rf_child;
DROP TABLE rf_child, rf, rf_src;
