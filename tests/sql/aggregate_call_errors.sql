-- Errors of decorated calls (DISTINCT, ORDER BY, FILTER, *, VARIADIC) of functions that do
-- not exist: PostgreSQL looks the function up first, so they report 42883 with the argument
-- types, and a misplaced-ORDER-BY hint when the ORDER BY has several items.
CREATE TABLE ace (a int, b int, c text);
SELECT nosuchagg(*) FROM ace;
SELECT nosuchagg(DISTINCT a, b, c) FROM ace;
SELECT nosuchagg(a, b, c ORDER BY b) FROM ace;
SELECT nosuchagg(DISTINCT a, b, c ORDER BY a, c) FROM ace;
SELECT nosuchagg(a) FILTER (WHERE a > 1) FROM ace;
SELECT nosuchagg(VARIADIC array[1, 2]) FROM ace;
SELECT nosuchagg(VARIADIC array[4.5, a]) FROM ace;
SELECT nosuchagg('x', a ORDER BY a) FROM ace;
CREATE VIEW acev AS SELECT nosuchagg(DISTINCT a, b, c ORDER BY b) FROM ace;
-- existing non-aggregates keep PostgreSQL's other message
SELECT abs(DISTINCT a) FROM ace;
SELECT abs(a ORDER BY a) FROM ace;
SELECT lower(*) FROM ace;
-- DISTINCT with ORDER BY: the ORDER BY expressions must be arguments (42P10)
SELECT string_agg(DISTINCT c::text, ',' ORDER BY c) FROM (VALUES ('a'::varchar)) t(c);
SELECT string_agg(DISTINCT c, ',' ORDER BY c::text) FROM (VALUES ('a'::varchar)) t(c);
DROP TABLE ace;
