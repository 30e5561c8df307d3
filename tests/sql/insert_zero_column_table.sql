-- INSERT into a table without columns: DEFAULT VALUES, VALUES (), INSERT ... SELECT with an
-- empty select list; RETURNING * of such a table is PostgreSQL's 42601.
create temp table onerow();
insert into onerow default values;
select * from onerow;
select count(*) from onerow;
insert into onerow values (), ();
select 1 as x from onerow;
insert into onerow values (1);
insert into onerow default values returning *;
insert into onerow select;
insert into onerow select from onerow;
select count(*) from onerow;
create temp table j1 (i int);
insert into j1 values (1), (2);
select * from j1 cross join onerow order by 1;
select x1, y1 from (select 1,0 from onerow) v1(x1,x2) left join (select 3,1 from onerow) v2(y1,y2) on true limit 1;
drop table onerow;
