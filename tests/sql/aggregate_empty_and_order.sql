-- DISTINCT aggregates without ORDER BY sort their input with NULLs last (PostgreSQL's sort);
-- hypothetical-set aggregates over no rows rank the hypothetical row alone.
select array_agg(distinct a) from (values (1),(2),(1),(3),(null),(2)) v(a);
select percent_rank(0) within group (order by x), rank(0) within group (order by x), dense_rank(0) within group (order by x), cume_dist(0) within group (order by x) from generate_series(1,0) x;
select percent_rank(3) within group (order by x), rank(3) within group (order by x), cume_dist(3) within group (order by x) from generate_series(1,5) x;
select rank(3) within group (order by x) filter (where x > 10) from generate_series(1,5) x;
