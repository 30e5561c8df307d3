-- SIMILAR TO, NOT SIMILAR TO, ESCAPE, similar_to_escape() and substring(... similar ...).
SELECT 'abc' SIMILAR TO 'abc' AS a, 'abc' SIMILAR TO 'a' AS b, 'abc' SIMILAR TO '%(b|d)%' AS c, 'abc' SIMILAR TO '(b|c)%' AS d;
SELECT 'abc' NOT SIMILAR TO 'a%', 'abc' SIMILAR TO 'a_c', 'abc' SIMILAR TO 'a__c', 'abc' SIMILAR TO '[a-c]+', 'a.c' SIMILAR TO 'a.c', 'abc' SIMILAR TO 'a.c';
SELECT '-abc-' SIMILAR TO '%\mabc\M%', 'xy' SIMILAR TO 'x|y', 'x' SIMILAR TO 'x|y', 'xxy' SIMILAR TO 'x*y', 'xy' SIMILAR TO 'x{2}y', 'xxy' SIMILAR TO 'x{2}y';
SELECT 'a^b$c' SIMILAR TO 'a^b$c', 'a\b' SIMILAR TO 'a\\b', 'a%b' SIMILAR TO 'a\%b', 'axb' SIMILAR TO 'a\%b';
SELECT 'a%b' SIMILAR TO 'a#%b' ESCAPE '#', 'a_b' SIMILAR TO 'a!_b' ESCAPE '!', 'axb' SIMILAR TO 'a!_b' ESCAPE '!', 'a\b' SIMILAR TO 'a\b' ESCAPE '';
SELECT 'abc' SIMILAR TO 'abc' ESCAPE NULL, NULL SIMILAR TO 'a', 'abc' SIMILAR TO NULL;
SELECT 'abc' SIMILAR TO 'a' ESCAPE 'xy';
SELECT 'abc'::varchar SIMILAR TO 'a%', 'abc'::char(3) SIMILAR TO 'a%';
SELECT similar_to_escape('a%b_c(d)'), similar_to_escape('a#%b', '#'), similar_to_escape('[%_]\.^$'), similar_to_escape('a\"b\"c'), similar_to_escape('ab', '');
SELECT similar_to_escape('a"b"c', '"');
SELECT similar_to_escape('[]a]%'), similar_to_escape('[^]]'), similar_to_escape('é%', 'é');
-- SQL-regex substring: the part between the escape-double-quotes
SELECT substring('foobar' similar '%#"o_b#"%' escape '#'), substring('foobar' similar '#"o_b#"%' escape '#');
SELECT substring('abcdefg' similar 'a#"(b_d)#"%' escape '#'), substring('abcdefg' from 'a#"%#"g' for '#');
SELECT substring('abcdefg' similar 'a*#"%#"g*' escape '#'), substring('abcdefg' similar 'a|b#"%#"g' escape '#');
SELECT substring('abcdefg' similar 'a#"%' escape '#');
SELECT substring('abcdefg' similar 'a#"%#"x|g' escape '#');
SELECT substring('abcdefg' similar 'a#"%#"g#"x' escape '#');
SELECT substring('abcdefg' similar '%' escape '#'), substring('abc' similar 'x' escape '#'), substring(NULL similar 'x' escape '#');
CREATE TABLE items (code text);
INSERT INTO items VALUES ('AB-12'), ('CD-345'), ('ab-1'), ('XY_9');
SELECT code FROM items WHERE code SIMILAR TO '[A-Z]{2}-[0-9]+' ORDER BY code;
SELECT code FROM items WHERE code NOT SIMILAR TO '%-%' ORDER BY code;
SELECT code, substring(code similar '%-#"[0-9]+#"' escape '#') FROM items ORDER BY code;
