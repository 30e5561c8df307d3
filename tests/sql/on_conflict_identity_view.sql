-- INSERT ... ON CONFLICT on a view showing all of its base table's columns unchanged (arbiters of the base table).
create table icb (key int primary key, fruit text);
create view icv as select * from icb;
create view icv2 as select * from icv with cascaded check option;
create view icv_where as select * from icb where key > 0;
create view icv_cols as select key from icb;
insert into icv values (1, 'Apple') on conflict (key) do update set fruit = excluded.fruit returning *;
insert into icv values (1, 'Banana') on conflict (key) do update set fruit = excluded.fruit || icv.fruit returning *;
insert into icv2 as t values (1, 'Cherry') on conflict (key) do update set fruit = t.fruit || excluded.fruit where t.key = 1 returning key, fruit;
insert into icv2 values (2, 'Date'), (1, 'x') on conflict (key) do nothing;
insert into icv as t values (3, 'Fig') on conflict (key) where fruit like '%berry' and t.fruit = 'x' do nothing;
insert into icv values (4, 'Grape') on conflict (lower(fruit)) do nothing;
select * from icb order by key;
drop view icv2, icv, icv_where, icv_cols;
drop table icb;
