-- Hypothetical-set aggregates: direct argument count must match the ORDER BY columns (42883 with PostgreSQL's HINT).
select rank(3) within group (order by x, x) from generate_series(1,5) x;
select dense_rank(1, 2) within group (order by x) from generate_series(1,5) x;
select percent_rank() within group (order by x) from generate_series(1,5) x;
select cume_dist(3, 'a') within group (order by x, x::text) from generate_series(1,5) x;
