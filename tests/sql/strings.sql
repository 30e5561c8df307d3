-- The string library: lengths, case, substrings, positions, trimming, padding, splitting,
-- concat/format, quoting, digests, encode/decode, character codes, LIKE/ILIKE with ESCAPE.
-- UTF-8 throughout: lengths and positions count characters, not bytes.
CREATE TABLE words (id integer PRIMARY KEY, w text, c char(5), v varchar(10));
INSERT INTO words VALUES (1, 'hello', 'ab', 'Hello'), (2, 'añejo', 'ñ', 'ÀÉÎ'), (3, '', '', ''), (4, NULL, NULL, NULL), (5, 'a%b_c\d', 'x y', 'MiXeD');
-- lengths
SELECT length('hello'), char_length('añejo'), character_length('日本語'), octet_length('añejo'), bit_length('añejo');
SELECT length(''), octet_length(''), bit_length(''), length(NULL::text), octet_length(NULL::text);
SELECT id, length(w), octet_length(w), length(c), octet_length(c), char_length(c) FROM words ORDER BY id;
SELECT length('abc   '), length('abc   '::char(8)), octet_length('abc'::char(8)), length('ab'::varchar(5));
SELECT length('\x616263'::bytea), octet_length('\x00ff'::bytea), bit_length('\x0102'::bytea);
SELECT length('🙂👍'), octet_length('🙂👍');
-- lower / upper / initcap
SELECT lower('HeLLo World'), upper('HeLLo World'), lower(''), upper(NULL::text);
SELECT upper('añejo'), lower('ÀÉÎÕÜ'), upper('àéîõü'), lower('ΑΒΓΔ'), upper('привет');
SELECT id, lower(v), upper(w) FROM words ORDER BY id;
SELECT initcap('hello world'), initcap('HELLO WORLD'), initcap('hi-there you_too 3rd x1y'), initcap('');
SELECT initcap('élan vital'), initcap('o''neil mcdonald'), initcap(NULL::text), initcap('  leading  spaces');
-- substr / substring
SELECT substr('hello', 2), substr('hello', 2, 3), substr('hello', 0), substr('hello', 0, 2), substr('hello', -1, 3);
SELECT substr('hello', 10), substr('hello', 5, 0), substr('hello', 1, 100), substr('', 1, 1), substr('hello', -10, 5);
SELECT substr('añejo', 2, 2), substr('日本語テキスト', 3), substr('日本語', 2, 1);
SELECT substr('hello', 2, -1);
SELECT substr(NULL, 1, 2), substr('abc', NULL), substr('abc', 1, NULL);
SELECT substring('hello' FROM 2 FOR 3), substring('hello' FROM 3), substring('hello' FOR 2), substring('hello', 2, 2);
SELECT substring('añejo' FROM 2 FOR 3), substring('hello' FROM -2 FOR 4), substring('hello' FROM 0 FOR 0);
SELECT substring('hello' FROM 2 FOR -1);
SELECT substring('hello', 2147483647, 10), substr('hello', 3, 2147483647), substr('hello', -2147483647, 2147483647);
SELECT id, substr(w, 2, 3), substring(v FROM 2) FROM words ORDER BY id;
-- position / strpos
SELECT position('l' IN 'hello'), position('lo' IN 'hello'), position('z' IN 'hello'), position('' IN 'hello');
SELECT strpos('hello', 'll'), strpos('añejo', 'ejo'), strpos('', ''), strpos('', 'a'), strpos('日本語', '語');
SELECT position(NULL IN 'abc'), strpos('abc', NULL), strpos('abcabc', 'c');
-- replace / translate
SELECT replace('hello world', 'o', '0'), replace('aaa', 'a', 'bb'), replace('abc', '', 'x'), replace('abc', 'b', '');
SELECT replace('añejo añejo', 'ñ', 'n'), replace('abc', 'z', 'y'), replace(NULL, 'a', 'b'), replace('abc', 'a', NULL);
SELECT translate('hello', 'el', 'ip'), translate('12345', '143', 'ax'), translate('abc', '', 'x'), translate('añb', 'ñ', 'n');
SELECT translate('hello', 'lll', 'xyz'), translate('abc', 'abc', ''), translate(NULL, 'a', 'b');
-- trim family
SELECT btrim('  abc  '), ltrim('  abc  '), rtrim('  abc  '), '[' || trim('  abc  ') || ']';
SELECT btrim('xxabcxx', 'x'), ltrim('xyxabc', 'xy'), rtrim('abcxyx', 'xy'), btrim('abc', ''), btrim('', 'x');
SELECT trim(BOTH 'x' FROM 'xxabcxx'), trim(LEADING 'x' FROM 'xxabcxx'), trim(TRAILING 'x' FROM 'xxabcxx');
SELECT trim(BOTH FROM '  abc  '), trim(LEADING FROM '  abc  ') || '|', trim(TRAILING FROM '  abc  ') || '|', trim(FROM '  x  ');
SELECT trim('ñ' FROM 'ññañ'), btrim('日本日', '日'), ltrim('ääb', 'ä'), rtrim('abcc', 'cb');
SELECT btrim(NULL), btrim('abc', NULL), ltrim(NULL, 'x'), rtrim('\t abc\t ', E' \t');
SELECT '[' || ltrim(E'\n abc') || ']', '[' || rtrim('abc' || chr(9)) || ']';
-- lpad / rpad
SELECT lpad('hi', 5), rpad('hi', 5) || '|', lpad('hi', 5, 'xy'), rpad('hi', 5, 'xy'), lpad('hello', 3), rpad('hello', 3);
SELECT lpad('hi', 0), lpad('hi', -5), rpad('hi', 5, ''), lpad('hi', 5, ''), lpad('', 3, 'ab'), rpad('ñ', 4, 'éü');
SELECT lpad('añejo', 7, '*'), rpad('añejo', 3), lpad('日本', 5, '語'), lpad(NULL, 5), lpad('a', NULL), rpad('a', 3, NULL);
SELECT lpad('a', 300000000, ' ');
SELECT rpad('a', 2147483647, 'b');
-- left / right
SELECT left('hello', 2), left('hello', -2), left('hello', 0), left('hello', 10), left('hello', -10);
SELECT right('hello', 2), right('hello', -2), right('hello', 0), right('hello', 10), right('hello', -10);
SELECT left('añejo', 2), right('añejo', 3), left(NULL, 2), right('abc', NULL), left('', 1);
-- repeat
SELECT repeat('ab', 3), repeat('ab', 0), repeat('ab', -1), repeat('', 5), repeat('ñ', 4), repeat(NULL, 2), repeat('a', NULL);
SELECT repeat('ab', 1073741824);
SELECT length(repeat('xyz', 1000));
-- reverse
SELECT reverse('hello'), reverse(''), reverse('añejo'), reverse('日本語'), reverse(NULL);
-- split_part
SELECT split_part('a,b,c', ',', 1), split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 3), split_part('a,b,c', ',', 4);
SELECT split_part('a,b,c', ',', -1), split_part('a,b,c', ',', -3), split_part('a,b,c', ',', -4);
SELECT split_part('abc', '', 1), split_part('abc', '', 2), split_part('abc', '', -1), split_part('', ',', 1);
SELECT split_part('abc', 'x', 1), split_part('abc', 'x', 2), split_part('abc', 'x', -1), split_part('a::b::c', '::', 2);
SELECT split_part('ñaxñb', 'ñ', 2), split_part(',a,', ',', 1), split_part(',a,', ',', 3), split_part('aaa', 'aa', 2);
SELECT split_part('a,b', ',', 0);
SELECT split_part(NULL, ',', 1), split_part('a', NULL, 1), split_part('a', ',', NULL);
-- concat / concat_ws
SELECT concat('a', 'b', 'c'), concat('a', NULL, 'c'), concat(NULL), concat(1, 2.5, true, false);
SELECT concat('x', 1.50::numeric, 2.5::float8, 1e20::float8, '2024-01-15'::date, 'ab'::char(4), 'z');
SELECT concat(id, ':', w) FROM words ORDER BY id;
SELECT concat();
SELECT concat_ws(',', 'a', 'b', 'c'), concat_ws(',', 'a', NULL, 'c'), concat_ws(NULL, 'a', 'b'), concat_ws('', 'a', 'b');
SELECT concat_ws(' - ', 1, 2, 3), concat_ws(',', NULL, NULL), concat_ws(',', 'only'), concat_ws('ñ', true, 2);
SELECT concat_ws(',');
SELECT concat_ws(',', id, w, c, v) FROM words ORDER BY id;
-- format
SELECT format('Hello %s', 'World'), format('%s %s', 1, 2), format('none'), format(NULL), format('%s', NULL);
SELECT format('%I', 'Hello'), format('%I', 'hello'), format('%I', 'select'), format('%I', 'a"b'), format('%I.%I', 'public', 'My Table');
SELECT format('%L', 'O''Reilly'), format('%L', NULL), format('%L', 42), format('%L', E'back\\slash'), format('%L', true);
SELECT format('[%10s]', 'abc'), format('[%-10s]', 'abc'), format('[%3s]', 'abcdef'), format('[%5s]', 'ñé');
SELECT format('%2$s %1$s', 'world', 'hello'), format('%1$s %1$s', 'x'), format('%2$s %s', 'a', 'b', 'c');
SELECT format('[%*s]', 6, 'ab'), format('[%-*s]', 6, 'ab'), format('[%*s]', -6, 'ab'), format('[%*2$s]', 'ab', 5);
SELECT format('[%*s]', NULL, 'ab'), format('[%5L]', 'a'), format('[%-6I]', 'x y'), format('%%'), format('100%% %s', 'ok');
SELECT format('%s, %s', 'a', 'b', 'c'), format('%s%s', 1.5, true), format('%s', '2024-01-15'::date);
SELECT format('%s %s', 'a');
SELECT format('%x', 1);
SELECT format('%');
SELECT format('abc %');
SELECT format('%0$s', 'a');
SELECT format('%1$', 'a');
SELECT format('%I', NULL);
SELECT format('%*1s', 5, 'a');
SELECT format('%*s', 'abc', 'x');
SELECT format('%2$s', 'a');
SELECT id, format('%s=%L', id, w) FROM words ORDER BY id;
-- quote_ident / quote_literal / quote_nullable
SELECT quote_ident('abc'), quote_ident('Abc'), quote_ident('a b'), quote_ident(''), quote_ident('a"b'), quote_ident('_x1');
SELECT quote_ident('select'), quote_ident('table'), quote_ident('name'), quote_ident('int'), quote_ident('abort'), quote_ident('1abc');
SELECT quote_ident('ñ'), quote_ident(NULL);
SELECT quote_literal('abc'), quote_literal('it''s'), quote_literal(E'a\\b'), quote_literal(''), quote_literal(NULL);
SELECT quote_literal(42), quote_literal(4.50), quote_literal(true), quote_literal('2024-01-15'::date), quote_literal(NULL::integer);
SELECT quote_nullable('abc'), quote_nullable(NULL), quote_nullable(NULL::text), quote_nullable(7), quote_nullable(E'x\\y''z');
SELECT id, quote_literal(w), quote_nullable(c) FROM words ORDER BY id;
-- md5 / sha256
SELECT md5(''), md5('abc'), md5('The quick brown fox jumps over the lazy dog'), md5('añejo');
SELECT md5('\x616263'::bytea), md5(NULL::text), md5(repeat('a', 1000));
SELECT sha256(''), sha256('abc'), sha256('\x00ff'::bytea);
SELECT sha256(repeat('a', 64)::bytea), encode(sha256('hello'), 'hex'), sha256(NULL);
SELECT sha256('abc'::text);
-- encode / decode
SELECT encode('abc', 'hex'), encode('\x00ff10'::bytea, 'hex'), encode('', 'hex'), encode('abc', 'HEX');
SELECT encode('a', 'base64'), encode('ab', 'base64'), encode('abc', 'base64'), encode('abcd', 'base64'), encode('', 'base64');
SELECT encode(repeat('a', 57)::bytea, 'base64'), encode(repeat('xyz', 40)::bytea, 'base64');
SELECT encode('a\\b'::bytea, 'escape'), encode('\x00410080ff'::bytea, 'escape'), encode('añ', 'escape');
SELECT decode('616263', 'hex'), decode('61 62 63', 'hex'), decode('', 'hex'), decode('FF00', 'hex');
SELECT decode('YWJj', 'base64'), decode('YQ==', 'base64'), decode('YWI=', 'base64'), decode(' YW Jj\n', 'base64');
SELECT decode('a\\000b\\\\', 'escape'), decode('abc', 'escape'), decode('\101', 'escape');
SELECT decode('6', 'hex');
SELECT decode('6g', 'hex');
SELECT decode('YWJ', 'base64');
SELECT decode('Y=Jj', 'base64');
SELECT decode('YW!j', 'base64');
SELECT decode('a\b', 'escape');
SELECT encode('abc', 'rot13');
SELECT decode('abc', 'uu');
SELECT encode(NULL::bytea, 'hex'), decode(NULL, 'hex'), decode('61', NULL);
SELECT encode(decode('68656c6c6f', 'hex'), 'base64'), encode(decode('aGVsbG8=', 'base64'), 'escape');
-- to_hex
SELECT to_hex(0), to_hex(255), to_hex(-1), to_hex(2147483647), to_hex(-2147483648);
SELECT to_hex(4294967296), to_hex(-1::bigint), to_hex(9223372036854775807), to_hex(NULL::integer);
-- ascii / chr
SELECT ascii('A'), ascii('abc'), ascii(''), ascii('ñ'), ascii('日本'), ascii('🙂'), ascii(NULL);
SELECT chr(65), chr(97), chr(241), chr(26085), chr(128578), chr(127), chr(NULL);
SELECT chr(0);
SELECT chr(-1);
SELECT chr(1114112);
SELECT chr(55296);
SELECT chr(1114111) = chr(1114111), length(chr(1114111));
-- starts_with / ^@
SELECT starts_with('hello', 'he'), starts_with('hello', 'lo'), starts_with('hello', ''), starts_with('', 'a'), starts_with('añejo', 'añ');
SELECT 'hello' ^@ 'hel', 'hello' ^@ 'x', NULL ^@ 'a', starts_with(NULL, 'a');
SELECT id FROM words WHERE w ^@ 'h' OR starts_with(v, 'Mi') ORDER BY id;
-- LIKE / ILIKE / NOT LIKE
SELECT 'hello' LIKE 'h%', 'hello' LIKE 'H%', 'hello' LIKE '_ello', 'hello' LIKE 'hell', 'hello' LIKE '%', '' LIKE '%';
SELECT 'hello' LIKE '%l%', 'hello' LIKE '%lo', 'hello' LIKE 'h_l_o', 'hello' LIKE '___', 'hello' LIKE '%%%o', '' LIKE '_';
SELECT 'añejo' LIKE 'a_ejo', 'añejo' LIKE '__ejo', '日本語' LIKE '_本_', '日本語' LIKE '%語';
SELECT 'a%b' LIKE 'a\%b', 'axb' LIKE 'a\%b', 'a_b' LIKE 'a\_b', 'a\b' LIKE 'a\\b', 'ab' LIKE 'a\b';
SELECT 'a%b' LIKE 'a#%b' ESCAPE '#', 'axb' LIKE 'a#%b' ESCAPE '#', 'a#b' LIKE 'a##b' ESCAPE '#', 'a\b' LIKE 'a\b' ESCAPE '#';
SELECT 'a\b' LIKE 'a\b' ESCAPE '', 'a%' LIKE 'a\%' ESCAPE '', 'ab' LIKE 'a%' ESCAPE '', 'a_c' LIKE 'añ_c' ESCAPE 'ñ';
SELECT 'abc' LIKE 'a%' ESCAPE 'xy';
SELECT 'abc' LIKE 'abc\';
SELECT 'abc' LIKE 'ab\', 'abcd' LIKE 'x\';
SELECT 'hello' NOT LIKE 'h%', 'hello' NOT LIKE 'x%', 'a_b' NOT LIKE 'a$_b' ESCAPE '$', NULL LIKE 'a', 'a' LIKE NULL;
SELECT 'HeLLo' ILIKE 'hello', 'HeLLo' ILIKE 'h%O', 'hello' ILIKE 'H_LLO', 'ÀÉÎ' ILIKE 'àéî', 'hello' NOT ILIKE 'HE%';
SELECT 'A%B' ILIKE 'a!%b' ESCAPE '!', 'AxB' ILIKE 'a!%b' ESCAPE '!', 'abc' NOT ILIKE 'ABC' ESCAPE '';
SELECT 'hello' ~~ 'h%', 'hello' !~~ 'h%', 'HELLO' ~~* 'h%', 'HELLO' !~~* 'h%';
SELECT id, w FROM words WHERE w LIKE '%e%' ORDER BY id;
SELECT id, w FROM words WHERE w LIKE 'a\%b%' ORDER BY id;
SELECT id, w FROM words WHERE w LIKE 'a!%b!_c%' ESCAPE '!' ORDER BY id;
SELECT id, v FROM words WHERE v ILIKE '%e%' ORDER BY id;
SELECT id, w FROM words WHERE w NOT LIKE '%e%' ORDER BY id;
SELECT id, c FROM words WHERE c LIKE 'ab%' ORDER BY id;
SELECT 'ab'::char(4) LIKE 'ab', 'ab'::char(4) LIKE 'ab  ', 'ab'::char(4) LIKE 'ab%';
SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' LIKE '%a%a%a%a%a%a%a%a%a%a%c';
-- concatenation operator with strings
SELECT 'a' || 'b', 'a' || NULL, 'ñ' || 'é' || '日', 'x' || 1 || true, 1 || 'x';
SELECT id, w || '/' || v FROM words ORDER BY id;
-- functions over table columns, in WHERE and ORDER BY
SELECT id, upper(left(w, 1)) || substr(w, 2) AS cap FROM words WHERE length(w) > 0 ORDER BY id;
SELECT w, reverse(w), lpad(w, 8, '.') FROM words WHERE w IS NOT NULL ORDER BY length(w), w;
SELECT id FROM words WHERE position('e' IN w) > 0 ORDER BY id;
SELECT count(*) FROM words WHERE split_part(w, 'e', 2) <> '';
SELECT string_agg_missing(w) FROM words;
-- nesting and types
SELECT upper(concat('a', 'b')), length(format('%s-%s', 'x', 'y')), md5(concat('a', 1)), reverse(repeat('ab', 2));
SELECT pg_typeof_missing(1);
SELECT replace(translate(lower('Hello World'), 'o', '0'), ' ', '_'), trim(both '_' from '__x__');
SELECT lower(123);
SELECT substr(123, 1);
SELECT length(42);
SELECT repeat('a', 'b');
SELECT lpad('a', 2.5), left('hello', 2::bigint), repeat('x', 3::smallint);
SELECT left('hello', 3000000000);
SELECT strpos(1, 2);
SELECT concat_ws(1, 2);
SELECT chr('a');
SELECT to_hex(1.5);
SELECT to_hex('ff');
SELECT ascii(65);
SELECT decode('616263', 'hex')::text, encode('\x'::bytea, 'hex');
SELECT upper('ÿ'), lower('Ÿ'), upper('ŀ'), lower('Ŀ'), upper('ά'), lower('Ώ');
DROP TABLE words;
