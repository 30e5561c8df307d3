-- Ordered-set aggregates whose sorted arguments are an outer query's columns belong to that
-- query: a direct argument of the inner level is 42803.
select array(select percentile_disc(a) within group (order by x)
               from (values (0.3),(0.7)) v(a) group by a)
  from generate_series(1,5) g(x);
select array(select percentile_disc(a) within group (order by y)
               from (values (0.3),(0.7)) v(a), generate_series(1,3) y group by a order by a)
  from generate_series(1,2) g(x);
select (select percentile_cont(0.5) within group (order by v.a + g.x) from (values (1),(3)) v(a))
  from generate_series(1,2) g(x);
select (select rank(x) within group (order by v.a) from (values (1),(3)) v(a))
  from generate_series(1,4) g(x);
