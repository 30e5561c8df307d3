-- Aggregates over only outer columns belong to the outer query (PostgreSQL): pgmicro refuses
-- them (0A000) instead of computing them per inner query; other correlated aggregates work.
create table ola (x int);
insert into ola values (1), (2), (3);
select (select max(ola.x + y) from (values (1)) v(y)) from ola order by 1;
select (select count(*) from (values (1)) v(y) where y < ola.x) from ola order by 1;
select (select sum(y) from (values (1), (2)) v(y)) + x from ola order by 1;
drop table ola;
