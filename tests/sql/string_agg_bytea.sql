-- string_agg(bytea, bytea): values joined by the delimiter (NULL delimiter: none), NULLs skipped.
create table bytea_test_table(v bytea);
select string_agg(v, '') from bytea_test_table;
insert into bytea_test_table values(decode('ff','hex'));
select string_agg(v, '') from bytea_test_table;
insert into bytea_test_table values(decode('aa','hex'));
select string_agg(v, '') from bytea_test_table;
select string_agg(v, NULL) from bytea_test_table;
select string_agg(v, decode('ee', 'hex')) from bytea_test_table;
insert into bytea_test_table values(NULL), ('\x0102');
select string_agg(v, '\x00' ORDER BY v DESC) from bytea_test_table;
select string_agg('a', 'b');
drop table bytea_test_table;
