-- COPY FROM STDIN / TO STDOUT in text and CSV formats: escaping, quoting, NULLs, headers,
-- column lists, defaults, errors with their CONTEXT lines, and option checks.
CREATE TABLE copy_t (a int PRIMARY KEY, b text, c numeric NOT NULL DEFAULT 0);
COPY copy_t (a, b) FROM STDIN;
1	one
2	\N
3	tab\there
4	back\\slash and \x41\101 escapes
\.
COPY copy_t FROM STDIN WITH (FORMAT csv, HEADER);
a,b,c
5,"q,u""o",1.5
6,,2
7,"",3
8,"multi
line",4
\.
COPY copy_t FROM STDIN (DELIMITER '|', NULL 'NULL');
9|NULL|5
10|pipe\|d|6
\.
COPY copy_t TO STDOUT;
COPY copy_t TO STDOUT (FORMAT csv, HEADER, FORCE_QUOTE (b));
COPY copy_t (b, a) TO STDOUT (FORMAT csv, FORCE_QUOTE *);
COPY copy_t TO STDOUT (DELIMITER '|', NULL 'NULL');
COPY (SELECT a, b FROM copy_t WHERE a < 3 ORDER BY a) TO STDOUT WITH CSV;
COPY (SELECT 1 AS x, 'a"b' AS y, NULL AS z) TO STDOUT (FORMAT csv, HEADER);
COPY (SELECT E'x\ty\nz', '\') TO STDOUT;
COPY copy_t (a, b) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b), FORCE_NULL (a));
11,
\.
COPY copy_t (a, b) FROM STDIN (FORMAT csv, FORCE_NULL (b));
12,""
\.
SELECT a, b IS NULL AS b_null, b, c FROM copy_t ORDER BY a;
-- HEADER MATCH
COPY copy_t (a, b) FROM STDIN (FORMAT csv, HEADER MATCH);
a,b
13,thirteen
\.
COPY copy_t (a, b) FROM STDIN (FORMAT csv, HEADER MATCH);
a
\.
-- data errors: the COPY fails whole, the rest of the data is skipped
COPY copy_t (a, b) FROM STDIN;
20	x
21	y	z
22	w
\.
COPY copy_t (a, b) FROM STDIN;
23
\.
COPY copy_t (a, b) FROM STDIN;
x	y
\.
COPY copy_t (a, b) FROM STDIN;
1	dup
\.
COPY copy_t (a, c) FROM STDIN;
24	\N
\.
COPY copy_t FROM STDIN (FORMAT csv);
25,"abc
\.
SELECT count(*) FROM copy_t WHERE a >= 20;
-- inside a transaction block
BEGIN;
COPY copy_t (a) FROM STDIN;
30
31
\.
SELECT count(*) FROM copy_t WHERE a >= 30;
ROLLBACK;
SELECT count(*) FROM copy_t WHERE a >= 30;
-- option and statement errors
COPY copy_t FROM STDIN (FORMAT bogus);
COPY copy_t FROM STDIN (foo 1);
COPY copy_t FROM STDIN (FORMAT csv, FORMAT text);
COPY copy_t FROM STDIN (DELIMITER '||');
COPY copy_t FROM STDIN (DELIMITER 'a');
COPY copy_t FROM STDIN (QUOTE '"');
COPY copy_t FROM STDIN (FORMAT csv, QUOTE ',');
COPY copy_t FROM STDIN (ESCAPE 'x');
COPY copy_t FROM STDIN (FORMAT csv, FORCE_QUOTE (a));
COPY copy_t TO STDOUT (FORMAT csv, FORCE_NOT_NULL (a));
COPY copy_t TO STDOUT (FORMAT csv, FORCE_NULL (a));
COPY copy_t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (zz));
COPY copy_t FROM STDIN (DELIMITER ',', NULL 'a,b');
COPY copy_t FROM STDIN (HEADER maybe);
COPY copy_t TO STDOUT (HEADER match);
COPY copy_t FROM STDIN (ENCODING 'nosuch');
COPY copy_nosuch FROM STDIN;
COPY copy_t (zz) FROM STDIN;
COPY copy_t (a, a) FROM STDIN;
CREATE VIEW copy_v AS SELECT 1 AS x;
COPY copy_v TO STDOUT;
COPY copy_t TO STDOUT (FORMAT text, QUOTE '"');
COPY (SELECT 1 AS x) TO STDOUT (HEADER);
-- psql's \copy: the client reads and writes the file
CREATE TABLE copy_t2 (a int, b text, c numeric);
\copy copy_t TO '/tmp/pgmicro_copy_test.txt'
\copy copy_t2 FROM '/tmp/pgmicro_copy_test.txt'
\copy copy_t2 (a, b) FROM stdin
100	x
\.
\copy (SELECT count(*), sum(a) FROM copy_t2) TO stdout
\copy copy_t2 TO stdout (FORMAT csv, HEADER)
-- last: psql 15 stops reading the script after this error
COPY copy_v FROM STDIN;
