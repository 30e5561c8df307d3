-- Index keys PostgreSQL refuses: system columns (as key, in an expression or the predicate)
-- and record-typed expressions; textcat() as an index expression.
CREATE TABLE ikr (a int, f1 text, f2 text);
CREATE INDEX ON ikr (ctid);
CREATE INDEX ON ikr ((ctid >= '(1000,0)'));
CREATE INDEX ON ikr (a) WHERE ctid >= '(1000,0)';
CREATE INDEX ON ikr (xmin);
CREATE INDEX ON ikr (cmax);
CREATE INDEX ON ikr (tableoid);
CREATE INDEX ON ikr (nope);
CREATE INDEX ON ikr ((f1 || f2), (row(f1, f2)));
CREATE UNIQUE INDEX ikr_cat ON ikr (textcat(f1, f2));
INSERT INTO ikr VALUES (1, 'ABC', 'DEF'), (2, 'AB', 'CDE');
SELECT textcat(f1, f2), textcat(f1, NULL) IS NULL AS n FROM ikr ORDER BY a;
SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'ikr'::regclass;
DROP TABLE ikr;
