-- PostgreSQL regular expressions (ARE): operators, functions, flags, errors.
SELECT 'abc' ~ 'b' AS a, 'abc' ~ '^b' AS b, 'abc' !~ 'd' AS c, 'ABC' ~* 'b' AS d, 'ABC' !~* 'b' AS e;
SELECT 'foobar' ~ 'o{2}b', 'fooobar' ~ '^fo{1,2}b', 'xyz' ~ '[[:digit:]]', 'x9z' ~ '[[:digit:]]';
SELECT 'abc'::varchar ~ 'b', 'abc  '::char(5) ~ 'c  $', NULL::text ~ 'a', 'a' ~ NULL;
-- overall match: leftmost, then longest or shortest by the RE's preference
SELECT regexp_match('abcd', '(a|ab)(c|bcd)(d*)');
SELECT regexp_match('xyz', '(?:x|xy)(z?)');
SELECT regexp_match('aaab', '(a*?)(a*)b');
SELECT regexp_match('abc', 'a|ab|abc');
SELECT regexp_match('abcabc', '(a.*?)c');
SELECT regexp_match('abcabc', '(a.*)c');
SELECT regexp_match('abcabc', 'a.*?c');
SELECT substring('XY1234Z', 'Y*([0-9]{1,3})');
SELECT substring('XY1234Z', 'Y*?([0-9]{1,3})');
SELECT regexp_match('', '(a*)*'), regexp_match('b', '(a)*'), regexp_match('aaa', '(a*)*'), regexp_match('abab', '(ab)*');
SELECT regexp_match('foobarbequebaz', '(bar)(beque)');
SELECT regexp_match('foobarbequebaz', 'barbeque');
SELECT regexp_match('aBc', 'b', 'i'), regexp_match('abc', 'd');
-- escapes and classes
SELECT regexp_match('tab	here 42', '\s(\w+)\s(\d+)');
SELECT regexp_match('a_b-c', '\W'), regexp_match('abc 123', '\D+'), regexp_match('x y', '\S\s\S');
SELECT 'é' ~ '\u00e9', 'A' ~ '\x41', 'a.b' ~ 'a\.b', 'axb' ~ 'a\.b';
SELECT regexp_match('the cat sat', '\mcat\M'), regexp_match('concatenate', '\ycat'), 'concat' ~ '\Ycat';
SELECT 'abc' ~ '\Aabc\Z', 'abc' ~ '\Ab', regexp_match('abcabc', '(abc)\1');
SELECT regexp_match('xabcabcy', '(a(b)c)\1'), 'abab' ~ '^(ab)\1$', 'abac' ~ '^(ab)\1$';
SELECT 'ABab' ~* '^(ab)\1$';
SELECT regexp_match('foo123', '[a-z]+(?=\d)'), regexp_match('foo123', '\d+(?!3)'), regexp_match('price: $42', '(?<=\$)\d+'), regexp_match('a1b2', '(?<![a])\d');
SELECT regexp_match('ABC', '(?i)b'), 'a b c' ~ '(?x) a \  b', regexp_match('a.b*c', '***=.b*');
SELECT '[x]' ~ '[[.left-square-bracket.]]', 'a' ~ '[[=a=]]', 'b' ~ '[^[:alpha:]]', '-' ~ '[a-]', ']' ~ '[]a]';
SELECT 'x' ~ '[[:alpha:][:digit:]]', '_' ~ '[[:word:]]', ' ' ~ '[[:blank:]]', 'ABC' ~ '^[[:upper:]]+$', 'ÀÉÎ' ~* '^[àéî]+$';
SELECT 'ĀĒ' ~* 'āē', 'Ωμέγα' ~* 'ΩΜΈΓΑ', 'Привет' ~* 'привет', 'straße' ~ 'ß';
-- newline-sensitive modes
SELECT regexp_match(E'ab\ncd', '^cd'), regexp_match(E'ab\ncd', '^cd', 'n'), regexp_match(E'ab\ncd', 'b.c'), regexp_match(E'ab\ncd', 'b.c', 'n');
SELECT regexp_match(E'ab\ncd', 'b$', 'w'), regexp_match(E'ab\ncd', 'b.c', 'w'), regexp_match(E'ab\ncd', 'b[^x]c', 'p'), regexp_match(E'ab\ncd', '^cd', 'p');
SELECT regexp_match(E'ab\ncd', 'b$', 'm'), regexp_match(E'ab\ncd', 'b$', 's');
-- flags
SELECT regexp_match('a+b', 'a+b', 'q'), regexp_match('AB', 'ab', 'ic'), regexp_match('AB', 'ab', 'ci');
SELECT regexp_match('a b', 'a b', 'x'), regexp_match('a b', 'a\ b', 'x'), regexp_match('ab', 'a b # comment', 'x'), regexp_match('a b', 'a b', 'xt');
SELECT regexp_match('abc', 'b', 'z');
SELECT regexp_match('abc', 'b', 'g');
-- regexp_matches
SELECT regexp_matches('foobarbequebaz', '(bar)(beque)');
SELECT regexp_matches('foobarbequebazilbarfbonk', '(b[^b]+)(b[^b]+)', 'g');
SELECT regexp_matches('abc', '');
SELECT regexp_matches('abc', '', 'g');
SELECT regexp_matches('abcabc', 'b', 'g');
SELECT * FROM regexp_matches('a1b22c333', '[a-z](\d+)', 'g') WITH ORDINALITY AS m(x, n);
SELECT regexp_matches('aaa', 'a*?', 'g');
SELECT regexp_matches('abc', 'x');
SELECT regexp_matches('abc', 'b', 'y');
-- regexp_replace
SELECT regexp_replace('Thomas', '.[mN]a.', 'M');
SELECT regexp_replace('foobarbaz', 'b..', 'X', 'g');
SELECT regexp_replace('foobarbaz', 'b(..)', 'X\1Y', 'g');
SELECT regexp_replace('abc', '(b)', '[\&|\1|\2|\\|\x]');
SELECT regexp_replace('AAA BBB CCC ', E'\\s+', ' ', 'g');
SELECT regexp_replace('abc', '', 'X', 'g'), regexp_replace('abc', 'x*', '-', 'g');
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 0, 'i');
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 3, 'i');
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 7);
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 7, 2);
SELECT regexp_replace('abc', 'b', 'X', 0);
SELECT regexp_replace('abc', 'b', 'X', 1, -1);
SELECT regexp_replace('ábcá', 'á', 'a', 'g'), regexp_replace('abc', 'B', 'x', 'gi');
-- split
SELECT regexp_split_to_table('the quick brown fox', '\s+');
SELECT regexp_split_to_array('the quick brown fox', '\s+'), regexp_split_to_array('abc', ''), regexp_split_to_array('', 'x');
SELECT foo, length(foo) FROM regexp_split_to_table('the quick brown fox', 'e*') AS foo;
SELECT regexp_split_to_array('a1B2c', '\d', 'i'), regexp_split_to_array('axbXc', 'x', 'i');
SELECT regexp_split_to_array('abc', 'b', 'g');
SELECT regexp_split_to_table('abc', 'b', 'g');
-- PG15 additions
SELECT regexp_count('123456789012', '\d\d\d', 2), regexp_count('ABCABCAXYaxy', 'A.', 1, 'i'), regexp_count('abc', '');
SELECT regexp_instr('abcdefghi', 'd.f'), regexp_instr('ABCDEFGHI', 'd.f', 1, 1, 1, 'i'), regexp_instr('ABCDEF', 'c(.)(..)', 1, 1, 0, 'i', 2);
SELECT regexp_instr('1a2b3c', '\d', 2, 2), regexp_instr('abc', 'x'), regexp_instr('abc', '(b)', 1, 1, 0, '', 2);
SELECT regexp_like('Hello World', 'world'), regexp_like('Hello World', 'world', 'i');
SELECT regexp_substr('number of your street, town zip, FR', '[^,]+', 1, 2), regexp_substr('ABCDEFGHI', 'c(.)(..)', 1, 1, 'i', 2), regexp_substr('abc', 'x');
SELECT regexp_count('abc', 'b', 0);
SELECT regexp_instr('abc', 'b', 1, 0);
SELECT regexp_instr('abc', 'b', 1, 1, 2);
SELECT regexp_instr('abc', 'b', 1, 1, 0, '', -1);
SELECT regexp_like('abc', 'b', 'g');
SELECT regexp_substr('abc', 'b', 1, 1, 'g');
SELECT regexp_count('abc', 'b', 1, 'g');
-- substring(text from pattern)
SELECT substring('foobar' from 'o.b'), substring('foobar' from 'o(.)b'), substring('foobar' from 'x'), substring('foo' from 'foo(bar)?');
-- bad patterns
SELECT 'a' ~ '(a';
SELECT 'a' ~ 'a)';
SELECT 'a' ~ '[a';
SELECT 'a' ~ 'a{3,2}';
SELECT 'a' ~ 'x{256}';
SELECT 'a' ~ '*a';
SELECT 'a' ~ 'a**';
SELECT 'a' ~ '[z-a]';
SELECT 'a' ~ '\q';
SELECT 'a' ~ '\2(a)';
SELECT 'a' ~ '[[:foo:]]';
SELECT 'a' ~ 'a{1';
SELECT 'a' ~ '(?z)a';
SELECT 'a' ~ '[[.foo.]]';
SELECT 'a' ~ '^*';
SELECT 'a' ~ '\';
SELECT 'a{' ~ 'a{', 'a{,3}' ~ 'a{,3}';
-- a table
CREATE TABLE words (w text, v varchar(20));
INSERT INTO words VALUES ('apple', 'Apple'), ('banana', 'BANANA'), ('cherry', 'cherry'), (NULL, NULL);
SELECT w FROM words WHERE w ~ '^[ab]' ORDER BY w;
SELECT v FROM words WHERE v ~* 'an' ORDER BY v;
SELECT w, regexp_replace(w, '([aeiou])', '<\1>', 'g') FROM words ORDER BY w;
SELECT w, m FROM words, regexp_matches(w, '(.)\1', 'g') AS m ORDER BY w;
SELECT w, regexp_matches(w, '[aeiou]', 'g') FROM words ORDER BY 1, 2;
-- pathological patterns stay polynomial
SELECT repeat('a', 5000) ~ '(a*)*b', repeat('a', 3000) ~ '^(a|aa)*$', repeat('ab', 2000) ~ '(a|b|ab)*c';
SELECT length(regexp_replace(repeat('xy', 3000), '(x)(y)', '\2\1', 'g'));
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', '1');
SELECT regexp_replace('abcabc', 'b', 'X', 10), regexp_replace('abcabc', 'b', 'X', 3, 1), regexp_replace('abcabc', 'b', 'X', 1, 5);
SELECT 'abc'::name ~ 'b', 'abc'::name ~* 'B';
-- flags e (ERE), b (BRE)
SELECT regexp_match('abc', 'a(b)c', 'e'), regexp_match('a(b)c', 'a(b)c', 'b'), regexp_match('abc', 'a\(b\)c', 'b'), regexp_match('aab', 'a\{2\}b', 'b');
SELECT regexp_match('ab+', 'b+', 'b'), regexp_match('a|b', 'a|b', 'b'), regexp_match('*a', '*a', 'b'), regexp_match('abab', '\(ab\)\1', 'b');
SELECT regexp_match('a1', 'a\d', 'e');
-- captures of iterations: the last iteration's, each iteration starting unset
SELECT regexp_match('abc', '((a)|(b))+'), regexp_replace('abcabc', '((a)|(b))+', '[\1|\2|\3|\&]');
-- subexpression 1 of a pattern without parentheses is the whole match
SELECT regexp_substr('aabbcc', '^.{3}', 1, 1, '', 1), regexp_instr('x.y', '[^,]+', 1, 1, 0, '', 1), regexp_substr('abc', 'b', 1, 1, '', 2);
SELECT regexp_split_to_array('Ünïcödé Straße', '[[:upper:]][[:lower:]]*', 'n');
-- in the select list, WITH ORDINALITY, CHECK constraints, views, prepared statements
SELECT regexp_split_to_table('a,b,,c', ','), regexp_matches('a1b2', '\d', 'g');
SELECT * FROM regexp_split_to_table('a b c', ' ') WITH ORDINALITY AS t(x, n);
SELECT x, regexp_matches(x, '(\w)(\d)?', 'g') FROM (VALUES ('a1b'), ('c')) v(x) ORDER BY 1, 2;
SELECT array_length(regexp_split_to_array(repeat('a,', 1000), ','), 1);
PREPARE p(text, text) AS SELECT $1 ~ $2, regexp_replace($1, $2, 'X', 'g');
EXECUTE p('hello', 'l+');
SELECT 'abc' ~ 'b' = true, ('abc' ~ 'b')::text, NOT 'abc' ~ 'z';
CREATE TABLE r (id int, s text CHECK (s ~ '^[a-z]+$'));
INSERT INTO r VALUES (1, 'abc');
INSERT INTO r VALUES (2, 'ABC');
CREATE VIEW rv AS SELECT id, s ~* 'B' AS hasb, regexp_replace(s, 'b', 'B') AS up FROM r;
SELECT * FROM rv;
SELECT s FROM r WHERE s SIMILAR TO 'a%' AND s NOT SIMILAR TO '%z%';
SELECT count(*) FILTER (WHERE s ~ 'a') FROM r;
