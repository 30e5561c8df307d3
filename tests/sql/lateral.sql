-- LATERAL subqueries and function calls in FROM, VARIADIC calls of built-ins.
CREATE TABLE dept (id int PRIMARY KEY, name text);
CREATE TABLE emp (id int PRIMARY KEY, dept_id int, name text, salary int);
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty');
INSERT INTO emp VALUES (1, 1, 'ann', 100), (2, 1, 'bob', 90), (3, 1, 'cy', 120), (4, 2, 'dee', 80);

-- top earners per department
SELECT d.name, e.name, e.salary
FROM dept d, LATERAL (SELECT name, salary FROM emp WHERE emp.dept_id = d.id ORDER BY salary DESC LIMIT 2) e
ORDER BY d.name, e.salary DESC;
SELECT d.name, e.name
FROM dept d LEFT JOIN LATERAL (SELECT name FROM emp WHERE emp.dept_id = d.id ORDER BY salary LIMIT 1) e ON true
ORDER BY d.id;
SELECT d.name, s.total, s.n
FROM dept d CROSS JOIN LATERAL (SELECT sum(salary) AS total, count(*) AS n FROM emp WHERE dept_id = d.id) s
ORDER BY d.id;
SELECT d.id, x.doubled FROM dept d JOIN LATERAL (SELECT d.id * 2 AS doubled) x ON x.doubled > 2 ORDER BY 1;

-- several outer references, a parameter-free lateral, nesting
SELECT a.n, b.m, c.s
FROM (VALUES (1), (2)) a(n),
     LATERAL (SELECT a.n * 10 AS m) b,
     LATERAL (SELECT a.n + b.m AS s) c
ORDER BY 1;
SELECT t.x, l.y FROM (VALUES (1), (2)) t(x), LATERAL (SELECT 5 AS y) l ORDER BY 1;
SELECT d.name, (SELECT count(*) FROM LATERAL (SELECT e.id FROM emp e WHERE e.dept_id = d.id) z) AS n
FROM dept d ORDER BY d.id;

-- lateral function calls
SELECT d.id, g FROM dept d, generate_series(1, d.id) g ORDER BY 1, 2;
SELECT d.id, g FROM dept d, LATERAL generate_series(1, d.id) g ORDER BY 1, 2;
SELECT d.id, g FROM dept d LEFT JOIN LATERAL generate_series(2, d.id) g ON true ORDER BY 1, 2;
CREATE TABLE docs (id int, doc jsonb);
INSERT INTO docs VALUES (1, '[1, 2]'), (2, '[]'), (3, '["a"]');
SELECT docs.id, e FROM docs, jsonb_array_elements(docs.doc) e ORDER BY 1;
SELECT docs.id, e.value FROM docs LEFT JOIN LATERAL jsonb_array_elements(docs.doc) e ON true ORDER BY 1;

-- errors
SELECT * FROM dept d, (SELECT d.id) x;
SELECT * FROM dept d, LATERAL (SELECT nosuch) x;

-- VARIADIC arrays passed to built-ins
SELECT concat_ws(',', VARIADIC ARRAY['a', 'b', 'c']);
SELECT concat(VARIADIC ARRAY[1, 2, 3]);
SELECT format('%s-%s', VARIADIC ARRAY['x', 'y']);
SELECT concat_ws('-', VARIADIC NULL::text[]) IS NULL;
SELECT * FROM dept d RIGHT JOIN LATERAL (SELECT d.id AS x) l ON true;
SELECT * FROM dept d FULL JOIN LATERAL generate_series(1, d.id) g ON true;
SELECT * FROM (SELECT 1 AS a) s FULL JOIN LATERAL (SELECT 2 AS b) l ON true;
