-- ADD COLUMN with a non-null default on a table whose row type another table stores.
create table fullname (first text, last text);
create table people (fn fullname, bd date);
insert into people values ('(Joe,Blow)', '1984-01-10');
alter table fullname add column suffix text default '';
alter table fullname add column suffix text default null;
select * from people;
alter table fullname add column n int default 1 + 1;
drop table people;
alter table fullname add column n int default 1 + 1;
select * from fullname;
drop table fullname;
