-- UPDATE ... FROM / DELETE ... USING: LATERAL items and functions cannot refer to the target
-- table (PostgreSQL's 42P10 with its HINT); references to other FROM items work.
create temp table xx1 (x1 int, x2 int);
insert into xx1 values (1, 0), (2, 0);
create temp table i4 (f1 int);
insert into i4 values (1), (3);
update xx1 set x2 = f1 from lateral (select * from i4 where f1 = x1) ss;
update xx1 set x2 = f1 from lateral (select * from i4 where f1 = xx1.x1) ss;
delete from xx1 using lateral (select * from i4 where f1 = x1) ss;
update xx1 set x2 = g from generate_series(1, x1) g;
update xx1 set x2 = f1 from i4, lateral (select i4.f1 + 1 as z) ss where z = x1 + 1;
select * from xx1 order by 1;
delete from xx1 using i4 a, lateral (select a.f1) ss where x1 = ss.f1;
select * from xx1 order by 1;
