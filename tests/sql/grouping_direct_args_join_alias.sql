-- Grouping checks: an ordered-set aggregate's direct arguments must use only grouped columns;
-- a USING join's merged column has the sides' common type, so GROUP BY f1 (int cast to bigint)
-- does not group t1.f1.
select rank(x) within group (order by x) from generate_series(1,5) x;
select rank(3) within group (order by x) from generate_series(1,5) x;
select x, rank(x) within group (order by x) from generate_series(1,5) x group by x;
select x, percentile_disc(x/10.0) within group (order by x) from generate_series(1,5) x group by x order by x;
select percentile_disc(count(*)/10.0) within group (order by x) from generate_series(1,5) x;
select x % 2 as k, rank(x % 2) within group (order by x) from generate_series(1,5) x group by x % 2 order by 1;
select rank(x + 1) within group (order by x) from generate_series(1,5) x group by x % 2;
create temp table t1 (f1 int, f2 bigint);
create temp table t2 (f1 bigint, f22 bigint);
insert into t1 values (1, 10), (2, 20);
insert into t2 values (2, 5), (3, 6);
select f1 from t1 left join t2 using (f1) group by f1 order by 1;
select f1 from t1 left join t2 using (f1) group by t1.f1 order by 1;
select t1.f1 from t1 left join t2 using (f1) group by t1.f1 order by 1;
select t1.f1 from t1 left join t2 using (f1) group by f1;
select f1, pg_typeof(f1) from t1 left join t2 using (f1) order by 1;
select f1, pg_typeof(f1) from t1 right join t2 using (f1) order by 1;
select f1, pg_typeof(f1) from t1 join t2 using (f1) order by 1;
select f1, pg_typeof(f1) from t2 join t1 using (f1) order by 1;
select f1, pg_typeof(f1) from t1 full join t2 using (f1) order by 1;
select t2.f1 from t1 right join t2 using (f1) group by f1;
select t2.f1 from t1 join t2 using (f1) group by f1;
select * from t1 left join t2 using (f1) order by 1;
