-- A long run of optional items exceeds PostgreSQL's regex compile-space limit.
select 'x' ~ repeat('x*y*z*', 1000);
select 'x' ~ repeat('x*', 1500);
select 'x' ~ repeat('x*', 1600);
select 'x' ~ repeat('x*y*z*', 400);
select 'xyz' ~ repeat('x*y*z*', 300);
