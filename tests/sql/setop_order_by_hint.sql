-- ORDER BY of a set operation names result columns; a column of a later arm gets
-- errorMissingColumn's hint naming that arm ("*SELECT* n").
CREATE TABLE sh (q1 int, q2 int, q3 int);
INSERT INTO sh VALUES (1, 2, 3), (4, 5, 6);
SELECT q1 FROM sh EXCEPT SELECT q2 FROM sh ORDER BY q2 LIMIT 1;
SELECT q1 FROM sh UNION SELECT q2 FROM sh UNION SELECT q3 FROM sh ORDER BY q3;
SELECT q1 FROM sh UNION (SELECT q2 FROM sh UNION SELECT q3 FROM sh) ORDER BY q3;
SELECT q1 FROM sh UNION SELECT q2 FROM sh ORDER BY nosuch;
SELECT q1 FROM sh UNION SELECT q2 FROM sh ORDER BY q1;
