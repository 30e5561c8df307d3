-- JOIN ... USING with differing column types: the merged column has the common type; an inner
-- join takes the side needing no coercion, LEFT/RIGHT their side, FULL COALESCE (buildMergedJoinVar).
create table jum2 (a int, b int, c int);
create table jum3 (ax int8, b int2, c numeric);
insert into jum2 values (1, 2, 3), (4, 5, 6);
insert into jum3 values (10, 2, 3.0), (20, 7, 8.50);
select * from jum2 join jum3 using (b, c);
select c, pg_typeof(c), b, pg_typeof(b) from jum2 join jum3 using (b, c);
select * from jum2 natural join jum3;
select * from jum2 left join jum3 using (b, c) order by a;
select c, pg_typeof(c) from jum2 left join jum3 using (b, c) order by a;
select * from jum2 right join jum3 using (b, c) order by ax;
select * from jum2 full join jum3 using (b, c) order by a, ax;
create view jum_v1 as select * from jum2 natural join jum3;
select pg_get_viewdef('jum_v1', true);
create table jum4 (ay int, b int, q int);
insert into jum4 values (100, 2, 1), (200, 9, 2);
select * from jum2 join jum3 using (b, c) full join jum4 using (b) order by b;
create view jum_v2 as select * from jum2 join jum3 using (b, c) full join jum4 using (b);
select pg_get_viewdef('jum_v2', true);
create table tbl_jum1 (a int, b int);
create table tbl_jum1a (a int, c int);
create view jum_v3 as select * from (tbl_jum1 join tbl_jum1a using (a) as x) as y;
select pg_get_viewdef('jum_v3', true);
drop view jum_v1;
drop view jum_v2;
drop view jum_v3;
drop table jum2, jum3, jum4, tbl_jum1, tbl_jum1a;
