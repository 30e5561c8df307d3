-- COLLATE and operator classes on index keys, and ON CONFLICT inference elements that name them
-- (only a key with the same collation / operator class is an arbiter).
create table ict (key int4, fruit text);
create unique index op_index_key on ict(key, fruit text_pattern_ops);
create unique index collation_index_key on ict(key, fruit collate "C");
create unique index both_index_key on ict(key, fruit collate "C" text_pattern_ops);
create unique index both_index_expr_key on ict(key, lower(fruit) collate "C" text_pattern_ops);
create index bad on ict(key collate "C");
create index bad on ict((key+1) collate "C");
insert into ict values(0, 'Crowberry') on conflict (key, fruit) do nothing;
insert into ict values(0, 'Crowberry') on conflict (key, fruit collate "C") do nothing;
insert into ict values(0, 'Crowberry') on conflict (fruit collate "C" text_pattern_ops, key) do nothing;
insert into ict values(0, 'Crowberry') on conflict (lower(fruit) collate "C", key, key) do nothing;
insert into ict values(0, 'Crowberry') on conflict (lower(fruit) collate "C" text_pattern_ops, key, key) do update set fruit = excluded.fruit || '2' returning *;
insert into ict values(0, 'crowberry') on conflict (lower(fruit) collate "POSIX", key) do nothing;
insert into ict values(0, 'crowberry') on conflict (key, fruit collate "POSIX") do nothing;
select * from ict;
drop index collation_index_key;
drop index both_index_key;
drop index both_index_expr_key;
create unique index cross_match on ict(lower(fruit) collate "C", upper(fruit) text_pattern_ops);
insert into ict values(1, 'Apple') on conflict (lower(fruit) collate "C", upper(fruit) text_pattern_ops) do nothing;
insert into ict values(2, 'apple') on conflict (lower(fruit) collate "C", upper(fruit) text_pattern_ops) do update set key = excluded.key returning *;
insert into ict values(3, 'apple') on conflict (lower(fruit), upper(fruit)) do update set key = excluded.key returning *;
insert into ict values(4, 'apple') on conflict (lower(fruit), upper(fruit) collate "C") do nothing;
select * from ict order by key;
drop table ict;
