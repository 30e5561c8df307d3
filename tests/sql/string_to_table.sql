-- string_to_table(text, text [, null_string]): the rows of string_to_array.
select v, v is null as "is null" from string_to_table('1|2|3', '|') g(v);
\echo @@@regress-stmt 329
select v, v is null as "is null" from string_to_table('1|2|3|', '|') g(v);
\echo @@@regress-stmt 330
select v, v is null as "is null" from string_to_table('1||2|3||', '||') g(v);
\echo @@@regress-stmt 331
select v, v is null as "is null" from string_to_table('1|2|3', '') g(v);
\echo @@@regress-stmt 332
select v, v is null as "is null" from string_to_table('', '|') g(v);
\echo @@@regress-stmt 333
select v, v is null as "is null" from string_to_table('1|2|3', NULL) g(v);
\echo @@@regress-stmt 334
select v, v is null as "is null" from string_to_table(NULL, '|') g(v);
\echo @@@regress-stmt 335
select v, v is null as "is null" from string_to_table('abc', '') g(v);
\echo @@@regress-stmt 336
select v, v is null as "is null" from string_to_table('abc', '', 'abc') g(v);
\echo @@@regress-stmt 337
select v, v is null as "is null" from string_to_table('abc', ',') g(v);
\echo @@@regress-stmt 338
select v, v is null as "is null" from string_to_table('abc', ',', 'abc') g(v);
\echo @@@regress-stmt 339
select v, v is null as "is null" from string_to_table('1,2,3,4,,6', ',') g(v);
\echo @@@regress-stmt 340
select v, v is null as "is null" from string_to_table('1,2,3,4,,6', ',', '') g(v);
\echo @@@regress-stmt 341
select v, v is null as "is null" from string_to_table('1,2,3,4,*,6', ',', '*') g(v);
\echo @@@regress-stmt 342
select string_to_table('a,b', ','), 1; select * from string_to_table('a,b', ',') with ordinality;
