-- param.* and function.param.* of a composite parameter in SQL function bodies,
-- including x.* expanded inside INSERT ... VALUES rows.
create temp table compos (f1 int, f2 text);
create temp table compos3 (id int, f1 int, f2 text);
create function fcompos1(v compos) returns void as $$
insert into compos values (v.*);
$$ language sql;
create function fcompos2(v compos) returns void as $$
select fcompos1(v);
$$ language sql;
create function fcompos3(v compos) returns void as $$
select fcompos1(fcompos3.v.*);
$$ language sql;
create function fcompos4(v compos) returns void as $$
insert into compos3 values (0, v.*), (v.f1 * 10, v.*);
$$ language sql;
select fcompos1(row(1,'one'));
select fcompos2(row(2,'two'));
select fcompos3(row(3,'three'));
select fcompos4(row(4,'four'));
select * from compos order by f1;
select * from compos3 order by id;
create function fcompos5(v compos) returns void as $$
insert into compos values (v.*, 1);
$$ language sql;
insert into compos values (nosuch.*);
drop function fcompos1(compos), fcompos2(compos), fcompos3(compos), fcompos4(compos);
drop table compos;
drop table compos3;
